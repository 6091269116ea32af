//! `usermgr logout` and `usermgr whoami`.

use crate::contract::{PermissionJson, WhoamiJson};
use crate::core::auth::session;
use crate::ctx::Ctx;
use crate::domain::permissions::Permission;
use crate::error::{Error, Result};
use crate::output::yes_no;

/// Runs `logout`: ends the session in the database and forgets the stored token.
pub fn logout(ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let who = store.write(|tx| match ctx.actor(tx) {
        Ok(actor) => {
            session::close(tx, actor.session_id, &actor.account, &actor.org, now)?;
            Ok(Some(actor.account.display_email))
        }
        // No session (or an ended one) is what logout wants; other failures must show.
        Err(Error::Auth(_)) => Ok(None),
        Err(e) => Err(e),
    })?;
    ctx.forget_session()?;
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
    let mut store = ctx.open_store()?;
    let actor = store.read(|tx| ctx.actor(tx))?;
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
