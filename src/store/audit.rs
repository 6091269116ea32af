//! The append-only audit log.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::Tx;
use crate::error::Result;

/// One audit event. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEvent {
    /// When (ms).
    #[serde(skip)]
    pub at: i64,
    /// Email of who acted, or `-`.
    pub actor: String,
    /// Organization name, `-` when none applies, `*` for database-wide changes.
    pub org: String,
    /// What was done, e.g. `login`, `add_user`.
    pub action: String,
    /// Whom or what it was done to.
    pub target: String,
    /// `ok`, `failed`, `denied`, ...
    pub outcome: String,
    /// Extra words, never a secret.
    pub detail: String,
}

/// Filters of `usermgr audit`.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Events by or about this normalised email.
    pub user: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only events at or after this time (ms).
    pub since: Option<i64>,
    /// Only events of this organization (id, name), plus login attempts of its members.
    pub org: Option<(i64, String)>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl Tx<'_> {
    /// Appends an event.
    pub fn audit(&self, e: &AuditEvent) -> Result<()> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO audit_log (at, actor, org, action, target, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        st.execute(rusqlite::params![
            e.at, e.actor, e.org, e.action, e.target, e.outcome, e.detail
        ])?;
        Ok(())
    }

    /// Reads events, newest first.
    pub fn audit_events(&self, f: &AuditFilter) -> Result<Vec<AuditEvent>> {
        let mut sql = String::from(
            "SELECT at, actor, org, action, target, outcome, detail FROM audit_log WHERE 1=1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(u) = &f.user {
            sql.push_str(" AND (lower(actor) = ? OR lower(target) = ?)");
            args.push(Value::Text(u.clone()));
            args.push(Value::Text(u.clone()));
        }
        if let Some(a) = &f.action {
            sql.push_str(" AND action = ?");
            args.push(Value::Text(a.clone()));
        }
        if let Some(s) = f.since {
            sql.push_str(" AND at >= ?");
            args.push(Value::Integer(s));
        }
        if let Some((id, name)) = &f.org {
            sql.push_str(
                " AND (org = ? OR org = '*' OR (org = '-' AND lower(target) IN (SELECT a.email FROM accounts a \
                 JOIN memberships m ON m.account_id = a.id WHERE m.org_id = ?)))",
            );
            args.push(Value::Text(name.clone()));
            args.push(Value::Integer(*id));
        }
        sql.push_str(" ORDER BY id DESC LIMIT ?");
        args.push(Value::Integer(i64::from(f.limit)));
        let mut st = self.tx.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| {
            Ok(AuditEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                org: r.get(2)?,
                action: r.get(3)?,
                target: r.get(4)?,
                outcome: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
