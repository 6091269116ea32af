//! The outbox: one row per email, with its delivery state. It never holds a token, a
//! password, or a body that contains either: the body is rebuilt when an email is sent.

use super::sql::{params, DbError, Row};
use super::Tx;
use crate::error::{Error, Result};

/// What an email is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// Password instructions (R14).
    Instructions,
    /// A reset email (R13).
    Reset,
    /// A test email sent by `usermgr doctor --send-test-email` (no token, no account).
    Test,
}

impl MailKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Instructions => "instructions",
            MailKind::Reset => "reset",
            MailKind::Test => "test",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Result<MailKind> {
        match s {
            "instructions" => Ok(MailKind::Instructions),
            "reset" => Ok(MailKind::Reset),
            "test" => Ok(MailKind::Test),
            _ => Err(Error::internal(format!(
                "unknown email kind {s:?} in the outbox"
            ))),
        }
    }
}

/// Where an email is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailState {
    /// Recorded, not yet handed to the transport.
    Queued,
    /// The transport accepted it.
    Sent,
    /// The transport refused it; `send-instructions --retry-failed` sends it again.
    Failed,
}

impl MailState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Result<MailState> {
        match s {
            "queued" => Ok(MailState::Queued),
            "sent" => Ok(MailState::Sent),
            "failed" => Ok(MailState::Failed),
            _ => Err(Error::internal(format!(
                "unknown email state {s:?} in the outbox"
            ))),
        }
    }
}

/// A new outbox entry.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    /// Organization it was sent for.
    pub org_id: i64,
    /// The recipient's account (`None` for a test email to any address).
    pub account_id: Option<i64>,
    /// The recipient's address.
    pub recipient: &'a str,
    /// What it is for.
    pub kind: MailKind,
    /// Its subject.
    pub subject: &'a str,
    /// The admin's custom message (not the body).
    pub message: &'a str,
}

/// One outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Row id.
    pub id: i64,
    /// When it was first queued (ms).
    pub created_at: i64,
    /// When its state last changed (ms).
    pub updated_at: i64,
    /// The organization it was sent for.
    pub org_id: Option<i64>,
    /// The recipient's account, if it still exists.
    pub account_id: Option<i64>,
    /// The recipient's address.
    pub recipient: String,
    /// What it is for.
    pub kind: MailKind,
    /// Its subject.
    pub subject: String,
    /// The admin's custom message.
    pub message: String,
    /// Its delivery state.
    pub state: MailState,
    /// How many deliveries were tried.
    pub attempts: i64,
    /// Why the last delivery failed.
    pub error: Option<String>,
}

const COLUMNS: &str = "id, created_at, updated_at, org_id, account_id, recipient, kind, subject, \
                       message, state, attempts, error";

fn from_row(r: &Row) -> std::result::Result<(OutboxRow, String, String), DbError> {
    let kind: String = r.get(6)?;
    let state: String = r.get(9)?;
    Ok((
        OutboxRow {
            id: r.get(0)?,
            created_at: r.get(1)?,
            updated_at: r.get(2)?,
            org_id: r.get(3)?,
            account_id: r.get(4)?,
            recipient: r.get(5)?,
            kind: MailKind::Instructions,
            subject: r.get(7)?,
            message: r.get(8)?,
            state: MailState::Queued,
            attempts: r.get(10)?,
            error: r.get(11)?,
        },
        kind,
        state,
    ))
}

impl Tx<'_> {
    /// Records an email about to be sent (`queued`); returns its id.
    pub fn insert_mail(&self, m: &NewMail<'_>, now: i64) -> Result<i64> {
        Ok(self.insert(
            "INSERT INTO outbox (created_at, updated_at, org_id, account_id, recipient, kind, subject, message, state, attempts)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', 0) RETURNING id",
            params![
                now,
                m.org_id,
                m.account_id,
                m.recipient,
                m.kind.as_str(),
                m.subject,
                m.message
            ],
        )?)
    }

    /// Puts an email back to `queued` before it is sent again.
    pub fn requeue_mail(&self, id: i64, now: i64) -> Result<()> {
        self.exec(
            "UPDATE outbox SET state = 'queued', updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    /// Records the result of one delivery attempt: `sent`, or `failed` with `error`.
    pub fn finish_mail(&self, id: i64, error: Option<&str>, now: i64) -> Result<()> {
        let state = if error.is_some() {
            MailState::Failed
        } else {
            MailState::Sent
        };
        self.exec(
            "UPDATE outbox SET state = ?2, error = ?3, attempts = attempts + 1, updated_at = ?4 WHERE id = ?1",
            params![id, state.as_str(), error, now],
        )?;
        Ok(())
    }

    /// The emails of an organization to send again: every `failed` one, and `queued` ones
    /// last touched before `stale_before` (their command died while sending).
    pub fn outbox_to_retry(&self, org_id: i64, stale_before: i64) -> Result<Vec<OutboxRow>> {
        Ok(self
            .outbox(org_id, false)?
            .into_iter()
            .filter(|r| {
                // A test email is sent again by running doctor again, not by a retry.
                r.kind != MailKind::Test
                    && (r.state == MailState::Failed
                        || (r.state == MailState::Queued && r.updated_at < stale_before))
            })
            .collect())
    }

    /// The outbox of an organization, oldest first; only failed ones with `failed_only`.
    pub fn outbox(&self, org_id: i64, failed_only: bool) -> Result<Vec<OutboxRow>> {
        let rows = self.all(
            &format!(
                "SELECT {COLUMNS} FROM outbox WHERE org_id = ?1 AND (?2 = 0 OR state = 'failed') ORDER BY id"
            ),
            params![org_id, failed_only],
            from_row,
        )?;
        rows.into_iter()
            .map(|(mut row, kind, state)| {
                row.kind = MailKind::parse(&kind)?;
                row.state = MailState::parse(&state)?;
                Ok(row)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAccount, Store};

    #[test]
    fn mail_goes_from_queued_to_failed_to_sent() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.db")).unwrap();
        store
            .write(|tx| {
                let org = tx.create_org("Acme", 1)?;
                let other = tx.create_org("Beta", 1)?;
                let account_id = tx.insert_account(
                    &NewAccount {
                        email: "jo@acme.test",
                        display_email: "jo@acme.test",
                        name: "",
                        password_hash: None,
                        reset_required: false,
                    },
                    1,
                )?;
                let new = |org_id| NewMail {
                    org_id,
                    account_id: Some(account_id),
                    recipient: "jo@acme.test",
                    kind: MailKind::Reset,
                    subject: "Reset your Acme password",
                    message: "hi",
                };
                let id = tx.insert_mail(&new(org.id), 10)?;
                tx.insert_mail(&new(other.id), 10)?;
                let rows = tx.outbox(org.id, false)?;
                assert_eq!(rows.len(), 1);
                assert_eq!(rows[0].state, MailState::Queued);
                assert_eq!(rows[0].attempts, 0);
                assert!(tx.outbox(org.id, true)?.is_empty());

                tx.finish_mail(id, Some("connection refused"), 20)?;
                let failed = tx.outbox(org.id, true)?;
                assert_eq!(failed.len(), 1);
                assert_eq!(failed[0].error.as_deref(), Some("connection refused"));
                assert_eq!(failed[0].attempts, 1);
                assert_eq!(failed[0].updated_at, 20);
                assert_eq!(failed[0].kind, MailKind::Reset);

                tx.requeue_mail(id, 30)?;
                tx.finish_mail(id, None, 40)?;
                let row = &tx.outbox(org.id, false)?[0];
                assert_eq!(
                    (row.state, row.attempts, row.error.clone(), row.created_at),
                    (MailState::Sent, 2, None, 10)
                );
                Ok(())
            })
            .unwrap();
    }
}
