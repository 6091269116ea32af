//! Step 2 of sending: delivering the queued emails after the commit and recording each
//! result in the outbox and the audit log.

use super::*;
use crate::core::audit::{audit_by, Action};
use crate::ctx::{Actor, Ctx};
use crate::error::{Error, Result};
use crate::store::{Store, Tx};

/// Hands each email to `mailer`, one by one; a failure never stops the others.
pub fn send_all(mailer: &mut dyn Mailer, pendings: Vec<Pending>) -> Vec<Outcome> {
    let mut sender = Sender::default();
    pendings
        .into_iter()
        .map(|p| sender.send(mailer, p))
        .collect()
}

fn shorten_error(e: &str) -> String {
    let one_line = e.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_ERROR_CHARS {
        one_line
    } else {
        one_line.chars().take(MAX_ERROR_CHARS).collect::<String>() + "…"
    }
}

/// Records delivery results: each outbox row becomes `sent` or `failed` (attempts + 1) and
/// gets an audit event `send_instructions` or `send_reset` (never a token).
pub fn record(tx: &Tx<'_>, actor: &Actor, outcomes: &[Outcome], now: i64) -> Result<()> {
    for o in outcomes {
        tx.finish_mail(o.outbox_id, o.error.as_deref(), now)?;
        let action = match o.kind {
            MailKind::Instructions => Action::SendInstructions,
            MailKind::Reset => Action::SendReset,
            MailKind::Test => Action::SendTestEmail,
        };
        let detail = match &o.error {
            None => format!("outbox #{}", o.outbox_id),
            Some(e) => format!("outbox #{}: {e}", o.outbox_id),
        };
        audit_by(tx, actor, now, action, &o.email, o.audited(), detail)?;
    }
    Ok(())
}

/// Delivers queued emails after the caller's transaction committed, then records the
/// results in a second transaction. Returns one outcome per email; a failed delivery is an
/// outcome, not an error (the caller reports it and exits 9).
pub fn deliver(
    ctx: &Ctx,
    store: &mut Store,
    settings: &Settings,
    actor: &Actor,
    pendings: Vec<Pending>,
) -> Result<Vec<Outcome>> {
    if pendings.is_empty() {
        return Ok(Vec::new());
    }
    ctx.say(format!(
        "Sending {} email{} via {}.",
        pendings.len(),
        if pendings.len() == 1 { "" } else { "s" },
        settings.describe()
    ));
    let mut mailer = settings.mailer();
    let mut outcomes = Vec::with_capacity(pendings.len());
    let mut recorded = 0;
    let mut pendings = pendings.into_iter().peekable();
    let mut sender = Sender::default();
    while let Some(p) = pendings.next() {
        outcomes.push(match &mut mailer {
            Ok(m) => sender.send(m.as_mut(), p),
            Err(e) => p.outcome(Some(shorten_error(e))),
        });
        // Results are written as they come, a few at a time, so a command killed while
        // sending leaves at most a handful of rows `queued` (and --retry-failed takes those
        // up once they are stale).
        if outcomes.len() - recorded >= RECORD_EVERY || pendings.peek().is_none() {
            let now = ctx.now();
            store.write(|tx| record(tx, actor, &outcomes[recorded..], now))?;
            recorded = outcomes.len();
        }
    }
    Ok(outcomes)
}

/// Sends one email after another; after a few failures in a row with the same error (a
/// server that is down or unreachable), the rest fail at once with it instead of each
/// waiting out a connection timeout.
#[derive(Default)]
pub struct Sender {
    streak: Option<(String, usize)>,
}

impl Sender {
    /// Sends one pending email (or gives up on it) and returns its outcome.
    pub fn send(&mut self, mailer: &mut dyn Mailer, p: Pending) -> Outcome {
        let outcome = match &self.streak {
            Some((e, n)) if *n >= GIVE_UP_AFTER => p.outcome(Some(e.clone())),
            _ => {
                let error = mailer.send(&p.message).err().map(|e| shorten_error(&e));
                p.outcome(error)
            }
        };
        self.streak = match (&outcome.error, self.streak.take()) {
            (Some(e), Some((last, n))) if *e == last => Some((last, n + 1)),
            (Some(e), _) => Some((e.clone(), 1)),
            (None, _) => None,
        };
        outcome
    }
}

/// Identical failures in a row after which the remaining emails are not attempted.
pub(super) const GIVE_UP_AFTER: usize = 3;

/// How many delivery results are written per transaction.
const RECORD_EVERY: usize = 50;

/// A `queued` email older than this was left by a command that died while sending;
/// `send-instructions --retry-failed` sends it again.
pub const STALE_QUEUED_MS: i64 = 10 * 60 * 1000;

/// The exit-9 error for failed deliveries, or `Ok` when every email went out.
pub fn failures(outcomes: &[Outcome]) -> Result<()> {
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.sent())
        .map(|o| o.email.as_str())
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    // A big batch names a few and counts the rest; the table above lists them all.
    const NAMED: usize = 5;
    let mut who = failed[..failed.len().min(NAMED)].join(", ");
    if failed.len() > NAMED {
        who.push_str(&format!(" and {} more", failed.len() - NAMED));
    }
    Err(Error::Delivery(format!(
        "{} of {} emails could not be delivered ({who}); see `usermgr outbox --failed`, then send them again with `usermgr send-instructions --retry-failed`",
        failed.len(),
        outcomes.len(),
    )))
}
