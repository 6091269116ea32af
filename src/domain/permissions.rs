//! The permission catalogue (SPEC §2) and the checks commands make against it.

use std::collections::BTreeSet;
use std::fmt;

use crate::error::{Denied, Error, Result};

/// One permission a permission set can grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// Add users, send instructions and reset emails, change passwords, unlock, remove.
    Users,
    /// Choose permission sets of members, manage permission sets.
    Permissions,
    /// Manage groups.
    Groups,
    /// Manage sites.
    Sites,
    /// Manage user field definitions.
    Fields,
}

impl Permission {
    /// Every permission, in display order.
    pub const ALL: [Permission; 5] = [
        Permission::Users,
        Permission::Permissions,
        Permission::Groups,
        Permission::Sites,
        Permission::Fields,
    ];

    /// The stable key stored and accepted on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Permission::Users => "platform.users",
            Permission::Permissions => "platform.permissions",
            Permission::Groups => "platform.groups",
            Permission::Sites => "platform.sites",
            Permission::Fields => "platform.fields",
        }
    }

    /// The label admins see.
    pub fn label(self) -> &'static str {
        match self {
            Permission::Users => "Platform management: Users",
            Permission::Permissions => "Platform management: Permissions",
            Permission::Groups => "Platform management: Groups",
            Permission::Sites => "Platform management: Sites",
            Permission::Fields => "Platform management: User fields",
        }
    }

    /// Parses a key such as `platform.users` (also accepts `users`).
    pub fn parse(s: &str) -> Result<Permission> {
        let t = s.trim().to_ascii_lowercase();
        let short = t.strip_prefix("platform.").unwrap_or(&t);
        Permission::ALL
            .into_iter()
            .find(|p| p.key().strip_prefix("platform.") == Some(short))
            .ok_or_else(|| {
                let valid: Vec<_> = Permission::ALL.iter().map(|p| p.key()).collect();
                Error::invalid(format!(
                    "unknown permission {s:?}; valid permissions: {}",
                    valid.join(", ")
                ))
            })
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The permissions an actor holds in one organization.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants(pub BTreeSet<Permission>);

impl Grants {
    /// Whether the permission is held.
    pub fn has(&self, p: Permission) -> bool {
        self.0.contains(&p)
    }

    /// The permissions `other` holds that these grants lack, in display order.
    pub fn lacking(&self, other: &Grants) -> Vec<Permission> {
        other.0.iter().copied().filter(|p| !self.has(*p)).collect()
    }

    /// Fails with exit 5, naming the missing permission, the organization and what it was for.
    pub fn require(&self, p: Permission, org: &str, doing: &str) -> Result<()> {
        if self.has(p) {
            Ok(())
        } else {
            Err(Error::PermissionDenied(Denied::Lacks {
                needed: p,
                org: org.to_string(),
                doing: doing.to_string(),
            }))
        }
    }
}

/// Name of the built-in set with every permission.
pub const ADMINISTRATOR: &str = "Administrator";
/// Name of the built-in default set with no permission.
pub const STANDARD: &str = "Standard";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_short_names() {
        assert_eq!(
            Permission::parse("platform.users").unwrap(),
            Permission::Users
        );
        assert_eq!(
            Permission::parse("Permissions").unwrap(),
            Permission::Permissions
        );
        assert!(Permission::parse("platform.root")
            .unwrap_err()
            .to_string()
            .contains("platform.fields"));
    }

    #[test]
    fn require_names_the_permission() {
        let g = Grants::default();
        let err = g
            .require(Permission::Users, "Acme", "adding users")
            .unwrap_err();
        assert_eq!(err.exit_code(), 5);
        assert!(err.to_string().contains("Platform management: Users"));
        let g = Grants(Permission::ALL.into_iter().collect());
        assert!(g.require(Permission::Users, "Acme", "adding users").is_ok());
    }

    #[test]
    fn lacking_lists_what_the_other_holds_beyond_these() {
        let users = Grants([Permission::Users].into_iter().collect());
        let all = Grants(Permission::ALL.into_iter().collect());
        assert_eq!(users.lacking(&all), Permission::ALL[1..].to_vec());
        assert!(all.lacking(&users).is_empty());
        assert!(users.lacking(&Grants::default()).is_empty());
    }
}
