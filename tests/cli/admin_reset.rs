//! An administrator changes a member's password (R12): single-organization members only,
//! no reset required afterwards, sessions ended and tokens voided.

use usermgr::domain::token::TokenKind;

use crate::first_login::{create_member, issue_token, JO, TEMP};
use crate::support::{contains_bytes, Sandbox, ADMIN, ADMIN_PW};

const SAM: &str = "sam@acme.test";
const SAM_PW: &str = "sams-own-password-1";
const CHOSEN: &str = "set-by-admin-2024x";

fn hash_of(sb: &Sandbox, email: &str) -> String {
    sb.sql(&format!(
        "SELECT password_hash FROM accounts WHERE email = '{email}'"
    ))
}

/// Acme with its administrator, whose session token is returned, and Sam, a member.
fn acme_with_sam() -> (Sandbox, String) {
    let sb = Sandbox::with_admin();
    create_member(&sb, SAM, Some(SAM_PW), false, "Acme");
    let admin = sb.login(ADMIN, ADMIN_PW);
    (sb, admin)
}

#[test]
fn admin_changes_password_of_single_org_member() {
    let (sb, admin) = acme_with_sam();
    let sam_session = sb.login(SAM, SAM_PW);
    assert!(sb.run_as(&sam_session, &["whoami"], None).status.success());
    let pending = issue_token(&sb, SAM, TokenKind::ResetEmail);

    let out = sb.run_as(&admin, &["reset", SAM, "--password-stdin"], Some(CHOSEN));
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Password of sam@acme.test changed; 1 session ended"),
        "{err}"
    );

    // The new password gives a session at once: no reset is required (R6).
    let login = sb.run(
        &["-o", "json", "login", SAM, "--password-stdin"],
        Some(CHOSEN),
    );
    assert_eq!(login.status.code(), Some(0), "{login:?}");
    assert!(!sb.sql::<bool>("SELECT reset_required FROM accounts WHERE email = 'sam@acme.test'"));
    // The old password fails; the old session is over; pending tokens are void.
    sb.fails(4, &["login", SAM, "--password-stdin"], Some(SAM_PW));
    let old = sb.run_as(&sam_session, &["whoami"], None);
    assert_eq!(old.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&old.stderr).contains("session has ended"));
    let out = sb.run(
        &["reset", "--token", &pending, "--password-stdin"],
        Some("sams-next-pass-9"),
    );
    assert_eq!(out.status.code(), Some(4));

    let audit = sb.ok_as(
        &admin,
        &["-o", "json", "audit", "--action", "password_change"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&audit).unwrap();
    let ev = &v["events"][0];
    assert_eq!(ev["actor"], ADMIN);
    assert_eq!(ev["target"], SAM);
    assert_eq!(ev["outcome"], "ok");
    assert!(!audit.contains(CHOSEN) && !contains_bytes(&sb.db_bytes(), CHOSEN));
}

#[test]
fn admin_change_clears_a_required_reset() {
    let (sb, admin) = acme_with_sam();
    create_member(&sb, JO, Some(TEMP), true, "Acme");
    sb.ok_as(&admin, &["reset", JO, "--password-stdin"], Some(CHOSEN));
    let out = sb.run(&["login", JO, "--password-stdin"], Some(CHOSEN));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn admin_cannot_change_password_of_multi_org_user() {
    let (sb, admin) = acme_with_sam();
    create_member(&sb, SAM, None, false, "Beta");
    let sam_session = sb.login(SAM, SAM_PW);
    let before = hash_of(&sb, SAM);
    let out = sb.run_as(&admin, &["reset", SAM, "--password-stdin"], Some(CHOSEN));
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "cannot change the password of sam@acme.test: they belong to 2 organizations (Acme, Beta); \
             an admin can change a password only for users in a single organization."
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "Send them a reset email instead: usermgr send-instructions sam@acme.test --reset"
        ),
        "{err}"
    );
    // Nothing changed: same hash, the session still works, and the refusal is audited.
    assert_eq!(hash_of(&sb, SAM), before);
    assert!(sb.run_as(&sam_session, &["whoami"], None).status.success());
    sb.login(SAM, SAM_PW);
    assert_eq!(
        sb.sql::<String>(
            "SELECT outcome FROM audit_log WHERE action = 'password_change' ORDER BY id DESC LIMIT 1"
        ),
        "denied"
    );
    // --generate-password is refused the same way, before anything is generated.
    let out = sb.run_as(
        &admin,
        &["-o", "json", "reset", SAM, "--generate-password"],
        None,
    );
    assert_eq!(out.status.code(), Some(5));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["error"]["exit_code"], 5,
        "only the error, no generated password: {v}"
    );
    assert!(v.get("generated_password").is_none());
}

#[test]
fn member_without_users_permission_cannot_change_passwords() {
    let (sb, _admin) = acme_with_sam();
    // Pat has the Standard permission set, the default for new members.
    create_member(
        &sb,
        "pat@acme.test",
        Some("pats-own-password-1"),
        false,
        "Acme",
    );
    let pat = sb.login("pat@acme.test", "pats-own-password-1");
    let before = hash_of(&sb, SAM);
    let out = sb.run_as(&pat, &["reset", SAM, "--password-stdin"], Some(CHOSEN));
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Users"), "{err}");
    assert_eq!(hash_of(&sb, SAM), before);
}

#[test]
fn admin_reset_of_non_member_is_not_found_like_an_unknown_email() {
    let (sb, admin) = acme_with_sam();
    create_member(
        &sb,
        "lee@beta.test",
        Some("lees-own-password-1"),
        false,
        "Beta",
    );
    let out = sb.run_as(
        &admin,
        &["reset", "lee@beta.test", "--password-stdin"],
        Some(CHOSEN),
    );
    // Exit 6 as for any member-naming command; an account of another organization and a
    // nonexistent one get the same answer.
    assert_eq!(out.status.code(), Some(6));
    let elsewhere = String::from_utf8_lossy(&out.stderr).replace("lee@beta.test", "X");
    assert!(elsewhere.contains("not a member of Acme"), "{elsewhere}");
    let out = sb.run_as(
        &admin,
        &["reset", "nobody@beta.test", "--password-stdin"],
        Some(CHOSEN),
    );
    assert_eq!(out.status.code(), Some(6));
    let unknown = String::from_utf8_lossy(&out.stderr).replace("nobody@beta.test", "X");
    assert_eq!(elsewhere, unknown);
}

#[test]
fn admin_reset_generates_password_shown_once() {
    let (sb, admin) = acme_with_sam();
    let out = sb.ok_as(
        &admin,
        &["-o", "json", "reset", SAM, "--generate-password"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["email"], SAM);
    assert_eq!(v["reset_required"], false);
    let pw = v["generated_password"].as_str().unwrap().to_string();
    assert!(pw.len() >= 20, "{pw}");
    sb.login(SAM, &pw);
    assert!(!contains_bytes(&sb.db_bytes(), &pw));
    // Table mode shows it on stdout too.
    let table = sb.ok_as(&admin, &["reset", SAM, "--generate-password"], None);
    assert!(table.contains("generated password"), "{table}");
    assert!(!table.contains(&pw), "a new one each time");
}

#[test]
fn admin_reset_without_password_source_names_the_flags() {
    let (sb, admin) = acme_with_sam();
    let out = sb.run_as(&admin, &["reset", SAM], None);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--password-stdin") && err.contains("--generate-password"),
        "{err}"
    );
}

#[test]
fn admin_chosen_password_must_meet_the_policy() {
    let (sb, admin) = acme_with_sam();
    let before = hash_of(&sb, SAM);
    for (pw, reason) in [
        ("short", "too short"),
        ("password123", "common"),
        (SAM, "email"),
    ] {
        let out = sb.run_as(&admin, &["reset", SAM, "--password-stdin"], Some(pw));
        assert_eq!(out.status.code(), Some(3), "{pw}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(reason),
            "{pw}"
        );
    }
    assert_eq!(hash_of(&sb, SAM), before);
}
