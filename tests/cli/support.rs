//! A sandbox per test: its own directory, database and environment.
//!
//! The database is a SQLite file in the sandbox, or, under `USERMGR_TEST_DB=postgres`, a
//! database of its own on the PostgreSQL server `USERMGR_TEST_PG` names (scripts/test starts
//! a throwaway one), created with the sandbox and dropped with it. `sb.count`, `sb.sql` and
//! `sb.db_bytes` read either, so a test reads the same way on both.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use assert_cmd::Command;
use tempfile::TempDir;

/// Password of the administrator `init` creates in [`Sandbox::with_admin`].
pub const ADMIN_PW: &str = "admin-correct-horse";
/// Email of that administrator.
pub const ADMIN: &str = "admin@acme.test";

/// One test's world.
pub struct Sandbox {
    pub dir: TempDir,
    pg: Option<PgDb>,
}

/// The sandbox's own database on the test PostgreSQL server.
struct PgDb {
    name: String,
    url: String,
    /// One connection for the test's reads, opened on first use.
    client: Mutex<Option<postgres::Client>>,
}

/// Whether the integration tests run against PostgreSQL (`USERMGR_TEST_DB=postgres`).
pub fn on_postgres() -> bool {
    match std::env::var("USERMGR_TEST_DB").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Ok("") | Err(_) => false,
        Ok(other) => panic!("USERMGR_TEST_DB={other}: use sqlite or postgres"),
    }
}

/// Whether a check about the SQLite file itself (its mode, WAL, a foreign or read-only file)
/// runs: true on SQLite; on PostgreSQL false, printing why it is skipped.
pub fn sqlite_only(why: &str) -> bool {
    if on_postgres() {
        eprintln!("skipped on PostgreSQL: {why}");
        return false;
    }
    true
}

/// The URL of the test PostgreSQL server (a role that may create databases).
pub fn pg_server_url() -> String {
    std::env::var("USERMGR_TEST_PG").unwrap_or_else(|_| {
        panic!("USERMGR_TEST_DB=postgres needs USERMGR_TEST_PG, the URL of a server (scripts/test starts one)")
    })
}

/// `url` naming database `name` instead of the one it names.
pub fn pg_url_with_db(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..authority_end])
}

/// The connection to the server's maintenance database that creates and drops the
/// sandboxes' databases (one for the whole test binary).
static PG_ADMIN: Mutex<Option<postgres::Client>> = Mutex::new(None);

/// Runs one statement on the maintenance connection, reconnecting when it was lost.
fn pg_admin(statement: &str) -> Result<(), postgres::Error> {
    let mut guard = PG_ADMIN.lock().unwrap_or_else(|e| e.into_inner());
    if guard.as_ref().is_none_or(|c| c.is_closed()) {
        *guard = Some(postgres::Client::connect(
            &pg_server_url(),
            postgres::NoTls,
        )?);
    }
    let result = guard.as_mut().expect("connected").batch_execute(statement);
    if result.is_err() {
        *guard = None;
    }
    result
}

/// A fresh database on the test server; returns its name and URL.
pub fn pg_create_db() -> (String, String) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "usermgr_t_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    pg_admin(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("create test database {name}: {e}"));
    let url = pg_url_with_db(&pg_server_url(), &name);
    (name, url)
}

/// Drops a database made by [`pg_create_db`], ending its sessions.
pub fn pg_drop_db(name: &str) {
    if let Err(e) = pg_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")) {
        eprintln!("warning: cannot drop test database {name}: {e}");
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = self.client.lock() {
            c.take();
        }
        pg_drop_db(&self.name);
    }
}

/// One value read from either database.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bool(bool),
}

/// A Rust value a [`Cell`] converts to (a 0/1 integer and a boolean convert both ways, as
/// SQLite stores flags as integers).
pub trait FromCell: Sized {
    fn from_cell(cell: Cell) -> Self;
}

impl FromCell for Cell {
    fn from_cell(cell: Cell) -> Self {
        cell
    }
}

impl FromCell for i64 {
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Int(i) => i,
            Cell::Bool(b) => i64::from(b),
            other => panic!("expected an integer, read {other:?}"),
        }
    }
}

impl FromCell for bool {
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Bool(b) => b,
            Cell::Int(i) => i != 0,
            other => panic!("expected a boolean, read {other:?}"),
        }
    }
}

impl FromCell for f64 {
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Real(f) => f,
            #[allow(clippy::cast_precision_loss)]
            Cell::Int(i) => i as f64,
            other => panic!("expected a number, read {other:?}"),
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Text(s) => s,
            other => panic!("expected text, read {other:?}"),
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: Cell) -> Self {
        match cell {
            Cell::Null => None,
            other => Some(T::from_cell(other)),
        }
    }
}

fn sqlite_cell(v: rusqlite::types::ValueRef<'_>) -> Cell {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(f) => Cell::Real(f),
        ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Cell::Text(hex::encode(b)),
    }
}

fn pg_cell(row: &postgres::Row, i: usize) -> Cell {
    use postgres::types::Type;
    let ty = row.columns()[i].type_().clone();
    let cell = match ty {
        Type::BOOL => row.get::<_, Option<bool>>(i).map(Cell::Bool),
        Type::INT2 => row.get::<_, Option<i16>>(i).map(|v| Cell::Int(v.into())),
        Type::INT4 => row.get::<_, Option<i32>>(i).map(|v| Cell::Int(v.into())),
        Type::INT8 => row.get::<_, Option<i64>>(i).map(Cell::Int),
        Type::FLOAT4 => row.get::<_, Option<f32>>(i).map(|v| Cell::Real(v.into())),
        Type::FLOAT8 => row.get::<_, Option<f64>>(i).map(Cell::Real),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.get::<_, Option<String>>(i).map(Cell::Text)
        }
        Type::BYTEA => row
            .get::<_, Option<Vec<u8>>>(i)
            .map(|b| Cell::Text(hex::encode(b))),
        // CITEXT and other text-like types the driver reads as strings.
        other if <String as postgres::types::FromSql>::accepts(&other) => {
            row.get::<_, Option<String>>(i).map(Cell::Text)
        }
        other => panic!("a test query returned a {other} column: cast it to bigint or text"),
    };
    cell.unwrap_or(Cell::Null)
}

impl Sandbox {
    /// An empty sandbox (no database yet; on PostgreSQL an empty database of its own).
    pub fn new() -> Sandbox {
        Sandbox::new_on(on_postgres())
    }

    /// An empty sandbox on PostgreSQL (`true`, needs `USERMGR_TEST_PG`) or SQLite, whatever
    /// `USERMGR_TEST_DB` says.
    pub fn new_on(postgres: bool) -> Sandbox {
        let pg = postgres.then(|| {
            let (name, url) = pg_create_db();
            PgDb {
                name,
                url,
                client: Mutex::new(None),
            }
        });
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            pg,
        }
    }

    /// The sandbox's database opened through the library, for setting up what no command
    /// does.
    pub fn store(&self) -> usermgr::store::Store {
        use usermgr::store::postgres::url::{PasswordSources, PgUrl};
        use usermgr::store::Store;
        match &self.pg {
            Some(pg) => {
                let none = PasswordSources {
                    pgpassword: None,
                    pgpass_file: None,
                };
                Store::open_postgres(&PgUrl::parse(&pg.url, &none).expect("the test URL"))
                    .expect("open the test database")
            }
            None => Store::open(&self.db()).expect("open the test database"),
        }
    }

    /// Whether this sandbox's database is on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// A sandbox with organization Acme and its administrator logged in.
    pub fn with_admin() -> Sandbox {
        Sandbox::with_admin_on(on_postgres())
    }

    /// [`Sandbox::with_admin`] on PostgreSQL (`true`) or SQLite.
    pub fn with_admin_on(postgres: bool) -> Sandbox {
        let sb = Sandbox::new_on(postgres);
        sb.init_acme();
        sb
    }

    /// `usermgr init` of organization Acme with its administrator, who is logged in.
    pub fn init_acme(&self) {
        self.ok(
            &[
                "init",
                "--org",
                "Acme",
                "--admin",
                ADMIN,
                "--password-stdin",
            ],
            Some(ADMIN_PW),
        );
    }

    /// The sandbox directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database file (SQLite; on PostgreSQL a path nothing uses).
    pub fn db(&self) -> PathBuf {
        self.path().join("usermgr.db")
    }

    /// The database as `--db` / `USERMGR_DB` names it: the file, or the URL (with password).
    pub fn db_arg(&self) -> String {
        match &self.pg {
            Some(pg) => pg.url.clone(),
            None => self.db().display().to_string(),
        }
    }

    /// The folder of the default `file:` outbox: beside the database file, or for a database
    /// URL `outbox/` in the data directory.
    pub fn outbox_dir(&self) -> PathBuf {
        match &self.pg {
            Some(_) => self.path().join("data").join("usermgr").join("outbox"),
            None => self.path().join("outbox"),
        }
    }

    /// Whether a database was made: the file exists, or the server database has tables.
    pub fn db_created(&self) -> bool {
        match &self.pg {
            Some(_) => self.tables().next().is_some(),
            None => self.db().exists(),
        }
    }

    /// Gives a command the sandbox's scrubbed environment (no USERMGR_* but the database,
    /// home and XDG directories inside the sandbox, fixed width and time zone).
    pub fn apply_env<'c>(&self, c: &'c mut std::process::Command) -> &'c mut std::process::Command {
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200")
            .env("TZ", "UTC")
            .env("USERMGR_DB", self.db_arg())
            .current_dir(self.path())
    }

    /// The usermgr binary as a plain std command in the sandbox (for spawning processes
    /// side by side or on a pseudo-terminal).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("usermgr"));
        self.apply_env(&mut c);
        c
    }

    /// A usermgr command with a scrubbed environment pointing into the sandbox.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// Runs usermgr with these arguments and optional stdin (a line feed is appended).
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut c = self.cmd();
        c.args(args);
        match stdin {
            Some(s) => c.write_stdin(format!("{s}\n")),
            None => c.write_stdin(""),
        };
        c.output().expect("run usermgr")
    }

    /// Runs usermgr acting with a session token (USERMGR_TOKEN) instead of the stored
    /// session, e.g. as a member while the administrator stays logged in.
    pub fn run_as(&self, token: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut c = self.cmd();
        c.env("USERMGR_TOKEN", token).args(args);
        c.write_stdin(stdin.map(|s| format!("{s}\n")).unwrap_or_default());
        c.output().expect("run usermgr")
    }

    /// Like [`Sandbox::run_as`], asserting success; returns stdout.
    pub fn ok_as(&self, token: &str, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run_as(token, args, stdin);
        assert!(
            out.status.success(),
            "usermgr {args:?} failed with {:?}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "usermgr {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs and asserts the exit code; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.run(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(code),
            "usermgr {args:?}: expected exit {code}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Runs with `-o json` and parses stdout.
    pub fn json(&self, args: &[&str], stdin: Option<&str>) -> serde_json::Value {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let out = self.ok(&full, stdin);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    /// Logs in as `email` and returns the session token (also stored).
    pub fn login(&self, email: &str, password: &str) -> String {
        self.ok(
            &["login", email, "--password-stdin", "--print-token"],
            Some(password),
        )
        .trim()
        .to_string()
    }

    /// Every byte of the database files (db, WAL), for "no secret stored" checks; on
    /// PostgreSQL every row of every table as text.
    pub fn db_bytes(&self) -> Vec<u8> {
        if self.is_postgres() {
            let mut all = Vec::new();
            for table in self.tables().collect::<Vec<_>>() {
                let rows: Vec<String> =
                    self.column(&format!("SELECT t::text FROM \"{table}\" t ORDER BY 1"));
                all.extend(format!("{table}\n").into_bytes());
                for r in rows {
                    all.extend(r.into_bytes());
                    all.push(b'\n');
                }
            }
            return all;
        }
        let mut all = Vec::new();
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", self.db().display()));
            if let Ok(b) = std::fs::read(p) {
                all.extend(b);
            }
        }
        all
    }

    /// The tables of the database (on PostgreSQL outside the system schemas).
    fn tables(&self) -> impl Iterator<Item = String> {
        let names: Vec<String> = if self.is_postgres() {
            self.column(
                "SELECT tablename::text FROM pg_tables \
                 WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
            )
        } else {
            self.column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")
        };
        names.into_iter()
    }

    /// Runs `f` with the connection of this sandbox's PostgreSQL database.
    fn with_pg<T>(&self, f: impl FnOnce(&mut postgres::Client) -> T) -> T {
        let pg = self.pg.as_ref().expect("a PostgreSQL sandbox");
        let mut guard = pg.client.lock().unwrap_or_else(|e| e.into_inner());
        if guard.as_ref().is_none_or(|c| c.is_closed()) {
            let client = postgres::Client::connect(&pg.url, postgres::NoTls)
                .unwrap_or_else(|e| panic!("connect to {}: {e}", pg.name));
            *guard = Some(client);
        }
        f(guard.as_mut().expect("connected"))
    }

    /// Every row of a query, as cells.
    pub fn rows(&self, query: &str) -> Vec<Vec<Cell>> {
        if self.is_postgres() {
            return self.with_pg(|c| {
                c.query(query, &[])
                    .unwrap_or_else(|e| panic!("{query}: {e}"))
                    .iter()
                    .map(|r| (0..r.len()).map(|i| pg_cell(r, i)).collect())
                    .collect()
            });
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        let mut stmt = conn
            .prepare(query)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| sqlite_cell(r.get_ref(i).expect("column")))
                .collect())
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .map(|r| r.expect("row"))
        .collect()
    }

    /// The first column of every row of a query.
    pub fn column<T: FromCell>(&self, query: &str) -> Vec<T> {
        self.rows(query)
            .into_iter()
            .map(|mut r| T::from_cell(r.swap_remove(0)))
            .collect()
    }

    /// Counts the rows of a table, read straight from the database.
    pub fn count(&self, table: &str) -> i64 {
        self.sql(&format!("SELECT count(*) FROM {table}"))
    }

    /// Runs one SQL query returning a single value, for assertions on stored state (SQL both
    /// databases understand).
    pub fn sql<T: FromCell>(&self, query: &str) -> T {
        let mut rows = self.rows(query);
        assert_eq!(rows.len(), 1, "{query}: expected one row");
        let mut row = rows.swap_remove(0);
        T::from_cell(row.swap_remove(0))
    }

    /// Runs statements that change stored state (setting up a case the commands cannot).
    pub fn exec(&self, statements: &str) {
        if self.is_postgres() {
            self.with_pg(|c| c.batch_execute(statements))
                .unwrap_or_else(|e| panic!("{statements}: {e}"));
            return;
        }
        rusqlite::Connection::open(self.db())
            .expect("open db")
            .execute_batch(statements)
            .unwrap_or_else(|e| panic!("{statements}: {e}"));
    }

    /// Runs statements as usermgr's connections would (foreign keys on, in SQLite too) and
    /// says whether the database accepted them: for the schema's own checks.
    pub fn try_exec(&self, statements: &str) -> Result<(), String> {
        if self.is_postgres() {
            return self.with_pg(|c| c.batch_execute(statements)).map_err(|e| {
                let code = e.code().map_or("", |c| c.code());
                format!(
                    "SQLSTATE {code}: {}",
                    e.as_db_error()
                        .map_or(e.to_string(), |d| d.message().to_string())
                )
            });
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        conn.pragma_update(None, "foreign_keys", "ON")
            .expect("foreign_keys");
        conn.execute_batch(statements).map_err(|e| e.to_string())
    }

    /// Sets the schema version recorded in the database file, as a newer usermgr would.
    pub fn set_schema_version(&self, version: usize) {
        if self.is_postgres() {
            self.exec(&format!("UPDATE usermgr_schema SET version = {version}"));
            return;
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        conn.pragma_update(None, "user_version", version)
            .expect("user_version");
    }
}

/// Waits, in short steps, until the wall clock has passed `ms` (milliseconds since the
/// epoch, e.g. an expiry read from the database): a test waits exactly as long as the rule
/// needs, never a long fixed sleep.
pub fn wait_past(ms: i64) {
    loop {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_millis();
        let now = i64::try_from(now).expect("ms fit i64");
        if now > ms {
            return;
        }
        let left = u64::try_from(ms - now + 1).unwrap_or(1);
        std::thread::sleep(std::time::Duration::from_millis(left.min(100)));
    }
}

/// Creates an SQLite file that is not a usermgr database (someone else's), with `sql` run in it.
pub fn foreign_sqlite(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("create foreign db");
    conn.execute_batch(sql).expect("foreign sql");
}

/// The journal mode of an SQLite file (`delete`, `wal`, ...).
pub fn journal_mode(path: &Path) -> String {
    rusqlite::Connection::open(path)
        .expect("open")
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode")
}

/// Whether `haystack` contains `needle` as bytes.
pub fn contains_bytes(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
