//! `usermgr init`: reads the first organization, its administrator and their password, then
//! creates the directory through [`crate::core::init`].

use secrecy::SecretString;

use crate::cli::InitArgs;
use crate::core::ask::new_password;
use crate::core::init::{self, FirstAdmin};
use crate::ctx::Ctx;
use crate::domain::email::Email;
use crate::domain::permissions::ADMINISTRATOR;
use crate::domain::{validate_name, validate_org_name};
use crate::error::Result;

/// Runs `init`.
pub fn run(args: &InitArgs, ctx: &mut Ctx) -> Result<()> {
    let first = FirstAdmin {
        org: validate_org_name(&args.org)?,
        email: Email::parse(&args.admin)?,
        name: validate_name(args.name.as_deref().unwrap_or(""))?,
    };
    init::refuse_existing(ctx)?;
    let password: SecretString = if args.password_stdin {
        ctx.read_secret_line("--password-stdin")?
    } else if ctx.interactive() {
        let min_len = init::min_password_length();
        new_password(ctx, &first.email, min_len, "Administrator password", None)?
    } else {
        return Err(ctx.missing("administrator password", "--password-stdin"));
    };
    let created = init::create(ctx, &first, password)?;
    let email = first.email.display();
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::InitJson {
            database: created.location.clone(),
            org: created.org.name.clone(),
            email: email.to_string(),
            permission_set: ADMINISTRATOR.to_string(),
        })?;
    }
    ctx.say(format!(
        "Created {} with organization {}.",
        created.location, created.org.name
    ));
    ctx.say(format!("Logged in to {} as {}.", created.org.name, email));
    Ok(())
}
