//! Sessions and single-use tokens, stored as SHA-256 hashes only.

use super::sql::params;
use super::Tx;
use crate::domain::token::TokenKind;
use crate::error::Result;

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// Row id.
    pub id: i64,
    /// Whose session.
    pub account_id: i64,
    /// The organization it acts in.
    pub org_id: i64,
    /// When it stops working (ms).
    pub expires_at: i64,
    /// When it was ended by logout or a password change (ms).
    pub ended_at: Option<i64>,
}

/// A stored single-use token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// Row id.
    pub id: i64,
    /// What it is for.
    pub kind: TokenKind,
    /// Whose token.
    pub account_id: i64,
    /// The organization it was issued in, if any.
    pub org_id: Option<i64>,
    /// When it was issued (ms).
    pub created_at: i64,
    /// When it stops working (ms).
    pub expires_at: i64,
    /// When it was used or voided (ms).
    pub used_at: Option<i64>,
}

impl Tx<'_> {
    /// Stores a new session.
    pub fn create_session(
        &self,
        hash: &str,
        account_id: i64,
        org_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.exec(
            "INSERT INTO sessions (token_hash, account_id, org_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![hash, account_id, org_id, now, expires_at],
        )?;
        Ok(())
    }

    /// Finds a session by the hash of its token.
    pub fn session_by_hash(&self, hash: &str) -> Result<Option<SessionRow>> {
        self.opt(
                "SELECT id, account_id, org_id, expires_at, ended_at FROM sessions WHERE token_hash = ?1",
                params![hash],
                |r| Ok(SessionRow { id: r.get(0)?, account_id: r.get(1)?, org_id: r.get(2)?, expires_at: r.get(3)?, ended_at: r.get(4)? }),
            )
    }

    /// When a session stops working (ms).
    pub fn session_expiry(&self, session_id: i64) -> Result<i64> {
        self.one(
            "SELECT expires_at FROM sessions WHERE id = ?1",
            params![session_id],
            |r| r.get(0),
        )
    }

    /// Ends one session.
    pub fn end_session(&self, session_id: i64, now: i64) -> Result<()> {
        self.exec(
            "UPDATE sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
            params![session_id, now],
        )?;
        Ok(())
    }

    /// Ends every open session of an account; returns how many.
    pub fn end_sessions_of(&self, account_id: i64, now: i64) -> Result<usize> {
        self.exec(
            "UPDATE sessions SET ended_at = ?2 WHERE account_id = ?1 AND ended_at IS NULL",
            params![account_id, now],
        )
    }

    /// Ends every open session of an account but `keep`; returns how many.
    pub fn end_other_sessions_of(&self, account_id: i64, keep: i64, now: i64) -> Result<usize> {
        self.exec(
            "UPDATE sessions SET ended_at = ?3 WHERE account_id = ?1 AND id <> ?2 AND ended_at IS NULL",
            params![account_id, keep, now],
        )
    }

    /// Stores a new single-use token.
    pub fn insert_token(
        &self,
        kind: TokenKind,
        hash: &str,
        account_id: i64,
        org_id: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.exec(
            "INSERT INTO tokens (kind, token_hash, account_id, org_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![kind.as_str(), hash, account_id, org_id, now, expires_at],
        )?;
        Ok(())
    }

    /// Finds a token by the hash of its secret.
    pub fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRow>> {
        let row = self.opt(
                "SELECT id, kind, account_id, org_id, created_at, expires_at, used_at FROM tokens WHERE token_hash = ?1",
                params![hash],
                |r| {
                    Ok((
                        r.get::<i64>(0)?,
                        r.get::<String>(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )?;
        row.map(
            |(id, kind, account_id, org_id, created_at, expires_at, used_at)| {
                Ok(TokenRow {
                    id,
                    kind: TokenKind::parse(&kind)?,
                    account_id,
                    org_id,
                    created_at,
                    expires_at,
                    used_at,
                })
            },
        )
        .transpose()
    }

    /// Marks a token used, only if it still was unused; returns whether this call used it.
    pub fn use_token(&self, token_id: i64, now: i64) -> Result<bool> {
        let n = self.exec(
            "UPDATE tokens SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL",
            params![token_id, now],
        )?;
        Ok(n == 1)
    }

    /// Voids every unused token of these kinds for an account; returns how many.
    pub fn void_tokens(&self, account_id: i64, kinds: &[TokenKind], now: i64) -> Result<usize> {
        let mut n = 0;
        for k in kinds {
            n += self.exec(
                "UPDATE tokens SET used_at = ?3 WHERE account_id = ?1 AND kind = ?2 AND used_at IS NULL",
                params![account_id, k.as_str(), now],
            )?;
        }
        Ok(n)
    }

    /// The deadline of the account's open reset window, if one is open at `now`.
    pub fn open_window_deadline(&self, account_id: i64, now: i64) -> Result<Option<i64>> {
        Ok(self
            .opt(
                "SELECT max(expires_at) FROM tokens WHERE account_id = ?1 AND kind = 'reset_window'
                 AND used_at IS NULL AND expires_at > ?2",
                params![account_id, now],
                |r| r.get(0),
            )?
            .flatten())
    }
}
