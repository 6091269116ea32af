//! Error kinds and the exit codes of SPEC §5.

use std::fmt;

/// Everything a command can fail with; each kind maps to one exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line usage that clap could not catch (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Invalid input: a bad row, email, field value or password (exit 3).
    #[error("{0}")]
    Invalid(String),
    /// Several invalid input rows, all reported at once (exit 3).
    #[error("{summary}{}", Lines(.lines))]
    InvalidRows {
        /// One line saying what was wrong overall.
        summary: String,
        /// One entry per bad row.
        lines: Vec<String>,
    },
    /// Authentication failed: credentials, token, lockout or no session (exit 4).
    #[error("{0}")]
    Auth(String),
    /// Permission denied, including the single-organization rule (exit 5).
    #[error("{0}")]
    PermissionDenied(String),
    /// Something named does not exist (exit 6).
    #[error("{0}")]
    NotFound(String),
    /// Something already exists (exit 7).
    #[error("{0}")]
    Conflict(String),
    /// The reset window closed before the new password was committed (exit 8).
    #[error("{0}")]
    WindowExpired(String),
    /// Email delivery failed for some recipients (exit 9).
    #[error("{0}")]
    Delivery(String),
    /// A password reset is required before a session is given (exit 10).
    #[error("{0}")]
    ResetRequired(String),
    /// The database is busy or unavailable (exit 11).
    #[error("{0}")]
    Busy(String),
    /// The person declined at a confirmation prompt; nothing was changed (exit 130, as a
    /// cancelled prompt, R25).
    #[error("{0}")]
    Cancelled(String),
    /// Stdout was closed by the reader (e.g. `| head`): end quietly.
    #[error("broken pipe")]
    BrokenPipe,
    /// Anything unexpected (exit 1).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

struct Lines<'a>(&'a [String]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.0 {
            write!(f, "\n  {line}")?;
        }
        Ok(())
    }
}

/// Result with this crate's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit code for this error (SPEC §5).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Internal(_) => 1,
            Error::Usage(_) => 2,
            Error::Invalid(_) | Error::InvalidRows { .. } => 3,
            Error::Auth(_) => 4,
            Error::PermissionDenied(_) => 5,
            Error::NotFound(_) => 6,
            Error::Conflict(_) => 7,
            Error::WindowExpired(_) => 8,
            Error::Delivery(_) => 9,
            Error::ResetRequired(_) => 10,
            Error::Busy(_) => 11,
            Error::Cancelled(_) => 130,
            Error::BrokenPipe => 0,
        }
    }

    /// Shorthand for an invalid-input error.
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// Shorthand for a not-found error.
    pub fn not_found(msg: impl Into<String>) -> Self {
        Error::NotFound(msg.into())
    }

    /// Shorthand for an internal error.
    pub fn internal(msg: impl Into<String>) -> Self {
        Error::Internal(anyhow::anyhow!(msg.into()))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return Error::Busy(format!(
                        "the database is busy ({e}); another usermgr command is writing, try again"
                    ))
                }
                ErrorCode::ConstraintViolation
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
                {
                    // Names are checked first, then written in a later transaction: another
                    // command deleted one in between.
                    return Error::Conflict(
                        "a group, site, field, permission set or member this command refers to was deleted while it ran; nothing was written; run it again".into(),
                    );
                }
                ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied => {
                    return Error::Busy(format!("the database is unavailable: {e}"))
                }
                _ => {}
            }
        }
        Error::Internal(anyhow::Error::new(e).context("database error"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Internal(anyhow::Error::new(e))
        }
    }
}
