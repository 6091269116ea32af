//! `usermgr groups|sites|fields list|create|delete`: the parts of an organization that
//! members are sorted into.

use crate::cli::{FieldKind, FieldsCommand, NamedCommand};
use crate::contract::{FieldJson, FieldsList, GroupsList, ItemJson, SitesList};
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::audit::{audit, event};
use crate::core::directory::{find_field, find_item};
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
