//! `usermgr logout` and `usermgr whoami`, through [`crate::core::auth::session`].

use crate::contract::{PermissionJson, WhoamiJson};
use crate::core::auth::session;
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::error::Result;
use crate::output::yes_no;

/// Runs `logout`: ends the session in the database and forgets the stored token.
pub fn logout(ctx: &mut Ctx) -> Result<()> {
    let who = session::logout_stored(ctx)?;
    if ctx.out.is_json() {
        ctx.out.json(&crate::contract::LogoutJson {
            session_ended: who.is_some(),
            email: who.clone(),
        })?;
    }
    match who {
        Some(email) => ctx.say(format!("Logged out {email}.")),
        None => ctx.say("No session was open."),
    }
    Ok(())
}

/// Runs `whoami`.
pub fn whoami(ctx: &mut Ctx) -> Result<()> {
    let actor = session::whoami(ctx)?;
    let json = WhoamiJson {
        email: actor.account.display_email.clone(),
        name: actor.account.name.clone(),
        org: actor.org.name.clone(),
        permission_set: actor.permission_set.clone(),
        permissions: Permission::ALL
            .iter()
            .filter(|p| actor.grants.has(**p))
            .map(|p| p.key())
            .collect(),
        all_permissions: Permission::ALL
            .iter()
            .map(|p| PermissionJson {
                key: p.key(),
                label: p.label(),
                granted: actor.grants.has(*p),
            })
            .collect(),
    };
    let mut pairs = vec![
        ("email", json.email.clone()),
        ("name", json.name.clone()),
        ("organization", json.org.clone()),
        ("permission set", json.permission_set.clone()),
    ];
    for p in Permission::ALL {
        pairs.push((p.label(), yes_no(actor.grants.has(p))));
    }
    ctx.out.pairs(&pairs, &json)
}
