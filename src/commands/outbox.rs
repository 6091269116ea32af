//! `usermgr outbox`: the emails of the current organization and their delivery state, read
//! by [`crate::mail::outbox`].

use crate::cli::OutboxArgs;
use crate::contract::MailJson;
use crate::ctx::Ctx;
use crate::domain::clock::rfc3339;
use crate::error::Result;
use crate::mail;
use crate::output::Records;

/// Runs `outbox`.
pub fn run(args: &OutboxArgs, ctx: &mut Ctx) -> Result<()> {
    let rows = mail::outbox(ctx, args.failed)?;
    let json: Vec<MailJson<'_>> = rows
        .iter()
        .map(|r| MailJson {
            id: r.id,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
            recipient: &r.recipient,
            kind: r.kind.as_str(),
            subject: &r.subject,
            state: r.state.as_str(),
            attempts: r.attempts,
            error: r.error.as_deref(),
        })
        .collect();
    let table = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                ctx.out.time(r.updated_at),
                r.recipient.clone(),
                r.kind.as_str().to_string(),
                r.state.as_str().to_string(),
                r.attempts.to_string(),
                r.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    ctx.out.records(&Records {
        // CSV columns carry the JSON keys; the table speaks to people.
        headers: if ctx.out.format() == crate::cli::OutputFormat::Csv {
            &[
                "id",
                "updated_at",
                "recipient",
                "kind",
                "state",
                "attempts",
                "error",
            ]
        } else {
            &[
                "id",
                "time",
                "recipient",
                "kind",
                "state",
                "attempts",
                "error",
            ]
        },
        rows: table,
        json: &crate::contract::OutboxList { emails: json },
    })
}
