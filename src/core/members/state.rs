//! Changes to a member's account state: unlock, remove, disable and enable (R28), each with
//! the permission checks of R23.

use super::{keep_a_permissions_holder, member};
use crate::contract::DisabledJson;
use crate::core::audit::{audit, audit_by, event, Action, Outcome};
use crate::ctx::{Actor, Ctx};
use crate::domain::clock::rfc3339;
use crate::domain::permissions::Permission;
use crate::domain::reset::{is_locked, RESET_TOKEN_KINDS};
use crate::error::{Error, Result};
use crate::store::{Account, Membership, Tx};

/// What `unlock` did.
#[derive(Debug, Clone)]
pub struct Unlocked {
    /// The member's address as displayed.
    pub email: String,
    /// Whether a lockout was in force.
    pub was_locked: bool,
}

/// Ends a member's lockout and clears their failed-login count.
pub fn unlock(ctx: &Ctx, email: &str) -> Result<Unlocked> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "unlocking accounts")?;
        let (account, _) = member(tx, &actor, email)?;
        actor.require_power_over_account(tx, &account, "unlocking")?;
        let was_locked = is_locked(&account.state, now);
        tx.clear_login_failures(account.id)?;
        audit_by(
            tx,
            &actor,
            now,
            Action::Unlock,
            &account.email,
            Outcome::Ok,
            if was_locked {
                "lock ended"
            } else {
                "was not locked; failure count cleared"
            },
        )?;
        Ok(Unlocked {
            email: account.display_email,
            was_locked,
        })
    })
}

/// What removing a member would do, checked: the member, and whether the account goes too.
#[derive(Debug, Clone)]
pub struct Removal {
    /// The member's address as displayed.
    pub email: String,
    /// The organization they leave.
    pub org: String,
    /// Their permission set there.
    pub permission_set: String,
    /// Whether the account itself goes (it belongs to no other organization).
    pub account_goes: bool,
}

struct Checked {
    account: Account,
    membership: Membership,
    account_goes: bool,
}

/// Every check of removing a member, made again in the writing transaction.
fn check_removal(tx: &Tx<'_>, actor: &Actor, email: &str) -> Result<Checked> {
    actor.require(Permission::Users, "removing members")?;
    let (account, m) = member(tx, actor, email)?;
    if account.id == actor.account.id {
        return Err(Error::denied(format!(
            "you cannot remove yourself from {}; ask another member with \"{}\"",
            actor.org.name,
            Permission::Users.label()
        )));
    }
    actor.require_power_over(tx, &account, "removing")?;
    keep_a_permissions_holder(tx, actor, &m, &format!("remove {}", account.display_email))?;
    // The account itself goes only when no other organization still has it.
    let account_goes = tx.membership_count(account.id)? <= 1;
    Ok(Checked {
        account,
        membership: m,
        account_goes,
    })
}

/// What removing a member would do, without doing it (to ask first).
pub fn removal(ctx: &Ctx, email: &str) -> Result<Removal> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let c = check_removal(tx, &actor, email)?;
        Ok(Removal {
            email: c.account.display_email,
            org: actor.org.name,
            permission_set: c.membership.permission_set,
            account_goes: c.account_goes,
        })
    })
}

/// Removes a member from the actor's organization, and the account when no other
/// organization has it; returns whether the account was deleted.
pub fn remove(ctx: &Ctx, email: &str) -> Result<bool> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let c = check_removal(tx, &actor, email)?;
        let account = c.account;
        tx.remove_membership(c.membership.id)?;
        let deleted = tx.delete_account_if_orphan(account.id)?;
        audit_by(
            tx,
            &actor,
            now,
            Action::RemoveUser,
            &account.email,
            Outcome::Ok,
            if deleted {
                "membership removed; account deleted (no other organization)"
            } else {
                "membership removed; account kept (member of other organizations)"
            },
        )?;
        Ok(deleted)
    })
}

/// What disabling or enabling did.
pub struct Disabled {
    /// The account as it is now, as in JSON output.
    pub json: DisabledJson,
    /// Whether it changed (false: it already was as asked).
    pub changed: bool,
}

/// R28: disabling ends every login (sessions ended, tokens voided, nothing deleted);
/// enabling undoes it.
pub fn set_disabled(ctx: &Ctx, email: &str, disable: bool) -> Result<Disabled> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let doing = if disable { "disabling" } else { "enabling" };
        actor.require(Permission::Users, &format!("{doing} accounts"))?;
        let (account, _) = member(tx, &actor, email)?;
        if disable && account.id == actor.account.id {
            return Err(Error::denied(format!(
                "you cannot disable your own account; ask another member of {} with \"{}\"",
                actor.org.name,
                Permission::Users.label()
            )));
        }
        actor.require_power_over_account(tx, &account, doing)?;
        let changed = tx.set_disabled(account.id, disable.then_some(now))?;
        // Sessions and tokens are ended even when it was already disabled: any issued
        // since must not work either.
        let (ended, voided) = if disable {
            (
                tx.end_sessions_of(account.id, now)?,
                tx.void_tokens(account.id, &RESET_TOKEN_KINDS, now)?,
            )
        } else {
            (0, 0)
        };
        let detail = match (disable, changed) {
            (true, true) => format!("disabled; {ended} sessions ended; {voided} tokens voided"),
            (true, false) => {
                format!("was already disabled; {ended} sessions ended; {voided} tokens voided")
            }
            (false, true) => "enabled; they can log in again".to_string(),
            (false, false) => "was not disabled".to_string(),
        };
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                if disable {
                    Action::DisableUser
                } else {
                    Action::EnableUser
                },
                &account.email,
            ),
            Outcome::Ok,
            detail,
        )?;
        let fresh = tx.account_by_id(account.id)?;
        Ok(Disabled {
            json: DisabledJson {
                email: fresh.display_email,
                disabled: fresh.disabled_at.is_some(),
                disabled_at: fresh.disabled_at.map(rfc3339),
                sessions_ended: ended,
                tokens_voided: voided,
            },
            changed,
        })
    })
}
