//! Good email (SPEC §6, R13, R14): what a mail client shows, read back with a MIME parser
//! (mail-parser) from the file outbox and from a real SMTP server: text and HTML parts, the
//! organization as sender, Reply-To the acting admin, the admin's message verbatim (and
//! escaped in HTML), the admin-set password's expiry, and the public_url link.

use std::path::PathBuf;

use mail_parser::{Message, MessageParser, PartType};

use crate::email::{free_port, use_smtp, SmtpServer};
use crate::support::{Sandbox, ADMIN};

const JO: &str = "jo@acme.test";
/// A message with markup characters and a line break, to be kept verbatim in text.
const NOTE: &str = "Welcome <b>aboard</b> & \"bring ID\"\nDesk 4, 2nd floor";
const NOTE_HTML: &str =
    "Welcome &lt;b&gt;aboard&lt;&#x2f;b&gt; &amp; &quot;bring ID&quot;\nDesk 4, 2nd floor";

/// The raw bytes of the newest `.eml` of the default file outbox.
fn newest_eml(sb: &Sandbox) -> Vec<u8> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    std::fs::read(files.last().expect("an email in the outbox")).unwrap()
}

/// What a mail client would show of one email.
struct Shown {
    from_name: String,
    from_address: String,
    reply_to: String,
    content_type: String,
    text: String,
    html: String,
}

fn parse(raw: &[u8]) -> Shown {
    let m: Message<'_> = MessageParser::default().parse(raw).expect("a MIME message");
    let from = m.from().and_then(|a| a.first()).expect("From");
    let reply_to = m.reply_to().and_then(|a| a.first()).expect("Reply-To");
    let text = m.text_part(0).expect("a text part");
    let html = m.html_part(0).expect("an HTML part");
    assert!(matches!(text.body, PartType::Text(_)), "text/plain part");
    assert!(
        matches!(html.body, PartType::Html(_)),
        "a real text/html part"
    );
    Shown {
        from_name: from.name().unwrap_or_default().to_string(),
        from_address: from.address().unwrap_or_default().to_string(),
        reply_to: reply_to.address().unwrap_or_default().to_string(),
        content_type: m
            .header_raw("Content-Type")
            .unwrap_or_default()
            .trim()
            .to_string(),
        text: text.text_contents().unwrap().replace("\r\n", "\n"),
        html: html.text_contents().unwrap().replace("\r\n", "\n"),
    }
}

/// The reset-email token a text body shows.
fn token_in(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("re_") || w.starts_with("sp_"))
        .unwrap_or_else(|| panic!("no token in:\n{text}"))
        .to_string()
}

#[test]
fn instructions_are_text_and_html_from_the_org_with_reply_to_message_and_expiry() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "temp_password_ttl", "3d"], None);
    sb.ok(
        &[
            "add-users",
            JO,
            "--password-stdin",
            "--require-reset",
            "--send-instructions",
            "--message",
            NOTE,
        ],
        Some("Temp-pass-4821"),
    );
    let m = parse(&newest_eml(&sb));
    assert!(
        m.content_type.starts_with("multipart/alternative"),
        "{}",
        m.content_type
    );
    assert_eq!(m.from_name, "Acme via usermgr");
    assert_eq!(m.from_address, "usermgr@localhost");
    assert_eq!(m.reply_to, ADMIN);
    assert!(m.text.contains(NOTE), "verbatim in text:\n{}", m.text);
    assert!(m.html.contains(NOTE_HTML), "escaped in HTML:\n{}", m.html);
    assert!(!m.html.contains("<b>aboard"), "{}", m.html);
    // The admin-set password's expiry (temp_password_ttl) is stated in both parts.
    for body in [&m.text, &m.html] {
        assert!(body.contains("That password expires at "), "{body}");
        assert!(body.contains("(3 days after it was set)"), "{body}");
        assert!(!body.contains("Temp-pass-4821"));
    }
}

#[test]
fn reset_email_holds_a_token_and_the_command_and_a_link_only_with_public_url() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", JO, "--password-stdin"],
        Some("jo-own-password-1"),
    );
    sb.ok(&["send-instructions", JO, "--reset"], None);
    let m = parse(&newest_eml(&sb));
    assert!(m.text.contains("one-time token"), "{}", m.text);
    assert!(!m.text.contains("link"), "no link is promised:\n{}", m.text);
    assert!(m.text.contains("\n    usermgr reset\n"), "{}", m.text);
    assert!(m.text.contains("--token-stdin"), "{}", m.text);
    assert!(!m.text.contains("/reset?token="), "{}", m.text);
    assert!(!m.html.contains("href"), "{}", m.html);

    sb.ok(
        &["config", "set", "public_url", "https://id.acme.test/"],
        None,
    );
    sb.ok(&["send-instructions", JO, "--reset"], None);
    let m = parse(&newest_eml(&sb));
    let token = token_in(&m.text);
    let link = format!("https://id.acme.test/reset?token={token}");
    assert!(m.text.contains(&format!("\n    {link}\n")), "{}", m.text);
    assert!(
        m.text.contains("\n    usermgr reset\n"),
        "the command stays:\n{}",
        m.text
    );
    let href = format!("href=\"https:&#x2f;&#x2f;id.acme.test&#x2f;reset?token={token}\"");
    assert!(m.html.contains(&href), "{}", m.html);
}

#[test]
fn public_url_is_checked_and_listed() {
    let sb = Sandbox::with_admin();
    for bad in [
        "id.acme.test",
        "https://id.acme.test/?a=1",
        "https://id.acme.test/#x",
    ] {
        let err = sb.fails(3, &["config", "set", "public_url", bad], None);
        assert!(err.contains("public_url"), "{err}");
    }
    let v = sb.json(&["config", "list"], None);
    let setting = v["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "public_url")
        .cloned()
        .expect("public_url in config list");
    assert_eq!(setting["value"], "");
    sb.ok(
        &["config", "set", "public_url", "https://id.acme.test"],
        None,
    );
    let v = sb.json(&["config", "get", "public_url"], None);
    assert_eq!(v["value"], "https://id.acme.test");
    // An empty value unsets it.
    sb.ok(&["config", "set", "public_url", ""], None);
    assert_eq!(sb.json(&["config", "get", "public_url"], None)["value"], "");
}

#[test]
fn an_email_through_a_real_smtp_server_parses_as_text_and_html() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let server = SmtpServer::start(port, &sb.path().join("received"));
    use_smtp(&sb, port);
    sb.ok(
        &["config", "set", "public_url", "https://id.acme.test"],
        None,
    );
    sb.ok(
        &["add-users", JO, "--no-password", "--name", "Jo Park"],
        None,
    );
    sb.ok(&["send-instructions", JO, "--message", NOTE], None);
    drop(server);
    let raw = std::fs::read(sb.path().join("received").join("0001.eml")).unwrap();
    let m = parse(&raw);
    assert_eq!(m.from_name, "Acme via usermgr");
    assert_eq!(m.from_address, "it@acme.test");
    assert_eq!(m.reply_to, ADMIN);
    assert!(m.text.contains(NOTE), "{}", m.text);
    assert!(m.html.contains(NOTE_HTML), "{}", m.html);
    // A set-password token comes with the command and, with public_url, the link.
    let token = token_in(&m.text);
    assert!(token.starts_with("sp_"));
    assert!(
        m.text
            .contains(&format!("https://id.acme.test/reset?token={token}")),
        "{}",
        m.text
    );
    assert!(m.text.contains("\n    usermgr reset\n"), "{}", m.text);
}
