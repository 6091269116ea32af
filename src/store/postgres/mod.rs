//! The PostgreSQL backend: a shared directory for many admins on many hosts (SPEC §8).
//!
//! SQLite's `BEGIN IMMEDIATE` serialises every write; the faithful port is a transaction
//! advisory lock taken first in every write transaction, so the rules that read before they
//! write (the last administrator, single-use tokens, the reset deadline, look-alike
//! addresses) hold across processes and hosts exactly as they do on one file. Migrations
//! take the same lock. Reads are REPEATABLE READ snapshots and take no lock.

pub mod tls;
pub mod url;
mod values;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::error::Error as _;
use std::time::Duration;

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Statement};

use super::sql::{dollar_placeholders, query_opt, Conn, DbError, DbErrorKind, Row, Value};
use super::{Backend, Tx};
use crate::error::{Error, Result};
use url::PgUrl;
use values::{value_of, PgText, PgValue};

/// The numbered migrations of this dialect: the same numbers as SQLite's.
pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/001_initial.sql"),
    include_str!("../migrations/postgres/002_indexes.sql"),
    include_str!("../migrations/postgres/003_member_indexes.sql"),
    include_str!("../migrations/postgres/004_account_skeletons.sql"),
    include_str!("../migrations/postgres/005_account_disabled.sql"),
    include_str!("../migrations/postgres/006_membership_checks.sql"),
];

/// The advisory lock every write transaction and migration takes ("usermgr" in ASCII).
const WRITE_LOCK: i64 = 0x0075_7365_726d_6772;

/// How long a transaction waits for a lock (then exit 11), as SQLite's busy timeout: set
/// in each transaction (a pooler refuses it in the startup packet), for the write lock and
/// every lock after it.
const LOCK_TIMEOUT: &str = "SET LOCAL lock_timeout = '60s'";

/// Starts a write transaction and takes the write lock, waiting at most [`LOCK_TIMEOUT`]
/// for another command's. READ COMMITTED whatever the database's default: each statement
/// after the lock sees what the writer before committed, which the rules that span rows
/// (and schema 6's membership checks) count on.
fn begin_write() -> String {
    format!(
        "START TRANSACTION ISOLATION LEVEL READ COMMITTED; {LOCK_TIMEOUT}; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
    )
}

/// An open connection to a PostgreSQL directory.
pub struct Postgres {
    client: Client,
    statements: Statements,
    location: String,
    host: String,
    /// Whether this connection has readied a login's write ([`Backend::warm_up_login`]).
    warm: bool,
}

/// The statements a connection has run. A statement's first run goes unprepared, parse,
/// bind and execute in one round trip (most commands run each statement once: a prepared
/// one costs a round trip more); one that runs again is prepared and kept, so loops and a
/// long-running server bind it with binary parameters.
#[derive(Default)]
struct Statements {
    prepared: HashMap<String, Statement>,
    seen: HashSet<String>,
    /// Prepare at the first run too ([`Backend::prepare_ahead`]).
    ahead: bool,
}

/// One transaction.
struct PgTx<'c> {
    inner: RefCell<Inner<'c>>,
    host: String,
}

/// The connection inside a transaction it began itself (so the `BEGIN` and the write
/// lock go in one round trip); dropped without a commit, it rolls back.
struct Inner<'c> {
    client: &'c mut Client,
    statements: &'c mut Statements,
    open: bool,
}

impl Drop for Inner<'_> {
    fn drop(&mut self) {
        if self.open {
            // A lost connection has nothing to roll back: the server ends it.
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

impl<'c> PgTx<'c> {
    /// Begins a transaction with `begin`, one simple query that starts it and may lock.
    fn begin(
        client: &'c mut Client,
        statements: &'c mut Statements,
        host: String,
        begin: &str,
    ) -> std::result::Result<PgTx<'c>, DbError> {
        let inner = Inner {
            client,
            statements,
            open: true,
        };
        if let Err(e) = inner.client.batch_execute(begin) {
            return Err(classify(&e, &host));
        }
        Ok(PgTx {
            inner: RefCell::new(inner),
            host,
        })
    }
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
            // No `options` in the startup packet: connection poolers (PgBouncer) refuse
            // it. The lock timeout is set by each transaction that waits for the lock.
            let mut config = url.config.clone();
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
            statements: Statements::default(),
            location: url.location.clone(),
            host: url.host.clone(),
            warm: false,
        };
        Ok(pg)
    }

    fn error(&self, e: &postgres::Error) -> Error {
        classify(e, &self.host).into()
    }

    /// Reads, without writing, whether the database holds a usermgr schema this build can
    /// use: its version (0 for an empty database). Someone else's tables are left alone.
    fn check_ours(&mut self) -> Result<usize> {
        let version = match self.probe()? {
            Ok(version) => version,
            Err(_) => {
                // A migration of another process that commits while the probe runs can
                // show its tables without its version row (the catalog is read as of the
                // latest commit, the rows as of the statement's start). Once no migration
                // holds the write lock, the database is what it looks like.
                self.client
                    .batch_execute(&format!("{}; COMMIT", begin_write()))
                    .map_err(|e| self.error(&e))?;
                self.probe()?.map_err(|tables| {
                    Error::invalid(format!(
                        "{} is not a usermgr directory: it holds other tables ({}); it was left unchanged; pass --db with the right database, or an empty one to `usermgr init`",
                        self.location,
                        tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
                    ))
                })?
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

    /// The schema version of a usermgr directory (0 for an empty database), or the tables
    /// of a database that does not look like one.
    fn probe(&mut self) -> Result<std::result::Result<usize, Vec<String>>> {
        // The common case, a usermgr directory, is one round trip (a simple query, no
        // statement to prepare); only a database that is not one (yet) has its tables listed.
        let probe = self.client.simple_query(
            "SELECT version, to_regclass('accounts') IS NOT NULL AND to_regclass('organizations') IS NOT NULL
                 AND to_regclass('settings') IS NOT NULL FROM usermgr_schema",
        );
        let found = match probe {
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
        if let Some((version, true)) = found {
            return Ok(Ok(version));
        }
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
        Ok(if tables.is_empty() {
            Ok(0)
        } else {
            Err(tables)
        })
    }

    /// Applies migrations up to `target`, each in its own transaction under the write
    /// lock, so processes starting together apply each exactly once.
    pub fn migrate_to(&mut self, target: usize) -> Result<()> {
        if self.schema_version()? >= target {
            return Ok(());
        }
        loop {
            let conn = PgTx::begin(
                &mut self.client,
                &mut self.statements,
                self.host.clone(),
                &format!(
                    "{};
                     CREATE TABLE IF NOT EXISTS usermgr_schema (version BIGINT NOT NULL);",
                    begin_write()
                ),
            )?;
            let version: i64 = match query_opt(&conn, "SELECT version FROM usermgr_schema", &[])? {
                Some(r) => r.get(0)?,
                None => 0,
            };
            let version = usize::try_from(version).unwrap_or(0);
            if version >= target {
                return Ok(());
            }
            conn.execute_batch(MIGRATIONS[version])?;
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
        let begin = if write {
            begin_write()
        } else {
            // A read waits only for a table another session alters (a migration, or an
            // administrator's VACUUM FULL): as long as a writer waits for the lock.
            format!("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; {LOCK_TIMEOUT}")
        };
        Ok(Box::new(PgTx::begin(
            &mut self.client,
            &mut self.statements,
            self.host.clone(),
            &begin,
        )?))
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

    fn warm_up_login(&mut self, account_id: Option<i64>) -> Result<()> {
        // A new server backend reads the catalog of every table and index a statement
        // touches the first time it plans one, and plans each foreign key's check the first
        // time it runs: a few milliseconds over a login's write. This makes that write
        // once, rolled back: a session of the account in one of its organizations (none
        // if it has none) and an audit row, with ids and a token no real row has (so it
        // waits on no other login; a lock held elsewhere on the rows it names is waited
        // for a second at most), and an update that matches no row. Its reads are
        // rehearsed apart (`Store::rehearse`). Once per connection: a server's kept
        // connection stays warm.
        if self.warm {
            return Ok(());
        }
        let account = account_id.unwrap_or(0);
        let result = self.client.batch_execute(&format!(
            "START TRANSACTION ISOLATION LEVEL READ COMMITTED;
             SET LOCAL lock_timeout = '1s';
             SET LOCAL statement_timeout = '2s';
             INSERT INTO sessions (id, token_hash, account_id, org_id, created_at, expires_at)
                 SELECT r.id, 'rehearsal:' || r.id, m.account_id, m.org_id, 0, 0
                 FROM (SELECT -1 - floor(random() * 9e18)::bigint AS id) r,
                      (SELECT account_id, org_id FROM memberships WHERE account_id = {account} LIMIT 1) m;
             INSERT INTO audit_log (id, at, actor, org, action, target, outcome, detail)
                 VALUES (-1 - floor(random() * 9e18)::bigint, 0, '', '', '', '', '', '');
             UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = 0;
             SELECT 1 FROM tokens WHERE token_hash = '' AND account_id = 0;
             ROLLBACK"
        ));
        if result.is_err() {
            // Whatever failed left the transaction open: the write to come starts clean.
            let _ = self.client.batch_execute("ROLLBACK");
        }
        self.warm = true;
        result.map_err(|e| self.error(&e))
    }

    fn prepare_ahead(&mut self, on: bool) -> bool {
        self.statements.ahead = on;
        true
    }

    fn is_alive(&mut self) -> bool {
        self.client.is_valid(Duration::from_secs(2)).is_ok()
    }
}

impl Inner<'_> {
    /// Runs a statement: the prepared one of its SQL text once it ran before on this
    /// connection, else unprepared, each parameter sent as text for the server to type as
    /// it would for a prepared statement.
    fn run(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> std::result::Result<postgres::RowIter<'_>, postgres::Error> {
        if let Some(st) = self.statements.prepared.get(sql) {
            let st = st.clone();
            return self.client.query_raw(&st, params.iter().map(PgValue));
        }
        if self.statements.seen.insert(sql.to_string()) && !self.statements.ahead {
            return self.client.query_typed_raw(
                &dollar_placeholders(sql),
                params.iter().map(|v| (PgText(v), PgText::declared(v))),
            );
        }
        let st = self.client.prepare(&dollar_placeholders(sql))?;
        self.statements.prepared.insert(sql.to_string(), st.clone());
        self.client.query_raw(&st, params.iter().map(PgValue))
    }
}

impl Conn for PgTx<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> std::result::Result<usize, DbError> {
        let mut inner = self.inner.borrow_mut();
        let mut rows = inner
            .run(sql, params)
            .map_err(|e| classify(&e, &self.host))?;
        while rows.next().map_err(|e| classify(&e, &self.host))?.is_some() {}
        let n = rows.rows_affected().unwrap_or(0);
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn query(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> std::result::Result<(), DbError> {
        let mut inner = self.inner.borrow_mut();
        let mut rows = inner
            .run(sql, params)
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
            .client
            .batch_execute(sql)
            .map_err(|e| classify(&e, &self.host))
    }

    fn is_postgres(&self) -> bool {
        true
    }

    fn commit(self: Box<Self>) -> std::result::Result<(), DbError> {
        let mut inner = self.inner.into_inner();
        // Whatever the answer, the transaction is over: nothing to roll back on drop.
        inner.open = false;
        inner
            .client
            .batch_execute("COMMIT")
            .map_err(|e| classify(&e, &self.host))
    }
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
                || *c == SqlState::T_R_DEADLOCK_DETECTED =>
        {
            DbErrorKind::Contended
        }
        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => DbErrorKind::Busy,
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
