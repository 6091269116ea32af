//! The parts of an organization members are sorted into: groups, sites and user fields,
//! and the assignments of members to them.

use super::sql::params;
use super::{conflict_on_unique, Tx};
use crate::domain::fields::FieldType;
use crate::error::{Error, Result};

/// Groups and sites work the same way: a named set of members of one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// `groups` / `group_members`.
    Groups,
    /// `sites` / `site_members`.
    Sites,
}

impl Collection {
    /// The table of definitions.
    fn table(self) -> &'static str {
        match self {
            Collection::Groups => "groups",
            Collection::Sites => "sites",
        }
    }

    /// The table of assignments and its foreign-key column.
    pub(super) fn members(self) -> (&'static str, &'static str) {
        match self {
            Collection::Groups => ("group_members", "group_id"),
            Collection::Sites => ("site_members", "site_id"),
        }
    }

    /// One of them, in messages: "group" or "site".
    pub fn noun(self) -> &'static str {
        match self {
            Collection::Groups => "group",
            Collection::Sites => "site",
        }
    }

    /// Several of them, in messages and JSON keys: "groups" or "sites".
    pub fn plural(self) -> &'static str {
        self.table()
    }
}

/// One group or site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedItem {
    /// Row id.
    pub id: i64,
    /// Name, unique in the organization (case-insensitively).
    pub name: String,
    /// How many members it has.
    pub members: i64,
}

/// A user field definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    /// Row id.
    pub id: i64,
    /// Name, unique in the organization (case-insensitively).
    pub name: String,
    /// Its type, with the options of a select field.
    pub ty: FieldType,
}

impl Tx<'_> {
    /// The groups or sites of an organization with their member counts, by name.
    pub fn named_items(&self, c: Collection, org_id: i64) -> Result<Vec<NamedItem>> {
        let (members, fk) = c.members();
        self.all(
            &format!(
                "SELECT t.id, t.name, (SELECT count(*) FROM {members} x WHERE x.{fk} = t.id)
                 FROM {} t WHERE t.org_id = ?1 ORDER BY t.name",
                c.table()
            ),
            params![org_id],
            |r| {
                Ok(NamedItem {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    members: r.get(2)?,
                })
            },
        )
    }

    /// Creates a group or site and returns its id.
    pub fn create_named(&self, c: Collection, org_id: i64, name: &str) -> Result<i64> {
        self.insert(
            &format!(
                "INSERT INTO {} (org_id, name) VALUES (?1, ?2) RETURNING id",
                c.table()
            ),
            params![org_id, name],
        )
        .map_err(|e| {
            conflict_on_unique(e, || {
                format!("a {} named {name:?} already exists", c.noun())
            })
        })
    }

    /// Deletes a group or site; its members stay members of the organization.
    pub fn delete_named(&self, c: Collection, id: i64) -> Result<()> {
        self.exec(
            &format!("DELETE FROM {} WHERE id = ?1", c.table()),
            params![id],
        )?;
        Ok(())
    }

    /// Puts a membership into a group or site (nothing happens when it already is).
    pub fn assign(&self, c: Collection, item_id: i64, membership_id: i64) -> Result<()> {
        let (members, fk) = c.members();
        self.exec(
            &format!(
                "INSERT INTO {members} ({fk}, membership_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
            ),
            params![item_id, membership_id],
        )?;
        Ok(())
    }

    /// Takes a membership out of a group or site; returns whether it was in it.
    pub fn unassign(&self, c: Collection, item_id: i64, membership_id: i64) -> Result<bool> {
        let (members, fk) = c.members();
        let n = self.exec(
            &format!("DELETE FROM {members} WHERE {fk} = ?1 AND membership_id = ?2"),
            params![item_id, membership_id],
        )?;
        Ok(n > 0)
    }

    /// The names of the groups or sites a membership is in, by name.
    pub fn assigned(&self, c: Collection, membership_id: i64) -> Result<Vec<String>> {
        let (members, fk) = c.members();
        self.all(
            &format!(
                "SELECT t.name FROM {members} x JOIN {} t ON t.id = x.{fk}
                 WHERE x.membership_id = ?1 ORDER BY t.name",
                c.table()
            ),
            params![membership_id],
            |r| r.get(0),
        )
    }

    /// The user field definitions of an organization, by name.
    pub fn field_defs(&self, org_id: i64) -> Result<Vec<FieldDef>> {
        let rows: Vec<(i64, String, String, String)> = self.all(
            "SELECT id, name, kind, options FROM user_fields WHERE org_id = ?1 ORDER BY name",
            params![org_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        rows.into_iter()
            .map(|(id, name, kind, options)| {
                let options: Vec<String> = serde_json::from_str(&options).map_err(|e| {
                    Error::internal(format!("field {name:?} has malformed options: {e}"))
                })?;
                Ok(FieldDef {
                    id,
                    ty: FieldType::from_parts(&kind, options)?,
                    name,
                })
            })
            .collect()
    }

    /// Defines a user field and returns its id.
    pub fn create_field(&self, org_id: i64, name: &str, ty: &FieldType) -> Result<i64> {
        let options = match ty {
            FieldType::Select(o) => o.clone(),
            _ => Vec::new(),
        };
        let options = serde_json::to_string(&options)
            .map_err(|e| Error::internal(format!("cannot encode field options: {e}")))?;
        self.insert(
            "INSERT INTO user_fields (org_id, name, kind, options) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            params![org_id, name, ty.kind(), options],
        )
        .map_err(|e| conflict_on_unique(e, || format!("a user field named {name:?} already exists")))
    }

    /// Deletes a user field and every value of it.
    pub fn delete_field(&self, field_id: i64) -> Result<()> {
        self.exec("DELETE FROM user_fields WHERE id = ?1", params![field_id])?;
        Ok(())
    }

    /// Sets a membership's value of a field (the value is already validated).
    pub fn set_field_value(&self, field_id: i64, membership_id: i64, value: &str) -> Result<()> {
        self.exec(
            "INSERT INTO user_field_values (field_id, membership_id, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (field_id, membership_id) DO UPDATE SET value = excluded.value",
            params![field_id, membership_id, value],
        )?;
        Ok(())
    }

    /// Clears a membership's value of a field; returns whether it had one.
    pub fn clear_field_value(&self, field_id: i64, membership_id: i64) -> Result<bool> {
        let n = self.exec(
            "DELETE FROM user_field_values WHERE field_id = ?1 AND membership_id = ?2",
            params![field_id, membership_id],
        )?;
        Ok(n > 0)
    }

    /// A membership's field values as (field name, value), by field name.
    pub fn field_values(&self, membership_id: i64) -> Result<Vec<(String, String)>> {
        self.all(
            "SELECT f.name, v.value FROM user_field_values v JOIN user_fields f ON f.id = v.field_id
             WHERE v.membership_id = ?1 ORDER BY f.name",
            params![membership_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}
