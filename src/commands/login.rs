//! `usermgr login`: reads the address and the password, then logs in through
//! [`crate::core::auth::login`].

use secrecy::SecretString;

use crate::cli::LoginArgs;
use crate::core::auth;
use crate::ctx::Ctx;
use crate::error::Result;

/// Runs `login`.
pub fn run(args: &LoginArgs, ctx: &mut Ctx) -> Result<()> {
    let raw_email = match &args.email {
        Some(e) => e.clone(),
        None if ctx.interactive() => ctx.prompt.input("Email", false)?,
        None => return Err(ctx.missing("email", "it as an argument: usermgr login EMAIL")),
    };
    let password: SecretString = if args.password_stdin {
        ctx.read_secret_line("--password-stdin")?
    } else if ctx.interactive() {
        ctx.prompt.password("Password")?
    } else {
        return Err(ctx.missing("password", "--password-stdin"));
    };
    auth::login(
        ctx,
        &raw_email,
        password,
        args.password_stdin,
        args.print_token,
    )
}
