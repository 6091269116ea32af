//! Many rows per statement, for `add-users` batches: a statement per row costs a round
//! trip to a PostgreSQL server (about a millisecond each on loopback), so 100,000 users
//! would take minutes; rows go in chunks of [`CHUNK`] with one multi-row statement each.
//! The same code runs on SQLite, where it is as fast as cached per-row statements.

use std::collections::HashMap;

use super::sql::Value;
use super::{conflict_on_unique, AuditEvent, Collection, NewAccount, Tx};
use crate::domain::email::skeleton;
use crate::error::{Error, Result};

/// Rows per statement: well under both backends' limits on parameters (SQLite 32,766,
/// PostgreSQL 65,535) at eight columns.
const CHUNK: usize = 500;

/// `(?1, ?2, ?3), (?4, ?5, ?6)`: `rows` groups of `cols` numbered placeholders.
fn groups(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=cols).map(|c| format!("?{}", r * cols + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `?1, ?2, …, ?n`.
fn list(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Tx<'_> {
    /// For many normalised emails: the account id of each that has one, and whether it is
    /// already a member of the organization.
    pub fn account_standings(
        &self,
        keys: &[&str],
        org_id: i64,
    ) -> Result<HashMap<String, (i64, bool)>> {
        let mut found = HashMap::with_capacity(keys.len());
        for chunk in keys.chunks(CHUNK) {
            let mut params: Vec<Value> = vec![Value::Int(org_id)];
            params.extend(chunk.iter().map(|k| Value::from(*k)));
            let marks: Vec<String> = (2..=chunk.len() + 1).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "SELECT a.email, a.id, EXISTS (SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.org_id = ?1)
                 FROM accounts a WHERE a.email IN ({})",
                marks.join(", ")
            );
            self.each(&sql, &params, |r| {
                found.insert(r.get::<String>(0)?, (r.get(1)?, r.get(2)?));
                Ok(())
            })?;
        }
        Ok(found)
    }

    /// Creates accounts and returns their ids in order. An address that looks like an
    /// existing account's, or like an earlier one of the same batch (R30), is a conflict
    /// naming that account, as [`Tx::insert_account`] says it.
    pub fn insert_accounts(&self, rows: &[NewAccount<'_>], now: i64) -> Result<Vec<i64>> {
        let skels: Vec<String> = rows.iter().map(|a| skeleton(a.email)).collect();
        let mut existing: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for chunk in skels.chunks(CHUNK) {
            let params: Vec<Value> = chunk.iter().map(Value::from).collect();
            let sql = format!(
                "SELECT skeleton, email, display_email FROM accounts WHERE skeleton IN ({})",
                list(chunk.len())
            );
            self.each(&sql, &params, |r| {
                existing
                    .entry(r.get(0)?)
                    .or_default()
                    .push((r.get(1)?, r.get(2)?));
                Ok(())
            })?;
        }
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
        for (chunk, skels) in rows.chunks(CHUNK).zip(skels.chunks(CHUNK)) {
            let mut params = Vec::with_capacity(chunk.len() * 8);
            for (a, skel) in chunk.iter().zip(skels) {
                params.extend([
                    Value::from(a.email),
                    Value::from(a.display_email),
                    Value::from(a.name),
                    Value::from(a.password_hash),
                    Value::from(a.password_hash.map(|_| now)),
                    Value::from(a.reset_required && a.password_hash.is_some()),
                    Value::from(now),
                    Value::from(skel.as_str()),
                ]);
            }
            let sql = format!(
                "INSERT INTO accounts (email, display_email, name, password_hash, password_set_at, reset_required, created_at, skeleton)
                 VALUES {} RETURNING email, id",
                groups(chunk.len(), 8)
            );
            self.conn
                .query(&sql, &params, &mut |r| {
                    ids.insert(r.get(0)?, r.get(1)?);
                    Ok(())
                })
                .map_err(|e| {
                    conflict_on_unique(e, || {
                        "an account of this batch was created by another command meanwhile; nothing was added; run it again".into()
                    })
                })?;
        }
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
        for chunk in rows.chunks(CHUNK) {
            let mut params = Vec::with_capacity(chunk.len() * 4);
            for (account_id, set_id) in chunk {
                params.extend([
                    Value::Int(*account_id),
                    Value::Int(org_id),
                    Value::Int(*set_id),
                    Value::Int(now),
                ]);
            }
            let sql = format!(
                "INSERT INTO memberships (account_id, org_id, permission_set_id, created_at) VALUES {} RETURNING account_id, id",
                groups(chunk.len(), 4)
            );
            self.conn
                .query(&sql, &params, &mut |r| {
                    ids.insert(r.get(0)?, r.get(1)?);
                    Ok(())
                })
                .map_err(|e| {
                    conflict_on_unique(e, || {
                        "an account of this batch became a member meanwhile; nothing was added; run it again".into()
                    })
                })?;
        }
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
        for chunk in pairs.chunks(CHUNK) {
            let params: Vec<Value> = chunk
                .iter()
                .flat_map(|(item, m)| [Value::Int(*item), Value::Int(*m)])
                .collect();
            self.exec(
                &format!(
                    "INSERT INTO {members} ({fk}, membership_id) VALUES {} ON CONFLICT DO NOTHING",
                    groups(chunk.len(), 2)
                ),
                &params,
            )?;
        }
        Ok(())
    }

    /// Sets field values: `(field id, membership id, value)`, already validated.
    pub fn set_field_values_many(&self, rows: &[(i64, i64, &str)]) -> Result<()> {
        for chunk in rows.chunks(CHUNK) {
            let params: Vec<Value> = chunk
                .iter()
                .flat_map(|(f, m, v)| [Value::Int(*f), Value::Int(*m), Value::from(*v)])
                .collect();
            self.exec(
                &format!(
                    "INSERT INTO user_field_values (field_id, membership_id, value) VALUES {}
                     ON CONFLICT (field_id, membership_id) DO UPDATE SET value = excluded.value",
                    groups(chunk.len(), 3)
                ),
                &params,
            )?;
        }
        Ok(())
    }

    /// Appends many audit events, in order.
    pub fn audit_many(&self, events: &[AuditEvent]) -> Result<()> {
        for chunk in events.chunks(CHUNK) {
            let params: Vec<Value> = chunk
                .iter()
                .flat_map(|e| {
                    [
                        Value::Int(e.at),
                        Value::from(&e.actor),
                        Value::from(&e.org),
                        Value::from(&e.action),
                        Value::from(&e.target),
                        Value::from(&e.outcome),
                        Value::from(&e.detail),
                    ]
                })
                .collect();
            self.exec(
                &format!(
                    "INSERT INTO audit_log (at, actor, org, action, target, outcome, detail) VALUES {}",
                    groups(chunk.len(), 7)
                ),
                &params,
            )?;
        }
        Ok(())
    }
}
