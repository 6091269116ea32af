//! Which database a command works on: a SQLite file or a PostgreSQL URL, opened, created
//! and named (never with its password) here.

use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::{project_dirs, Ctx};
use crate::error::Result;
use crate::store::postgres::url::{self as pg_url, PasswordSources, PgUrl};
use crate::store::Store;

/// Which database a command works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// A SQLite file.
    File(PathBuf),
    /// A PostgreSQL URL (it may hold a password: never print it; use its location).
    Postgres(String),
}

impl DbTarget {
    /// A path or URL as given on the command line.
    pub fn from_arg(text: &str) -> DbTarget {
        if pg_url::is_url(text) {
            DbTarget::Postgres(text.to_string())
        } else {
            DbTarget::File(PathBuf::from(text))
        }
    }
}

impl Ctx {
    /// Where the database is: --db, else USERMGR_DB (a path or a PostgreSQL URL), else
    /// usermgr.db in the data directory.
    pub fn db_target(&self) -> Result<DbTarget> {
        let given = match &self.global.db {
            Some(p) => Some(p.clone()),
            None => self.env.get("USERMGR_DB").map(PathBuf::from),
        };
        if let Some(p) = given {
            return Ok(DbTarget::from_arg(&p.to_string_lossy()));
        }
        let dirs = project_dirs()?;
        Ok(DbTarget::File(dirs.data_dir().join("usermgr.db")))
    }

    /// The database file, for what only a SQLite file has (shell completion's read-only
    /// open); a PostgreSQL URL is `None`.
    pub fn db_path(&self) -> Result<Option<PathBuf>> {
        Ok(match self.db_target()? {
            DbTarget::File(p) => Some(p),
            DbTarget::Postgres(_) => None,
        })
    }

    /// The parsed PostgreSQL URL of a target, its password completed from `PGPASSWORD` or
    /// the pgpass file.
    pub fn pg_url(&self, url: &str) -> Result<PgUrl> {
        let pgpass_file = self
            .env
            .get("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| self.env.get("HOME").map(|h| Path::new(h).join(".pgpass")));
        PgUrl::parse(
            url,
            &PasswordSources {
                pgpassword: self
                    .env
                    .get("PGPASSWORD")
                    .map(|p| SecretString::from(p.to_string())),
                pgpass_file,
            },
        )
    }

    /// What a relative `file:` outbox and the default one are anchored on: the database
    /// file (its folder holds `outbox/`), or for a PostgreSQL directory a name in the
    /// platform data directory (so the outbox is `outbox/` there).
    pub fn mail_anchor(&self) -> Result<PathBuf> {
        Ok(match self.db_target()? {
            DbTarget::File(p) => p,
            DbTarget::Postgres(_) => project_dirs()?.data_dir().join("postgres"),
        })
    }

    /// Opens the existing database.
    pub fn open_store(&self) -> Result<Store> {
        self.open_target(&self.db_target()?)
    }

    /// Opens an existing database, whichever kind.
    pub fn open_target(&self, target: &DbTarget) -> Result<Store> {
        match target {
            DbTarget::File(p) => Store::open(p),
            DbTarget::Postgres(url) => Store::open_postgres(&self.pg_url(url)?),
        }
    }

    /// Creates a new database: a new SQLite file, or the schema in a PostgreSQL database.
    pub fn create_target(&self, target: &DbTarget) -> Result<Store> {
        match target {
            DbTarget::File(p) => Store::create(p),
            DbTarget::Postgres(url) => Store::create_postgres(&self.pg_url(url)?),
        }
    }

    /// Where a database is, for messages (a URL without its password).
    pub fn location_of(&self, target: &DbTarget) -> Result<String> {
        Ok(match target {
            DbTarget::File(p) => p.display().to_string(),
            DbTarget::Postgres(url) => self.pg_url(url)?.location,
        })
    }

    /// Where the database is, for messages (a URL without its password).
    pub fn db_location(&self) -> Result<String> {
        self.location_of(&self.db_target()?)
    }
}
