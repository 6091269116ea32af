//! The SQLite backend: one file (mode 0600 in a 0700 directory), WAL, foreign keys, a busy
//! timeout so concurrent commands queue, numbered migrations recorded in `user_version`,
//! and SQLite's errors classified for the store.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::sql::{Conn, DbError, DbErrorKind, Row, Value};
use super::{Backend, Tx};
use crate::error::{Error, Result};

/// The numbered migrations, applied in order; `PRAGMA user_version` records how many ran.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/001_initial.sql"),
    include_str!("migrations/sqlite/002_indexes.sql"),
    include_str!("migrations/sqlite/003_member_indexes.sql"),
    include_str!("migrations/sqlite/004_account_skeletons.sql"),
    include_str!("migrations/sqlite/005_account_disabled.sql"),
    include_str!("migrations/sqlite/006_membership_checks.sql"),
];

/// Tables every usermgr schema has had since the first migration: a file with tables but
/// not these is someone else's database (R33).
const OUR_TABLES: &[&str] = &["accounts", "organizations", "settings"];

/// How long a command waits for another one's write lock before giving up (exit 11).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open SQLite database file.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
    /// The file the path named when it was opened (device, inode).
    file: Option<(u64, u64)>,
}

/// The file a path names now (device, inode).
fn file_at(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// One SQLite transaction.
struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
}

impl Sqlite {
    /// Opens an existing database, upgrading its schema; a missing file is an error that
    /// says how to create one.
    pub fn open(path: &Path) -> Result<Sqlite> {
        if !path.exists() {
            return Err(Error::NotFound(format!(
                "no database at {}; create one with `usermgr init --org NAME --admin EMAIL`, or pass --db",
                path.display()
            )));
        }
        Self::connect(path, false)
    }

    /// Opens an existing database only to read it, as it is: no schema upgrade, no pragma
    /// that writes, and a short wait for locks (shell completion must never change or stall
    /// anything). A database whose schema is not the current one is an error.
    pub fn open_read_only(path: &Path) -> Result<Sqlite> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let conn = if Path::new(&wal).exists() {
            Connection::open_with_flags(path, flags)
        } else {
            // No -wal file: no connection is open and the file holds every commit. Read it
            // as immutable, or SQLite would create -wal and -shm files beside it.
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        }
        .map_err(|e| Error::Busy(format!("cannot open the database {}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_millis(300))?;
        let store = Sqlite {
            conn,
            path: path.to_path_buf(),
            file: file_at(path),
        };
        if store.schema_version()? != MIGRATIONS.len() {
            return Err(Error::Busy(format!(
                "{} has an older schema; any usermgr command upgrades it",
                path.display()
            )));
        }
        Ok(store)
    }

    /// Creates a new database file (mode 0600, in a 0700 directory when it makes one).
    pub fn create(path: &Path) -> Result<Sqlite> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(|e| {
                        Error::Busy(format!(
                            "cannot create the database directory {}: {e}",
                            dir.display()
                        ))
                    })?;
            }
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::Conflict(format!(
                        "a database already exists at {}; use it, or pass another --db",
                        path.display()
                    ))
                } else {
                    Error::Busy(format!(
                        "cannot create the database {}: {e}",
                        path.display()
                    ))
                }
            })?;
        Self::connect(path, true)
    }

    /// Opens the file and makes it a current usermgr database. Before anything is written
    /// (the WAL switch, migrations), the file is checked to be ours (R33): someone else's
    /// SQLite file, or one from a newer usermgr, is left exactly as it was.
    fn connect(path: &Path, created: bool) -> Result<Sqlite> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| {
            Error::Busy(format!("cannot open the database {}: {e}", path.display()))
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every statement goes through the cache: room for all of a command's.
        conn.set_prepared_statement_cache_capacity(64);
        // SQLite opens a file this user may not write read-only without a word, and every
        // command then fails with "attempt to write a readonly database": say which file
        // and what to do instead.
        if conn.is_readonly(rusqlite::DatabaseName::Main)? {
            return Err(Error::Busy(format!(
                "the database {} is read-only for this user; make the file and its folder writable (SQLite writes its journal beside it), or pass --db with a database you can write",
                path.display()
            )));
        }
        let not_a_database = |e: rusqlite::Error| open_error(path, e);
        // Until the file is known to be ours, closing must not checkpoint a WAL someone
        // else left beside it: a refused file stays byte-for-byte as it was (R33).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        Self::check_ours(&conn, path, created)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        // WAL is a property of the file: switch once, not on every open.
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(not_a_database)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(not_a_database)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The last connection's close checkpoints the WAL (SQLite's default): skipping that
        // leaves every later command to rebuild the WAL index from a growing WAL on open.
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Sqlite {
            conn,
            path: path.to_path_buf(),
            file: file_at(path),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Reads, without writing, whether the file holds a usermgr schema this build can use.
    fn check_ours(conn: &Connection, path: &Path, created: bool) -> Result<()> {
        let version: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        let mut st = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?;
        let tables = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let ours = OUR_TABLES.iter().all(|t| tables.iter().any(|n| n == t));
        if !ours && (!tables.is_empty() || version != 0 || !created) {
            let what = if tables.is_empty() {
                "it is an empty SQLite file".to_string()
            } else {
                format!(
                    "it holds other tables ({}) and no usermgr schema",
                    tables
                        .iter()
                        .take(5)
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(Error::invalid(format!(
                "{} is not a usermgr database: {what}; it was left unchanged; pass --db with the right file, or create a new one with `usermgr init`",
                path.display()
            )));
        }
        if version > MIGRATIONS.len() {
            return Err(Error::Busy(format!(
                "the database {} has schema version {version}, newer than this usermgr knows (schema version {}); upgrade usermgr to use it",
                path.display(),
                MIGRATIONS.len()
            )));
        }
        Ok(())
    }

    /// Applies the migrations this database has not had yet, each in its own transaction.
    fn migrate(&mut self) -> Result<()> {
        self.migrate_to(MIGRATIONS.len())
    }

    /// Applies migrations up to `target` (tests use it to build an older schema).
    pub fn migrate_to(&mut self, target: usize) -> Result<()> {
        // The common case, an up-to-date database, takes no write lock.
        if self.schema_version()? == target {
            return Ok(());
        }
        loop {
            let tx = SqliteTx {
                tx: self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?,
            };
            let version: usize = tx.tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version > MIGRATIONS.len() {
                return Err(Error::Busy(format!(
                    "the database {} has schema version {version}, newer than this usermgr knows (schema version {}); upgrade usermgr to use it",
                    self.path.display(),
                    MIGRATIONS.len()
                )));
            }
            if version >= target {
                return Ok(());
            }
            tx.tx.execute_batch(MIGRATIONS[version])?;
            if version + 1 == 4 {
                Tx::over(&tx).backfill_skeletons()?;
            }
            tx.tx.pragma_update(None, "user_version", version + 1)?;
            tx.tx.commit()?;
        }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

impl Backend for Sqlite {
    fn is_alive(&mut self) -> bool {
        // A file moved or replaced under a kept store: the path is the database now.
        self.file.is_some() && file_at(&self.path) == self.file
    }

    fn begin(&mut self, write: bool) -> Result<Box<dyn Conn + '_>> {
        let behavior = if write {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        let tx = self.conn.transaction_with_behavior(behavior)?;
        Ok(Box::new(SqliteTx { tx }))
    }

    fn schema_version(&mut self) -> Result<usize> {
        Sqlite::schema_version(self)
    }

    fn integrity_check(&mut self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn sqlite_path(&self) -> Option<&Path> {
        Some(&self.path)
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
            Value::Texts(_) | Value::Ints(_) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    "SQLite has no array parameters".into(),
                ))
            }
        }))
    }
}

fn value_of(v: ValueRef<'_>) -> std::result::Result<Value, DbError> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => {
            Value::Text(String::from_utf8(t.to_vec()).map_err(|e| DbError::other(e.to_string()))?)
        }
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    })
}

impl Conn for SqliteTx<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> std::result::Result<usize, DbError> {
        let mut st = self.tx.prepare_cached(sql)?;
        Ok(st.execute(rusqlite::params_from_iter(params))?)
    }

    fn query(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> std::result::Result<(), DbError> {
        let mut st = self.tx.prepare_cached(sql)?;
        let n = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        let mut row = Row::default();
        while let Some(r) = rows.next()? {
            let values = row.values_mut();
            values.clear();
            for i in 0..n {
                values.push(value_of(r.get_ref(i)?)?);
            }
            f(&row).map_err(DbError::caller)?;
        }
        Ok(())
    }

    fn execute_batch(&self, sql: &str) -> std::result::Result<(), DbError> {
        Ok(self.tx.execute_batch(sql)?)
    }

    fn commit(self: Box<Self>) -> std::result::Result<(), DbError> {
        Ok(self.tx.commit()?)
    }
}

/// SQLite's errors, classified: busy and locked databases, unique and foreign keys (and
/// the triggers that check references), unreadable files; anything else is internal.
impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> DbError {
        use rusqlite::ErrorCode;
        let kind = match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => DbErrorKind::Busy,
                ErrorCode::ConstraintViolation
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
                        // The schema's only triggers check a membership's references.
                        || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER =>
                {
                    DbErrorKind::ForeignKey
                }
                ErrorCode::ConstraintViolation
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                        || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
                {
                    DbErrorKind::Unique
                }
                ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied => {
                    DbErrorKind::Unavailable
                }
                _ => DbErrorKind::Other,
            },
            _ => DbErrorKind::Other,
        };
        DbError::new(kind, e.to_string())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        DbError::from(e).into()
    }
}

/// An error met while opening: a file that is not SQLite at all is not ours either (exit 3).
fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            Error::invalid(format!(
                "{} is not a usermgr database (not an SQLite file); pass --db with the right file, or create one with `usermgr init`",
                path.display()
            ))
        }
        _ => e.into(),
    }
}

/// `file:PATH?immutable=1`, the path percent-encoded.
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, Store};
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_private_file_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/usermgr.db");
        let mut store = Store::create(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), Store::latest_version());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
        assert_eq!(store.integrity_check().unwrap(), "ok");
        assert!(matches!(Store::create(&path), Err(Error::Conflict(_))));
    }

    #[test]
    fn upgrades_a_database_made_by_the_first_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let store = Sqlite::create_at_version(&path, 1);
            assert_eq!(store.schema_version().unwrap(), 1);
            Store::from_backend(store)
                .write(|tx| {
                    tx.create_org("Acme", 1)?;
                    Ok(())
                })
                .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), Store::latest_version());
        let org = store.read(|tx| tx.org_by_name("acme")).unwrap();
        assert_eq!(org.unwrap().name, "Acme");
        let idx: i64 = Sqlite::open(&path)
            .unwrap()
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='index' AND name='memberships_org'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(idx, 1);
    }

    #[test]
    fn upgrading_fills_in_the_skeletons_and_finds_look_alikes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        {
            let store = Sqlite::create_at_version(&path, 3);
            store
                .conn
                .execute(
                    "INSERT INTO accounts (email, display_email, created_at) VALUES ('admin@acme.test', 'Admin@acme.test', 1)",
                    [],
                )
                .unwrap();
        }
        let skel: String = Sqlite::open(&path)
            .unwrap()
            .conn
            .query_row("SELECT skeleton FROM accounts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(skel, crate::domain::email::skeleton("admin@acme.test"));
        let mut store = Store::open(&path).unwrap();
        let err = store
            .write(|tx| {
                tx.insert_account(
                    &NewAccount {
                        email: "\u{0430}dmin@acme.test",
                        display_email: "\u{0430}dmin@acme.test",
                        name: "",
                        password_hash: None,
                        reset_required: false,
                    },
                    2,
                )
            })
            .unwrap_err();
        assert_eq!(err.exit_code(), 7);
        assert!(err.to_string().contains("Admin@acme.test"), "{err}");
    }

    #[test]
    fn a_reference_deleted_meanwhile_is_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("fk.db")).unwrap();
        let err = store
            .write(|tx| {
                tx.exec(
                    "INSERT INTO group_members (group_id, membership_id) VALUES (999, 999)",
                    &[],
                )?;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(err.exit_code(), 7, "{err}");
        assert!(err.to_string().contains("run it again"));
    }

    #[test]
    fn missing_database_says_how_to_create_one() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(&dir.path().join("none.db")).err().unwrap();
        assert_eq!(err.exit_code(), 6);
        assert!(err.to_string().contains("usermgr init"));
    }

    impl Sqlite {
        fn create_at_version(path: &Path, v: usize) -> Sqlite {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .unwrap();
            let conn = Connection::open(path).unwrap();
            conn.pragma_update(None, "foreign_keys", "ON").unwrap();
            let mut s = Sqlite {
                conn,
                path: path.to_path_buf(),
                file: file_at(path),
            };
            s.migrate_to(v).unwrap();
            s
        }
    }
}
