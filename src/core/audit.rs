//! Audit events: every command that changes something, or refuses to, writes one.

use crate::error::Result;
use crate::store::{AuditEvent, Tx};

/// The organization column of audit events that apply to the whole database.
pub const ALL_ORGS: &str = "*";

/// Builds an audit event for the current time.
pub fn event(now: i64, actor: &str, org: &str, action: &str, target: &str) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: actor.to_string(),
        org: org.to_string(),
        action: action.to_string(),
        target: target.to_string(),
        outcome: "ok".into(),
        detail: String::new(),
    }
}

/// Writes an audit event with an outcome and detail.
pub fn audit(
    tx: &Tx<'_>,
    mut e: AuditEvent,
    outcome: &str,
    detail: impl Into<String>,
) -> Result<()> {
    e.outcome = outcome.to_string();
    e.detail = detail.into();
    tx.audit(&e)
}
