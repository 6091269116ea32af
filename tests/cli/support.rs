//! A sandbox per test: its own directory, database and environment.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// Password of the administrator `init` creates in [`Sandbox::with_admin`].
pub const ADMIN_PW: &str = "admin-correct-horse";
/// Email of that administrator.
pub const ADMIN: &str = "admin@acme.test";

/// One test's world.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    /// An empty sandbox (no database yet).
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A sandbox with organization Acme and its administrator logged in.
    pub fn with_admin() -> Sandbox {
        let sb = Sandbox::new();
        sb.ok(
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
        sb
    }

    /// The sandbox directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.path().join("usermgr.db")
    }

    /// The database as `--db` takes it.
    pub fn db_arg(&self) -> String {
        self.db().display().to_string()
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
            .env("USERMGR_DB", self.db())
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

    /// Every byte of the database files (db, WAL), for "no secret stored" checks.
    pub fn db_bytes(&self) -> Vec<u8> {
        let mut all = Vec::new();
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", self.db().display()));
            if let Ok(b) = std::fs::read(p) {
                all.extend(b);
            }
        }
        all
    }

    /// Counts the rows of a table, read straight from the database file.
    pub fn count(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }

    /// Runs one SQL query returning a single value, for assertions on stored state.
    pub fn sql<T: rusqlite::types::FromSql>(&self, query: &str) -> T {
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        conn.query_row(query, [], |r| r.get(0)).expect("query")
    }

    /// Runs SQL statements on the database file, for a state no command leaves behind (a
    /// command killed half-way): everything else is set up through the binary.
    pub fn exec(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.db()).expect("open db");
        conn.execute_batch(sql).expect("exec");
    }

    /// Sets the schema version recorded in the database file, as a newer usermgr would.
    pub fn set_schema_version(&self, version: usize) {
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
