//! The append-only audit log.

use super::sql::{params, Value};
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
    /// Only events before this time (ms).
    pub until: Option<i64>,
    /// Only events with this outcome.
    pub outcome: Option<String>,
    /// Only events of this organization (id, name), plus login attempts of its members.
    pub org: Option<(i64, String)>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl Tx<'_> {
    /// Appends an event.
    pub fn audit(&self, e: &AuditEvent) -> Result<()> {
        self.exec(
            "INSERT INTO audit_log (at, actor, org, action, target, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![e.at, &e.actor, &e.org, &e.action, &e.target, &e.outcome, &e.detail],
        )?;
        Ok(())
    }

    /// The WHERE clause of a filter and its arguments.
    fn audit_where(f: &AuditFilter) -> (String, Vec<Value>) {
        let mut sql = String::from(" WHERE 1=1");
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
        if let Some(o) = &f.outcome {
            sql.push_str(" AND outcome = ?");
            args.push(Value::Text(o.clone()));
        }
        if let Some(s) = f.since {
            sql.push_str(" AND at >= ?");
            args.push(Value::Int(s));
        }
        if let Some(u) = f.until {
            sql.push_str(" AND at < ?");
            args.push(Value::Int(u));
        }
        if let Some((id, name)) = &f.org {
            sql.push_str(
                " AND (org = ? OR org = '*' OR (org = '-' AND lower(target) IN (SELECT a.email FROM accounts a \
                 JOIN memberships m ON m.account_id = a.id WHERE m.org_id = ?)))",
            );
            args.push(Value::Text(name.clone()));
            args.push(Value::Int(*id));
        }
        (sql, args)
    }

    /// Reads events, newest first, at most `f.limit`.
    pub fn audit_events(&self, f: &AuditFilter) -> Result<Vec<AuditEvent>> {
        let (filter, mut args) = Self::audit_where(f);
        let sql = format!(
            "SELECT at, actor, org, action, target, outcome, detail FROM audit_log{filter} ORDER BY id DESC LIMIT ?"
        );
        args.push(Value::Int(i64::from(f.limit)));
        self.all(&sql, &args, |r| {
            Ok(AuditEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                org: r.get(2)?,
                action: r.get(3)?,
                target: r.get(4)?,
                outcome: r.get(5)?,
                detail: r.get(6)?,
            })
        })
    }

    /// How many events match a filter, whatever its limit.
    pub fn audit_count(&self, f: &AuditFilter) -> Result<u64> {
        let (filter, args) = Self::audit_where(f);
        let n: i64 = self.one(
            &format!("SELECT count(*) FROM audit_log{filter}"),
            &args,
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// The distinct values of a column of the log (`action` or `outcome`) that occur in it.
    pub fn audit_values(&self, column: AuditColumn) -> Result<Vec<String>> {
        let col = match column {
            AuditColumn::Action => "action",
            AuditColumn::Outcome => "outcome",
        };
        self.all(
            &format!("SELECT DISTINCT {col} FROM audit_log ORDER BY 1"),
            params![],
            |r| r.get(0),
        )
    }
}

/// A column of the audit log whose values can be listed.
#[derive(Debug, Clone, Copy)]
pub enum AuditColumn {
    /// What was done.
    Action,
    /// How it ended.
    Outcome,
}
