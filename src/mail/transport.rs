//! Where email goes: the `email.transport` setting, parsed once, and the [`Mailer`]s that
//! do the I/O (a folder of `.eml` files, an SMTP server, or the local sendmail).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SendmailTransport, SmtpTransport};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// How long an SMTP server may take to answer before the delivery counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends one message; the only I/O of the mail module, so building messages stays pure.
pub trait Mailer {
    /// Delivers `msg`, or says why it could not (the text goes into the outbox).
    fn send(&mut self, msg: &Message) -> Result<(), String>;
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain text (a relay on the same host or network).
    None,
    /// Plain connection upgraded with STARTTLS; refuses to continue without it.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

impl TlsMode {
    /// The port used when the setting names none.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// A parsed `email.transport` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportSpec {
    /// `file:DIR`: `.eml` files in DIR, relative to the database's directory.
    File(PathBuf),
    /// `smtp://[user@]host[:port]?tls=none|starttls|tls`.
    Smtp {
        /// Login name; its password comes from `USERMGR_SMTP_PASSWORD`.
        user: Option<String>,
        /// Server name or address.
        host: String,
        /// Server port.
        port: u16,
        /// Connection protection.
        tls: TlsMode,
    },
    /// The local `sendmail` command.
    Sendmail,
}

const FORMS: &str = "use file:DIR, smtp://[user@]host[:port]?tls=none|starttls|tls, or sendmail";

/// A URL-like value with what stands between `//` and the last `@` of its authority
/// replaced by `***`, so that a password in it is never shown (`smtps://u:pw@h` →
/// `smtps://***@h`).
pub fn redact_userinfo(value: &str) -> String {
    let Some(start) = value.find("//").map(|i| i + 2) else {
        return value.to_string();
    };
    let rest = &value[start..];
    // Not stopping at `/`: a careless password may hold one.
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{}***{}", &value[..start], &rest[at..]),
        None => value.to_string(),
    }
}

impl TransportSpec {
    /// Parses the setting, naming what is wrong and the forms that are accepted.
    pub fn parse(value: &str) -> Result<TransportSpec> {
        // The value may hold a password (`smtp://user:secret@host`, or a mistyped scheme):
        // messages quote it with whatever stands between `//` and `@` hidden.
        let shown = redact_userinfo(value);
        let bad = |why: &str| {
            Error::invalid(format!(
                "email.transport {shown:?} is not a transport: {why}; {FORMS}"
            ))
        };
        if value.chars().any(char::is_control) {
            return Err(bad("it contains control characters"));
        }
        if value == "sendmail" {
            return Ok(TransportSpec::Sendmail);
        }
        if let Some(dir) = value.strip_prefix("file:") {
            if dir.trim().is_empty() {
                return Err(bad("file: needs a folder, e.g. file:outbox"));
            }
            return Ok(TransportSpec::File(PathBuf::from(dir)));
        }
        let Some(rest) = value.strip_prefix("smtp://") else {
            return Err(bad("unknown kind"));
        };
        let (authority, query) = match rest.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (rest, None),
        };
        let authority = authority.strip_suffix('/').unwrap_or(authority);
        if authority.contains('/') {
            return Err(bad("an smtp URL has no path"));
        }
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let user = match user {
            // Not echoed: the value holds a password.
            Some(u) if u.contains(':') => {
                return Err(Error::invalid(format!(
                    "email.transport must not contain the SMTP password; use smtp://USER@{hostport}?... and put the password in the USERMGR_SMTP_PASSWORD environment variable ({FORMS})"
                )))
            }
            Some("") => return Err(bad("the user before @ is empty")),
            Some(u) => Some(percent_decode(u).ok_or_else(|| bad("the user has a bad %-escape"))?),
            None => None,
        };
        let (host, port) = split_host_port(hostport).ok_or_else(|| bad("bad host or port"))?;
        if host.is_empty() {
            return Err(bad("the host is missing"));
        }
        let valid_host = host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
        if !valid_host {
            return Err(bad("the host has a character that is not allowed"));
        }
        let mut tls = TlsMode::StartTls;
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", "none")) => tls = TlsMode::None,
                Some(("tls", "starttls")) => tls = TlsMode::StartTls,
                Some(("tls", "tls")) => tls = TlsMode::Tls,
                Some(("tls", _)) => return Err(bad("tls must be none, starttls or tls")),
                _ => return Err(bad(&format!("unknown option {pair:?} (only tls=...)"))),
            }
        }
        // An address, not a name that merely starts like one (`127.mail.example`).
        let loopback = host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if user.is_some() && tls == TlsMode::None && !loopback {
            return Err(bad(
                "logging in with tls=none would send the SMTP password unencrypted; use tls=starttls or tls=tls (tls=none with a user is only allowed to localhost)",
            ));
        }
        Ok(TransportSpec::Smtp {
            user,
            port: port.unwrap_or(tls.default_port()),
            host,
            tls,
        })
    }

    /// Where a `file:` transport writes, resolved against the database's directory.
    pub fn file_dir(dir: &Path, db_path: &Path) -> PathBuf {
        if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            let base = db_path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            base.join(dir)
        }
    }

    /// A short description for messages (never a password).
    pub fn describe(&self, db_path: &Path) -> String {
        match self {
            TransportSpec::File(dir) => {
                format!("folder {}", Self::file_dir(dir, db_path).display())
            }
            TransportSpec::Smtp { host, port, .. } => format!("SMTP server {host}:{port}"),
            TransportSpec::Sendmail => "sendmail".into(),
        }
    }
}

/// Splits `host[:port]`, with `[v6]` hosts in brackets; `None` when the port is not a number
/// from 1 to 65535.
fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']')?;
        match after {
            "" => (h, None),
            p => (h, Some(p.strip_prefix(':')?)),
        }
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => Some(p.parse::<u16>().ok().filter(|n| *n > 0)?),
    };
    Some((host.to_string(), port))
}

/// Decodes `%XX` escapes (a user name like `me%40acme.test`).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Builds the mailer for a transport. `password` is `USERMGR_SMTP_PASSWORD`.
pub fn mailer(
    spec: &TransportSpec,
    db_path: &Path,
    password: Option<&SecretString>,
) -> Result<Box<dyn Mailer>, String> {
    match spec {
        TransportSpec::File(dir) => Ok(Box::new(FileMailer::new(TransportSpec::file_dir(
            dir, db_path,
        ))?)),
        TransportSpec::Sendmail => {
            // lettre's own error for a missing binary is a bare "No such file or directory".
            find_sendmail()?;
            Ok(Box::new(LettreMailer(SendmailTransport::new())))
        }
        TransportSpec::Smtp {
            user,
            host,
            port,
            tls,
        } => {
            let tls = match tls {
                TlsMode::None => Tls::None,
                TlsMode::StartTls => Tls::Required(tls_params(host)?),
                TlsMode::Tls => Tls::Wrapper(tls_params(host)?),
            };
            let mut builder = SmtpTransport::builder_dangerous(host.as_str())
                .port(*port)
                .tls(tls)
                .timeout(Some(SMTP_TIMEOUT));
            if let (Some(user), Some(pw)) = (user, password) {
                builder = builder.credentials(Credentials::new(
                    user.clone(),
                    pw.expose_secret().to_string(),
                ));
            }
            Ok(Box::new(LettreMailer(builder.build())))
        }
    }
}

/// The command the `sendmail` transport runs.
pub const SENDMAIL: &str = "sendmail";

/// Finds the `sendmail` command on PATH, or says what to install or configure instead.
// The process's own PATH: the one lettre's `Command::new("sendmail")` searches.
#[allow(clippy::disallowed_methods)]
pub fn find_sendmail() -> Result<PathBuf, String> {
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    let mut found_not_executable = None;
    for dir in std::env::split_paths(&path_var) {
        let candidate = dir.join(SENDMAIL);
        if let Ok(meta) = fs::metadata(&candidate) {
            use std::os::unix::fs::PermissionsExt;
            if meta.is_file() && meta.permissions().mode() & 0o111 != 0 {
                return Ok(candidate);
            }
            found_not_executable.get_or_insert(candidate);
        }
    }
    Err(match found_not_executable {
        Some(p) => format!(
            "the sendmail command {} is not executable; fix its permissions, or set email.transport to smtp://HOST or file:DIR",
            p.display()
        ),
        None => format!(
            "the sendmail command was not found on PATH ({}); install a mail transfer agent that provides it (e.g. postfix or msmtp-mta), or set email.transport to smtp://HOST or file:DIR",
            std::env::join_paths(std::env::split_paths(&path_var))
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
    })
}

/// How long a connection check may wait for a server.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// Checks that the transport can deliver, without sending anything: SMTP connects, says
/// EHLO, upgrades with STARTTLS when asked and logs in when a user is set; sendmail is an
/// executable command; a folder exists, or can be created, and is writable. Returns what
/// was checked, or what is wrong and how to fix it.
pub fn check_connection(
    spec: &TransportSpec,
    db_path: &Path,
    password: Option<&SecretString>,
) -> Result<String, String> {
    match spec {
        TransportSpec::File(dir) => check_folder(&TransportSpec::file_dir(dir, db_path)),
        TransportSpec::Sendmail => {
            find_sendmail().map(|p| format!("{} exists and is executable", p.display()))
        }
        TransportSpec::Smtp {
            user,
            host,
            port,
            tls,
        } => {
            let tls_setting = match tls {
                TlsMode::None => Tls::None,
                TlsMode::StartTls => Tls::Required(tls_params(host)?),
                TlsMode::Tls => Tls::Wrapper(tls_params(host)?),
            };
            let mut builder = SmtpTransport::builder_dangerous(host.as_str())
                .port(*port)
                .tls(tls_setting)
                .timeout(Some(CHECK_TIMEOUT));
            if let (Some(user), Some(pw)) = (user, password) {
                builder = builder.credentials(Credentials::new(
                    user.clone(),
                    pw.expose_secret().to_string(),
                ));
            }
            let steps = match (tls, user) {
                (TlsMode::StartTls, Some(_)) => "connected, EHLO, STARTTLS and login",
                (TlsMode::StartTls, None) => "connected, EHLO and STARTTLS",
                (TlsMode::Tls, Some(_)) => "connected over TLS, EHLO and login",
                (TlsMode::Tls, None) => "connected over TLS and EHLO",
                (TlsMode::None, Some(_)) => "connected, EHLO and login",
                (TlsMode::None, None) => "connected and EHLO",
            };
            match builder.build().test_connection() {
                Ok(true) => Ok(format!("{steps} at {host}:{port} succeeded")),
                Ok(false) => Err(format!(
                    "the SMTP server {host}:{port} closed the connection; check email.transport"
                )),
                Err(e) => Err(format!(
                    "cannot reach the SMTP server {host}:{port} ({e}); check that it runs and that email.transport names the right host, port and tls"
                )),
            }
        }
    }
}

/// A quick TCP reachability check of an SMTP server (for `config set`): `Err` says why not.
pub fn reachable(spec: &TransportSpec) -> Result<(), String> {
    let TransportSpec::Smtp { host, port, .. } = spec else {
        return Ok(());
    };
    use std::net::{TcpStream, ToSocketAddrs};
    let addrs: Vec<_> = (host.as_str(), *port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    let mut last = format!("{host} has no address");
    for a in addrs {
        match TcpStream::connect_timeout(&a, Duration::from_secs(3)) {
            Ok(_) => return Ok(()),
            Err(e) => last = format!("cannot connect to {host}:{port}: {e}"),
        }
    }
    Err(last)
}

/// Whether a mail folder exists (or can be created) and takes new files.
fn check_folder(dir: &Path) -> Result<String, String> {
    let mut existing = dir;
    while !existing.exists() {
        match existing.parent() {
            Some(p) if !p.as_os_str().is_empty() => existing = p,
            _ => {
                existing = Path::new(".");
                break;
            }
        }
    }
    if !existing.is_dir() {
        return Err(format!(
            "the mail folder {} cannot be created: {} is not a folder; point email.transport at another folder (file:DIR)",
            dir.display(),
            existing.display()
        ));
    }
    let mut id = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut id);
    let probe = existing.join(format!(".usermgr-doctor-{}", hex::encode(id)));
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&probe)
    {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            Ok(if existing == dir {
                format!("the folder {} exists and is writable", dir.display())
            } else {
                format!(
                    "the folder {} does not exist yet and can be created in {}",
                    dir.display(),
                    existing.display()
                )
            })
        }
        Err(e) => Err(format!(
            "the mail folder {} is not writable ({}: {e}); fix its permissions, or point email.transport at another folder (file:DIR)",
            dir.display(),
            existing.display()
        )),
    }
}

fn tls_params(host: &str) -> Result<TlsParameters, String> {
    TlsParameters::new(host.to_string()).map_err(|e| format!("TLS setup for {host}: {e}"))
}

/// Any lettre transport as a [`Mailer`].
struct LettreMailer<T>(T);

impl<T> Mailer for LettreMailer<T>
where
    T: lettre::Transport,
    T::Error: std::fmt::Display,
{
    fn send(&mut self, msg: &Message) -> Result<(), String> {
        self.0.send(msg).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Writes each message as a private `.eml` file (0600 in a 0700 folder): the messages carry
/// tokens, so other local users must not read them.
pub struct FileMailer {
    dir: PathBuf,
}

impl FileMailer {
    /// Makes the folder (0700) when it does not exist.
    pub fn new(dir: PathBuf) -> Result<FileMailer, String> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(|e| format!("cannot create the mail folder {}: {e}", dir.display()))?;
        Ok(FileMailer { dir })
    }
}

impl Mailer for FileMailer {
    fn send(&mut self, msg: &Message) -> Result<(), String> {
        let mut id = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let path = self.dir.join(format!("{}.eml", hex::encode(id)));
        let write = || -> std::io::Result<()> {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)?;
            // No fsync per file: a batch of thousands would spend most of its time there,
            // and the outbox row says what was written.
            f.write_all(&msg.formatted())
        };
        write().map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_without_encryption_is_refused_except_to_localhost() {
        let err = TransportSpec::parse("smtp://bob@mail.acme.test?tls=none")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unencrypted"), "{err}");
        assert!(TransportSpec::parse("smtp://bob@127.0.0.1:2525?tls=none").is_ok());
        assert!(TransportSpec::parse("smtp://bob@localhost?tls=none").is_ok());
        assert!(
            TransportSpec::parse("smtp://mail.acme.test?tls=none").is_ok(),
            "no login, no password to leak"
        );
    }

    fn smtp(user: Option<&str>, host: &str, port: u16, tls: TlsMode) -> TransportSpec {
        TransportSpec::Smtp {
            user: user.map(str::to_string),
            host: host.into(),
            port,
            tls,
        }
    }

    #[test]
    fn parses_each_transport_form() {
        assert_eq!(
            TransportSpec::parse("file:outbox").unwrap(),
            TransportSpec::File("outbox".into())
        );
        assert_eq!(
            TransportSpec::parse("sendmail").unwrap(),
            TransportSpec::Sendmail
        );
        assert_eq!(
            TransportSpec::parse("smtp://mail.acme.test?tls=none").unwrap(),
            smtp(None, "mail.acme.test", 25, TlsMode::None)
        );
        assert_eq!(
            TransportSpec::parse("smtp://mail.acme.test").unwrap(),
            smtp(None, "mail.acme.test", 587, TlsMode::StartTls)
        );
        assert_eq!(
            TransportSpec::parse("smtp://bot%40acme.test@mail.acme.test:2525?tls=tls").unwrap(),
            smtp(Some("bot@acme.test"), "mail.acme.test", 2525, TlsMode::Tls)
        );
        assert_eq!(
            TransportSpec::parse("smtp://[::1]:2525?tls=none").unwrap(),
            smtp(None, "::1", 2525, TlsMode::None)
        );
        assert_eq!(
            TransportSpec::parse("smtp://127.0.0.1:1025/?tls=none").unwrap(),
            smtp(None, "127.0.0.1", 1025, TlsMode::None)
        );
    }

    #[test]
    fn rejects_malformed_transports_with_the_accepted_forms() {
        for bad in [
            "",
            "file:",
            "smtp://",
            "smtp://host:0",
            "smtp://host:70000",
            "smtp://host:port",
            "smtp://host?tls=maybe",
            "smtp://host?starttls=1",
            "smtp://user:secret@host",
            "smtp://host/path",
            "smtp://ho st",
            "smtp://host\r\n",
            "imap://host",
            "sendmail -t",
        ] {
            let err = TransportSpec::parse(bad).unwrap_err();
            assert_eq!(err.exit_code(), 3, "{bad:?}");
            assert!(err.to_string().contains("file:DIR"), "{err}");
        }
        let err = TransportSpec::parse("smtp://u:hunter2@host")
            .unwrap_err()
            .to_string();
        assert!(err.contains("USERMGR_SMTP_PASSWORD"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn relative_file_folder_is_beside_the_database() {
        let db = Path::new("/var/lib/usermgr/usermgr.db");
        assert_eq!(
            TransportSpec::file_dir(Path::new("outbox"), db),
            PathBuf::from("/var/lib/usermgr/outbox")
        );
        assert_eq!(
            TransportSpec::file_dir(Path::new("/srv/mail"), db),
            PathBuf::from("/srv/mail")
        );
        assert_eq!(
            TransportSpec::file_dir(Path::new("outbox"), Path::new("usermgr.db")),
            PathBuf::from("./outbox")
        );
    }
}
