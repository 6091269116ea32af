//! `usermgr reset`: redeeming a token (the reset window itself lives in
//! [`crate::core::auth::window`]) and the admin password change (R12).

use secrecy::{ExposeSecret, SecretString};

use crate::cli::ResetArgs;
use crate::core::ask::new_password;
use crate::core::audit::{audit, event, Action, Outcome};
use crate::core::auth::redeem;
use crate::ctx::{Actor, Ctx};
use crate::domain::email::Email;
use crate::domain::password::{self, check_policy, Hasher};
use crate::domain::permissions::Permission;
use crate::domain::reset::RESET_TOKEN_KINDS;
use crate::error::{Error, Result};
use crate::store::{Account, Tx};

/// Runs `reset [--token-stdin | --token TOKEN]` or `reset EMAIL`.
pub fn run(args: &ResetArgs, ctx: &mut Ctx) -> Result<()> {
    if let Some(email) = &args.email {
        refuse_own_password(email, ctx)?;
        return admin_change(email, args, ctx);
    }
    let token = read_token(args, ctx)?;
    redeem(&token, args.password_stdin, ctx)
}

/// The token to redeem, never needing the command line (R24): `--token TOKEN` when given,
/// else the first line of standard input with `--token-stdin`, else a hidden question on a
/// terminal. Without a terminal the missing token is exit 3 naming `--token-stdin`.
fn read_token(args: &ResetArgs, ctx: &mut Ctx) -> Result<SecretString> {
    let token = if let Some(t) = &args.token {
        SecretString::from(t.trim().to_string())
    } else if args.token_stdin {
        // The same line reader as --password-stdin, on the same buffered standard input,
        // so the password line that follows stays there for it.
        ctx.read_secret_line_of("--token-stdin", "token")?
    } else if ctx.interactive() {
        ctx.prompt.password("Token from your email or login")?
    } else {
        return Err(ctx.missing(
            "token",
            "--token-stdin (printf '%s\\n%s\\n' \"$TOKEN\" \"$NEW_PASSWORD\" | usermgr reset --token-stdin --password-stdin), or the EMAIL of a member to change their password",
        ));
    };
    let trimmed = token.expose_secret().trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            "the token is empty: paste the whole token from your email or login",
        ));
    }
    Ok(SecretString::from(trimmed.to_string()))
}

/// `reset EMAIL` naming oneself: changing one's own password must prove the current one,
/// which only `usermgr passwd` asks for (R27). The refusal is audited; anything else about
/// the command is left to the admin change to check and report.
fn refuse_own_password(raw: &str, ctx: &Ctx) -> Result<()> {
    let Ok(email) = Email::parse(raw) else {
        return Ok(());
    };
    let mut store = ctx.open_store()?;
    store.write(|tx| {
        let Ok(actor) = ctx.actor(tx) else {
            return Ok(Ok(()));
        };
        if actor.account.email != email.key() {
            return Ok(Ok(()));
        }
        let e = Error::PermissionDenied(
            "`usermgr reset EMAIL` cannot change your own password: run `usermgr passwd`, which asks for your current password first".into(),
        );
        audit(
            tx,
            event(
                ctx.now(),
                &actor.account.email,
                &actor.org.name,
                Action::PasswordChange,
                &actor.account.email,
            ),
            Outcome::Denied,
            "own password: use usermgr passwd",
        )?;
        Ok(Err(e))
    })?
}
/// The checks of R12 on the target of an admin password change, in the actor's organization.
fn admin_target(tx: &Tx<'_>, actor: &Actor, email: &Email) -> Result<Account> {
    // Without platform.users here the answer is exit 5 before anyone is looked up.
    actor.require(Permission::Users, "changing passwords")?;
    // R12: with it, a target outside this organization is "not a member" (exit 6), as in
    // every other command that names a member: an account that exists only in another
    // organization must look exactly like one that does not exist, since whether it does
    // is not this organization's business. (The single-organization rule stays exit 5.)
    let not_member = || {
        Error::NotFound(format!(
            "{} is not a member of {}; an admin can change the password only of a member of their organization (see `usermgr users list`)",
            email.display(),
            actor.org.name
        ))
    };
    let account = tx.account_by_email(email.key())?.ok_or_else(not_member)?;
    let orgs = tx.memberships_of(account.id)?;
    if !orgs.iter().any(|m| m.org.id == actor.org.id) {
        return Err(not_member());
    }
    actor.require_power_over(tx, &account, "changing the password of")?;
    if orgs.len() != 1 {
        let names: Vec<&str> = orgs.iter().map(|m| m.org.name.as_str()).collect();
        return Err(Error::PermissionDenied(format!(
            "cannot change the password of {email}: they belong to {n} organizations ({names}); \
             an admin can change a password only for users in a single organization.\n\
             Send them a reset email instead: usermgr send-instructions {email} --reset",
            email = account.display_email,
            n = orgs.len(),
            names = names.join(", ")
        )));
    }
    Ok(account)
}

/// `reset EMAIL`: an admin sets a member's password (R12). The member is not asked to choose
/// another (R6); their sessions end and their tokens are voided.
fn admin_change(raw: &str, args: &ResetArgs, ctx: &mut Ctx) -> Result<()> {
    let email = Email::parse(raw)?;
    let mut store = ctx.open_store()?;
    // Check before asking for a password; a refusal is audited (and nothing else written).
    let (min_len, params) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        Ok(match admin_target(tx, &actor, &email) {
            Ok(_) => Ok((tx.min_password_length()?, tx.hash_params()?)),
            Err(e @ (Error::PermissionDenied(_) | Error::NotFound(_))) => {
                audit(
                    tx,
                    event(
                        ctx.now(),
                        &actor.account.email,
                        &actor.org.name,
                        Action::PasswordChange,
                        email.key(),
                    ),
                    Outcome::Denied,
                    e.to_string(),
                )?;
                Err(e)
            }
            Err(e) => return Err(e),
        })
    })??;

    // Not checked against the member's current password: telling an admin "that is their
    // current password" would let admins test guesses of other people's passwords.
    let (pw, generated) = if args.generate_password {
        (password::generate(), true)
    } else if args.password_stdin {
        let pw = ctx.read_secret_line("--password-stdin")?;
        check_policy(pw.expose_secret(), &email, min_len)?;
        (pw, false)
    } else if ctx.interactive() {
        let label = format!("New password for {}", email.display());
        (new_password(ctx, &email, min_len, &label, None)?, false)
    } else {
        return Err(ctx.missing("new password", "--password-stdin or --generate-password"));
    };
    let new_hash = Hasher::new(params).hash(&pw)?;

    let (target, ended) = store.write(|tx| {
        let now = ctx.now();
        let actor = ctx.actor(tx)?;
        let target = admin_target(tx, &actor, &email)?;
        tx.set_password(target.id, &new_hash, false, now)?;
        let ended = tx.end_sessions_of(target.id, now)?;
        let voided = tx.void_tokens(target.id, &RESET_TOKEN_KINDS, now)?;
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                Action::PasswordChange,
                &target.email,
            ),
            Outcome::Ok,
            format!(
                "set by an administrator{}; no reset required; {ended} sessions ended; {voided} tokens voided",
                if generated { " (generated)" } else { "" }
            ),
        )?;
        Ok((target, ended))
    })?;

    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::AdminResetJson {
            email: target.display_email.clone(),
            password_changed: true,
            reset_required: false,
            sessions_ended: u64::try_from(ended).unwrap_or_default(),
            generated_password: generated.then(|| pw.expose_secret().to_string()),
        })?;
    } else if generated {
        ctx.out.pairs(
            &[
                ("email", target.display_email.clone()),
                ("generated password", pw.expose_secret().to_string()),
            ],
            &serde_json::Value::Null,
        )?;
    }
    ctx.say(format!(
        "Password of {} changed; {ended} session{} ended. They are not asked to choose another.",
        target.display_email,
        if ended == 1 { "" } else { "s" }
    ));
    if generated {
        ctx.say("The generated password is shown only this once.");
    }
    Ok(())
}
