//! The guided add-users, driven through a real pseudo-terminal.

use std::time::Duration;

use expectrl::{Eof, Needle, Session, WaitStatus};

use crate::add_users::helpdesk_token;
use crate::support::Sandbox;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

/// usermgr on a pseudo-terminal with the sandbox's environment.
fn spawn(sb: &Sandbox, token: Option<&str>, args: &[&str]) -> Session {
    let mut c = sb.std_cmd();
    c.env("TERM", "xterm").args(args);
    if let Some(t) = token {
        c.env("USERMGR_TOKEN", t);
    }
    let mut s = Session::spawn(c).expect("spawn on a pty");
    // A new pty is 0 columns wide; tables would wrap every character.
    s.get_process_mut()
        .set_window_size(200, 50)
        .expect("window size");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// A terminal conversation that keeps everything the program printed.
struct Talk {
    s: Session,
    log: String,
}

impl Talk {
    fn new(s: Session) -> Talk {
        Talk {
            s,
            log: String::new(),
        }
    }

    /// Waits for `needle`, then types `keys`.
    fn answer(&mut self, needle: impl Needle, keys: &str) {
        self.wait(needle);
        self.s.send(keys).expect("type");
    }

    fn wait(&mut self, needle: impl Needle) {
        let found = self
            .s
            .expect(needle)
            .unwrap_or_else(|e| panic!("{e}; so far:\n{}", self.log));
        self.log.push_str(&String::from_utf8_lossy(found.before()));
        for m in found.matches() {
            self.log.push_str(&String::from_utf8_lossy(m));
        }
    }

    /// Reads to the end and returns the exit code.
    fn finish(&mut self) -> i32 {
        self.wait(Eof);
        match self.s.get_process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended with {other:?}; output:\n{}", self.log),
        }
    }
}

#[test]
fn guided_flow_adds_users_with_groups_sites_fields_and_reset() {
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Office"], None);
    sb.ok(&["groups", "create", "Warehouse"], None);
    sb.ok(&["sites", "create", "Sydney"], None);
    sb.ok(
        &[
            "fields", "create", "dept", "--type", "select", "--option", "Ops", "--option", "Sales",
        ],
        None,
    );
    sb.ok(&["fields", "create", "start", "--type", "date"], None);

    let mut t = Talk::new(spawn(&sb, None, &["add-users"]));
    t.wait("Adding users to Acme.");
    t.answer("Email", &format!("admin@acme.test{ENTER}"));
    t.answer("already a member of Acme", "");
    t.answer("Email", &format!("jo.park@acme.test{ENTER}"));
    t.answer("Full name", &format!("Jo Park{ENTER}"));
    t.answer("Set a password", ENTER);
    t.answer("Password: ", "short\n");
    t.answer("too short", "");
    t.answer("Password: ", "Temp-horse-battery-9\n");
    t.answer("Confirm password: ", "Temp-horse-battery-9\n");
    t.answer("Add another user?", "y");
    t.answer("Email", &format!("sam@acme.test{ENTER}"));
    t.answer("Full name", &format!("Sam Lee{ENTER}"));
    t.answer("Generate one", &format!("{DOWN}{ENTER}"));
    t.answer("Add another user?", "n");
    t.answer("Permission set", ENTER);
    t.answer("Groups", &format!("{DOWN} {ENTER}"));
    t.answer("Sites", &format!(" {ENTER}"));
    t.answer("dept", &format!("{DOWN}{ENTER}"));
    t.answer("start (date, optional)", &format!("31/01/2026{ENTER}"));
    t.answer("YYYY-MM-DD", "");
    t.answer("start (date, optional)", &format!("2026-01-31{ENTER}"));
    t.wait("Ready to add 2 users.");
    t.answer("Require password reset at first login?", "y");
    t.answer("Send password instructions via email?", "n");
    t.wait("generated password");
    let code = t.finish();
    assert_eq!(code, 0, "{}", t.log);
    assert!(t.log.contains("jo.park@acme.test"), "{}", t.log);
    assert!(
        t.log.contains(
            "Jo Park and Sam Lee must set a new password within 5 minutes of first logging in."
        ),
        "{}",
        t.log
    );
    assert!(!t.log.contains("Temp-horse-battery-9"), "password echoed");

    let jo = sb.json(&["users", "show", "jo.park@acme.test"], None);
    assert_eq!(jo["name"], "Jo Park");
    assert_eq!(jo["permission_set"], "Standard");
    assert_eq!(jo["reset_required"], true);
    assert_eq!(jo["groups"], serde_json::json!(["Warehouse"]));
    assert_eq!(jo["sites"], serde_json::json!(["Sydney"]));
    assert_eq!(
        jo["fields"],
        serde_json::json!({"dept": "Ops", "start": "2026-01-31"})
    );
    let sam = sb.json(&["users", "show", "sam@acme.test"], None);
    assert_eq!(sam["reset_required"], true);
    assert_eq!(sam["has_password"], true);
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM audit_log WHERE action = 'add_user'"),
        2
    );
}

#[test]
fn guided_flow_never_offers_a_permission_set_without_platform_permissions() {
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Office"], None);
    let token = helpdesk_token(&sb);
    let mut t = Talk::new(spawn(&sb, Some(&token), &["add-users"]));
    t.answer("Email", &format!("new@acme.test{ENTER}"));
    t.answer("Full name", &format!("New Person{ENTER}"));
    t.answer("None", &format!("{DOWN}{DOWN}{ENTER}"));
    t.answer("Add another user?", "n");
    t.answer("Groups", &format!(" {ENTER}"));
    t.wait("Ready to add 1 user.");
    t.answer("Send password instructions via email?", "n");
    let code = t.finish();
    assert_eq!(code, 0, "{}", t.log);
    assert!(!t.log.contains("Permission set"), "offered:\n{}", t.log);
    assert!(
        !t.log.contains("Require password reset"),
        "no admin-set password, so no reset question:\n{}",
        t.log
    );
    let v = sb.json(&["users", "show", "new@acme.test"], None);
    assert_eq!(v["permission_set"], "Standard");
    assert_eq!(v["groups"], serde_json::json!(["Office"]));
    assert_eq!(v["has_password"], false);
}

#[test]
fn guided_flow_sends_instructions_with_the_custom_message() {
    let sb = Sandbox::with_admin();
    let before = crate::add_users::counts(&sb);
    let mut t = Talk::new(spawn(&sb, None, &["add-users"]));
    t.answer("Email", &format!("new@acme.test{ENTER}"));
    t.answer("Full name", ENTER);
    t.answer("None", &format!("{DOWN}{DOWN}{ENTER}"));
    t.answer("Add another user?", "n");
    t.answer("Permission set", ENTER);
    t.answer("Send password instructions via email?", "y");
    t.answer(
        "Custom message",
        &format!("Your badge is at the front desk.{ENTER}"),
    );
    t.wait("new@acme.test");
    let code = t.finish();
    assert_eq!(code, 0, "{}", t.log);
    assert_ne!(crate::add_users::counts(&sb), before);
    let eml = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(eml).unwrap();
    assert!(text.contains("Your badge is at the front desk."), "{text}");
    assert!(
        text.contains("\n    sp_") && text.contains("usermgr reset"),
        "{text}"
    );
}

#[test]
fn guided_flow_takes_its_answers_from_flags_when_given() {
    let sb = Sandbox::with_admin();
    let mut t = Talk::new(spawn(
        &sb,
        None,
        &[
            "add-users",
            "--generate-password",
            "--require-reset",
            "--send-instructions",
            "--message",
            "Welcome!",
        ],
    ));
    t.answer("Email", &format!("kim@acme.test{ENTER}"));
    t.answer("Full name", &format!("Kim Ito{ENTER}"));
    // No password question: --generate-password answered it.
    t.answer("Add another user?", "n");
    t.answer("Permission set", ENTER);
    t.wait("Ready to add 1 user.");
    t.wait("generated password");
    let code = t.finish();
    assert_eq!(code, 0, "{}", t.log);
    for asked in [
        "Set a password",
        "Require password reset",
        "Send password instructions",
        "Custom message",
    ] {
        assert!(
            !t.log.contains(asked),
            "asked {asked:?} although a flag answered it:\n{}",
            t.log
        );
    }
    let kim = sb.json(&["users", "show", "kim@acme.test"], None);
    assert_eq!(kim["reset_required"], true);
    let eml = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(std::fs::read_to_string(eml).unwrap().contains("Welcome!"));
}
