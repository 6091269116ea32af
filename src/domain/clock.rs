//! Time as a parameter: commands ask the context's clock, tests pass a fixed or a manual
//! one. The real clock reads the system and lives outside the domain ([`crate::clock`]).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time in milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now_ms(&self) -> i64 {
        (**self).now_ms()
    }
}

/// A clock that always says the same time (for unit tests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub i64);

impl Clock for FixedClock {
    fn now_ms(&self) -> i64 {
        self.0
    }
}

/// A clock that stands still until told to move (for tests of deadlines, expiry and
/// lockout): share it in an `Arc`, hand one to the context and advance the other.
#[derive(Debug, Default)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock showing `ms` since the epoch.
    pub fn new(ms: i64) -> ManualClock {
        ManualClock(AtomicI64::new(ms))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.0.fetch_add(ms, Ordering::SeqCst);
    }

    /// Sets the clock to `ms` since the epoch.
    pub fn set(&self, ms: i64) {
        self.0.store(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Milliseconds since the epoch as a UTC time.
pub fn to_utc(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// RFC 3339 in UTC with whole seconds, the form JSON output uses.
pub fn rfc3339(ms: i64) -> String {
    to_utc(ms).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A wall-clock time for people: `14:05:32` in the local time zone.
pub fn local_clock_time(ms: i64) -> String {
    to_utc(ms)
        .with_timezone(&chrono::Local)
        .format("%H:%M:%S")
        .to_string()
}

/// Date and time for tables: `2026-11-29 14:05:32` UTC.
pub fn human(ms: i64) -> String {
    to_utc(ms).format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let c = Arc::new(ManualClock::new(1_000));
        let shared: Box<dyn Clock> = Box::new(Arc::clone(&c));
        assert_eq!(shared.now_ms(), 1_000);
        c.advance(Duration::from_secs(2));
        assert_eq!(shared.now_ms(), 3_000);
        c.set(10);
        assert_eq!(shared.now_ms(), 10);
        assert_eq!(FixedClock(7).now_ms(), 7);
    }
}
