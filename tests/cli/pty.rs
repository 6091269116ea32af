//! The first login through a real pseudo-terminal: the deadline shown, the hidden new
//! password asked twice, policy re-prompts, and the watchdog that ends the prompt at the
//! deadline with the terminal's echo back on (R7, R9, R10).

use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Eof, Regex, Session};

use usermgr::domain::token::TokenKind;

use crate::first_login::{create_member, issue_token, JO, NEW, TEMP};
use crate::support::Sandbox;

/// A bash on a new pseudo-terminal running `script`, with the sandbox's environment (as
/// `Sandbox::cmd` sets it) and `$USERMGR` naming the binary. The script turns echo on first
/// (the pty starts with it off), so a later `stty -a` shows whether usermgr restored it.
fn spawn(sb: &Sandbox, script: &str) -> Session {
    let mut c = Command::new("bash");
    c.arg("--noprofile")
        .arg("--norc")
        .arg("-c")
        .arg(format!("stty echo icanon; {script}"));
    sb.apply_env(&mut c)
        .env("USERMGR", assert_cmd::cargo::cargo_bin("usermgr"));
    let mut s = Session::spawn(c).expect("spawn on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    s
}

/// Everything the terminal showed, kept to check that no password was echoed.
struct Screen {
    session: Session,
    seen: String,
}

impl Screen {
    fn expect(&mut self, needle: &str) -> String {
        let m = self
            .session
            .expect(needle)
            .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}\nso far:\n{}", self.seen));
        self.seen.push_str(&String::from_utf8_lossy(m.before()));
        self.seen.push_str(needle);
        needle.to_string()
    }

    fn expect_re(&mut self, re: &str) -> Vec<String> {
        let m = self
            .session
            .expect(Regex(re))
            .unwrap_or_else(|e| panic!("waiting for /{re}/: {e}\nso far:\n{}", self.seen));
        self.seen.push_str(&String::from_utf8_lossy(m.before()));
        let groups: Vec<String> = m
            .matches()
            .map(|g| String::from_utf8_lossy(g).into_owned())
            .collect();
        self.seen.push_str(&groups[0]);
        groups
    }

    fn send_line(&mut self, line: &str) {
        self.session.send_line(line).unwrap();
    }

    fn rest(&mut self) -> String {
        let m = self.session.expect(Eof).unwrap();
        let rest = String::from_utf8_lossy(m.as_bytes()).into_owned();
        self.seen.push_str(&rest);
        rest
    }
}

fn login_screen(sb: &Sandbox) -> Screen {
    let session = spawn(
        sb,
        &format!("\"$USERMGR\" login {JO}; echo \"exit=$?\"; stty -a"),
    );
    Screen {
        session,
        seen: String::new(),
    }
}

#[test]
fn first_login_on_terminal_shows_deadline_and_sets_new_password() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    let mut t = login_screen(&sb);
    t.expect("Password: ");
    t.send_line(TEMP);
    t.expect("Your administrator requires you to choose a new password.");
    t.expect_re(r"Set it before (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d UTC, 5 min from now\.");
    // A policy violation explains itself and asks again while the window is open.
    t.expect("New password: ");
    t.send_line("short");
    t.expect("the password is too short");
    t.expect("try again");
    t.expect("New password: ");
    t.send_line(TEMP);
    t.expect("the new password must differ from the current one; try again");
    // Two different entries are asked again too.
    t.expect("New password: ");
    t.send_line(NEW);
    t.expect("Confirm new password: ");
    t.send_line("not-the-same-one-1");
    t.expect("the two passwords differ; try again");
    t.expect("New password: ");
    t.send_line(NEW);
    t.expect("Confirm new password: ");
    t.send_line(NEW);
    t.expect("Password changed. Logged in to Acme as jo.park@acme.test.");
    t.expect("exit=0");
    let stty = t.rest();
    assert!(stty.contains(" echo "), "{stty}");
    for typed in [TEMP, NEW, "not-the-same-one-1"] {
        assert!(!t.seen.contains(typed), "echoed {typed:?}:\n{}", t.seen);
    }
    let who = sb.json(&["whoami"], None);
    assert_eq!(who["email"], JO);
    sb.login(JO, NEW);
}

#[test]
fn timed_prompt_expires_at_deadline_and_restores_echo() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    sb.ok(&["config", "set", "reset_window", "2s"], None);
    let mut t = login_screen(&sb);
    t.expect("Password: ");
    t.send_line(TEMP);
    let shown =
        t.expect_re(r"Set it before (?:\d{4}-\d\d-\d\d )?(\d\d:\d\d:\d\d UTC), 2 s from now\.");
    t.expect("New password: ");
    let asked = Instant::now();
    // Type a few characters but never press Enter: the prompt must not wait for them.
    t.session.send("half-typ").unwrap();
    let closed = t.expect_re(
        r"The reset window closed at (\d\d:\d\d:\d\d UTC)\. Your password was not changed\.",
    );
    let waited = asked.elapsed();
    assert!(
        waited <= Duration::from_millis(3500),
        "the prompt ended {waited:?} after it was shown, past the 2 s window + 1.5 s"
    );
    assert!(
        waited >= Duration::from_millis(1000),
        "the prompt ended too early: {waited:?}"
    );
    assert_eq!(
        closed[1], shown[1],
        "the closing time is the deadline shown"
    );
    t.expect("Log in again with the password your administrator gave you to get a new window.");
    t.expect("exit=8");
    let stty = t.rest();
    assert!(
        stty.contains(" echo ") && !stty.contains("-echo "),
        "echo is back on after the timeout:\n{stty}"
    );
    assert!(stty.contains(" icanon "), "{stty}");
    assert!(!t.seen.contains("half-typ"), "typed text was echoed");
    // Nothing changed: the admin-set password still opens a new window.
    assert!(sb.sql::<bool>("SELECT reset_required FROM accounts WHERE email = 'jo.park@acme.test'"));
    let out = sb.run(&["-o", "json", "login", JO, "--password-stdin"], Some(TEMP));
    assert_eq!(out.status.code(), Some(10));
}

#[test]
fn reset_token_on_terminal_asks_within_the_window() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    let out = sb.run(&["-o", "json", "login", JO, "--password-stdin"], Some(TEMP));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = v["reset_token"].as_str().unwrap().to_string();
    let session = spawn(
        &sb,
        &format!("\"$USERMGR\" reset --token {token}; echo \"exit=$?\""),
    );
    let mut t = Screen {
        session,
        seen: String::new(),
    };
    t.expect_re(r"Set it before (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d UTC, [0-9]+ (min|s)( [0-9]+ s)? from now\.");
    t.expect("New password: ");
    t.send_line(NEW);
    t.expect("Confirm new password: ");
    t.send_line(NEW);
    t.expect("Password changed. Logged in to Acme as jo.park@acme.test.");
    t.expect("exit=0");
    assert_eq!(sb.json(&["whoami"], None)["email"], JO);
}

#[test]
fn reset_email_token_on_terminal_opens_a_timed_window() {
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some("users-own-pass-1"), false, "Acme");
    let token = issue_token(&sb, JO, TokenKind::ResetEmail);
    let session = spawn(
        &sb,
        &format!("\"$USERMGR\" reset --token {token}; echo \"exit=$?\""),
    );
    let mut t = Screen {
        session,
        seen: String::new(),
    };
    t.expect_re(r"Set it before (?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d UTC, 5 min from now\.");
    t.expect("New password: ");
    // While the window is open it is visible in the database (R22 shows it).
    assert_eq!(
        sb.sql::<i64>(
            "SELECT count(*) FROM tokens WHERE kind = 'reset_window' AND used_at IS NULL"
        ),
        1
    );
    t.send_line(NEW);
    t.expect("Confirm new password: ");
    t.send_line(NEW);
    t.expect("Password changed. Logged in to Acme as jo.park@acme.test.");
    t.expect("exit=0");
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM tokens WHERE used_at IS NULL"),
        0,
        "the reset-email token and its window are both used"
    );
    sb.login(JO, NEW);
}
