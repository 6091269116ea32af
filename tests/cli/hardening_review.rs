//! Holes found by reviewing the version 2 rules as an attacker would: account-wide actions
//! across organizations (R23), and secrets in URLs that must never reach a message.

use crate::support::{Sandbox, ADMIN, ADMIN_PW};

const MALLORY: &str = "mallory@beta.test";
const ALICE: &str = "alice@acme.test";
const PW: &str = "a-long-enough-password-1";

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// Acme's Administrators are admin and alice; Beta's only Administrator is Mallory, who is
/// not in Acme. Returns the tokens of admin and Mallory.
fn two_tenants() -> (Sandbox, String, String) {
    let sb = Sandbox::with_admin();
    sb.ok(&["orgs", "create", "Beta"], None);
    sb.ok(
        &[
            "--org",
            "Beta",
            "add-users",
            MALLORY,
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some(PW),
    );
    sb.ok(
        &[
            "add-users",
            ALICE,
            "--password-stdin",
            "--permission-set",
            "Administrator",
        ],
        Some(PW),
    );
    let admin = sb.login(ADMIN, ADMIN_PW);
    let mallory = sb.login(MALLORY, PW);
    (sb, admin, mallory)
}

#[test]
fn r23_admin_of_another_org_cannot_unlock_disable_or_rename_a_shared_account() {
    let (sb, admin, mallory) = two_tenants();
    // Mallory adds Acme's administrator to Beta (a membership only, R3) ...
    sb.ok_as(&mallory, &["add-users", ALICE, "--no-password"], None);
    // ... and guesses until the account locks.
    for i in 0..5 {
        let out = sb.run(
            &["login", ALICE, "--password-stdin"],
            Some(&format!("guess-{i}-xxxxxxxx")),
        );
        assert_eq!(code(&out), Some(4));
    }
    let locked = |sb: &Sandbox| {
        let out = sb.run_as(&admin, &["-o", "json", "users", "show", ALICE], None);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["locked"].as_bool().unwrap()
    };
    assert!(locked(&sb));

    // Unlocking would let Mallory guess on without limit: refused, and still locked.
    let out = sb.run_as(&mallory, &["users", "unlock", ALICE], None);
    assert_eq!(code(&out), Some(5), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Acme"), "{err}");
    assert!(locked(&sb));

    // Disabling Acme's administrator, or renaming the account, is refused too.
    let out = sb.run_as(&mallory, &["users", "disable", ALICE], None);
    assert_eq!(code(&out), Some(5), "{out:?}");
    std::fs::write(
        sb.path().join("rename.csv"),
        format!("email,name\n{ALICE},Mallory Was Here\n"),
    )
    .unwrap();
    let out = sb.run_as(&mallory, &["users", "update", "--from", "rename.csv"], None);
    assert_eq!(code(&out), Some(5), "{out:?}");
    let out = sb.run_as(&admin, &["-o", "json", "users", "show", ALICE], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(v["name"], "Mallory Was Here", "{v}");
    assert_eq!(v["disabled"], false, "{v}");

    // The admin, who holds Platform management: Users in both organizations, may.
    sb.ok_as(&admin, &["users", "unlock", ALICE], None);
    assert!(!locked(&sb));
}

#[test]
fn an_smtp_password_in_a_mistyped_transport_is_never_shown() {
    let sb = Sandbox::with_admin();
    for value in [
        "smtps://relay:Hunter2-Secret@mail.acme.test:465",
        "smtp://relay:Hunter2/Secret@mail.acme.test:587",
        "smtp://relay:Hunter2-Secret@mail.acme.test:587",
    ] {
        let out = sb.run(
            &["-o", "json", "config", "set", "email.transport", value],
            None,
        );
        assert_eq!(code(&out), Some(3), "{value}: {out:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("Hunter2"), "{value}: {all}");
    }
    // The same mistake in a machine's config file: warned about at start and in doctor,
    // without the password.
    let cfg = sb.path().join("config").join("usermgr");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "[email]\ntransport = \"smtps://relay:Hunter2-Secret@mail.acme.test:465\"\n",
    )
    .unwrap();
    for args in [
        &["whoami"][..],
        &["-o", "json", "doctor"][..],
        &["doctor"][..],
    ] {
        let out = sb.run(args, None);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("line 2"), "{args:?}: {all}");
        assert!(!all.contains("Hunter2"), "{args:?}: {all}");
    }
}

#[test]
fn a_postgres_url_is_refused_without_showing_its_password() {
    let sb = Sandbox::with_admin();
    let url = "postgresql://dbadmin:Pg-Secret-Pass@db.acme.test/usermgr";
    for args in [&["users", "list"][..], &["-o", "json", "doctor"][..]] {
        let mut full = vec!["--db", url];
        full.extend_from_slice(args);
        let out = sb.run(&full, None);
        assert_eq!(code(&out), Some(11), "{args:?}: {out:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("Pg-Secret-Pass"), "{args:?}: {all}");
        assert!(all.contains("db.acme.test"), "{args:?}: {all}");
    }
}

#[test]
fn smtp_login_without_tls_only_to_a_loopback_address() {
    let sb = Sandbox::with_admin();
    let err = sb.fails(
        3,
        &[
            "config",
            "set",
            "email.transport",
            "smtp://relay@127.mail.example?tls=none",
        ],
        None,
    );
    assert!(err.contains("unencrypted"), "{err}");
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            "smtp://relay@127.0.0.1:2525?tls=none",
        ],
        None,
    );
    sb.ok(
        &[
            "config",
            "set",
            "email.transport",
            "smtp://relay@localhost:2525?tls=none",
        ],
        None,
    );
}

#[test]
fn r31_a_json_key_repeated_in_another_case_is_a_duplicate() {
    let sb = Sandbox::with_admin();
    std::fs::write(
        sb.path().join("dup.json"),
        r#"[{"email":"new1@acme.test","EMAIL":"new2@acme.test","name":"Y"}]"#,
    )
    .unwrap();
    let out = sb.run(
        &[
            "-o",
            "json",
            "add-users",
            "--from",
            "dup.json",
            "--no-password",
        ],
        None,
    );
    assert_eq!(code(&out), Some(3), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["details"][0]["item"], 1, "{v}");
    assert!(
        v["error"]["details"][0]["message"]
            .as_str()
            .unwrap()
            .contains("twice"),
        "{v}"
    );
    assert_eq!(sb.count("accounts"), 1, "nothing was added");
}

#[test]
fn r31_an_error_names_at_most_200_characters_of_a_key() {
    let sb = Sandbox::with_admin();
    let key = "k".repeat(5000);
    std::fs::write(
        sb.path().join("long.json"),
        format!(r#"[{{"email":"new1@acme.test","{key}":"x"}}]"#),
    )
    .unwrap();
    let out = sb.run(
        &[
            "-o",
            "json",
            "add-users",
            "--from",
            "long.json",
            "--no-password",
        ],
        None,
    );
    assert_eq!(code(&out), Some(3), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let column = v["error"]["details"][0]["column"].as_str().unwrap();
    assert!(
        column.chars().count() <= 201,
        "{} characters",
        column.chars().count()
    );
    assert!(
        out.stdout.len() < 2000 && out.stderr.len() < 2000,
        "{out:?}"
    );
}

#[test]
fn r33_a_foreign_wal_file_left_by_a_crashed_writer_is_not_checkpointed() {
    let sb = Sandbox::new();
    let db = sb.path().join("foreign.db");
    // Another program's database in WAL mode whose process died before checkpointing.
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3, os, sys\n\
             c = sqlite3.connect(sys.argv[1])\n\
             c.execute('pragma journal_mode=wal')\n\
             c.execute('create table t(x)')\n\
             c.execute('insert into t values (1)')\n\
             c.commit()\n\
             os._exit(0)\n",
        )
        .arg(&db)
        .status()
        .unwrap();
    assert!(status.success());
    let wal = sb.path().join("foreign.db-wal");
    assert!(wal.exists(), "the writer left its WAL behind");
    let before = (std::fs::read(&db).unwrap(), std::fs::read(&wal).unwrap());
    let out = sb.run(&["--db", db.to_str().unwrap(), "users", "list"], None);
    assert_eq!(code(&out), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a usermgr database"));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before.0,
        "the main file changed"
    );
    assert_eq!(std::fs::read(&wal).unwrap(), before.1, "the WAL changed");
}

#[test]
fn users_show_names_only_the_organizations_the_viewer_shares() {
    let (sb, admin, mallory) = two_tenants();
    sb.ok_as(&mallory, &["add-users", ALICE, "--no-password"], None);
    let out = sb.run_as(&mallory, &["-o", "json", "users", "show", ALICE], None);
    assert_eq!(code(&out), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["orgs"],
        serde_json::json!([{"name": "Beta", "permission_set": "Standard"}]),
        "{v}"
    );
    // The admin, a member of both, sees both.
    let out = sb.run_as(&admin, &["-o", "json", "users", "show", ALICE], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["orgs"].as_array().unwrap().len(), 2, "{v}");
}
