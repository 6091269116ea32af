//! A PostgreSQL URL as usermgr takes it: the connection settings for the `postgres` crate,
//! the TLS mode (libpq's `sslmode`, checked with rustls), where it points without its
//! password (for messages and the session file), and the password from `PGPASSWORD` or
//! `~/.pgpass` when the URL has none.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::Config;
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// How the connection is encrypted (libpq's names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SslMode {
    /// Never TLS.
    Disable,
    /// TLS when the server offers it, without checking its certificate (libpq's default).
    Prefer,
    /// TLS always, without checking the certificate.
    Require,
    /// TLS always, the certificate checked against trusted roots and the host name.
    VerifyFull,
}

/// A parsed `postgres://` URL.
pub struct PgUrl {
    /// Settings for the client (password included when there is one).
    pub config: Config,
    /// The TLS mode.
    pub ssl: SslMode,
    /// `sslrootcert`: a PEM file of roots to trust instead of the system's.
    pub root_cert: Option<PathBuf>,
    /// `postgres://user@host:port/db`: never the password.
    pub location: String,
    /// `host:port`, for messages.
    pub host: String,
}

/// Whether a `--db` value is a PostgreSQL URL.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// Where a password comes from when the URL has none: `PGPASSWORD`, then the pgpass file.
pub struct PasswordSources {
    /// The value of `PGPASSWORD`.
    pub pgpassword: Option<SecretString>,
    /// `PGPASSFILE`, else `~/.pgpass`, if it exists.
    pub pgpass_file: Option<PathBuf>,
}

impl PgUrl {
    /// Parses a URL; `sslmode` and `sslrootcert` are taken here, everything else by the
    /// `postgres` crate. Errors name the problem without echoing the URL's password.
    pub fn parse(url: &str, passwords: &PasswordSources) -> Result<PgUrl> {
        let shown = crate::mail::transport::redact_userinfo(url);
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut ssl = SslMode::Prefer;
        let mut root_cert = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "sslmode" => {
                    ssl = match v {
                        "disable" => SslMode::Disable,
                        "prefer" | "allow" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-full" => SslMode::VerifyFull,
                        other => {
                            return Err(Error::invalid(format!(
                                "sslmode={other} in {shown} is not supported; use sslmode=disable, require or verify-full"
                            )))
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(v)),
                _ => rest.push(pair),
            }
        }
        let cleaned = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config = Config::from_str(&cleaned).map_err(|e| {
            Error::invalid(format!(
                "{shown} is not a PostgreSQL URL usermgr can use ({e}); write it as postgres://USER@HOST:PORT/DATABASE?sslmode=require"
            ))
        })?;
        config.connect_timeout(Duration::from_secs(5));
        config.application_name("usermgr");
        let host = match (config.get_hosts().first(), config.get_ports().first()) {
            (Some(Host::Tcp(h)), p) => format!("{h}:{}", p.copied().unwrap_or(5432)),
            (Some(Host::Unix(d)), p) => format!("{}:{}", d.display(), p.copied().unwrap_or(5432)),
            (None, p) => format!("localhost:{}", p.copied().unwrap_or(5432)),
        };
        if config.get_user().is_none() {
            return Err(Error::invalid(format!(
                "{shown} names no user; write it as postgres://USER@HOST:PORT/DATABASE"
            )));
        }
        let user = config.get_user().unwrap_or_default().to_string();
        let dbname = config.get_dbname().unwrap_or(&user).to_string();
        if config.get_password().is_none() {
            if let Some(pw) = password_for(&host, &dbname, &user, passwords) {
                config.password(pw.expose_secret());
            }
        }
        let location = format!("postgres://{user}@{host}/{dbname}");
        Ok(PgUrl {
            config,
            ssl,
            root_cert,
            location,
            host,
        })
    }
}

/// The password for a connection from `PGPASSWORD`, else from the first matching line of
/// the pgpass file (`host:port:database:user:password`, `*` matching anything).
fn password_for(
    host_port: &str,
    db: &str,
    user: &str,
    sources: &PasswordSources,
) -> Option<SecretString> {
    if let Some(pw) = &sources.pgpassword {
        return Some(pw.clone());
    }
    let text = std::fs::read_to_string(sources.pgpass_file.as_ref()?).ok()?;
    let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, "5432"));
    pgpass_lookup(&text, host, port, db, user)
}

/// Finds the password of a pgpass file's first matching line.
pub fn pgpass_lookup(
    text: &str,
    host: &str,
    port: &str,
    db: &str,
    user: &str,
) -> Option<SecretString> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() != 5 {
            continue;
        }
        let want = [host, port, db, user];
        let matches = fields[..4]
            .iter()
            .zip(want)
            .all(|(f, w)| f == "*" || f == w || (w == "127.0.0.1" && f == "localhost"));
        if matches {
            return Some(SecretString::from(fields[4].clone()));
        }
    }
    None
}

/// Splits a pgpass line on `:`, honouring `\:` and `\\`.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> PasswordSources {
        PasswordSources {
            pgpassword: None,
            pgpass_file: None,
        }
    }

    #[test]
    fn a_url_shows_without_its_password_and_takes_sslmode() {
        let u = PgUrl::parse(
            "postgres://app:s3cret@db.example:6543/dir?sslmode=verify-full&connect_timeout=9",
            &none(),
        )
        .unwrap();
        assert_eq!(u.location, "postgres://app@db.example:6543/dir");
        assert_eq!(u.ssl, SslMode::VerifyFull);
        assert_eq!(u.config.get_password(), Some(&b"s3cret"[..]));
        let err = PgUrl::parse("postgres://app:s3cret@db/x?sslmode=sometimes", &none())
            .err()
            .unwrap()
            .to_string();
        assert!(!err.contains("s3cret"), "{err}");
        assert!(err.contains("sslmode=sometimes"), "{err}");
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let text = "# comment\nother:5432:*:app:no\ndb.example:*:dir:app:pa\\:ss\n";
        let pw = pgpass_lookup(text, "db.example", "6543", "dir", "app").unwrap();
        assert_eq!(pw.expose_secret(), "pa:ss");
        assert!(pgpass_lookup(text, "db.example", "6543", "dir", "bob").is_none());
    }
}
