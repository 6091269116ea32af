//! Organizations, permission sets and memberships.

use super::sql::params;
use std::collections::BTreeSet;

use super::{conflict_on_unique, Tx};
use crate::domain::permissions::{Grants, Permission, ADMINISTRATOR, STANDARD};
use crate::error::{Error, Result};

/// An organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// Row id.
    pub id: i64,
    /// Display name (unique, case-insensitively).
    pub name: String,
}

/// A permission set of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionSet {
    /// Row id.
    pub id: i64,
    /// Name, unique in the organization.
    pub name: String,
    /// Created with the organization (Administrator, Standard).
    pub builtin: bool,
    /// Given to new members when none is chosen.
    pub is_default: bool,
    /// What it grants.
    pub grants: Grants,
    /// How many members have it.
    pub members: i64,
}

/// An account's membership of one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// Row id.
    pub id: i64,
    /// The account.
    pub account_id: i64,
    /// The organization.
    pub org: Org,
    /// Its permission set's id.
    pub permission_set_id: i64,
    /// Its permission set's name.
    pub permission_set: String,
    /// What the permission set grants.
    pub grants: Grants,
}

impl Tx<'_> {
    /// Creates an organization with its built-in permission sets.
    pub fn create_org(&self, name: &str, now: i64) -> Result<Org> {
        let id = self
            .insert(
                "INSERT INTO organizations (name, created_at) VALUES (?1, ?2) RETURNING id",
                params![name, now],
            )
            .map_err(|e| {
                conflict_on_unique(e, || {
                    format!("an organization named {name:?} already exists")
                })
            })?;
        let org = Org {
            id,
            name: name.to_string(),
        };
        let all: Vec<Permission> = Permission::ALL.to_vec();
        self.insert_permission_set(org.id, ADMINISTRATOR, &all, true, false)?;
        self.insert_permission_set(org.id, STANDARD, &[], true, true)?;
        Ok(org)
    }

    /// Finds an organization by name, case-insensitively.
    pub fn org_by_name(&self, name: &str) -> Result<Option<Org>> {
        self.opt(
            "SELECT id, name FROM organizations WHERE name = ?1",
            params![name.trim()],
            |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
    }

    /// The organization `init` created (the oldest), whose administrators own the database.
    pub fn first_org(&self) -> Result<Org> {
        self.one(
            "SELECT id, name FROM organizations ORDER BY id LIMIT 1",
            params![],
            |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
    }

    /// Finds an organization by id.
    pub fn org_by_id(&self, id: i64) -> Result<Org> {
        self.one(
            "SELECT id, name FROM organizations WHERE id = ?1",
            params![id],
            |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
    }

    /// Every organization, by name.
    pub fn all_orgs(&self) -> Result<Vec<Org>> {
        self.all(
            "SELECT id, name FROM organizations ORDER BY name",
            params![],
            |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
    }

    fn insert_permission_set(
        &self,
        org_id: i64,
        name: &str,
        perms: &[Permission],
        builtin: bool,
        is_default: bool,
    ) -> Result<i64> {
        let id = self
            .insert(
                "INSERT INTO permission_sets (org_id, name, builtin, is_default) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                params![org_id, name, builtin, is_default],
            )
            .map_err(|e| conflict_on_unique(e, || format!("a permission set named {name:?} already exists")))?;
        for p in perms {
            self.exec(
                "INSERT INTO permission_set_permissions (set_id, permission) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![id, p.key()],
            )?;
        }
        Ok(id)
    }

    /// Creates a permission set in an organization.
    pub fn create_permission_set(
        &self,
        org_id: i64,
        name: &str,
        perms: &[Permission],
    ) -> Result<i64> {
        self.insert_permission_set(org_id, name, perms, false, false)
    }

    fn grants_of_set(&self, set_id: i64) -> Result<Grants> {
        let keys: Vec<String> = self.all(
            "SELECT permission FROM permission_set_permissions WHERE set_id = ?1",
            params![set_id],
            |r| r.get(0),
        )?;
        let mut set = BTreeSet::new();
        for k in keys {
            // Unknown keys (from a newer version) grant nothing here.
            if let Ok(p) = Permission::parse(&k) {
                set.insert(p);
            }
        }
        Ok(Grants(set))
    }

    /// The permission sets of an organization, with their grants and member counts.
    pub fn permission_sets(&self, org_id: i64) -> Result<Vec<PermissionSet>> {
        let rows: Vec<(i64, String, bool, bool, i64)> = self.all(
            "SELECT s.id, s.name, s.builtin, s.is_default,
                    (SELECT count(*) FROM memberships m WHERE m.permission_set_id = s.id)
             FROM permission_sets s WHERE s.org_id = ?1 ORDER BY s.builtin DESC, s.name",
            params![org_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        rows.into_iter()
            .map(|(id, name, builtin, is_default, members)| {
                Ok(PermissionSet {
                    id,
                    name,
                    builtin,
                    is_default,
                    grants: self.grants_of_set(id)?,
                    members,
                })
            })
            .collect()
    }

    /// Finds a permission set by name; a missing one is an invalid-input error naming the valid ones.
    pub fn permission_set_by_name(&self, org: &Org, name: &str) -> Result<PermissionSet> {
        let sets = self.permission_sets(org.id)?;
        let names: Vec<String> = sets.iter().map(|s| s.name.clone()).collect();
        sets.into_iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "permission set {name:?} does not exist in {} (permission sets: {})",
                    org.name,
                    names.join(", ")
                ))
            })
    }

    /// The set new members get when none is chosen.
    pub fn default_permission_set(&self, org_id: i64) -> Result<i64> {
        self.one(
            "SELECT id FROM permission_sets WHERE org_id = ?1 AND is_default = 1 ORDER BY id LIMIT 1",
            params![org_id],
            |r| r.get(0),
        )
    }

    /// Deletes a permission set.
    pub fn delete_permission_set(&self, set_id: i64) -> Result<()> {
        self.exec("DELETE FROM permission_sets WHERE id = ?1", params![set_id])?;
        Ok(())
    }

    /// Makes an account a member of an organization.
    pub fn add_membership(
        &self,
        account_id: i64,
        org_id: i64,
        set_id: i64,
        now: i64,
    ) -> Result<i64> {
        // Cached: a batch add-users inserts one membership per row.
        self.insert(
            "INSERT INTO memberships (account_id, org_id, permission_set_id, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            params![account_id, org_id, set_id, now],
        )
        .map_err(|e| {
            conflict_on_unique(e, || {
                "the account is already a member of this organization".into()
            })
        })
    }

    /// Changes a membership's permission set.
    pub fn set_membership_permission_set(&self, membership_id: i64, set_id: i64) -> Result<()> {
        self.exec(
            "UPDATE memberships SET permission_set_id = ?2 WHERE id = ?1",
            params![membership_id, set_id],
        )?;
        Ok(())
    }

    /// Removes a membership (its groups, sites and field values go with it).
    pub fn remove_membership(&self, membership_id: i64) -> Result<()> {
        self.exec(
            "DELETE FROM memberships WHERE id = ?1",
            params![membership_id],
        )?;
        Ok(())
    }

    /// The memberships of an account, by organization name.
    pub fn memberships_of(&self, account_id: i64) -> Result<Vec<Membership>> {
        // The names as TEXT: PostgreSQL's citext would cost every new connection a lookup
        // of that type (two round trips on a cold catalog) in the path of every login.
        let rows: Vec<(i64, i64, String, i64, String)> = self.all(
            "SELECT m.id, o.id, CAST(o.name AS TEXT), s.id, CAST(s.name AS TEXT) FROM memberships m
             JOIN organizations o ON o.id = m.org_id
             JOIN permission_sets s ON s.id = m.permission_set_id
             WHERE m.account_id = ?1 ORDER BY o.name",
            params![account_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        rows.into_iter()
            .map(|(id, org_id, org_name, set_id, set_name)| {
                Ok(Membership {
                    id,
                    account_id,
                    org: Org {
                        id: org_id,
                        name: org_name,
                    },
                    permission_set_id: set_id,
                    permission_set: set_name,
                    grants: self.grants_of_set(set_id)?,
                })
            })
            .collect()
    }

    /// The organizations of an account by name, without their grants: what a login needs.
    pub fn orgs_of(&self, account_id: i64) -> Result<Vec<Org>> {
        // The name as TEXT, as in `memberships_of`.
        self.all(
            "SELECT o.id, CAST(o.name AS TEXT) FROM memberships m
             JOIN organizations o ON o.id = m.org_id
             WHERE m.account_id = ?1 ORDER BY o.name",
            params![account_id],
            |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            },
        )
    }

    /// The membership of an account in one organization, if any.
    pub fn membership(&self, account_id: i64, org_id: i64) -> Result<Option<Membership>> {
        Ok(self
            .memberships_of(account_id)?
            .into_iter()
            .find(|m| m.org.id == org_id))
    }
}
