//! `usermgr audit`: read the audit log of the current organization.

use chrono::{DateTime, NaiveDate};

use crate::cli::AuditArgs;
use crate::ctx::Ctx;
use crate::domain::clock::{human, rfc3339};
use crate::domain::duration::parse_duration;
use crate::domain::email::Email;
use crate::domain::permissions::Permission;
use crate::domain::reset::secs_to_ms;
use crate::error::{Error, Result};
use crate::output::Records;
use crate::store::AuditFilter;

/// Parses `--since`: RFC 3339, YYYY-MM-DD (UTC midnight), or a duration ago (`1h`).
pub fn parse_since(s: &str, now: i64) -> Result<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t.timestamp_millis());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            return Ok(t.and_utc().timestamp_millis());
        }
    }
    match parse_duration(s) {
        Ok(secs) => Ok(now - secs_to_ms(secs)),
        Err(_) => Err(Error::invalid(format!(
            "--since {s:?} is not a time; use RFC 3339 (2026-11-29T14:00:00Z), a date (2026-11-29) or a duration ago (90m, 12h, 7d)"
        ))),
    }
}

/// Runs `audit`.
pub fn run(args: &AuditArgs, ctx: &mut Ctx) -> Result<()> {
    let user = args.user.as_deref().map(Email::parse).transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|s| parse_since(s, ctx.now()))
        .transpose()?;
    let mut store = ctx.open_store()?;
    let events = store.read(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "reading the audit log")?;
        tx.audit_events(&AuditFilter {
            user: user.as_ref().map(|u| u.key().to_string()),
            action: args.action.clone(),
            since,
            org: Some((actor.org.id, actor.org.name.clone())),
            limit: args.limit,
        })
    })?;
    let json: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap_or_default();
            v["at"] = rfc3339(e.at).into();
            v
        })
        .collect();
    let rows = events
        .iter()
        .map(|e| {
            vec![
                human(e.at),
                e.actor.clone(),
                e.org.clone(),
                e.action.clone(),
                e.target.clone(),
                e.outcome.clone(),
                e.detail.clone(),
            ]
        })
        .collect();
    ctx.out.records(&Records {
        headers: &[
            "time",
            "actor",
            "organization",
            "action",
            "target",
            "outcome",
            "detail",
        ],
        rows,
        json: &serde_json::json!({ "events": json }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_forms() {
        let now = 1_764_000_000_000;
        assert_eq!(parse_since("1h", now).unwrap(), now - 3_600_000);
        assert_eq!(parse_since("2026-01-01", now).unwrap(), 1_767_225_600_000);
        assert_eq!(
            parse_since("2026-01-01T00:00:00Z", now).unwrap(),
            1_767_225_600_000
        );
        assert!(parse_since("yesterday", now).is_err());
    }
}
