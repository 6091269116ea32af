//! The admin at a terminal: disabling accounts (R28) and confirming destructive commands
//! (R29), on a pipe and through a real pseudo-terminal.

use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Session};

use usermgr::domain::token::TokenKind;

use crate::add_users::{code_and_err, helpdesk_token};
use crate::first_login::issue_token;
use crate::support::{Sandbox, ADMIN};

const JO: &str = "jo@acme.test";
const JO_PW: &str = "jo-own-password-1";

/// Acme with Jo, who has a password of her own.
fn with_jo() -> Sandbox {
    let sb = Sandbox::with_admin();
    sb.ok(&["add-users", JO, "--password-stdin"], Some(JO_PW));
    sb
}

fn login_as(sb: &Sandbox, email: &str, pw: &str) -> std::process::Output {
    let mut c = sb.cmd();
    c.args(["login", email, "--password-stdin", "--print-token"])
        .write_stdin(format!("{pw}\n"))
        // A login as Jo must not replace the administrator's stored session.
        .env("XDG_STATE_HOME", sb.path().join("jo-state"))
        .env("XDG_DATA_HOME", sb.path().join("jo-data"));
    c.output().unwrap()
}

#[test]
fn r28_disabled_account_cannot_log_in_and_is_told_only_after_the_right_password() {
    let sb = with_jo();
    let session = String::from_utf8(login_as(&sb, JO, JO_PW).stdout).unwrap();
    let session = session.trim();
    sb.ok_as(session, &["whoami"], None);
    let reset_token = issue_token(&sb, JO, TokenKind::ResetEmail);

    let v = sb.json(&["users", "disable", JO], None);
    assert_eq!(v["disabled"], true, "{v}");
    assert_eq!(v["sessions_ended"], 1, "{v}");
    assert_eq!(v["tokens_voided"], 1, "{v}");

    // The right password: exit 4, and now it may say why.
    let (code, err) = code_and_err(&login_as(&sb, JO, JO_PW));
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("disabled"), "{err}");
    assert!(err.contains("usermgr users enable jo@acme.test"), "{err}");
    // A wrong password looks like any failure (R26).
    let (code, wrong) = code_and_err(&login_as(&sb, JO, "not-her-password"));
    assert_eq!(code, Some(4));
    assert!(!wrong.contains("disabled"), "{wrong}");
    let (_, unknown) = code_and_err(&login_as(&sb, "nobody@acme.test", "whatever-pw"));
    assert_eq!(wrong, unknown);

    // Her session ended and the reset token no longer works.
    assert_eq!(sb.run_as(session, &["whoami"], None).status.code(), Some(4));
    let out = sb.run(
        &["reset", "--token-stdin", "--password-stdin"],
        Some(&format!("{reset_token}\nbrand-new-pass-9")),
    );
    assert_eq!(out.status.code(), Some(4));

    // No email goes to a disabled account: its tokens would not work.
    let (tokens, outbox) = (sb.count("tokens"), sb.count("outbox"));
    let err = sb.fails(7, &["send-instructions", JO, "--reset"], None);
    assert!(
        err.contains("disabled") && err.contains("users enable"),
        "{err}"
    );
    assert_eq!((sb.count("tokens"), sb.count("outbox")), (tokens, outbox));

    // Nothing was deleted; enabling gives logins back.
    let show = sb.json(&["users", "show", JO], None);
    assert_eq!(show["disabled"], true);
    assert!(show["disabled_at"].is_string());
    let v = sb.json(&["users", "enable", JO], None);
    assert_eq!(v["disabled"], false);
    assert!(login_as(&sb, JO, JO_PW).status.success());
    assert_eq!(sb.json(&["users", "show", JO], None)["disabled"], false);
    let actions = sb
        .column::<String>(
            "SELECT action || ':' || outcome FROM audit_log WHERE action IN ('disable_user','enable_user') OR (action = 'login' AND detail = 'account disabled')",
        )
        .join(",");
    assert!(actions.contains("disable_user:ok"), "{actions}");
    assert!(actions.contains("enable_user:ok"), "{actions}");
    assert!(actions.contains("login:denied"), "{actions}");
}

#[test]
fn r28_disabled_accounts_are_listed_and_shown() {
    let sb = with_jo();
    sb.ok(&["add-users", "kim@acme.test", "--no-password"], None);
    sb.ok(&["users", "disable", JO], None);
    let v = sb.json(&["users", "list", "--disabled"], None);
    let emails: Vec<&str> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, [JO]);
    assert_eq!(v["users"][0]["disabled"], true);
    let all = sb.json(&["users", "list"], None);
    assert_eq!(all["users"].as_array().unwrap().len(), 3);
    let shown = sb.ok(&["users", "show", JO], None);
    assert!(
        shown.contains("disabled") && shown.contains("yes, since"),
        "{shown}"
    );
}

#[test]
fn r28_disable_needs_users_permission_and_power_over_the_member() {
    let sb = with_jo();
    let help = helpdesk_token(&sb);
    // help holds only platform.users: the administrator is out of reach (R23).
    let (code, err) = code_and_err(&sb.run_as(&help, &["users", "disable", ADMIN], None));
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Platform management: Permissions"), "{err}");
    sb.ok_as(&help, &["users", "disable", JO], None);
    // A plain member cannot disable anyone.
    sb.ok(&["users", "enable", JO], None);
    let jo = String::from_utf8(login_as(&sb, JO, JO_PW).stdout).unwrap();
    let (code, err) =
        code_and_err(&sb.run_as(jo.trim(), &["users", "disable", "help@acme.test"], None));
    assert_eq!(code, Some(5), "{err}");
    assert_eq!(
        sb.json(&["users", "show", "help@acme.test"], None)["disabled"],
        false
    );
    // Nobody disables themselves.
    assert_eq!(
        sb.run(&["users", "disable", ADMIN], None).status.code(),
        Some(5)
    );
}

#[test]
fn r29_destructive_commands_without_a_terminal_need_yes() {
    let sb = with_jo();
    sb.ok(&["groups", "create", "Office"], None);
    sb.ok(&["sites", "create", "Lyon"], None);
    sb.ok(&["fields", "create", "dept"], None);
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
    let before = (
        sb.count("memberships"),
        sb.count("groups"),
        sb.count("sites"),
        sb.count("user_fields"),
        sb.count("permission_sets"),
    );
    for args in [
        vec!["users", "remove", JO],
        vec!["groups", "delete", "Office"],
        vec!["sites", "delete", "Lyon"],
        vec!["fields", "delete", "dept"],
        vec!["permission-sets", "delete", "Helpdesk"],
    ] {
        let err = sb.fails(3, &args, None);
        assert!(err.contains("--yes"), "{args:?}: {err}");
        // --dry-run says what would go, and nothing goes.
        let mut dry = args.clone();
        dry.push("--dry-run");
        let out = sb.ok(&dry, None);
        assert!(out.starts_with("Dry run: would "), "{args:?}: {out}");
        let v = sb.json(&dry, None);
        assert_eq!(v["dry_run"], true, "{args:?}: {v}");
        assert!(v["deleted"].is_object(), "{args:?}: {v}");
    }
    let after = (
        sb.count("memberships"),
        sb.count("groups"),
        sb.count("sites"),
        sb.count("user_fields"),
        sb.count("permission_sets"),
    );
    assert_eq!(before, after);
    let v = sb.json(&["users", "remove", JO, "--dry-run"], None);
    assert_eq!(v["deleted"]["email"], JO);
    assert_eq!(v["deleted"]["account_deleted"], true);

    let v = sb.json(&["groups", "delete", "Office", "--yes"], None);
    assert_eq!(v["deleted"]["name"], "Office");
    assert!(v.get("dry_run").is_none(), "{v}");
    sb.ok(&["users", "remove", JO, "--yes"], None);
    assert_eq!(sb.count("groups"), before.1 - 1);
    assert_eq!(sb.count("memberships"), before.0 - 1);
    // Only what was named went.
    assert_eq!(
        (
            sb.count("sites"),
            sb.count("user_fields"),
            sb.count("permission_sets")
        ),
        (before.2, before.3, before.4)
    );
}

/// A bash on a new pseudo-terminal running `script` in the sandbox's environment.
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

#[test]
fn r29_remove_asks_on_a_terminal_and_no_keeps_the_member() {
    let sb = with_jo();
    let mut s = spawn(
        &sb,
        "\"$USERMGR\" users remove jo@acme.test; echo \"exit=$?\"",
    );
    s.expect("Remove jo@acme.test from Acme? This deletes")
        .unwrap();
    s.expect("(y/n)").unwrap();
    s.send("n").unwrap();
    let rest = s.expect(Eof).unwrap();
    let rest = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(rest.contains("cancelled: nothing was changed"), "{rest}");
    assert!(rest.contains("exit=130"), "{rest}");
    assert_eq!(sb.json(&["users", "show", JO], None)["email"], JO);

    let mut s = spawn(
        &sb,
        "\"$USERMGR\" users remove jo@acme.test; echo \"exit=$?\"",
    );
    s.expect("(y/n)").unwrap();
    s.send("y").unwrap();
    let rest = s.expect(Eof).unwrap();
    let rest = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(rest.contains("Removed jo@acme.test from Acme"), "{rest}");
    assert!(rest.contains("exit=0"), "{rest}");
    assert_eq!(sb.run(&["users", "show", JO], None).status.code(), Some(6));
}

#[test]
fn r12_unknown_email_is_not_found_for_user_admins_and_permission_denied_for_others() {
    let sb = with_jo();
    // A user admin: the same exit 6 as `users show`, `send-instructions` and the rest.
    let err = sb.fails(
        6,
        &["reset", "ghost@acme.test", "--generate-password"],
        None,
    );
    assert!(err.contains("not a member of Acme"), "{err}");
    sb.fails(6, &["users", "show", "ghost@acme.test"], None);
    // Without platform.users, nobody is looked up: exit 5 whoever is named.
    let jo = String::from_utf8(login_as(&sb, JO, JO_PW).stdout).unwrap();
    for target in ["ghost@acme.test", ADMIN] {
        let (code, err) =
            code_and_err(&sb.run_as(jo.trim(), &["reset", target, "--generate-password"], None));
        assert_eq!(code, Some(5), "{target}: {err}");
    }
}
