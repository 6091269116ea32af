//! `usermgr orgs list|create`, over [`crate::core::orgs`].

use crate::cli::OrgsCommand;
use crate::core::orgs;
use crate::ctx::Ctx;
use crate::domain::permissions::ADMINISTRATOR;
use crate::error::Result;
use crate::output::Records;

/// Runs `orgs ...`.
pub fn run(cmd: &OrgsCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        OrgsCommand::List => {
            let list = orgs::mine(ctx)?;
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
            let org = orgs::create(ctx, &a.name)?;
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
