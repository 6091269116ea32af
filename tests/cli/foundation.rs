//! init, login, sessions, lockout, orgs, permission sets, config, audit.

use std::os::unix::fs::PermissionsExt;

use crate::support::{contains_bytes, sqlite_only, Sandbox, ADMIN, ADMIN_PW};

#[test]
fn init_creates_private_database_and_logs_in() {
    let sb = Sandbox::with_admin();
    if sqlite_only("the mode of the database file") {
        let mode = std::fs::metadata(sb.db()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let who = sb.json(&["whoami"], None);
    assert_eq!(who["email"], ADMIN);
    assert_eq!(who["org"], "Acme");
    assert_eq!(who["permission_set"], "Administrator");
    let perms: Vec<_> = who["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        perms,
        [
            "platform.users",
            "platform.permissions",
            "platform.groups",
            "platform.sites",
            "platform.fields"
        ]
    );
    assert!(
        !contains_bytes(&sb.db_bytes(), ADMIN_PW),
        "password stored in clear"
    );
}

#[test]
fn session_file_is_private() {
    let sb = Sandbox::with_admin();
    let dir = sb.path().join("state/usermgr/sessions");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn logout_then_whoami_is_not_logged_in() {
    let sb = Sandbox::with_admin();
    sb.ok(&["logout"], None);
    let err = sb.fails(4, &["whoami"], None);
    assert!(err.contains("usermgr login"), "{err}");
}

#[test]
fn init_twice_is_a_conflict() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(
        7,
        &[
            "init",
            "--org",
            "Beta",
            "--admin",
            "b@beta.test",
            "--password-stdin",
        ],
        Some("another-password-1"),
    );
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn init_without_password_source_never_prompts() {
    let sb = Sandbox::new();
    let err = sb.fails(3, &["init", "--org", "Acme", "--admin", ADMIN], None);
    assert!(err.contains("--password-stdin"), "{err}");
    assert!(!sb.db_created());
}

#[test]
fn init_names_a_bad_database_url_before_asking_for_a_password() {
    let sb = Sandbox::new();
    let err = sb.fails(
        3,
        &[
            "--db",
            "postgres://admin:hunter2@db.example:notaport/usermgr",
            "init",
            "--org",
            "Acme",
            "--admin",
            ADMIN,
        ],
        None,
    );
    assert!(err.contains("is not a PostgreSQL URL"), "{err}");
    assert!(
        !err.contains("hunter2") && !err.contains("--password-stdin"),
        "{err}"
    );
}

#[test]
fn init_with_bad_input_writes_nothing() {
    let sb = Sandbox::new();
    let err = sb.fails(
        3,
        &[
            "init",
            "--org",
            "Acme",
            "--admin",
            "admin@",
            "--password-stdin",
        ],
        Some(ADMIN_PW),
    );
    assert!(
        err.contains("\"admin@\" is not a valid email address"),
        "{err}"
    );
    let err = sb.fails(
        3,
        &[
            "init",
            "--org",
            "Acme",
            "--admin",
            ADMIN,
            "--password-stdin",
        ],
        Some("password"),
    );
    assert!(err.contains("common"), "{err}");
    let err = sb.fails(
        3,
        &[
            "init",
            "--org",
            "Ac\nme",
            "--admin",
            ADMIN,
            "--password-stdin",
        ],
        Some(ADMIN_PW),
    );
    assert!(err.contains("control character"), "{err}");
    assert!(!sb.db_created());
}

#[test]
fn no_flag_takes_a_password_as_an_argument() {
    let sb = Sandbox::with_admin();
    for args in [
        vec!["login", ADMIN, "--password", ADMIN_PW],
        vec![
            "init",
            "--org",
            "X",
            "--admin",
            ADMIN,
            "--password",
            ADMIN_PW,
        ],
        vec!["add-users", "x@acme.test", "--password", ADMIN_PW],
        vec!["reset", "x@acme.test", "--password", ADMIN_PW],
    ] {
        let err = sb.fails(2, &args, None);
        assert!(err.contains("unexpected argument '--password'"), "{err}");
    }
}

#[test]
fn wrong_password_and_unknown_email_look_the_same() {
    let sb = Sandbox::with_admin();
    let wrong = sb.fails(
        4,
        &["login", ADMIN, "--password-stdin"],
        Some("not-the-password"),
    );
    let unknown = sb.fails(
        4,
        &["login", "nobody@acme.test", "--password-stdin"],
        Some("not-the-password"),
    );
    let malformed = sb.fails(
        4,
        &["login", "nobody", "--password-stdin"],
        Some("not-the-password"),
    );
    assert_eq!(wrong, unknown);
    assert_eq!(wrong, malformed);
    assert_eq!(wrong.trim(), "error: wrong email or password");
}

#[test]
fn lockout_after_five_failures_refuses_the_right_password() {
    let sb = Sandbox::with_admin();
    for _ in 0..5 {
        sb.fails(
            4,
            &["login", ADMIN, "--password-stdin"],
            Some("not-the-password"),
        );
    }
    let err = sb.fails(4, &["login", ADMIN, "--password-stdin"], Some(ADMIN_PW));
    // The lock shows only to admins (R26): the message is that of any failure.
    assert_eq!(err.trim(), "error: wrong email or password");
    let events = sb.json(&["audit", "--user", ADMIN, "--action", "login"], None);
    let newest = events["events"][0]["detail"].as_str().unwrap();
    assert!(newest.contains("locked until"), "{newest}");
    let outcomes: Vec<_> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "failed").count(),
        5,
        "{outcomes:?}"
    );
    assert_eq!(outcomes[0], "denied", "{outcomes:?}");
    let all = sb.ok(&["audit", "-o", "json", "--limit", "1000"], None);
    assert!(!all.contains("not-the-password") && !all.contains(ADMIN_PW));
    assert!(!contains_bytes(&sb.db_bytes(), "not-the-password"));
}

#[test]
fn success_resets_the_failure_count() {
    let sb = Sandbox::with_admin();
    for _ in 0..4 {
        sb.fails(
            4,
            &["login", ADMIN, "--password-stdin"],
            Some("not-the-password"),
        );
    }
    sb.login(ADMIN, ADMIN_PW);
    for _ in 0..4 {
        sb.fails(
            4,
            &["login", ADMIN, "--password-stdin"],
            Some("not-the-password"),
        );
    }
    sb.login(ADMIN, ADMIN_PW);
}

#[test]
fn login_prints_token_usable_from_the_environment() {
    let sb = Sandbox::with_admin();
    let token = sb.login(ADMIN, ADMIN_PW);
    assert!(token.starts_with("ss_"), "{token}");
    sb.ok(&["logout"], None);
    sb.fails(4, &["whoami"], None);
    // The logged-out session is gone, but a fresh one works through USERMGR_TOKEN.
    let fresh = sb.login(ADMIN, ADMIN_PW);
    std::fs::remove_dir_all(sb.path().join("state")).unwrap();
    let out = sb
        .cmd()
        .env("USERMGR_TOKEN", &fresh)
        .args(["-o", "json", "whoami"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = sb
        .cmd()
        .env("USERMGR_TOKEN", "ss_bogus")
        .args(["whoami"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn login_json_reports_the_session() {
    let sb = Sandbox::with_admin();
    let v = sb.json(&["login", ADMIN, "--password-stdin"], Some(ADMIN_PW));
    assert_eq!(v["status"], "ok");
    assert_eq!(v["org"], "Acme");
    assert!(v.get("token").is_none());
}

#[test]
fn login_without_password_source_never_prompts() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(3, &["login", ADMIN], None);
    assert!(err.contains("--password-stdin"), "{err}");
    let err = sb.fails(3, &["login", "--password-stdin"], Some(ADMIN_PW));
    assert!(err.contains("EMAIL"), "{err}");
}

#[test]
fn missing_database_is_not_found_with_a_hint() {
    let sb = Sandbox::new();
    let err = sb.fails(6, &["whoami"], None);
    assert!(err.contains("usermgr init"), "{err}");
}

#[test]
fn orgs_create_and_switch() {
    let sb = Sandbox::with_admin();
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.fails(7, &["orgs", "create", "beta"], None);
    let list = sb.json(&["orgs", "list"], None);
    let names: Vec<_> = list["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme", "Beta"]);
    assert_eq!(sb.json(&["--org", "Beta", "whoami"], None)["org"], "Beta");
    sb.fails(6, &["--org", "Gamma", "whoami"], None);
    let v = sb.json(
        &["--org", "Beta", "login", ADMIN, "--password-stdin"],
        Some(ADMIN_PW),
    );
    assert_eq!(v["org"], "Beta");
    assert_eq!(sb.json(&["whoami"], None)["org"], "Beta");
}

#[test]
fn permission_sets_create_list_delete() {
    let sb = Sandbox::with_admin();
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
    sb.fails(7, &["permission-sets", "create", "helpdesk"], None);
    let err = sb.fails(
        3,
        &[
            "permission-sets",
            "create",
            "Bad",
            "--permission",
            "platform.root",
        ],
        None,
    );
    assert!(err.contains("platform.users"), "{err}");
    let v = sb.json(&["permission-sets", "list"], None);
    let sets = v["permission_sets"].as_array().unwrap();
    let helpdesk = sets.iter().find(|s| s["name"] == "Helpdesk").unwrap();
    assert_eq!(
        helpdesk["permissions"],
        serde_json::json!(["platform.users"])
    );
    assert!(sets
        .iter()
        .any(|s| s["name"] == "Standard" && s["default"] == true));
    sb.fails(7, &["permission-sets", "delete", "Administrator"], None);
    sb.fails(6, &["permission-sets", "delete", "Nope"], None);
    sb.ok(&["permission-sets", "delete", "Helpdesk", "--yes"], None);
}

#[test]
fn config_get_set_and_validation() {
    let sb = Sandbox::with_admin();
    assert_eq!(sb.ok(&["config", "get", "reset_window"], None).trim(), "5m");
    sb.ok(&["config", "set", "reset_window", "2s"], None);
    assert_eq!(
        sb.json(&["config", "get", "reset_window"], None)["value"],
        2
    );
    let err = sb.fails(3, &["config", "set", "reset_window", "soon"], None);
    assert!(err.contains("90s"), "{err}");
    sb.fails(6, &["config", "set", "no_such", "1"], None);
    sb.fails(3, &["config", "set", "email.transport", "pigeon"], None);
    let list = sb.json(&["config", "list"], None);
    assert!(list["settings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["key"] == "lockout_threshold" && s["value"] == 5));
}

#[test]
fn audit_records_changes_with_filters() {
    let sb = Sandbox::with_admin();
    sb.ok(&["config", "set", "lockout_threshold", "3"], None);
    let v = sb.json(&["audit", "--action", "config_set"], None);
    let ev = &v["events"][0];
    assert_eq!(ev["actor"], ADMIN);
    assert_eq!(ev["org"], "*", "settings apply to the whole database");
    // Database-wide changes show in every organization's audit log.
    sb.ok(&["orgs", "create", "Beta"], None);
    let beta = sb.json(&["--org", "Beta", "audit", "--action", "config_set"], None);
    assert_eq!(beta["events"][0]["target"], "lockout_threshold");
    assert_eq!(ev["target"], "lockout_threshold");
    assert_eq!(ev["outcome"], "ok");
    assert!(ev["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        sb.json(&["audit", "--limit", "1"], None)["events"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(sb.json(&["audit", "--since", "2099-01-01"], None)["events"]
        .as_array()
        .unwrap()
        .is_empty());
    sb.fails(3, &["audit", "--since", "whenever"], None);
    let csv = sb.ok(&["-o", "csv", "audit"], None);
    assert!(
        csv.starts_with("created_at,actor,org,action,target,outcome,detail\n"),
        "{csv}"
    );
}

#[test]
fn closed_stdout_exits_quietly() {
    let sb = Sandbox::with_admin();
    // Far more CSV than the pipe and the output buffer hold, so the reader's leaving is
    // certain to break a write that is still to come.
    let mut csv = String::from("email,name\n");
    for i in 0..5000 {
        csv.push_str(&format!("member{i}@pipe.test,Member Number {i}\n"));
    }
    let file = sb.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    sb.ok(
        &[
            "add-users",
            "--from",
            file.to_str().unwrap(),
            "--no-password",
        ],
        None,
    );
    assert!(sb.ok(&["-o", "csv", "users", "list"], None).len() > 256 * 1024);
    let mut c = std::process::Command::new("bash");
    c.args([
        "--noprofile",
        "--norc",
        "-c",
        "\"$USERMGR\" -o csv users list | head -n 1; echo \"exit=${PIPESTATUS[0]}\"",
    ]);
    let out = sb
        .apply_env(&mut c)
        .env("USERMGR", env!("CARGO_BIN_EXE_usermgr"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && stderr.is_empty(),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("email,"), "{stdout}");
    assert_eq!(lines[1..], ["exit=0"], "{stdout}");
}

#[test]
fn help_describes_every_command() {
    let sb = Sandbox::new();
    let help = sb.ok(&["--help"], None);
    for cmd in [
        "init",
        "login",
        "add-users",
        "reset",
        "send-instructions",
        "users",
        "audit",
        "config",
    ] {
        assert!(help.contains(cmd), "{cmd} missing from --help");
    }
    sb.fails(2, &["frobnicate"], None);
}

#[test]
fn closed_stdout_keeps_the_commands_own_exit_code() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "add-users",
            "jo@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("temp-password-123"),
    );
    // The reader is gone before the token is printed: the exit code must still say 10.
    let mut c = std::process::Command::new("bash");
    c.args([
        "--noprofile",
        "--norc",
        "-c",
        "printf 'temp-password-123\\n' | \"$USERMGR\" -o json login jo@acme.test --password-stdin | head -c 0; echo \"${PIPESTATUS[1]}\"",
    ]);
    let out = sb
        .apply_env(&mut c)
        .env("USERMGR", env!("CARGO_BIN_EXE_usermgr"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "10",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn standard_member_cannot_change_settings_or_create_organizations() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "bob@acme.test", "--password-stdin"],
        Some("bobs-own-password-1"),
    );
    let bob = sb.login("bob@acme.test", "bobs-own-password-1");
    sb.login(ADMIN, ADMIN_PW);
    let as_bob = |args: &[&str]| sb.run_as(&bob, args, None);
    let out = as_bob(&[
        "config",
        "set",
        "email.transport",
        "smtp://mail.evil.test?tls=none",
    ]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("whole database"));
    let out = as_bob(&["orgs", "create", "Evil"]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // An administrator of another organization only is no owner of the database either.
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "carol@beta.test",
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some("carols-own-password-1"),
    );
    let carol = sb.login("carol@beta.test", "carols-own-password-1");
    sb.login(ADMIN, ADMIN_PW);
    let out = sb.run_as(
        &carol,
        &["config", "set", "lockout_threshold", "1000"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        sb.ok(&["config", "get", "lockout_threshold"], None).trim(),
        "5"
    );
}

#[test]
fn json_errors_are_one_json_document_on_stdout() {
    let sb = Sandbox::with_admin();
    std::fs::write(
        sb.path().join("bad.csv"),
        "email,groups\njo.park@,\nok@acme.test,Warehose\n",
    )
    .unwrap();
    let out = sb.run(
        &[
            "-o",
            "json",
            "add-users",
            "--from",
            "bad.csv",
            "--no-password",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["exit_code"], 3);
    assert_eq!(
        v["error"]["message"],
        "bad.csv has 2 invalid rows; nothing was added"
    );
    let details = v["error"]["details"].as_array().unwrap();
    assert_eq!(details[0]["line"], 2, "{v}");
    assert_eq!(details[0]["column"], "email", "{v}");
    assert!(
        details[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("\"jo.park@\""),
        "{v}"
    );
    assert_eq!(details[1]["column"], "groups", "{v}");
    assert!(
        details[1]["message"]
            .as_str()
            .unwrap()
            .contains("group \"Warehose\" does not exist"),
        "{v}"
    );
    // A command that printed its result before failing prints nothing more (exit 10 here).
    sb.ok(
        &[
            "add-users",
            "jo@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("temp-password-123"),
    );
    let out = sb.run(
        &["-o", "json", "login", "jo@acme.test", "--password-stdin"],
        Some("temp-password-123"),
    );
    assert_eq!(out.status.code(), Some(10));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "reset_required");
}
