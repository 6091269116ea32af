//! `usermgr send-instructions`: email password instructions or reset emails to members
//! (R13–R15), or send the failed ones again.

use crate::cli::SendInstructionsArgs;
use crate::contract::EmailJson;
use crate::ctx::Ctx;
use crate::domain::email::Email;
use crate::domain::permissions::Permission;
use crate::error::{Error, Result};
use crate::mail::{self, Outcome, Pending, Settings};
use crate::output::Records;

/// Runs `send-instructions`.
pub fn run(args: &SendInstructionsArgs, ctx: &mut Ctx) -> Result<()> {
    if args.retry_failed {
        return retry_failed(ctx);
    }
    let message = mail::read_message(&args.message)?;
    let mut emails: Vec<Email> = Vec::new();
    for raw in &args.emails {
        let e = Email::parse(raw)?;
        if !emails.iter().any(|x| x.key() == e.key()) {
            emails.push(e);
        }
    }
    let db_path = ctx.mail_anchor()?;
    let mut store = ctx.open_store()?;
    let now = ctx.now();
    let (settings, actor, pendings) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let doing = if args.reset {
            "sending reset emails"
        } else {
            "sending password instructions"
        };
        actor.require(Permission::Users, doing)?;
        let settings = Settings::load(tx, &db_path, &ctx.env)?;

        // Every address must be a member before anything is queued.
        let mut accounts = Vec::with_capacity(emails.len());
        let mut strangers = Vec::new();
        for e in &emails {
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
            .map(|a| {
                if args.reset {
                    mail::queue_reset(tx, &settings, &actor, a, message.as_ref(), now)
                } else {
                    mail::queue_instructions(tx, &settings, &actor, a, message.as_ref(), now)
                }
            })
            .collect::<Result<Vec<Pending>>>()?;
        Ok((settings, actor, pendings))
    })?;
    let outcomes = mail::deliver(ctx, &mut store, &settings, &actor, pendings)?;
    report(ctx, &outcomes)
}

/// Sends every failed email of the current organization again, with fresh tokens.
fn retry_failed(ctx: &mut Ctx) -> Result<()> {
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
        for row in tx.outbox_to_retry(actor.org.id, now - mail::STALE_QUEUED_MS)? {
            let member = match row.account_id {
                Some(id) if tx.membership(id, actor.org.id)?.is_some() => {
                    Some(tx.account_by_id(id)?)
                }
                _ => None,
            };
            match member {
                // R23, R24: an email the actor may not send now stays failed, for someone
                // who may; the others still go.
                Some(account) => {
                    match mail::check_recipient(tx, &settings, &actor, &account, row.kind) {
                        Ok(()) => pendings
                            .push(mail::requeue(tx, &settings, &actor, &account, &row, now)?),
                        Err(e @ (Error::PermissionDenied(_) | Error::Conflict(_))) => {
                            refused.push(e.to_string())
                        }
                        Err(e) => return Err(e),
                    }
                }
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
    if pendings.is_empty() && gone.is_empty() && refused.is_empty() {
        ctx.say(format!("No failed emails in {}.", actor.org.name));
    }
    let mut outcomes = mail::deliver(ctx, &mut store, &settings, &actor, pendings)?;
    if !gone.is_empty() {
        let now = ctx.now();
        store.write(|tx| mail::record(tx, &actor, &gone, now))?;
        outcomes.extend(gone);
    }
    let reported = report(ctx, &outcomes);
    if !refused.is_empty() {
        return Err(Error::PermissionDenied(format!(
            "{} failed email{} not sent again; they stay in `usermgr outbox --failed`:\n  {}",
            refused.len(),
            if refused.len() == 1 { " was" } else { "s were" },
            refused.join("\n  ")
        )));
    }
    reported
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
