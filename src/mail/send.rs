//! `send-instructions`: email members their password instructions or a reset email
//! (R13–R15), or send the failed emails of an organization again, with fresh tokens; and
//! `outbox`, the emails an organization sent.

use super::*;
use crate::ctx::{Actor, Ctx};
use crate::domain::email::Email;
use crate::domain::permissions::Permission;
use crate::store::Store;

/// What emails to send members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sending {
    /// Password instructions, with a set-password token (R14).
    Instructions,
    /// A reset email, with a reset token (R13).
    Reset,
}

/// Emails each member at `emails` (duplicates sent once) an email of `what`, after checking
/// that every address is a member of the actor's organization: one that is not means nothing
/// is queued (exit 6). Returns one outcome per email, in order; a failed delivery keeps what
/// was written (R15) and is left to [`failures`] to report.
pub fn send_to_members(
    ctx: &Ctx,
    emails: &[Email],
    what: Sending,
    message: Option<&CustomMessage>,
) -> Result<Vec<Outcome>> {
    let mut unique: Vec<&Email> = Vec::with_capacity(emails.len());
    for e in emails {
        if !unique.iter().any(|x| x.key() == e.key()) {
            unique.push(e);
        }
    }
    let db_path = ctx.mail_anchor()?;
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (settings, actor, pendings) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let doing = match what {
            Sending::Reset => "sending reset emails",
            Sending::Instructions => "sending password instructions",
        };
        actor.require(Permission::Users, doing)?;
        let settings = Settings::load(tx, &db_path, &ctx.env)?;

        // Every address must be a member before anything is queued.
        let mut accounts = Vec::with_capacity(unique.len());
        let mut strangers = Vec::new();
        for e in &unique {
            let member = match tx.account_by_email(e.key())? {
                Some(a) if tx.membership(a.id, actor.org.id)?.is_some() => Some(a),
                _ => None,
            };
            match member {
                Some(a) => accounts.push(a),
                None => strangers.push(e.display().to_string()),
            }
        }
        if !strangers.is_empty() {
            return Err(Error::not_found(format!(
                "not {} of {}: {}; nothing was sent (see `usermgr users list`)",
                if strangers.len() == 1 {
                    "a member"
                } else {
                    "members"
                },
                actor.org.name,
                strangers.join(", ")
            )));
        }

        let pendings = accounts
            .iter()
            .map(|a| match what {
                Sending::Reset => queue_reset(tx, &settings, &actor, a, message, now),
                Sending::Instructions => queue_instructions(tx, &settings, &actor, a, message, now),
            })
            .collect::<Result<Vec<Pending>>>()?;
        Ok((settings, actor, pendings))
    })?;
    deliver(ctx, &mut store, &settings, &actor, pendings)
}

/// What sending the failed emails again did.
#[derive(Debug)]
pub struct Retried {
    /// The organization whose emails they were.
    pub org: String,
    /// One per email sent again, and one (failed) per email whose recipient is no longer
    /// a member.
    pub outcomes: Vec<Outcome>,
    /// Why each email the actor may not send now was left failed, for someone who may.
    pub refused: Vec<String>,
}

impl Retried {
    /// True when the organization had no failed emails.
    pub fn nothing(&self) -> bool {
        self.outcomes.is_empty() && self.refused.is_empty()
    }
}

/// Sends every failed email of the actor's organization again, with fresh tokens. An email
/// whose recipient left the organization stays failed, saying so; one the actor may not
/// send now (R23, R24) stays failed for someone who may, and the others still go.
pub fn retry_failed(ctx: &Ctx) -> Result<Retried> {
    let db_path = ctx.mail_anchor()?;
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (settings, actor, pendings, gone, refused) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "sending emails again")?;
        let settings = Settings::load(tx, &db_path, &ctx.env)?;
        let mut pendings = Vec::new();
        let mut gone = Vec::new();
        let mut refused = Vec::new();
        for row in tx.outbox_to_retry(actor.org.id, now - STALE_QUEUED_MS)? {
            let member = match row.account_id {
                Some(id) if tx.membership(id, actor.org.id)?.is_some() => {
                    Some(tx.account_by_id(id)?)
                }
                _ => None,
            };
            match member {
                Some(account) => match check_recipient(tx, &settings, &actor, &account, row.kind) {
                    Ok(()) => pendings.push(requeue(tx, &settings, &actor, &account, &row, now)?),
                    Err(e @ (Error::PermissionDenied(_) | Error::Conflict(_))) => {
                        refused.push(e.to_string())
                    }
                    Err(e) => return Err(e),
                },
                // The email stays failed: there is no one to send it to any more.
                None => gone.push(Outcome {
                    outbox_id: row.id,
                    email: row.recipient.clone(),
                    kind: row.kind,
                    error: Some(format!(
                        "{} is no longer a member of {}",
                        row.recipient, actor.org.name
                    )),
                }),
            }
        }
        Ok((settings, actor, pendings, gone, refused))
    })?;
    let mut outcomes = deliver(ctx, &mut store, &settings, &actor, pendings)?;
    if !gone.is_empty() {
        let now = ctx.now();
        store.write(|tx| record(tx, &actor, &gone, now))?;
        outcomes.extend(gone);
    }
    Ok(Retried {
        org: actor.org.name,
        outcomes,
        refused,
    })
}

/// The emails of the actor's organization, newest first, only the failed ones with
/// `failed_only` (needs "Platform management: Users"). The outbox holds no token or body.
pub fn outbox(ctx: &Ctx, failed_only: bool) -> Result<Vec<OutboxRow>> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "reading the outbox")?;
        tx.outbox(actor.org.id, failed_only)
    })
}

/// `doctor --send-test-email ADDRESS`: sends the actor a test email through the configured
/// transport (needs "Platform management: Users", since it is sent on the organization's
/// behalf), queued and recorded like any email, with no token. `db_path` anchors a relative
/// `file:` outbox.
pub fn send_test(
    ctx: &Ctx,
    store: &mut Store,
    db_path: &Path,
    actor: &Actor,
    address: &str,
) -> Result<Outcome> {
    actor.require(Permission::Users, "sending a test email")?;
    let now = ctx.now();
    let (settings, pending) = store.write(|tx| {
        let settings = Settings::load(tx, db_path, &ctx.env)?;
        let pending = queue_test(tx, &settings, actor, address, now)?;
        Ok((settings, pending))
    })?;
    let mut outcomes = deliver(ctx, store, &settings, actor, vec![pending])?;
    outcomes
        .pop()
        .ok_or_else(|| Error::internal("a test email was queued but not delivered"))
}
