//! Permission sets: listing, creating (never with more than the creator holds) and deleting
//! them (never a built-in one, nor one in use).

use crate::contract::SetJson;
use crate::core::audit::{audit, audit_by, event, Action, Outcome};
use crate::ctx::Ctx;
use crate::domain::permissions::{Grants, Permission};
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::store::{PermissionSet, Tx};

/// The permission sets of the actor's organization.
pub fn list(ctx: &Ctx) -> Result<Vec<PermissionSet>> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        tx.permission_sets(actor.org.id)
    })
}

/// Creates a permission set from permission keys (`platform.users`, ...).
pub fn create(ctx: &Ctx, name: &str, permissions: &[String]) -> Result<SetJson> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let name = validate_name(name)?;
    if name.is_empty() {
        return Err(Error::invalid("the permission set name is empty"));
    }
    let perms = permissions
        .iter()
        .map(|p| Permission::parse(p))
        .collect::<Result<Vec<_>>>()?;
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Permissions, "managing permission sets")?;
        let grants = Grants(perms.iter().copied().collect());
        actor.require_at_least(&grants, &format!("creating permission set {name}"))?;
        tx.create_permission_set(actor.org.id, &name, &perms)?;
        let keys: Vec<&'static str> = perms.iter().map(|p| p.key()).collect();
        audit_by(
            tx,
            &actor,
            now,
            Action::CreatePermissionSet,
            &name,
            Outcome::Ok,
            keys.join(" "),
        )?;
        Ok(SetJson {
            name: name.clone(),
            builtin: false,
            default: false,
            permissions: keys,
            members: 0,
        })
    })
}

/// Checks that the actor may delete the named set and that it can go: not built in, and
/// used by nobody. Returns it and the organization's name.
fn deletable(ctx: &Ctx, tx: &Tx<'_>, name: &str) -> Result<(PermissionSet, String)> {
    let actor = ctx.actor(tx)?;
    actor.require(Permission::Permissions, "managing permission sets")?;
    let set = tx
        .permission_set_by_name(&actor.org, name)
        .map_err(|e| match e {
            Error::Invalid(m) => Error::NotFound(m),
            other => other,
        })?;
    if set.builtin {
        return Err(Error::Conflict(format!(
            "{} is a built-in permission set and cannot be deleted",
            set.name
        )));
    }
    if set.members > 0 {
        return Err(Error::Conflict(format!(
            "permission set {} is used by {} member(s); move them first with `usermgr users set-permission-set EMAIL SET`",
            set.name, set.members
        )));
    }
    Ok((set, actor.org.name))
}

/// The set deleting `name` would delete, and the organization's name (to ask first).
pub fn to_delete(ctx: &Ctx, name: &str) -> Result<(PermissionSet, String)> {
    let mut store = ctx.open_store()?;
    store.read(|tx| deletable(ctx, tx, name))
}

/// Deletes a permission set nobody uses, checked again in the writing transaction.
pub fn delete(ctx: &Ctx, name: &str) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let (set, org) = deletable(ctx, tx, name)?;
        tx.delete_permission_set(set.id)?;
        audit(
            tx,
            event(
                now,
                &ctx.actor(tx)?.account.email,
                &org,
                Action::DeletePermissionSet,
                &set.name,
            ),
            Outcome::Ok,
            "",
        )
    })
}
