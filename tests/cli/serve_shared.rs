//! Several `usermgr serve` processes on one directory behave as one (SPEC §9): the server
//! keeps no state of its own, so a reset window opened through one is completed through
//! another, and failed logins count toward one lockout whichever process saw them. Under
//! `USERMGR_TEST_DB=postgres` both processes share the PostgreSQL directory, as servers on
//! several hosts would.

use serde_json::json;

use crate::serve_api::{login, post_json, with_pat, Server, PAT, PAT_NEW, PAT_PW};
use crate::support::{ADMIN, ADMIN_PW};

#[test]
fn a_reset_window_opened_through_one_server_is_completed_through_another() {
    let sb = with_pat();
    let (one, two) = (Server::start(&sb), Server::start(&sb));
    assert_ne!(one.url, two.url);
    let opened = login(&one, PAT, PAT_PW);
    assert_eq!(opened.status, 409, "the first server did not open a window");
    let token = opened.json()["reset_token"].as_str().unwrap().to_string();
    let done = post_json(
        &format!("{}/api/v1/reset", two.url),
        &json!({ "token": token, "password": PAT_NEW }),
    );
    assert_eq!(done.status, 200, "the second server refused the window");
    // Spent everywhere: neither server takes the token again.
    let again = post_json(
        &format!("{}/api/v1/reset", one.url),
        &json!({ "token": token, "password": "yet-another-password-3" }),
    );
    assert_eq!(again.status, 401);
    assert_eq!(login(&one, PAT, PAT_NEW).status, 200);
    assert_eq!(login(&two, PAT, PAT_PW).status, 401);
}

#[test]
fn failed_logins_through_two_servers_count_toward_one_lockout() {
    let sb = crate::support::Sandbox::with_admin();
    sb.ok(&["config", "set", "lockout_threshold", "4"], None);
    let (one, two) = (Server::start(&sb), Server::start(&sb));
    for (i, srv) in [&one, &two, &one].into_iter().enumerate() {
        let a = login(srv, ADMIN, &format!("wrong-password-{i}"));
        assert_eq!(a.status, 401);
    }
    // Three failures so far, spread over both: the right password still works on either.
    assert_eq!(login(&two, ADMIN, ADMIN_PW).status, 200);
    // A success clears the count; four more, alternating, lock the account on both.
    for i in 0..4 {
        let srv = if i % 2 == 0 { &one } else { &two };
        assert_eq!(login(srv, ADMIN, &format!("wrong-again-{i}")).status, 401);
    }
    assert_eq!(
        login(&one, ADMIN, ADMIN_PW).status,
        401,
        "not locked on one"
    );
    assert_eq!(
        login(&two, ADMIN, ADMIN_PW).status,
        401,
        "not locked on two"
    );
    let audit = sb.ok(&["audit", "--action", "login"], None);
    assert!(audit.contains("locked"), "{audit}");
}
