//! Time as a parameter: commands ask the context's clock, tests pass a fixed one.

use chrono::{DateTime, TimeZone, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time in milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
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
