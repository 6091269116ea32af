//! Rules with no I/O: they never print, read the clock or the environment.

pub mod clock;
pub mod duration;
pub mod email;
pub mod fields;
pub mod password;
pub mod permissions;
pub mod reset;
pub mod settings;
pub mod token;

/// Checks a display name: one line, no control characters, at most 200 characters.
pub fn validate_name(name: &str) -> crate::error::Result<String> {
    let n = name.trim();
    if n.chars().any(char::is_control) {
        return Err(crate::error::Error::invalid(format!(
            "name {:?} contains a control character (such as a line break)",
            email::shorten(n)
        )));
    }
    if n.chars().count() > 200 {
        return Err(crate::error::Error::invalid(format!(
            "name {:?} is longer than 200 characters",
            email::shorten(n)
        )));
    }
    Ok(n.to_string())
}

/// Organization names the audit log uses as placeholders (`-` unknown, `*` every
/// organization): an organization so named would be mistaken for them (R33).
pub const RESERVED_ORG_NAMES: &[&str] = &["-", "*"];

/// Checks an organization name (R33): trimmed, 1 to 100 printable characters, not a
/// reserved placeholder. Returns the trimmed name.
pub fn validate_org_name(name: &str) -> crate::error::Result<String> {
    use crate::error::Error;
    let n = name.trim();
    if n.is_empty() {
        return Err(Error::invalid(
            "the organization name is empty; pass a name of 1 to 100 characters",
        ));
    }
    if n.chars().count() > 100 {
        return Err(Error::invalid(format!(
            "the organization name {:?} is longer than 100 characters; shorten it",
            email::shorten(n)
        )));
    }
    if n.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(Error::invalid(format!(
            "the organization name {:?} contains a control character (such as a line break) or an invisible one; use printable characters only",
            email::shorten(n)
        )));
    }
    if RESERVED_ORG_NAMES.contains(&n) {
        return Err(Error::invalid(format!(
            "the organization name {n:?} is reserved (the audit log uses \"-\" and \"*\" for no organization and every organization); choose another name"
        )));
    }
    Ok(n.to_string())
}

/// Format characters that take no space on screen (zero-width spaces and joiners, direction
/// marks and overrides, the byte-order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names_are_trimmed_printable_bounded_and_not_reserved() {
        assert_eq!(validate_org_name("  Acme ").unwrap(), "Acme");
        for bad in ["", "  ", "-", " * ", "a\u{200b}b", "a\nb", &"x".repeat(101)] {
            let err = validate_org_name(bad).unwrap_err();
            assert_eq!(err.exit_code(), 3, "{bad:?}");
        }
        assert!(validate_org_name(&"x".repeat(100)).is_ok());
        assert!(validate_org_name("--").is_ok());
    }
}
