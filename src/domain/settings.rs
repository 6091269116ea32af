//! Settings stored in the database (SPEC §4), their defaults and validation.

use crate::domain::duration::{format_duration, parse_duration};
use crate::error::{Error, Result};

/// What kind of value a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Seconds, written as a duration.
    Duration,
    /// A positive whole number within bounds.
    Number {
        /// Smallest accepted.
        min: u64,
        /// Largest accepted.
        max: u64,
    },
    /// Free text, validated by its user.
    Text,
    /// An http(s) URL without query or fragment, or empty for "not set".
    Url,
}

/// One known setting: its entry in the catalogue (the core names settings with an enum).
#[derive(Debug, Clone, Copy)]
pub struct SettingDef {
    /// The key used with `config get/set`.
    pub key: &'static str,
    /// The default, in canonical stored form.
    pub default: &'static str,
    /// How values are checked.
    pub kind: Kind,
    /// One line for `config list`.
    pub help: &'static str,
}

/// Every setting.
pub const SETTINGS: &[SettingDef] = &[
    SettingDef {
        key: "reset_window",
        default: "300",
        kind: Kind::Duration,
        help: "time to set a new password after logging in with an admin-set one",
    },
    SettingDef {
        key: "reset_email_ttl",
        default: "86400",
        kind: Kind::Duration,
        help: "validity of a reset-email token",
    },
    SettingDef {
        key: "set_password_ttl",
        default: "259200",
        kind: Kind::Duration,
        help: "validity of a set-password token",
    },
    SettingDef {
        key: "session_ttl",
        default: "43200",
        kind: Kind::Duration,
        help: "validity of a login session",
    },
    SettingDef {
        key: "temp_password_ttl",
        default: "604800",
        kind: Kind::Duration,
        help: "how long an unused admin-set password with a required reset stays valid",
    },
    SettingDef {
        key: "min_password_length",
        default: "8",
        kind: Kind::Number { min: 8, max: 256 },
        help: "shortest password accepted",
    },
    SettingDef {
        key: "lockout_threshold",
        default: "5",
        kind: Kind::Number { min: 1, max: 1000 },
        help: "consecutive failed logins before a lockout",
    },
    SettingDef {
        key: "lockout_duration",
        default: "900",
        kind: Kind::Duration,
        help: "how long a lockout lasts",
    },
    SettingDef {
        key: "argon2.m_cost",
        default: "19456",
        kind: Kind::Number {
            min: 8,
            max: 1_048_576,
        },
        help: "argon2id memory in KiB",
    },
    SettingDef {
        key: "argon2.t_cost",
        default: "2",
        kind: Kind::Number { min: 1, max: 100 },
        help: "argon2id iterations",
    },
    SettingDef {
        key: "argon2.p_cost",
        default: "1",
        kind: Kind::Number { min: 1, max: 16 },
        help: "argon2id lanes",
    },
    SettingDef {
        key: "email.transport",
        default: "file:outbox",
        kind: Kind::Text,
        help: "file:DIR, smtp://[user@]host[:port]?tls=none|starttls|tls, or sendmail",
    },
    SettingDef {
        key: "email.from",
        default: "usermgr@localhost",
        kind: Kind::Text,
        help: "sender address of emails",
    },
    SettingDef {
        key: "public_url",
        default: "",
        kind: Kind::Url,
        help: "address of the self-service pages (usermgr serve); emails then carry a reset link",
    },
];

/// Finds a setting by key, or says which keys exist.
pub fn find(key: &str) -> Result<&'static SettingDef> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| {
        let keys: Vec<_> = SETTINGS.iter().map(|s| s.key).collect();
        Error::NotFound(format!(
            "unknown setting {key:?}; settings: {}",
            keys.join(", ")
        ))
    })
}

impl SettingDef {
    /// Checks a value typed by an admin and returns its canonical stored form.
    pub fn normalise(&self, value: &str) -> Result<String> {
        match self.kind {
            Kind::Duration => {
                let secs = parse_duration(value)?;
                if secs == 0 {
                    return Err(Error::invalid(format!(
                        "{} must be longer than 0 seconds",
                        self.key
                    )));
                }
                Ok(secs.to_string())
            }
            Kind::Number { min, max } => {
                let n: u64 = value.trim().parse().map_err(|_| {
                    Error::invalid(format!(
                        "{} takes a whole number from {min} to {max}, not {value:?}",
                        self.key
                    ))
                })?;
                if n < min || n > max {
                    return Err(Error::invalid(format!(
                        "{} takes a whole number from {min} to {max}, not {n}",
                        self.key
                    )));
                }
                Ok(n.to_string())
            }
            Kind::Text => {
                if value.chars().any(char::is_control) {
                    return Err(Error::invalid(format!(
                        "{} cannot contain control characters",
                        self.key
                    )));
                }
                Ok(value.trim().to_string())
            }
            Kind::Url => parse_public_url(self.key, value),
        }
    }

    /// The value as shown to humans (durations with a unit).
    pub fn display(&self, stored: &str) -> String {
        match (self.kind, stored.parse::<u64>()) {
            (Kind::Duration, Ok(s)) => format_duration(s),
            (Kind::Url, _) if stored.is_empty() => "(not set)".to_string(),
            _ => stored.to_string(),
        }
    }
}

/// Checks a URL setting: empty (not set), or `http://` / `https://` with a host, no query,
/// fragment, spaces or control characters; stored without a trailing `/`, since paths such
/// as `/reset?token=…` are added to it.
fn parse_public_url(key: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    let bad = |why: &str| {
        Error::invalid(format!(
            "{key} {v:?} {why}; give the address of the self-service pages, e.g. https://id.example.com, or \"\" to unset it"
        ))
    };
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .ok_or_else(|| bad("is not an http:// or https:// URL"))?;
    if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad("contains spaces or control characters"));
    }
    if v.contains('?') || v.contains('#') {
        return Err(bad(
            "has a query or fragment (`?` or `#`), which emails cannot add a path to",
        ));
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(bad("has no host (or has user info before it)"));
    }
    Ok(v.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        for s in SETTINGS {
            assert_eq!(s.normalise(s.default).unwrap(), s.default, "{}", s.key);
        }
    }

    #[test]
    fn durations_normalise_to_seconds() {
        assert_eq!(find("reset_window").unwrap().normalise("2s").unwrap(), "2");
        assert_eq!(
            find("reset_window").unwrap().normalise("5m").unwrap(),
            "300"
        );
        assert!(find("reset_window").unwrap().normalise("0").is_err());
        assert!(find("min_password_length").unwrap().normalise("3").is_err());
        assert_eq!(find("nope").unwrap_err().exit_code(), 6);
    }

    #[test]
    fn public_url_is_an_http_url_without_query_or_fragment() {
        let s = find("public_url").unwrap();
        assert_eq!(
            s.normalise("https://id.acme.test/").unwrap(),
            "https://id.acme.test"
        );
        assert_eq!(
            s.normalise("http://localhost:8080/usermgr").unwrap(),
            "http://localhost:8080/usermgr"
        );
        assert_eq!(s.normalise(" ").unwrap(), "");
        for bad in [
            "id.acme.test",
            "ftp://id.acme.test",
            "https://",
            "https://id.acme.test/?a=1",
            "https://id.acme.test/#top",
            "https://id.acme.test/a b",
            "https://me@id.acme.test",
            "javascript:alert(1)",
        ] {
            assert_eq!(s.normalise(bad).unwrap_err().exit_code(), 3, "{bad}");
        }
        assert_eq!(s.display(""), "(not set)");
    }
}
