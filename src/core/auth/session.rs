//! Sessions presented as bearer tokens (the server's `Authorization: Bearer` and its
//! session cookie): who a token opens, and ending it. The command line finds its session
//! through [`crate::ctx::Ctx::actor`]; the rules are the same: an ended or expired session,
//! or one whose account was disabled or left the organization, opens nothing.

use secrecy::{ExposeSecret, SecretString};

use crate::core::audit::{audit, event, Action, Outcome};
use crate::ctx::{Actor, Ctx};
use crate::domain::clock::Clock;
use crate::domain::permissions::{Grants, Permission};
use crate::domain::token;
use crate::error::{Error, Result};
use crate::store::{Account, Org, Store, Tx};

/// A live session and what it may do.
pub struct LiveSession {
    /// The session's row id.
    pub id: i64,
    /// Whose it is.
    pub account: Account,
    /// The organization it acts in.
    pub org: Org,
    /// The permission set's grants there.
    pub grants: Grants,
    /// When it expires (ms).
    pub expires_at: i64,
}

impl LiveSession {
    /// The keys of the permissions held, in their fixed order.
    pub fn permission_keys(&self) -> Vec<&'static str> {
        Permission::ALL
            .iter()
            .filter(|p| self.grants.has(**p))
            .map(|p| p.key())
            .collect()
    }
}

/// The one message for a session token that opens nothing.
pub const NO_SESSION: &str = "no valid session: log in again";

/// The live session a bearer token opens at `now`, or exit 4.
pub fn session_of(tx: &Tx<'_>, secret: &SecretString, now: i64) -> Result<LiveSession> {
    let none = || Error::Auth(NO_SESSION.into());
    let session = tx
        .session_by_hash(&token::hash(secret.expose_secret()))?
        .ok_or_else(none)?;
    if session.ended_at.is_some() || now >= session.expires_at {
        return Err(none());
    }
    let account = tx.account_by_id(session.account_id)?;
    if account.disabled() {
        return Err(none());
    }
    let membership = tx
        .membership(account.id, session.org_id)?
        .ok_or_else(none)?;
    Ok(LiveSession {
        id: session.id,
        account,
        org: membership.org,
        grants: membership.grants,
        expires_at: session.expires_at,
    })
}

/// Looks up the session a bearer token opens (read only).
pub fn current(store: &mut Store, clock: &dyn Clock, secret: &SecretString) -> Result<LiveSession> {
    store.read(|tx| session_of(tx, secret, clock.now_ms()))
}

/// Ends the session a bearer token opens and audits the logout; whether one was open.
pub fn end(store: &mut Store, clock: &dyn Clock, secret: &SecretString) -> Result<bool> {
    store.write(|tx| {
        let now = clock.now_ms();
        match session_of(tx, secret, now) {
            Ok(s) => {
                close(tx, s.id, &s.account, &s.org, now)?;
                Ok(true)
            }
            Err(Error::Auth(_)) => Ok(false),
            Err(e) => Err(e),
        }
    })
}

/// Ends a session and audits the logout, in the caller's write transaction: the one logout
/// of the command line (its stored session) and the server (a bearer token or cookie).
pub fn close(tx: &Tx<'_>, session_id: i64, account: &Account, org: &Org, now: i64) -> Result<()> {
    tx.end_session(session_id, now)?;
    audit(
        tx,
        event(
            now,
            &account.email,
            &org.name,
            Action::Logout,
            &account.email,
        ),
        Outcome::Ok,
        "",
    )
}

/// `logout` on the command line: ends the stored session in the database, audited, and
/// forgets the stored token. Returns whose session it was; `None` when none was open (or
/// it had already ended), which is what logout wants.
pub fn logout_stored(ctx: &Ctx) -> Result<Option<String>> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let who = store.write(|tx| match ctx.actor(tx) {
        Ok(actor) => {
            close(tx, actor.session_id, &actor.account, &actor.org, now)?;
            Ok(Some(actor.account.display_email))
        }
        // Other failures must show.
        Err(Error::Auth(_)) => Ok(None),
        Err(e) => Err(e),
    })?;
    ctx.forget_session()?;
    Ok(who)
}

/// `whoami` on the command line: the stored session's account, organization and grants.
pub fn whoami(ctx: &Ctx) -> Result<Actor> {
    let mut store = ctx.open_store()?;
    store.read(|tx| ctx.actor(tx))
}
