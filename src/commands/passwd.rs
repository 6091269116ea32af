//! `usermgr passwd`: a logged-in user changes their own password (R27). The current password
//! comes first, and a wrong one counts toward the lockout like a failed login (R16); the new
//! one meets the policy and differs from the current one (R10). Success ends the user's other
//! sessions and keeps this one.

use secrecy::{ExposeSecret, SecretString};

use crate::cli::PasswdArgs;
use crate::clock::{self, human};
use crate::core::ask::new_password;
use crate::core::audit::{audit, event};
use crate::ctx::Ctx;
use crate::domain::email::Email;
use crate::domain::password::{check_policy, Hasher};
use crate::domain::reset::{self, is_locked, RESET_TOKEN_KINDS};
use crate::error::{Error, Result};

/// The audit action of a password change (the admin's `reset EMAIL` writes the same).
const ACTION: &str = "password_change";

/// Runs `passwd`.
pub fn run(args: &PasswdArgs, ctx: &mut Ctx) -> Result<()> {
    if !args.password_stdin && !ctx.interactive() {
        return Err(ctx.missing(
            "current password",
            "--password-stdin (line 1: the current password, line 2: the new one)",
        ));
    }
    let mut store = ctx.open_store()?;
    let (actor, params, rules, min_len) = store.read(|tx| {
        Ok((
            ctx.actor(tx)?,
            tx.hash_params()?,
            tx.login_rules()?,
            tx.min_password_length()?,
        ))
    })?;
    let account = &actor.account;
    let email = Email::parse(&account.display_email)?;

    let current = if args.password_stdin {
        ctx.read_secret_line("--password-stdin (line 1, the current password)")?
    } else {
        ctx.prompt.password("Current password")?
    };
    let mut hasher = Hasher::new(params);
    // As at login: a locked account's password is not checked, but costs one hash.
    let matched = match account.password_hash.as_deref() {
        Some(phc) if !is_locked(&account.state, ctx.now()) => hasher.verify(&current, phc)?,
        _ => {
            hasher.burn(&current)?;
            false
        }
    };
    if !matched {
        return Err(store.write(|tx| {
            let now = ctx.now();
            let fresh = tx.account_by_id(account.id)?;
            let ev = event(now, &account.email, &actor.org.name, ACTION, &account.email);
            if let Some(until) = fresh.state.locked_until.filter(|_| is_locked(&fresh.state, now)) {
                audit(
                    tx,
                    ev,
                    "denied",
                    format!("account locked until {}; current password not checked", human(until)),
                )?;
                return Ok(Error::Auth(format!(
                    "too many failed attempts: the account is locked until {}; try again then, or ask an admin to run `usermgr users unlock {}`",
                    clock::deadline(until, now),
                    account.display_email
                )));
            }
            let (count, locked_until) = reset::after_failure(&fresh.state, &rules, now);
            tx.record_login_failure(account.id, count, locked_until)?;
            audit(
                tx,
                ev,
                "failed",
                format!("own password: wrong current password ({count} consecutive)"),
            )?;
            Ok(Error::Auth(
                "the current password is wrong; nothing was changed".into(),
            ))
        })?);
    }

    // Owns the current password from here on; it is zeroed when this check is dropped.
    let not_current = move |pw: &SecretString| -> Result<()> {
        if pw.expose_secret() == current.expose_secret() {
            return Err(Error::invalid(
                "the new password must differ from the current one",
            ));
        }
        Ok(())
    };
    let new = if args.password_stdin {
        let pw = ctx.read_secret_line("--password-stdin (line 2, the new password)")?;
        check_policy(pw.expose_secret(), &email, min_len)?;
        not_current(&pw)?;
        pw
    } else {
        new_password(ctx, &email, min_len, "New password", Some(&not_current))?
    };
    drop(not_current);
    let new_hash = hasher.hash(&new)?;
    drop(new);

    let ended = store.write(|tx| {
        let now = ctx.now();
        // The session must still be valid, and the password the one just checked.
        let actor = ctx.actor(tx)?;
        if actor.account.password_hash != account.password_hash {
            return Err(Error::Conflict(
                "the password was changed while you were typing; run `usermgr passwd` again".into(),
            ));
        }
        tx.set_password(account.id, &new_hash, false, now)?;
        let ended = tx.end_other_sessions_of(account.id, actor.session_id, now)?;
        let voided = tx.void_tokens(account.id, &RESET_TOKEN_KINDS, now)?;
        audit(
            tx,
            event(now, &account.email, &actor.org.name, ACTION, &account.email),
            "ok",
            format!("own password changed; {ended} other sessions ended; {voided} tokens voided"),
        )?;
        Ok(ended)
    })?;

    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::PasswdJson {
            email: account.display_email.clone(),
            password_changed: true,
            other_sessions_ended: ended,
        })?;
    }
    ctx.say(format!(
        "Password changed; {ended} other session{} ended. This session stays logged in.",
        if ended == 1 { "" } else { "s" }
    ));
    Ok(())
}
