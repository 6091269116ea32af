//! `usermgr groups|sites|fields list|create|delete`: the parts of an organization that
//! members are sorted into; the rules are [`crate::core::directory`].

use crate::cli::{FieldKind, FieldsCommand, NamedCommand};
use crate::contract::{FieldJson, FieldsList, GroupsList, ItemJson, SitesList};
use crate::core::ask::{confirm_deletion, report_deletion, Go};
use crate::core::directory;
use crate::ctx::Ctx;
use crate::domain::fields::FieldType;
use crate::error::{Error, Result};
use crate::output::Records;
use crate::store::Collection;

/// Runs `groups ...` or `sites ...`.
pub fn run_named(c: Collection, cmd: &NamedCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        NamedCommand::List => {
            let items = directory::items(ctx, c)?;
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
            let (name, org) = directory::create_item(ctx, c, &a.name)?;
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
            let (item, org) = directory::item_to_delete(ctx, c, &a.name)?;
            let noun = c.noun();
            let go = confirm_deletion(
                ctx,
                a.confirm.into(),
                &format!(
                    "Delete {noun} {} from {}? Its {} member(s) stay members of the organization; only the {noun} goes",
                    item.name, org.name, item.members
                ),
                &format!("delete {noun} {} from {}", item.name, org.name),
            )?;
            let item = if go == Go::Delete {
                directory::delete_item(ctx, c, &a.name)?
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

/// The kind of field as the core names it.
fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Number => "number",
        FieldKind::Date => "date",
        FieldKind::Select => "select",
    }
}

/// Runs `fields ...`.
pub fn run_fields(cmd: &FieldsCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        FieldsCommand::List => {
            let defs = directory::fields(ctx)?;
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
            let (name, ty) = directory::create_field(ctx, &a.name, kind_name(a.kind), &a.options)?;
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
            let (def, org) = directory::field_to_delete(ctx, &a.name)?;
            let go = confirm_deletion(
                ctx,
                a.confirm.into(),
                &format!(
                    "Delete user field {} from {}? This deletes the field and every member's value of it",
                    def.name, org.name
                ),
                &format!("delete user field {} from {}", def.name, org.name),
            )?;
            if go == Go::Delete {
                directory::delete_field(ctx, &a.name)?;
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
