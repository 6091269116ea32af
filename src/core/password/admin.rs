//! An admin sets a member's password (R12): only a member of the admin's organization, only
//! one who belongs to no other, never the admin's own (R27). Every refusal is audited. The
//! member is not asked to choose another (R6); their sessions end and their tokens are
//! voided.

use secrecy::{ExposeSecret, SecretString};

use crate::core::audit::{audit_by, Action, Outcome};
use crate::ctx::{Actor, Ctx};
use crate::domain::email::Email;
use crate::domain::password::{check_policy, HashParams, Hasher};
use crate::domain::permissions::Permission;
use crate::domain::reset::RESET_TOKEN_KINDS;
use crate::error::{Error, Result};
use crate::store::{Account, Tx};

/// An admin password change that passed its checks: what the new password must meet.
#[derive(Debug)]
pub struct AdminChange {
    email: Email,
    min_len: usize,
    params: HashParams,
}

/// What an admin password change did.
#[derive(Debug, Clone)]
pub struct AdminChanged {
    /// The member, as read in the write.
    pub target: Account,
    /// How many of the member's sessions ended.
    pub sessions_ended: usize,
}

/// Checks that the actor may set the password of the member at `raw`, before a password is
/// asked for. A refusal (exit 5, or 6 for someone not a member) is audited, and nothing
/// else is written.
pub fn begin(ctx: &Ctx, raw: &str) -> Result<AdminChange> {
    let email = Email::parse(raw)?;
    let mut store = ctx.open_store()?;
    let (min_len, params) = store.write(|tx| {
        let actor = ctx.actor(tx)?;
        let denied = |e: Error, detail: String| -> Result<Result<_>> {
            audit_by(
                tx,
                &actor,
                ctx.now(),
                Action::PasswordChange,
                email.key(),
                Outcome::Denied,
                detail,
            )?;
            Ok(Err(e))
        };
        if actor.account.email == email.key() {
            return denied(
                Error::denied(
                    "`usermgr reset EMAIL` cannot change your own password: run `usermgr passwd`, which asks for your current password first",
                ),
                "own password: use usermgr passwd".into(),
            );
        }
        match target(tx, &actor, &email) {
            Ok(_) => Ok(Ok((tx.min_password_length()?, tx.hash_params()?))),
            Err(e @ (Error::PermissionDenied(_) | Error::NotFound(_))) => {
                let detail = e.to_string();
                denied(e, detail)
            }
            Err(e) => Err(e),
        }
    })??;
    Ok(AdminChange {
        email,
        min_len,
        params,
    })
}

impl AdminChange {
    /// The member's address, for the password policy and the prompt.
    pub fn email(&self) -> &Email {
        &self.email
    }

    /// The shortest password accepted.
    pub fn min_len(&self) -> usize {
        self.min_len
    }

    /// Checks a password typed or piped by the admin against the policy (R10). Not checked
    /// against the member's current password: "that is their current password" would let
    /// admins test guesses of other people's passwords. A generated one needs no check.
    pub fn check_new(&self, new: &SecretString) -> Result<()> {
        check_policy(new.expose_secret(), &self.email, self.min_len)
    }

    /// Sets the password, checking the target again under the write lock (it may have
    /// joined another organization since), ends the member's sessions and voids their
    /// reset tokens. `generated` is recorded in the audit detail (never the password).
    pub fn finish(self, ctx: &Ctx, new: &SecretString, generated: bool) -> Result<AdminChanged> {
        let new_hash = Hasher::new(self.params).hash(new)?;
        let mut store = ctx.open_store()?;
        store.write(|tx| {
            let now = ctx.now();
            let actor = ctx.actor(tx)?;
            let target = target(tx, &actor, &self.email)?;
            tx.set_password(target.id, &new_hash, false, now)?;
            let ended = tx.end_sessions_of(target.id, now)?;
            let voided = tx.void_tokens(target.id, &RESET_TOKEN_KINDS, now)?;
            audit_by(
                tx,
                &actor,
                now,
                Action::PasswordChange,
                &target.email,
                Outcome::Ok,
                format!(
                    "set by an administrator{}; no reset required; {ended} sessions ended; {voided} tokens voided",
                    if generated { " (generated)" } else { "" }
                ),
            )?;
            Ok(AdminChanged {
                target,
                sessions_ended: ended,
            })
        })
    }
}

/// The checks of R12 on the target of an admin password change, in the actor's organization.
fn target(tx: &Tx<'_>, actor: &Actor, email: &Email) -> Result<Account> {
    // Without platform.users here the answer is exit 5 before anyone is looked up.
    actor.require(Permission::Users, "changing passwords")?;
    // R12: with it, a target outside this organization is "not a member" (exit 6), as in
    // every other command that names a member: an account that exists only in another
    // organization must look exactly like one that does not exist, since whether it does
    // is not this organization's business. (The single-organization rule stays exit 5.)
    let not_member = || {
        Error::NotFound(format!(
            "{} is not a member of {}; an admin can change the password only of a member of their organization (see `usermgr users list`)",
            email.display(),
            actor.org.name
        ))
    };
    let account = tx.account_by_email(email.key())?.ok_or_else(not_member)?;
    let orgs = tx.memberships_of(account.id)?;
    if !orgs.iter().any(|m| m.org.id == actor.org.id) {
        return Err(not_member());
    }
    actor.require_power_over(tx, &account, "changing the password of")?;
    if orgs.len() != 1 {
        let names: Vec<&str> = orgs.iter().map(|m| m.org.name.as_str()).collect();
        return Err(Error::denied(format!(
            "cannot change the password of {email}: they belong to {n} organizations ({names}); \
             an admin can change a password only for users in a single organization.\n\
             Send them a reset email instead: usermgr send-instructions {email} --reset",
            email = account.display_email,
            n = orgs.len(),
            names = names.join(", ")
        )));
    }
    Ok(account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{World, ADMIN};

    const JO: &str = "jo@acme.test";

    fn denials(w: &World) -> String {
        w.ok(&[
            "audit",
            "--action",
            "password_change",
            "--outcome",
            "denied",
        ])
    }

    #[test]
    fn own_password_and_a_member_of_two_organizations_are_refused_and_audited() {
        let w = World::with_admin();
        w.ok(&["add-users", JO, "--no-password"]);
        let ctx = w.ctx();
        let err = begin(&ctx, ADMIN).unwrap_err();
        assert_eq!(err.exit_code(), 5);
        assert!(err.to_string().contains("usermgr passwd"), "{err}");
        assert!(denials(&w).contains("own password"));

        w.ok(&["orgs", "create", "Beta"]);
        w.ok(&["--org", "Beta", "add-users", JO, "--no-password"]);
        let err = begin(&ctx, JO).unwrap_err();
        assert_eq!(err.exit_code(), 5);
        assert!(err.to_string().contains("2 organizations"), "{err}");
        assert!(denials(&w).contains("2 organizations"));

        // Not a member here: the same "not a member" as an address nobody has (exit 6).
        let err = begin(&ctx, "nobody@acme.test").unwrap_err();
        assert_eq!(err.exit_code(), 6);
    }

    #[test]
    fn the_target_is_checked_again_when_the_password_is_set() {
        let w = World::with_admin();
        w.ok(&["add-users", JO, "--no-password"]);
        let ctx = w.ctx();
        let change = begin(&ctx, JO).unwrap();
        assert_eq!(change.email().key(), JO);
        let weak = SecretString::from("short".to_string());
        assert_eq!(change.check_new(&weak).unwrap_err().exit_code(), 3);
        // Jo joins a second organization while the admin types.
        w.ok(&["orgs", "create", "Beta"]);
        w.ok(&["--org", "Beta", "add-users", JO, "--no-password"]);
        let pw = SecretString::from("a-fine-new-password-1".to_string());
        let err = change.finish(&ctx, &pw, false).unwrap_err();
        assert_eq!(err.exit_code(), 5, "{err}");

        w.ok(&["--org", "Beta", "users", "remove", JO, "--yes"]);
        let done = begin(&ctx, JO).unwrap().finish(&ctx, &pw, true).unwrap();
        assert_eq!((done.target.email.as_str(), done.sessions_ended), (JO, 0));
        assert!(w
            .ok(&["audit", "--action", "password_change", "--outcome", "ok"])
            .contains("(generated)"));
    }
}
