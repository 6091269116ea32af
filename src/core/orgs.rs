//! Organizations: the ones an account belongs to, and creating another (its creator becomes
//! its Administrator).

use crate::contract::OrgJson;
use crate::core::audit::{audit, event, Action, Outcome};
use crate::ctx::Ctx;
use crate::domain::permissions::ADMINISTRATOR;
use crate::domain::validate_org_name;
use crate::error::Result;
use crate::store::Org;

/// The organizations the actor belongs to, with their permission set there and which one
/// they act in.
pub fn mine(ctx: &Ctx) -> Result<Vec<OrgJson>> {
    let mut store = ctx.open_store()?;
    let (actor, memberships) = store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let m = tx.memberships_of(actor.account.id)?;
        Ok((actor, m))
    })?;
    Ok(memberships
        .into_iter()
        .map(|m| OrgJson {
            current: m.org.id == actor.org.id,
            name: m.org.name,
            permission_set: m.permission_set,
        })
        .collect())
}

/// Creates an organization with the actor as its Administrator; only an actor with every
/// permission may.
pub fn create(ctx: &Ctx, name: &str) -> Result<Org> {
    let mut store = ctx.open_store()?;
    let name = validate_org_name(name)?;
    let now = ctx.now();
    store.write(|tx| {
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
                Action::CreateOrg,
                &org.name,
            ),
            Outcome::Ok,
            "",
        )?;
        Ok(org)
    })
}
