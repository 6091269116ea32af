//! What a command may touch: clock, environment, terminal, store, prompts and output.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::cli::GlobalArgs;
use crate::clock::SystemClock;
use crate::domain::clock::Clock;
use crate::domain::permissions::{Grants, Permission};
use crate::domain::token;
use crate::error::{Denied, Error, Result};
use crate::output::Output;
use crate::prompt::{DialoguerPrompter, Prompter};
use crate::store::{Account, Org, Store, Tx};

mod database;
pub use database::DbTarget;

/// The environment variables usermgr reads, captured once at start-up.
#[derive(Debug, Clone, Default)]
pub struct Env(BTreeMap<String, String>);

impl Env {
    /// Captures the `USERMGR_*` variables of this process, `COLUMNS` (the width tables
    /// are fitted to), and what a PostgreSQL URL's password may come from (`PGPASSWORD`,
    /// `PGPASSFILE`, `HOME` for `~/.pgpass`).
    #[allow(clippy::disallowed_methods)]
    pub fn from_process() -> Env {
        Env(std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| {
                k.starts_with("USERMGR_")
                    || matches!(k.as_str(), "COLUMNS" | "PGPASSWORD" | "PGPASSFILE" | "HOME")
            })
            .collect())
    }

    /// An environment with exactly these variables (for tests).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Env {
        Env(pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect())
    }

    /// A variable's value, if set and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Who is acting, in which organization, with which permissions.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The logged-in account.
    pub account: Account,
    /// The organization acted in.
    pub org: Org,
    /// The permission set's grants there.
    pub grants: Grants,
    /// Name of the permission set.
    pub permission_set: String,
    /// The session in use.
    pub session_id: i64,
}

impl Actor {
    /// Fails with exit 5 unless the actor holds `p` in the current organization.
    pub fn require(&self, p: Permission, doing: &str) -> Result<()> {
        self.grants.require(p, &self.org.name, doing)
    }

    /// Fails with exit 5 when `grants` include a permission the actor lacks: nobody hands
    /// out, or acts on a holder of, more power than they have themselves.
    pub fn require_at_least(&self, grants: &Grants, doing: &str) -> Result<()> {
        match grants.0.iter().find(|p| !self.grants.has(**p)) {
            None => Ok(()),
            Some(p) => Err(Error::PermissionDenied(Denied::Exceeds {
                permission: *p,
                org: self.org.name.clone(),
                doing: doing.to_string(),
            })),
        }
    }

    /// R23, the check every command that acts on another member makes first (password
    /// change, reset and instructions emails, unlock, update, remove, a new permission set,
    /// disable and enable; `doing` reads "changing the password of"): fails with exit 5, naming the permissions and where, when
    /// `target`'s permission set, in any organization the actor and the target share, holds
    /// a permission the actor's set there lacks. Nobody acts on someone more powerful.
    pub fn require_power_over(&self, tx: &Tx<'_>, target: &Account, doing: &str) -> Result<()> {
        let mut stronger = Vec::new();
        for (mine, theirs) in tx.shared_memberships(self.account.id, target.id)? {
            let lacking = mine.grants.lacking(&theirs.grants);
            if !lacking.is_empty() {
                let named: Vec<String> = lacking
                    .iter()
                    .map(|p| format!("\"{}\" ({})", p.label(), p.key()))
                    .collect();
                stronger.push(format!("{} in {}", named.join(", "), mine.org.name));
            }
        }
        if stronger.is_empty() {
            return Ok(());
        }
        Err(Error::PermissionDenied(Denied::Stronger {
            doing: doing.to_string(),
            target: target.display_email.clone(),
            stronger,
        }))
    }

    /// The organizations of `target` where the actor does not hold "Platform management:
    /// Users" (R23 for account-wide actions, R24 for tokens over a readable outbox).
    pub fn orgs_beyond_users_power(&self, tx: &Tx<'_>, target: &Account) -> Result<Vec<String>> {
        let mine = tx.memberships_of(self.account.id)?;
        Ok(tx
            .memberships_of(target.id)?
            .into_iter()
            .filter(|theirs| {
                !mine
                    .iter()
                    .any(|m| m.org.id == theirs.org.id && m.grants.has(Permission::Users))
            })
            .map(|m| m.org.name)
            .collect())
    }

    /// R23 for what changes the whole account rather than one membership (unlocking,
    /// disabling or enabling it, renaming it): the account's state is shared by every
    /// organization it belongs to, so the actor must hold "Platform management: Users" and
    /// at least the account's permissions in each of them. Otherwise an admin of one
    /// organization could add another's administrator (R3) and then unlock it after every
    /// few guesses, or disable it. Exit 5 naming the organizations out of reach.
    pub fn require_power_over_account(
        &self,
        tx: &Tx<'_>,
        target: &Account,
        doing: &str,
    ) -> Result<()> {
        self.require_power_over(tx, target, doing)?;
        let beyond = self.orgs_beyond_users_power(tx, target)?;
        if beyond.is_empty() {
            return Ok(());
        }
        Err(Error::PermissionDenied(Denied::Beyond {
            doing: doing.to_string(),
            target: target.display_email.clone(),
            orgs: beyond,
        }))
    }

    /// Fails with exit 5 unless the actor holds every permission in the current
    /// organization (the Administrator set or one as strong).
    pub fn require_all(&self, doing: &str) -> Result<()> {
        if Permission::ALL.iter().all(|p| self.grants.has(*p)) {
            Ok(())
        } else {
            Err(Error::PermissionDenied(Denied::NotAdministrator {
                doing: doing.to_string(),
                org: self.org.name.clone(),
            }))
        }
    }

    /// Fails with exit 5 unless the actor is an administrator (every permission) of the
    /// organization `init` created: settings apply to the whole database, not one
    /// organization, so only its owners may change them.
    pub fn require_owner(&self, tx: &Tx<'_>, doing: &str) -> Result<()> {
        let first = tx.first_org()?;
        let owner = tx
            .membership(self.account.id, first.id)?
            .is_some_and(|m| Permission::ALL.iter().all(|p| m.grants.has(*p)));
        if owner {
            Ok(())
        } else {
            Err(Error::PermissionDenied(Denied::NotOwner {
                doing: doing.to_string(),
                org: first.name,
            }))
        }
    }
}

/// The live session a login is about to replace: the address of its account, if any.
pub struct SessionBefore(Option<String>);

impl SessionBefore {
    /// The account of the session `token` opens, while that session is live at `now`;
    /// none when it is not, or the database cannot tell.
    pub fn lookup(store: &mut Store, token: Option<String>, now: i64) -> SessionBefore {
        let owner = token.and_then(|secret| {
            store
                .read(|tx| {
                    Ok(match tx.session_by_hash(&token::hash(&secret))? {
                        Some(s) if s.ended_at.is_none() && now < s.expires_at => {
                            Some(tx.account_by_id(s.account_id)?.display_email)
                        }
                        _ => None,
                    })
                })
                .ok()
                .flatten()
        });
        SessionBefore(owner)
    }
}

/// The context every command runs in.
pub struct Ctx {
    /// Global options.
    pub global: GlobalArgs,
    /// Captured environment.
    pub env: Env,
    clock: Box<dyn Clock>,
    /// Whether standard input is a terminal.
    pub stdin_tty: bool,
    /// Whether standard error is a terminal (progress bars).
    pub stderr_tty: bool,
    /// Results go here.
    pub out: Output,
    /// Questions go here.
    pub prompt: Box<dyn Prompter>,
    /// Set once the note that USERMGR_TOKEN overrides the stored session was given.
    token_noted: std::sync::atomic::AtomicBool,
    /// Where session files are kept when not in the platform's state directory (tests).
    state_dir: Option<PathBuf>,
}

impl Ctx {
    /// The context of a real process.
    pub fn from_process(global: GlobalArgs) -> Ctx {
        let env = Env::from_process();
        let out =
            Output::new(global.output).fitted_to(crate::output::terminal_width(env.get("COLUMNS")));
        Ctx {
            env,
            clock: Box::new(SystemClock),
            stdin_tty: io::stdin().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            out,
            prompt: Box::new(DialoguerPrompter),
            global,
            token_noted: std::sync::atomic::AtomicBool::new(false),
            state_dir: None,
        }
    }

    /// The context of an in-process test: time from `clock` (which the test moves), answers
    /// from `prompter` (queued by the test), sessions kept under `state_dir`, no `USERMGR_*`
    /// variables, and a terminal on stdin (so commands ask their questions) but not on
    /// stderr. Results are printed as in a process; see `crate::testkit` for capturing them.
    #[cfg(test)]
    pub fn for_test(
        global: GlobalArgs,
        clock: std::sync::Arc<crate::domain::clock::ManualClock>,
        prompter: crate::testkit::ScriptedPrompter,
        state_dir: PathBuf,
    ) -> Ctx {
        Ctx {
            out: Output::new(global.output),
            global,
            env: Env::default(),
            clock: Box::new(clock),
            stdin_tty: true,
            stderr_tty: false,
            prompt: Box::new(prompter),
            state_dir: Some(state_dir),
            token_noted: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Now, in milliseconds since the epoch.
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The clock itself (for watchdogs that need it on another thread).
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Whether questions may be asked: stdin is a terminal and --no-input was not given.
    pub fn interactive(&self) -> bool {
        self.stdin_tty && !self.global.no_input
    }

    /// An error for a value that would have been asked on a terminal.
    pub fn missing(&self, what: &str, flag: &str) -> Error {
        Error::invalid(format!(
            "missing {what}: pass {flag} (no prompt without a terminal or with --no-input)"
        ))
    }

    /// Prints a message for people on stderr, unless --quiet.
    pub fn say(&self, msg: impl AsRef<str>) {
        if !self.global.quiet {
            let mut e = io::stderr().lock();
            let _ = writeln!(e, "{}", msg.as_ref());
        }
    }

    /// Talks to the person at a prompt on stderr, even with --quiet: deadlines and why an
    /// answer was refused are part of the question, not chatter.
    pub fn tell(&self, msg: impl AsRef<str>) {
        let _ = writeln!(io::stderr().lock(), "{}", msg.as_ref());
    }

    /// Prints a warning on stderr even with --quiet.
    pub fn warn(&self, msg: impl AsRef<str>) {
        let _ = writeln!(io::stderr().lock(), "warning: {}", msg.as_ref());
    }

    /// The file that keeps the session token of the last login for this database.
    pub fn session_file(&self) -> Result<PathBuf> {
        // One session per database: the file's absolute path, or the URL without its
        // password (the same directory reached with another password is the same one).
        let id = match self.db_target()? {
            DbTarget::File(db) => fs::canonicalize(&db)
                .or_else(|_| std::path::absolute(&db))
                .unwrap_or(db)
                .to_string_lossy()
                .into_owned(),
            DbTarget::Postgres(url) => self.pg_url(&url)?.location,
        };
        let key = hex::encode(&Sha256::digest(id.as_bytes())[..8]);
        let base = match &self.state_dir {
            Some(dir) => dir.clone(),
            None => {
                let dirs = project_dirs()?;
                dirs.state_dir()
                    .unwrap_or_else(|| dirs.data_local_dir())
                    .to_path_buf()
            }
        };
        Ok(base.join("sessions").join(format!("{key}.token")))
    }

    /// Who holds the stored session, while it is live: looked up before a login replaces
    /// it.
    pub fn session_before(&self, store: &mut Store) -> SessionBefore {
        SessionBefore::lookup(store, self.stored_session(), self.now())
    }

    /// The stored session token, if any (for [`SessionBefore::lookup`] on another thread).
    pub fn stored_session(&self) -> Option<String> {
        self.stored_session_token().ok().flatten()
    }

    /// Stores a session token (0600 file in a 0700 directory). When it replaces a live
    /// session of another account (someone logging in on the admin's shell), says so:
    /// `before` is that session, `owner` the address of the new session's account.
    pub fn save_session(&self, before: SessionBefore, secret: &str, owner: &str) -> Result<()> {
        let path = self.session_file()?;
        if let Some(before) = before.0 {
            if before != owner {
                self.say(format!(
                    "replaced the stored session of {before}: commands now act as {owner} (log in as {before} again to switch back)"
                ));
            }
        }
        if let Some(dir) = path.parent() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        // A name of its own, so two logins at once never trip over each other's file.
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let _ = fs::remove_file(&tmp);
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        // No fsync: a session lost to a power cut costs a new login, not data.
        f.write_all(secret.as_bytes())?;
        fs::rename(&tmp, &path)?;
        Ok(())
    }

    /// Forgets the stored session token.
    pub fn forget_session(&self) -> Result<()> {
        match fs::remove_file(self.session_file()?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// The session token of the last login, if one is stored.
    fn stored_session_token(&self) -> Result<Option<String>> {
        match fs::read_to_string(self.session_file()?) {
            Ok(s) => Ok(Some(s.trim().to_string())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The session token in use: USERMGR_TOKEN, else the stored one; and whether it is
    /// USERMGR_TOKEN overriding a different stored session.
    fn session_token(&self) -> Result<Option<(String, bool)>> {
        if let Some(t) = self.env.get("USERMGR_TOKEN") {
            let t = t.trim().to_string();
            let overrides = self
                .stored_session_token()
                .ok()
                .flatten()
                .is_some_and(|stored| stored != t);
            return Ok(Some((t, overrides)));
        }
        Ok(self.stored_session_token()?.map(|t| (t, false)))
    }

    /// Resolves who is acting: the session, then the organization (--org overrides).
    pub fn actor(&self, tx: &Tx<'_>) -> Result<Actor> {
        let no_session = || {
            Error::Auth("not logged in: run `usermgr login EMAIL` (or set USERMGR_TOKEN)".into())
        };
        let Some((secret, overrides)) = self.session_token()? else {
            return Err(no_session());
        };
        let session = tx
            .session_by_hash(&token::hash(&secret))?
            .ok_or_else(no_session)?;
        if session.ended_at.is_some() {
            return Err(Error::Auth(
                "your session has ended: log in again with `usermgr login EMAIL`".into(),
            ));
        }
        if self.now() >= session.expires_at {
            return Err(Error::Auth(format!(
                "your session expired at {}: log in again with `usermgr login EMAIL`",
                crate::clock::human(session.expires_at)
            )));
        }
        let account = tx.account_by_id(session.account_id)?;
        if overrides
            && !self
                .token_noted
                .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.say(format!(
                "note: acting as {} from USERMGR_TOKEN, not with the session stored by `usermgr login` (unset USERMGR_TOKEN to use that one)",
                account.display_email
            ));
        }
        let memberships = tx.memberships_of(account.id)?;
        let membership = match &self.global.org {
            Some(name) => {
                let org = tx.org_by_name(name)?.ok_or_else(|| {
                    Error::not_found(format!("organization {name:?} does not exist"))
                })?;
                memberships
                    .into_iter()
                    .find(|m| m.org.id == org.id)
                    .ok_or_else(|| {
                        Error::denied(format!(
                        "{} is not a member of {}; see your organizations with `usermgr orgs list`",
                        account.display_email, org.name
                    ))
                    })?
            }
            None => memberships
                .into_iter()
                .find(|m| m.org.id == session.org_id)
                .ok_or_else(|| {
                    Error::denied(format!(
                        "{} is no longer a member of the session's organization; log in again",
                        account.display_email
                    ))
                })?,
        };
        Ok(Actor {
            account,
            org: membership.org,
            grants: membership.grants,
            permission_set: membership.permission_set,
            session_id: session.id,
        })
    }

    /// Reads one line from standard input (without its line ending) as a secret. On a
    /// terminal the line is read with echo off, so `--password-stdin` never shows it.
    pub fn read_secret_line(&self, flag: &str) -> Result<SecretString> {
        self.read_secret_line_of(flag, "password")
    }

    /// [`Ctx::read_secret_line`] for a secret that is not a password (`what`: "token").
    /// Each call takes exactly one line from the process's one buffered standard input, so
    /// a second call (`--token-stdin` then `--password-stdin`) reads the next line.
    pub fn read_secret_line_of(&self, flag: &str, what: &str) -> Result<SecretString> {
        let line = if self.stdin_tty {
            let mut label = what.to_string();
            label[..1].make_ascii_uppercase();
            // Typed by hand: a prompt like any other, cancelled cleanly (R25).
            let pw = crate::prompt::read_hidden(&format!("{label}: "))?;
            Zeroizing::new(
                secrecy::ExposeSecret::expose_secret(&pw)
                    .as_bytes()
                    .to_vec(),
            )
        } else {
            // Pre-sized so the buffer never reallocates (and leaves copies) for any password
            // the policy accepts.
            let mut buf = Zeroizing::new(Vec::with_capacity(4096));
            io::stdin().lock().read_until(b'\n', &mut buf)?;
            buf
        };
        let mut end = line.len();
        while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        if end == 0 {
            return Err(Error::invalid(format!(
                "{flag} read an empty line from standard input; pipe the {what} in, e.g. printf '%s\\n' \"${}\" | usermgr ...",
                what.to_uppercase()
            )));
        }
        let text = std::str::from_utf8(&line[..end])
            .map_err(|_| Error::invalid(format!("{flag}: the {what} is not UTF-8 text")))?;
        Ok(SecretString::from(text.to_string()))
    }

    /// Reads all of standard input as text.
    pub fn read_stdin_all(&self) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    }
}

/// The platform directories of usermgr.
fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "usermgr")
        .ok_or_else(|| Error::internal("cannot find a home directory; pass --db or set USERMGR_DB"))
}

/// Reads the first line of a file as a secret (e.g. --password-file).
pub fn read_secret_file(path: &Path, flag: &str) -> Result<SecretString> {
    let mut text = fs::read_to_string(path)
        .map_err(|e| Error::invalid(format!("{flag} {}: cannot read it: {e}", path.display())))?;
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string();
    text.zeroize();
    if first.is_empty() {
        return Err(Error::invalid(format!(
            "{flag} {}: the first line is empty",
            path.display()
        )));
    }
    Ok(SecretString::from(first))
}
