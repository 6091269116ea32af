//! Logging in and sessions (R16, R26), and the reset window a login may open (R7):
//! [`window`] is how a reset window works; `login` and `reset` call these operations.

mod login;
mod prompted;
pub mod session;
#[cfg(test)]
mod tests;
pub mod window;

use secrecy::{ExposeSecret, SecretString};

use crate::ctx::Ctx;
use crate::domain::reset;
use crate::domain::token::{self, TokenKind};
use crate::error::{Error, Result};
use crate::store::{Account, Org, Tx};

pub use login::{
    check_login, login, read_login, record_login, CheckedLogin, LoginAttempt, LoginOutcome,
};
pub use prompted::redeem;

/// The one message for every login failure before a password was verified: an unknown
/// email, a wrong password, a locked account (R16, R26).
pub const BAD_CREDENTIALS: &str = "wrong email or password";

/// A session just started: its secret token (shown once) and when it expires (ms).
pub struct Session {
    /// The bearer token.
    pub secret: SecretString,
    /// When it expires.
    pub expires_at: i64,
}

/// Creates a session for an account in an organization and returns its secret token.
pub fn start_session(tx: &Tx<'_>, account_id: i64, org_id: i64, now: i64) -> Result<SecretString> {
    Ok(open_session(tx, account_id, org_id, now)?.secret)
}

/// Creates a session for an account in an organization, `session_ttl` long.
pub fn open_session(tx: &Tx<'_>, account_id: i64, org_id: i64, now: i64) -> Result<Session> {
    let ttl = tx.setting_u64("session_ttl")?;
    let t = token::generate(TokenKind::Session);
    let expires_at = reset::later(now, std::time::Duration::from_secs(ttl));
    tx.create_session(&t.hash, account_id, org_id, now, expires_at)?;
    Ok(Session {
        secret: t.secret,
        expires_at,
    })
}

/// The organization a login acts in: --org when given (must be a member), else the first
/// membership by name.
pub fn login_org(tx: &Tx<'_>, account: &Account, wanted: Option<&str>) -> Result<Org> {
    let orgs = tx.orgs_of(account.id)?;
    match wanted {
        Some(name) => orgs
            .into_iter()
            .find(|o| o.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                Error::denied(format!(
                    "{} is not a member of an organization named {name:?}",
                    account.display_email
                ))
            }),
        None => orgs.into_iter().next().ok_or_else(|| {
            Error::denied(format!(
                "{} belongs to no organization",
                account.display_email
            ))
        }),
    }
}

/// Stores the session and reports the login; `password_changed` when a reset just completed;
/// `before` is the stored session it replaces ([`Ctx::session_before`]).
pub fn finish_login(
    ctx: &Ctx,
    before: crate::ctx::SessionBefore,
    account: &Account,
    org: &Org,
    secret: &SecretString,
    print_token: bool,
    password_changed: bool,
) -> Result<()> {
    ctx.save_session(before, secret.expose_secret(), &account.display_email)?;
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::SessionJson {
            status: "ok",
            email: account.display_email.clone(),
            org: org.name.clone(),
            password_changed,
            session_token: print_token.then(|| secret.expose_secret().to_string()),
        })?;
    } else if print_token {
        ctx.out.line(secret.expose_secret())?;
    }
    ctx.say(format!(
        "{}Logged in to {} as {}.",
        if password_changed {
            "Password changed. "
        } else {
            ""
        },
        org.name,
        account.display_email
    ));
    Ok(())
}
