//! `users set-permission-set` and `users update`: changes to one member.

use super::*;

pub(super) fn set_permission_set(args: &SetPermissionSetArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, set, now_json) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(
            Permission::Permissions,
            "choosing a member's permission set",
        )?;
        let (account, m) = member(tx, &actor, &args.email)?;
        let set = tx.permission_set_by_name(&actor.org, &args.permission_set)?;
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
        audit(
            tx,
            event(
                now,
                &actor.account.email,
                &actor.org.name,
                "set_permission_set",
                &account.email,
            ),
            "ok",
            format!("{} -> {}", m.permission_set, set.name),
        )?;
        let changes = vec![format!(
            "permission set {} -> {}",
            m.permission_set, set.name
        )];
        let now_json = membership_json(tx, &actor, &account, changes)?;
        Ok((account.display_email, set.name, now_json))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&now_json)?;
    }
    ctx.say(format!("{email} now has permission set {set}."));
    Ok(())
}

pub(super) fn update(args: &UsersUpdateArgs, ctx: &mut Ctx) -> Result<()> {
    if let Some(from) = &args.from {
        return update_from(from, ctx);
    }
    let Some(email) = &args.email else {
        return Err(Error::Usage(
            "users update needs an EMAIL or --from FILE".into(),
        ));
    };
    let assignments = args
        .fields
        .iter()
        .map(|f| parse_assignment(f))
        .collect::<Result<Vec<_>>>()?;
    let nothing = args.add_groups.is_empty()
        && args.remove_groups.is_empty()
        && args.add_sites.is_empty()
        && args.remove_sites.is_empty()
        && assignments.is_empty()
        && args.clear_fields.is_empty();
    if nothing {
        return Err(Error::invalid(
            "nothing to change: pass --add-group, --remove-group, --add-site, --remove-site, --field KEY=VALUE or --clear-field KEY",
        ));
    }
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (email, changes, now_json) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let org = &actor.org;
        let (account, m) = member(tx, &actor, email)?;
        actor.require_power_over(tx, &account, "updating")?;
        let mut changes: Vec<String> = Vec::new();
        for (c, add, del, perm) in [
            (
                Collection::Groups,
                &args.add_groups,
                &args.remove_groups,
                Permission::Groups,
            ),
            (
                Collection::Sites,
                &args.add_sites,
                &args.remove_sites,
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
        if !assignments.is_empty() || !args.clear_fields.is_empty() {
            may_change(&actor, Permission::Fields, "user fields")?;
            let defs = tx.field_defs(org.id)?;
            for (key, value) in &assignments {
                let def = find_field(org, &defs, key)?;
                let v = def.ty.validate(&def.name, value)?;
                tx.set_field_value(def.id, m.id, &v)?;
                changes.push(format!("field {}", def.name));
            }
            for key in &args.clear_fields {
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
                "update_user",
                &account.email,
            ),
            "ok",
            changes.join("; "),
        )?;
        let now_json = membership_json(tx, &actor, &account, changes.clone())?;
        Ok((account.display_email, changes, now_json))
    })?;
    if ctx.out.is_json() {
        ctx.out.json(&now_json)?;
    }
    if changes.is_empty() {
        ctx.say(format!("{email} already was as asked; nothing changed."));
    } else {
        ctx.say(format!("Updated {email}: {}.", changes.join(", ")));
    }
    Ok(())
}

/// A member's membership as it is now, read inside the transaction that changed it.
pub(super) fn membership_json(
    tx: &Tx<'_>,
    actor: &Actor,
    account: &Account,
    changes: Vec<String>,
) -> Result<crate::contract::MembershipJson> {
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
