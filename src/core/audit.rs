//! Audit events: every command that changes something, or refuses to, writes one; and the
//! one read of the log (`usermgr audit`).

use crate::ctx::{Actor, Ctx};
use crate::domain::permissions::Permission;
use crate::error::{Error, Result};
use crate::store::{AuditColumn, AuditEvent, AuditFilter, Collection, Tx};

/// The organization column of audit events that apply to the whole database.
pub const ALL_ORGS: &str = "*";

/// Declares a closed list of audit values: the enum, its text in the log, and the list of
/// all of them (which `audit --action` / `--outcome` accept).
macro_rules! audit_values {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order of the declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as the audit log stores it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }
    };
}

audit_values! {
    /// What an audit event records was done.
    Action {
        /// Acting as `usermgr add-users` on one account.
        AddUser => "add_user",
        /// `config set`.
        ConfigSet => "config_set",
        /// `fields create`.
        CreateField => "create_field",
        /// `groups create`.
        CreateGroup => "create_group",
        /// `orgs create`.
        CreateOrg => "create_org",
        /// `permission-sets create`.
        CreatePermissionSet => "create_permission_set",
        /// `sites create`.
        CreateSite => "create_site",
        /// `fields delete`.
        DeleteField => "delete_field",
        /// `groups delete`.
        DeleteGroup => "delete_group",
        /// `permission-sets delete`.
        DeletePermissionSet => "delete_permission_set",
        /// `sites delete`.
        DeleteSite => "delete_site",
        /// `users disable`.
        DisableUser => "disable_user",
        /// `users enable`.
        EnableUser => "enable_user",
        /// `init`.
        Init => "init",
        /// A login attempt, whatever its outcome.
        Login => "login",
        /// `logout`, or a session ended by the server.
        Logout => "logout",
        /// A password changed by its owner (`passwd`) or set by an admin (`reset EMAIL`).
        PasswordChange => "password_change",
        /// `users remove`.
        RemoveUser => "remove_user",
        /// A new password chosen in a reset window, or a token refused.
        Reset => "reset",
        /// A reset window opened by a reset-email token.
        ResetWindow => "reset_window",
        /// An instructions email delivered or failed.
        SendInstructions => "send_instructions",
        /// A reset email delivered or failed.
        SendReset => "send_reset",
        /// `config test-email` delivered or failed.
        SendTestEmail => "send_test_email",
        /// `users set-permission-set`.
        SetPermissionSet => "set_permission_set",
        /// `users unlock`.
        Unlock => "unlock",
        /// `users update` and `users update --from`.
        UpdateUser => "update_user",
    }
}

audit_values! {
    /// How what an audit event records ended.
    Outcome {
        /// Done.
        Ok => "ok",
        /// Wrong credentials, an unknown token, or an email not delivered.
        Failed => "failed",
        /// Refused: locked, disabled, expired, or not permitted.
        Denied => "denied",
        /// The right password of an account that must choose a new one: a window opened.
        ResetRequired => "reset_required",
        /// An `add-users` row that already existed (`--skip-existing`).
        Skipped => "skipped",
        /// An email delivered.
        Sent => "sent",
    }
}

impl Action {
    /// The creation of a group or site.
    pub fn create(c: Collection) -> Action {
        match c {
            Collection::Groups => Action::CreateGroup,
            Collection::Sites => Action::CreateSite,
        }
    }

    /// The deletion of a group or site.
    pub fn delete(c: Collection) -> Action {
        match c {
            Collection::Groups => Action::DeleteGroup,
            Collection::Sites => Action::DeleteSite,
        }
    }
}

/// Builds an audit event for the current time, outcome `ok` and no detail.
pub fn event(now: i64, actor: &str, org: &str, action: Action, target: &str) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: actor.to_string(),
        org: org.to_string(),
        action: action.as_str().to_string(),
        target: target.to_string(),
        outcome: Outcome::Ok.as_str().into(),
        detail: String::new(),
    }
}

/// Writes an audit event with an outcome and detail.
pub fn audit(
    tx: &Tx<'_>,
    mut e: AuditEvent,
    outcome: Outcome,
    detail: impl Into<String>,
) -> Result<()> {
    e.outcome = outcome.as_str().to_string();
    e.detail = detail.into();
    tx.audit(&e)
}

/// Writes an audit event of what `actor` did in their organization (the event's actor and
/// organization columns).
pub fn audit_by(
    tx: &Tx<'_>,
    actor: &Actor,
    now: i64,
    action: Action,
    target: &str,
    outcome: Outcome,
    detail: impl Into<String>,
) -> Result<()> {
    let e = event(now, &actor.account.email, &actor.org.name, action, target);
    audit(tx, e, outcome, detail)
}

/// What `usermgr audit` asks for, as typed; times already in ms.
#[derive(Debug, Default)]
pub struct AuditQuery<'a> {
    /// Events by or about this normalised email.
    pub user: Option<String>,
    /// `--action`, checked against [`Action::ALL`] and the actions already in the log.
    pub action: Option<&'a str>,
    /// `--outcome`, checked against [`Outcome::ALL`] and the outcomes already in the log.
    pub outcome: Option<&'a str>,
    /// At or after (ms).
    pub since: Option<i64>,
    /// Before (ms).
    pub until: Option<i64>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// Reads the audit log of the actor's organization (needs "Platform management: Users"):
/// the events, newest first, and how many matched in all.
pub fn read_log(ctx: &Ctx, q: &AuditQuery<'_>) -> Result<(Vec<AuditEvent>, u64)> {
    let mut store = ctx.open_store()?;
    store.read(|tx| {
        let actor = ctx.actor(tx)?;
        actor.require(Permission::Users, "reading the audit log")?;
        let builtin_actions: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        let builtin_outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
        let action = q
            .action
            .map(|a| {
                let in_log = tx.audit_values(AuditColumn::Action)?;
                known("--action", a, &builtin_actions, in_log)
            })
            .transpose()?;
        let outcome = q
            .outcome
            .map(|o| {
                let in_log = tx.audit_values(AuditColumn::Outcome)?;
                known("--outcome", o, &builtin_outcomes, in_log)
            })
            .transpose()?;
        let filter = AuditFilter {
            user: q.user.clone(),
            action,
            outcome,
            since: q.since,
            until: q.until,
            org: Some((actor.org.id, actor.org.name.clone())),
            limit: q.limit,
        };
        Ok((tx.audit_events(&filter)?, tx.audit_count(&filter)?))
    })
}

/// Checks a `--action` or `--outcome` value against the known ones and those in the log
/// (an older version may have written others), so a typo is an error instead of an empty
/// result.
fn known(flag: &str, value: &str, builtin: &[&str], in_log: Vec<String>) -> Result<String> {
    let mut all: Vec<String> = builtin.iter().map(|s| s.to_string()).collect();
    for v in in_log {
        if !all.contains(&v) {
            all.push(v);
        }
    }
    all.sort();
    let v = value.trim();
    if all.iter().any(|a| a == v) {
        return Ok(v.to_string());
    }
    Err(Error::invalid(format!(
        "{flag} {v:?} is not a known {}; use one of: {}",
        &flag[2..],
        all.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_distinct_and_snake_case() {
        let actions: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        let outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
        for list in [&actions, &outcomes] {
            let mut sorted = list.to_vec();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "a value appears twice: {list:?}");
            assert!(list
                .iter()
                .all(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        }
        assert_eq!(Action::create(Collection::Sites).as_str(), "create_site");
        assert_eq!(Action::delete(Collection::Groups).as_str(), "delete_group");
    }

    #[test]
    fn a_typo_names_the_known_values() {
        let err = known(
            "--action",
            "logn",
            &["login", "logout"],
            vec!["legacy".into()],
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("\"logn\""), "{err}");
        assert!(err.contains("legacy, login, logout"), "{err}");
        assert_eq!(
            known("--outcome", " ok ", &["ok"], vec![]).unwrap(),
            "ok".to_string()
        );
    }
}
