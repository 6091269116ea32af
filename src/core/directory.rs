//! Looking up the groups, sites and user fields an organization defines, by the names people
//! type; an unknown name is an error naming the valid ones.

use crate::error::{Error, Result};
use crate::store::{Collection, FieldDef, NamedItem, Org};

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
