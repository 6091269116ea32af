//! The emails themselves, built without I/O: their words, header safety, and the lettre
//! [`Message`].

use std::time::{Duration, UNIX_EPOCH};

use lettre::message::{Mailbox, SinglePart};
use lettre::Message;

use crate::domain::clock::human;
use crate::domain::duration::describe_duration;
use crate::domain::email::shorten;
use crate::error::{Error, Result};

/// An admin's custom message: plain text, put in the email body as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomMessage(String);

impl CustomMessage {
    /// The longest message accepted, in characters.
    pub const MAX_CHARS: usize = 10_000;

    /// Checks a message given with `flag`: line breaks (normalised to `\n`) and tabs are
    /// body text, any other control character is refused, as is an overlong message.
    /// Blank text means no message.
    pub fn parse(text: &str, flag: &str) -> Result<Option<CustomMessage>> {
        let text = text.replace("\r\n", "\n");
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            return Err(Error::invalid(format!(
                "{flag}: the message contains the control character {:?}; only line breaks and tabs are allowed",
                c
            )));
        }
        let n = text.chars().count();
        if n > Self::MAX_CHARS {
            return Err(Error::invalid(format!(
                "{flag}: the message has {n} characters, more than the {} allowed; shorten it",
                Self::MAX_CHARS
            )));
        }
        let trimmed = text.trim_end();
        if trimmed.trim().is_empty() {
            return Ok(None);
        }
        Ok(Some(CustomMessage(trimmed.to_string())))
    }

    /// The text, as the admin wrote it (line endings normalised).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an instructions email tells the user about their password.
#[derive(Debug, Clone, Copy)]
pub enum Access<'a> {
    /// No password yet: a set-password token.
    SetPassword {
        /// The token, shown once, in the email only.
        token: &'a str,
        /// When it stops working (ms).
        expires_at: i64,
    },
    /// An admin-set password that must be replaced at first login, within the window.
    ResetRequired {
        /// The reset window, in seconds.
        window_secs: u64,
    },
    /// The user already has a password of their own.
    Password,
}

/// Everything an instructions email says.
#[derive(Debug, Clone, Copy)]
pub struct Instructions<'a> {
    /// Organization name.
    pub org: &'a str,
    /// The user's full name, may be empty.
    pub name: &'a str,
    /// The user's email address, used to log in.
    pub email: &'a str,
    /// The admin's custom message.
    pub message: Option<&'a CustomMessage>,
    /// What to do about the password.
    pub access: Access<'a>,
}

/// Everything a reset email says.
#[derive(Debug, Clone, Copy)]
pub struct ResetLetter<'a> {
    /// Organization name.
    pub org: &'a str,
    /// The user's full name, may be empty.
    pub name: &'a str,
    /// The reset-email token, shown once, in the email only.
    pub token: &'a str,
    /// When the token stops working (ms).
    pub expires_at: i64,
    /// The reset window the token opens, in seconds.
    pub window_secs: u64,
    /// The admin's custom message.
    pub message: Option<&'a CustomMessage>,
}

/// Subject of an instructions email.
pub fn instructions_subject(org: &str) -> String {
    format!("Your {org} account")
}

/// Subject of a reset email.
pub fn reset_subject(org: &str) -> String {
    format!("Reset your {org} password")
}

fn greeting(name: &str) -> String {
    if name.trim().is_empty() {
        "Hello,".into()
    } else {
        format!("Hello {},", name.trim())
    }
}

fn push_message(body: &mut String, message: Option<&CustomMessage>) {
    if let Some(m) = message {
        body.push_str("A message from your administrator:\n\n");
        body.push_str(m.as_str());
        body.push_str("\n\n");
    }
}

/// The body of an instructions email (R14). It never contains a password.
pub fn instructions_body(i: &Instructions<'_>) -> String {
    let mut b = format!(
        "{}\n\nYou have an account in {} on usermgr; your login is {}.\n\n",
        greeting(i.name),
        i.org,
        i.email
    );
    push_message(&mut b, i.message);
    let login = format!("    usermgr login {}\n", i.email);
    match i.access {
        Access::SetPassword { token, expires_at } => {
            b.push_str(&format!(
                "Choose your password before {} with this one-time token:\n\n    {token}\n\n{}\
                 The token works once. Then log in with:\n\n{login}",
                human(expires_at),
                how_to_redeem()
            ));
        }
        Access::ResetRequired { window_secs } => {
            b.push_str(&format!(
                "Your administrator will give you a first password separately; this email never contains one.\n\
                 Log in with it:\n\n{login}\n\
                 The first login will ask you to choose a new password, which you must set within {} \
                 of logging in. If the time runs out, log in again to get a new window.\n",
                describe_duration(window_secs)
            ));
        }
        Access::Password => {
            b.push_str(&format!("Log in with your password:\n\n{login}"));
        }
    }
    b
}

/// The body of a reset email (R13): the command to run and until when it works.
pub fn reset_body(r: &ResetLetter<'_>) -> String {
    let mut b = format!(
        "{}\n\nAn administrator of {} has sent you a link to choose a new usermgr password.\n\n",
        greeting(r.name),
        r.org
    );
    push_message(&mut b, r.message);
    b.push_str(&format!(
        "Use this one-time token before {}:\n\n    {}\n\n{}\
         It works once and gives you {} to set the new password. If you did not expect this \
         email, ignore it: your current password keeps working.\n",
        human(r.expires_at),
        r.token,
        how_to_redeem(),
        describe_duration(r.window_secs)
    ));
    b
}

/// How to use an emailed token without putting it on a command line, where other local
/// users could read it (R24).
fn how_to_redeem() -> &'static str {
    "Run this command and paste the token when it asks for it:\n\n    usermgr reset\n\n\
     In a script, pass it on standard input (the new password on the next line):\n\n    \
     printf '%s\\n%s\\n' \"$TOKEN\" \"$NEW_PASSWORD\" | usermgr reset --token-stdin --password-stdin\n\n"
}

/// Refuses a value bound for a header when it holds a line break or another control
/// character: such a value could add headers (header injection).
pub fn header_safe(what: &str, value: &str) -> Result<()> {
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "{what} {:?} contains a line break or control character, which cannot go into an email header; nothing was sent",
            shorten(value)
        )));
    }
    Ok(())
}

/// The sender from `email.from`: an address, optionally with a name (`Acme <it@acme.test>`).
pub fn sender(value: &str) -> Result<Mailbox> {
    let fix = "fix it with `usermgr config set email.from ADDRESS`";
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "email.from {:?} contains a line break or control character; {fix}",
            shorten(value)
        )));
    }
    value.trim().parse::<Mailbox>().map_err(|e| {
        Error::invalid(format!(
            "email.from {:?} is not a valid sender address ({e}); {fix}",
            shorten(value)
        ))
    })
}

/// A recipient mailbox from an account's address and name.
pub fn recipient(email: &str, name: &str) -> Result<Mailbox> {
    header_safe(&format!("the name of {email}"), name)?;
    let address = email.parse().map_err(|e| {
        Error::invalid(format!(
            "{email:?} cannot receive email: it is not an address a mail server accepts ({e})"
        ))
    })?;
    let name = Some(name.trim().to_string()).filter(|n| !n.is_empty());
    Ok(Mailbox::new(name, address))
}

/// Builds the message: plain UTF-8 text, one recipient, dated `now` (ms).
pub fn compose(
    from: &Mailbox,
    to: &Mailbox,
    subject: &str,
    body: String,
    now: i64,
) -> Result<Message> {
    header_safe("the subject", subject)?;
    let date = UNIX_EPOCH + Duration::from_millis(u64::try_from(now).unwrap_or(0));
    Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(subject)
        .date(date)
        .message_id(None)
        .singlepart(SinglePart::plain(body))
        .map_err(|e| Error::internal(format!("cannot build the email to {}: {e}", to.email)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_000_000_000;

    fn msg(s: &str) -> CustomMessage {
        CustomMessage::parse(s, "--message").unwrap().unwrap()
    }

    #[test]
    fn custom_message_keeps_text_and_normalises_line_ends() {
        let m = msg("Café — bienvenue ✓\r\nSecond line\twith tab\n\n");
        assert_eq!(m.as_str(), "Café — bienvenue ✓\nSecond line\twith tab");
        assert_eq!(CustomMessage::parse("  \n", "--message").unwrap(), None);
    }

    #[test]
    fn custom_message_refuses_control_characters_and_overlong_text() {
        for bad in ["a\rb", "bell\u{7}", "esc\u{1b}[31m", "nul\u{0}"] {
            let err = CustomMessage::parse(bad, "--message").unwrap_err();
            assert_eq!(err.exit_code(), 3, "{bad:?}");
            assert!(err.to_string().starts_with("--message:"), "{err}");
        }
        let long = "x".repeat(CustomMessage::MAX_CHARS + 1);
        let err = CustomMessage::parse(&long, "--message-file").unwrap_err();
        assert!(err.to_string().contains("10000"), "{err}");
        assert!(CustomMessage::parse(&"é".repeat(CustomMessage::MAX_CHARS), "--message").is_ok());
    }

    #[test]
    fn set_password_instructions_show_the_token_command_and_the_message() {
        let m = msg("Badge at the front desk.\nSee you Monday.");
        let body = instructions_body(&Instructions {
            org: "Acme",
            name: "Jo Park",
            email: "jo@acme.test",
            message: Some(&m),
            access: Access::SetPassword {
                token: "sp_abc",
                expires_at: NOW,
            },
        });
        assert!(body.starts_with("Hello Jo Park,"));
        assert!(body.contains("Acme"));
        assert!(body.contains("usermgr login jo@acme.test"));
        assert!(body.contains("\n    sp_abc\n"));
        assert!(body.contains("    usermgr reset\n"));
        assert!(body.contains("usermgr reset --token-stdin --password-stdin"));
        assert!(!body.contains("--token sp_abc"));
        assert!(body.contains("Badge at the front desk.\nSee you Monday."));
        assert!(body.contains(&human(NOW)));
    }

    #[test]
    fn required_reset_instructions_name_the_window_and_carry_no_token() {
        let body = instructions_body(&Instructions {
            org: "Acme",
            name: "",
            email: "jo@acme.test",
            message: None,
            access: Access::ResetRequired { window_secs: 300 },
        });
        assert!(body.starts_with("Hello,"));
        assert!(body.contains("within 5 minutes"));
        assert!(!body.contains("token"));
        assert!(!body.contains("message from your administrator"));
    }

    #[test]
    fn reset_email_shows_command_and_expiry() {
        let body = reset_body(&ResetLetter {
            org: "Acme",
            name: "Jo",
            token: "re_xyz",
            expires_at: NOW,
            window_secs: 120,
            message: None,
        });
        assert!(body.contains("\n    re_xyz\n"));
        assert!(body.contains("    usermgr reset\n"));
        assert!(!body.contains("--token re_xyz"));
        assert!(body.contains(&human(NOW)));
        assert!(body.contains("2 minutes"));
        assert_eq!(reset_subject("Acme"), "Reset your Acme password");
    }

    #[test]
    fn header_values_with_line_breaks_are_refused() {
        assert_eq!(
            recipient("jo@acme.test", "Jo\r\nBcc: x@evil.test")
                .unwrap_err()
                .exit_code(),
            3
        );
        assert_eq!(
            sender("it@acme.test\nBcc: x@evil.test")
                .unwrap_err()
                .exit_code(),
            3
        );
        assert_eq!(sender("not an address").unwrap_err().exit_code(), 3);
        let from = sender("Acme IT <it@acme.test>").unwrap();
        assert_eq!(from.email.to_string(), "it@acme.test");
        let to = recipient("jo@acme.test", "Jo").unwrap();
        let err = compose(&from, &to, "Hi\nBcc: x@evil.test", "b".into(), NOW).unwrap_err();
        assert_eq!(err.exit_code(), 3);
    }

    #[test]
    fn composed_message_is_plain_utf8_with_headers() {
        let from = sender("it@acme.test").unwrap();
        let to = recipient("jo@acme.test", "Zoë Café").unwrap();
        let m = compose(&from, &to, "Your Café account", "Café ✓\n".into(), NOW).unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(raw.contains("From: it@acme.test\r\n"), "{raw}");
        assert!(
            raw.contains("Content-Type: text/plain; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("Message-ID: <"), "{raw}");
        assert!(
            raw.contains("Date: Mon, 24 Nov 2025 16:00:00 +0000"),
            "{raw}"
        );
        assert_eq!(m.envelope().to()[0].to_string(), "jo@acme.test");
    }
}
