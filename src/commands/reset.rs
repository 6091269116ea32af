//! `usermgr reset`: redeeming a token (the reset window itself lives in
//! [`crate::core::auth::window`]) and the admin password change (R12).

use secrecy::{ExposeSecret, SecretString};

use crate::cli::ResetArgs;
use crate::core::ask::new_password;
use crate::core::auth::redeem;
use crate::core::password::admin::{self, AdminChanged};
use crate::ctx::Ctx;
use crate::domain::password;
use crate::error::{Error, Result};

/// Runs `reset [--token-stdin | --token TOKEN]` or `reset EMAIL`.
pub fn run(args: &ResetArgs, ctx: &mut Ctx) -> Result<()> {
    if let Some(email) = &args.email {
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

/// `reset EMAIL`: an admin sets a member's password (R12), checked by
/// [`crate::core::password::admin`] before the password is asked for.
fn admin_change(raw: &str, args: &ResetArgs, ctx: &mut Ctx) -> Result<()> {
    let change = admin::begin(ctx, raw)?;
    let (pw, generated) = if args.generate_password {
        (password::generate(), true)
    } else if args.password_stdin {
        let pw = ctx.read_secret_line("--password-stdin")?;
        change.check_new(&pw)?;
        (pw, false)
    } else if ctx.interactive() {
        let email = change.email();
        let label = format!("New password for {}", email.display());
        (
            new_password(ctx, email, change.min_len(), &label, None)?,
            false,
        )
    } else {
        return Err(ctx.missing("new password", "--password-stdin or --generate-password"));
    };
    let AdminChanged {
        target,
        sessions_ended: ended,
    } = change.finish(ctx, &pw, generated)?;

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
