//! `usermgr permission-sets list|create|delete`.

use crate::cli::PermissionSetsCommand;
use crate::contract::SetJson;
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::audit::{audit, event};
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::output::{yes_no, Records};
use crate::store::{PermissionSet, Tx};

/// Runs `permission-sets ...`.
pub fn run(cmd: &PermissionSetsCommand, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    match cmd {
        PermissionSetsCommand::List => {
            let sets = store.read(|tx| {
                let actor = ctx.actor(tx)?;
                tx.permission_sets(actor.org.id)
            })?;
            let list: Vec<SetJson> = sets
                .into_iter()
                .map(|s| SetJson {
                    permissions: s.grants.0.iter().map(|p| p.key()).collect(),
                    name: s.name,
                    builtin: s.builtin,
                    default: s.is_default,
                    members: s.members,
                })
                .collect();
            let rows = list
                .iter()
                .map(|s| {
                    let perms = s
                        .permissions
                        .iter()
                        .filter_map(|k| Permission::parse(k).ok())
                        .map(|p| p.label())
                        .collect::<Vec<_>>()
                        .join("\n");
                    vec![
                        s.name.clone(),
                        perms,
                        yes_no(s.default),
                        s.members.to_string(),
                    ]
                })
                .collect();
            ctx.out.records(&Records {
                headers: &["permission set", "permissions", "default", "members"],
                rows,
                json: &crate::contract::PermissionSetsList {
                    permission_sets: list,
                },
            })
        }
        PermissionSetsCommand::Create(a) => {
            let name = validate_name(&a.name)?;
            if name.is_empty() {
                return Err(Error::invalid("the permission set name is empty"));
            }
            let perms = a
                .permissions
                .iter()
                .map(|p| Permission::parse(p))
                .collect::<Result<Vec<_>>>()?;
            store
                .write(|tx| {
                    let actor = ctx.actor(tx)?;
                    actor.require(Permission::Permissions, "managing permission sets")?;
                    let grants =
                        crate::domain::permissions::Grants(perms.iter().copied().collect());
                    actor.require_at_least(&grants, &format!("creating permission set {name}"))?;
                    tx.create_permission_set(actor.org.id, &name, &perms)?;
                    let keys: Vec<&'static str> = perms.iter().map(|p| p.key()).collect();
                    audit(
                        tx,
                        event(
                            now,
                            &actor.account.email,
                            &actor.org.name,
                            "create_permission_set",
                            &name,
                        ),
                        "ok",
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
                .and_then(|set| {
                    if ctx.out.is_json() {
                        ctx.out.json(&set)
                    } else {
                        Ok(())
                    }
                })?;
            ctx.say(format!("Created permission set {name}."));
            Ok(())
        }
        PermissionSetsCommand::Delete(a) => {
            let find = |ctx: &Ctx, tx: &Tx<'_>| -> Result<(PermissionSet, String)> {
                let actor = ctx.actor(tx)?;
                actor.require(Permission::Permissions, "managing permission sets")?;
                let set = tx
                    .permission_set_by_name(&actor.org, &a.name)
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
            };
            let (set, org) = store.read(|tx| find(ctx, tx))?;
            let go = confirm_deletion(
                ctx,
                a.confirm,
                &format!(
                    "Delete permission set {} from {org}? No member uses it; only the set goes",
                    set.name
                ),
                &format!("delete permission set {} from {org}", set.name),
            )?;
            if go == Go::Delete {
                store.write(|tx| {
                    let (set, org) = find(ctx, tx)?;
                    tx.delete_permission_set(set.id)?;
                    audit(
                        tx,
                        event(
                            now,
                            &ctx.actor(tx)?.account.email,
                            &org,
                            "delete_permission_set",
                            &set.name,
                        ),
                        "ok",
                        "",
                    )
                })?;
            }
            let done = format!("Deleted permission set {} from {org}.", set.name);
            let would = format!("would delete permission set {} from {org}", set.name);
            report_deletion(
                ctx,
                go,
                SetJson {
                    permissions: set.grants.0.iter().map(|p| p.key()).collect(),
                    name: set.name,
                    builtin: set.builtin,
                    default: set.is_default,
                    members: set.members,
                },
                done,
                would,
            )
        }
    }
}
