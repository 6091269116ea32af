//! The real clock and the local time zone, the one place that reads the system time and the
//! zone data; everything else asks the
//! context's [`Clock`] (see [`crate::domain::clock`] for the test clocks).

use chrono::{FixedOffset, Offset, Utc};

use crate::domain::clock::{to_utc, Clock, Zoned};

/// The system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now_ms(&self) -> i64 {
        Utc::now().timestamp_millis()
    }
}

/// A moment in the local time zone (the `TZ` environment variable, else the system's).
pub fn local(ms: i64) -> Zoned {
    let utc = to_utc(ms);
    let (offset, abbreviation) = local_zone(utc.timestamp());
    Zoned::new(utc.with_timezone(&offset), &abbreviation)
}

/// The local zone's offset and abbreviation at a moment, as the C library knows them
/// (chrono knows the offset but not the zone's name).
fn local_zone(secs: i64) -> (FixedOffset, String) {
    let utc = Utc.fix();
    // time_t is 64 bits on most systems, 32 on a few.
    #[allow(irrefutable_let_patterns, clippy::useless_conversion)]
    let Ok(t) = libc::time_t::try_from(secs) else {
        return (utc, "UTC".into());
    };
    // SAFETY: tm is plain old data that localtime_r fills in.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live locals; localtime_r is the thread-safe form.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return (utc, "UTC".into());
    }
    let offset = i32::try_from(tm.tm_gmtoff)
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or(utc);
    let abbreviation = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null tm_zone points to a NUL-terminated name owned by the C
        // library's time zone data, which lives as long as the process.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    (offset, abbreviation)
}

/// A time of day for people, in the local zone and naming it: `14:05:32 AEDT`.
pub fn local_clock_time(ms: i64) -> String {
    local(ms).clock()
}

/// Date and time for people (tables, emails, `users show`), in the local zone and naming
/// it: `2026-11-30 14:05 AEDT`.
pub fn human(ms: i64) -> String {
    local(ms).stamp()
}

/// A deadline for people, seen at `now`: `14:05:32 AEDT, 4 min 59 s from now`.
pub fn deadline(ms: i64, now: i64) -> String {
    local(ms).deadline(&local(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_796_007_932_000;

    #[test]
    fn the_local_zone_is_named() {
        // Whatever zone the tests run in, a time for people names one.
        let s = human(T);
        let zone = s.rsplit(' ').next().unwrap();
        assert!(zone.chars().any(|c| c.is_ascii_alphabetic()), "{s}");
    }
}
