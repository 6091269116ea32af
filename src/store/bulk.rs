//! Many rows per statement, for `add-users` batches: a statement per row costs a round
//! trip to a PostgreSQL server (about a millisecond each on loopback), so 100,000 users
//! would take minutes. On SQLite rows go in chunks of [`CHUNK`] with one multi-row
//! statement each, as fast as cached per-row statements. On PostgreSQL each column goes as
//! one array parameter (`unnest(?1::text[], ?2::int8[], …)`, `= ANY(?1::text[])`): one
//! statement of [`PG_CHUNK`] rows has one plan of a few parameters, where 500-row `VALUES`
//! lists of 4,000 parameters each cost the server more to parse and plan than to insert.

use std::collections::HashMap;

use super::sql::{DbError, Row, Value};
use super::{conflict_on_unique, AuditEvent, Collection, NewAccount, Tx};
use crate::domain::email::skeleton;
use crate::error::{Error, Result};

/// Rows per statement on SQLite: well under its limit on parameters (32,766) at eight
/// columns.
const CHUNK: usize = 500;

/// Rows per statement on PostgreSQL: a few megabytes of arrays per message.
const PG_CHUNK: usize = 50_000;

/// The SQL type of a bulk column on PostgreSQL.
#[derive(Clone, Copy)]
enum Ty {
    Text,
    Int,
}

/// `(?1, ?2, ?3), (?4, ?5, ?6)`: `rows` groups of `cols` numbered placeholders, written
/// into one string (a format and a vector per row were a tenth of a large batch's CPU).
fn groups(rows: usize, cols: usize) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(rows * cols * 8);
    for r in 0..rows {
        out.push_str(if r == 0 { "(" } else { ", (" });
        for c in 1..=cols {
            if c > 1 {
                out.push_str(", ");
            }
            let _ = write!(out, "?{}", r * cols + c);
        }
        out.push(')');
    }
    out
}

impl Tx<'_> {
    /// Runs `{head} <rows> {tail}` for `n` rows, `row(i, out)` pushing the values of row
    /// `i` in the order of `types`, and calls `f` with each row the statements return.
    fn insert_rows(
        &self,
        head: &str,
        types: &[Ty],
        tail: &str,
        n: usize,
        row: &dyn Fn(usize, &mut Vec<Value>),
        f: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> std::result::Result<(), DbError> {
        if !self.conn.is_postgres() {
            // Every chunk but the last has the same text: made once.
            let mut full: Option<String> = None;
            for start in (0..n).step_by(CHUNK) {
                let end = n.min(start + CHUNK);
                let mut params = Vec::with_capacity((end - start) * types.len());
                for i in start..end {
                    row(i, &mut params);
                }
                let text = |rows| format!("{head} VALUES {} {tail}", groups(rows, types.len()));
                let last;
                let sql = if end - start == CHUNK {
                    full.get_or_insert_with(|| text(CHUNK))
                } else {
                    last = text(end - start);
                    &last
                };
                self.conn.query(sql, &params, f)?;
            }
            return Ok(());
        }
        let arrays: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                Ty::Text => format!("?{}::text[]", i + 1),
                Ty::Int => format!("?{}::int8[]", i + 1),
            })
            .collect();
        let sql = format!("{head} SELECT * FROM unnest({}) {tail}", arrays.join(", "));
        let mut scratch = Vec::with_capacity(types.len());
        for start in (0..n).step_by(PG_CHUNK) {
            let end = n.min(start + PG_CHUNK);
            let mut columns: Vec<Value> = types
                .iter()
                .map(|t| match t {
                    Ty::Text => Value::Texts(Vec::with_capacity(end - start)),
                    Ty::Int => Value::Ints(Vec::with_capacity(end - start)),
                })
                .collect();
            for i in start..end {
                scratch.clear();
                row(i, &mut scratch);
                for (column, v) in columns.iter_mut().zip(scratch.drain(..)) {
                    push(column, v)?;
                }
            }
            self.conn.query(&sql, &columns, f)?;
        }
        Ok(())
    }

    /// Runs `sql`, in which `{keys}` stands for "is one of `keys`", over all of them, with
    /// `fixed` as its first parameters; calls `f` with each row.
    fn each_of_keys(
        &self,
        sql: &str,
        fixed: &[Value],
        keys: &[&str],
        f: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        let first = fixed.len() + 1;
        if self.conn.is_postgres() {
            let sql = sql.replace("{keys}", &format!("= ANY(?{first}::text[])"));
            for chunk in keys.chunks(PG_CHUNK) {
                let mut params = fixed.to_vec();
                params.push(Value::Texts(
                    chunk.iter().map(|k| Some((*k).to_string())).collect(),
                ));
                self.conn.query(&sql, &params, f)?;
            }
            return Ok(());
        }
        for chunk in keys.chunks(CHUNK) {
            let marks: Vec<String> = (first..first + chunk.len())
                .map(|i| format!("?{i}"))
                .collect();
            let sql = sql.replace("{keys}", &format!("IN ({})", marks.join(", ")));
            let mut params = fixed.to_vec();
            params.extend(chunk.iter().map(|k| Value::from(*k)));
            self.conn.query(&sql, &params, f)?;
        }
        Ok(())
    }

    /// For many normalised emails: the account id of each that has one, and whether it is
    /// already a member of the organization.
    pub fn account_standings(
        &self,
        keys: &[&str],
        org_id: i64,
    ) -> Result<HashMap<String, (i64, bool)>> {
        let mut found = HashMap::with_capacity(keys.len());
        self.each_of_keys(
            "SELECT a.email, a.id, EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.org_id = ?1)
             FROM accounts a WHERE a.email {keys}",
            &[Value::Int(org_id)],
            keys,
            &mut |r| {
                found.insert(r.get::<String>(0)?, (r.get(1)?, r.get(2)?));
                Ok(())
            },
        )?;
        Ok(found)
    }

    /// Creates accounts and returns their ids in order. An address that looks like an
    /// existing account's, or like an earlier one of the same batch (R30), is a conflict
    /// naming that account, as [`Tx::insert_account`] says it.
    pub fn insert_accounts(&self, rows: &[NewAccount<'_>], now: i64) -> Result<Vec<i64>> {
        let skels: Vec<String> = rows.iter().map(|a| skeleton(a.email)).collect();
        let mut existing: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let keys: Vec<&str> = skels.iter().map(String::as_str).collect();
        self.each_of_keys(
            "SELECT skeleton, email, display_email FROM accounts WHERE skeleton {keys}",
            &[],
            &keys,
            &mut |r| {
                existing
                    .entry(r.get(0)?)
                    .or_default()
                    .push((r.get(1)?, r.get(2)?));
                Ok(())
            },
        )?;
        let mut batch: HashMap<&str, &NewAccount<'_>> = HashMap::new();
        for (a, skel) in rows.iter().zip(&skels) {
            let known = existing
                .get(skel)
                .and_then(|v| v.iter().find(|(email, _)| email != a.email))
                .map(|(_, display)| display.as_str())
                .or_else(|| {
                    batch
                        .get(skel.as_str())
                        .filter(|b| b.email != a.email)
                        .map(|b| b.display_email)
                });
            if let Some(known) = known {
                return Err(Error::Conflict(format!(
                    "{} looks like the existing account {known} (letters from other scripts or look-alike characters); use {known}, or type the address in plain letters",
                    a.display_email
                )));
            }
            batch.entry(skel.as_str()).or_insert(a);
        }
        let mut ids: HashMap<String, i64> = HashMap::with_capacity(rows.len());
        self.insert_rows(
            "INSERT INTO accounts (email, display_email, name, password_hash, password_set_at, reset_required, created_at, skeleton)",
            &[Ty::Text, Ty::Text, Ty::Text, Ty::Text, Ty::Int, Ty::Int, Ty::Int, Ty::Text],
            "RETURNING email, id",
            rows.len(),
            &|i, out| {
                let a = &rows[i];
                out.extend([
                    Value::from(a.email),
                    Value::from(a.display_email),
                    Value::from(a.name),
                    Value::from(a.password_hash),
                    Value::from(a.password_hash.map(|_| now)),
                    Value::from(a.reset_required && a.password_hash.is_some()),
                    Value::from(now),
                    Value::from(skels[i].as_str()),
                ]);
            },
            &mut |r| {
                ids.insert(r.get(0)?, r.get(1)?);
                Ok(())
            },
        )
        .map_err(|e| {
            conflict_on_unique(e, || {
                "an account of this batch was created by another command meanwhile; nothing was added; run it again".into()
            })
        })?;
        rows.iter()
            .map(|a| {
                ids.get(a.email)
                    .copied()
                    .ok_or_else(|| Error::internal(format!("no id returned for {}", a.email)))
            })
            .collect()
    }

    /// Makes accounts members of an organization, each with its permission set; returns
    /// the membership ids in order.
    pub fn add_memberships(&self, rows: &[(i64, i64)], org_id: i64, now: i64) -> Result<Vec<i64>> {
        let mut ids: HashMap<i64, i64> = HashMap::with_capacity(rows.len());
        self.insert_rows(
            "INSERT INTO memberships (account_id, org_id, permission_set_id, created_at)",
            &[Ty::Int, Ty::Int, Ty::Int, Ty::Int],
            "RETURNING account_id, id",
            rows.len(),
            &|i, out| {
                let (account_id, set_id) = rows[i];
                out.extend([
                    Value::Int(account_id),
                    Value::Int(org_id),
                    Value::Int(set_id),
                    Value::Int(now),
                ]);
            },
            &mut |r| {
                ids.insert(r.get(0)?, r.get(1)?);
                Ok(())
            },
        )
        .map_err(|e| {
            conflict_on_unique(e, || {
                "an account of this batch became a member meanwhile; nothing was added; run it again".into()
            })
        })?;
        rows.iter()
            .map(|(a, _)| {
                ids.get(a).copied().ok_or_else(|| {
                    Error::internal(format!("no membership id returned for account {a}"))
                })
            })
            .collect()
    }

    /// Puts memberships into groups or sites: `(item id, membership id)` pairs.
    pub fn assign_many(&self, c: Collection, pairs: &[(i64, i64)]) -> Result<()> {
        let (members, fk) = c.members();
        self.insert_rows(
            &format!("INSERT INTO {members} ({fk}, membership_id)"),
            &[Ty::Int, Ty::Int],
            "ON CONFLICT DO NOTHING",
            pairs.len(),
            &|i, out| out.extend([Value::Int(pairs[i].0), Value::Int(pairs[i].1)]),
            &mut |_| Ok(()),
        )?;
        Ok(())
    }

    /// Sets field values: `(field id, membership id, value)`, already validated.
    pub fn set_field_values_many(&self, rows: &[(i64, i64, &str)]) -> Result<()> {
        self.insert_rows(
            "INSERT INTO user_field_values (field_id, membership_id, value)",
            &[Ty::Int, Ty::Int, Ty::Text],
            "ON CONFLICT (field_id, membership_id) DO UPDATE SET value = excluded.value",
            rows.len(),
            &|i, out| {
                let (f, m, v) = rows[i];
                out.extend([Value::Int(f), Value::Int(m), Value::from(v)]);
            },
            &mut |_| Ok(()),
        )?;
        Ok(())
    }

    /// Appends many audit events, in order.
    pub fn audit_many(&self, events: &[AuditEvent]) -> Result<()> {
        self.insert_rows(
            "INSERT INTO audit_log (at, actor, org, action, target, outcome, detail)",
            &[
                Ty::Int,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::Text,
                Ty::Text,
            ],
            "",
            events.len(),
            &|i, out| {
                let e = &events[i];
                out.extend([
                    Value::Int(e.at),
                    Value::from(&e.actor),
                    Value::from(&e.org),
                    Value::from(&e.action),
                    Value::from(&e.target),
                    Value::from(&e.outcome),
                    Value::from(&e.detail),
                ]);
            },
            &mut |_| Ok(()),
        )?;
        Ok(())
    }
}

/// Appends one value to the array of its column.
fn push(column: &mut Value, v: Value) -> std::result::Result<(), DbError> {
    match (column, v) {
        (Value::Texts(c), Value::Text(s)) => c.push(Some(s)),
        (Value::Texts(c), Value::Null) => c.push(None),
        (Value::Ints(c), Value::Int(i)) => c.push(Some(i)),
        (Value::Ints(c), Value::Null) => c.push(None),
        (_, v) => return Err(DbError::other(format!("a bulk column cannot hold {v:?}"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::groups;

    #[test]
    fn groups_number_the_placeholders_row_by_row() {
        assert_eq!(groups(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
        assert_eq!(groups(1, 1), "(?1)");
        assert_eq!(groups(0, 4), "");
    }
}
