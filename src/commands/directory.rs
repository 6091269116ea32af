//! `usermgr groups|sites|fields list|create|delete`: the parts of an organization that
//! members are sorted into.

use serde::Serialize;

use crate::cli::{FieldKind, FieldsCommand, NamedCommand};
use crate::commands::{audit, confirm_deletion, event, report_deletion, Go};
use crate::contract::{FieldsList, GroupsList, SitesList};
use crate::ctx::Ctx;
use crate::domain::fields::FieldType;
use crate::domain::permissions::Permission;
use crate::domain::validate_name;
use crate::error::{Error, Result};
use crate::output::Records;
use crate::store::{Collection, FieldDef, NamedItem, Org};

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

/// A group or site in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ItemJson<'a> {
    name: &'a str,
    members: i64,
}

/// Runs `groups ...` or `sites ...`.
pub fn run_named(c: Collection, cmd: &NamedCommand, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let doing = format!("managing {}", c.plural());
    match cmd {
        NamedCommand::List => {
            let items = store.read(|tx| {
                let actor = ctx.actor(tx)?;
                tx.named_items(c, actor.org.id)
            })?;
            let list: Vec<ItemJson<'_>> = items
                .iter()
                .map(|i| ItemJson {
                    name: &i.name,
                    members: i.members,
                })
                .collect();
            let rows = items
                .iter()
                .map(|i| vec![i.name.clone(), i.members.to_string()])
                .collect();
            let json = match c {
                Collection::Groups => serde_json::to_value(GroupsList { groups: list }),
                Collection::Sites => serde_json::to_value(SitesList { sites: list }),
            }
            .map_err(|e| Error::internal(e.to_string()))?;
            ctx.out.records(&Records {
                headers: &[c.noun(), "members"],
                rows,
                json: &json,
            })
        }
        NamedCommand::Create(a) => {
            let name = validate_item_name(c, &a.name)?;
            let org = store.write(|tx| {
                let actor = ctx.actor(tx)?;
                actor.require(permission_of(c), &doing)?;
                tx.create_named(c, actor.org.id, &name)?;
                let action = format!("create_{}", c.noun());
                audit(
                    tx,
                    event(now, &actor.account.email, &actor.org.name, &action, &name),
                    "ok",
                    "",
                )?;
                Ok(actor.org)
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&ItemJson {
                    name: &name,
                    members: 0,
                })?;
            }
            ctx.say(format!("Created {} {name} in {}.", c.noun(), org.name));
            Ok(())
        }
        NamedCommand::Delete(a) => {
            // Checked and looked up once to ask, and again in the transaction that deletes.
            let find = |ctx: &Ctx, tx: &crate::store::Tx<'_>| -> Result<(NamedItem, Org)> {
                let actor = ctx.actor(tx)?;
                actor.require(permission_of(c), &doing)?;
                let items = tx.named_items(c, actor.org.id)?;
                let item = find_item(c, &actor.org, &items, &a.name)
                    .map_err(|e| Error::NotFound(e.to_string()))?
                    .clone();
                Ok((item, actor.org))
            };
            let (item, org) = store.read(|tx| find(ctx, tx))?;
            let noun = c.noun();
            let go = confirm_deletion(
                ctx,
                a.confirm,
                &format!(
                    "Delete {noun} {} from {}? Its {} member(s) stay members of the organization; only the {noun} goes",
                    item.name, org.name, item.members
                ),
                &format!("delete {noun} {} from {}", item.name, org.name),
            )?;
            let item = if go == Go::Delete {
                store.write(|tx| {
                    let (item, org) = find(ctx, tx)?;
                    tx.delete_named(c, item.id)?;
                    let action = format!("delete_{noun}");
                    audit(
                        tx,
                        event(
                            now,
                            &ctx.actor(tx)?.account.email,
                            &org.name,
                            &action,
                            &item.name,
                        ),
                        "ok",
                        format!("{} member(s) were in it", item.members),
                    )?;
                    Ok(item)
                })?
            } else {
                item
            };
            report_deletion(
                ctx,
                go,
                ItemJson {
                    name: &item.name,
                    members: item.members,
                },
                format!(
                    "Deleted {noun} {} from {}; its {} member(s) stay in the organization.",
                    item.name, org.name, item.members
                ),
                format!(
                    "would delete {noun} {} from {}; its {} member(s) would stay in the organization",
                    item.name, org.name, item.members
                ),
            )
        }
    }
}

/// A user field definition in JSON output.
#[derive(Serialize, schemars::JsonSchema)]
pub struct FieldJson<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["text", "number", "date", "select"]))]
    kind: &'static str,
    options: &'a [String],
}

fn options_of(ty: &FieldType) -> &[String] {
    match ty {
        FieldType::Select(o) => o,
        _ => &[],
    }
}

/// Checks a field definition from the command line and builds its type.
fn field_type(kind: FieldKind, options: &[String]) -> Result<FieldType> {
    let kind = match kind {
        FieldKind::Text => "text",
        FieldKind::Number => "number",
        FieldKind::Date => "date",
        FieldKind::Select => "select",
    };
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
fn validate_field_name(name: &str) -> Result<String> {
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

/// Runs `fields ...`.
pub fn run_fields(cmd: &FieldsCommand, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    match cmd {
        FieldsCommand::List => {
            let defs = store.read(|tx| {
                let actor = ctx.actor(tx)?;
                tx.field_defs(actor.org.id)
            })?;
            let list: Vec<FieldJson<'_>> = defs
                .iter()
                .map(|d| FieldJson {
                    name: &d.name,
                    kind: d.ty.kind(),
                    options: options_of(&d.ty),
                })
                .collect();
            let rows = list
                .iter()
                .map(|f| vec![f.name.to_string(), f.kind.to_string(), f.options.join(", ")])
                .collect();
            ctx.out.records(&Records {
                headers: &["field", "type", "options"],
                rows,
                json: &FieldsList { fields: list },
            })
        }
        FieldsCommand::Create(a) => {
            let name = validate_field_name(&a.name)?;
            let ty = field_type(a.kind, &a.options)?;
            store.write(|tx| {
                let actor = ctx.actor(tx)?;
                actor.require(Permission::Fields, "managing user fields")?;
                tx.create_field(actor.org.id, &name, &ty)?;
                let detail = match &ty {
                    FieldType::Select(o) => format!("select: {}", o.join(", ")),
                    other => other.kind().to_string(),
                };
                audit(
                    tx,
                    event(
                        now,
                        &actor.account.email,
                        &actor.org.name,
                        "create_field",
                        &name,
                    ),
                    "ok",
                    detail,
                )
            })?;
            if ctx.out.is_json() {
                ctx.out.json(&FieldJson {
                    name: &name,
                    kind: ty.kind(),
                    options: options_of(&ty),
                })?;
            }
            ctx.say(format!("Created user field {name} ({}).", ty.kind()));
            Ok(())
        }
        FieldsCommand::Delete(a) => {
            let find = |ctx: &Ctx, tx: &crate::store::Tx<'_>| -> Result<(FieldDef, Org)> {
                let actor = ctx.actor(tx)?;
                actor.require(Permission::Fields, "managing user fields")?;
                let defs = tx.field_defs(actor.org.id)?;
                let def = find_field(&actor.org, &defs, &a.name)
                    .map_err(|e| Error::NotFound(e.to_string()))?
                    .clone();
                Ok((def, actor.org))
            };
            let (def, org) = store.read(|tx| find(ctx, tx))?;
            let go = confirm_deletion(
                ctx,
                a.confirm,
                &format!(
                    "Delete user field {} from {}? This deletes the field and every member's value of it",
                    def.name, org.name
                ),
                &format!("delete user field {} from {}", def.name, org.name),
            )?;
            if go == Go::Delete {
                store.write(|tx| {
                    let (def, org) = find(ctx, tx)?;
                    tx.delete_field(def.id)?;
                    audit(
                        tx,
                        event(
                            now,
                            &ctx.actor(tx)?.account.email,
                            &org.name,
                            "delete_field",
                            &def.name,
                        ),
                        "ok",
                        "",
                    )
                })?;
            }
            report_deletion(
                ctx,
                go,
                FieldJson {
                    name: &def.name,
                    kind: def.ty.kind(),
                    options: options_of(&def.ty),
                },
                format!("Deleted user field {} and its values.", def.name),
                format!(
                    "would delete user field {} from {} and every member's value of it",
                    def.name, org.name
                ),
            )
        }
    }
}
