//! `usermgr users list|show|unlock|remove|set-permission-set|update|disable|enable`: inspect
//! and manage the members of the current organization. The rules are
//! [`crate::core::members`]; these files turn arguments into requests and print the results.

mod list;
mod show;
mod state;
mod update;
mod update_from;

use list::*;
use show::*;
use state::*;
use update::*;
use update_from::*;

use crate::cli::{
    EmailArg, SetPermissionSetArgs, UsersCommand, UsersListArgs, UsersRemoveArgs, UsersUpdateArgs,
};
use crate::clock;
use crate::contract::MemberJson;
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::members::{
    self, Disabled, ListRequest, Listing, Member, MemberSink, Shown, Unlocked, UpdateRequest,
    Updated,
};
use crate::ctx::Ctx;
use crate::domain::fields::parse_assignment;
use crate::error::{Error, Result};
use crate::output::{yes_no, CsvStream, Output, Records};

/// Runs `users ...`.
pub fn run(cmd: &UsersCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        UsersCommand::List(a) => list(a, ctx),
        UsersCommand::Show(a) => show(a, ctx),
        UsersCommand::Unlock(a) => unlock(a, ctx),
        UsersCommand::Remove(a) => remove(a, ctx),
        UsersCommand::SetPermissionSet(a) => set_permission_set(a, ctx),
        UsersCommand::Update(a) => update(a, ctx),
        UsersCommand::Disable(a) => disable(a, ctx),
        UsersCommand::Enable(a) => enable(a, ctx),
    }
}
