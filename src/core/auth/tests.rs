//! The operations the server shares with the command line, on a store and a manual clock:
//! a reset is checked against the stored deadline at the moment of writing (R8), whatever
//! was checked before the slow hash.

use std::time::Duration;

use secrecy::SecretString;

use super::window::{check_token, choose_password, commit, LOGIN_AGAIN};
use super::{check_login, LoginOutcome};
use crate::domain::password::{HashParams, Hasher};
use crate::error::Error;
use crate::store::Store;
use crate::testkit::World;

const JO: &str = "jo.park@acme.test";
const TEMP: &str = "temp-password-123";
const NEW: &str = "jos-own-choice-42";

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

/// Jo must replace an admin-set password; a window is opened by logging in.
fn window_of_jo() -> (World, Store, super::window::Window) {
    let w = World::with_admin();
    let file = w.file("pw", TEMP);
    w.ok(&[
        "add-users",
        JO,
        "--password-file",
        file.to_str().unwrap(),
        "--require-reset",
    ]);
    let mut store = Store::open(&w.db()).unwrap();
    let mut hasher = Hasher::new(HashParams::default());
    let out = check_login(&mut store, &w.clock, &mut hasher, JO, secret(TEMP), None).unwrap();
    let LoginOutcome::Window { window, .. } = out else {
        panic!("a required reset must open a window");
    };
    (w, store, window)
}

#[test]
fn r8_commit_checks_the_stored_deadline_at_the_moment_of_writing() {
    let (w, mut store, window) = window_of_jo();
    // The token was fine when checked; the hash took until the deadline.
    check_token(&mut store, &w.clock, &window.token.hash, LOGIN_AGAIN).unwrap();
    w.clock.set(window.deadline);
    let new_hash = Hasher::new(HashParams::default())
        .hash(&secret(NEW))
        .unwrap();
    let e = commit(
        &mut store,
        &w.clock,
        &window.token.hash,
        &new_hash,
        None,
        LOGIN_AGAIN,
    )
    .err()
    .expect("refused at the deadline");
    assert!(matches!(e, Error::WindowExpired(_)), "{e}");
    // The admin-set password still logs in (and opens a new window).
    let mut hasher = Hasher::new(HashParams::default());
    let again = check_login(&mut store, &w.clock, &mut hasher, JO, secret(TEMP), None).unwrap();
    let LoginOutcome::Window { window, .. } = again else {
        panic!("the admin-set password must still open a window");
    };
    // One millisecond before the new deadline the same commit completes.
    w.clock.set(window.deadline - 1);
    let done = commit(
        &mut store,
        &w.clock,
        &window.token.hash,
        &new_hash,
        None,
        LOGIN_AGAIN,
    )
    .unwrap();
    assert_eq!(done.account.display_email, JO);
    assert!(done.session.expires_at > window.deadline);
}

#[test]
fn choose_password_refuses_a_weak_password_without_spending_the_token_then_a_closed_window() {
    let (w, mut store, window) = window_of_jo();
    let mut hasher = Hasher::new(HashParams::default());
    let weak = choose_password(
        &mut store,
        &w.clock,
        &mut hasher,
        &window.token.secret,
        secret(TEMP),
        None,
    )
    .err()
    .expect("the current password is refused");
    assert_eq!(weak.exit_code(), 3, "{weak}");
    w.advance(Duration::from_secs(301));
    let late = choose_password(
        &mut store,
        &w.clock,
        &mut hasher,
        &window.token.secret,
        secret(NEW),
        None,
    )
    .err()
    .expect("the window closed");
    assert_eq!(late.exit_code(), 8, "{late}");
}

/// A clock that moves `step` ms forward at every reading: the time a slow hash takes between
/// the check of a token and the commit of the new password.
struct Ticking {
    next: std::sync::atomic::AtomicI64,
    step: i64,
}

impl crate::domain::clock::Clock for Ticking {
    fn now_ms(&self) -> i64 {
        self.next
            .fetch_add(self.step, std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn r8_a_window_that_closes_while_the_new_password_hashes_refuses_the_reset_and_keeps_the_old_password(
) {
    let (_w, mut store, window) = window_of_jo();
    // The token is checked 1 s before the deadline; the next reading (the commit, after
    // the hash) is 1 s after it.
    let clock = Ticking {
        next: std::sync::atomic::AtomicI64::new(window.deadline - 1_000),
        step: 2_000,
    };
    let mut hasher = Hasher::new(HashParams::default());
    let e = choose_password(
        &mut store,
        &clock,
        &mut hasher,
        &window.token.secret,
        secret(NEW),
        None,
    )
    .err()
    .expect("the window closed while the password hashed");
    assert!(matches!(e, Error::WindowExpired(_)), "{e}");
    assert!(
        clock.next.load(std::sync::atomic::Ordering::SeqCst) > window.deadline + 1_000,
        "the deadline was checked again at the moment of writing"
    );
    let jo = store
        .read(|tx| tx.account_by_email(JO))
        .unwrap()
        .expect("jo exists");
    assert!(jo.state.reset_required, "the reset is still required");
    // The admin-set password still logs in and opens a new window.
    let again = check_login(&mut store, &clock, &mut hasher, JO, secret(TEMP), None).unwrap();
    assert!(matches!(again, LoginOutcome::Window { .. }));
}
