//! The members of an organization: listing and showing them (R22, R34), their account state
//! (unlock, remove, disable, enable; R28) and changes to their membership (R19, R23). The
//! operations take plain requests and return what happened; the commands print it.

mod list;
mod show;
mod state;
mod update;
mod update_from;

pub use list::{list, ListRequest, Listing, Member, MemberSink, MemberState};
pub use show::{show, Shown, Times};
pub use state::{removal, remove, set_disabled, unlock, Disabled, Removal, Unlocked};
pub use update::{set_permission_set, update, PermissionSetChanged, UpdateRequest, Updated};
pub use update_from::{read_updates, update_from, RowUpdated, UpdateBatch};

use crate::ctx::Actor;
use crate::domain::email::Email;
use crate::domain::permissions::Permission;
use crate::error::{Denied, Error, Result};
use crate::store::{Account, Membership, Tx};

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
    Err(Error::PermissionDenied(Denied::LacksEither {
        specific,
        org: actor.org.name.clone(),
        what: what.to_string(),
    }))
}

/// A member's membership as it is now, read inside the transaction that changed it.
fn membership_json(
    tx: &Tx<'_>,
    actor: &Actor,
    account: &Account,
    changes: Vec<String>,
) -> Result<crate::contract::MembershipJson> {
    use crate::store::Collection;
    let m = tx
        .membership(account.id, actor.org.id)?
        .ok_or_else(|| Error::internal("the membership just changed is gone"))?;
    Ok(crate::contract::MembershipJson {
        email: account.display_email.clone(),
        org: actor.org.name.clone(),
        permission_set: m.permission_set.clone(),
        groups: tx.assigned(Collection::Groups, m.id)?,
        sites: tx.assigned(Collection::Sites, m.id)?,
        fields: tx.field_values(m.id)?.into_iter().collect(),
        changes,
    })
}

#[cfg(test)]
mod tests;
