//! Version 2 hardening of power and token reach: nobody acts on someone more powerful (R23),
//! tokens only reach their owner (R24), and members without `platform.users` see no one
//! else's account state (R34).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::support::{Sandbox, ADMIN, ADMIN_PW};

const HELP_PW: &str = "helpdesk-password-1";
const BOSS_PW: &str = "beta-boss-password-1";

fn code_and_err(out: &Output) -> (Option<i32>, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Acme with a member whose permission set holds only "Platform management: Users";
/// returns their session token (the administrator's session stays stored).
fn users_only_member(sb: &Sandbox) -> String {
    sb.ok(
        &[
            "permission-sets",
            "create",
            "Helpdesk",
            "--permission",
            "platform.users",
        ],
        None,
    );
    sb.ok(
        &[
            "add-users",
            "help@acme.test",
            "--password-stdin",
            "--permission-set",
            "Helpdesk",
        ],
        Some(HELP_PW),
    );
    let token = sb.login("help@acme.test", HELP_PW);
    sb.login(ADMIN, ADMIN_PW);
    token
}

/// The `.eml` files of the default `file:` outbox.
fn eml_files(sb: &Sandbox) -> Vec<PathBuf> {
    match std::fs::read_dir(sb.outbox_dir()) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The decoded body of an `.eml` file.
fn eml_body(path: &Path) -> String {
    let out = std::process::Command::new("python3")
        .args([
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_server.py"),
            "decode",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    m["body"].as_str().unwrap().to_string()
}

/// The first token (`re_…`, `sp_…`) in an email body.
fn token_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with("re_") || w.starts_with("sp_"))
        .unwrap_or_else(|| panic!("no token in:\n{body}"))
        .to_string()
}

#[test]
fn r23_users_only_admin_cannot_reset_the_administrator() {
    let sb = Sandbox::with_admin();
    let help = users_only_member(&sb);
    let (code, err) = code_and_err(&sb.run_as(
        &help,
        &["reset", ADMIN, "--password-stdin"],
        Some("taken-over-password-1"),
    ));
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Platform management: Permissions"), "{err}");
    assert!(
        err.contains("platform.fields"),
        "names every permission: {err}"
    );
    // The administrator's password is untouched.
    sb.login(ADMIN, ADMIN_PW);
    sb.fails(
        4,
        &["login", ADMIN, "--password-stdin"],
        Some("taken-over-password-1"),
    );
    // Within their power they still may.
    sb.ok(&["add-users", "plain@acme.test", "--no-password"], None);
    sb.ok_as(
        &help,
        &["reset", "plain@acme.test", "--password-stdin"],
        Some("plain-new-password-1"),
    );
}

#[test]
fn r23_cannot_send_reset_email_to_stronger_member() {
    let sb = Sandbox::with_admin();
    let help = users_only_member(&sb);
    let (tokens, outbox) = (sb.count("tokens"), sb.count("outbox"));
    for args in [
        vec!["send-instructions", ADMIN, "--reset"],
        vec!["send-instructions", ADMIN],
        vec!["users", "unlock", ADMIN],
        vec!["users", "update", ADMIN, "--field", "x=1"],
        vec!["users", "remove", ADMIN],
    ] {
        let (code, err) = code_and_err(&sb.run_as(&help, &args, None));
        assert_eq!(code, Some(5), "{args:?}: {err}");
        assert!(
            err.contains("Platform management: Permissions"),
            "{args:?}: {err}"
        );
    }
    assert_eq!((sb.count("tokens"), sb.count("outbox")), (tokens, outbox));
    assert!(eml_files(&sb).is_empty());
}

#[test]
fn r23_power_counts_in_every_shared_organization() {
    let sb = Sandbox::with_admin();
    let help = users_only_member(&sb);
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(&["add-users", "tom@acme.test", "--no-password"], None);
    // In Beta, tom administers and help is a plain member.
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "tom@acme.test",
            "--permission-set",
            "Administrator",
        ],
        None,
    );
    sb.ok(&["--org", "Beta", "add-users", "help@acme.test"], None);
    let (code, err) = code_and_err(&sb.run_as(&help, &["users", "remove", "tom@acme.test"], None));
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Beta"), "names where: {err}");
    let v = sb.json(&["users", "show", "tom@acme.test"], None);
    assert_eq!(v["email"], "tom@acme.test");
}

/// An administrator of Acme who is no member of Beta.
const CEO: &str = "ceo@acme.test";

/// Acme (with a second administrator, and an account without a password), and Beta
/// administered by boss, who is no member of Acme. Returns boss's session token.
fn beta_with_its_own_admin(sb: &Sandbox) -> String {
    sb.ok(&["add-users", "nopw@acme.test", "--no-password"], None);
    sb.ok(
        &[
            "add-users",
            CEO,
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some("ceo-password-12345"),
    );
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "boss@beta.test",
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some(BOSS_PW),
    );
    let boss = sb.login("boss@beta.test", BOSS_PW);
    sb.login(ADMIN, ADMIN_PW);
    boss
}

#[test]
fn r24_beta_admin_cannot_mail_token_to_acme_account_over_file_outbox() {
    let sb = Sandbox::with_admin();
    let boss = beta_with_its_own_admin(&sb);
    // R3: adding an administrator of Acme to Beta adds a membership only.
    sb.ok_as(&boss, &["add-users", CEO], None);
    let tokens = sb.count("tokens");
    let (code, err) = code_and_err(&sb.run_as(&boss, &["send-instructions", CEO, "--reset"], None));
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Acme") && err.contains("SMTP"), "{err}");
    assert_eq!(sb.count("tokens"), tokens);
    assert!(eml_files(&sb).is_empty(), "no email written");
    // An account without a password would get a set-password token: refused too, and the
    // membership is not added either.
    let (code, err) = code_and_err(&sb.run_as(
        &boss,
        &["add-users", "nopw@acme.test", "--send-instructions"],
        None,
    ));
    assert_eq!(code, Some(5), "{err}");
    assert!(eml_files(&sb).is_empty());
    let beta_members = sb.json(&["--org", "Beta", "users", "list"], None);
    assert_eq!(
        beta_members["users"].as_array().unwrap().len(),
        3,
        "{beta_members}"
    );
    // An instructions email carries no token for an account with a password: allowed.
    sb.ok_as(&boss, &["send-instructions", CEO], None);
    assert_eq!(eml_files(&sb).len(), 1);
    // The administrator of Acme itself may still send Acme's members reset emails.
    sb.ok(&["send-instructions", "nopw@acme.test", "--reset"], None);
}

#[test]
fn r24_token_email_to_shared_account_is_attempted_over_smtp() {
    let sb = Sandbox::with_admin();
    let boss = beta_with_its_own_admin(&sb);
    sb.ok_as(&boss, &["add-users", CEO], None);
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            "smtp://127.0.0.1:1?tls=none",
        ],
        None,
    );
    let (code, err) = code_and_err(&sb.run_as(&boss, &["send-instructions", CEO, "--reset"], None));
    assert_eq!(code, Some(9), "attempted, and failed to connect: {err}");
}

/// Runs `usermgr` with raw bytes on stdin.
fn run_with_stdin(sb: &Sandbox, args: &[&str], stdin: &str) -> Output {
    let mut child = sb
        .std_cmd()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn r24_token_stdin_redeems_without_argv() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let files = eml_files(&sb);
    let body = eml_body(&files[0]);
    let token = token_in(&body);
    assert!(token.starts_with("re_"), "{token}");
    // The email shows the forms that keep the token off the command line.
    assert!(!body.contains(&format!("--token {token}")), "{body}");
    assert!(body.contains("--token-stdin"), "{body}");
    assert!(body.contains("usermgr reset\n"), "{body}");

    // Without a token, an EMAIL or a terminal: exit 3 naming --token-stdin.
    let err = sb.fails(3, &["reset"], None);
    assert!(err.contains("--token-stdin"), "{err}");

    let out = run_with_stdin(
        &sb,
        &["reset", "--token-stdin", "--password-stdin"],
        &format!("{token}\nsams-new-password-1\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sb.login("sam@acme.test", "sams-new-password-1");
    sb.login(ADMIN, ADMIN_PW);

    // A reset-window token from a scripted first login, the same way.
    sb.ok(
        &[
            "add-users",
            "kim@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("kims-temp-password-1"),
    );
    let out = sb.run(
        &["login", "kim@acme.test", "--password-stdin"],
        Some("kims-temp-password-1"),
    );
    assert_eq!(out.status.code(), Some(10));
    let hint = String::from_utf8_lossy(&out.stderr);
    assert!(hint.contains("--token-stdin --password-stdin"), "{hint}");
    let rw = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let out = run_with_stdin(
        &sb,
        &["reset", "--token-stdin", "--password-stdin"],
        &format!("{rw}\r\nkims-own-password-1\r\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sb.login("kim@acme.test", "kims-own-password-1");

    let help = sb.ok(&["reset", "--help"], None);
    assert!(help.contains("other local users"), "{help}");
}

#[test]
fn r34_standard_member_sees_no_lock_state() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "lockout_threshold", "1"], None);
    sb.ok(
        &["add-users", "plain@acme.test", "--password-stdin"],
        Some("plain-password-12"),
    );
    sb.ok(
        &[
            "add-users",
            "kim@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("kims-temp-password-1"),
    );
    sb.fails(
        4,
        &["login", "kim@acme.test", "--password-stdin"],
        Some("wrong-password-123"),
    );
    let plain = sb.login("plain@acme.test", "plain-password-12");
    sb.login(ADMIN, ADMIN_PW);
    // The administrator sees it all.
    let v = sb.json(&["users", "show", "kim@acme.test"], None);
    assert_eq!(v["locked"], true, "{v}");

    let hidden = [
        "locked",
        "locked_until",
        "failed_logins",
        "reset_required",
        "password_set_at",
        "temp_password_expires_at",
        "reset_window_deadline",
        "has_password",
    ];
    let v: Value = serde_json::from_str(&sb.ok_as(
        &plain,
        &["-o", "json", "users", "show", "kim@acme.test"],
        None,
    ))
    .unwrap();
    assert_eq!(v["email"], "kim@acme.test");
    for key in hidden {
        assert!(v.get(key).is_none(), "users show shows {key}: {v}");
    }
    let table = sb.ok_as(&plain, &["users", "show", "kim@acme.test"], None);
    for word in ["locked", "failed logins", "reset", "password"] {
        assert!(!table.contains(word), "users show shows {word}: {table}");
    }
    let v: Value =
        serde_json::from_str(&sb.ok_as(&plain, &["-o", "json", "users", "list"], None)).unwrap();
    for u in v["users"].as_array().unwrap() {
        assert!(u.get("email").is_some());
        for key in hidden {
            assert!(u.get(key).is_none(), "users list shows {key}: {u}");
        }
    }
    let csv = sb.ok_as(&plain, &["-o", "csv", "users", "list"], None);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("email,name"), "{header}");
    assert!(
        !header.contains("locked") && !header.contains("reset"),
        "{header}"
    );
    let table = sb.ok_as(&plain, &["users", "list"], None);
    assert!(
        !table.contains("locked") && !table.contains("reset"),
        "{table}"
    );
    // Filtering by reset state would tell it too.
    let (code, err) = code_and_err(&sb.run_as(&plain, &["users", "list", "--reset-pending"], None));
    assert_eq!(code, Some(5), "{err}");
    let (code, _) = code_and_err(&sb.run_as(&plain, &["audit", "--user", "kim@acme.test"], None));
    assert_eq!(code, Some(5));
    // Their own state they may see.
    let me: Value = serde_json::from_str(&sb.ok_as(
        &plain,
        &["-o", "json", "users", "show", "plain@acme.test"],
        None,
    ))
    .unwrap();
    assert_eq!(me["locked"], false, "{me}");
}

#[test]
fn r24_reset_asks_for_the_token_on_a_terminal_without_echo() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sams-old-password-1"),
    );
    sb.ok(&["send-instructions", "sam@acme.test", "--reset"], None);
    let token = token_in(&eml_body(&eml_files(&sb)[0]));
    let mut c = std::process::Command::new("bash");
    c.args([
        "--noprofile",
        "--norc",
        "-c",
        "stty echo icanon; \"$USERMGR\" reset; echo \"exit=$?\"",
    ]);
    sb.apply_env(&mut c)
        .env("USERMGR", assert_cmd::cargo::cargo_bin("usermgr"));
    let mut s = expectrl::Session::spawn(c).expect("spawn on a pty");
    s.set_expect_timeout(Some(std::time::Duration::from_secs(10)));
    let mut seen = String::new();
    let mut expect = |s: &mut expectrl::Session, needle: &str| {
        let m = s
            .expect(needle)
            .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}\nso far:\n{seen}"));
        seen.push_str(&String::from_utf8_lossy(m.before()));
        seen.push_str(needle);
        seen.clone()
    };
    expect(&mut s, "Token from your email or login: ");
    s.send_line(&token).unwrap();
    expect(&mut s, "New password: ");
    s.send_line("sams-new-password-1").unwrap();
    expect(&mut s, "Confirm new password: ");
    s.send_line("sams-new-password-1").unwrap();
    let screen = expect(&mut s, "exit=0");
    assert!(!screen.contains(&token), "the token was echoed:\n{screen}");
    sb.login("sam@acme.test", "sams-new-password-1");
}

#[test]
fn r23_retry_failed_leaves_emails_to_stronger_members_failed() {
    let sb = Sandbox::with_admin();
    let help = users_only_member(&sb);
    sb.ok(&["add-users", "tom@acme.test", "--no-password"], None);
    sb.ok(&["add-users", "ann@acme.test", "--no-password"], None);
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            "smtp://127.0.0.1:1?tls=none",
        ],
        None,
    );
    sb.fails(
        9,
        &["send-instructions", "tom@acme.test", "ann@acme.test"],
        None,
    );
    sb.ok(
        &[
            "users",
            "set-permission-set",
            "tom@acme.test",
            "Administrator",
        ],
        None,
    );
    sb.ok(&["config", "set", "email.transport", "file:outbox"], None);
    let (code, err) =
        code_and_err(&sb.run_as(&help, &["send-instructions", "--retry-failed"], None));
    assert_eq!(code, Some(5), "{err}");
    assert!(
        err.contains("tom@acme.test") && err.contains("outbox --failed"),
        "{err}"
    );
    // ann's email went; tom's stays failed for someone who may send it.
    assert_eq!(eml_files(&sb).len(), 1);
    let failed = sb
        .column::<String>("SELECT recipient FROM outbox WHERE state = 'failed'")
        .join(",");
    assert_eq!(failed, "tom@acme.test");
}
