//! Refusals (exit 5) as data: what was refused, and the permission that would lift it.

use std::fmt;

use crate::domain::permissions::Permission;

/// Why an actor may not do something (exit 5): built where a rule is checked, its message
/// written here, in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// `doing` needs `needed` in `org`, which the actor's permission set lacks.
    Lacks {
        /// The permission that is missing.
        needed: Permission,
        /// Where.
        org: String,
        /// What was being done, e.g. "adding users".
        doing: String,
    },
    /// Changing a member's `what` needs `specific` or "Platform management: Users".
    LacksEither {
        /// The permission of that part of a membership.
        specific: Permission,
        /// Where.
        org: String,
        /// The part, e.g. "groups".
        what: String,
    },
    /// `doing` hands out, or acts on a holder of, `permission`, which the actor lacks.
    Exceeds {
        /// The permission the actor lacks.
        permission: Permission,
        /// Where.
        org: String,
        /// What was being done.
        doing: String,
    },
    /// The target holds permissions the actor lacks where they share organizations (R23).
    Stronger {
        /// What was being done, e.g. "changing the password of".
        doing: String,
        /// The target's address.
        target: String,
        /// Each shared organization with the permissions the actor lacks there.
        stronger: Vec<String>,
    },
    /// The change is account-wide, and the account also belongs to organizations where the
    /// actor lacks "Platform management: Users" (R23).
    Beyond {
        /// What was being done.
        doing: String,
        /// The target's address.
        target: String,
        /// The organizations out of the actor's reach.
        orgs: Vec<String>,
    },
    /// `doing` needs every permission (the Administrator set) in `org`.
    NotAdministrator {
        /// What was being done.
        doing: String,
        /// Where.
        org: String,
    },
    /// `doing` applies to the whole database: only administrators of `org`, the
    /// organization `init` created, may do it.
    NotOwner {
        /// What was being done.
        doing: String,
        /// The first organization.
        org: String,
    },
    /// Any other refusal, in words.
    Other(String),
}

impl Denied {
    /// The permission that, granted, would lift the refusal, when one would: scripts read
    /// it from the JSON error as `needed`.
    pub fn needed(&self) -> Option<Permission> {
        match self {
            Denied::Lacks { needed, .. } => Some(*needed),
            Denied::Exceeds { permission, .. } => Some(*permission),
            Denied::Beyond { .. } => Some(Permission::Users),
            _ => None,
        }
    }
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let named = |p: &Permission| format!("\"{}\" ({})", p.label(), p.key());
        match self {
            Denied::Lacks { needed, org, doing } => write!(
                f,
                "permission denied: {doing} needs {} in {org}; ask an administrator of {org} to grant it",
                named(needed)
            ),
            Denied::LacksEither { specific, org, what } => write!(
                f,
                "permission denied: changing a member's {what} needs {} or {} in {org}; ask an administrator of {org} to grant it",
                named(specific),
                named(&Permission::Users)
            ),
            Denied::Exceeds {
                permission,
                org,
                doing,
            } => write!(
                f,
                "permission denied: {doing} involves {}, which you do not have in {org}",
                named(permission)
            ),
            Denied::Stronger {
                doing,
                target,
                stronger,
            } => write!(
                f,
                "permission denied: {doing} {target} is not allowed: they hold {}, which you do not have there; nobody may act on a member with more permissions than their own, so ask an administrator who holds them",
                stronger.join("; ")
            ),
            Denied::Beyond { doing, target, orgs } => write!(
                f,
                "permission denied: {doing} {target} changes the whole account, which also belongs to {orgs}, where you do not have {}; ask an administrator of {orgs} to do it",
                named(&Permission::Users),
                orgs = orgs.join(", ")
            ),
            Denied::NotAdministrator { doing, org } => write!(
                f,
                "permission denied: {doing} needs every permission (the Administrator permission set) in {org}"
            ),
            Denied::NotOwner { doing, org } => write!(
                f,
                "permission denied: {doing} applies to the whole database and needs the Administrator permission set in {org}, the organization created by `usermgr init`"
            ),
            Denied::Other(message) => f.write_str(message),
        }
    }
}
