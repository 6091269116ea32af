//! users list/show/unlock/remove/set-permission-set/update.

use serde_json::Value;

use crate::add_users::{code_and_err, helpdesk_token};
use crate::support::{Sandbox, ADMIN, ADMIN_PW};

fn emails(v: &Value) -> Vec<String> {
    v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap().to_string())
        .collect()
}

/// Acme with groups, sites, a field and four members besides the admin.
fn populated() -> Sandbox {
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
    std::fs::write(
        sb.path().join("team.csv"),
        "email,name,groups,sites,field.dept\n\
         jo@acme.test,Jo Park,Office;Warehouse,Sydney,Ops\n\
         kim@acme.test,\"Kim, Lee\",Warehouse,,Sales\n\
         lu@acme.test,Lu Chen,,Sydney,\n",
    )
    .unwrap();
    sb.ok(
        &[
            "add-users",
            "--from",
            "team.csv",
            "--generate-password",
            "--require-reset",
        ],
        None,
    );
    sb.ok(
        &[
            "add-users",
            "sam@acme.test",
            "--name",
            "Sam",
            "--password-stdin",
        ],
        Some("sam-password-77"),
    );
    sb
}

#[test]
fn list_filters_by_group_site_reset_and_search() {
    let sb = populated();
    let all = sb.json(&["users", "list"], None);
    assert_eq!(
        emails(&all),
        [
            ADMIN,
            "jo@acme.test",
            "kim@acme.test",
            "lu@acme.test",
            "sam@acme.test"
        ]
    );
    let jo = &all["users"][1];
    assert_eq!(jo["name"], "Jo Park");
    assert_eq!(jo["permission_set"], "Standard");
    assert_eq!(jo["groups"], serde_json::json!(["Office", "Warehouse"]));
    assert_eq!(jo["sites"], serde_json::json!(["Sydney"]));
    assert_eq!(jo["fields"], serde_json::json!({"dept": "Ops"}));
    assert_eq!(jo["reset_required"], true);
    assert_eq!(jo["locked"], false);

    let v = sb.json(&["users", "list", "--group", "warehouse"], None);
    assert_eq!(emails(&v), ["jo@acme.test", "kim@acme.test"]);
    let v = sb.json(
        &["users", "list", "--site", "Sydney", "--group", "Office"],
        None,
    );
    assert_eq!(emails(&v), ["jo@acme.test"]);
    let v = sb.json(&["users", "list", "--reset-pending"], None);
    assert_eq!(
        emails(&v),
        ["jo@acme.test", "kim@acme.test", "lu@acme.test"]
    );
    let v = sb.json(&["users", "list", "--search", "CHEN"], None);
    assert_eq!(emails(&v), ["lu@acme.test"]);
    let v = sb.json(&["users", "list", "--search", "sam@"], None);
    assert_eq!(emails(&v), ["sam@acme.test"]);
    let err = sb.fails(3, &["users", "list", "--group", "Lab"], None);
    assert!(err.contains("groups: Office, Warehouse"), "{err}");
}

#[test]
fn list_as_csv_has_one_line_per_member() {
    let sb = populated();
    let csv = sb.ok(&["-o", "csv", "users", "list"], None);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "email,name,permission_set,groups,sites,field.dept,reset_required,locked,disabled"
    );
    assert_eq!(lines.len(), 6, "{csv}");
    assert_eq!(
        lines[2],
        "jo@acme.test,Jo Park,Standard,Office;Warehouse,Sydney,Ops,true,false,false"
    );
    assert_eq!(
        lines[3],
        "kim@acme.test,\"Kim, Lee\",Standard,Warehouse,,Sales,true,false,false"
    );
    let csv = sb.ok(&["-o", "csv", "users", "list", "--site", "Sydney"], None);
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[test]
fn show_makes_the_reset_state_visible() {
    let sb = populated();
    let v = sb.json(&["users", "show", "JO@acme.test"], None);
    assert_eq!(v["email"], "jo@acme.test");
    assert_eq!(
        v["orgs"],
        serde_json::json!([{"name": "Acme", "permission_set": "Standard"}])
    );
    assert_eq!(v["groups"], serde_json::json!(["Office", "Warehouse"]));
    assert_eq!(v["fields"]["dept"], "Ops");
    assert_eq!(v["has_password"], true);
    assert_eq!(v["reset_required"], true);
    assert_eq!(v["reset_window_expires_at"], Value::Null);
    let set_at =
        chrono::DateTime::parse_from_rfc3339(v["password_set_at"].as_str().unwrap()).unwrap();
    let expires =
        chrono::DateTime::parse_from_rfc3339(v["temp_password_expires_at"].as_str().unwrap())
            .unwrap();
    assert_eq!(
        (expires - set_at).num_seconds(),
        7 * 86_400,
        "temp_password_ttl"
    );

    // A reset window is open: its deadline shows.
    let deadline_ms = chrono::Utc::now().timestamp_millis() + 300_000;
    sb.exec(&format!(
        "INSERT INTO tokens (kind, token_hash, account_id, org_id, created_at, expires_at)
         SELECT 'reset_window', 'test-hash', id, NULL, {}, {deadline_ms} FROM accounts WHERE email = 'jo@acme.test'",
        deadline_ms - 300_000
    ));
    let v = sb.json(&["users", "show", "jo@acme.test"], None);
    let deadline =
        chrono::DateTime::parse_from_rfc3339(v["reset_window_expires_at"].as_str().unwrap())
            .unwrap();
    assert_eq!(deadline.timestamp(), deadline_ms / 1000);
    let table = sb.ok(&["users", "show", "jo@acme.test"], None);
    assert!(table.contains("open until"), "{table}");
    assert!(table.contains("admin-set password expires"), "{table}");

    let sam = sb.json(&["users", "show", "sam@acme.test"], None);
    assert_eq!(sam["reset_required"], false);
    assert_eq!(sam["temp_password_expires_at"], Value::Null);

    sb.fails(6, &["users", "show", "nobody@acme.test"], None);
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "bo@beta.test",
            "--no-password",
        ],
        None,
    );
    let err = sb.fails(6, &["users", "show", "bo@beta.test"], None);
    assert!(err.contains("not a member of Acme"), "{err}");
}

#[test]
fn unlock_ends_a_lockout() {
    let sb = populated();
    for _ in 0..5 {
        sb.fails(
            4,
            &["login", "sam@acme.test", "--password-stdin"],
            Some("wrong-password-1"),
        );
    }
    let err = sb.fails(
        4,
        &["login", "sam@acme.test", "--password-stdin"],
        Some("sam-password-77"),
    );
    // The person at the prompt sees what any failure shows; admins see the lock (R26).
    assert_eq!(err.trim(), "error: wrong email or password");
    assert_eq!(
        sb.json(&["users", "show", "sam@acme.test"], None)["locked"],
        true
    );
    let v = sb.json(&["users", "list"], None);
    assert_eq!(v["users"][4]["locked"], true);
    sb.ok(&["users", "unlock", "sam@acme.test"], None);
    assert_eq!(
        sb.json(&["users", "show", "sam@acme.test"], None)["locked"],
        false
    );
    let events = sb.json(&["audit", "--action", "unlock"], None);
    assert_eq!(events["events"][0]["target"], "sam@acme.test");
    sb.login("sam@acme.test", "sam-password-77");
    let err = sb.fails(5, &["users", "unlock", "jo@acme.test"], None);
    assert!(err.contains("Platform management: Users"), "{err}");
}

#[test]
fn remove_takes_the_membership_and_an_orphaned_account() {
    let sb = populated();
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            "jo@acme.test",
            "--no-password",
        ],
        None,
    );
    let accounts = sb.count("accounts");
    sb.ok(&["users", "remove", "jo@acme.test", "--yes"], None);
    assert_eq!(sb.count("accounts"), accounts, "jo still belongs to Beta");
    sb.fails(6, &["users", "show", "jo@acme.test"], None);
    sb.ok(&["users", "remove", "kim@acme.test", "--yes"], None);
    assert_eq!(
        sb.count("accounts"),
        accounts - 1,
        "kim belonged nowhere else"
    );
    assert_eq!(
        sb.sql::<i64>("SELECT count(*) FROM accounts WHERE email = 'kim@acme.test'"),
        0
    );
    let err = sb.fails(5, &["users", "remove", ADMIN], None);
    assert!(err.contains("cannot remove yourself"), "{err}");
    sb.fails(6, &["users", "remove", "kim@acme.test"], None);
    let events = sb.json(&["audit", "--action", "remove_user"], None);
    assert!(events["events"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("account deleted"));
}

#[test]
fn set_permission_set_needs_platform_permissions_and_keeps_an_admin() {
    let sb = populated();
    let token = helpdesk_token(&sb);
    let out = sb.run_as(
        &token,
        &["users", "set-permission-set", "jo@acme.test", "Helpdesk"],
        None,
    );
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Platform management: Permissions"), "{err}");
    let err = sb.fails(
        3,
        &["users", "set-permission-set", "jo@acme.test", "Root"],
        None,
    );
    assert!(
        err.contains("permission sets: Administrator, Standard, Helpdesk"),
        "{err}"
    );
    sb.ok(
        &["users", "set-permission-set", "jo@acme.test", "helpdesk"],
        None,
    );
    assert_eq!(
        sb.json(&["users", "show", "jo@acme.test"], None)["permission_set"],
        "Helpdesk"
    );
    let err = sb.fails(7, &["users", "set-permission-set", ADMIN, "Standard"], None);
    assert!(err.contains("last member"), "{err}");
    sb.ok(
        &[
            "users",
            "set-permission-set",
            "sam@acme.test",
            "Administrator",
        ],
        None,
    );
    sb.ok(&["users", "set-permission-set", ADMIN, "Standard"], None);
    // The admin lost the permissions with their set; sam holds them now.
    sb.fails(
        5,
        &["users", "set-permission-set", "jo@acme.test", "Standard"],
        None,
    );
    sb.login("sam@acme.test", "sam-password-77");
    sb.ok(
        &["users", "set-permission-set", ADMIN, "Administrator"],
        None,
    );
    sb.login(ADMIN, ADMIN_PW);
}

#[test]
fn update_changes_groups_sites_and_fields() {
    let sb = populated();
    sb.ok(
        &[
            "users",
            "update",
            "lu@acme.test",
            "--add-group",
            "office",
            "--remove-site",
            "Sydney",
            "--field",
            "dept=sales",
        ],
        None,
    );
    let v = sb.json(&["users", "show", "lu@acme.test"], None);
    assert_eq!(v["groups"], serde_json::json!(["Office"]));
    assert_eq!(v["sites"], serde_json::json!([]));
    assert_eq!(v["fields"]["dept"], "Sales");
    sb.ok(
        &["users", "update", "lu@acme.test", "--clear-field", "dept"],
        None,
    );
    assert_eq!(
        sb.json(&["users", "show", "lu@acme.test"], None)["fields"],
        serde_json::json!({})
    );
    let err = sb.fails(
        3,
        &["users", "update", "lu@acme.test", "--field", "dept=HR"],
        None,
    );
    assert!(err.contains("Ops, Sales"), "{err}");
    let err = sb.fails(
        3,
        &["users", "update", "lu@acme.test", "--add-group", "Lab"],
        None,
    );
    assert!(err.contains("groups: Office, Warehouse"), "{err}");
    sb.fails(3, &["users", "update", "lu@acme.test"], None);
    sb.fails(
        6,
        &["users", "update", "none@acme.test", "--add-group", "Office"],
        None,
    );

    // A member who may manage groups (but not users or fields) may change groups only.
    sb.ok(
        &[
            "permission-sets",
            "create",
            "Grouper",
            "--permission",
            "platform.groups",
        ],
        None,
    );
    sb.ok(
        &["users", "set-permission-set", "sam@acme.test", "Grouper"],
        None,
    );
    let token = sb.login("sam@acme.test", "sam-password-77");
    sb.login(ADMIN, ADMIN_PW);
    let out = sb.run_as(
        &token,
        &[
            "users",
            "update",
            "lu@acme.test",
            "--add-group",
            "Warehouse",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = sb.run_as(
        &token,
        &["users", "update", "lu@acme.test", "--field", "dept=Ops"],
        None,
    );
    let (code, err) = code_and_err(&out);
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("Platform management: User fields"), "{err}");
    let events = sb.json(&["audit", "--action", "update_user"], None);
    assert_eq!(events["events"][0]["detail"], "+group Warehouse");
}

#[test]
fn a_member_cannot_remove_someone_more_powerful() {
    let sb = Sandbox::with_admin();
    let help = helpdesk_token(&sb);
    sb.ok(
        &[
            "add-users",
            "boss@acme.test",
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some("boss-password-123"),
    );
    sb.ok(&["add-users", "plain@acme.test", "--no-password"], None);
    let out = sb.run_as(&help, &["users", "remove", "boss@acme.test"], None);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Platform management: Permissions"));
    sb.ok_as(
        &help,
        &["users", "remove", "plain@acme.test", "--yes"],
        None,
    );
}

#[test]
fn nobody_hands_out_more_power_than_they_hold() {
    let sb = Sandbox::with_admin();
    sb.ok(
        &[
            "permission-sets",
            "create",
            "People",
            "--permission",
            "platform.users",
            "--permission",
            "platform.permissions",
        ],
        None,
    );
    sb.ok(
        &[
            "add-users",
            "hr@acme.test",
            "--password-stdin",
            "--permission-set",
            "People",
        ],
        Some("hr-password-1234"),
    );
    sb.ok(&["add-users", "temp@acme.test", "--no-password"], None);
    let hr = sb.login("hr@acme.test", "hr-password-1234");
    sb.login(ADMIN, ADMIN_PW);
    for args in [
        vec![
            "users",
            "set-permission-set",
            "hr@acme.test",
            "Administrator",
        ],
        vec![
            "users",
            "set-permission-set",
            "temp@acme.test",
            "Administrator",
        ],
        vec!["users", "set-permission-set", ADMIN, "Standard"],
        vec![
            "permission-sets",
            "create",
            "Fields",
            "--permission",
            "platform.fields",
        ],
        vec![
            "add-users",
            "new@acme.test",
            "--no-password",
            "--permission-set",
            "Administrator",
        ],
    ] {
        let out = sb.run_as(&hr, &args, None);
        assert_eq!(
            out.status.code(),
            Some(5),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("which you do not have"),
            "{args:?}"
        );
    }
    // Within their own power they may act.
    sb.ok_as(
        &hr,
        &["users", "set-permission-set", "temp@acme.test", "People"],
        None,
    );
    sb.ok_as(
        &hr,
        &[
            "add-users",
            "new@acme.test",
            "--no-password",
            "--permission-set",
            "People",
        ],
        None,
    );
    let me = sb.json(&["users", "show", "hr@acme.test"], None);
    assert_eq!(me["permission_set"], "People");
}
