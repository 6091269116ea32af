//! R30 (look-alike addresses) and R33 (the database is ours or untouched).

use std::path::PathBuf;

use usermgr::store::Store;

use crate::support::{foreign_sqlite, journal_mode, Sandbox, ADMIN};

/// `admin@acme.test` with a Cyrillic `а` (U+0430) as its first letter.
const CYRILLIC_ADMIN: &str = "\u{0430}dmin@acme.test";

#[test]
fn r30_cyrillic_lookalike_is_a_conflict_naming_the_existing_account() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(7, &["add-users", "--no-password", CYRILLIC_ADMIN], None);
    assert!(err.contains(ADMIN), "names the existing account: {err}");
    assert_eq!(sb.count("accounts"), 1, "nothing written");

    // Two rows of one file that look like each other: the whole batch is refused.
    let csv = sb.path().join("users.csv");
    std::fs::write(
        &csv,
        "email,name\njo@acme.test,Jo\nj\u{043e}@acme.test,Jo again\nkim@acme.test,Kim\n",
    )
    .unwrap();
    let err = sb.fails(
        7,
        &[
            "add-users",
            "--no-password",
            "--from",
            csv.to_str().unwrap(),
        ],
        None,
    );
    assert!(err.contains("jo@acme.test"), "{err}");
    assert_eq!(sb.count("accounts"), 1, "nothing of the batch written");

    // The same address again is not a look-alike: it is the same account.
    sb.ok(&["add-users", "--no-password", "jo@acme.test"], None);
    sb.ok(
        &[
            "add-users",
            "--no-password",
            "--skip-existing",
            "JO@acme.test",
        ],
        None,
    );
    assert_eq!(sb.count("accounts"), 2);
    let stored: String = sb.sql("SELECT skeleton FROM accounts WHERE email = 'jo@acme.test'");
    assert!(!stored.is_empty());
}

#[test]
fn r30_mixed_script_domain_is_invalid() {
    let sb = Sandbox::with_admin();
    // `tеst` with a Cyrillic `е` (U+0435).
    let err = sb.fails(
        3,
        &["add-users", "--no-password", "admin@acme.t\u{0435}st"],
        None,
    );
    assert!(err.contains("mixes scripts"), "{err}");
    assert_eq!(sb.count("accounts"), 1);
}

/// The files SQLite may leave beside a database.
fn side_files(db: &std::path::Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", db.display())))
        .filter(|p| p.exists())
        .collect()
}

#[test]
fn r33_foreign_sqlite_file_is_refused_and_untouched() {
    let sb = Sandbox::new();
    let foreign = sb.path().join("notes.db");
    foreign_sqlite(
        &foreign,
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);
         INSERT INTO notes (text) VALUES ('keep me');",
    );
    let before = std::fs::read(&foreign).unwrap();
    let db = foreign.to_str().unwrap();
    for args in [
        vec!["--db", db, "whoami"],
        vec!["--db", db, "users", "list"],
        vec!["--db", db, "login", ADMIN, "--password-stdin"],
        vec!["--db", db, "doctor"],
    ] {
        let err = sb.fails(3, &args, Some("whatever-password"));
        assert!(err.contains("is not a usermgr database"), "{args:?}: {err}");
        assert!(err.contains("notes.db"), "{err}");
        assert_eq!(
            std::fs::read(&foreign).unwrap(),
            before,
            "{args:?} changed it"
        );
        assert_eq!(side_files(&foreign), Vec::<PathBuf>::new(), "{args:?}");
    }
    assert_eq!(journal_mode(&foreign), "delete", "no switch to WAL");

    // Not SQLite at all: the same answer.
    let text = sb.path().join("readme.txt");
    std::fs::write(&text, "hello, this is not a database at all\n".repeat(200)).unwrap();
    let err = sb.fails(3, &["--db", text.to_str().unwrap(), "whoami"], None);
    assert!(err.contains("is not a usermgr database"), "{err}");
}

#[test]
fn r33_newer_schema_is_exit_11_naming_both_versions() {
    let sb = Sandbox::with_admin();
    let newer = Store::latest_version() + 7;
    sb.set_schema_version(newer);
    let err = sb.fails(11, &["whoami"], None);
    assert!(err.contains(&format!("schema version {newer}")), "{err}");
    assert!(
        err.contains(&format!("schema version {}", Store::latest_version())),
        "{err}"
    );
    assert!(err.contains("upgrade usermgr"), "{err}");
}

#[test]
fn r33_reserved_org_names_are_refused() {
    let fresh = Sandbox::new();
    for name in ["-", "*", "  ", "a\u{200b}b"] {
        let err = fresh.fails(
            3,
            &["init", "--org", name, "--admin", ADMIN, "--password-stdin"],
            Some("admin-correct-horse"),
        );
        assert!(err.contains("organization name"), "{name:?}: {err}");
        assert!(!fresh.db_created(), "nothing created for {name:?}");
    }

    let sb = Sandbox::with_admin();
    let long = "x".repeat(101);
    for name in ["-", "*", " * ", "", "tab\there", long.as_str()] {
        let err = sb.fails(3, &["orgs", "create", "--", name], None);
        assert!(err.contains("organization name"), "{name:?}: {err}");
    }
    sb.ok(&["orgs", "create", "  Beta Corp  "], None);
    let orgs = sb.json(&["orgs", "list"], None);
    let names: Vec<&str> = orgs["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme", "Beta Corp"]);
}

/// A membership names an existing account, an existing organization and a permission set of
/// that organization, however the row gets there; deleting an account or an organization
/// takes its memberships along; a permission set in use is not deleted. (PostgreSQL checks
/// these once per statement since schema 6, SQLite with foreign keys and a trigger.)
#[test]
fn the_schema_keeps_every_membership_pointing_at_what_exists() {
    let sb = Sandbox::with_admin();
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &["add-users", "--no-password", "u@acme.test", "v@acme.test"],
        None,
    );
    let fk = if sb.is_postgres() {
        "SQLSTATE 23503"
    } else {
        "FOREIGN KEY constraint failed"
    };
    let acme = "(SELECT id FROM organizations WHERE name = 'Acme')";
    let beta = "(SELECT id FROM organizations WHERE name = 'Beta')";
    let u = "(SELECT id FROM accounts WHERE email = 'u@acme.test')";
    let acme_set = format!("(SELECT min(id) FROM permission_sets WHERE org_id = {acme})");
    let beta_set = format!("(SELECT min(id) FROM permission_sets WHERE org_id = {beta})");
    let insert = |account: &str, org: &str, set: &str| {
        format!(
            "INSERT INTO memberships (account_id, org_id, permission_set_id, created_at) VALUES ({account}, {org}, {set}, 0)"
        )
    };
    // The administrator in both organizations, u and v in Acme.
    let before = sb.count("memberships");
    assert_eq!(before, 4);

    for bad in [
        // a set of another organization, moved to or inserted with
        format!("UPDATE memberships SET permission_set_id = {beta_set} WHERE account_id = {u}"),
        insert(u, beta, &acme_set),
        // an account or an organization that does not exist
        insert("987654", beta, &beta_set),
        insert(u, "987654", &beta_set),
        // a set in use
        format!("DELETE FROM permission_sets WHERE id = (SELECT permission_set_id FROM memberships WHERE account_id = {u})"),
    ] {
        let err = sb.try_exec(&bad).expect_err(&bad);
        assert!(err.contains(fk), "{bad}: {err}");
    }
    assert_eq!(sb.count("memberships"), before, "nothing changed");
    assert_eq!(sb.count("accounts"), 3);

    // Right references are accepted; deleting the account takes both its memberships.
    sb.try_exec(&insert(u, beta, &beta_set)).unwrap();
    assert_eq!(sb.count("memberships"), before + 1);
    sb.try_exec(&format!("DELETE FROM accounts WHERE id = {u}"))
        .unwrap();
    assert_eq!(sb.count("memberships"), before - 1);

    // Deleting an organization takes its memberships and its sets along, the sets in use
    // included; the other organization keeps its own, and its member.
    let beta_sets: i64 = sb.sql(&format!(
        "SELECT count(*) FROM permission_sets WHERE org_id = {beta}"
    ));
    sb.try_exec(&format!("DELETE FROM organizations WHERE id = {acme}"))
        .unwrap();
    assert_eq!(sb.count("memberships"), 1);
    let left: i64 = sb.sql(&format!(
        "SELECT count(*) FROM memberships WHERE org_id = {beta}"
    ));
    assert_eq!(left, 1);
    assert_eq!(sb.count("permission_sets"), beta_sets);
}
