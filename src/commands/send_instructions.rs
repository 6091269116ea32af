//! `usermgr send-instructions`: email password instructions or reset emails to members
//! (R13–R15), or send the failed ones again.

use crate::cli::SendInstructionsArgs;
use crate::contract::EmailJson;
use crate::ctx::Ctx;
use crate::domain::email::Email;
use crate::error::{Error, Result};
use crate::mail::{self, Outcome, Sending};
use crate::output::Records;

/// Runs `send-instructions`.
pub fn run(args: &SendInstructionsArgs, ctx: &mut Ctx) -> Result<()> {
    if args.retry_failed {
        let retried = mail::retry_failed(ctx)?;
        if retried.nothing() {
            ctx.say(format!("No failed emails in {}.", retried.org));
        }
        let reported = report(ctx, &retried.outcomes);
        let refused = &retried.refused;
        if !refused.is_empty() {
            return Err(Error::denied(format!(
                "{} failed email{} not sent again; they stay in `usermgr outbox --failed`:\n  {}",
                refused.len(),
                if refused.len() == 1 { " was" } else { "s were" },
                refused.join("\n  ")
            )));
        }
        return reported;
    }
    let message = mail::read_message(&(&args.message).into())?;
    let emails = args
        .emails
        .iter()
        .map(|raw| Email::parse(raw))
        .collect::<Result<Vec<_>>>()?;
    let what = if args.reset {
        Sending::Reset
    } else {
        Sending::Instructions
    };
    let outcomes = mail::send_to_members(ctx, &emails, what, message.as_ref())?;
    report(ctx, &outcomes)
}

/// Prints one line per email, then fails with exit 9 if any delivery failed.
fn report(ctx: &Ctx, outcomes: &[Outcome]) -> Result<()> {
    let json: Vec<EmailJson<'_>> = outcomes
        .iter()
        .map(|o| EmailJson {
            email: &o.email,
            kind: o.kind.as_str(),
            state: o.status(),
            error: o.error.as_deref(),
        })
        .collect();
    let rows = outcomes
        .iter()
        .map(|o| {
            vec![
                o.email.clone(),
                o.kind.as_str().to_string(),
                o.status().to_string(),
                o.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    ctx.out.records(&Records {
        headers: &["email", "kind", "state", "error"],
        rows,
        json: &crate::contract::SentList { emails: json },
    })?;
    mail::failures(outcomes)
}
