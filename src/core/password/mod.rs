//! A logged-in user changes their own password (R27): the current password comes first, and
//! a wrong one counts toward the lockout like a failed login (R16); the new one meets the
//! policy and differs from the current one (R10). Success ends the user's other sessions
//! and keeps this one. An admin's change of a member's password is [`admin`].

pub mod admin;

use secrecy::{ExposeSecret, SecretString};

use crate::clock::{self, human};
use crate::core::audit::{audit, event, Action, Outcome};
use crate::ctx::{Actor, Ctx};
use crate::domain::email::Email;
use crate::domain::password::{check_policy, Hasher};
use crate::domain::reset::{self, is_locked, LoginRules, RESET_TOKEN_KINDS};
use crate::error::{Error, Result};

/// The audit action of a password change ([`admin`] writes the same).
const ACTION: Action = Action::PasswordChange;

/// A change of one's own password under way: who changes it, and the rules it follows.
pub struct OwnChange {
    actor: Actor,
    rules: LoginRules,
    min_len: usize,
    email: Email,
    hasher: Hasher,
    verified: bool,
}

/// Starts changing the logged-in user's own password.
pub fn begin(ctx: &Ctx) -> Result<OwnChange> {
    let mut store = ctx.open_store()?;
    let (actor, params, rules, min_len) = store.read(|tx| {
        Ok((
            ctx.actor(tx)?,
            tx.hash_params()?,
            tx.login_rules()?,
            tx.min_password_length()?,
        ))
    })?;
    let email = Email::parse(&actor.account.display_email)?;
    Ok(OwnChange {
        actor,
        rules,
        min_len,
        email,
        hasher: Hasher::new(params),
        verified: false,
    })
}

/// R10: the new password must differ from the current one.
pub fn differs_from_current(current: &SecretString, new: &SecretString) -> Result<()> {
    if new.expose_secret() == current.expose_secret() {
        return Err(Error::invalid(
            "the new password must differ from the current one",
        ));
    }
    Ok(())
}

/// What a change of one's own password did.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The account's address as displayed.
    pub email: String,
    /// How many other sessions were ended.
    pub other_sessions_ended: usize,
}

impl OwnChange {
    /// The account's address, for the password policy.
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The shortest password accepted.
    pub fn min_len(&self) -> usize {
        self.min_len
    }

    /// Checks the current password. A wrong one is recorded as a failed login (and may
    /// lock the account); a locked account's password is not checked, but costs one hash
    /// as at login.
    pub fn check_current(&mut self, ctx: &Ctx, current: &SecretString) -> Result<()> {
        let account = &self.actor.account;
        let matched = match account.password_hash.as_deref() {
            Some(phc) if !is_locked(&account.state, ctx.now()) => {
                self.hasher.verify(current, phc)?
            }
            _ => {
                self.hasher.burn(current)?;
                false
            }
        };
        if matched {
            self.verified = true;
            return Ok(());
        }
        let mut store = ctx.open_store()?;
        let org = &self.actor.org;
        let rules = &self.rules;
        Err(store.write(|tx| {
            let now = ctx.now();
            let fresh = tx.account_by_id(account.id)?;
            let ev = event(now, &account.email, &org.name, ACTION, &account.email);
            if let Some(until) = fresh.state.locked_until.filter(|_| is_locked(&fresh.state, now)) {
                audit(
                    tx,
                    ev,
                    Outcome::Denied,
                    format!("account locked until {}; current password not checked", human(until)),
                )?;
                return Ok(Error::Auth(format!(
                    "too many failed attempts: the account is locked until {}; try again then, or ask an admin to run `usermgr users unlock {}`",
                    clock::deadline(until, now),
                    account.display_email
                )));
            }
            let (count, locked_until) = reset::after_failure(&fresh.state, rules, now);
            tx.record_login_failure(account.id, count, locked_until)?;
            audit(
                tx,
                ev,
                Outcome::Failed,
                format!("own password: wrong current password ({count} consecutive)"),
            )?;
            Ok(Error::Auth(
                "the current password is wrong; nothing was changed".into(),
            ))
        })?)
    }

    /// Checks a new password against the policy (R10).
    pub fn check_new(&self, new: &SecretString) -> Result<()> {
        check_policy(new.expose_secret(), &self.email, self.min_len)
    }

    /// Sets the new password (after [`OwnChange::check_current`]), ends the user's other
    /// sessions and voids their reset tokens.
    pub fn finish(mut self, ctx: &Ctx, new: SecretString) -> Result<Changed> {
        if !self.verified {
            return Err(Error::internal(
                "a password change must check the current password first",
            ));
        }
        let new_hash = self.hasher.hash(&new)?;
        drop(new);
        let account = &self.actor.account;
        let mut store = ctx.open_store()?;
        let ended = store.write(|tx| {
            let now = ctx.now();
            // The session must still be valid, and the password the one just checked.
            let actor = ctx.actor(tx)?;
            if actor.account.password_hash != account.password_hash {
                return Err(Error::Conflict(
                    "the password was changed while you were typing; run `usermgr passwd` again"
                        .into(),
                ));
            }
            tx.set_password(account.id, &new_hash, false, now)?;
            let ended = tx.end_other_sessions_of(account.id, actor.session_id, now)?;
            let voided = tx.void_tokens(account.id, &RESET_TOKEN_KINDS, now)?;
            audit(
                tx,
                event(now, &account.email, &actor.org.name, ACTION, &account.email),
                Outcome::Ok,
                format!(
                    "own password changed; {ended} other sessions ended; {voided} tokens voided"
                ),
            )?;
            Ok(ended)
        })?;
        Ok(Changed {
            email: account.display_email.clone(),
            other_sessions_ended: ended,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::testkit::World;

    const JO: &str = "jo@acme.test";
    const JO_PW: &str = "jos-own-password-1";

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn a_wrong_current_password_counts_toward_the_lockout_until_it_ends() {
        let w = World::with_admin();
        w.ok(&["config", "set", "lockout_threshold", "1"]);
        w.ok(&["config", "set", "lockout_duration", "60s"]);
        let file = w.file("jo-password", JO_PW);
        w.ok(&["add-users", JO, "--password-file", file.to_str().unwrap()]);
        w.prompt.password(JO_PW);
        w.ok(&["login", JO]);

        let ctx = w.ctx();
        let err = begin(&ctx)
            .unwrap()
            .check_current(&ctx, &secret("not-her-password"))
            .unwrap_err();
        assert_eq!(err.exit_code(), 4);
        assert!(
            err.to_string().contains("current password is wrong"),
            "{err}"
        );
        // Locked now: even the right password is not checked.
        let err = begin(&ctx)
            .unwrap()
            .check_current(&ctx, &secret(JO_PW))
            .unwrap_err();
        assert!(
            err.to_string().contains("too many failed attempts"),
            "{err}"
        );

        w.advance(Duration::from_secs(60));
        let ctx = w.ctx();
        let mut change = begin(&ctx).unwrap();
        change.check_current(&ctx, &secret(JO_PW)).unwrap();
        assert_eq!(
            differs_from_current(&secret(JO_PW), &secret(JO_PW))
                .unwrap_err()
                .exit_code(),
            3
        );
        let done = change.finish(&ctx, secret("jos-new-password-2")).unwrap();
        assert_eq!((done.email.as_str(), done.other_sessions_ended), (JO, 0));
        w.prompt.password("jos-new-password-2");
        w.ok(&["login", JO]);
    }

    #[test]
    fn finishing_without_checking_the_current_password_is_refused() {
        let w = World::with_admin();
        let ctx = w.ctx();
        let err = begin(&ctx)
            .unwrap()
            .finish(&ctx, secret("whatever-new-pass-1"))
            .unwrap_err();
        assert_eq!(err.exit_code(), 1, "{err}");
    }
}
