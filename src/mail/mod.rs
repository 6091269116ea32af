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
//! let message = mail::read_message(&(&args.message).into())?; // before the transaction
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

mod config;
mod deliver;
mod message;
mod queue;
mod send;
#[cfg(test)]
mod tests;
pub mod transport;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::Message;
use secrecy::SecretString;

pub use config::*;
pub use deliver::*;
pub use message::{
    compose, compose_email, header_safe, instructions_body, instructions_subject, org_sender,
    recipient, reset_body, reset_subject, sender, Access, Bodies, CustomMessage, Instructions,
    ResetLetter,
};
pub use queue::*;
pub use send::*;
pub use transport::{
    check_connection, find_sendmail, reachable, FileMailer, Mailer, TlsMode, TransportSpec,
};

use crate::core::settings::{self, Setting};
use crate::ctx::Env;
use crate::domain::reset::LoginRules;
use crate::error::{Error, Result};
use crate::store::Tx;
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
    reset_email_ttl: Duration,
    set_password_ttl: Duration,
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
            None => settings::value(tx, Setting::EmailTransport)?,
        };
        let from = match &file.from {
            Some(f) => f.clone(),
            None => settings::value(tx, Setting::EmailFrom)?,
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
            reset_email_ttl: Duration::from_secs(settings::number(tx, Setting::ResetEmailTtl)?),
            set_password_ttl: Duration::from_secs(settings::number(tx, Setting::SetPasswordTtl)?),
            rules: tx.login_rules()?,
            public_url: Some(settings::value(tx, Setting::PublicUrl)?).filter(|u| !u.is_empty()),
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

    /// `sent` or `failed`, as the audit log records it.
    pub fn audited(&self) -> crate::core::audit::Outcome {
        if self.sent() {
            crate::core::audit::Outcome::Sent
        } else {
            crate::core::audit::Outcome::Failed
        }
    }

    /// `sent` or `failed`, as results show it (the same words as the audit log).
    pub fn status(&self) -> &'static str {
        self.audited().as_str()
    }
}

/// Where a custom message comes from: `--message TEXT`, `--message-file F`, or neither.
#[derive(Debug, Clone, Default)]
pub struct MessageSource {
    /// The text itself.
    pub message: Option<String>,
    /// A UTF-8 file holding it.
    pub message_file: Option<PathBuf>,
}

/// Reads `--message TEXT` or `--message-file F` (UTF-8), checked by [`CustomMessage::parse`].
pub fn read_message(args: &MessageSource) -> Result<Option<CustomMessage>> {
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
