//! SQLite's errors as the crate's: busy and locked databases, deleted references and
//! unreadable files get their own exit codes; anything else is internal.

use crate::error::Error;

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
