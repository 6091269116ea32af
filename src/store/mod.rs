//! Storage: the typed operations the core needs, written once over a backend-neutral
//! [`sql::Conn`], and the backends that open a database and run transactions: SQLite
//! ([`sqlite`]). Commands never see SQL; they call the operations on [`Tx`].

mod accounts;
mod audit;
mod bulk;
mod copy;
mod directory;
mod members;
mod orgs;
mod outbox;
pub mod postgres;
mod settings;
pub mod sql;
mod sqlite;
mod tokens;

use std::path::Path;

use crate::error::{Error, Result};
use sql::{query_all, query_opt, Conn, DbError, Row, Value};

pub use accounts::{Account, NewAccount};
pub use audit::{AuditColumn, AuditEvent, AuditFilter};
pub use copy::{copy_all, Copied};
pub use directory::{Collection, FieldDef, NamedItem};
pub use members::{MemberFilter, MemberRow};
pub use orgs::{Membership, Org, PermissionSet};
pub use outbox::{MailKind, MailState, NewMail, OutboxRow};
pub use tokens::{SessionRow, TokenRow};

/// How many times a write transaction runs before a serialisation failure or a deadlock is
/// reported (exit 11).
pub const WRITE_ATTEMPTS: u32 = 4;

/// What a database backend does beyond running statements: transactions, the schema
/// version, a health check and where it is.
pub trait Backend: Send {
    /// Starts a transaction: a write transaction takes the database's write lock at once,
    /// so concurrent writers queue (rules that span rows hold); a read one is a snapshot.
    fn begin(&mut self, write: bool) -> Result<Box<dyn Conn + '_>>;
    /// The schema version of the open database.
    fn schema_version(&mut self) -> Result<usize>;
    /// A consistency check of the whole database: "ok" or what is wrong.
    fn integrity_check(&mut self) -> Result<String>;
    /// Where the database is, for messages (a path, or a URL without its password).
    fn location(&self) -> String;
    /// The file of a SQLite database (its outbox and journal live beside it).
    fn sqlite_path(&self) -> Option<&Path> {
        None
    }
    /// Readies what a login's write transaction touches (for `account_id`'s login, when
    /// the account exists), ahead of it; nothing of it stays. A file has nothing to ready.
    fn warm_up_login(&mut self, _account_id: Option<i64>) -> Result<()> {
        Ok(())
    }
    /// From now on (`on`), or no longer, prepares each statement at its first run and keeps
    /// it, so statements run ahead of a transaction to come are only bound and executed
    /// there. false: the backend has nothing to gain (SQLite keeps its statements itself).
    fn prepare_ahead(&mut self, _on: bool) -> bool {
        false
    }
    /// Whether the database still answers (a kept connection the server closed does not).
    fn is_alive(&mut self) -> bool {
        true
    }
}

/// Where a database is, resolved and ready to open any number of times (a server opens
/// one per request).
#[derive(Clone)]
pub enum DbSpec {
    /// A SQLite file.
    File(std::path::PathBuf),
    /// A PostgreSQL URL, its password completed.
    Postgres(Box<postgres::url::PgUrl>),
}

/// An open database.
pub struct Store {
    db: Box<dyn Backend>,
}

/// One transaction; every operation of the store is a method of this type.
pub struct Tx<'a> {
    conn: &'a dyn Conn,
}

impl Store {
    /// Opens an existing SQLite database, upgrading its schema; a missing file is an error
    /// that says how to create one.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store::from_backend(sqlite::Sqlite::open(path)?))
    }

    /// Opens an existing SQLite database only to read it, as it is: no schema upgrade, no
    /// pragma that writes, a short wait for locks (shell completion never changes anything).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Ok(Store::from_backend(sqlite::Sqlite::open_read_only(path)?))
    }

    /// Creates a new SQLite database file (mode 0600, in a 0700 directory when it makes one).
    pub fn create(path: &Path) -> Result<Store> {
        Ok(Store::from_backend(sqlite::Sqlite::create(path)?))
    }

    /// Opens an existing database of either kind.
    pub fn open_spec(spec: &DbSpec) -> Result<Store> {
        match spec {
            DbSpec::File(p) => Store::open(p),
            DbSpec::Postgres(url) => Store::open_postgres(url),
        }
    }

    /// Connects to an existing PostgreSQL directory, upgrading its schema.
    pub fn open_postgres(url: &postgres::url::PgUrl) -> Result<Store> {
        Ok(Store::from_backend(postgres::Postgres::open(url)?))
    }

    /// Connects to a PostgreSQL database for `init`, giving an empty one the schema.
    pub fn create_postgres(url: &postgres::url::PgUrl) -> Result<Store> {
        Ok(Store::from_backend(postgres::Postgres::create(url)?))
    }

    pub(super) fn from_backend(db: impl Backend + 'static) -> Store {
        Store { db: Box::new(db) }
    }

    /// The schema version of the open database.
    pub fn schema_version(&mut self) -> Result<usize> {
        self.db.schema_version()
    }

    /// The number of migrations this build knows (the same for every backend).
    pub fn latest_version() -> usize {
        sqlite::MIGRATIONS.len()
    }

    /// Where the database is, for messages.
    pub fn location(&self) -> String {
        self.db.location()
    }

    /// The file of a SQLite database; `None` for a server database.
    pub fn sqlite_path(&self) -> Option<&Path> {
        self.db.sqlite_path()
    }

    /// Runs `f` in a write transaction (taken at once, so concurrent writers queue) and
    /// commits only when it succeeds. A transaction PostgreSQL aborts for a serialisation
    /// failure or a deadlock (with a session outside usermgr: usermgr's own writers queue on
    /// one lock) is run again, `f` and all, up to [`WRITE_ATTEMPTS`] times.
    pub fn write<T>(&mut self, mut f: impl FnMut(&Tx<'_>) -> Result<T>) -> Result<T> {
        let mut attempt = 1;
        loop {
            let result = self.db.begin(true).and_then(|conn| {
                let value = f(&Tx::over(&*conn))?;
                conn.commit()?;
                Ok(value)
            });
            match result {
                Err(Error::Contended(_)) if attempt < WRITE_ATTEMPTS => {
                    // Apart, so two retrying writers do not meet again at once.
                    let jitter = u64::from(std::process::id() % 20);
                    std::thread::sleep(std::time::Duration::from_millis(
                        20 * u64::from(attempt) + jitter,
                    ));
                    attempt += 1;
                }
                Err(Error::Contended(m)) => {
                    return Err(Error::Busy(format!(
                        "{m}; gave up after {WRITE_ATTEMPTS} attempts; nothing of this command was written; run it again"
                    )))
                }
                other => return other,
            }
        }
    }

    /// Runs `f` in a read transaction (a consistent snapshot).
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let conn = self.db.begin(false)?;
        let value = f(&Tx::over(&*conn))?;
        conn.commit()?;
        Ok(value)
    }

    /// Readies what the write of `account_id`'s login (or of a login of an unknown
    /// address) touches while the password hashes, so a new PostgreSQL connection does not
    /// plan its first statements on a cold catalog after the hash. Changes nothing; a
    /// failure here is left for the write to meet.
    pub fn warm_up_login(&mut self, account_id: Option<i64>) {
        let _ = self.db.warm_up_login(account_id);
    }

    /// Runs `f`, the reads of a transaction to come, with every statement prepared and kept
    /// on the connection: they plan over a warm catalog now, while nothing waits on them,
    /// and are only bound and executed when the transaction makes them. A backend with
    /// nothing to gain skips `f`.
    pub fn rehearse(&mut self, f: impl FnOnce(&mut Store)) {
        if self.db.prepare_ahead(true) {
            f(self);
            self.db.prepare_ahead(false);
        }
    }

    /// Whether the database still answers: a kept PostgreSQL connection the server closed
    /// meanwhile (a restart, a proxy's idle timeout) does not. One round trip on a server.
    pub fn is_alive(&mut self) -> bool {
        self.db.is_alive()
    }

    /// Checks the whole database: "ok" or what is wrong.
    pub fn integrity_check(&mut self) -> Result<String> {
        self.db.integrity_check()
    }
}

impl<'a> Tx<'a> {
    /// The typed operations over one open transaction of a backend.
    pub(crate) fn over(conn: &'a dyn Conn) -> Tx<'a> {
        Tx { conn }
    }

    /// Runs a statement; returns how many rows it changed.
    pub(super) fn exec(&self, sql: &str, params: &[Value]) -> Result<usize> {
        Ok(self.conn.execute(sql, params)?)
    }

    /// Runs an `INSERT … RETURNING id` and returns the new row's id.
    fn insert(&self, sql: &str, params: &[Value]) -> std::result::Result<i64, DbError> {
        let row = query_opt(self.conn, sql, params)?
            .ok_or_else(|| DbError::other("an insert returned no id"))?;
        row.get(0)
    }

    /// The one row a query must return, converted by `f`.
    fn one<T>(
        &self,
        sql: &str,
        params: &[Value],
        f: impl FnOnce(&Row) -> std::result::Result<T, DbError>,
    ) -> Result<T> {
        let row = query_opt(self.conn, sql, params)?
            .ok_or_else(|| DbError::other("a query returned no row"))?;
        Ok(f(&row)?)
    }

    /// The first row of a query, if any, converted by `f`.
    fn opt<T>(
        &self,
        sql: &str,
        params: &[Value],
        f: impl FnOnce(&Row) -> std::result::Result<T, DbError>,
    ) -> Result<Option<T>> {
        match query_opt(self.conn, sql, params)? {
            Some(row) => Ok(Some(f(&row)?)),
            None => Ok(None),
        }
    }

    /// Every row of a query, converted by `f`.
    fn all<T>(
        &self,
        sql: &str,
        params: &[Value],
        f: impl Fn(&Row) -> std::result::Result<T, DbError>,
    ) -> Result<Vec<T>> {
        query_all(self.conn, sql, params)?
            .iter()
            .map(|r| f(r).map_err(Error::from))
            .collect()
    }

    /// Whether the transaction is PostgreSQL's (for the few statements the dialects spell
    /// differently).
    fn is_postgres(&self) -> bool {
        self.conn.is_postgres()
    }

    /// Calls `f` with each row of a query as it streams.
    fn each(
        &self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        Ok(self.conn.query(sql, params, &mut f)?)
    }
}

/// Turns a UNIQUE violation into a conflict error with the given message.
fn conflict_on_unique(e: DbError, msg: impl FnOnce() -> String) -> Error {
    match e.kind {
        sql::DbErrorKind::Unique => Error::Conflict(msg()),
        _ => e.into(),
    }
}
