//! The admin at a terminal: tables fitted to its width with no value broken (SPEC §4), times
//! for people in one style with their zone, honest wording, and notes about sessions.

use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Session};

use crate::support::{Sandbox, ADMIN};

/// Runs `usermgr ARGS` on a pseudo-terminal `cols` wide (set with stty, so the size is
/// there before usermgr starts) without COLUMNS, and returns everything it showed.
fn on_terminal(sb: &Sandbox, cols: usize, args: &str) -> String {
    let mut c = Command::new("bash");
    c.arg("--noprofile")
        .arg("--norc")
        .arg("-c")
        .arg(format!("stty cols {cols} rows 50; \"$USERMGR\" {args}"));
    sb.apply_env(&mut c)
        .env_remove("COLUMNS")
        .env("USERMGR", assert_cmd::cargo::cargo_bin("usermgr"));
    let mut s = Session::spawn(c).expect("spawn on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    let m = s.expect(Eof).expect("usermgr ends");
    String::from_utf8_lossy(m.as_bytes()).replace('\r', "")
}

/// A few members with instructions sent, so that users list, audit and outbox all have
/// several records.
fn acme_with_members() -> Sandbox {
    let sb = Sandbox::with_admin();
    for (email, name) in [
        ("jo.park@acme.test", "Jo Park"),
        ("sam.lee@acme.test", "Sam Lee"),
    ] {
        sb.ok(
            &[
                "add-users",
                email,
                "--name",
                name,
                "--no-password",
                "--send-instructions",
            ],
            None,
        );
    }
    sb
}

/// The values a listing's records show, taken from its JSON form: each must appear whole
/// on one line of the human output.
fn values(sb: &Sandbox, args: &[&str], list: &str, keys: &[&str]) -> Vec<String> {
    let doc = sb.json(args, None);
    let mut out = Vec::new();
    for item in doc[list].as_array().expect("a list") {
        for k in keys {
            if let Some(v) = item[*k].as_str().filter(|v| !v.is_empty()) {
                out.push(v.to_string());
            }
        }
    }
    assert!(!out.is_empty(), "no values in {doc}");
    out
}

/// Asserts that no line is wider than the terminal, that every value sits whole on one
/// line, and that each record's time (`2026-11-30 14:05` style) is on one line too.
fn assert_fitted(screen: &str, cols: usize, values: &[String], records: usize) {
    for line in screen.lines() {
        assert!(
            line.chars().count() <= cols,
            "a line is wider than {cols} columns:\n{line}\n--- whole screen:\n{screen}"
        );
    }
    for v in values {
        assert!(
            screen.lines().any(|l| l.contains(v.as_str())),
            "{v:?} is broken across lines (or missing) at {cols} columns:\n{screen}"
        );
    }
    if records > 0 {
        let times = screen
            .lines()
            .filter(|l| {
                let b = l.as_bytes();
                (0..b.len().saturating_sub(15)).any(|i| {
                    let s = &b[i..i + 16];
                    s[4] == b'-' && s[7] == b'-' && s[10] == b' ' && s[13] == b':'
                })
            })
            .count();
        assert!(
            times >= records,
            "expected {records} whole times at {cols} columns:\n{screen}"
        );
    }
}

#[test]
fn tables_fit_a_narrow_terminal_without_breaking_values() {
    let sb = acme_with_members();
    let users = values(&sb, &["users", "list"], "users", &["email", "name"]);
    let audit = values(
        &sb,
        &["audit"],
        "events",
        &["actor", "action", "target", "outcome", "detail"],
    );
    let outbox = values(&sb, &["outbox"], "emails", &["recipient", "kind", "state"]);
    for cols in [40, 200] {
        let screen = on_terminal(&sb, cols, "users list");
        assert_fitted(&screen, cols, &users, 0);
        let screen = on_terminal(&sb, cols, "audit");
        assert_fitted(&screen, cols, &audit, 4);
        let screen = on_terminal(&sb, cols, "outbox");
        assert_fitted(&screen, cols, &outbox, 2);
    }
    // Wide enough: still a drawn table; too narrow: one `key: value` block per record.
    assert!(on_terminal(&sb, 200, "users list").contains('╭'));
    let narrow = on_terminal(&sb, 40, "users list");
    assert!(!narrow.contains('╭'), "{narrow}");
    assert!(narrow.contains("email: jo.park@acme.test\n"), "{narrow}");
    assert!(
        narrow.contains("\n\nemail: "),
        "records are apart:\n{narrow}"
    );
}

#[test]
fn columns_env_fits_tables_too() {
    let sb = acme_with_members();
    let mut c = sb.cmd();
    c.env("COLUMNS", "40").args(["outbox"]);
    let out = c.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let outbox = values(&sb, &["outbox"], "emails", &["recipient", "kind", "state"]);
    assert_fitted(&text, 40, &outbox, 2);
    assert!(text.contains("recipient: sam.lee@acme.test"), "{text}");
    // The admin's own account appears in a narrow users show as lines, not a table.
    let mut c = sb.cmd();
    c.env("COLUMNS", "40").args(["users", "show", ADMIN]);
    let text = String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned();
    assert!(text.contains(&format!("email: {ADMIN}")), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
}

/// Sydney's zone: from the system's zone data, else the same rules as a POSIX TZ string.
fn sydney_tz() -> &'static str {
    if std::path::Path::new("/usr/share/zoneinfo/Australia/Sydney").exists() {
        "Australia/Sydney"
    } else {
        "AEST-10AEDT,M10.1.0,M4.1.0/3"
    }
}

/// How Sydney shows an RFC 3339 UTC time in tables, `2026-11-30 14:05 AEDT`, in summer or
/// winter time (whichever the zone data says applied then).
fn in_sydney(rfc3339: &str) -> [String; 2] {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    [(11, "AEDT"), (10, "AEST")].map(|(h, zone)| {
        let off = chrono::FixedOffset::east_opt(h * 3600).unwrap();
        format!("{} {zone}", t.with_timezone(&off).format("%Y-%m-%d %H:%M"))
    })
}

#[test]
fn people_see_times_in_their_zone_and_machines_in_utc() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "jo.park@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("Temp-pass-4821-x"),
    );
    let json = sb.json(&["users", "show", "jo.park@acme.test"], None);
    let created = json["created_at"].as_str().unwrap();
    assert!(created.ends_with('Z'), "JSON stays RFC 3339 UTC: {created}");
    let run = |args: &[&str]| {
        let mut c = sb.cmd();
        c.env("TZ", sydney_tz()).args(args);
        let out = c.output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (show, _) = run(&["users", "show", "jo.park@acme.test"]);
    assert!(
        in_sydney(created).iter().any(|t| show.contains(t.as_str())),
        "users show gives Sydney time with its zone ({:?}):\n{show}",
        in_sydney(created)
    );
    assert!(!show.contains("UTC"), "{show}");
    // The admin-set password's expiry is a deadline: it says how long is left.
    assert!(
        show.contains(", 7 d from now") || show.contains(", 6 d 23 h from now"),
        "{show}"
    );
    // Machines still read UTC whatever the zone.
    let (csv, _) = run(&["-o", "csv", "audit"]);
    assert!(csv.contains(&created[..17]), "{csv}");
    assert!(!csv.contains("AEDT") && !csv.contains("AEST"), "{csv}");
    let (json, _) = run(&["-o", "json", "users", "show", "jo.park@acme.test"]);
    assert!(json.contains(created), "{json}");

    // The reset email names the zone of the time it gives.
    let (_, said) = run(&["send-instructions", "admin@acme.test", "--reset"]);
    let dir = sb.path().join("outbox");
    let eml = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}; {said}"))
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>()
        .replace("=\r\n", "")
        .replace("=\n", "");
    assert!(
        eml.contains(" AEDT") || eml.contains(" AEST"),
        "the email names the zone:\n{eml}"
    );
}
