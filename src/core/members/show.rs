//! One member, their organizations and times (R22), with account state only for readers
//! who may see it (R34).

use super::{member, sees_account_state};
use crate::contract::{AccountStateJson, MemberOrgJson, ShowJson};
use crate::ctx::Ctx;
use crate::domain::clock::rfc3339;
use crate::domain::reset::{is_locked, temp_password_expires_at};
use crate::error::Result;
use crate::store::Collection;

/// The times `users show` reports, in ms (R22).
#[derive(Debug, Clone, Copy)]
pub struct Times {
    /// When the password was set.
    pub password_set_at: Option<i64>,
    /// When an admin-set password stops working.
    pub expires: Option<i64>,
    /// When an open reset window closes.
    pub window: Option<i64>,
    /// When the current lockout ends.
    pub locked_until: Option<i64>,
    /// When the account was disabled.
    pub disabled_at: Option<i64>,
    /// When the account was created.
    pub created_at: i64,
}

/// A member as `users show` reports them.
pub struct Shown {
    /// The member, as in JSON output.
    pub json: ShowJson,
    /// The organization's user fields, in order.
    pub fields: Vec<String>,
    /// The times, for people.
    pub times: Times,
    /// The time the member was read at, which the times are relative to.
    pub now: i64,
}

/// A member of the actor's organization, by address.
pub fn show(ctx: &Ctx, email: &str) -> Result<Shown> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        let (account, m) = member(tx, &actor, email)?;
        let state = sees_account_state(&actor, account.id);
        let rules = tx.login_rules()?;
        let s = &account.state;
        let locked = is_locked(s, now);
        // Only the organizations the actor belongs to as well: an admin of one tenant
        // learns nothing of where else (and with which powers) the account is a member.
        let shared: Vec<i64> = tx
            .memberships_of(actor.account.id)?
            .iter()
            .map(|m| m.org.id)
            .collect();
        let orgs = tx
            .memberships_of(account.id)?
            .into_iter()
            .filter(|o| shared.contains(&o.org.id))
            .map(|o| MemberOrgJson {
                name: o.org.name,
                permission_set: o.permission_set,
            })
            .collect();
        let values: Vec<(String, String)> = tx.field_values(m.id)?;
        let defs = tx.field_defs(actor.org.id)?;
        let times = Times {
            password_set_at: s.password_set_at,
            expires: temp_password_expires_at(s, &rules),
            window: tx.open_window_deadline(account.id, now)?,
            locked_until: s.locked_until.filter(|_| locked),
            disabled_at: account.disabled_at,
            created_at: account.created_at,
        };
        let json = ShowJson {
            email: account.display_email.clone(),
            name: account.name.clone(),
            org: actor.org.name.clone(),
            permission_set: m.permission_set.clone(),
            orgs,
            groups: tx.assigned(Collection::Groups, m.id)?,
            sites: tx.assigned(Collection::Sites, m.id)?,
            fields: values.into_iter().collect(),
            state: state.then(|| AccountStateJson {
                disabled: account.disabled(),
                disabled_at: account.disabled_at.map(rfc3339),
                has_password: account.password_hash.is_some(),
                reset_required: s.reset_required,
                password_set_at: times.password_set_at.map(rfc3339),
                temp_password_expires_at: times.expires.map(rfc3339),
                reset_window_expires_at: times.window.map(rfc3339),
                locked,
                lock_expires_at: times.locked_until.map(rfc3339),
                failed_logins: s.failed_logins,
            }),
            created_at: rfc3339(account.created_at),
        };
        let fields: Vec<String> = defs.into_iter().map(|d| d.name).collect();
        Ok(Shown {
            json,
            fields,
            times,
            now,
        })
    })
}
