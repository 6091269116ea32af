//! Email: instructions and reset emails, their tokens, the outbox, and delivery.
//!
//! Sending is split in two so a failed delivery never rolls back what a command wrote (R15):
//!
//! 1. Inside the command's one write transaction, [`queue_instructions`] / [`queue_reset`]
//!    create the token (stored hashed), record the email in the outbox as `queued` (without
//!    token or body) and return a [`Pending`] that holds the built message in memory only.
//! 2. After the commit, [`deliver`] hands each pending message to the transport and records
//!    `sent` or `failed` (and an audit event per email) in a second, short transaction.
//!
//! Bad settings or header values fail in step 1 with exit 3, so nothing is written or sent.
//!
//! A command that sends mail (send-instructions, add-users) follows this shape:
//!
//! ```ignore
//! let message = mail::read_message(&args.message)?;           // before the transaction
//! let db_path = ctx.db_path()?;
//! let mut store = ctx.open_store()?;
//! let (settings, actor, pendings) = store.write(|tx| {
//!     let actor = ctx.actor(tx)?;
//!     let settings = mail::Settings::load(tx, &db_path, &ctx.env)?;
//!     // ... create the account, then, in the same transaction:
//!     let p = mail::queue_instructions(tx, &settings, &actor.org, &account, message.as_ref(), now)?;
//!     Ok((settings, actor, vec![p]))
//! })?;
//! let outcomes = mail::deliver(ctx, &mut store, &settings, &actor, pendings)?;
//! // report outcomes (Outcome::status is "sent" or "failed"), then:
//! mail::failures(&outcomes)?;                                  // exit 9 if any failed
//! ```

mod message;
pub mod transport;

use std::fs;
use std::path::{Path, PathBuf};

use lettre::message::Mailbox;
use lettre::Message;
use secrecy::{ExposeSecret, SecretString};

pub use message::{
    compose, compose_email, header_safe, instructions_body, instructions_subject, org_sender,
    recipient, reset_body, reset_subject, sender, Access, Bodies, CustomMessage, Instructions,
    ResetLetter,
};
pub use transport::{
    check_connection, find_sendmail, reachable, FileMailer, Mailer, TlsMode, TransportSpec,
};

use crate::cli::MessageArgs;
use crate::core::audit::{audit, event};
use crate::ctx::{Actor, Ctx, Env};
use crate::domain::permissions::Permission;
use crate::domain::reset::{secs_to_ms, temp_password_expires_at, LoginRules};
use crate::domain::token::{self, TokenKind};
use crate::error::{Error, Result};
use crate::store::{Account, NewMail, Store, Tx};
pub use crate::store::{MailKind, MailState, OutboxRow};

/// The longest delivery error kept in the outbox.
const MAX_ERROR_CHARS: usize = 1000;

/// The email settings of a database, checked: where mail goes, who sends it, and the token
/// lifetimes the emails promise.
pub struct Settings {
    transport: TransportSpec,
    from: Mailbox,
    db_path: PathBuf,
    smtp_password: Option<SecretString>,
    reset_window: u64,
    reset_email_ttl: u64,
    set_password_ttl: u64,
    rules: LoginRules,
    public_url: Option<String>,
}

impl Settings {
    /// Reads and checks `email.transport` and `email.from` (exit 3 when either is bad).
    /// `db_path` anchors a relative `file:` folder; `env` gives `USERMGR_SMTP_PASSWORD`.
    pub fn load(tx: &Tx<'_>, db_path: &Path, env: &Env) -> Result<Settings> {
        let file = FileConfig::load(env)?;
        let transport = match &file.transport {
            Some(t) => t.clone(),
            None => tx.setting("email.transport")?,
        };
        let from = match &file.from {
            Some(f) => f.clone(),
            None => tx.setting("email.from")?,
        };
        let transport = TransportSpec::parse(&transport)?;
        let from = sender(&from)?;
        let smtp_password = env.get("USERMGR_SMTP_PASSWORD").map(SecretString::from);
        if let TransportSpec::Smtp {
            user: Some(user), ..
        } = &transport
        {
            if smtp_password.is_none() {
                return Err(Error::invalid(format!(
                    "email.transport logs in to the SMTP server as {user:?}, but USERMGR_SMTP_PASSWORD is not set; set it in the environment"
                )));
            }
        }
        Ok(Settings {
            transport,
            from,
            db_path: db_path.to_path_buf(),
            smtp_password,
            reset_window: tx.setting_u64("reset_window")?,
            reset_email_ttl: tx.setting_u64("reset_email_ttl")?,
            set_password_ttl: tx.setting_u64("set_password_ttl")?,
            rules: tx.login_rules()?,
            public_url: Some(tx.setting("public_url")?).filter(|u| !u.is_empty()),
        })
    }

    /// The transport that delivers the mail.
    pub fn mailer(&self) -> Result<Box<dyn Mailer>, String> {
        transport::mailer(&self.transport, &self.db_path, self.smtp_password.as_ref())
    }

    /// Checks, without sending, that the transport can deliver (see [`check_connection`]):
    /// what was checked, or what is wrong and how to fix it.
    pub fn check_connection(&self) -> Result<String, String> {
        check_connection(&self.transport, &self.db_path, self.smtp_password.as_ref())
    }

    /// Where mail goes, for people (never a password).
    pub fn describe(&self) -> String {
        self.transport.describe(&self.db_path)
    }
}

/// An email recorded in the outbox and built, waiting for [`deliver`]. It holds the token
/// inside the message only; dropping it without delivering leaves the row `queued`.
pub struct Pending {
    outbox_id: i64,
    kind: MailKind,
    email: String,
    message: Message,
}

impl Pending {
    /// The outbox row of this email.
    pub fn outbox_id(&self) -> i64 {
        self.outbox_id
    }

    /// The recipient's address.
    pub fn email(&self) -> &str {
        &self.email
    }

    fn outcome(&self, error: Option<String>) -> Outcome {
        Outcome {
            outbox_id: self.outbox_id,
            email: self.email.clone(),
            kind: self.kind,
            error,
        }
    }
}

/// The result of delivering one email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The outbox row.
    pub outbox_id: i64,
    /// The recipient's address.
    pub email: String,
    /// What the email was for.
    pub kind: MailKind,
    /// Why delivery failed; `None` when it was sent.
    pub error: Option<String>,
}

impl Outcome {
    /// Whether the transport accepted the email.
    pub fn sent(&self) -> bool {
        self.error.is_none()
    }

    /// `sent` or `failed`, as results show it.
    pub fn status(&self) -> &'static str {
        if self.sent() {
            "sent"
        } else {
            "failed"
        }
    }
}

/// The email settings of the machine's config file (SPEC §6): `USERMGR_CONFIG`, else
/// `config.toml` in the platform config directory. A value there overrides the database's
/// `email.*` setting, so delivery can be configured per machine, out of reach of the
/// organizations' admins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileConfig {
    /// Overrides `email.transport`.
    pub transport: Option<String>,
    /// Overrides `email.from`.
    pub from: Option<String>,
}

/// One mistake in the config file, with the line it is on (1-based) when known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ConfigProblem {
    /// The line of the file, as `grep -n` numbers it.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What checking the config file found: where it is, whether it exists, the settings it
/// gives and every mistake in it.
#[derive(Debug, Clone, Default)]
pub struct ConfigCheck {
    /// The file looked for; `None` without a home directory.
    pub path: Option<PathBuf>,
    /// Whether the file exists.
    pub exists: bool,
    /// Where the path came from: `environment (USERMGR_CONFIG)` or `default`.
    pub source: &'static str,
    /// The settings it gives (those that are valid).
    pub config: FileConfig,
    /// Its mistakes; empty when it is fine.
    pub problems: Vec<ConfigProblem>,
}

impl ConfigCheck {
    /// The mistakes as one message naming the file and lines (for warnings and errors).
    pub fn summary(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        let path = self
            .path
            .as_ref()
            .map_or_else(|| "config file".to_string(), |p| p.display().to_string());
        let list: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        Some(format!("{path}: {}", list.join("; ")))
    }
}

/// The keys the config file knows, by table.
const CONFIG_KEYS: &[&str] = &["transport", "from"];

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

impl FileConfig {
    /// Where the config file is looked for.
    pub fn path(env: &Env) -> Option<PathBuf> {
        match env.get("USERMGR_CONFIG") {
            Some(p) => Some(PathBuf::from(p)),
            None => directories::ProjectDirs::from("", "", "usermgr")
                .map(|d| d.config_dir().join("config.toml")),
        }
    }

    /// Reads and checks the file without failing: every mistake is in the result.
    pub fn check(env: &Env) -> ConfigCheck {
        let source = if env.get("USERMGR_CONFIG").is_some() {
            "environment (USERMGR_CONFIG)"
        } else {
            "default"
        };
        let Some(path) = Self::path(env) else {
            return ConfigCheck {
                source,
                ..ConfigCheck::default()
            };
        };
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && source == "default" => {
                return ConfigCheck {
                    path: Some(path),
                    source,
                    ..ConfigCheck::default()
                }
            }
            Err(e) => {
                let exists = path.exists();
                return ConfigCheck {
                    problems: vec![ConfigProblem {
                        line: None,
                        message: format!(
                            "cannot read it ({e}); fix USERMGR_CONFIG or the file's permissions"
                        ),
                    }],
                    path: Some(path),
                    exists,
                    source,
                    config: FileConfig::default(),
                };
            }
        };
        let (config, problems) = Self::parse_checked(&text);
        ConfigCheck {
            path: Some(path),
            exists: true,
            source,
            config,
            problems,
        }
    }

    /// Reads the file; a missing file is an empty config, a broken one an error naming the
    /// file and line (exit 3): commands that send email stop here.
    pub fn load(env: &Env) -> Result<FileConfig> {
        let check = Self::check(env);
        match check.summary() {
            None => Ok(check.config),
            Some(s) => Err(Error::invalid(format!(
                "config file {s}; fix the file (see `usermgr doctor`)"
            ))),
        }
    }

    /// Parses the TOML text: an `[email]` table with `transport` and `from`.
    pub fn parse(text: &str) -> std::result::Result<FileConfig, String> {
        let (config, problems) = Self::parse_checked(text);
        match problems.first() {
            None => Ok(config),
            Some(p) => Err(p.to_string()),
        }
    }

    /// Parses the text, keeping what is valid and naming every mistake with its line.
    pub fn parse_checked(text: &str) -> (FileConfig, Vec<ConfigProblem>) {
        let mut problems = Vec::new();
        let mut config = FileConfig::default();
        let doc = match toml_edit::ImDocument::parse(text) {
            Ok(d) => d,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start));
                problems.push(ConfigProblem {
                    line,
                    message: format!("not valid TOML: {}", e.message().trim()),
                });
                return (config, problems);
            }
        };
        let at = |span: Option<std::ops::Range<usize>>| span.map(|s| line_of(text, s.start));
        for (key, item) in doc.as_table().iter() {
            let key_line = at(doc.as_table().key(key).and_then(|k| k.span()));
            if key != "email" {
                problems.push(ConfigProblem {
                    line: key_line,
                    message: format!(
                        "unknown key {key:?} (the file has one table, [email], with transport and from); remove it"
                    ),
                });
                continue;
            }
            let Some(table) = item.as_table_like() else {
                problems.push(ConfigProblem {
                    line: key_line,
                    message: "email must be a table: [email] with transport and from".into(),
                });
                continue;
            };
            for (k, v) in table.iter() {
                let line = at(table.key(k).and_then(|k| k.span())).or(key_line);
                if !CONFIG_KEYS.contains(&k) {
                    problems.push(ConfigProblem {
                        line,
                        message: format!(
                            "unknown key {k:?} in [email] (known: transport, from); remove or rename it"
                        ),
                    });
                    continue;
                }
                let Some(value) = v.as_str() else {
                    problems.push(ConfigProblem {
                        line,
                        message: format!("email.{k} must be a quoted string"),
                    });
                    continue;
                };
                let checked = if k == "transport" {
                    TransportSpec::parse(value).map(|_| ())
                } else {
                    sender(value).map(|_| ())
                };
                match checked {
                    Err(e) => problems.push(ConfigProblem {
                        line,
                        message: e.to_string(),
                    }),
                    Ok(()) if k == "transport" => config.transport = Some(value.to_string()),
                    Ok(()) => config.from = Some(value.to_string()),
                }
            }
        }
        (config, problems)
    }
}

/// Checks the config file at start (SPEC §6): a mistake is a warning naming the file and
/// line; commands that send email fail on it later with exit 3.
pub fn warn_about_config_file(ctx: &Ctx) {
    for p in FileConfig::check(&ctx.env).problems.iter() {
        let path = FileConfig::path(&ctx.env)
            .map_or_else(|| "config file".to_string(), |p| p.display().to_string());
        ctx.warn(format!(
            "config file {path}: {p} (commands that send email refuse to run until it is fixed)"
        ));
    }
}

/// Reads `--message TEXT` or `--message-file F` (UTF-8), checked by [`CustomMessage::parse`].
pub fn read_message(args: &MessageArgs) -> Result<Option<CustomMessage>> {
    if let Some(text) = &args.message {
        return CustomMessage::parse(text, "--message");
    }
    let Some(path) = &args.message_file else {
        return Ok(None);
    };
    let bytes = fs::read(path).map_err(|e| {
        Error::invalid(format!(
            "--message-file {}: cannot read it: {e}",
            path.display()
        ))
    })?;
    let max_bytes = CustomMessage::MAX_CHARS * 4 + 4;
    if bytes.len() > max_bytes {
        return Err(Error::invalid(format!(
            "--message-file {}: the file is larger than a message may be ({} characters); shorten it",
            path.display(),
            CustomMessage::MAX_CHARS
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::invalid(format!(
            "--message-file {}: the file is not UTF-8 text; save it as UTF-8",
            path.display()
        ))
    })?;
    CustomMessage::parse(
        text.strip_prefix('\u{feff}').unwrap_or(&text),
        "--message-file",
    )
}

/// Queues an instructions email for a member (R14), inside the caller's write transaction.
/// An account without a password gets a set-password token; one with a required reset is
/// told about the window. Fails with exit 3 (writing nothing once the caller rolls back)
/// when a header value is unsafe.
pub fn queue_instructions(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    account: &Account,
    message: Option<&CustomMessage>,
    now: i64,
) -> Result<Pending> {
    queue(
        tx,
        settings,
        actor,
        account,
        MailKind::Instructions,
        message,
        None,
        now,
    )
}

/// Queues a reset email for a member (R13), inside the caller's write transaction: a
/// reset-email token valid `reset_email_ttl`.
pub fn queue_reset(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    account: &Account,
    message: Option<&CustomMessage>,
    now: i64,
) -> Result<Pending> {
    queue(
        tx,
        settings,
        actor,
        account,
        MailKind::Reset,
        message,
        None,
        now,
    )
}

/// Queues a failed email again (R15): the same outbox row, a fresh token, and the account's
/// earlier unused tokens of that kind voided so only the newest email works.
pub fn requeue(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    account: &Account,
    row: &OutboxRow,
    now: i64,
) -> Result<Pending> {
    let message = CustomMessage::parse(&row.message, "the stored message")?;
    queue(
        tx,
        settings,
        actor,
        account,
        row.kind,
        message.as_ref(),
        Some(row.id),
        now,
    )
}

/// The token an email of `kind` carries for `account`, if any.
fn token_kind(kind: MailKind, account: &Account) -> Option<TokenKind> {
    match kind {
        MailKind::Reset => Some(TokenKind::ResetEmail),
        MailKind::Instructions if account.password_hash.is_none() => Some(TokenKind::SetPassword),
        MailKind::Instructions | MailKind::Test => None,
    }
}

/// Whether `actor` may send an email of `kind` to `account` at all: not to a member with
/// more power in an organization they share (R23), and, over a `file:` transport whose
/// folder anyone who can run usermgr may read, no token to an account that also belongs
/// to an organization where the actor lacks `platform.users` (R24). Exit 5 otherwise.
pub fn check_recipient(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    account: &Account,
    kind: MailKind,
) -> Result<()> {
    let doing = match kind {
        MailKind::Reset => "sending a reset email to",
        MailKind::Instructions => "sending password instructions to",
        MailKind::Test => "sending a test email to",
    };
    actor.require_power_over(tx, account, doing)?;
    if account.disabled() {
        // Its tokens would be refused and its password does not log in (R28).
        return Err(Error::Conflict(format!(
            "{} is disabled, so no emailed token or password would work; nothing was sent or written: enable the account first (usermgr users enable {})",
            account.display_email, account.display_email
        )));
    }
    let (Some(tk), TransportSpec::File(dir)) = (token_kind(kind, account), &settings.transport)
    else {
        return Ok(());
    };
    let mine = tx.memberships_of(actor.account.id)?;
    let beyond: Vec<String> = tx
        .memberships_of(account.id)?
        .into_iter()
        .filter(|theirs| {
            !mine
                .iter()
                .any(|m| m.org.id == theirs.org.id && m.grants.has(Permission::Users))
        })
        .map(|m| m.org.name)
        .collect();
    if beyond.is_empty() {
        return Ok(());
    }
    let what = match tk {
        TokenKind::ResetEmail => "a reset token",
        _ => "a set-password token",
    };
    Err(Error::PermissionDenied(format!(
        "permission denied: this email would carry {what} to {}, who also belongs to {}, where you do not have \"{}\" ({}); the file: transport leaves emails in {}, where anyone who can run usermgr could read the token and take over the account there; nothing was sent or written: configure SMTP (`usermgr config set email.transport smtp://HOST`) to send it, or ask an administrator of {} to",
        account.display_email,
        beyond.join(", "),
        Permission::Users.label(),
        Permission::Users.key(),
        TransportSpec::file_dir(dir, &settings.db_path).display(),
        beyond.join(", ")
    )))
}

#[allow(clippy::too_many_arguments)]
fn queue(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    account: &Account,
    kind: MailKind,
    message: Option<&CustomMessage>,
    retry_of: Option<i64>,
    now: i64,
) -> Result<Pending> {
    check_recipient(tx, settings, actor, account, kind)?;
    let org = &actor.org;
    let to = recipient(&account.display_email, &account.name)?;
    let subject = match kind {
        MailKind::Instructions => instructions_subject(&org.name),
        MailKind::Reset => reset_subject(&org.name),
        MailKind::Test => return Err(Error::internal("a test email is queued by queue_test")),
    };
    header_safe("the subject", &subject)?;

    let token = match token_kind(kind, account) {
        Some(tk) => {
            // The newest email's token is the one that works: earlier unused ones of the
            // same kind are voided, so old emails lying around open nothing.
            tx.void_tokens(account.id, &[tk], now)?;
            let ttl = match tk {
                TokenKind::ResetEmail => settings.reset_email_ttl,
                _ => settings.set_password_ttl,
            };
            let expires_at = now.saturating_add(secs_to_ms(ttl));
            let t = token::generate(tk);
            tx.insert_token(tk, &t.hash, account.id, Some(org.id), now, expires_at)?;
            Some((t.secret, expires_at))
        }
        None => None,
    };
    let secret = token.as_ref().map(|(s, e)| (s.expose_secret(), *e));

    let public_url = settings.public_url.as_deref();
    let bodies = match (kind, secret) {
        (MailKind::Reset, Some((token, expires_at))) => reset_body(&ResetLetter {
            org: &org.name,
            name: &account.name,
            token,
            expires_at,
            window_secs: settings.reset_window,
            message,
            public_url,
        })?,
        (MailKind::Reset, None) => {
            return Err(Error::internal("a reset email needs a token"));
        }
        (MailKind::Test, _) => return Err(Error::internal("a test email has its own body")),
        (MailKind::Instructions, _) => {
            let access = match secret {
                Some((token, expires_at)) => Access::SetPassword { token, expires_at },
                None if account.state.reset_required => Access::ResetRequired {
                    window_secs: settings.reset_window,
                    expires_at: temp_password_expires_at(&account.state, &settings.rules),
                    ttl_secs: settings.rules.temp_password_ttl,
                },
                None => Access::Password,
            };
            instructions_body(&Instructions {
                org: &org.name,
                name: &account.name,
                email: &account.display_email,
                message,
                access,
                public_url,
            })?
        }
    };
    // Replies reach the admin who acted, not the shared sender address.
    let reply_to = recipient(&actor.account.display_email, &actor.account.name)?;
    let from = org_sender(&org.name, &settings.from)?;
    let built = compose_email(&from, &to, Some(&reply_to), &subject, bodies, now)?;

    let outbox_id = match retry_of {
        Some(id) => {
            tx.requeue_mail(id, now)?;
            id
        }
        None => tx.insert_mail(
            &NewMail {
                org_id: org.id,
                account_id: Some(account.id),
                recipient: &account.display_email,
                kind,
                subject: &subject,
                message: message.map_or("", CustomMessage::as_str),
            },
            now,
        )?,
    };
    Ok(Pending {
        outbox_id,
        kind,
        email: account.display_email.clone(),
        message: built,
    })
}

/// Queues a test email to `address` (`usermgr doctor --send-test-email`), inside the
/// caller's write transaction: recorded in the outbox like any email, with no token.
pub fn queue_test(
    tx: &Tx<'_>,
    settings: &Settings,
    actor: &Actor,
    address: &str,
    now: i64,
) -> Result<Pending> {
    let email = crate::domain::email::Email::parse(address)?;
    let to = recipient(email.display(), "")?;
    let subject = format!("usermgr test email from {}", actor.org.name);
    header_safe("the subject", &subject)?;
    let body = format!(
        "This is a test email sent by `usermgr doctor --send-test-email` run by {} in {}.\n\n\
         Email from usermgr reaches this address through {}. Nothing needs to be done.\n",
        actor.account.display_email,
        actor.org.name,
        settings.describe()
    );
    let built = compose(&settings.from, &to, &subject, body, now)?;
    let outbox_id = tx.insert_mail(
        &NewMail {
            org_id: actor.org.id,
            account_id: None,
            recipient: email.display(),
            kind: MailKind::Test,
            subject: &subject,
            message: "",
        },
        now,
    )?;
    Ok(Pending {
        outbox_id,
        kind: MailKind::Test,
        email: email.display().to_string(),
        message: built,
    })
}

/// Hands each email to `mailer`, one by one; a failure never stops the others.
pub fn send_all(mailer: &mut dyn Mailer, pendings: Vec<Pending>) -> Vec<Outcome> {
    let mut sender = Sender::default();
    pendings
        .into_iter()
        .map(|p| sender.send(mailer, p))
        .collect()
}

fn shorten_error(e: &str) -> String {
    let one_line = e.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_ERROR_CHARS {
        one_line
    } else {
        one_line.chars().take(MAX_ERROR_CHARS).collect::<String>() + "…"
    }
}

/// Records delivery results: each outbox row becomes `sent` or `failed` (attempts + 1) and
/// gets an audit event `send_instructions` or `send_reset` (never a token).
pub fn record(tx: &Tx<'_>, actor: &Actor, outcomes: &[Outcome], now: i64) -> Result<()> {
    for o in outcomes {
        tx.finish_mail(o.outbox_id, o.error.as_deref(), now)?;
        let action = match o.kind {
            MailKind::Instructions => "send_instructions",
            MailKind::Reset => "send_reset",
            MailKind::Test => "send_test_email",
        };
        let detail = match &o.error {
            None => format!("outbox #{}", o.outbox_id),
            Some(e) => format!("outbox #{}: {e}", o.outbox_id),
        };
        audit(
            tx,
            event(now, &actor.account.email, &actor.org.name, action, &o.email),
            o.status(),
            detail,
        )?;
    }
    Ok(())
}

/// Delivers queued emails after the caller's transaction committed, then records the
/// results in a second transaction. Returns one outcome per email; a failed delivery is an
/// outcome, not an error (the caller reports it and exits 9).
pub fn deliver(
    ctx: &Ctx,
    store: &mut Store,
    settings: &Settings,
    actor: &Actor,
    pendings: Vec<Pending>,
) -> Result<Vec<Outcome>> {
    if pendings.is_empty() {
        return Ok(Vec::new());
    }
    ctx.say(format!(
        "Sending {} email{} via {}.",
        pendings.len(),
        if pendings.len() == 1 { "" } else { "s" },
        settings.describe()
    ));
    let mut mailer = settings.mailer();
    let mut outcomes = Vec::with_capacity(pendings.len());
    let mut recorded = 0;
    let mut pendings = pendings.into_iter().peekable();
    let mut sender = Sender::default();
    while let Some(p) = pendings.next() {
        outcomes.push(match &mut mailer {
            Ok(m) => sender.send(m.as_mut(), p),
            Err(e) => p.outcome(Some(shorten_error(e))),
        });
        // Results are written as they come, a few at a time, so a command killed while
        // sending leaves at most a handful of rows `queued` (and --retry-failed takes those
        // up once they are stale).
        if outcomes.len() - recorded >= RECORD_EVERY || pendings.peek().is_none() {
            let now = ctx.now();
            store.write(|tx| record(tx, actor, &outcomes[recorded..], now))?;
            recorded = outcomes.len();
        }
    }
    Ok(outcomes)
}

/// Sends one email after another; after a few failures in a row with the same error (a
/// server that is down or unreachable), the rest fail at once with it instead of each
/// waiting out a connection timeout.
#[derive(Default)]
pub struct Sender {
    streak: Option<(String, usize)>,
}

impl Sender {
    /// Sends one pending email (or gives up on it) and returns its outcome.
    pub fn send(&mut self, mailer: &mut dyn Mailer, p: Pending) -> Outcome {
        let outcome = match &self.streak {
            Some((e, n)) if *n >= GIVE_UP_AFTER => p.outcome(Some(e.clone())),
            _ => {
                let error = mailer.send(&p.message).err().map(|e| shorten_error(&e));
                p.outcome(error)
            }
        };
        self.streak = match (&outcome.error, self.streak.take()) {
            (Some(e), Some((last, n))) if *e == last => Some((last, n + 1)),
            (Some(e), _) => Some((e.clone(), 1)),
            (None, _) => None,
        };
        outcome
    }
}

/// Identical failures in a row after which the remaining emails are not attempted.
const GIVE_UP_AFTER: usize = 3;

/// How many delivery results are written per transaction.
const RECORD_EVERY: usize = 50;

/// A `queued` email older than this was left by a command that died while sending;
/// `send-instructions --retry-failed` sends it again.
pub const STALE_QUEUED_MS: i64 = 10 * 60 * 1000;

/// The exit-9 error for failed deliveries, or `Ok` when every email went out.
pub fn failures(outcomes: &[Outcome]) -> Result<()> {
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.sent())
        .map(|o| o.email.as_str())
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    // A big batch names a few and counts the rest; the table above lists them all.
    const NAMED: usize = 5;
    let mut who = failed[..failed.len().min(NAMED)].join(", ");
    if failed.len() > NAMED {
        who.push_str(&format!(" and {} more", failed.len() - NAMED));
    }
    Err(Error::Delivery(format!(
        "{} of {} emails could not be delivered ({who}); see `usermgr outbox --failed`, then send them again with `usermgr send-instructions --retry-failed`",
        failed.len(),
        outcomes.len(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::human;

    #[test]
    fn config_file_sets_the_transport_and_rejects_mistakes() {
        let c = FileConfig::parse(
            "[email]\ntransport = \"smtp://mail.acme.test?tls=tls\"\nfrom = \"it@acme.test\"\n",
        )
        .unwrap();
        assert_eq!(
            c.transport.as_deref(),
            Some("smtp://mail.acme.test?tls=tls")
        );
        assert_eq!(c.from.as_deref(), Some("it@acme.test"));
        assert_eq!(FileConfig::parse("").unwrap(), FileConfig::default());
        assert!(FileConfig::parse("[email]\ntransport = \"pigeon\"\n")
            .unwrap_err()
            .contains("not a transport"));
        assert!(
            FileConfig::parse("[email]\ntransprot = \"sendmail\"\n").is_err(),
            "typos are caught"
        );
        assert!(FileConfig::parse("[email\n").is_err());
    }

    use crate::domain::permissions::Grants;
    use crate::store::{NewAccount, Org};

    /// Keeps every message; fails for addresses listed in `refuse`.
    #[derive(Default)]
    struct Recorder {
        sent: Vec<Message>,
        refuse: Vec<String>,
    }

    impl Mailer for Recorder {
        fn send(&mut self, msg: &Message) -> Result<(), String> {
            let to = msg.envelope().to()[0].to_string();
            if self.refuse.contains(&to) {
                return Err(format!("550 mailbox {to} unavailable\r\nmore"));
            }
            self.sent.push(msg.clone());
            Ok(())
        }
    }

    struct World {
        _dir: tempfile::TempDir,
        store: Store,
        org: Org,
        actor: Actor,
    }

    fn world() -> World {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::create(&path).unwrap();
        let (org, admin) = store
            .write(|tx| {
                let org = tx.create_org("Acme", 1)?;
                let id = tx.insert_account(&account("admin@acme.test", "", Some("h"), false), 1)?;
                Ok((org, tx.account_by_id(id)?))
            })
            .unwrap();
        let actor = Actor {
            account: admin,
            org: org.clone(),
            grants: Grants::default(),
            permission_set: "Administrator".into(),
            session_id: 0,
        };
        World {
            _dir: dir,
            store,
            org,
            actor,
        }
    }

    fn account<'a>(
        email: &'a str,
        name: &'a str,
        hash: Option<&'a str>,
        reset: bool,
    ) -> NewAccount<'a> {
        NewAccount {
            email,
            display_email: email,
            name,
            password_hash: hash,
            reset_required: reset,
        }
    }

    fn body(m: &Message) -> String {
        // The body is quoted-printable for non-ASCII text; these tests keep to ASCII.
        let raw = String::from_utf8(m.formatted()).unwrap();
        raw.split_once("\r\n\r\n").unwrap().1.replace("\r\n", "\n")
    }

    /// The token an email body shows (`sp_…`, `re_…`).
    fn token_in(body: &str) -> String {
        body.split_whitespace()
            .find(|w| w.starts_with("sp_") || w.starts_with("re_"))
            .unwrap()
            .to_string()
    }

    /// A server that is down: every attempt fails the same way.
    #[derive(Default)]
    struct Down {
        attempts: usize,
    }

    impl Mailer for Down {
        fn send(&mut self, _: &Message) -> Result<(), String> {
            self.attempts += 1;
            Err("connection refused".into())
        }
    }

    #[test]
    fn a_server_that_is_down_is_given_up_on_after_a_few_attempts() {
        let mut w = world();
        let now = 1_764_000_000_000;
        let settings = w
            .store
            .read(|tx| Settings::load(tx, Path::new("/tmp/x/t.db"), &Env::default()))
            .unwrap();
        let pendings = w
            .store
            .write(|tx| {
                (0..6)
                    .map(|i| {
                        let id = tx.insert_account(
                            &account(&format!("u{i}@acme.test"), "", None, false),
                            now,
                        )?;
                        queue_instructions(
                            tx,
                            &settings,
                            &w.actor,
                            &tx.account_by_id(id)?,
                            None,
                            now,
                        )
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .unwrap();
        let mut down = Down::default();
        let outcomes = send_all(&mut down, pendings);
        assert_eq!(down.attempts, GIVE_UP_AFTER);
        assert_eq!(outcomes.len(), 6);
        assert!(outcomes
            .iter()
            .all(|o| o.error.as_deref() == Some("connection refused")));
    }

    #[test]
    fn queued_emails_carry_tokens_that_only_the_message_holds() {
        let mut w = world();
        let now = 1_764_000_000_000;
        let settings = w
            .store
            .read(|tx| Settings::load(tx, Path::new("/tmp/x/t.db"), &Env::default()))
            .unwrap();
        let msg = CustomMessage::parse("Welcome aboard", "--message").unwrap();
        let pendings = w
            .store
            .write(|tx| {
                let a = tx.insert_account(&account("new@acme.test", "New", None, false), now)?;
                let b = tx.insert_account(&account("tmp@acme.test", "", Some("h"), true), now)?;
                let (a, b) = (tx.account_by_id(a)?, tx.account_by_id(b)?);
                Ok(vec![
                    queue_instructions(tx, &settings, &w.actor, &a, msg.as_ref(), now)?,
                    queue_instructions(tx, &settings, &w.actor, &b, msg.as_ref(), now)?,
                    queue_reset(tx, &settings, &w.actor, &b, None, now)?,
                ])
            })
            .unwrap();
        let mut rec = Recorder {
            refuse: vec!["tmp@acme.test".into()],
            ..Recorder::default()
        };
        let outcomes = send_all(&mut rec, pendings);
        assert_eq!(
            outcomes.iter().map(Outcome::status).collect::<Vec<_>>(),
            ["sent", "failed", "failed"]
        );
        assert_eq!(
            outcomes[1].error.as_deref(),
            Some("550 mailbox tmp@acme.test unavailable more")
        );
        let text = body(&rec.sent[0]);
        assert!(text.contains("Welcome aboard"), "{text}");
        let token = token_in(&text);
        assert!(token.starts_with("sp_"));

        let actor = w.actor.clone();
        w.store
            .write(|tx| {
                record(tx, &actor, &outcomes, now + 5)?;
                let row = tx.token_by_hash(&token::hash(&token))?.unwrap();
                assert_eq!(row.kind, TokenKind::SetPassword);
                assert_eq!(row.expires_at, now + 259_200_000);
                let rows = tx.outbox(w.org.id, false)?;
                assert_eq!(rows.len(), 3);
                assert!(rows
                    .iter()
                    .all(|r| r.attempts == 1 && r.updated_at == now + 5));
                assert_eq!(rows[0].state, MailState::Sent);
                assert_eq!(rows[0].message, "Welcome aboard");
                assert_eq!(rows[2].kind, MailKind::Reset);
                assert_eq!(tx.outbox(w.org.id, true)?.len(), 2);
                Ok(())
            })
            .unwrap();
        assert_eq!(failures(&outcomes).unwrap_err().exit_code(), 9);
        let many: Vec<Outcome> = (0..7)
            .map(|i| Outcome {
                outbox_id: i,
                email: format!("u{i}@acme.test"),
                kind: MailKind::Instructions,
                error: Some("refused".into()),
            })
            .collect();
        let msg = failures(&many).unwrap_err().to_string();
        assert!(
            msg.starts_with("7 of 7 emails") && msg.contains("u4@acme.test and 2 more"),
            "{msg}"
        );
        assert!(failures(&outcomes[..1]).is_ok());
    }

    #[test]
    fn requeue_voids_the_old_token_and_reuses_the_row() {
        let mut w = world();
        let now = 1_764_000_000_000;
        let settings = w
            .store
            .read(|tx| Settings::load(tx, Path::new("t.db"), &Env::default()))
            .unwrap();
        let (first, second, acc) = w
            .store
            .write(|tx| {
                let id =
                    tx.insert_account(&account("jo@acme.test", "Jo", Some("h"), false), now)?;
                let acc = tx.account_by_id(id)?;
                let first = queue_reset(tx, &settings, &w.actor, &acc, None, now)?;
                tx.finish_mail(first.outbox_id, Some("refused"), now)?;
                let row = tx.outbox(w.org.id, true)?.remove(0);
                let second = requeue(tx, &settings, &w.actor, &acc, &row, now + 1)?;
                Ok((first, second, acc))
            })
            .unwrap();
        assert_eq!(first.outbox_id, second.outbox_id);
        let mut rec = Recorder::default();
        send_all(&mut rec, vec![first, second]);
        let tokens: Vec<String> = rec
            .sent
            .iter()
            .map(|m| {
                let b = body(m);
                assert!(
                    b.contains(&human(now + 86_400_000))
                        || b.contains(&human(now + 1 + 86_400_000))
                );
                token_in(&b)
            })
            .collect();
        w.store
            .read(|tx| {
                let old = tx.token_by_hash(&token::hash(&tokens[0]))?.unwrap();
                let new = tx.token_by_hash(&token::hash(&tokens[1]))?.unwrap();
                assert!(old.used_at.is_some(), "old token still valid");
                assert_eq!(new.used_at, None);
                assert_eq!((new.kind, new.account_id), (TokenKind::ResetEmail, acc.id));
                assert_eq!(tx.outbox(w.org.id, false)?[0].state, MailState::Queued);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn unsafe_sender_or_name_fails_before_anything_is_written() {
        let mut w = world();
        let settings_err = w.store.write(|tx| {
            tx.set_setting("email.from", "it@acme.test\r\nBcc: x@evil.test")?;
            Settings::load(tx, Path::new("t.db"), &Env::default()).map(|_| ())
        });
        assert_eq!(settings_err.unwrap_err().exit_code(), 3);
        let settings = w
            .store
            .read(|tx| Settings::load(tx, Path::new("t.db"), &Env::default()))
            .unwrap();
        let org = w.org.clone();
        let actor = w.actor.clone();
        let err = w
            .store
            .write(|tx| {
                let id = tx.insert_account(
                    &account("x@acme.test", "X\nBcc: y@evil.test", None, false),
                    1,
                )?;
                let acc = tx.account_by_id(id)?;
                queue_instructions(tx, &settings, &actor, &acc, None, 1).map(|_| ())
            })
            .unwrap_err();
        assert_eq!(err.exit_code(), 3);
        let (tokens, mails) = w
            .store
            .read(|tx| {
                Ok((
                    tx.outbox(org.id, false)?.len(),
                    tx.account_by_email("x@acme.test")?,
                ))
            })
            .unwrap();
        assert_eq!((tokens, mails), (0, None));
    }

    #[test]
    fn smtp_user_without_password_is_a_setting_error() {
        let mut w = world();
        w.store
            .write(|tx| tx.set_setting("email.transport", "smtp://bot@mail.acme.test"))
            .unwrap();
        let load = |store: &mut Store, env: Env| {
            store.read(|tx| Settings::load(tx, Path::new("t.db"), &env).map(|s| s.describe()))
        };
        let err = load(&mut w.store, Env::default()).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.to_string().contains("USERMGR_SMTP_PASSWORD"), "{err}");
        let ok = load(
            &mut w.store,
            Env::from_pairs(&[("USERMGR_SMTP_PASSWORD", "pw")]),
        )
        .unwrap();
        assert_eq!(ok, "SMTP server mail.acme.test:587");
    }
}
