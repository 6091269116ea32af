//! The rules of time — the reset window's deadline (R8), token expiry (R13, R14), lockout
//! (R16) and the expiry of admin-set passwords (R21) — tested in-process by moving a manual
//! clock across each boundary, never by sleeping. Every command runs through its real `run`
//! function in a [`World`] (temporary database, scripted answers, captured results).

use std::sync::Arc;
use std::time::Duration;

use crate::testkit::{Answer, World};

const JO: &str = "jo.park@acme.test";
const TEMP: &str = "temp-password-123";
const NEW: &str = "jos-own-choice-42";
const MS: Duration = Duration::from_millis(1);

/// A world with Jo, whose admin-set password must be replaced at first login.
fn with_jo() -> World {
    let w = World::with_admin();
    let file = w.file("temp-password", TEMP);
    w.ok(&[
        "add-users",
        JO,
        "--password-file",
        file.to_str().unwrap(),
        "--require-reset",
    ]);
    w
}

/// Queues a first login of Jo that answers the new password twice, moving the clock by
/// `typing` while the confirmation is typed.
fn first_login_answers(w: &World, typing: Duration) {
    let clock = Arc::clone(&w.clock);
    w.prompt
        .password(TEMP)
        .password(NEW)
        .answer_after(Answer::Password(NEW.into()), move || clock.advance(typing));
}

#[test]
fn r8_a_reset_committed_at_the_deadline_is_refused_and_the_admin_set_password_stays() {
    let w = with_jo();
    let window = Duration::from_secs(300); // the default reset_window
    first_login_answers(&w, window);
    let err = w.fails(8, &["login", JO]);
    assert!(err.contains("reset window expired at"), "{err}");
    assert_eq!(w.prompt.left(), 0);

    // The admin-set password still works: it opens a new window, and a reset committed a
    // millisecond before that window's deadline completes.
    w.prompt.clear_asked();
    first_login_answers(&w, window - MS);
    let printed = w.ok(&["-o", "json", "login", JO]);
    let doc: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(doc["status"], "ok", "{doc}");
    assert_eq!(doc["password_changed"], true, "{doc}");
    assert_eq!(
        w.prompt.asked(),
        [
            "password: Password",
            "password: New password",
            "password: Confirm new password"
        ]
    );
    // Now the chosen password logs in without a reset, and the admin-set one is gone.
    w.prompt.password(NEW);
    w.ok(&["login", JO]);
    w.prompt.password(TEMP);
    w.fails(4, &["login", JO]);
}

#[test]
fn r13_a_reset_email_token_expires_after_reset_email_ttl() {
    let w = World::with_admin();
    let file = w.file("pw", "members-old-password-1");
    let mut tokens = Vec::new();
    for who in ["sam@acme.test", "nia@acme.test"] {
        w.ok(&["add-users", who, "--password-file", file.to_str().unwrap()]);
        w.ok(&["send-instructions", who, "--reset"]);
        tokens.push(w.emailed_token());
    }
    let ttl = Duration::from_secs(86_400); // the default reset_email_ttl
    w.advance(ttl - MS);
    w.prompt.password(NEW).password(NEW);
    w.ok(&["reset", "--token", &tokens[1]]);
    w.advance(MS);
    let err = w.fails(4, &["reset", "--token", &tokens[0]]);
    assert!(err.contains("reset-email token expired at"), "{err}");
    assert_eq!(w.prompt.left(), 0, "no password is asked for a dead token");
    // Sam's password was never touched.
    w.prompt.password("members-old-password-1");
    w.ok(&["login", "sam@acme.test"]);
}

#[test]
fn r14_a_set_password_token_expires_after_set_password_ttl() {
    let w = World::with_admin();
    w.ok(&["config", "set", "set_password_ttl", "1h"]);
    let mut tokens = Vec::new();
    for who in ["nia@acme.test", "tom@acme.test"] {
        w.ok(&["add-users", who, "--no-password", "--send-instructions"]);
        tokens.push(w.emailed_token());
    }
    assert!(tokens.iter().all(|t| t.starts_with("sp_")), "{tokens:?}");
    w.advance(Duration::from_secs(3600) - MS);
    w.prompt.password(NEW).password(NEW);
    w.ok(&["reset", "--token", &tokens[0]]);
    w.advance(MS);
    let err = w.fails(4, &["reset", "--token", &tokens[1]]);
    assert!(err.contains("set-password token expired at"), "{err}");
    assert_eq!(w.prompt.left(), 0);
}

#[test]
fn r16_lockout_starts_at_the_threshold_and_ends_after_lockout_duration() {
    let w = World::with_admin();
    let file = w.file("pw", "bobs-own-password-1");
    w.ok(&[
        "add-users",
        "bob@acme.test",
        "--password-file",
        file.to_str().unwrap(),
    ]);
    let login = |pw: &str| {
        w.prompt.password(pw);
        w.run(&["login", "bob@acme.test"])
    };
    // One failure short of the threshold (default 5) locks nothing, and a success starts
    // the count over.
    for _ in 0..4 {
        assert_eq!(login("a-wrong-guess-1").unwrap_err().exit_code(), 4);
    }
    login("bobs-own-password-1").unwrap();
    for _ in 0..5 {
        assert_eq!(login("a-wrong-guess-1").unwrap_err().exit_code(), 4);
    }
    // Locked: the right password is refused until lockout_duration (default 15 min) passed.
    assert_eq!(login("bobs-own-password-1").unwrap_err().exit_code(), 4);
    w.advance(Duration::from_secs(900) - MS);
    assert_eq!(login("bobs-own-password-1").unwrap_err().exit_code(), 4);
    w.advance(MS);
    login("bobs-own-password-1").unwrap();
}

#[test]
fn r21_an_admin_set_password_expires_unused_after_temp_password_ttl() {
    let w = with_jo();
    let ttl = Duration::from_secs(7 * 86_400); // the default temp_password_ttl
    w.advance(ttl - MS);
    // Still valid: the login opens a reset window and asks for the new password (the
    // person cancels there).
    w.prompt.password(TEMP).answer(Answer::Cancel);
    w.fails(3, &["login", JO]);
    assert_eq!(
        w.prompt.asked(),
        ["password: Password", "password: New password"]
    );
    w.advance(MS);
    w.prompt.password(TEMP);
    let err = w.fails(4, &["login", JO]);
    assert!(err.contains("expired before it was used"), "{err}");
    assert_eq!(w.prompt.left(), 0, "no window opens");
}
