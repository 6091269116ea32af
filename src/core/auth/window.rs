//! How a reset window works, in one place: opening it at login (R7), the timed prompt (R9),
//! and redeeming reset-window, reset-email and set-password tokens (R8–R11, R13, R14).
//!
//! Every token kind goes through the same two steps: a check before any password is asked
//! for (so a dead token fails at once), and [`commit`], one write transaction that checks the
//! token again against the time of writing — after the slow hash, so a reset that finishes
//! hashing after the deadline is refused.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::clock::{self, human, local_clock_time};
use crate::core::ask::new_password;
use crate::core::audit::{audit, event};
use crate::core::auth::{finish_login, login_org, start_session};
use crate::ctx::Ctx;
use crate::domain::clock::{rfc3339, time_left};
use crate::domain::email::Email;
use crate::domain::password::{self, check_policy, Hasher};
use crate::domain::reset::{token_state, window_deadline, TokenState, RESET_TOKEN_KINDS};
use crate::domain::token::{self, NewToken, TokenKind};
use crate::error::{Error, Result};
use crate::prompt::timed_password;
use crate::store::{Account, Org, Store, TokenRow, Tx};

/// What to do after a window opened by logging in closes (error message form).
const LOGIN_AGAIN: &str = "log in again to get a new one";
/// The same for people at the timed prompt.
const LOGIN_AGAIN_LONG: &str =
    "Log in again with the password your administrator gave you to get a new window.";
/// What to do after a window opened by a reset email closes (error message form).
const EMAIL_AGAIN: &str =
    "run `usermgr reset` again with the token from your reset email to get a new one";
/// The same for people at the timed prompt.
const EMAIL_AGAIN_LONG: &str =
    "Run `usermgr reset` again with the token from your reset email to get a new window.";

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

/// Tells the person at the prompt when their window closes: `lead`, then
/// "Set it before 14:05:32 AEDT, 5 min from now."
fn announce_deadline(ctx: &Ctx, lead: &str, deadline: i64) {
    ctx.tell(format!(
        "{lead}Set it before {}.",
        clock::deadline(deadline, ctx.now())
    ));
}

/// Continues a login whose password was right but whose account must choose a new one
/// (R7): the timed prompt on a terminal, else the reset-window token and exit 10.
pub fn after_login(
    ctx: &mut Ctx,
    store: &mut Store,
    account: &Account,
    window: &Window,
    hasher: &mut Hasher,
    password_stdin: bool,
    print_token: bool,
) -> Result<()> {
    if password_stdin || !ctx.interactive() {
        return hand_out_window_token(ctx, account, window);
    }
    announce_deadline(
        ctx,
        "Your administrator requires you to choose a new password.\n",
        window.deadline,
    );
    let email = Email::parse(&account.display_email)?;
    let min_len = store.read(|tx| tx.min_password_length())?;
    let pw = choose_in_window(
        ctx,
        hasher,
        &email,
        min_len,
        account.password_hash.as_deref(),
        window.deadline,
        LOGIN_AGAIN_LONG,
    )?;
    let new_hash = hasher.hash(&pw)?;
    drop(pw);
    let done = commit(ctx, store, &window.token.hash, &new_hash, LOGIN_AGAIN)?;
    finish_login(
        ctx,
        &done.account,
        &done.org,
        &done.session,
        print_token,
        true,
    )
}

/// A non-interactive login with a required reset: prints the reset-window token once (on
/// stdout, for its owner) and fails with exit 10 explaining how to use it.
fn hand_out_window_token(ctx: &Ctx, account: &Account, window: &Window) -> Result<()> {
    let secret = window.token.secret.expose_secret();
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::ResetRequiredJson {
            status: "reset_required",
            reset_token: secret.to_string(),
            expires_at: rfc3339(window.deadline),
        })?;
    } else {
        ctx.out.line(secret)?;
    }
    Err(Error::ResetRequired(format!(
        "{} must choose a new password before {} ({}); the reset token is on standard output: \
         printf '%s\\n%s\\n' \"$TOKEN\" \"$NEW_PASSWORD\" | usermgr reset --token-stdin --password-stdin",
        account.display_email,
        clock::deadline(window.deadline, ctx.now()),
        rfc3339(window.deadline)
    )))
}

/// Asks for a new password twice with the timed prompt, repeating on a policy violation
/// while the window is open (R9, R10). When the deadline passes the watchdog ends the
/// process with exit 8.
fn choose_in_window(
    ctx: &mut Ctx,
    hasher: &mut Hasher,
    email: &Email,
    min_len: usize,
    current_hash: Option<&str>,
    deadline: i64,
    again: &str,
) -> Result<SecretString> {
    let expired = format!(
        "The reset window closed at {}. Your password was not changed.\n{again}",
        local_clock_time(deadline)
    );
    // The rules before the first try, so the window is not spent discovering them (R10).
    ctx.tell(password::policy_summary(min_len, current_hash.is_some()));
    // A refusal says how much of the window is left for the next try.
    let retry = |ctx: &Ctx, why: &dyn std::fmt::Display| {
        let left = deadline.saturating_sub(ctx.now());
        ctx.tell(format!(
            "{why}; try again before {} ({} left)",
            local_clock_time(deadline),
            time_left(left)
        ));
    };
    loop {
        let pw = timed(ctx, "New password", deadline, &expired)?;
        if let Err(e) = check_new(hasher, &pw, email, min_len, current_hash) {
            retry(ctx, &e);
            continue;
        }
        let again = timed(ctx, "Confirm new password", deadline, &expired)?;
        if again.expose_secret() != pw.expose_secret() {
            retry(ctx, &"the two passwords differ");
            continue;
        }
        return Ok(pw);
    }
}

/// One timed question, its watchdog set to what is left of the window.
fn timed(ctx: &mut Ctx, label: &str, deadline: i64, expired: &str) -> Result<SecretString> {
    let left = u64::try_from(deadline.saturating_sub(ctx.now())).unwrap_or(0);
    timed_password(
        ctx.prompt.as_mut(),
        label,
        Duration::from_millis(left),
        expired.to_string(),
        format!(
            "; the reset window stays open until {}",
            local_clock_time(deadline)
        ),
    )
}

/// R10 for a password a user chooses: the policy, and not the current password.
fn check_new(
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

/// A committed reset: whose, where the new session acts, and the session's secret.
struct Committed {
    account: Account,
    org: Org,
    session: SecretString,
}

/// Commits a new password with a token in one write transaction: the token is read again
/// and must be unused and before its stored expiry at the moment of writing (R8). Then the
/// token is used, the hash replaced and the reset cleared, every reset and set-password
/// token of the account voided, an audit event written and a session started (R11). A
/// refusal commits only its audit row.
fn commit(
    ctx: &Ctx,
    store: &mut Store,
    token_hash: &str,
    new_hash: &str,
    again: &str,
) -> Result<Committed> {
    store.write(|tx| {
        let now = ctx.now();
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
        let org = session_org(tx, &account, row.org_id, ctx.global.org.as_deref())?;
        let session = start_session(tx, account.id, org.id, now)?;
        audit(
            tx,
            event(now, &account.email, &org.name, "reset", &account.email),
            "ok",
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
            event(now, "-", "-", "reset", "-"),
            "failed",
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
            event(now, &account.email, "-", "reset", &account.email),
            "denied",
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
                event(now, &account.email, "-", "reset", &account.email),
                "denied",
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
fn kind_label(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::ResetWindow => "reset-window",
        TokenKind::ResetEmail => "reset-email",
        TokenKind::SetPassword => "set-password",
        TokenKind::Session => "session",
    }
}

/// `reset [--token-stdin]`: sets a new password with any kind of reset or set-password token.
pub fn redeem(secret: &SecretString, password_stdin: bool, ctx: &mut Ctx) -> Result<()> {
    let hash = token::hash_secret(secret);
    let mut store = ctx.open_store()?;
    // Fail before asking for a password when the token cannot work; commit checks again.
    let (row, account, min_len, params) = store.write(|tx| {
        let now = ctx.now();
        Ok(match usable_token(tx, &hash, now, LOGIN_AGAIN)? {
            Ok((row, account)) => Ok((row, account, tx.min_password_length()?, tx.hash_params()?)),
            Err(e) => Err(e),
        })
    })??;
    let email = Email::parse(&account.display_email)?;
    let current = account.password_hash.as_deref();
    let mut hasher = Hasher::new(params);
    let interactive = ctx.interactive() && !password_stdin;

    let (pw, commit_hash, again) = if !interactive {
        if !password_stdin {
            return Err(ctx.missing("new password", "--password-stdin"));
        }
        let pw = ctx.read_secret_line("--password-stdin")?;
        check_new(&mut hasher, &pw, &email, min_len, current)?;
        // A reset-email token redeemed by a script opens its window and commits into it in
        // this one command, so the token's own expiry is the deadline that matters.
        (pw, hash, LOGIN_AGAIN)
    } else {
        match row.kind {
            TokenKind::ResetWindow => {
                announce_deadline(
                    ctx,
                    &format!("Choose a new password for {}. ", account.display_email),
                    row.expires_at,
                );
                let pw = choose_in_window(
                    ctx,
                    &mut hasher,
                    &email,
                    min_len,
                    current,
                    row.expires_at,
                    LOGIN_AGAIN_LONG,
                )?;
                (pw, hash, LOGIN_AGAIN)
            }
            TokenKind::ResetEmail => {
                let window = store.write(|tx| {
                    let now = ctx.now();
                    Ok(match usable_token(tx, &hash, now, EMAIL_AGAIN)? {
                        Ok((row, account)) => {
                            let w = open_window(tx, account.id, row.org_id, now)?;
                            audit(
                                tx,
                                event(now, &account.email, "-", "reset_window", &account.email),
                                "ok",
                                format!(
                                    "opened with a reset-email token until {}",
                                    human(w.deadline)
                                ),
                            )?;
                            Ok(w)
                        }
                        Err(e) => Err(e),
                    })
                })??;
                announce_deadline(
                    ctx,
                    &format!("Choose a new password for {}. ", account.display_email),
                    window.deadline,
                );
                let pw = choose_in_window(
                    ctx,
                    &mut hasher,
                    &email,
                    min_len,
                    current,
                    window.deadline,
                    EMAIL_AGAIN_LONG,
                )?;
                // Committing into the window voids the reset-email token with the others.
                (pw, window.token.hash, EMAIL_AGAIN)
            }
            TokenKind::SetPassword | TokenKind::Session => {
                ctx.tell(format!("Choose a password for {}.", account.display_email));
                let pw = new_password(ctx, &email, min_len, "New password", None)?;
                (pw, hash, LOGIN_AGAIN)
            }
        }
    };
    let new_hash = hasher.hash(&pw)?;
    drop(pw);
    let done = commit(ctx, &mut store, &commit_hash, &new_hash, again)?;
    finish_login(ctx, &done.account, &done.org, &done.session, false, true)
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
