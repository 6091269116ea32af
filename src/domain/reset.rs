//! The rules of required resets, reset windows, temporary-password expiry and lockout,
//! as pure functions of stored state and the current time.

use std::time::Duration;

use crate::domain::duration::describe_duration;
use crate::domain::token::TokenKind;

/// State of an account relevant to logging in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginState {
    /// The account must choose a new password (R7).
    pub reset_required: bool,
    /// When the current password was set (ms).
    pub password_set_at: Option<i64>,
    /// Consecutive failed logins.
    pub failed_logins: u32,
    /// End of a lockout (ms), if any.
    pub locked_until: Option<i64>,
}

/// Lockout and expiry settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginRules {
    /// Failures that lock the account.
    pub lockout_threshold: u32,
    /// How long a lockout lasts.
    pub lockout_duration: Duration,
    /// How long an unused admin-set password stays valid.
    pub temp_password_ttl: Duration,
    /// Length of a reset window.
    pub reset_window: Duration,
}

/// Whether the account is locked at `now`.
pub fn is_locked(state: &LoginState, now: i64) -> bool {
    state.locked_until.is_some_and(|until| now < until)
}

/// The state after one more failed login: the count grows and, at the threshold, the
/// account locks for the lockout duration.
pub fn after_failure(state: &LoginState, rules: &LoginRules, now: i64) -> (u32, Option<i64>) {
    // An expired lock starts a fresh count.
    let base = if state.locked_until.is_some_and(|u| now >= u) {
        0
    } else {
        state.failed_logins
    };
    let count = base.saturating_add(1);
    if count >= rules.lockout_threshold {
        (count, Some(later(now, rules.lockout_duration)))
    } else {
        (count, state.locked_until.filter(|u| now < *u))
    }
}

/// When an admin-set password with a required reset stops working (R21).
pub fn temp_password_expires_at(state: &LoginState, rules: &LoginRules) -> Option<i64> {
    if !state.reset_required {
        return None;
    }
    state
        .password_set_at
        .map(|set| later(set, rules.temp_password_ttl))
}

/// Whether the admin-set password has expired unused (R21).
pub fn temp_password_expired(state: &LoginState, rules: &LoginRules, now: i64) -> bool {
    temp_password_expires_at(state, rules).is_some_and(|exp| now >= exp)
}

/// The deadline of a reset window opened at `now`.
pub fn window_deadline(now: i64, rules: &LoginRules) -> i64 {
    later(now, rules.reset_window)
}

/// Whether a reset may still be committed at `now` for a window closing at `deadline` (R8).
pub fn window_open(deadline: i64, now: i64) -> bool {
    now < deadline
}

/// The kinds of token a completed reset voids (R11) and an admin change voids (R12).
pub const RESET_TOKEN_KINDS: [TokenKind; 3] = [
    TokenKind::ResetWindow,
    TokenKind::ResetEmail,
    TokenKind::SetPassword,
];

/// What a presented single-use token allows at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    /// Unused and before its expiry: it may be redeemed.
    Usable,
    /// Already used, or voided by a newer token or a completed reset, at this time (ms).
    Used(i64),
    /// Unused but past its expiry (ms); for a reset-window token, the window closed then.
    Expired(i64),
}

/// Decides whether a token with this stored state may be redeemed at `now`. A used token
/// stays used even after its expiry, so the message names what really happened.
pub fn token_state(used_at: Option<i64>, expires_at: i64, now: i64) -> TokenState {
    match used_at {
        Some(at) => TokenState::Used(at),
        None if window_open(expires_at, now) => TokenState::Usable,
        None => TokenState::Expired(expires_at),
    }
}

/// The time left until `deadline`, for a sentence: "5 minutes", "2 seconds", "about 4
/// minutes". Seconds round up, so a window that has not closed never reads "0 seconds".
pub fn describe_remaining(deadline: i64, now: i64) -> String {
    let ms = deadline.saturating_sub(now).max(0);
    let secs = u64::try_from(ms.saturating_add(999) / 1000).unwrap_or(0);
    if secs < 120 || secs % 60 == 0 {
        describe_duration(secs)
    } else {
        format!("about {}", describe_duration((secs + 30) / 60 * 60))
    }
}

/// The time (ms since the epoch) `d` after `at`, saturating.
pub fn later(at: i64, d: Duration) -> i64 {
    at.saturating_add(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Seconds to milliseconds, saturating.
pub fn secs_to_ms(secs: u64) -> i64 {
    i64::try_from(secs)
        .unwrap_or(i64::MAX / 1000)
        .saturating_mul(1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{Clock, FixedClock};

    const T0: i64 = 1_764_000_000_000;

    fn rules() -> LoginRules {
        LoginRules {
            lockout_threshold: 5,
            lockout_duration: Duration::from_secs(900),
            temp_password_ttl: Duration::from_secs(7 * 86_400),
            reset_window: Duration::from_secs(300),
        }
    }

    fn fresh() -> LoginState {
        LoginState {
            reset_required: true,
            password_set_at: Some(T0),
            failed_logins: 0,
            locked_until: None,
        }
    }

    #[test]
    fn window_edges() {
        let opened = FixedClock(T0);
        let deadline = window_deadline(opened.now_ms(), &rules());
        assert_eq!(deadline, T0 + 300_000);
        assert!(
            window_open(deadline, FixedClock(deadline - 1000).now_ms()),
            "deadline minus 1 s works"
        );
        assert!(
            !window_open(deadline, FixedClock(deadline + 1000).now_ms()),
            "deadline plus 1 s fails"
        );
        assert!(
            !window_open(deadline, deadline),
            "the deadline itself is closed"
        );
    }

    #[test]
    fn temp_password_expires_after_ttl() {
        let s = fresh();
        let ttl = secs_to_ms(7 * 86_400);
        assert!(!temp_password_expired(&s, &rules(), T0 + ttl - 1000));
        assert!(temp_password_expired(&s, &rules(), T0 + ttl + 1000));
        let chosen = LoginState {
            reset_required: false,
            ..s
        };
        assert!(
            !temp_password_expired(&chosen, &rules(), T0 + 10 * ttl),
            "own passwords never expire"
        );
        assert_eq!(temp_password_expires_at(&chosen, &rules()), None);
    }

    #[test]
    fn lockout_at_threshold_and_expiry() {
        let mut s = LoginState {
            reset_required: false,
            ..fresh()
        };
        for i in 1..5 {
            let (n, lock) = after_failure(&s, &rules(), T0);
            assert_eq!(n, i);
            assert_eq!(lock, None);
            s.failed_logins = n;
        }
        let (n, lock) = after_failure(&s, &rules(), T0);
        assert_eq!(n, 5);
        assert_eq!(lock, Some(T0 + 900_000));
        s.failed_logins = n;
        s.locked_until = lock;
        assert!(is_locked(&s, T0 + 899_000));
        assert!(!is_locked(&s, T0 + 900_000));
        let (n, lock) = after_failure(&s, &rules(), T0 + 901_000);
        assert_eq!(
            (n, lock),
            (1, None),
            "a failure after the lock ended starts a fresh count"
        );
    }

    #[test]
    fn token_usable_until_one_millisecond_before_expiry() {
        let expires = T0 + 300_000;
        assert_eq!(
            token_state(None, expires, expires - 1000),
            TokenState::Usable
        );
        assert_eq!(token_state(None, expires, expires - 1), TokenState::Usable);
        assert_eq!(
            token_state(None, expires, expires),
            TokenState::Expired(expires)
        );
        assert_eq!(
            token_state(None, expires, expires + 1000),
            TokenState::Expired(expires)
        );
    }

    #[test]
    fn used_token_reports_use_even_after_expiry() {
        let expires = T0 + 300_000;
        assert_eq!(
            token_state(Some(T0 + 5), expires, T0 + 10),
            TokenState::Used(T0 + 5)
        );
        assert_eq!(
            token_state(Some(T0 + 5), expires, expires + 60_000),
            TokenState::Used(T0 + 5),
            "a used token says it was used, not that it expired"
        );
    }

    #[test]
    fn remaining_time_reads_naturally() {
        assert_eq!(describe_remaining(T0 + 300_000, T0), "5 minutes");
        assert_eq!(describe_remaining(T0 + 2000, T0), "2 seconds");
        assert_eq!(describe_remaining(T0 + 1001, T0), "2 seconds", "rounds up");
        assert_eq!(describe_remaining(T0 + 1, T0), "1 second");
        assert_eq!(describe_remaining(T0 + 247_000, T0), "about 4 minutes");
        assert_eq!(describe_remaining(T0 + 90_000, T0), "90 seconds");
        assert_eq!(describe_remaining(T0, T0 + 5), "0 seconds");
    }

    #[test]
    fn later_adds_a_duration_to_a_time_in_ms_and_saturates() {
        assert_eq!(later(T0, Duration::from_millis(1500)), T0 + 1500);
        assert_eq!(later(i64::MAX - 1, Duration::from_secs(10)), i64::MAX);
        assert_eq!(later(T0, Duration::MAX), i64::MAX);
    }

    #[test]
    fn a_window_opened_at_login_closes_after_the_setting() {
        let r = LoginRules {
            reset_window: Duration::from_secs(2),
            ..rules()
        };
        let deadline = window_deadline(T0, &r);
        assert_eq!(token_state(None, deadline, T0 + 1000), TokenState::Usable);
        assert_eq!(
            token_state(None, deadline, T0 + 3000),
            TokenState::Expired(deadline)
        );
    }
}
