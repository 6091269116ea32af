//! `usermgr passwd`: a logged-in user changes their own password (R27); the rules are
//! [`crate::core::password`], this file asks for the passwords and reports.

use secrecy::SecretString;

use crate::cli::PasswdArgs;
use crate::core::ask::new_password;
use crate::core::password::{self, differs_from_current};
use crate::ctx::Ctx;
use crate::error::Result;

/// Runs `passwd`.
pub fn run(args: &PasswdArgs, ctx: &mut Ctx) -> Result<()> {
    if !args.password_stdin && !ctx.interactive() {
        return Err(ctx.missing(
            "current password",
            "--password-stdin (line 1: the current password, line 2: the new one)",
        ));
    }
    let mut change = password::begin(ctx)?;
    let current = if args.password_stdin {
        ctx.read_secret_line("--password-stdin (line 1, the current password)")?
    } else {
        ctx.prompt.password("Current password")?
    };
    change.check_current(ctx, &current)?;

    // Owns the current password from here on; it is zeroed when this check is dropped.
    let not_current = move |pw: &SecretString| differs_from_current(&current, pw);
    let new = if args.password_stdin {
        let pw = ctx.read_secret_line("--password-stdin (line 2, the new password)")?;
        change.check_new(&pw)?;
        not_current(&pw)?;
        pw
    } else {
        let email = change.email().clone();
        new_password(
            ctx,
            &email,
            change.min_len(),
            "New password",
            Some(&not_current),
        )?
    };
    drop(not_current);
    let done = change.finish(ctx, new)?;
    let ended = done.other_sessions_ended;

    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::PasswdJson {
            email: done.email.clone(),
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
