//! The emails themselves, built without I/O: their words, header safety, and the lettre
//! [`Message`].

use std::time::{Duration, UNIX_EPOCH};

use lettre::message::{Mailbox, MessageBuilder, MultiPart, SinglePart};
use lettre::Message;

use crate::clock::human;
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
        /// When the admin-set password stops working unused (ms, R21).
        expires_at: Option<i64>,
        /// `temp_password_ttl`, in seconds.
        ttl_secs: u64,
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
    /// The `public_url` setting, when set: a token then also comes as a link.
    pub public_url: Option<&'a str>,
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
    /// The `public_url` setting, when set: the token then also comes as a link.
    pub public_url: Option<&'a str>,
}

/// The two forms of one email: plain text and HTML, from the same template data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bodies {
    /// The text/plain part.
    pub text: String,
    /// The text/html part (every value HTML-escaped).
    pub html: String,
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

/// The reset page of the self-service site (SPEC §9) for a token.
fn reset_link(public_url: Option<&str>, token: &str) -> Option<String> {
    public_url
        .filter(|u| !u.is_empty())
        .map(|u| format!("{}/reset?token={token}", u.trim_end_matches('/')))
}

/// The templates, compiled into the binary. Names ending in `.html` are auto-escaped, so
/// nothing an admin or user typed can add markup to the HTML part; `.txt` ones are not,
/// so the custom message stays verbatim in the text part.
fn templates() -> Result<minijinja::Environment<'static>> {
    let broken = |e: minijinja::Error| Error::internal(format!("an email template is broken: {e}"));
    let mut env = minijinja::Environment::new();
    // Block tags on lines of their own leave no blank lines behind.
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(broken)?,
    );
    for (name, source) in [
        (
            "instructions.txt",
            include_str!("templates/instructions.txt"),
        ),
        (
            "instructions.html",
            include_str!("templates/instructions.html"),
        ),
        ("reset.txt", include_str!("templates/reset.txt")),
        ("reset.html", include_str!("templates/reset.html")),
        ("message.txt", include_str!("templates/message.txt")),
        ("message.html", include_str!("templates/message.html")),
        ("redeem.txt", include_str!("templates/redeem.txt")),
        ("redeem.html", include_str!("templates/redeem.html")),
    ] {
        env.add_template(name, source).map_err(broken)?;
    }
    Ok(env)
}

fn render(kind: &str, ctx: minijinja::Value) -> Result<Bodies> {
    let env = templates()?;
    let one = |name: String| -> Result<String> {
        env.get_template(&name)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| Error::internal(format!("cannot render the email template {name}: {e}")))
    };
    Ok(Bodies {
        text: one(format!("{kind}.txt"))?,
        html: one(format!("{kind}.html"))?,
    })
}

/// The bodies of an instructions email (R14). It never contains a password.
pub fn instructions_body(i: &Instructions<'_>) -> Result<Bodies> {
    let (access, token, expires, link) = match i.access {
        Access::SetPassword { token, expires_at } => (
            "set_password",
            Some(token),
            Some(human(expires_at)),
            reset_link(i.public_url, token),
        ),
        Access::ResetRequired { .. } => ("reset_required", None, None, None),
        Access::Password => ("password", None, None, None),
    };
    let (window, temp_expires, temp_ttl) = match i.access {
        Access::ResetRequired {
            window_secs,
            expires_at,
            ttl_secs,
        } => (
            Some(describe_duration(window_secs)),
            expires_at.map(human),
            Some(describe_duration(ttl_secs)),
        ),
        _ => (None, None, None),
    };
    render(
        "instructions",
        minijinja::context! {
            greeting => greeting(i.name),
            org => i.org,
            email => i.email,
            message => i.message.map(CustomMessage::as_str),
            access => access,
            token => token,
            expires => expires,
            link => link,
            window => window,
            temp_expires => temp_expires,
            temp_ttl => temp_ttl,
        },
    )
}

/// The bodies of a reset email (R13): the token, the command that asks for it (and the
/// link when `public_url` is set), and until when it works.
pub fn reset_body(r: &ResetLetter<'_>) -> Result<Bodies> {
    render(
        "reset",
        minijinja::context! {
            greeting => greeting(r.name),
            org => r.org,
            message => r.message.map(CustomMessage::as_str),
            token => r.token,
            expires => human(r.expires_at),
            link => reset_link(r.public_url, r.token),
            window => describe_duration(r.window_secs),
        },
    )
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

/// The sender of an organization's emails: `"<Org> via usermgr" <email.from>` (the name
/// part of `email.from`, if any, gives way to the organization's).
pub fn org_sender(org: &str, from: &Mailbox) -> Result<Mailbox> {
    header_safe("the organization name", org)?;
    Ok(Mailbox::new(
        Some(format!("{org} via usermgr")),
        from.email.clone(),
    ))
}

/// The headers every email has: sender, one recipient, subject, date (`now`, ms) and a
/// fresh Message-ID.
fn headers(from: &Mailbox, to: &Mailbox, subject: &str, now: i64) -> Result<MessageBuilder> {
    header_safe("the subject", subject)?;
    let date = UNIX_EPOCH + Duration::from_millis(u64::try_from(now).unwrap_or(0));
    Ok(Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(subject)
        .date(date)
        .message_id(None))
}

/// Builds an instructions or reset email: multipart/alternative with the plain text first
/// and the HTML second, `Reply-To` the acting admin.
pub fn compose_email(
    from: &Mailbox,
    to: &Mailbox,
    reply_to: Option<&Mailbox>,
    subject: &str,
    bodies: Bodies,
    now: i64,
) -> Result<Message> {
    let mut b = headers(from, to, subject, now)?;
    if let Some(r) = reply_to {
        b = b.reply_to(r.clone());
    }
    b.multipart(MultiPart::alternative_plain_html(bodies.text, bodies.html))
        .map_err(|e| Error::internal(format!("cannot build the email to {}: {e}", to.email)))
}

/// Builds a plain UTF-8 text message (a notice with nothing to escape or link, such as a
/// test email).
pub fn compose(
    from: &Mailbox,
    to: &Mailbox,
    subject: &str,
    body: String,
    now: i64,
) -> Result<Message> {
    headers(from, to, subject, now)?
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
            public_url: None,
        })
        .unwrap()
        .text;
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
            access: Access::ResetRequired {
                window_secs: 300,
                expires_at: Some(NOW),
                ttl_secs: 7 * 86_400,
            },
            public_url: Some("https://id.acme.test"),
        })
        .unwrap()
        .text;
        assert!(body.starts_with("Hello,"));
        assert!(body.contains("within 5 minutes"));
        assert!(!body.contains("token"));
        assert!(!body.contains("message from your administrator"));
        assert!(!body.contains("https://"), "no token, so no link: {body}");
        assert!(
            body.contains(&format!(
                "That password expires at {} (7 days after it was set)",
                human(NOW)
            )),
            "{body}"
        );
        assert!(!body.contains("\n\n\n"), "{body}");
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
            public_url: None,
        })
        .unwrap()
        .text;
        assert!(body.contains("\n    re_xyz\n"));
        assert!(body.contains("    usermgr reset\n"));
        assert!(!body.contains("--token re_xyz"));
        assert!(body.contains(&human(NOW)));
        assert!(body.contains("2 minutes"));
        assert!(body.contains("one-time token"), "{body}");
        assert!(!body.contains("link"), "{body}");
        assert!(!body.contains("\n\n\n"), "{body}");
        assert_eq!(reset_subject("Acme"), "Reset your Acme password");
    }

    #[test]
    fn public_url_adds_a_reset_link_and_html_escapes_what_was_typed() {
        let m = msg("Bring <b>your</b> badge & \"ID\"\nSecond line");
        let b = reset_body(&ResetLetter {
            org: "R&D <Lab>",
            name: "Jo",
            token: "re_xyz",
            expires_at: NOW,
            window_secs: 120,
            message: Some(&m),
            public_url: Some("https://id.acme.test"),
        })
        .unwrap();
        assert!(
            b.text
                .contains("    https://id.acme.test/reset?token=re_xyz\n"),
            "{}",
            b.text
        );
        assert!(
            b.text
                .contains("Bring <b>your</b> badge & \"ID\"\nSecond line"),
            "{}",
            b.text
        );
        assert!(b.text.contains("R&D <Lab>"), "{}", b.text);
        // minijinja escapes `/` too (as &#x2f;), which browsers read back as `/`.
        assert!(
            b.html
                .contains("href=\"https:&#x2f;&#x2f;id.acme.test&#x2f;reset?token=re_xyz\""),
            "{}",
            b.html
        );
        assert!(
            b.html.contains(
                "Bring &lt;b&gt;your&lt;&#x2f;b&gt; badge &amp; &quot;ID&quot;\nSecond line"
            ),
            "{}",
            b.html
        );
        assert!(b.html.contains("R&amp;D &lt;Lab&gt;"), "{}", b.html);
        assert!(!b.html.contains("<b>"), "{}", b.html);
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
        let bodies = || Bodies {
            text: "b".into(),
            html: "<p>b</p>".into(),
        };
        let err =
            compose_email(&from, &to, None, "Hi\nBcc: x@evil.test", bodies(), NOW).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        let err = compose(&from, &to, "Hi\rBcc: x@evil.test", "b".into(), NOW).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert_eq!(
            org_sender("Acme\r\nBcc: x@evil.test", &from)
                .unwrap_err()
                .exit_code(),
            3
        );
    }

    #[test]
    fn composed_message_is_text_and_html_from_the_org_with_reply_to() {
        let from = org_sender("Acme", &sender("Ops <it@acme.test>").unwrap()).unwrap();
        let to = recipient("jo@acme.test", "Zoë Café").unwrap();
        let admin = recipient("admin@acme.test", "Ann Admin").unwrap();
        let bodies = Bodies {
            text: "Café ✓\n".into(),
            html: "<p>Café ✓</p>\n".into(),
        };
        let m = compose_email(&from, &to, Some(&admin), "Your Café account", bodies, NOW).unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(
            raw.contains("From: \"Acme via usermgr\" <it@acme.test>\r\n"),
            "{raw}"
        );
        assert!(
            raw.contains("Reply-To: \"Ann Admin\" <admin@acme.test>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("Content-Type: multipart/alternative"), "{raw}");
        assert!(
            raw.contains("Content-Type: text/plain; charset=utf-8"),
            "{raw}"
        );
        assert!(
            raw.contains("Content-Type: text/html; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("Message-ID: <"), "{raw}");
        assert!(
            raw.contains("Date: Mon, 24 Nov 2025 16:00:00 +0000"),
            "{raw}"
        );
        assert_eq!(m.envelope().to()[0].to_string(), "jo@acme.test");
    }

    #[test]
    fn a_plain_notice_is_one_utf8_text_part() {
        let from = sender("it@acme.test").unwrap();
        let to = recipient("jo@acme.test", "Zoë").unwrap();
        let m = compose(&from, &to, "Test ✓", "Café ✓\n".into(), NOW).unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(
            raw.contains("Content-Type: text/plain; charset=utf-8"),
            "{raw}"
        );
        assert!(!raw.contains("multipart"), "{raw}");
    }
}
