//! send-instructions and outbox: instructions and reset emails delivered to a real SMTP
//! server (tests/smtp_server.py, aiosmtpd) on loopback, the default file transport, failed
//! deliveries and their retry, permissions, and header safety.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use usermgr::domain::token;

use crate::support::{contains_bytes, wait_past, Sandbox, ADMIN};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_server.py");
const WELCOME: &str = "Café — bienvenue ✓\r\nYour badge is at the front desk.";
const WELCOME_IN_BODY: &str = "Café — bienvenue ✓\nYour badge is at the front desk.";
const MEMBER_PW: &str = "member-battery-staple";

/// The aiosmtpd server of tests/smtp_server.py, killed on drop.
pub struct SmtpServer {
    child: Child,
    dir: PathBuf,
}

impl SmtpServer {
    /// Starts a server on 127.0.0.1:`port` and waits until it accepts connections.
    pub fn start(port: u16, dir: &Path) -> SmtpServer {
        let mut child = Command::new("python3")
            .args([SCRIPT, "serve", &port.to_string()])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start python3 tests/smtp_server.py (needs python3 with aiosmtpd)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("server stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the server's first line");
        let server = SmtpServer {
            child,
            dir: dir.to_path_buf(),
        };
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP server did not start (is aiosmtpd installed? python3 -m pip install aiosmtpd)"
        );
        TcpStream::connect(("127.0.0.1", port)).expect("SMTP server accepts connections");
        server
    }

    /// Every message received so far, decoded, in the order they arrived.
    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on (right now).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Points the sandbox's email at an SMTP server on loopback.
pub fn use_smtp(sb: &Sandbox, port: u16) {
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            &format!("smtp://127.0.0.1:{port}?tls=none"),
        ],
        None,
    );
    sb.ok(
        &["config", "set", "email.from", "Acme IT <it@acme.test>"],
        None,
    );
}

/// Adds a member of Acme with the Standard permission set, as the logged-in administrator
/// does (`add-users`). `password` `None` makes an account without a password.
fn add_member(sb: &Sandbox, email: &str, name: &str, password: Option<&str>, reset: bool) {
    let mut args = vec!["add-users", email];
    if !name.is_empty() {
        args.extend(["--name", name]);
    }
    args.push(if password.is_some() {
        "--password-stdin"
    } else {
        "--no-password"
    });
    if reset {
        args.push("--require-reset");
    }
    sb.ok(&args, password);
}

/// The token (`re_…`, `sp_…`) an email body shows for `usermgr reset` to ask for.
fn token_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with("re_") || w.starts_with("sp_"))
        .unwrap_or_else(|| panic!("no token in:\n{body}"))
        .to_string()
}

/// Runs with `-o json`, expecting exit `code`; returns the parsed stdout.
fn json_exit(sb: &Sandbox, code: i32, args: &[&str]) -> Value {
    let mut full = vec!["-o", "json"];
    full.extend_from_slice(args);
    let out = sb.run(&full, None);
    assert_eq!(
        out.status.code(),
        Some(code),
        "usermgr {args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn statuses(v: &Value) -> Vec<(String, String)> {
    v["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["email"].as_str().unwrap().to_string(),
                e["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The outbox holds no token: every text column, joined, does not contain it.
fn assert_outbox_has_no(sb: &Sandbox, secret: &str) {
    let all = sb
        .column::<String>(
            "SELECT recipient || subject || message || coalesce(error, '') FROM outbox",
        )
        .join(",");
    assert!(!all.contains(secret), "the outbox holds a secret");
}

#[test]
fn instructions_reach_a_real_smtp_server_with_message_and_set_password_token() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let server = SmtpServer::start(port, &sb.path().join("received"));
    use_smtp(&sb, port);
    add_member(&sb, "new@acme.test", "Zoë New", None, false);
    add_member(&sb, "tmp@acme.test", "Tam", Some(MEMBER_PW), true);

    let out = sb.json(
        &[
            "send-instructions",
            "new@acme.test",
            "TMP@acme.test",
            "--message",
            WELCOME,
        ],
        None,
    );
    assert_eq!(
        statuses(&out),
        [
            ("new@acme.test".to_string(), "sent".to_string()),
            ("tmp@acme.test".to_string(), "sent".to_string())
        ]
    );
    assert_eq!(out["emails"][0]["kind"], "instructions");

    let msgs = server.messages();
    assert_eq!(msgs.len(), 2);
    let new = &msgs[0];
    assert_eq!(new["rcpt_tos"], serde_json::json!(["new@acme.test"]));
    assert_eq!(new["mail_from"], "it@acme.test");
    // The organization names the sender; email.from gives only the address.
    assert_eq!(new["from"], "Acme via usermgr <it@acme.test>");
    assert_eq!(new["reply_to"], "admin@acme.test");
    assert_eq!(new["to"], "Zoë New <new@acme.test>");
    assert_eq!(new["subject"], "Your Acme account");
    assert_eq!(new["content_type"], "multipart/alternative");
    assert_eq!(new["charset"], "utf-8");
    let body = new["body"].as_str().unwrap();
    assert!(body.contains("Acme"), "{body}");
    assert!(body.contains(WELCOME_IN_BODY), "{body}");
    assert!(body.contains("usermgr login new@acme.test"), "{body}");
    let token = token_in(body);
    assert!(token.starts_with("sp_"), "{token}");

    // Stored hashed only, as a set-password token valid set_password_ttl (72 h).
    let hash = token::hash(&token);
    let (kind, ttl): (String, i64) = (
        sb.sql(&format!(
            "SELECT kind FROM tokens WHERE token_hash = '{hash}'"
        )),
        sb.sql(&format!(
            "SELECT expires_at - created_at FROM tokens WHERE token_hash = '{hash}'"
        )),
    );
    assert_eq!((kind.as_str(), ttl), ("set_password", 72 * 3600 * 1000));
    assert!(!contains_bytes(&sb.db_bytes(), &token));
    assert!(!contains_bytes(&sb.db_bytes(), &token[3..]));
    assert_outbox_has_no(&sb, &token);

    // The required-reset account is told about the window, with no token and no password.
    let tmp = &msgs[1];
    assert_eq!(tmp["rcpt_tos"], serde_json::json!(["tmp@acme.test"]));
    let body = tmp["body"].as_str().unwrap();
    assert!(body.contains("within 5 minutes"), "{body}");
    assert!(body.contains(WELCOME_IN_BODY), "{body}");
    assert!(!body.contains("--token"), "{body}");
    let raw = std::fs::read(sb.path().join("received/0002.eml")).unwrap();
    assert!(!contains_bytes(&raw, MEMBER_PW));
    assert!(!body.contains(MEMBER_PW));

    let outbox = sb.json(&["outbox"], None);
    let rows = outbox["emails"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|r| r["state"] == "sent" && r["attempts"] == 1 && r["kind"] == "instructions"));
    let audited: i64 = sb.sql(
        "SELECT count(*) FROM audit_log WHERE action = 'send_instructions' AND outcome = 'sent'",
    );
    assert_eq!(audited, 2);
}

#[test]
fn reset_email_carries_a_reset_token_valid_reset_email_ttl() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let server = SmtpServer::start(port, &sb.path().join("received"));
    use_smtp(&sb, port);
    sb.ok(&["config", "set", "reset_email_ttl", "2h"], None);
    add_member(&sb, "jo@acme.test", "Jo", Some(MEMBER_PW), false);

    let out = sb.ok(&["send-instructions", "jo@acme.test", "--reset"], None);
    assert!(
        out.contains("jo@acme.test") && out.contains("sent"),
        "{out}"
    );

    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["subject"], "Reset your Acme password");
    assert_eq!(msgs[0]["rcpt_tos"], serde_json::json!(["jo@acme.test"]));
    let body = msgs[0]["body"].as_str().unwrap();
    let token = token_in(body);
    assert!(token.starts_with("re_"));
    let hash = token::hash(&token);
    let ttl: i64 = sb.sql(&format!(
        "SELECT expires_at - created_at FROM tokens WHERE token_hash = '{hash}' AND kind = 'reset_email'"
    ));
    assert_eq!(ttl, 2 * 3600 * 1000);
    let expires: i64 = sb.sql(&format!(
        "SELECT expires_at FROM tokens WHERE token_hash = '{hash}'"
    ));
    let shown = chrono::DateTime::from_timestamp_millis(expires)
        .unwrap()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    assert!(body.contains(&shown), "expiry {shown} not in:\n{body}");
    assert!(!body.contains(MEMBER_PW));
    assert!(!contains_bytes(&sb.db_bytes(), &token));
    assert_outbox_has_no(&sb, &token);
    let kind: String = sb.sql("SELECT kind FROM outbox");
    assert_eq!(kind, "reset");
    let audited: i64 =
        sb.sql("SELECT count(*) FROM audit_log WHERE action = 'send_reset' AND outcome = 'sent'");
    assert_eq!(audited, 1);
}

#[test]
fn failed_delivery_exits_9_keeps_the_writes_and_retry_sends_fresh_tokens() {
    let sb = Sandbox::with_admin();
    let port = free_port(); // nothing listens here yet
    use_smtp(&sb, port);
    add_member(&sb, "new@acme.test", "", None, false);
    add_member(&sb, "jo@acme.test", "Jo", Some(MEMBER_PW), false);

    let out = json_exit(
        &sb,
        9,
        &["send-instructions", "new@acme.test", "jo@acme.test"],
    );
    assert_eq!(
        statuses(&out),
        [
            ("new@acme.test".to_string(), "failed".to_string()),
            ("jo@acme.test".to_string(), "failed".to_string())
        ]
    );
    assert!(!out["emails"][0]["error"].as_str().unwrap().is_empty());
    // Nothing was rolled back: the token and the outbox rows stay.
    assert_eq!(sb.count("tokens"), 1);
    let failed = sb.json(&["outbox", "--failed"], None);
    let rows = failed["emails"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|r| r["state"] == "failed" && r["attempts"] == 1 && r["error"].is_string()));
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let table = sb.ok(&["outbox", "--failed"], None);
    assert!(
        table.contains("new@acme.test") && table.contains("failed"),
        "{table}"
    );

    let server = SmtpServer::start(port, &sb.path().join("received"));
    let out = sb.json(&["send-instructions", "--retry-failed"], None);
    assert_eq!(
        statuses(&out),
        [
            ("new@acme.test".to_string(), "sent".to_string()),
            ("jo@acme.test".to_string(), "sent".to_string())
        ]
    );
    let all = sb.json(&["outbox"], None);
    let rows = all["emails"].as_array().unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        ids,
        "retry must update the same rows"
    );
    assert!(rows
        .iter()
        .all(|r| r["state"] == "sent" && r["attempts"] == 2 && r["error"].is_null()));
    assert!(sb.json(&["outbox", "--failed"], None)["emails"]
        .as_array()
        .unwrap()
        .is_empty());

    // A fresh token went out; the undelivered one was voided.
    let msgs = server.messages();
    assert_eq!(msgs.len(), 2);
    let token = token_in(msgs[0]["body"].as_str().unwrap());
    let hash = token::hash(&token);
    let live: i64 = sb.sql(&format!(
        "SELECT count(*) FROM tokens WHERE token_hash = '{hash}' AND used_at IS NULL"
    ));
    assert_eq!(live, 1);
    let voided: i64 =
        sb.sql("SELECT count(*) FROM tokens WHERE kind = 'set_password' AND used_at IS NOT NULL");
    assert_eq!((sb.count("tokens"), voided), (2, 1));
    assert!(!contains_bytes(&sb.db_bytes(), &token));
    let (failed, sent): (i64, i64) = (
        sb.sql("SELECT count(*) FROM audit_log WHERE action = 'send_instructions' AND outcome = 'failed'"),
        sb.sql("SELECT count(*) FROM audit_log WHERE action = 'send_instructions' AND outcome = 'sent'"),
    );
    assert_eq!((failed, sent), (2, 2));
}

#[test]
fn starttls_transport_refuses_a_server_without_tls() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let server = SmtpServer::start(port, &sb.path().join("received"));
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            &format!("smtp://127.0.0.1:{port}?tls=starttls"),
        ],
        None,
    );
    add_member(&sb, "jo@acme.test", "Jo", Some(MEMBER_PW), false);
    let out = json_exit(&sb, 9, &["send-instructions", "jo@acme.test", "--reset"]);
    let error = out["emails"][0]["error"].as_str().unwrap();
    assert!(error.contains("STARTTLS"), "{error}");
    assert!(server.messages().is_empty(), "sent in clear text");
}

#[test]
fn default_file_transport_writes_private_eml_files_beside_the_database() {
    let sb = Sandbox::with_admin();
    add_member(&sb, "new@acme.test", "Nia", None, false);
    let msg_file = sb.path().join("welcome.txt");
    std::fs::write(&msg_file, "Line one\nLigne deux ✓\n").unwrap();

    sb.ok(
        &[
            "send-instructions",
            "new@acme.test",
            "--message-file",
            msg_file.to_str().unwrap(),
        ],
        None,
    );
    let dir = sb.outbox_dir();
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().unwrap(), "eml");
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let decoded = Command::new("python3")
        .args([SCRIPT, "decode"])
        .arg(&files[0])
        .output()
        .unwrap();
    assert!(decoded.status.success());
    let m: Value = serde_json::from_slice(&decoded.stdout).unwrap();
    assert_eq!(m["to"], "Nia <new@acme.test>");
    assert_eq!(m["from"], "Acme via usermgr <usermgr@localhost>");
    assert_eq!(m["subject"], "Your Acme account");
    let body = m["body"].as_str().unwrap();
    assert!(body.contains("Line one\nLigne deux ✓"), "{body}");
    let token = token_in(body);
    assert!(!contains_bytes(&sb.db_bytes(), &token));

    let csv = sb.ok(&["-o", "csv", "outbox"], None);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,updated_at,recipient,kind,state,attempts,error")
    );
    assert!(lines
        .next()
        .unwrap()
        .contains(",new@acme.test,instructions,sent,1,"));
    let stored: String = sb.sql("SELECT message FROM outbox");
    assert_eq!(stored, "Line one\nLigne deux ✓");
}

#[test]
fn member_without_users_permission_cannot_send_or_read_the_outbox() {
    let sb = Sandbox::with_admin();
    add_member(&sb, "jo@acme.test", "Jo", Some(MEMBER_PW), false);
    sb.login("jo@acme.test", MEMBER_PW);
    let err = sb.fails(5, &["send-instructions", ADMIN], None);
    assert!(err.contains("Platform management: Users"), "{err}");
    sb.fails(5, &["send-instructions", ADMIN, "--reset"], None);
    sb.fails(5, &["send-instructions", "--retry-failed"], None);
    sb.fails(5, &["outbox"], None);
    assert_eq!((sb.count("outbox"), sb.count("tokens")), (0, 0));
}

#[test]
fn non_members_are_named_and_nothing_is_sent() {
    let sb = Sandbox::with_admin();
    add_member(&sb, "new@acme.test", "", None, false);
    // An account of another organization is not a member of Acme.
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "sam@beta.test",
            "--no-password",
        ],
        None,
    );
    let err = sb.fails(
        6,
        &[
            "send-instructions",
            "new@acme.test",
            "ghost@acme.test",
            "sam@beta.test",
        ],
        None,
    );
    assert!(
        err.contains("ghost@acme.test") && err.contains("sam@beta.test"),
        "{err}"
    );
    assert!(!err.contains("new@acme.test"), "{err}");
    assert_eq!((sb.count("outbox"), sb.count("tokens")), (0, 0));
    assert!(!sb.outbox_dir().exists());
    sb.fails(3, &["send-instructions", "not-an-address"], None);
}

#[test]
fn line_breaks_in_header_values_are_refused_and_nothing_is_sent() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let server = SmtpServer::start(port, &sb.path().join("received"));
    use_smtp(&sb, port);
    add_member(&sb, "new@acme.test", "", None, false);
    add_member(&sb, "evil@acme.test", "Eve", None, false);
    // A name no command accepts (add-users refuses control characters), as an older
    // version or a hand edit might have stored it.
    sb.exec(
        "UPDATE accounts SET name = 'Eve\r\nBcc: spy@evil.test' WHERE email = 'evil@acme.test'",
    );

    // A name bound for the To header.
    let err = sb.fails(
        3,
        &["send-instructions", "new@acme.test", "evil@acme.test"],
        None,
    );
    assert!(
        err.contains("evil@acme.test") && err.contains("header"),
        "{err}"
    );
    // A sender that reached the database despite `config set` (which refuses it too).
    sb.fails(
        3,
        &[
            "config",
            "set",
            "email.from",
            "it@acme.test\nBcc: spy@evil.test",
        ],
        None,
    );
    // Stored behind config set's back, as an older version or a hand edit might.
    sb.exec(
        "UPDATE settings SET value = 'it@acme.test\r\nBcc: spy@evil.test' WHERE key = 'email.from'",
    );
    let err = sb.fails(3, &["send-instructions", "new@acme.test"], None);
    assert!(err.contains("email.from"), "{err}");
    sb.exec("UPDATE settings SET value = 'not an address' WHERE key = 'email.from'");
    sb.fails(3, &["send-instructions", "new@acme.test", "--reset"], None);
    sb.ok(&["config", "set", "email.from", "it@acme.test"], None);
    // The custom message is body text: line breaks pass, other control characters do not.
    let err = sb.fails(
        3,
        &[
            "send-instructions",
            "new@acme.test",
            "--message",
            "red \u{1b}[31m",
        ],
        None,
    );
    assert!(err.contains("--message"), "{err}");
    let huge = "x".repeat(10_001);
    let err = sb.fails(
        3,
        &["send-instructions", "new@acme.test", "--message", &huge],
        None,
    );
    assert!(err.contains("10000"), "{err}");
    assert_eq!((sb.count("outbox"), sb.count("tokens")), (0, 0));
    assert!(server.messages().is_empty());

    sb.ok(
        &[
            "send-instructions",
            "new@acme.test",
            "--message",
            "one\r\ntwo\nthree",
        ],
        None,
    );
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0]["body"]
        .as_str()
        .unwrap()
        .contains("one\ntwo\nthree"));
    assert_eq!(msgs[0]["rcpt_tos"], serde_json::json!(["new@acme.test"]));
}

#[test]
fn config_set_checks_the_transport_precisely() {
    let sb = Sandbox::with_admin();
    for bad in [
        "smtp://host:99999",
        "smtp://host?tls=sometimes",
        "smtp://bot:hunter2@host",
        "file:",
        "ftp://host",
    ] {
        let err = sb.fails(3, &["config", "set", "email.transport", bad], None);
        assert!(err.contains("file:DIR"), "{err}");
    }
    let err = sb.fails(
        3,
        &[
            "config",
            "set",
            "email.transport",
            "smtp://bot:hunter2@host",
        ],
        None,
    );
    assert!(err.contains("USERMGR_SMTP_PASSWORD"), "{err}");
    assert!(!err.contains("hunter2"), "the password was echoed: {err}");
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            "smtp://bot@mail.acme.test:2525?tls=tls",
        ],
        None,
    );
    let err = sb.fails(3, &["config", "set", "email.from", "it at acme"], None);
    assert!(err.contains("email.from"), "{err}");
    sb.ok(
        &["config", "set", "email.from", "Acme IT <it@acme.test>"],
        None,
    );
    // A user without USERMGR_SMTP_PASSWORD is refused before anything is written.
    add_member(&sb, "new@acme.test", "", None, false);
    let err = sb.fails(3, &["send-instructions", "new@acme.test"], None);
    assert!(err.contains("USERMGR_SMTP_PASSWORD"), "{err}");
    assert_eq!((sb.count("outbox"), sb.count("tokens")), (0, 0));
}

/// The body of the only (or newest) `.eml` in the default outbox folder, decoded.
fn newest_email_body(sb: &Sandbox) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    let decoded = Command::new("python3")
        .args([SCRIPT, "decode"])
        .arg(files.last().unwrap())
        .output()
        .unwrap();
    assert!(decoded.status.success());
    let m: Value = serde_json::from_slice(&decoded.stdout).unwrap();
    m["body"].as_str().unwrap().to_string()
}

#[test]
fn reset_email_token_from_the_email_sets_a_new_password_once() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let token = token_in(&newest_email_body(&sb));
    assert!(token.starts_with("re_"), "{token}");
    sb.ok(
        &["reset", "--token", &token, "--password-stdin"],
        Some("sams-new-password-1"),
    );
    sb.login("sam@acme.test", "sams-new-password-1");
    sb.fails(
        4,
        &["login", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    // Single use.
    let err = sb.fails(
        4,
        &["reset", "--token", &token, "--password-stdin"],
        Some("sams-other-password-1"),
    );
    assert!(err.contains("already used"), "{err}");
}

#[test]
fn set_password_token_from_instructions_sets_the_first_password() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "nia@acme.test",
            "--no-password",
            "--send-instructions",
        ],
        None,
    );
    let token = token_in(&newest_email_body(&sb));
    assert!(token.starts_with("sp_"), "{token}");
    sb.fails(
        4,
        &["login", "nia@acme.test", "--password-stdin"],
        Some("nias-chosen-password-1"),
    );
    sb.ok(
        &["reset", "--token", &token, "--password-stdin"],
        Some("nias-chosen-password-1"),
    );
    sb.login("nia@acme.test", "nias-chosen-password-1");
    sb.fails(
        4,
        &["reset", "--token", &token, "--password-stdin"],
        Some("nias-other-password-1"),
    );
}

#[test]
fn emailed_tokens_expire() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "reset_email_ttl", "1s"], None);
    sb.ok(&["config", "set", "set_password_ttl", "1s"], None);
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let reset = token_in(&newest_email_body(&sb));
    sb.ok(
        &[
            "add-users",
            "nia@acme.test",
            "--no-password",
            "--send-instructions",
        ],
        None,
    );
    let set = token_in(&newest_email_body(&sb));
    wait_past(sb.sql("SELECT max(expires_at) FROM tokens"));
    for token in [reset, set] {
        let err = sb.fails(
            4,
            &["reset", "--token", &token, "--password-stdin"],
            Some("a-fresh-password-1"),
        );
        assert!(err.contains("expired"), "{err}");
    }
    // The old password was never touched.
    sb.login("sam@acme.test", "sams-old-password-1");
}

#[test]
fn a_new_reset_email_voids_the_previous_token() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let first = token_in(&newest_email_body(&sb));
    std::thread::sleep(std::time::Duration::from_millis(20));
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let second = token_in(&newest_email_body(&sb));
    assert_ne!(first, second);
    sb.fails(
        4,
        &["reset", "--token", &first, "--password-stdin"],
        Some("sams-new-password-1"),
    );
    sb.ok(
        &["reset", "--token", &second, "--password-stdin"],
        Some("sams-new-password-1"),
    );
    // --retry-failed resends what failed; it takes no other choice.
    sb.fails(2, &["send-instructions", "--retry-failed", "--reset"], None);
}

#[test]
fn emails_left_queued_by_a_dead_command_are_retried_once_stale() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "nia@acme.test",
            "--no-password",
            "--send-instructions",
        ],
        None,
    );
    // As if the command had died between queueing and delivering: one fresh, one stale.
    sb.exec("UPDATE outbox SET state = 'queued', attempts = 0");
    let v = sb.json(&["send-instructions", "--retry-failed"], None);
    assert!(
        v["emails"].as_array().unwrap().is_empty(),
        "a fresh queued email may still be on its way: {v}"
    );
    sb.exec("UPDATE outbox SET updated_at = updated_at - 3600000");
    let v = sb.json(&["send-instructions", "--retry-failed"], None);
    assert_eq!(v["emails"][0]["state"], "sent", "{v}");
    let state: String = sb.sql("SELECT state FROM outbox");
    assert_eq!(state, "sent");
}
