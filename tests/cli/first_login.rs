//! First login of an account with a required reset: the reset window, its token, the
//! deadline checked at the moment of writing, policy, single use (R7–R11, R16, R18, R21).

use std::process::Output;
use std::time::{SystemTime, UNIX_EPOCH};

use usermgr::domain::token::TokenKind;

use crate::support::{contains_bytes, wait_past, Sandbox, ADMIN, ADMIN_PW};

/// The member the tests log in as.
pub const JO: &str = "jo.park@acme.test";
/// The password an administrator set for Jo.
pub const TEMP: &str = "Temp-pass-4821";
/// The password Jo chooses.
pub const NEW: &str = "my-own-choice-77";

/// Milliseconds since the epoch, as the binary's clock reads them.
pub fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// Creates a member of `org` (created when missing) as the logged-in administrator does:
/// `usermgr [--org ORG] add-users EMAIL --password-stdin [--require-reset]`, or
/// `--no-password` for an account without one (or one that already exists elsewhere).
pub fn create_member(
    sb: &Sandbox,
    email: &str,
    password: Option<&str>,
    reset_required: bool,
    org: &str,
) {
    let orgs = sb.json(&["orgs", "list"], None);
    let known = orgs["orgs"].as_array().unwrap().iter().any(|o| {
        o["name"]
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case(org))
    });
    if !known {
        sb.ok(&["orgs", "create", org], None);
    }
    let mut args = vec!["--org", org, "add-users", email];
    args.push(if password.is_some() {
        "--password-stdin"
    } else {
        "--no-password"
    });
    if reset_required {
        args.push("--require-reset");
    }
    sb.ok(&args, password);
}

/// Has the administrator email `email` a token of `kind`, as an admin would: `send-instructions
/// EMAIL --reset` for a reset-email token, `send-instructions EMAIL` for a set-password one
/// (an account without a password). The administrator acts with a session of their own, so
/// the sandbox's stored session stays whoever's it is. Returns the secret as the email in
/// the default file outbox shows it; it is valid for the database's `reset_email_ttl` or
/// `set_password_ttl`.
pub fn issue_token(sb: &Sandbox, email: &str, kind: TokenKind) -> String {
    let login = sb
        .cmd()
        .args(["login", ADMIN, "--password-stdin", "--print-token"])
        .write_stdin(format!("{ADMIN_PW}\n"))
        .env("XDG_STATE_HOME", sb.path().join("issuer-state"))
        .env("XDG_DATA_HOME", sb.path().join("issuer-data"))
        .output()
        .unwrap();
    assert!(login.status.success(), "{login:?}");
    let admin = String::from_utf8(login.stdout).unwrap();
    let mut args = vec!["send-instructions", email];
    match kind {
        TokenKind::ResetEmail => args.push("--reset"),
        TokenKind::SetPassword => {}
        other => panic!("only emailed tokens are issued by an admin, not {other:?}"),
    }
    sb.ok_as(admin.trim(), &args, None);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
    let raw = std::fs::read(files.last().expect("an email in the outbox")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let body = message.body_text(0).unwrap().into_owned();
    let prefix = match kind {
        TokenKind::ResetEmail => "re_",
        _ => "sp_",
    };
    body.split_whitespace()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} token in:\n{body}"))
        .to_string()
}

/// A sandbox with Jo, a member of Acme whose admin-set password must be replaced.
fn with_jo() -> Sandbox {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    sb
}

/// A scripted first login: the JSON document and the exit code.
fn scripted_login(sb: &Sandbox, password: &str) -> (serde_json::Value, Option<i32>, String) {
    let out = sb.run(
        &["-o", "json", "login", JO, "--password-stdin"],
        Some(password),
    );
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        v,
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The reset token from a scripted first login, asserting exit 10.
fn window_token(sb: &Sandbox) -> String {
    let (v, code, err) = scripted_login(sb, TEMP);
    assert_eq!(code, Some(10), "{v} {err}");
    v["reset_token"].as_str().unwrap().to_string()
}

fn reset_with(sb: &Sandbox, token: &str, password: &str) -> Output {
    sb.run(
        &["reset", "--token", token, "--password-stdin"],
        Some(password),
    )
}

#[test]
fn scripted_first_login_prints_window_token_as_json_and_exits_10() {
    let sb = with_jo();
    let before = now_ms();
    let (v, code, err) = scripted_login(&sb, TEMP);
    let after = now_ms();
    assert_eq!(code, Some(10), "{err}");
    let obj = v.as_object().unwrap();
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        ["status", "reset_token", "expires_at"],
        "exactly these fields: {v}"
    );
    assert_eq!(v["status"], "reset_required");
    let token = v["reset_token"].as_str().unwrap();
    assert!(token.starts_with("rw_") && token.len() >= 40, "{token}");
    let expires = chrono::DateTime::parse_from_rfc3339(v["expires_at"].as_str().unwrap())
        .unwrap()
        .timestamp_millis();
    assert!(
        expires >= before / 1000 * 1000 + 299_000 && expires <= after + 300_000,
        "the default window is 300 s: {v}"
    );
    assert!(
        err.contains("usermgr reset --token-stdin --password-stdin"),
        "{err}"
    );
    assert!(!err.contains(token), "the token is printed once, on stdout");
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM sessions WHERE account_id = (SELECT id FROM accounts WHERE email = 'jo.park@acme.test')"),
        0,
        "a required reset gives no session"
    );
    assert_eq!(
        sb.sql::<String>(
            "SELECT outcome FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 1"
        ),
        "reset_required"
    );
}

#[test]
fn table_mode_prints_token_on_stdout_and_explains_on_stderr() {
    let sb = with_jo();
    let out = sb.run(&["login", JO, "--password-stdin"], Some(TEMP));
    assert_eq!(out.status.code(), Some(10));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.trim();
    assert!(token.starts_with("rw_"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("must choose a new password before"),
        "{stderr}"
    );
    assert!(stderr.contains("usermgr reset --token-stdin --password-stdin"));
    let done = reset_with(&sb, token, NEW);
    assert!(done.status.success(), "{done:?}");
}

#[test]
fn no_input_login_opens_window_without_prompting() {
    let sb = with_jo();
    // --no-input with the password on stdin: a script, never a prompt.
    let out = sb.run(
        &["--no-input", "-o", "json", "login", JO, "--password-stdin"],
        Some(TEMP),
    );
    assert_eq!(out.status.code(), Some(10));
}

#[test]
fn reset_with_window_token_sets_password_and_logs_in() {
    let sb = with_jo();
    let token = window_token(&sb);
    let out = reset_with(&sb, &token, NEW);
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Password changed. Logged in to Acme as jo.park@acme.test."),
        "{err}"
    );
    let who = sb.json(&["whoami"], None);
    assert_eq!(who["email"], JO);
    assert!(
        !sb.sql::<bool>("SELECT reset_required FROM accounts WHERE email = 'jo.park@acme.test'")
    );
    // The new password gives a session at once; the admin-set one is gone.
    sb.login(JO, NEW);
    assert_eq!(
        sb.run(&["login", JO, "--password-stdin"], Some(TEMP))
            .status
            .code(),
        Some(4)
    );
    assert_eq!(
        sb.sql::<String>(
            "SELECT outcome FROM audit_log WHERE action = 'reset' ORDER BY id DESC LIMIT 1"
        ),
        "ok"
    );
}

#[test]
fn window_token_is_single_use() {
    let sb = with_jo();
    let token = window_token(&sb);
    assert!(reset_with(&sb, &token, NEW).status.success());
    let again = reset_with(&sb, &token, "another-choice-88");
    assert_eq!(again.status.code(), Some(4));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("already used"), "{err}");
    sb.login(JO, NEW);
}

#[test]
fn unknown_token_is_refused_with_exit_4() {
    let sb = with_jo();
    let out = reset_with(&sb, "rw_not-a-real-token", NEW);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid"));
}

#[test]
fn reset_after_window_keeps_old_password() {
    let sb = with_jo();
    sb.ok(&["config", "set", "reset_window", "1s"], None);
    let token = window_token(&sb);
    wait_past(sb.sql("SELECT expires_at FROM tokens WHERE kind = 'reset_window'"));
    let audit_rows = sb.count("audit_log");
    let out = reset_with(&sb, &token, NEW);
    assert_eq!(out.status.code(), Some(8));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reset window expired at"), "{err}");
    assert!(err.contains("log in again to get a new one"), "{err}");
    // Nothing but the refusal's audit row was written.
    assert_eq!(sb.count("audit_log"), audit_rows + 1);
    assert_eq!(
        sb.sql::<Option<i64>>("SELECT used_at FROM tokens WHERE kind = 'reset_window'"),
        None
    );
    assert!(sb.sql::<bool>("SELECT reset_required FROM accounts WHERE email = 'jo.park@acme.test'"));
    // The admin-set password still opens a new window, and that one works.
    let fresh = window_token(&sb);
    assert_ne!(fresh, token);
    assert!(reset_with(&sb, &fresh, NEW).status.success());
}

#[test]
fn new_window_voids_the_older_token() {
    let sb = with_jo();
    let first = window_token(&sb);
    let second = window_token(&sb);
    // The first window was closed by the second (R8) before its deadline: the token is
    // voided (used_at set), so it is refused as used, exit 4 — not as an expired window
    // (exit 8), which would wrongly suggest that logging in again is what it lacks.
    let out = reset_with(&sb, &first, NEW);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("replaced"));
    assert_eq!(
        sb.sql::<i64>(
            "SELECT count(*) FROM tokens WHERE kind = 'reset_window' AND used_at IS NULL"
        ),
        1
    );
    assert!(reset_with(&sb, &second, NEW).status.success());
}

#[test]
fn each_policy_rule_refuses_with_its_reason() {
    let sb = with_jo();
    let token = window_token(&sb);
    let cases = [
        ("short1", "too short"),
        ("password123", "common"),
        ("Jo.Park@acme.test", "email address"),
        (TEMP, "differ from the current"),
    ];
    for (pw, reason) in cases {
        let out = reset_with(&sb, &token, pw);
        assert_eq!(out.status.code(), Some(3), "{pw}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(reason), "{pw}: {err}");
        assert!(!err.contains(pw), "the password is not repeated: {err}");
    }
    // A local part long enough to pass the length rule.
    let sb2 = Sandbox::with_admin();
    create_member(&sb2, "jonathan.park@acme.test", Some(TEMP), true, "Acme");
    let out = sb2.run(
        &[
            "-o",
            "json",
            "login",
            "jonathan.park@acme.test",
            "--password-stdin",
        ],
        Some(TEMP),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t2 = v["reset_token"].as_str().unwrap();
    let out = reset_with(&sb2, t2, "Jonathan.Park");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("part before the @"));
    // Refusals wrote nothing: the token still works.
    assert!(reset_with(&sb, &token, NEW).status.success());
}

#[test]
fn reset_token_without_password_source_names_the_flag() {
    let sb = with_jo();
    let token = window_token(&sb);
    let err = sb.fails(3, &["reset", "--token", &token], None);
    assert!(err.contains("--password-stdin"), "{err}");
}

#[test]
fn wrong_password_with_required_reset_opens_no_window() {
    let sb = with_jo();
    let err = sb.fails(
        4,
        &["login", JO, "--password-stdin"],
        Some("not-the-temp-pass"),
    );
    assert!(err.contains("wrong email or password"), "{err}");
    assert_eq!(sb.count("tokens"), 0);
}

#[test]
fn opening_a_window_clears_failed_logins() {
    let sb = with_jo();
    for _ in 0..3 {
        sb.fails(
            4,
            &["login", JO, "--password-stdin"],
            Some("nope-nope-nope"),
        );
    }
    assert_eq!(
        sb.sql::<i64>("SELECT failed_logins FROM accounts WHERE email = 'jo.park@acme.test'"),
        3
    );
    window_token(&sb);
    assert_eq!(
        sb.sql::<i64>("SELECT failed_logins FROM accounts WHERE email = 'jo.park@acme.test'"),
        0
    );
}

#[test]
fn no_token_or_password_is_stored_or_logged_in_clear() {
    let sb = with_jo();
    let (v, _, login_err) = scripted_login(&sb, TEMP);
    let token = v["reset_token"].as_str().unwrap().to_string();
    let out = reset_with(&sb, &token, NEW);
    assert!(out.status.success());
    let reset_out = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The admin reads the audit log.
    let admin = sb.login(ADMIN, ADMIN_PW);
    let audit = sb.ok_as(&admin, &["-o", "json", "audit", "--limit", "1000"], None);
    assert!(
        audit.contains("reset_required") && audit.contains("\"reset\""),
        "{audit}"
    );
    let db = sb.db_bytes();
    for secret in [TEMP, NEW, token.as_str(), &token[3..]] {
        assert!(!contains_bytes(&db, secret), "stored in clear: {secret}");
        assert!(!audit.contains(secret), "in the audit log: {secret}");
        assert!(!login_err.contains(secret), "in login's messages: {secret}");
        assert!(!reset_out.contains(secret), "in reset's output: {secret}");
    }
}

#[test]
fn expired_admin_set_password_fails_with_hint_to_ask_for_reset_email() {
    let sb = with_jo();
    // Past temp_password_ttl since the admin set it (R21).
    sb.ok(&["config", "set", "temp_password_ttl", "1s"], None);
    wait_past(
        sb.sql::<i64>("SELECT password_set_at FROM accounts WHERE email = 'jo.park@acme.test'")
            + 1000,
    );
    let err = sb.fails(4, &["login", JO, "--password-stdin"], Some(TEMP));
    assert!(err.contains("expired before it was used"), "{err}");
    assert!(
        err.contains("usermgr send-instructions jo.park@acme.test --reset"),
        "{err}"
    );
    assert_eq!(sb.count("tokens"), 0, "no window opens");
    // A wrong password still gets the one message of R16, not a hint that the account exists.
    let err = sb.fails(
        4,
        &["login", JO, "--password-stdin"],
        Some("wrong-guess-123"),
    );
    assert!(err.contains("wrong email or password"), "{err}");
}

#[test]
fn temp_password_ttl_setting_is_honoured() {
    let sb = with_jo();
    sb.ok(&["config", "set", "temp_password_ttl", "1s"], None);
    window_token(&sb);
    wait_past(
        sb.sql::<i64>("SELECT password_set_at FROM accounts WHERE email = 'jo.park@acme.test'")
            + 1000,
    );
    let err = sb.fails(4, &["login", JO, "--password-stdin"], Some(TEMP));
    assert!(err.contains("ask an administrator"), "{err}");
}

#[test]
fn login_rehashes_when_argon2_parameters_change() {
    let sb = with_jo();
    let token = window_token(&sb);
    assert!(reset_with(&sb, &token, NEW).status.success());
    let before: String =
        sb.sql("SELECT password_hash FROM accounts WHERE email = 'jo.park@acme.test'");
    assert!(before.contains("m=19456,"), "{before}");
    let admin = sb.login(ADMIN, ADMIN_PW);
    sb.ok_as(&admin, &["config", "set", "argon2.m_cost", "8192"], None);
    sb.login(JO, NEW);
    let after: String =
        sb.sql("SELECT password_hash FROM accounts WHERE email = 'jo.park@acme.test'");
    assert!(
        after.starts_with("$argon2id$v=19$m=8192,t=2,p=1$"),
        "{after}"
    );
    assert_ne!(before, after);
    // The rehashed password still works, and needs no further rehash.
    sb.login(JO, NEW);
    assert_eq!(
        sb.sql::<String>("SELECT password_hash FROM accounts WHERE email = 'jo.park@acme.test'"),
        after
    );
}

#[test]
fn binary_ignores_fake_time_in_the_environment() {
    let sb = with_jo();
    let before = now_ms();
    let out = sb
        .cmd()
        .env("USERMGR_NOW", "2000-01-01T00:00:00Z")
        .env("USERMGR_TIME", "946684800")
        .env("FAKETIME", "@2000-01-01 00:00:00")
        .env("SOURCE_DATE_EPOCH", "946684800")
        .args(["-o", "json", "login", JO, "--password-stdin"])
        .write_stdin(format!("{TEMP}\n"))
        .output()
        .unwrap();
    let after = now_ms();
    assert_eq!(out.status.code(), Some(10));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(v["expires_at"].as_str().unwrap())
        .unwrap()
        .timestamp_millis();
    assert!(
        expires >= before / 1000 * 1000 + 299_000 && expires <= after + 300_000,
        "the window closes 300 s after the real now: {v}"
    );
    let at: i64 = sb.sql("SELECT max(at) FROM audit_log");
    assert!(
        at >= before && at <= after,
        "audit time {at} is the real now"
    );
    let created: i64 = sb.sql("SELECT max(created_at) FROM tokens");
    assert!(created >= before && created <= after);
}

#[test]
fn reset_email_token_opens_window_and_is_used_once_password_set() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some("users-own-pass-1"), false, "Acme");
    let token = issue_token(&sb, JO, TokenKind::ResetEmail);
    let out = reset_with(&sb, &token, NEW);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Password changed. Logged in to Acme"));
    sb.login(JO, NEW);
    assert_eq!(
        reset_with(&sb, &token, "third-choice-99").status.code(),
        Some(4)
    );
    // The same token kind refuses the current password (R10, "for a reset").
    let t2 = issue_token(&sb, JO, TokenKind::ResetEmail);
    let out = reset_with(&sb, &t2, NEW);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn expired_reset_email_token_is_refused_with_exit_4_and_when() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some("users-own-pass-1"), false, "Acme");
    sb.ok(&["config", "set", "reset_email_ttl", "1s"], None);
    let token = issue_token(&sb, JO, TokenKind::ResetEmail);
    wait_past(sb.sql("SELECT expires_at FROM tokens WHERE kind = 'reset_email'"));
    let out = reset_with(&sb, &token, NEW);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reset-email token expired at") && err.contains("UTC"),
        "{err}"
    );
    sb.login(JO, "users-own-pass-1");
}

#[test]
fn set_password_token_sets_first_password_and_logs_in() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, None, false, "Acme");
    // No password yet: login fails like any wrong password.
    sb.fails(4, &["login", JO, "--password-stdin"], Some(NEW));
    let token = issue_token(&sb, JO, TokenKind::SetPassword);
    let out = reset_with(&sb, &token, "short");
    assert_eq!(out.status.code(), Some(3));
    let out = reset_with(&sb, &token, NEW);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(sb.json(&["whoami"], None)["email"], JO);
    sb.login(JO, NEW);
    assert_eq!(
        reset_with(&sb, &token, "other-choice-55").status.code(),
        Some(4)
    );
}

#[test]
fn completed_reset_voids_every_reset_and_set_password_token() {
    let sb = with_jo();
    let email_token = issue_token(&sb, JO, TokenKind::ResetEmail);
    let window = window_token(&sb);
    assert!(reset_with(&sb, &window, NEW).status.success());
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM tokens WHERE used_at IS NULL"),
        0
    );
    let out = reset_with(&sb, &email_token, "later-choice-66");
    assert_eq!(out.status.code(), Some(4));
}
