//! groups, sites and fields: list, create, delete, and who may.

use crate::add_users::{code_and_err, helpdesk_token};
use crate::support::Sandbox;

#[test]
fn groups_and_sites_list_create_delete_with_member_counts() {
    let sb = Sandbox::with_admin();
    for kind in ["groups", "sites"] {
        sb.ok(&[kind, "create", "Office"], None);
        sb.ok(&[kind, "create", "Warehouse"], None);
        sb.fails(7, &[kind, "create", "office"], None);
        let err = sb.fails(3, &[kind, "create", "A;B"], None);
        assert!(err.contains("\";\""), "{err}");
        sb.fails(3, &[kind, "create", "  "], None);
    }
    sb.ok(
        &[
            "add-users",
            "a@acme.test",
            "b@acme.test",
            "--no-password",
            "--group",
            "Office",
            "--site",
            "Warehouse",
        ],
        None,
    );
    let v = sb.json(&["groups", "list"], None);
    assert_eq!(
        v,
        serde_json::json!({"groups": [{"name": "Office", "members": 2}, {"name": "Warehouse", "members": 0}]})
    );
    let v = sb.json(&["sites", "list"], None);
    assert_eq!(
        v["sites"][1],
        serde_json::json!({"name": "Warehouse", "members": 2})
    );
    let table = sb.ok(&["groups", "list"], None);
    assert!(
        table.contains("Office") && table.contains("members"),
        "{table}"
    );

    let err = sb.fails(6, &["groups", "delete", "Nope"], None);
    assert!(err.contains("groups: Office, Warehouse"), "{err}");
    sb.ok(&["groups", "delete", "office", "--yes"], None);
    assert_eq!(
        sb.count("group_members"),
        0,
        "memberships leave with the group"
    );
    assert_eq!(
        sb.count("memberships"),
        3,
        "members stay in the organization"
    );
}

#[test]
fn managing_groups_sites_and_fields_needs_their_permission() {
    let sb = Sandbox::with_admin();
    sb.ok(&["groups", "create", "Office"], None);
    let token = helpdesk_token(&sb);
    for (args, perm) in [
        (
            vec!["groups", "create", "Lab"],
            "Platform management: Groups",
        ),
        (
            vec!["groups", "delete", "Office"],
            "Platform management: Groups",
        ),
        (
            vec!["sites", "create", "Sydney"],
            "Platform management: Sites",
        ),
        (
            vec!["fields", "create", "dept"],
            "Platform management: User fields",
        ),
    ] {
        let out = sb.run_as(&token, &args, None);
        let (code, err) = code_and_err(&out);
        assert_eq!(code, Some(5), "{args:?}: {err}");
        assert!(err.contains(perm), "{err}");
    }
    // Listing needs only membership.
    let out = sb.run_as(&token, &["-o", "json", "groups", "list"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Office"));
}

#[test]
fn fields_are_typed_and_select_needs_options() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(3, &["fields", "create", "dept", "--type", "select"], None);
    assert!(err.contains("--option"), "{err}");
    let err = sb.fails(
        3,
        &[
            "fields", "create", "age", "--type", "number", "--option", "1",
        ],
        None,
    );
    assert!(err.contains("only to --type select"), "{err}");
    sb.fails(3, &["fields", "create", "a=b"], None);
    sb.ok(
        &[
            "fields", "create", "dept", "--type", "select", "--option", "Ops", "--option", "Sales",
        ],
        None,
    );
    sb.ok(&["fields", "create", "start", "--type", "date"], None);
    sb.ok(&["fields", "create", "note"], None);
    sb.fails(7, &["fields", "create", "DEPT"], None);
    let v = sb.json(&["fields", "list"], None);
    assert_eq!(
        v,
        serde_json::json!({"fields": [
            {"name": "dept", "type": "select", "options": ["Ops", "Sales"]},
            {"name": "note", "type": "text", "options": []},
            {"name": "start", "type": "date", "options": []},
        ]})
    );
    sb.ok(
        &[
            "add-users",
            "a@acme.test",
            "--no-password",
            "--field",
            "dept=Ops",
        ],
        None,
    );
    assert_eq!(sb.count("user_field_values"), 1);
    sb.fails(6, &["fields", "delete", "department"], None);
    sb.ok(&["fields", "delete", "dept", "--yes"], None);
    assert_eq!(
        sb.count("user_field_values"),
        0,
        "values go with their field"
    );
    let events = sb.json(&["audit", "--action", "delete_field"], None);
    assert_eq!(events["events"][0]["target"], "dept");
}

#[test]
fn permission_sets_create_keeps_working_for_add_users() {
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
    sb.ok(
        &[
            "add-users",
            "h@acme.test",
            "--no-password",
            "--permission-set",
            "helpdesk",
        ],
        None,
    );
    let v = sb.json(&["permission-sets", "list"], None);
    let helpdesk = v["permission_sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Helpdesk")
        .unwrap();
    assert_eq!(helpdesk["members"], 1);
}
