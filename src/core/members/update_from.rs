//! Updating many members at once from a CSV or JSON file, all or nothing (R19).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{keep_a_permissions_holder, may_change};
use crate::core::audit::{audit, event, Action, Outcome};
use crate::core::directory::{find_field, find_item};
use crate::core::provision::input::{limit_quote, quote, Origin, Parsed};
use crate::core::provision::{read_from, report_rows};
use crate::ctx::{Actor, Ctx};
use crate::domain::email::Email;
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result, RowError};
use crate::store::{Account, Collection, FieldDef, Membership, NamedItem, PermissionSet, Tx};

/// One row of `users update --from`, checked: the member and what changes.
struct RowUpdate {
    origin: Origin,
    account: Account,
    membership: Membership,
    name: Option<String>,
    set: Option<PermissionSet>,
    groups: Option<Vec<NamedItem>>,
    sites: Option<Vec<NamedItem>>,
    fields: Vec<(FieldDef, Option<String>)>,
}

/// A file of member updates, read and parsed, not yet checked against the organization.
pub struct UpdateBatch {
    label: String,
    parsed: Parsed,
    /// A note for people about columns that were ignored.
    pub note: Option<String>,
}

/// Reads a file of member updates (`-` for standard input): the columns of add-users (and
/// of an export), without passwords.
pub fn read_updates(from: &str) -> Result<UpdateBatch> {
    let mut parsed = Parsed::default();
    let (label, summary) = read_from(from, &mut parsed)?;
    if summary.password_column {
        return Err(Error::invalid(format!(
            "{label}: users update does not change passwords; remove the password column (an admin sets one with `usermgr reset EMAIL`)"
        )));
    }
    Ok(UpdateBatch {
        label,
        parsed,
        note: summary.note(),
    })
}

/// Updates existing members from a batch, all or nothing (R19), with the permissions of the
/// single update and R23; returns each member's changes in words.
pub fn update_from(ctx: &Ctx, batch: UpdateBatch) -> Result<Vec<RowUpdated>> {
    let UpdateBatch {
        label, mut parsed, ..
    } = batch;
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let org = actor.org.clone();
        let sets = tx.permission_sets(org.id)?;
        let groups = tx.named_items(Collection::Groups, org.id)?;
        let sites = tx.named_items(Collection::Sites, org.id)?;
        let defs = tx.field_defs(org.id)?;
        let mut errors = std::mem::take(&mut parsed.errors);
        for name in &parsed.field_columns {
            if let Err(e) = find_field(&org, &defs, name) {
                return Err(Error::invalid(format!(
                    "{label}: column \"field.{name}\": {}",
                    limit_quote(e.to_string(), name)
                )));
            }
        }
        // Permissions are asked for where a row really changes something (apply_update),
        // so an export fed back by someone who may change only groups still works.
        let rows = std::mem::take(&mut parsed.rows);
        let mut seen: HashMap<String, Origin> = HashMap::new();
        let mut updates = Vec::with_capacity(rows.len());
        for row in rows {
            let o = row.origin;
            let before = errors.len();
            let mut fail = |column: &str, msg: String, value: &str| {
                errors.push(RowError::at(o, column, limit_quote(msg, value)))
            };
            let email = match Email::parse(&row.email) {
                Ok(e) => e,
                Err(e) => {
                    fail("email", e.to_string(), &row.email);
                    continue;
                }
            };
            if let Some(first) = seen.insert(email.key().to_string(), o) {
                fail(
                    "email",
                    format!("{} appears again (first on {first})", email.key()),
                    "",
                );
                continue;
            }
            let found = match tx.account_by_email(email.key())? {
                Some(a) => tx.membership(a.id, org.id)?.map(|m| (a, m)),
                None => None,
            };
            let Some((account, membership)) = found else {
                fail(
                    "email",
                    format!(
                        "{} is not a member of {}; add them with `usermgr add-users`",
                        email.display(),
                        org.name
                    ),
                    "",
                );
                continue;
            };
            let name = if row.stated.name {
                match validate_name(row.name.as_deref().unwrap_or("")) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        fail("name", e.to_string(), row.name.as_deref().unwrap_or(""));
                        None
                    }
                }
            } else {
                None
            };
            let set = match &row.permission_set {
                Some(n) => match sets.iter().find(|s| s.name.eq_ignore_ascii_case(n.trim())) {
                    Some(s) => Some(s.clone()),
                    None => {
                        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
                        fail(
                            "permission_set",
                            format!(
                                "permission set {} does not exist in {} (permission sets: {})",
                                quote(n.trim()),
                                org.name,
                                names.join(", ")
                            ),
                            n,
                        );
                        None
                    }
                },
                None => None,
            };
            let mut lists = [None, None];
            for (slot, (c, column, stated, names, items)) in lists.iter_mut().zip([
                (
                    Collection::Groups,
                    "groups",
                    row.stated.groups,
                    &row.groups,
                    &groups,
                ),
                (
                    Collection::Sites,
                    "sites",
                    row.stated.sites,
                    &row.sites,
                    &sites,
                ),
            ]) {
                if !stated {
                    continue;
                }
                let mut chosen: Vec<NamedItem> = Vec::new();
                for n in names {
                    match find_item(c, &org, items, n) {
                        Ok(i) if !chosen.iter().any(|x| x.id == i.id) => chosen.push(i.clone()),
                        Ok(_) => {}
                        Err(e) => fail(column, e.to_string(), n),
                    }
                }
                *slot = Some(chosen);
            }
            let [group_list, site_list] = lists;
            let mut fields = Vec::new();
            for (key, value) in &row.fields {
                let column = format!("field.{key}");
                match find_field(&org, &defs, key) {
                    Ok(def) => match def.ty.validate(&def.name, value) {
                        Ok(v) => fields.push((def.clone(), Some(v))),
                        Err(e) => fail(&column, e.to_string(), value),
                    },
                    Err(e) => fail(&column, e.to_string(), key),
                }
            }
            for key in &row.empty_fields {
                match find_field(&org, &defs, key) {
                    Ok(def) => fields.push((def.clone(), None)),
                    Err(e) => fail(&format!("field.{key}"), e.to_string(), key),
                }
            }
            if errors.len() == before {
                updates.push(RowUpdate {
                    origin: o,
                    account,
                    membership,
                    name,
                    set,
                    groups: group_list,
                    sites: site_list,
                    fields,
                });
            }
        }
        report_rows(errors, &label, "updated")?;
        let mut results = Vec::with_capacity(updates.len());
        for u in updates {
            let who = u.account.display_email.clone();
            let changes = apply_update(tx, &actor, &u)?;
            audit(
                tx,
                event(
                    now,
                    &actor.account.email,
                    &org.name,
                    Action::UpdateUser,
                    &u.account.email,
                ),
                Outcome::Ok,
                changes.join("; "),
            )?;
            results.push(RowUpdated {
                email: who,
                changes,
            });
        }
        Ok(results)
    })
}

/// What updating one member from a batch changed.
#[derive(Debug, Serialize)]
pub struct RowUpdated {
    /// The member's address as displayed.
    pub email: String,
    /// What changed, in words (empty: it already was as asked).
    pub changes: Vec<String>,
}

/// Writes one checked row; returns what changed, in words. Each change first checks the
/// permission it needs and (R23) that the member holds no permission the actor lacks.
fn apply_update(tx: &Tx<'_>, actor: &Actor, u: &RowUpdate) -> Result<Vec<String>> {
    let m = &u.membership;
    let power = || {
        actor.require_power_over(
            tx,
            &u.account,
            &format!("updating {} on {}", u.account.display_email, u.origin),
        )
    };
    let mut changes = Vec::new();
    if let Some(name) = &u.name {
        if *name != u.account.name {
            actor.require(Permission::Users, "changing members' names")?;
            power()?;
            actor.require_power_over_account(
                tx,
                &u.account,
                &format!("renaming (on {})", u.origin),
            )?;
            tx.set_account_name(u.account.id, name)?;
            changes.push("name".to_string());
        }
    }
    if let Some(set) = &u.set {
        if set.id != m.permission_set_id {
            actor.require(
                Permission::Permissions,
                "choosing a member's permission set",
            )?;
            power()?;
            let doing = format!(
                "moving {} from {} to {}",
                u.account.display_email, m.permission_set, set.name
            );
            actor.require_at_least(&set.grants, &doing)?;
            if !set.grants.has(Permission::Permissions) {
                keep_a_permissions_holder(
                    tx,
                    actor,
                    m,
                    &format!("move {} to {}", u.account.display_email, set.name),
                )?;
            }
            tx.set_membership_permission_set(m.id, set.id)?;
            changes.push(format!("permission set {}", set.name));
        }
    }
    for (c, wanted, perm) in [
        (Collection::Groups, &u.groups, Permission::Groups),
        (Collection::Sites, &u.sites, Permission::Sites),
    ] {
        let Some(wanted) = wanted else { continue };
        let items = tx.named_items(c, actor.org.id)?;
        let current = tx.assigned(c, m.id)?;
        let same =
            current.len() == wanted.len() && wanted.iter().all(|w| current.contains(&w.name));
        if same {
            continue;
        }
        may_change(actor, perm, c.plural())?;
        power()?;
        for name in &current {
            if !wanted.iter().any(|w| w.name == *name) {
                if let Some(item) = items.iter().find(|i| i.name == *name) {
                    tx.unassign(c, item.id, m.id)?;
                    changes.push(format!("-{} {}", c.noun(), item.name));
                }
            }
        }
        for item in wanted {
            if !current.contains(&item.name) {
                tx.assign(c, item.id, m.id)?;
                changes.push(format!("+{} {}", c.noun(), item.name));
            }
        }
    }
    let values: BTreeMap<String, String> = tx.field_values(m.id)?.into_iter().collect();
    for (def, value) in &u.fields {
        let differs = values.get(&def.name) != value.as_ref();
        if differs {
            may_change(actor, Permission::Fields, "user fields")?;
            power()?;
        }
        match value {
            Some(v) if differs => {
                tx.set_field_value(def.id, m.id, v)?;
                changes.push(format!("field {}", def.name));
            }
            None if differs && tx.clear_field_value(def.id, m.id)? => {
                changes.push(format!("cleared field {}", def.name));
            }
            _ => {}
        }
    }
    Ok(changes)
}
