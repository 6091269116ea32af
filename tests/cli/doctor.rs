//! `usermgr doctor` (SPEC §4) and the config file checked at every start (SPEC §6).

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;
use usermgr::store::Store;

use crate::support::{Sandbox, ADMIN};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_server.py");

/// The aiosmtpd server of tests/smtp_server.py (as in the email tests), killed on drop.
struct SmtpServer {
    child: Child,
    dir: PathBuf,
}

impl SmtpServer {
    fn start(port: u16, dir: &Path) -> SmtpServer {
        let mut child = Command::new("python3")
            .args([SCRIPT, "serve", &port.to_string()])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start python3 tests/smtp_server.py (needs python3 with aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("server stdout"))
            .read_line(&mut line)
            .expect("read the server's first line");
        let server = SmtpServer {
            child,
            dir: dir.to_path_buf(),
        };
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        TcpStream::connect(("127.0.0.1", port)).expect("SMTP server accepts connections");
        server
    }

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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The config file of the sandbox (the platform default under XDG_CONFIG_HOME).
fn config_file(sb: &Sandbox) -> PathBuf {
    sb.path().join("config/usermgr/config.toml")
}

fn write_config(sb: &Sandbox, text: &str) -> PathBuf {
    let path = config_file(sb);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn last_line(stderr: &str) -> &str {
    stderr.trim_end().lines().last().unwrap_or("")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn doctor_on_a_good_setup_exits_0_and_shows_every_check_with_sources() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "reset_window", "2m"], None);
    write_config(&sb, "[email]\nfrom = \"Acme IT <it@acme.test>\"\n");
    let out = sb.ok(&["doctor"], None);
    for want in [
        "database",
        if sb.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        },
        &format!("schema version {}", Store::latest_version()),
        "config.toml",
        ADMIN,
        "Acme",
        "stored by `usermgr login`",
        "outbox",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    let setting = |key: &str| -> String {
        out.lines()
            .find(|l| l.contains(&format!(" {key} ")))
            .unwrap_or_else(|| panic!("no {key} line in:\n{out}"))
            .to_string()
    };
    assert!(setting("reset_window").contains("database"), "{out}");
    assert!(setting("session_ttl").contains("default"), "{out}");
    assert!(setting("email.from").contains("config file"), "{out}");
    assert!(
        setting("database").contains("environment (USERMGR_DB)"),
        "{out}"
    );

    let token = sb.login(ADMIN, crate::support::ADMIN_PW);
    let out = sb.run_as(&token, &["doctor"], None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("USERMGR_TOKEN"), "{}", stdout(&out));
}

#[test]
fn doctor_names_the_file_and_line_of_a_bad_config_file() {
    let sb = Sandbox::with_admin();
    let path = write_config(
        &sb,
        "# machine settings\n[email]\ntransprot = \"sendmail\"\nfrom = \"it@acme.test\"\n",
    );
    let err = sb.fails(3, &["doctor"], None);
    let last = last_line(&err);
    assert!(last.contains(&path.display().to_string()), "{err}");
    assert!(last.contains("line 3"), "{err}");
    assert!(last.contains("transprot"), "{err}");

    // Every other command starts with a warning naming file and line ...
    let out = sb.run(&["whoami"], None);
    assert!(out.status.success());
    let warn = String::from_utf8_lossy(&out.stderr);
    assert!(warn.contains("warning: config file"), "{warn}");
    assert!(warn.contains("line 3"), "{warn}");
    // ... and one that sends email stops on it, writing nothing.
    sb.ok(&["add-users", "--no-password", "jo@acme.test"], None);
    let err = sb.fails(3, &["send-instructions", "jo@acme.test"], None);
    assert!(err.contains("line 3"), "{err}");
    assert_eq!(sb.count("outbox"), 0);

    write_config(
        &sb,
        "[email]\ntransport = \"file:outbox\"\nfrom = \"it@acme.test\n",
    );
    let err = sb.fails(3, &["doctor"], None);
    assert!(last_line(&err).contains("line 3"), "{err}");
    assert!(last_line(&err).contains("not valid TOML"), "{err}");
}

#[test]
fn doctor_reports_an_unreachable_smtp_server() {
    let sb = Sandbox::with_admin();
    let port = free_port();
    let transport = format!("smtp://127.0.0.1:{port}?tls=none");
    let out = sb.run(&["config", "set", "email.transport", &transport], None);
    assert!(out.status.success());
    let warn = String::from_utf8_lossy(&out.stderr);
    assert!(
        warn.contains("warning:") && warn.contains(&port.to_string()),
        "{warn}"
    );

    let err = sb.fails(9, &["doctor"], None);
    let last = last_line(&err);
    assert!(last.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(last.contains("email.transport"), "{err}");
    assert_eq!(sb.count("outbox"), 0, "nothing sent");
}

#[test]
fn doctor_reports_a_file_outbox_that_cannot_be_written() {
    let sb = Sandbox::with_admin();
    // A file where the folder should be: not even root can make a folder inside it. (A
    // relative folder is anchored where the default outbox is: beside the database file, or
    // in the data directory for a database URL.)
    let anchor = sb.outbox_dir().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&anchor).unwrap();
    std::fs::write(anchor.join("blocker"), "a file").unwrap();
    sb.ok(
        &["config", "set", "email.transport", "file:blocker/outbox"],
        None,
    );
    let err = sb.fails(9, &["doctor"], None);
    let last = last_line(&err);
    assert!(last.contains("blocker"), "{err}");
    assert!(last.contains("not a folder"), "{err}");
    assert!(last.contains("file:DIR"), "{err}");
}

#[test]
fn a_missing_sendmail_is_named_with_the_fix() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "email.transport", "sendmail"], None);
    let out = sb
        .cmd()
        .env("PATH", sb.path())
        .args(["doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        last_line(&err).contains("sendmail command was not found"),
        "{err}"
    );

    sb.ok(&["add-users", "--no-password", "jo@acme.test"], None);
    let out = sb
        .cmd()
        .env("PATH", sb.path())
        .args(["send-instructions", "jo@acme.test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9));
    let recorded: String = sb.sql("SELECT error FROM outbox");
    assert!(
        recorded.contains("sendmail command was not found"),
        "{recorded}"
    );
    assert!(recorded.contains("email.transport"), "{recorded}");
    assert!(!recorded.contains("internal client error"), "{recorded}");
}

#[test]
fn doctor_sends_a_test_email_only_when_asked_and_records_it() {
    let sb = Sandbox::with_admin();
    let mail_dir = sb.path().join("received");
    std::fs::create_dir(&mail_dir).unwrap();
    let port = free_port();
    let server = SmtpServer::start(port, &mail_dir);
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

    let out = sb.ok(&["doctor"], None);
    assert!(out.contains("connected and EHLO"), "{out}");
    assert!(server.messages().is_empty(), "plain doctor sends nothing");
    assert_eq!(sb.count("outbox"), 0);

    let out = sb.ok(&["doctor", "--send-test-email", "ops@acme.test"], None);
    assert!(out.contains("sent to ops@acme.test"), "{out}");
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["rcpt_tos"], serde_json::json!(["ops@acme.test"]));
    assert!(msgs[0]["subject"].as_str().unwrap().contains("test email"));
    let state: String = sb.sql("SELECT state FROM outbox WHERE kind = 'test'");
    assert_eq!(state, "sent");
    let outbox = sb.json(&["outbox"], None);
    assert!(outbox.to_string().contains("ops@acme.test"), "{outbox}");
    let audited: i64 = sb.sql("SELECT count(*) FROM audit_log WHERE action = 'send_test_email'");
    assert_eq!(audited, 1);

    // Without a session there is no one to send it for.
    sb.ok(&["logout"], None);
    sb.fails(4, &["doctor", "--send-test-email", "ops@acme.test"], None);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn doctor_json_is_one_document_with_every_check() {
    let sb = Sandbox::with_admin();
    let doc = sb.json(&["doctor"], None);
    assert_eq!(doc["ok"], true);
    let kind = if sb.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(doc["database"]["kind"], kind);
    assert_eq!(
        doc["database"]["schema_version"],
        Store::latest_version() as u64
    );
    assert_eq!(doc["session"]["email"], ADMIN);
    assert_eq!(doc["session"]["token_from_environment"], false);
    assert!(doc["session"]["expires_at"].is_string());
    assert_eq!(doc["config_file"]["ok"], true);
    assert_eq!(doc["email"]["ok"], true);
    let settings = doc["settings"].as_array().unwrap();
    assert!(settings
        .iter()
        .any(|s| s["key"] == "reset_window" && s["source"] == "default"));

    // A failure is still exactly one document, the report, with what to fix.
    let port = free_port();
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            &format!("smtp://127.0.0.1:{port}?tls=none"),
        ],
        None,
    );
    let out = sb.run(&["-o", "json", "doctor"], None);
    assert_eq!(out.status.code(), Some(9));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["email"]["ok"], false);
    assert!(doc["problems"][0]
        .as_str()
        .unwrap()
        .contains(&port.to_string()));
}
