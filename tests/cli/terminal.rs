//! The admin at a terminal: tables fitted to its width with no value broken (SPEC §4), times
//! for people in one style with their zone, honest wording, and notes about sessions.

use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Session};

use crate::support::{Sandbox, ADMIN};

/// Runs `usermgr ARGS` on a pseudo-terminal `cols` wide, without COLUMNS, and returns
/// everything it showed. The size is set once the spawn has set its own default (80
/// columns, from the parent, racing with the child); usermgr starts after a line says so.
fn on_terminal(sb: &Sandbox, cols: u16, args: &str) -> String {
    let mut c = Command::new("bash");
    c.arg("--noprofile")
        .arg("--norc")
        .arg("-c")
        .arg(format!("read -r _; \"$USERMGR\" {args}"));
    sb.apply_env(&mut c)
        .env_remove("COLUMNS")
        .env("USERMGR", assert_cmd::cargo::cargo_bin("usermgr"));
    let mut s = Session::spawn(c).expect("spawn on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    s.get_process_mut()
        .set_window_size(cols, 50)
        .expect("window size");
    s.send_line("go").unwrap();
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
    for cols in [40u16, 200] {
        let cols_usize = usize::from(cols);
        let screen = on_terminal(&sb, cols, "users list");
        assert_fitted(&screen, cols_usize, &users, 0);
        let screen = on_terminal(&sb, cols, "audit");
        assert_fitted(&screen, cols_usize, &audit, 4);
        let screen = on_terminal(&sb, cols, "outbox");
        assert_fitted(&screen, cols_usize, &outbox, 2);
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
    let dir = sb.outbox_dir();
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

#[test]
fn counts_of_new_accounts_agree_in_number() {
    let sb = Sandbox::with_admin();
    let one = sb.run(&["add-users", "a@acme.test", "--no-password"], None);
    let said = String::from_utf8_lossy(&one.stderr);
    assert!(
        said.contains("1 new account has no password yet; send it instructions"),
        "{said}"
    );
    let two = sb.run(
        &["add-users", "b@acme.test", "c@acme.test", "--no-password"],
        None,
    );
    let said = String::from_utf8_lossy(&two.stderr);
    assert!(
        said.contains("2 new accounts have no password yet; send them instructions"),
        "{said}"
    );
    assert!(!said.contains("(s)"), "{said}");
}

#[test]
fn a_dry_run_says_what_would_happen_and_keeps_the_json_statuses() {
    let sb = Sandbox::with_admin();
    sb.ok(&["add-users", "jo.park@acme.test", "--no-password"], None);
    sb.ok(&["orgs", "create", "Beta"], None);
    let args = [
        "--org",
        "Beta",
        "add-users",
        "jo.park@acme.test",
        "new@acme.test",
        "--no-password",
        "--send-instructions",
        "--dry-run",
    ];
    let table = sb.ok(&args, None);
    let line = |email: &str| {
        table
            .lines()
            .find(|l| l.contains(email))
            .unwrap_or_else(|| panic!("{email} not in:\n{table}"))
            .to_string()
    };
    assert!(
        line("new@acme.test").contains("would be created"),
        "{table}"
    );
    assert!(
        line("jo.park@acme.test").contains("would be added"),
        "{table}"
    );
    assert!(line("new@acme.test").contains("would be sent"), "{table}");
    assert!(
        !table.contains("┆ created") && !table.contains("┆ sent"),
        "{table}"
    );
    // Scripts keep the statuses of SPEC §4, with dry_run telling them nothing happened.
    let v = sb.json(&args, None);
    assert_eq!(v["dry_run"], true);
    let statuses: Vec<&str> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["added", "created"]);
    assert_eq!(sb.count("outbox"), 0);
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM accounts WHERE email = 'new@acme.test'"),
        0
    );
}

#[test]
fn guided_prompt_refuses_a_bad_email_before_marking_it_given() {
    let sb = Sandbox::with_admin();
    let mut c = sb.std_cmd();
    c.env("TERM", "xterm").arg("add-users");
    let mut s = Session::spawn(c).expect("spawn on a pty");
    s.get_process_mut().set_window_size(200, 50).unwrap();
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    s.expect("Email").unwrap();
    s.send("jo.park@\r").unwrap();
    let m = s
        .expect("is not a valid email address")
        .expect("the error shows");
    let before = String::from_utf8_lossy(m.before()).into_owned();
    assert!(
        !before.contains('✔'),
        "the bad address was marked as given before its error:\n{before}"
    );
    // Asked again at once; a good address is then taken.
    s.send("jo.park@acme.test\r").unwrap();
    let m = s.expect("Full name").expect("next question");
    let shown = String::from_utf8_lossy(m.before()).into_owned();
    assert!(
        shown.contains('✔') && shown.contains("jo.park@acme.test"),
        "{shown}"
    );
}

#[test]
fn a_read_only_database_names_its_file_and_the_fix() {
    if !crate::support::sqlite_only("a read-only database file") {
        return;
    }
    let sb = Sandbox::with_admin();
    let token = sb.login(ADMIN, crate::support::ADMIN_PW);
    let mut c = sb.std_cmd();
    c.env("USERMGR_TOKEN", &token)
        .args(["add-users", "new@acme.test", "--no-password"]);
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc_geteuid() } == 0;
    let mut c = if root {
        // Root writes any file: run as nobody, who may read the database but not write it.
        use std::os::unix::fs::PermissionsExt;
        for p in [sb.path().to_path_buf(), sb.db()] {
            let mode = if p.is_dir() { 0o755 } else { 0o644 };
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let mut wrapped = Command::new("setpriv");
        wrapped
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .arg(c.get_program())
            .args(c.get_args());
        sb.apply_env(&mut wrapped).env("USERMGR_TOKEN", &token);
        wrapped
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(sb.db(), std::fs::Permissions::from_mode(0o444)).unwrap();
        c
    };
    let out = c.output().expect("run usermgr");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(11), "{err}");
    let db = sb.db().display().to_string();
    assert!(
        err.contains(&format!("the database {db} is read-only")),
        "{err}"
    );
    assert!(
        err.contains("make the file and its folder writable"),
        "{err}"
    );
    assert!(err.contains("--db"), "{err}");
}

extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

#[test]
fn logging_in_over_another_accounts_session_says_so() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "jo.park@acme.test", "--password-stdin"],
        Some("Jo-own-pass-4821"),
    );
    let out = sb.run(
        &["login", "jo.park@acme.test", "--password-stdin"],
        Some("Jo-own-pass-4821"),
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("replaced the stored session of admin@acme.test"),
        "{said}"
    );
    // Logging in again as the same account replaces nothing worth a word.
    let again = sb.run(
        &["login", "jo.park@acme.test", "--password-stdin"],
        Some("Jo-own-pass-4821"),
    );
    assert!(!String::from_utf8_lossy(&again.stderr).contains("replaced"));
}

#[test]
fn usermgr_token_over_a_stored_session_is_noted() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "jo.park@acme.test", "--password-stdin"],
        Some("Jo-own-pass-4821"),
    );
    // Jo's token, taken without replacing the admin's stored session.
    let mut c = sb.cmd();
    c.env("XDG_STATE_HOME", sb.path().join("elsewhere")).args([
        "login",
        "jo.park@acme.test",
        "--password-stdin",
        "--print-token",
    ]);
    let out = c.write_stdin("Jo-own-pass-4821\n").output().unwrap();
    let jo = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let out = sb.run_as(&jo, &["whoami"], None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("acting as jo.park@acme.test from USERMGR_TOKEN"),
        "{said}"
    );
    assert_eq!(said.matches("USERMGR_TOKEN").count(), 2, "once: {said}");
    let quiet = sb.run_as(&jo, &["-q", "whoami"], None);
    assert!(quiet.stderr.is_empty(), "-q keeps it quiet");
}

/// Waits for a regular expression on the screen and returns what came before it and the
/// match.
fn expect_re(s: &mut Session, re: &str, seen: &mut String) -> String {
    let m = s
        .expect(expectrl::Regex(re))
        .unwrap_or_else(|e| panic!("waiting for /{re}/: {e}\nso far:\n{seen}"));
    let before = String::from_utf8_lossy(m.before()).into_owned();
    let found = String::from_utf8_lossy(m.matches().next().unwrap()).into_owned();
    seen.push_str(&before);
    seen.push_str(&found);
    before + &found
}

#[test]
fn timed_prompt_states_the_rules_first_and_the_time_left_at_each_retry() {
    use crate::first_login::{create_member, JO, NEW, TEMP};
    let sb = Sandbox::with_admin();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    let mut c = Command::new("bash");
    c.arg("--noprofile").arg("--norc").arg("-c").arg(format!(
        "stty echo icanon; \"$USERMGR\" login {JO}; echo \"exit=$?\""
    ));
    sb.apply_env(&mut c)
        .env("USERMGR", assert_cmd::cargo::cargo_bin("usermgr"));
    let mut s = Session::spawn(c).expect("spawn on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(10)));
    let mut seen = String::new();
    expect_re(&mut s, "Password: ", &mut seen);
    s.send_line(TEMP).unwrap();
    // The rules come before the first try, with the deadline.
    let first = expect_re(&mut s, "New password: ", &mut seen);
    for rule in [
        "8 to 256 characters",
        "commonly used",
        "your email address",
        "your current password",
    ] {
        assert!(first.contains(rule), "{rule:?} not stated first:\n{first}");
    }
    assert!(
        first.contains("Set it before ") && first.contains(" from now."),
        "{first}"
    );
    let left = r"; try again before \d\d:\d\d:\d\d UTC \((\d+ min)? ?(\d+ s)? left\)";
    // Each refusal says how long is left.
    s.send_line("short").unwrap();
    expect_re(
        &mut s,
        &format!("the password is too short[^\n]*{left}"),
        &mut seen,
    );
    expect_re(&mut s, "New password: ", &mut seen);
    s.send_line(TEMP).unwrap();
    expect_re(
        &mut s,
        &format!("must differ from the current one{left}"),
        &mut seen,
    );
    expect_re(&mut s, "New password: ", &mut seen);
    s.send_line(NEW).unwrap();
    expect_re(&mut s, "Confirm new password: ", &mut seen);
    s.send_line("not-the-same-one-1").unwrap();
    expect_re(
        &mut s,
        &format!("the two passwords differ{left}"),
        &mut seen,
    );
    expect_re(&mut s, "New password: ", &mut seen);
    s.send_line(NEW).unwrap();
    expect_re(&mut s, "Confirm new password: ", &mut seen);
    s.send_line(NEW).unwrap();
    expect_re(&mut s, "exit=0", &mut seen);
    for typed in [TEMP, NEW, "not-the-same-one-1"] {
        assert!(!seen.contains(typed), "echoed {typed:?}:\n{seen}");
    }
}
