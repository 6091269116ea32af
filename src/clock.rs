//! The real clock, the one place that reads the system time; everything else asks the
//! context's [`Clock`] (see [`crate::domain::clock`] for the test clocks).

use chrono::Utc;

use crate::domain::clock::Clock;

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
    }
}
