//! Changes to one member: their permission set, groups, sites and user fields (R23).

use super::{keep_a_permissions_holder, may_change, member, membership_json};
use crate::contract::MembershipJson;
use crate::core::audit::{audit, audit_by, event, Action, Outcome};
use crate::core::directory::{find_field, find_item};
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::error::{Error, Result};
use crate::store::Collection;

/// What moving a member to another permission set did.
pub struct PermissionSetChanged {
    /// The member's address as displayed.
    pub email: String,
    /// The permission set they now have.
    pub set: String,
    /// Their membership as it is now.
    pub membership: MembershipJson,
}

/// Moves a member to another permission set of the organization.
pub fn set_permission_set(ctx: &Ctx, email: &str, set_name: &str) -> Result<PermissionSetChanged> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(
            Permission::Permissions,
            "choosing a member's permission set",
        )?;
        let (account, m) = member(tx, &actor, email)?;
        let set = tx.permission_set_by_name(&actor.org, set_name)?;
        let doing = format!(
            "moving {} from {} to {}",
            account.display_email, m.permission_set, set.name
        );
        actor.require_power_over(tx, &account, "changing the permission set of")?;
        actor.require_at_least(&set.grants, &doing)?;
        if !set.grants.has(Permission::Permissions) {
            keep_a_permissions_holder(
                tx,
                &actor,
                &m,
                &format!("move {} to {}", account.display_email, set.name),
            )?;
        }
        tx.set_membership_permission_set(m.id, set.id)?;
        audit_by(
            tx,
            &actor,
            now,
            Action::SetPermissionSet,
            &account.email,
            Outcome::Ok,
            format!("{} -> {}", m.permission_set, set.name),
        )?;
        let changes = vec![format!(
            "permission set {} -> {}",
            m.permission_set, set.name
        )];
        let membership = membership_json(tx, &actor, &account, changes)?;
        Ok(PermissionSetChanged {
            email: account.display_email,
            set: set.name,
            membership,
        })
    })
}

/// The changes to make to one member.
#[derive(Debug, Clone, Default)]
pub struct UpdateRequest {
    /// The member's address.
    pub email: String,
    /// Groups to add them to, by name.
    pub add_groups: Vec<String>,
    /// Groups to take them out of.
    pub remove_groups: Vec<String>,
    /// Sites to add them to.
    pub add_sites: Vec<String>,
    /// Sites to take them out of.
    pub remove_sites: Vec<String>,
    /// User fields to set: (name, value).
    pub set_fields: Vec<(String, String)>,
    /// User fields to clear, by name.
    pub clear_fields: Vec<String>,
}

impl UpdateRequest {
    fn is_empty(&self) -> bool {
        self.add_groups.is_empty()
            && self.remove_groups.is_empty()
            && self.add_sites.is_empty()
            && self.remove_sites.is_empty()
            && self.set_fields.is_empty()
            && self.clear_fields.is_empty()
    }
}

/// What updating a member did.
pub struct Updated {
    /// The member's address as displayed.
    pub email: String,
    /// What changed, in words (empty: it already was as asked).
    pub changes: Vec<String>,
    /// Their membership as it is now.
    pub membership: MembershipJson,
}

/// Changes a member's groups, sites and user fields; each kind of change needs its own
/// permission or `platform.users`, and (R23) power over the member.
pub fn update(ctx: &Ctx, req: &UpdateRequest) -> Result<Updated> {
    if req.is_empty() {
        return Err(Error::invalid(
            "nothing to change: pass --add-group, --remove-group, --add-site, --remove-site, --field KEY=VALUE or --clear-field KEY",
        ));
    }
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let (account, m) = member(tx, &actor, &req.email)?;
        actor.require_power_over(tx, &account, "updating")?;
        let mut changes: Vec<String> = Vec::new();
        for (c, add, del, perm) in [
            (
                Collection::Groups,
                &req.add_groups,
                &req.remove_groups,
                Permission::Groups,
            ),
            (
                Collection::Sites,
                &req.add_sites,
                &req.remove_sites,
                Permission::Sites,
            ),
        ] {
            if add.is_empty() && del.is_empty() {
                continue;
            }
            may_change(&actor, perm, c.plural())?;
            let items = tx.named_items(c, org.id)?;
            for name in add {
                let item = find_item(c, org, &items, name)?;
                tx.assign(c, item.id, m.id)?;
                changes.push(format!("+{} {}", c.noun(), item.name));
            }
            for name in del {
                let item = find_item(c, org, &items, name)?;
                if tx.unassign(c, item.id, m.id)? {
                    changes.push(format!("-{} {}", c.noun(), item.name));
                }
            }
        }
        if !req.set_fields.is_empty() || !req.clear_fields.is_empty() {
            may_change(&actor, Permission::Fields, "user fields")?;
            let defs = tx.field_defs(org.id)?;
            for (key, value) in &req.set_fields {
                let def = find_field(org, &defs, key)?;
                let v = def.ty.validate(&def.name, value)?;
                tx.set_field_value(def.id, m.id, &v)?;
                changes.push(format!("field {}", def.name));
            }
            for key in &req.clear_fields {
                let def = find_field(org, &defs, key)?;
                if tx.clear_field_value(def.id, m.id)? {
                    changes.push(format!("cleared field {}", def.name));
                }
            }
        }
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &org.name,
                Action::UpdateUser,
                &account.email,
            ),
            Outcome::Ok,
            changes.join("; "),
        )?;
        let membership = membership_json(tx, &actor, &account, changes.clone())?;
        Ok(Updated {
            email: account.display_email,
            changes,
            membership,
        })
    })
}
