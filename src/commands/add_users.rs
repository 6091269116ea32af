//! `usermgr add-users`: the planning, hashing, writing and reporting are
//! [`crate::core::provision`].

use crate::cli::AddUsersArgs;
use crate::core::provision::{self, PasswordChoice, Request};
use crate::ctx::Ctx;
use crate::error::Result;

/// Runs `add-users`.
pub fn run(args: &AddUsersArgs, ctx: &mut Ctx) -> Result<()> {
    provision::add_users(&request(args), ctx)
}

/// The request of the flags.
fn request(args: &AddUsersArgs) -> Request {
    let p = &args.password;
    Request {
        emails: args.emails.clone(),
        from: args.from.clone(),
        name: args.name.clone(),
        password: PasswordChoice {
            password_stdin: p.password_stdin,
            password_file: p.password_file.clone(),
            generate_password: p.generate_password,
            no_password: p.no_password,
        },
        require_reset: args.require_reset,
        send_instructions: args.send_instructions,
        message: (&args.message).into(),
        permission_set: args.permission_set.clone(),
        groups: args.groups.clone(),
        sites: args.sites.clone(),
        fields: args.fields.clone(),
        skip_existing: args.skip_existing,
        dry_run: args.dry_run,
    }
}
