//! Email addresses: parsing, validation and the normalised key accounts are found by.

use std::fmt;

use unicode_security::MixedScript;

use crate::error::{Error, Result};

/// A validated email address: `key` is the trimmed lowercase form accounts are compared by,
/// `display` keeps the case the admin typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    key: String,
    display: String,
}

impl Email {
    /// Parses and validates an address, naming what is wrong when it is not one.
    pub fn parse(input: &str) -> Result<Email> {
        let display = input.trim();
        let bad = |why: &str| {
            Error::invalid(format!(
                "{:?} is not a valid email address: {why}",
                shorten(input)
            ))
        };
        if display.is_empty() {
            return Err(bad("it is empty"));
        }
        if display.len() > 254 {
            return Err(bad("it is longer than 254 characters"));
        }
        if display.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(bad("it contains spaces or control characters"));
        }
        let Some((local, domain)) = display.rsplit_once('@') else {
            return Err(bad("it has no @"));
        };
        if local.is_empty() {
            return Err(bad("nothing before the @"));
        }
        if local.len() > 64 {
            return Err(bad("the part before the @ is longer than 64 characters"));
        }
        if domain.is_empty() {
            return Err(bad("nothing after the @"));
        }
        const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
        if !local
            .chars()
            .all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.contains(c))
        {
            return Err(bad(
                "the part before the @ has a character that is not allowed",
            ));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(bad("the part before the @ has a misplaced dot"));
        }
        if !domain.contains('.') {
            return Err(bad("the domain has no dot"));
        }
        for label in domain.split('.') {
            if label.is_empty() || label.len() > 63 {
                return Err(bad("the domain has an empty or overlong part"));
            }
            if !label.chars().all(|c| c.is_alphanumeric() || c == '-')
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return Err(bad("the domain has a character that is not allowed"));
            }
            // R30: a label like `tеst` with a Cyrillic `е` is made to be mistaken for another.
            if !label.is_single_script() {
                return Err(bad(&format!(
                    "the domain part {:?} mixes scripts (e.g. Latin and Cyrillic letters that look alike); type it in one script",
                    shorten(label)
                )));
            }
        }
        let key = display.to_lowercase();
        if !lettre_accepts(&key, display) {
            return Err(bad(
                "it is not an address email can be sent to (in lowercase it breaks a length limit); use a shorter address",
            ));
        }
        Ok(Email {
            key,
            display: display.to_string(),
        })
    }

    /// The normalised (trimmed, lowercase) form, unique per account.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The form the admin typed, trimmed.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The part before the @, lowercase.
    pub fn local_part(&self) -> &str {
        self.key
            .rsplit_once('@')
            .map(|(l, _)| l)
            .unwrap_or(&self.key)
    }
}

/// The confusable skeleton (Unicode TS #39) of a normalised address: two addresses with the
/// same skeleton look alike on screen (`аdmin@acme.test` with a Cyrillic `а`, `admin@acme.test`),
/// so only one of them may be an account (R30). Lowercased again, since the skeleton of a
/// lowercase letter may be an uppercase prototype.
pub fn skeleton(key: &str) -> String {
    // Plain ASCII, nearly every address, maps character by character through a table: a
    // batch of 100,000 addresses spent a sixth of its time in the general path.
    let table = ascii_skeletons();
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        match table.get(usize::from(b)).copied().flatten() {
            Some(s) => out.push_str(s),
            None => return general_skeleton(key),
        }
    }
    out
}

fn general_skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in unicode_security::skeleton(key) {
        out.extend(c.to_lowercase());
    }
    out
}

/// The skeleton of each ASCII character whose skeleton is ASCII too (a few punctuation
/// marks have others). For a string of only those, the skeleton is theirs end to end:
/// decomposition leaves ASCII as it is, and prototypes are mapped one character at a time.
fn ascii_skeletons() -> &'static [Option<&'static str>; 128] {
    static TABLE: std::sync::OnceLock<[Option<&'static str>; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [None; 128];
        for (b, slot) in (0u8..128).zip(table.iter_mut()) {
            let s = general_skeleton(&char::from(b).to_string());
            if s.is_ascii() {
                *slot = Some(&*Box::leak(s.into_boxed_str()));
            }
        }
        table
    })
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

/// Whether lettre, which builds and sends every email, parses both forms of an address that
/// passed the checks above, so a batch that validates never fails inside its write. The
/// forms can differ in length: the lowercase key of `Ⱥ` or `İ` takes more bytes than what
/// was typed, and lettre counts the bytes of the form it is given.
fn lettre_accepts(key: &str, display: &str) -> bool {
    [key, display]
        .iter()
        .all(|form| form.parse::<lettre::Address>().is_ok())
}

/// Cuts a long value so error messages stay readable.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        let e = Email::parse("  Jo.Park@Acme.Test ").unwrap();
        assert_eq!(e.key(), "jo.park@acme.test");
        assert_eq!(e.display(), "Jo.Park@Acme.Test");
        assert_eq!(e.local_part(), "jo.park");
    }

    #[test]
    fn rejects_bad_addresses() {
        for bad in [
            "",
            "jo",
            "jo@",
            "@acme.test",
            "jo@acme",
            "jo park@acme.test",
            "jo@acme..test",
            "jo\r\n@acme.test",
            "jo@-acme.test",
            ".jo@acme.test",
            "a\u{0}b@acme.test",
            // 64 bytes as typed, 96 in lowercase: longer than a local part may be.
            &format!("{}@acme.test", "Ⱥ".repeat(32)),
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn the_ascii_table_gives_the_general_skeleton() {
        for c in "abcdefghijklmnopqrstuvwxyz0123456789.@-_+".bytes() {
            assert!(
                ascii_skeletons()[usize::from(c)].is_some(),
                "{}",
                char::from(c)
            );
        }
        // Every pair of ASCII characters, so a prototype that depends on its neighbour
        // (decomposition, case) would show.
        for a in 0u8..128 {
            for b in 0u8..128 {
                let s = format!("{}{}", char::from(a), char::from(b));
                assert_eq!(skeleton(&s), general_skeleton(&s), "{s:?}");
            }
        }
        for s in ["admin@acme.test", "rn1l0O|I@x.y", "m@acrne.test"] {
            assert_eq!(skeleton(s), general_skeleton(s), "{s}");
        }
    }

    #[test]
    fn look_alike_addresses_share_a_skeleton() {
        let real = skeleton("admin@acme.test");
        assert_eq!(skeleton("\u{0430}dmin@acme.test"), real, "Cyrillic a");
        assert_eq!(skeleton("admin@acrne.test"), real, "rn for m");
        assert_ne!(skeleton("admins@acme.test"), real);
        assert_eq!(
            skeleton(&skeleton("jo@acme.test")),
            skeleton("jo@acme.test")
        );
    }

    #[test]
    fn a_domain_label_mixing_scripts_is_invalid() {
        let err = Email::parse("admin@acme.t\u{0435}st").unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(err.to_string().contains("mixes scripts"), "{err}");
        assert!(
            Email::parse("jo@\u{0440}\u{0444}.test").is_ok(),
            "one script per label"
        );
        assert!(
            Email::parse("jo@b\u{00fc}cher.test").is_ok(),
            "Latin with accents"
        );
    }

    #[test]
    fn error_names_the_value() {
        let err = Email::parse("jo.park@").unwrap_err().to_string();
        assert!(
            err.contains("\"jo.park@\" is not a valid email address"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn normalisation_is_idempotent_and_case_insensitive(
            local in "[a-zA-Z0-9][a-zA-Z0-9._+-]{0,20}[a-zA-Z0-9]",
            domain in "[a-zA-Z0-9]{1,10}\\.[a-zA-Z]{2,6}",
            pad in " {0,3}",
        ) {
            let raw = format!("{pad}{local}@{domain}{pad}");
            if let Ok(e) = Email::parse(&raw) {
                let again = Email::parse(e.key()).unwrap();
                proptest::prop_assert_eq!(again.key(), e.key());
                let upper = Email::parse(&raw.to_uppercase()).unwrap();
                proptest::prop_assert_eq!(upper.key(), e.key());
                proptest::prop_assert_eq!(e.key(), e.key().trim());
            }
        }

        // Characters whose lowercase form is longer (İ, Ⱥ, Ⱦ) are frequent on purpose: the
        // stored key is lowercase, and lettre measures what it is given.
        #[test]
        fn whatever_parse_accepts_lettre_accepts(
            local in proptest::collection::vec(
                proptest::prop_oneof!["[a-zA-Z0-9._+'-]", "[İȺȾ\\p{L}\\p{N}]"],
                1..64,
            ),
            labels in proptest::collection::vec(
                proptest::collection::vec(proptest::prop_oneof!["[a-z0-9-]", "[İȺȾ\\p{L}]"], 1..40),
                2..4,
            ),
        ) {
            let label = |chars: &Vec<String>| chars.concat();
            let domain: Vec<String> = labels.iter().map(label).collect();
            let raw = format!("{}@{}", local.concat(), domain.join("."));
            if let Ok(e) = Email::parse(&raw) {
                for form in [e.key(), e.display()] {
                    proptest::prop_assert!(
                        form.parse::<lettre::Address>().is_ok(),
                        "lettre refuses {:?}", form
                    );
                }
            }
        }

        #[test]
        fn parse_never_panics_and_accepts_no_control_characters(s in "\\PC*|.*[\\r\\n\\t\\x00].*") {
            if let Ok(e) = Email::parse(&s) {
                proptest::prop_assert!(!e.key().chars().any(char::is_control));
                proptest::prop_assert!(e.key().contains('@'));
                proptest::prop_assert!(e.key().len() <= 254);
            }
        }
    }
}
