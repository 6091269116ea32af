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
