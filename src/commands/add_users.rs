//! `usermgr add-users`: the planning, hashing, writing and reporting are
//! [`crate::core::provision`].

use crate::cli::AddUsersArgs;
use crate::core::provision;
use crate::ctx::Ctx;
use crate::error::Result;

/// Runs `add-users`.
pub fn run(args: &AddUsersArgs, ctx: &mut Ctx) -> Result<()> {
    provision::add_users(args, ctx)
}
