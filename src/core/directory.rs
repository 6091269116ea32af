//! The groups, sites and user fields an organization defines: looking them up by the names
//! people type (an unknown name is an error naming the valid ones), creating and deleting
//! them.

use crate::core::audit::{audit, audit_by, event, Action, Outcome};
use crate::ctx::Ctx;
use crate::domain::fields::FieldType;
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::store::{Collection, FieldDef, NamedItem, Org, Tx};

/// Finds a group or site by name (case-insensitively); an unknown name is an invalid-input
/// error naming the valid ones.
pub fn find_item<'a>(
    c: Collection,
    org: &Org,
    items: &'a [NamedItem],
    name: &str,
) -> Result<&'a NamedItem> {
    items
        .iter()
        .find(|i| i.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| Error::invalid(unknown_item(c, org, items, name)))
}

/// "group "Warehose" does not exist in Acme (groups: Office, Warehouse)".
fn unknown_item(c: Collection, org: &Org, items: &[NamedItem], name: &str) -> String {
    let valid = if items.is_empty() {
        format!(
            "it has no {}; create one with `usermgr {} create NAME`",
            c.plural(),
            c.plural()
        )
    } else {
        let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
        format!("{}: {}", c.plural(), names.join(", "))
    };
    format!(
        "{} {:?} does not exist in {} ({valid})",
        c.noun(),
        name.trim(),
        org.name
    )
}

/// Finds a user field by name (case-insensitively), naming the valid ones when it is unknown.
pub fn find_field<'a>(org: &Org, defs: &'a [FieldDef], name: &str) -> Result<&'a FieldDef> {
    defs.iter()
        .find(|d| d.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| Error::invalid(unknown_field(org, defs, name)))
}

/// "user field "dept" does not exist in Acme (fields: department, start)".
pub fn unknown_field(org: &Org, defs: &[FieldDef], name: &str) -> String {
    let valid = if defs.is_empty() {
        "it has no user fields; define one with `usermgr fields create NAME`".to_string()
    } else {
        let names: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
        format!("fields: {}", names.join(", "))
    };
    format!(
        "user field {:?} does not exist in {} ({valid})",
        name.trim(),
        org.name
    )
}

/// The permission that manages a collection.
fn permission_of(c: Collection) -> Permission {
    match c {
        Collection::Groups => Permission::Groups,
        Collection::Sites => Permission::Sites,
    }
}

/// Checks the name of a group or site: one line, not empty, at most 100 characters, and no
/// `;`, which separates names in the `groups` and `sites` columns of CSV input and output.
pub fn validate_item_name(c: Collection, name: &str) -> Result<String> {
    let n = validate_name(name)?;
    if n.is_empty() {
        return Err(Error::invalid(format!("the {} name is empty", c.noun())));
    }
    if n.chars().count() > 100 {
        return Err(Error::invalid(format!(
            "the {} name is longer than 100 characters",
            c.noun()
        )));
    }
    if n.contains(';') {
        return Err(Error::invalid(format!(
            "{} name {n:?} contains \";\", which separates {} in CSV files; choose another name",
            c.noun(),
            c.plural()
        )));
    }
    Ok(n)
}

/// The groups or sites of the actor's organization, with their member counts.
pub fn items(ctx: &Ctx, c: Collection) -> Result<Vec<NamedItem>> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        tx.named_items(c, actor.org.id)
    })
}

/// Creates a group or site; returns its checked name and the organization it is in.
pub fn create_item(ctx: &Ctx, c: Collection, name: &str) -> Result<(String, Org)> {
    let mut store = ctx.open_store()?;
    let name = validate_item_name(c, name)?;
    let now = ctx.now();
    let org = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(permission_of(c), &format!("managing {}", c.plural()))?;
        tx.create_named(c, actor.org.id, &name)?;
        let action = Action::create(c);
        audit_by(tx, &actor, now, action, &name, Outcome::Ok, "")?;
        Ok(actor.org)
    })?;
    Ok((name, org))
}

/// Checks that the actor may delete the named group or site, and finds it (exit 6 when
/// there is none).
fn deletable_item(ctx: &Ctx, tx: &Tx<'_>, c: Collection, name: &str) -> Result<(NamedItem, Org)> {
    let actor = ctx.actor(tx)?;
    actor.require(permission_of(c), &format!("managing {}", c.plural()))?;
    let items = tx.named_items(c, actor.org.id)?;
    let item = find_item(c, &actor.org, &items, name)
        .map_err(|e| Error::NotFound(e.to_string()))?
        .clone();
    Ok((item, actor.org))
}

/// The group or site that deleting `name` would delete, and its organization (to ask first).
pub fn item_to_delete(ctx: &Ctx, c: Collection, name: &str) -> Result<(NamedItem, Org)> {
    let mut store = ctx.open_store()?;
    store.read(|tx| deletable_item(ctx, tx, c, name))
}

/// Deletes a group or site; its members stay members of the organization. Returns the item
/// as it was.
pub fn delete_item(ctx: &Ctx, c: Collection, name: &str) -> Result<NamedItem> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let (item, org) = deletable_item(ctx, tx, c, name)?;
        tx.delete_named(c, item.id)?;
        let action = Action::delete(c);
        audit(
            tx,
            event(
                now,
                &ctx.actor(tx)?.account.email,
                &org.name,
                action,
                &item.name,
            ),
            Outcome::Ok,
            format!("{} member(s) were in it", item.members),
        )?;
        Ok(item)
    })
}

/// Checks a field definition and builds its type; `kind` is `text`, `number`, `date` or
/// `select`, and only a select field takes options.
pub fn field_type(kind: &str, options: &[String]) -> Result<FieldType> {
    if kind != "select" && !options.is_empty() {
        return Err(Error::invalid(format!(
            "--option applies only to --type select, not to a {kind} field"
        )));
    }
    let mut clean: Vec<String> = Vec::with_capacity(options.len());
    for o in options {
        let v = validate_name(o)?;
        if v.is_empty() {
            return Err(Error::invalid("a select --option is empty"));
        }
        if clean.iter().any(|c| c.eq_ignore_ascii_case(&v)) {
            return Err(Error::invalid(format!("--option {v:?} is given twice")));
        }
        clean.push(v);
    }
    FieldType::from_parts(kind, clean)
}

/// Checks a field name: one line, not empty, at most 100 characters, without `=` (which
/// separates it from the value in `--field KEY=VALUE`).
pub fn validate_field_name(name: &str) -> Result<String> {
    let n = validate_name(name)?;
    if n.is_empty() {
        return Err(Error::invalid("the field name is empty"));
    }
    if n.chars().count() > 100 {
        return Err(Error::invalid(
            "the field name is longer than 100 characters",
        ));
    }
    if n.contains('=') {
        return Err(Error::invalid(format!(
            "field name {n:?} contains \"=\", which separates names from values in --field KEY=VALUE"
        )));
    }
    Ok(n)
}

/// The user fields of the actor's organization.
pub fn fields(ctx: &Ctx) -> Result<Vec<FieldDef>> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        tx.field_defs(actor.org.id)
    })
}

/// Defines a user field; returns its checked name and type.
pub fn create_field(
    ctx: &Ctx,
    name: &str,
    kind: &str,
    options: &[String],
) -> Result<(String, FieldType)> {
    let mut store = ctx.open_store()?;
    let name = validate_field_name(name)?;
    let ty = field_type(kind, options)?;
    let now = ctx.now();
    store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Fields, "managing user fields")?;
        tx.create_field(actor.org.id, &name, &ty)?;
        let detail = match &ty {
            FieldType::Select(o) => format!("select: {}", o.join(", ")),
            other => other.kind().to_string(),
        };
        audit_by(
            tx,
            &actor,
            now,
            Action::CreateField,
            &name,
            Outcome::Ok,
            detail,
        )
    })?;
    Ok((name, ty))
}

/// Checks that the actor may delete the named field, and finds it (exit 6 when there is none).
fn deletable_field(ctx: &Ctx, tx: &Tx<'_>, name: &str) -> Result<(FieldDef, Org)> {
    let actor = ctx.actor(tx)?;
    actor.require(Permission::Fields, "managing user fields")?;
    let defs = tx.field_defs(actor.org.id)?;
    let def = find_field(&actor.org, &defs, name)
        .map_err(|e| Error::NotFound(e.to_string()))?
        .clone();
    Ok((def, actor.org))
}

/// The field that deleting `name` would delete, and its organization (to ask first).
pub fn field_to_delete(ctx: &Ctx, name: &str) -> Result<(FieldDef, Org)> {
    let mut store = ctx.open_store()?;
    store.read(|tx| deletable_field(ctx, tx, name))
}

/// Deletes a user field and every member's value of it.
pub fn delete_field(ctx: &Ctx, name: &str) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    store.write(|tx| {
        let (def, org) = deletable_field(ctx, tx, name)?;
        tx.delete_field(def.id)?;
        audit(
            tx,
            event(
                now,
                &ctx.actor(tx)?.account.email,
                &org.name,
                Action::DeleteField,
                &def.name,
            ),
            Outcome::Ok,
            "",
        )
    })
}
