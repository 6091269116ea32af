//! `usermgr permission-sets list|create|delete`, over [`crate::core::permission_sets`].

use crate::cli::PermissionSetsCommand;
use crate::contract::SetJson;
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::permission_sets;
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::error::Result;
use crate::output::{yes_no, Records};

/// Runs `permission-sets ...`.
pub fn run(cmd: &PermissionSetsCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        PermissionSetsCommand::List => {
            let list: Vec<SetJson> = permission_sets::list(ctx)?
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
            let set = permission_sets::create(ctx, &a.name, &a.permissions)?;
            if ctx.out.is_json() {
                ctx.out.json(&set)?;
            }
            ctx.say(format!("Created permission set {}.", set.name));
            Ok(())
        }
        PermissionSetsCommand::Delete(a) => {
            let (set, org) = permission_sets::to_delete(ctx, &a.name)?;
            let go = confirm_deletion(
                ctx,
                a.confirm.into(),
                &format!(
                    "Delete permission set {} from {org}? No member uses it; only the set goes",
                    set.name
                ),
                &format!("delete permission set {} from {org}", set.name),
            )?;
            if go == Go::Delete {
                permission_sets::delete(ctx, &a.name)?;
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
