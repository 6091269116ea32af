//! `usermgr users list|show|unlock|remove|set-permission-set|update|disable|enable`: inspect
//! and manage the members of the current organization.

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

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::cli::{
    EmailArg, SetPermissionSetArgs, UsersCommand, UsersListArgs, UsersRemoveArgs, UsersUpdateArgs,
};
use crate::clock;
use crate::contract::{AccountStateJson, DisabledJson, MemberJson, MemberOrgJson, ShowJson};
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::audit::{audit, event};
use crate::core::directory::{find_field, find_item};
use crate::core::provision::input::{limit_quote, quote, Origin, Parsed};
use crate::core::provision::{read_from, report_rows};
use crate::ctx::{Actor, Ctx};
use crate::domain::clock::rfc3339;
use crate::domain::email::Email;
use crate::domain::fields::parse_assignment;
use crate::domain::permissions::Permission;
use crate::domain::reset::{is_locked, temp_password_expires_at, RESET_TOKEN_KINDS};
use crate::domain::validate_name;
use crate::error::{Error, Result, RowError};
use crate::output::{yes_no, Records};
use crate::store::{
    Account, Collection, FieldDef, MemberFilter, MemberRow, Membership, NamedItem, PermissionSet,
    Tx,
};

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

/// The account and membership of a member of the actor's organization (exit 6 otherwise).
fn member(tx: &Tx<'_>, actor: &Actor, email: &str) -> Result<(Account, Membership)> {
    let email = Email::parse(email)?;
    let not_member = || {
        Error::not_found(format!(
            "{} is not a member of {}; see the members with `usermgr users list`",
            email.display(),
            actor.org.name
        ))
    };
    let account = tx.account_by_email(email.key())?.ok_or_else(not_member)?;
    let membership = tx
        .membership(account.id, actor.org.id)?
        .ok_or_else(not_member)?;
    Ok((account, membership))
}

/// Refuses a change that would leave the organization without anyone who can manage
/// permission sets (and so nobody who could undo it).
fn keep_a_permissions_holder(
    tx: &Tx<'_>,
    actor: &Actor,
    m: &Membership,
    doing: &str,
) -> Result<()> {
    if m.grants.has(Permission::Permissions)
        && tx.members_holding(actor.org.id, Permission::Permissions)? <= 1
    {
        return Err(Error::Conflict(format!(
            "cannot {doing}: they are the last member of {} with \"{}\"; give it to someone else first (usermgr users set-permission-set EMAIL Administrator)",
            actor.org.name,
            Permission::Permissions.label()
        )));
    }
    Ok(())
}

/// R34: only members with `platform.users` see other members' account state (lock,
/// failed logins, reset state); everyone sees their own.
fn sees_account_state(actor: &Actor, account_id: i64) -> bool {
    actor.grants.has(Permission::Users) || actor.account.id == account_id
}

/// Whether the actor may make a kind of change to a member: `platform.users` covers every
/// change (as when adding users), the specific permission covers its own part.
fn may_change(actor: &Actor, specific: Permission, what: &str) -> Result<()> {
    if actor.grants.has(Permission::Users) || actor.grants.has(specific) {
        return Ok(());
    }
    Err(Error::PermissionDenied(format!(
        "permission denied: changing a member's {what} needs \"{}\" ({}) or \"{}\" ({}) in {org}; ask an administrator of {org} to grant it",
        specific.label(),
        specific.key(),
        Permission::Users.label(),
        Permission::Users.key(),
        org = actor.org.name
    )))
}
