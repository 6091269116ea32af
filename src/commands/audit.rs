//! `usermgr audit`: read the audit log of the current organization.

use chrono::{DateTime, NaiveDate};

use crate::cli::{AuditArgs, OutputFormat};
use crate::contract::{AuditDoc, AuditEventJson};
use crate::core::audit::{self, AuditQuery};
use crate::ctx::Ctx;
use crate::domain::clock::rfc3339;
use crate::domain::duration::parse_duration;
use crate::domain::email::Email;
use crate::domain::reset::secs_to_ms;
use crate::error::{Error, Result};
use crate::output::Records;

/// Parses `--since` or `--until`: RFC 3339, YYYY-MM-DD (UTC midnight), or a duration ago
/// (`1h`).
pub fn parse_time(flag: &str, s: &str, now: i64) -> Result<i64> {
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
            "{flag} {s:?} is not a time; use RFC 3339 (2026-11-29T14:00:00Z), a date (2026-11-29) or a duration ago (90m, 12h, 7d)"
        ))),
    }
}

/// Parses `--since`.
pub fn parse_since(s: &str, now: i64) -> Result<i64> {
    parse_time("--since", s, now)
}

/// Runs `audit`.
pub fn run(args: &AuditArgs, ctx: &mut Ctx) -> Result<()> {
    let user = args.user.as_deref().map(Email::parse).transpose()?;
    let now = ctx.now();
    let since = args
        .since
        .as_deref()
        .map(|s| parse_time("--since", s, now))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| parse_time("--until", s, now))
        .transpose()?;
    let (events, total) = audit::read_log(
        ctx,
        &AuditQuery {
            user: user.map(|u| u.key().to_string()),
            action: args.action.as_deref(),
            outcome: args.outcome.as_deref(),
            since,
            until,
            limit: args.limit,
        },
    )?;
    if total > events.len() as u64 {
        ctx.say(format!("showing {} of {total}; use --limit", events.len()));
    }
    let out = ctx.out;
    let rows = events
        .iter()
        .map(|e| {
            vec![
                out.time(e.at),
                e.actor.clone(),
                e.org.clone(),
                e.action.clone(),
                e.target.clone(),
                e.outcome.clone(),
                e.detail.clone(),
            ]
        })
        .collect();
    let json = AuditDoc {
        events: events
            .into_iter()
            .map(|e| AuditEventJson {
                created_at: rfc3339(e.at),
                actor: e.actor,
                org: e.org,
                action: e.action,
                target: e.target,
                outcome: e.outcome,
                detail: e.detail,
            })
            .collect(),
        total,
    };
    // CSV columns carry the JSON keys; the table speaks to people.
    let headers: &[&str] = if out.format() == OutputFormat::Csv {
        &[
            "created_at",
            "actor",
            "org",
            "action",
            "target",
            "outcome",
            "detail",
        ]
    } else {
        &[
            "time",
            "actor",
            "organization",
            "action",
            "target",
            "outcome",
            "detail",
        ]
    };
    out.records(&Records {
        headers,
        rows,
        json: &json,
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
