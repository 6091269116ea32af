//! `usermgr orgs list|create`.

use crate::cli::OrgsCommand;
use crate::contract::OrgJson;
use crate::core::audit::{audit, event};
use crate::ctx::Ctx;
use crate::domain::permissions::ADMINISTRATOR;
use crate::domain::validate_org_name;
use crate::error::Result;
use crate::output::Records;

/// Runs `orgs ...`.
pub fn run(cmd: &OrgsCommand, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    match cmd {
        OrgsCommand::List => {
            let (actor, memberships) = store.read(|tx| {
                let actor = ctx.actor(tx)?;
                let m = tx.memberships_of(actor.account.id)?;
                Ok((actor, m))
            })?;
            let list: Vec<OrgJson> = memberships
                .into_iter()
                .map(|m| OrgJson {
                    current: m.org.id == actor.org.id,
                    name: m.org.name,
                    permission_set: m.permission_set,
                })
                .collect();
            let rows = list
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        o.permission_set.clone(),
                        if o.current { "*".into() } else { String::new() },
                    ]
                })
                .collect();
            ctx.out.records(&Records {
                headers: &["organization", "permission set", "current"],
                rows,
                json: &crate::contract::OrgsList { orgs: list },
            })
        }
        OrgsCommand::Create(a) => {
            let name = validate_org_name(&a.name)?;
            let now = ctx.now();
            let org = store.write(|tx| {
                let actor = ctx.actor(tx)?;
                actor.require_all("creating an organization")?;
                let org = tx.create_org(&name, now)?;
                let admin = tx.permission_set_by_name(&org, ADMINISTRATOR)?;
                tx.add_membership(actor.account.id, org.id, admin.id, now)?;
                audit(
                    tx,
                    event(
                        now,
                        &actor.account.email,
                        &org.name,
                        "create_org",
                        &org.name,
                    ),
                    "ok",
                    "",
                )?;
                Ok(org)
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&crate::contract::OrgCreatedJson {
                    name: org.name.clone(),
                    permission_set: ADMINISTRATOR.to_string(),
                })?;
            }
            ctx.say(format!(
                "Created organization {}; you are its Administrator. Act in it with --org {:?}.",
                org.name, org.name
            ));
            Ok(())
        }
    }
}
