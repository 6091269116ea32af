//! Error kinds and the exit codes of SPEC §5.

use std::fmt;

mod denied;

pub use denied::Denied;

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
    #[error("{summary}{}", Lines(.details))]
    InvalidRows {
        /// One line saying what was wrong overall.
        summary: String,
        /// One entry per problem of a bad row.
        details: Vec<RowError>,
    },
    /// Authentication failed: credentials, token, lockout or no session (exit 4).
    #[error("{0}")]
    Auth(String),
    /// Permission denied, including the single-organization rule (exit 5).
    #[error("{0}")]
    PermissionDenied(Denied),
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
    /// A PostgreSQL write lost to a serialisation failure or a deadlock: the store runs it
    /// again, and reports it as exit 11 once its attempts run out.
    #[error("{0}")]
    Contended(String),
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

/// Where in the input a bad row is: a CSV line (as `grep -n` numbers it), a JSON item
/// (from 1), an EMAIL argument or a user entered at the prompt (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// A physical line of a CSV file (the header is line 1).
    Line(u64),
    /// An element of a JSON array, from 1.
    Item(u64),
    /// An EMAIL argument, from 1.
    Argument(usize),
    /// A user entered at the guided prompt, from 1.
    Prompted(usize),
}

impl Place {
    /// The key of the place in a JSON error detail, and its number.
    pub fn key(&self) -> (&'static str, u64) {
        match *self {
            Place::Line(n) => ("line", n),
            Place::Item(n) => ("item", n),
            Place::Argument(n) => ("argument", n as u64),
            Place::Prompted(n) => ("user", n as u64),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, n) = self.key();
        write!(f, "{key} {n}")
    }
}

/// One problem of one bad input row: `{"line":59,"column":"email","message":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Where the row is.
    pub place: Place,
    /// The column (CSV) or key (JSON) at fault, when the problem is about one.
    pub column: Option<String>,
    /// What is wrong, for people.
    pub message: String,
}

impl RowError {
    /// A problem of the row at `place` as a whole.
    pub fn new(place: Place, message: impl Into<String>) -> RowError {
        RowError {
            place,
            column: None,
            message: message.into(),
        }
    }

    /// A problem of one column of the row at `place`.
    pub fn at(place: Place, column: &str, message: impl Into<String>) -> RowError {
        // A column named by the input is input too: at most 200 characters of it (R31).
        let column = match column.char_indices().nth(200) {
            Some((i, _)) => format!("{}…", &column[..i]),
            None => column.to_string(),
        };
        RowError {
            place,
            column: Some(column),
            message: message.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl serde::Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (key, n) = self.place.key();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(key, &n)?;
        if let Some(c) = &self.column {
            m.serialize_entry("column", c)?;
        }
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

struct Lines<'a>(&'a [RowError]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for detail in self.0 {
            write!(f, "\n  {detail}")?;
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
            Error::Busy(_) | Error::Contended(_) => 11,
            Error::Cancelled(_) => 130,
            Error::BrokenPipe => 0,
        }
    }

    /// Shorthand for an invalid-input error.
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    /// The permission that, granted, would lift this refusal, when one would.
    pub fn needed_permission(&self) -> Option<crate::domain::permissions::Permission> {
        match self {
            Error::PermissionDenied(d) => d.needed(),
            _ => None,
        }
    }

    /// Shorthand for a refusal said in words (exit 5).
    pub fn denied(msg: impl Into<String>) -> Self {
        Error::PermissionDenied(Denied::Other(msg.into()))
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

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Internal(anyhow::Error::new(e))
        }
    }
}
