//! Step 1 of sending: queueing an email, its token and its outbox row inside the
//! command's write transaction.

use secrecy::ExposeSecret;

use super::*;
use crate::ctx::Actor;
use crate::domain::permissions::Permission;
use crate::domain::reset::{later, temp_password_expires_at};
use crate::domain::token::{self, TokenKind};
use crate::error::{Error, Result};
use crate::store::{Account, NewMail, Tx};

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
    let beyond = actor.orgs_beyond_users_power(tx, account)?;
    if beyond.is_empty() {
        return Ok(());
    }
    let what = match tk {
        TokenKind::ResetEmail => "a reset token",
        _ => "a set-password token",
    };
    Err(Error::denied(format!(
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
            let expires_at = later(now, ttl);
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
            window_secs: settings.rules.reset_window.as_secs(),
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
                    window_secs: settings.rules.reset_window.as_secs(),
                    expires_at: temp_password_expires_at(&account.state, &settings.rules),
                    ttl_secs: settings.rules.temp_password_ttl.as_secs(),
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
