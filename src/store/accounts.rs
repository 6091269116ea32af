//! Accounts: identity, password hash and login state.

use super::sql::{params, DbError, Row};
use super::{conflict_on_unique, Tx};
use crate::domain::email::skeleton;
use crate::domain::reset::LoginState;
use crate::error::{Error, Result};

/// An account (one per normalised email address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// Normalised email (the key).
    pub email: String,
    /// Email as it was typed.
    pub display_email: String,
    /// Full name, may be empty.
    pub name: String,
    /// argon2id PHC string; `None` for accounts without a password.
    pub password_hash: Option<String>,
    /// Login state: required reset, failures, lock.
    pub state: LoginState,
    /// When the account was created (ms).
    pub created_at: i64,
    /// When an admin disabled the account (R28); `None` while it may log in.
    pub disabled_at: Option<i64>,
}

impl Account {
    /// Whether an admin disabled the account (R28).
    pub fn disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

/// What creating an account needs.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    /// Normalised email.
    pub email: &'a str,
    /// Email as typed.
    pub display_email: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Hash of the admin-set password, if any.
    pub password_hash: Option<&'a str>,
    /// Whether the first login must choose a new password.
    pub reset_required: bool,
}

const COLUMNS: &str =
    "id, email, display_email, name, password_hash, password_set_at, reset_required, \
                       failed_logins, locked_until, created_at, disabled_at";

fn from_row(r: &Row) -> std::result::Result<Account, DbError> {
    Ok(Account {
        id: r.get(0)?,
        email: r.get(1)?,
        display_email: r.get(2)?,
        name: r.get(3)?,
        password_hash: r.get(4)?,
        state: LoginState {
            password_set_at: r.get(5)?,
            reset_required: r.get(6)?,
            failed_logins: r.get(7)?,
            locked_until: r.get(8)?,
        },
        created_at: r.get(9)?,
        disabled_at: r.get(10)?,
    })
}

impl Tx<'_> {
    /// Finds an account by its normalised email.
    pub fn account_by_email(&self, key: &str) -> Result<Option<Account>> {
        self.opt(
            &format!("SELECT {COLUMNS} FROM accounts WHERE email = ?1"),
            params![key],
            from_row,
        )
    }

    /// Finds an account by id.
    pub fn account_by_id(&self, id: i64) -> Result<Account> {
        self.one(
            &format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"),
            params![id],
            from_row,
        )
    }

    /// Creates an account and returns its id. An address that looks like an existing
    /// account's (the same confusable skeleton, R30) is a conflict naming that account; rows
    /// of one batch are inserted one by one, so this holds between them too.
    pub fn insert_account(&self, a: &NewAccount<'_>, now: i64) -> Result<i64> {
        let skel = skeleton(a.email);
        if let Some(existing) = self.opt(
            "SELECT display_email FROM accounts WHERE skeleton = ?1 AND email <> ?2 LIMIT 1",
            params![&skel, a.email],
            |r| r.get::<String>(0),
        )? {
            return Err(Error::Conflict(format!(
                "{} looks like the existing account {existing} (letters from other scripts or look-alike characters); use {existing}, or type the address in plain letters",
                a.display_email
            )));
        }
        self.insert(
            "INSERT INTO accounts (email, display_email, name, password_hash, password_set_at, reset_required, created_at, skeleton)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            params![
            a.email,
            a.display_email,
            a.name,
            a.password_hash,
            a.password_hash.map(|_| now),
            a.reset_required && a.password_hash.is_some(),
            now,
            skel
        ],
        )
        .map_err(|e| {
            conflict_on_unique(e, || format!("an account for {} already exists", a.email))
        })
    }

    /// Replaces the password hash; `reset_required` says whether it is an admin-set one that
    /// must be replaced at first login.
    pub fn set_password(
        &self,
        account_id: i64,
        hash: &str,
        reset_required: bool,
        now: i64,
    ) -> Result<()> {
        self.exec(
            "UPDATE accounts SET password_hash = ?2, password_set_at = ?3, reset_required = ?4,
                    failed_logins = 0, locked_until = NULL WHERE id = ?1",
            params![account_id, hash, now, reset_required],
        )?;
        Ok(())
    }

    /// Changes an account's full name.
    pub fn set_account_name(&self, account_id: i64, name: &str) -> Result<()> {
        self.exec(
            "UPDATE accounts SET name = ?2 WHERE id = ?1",
            params![account_id, name],
        )?;
        Ok(())
    }

    /// Rewrites the hash with new parameters, keeping everything else (R18).
    pub fn rehash_password(&self, account_id: i64, hash: &str) -> Result<()> {
        self.exec(
            "UPDATE accounts SET password_hash = ?2 WHERE id = ?1",
            params![account_id, hash],
        )?;
        Ok(())
    }

    /// Records a failed login: the new count and lock.
    pub fn record_login_failure(
        &self,
        account_id: i64,
        count: u32,
        locked_until: Option<i64>,
    ) -> Result<()> {
        self.exec(
            "UPDATE accounts SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1",
            params![account_id, count, locked_until],
        )?;
        Ok(())
    }

    /// Clears failures and any lock (a successful login, or `users unlock`).
    pub fn clear_login_failures(&self, account_id: i64) -> Result<()> {
        // An account with nothing to clear (most logins) is not written at all: no new row
        // version, no index entries, no page to flush.
        self.exec(
            "UPDATE accounts SET failed_logins = 0, locked_until = NULL
             WHERE id = ?1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
            params![account_id],
        )?;
        Ok(())
    }

    /// Disables an account (R28) at `now`, or enables it again with `None`. Returns whether
    /// anything changed (disabling a disabled account keeps the first time).
    pub fn set_disabled(&self, account_id: i64, at: Option<i64>) -> Result<bool> {
        let n = match at {
            Some(now) => self.exec(
                "UPDATE accounts SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL",
                params![account_id, now],
            )?,
            None => self.exec(
                "UPDATE accounts SET disabled_at = NULL WHERE id = ?1 AND disabled_at IS NOT NULL",
                params![account_id],
            )?,
        };
        Ok(n > 0)
    }

    /// How many organizations an account belongs to.
    pub fn membership_count(&self, account_id: i64) -> Result<i64> {
        self.one(
            "SELECT count(*) FROM memberships WHERE account_id = ?1",
            params![account_id],
            |r| r.get(0),
        )
    }

    /// Deletes an account that belongs to no organization any more.
    pub fn delete_account_if_orphan(&self, account_id: i64) -> Result<bool> {
        let n = self.exec(
            "DELETE FROM accounts WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM memberships WHERE account_id = ?1)",
            params![account_id],
        )?;
        Ok(n > 0)
    }
}

/// Fills in the skeleton of every account (migration 004; SQL cannot compute it).
impl Tx<'_> {
    pub(super) fn backfill_skeletons(&self) -> Result<()> {
        let rows: Vec<(i64, String)> =
            self.all("SELECT id, email FROM accounts", params![], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (id, email) in rows {
            self.exec(
                "UPDATE accounts SET skeleton = ?2 WHERE id = ?1",
                params![id, skeleton(&email)],
            )?;
        }
        Ok(())
    }
}
