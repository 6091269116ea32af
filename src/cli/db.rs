//! The arguments of `usermgr db`.

use clap::{Args, Subcommand};

/// `usermgr db`
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy every account, membership, token, session, setting, email and audit event
    /// from SRC into DEST (a new SQLite file or an empty PostgreSQL database)
    Copy(DbCopyArgs),
}

/// `usermgr db copy`
#[derive(Debug, Args)]
pub struct DbCopyArgs {
    /// The database to copy: a SQLite file or a postgres:// URL
    #[arg(value_name = "SRC")]
    pub src: String,
    /// Where to copy it: a SQLite file that does not exist yet, or an empty PostgreSQL
    /// database's URL
    #[arg(value_name = "DEST")]
    pub dest: String,
}
