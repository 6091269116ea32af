//! `usermgr db copy`: every row of every table from one database to another, whichever
//! their backends, in one write transaction on the destination, verified by counts before
//! it commits. The column lists are the schema's (the same in both dialects); a unit test
//! checks they name every column of the SQLite schema, so a migration cannot be forgotten.

use super::sql::{Row, Value};
use super::{Store, Tx};
use crate::error::{Error, Result};

/// The tables in an order that satisfies their foreign keys, with every column.
pub(super) const TABLES: &[(&str, &[&str])] = &[
    ("organizations", &["id", "name", "created_at"]),
    (
        "accounts",
        &[
            "id",
            "email",
            "display_email",
            "name",
            "password_hash",
            "password_set_at",
            "reset_required",
            "failed_logins",
            "locked_until",
            "created_at",
            "skeleton",
            "disabled_at",
        ],
    ),
    (
        "permission_sets",
        &["id", "org_id", "name", "builtin", "is_default"],
    ),
    ("permission_set_permissions", &["set_id", "permission"]),
    (
        "memberships",
        &[
            "id",
            "account_id",
            "org_id",
            "permission_set_id",
            "created_at",
        ],
    ),
    ("groups", &["id", "org_id", "name"]),
    ("group_members", &["group_id", "membership_id"]),
    ("sites", &["id", "org_id", "name"]),
    ("site_members", &["site_id", "membership_id"]),
    ("user_fields", &["id", "org_id", "name", "kind", "options"]),
    ("user_field_values", &["field_id", "membership_id", "value"]),
    (
        "tokens",
        &[
            "id",
            "kind",
            "token_hash",
            "account_id",
            "org_id",
            "created_at",
            "expires_at",
            "used_at",
        ],
    ),
    (
        "sessions",
        &[
            "id",
            "token_hash",
            "account_id",
            "org_id",
            "created_at",
            "expires_at",
            "ended_at",
        ],
    ),
    ("settings", &["key", "value"]),
    (
        "audit_log",
        &[
            "id", "at", "actor", "org", "action", "target", "outcome", "detail",
        ],
    ),
    (
        "outbox",
        &[
            "id",
            "created_at",
            "updated_at",
            "org_id",
            "account_id",
            "recipient",
            "kind",
            "subject",
            "message",
            "state",
            "attempts",
            "error",
        ],
    ),
];

/// How many rows of one table were copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// The table.
    pub table: &'static str,
    /// Its rows, the same in both databases.
    pub rows: u64,
}

/// Copies every row of `src` into `dst`, which must hold no directory yet (no rows at all).
/// One transaction on each side: `dst` gets everything or nothing.
pub fn copy_all(src: &mut Store, dst: &mut Store) -> Result<Vec<Copied>> {
    dst.write(|d| {
        for (table, _) in TABLES {
            if d.count_rows(table)? > 0 {
                return Err(Error::Conflict(format!(
                    "the destination already holds data (table {table} is not empty); copy into a new SQLite file or an empty PostgreSQL database"
                )));
            }
        }
        src.read(|s| {
            let mut copied = Vec::new();
            for (table, columns) in TABLES {
                let cols = columns.join(", ");
                let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                let insert = format!("INSERT INTO {table} ({cols}) VALUES ({})", marks.join(", "));
                let mut n = 0u64;
                s.each(
                    &format!("SELECT {cols} FROM {table} ORDER BY 1"),
                    &[],
                    |r: &Row| {
                        let values: Vec<Value> =
                            (0..columns.len()).map(|i| r.get(i)).collect::<std::result::Result<_, _>>()?;
                        d.exec(&insert, &values)?;
                        n += 1;
                        Ok(())
                    },
                )?;
                let (theirs, ours) = (s.count_rows(table)?, d.count_rows(table)?);
                if theirs != n || ours != n {
                    return Err(Error::internal(format!(
                        "copying {table}: read {n} rows, the source has {theirs}, the destination {ours}; nothing was copied"
                    )));
                }
                d.after_copy(table, columns)?;
                copied.push(Copied { table, rows: n });
            }
            Ok(copied)
        })
    })
}

impl Tx<'_> {
    /// The number of rows of a table (one of [`TABLES`]).
    fn count_rows(&self, table: &str) -> Result<u64> {
        let n: i64 = self.one(&format!("SELECT count(*) FROM {table}"), &[], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// After rows with explicit ids went in, PostgreSQL's identity sequence must move past
    /// them (SQLite takes max(id) + 1 by itself).
    fn after_copy(&self, table: &str, columns: &[&str]) -> Result<()> {
        if columns.first() == Some(&"id") && self.is_postgres() {
            self.one(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                ),
                &[],
                |_| Ok(()),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_names_every_column_of_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("c.db")).unwrap();
        let schema: Vec<(String, String)> = store
            .read(|tx| {
                tx.all(
                    "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY 1, 2",
                    &[],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            })
            .unwrap();
        let mut listed: Vec<(String, String)> = TABLES
            .iter()
            .flat_map(|(t, cols)| cols.iter().map(|c| (t.to_string(), c.to_string())))
            .collect();
        listed.sort();
        assert_eq!(schema, listed);
    }
}
