//! add-users from arguments and files: R1–R6, R19, password sources, results and audit.

use std::process::Output;

use serde_json::Value;

use crate::support::{contains_bytes, Sandbox, ADMIN, ADMIN_PW};

/// Tables a batch writes to; a refused batch must leave every count as it was.
pub const WRITTEN_TABLES: [&str; 6] = [
    "accounts",
    "memberships",
    "group_members",
    "site_members",
    "user_field_values",
    "audit_log",
];

/// Row counts of [`WRITTEN_TABLES`].
pub fn counts(sb: &Sandbox) -> Vec<i64> {
    WRITTEN_TABLES.iter().map(|t| sb.count(t)).collect()
}

/// Makes argon2 cheap so tests that hash many passwords stay fast.
pub fn cheap_hashing(sb: &Sandbox) {
    sb.ok(&["config", "set", "argon2.m_cost", "256"], None);
    sb.ok(&["config", "set", "argon2.t_cost", "1"], None);
}

/// Exit code and stderr of a run.
pub fn code_and_err(out: &Output) -> (Option<i32>, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Password of the helpdesk user.
const HELPDESK_PW: &str = "helpdesk-secret-42";

/// Creates permission set Helpdesk (platform.users only) and a member with it, and returns
/// a session token of that member; the admin stays logged in.
pub fn helpdesk_token(sb: &Sandbox) -> String {
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
            "--name",
            "Hel Desk",
            "--permission-set",
            "Helpdesk",
            "--password-stdin",
        ],
        Some(HELPDESK_PW),
    );
    let token = sb.login("help@acme.test", HELPDESK_PW);
    sb.login(ADMIN, ADMIN_PW);
    token
}

fn users(v: &Value) -> &Vec<Value> {
    v["users"].as_array().expect("users array")
}

fn by_email<'a>(v: &'a Value, email: &str) -> &'a Value {
    users(v)
        .iter()
        .find(|u| u["email"] == email)
        .unwrap_or_else(|| panic!("{email} not in {v}"))
}

/// An account in organization Beta only, with its own password (no reset).
fn beta_member(sb: &Sandbox, email: &str, pw: &str) {
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &["--org", "Beta", "add-users", email, "--password-stdin"],
        Some(pw),
    );
}

#[test]
fn json_reports_every_row_created_added_or_skipped() {
    let sb = Sandbox::with_admin();
    beta_member(&sb, "bo@beta.test", "bo-own-password-1");
    let v = sb.json(
        &[
            "add-users",
            "jo@acme.test",
            "Bo@Beta.test",
            ADMIN,
            "--password-stdin",
            "--require-reset",
            "--skip-existing",
        ],
        Some("temp-password-123"),
    );
    assert_eq!(users(&v).len(), 3, "{v}");
    let jo = by_email(&v, "jo@acme.test");
    assert_eq!(jo["status"], "created");
    assert_eq!(jo["reset_required"], true);
    assert_eq!(jo["instructions"], "none");
    assert!(jo.get("generated_password").is_none(), "{jo}");
    let bo = by_email(&v, "Bo@Beta.test");
    assert_eq!(bo["status"], "added");
    assert_eq!(bo["reset_required"], false);
    assert!(
        bo["reason"].as_str().unwrap().contains("existing account"),
        "{bo}"
    );
    let admin = by_email(&v, ADMIN);
    assert_eq!(admin["status"], "skipped");
    assert_eq!(admin["reset_required"], false);
    assert_eq!(admin["instructions"], "none");
    assert!(!contains_bytes(&sb.db_bytes(), "temp-password-123"));
}

#[test]
fn existing_account_is_added_with_its_password_untouched() {
    let sb = Sandbox::with_admin();
    beta_member(&sb, "bo@beta.test", "bo-own-password-1");
    let before: String = sb.sql("SELECT password_hash FROM accounts WHERE email = 'bo@beta.test'");
    let v = sb.json(
        &[
            "add-users",
            "bo@beta.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("admin-chosen-pass-9"),
    );
    let bo = by_email(&v, "bo@beta.test");
    assert_eq!(bo["status"], "added");
    assert_eq!(bo["reset_required"], false);
    let after: String = sb.sql("SELECT password_hash FROM accounts WHERE email = 'bo@beta.test'");
    assert_eq!(before, after, "R3: the password must stay as it was");
    assert_eq!(
        sb.sql::<i64>("SELECT reset_required FROM accounts WHERE email = 'bo@beta.test'"),
        0
    );
    // The old password still logs in, into Acme too; the admin's does not.
    sb.ok(
        &["login", "bo@beta.test", "--password-stdin", "--org", "Acme"],
        Some("bo-own-password-1"),
    );
    sb.fails(
        4,
        &["login", "bo@beta.test", "--password-stdin"],
        Some("admin-chosen-pass-9"),
    );
}

#[test]
fn already_a_member_is_a_conflict_unless_skip_existing() {
    let sb = Sandbox::with_admin();
    sb.ok(&["add-users", "jo@acme.test", "--no-password"], None);
    let before = counts(&sb);
    let err = sb.fails(
        7,
        &[
            "add-users",
            "new@acme.test",
            "JO@acme.test",
            "--no-password",
        ],
        None,
    );
    assert!(
        err.contains("JO@acme.test is already a member of Acme") && err.contains("--skip-existing"),
        "{err}"
    );
    assert_eq!(counts(&sb), before, "a conflict writes nothing");
    let v = sb.json(
        &[
            "add-users",
            "new@acme.test",
            "jo@acme.test",
            "--no-password",
            "--skip-existing",
        ],
        None,
    );
    assert_eq!(by_email(&v, "new@acme.test")["status"], "created");
    assert_eq!(by_email(&v, "jo@acme.test")["status"], "skipped");
}

#[test]
fn adding_users_needs_platform_users() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &["add-users", "sam@acme.test", "--password-stdin"],
        Some("sam-password-77"),
    );
    let token = sb.login("sam@acme.test", "sam-password-77");
    let before = counts(&sb);
    let out = sb.run_as(&token, &["add-users", "x@acme.test", "--no-password"], None);
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Platform management: Users"), "{err}");
    assert_eq!(counts(&sb), before);
}

#[test]
fn choosing_a_permission_set_needs_platform_permissions() {
    let sb = Sandbox::with_admin();
    let token = helpdesk_token(&sb);
    let before = counts(&sb);
    for args in [
        vec![
            "add-users",
            "x@acme.test",
            "--no-password",
            "--permission-set",
            "Standard",
        ],
        vec!["add-users", "--from", "p.csv", "--no-password"],
    ] {
        std::fs::write(
            sb.path().join("p.csv"),
            "email,permission_set\nx@acme.test,Standard\n",
        )
        .unwrap();
        let out = sb.run_as(&token, &args, None);
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(5), "{args:?}: {err}");
        assert!(err.contains("Platform management: Permissions"), "{err}");
        assert_eq!(counts(&sb), before, "{args:?} wrote something");
    }
    // Without choosing, the new member gets the default set.
    let out = sb.run_as(&token, &["add-users", "x@acme.test", "--no-password"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = sb.json(&["users", "show", "x@acme.test"], None);
    assert_eq!(v["permission_set"], "Standard");
}

#[test]
fn permission_set_is_applied_and_unknown_ones_are_named() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(
        3,
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--permission-set",
            "Admins",
        ],
        None,
    );
    assert!(
        err.contains("permission set \"Admins\" does not exist in Acme (permission sets: Administrator, Standard)"),
        "{err}"
    );
    sb.ok(
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--permission-set",
            "administrator",
        ],
        None,
    );
    let v = sb.json(&["users", "show", "x@acme.test"], None);
    assert_eq!(v["permission_set"], "Administrator");
}

#[test]
fn reset_is_required_only_of_new_accounts_with_an_admin_set_password() {
    let sb = Sandbox::with_admin();
    beta_member(&sb, "bo@beta.test", "bo-own-password-1");
    cheap_hashing(&sb);
    let v = sb.json(
        &[
            "add-users",
            "nopw@acme.test",
            "bo@beta.test",
            "--no-password",
            "--require-reset",
        ],
        None,
    );
    let nopw = by_email(&v, "nopw@acme.test");
    assert_eq!(nopw["status"], "created");
    assert_eq!(nopw["reset_required"], false);
    assert_eq!(nopw["reason"], "no password set");
    let bo = by_email(&v, "bo@beta.test");
    assert_eq!(bo["reset_required"], false);
    assert!(bo["reason"].as_str().unwrap().contains("existing account"));
    let v = sb.json(
        &[
            "add-users",
            "gen@acme.test",
            "--generate-password",
            "--require-reset",
        ],
        None,
    );
    let gen = by_email(&v, "gen@acme.test");
    assert_eq!(gen["reset_required"], true);
    assert!(gen.get("reason").is_none(), "{gen}");
    assert_eq!(
        sb.sql::<i64>("SELECT reset_required FROM accounts WHERE email = 'gen@acme.test'"),
        1
    );
    assert_eq!(
        sb.sql::<i64>("SELECT reset_required FROM accounts WHERE email = 'nopw@acme.test'"),
        0
    );
    let out = sb.run(
        &[
            "add-users",
            "gen2@acme.test",
            "--generate-password",
            "--require-reset",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "gen2@acme.test must set a new password within 5 minutes of first logging in."
        ),
        "{err}"
    );
}

/// A CSV of `n` users; row `i` (from 0) is on line `i + 2`.
fn big_csv(n: usize, bad_line: Option<u64>) -> String {
    let mut s = String::from("email,name,groups,field.department\n");
    for i in 0..n {
        let line = i as u64 + 2;
        if Some(line) == bad_line {
            s.push_str("jo.park@,Jo Park,Office,Ops\n");
        } else {
            s.push_str(&format!(
                "user{i}@acme.test,User {i},Office;Warehouse,Ops\n"
            ));
        }
    }
    s
}

fn with_office_and_department(sb: &Sandbox) {
    sb.ok(&["groups", "create", "Office"], None);
    sb.ok(&["groups", "create", "Warehouse"], None);
    sb.ok(
        &[
            "fields",
            "create",
            "department",
            "--type",
            "select",
            "--option",
            "Ops",
            "--option",
            "Sales",
        ],
        None,
    );
}

#[test]
fn one_bad_row_in_a_thousand_writes_nothing_and_names_its_line() {
    let sb = Sandbox::with_admin();
    with_office_and_department(&sb);
    std::fs::write(sb.path().join("hires.csv"), big_csv(1000, Some(58))).unwrap();
    let before = counts(&sb);
    let err = sb.fails(
        3,
        &["add-users", "--from", "hires.csv", "--no-password"],
        None,
    );
    assert!(
        err.contains("hires.csv has 1 invalid row; nothing was added"),
        "{err}"
    );
    assert!(
        err.contains("line 58: \"jo.park@\" is not a valid email address"),
        "{err}"
    );
    assert_eq!(counts(&sb), before, "tables changed: {:?}", WRITTEN_TABLES);

    std::fs::write(sb.path().join("hires.csv"), big_csv(1000, None)).unwrap();
    let v = sb.json(&["add-users", "--from", "hires.csv", "--no-password"], None);
    assert_eq!(users(&v).len(), 1000);
    assert!(users(&v).iter().all(|u| u["status"] == "created"));
    assert_eq!(sb.count("accounts"), before[0] + 1000);
    assert_eq!(sb.count("memberships"), before[1] + 1000);
    assert_eq!(sb.count("group_members"), before[2] + 2000);
    assert_eq!(sb.count("user_field_values"), before[4] + 1000);
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM audit_log WHERE action = 'add_user'"),
        1000,
        "one audit event per row"
    );
}

#[test]
fn every_invalid_row_is_reported_at_once() {
    let sb = Sandbox::with_admin();
    with_office_and_department(&sb);
    std::fs::write(
        sb.path().join("hires.csv"),
        "email,name,groups,field.department\n\
         ok@acme.test,Ok,Office,Ops\n\
         jo.park@,Jo,Office,Ops\n\
         \"multi@acme.test\",\"Two\nLines\",Office,Ops\n\
         wh@acme.test,Wh,Warehose,Ops\n\
         hr@acme.test,Hr,,HR\n\
         OK@acme.test,Dup,,\n",
    )
    .unwrap();
    let before = counts(&sb);
    let err = sb.fails(
        3,
        &["add-users", "--from", "hires.csv", "--no-password"],
        None,
    );
    assert!(
        err.contains("hires.csv has 5 invalid rows; nothing was added"),
        "{err}"
    );
    for expected in [
        "line 3: \"jo.park@\" is not a valid email address",
        "line 4: name \"Two\\nLines\" contains a control character",
        "line 6: group \"Warehose\" does not exist in Acme (groups: Office, Warehouse)",
        "line 7: field \"department\" takes one of: Ops, Sales; not \"HR\"",
        "line 8: ok@acme.test appears again (first on line 2)",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(counts(&sb), before);
}

#[test]
fn json_input_reports_items_numbered_from_1() {
    let sb = Sandbox::with_admin();
    with_office_and_department(&sb);
    std::fs::write(
        sb.path().join("hires.json"),
        r#"[{"email": "a@acme.test", "name": "A", "groups": ["Office"], "field.department": "Sales"},
            {"email": "b@acme.test", "sites": ["Nowhere"]}]"#,
    )
    .unwrap();
    let err = sb.fails(
        3,
        &["add-users", "--from", "hires.json", "--no-password"],
        None,
    );
    assert!(
        err.contains("item 2: site \"Nowhere\" does not exist in Acme"),
        "{err}"
    );
    std::fs::write(
        sb.path().join("hires.json"),
        r#"[{"email": "a@acme.test", "name": "A", "groups": ["Office"], "field.department": "Sales"}]"#,
    )
    .unwrap();
    let v = sb.json(
        &["add-users", "--from", "hires.json", "--no-password"],
        None,
    );
    assert_eq!(by_email(&v, "a@acme.test")["status"], "created");
    let shown = sb.json(&["users", "show", "a@acme.test"], None);
    assert_eq!(shown["groups"], serde_json::json!(["Office"]));
    assert_eq!(shown["fields"]["department"], "Sales");
}

#[test]
fn users_from_standard_input_by_content() {
    let sb = Sandbox::with_admin();
    let v = sb.json(
        &["add-users", "--from", "-", "--no-password"],
        Some("[{\"email\": \"a@acme.test\"}]"),
    );
    assert_eq!(by_email(&v, "a@acme.test")["status"], "created");
    let v = sb.json(
        &["add-users", "--from", "-", "--no-password"],
        Some("email,name\nb@acme.test,Bee"),
    );
    assert_eq!(by_email(&v, "b@acme.test")["status"], "created");
}

#[test]
fn field_values_are_checked_by_type() {
    let sb = Sandbox::with_admin();
    with_office_and_department(&sb);
    sb.ok(&["fields", "create", "start", "--type", "date"], None);
    let before = counts(&sb);
    let err = sb.fails(
        3,
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--field",
            "department=HR",
        ],
        None,
    );
    assert!(
        err.contains("field \"department\" takes one of: Ops, Sales; not \"HR\""),
        "{err}"
    );
    let err = sb.fails(
        3,
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--field",
            "dept=Ops",
        ],
        None,
    );
    assert!(
        err.contains("user field \"dept\" does not exist in Acme (fields: department, start)"),
        "{err}"
    );
    let err = sb.fails(
        3,
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--field",
            "start=31/01/2026",
        ],
        None,
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert_eq!(counts(&sb), before);
    sb.ok(
        &[
            "add-users",
            "x@acme.test",
            "--no-password",
            "--field",
            "department=sales",
            "--field",
            "start=2026-01-31",
            "--group",
            "office",
        ],
        None,
    );
    let v = sb.json(&["users", "show", "x@acme.test"], None);
    assert_eq!(v["fields"]["department"], "Sales");
    assert_eq!(v["fields"]["start"], "2026-01-31");
    assert_eq!(v["groups"], serde_json::json!(["Office"]));
}

#[test]
fn line_breaks_in_names_are_refused_and_nothing_is_written() {
    let sb = Sandbox::with_admin();
    let before = counts(&sb);
    let err = sb.fails(
        3,
        &[
            "add-users",
            "x@acme.test",
            "--name",
            "Jo\r\nPark",
            "--no-password",
        ],
        None,
    );
    assert!(err.contains("control character"), "{err}");
    std::fs::write(
        sb.path().join("cr.csv"),
        "email,name\nx@acme.test,\"Jo\rPark\"\n",
    )
    .unwrap();
    let err = sb.fails(3, &["add-users", "--from", "cr.csv", "--no-password"], None);
    assert!(err.contains("line 2: name"), "{err}");
    assert_eq!(counts(&sb), before);
}

#[test]
fn password_source_is_required_and_unambiguous() {
    let sb = Sandbox::with_admin();
    let before = counts(&sb);
    let err = sb.fails(3, &["add-users", "x@acme.test"], None);
    for flag in [
        "--password-stdin",
        "--password-file",
        "--generate-password",
        "--no-password",
    ] {
        assert!(err.contains(flag), "{err}");
    }
    std::fs::write(
        sb.path().join("pw.csv"),
        "email,password\nx@acme.test,a-fine-password-1\n",
    )
    .unwrap();
    let err = sb.fails(
        3,
        &["add-users", "--from", "pw.csv", "--generate-password"],
        None,
    );
    assert!(
        err.contains("password column") && err.contains("--generate-password"),
        "{err}"
    );
    let err = sb.fails(
        3,
        &["add-users", "--from", "-", "--password-stdin"],
        Some("email\nx@acme.test"),
    );
    assert!(
        err.contains("--password-stdin cannot be used with --from -"),
        "{err}"
    );
    let err = sb.fails(3, &["add-users"], None);
    assert!(err.contains("--from"), "{err}");
    assert_eq!(counts(&sb), before);
}

#[test]
fn passwords_from_a_column_or_file_meet_the_policy() {
    let sb = Sandbox::with_admin();
    cheap_hashing(&sb);
    std::fs::write(
        sb.path().join("pw.csv"),
        "email,password\n\
         a@acme.test,short\n\
         b@acme.test,password\n\
         c@acme.test,c@acme.test\n\
         d@acme.test,\n",
    )
    .unwrap();
    let before = counts(&sb);
    let err = sb.fails(3, &["add-users", "--from", "pw.csv"], None);
    assert!(err.contains("line 2: the password is too short"), "{err}");
    assert!(
        err.contains("line 3: the password is on the list of commonly used"),
        "{err}"
    );
    assert!(
        err.contains("line 4: the password must not be the email address"),
        "{err}"
    );
    assert!(err.contains("line 5: the password is empty"), "{err}");
    assert!(
        !err.contains("short\n") && !err.contains(",password"),
        "{err}"
    );
    assert_eq!(counts(&sb), before);

    std::fs::write(sb.path().join("pw.txt"), "tiny\n").unwrap();
    let err = sb.fails(
        3,
        &["add-users", "a@acme.test", "--password-file", "pw.txt"],
        None,
    );
    assert!(
        err.contains("the password from --password-file: the password is too short"),
        "{err}"
    );
    std::fs::write(sb.path().join("pw.txt"), "a-file-password-5\n").unwrap();
    sb.ok(
        &["add-users", "a@acme.test", "--password-file", "pw.txt"],
        None,
    );
    sb.login("a@acme.test", "a-file-password-5");
}

#[test]
fn twenty_generated_passwords_are_hashed_and_shown_once() {
    let sb = Sandbox::with_admin();
    let mut csv = String::from("email\n");
    for i in 0..20 {
        csv.push_str(&format!("gen{i}@acme.test\n"));
    }
    std::fs::write(sb.path().join("gen.csv"), csv).unwrap();
    let v = sb.json(
        &["add-users", "--from", "gen.csv", "--generate-password"],
        None,
    );
    let passwords: Vec<String> = users(&v)
        .iter()
        .map(|u| u["generated_password"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(passwords.len(), 20);
    assert!(passwords.iter().all(|p| p.len() >= 20));
    let distinct: std::collections::HashSet<_> = passwords.iter().collect();
    assert_eq!(distinct.len(), 20);
    let db = sb.db_bytes();
    assert!(
        passwords.iter().all(|p| !contains_bytes(&db, p)),
        "a password is stored in clear"
    );
    let audit = sb.ok(&["audit", "-o", "json", "--limit", "1000"], None);
    assert!(passwords.iter().all(|p| !audit.contains(p.as_str())));
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM accounts WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"),
        21
    );
    sb.login("gen7@acme.test", &passwords[7]);
}

#[test]
fn table_shows_generated_passwords_only_when_generated() {
    let sb = Sandbox::with_admin();
    cheap_hashing(&sb);
    let out = sb.ok(&["add-users", "a@acme.test", "--no-password"], None);
    assert!(
        out.contains("reset required") && out.contains("instructions"),
        "{out}"
    );
    assert!(!out.contains("generated password"), "{out}");
    let out = sb.ok(&["add-users", "b@acme.test", "--generate-password"], None);
    assert!(out.contains("generated password"), "{out}");
}

#[test]
fn audit_has_one_event_per_row_without_secrets() {
    let sb = Sandbox::with_admin();
    cheap_hashing(&sb);
    sb.ok(
        &[
            "add-users",
            "a@acme.test",
            "b@acme.test",
            "--password-stdin",
            "--require-reset",
        ],
        Some("shared-secret-pw-1"),
    );
    sb.ok(
        &[
            "add-users",
            "a@acme.test",
            "--no-password",
            "--skip-existing",
        ],
        None,
    );
    let v = sb.json(&["audit", "--action", "add_user"], None);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 3, "{v}");
    let details: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["target"].as_str().unwrap(),
                e["outcome"].as_str().unwrap(),
                e["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        details.contains(&("a@acme.test", "skipped", "already a member")),
        "{details:?}"
    );
    assert!(
        details.contains(&(
            "b@acme.test",
            "ok",
            "created; password set by admin; reset required"
        )),
        "{details:?}"
    );
    assert!(events
        .iter()
        .all(|e| e["actor"] == ADMIN && e["org"] == "Acme"));
    assert!(!contains_bytes(&sb.db_bytes(), "shared-secret-pw-1"));
}

#[test]
fn dry_run_validates_and_writes_nothing() {
    let sb = Sandbox::with_admin();
    let before = counts(&sb);
    let v = sb.json(
        &[
            "add-users",
            "a@acme.test",
            ADMIN,
            "--generate-password",
            "--require-reset",
            "--skip-existing",
            "--dry-run",
        ],
        None,
    );
    assert_eq!(by_email(&v, "a@acme.test")["status"], "created");
    assert_eq!(by_email(&v, "a@acme.test")["reset_required"], true);
    assert_eq!(by_email(&v, ADMIN)["status"], "skipped");
    assert_eq!(v["dry_run"], true);
    assert_eq!(counts(&sb), before);
    sb.fails(
        3,
        &["add-users", "bad@", "--no-password", "--dry-run"],
        None,
    );
}

#[test]
fn instructions_are_queued_with_the_accounts_and_delivered_after() {
    let sb = Sandbox::with_admin();
    let v = sb.json(
        &[
            "add-users",
            "a@acme.test",
            "b@acme.test",
            "--no-password",
            "--send-instructions",
            "--message",
            "Welcome aboard.\nBadges are at the desk.",
        ],
        None,
    );
    let users = v["users"].as_array().unwrap();
    assert!(users.iter().all(|u| u["instructions"] == "sent"), "{v}");
    let sent: i64 =
        sb.sql("SELECT count(*) FROM outbox WHERE state = 'sent' AND kind = 'instructions'");
    assert_eq!(sent, 2);
    let emls: Vec<String> = std::fs::read_dir(sb.outbox_dir())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(emls.len(), 2);
    for eml in &emls {
        assert!(
            eml.contains("\n    sp_") && eml.contains("usermgr reset"),
            "{eml}"
        );
        assert!(eml.contains("Acme"), "{eml}");
    }
    let tokens: i64 = sb.sql("SELECT count(*) FROM tokens WHERE kind = 'set_password'");
    assert_eq!(tokens, 2);
    // --message belongs to the email.
    let err = sb.fails(
        3,
        &[
            "add-users",
            "c@acme.test",
            "--no-password",
            "--message",
            "Hi",
        ],
        None,
    );
    assert!(err.contains("--send-instructions"), "{err}");
}

#[test]
fn failed_instructions_keep_the_accounts_and_exit_9() {
    let sb = Sandbox::with_admin();
    // Nothing listens on this port: delivery fails after the accounts were committed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            &format!("smtp://127.0.0.1:{port}?tls=none"),
        ],
        None,
    );
    let out = sb.run(
        &[
            "-o",
            "json",
            "add-users",
            "a@acme.test",
            "--no-password",
            "--send-instructions",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(9),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["users"][0]["status"], "created");
    assert_eq!(v["users"][0]["instructions"], "failed");
    let members: i64 = sb.sql("SELECT count(*) FROM accounts WHERE email = 'a@acme.test'");
    assert_eq!(members, 1);
    let failed = sb.json(&["outbox", "--failed"], None);
    assert_eq!(failed["emails"].as_array().unwrap().len(), 1, "{failed}");
}

#[test]
fn dry_run_checks_the_mail_settings_too() {
    let sb = Sandbox::with_admin();
    let config = sb.path().join("config.toml");
    std::fs::write(&config, "[email]\nfrom = \"not an address\"\n").unwrap();
    let out = sb
        .cmd()
        .env("USERMGR_CONFIG", &config)
        .args([
            "add-users",
            "a@acme.test",
            "--no-password",
            "--send-instructions",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_mail_settings_stop_the_batch_before_anything_is_written() {
    let sb = Sandbox::with_admin();
    let before = counts(&sb);
    let config = sb.path().join("config.toml");
    std::fs::write(&config, "[email]\ntransport = \"pigeon\"\n").unwrap();
    let out = sb
        .cmd()
        .env("USERMGR_CONFIG", &config)
        .args([
            "add-users",
            "a@acme.test",
            "--no-password",
            "--send-instructions",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a transport"));
    assert_eq!(counts(&sb), before);
}

#[test]
fn concurrent_batches_lose_nothing_and_fail_none() {
    let sb = Sandbox::with_admin();
    // Four batches of 60 users; neighbours share 30, so every shared email races.
    let mut children = Vec::new();
    for b in 0..4 {
        let mut csv = String::from("email\n");
        for i in (b * 30)..(b * 30 + 60) {
            csv.push_str(&format!("u{i}@acme.test\n"));
        }
        let file = format!("batch{b}.csv");
        std::fs::write(sb.path().join(&file), csv).unwrap();
        let mut c = sb.std_cmd();
        c.args([
            "-o",
            "json",
            "add-users",
            "--from",
            &file,
            "--no-password",
            "--skip-existing",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
        children.push(c.spawn().unwrap());
    }
    let mut created = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(users(&v).len(), 60);
        created += users(&v)
            .iter()
            .filter(|u| u["status"] == "created")
            .count();
    }
    assert_eq!(
        created, 150,
        "each of the 150 distinct emails is created exactly once"
    );
    assert_eq!(sb.count("accounts"), 151);
    assert_eq!(sb.count("memberships"), 151);
}
