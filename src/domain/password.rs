//! Passwords: the policy every chosen password meets (R10), generation, and the argon2id
//! parameters (R18). Hashing itself, with its platform memory buffer, is [`crate::hasher`].

use argon2::{Algorithm, Argon2, Params, Version};
use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::domain::email::Email;
use crate::error::{Error, Result};

/// The hasher, where callers have always found it; it lives in [`crate::hasher`].
pub use crate::hasher::Hasher;

/// The longest password accepted.
pub const MAX_LEN: usize = 256;
/// Length of generated passwords.
pub const GENERATED_LEN: usize = 24;

const COMMON: &str = include_str!("common-passwords.txt");

/// Whether a password is on the bundled list of common passwords (case-insensitive).
pub fn is_common(pw: &str) -> bool {
    let lower = Zeroizing::new(pw.to_lowercase());
    COMMON
        .lines()
        .any(|l| l.trim().eq_ignore_ascii_case(&lower))
}

/// Checks R10 for a password chosen for `email`; the error explains the rule and never
/// repeats the password.
pub fn check_policy(pw: &str, email: &Email, min_len: usize) -> Result<()> {
    let n = pw.chars().count();
    if n < min_len {
        return Err(Error::invalid(format!(
            "the password is too short: {n} characters, at least {min_len} are required"
        )));
    }
    if n > MAX_LEN {
        return Err(Error::invalid(format!(
            "the password is too long: {n} characters, at most {MAX_LEN} are allowed"
        )));
    }
    if pw.chars().all(char::is_whitespace) {
        return Err(Error::invalid(
            "the password is only spaces; use letters, digits or symbols too",
        ));
    }
    if pw.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(
            "the password contains a control character (such as a tab or newline)",
        ));
    }
    if is_common(pw) {
        return Err(Error::invalid(
            "the password is on the list of commonly used passwords; choose a less guessable one",
        ));
    }
    let lower = Zeroizing::new(pw.to_lowercase());
    if lower.as_str() == email.key() || lower.as_str() == email.local_part() {
        return Err(Error::invalid(
            "the password must not be the email address or the part before the @",
        ));
    }
    Ok(())
}

/// The rules of [`check_policy`] in one sentence, said before a person chooses a password
/// (`and_current`: a reset, where the current password is refused too).
pub fn policy_summary(min_len: usize, and_current: bool) -> String {
    format!(
        "The new password needs {min_len} to {MAX_LEN} characters (not only spaces) and must not be a commonly used password, your email address or the part before the @{}.",
        if and_current {
            ", or your current password"
        } else {
            ""
        }
    )
}

/// A fresh random password of [`GENERATED_LEN`] characters from the OS CSPRNG.
pub fn generate() -> SecretString {
    SecretString::from(Alphanumeric.sample_string(&mut OsRng, GENERATED_LEN))
}

/// argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    /// Memory in KiB.
    pub m_cost: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Default for HashParams {
    fn default() -> Self {
        HashParams {
            m_cost: 19_456,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

impl HashParams {
    /// Checks that argon2 accepts these parameters together (e.g. m ≥ 8·p).
    pub fn validate(&self) -> Result<()> {
        self.argon2().map(|_| ())
    }

    /// The argon2id instance for these parameters.
    pub(crate) fn argon2(&self) -> Result<Argon2<'static>> {
        let params = Params::new(self.m_cost, self.t_cost, self.p_cost, Some(32))
            .map_err(|e| Error::invalid(format!("invalid argon2 parameters: {e}")))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_password_of_only_whitespace_is_refused() {
        let email = Email::parse("jo@acme.test").unwrap();
        for pw in [
            "        ",
            "\u{a0}\u{2003}        ",
            "\u{3000}".repeat(9).as_str(),
        ] {
            let e = check_policy(pw, &email, 8).unwrap_err();
            assert_eq!(e.exit_code(), 3);
            assert!(e.to_string().contains("only spaces"), "{e}");
        }
        // Spaces inside a password are fine.
        check_policy("correct horse battery", &email, 8).unwrap();
    }

    #[test]
    fn policy_rules() {
        let email = Email::parse("jo.park@acme.test").unwrap();
        assert!(check_policy("a-good-long-one", &email, 8).is_ok());
        let short = check_policy("abc", &email, 8).unwrap_err().to_string();
        assert!(
            short.contains("too short") && !short.contains("abc"),
            "{short}"
        );
        assert!(check_policy(&"x".repeat(257), &email, 8)
            .unwrap_err()
            .to_string()
            .contains("too long"));
        assert!(check_policy("Password1", &email, 8)
            .unwrap_err()
            .to_string()
            .contains("common"));
        assert!(check_policy("JO.PARK@acme.test", &email, 8)
            .unwrap_err()
            .to_string()
            .contains("email"));
        assert!(check_policy("jo.park1", &email, 8).is_ok());
        let local = Email::parse("jonathan.park@acme.test").unwrap();
        assert!(check_policy("jonathan.park", &local, 8).is_err());
        assert!(check_policy("tab\there!", &email, 8).is_err());
    }

    #[test]
    fn generated_passwords_are_long_and_distinct() {
        let a = generate();
        let b = generate();
        assert!(a.expose_secret().len() >= 20);
        assert_ne!(a.expose_secret(), b.expose_secret());
    }
}
