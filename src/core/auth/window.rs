//! How a reset window works, in one place: opening it at login (R7) and redeeming
//! reset-window, reset-email and set-password tokens (R8–R11, R13, R14). These operations
//! take a store, a clock and their inputs and return what happened; the timed prompt of the
//! command line is [`super::prompted`], the pages and API of `serve` call the same ones.
//!
//! Every token kind goes through the same two steps: a check before any password is asked
//! for (so a dead token fails at once), and [`commit`], one write transaction that checks the
//! token again against the time of writing — after the slow hash, so a reset that finishes
//! hashing after the deadline is refused.

use secrecy::{ExposeSecret, SecretString};

use crate::clock::{human, local_clock_time};
use crate::core::audit::{audit, event, Action, Outcome};
use crate::core::auth::{login_org, open_session, Session};
use crate::domain::clock::Clock;
use crate::domain::email::Email;
use crate::domain::password::{check_policy, HashParams, Hasher};
use crate::domain::reset::{token_state, window_deadline, TokenState, RESET_TOKEN_KINDS};
use crate::domain::token::{self, NewToken, TokenKind};
use crate::error::{Error, Result};
use crate::store::{Account, Org, Store, TokenRow, Tx};

/// What to do after a window opened by logging in closes (error message form).
pub const LOGIN_AGAIN: &str = "log in again to get a new one";
/// What to do after a window opened by a reset email closes (error message form).
pub const EMAIL_AGAIN: &str =
    "run `usermgr reset` again with the token from your reset email to get a new one";

/// A reset window just opened: the token that commits into it, and when it closes.
pub struct Window {
    /// The reset-window token (its secret is shown only to a non-interactive login).
    pub token: NewToken,
    /// The deadline stored with the token (ms).
    pub deadline: i64,
}

/// Opens a reset window for an account: voids any earlier unfinished window (R8) and stores
/// a reset-window token that expires `reset_window` from `now`.
pub fn open_window(tx: &Tx<'_>, account_id: i64, org_id: Option<i64>, now: i64) -> Result<Window> {
    let rules = tx.login_rules()?;
    let deadline = window_deadline(now, &rules);
    tx.void_tokens(account_id, &[TokenKind::ResetWindow], now)?;
    let t = token::generate(TokenKind::ResetWindow);
    tx.insert_token(
        TokenKind::ResetWindow,
        &t.hash,
        account_id,
        org_id,
        now,
        deadline,
    )?;
    Ok(Window { token: t, deadline })
}

/// R10 for a password a user chooses: the policy, and not the current password.
pub(super) fn check_new(
    hasher: &mut Hasher,
    pw: &SecretString,
    email: &Email,
    min_len: usize,
    current_hash: Option<&str>,
) -> Result<()> {
    check_policy(pw.expose_secret(), email, min_len)?;
    if let Some(h) = current_hash {
        if hasher.verify(pw, h)? {
            return Err(Error::invalid(
                "the new password must differ from the current one",
            ));
        }
    }
    Ok(())
}

/// A committed reset: whose, where the new session acts, and the session.
pub struct Committed {
    /// The account whose password changed.
    pub account: Account,
    /// The organization the new session acts in.
    pub org: Org,
    /// The session the reset gives (R11).
    pub session: Session,
}

/// Commits a new password with a token in one write transaction: the token is read again
/// and must be unused and before its stored expiry at the moment of writing (R8). Then the
/// token is used, the hash replaced and the reset cleared, every reset and set-password
/// token of the account voided, an audit event written and a session started (R11). A
/// refusal commits only its audit row.
pub fn commit(
    store: &mut Store,
    clock: &dyn Clock,
    token_hash: &str,
    new_hash: &str,
    wanted_org: Option<&str>,
    again: &str,
) -> Result<Committed> {
    store.write(|tx| {
        let now = clock.now_ms();
        let (row, account) = match usable_token(tx, token_hash, now, again)? {
            Ok(found) => found,
            Err(refused) => return Ok(Err(refused)),
        };
        if !tx.use_token(row.id, now)? {
            return Ok(Err(refusal(&row, TokenState::Used(now), again)));
        }
        tx.set_password(account.id, new_hash, false, now)?;
        let voided = tx.void_tokens(account.id, &RESET_TOKEN_KINDS, now)?;
        // A reset recovers an account: sessions opened with the old password end with it.
        tx.end_sessions_of(account.id, now)?;
        let org = session_org(tx, &account, row.org_id, wanted_org)?;
        let session = open_session(tx, account.id, org.id, now)?;
        audit(
            tx,
            event(
                now,
                &account.email,
                &org.name,
                Action::Reset,
                &account.email,
            ),
            Outcome::Ok,
            format!(
                "new password set with a {} token; {voided} other tokens voided",
                kind_label(row.kind)
            ),
        )?;
        Ok(Ok(Committed {
            account,
            org,
            session,
        }))
    })?
}

/// A token that may be redeemed, as checked before a password is chosen.
pub struct Redeemable {
    /// Its kind.
    pub kind: TokenKind,
    /// The account it belongs to.
    pub account: Account,
    /// Its stored expiry (for a reset-window token, the window's deadline).
    pub expires_at: i64,
    /// The shortest password allowed (R10).
    pub min_len: usize,
    /// The configured argon2 parameters.
    pub params: HashParams,
}

/// Checks that a presented token (by its hash) may be redeemed now; a refusal is audited
/// (exit 8 for a closed window, exit 4 otherwise) and nothing else is written.
pub fn check_token(
    store: &mut Store,
    clock: &dyn Clock,
    token_hash: &str,
    again: &str,
) -> Result<Redeemable> {
    store.write(|tx| {
        Ok(match usable_token(tx, token_hash, clock.now_ms(), again)? {
            Ok((row, account)) => Ok(Redeemable {
                kind: row.kind,
                expires_at: row.expires_at,
                account,
                min_len: tx.min_password_length()?,
                params: tx.hash_params()?,
            }),
            Err(e) => Err(e),
        })
    })?
}

/// Redeems a reset-email token by opening a reset window (R13): the window's token is what
/// the new password commits into; committing voids the reset-email token with the others.
pub fn open_email_window(store: &mut Store, clock: &dyn Clock, token_hash: &str) -> Result<Window> {
    store.write(|tx| {
        let now = clock.now_ms();
        Ok(match usable_token(tx, token_hash, now, EMAIL_AGAIN)? {
            Ok((row, account)) => {
                let w = open_window(tx, account.id, row.org_id, now)?;
                audit(
                    tx,
                    event(
                        now,
                        &account.email,
                        "-",
                        Action::ResetWindow,
                        &account.email,
                    ),
                    Outcome::Ok,
                    format!(
                        "opened with a reset-email token until {}",
                        human(w.deadline)
                    ),
                )?;
                Ok(w)
            }
            Err(e) => Err(e),
        })
    })?
}

/// Sets a new password with a token in one go, the operation of a form or an API call:
/// the token is checked (audited refusal), the password must meet R10 and differ from the
/// current one (exit 3), then it is hashed and [`commit`]ted — refused when the token's
/// stored deadline passed in the meantime (R8). `hasher` keeps its buffer.
pub fn choose_password(
    store: &mut Store,
    clock: &dyn Clock,
    hasher: &mut Hasher,
    token_secret: &SecretString,
    password: SecretString,
    wanted_org: Option<&str>,
) -> Result<Committed> {
    let hash = token::hash_secret(token_secret);
    let found = check_token(store, clock, &hash, LOGIN_AGAIN)?;
    let again = match found.kind {
        TokenKind::ResetEmail => EMAIL_AGAIN,
        _ => LOGIN_AGAIN,
    };
    hasher.set_params(found.params);
    let email = Email::parse(&found.account.display_email)?;
    check_new(
        hasher,
        &password,
        &email,
        found.min_len,
        found.account.password_hash.as_deref(),
    )?;
    let new_hash = hasher.hash(&password)?;
    drop(password);
    commit(store, clock, &hash, &new_hash, wanted_org, again)
}

/// The organization a session after a reset acts in: --org when given, else the one the
/// token was issued in while still a member, else the first membership.
fn session_org(
    tx: &Tx<'_>,
    account: &Account,
    token_org: Option<i64>,
    wanted: Option<&str>,
) -> Result<Org> {
    if wanted.is_none() {
        if let Some(m) = token_org.and_then(|id| tx.membership(account.id, id).transpose()) {
            return Ok(m?.org);
        }
    }
    login_org(tx, account, wanted)
}

/// Finds a presented token and checks it may be redeemed at `now`. A refusal is audited in
/// `tx` and returned as the inner error, so the caller can commit the audit row alone.
fn usable_token(
    tx: &Tx<'_>,
    token_hash: &str,
    now: i64,
    again: &str,
) -> Result<Result<(TokenRow, Account), Error>> {
    let Some(row) = tx.token_by_hash(token_hash)? else {
        audit(
            tx,
            event(now, "-", "-", Action::Reset, "-"),
            Outcome::Failed,
            "unknown token",
        )?;
        return Ok(Err(Error::Auth(
            "this token is not valid: check that it was copied whole, or ask an administrator for a new one"
                .into(),
        )));
    };
    let account = tx.account_by_id(row.account_id)?;
    if account.disabled() {
        // Disabling voids the tokens; this catches any issued since (R28).
        audit(
            tx,
            event(now, &account.email, "-", Action::Reset, &account.email),
            Outcome::Denied,
            format!("{} token: account disabled", kind_label(row.kind)),
        )?;
        return Ok(Err(Error::Auth(format!(
            "the account {} is disabled, so its tokens do not work; ask an administrator to enable it (usermgr users enable {})",
            account.display_email, account.display_email
        ))));
    }
    match token_state(row.used_at, row.expires_at, now) {
        TokenState::Usable => Ok(Ok((row, account))),
        state => {
            let err = refusal(&row, state, again);
            audit(
                tx,
                event(now, &account.email, "-", Action::Reset, &account.email),
                Outcome::Denied,
                format!("{} token: {err}", kind_label(row.kind)),
            )?;
            Ok(Err(err))
        }
    }
}

/// The error for a token that cannot be redeemed: a closed window is exit 8 (R8), any other
/// dead token exit 4.
fn refusal(row: &TokenRow, state: TokenState, again: &str) -> Error {
    let fix = match row.kind {
        TokenKind::ResetWindow => "log in again to get a new reset window",
        TokenKind::ResetEmail => "ask an administrator for a new reset email",
        _ => "ask an administrator to send the password instructions again",
    };
    match (state, row.kind) {
        (TokenState::Expired(at), TokenKind::ResetWindow) => Error::WindowExpired(format!(
            "reset window expired at {}; {again}",
            local_clock_time(at)
        )),
        (TokenState::Expired(at), _) => Error::Auth(format!(
            "this {} token expired at {}; {fix}",
            kind_label(row.kind),
            human(at)
        )),
        _ => Error::Auth(format!(
            "this token was already used (or a newer one replaced it); {fix}"
        )),
    }
}

/// A token kind for messages.
pub(super) fn kind_label(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::ResetWindow => "reset-window",
        TokenKind::ResetEmail => "reset-email",
        TokenKind::SetPassword => "set-password",
        TokenKind::Session => "session",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_764_000_000_000;

    fn row(kind: TokenKind, used_at: Option<i64>) -> TokenRow {
        TokenRow {
            id: 1,
            kind,
            account_id: 1,
            org_id: None,
            created_at: T0,
            expires_at: T0 + 300_000,
            used_at,
        }
    }

    fn refused_at(kind: TokenKind, used_at: Option<i64>, now: i64) -> Option<Error> {
        let r = row(kind, used_at);
        match token_state(r.used_at, r.expires_at, now) {
            TokenState::Usable => None,
            state => Some(refusal(&r, state, LOGIN_AGAIN)),
        }
    }

    #[test]
    fn closed_window_is_exit_8_and_says_how_to_get_a_new_one() {
        assert!(refused_at(TokenKind::ResetWindow, None, T0 + 299_000).is_none());
        let e = refused_at(TokenKind::ResetWindow, None, T0 + 301_000).unwrap();
        assert_eq!(e.exit_code(), 8);
        let msg = e.to_string();
        assert!(msg.starts_with("reset window expired at "), "{msg}");
        assert!(msg.ends_with("; log in again to get a new one"), "{msg}");
    }

    #[test]
    fn other_dead_tokens_are_exit_4() {
        for kind in [TokenKind::ResetEmail, TokenKind::SetPassword] {
            let e = refused_at(kind, None, T0 + 301_000).unwrap();
            assert_eq!(e.exit_code(), 4);
            assert!(e.to_string().contains("expired at"), "{e}");
        }
        for kind in [
            TokenKind::ResetWindow,
            TokenKind::ResetEmail,
            TokenKind::SetPassword,
        ] {
            let e = refused_at(kind, Some(T0 + 1), T0 + 2).unwrap();
            assert_eq!(e.exit_code(), 4, "{kind:?}");
            assert!(e.to_string().contains("already used"), "{e}");
            let late = refused_at(kind, Some(T0 + 1), T0 + 900_000).unwrap();
            assert_eq!(late.exit_code(), 4, "used stays used after expiry");
        }
    }
}
