//! The reset window at a terminal: the timed prompt after a login (R7, R9), and
//! `usermgr reset` redeeming a token there or from a script. The window's rules are the
//! operations of [`super::window`]; this file only asks and tells.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::window::{
    check_new, check_token, commit, open_email_window, Window, EMAIL_AGAIN, LOGIN_AGAIN,
};
use crate::clock::{self, local_clock_time};
use crate::core::ask::new_password;
use crate::core::auth::finish_login;
use crate::ctx::Ctx;
use crate::domain::clock::{rfc3339, time_left};
use crate::domain::email::Email;
use crate::domain::password::{self, Hasher};
use crate::domain::token::{self, TokenKind};
use crate::error::{Error, Result};
use crate::prompt::timed_password;
use crate::store::{Account, Store};

/// What to do after a window opened by logging in closes, for people at the timed prompt.
const LOGIN_AGAIN_LONG: &str =
    "Log in again with the password your administrator gave you to get a new window.";
/// The same for a window opened by a reset email.
const EMAIL_AGAIN_LONG: &str =
    "Run `usermgr reset` again with the token from your reset email to get a new window.";

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
pub(super) fn after_login(
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
    let wanted = ctx.global.org.clone();
    let done = commit(
        store,
        ctx.clock(),
        &window.token.hash,
        &new_hash,
        wanted.as_deref(),
        LOGIN_AGAIN,
    )?;
    let before = ctx.session_before(store);
    finish_login(
        ctx,
        before,
        &done.account,
        &done.org,
        &done.session.secret,
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

/// `reset [--token-stdin]`: sets a new password with any kind of reset or set-password token.
pub fn redeem(secret: &SecretString, password_stdin: bool, ctx: &mut Ctx) -> Result<()> {
    let hash = token::hash_secret(secret);
    let mut store = ctx.open_store()?;
    // Fail before asking for a password when the token cannot work; commit checks again.
    let found = check_token(&mut store, ctx.clock(), &hash, LOGIN_AGAIN)?;
    let account = &found.account;
    let min_len = found.min_len;
    let email = Email::parse(&account.display_email)?;
    let current = account.password_hash.as_deref();
    let mut hasher = Hasher::new(found.params);
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
        match found.kind {
            TokenKind::ResetWindow => {
                announce_deadline(
                    ctx,
                    &format!("Choose a new password for {}. ", account.display_email),
                    found.expires_at,
                );
                let pw = choose_in_window(
                    ctx,
                    &mut hasher,
                    &email,
                    min_len,
                    current,
                    found.expires_at,
                    LOGIN_AGAIN_LONG,
                )?;
                (pw, hash, LOGIN_AGAIN)
            }
            TokenKind::ResetEmail => {
                let window = open_email_window(&mut store, ctx.clock(), &hash)?;
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
    let wanted = ctx.global.org.clone();
    let done = commit(
        &mut store,
        ctx.clock(),
        &commit_hash,
        &new_hash,
        wanted.as_deref(),
        again,
    )?;
    let before = ctx.session_before(&mut store);
    finish_login(
        ctx,
        before,
        &done.account,
        &done.org,
        &done.session.secret,
        false,
        true,
    )
}
