//! The PostgreSQL backend: a shared directory for many admins on many hosts (SPEC §8).
//!
//! SQLite's `BEGIN IMMEDIATE` serialises every write; the faithful port is a transaction
//! advisory lock taken first in every write transaction, so the rules that read before they
//! write (the last administrator, single-use tokens, the reset deadline, look-alike
//! addresses) hold across processes and hosts exactly as they do on one file. Migrations
//! take the same lock. Reads are REPEATABLE READ snapshots and take no lock.

mod tls;
pub mod url;

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as _;
use std::time::Duration;

use bytes::BytesMut;
use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, Statement};

use super::sql::{dollar_placeholders, Conn, DbError, DbErrorKind, Row, Value};
use super::{Backend, Tx};
use crate::error::{Error, Result};
use url::PgUrl;

/// The numbered migrations of this dialect: the same numbers as SQLite's.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/001_initial.sql"),
    include_str!("../migrations/postgres/002_indexes.sql"),
    include_str!("../migrations/postgres/003_member_indexes.sql"),
    include_str!("../migrations/postgres/004_account_skeletons.sql"),
    include_str!("../migrations/postgres/005_account_disabled.sql"),
];

/// The advisory lock every write transaction and migration takes ("usermgr" in ASCII).
const WRITE_LOCK: i64 = 0x0075_7365_726d_6772;

/// How long a command waits for another one's write lock before giving up (exit 11), as
/// SQLite's busy timeout.
const LOCK_TIMEOUT: &str = "60s";

/// An open connection to a PostgreSQL directory.
pub struct Postgres {
    client: Client,
    statements: HashMap<String, Statement>,
    location: String,
    host: String,
}

/// One transaction.
struct PgTx<'c> {
    inner: RefCell<Inner<'c>>,
    host: String,
}

struct Inner<'c> {
    tx: postgres::Transaction<'c>,
    statements: &'c mut HashMap<String, Statement>,
}

impl Postgres {
    /// Connects to an existing usermgr directory, upgrading its schema.
    pub fn open(url: &PgUrl) -> Result<Postgres> {
        let mut pg = Postgres::connect(url)?;
        let version = pg.check_ours()?;
        if version == 0 {
            return Err(Error::NotFound(format!(
                "no usermgr directory in {}; create one with `usermgr init --org NAME --admin EMAIL --db URL`",
                pg.location
            )));
        }
        if version < MIGRATIONS.len() {
            pg.migrate_to(MIGRATIONS.len())?;
        }
        Ok(pg)
    }

    /// Connects to a database for `init`: an empty one gets the schema; one that already
    /// holds a directory is left for `init` to refuse (it checks for organizations in its
    /// own write transaction, so two `init`s at once make one directory).
    pub fn create(url: &PgUrl) -> Result<Postgres> {
        let mut pg = Postgres::connect(url)?;
        pg.check_ours()?;
        pg.migrate_to(MIGRATIONS.len())?;
        Ok(pg)
    }

    /// Connects, retrying a refused connection briefly (a server restarting); a timeout,
    /// a refused login or a missing database is final. Every message names the server and
    /// what to check, never the password.
    fn connect(url: &PgUrl) -> Result<Postgres> {
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            let mut config = url.config.clone();
            // Set in the startup packet: no round trip of its own.
            config.options(&format!("-c lock_timeout={LOCK_TIMEOUT}"));
            let result = match url.ssl {
                url::SslMode::Disable => {
                    config.ssl_mode(postgres::config::SslMode::Disable);
                    config.connect(postgres::NoTls)
                }
                url::SslMode::Prefer => config.connect(tls::connector(url)?),
                url::SslMode::Require | url::SslMode::VerifyFull => {
                    config.ssl_mode(postgres::config::SslMode::Require);
                    config.connect(tls::connector(url)?)
                }
            };
            match result {
                Ok(c) => break c,
                Err(e) => {
                    let retry = e.code().is_none() && !is_timeout(&e) && attempt < 3;
                    if !retry {
                        return Err(connect_error(url, &e));
                    }
                    std::thread::sleep(Duration::from_millis(300 * attempt));
                }
            }
        };
        let pg = Postgres {
            client,
            statements: HashMap::new(),
            location: url.location.clone(),
            host: url.host.clone(),
        };
        Ok(pg)
    }

    fn error(&self, e: &postgres::Error) -> Error {
        classify(e, &self.host).into()
    }

    /// Reads, without writing, whether the database holds a usermgr schema this build can
    /// use: its version (0 for an empty database). Someone else's tables are left alone.
    fn check_ours(&mut self) -> Result<usize> {
        // The common case, a usermgr directory, is one round trip (a simple query, no
        // statement to prepare); only a database that is not one (yet) has its tables listed.
        let probe = self.client.simple_query(
            "SELECT version, to_regclass('accounts') IS NOT NULL AND to_regclass('organizations') IS NOT NULL
                 AND to_regclass('settings') IS NOT NULL FROM usermgr_schema",
        );
        let version = match probe {
            Ok(messages) => messages.iter().find_map(|m| match m {
                postgres::SimpleQueryMessage::Row(r) => Some((
                    r.get(0).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0),
                    r.get(1) == Some("t"),
                )),
                _ => None,
            }),
            Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => None,
            Err(e) => return Err(self.error(&e)),
        };
        let version = match version {
            Some((v, true)) => v,
            _ => {
                let tables: Vec<String> = self
                    .client
                    .query(
                        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
                        &[],
                    )
                    .map_err(|e| self.error(&e))?
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
                if tables.is_empty() {
                    return Ok(0);
                }
                return Err(Error::invalid(format!(
                    "{} is not a usermgr directory: it holds other tables ({}); it was left unchanged; pass --db with the right database, or an empty one to `usermgr init`",
                    self.location,
                    tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
                )));
            }
        };
        if version > MIGRATIONS.len() {
            return Err(Error::Busy(format!(
                "the directory {} has schema version {version}, newer than this usermgr knows (schema version {}); upgrade usermgr to use it",
                self.location,
                MIGRATIONS.len()
            )));
        }
        Ok(version)
    }

    /// Applies migrations up to `target`, each in its own transaction under the write
    /// lock, so processes starting together apply each exactly once.
    pub fn migrate_to(&mut self, target: usize) -> Result<()> {
        if self.schema_version()? >= target {
            return Ok(());
        }
        let host = self.host.clone();
        loop {
            let mut tx = self.client.transaction().map_err(|e| classify(&e, &host))?;
            tx.batch_execute(&format!(
                "SELECT pg_advisory_xact_lock({WRITE_LOCK});
                 CREATE TABLE IF NOT EXISTS usermgr_schema (version BIGINT NOT NULL);"
            ))
            .map_err(|e| classify(&e, &host))?;
            let version: i64 = tx
                .query_opt("SELECT version FROM usermgr_schema", &[])
                .map_err(|e| classify(&e, &host))?
                .map_or(0, |r| r.get(0));
            let version = usize::try_from(version).unwrap_or(0);
            if version >= target {
                return Ok(());
            }
            tx.batch_execute(MIGRATIONS[version])
                .map_err(|e| classify(&e, &host))?;
            let conn = PgTx {
                inner: RefCell::new(Inner {
                    tx,
                    statements: &mut self.statements,
                }),
                host: host.clone(),
            };
            if version + 1 == 4 {
                Tx::over(&conn).backfill_skeletons()?;
            }
            conn.execute("DELETE FROM usermgr_schema", &[])?;
            conn.execute(
                "INSERT INTO usermgr_schema (version) VALUES (?1)",
                &[Value::from(version + 1)],
            )?;
            Box::new(conn).commit()?;
        }
    }

    /// The schema version (0 before the first migration).
    fn schema_version(&mut self) -> Result<usize> {
        let exists: bool = self
            .client
            .query_one("SELECT to_regclass('usermgr_schema') IS NOT NULL", &[])
            .map_err(|e| self.error(&e))?
            .get(0);
        if !exists {
            return Ok(0);
        }
        let v: Option<i64> = self
            .client
            .query_opt("SELECT version FROM usermgr_schema", &[])
            .map_err(|e| self.error(&e))?
            .map(|r| r.get(0));
        Ok(v.and_then(|v| usize::try_from(v).ok()).unwrap_or(0))
    }
}

impl Backend for Postgres {
    fn begin(&mut self, write: bool) -> Result<Box<dyn Conn + '_>> {
        let host = self.host.clone();
        let tx = if write {
            let mut tx = self.client.transaction().map_err(|e| classify(&e, &host))?;
            tx.batch_execute(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
                .map_err(|e| classify(&e, &host))?;
            tx
        } else {
            self.client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .map_err(|e| classify(&e, &host))?
        };
        Ok(Box::new(PgTx {
            inner: RefCell::new(Inner {
                tx,
                statements: &mut self.statements,
            }),
            host,
        }))
    }

    fn schema_version(&mut self) -> Result<usize> {
        Postgres::schema_version(self)
    }

    fn integrity_check(&mut self) -> Result<String> {
        // The server keeps its own pages consistent; what can be wrong is the schema.
        let version = Postgres::schema_version(self)?;
        Ok(if version == MIGRATIONS.len() {
            "ok".into()
        } else {
            format!("schema version {version}, expected {}", MIGRATIONS.len())
        })
    }

    fn location(&self) -> String {
        self.location.clone()
    }
}

impl Inner<'_> {
    /// The prepared statement of a SQL text, prepared once per connection.
    fn statement(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(st) = self.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = self.tx.prepare(&dollar_placeholders(sql))?;
        self.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

impl Conn for PgTx<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> std::result::Result<usize, DbError> {
        let mut inner = self.inner.borrow_mut();
        let st = inner.statement(sql).map_err(|e| classify(&e, &self.host))?;
        let values: Vec<PgValue<'_>> = params.iter().map(PgValue).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let n = inner
            .tx
            .execute(&st, &refs)
            .map_err(|e| classify(&e, &self.host))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn query(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> std::result::Result<(), DbError> {
        let mut inner = self.inner.borrow_mut();
        let st = inner.statement(sql).map_err(|e| classify(&e, &self.host))?;
        let mut rows = inner
            .tx
            .query_raw(&st, params.iter().map(PgValue))
            .map_err(|e| classify(&e, &self.host))?;
        let mut row = Row::default();
        while let Some(r) = rows.next().map_err(|e| classify(&e, &self.host))? {
            let values = row.values_mut();
            values.clear();
            for (i, col) in r.columns().iter().enumerate() {
                values.push(value_of(&r, i, col.type_())?);
            }
            f(&row).map_err(DbError::caller)?;
        }
        Ok(())
    }

    fn execute_batch(&self, sql: &str) -> std::result::Result<(), DbError> {
        let mut inner = self.inner.borrow_mut();
        inner
            .tx
            .batch_execute(sql)
            .map_err(|e| classify(&e, &self.host))
    }

    fn is_postgres(&self) -> bool {
        true
    }

    fn commit(self: Box<Self>) -> std::result::Result<(), DbError> {
        let host = self.host.clone();
        self.inner
            .into_inner()
            .tx
            .commit()
            .map_err(|e| classify(&e, &host))
    }
}

/// A column of a row as a [`Value`]: integers (and booleans) as integers, text as text.
fn value_of(r: &postgres::Row, i: usize, ty: &Type) -> std::result::Result<Value, DbError> {
    let bad = |e: postgres::Error| DbError::other(format!("column {i}: {e}"));
    Ok(match *ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(i).map_err(bad)?.into(),
        Type::INT4 => r.try_get::<_, Option<i32>>(i).map_err(bad)?.into(),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(i)
            .map_err(bad)?
            .map(i64::from)
            .into(),
        Type::BOOL => r.try_get::<_, Option<bool>>(i).map_err(bad)?.into(),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i).map_err(bad)?.into(),
        Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i).map_err(bad)?.into(),
        _ => r.try_get::<_, Option<String>>(i).map_err(bad)?.into(),
    })
}

/// A [`Value`] as a parameter of whatever type the server inferred for it.
#[derive(Debug)]
struct PgValue<'a>(&'a Value);

impl ToSql for PgValue<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match (self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Value::Int(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Int(i), _) => i.to_string().as_str().to_sql(&Type::TEXT, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), _) => f.to_string().as_str().to_sql(&Type::TEXT, out),
            (Value::Text(s), &Type::INT8) => s.parse::<i64>()?.to_sql(ty, out),
            (Value::Text(s), _) => s.as_str().to_sql(&Type::TEXT, out),
            (Value::Blob(b), _) => b.as_slice().to_sql(&Type::BYTEA, out),
            (Value::Texts(v), _) => v.to_sql(&Type::TEXT_ARRAY, out),
            (Value::Ints(v), _) => v.to_sql(&Type::INT8_ARRAY, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn is_timeout(e: &postgres::Error) -> bool {
    e.to_string().contains("timeout") || e.to_string().contains("timed out")
}

/// The server's errors, classified for the store.
fn classify(e: &postgres::Error, host: &str) -> DbError {
    let kind = match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION => DbErrorKind::Unique,
        Some(c) if *c == SqlState::FOREIGN_KEY_VIOLATION => DbErrorKind::ForeignKey,
        Some(c)
            if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
                || *c == SqlState::LOCK_NOT_AVAILABLE =>
        {
            DbErrorKind::Busy
        }
        Some(c)
            if *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW
                || *c == SqlState::READ_ONLY_SQL_TRANSACTION =>
        {
            DbErrorKind::Unavailable
        }
        Some(_) => DbErrorKind::Other,
        None => DbErrorKind::Unavailable,
    };
    let message = match kind {
        DbErrorKind::Unavailable => format!(
            "lost the PostgreSQL server at {host} ({}); nothing of this command was committed; check that the server is running and reachable, then run it again",
            describe(e)
        ),
        _ => describe(e),
    };
    DbError::new(kind, message)
}

/// A server error's own message (with its detail), or the I/O cause.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(d) => format!("{}: {d}", db.message()),
            None => db.message().to_string(),
        };
    }
    match e.source() {
        Some(s) => format!("{e}: {s}"),
        None => e.to_string(),
    }
}

/// Why connecting failed, with what to check (exit 11; a missing database is exit 6).
fn connect_error(url: &PgUrl, e: &postgres::Error) -> Error {
    let host = &url.host;
    match e.code() {
        Some(c) if *c == SqlState::INVALID_PASSWORD || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
            Error::Busy(format!(
                "the PostgreSQL server at {host} refused the login ({}); check the user and password (in the URL, PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf",
                describe(e)
            ))
        }
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => Error::NotFound(format!(
            "{} does not exist ({}); create the database (createdb) or fix the URL",
            url.location,
            describe(e)
        )),
        _ => Error::Busy(format!(
            "cannot reach the PostgreSQL server at {host} ({}); check that it is running and accepts connections from this host, the host and port in the URL, and sslmode",
            describe(e)
        )),
    }
}
