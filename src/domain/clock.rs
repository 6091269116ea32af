//! Time as a parameter: commands ask the context's clock, tests pass a fixed or a manual
//! one. The real clock reads the system and lives outside the domain ([`crate::clock`]).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

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

/// A moment as people read it: the wall time in a zone, with the zone's name.
#[derive(Debug, Clone)]
pub struct Zoned {
    /// The wall time, with the zone's offset from UTC.
    pub at: DateTime<FixedOffset>,
    /// The zone's abbreviation (`AEDT`), or `UTC+05:30` where it has none.
    pub zone: String,
}

impl Zoned {
    /// A moment in a zone; `abbreviation` as the system names it (`AEDT`, `UTC`). An empty
    /// or numeric one (`+0530`, which tzdata uses for zones without a name) is shown as the
    /// offset, `UTC+05:30`, so the zone is always explicit.
    pub fn new(at: DateTime<FixedOffset>, abbreviation: &str) -> Zoned {
        let named = abbreviation.chars().any(|c| c.is_ascii_alphabetic());
        let zone = if named {
            abbreviation.to_string()
        } else {
            format!("UTC{}", at.format("%:z"))
        };
        Zoned { at, zone }
    }

    /// Date and time to the minute, for tables, emails and `users show`:
    /// `2026-11-30 14:05 AEDT`.
    pub fn stamp(&self) -> String {
        format!("{} {}", self.at.format("%Y-%m-%d %H:%M"), self.zone)
    }

    /// The time of day to the second, for deadlines within the day: `14:05:32 AEDT`.
    pub fn clock(&self) -> String {
        format!("{} {}", self.at.format("%H:%M:%S"), self.zone)
    }

    /// A deadline for the person who must meet it, seen at `now`: the time (with the date
    /// when it is not today) and the time left, `14:05:32 AEDT, 4 min 59 s from now`.
    pub fn deadline(&self, now: &Zoned) -> String {
        let left = self.at.timestamp_millis() - now.at.timestamp_millis();
        // A deadline within the day keeps its seconds, with the date when that is not
        // today (a five-minute window opened at 23:58 closes tomorrow).
        let when = if self.at.date_naive() == now.at.date_naive() {
            self.clock()
        } else if left.abs() < 86_400_000 {
            format!("{} {}", self.at.format("%Y-%m-%d"), self.clock())
        } else {
            self.stamp()
        };
        if left >= 0 {
            format!("{when}, {} from now", time_left(left))
        } else {
            format!("{when}, {} ago", time_left(-left))
        }
    }
}

/// Time left (or gone) in words that stay short: `59 s`, `4 min 59 s`, `2 h 5 min`,
/// `6 d 23 h`. Seconds round up, so a window of 5 minutes just opened shows `5 min`.
pub fn time_left(ms: i64) -> String {
    let secs = ms.max(0).saturating_add(999) / 1000;
    let (d, h, m, s) = (secs / 86_400, secs / 3600 % 24, secs / 60 % 60, secs % 60);
    let parts: Vec<String> = if d > 0 {
        vec![format!("{d} d"), format!("{h} h")]
    } else if h > 0 {
        vec![format!("{h} h"), format!("{m} min")]
    } else if m > 0 {
        vec![format!("{m} min"), format!("{s} s")]
    } else {
        vec![format!("{s} s")]
    };
    let mut parts: Vec<String> = parts
        .into_iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || !p.starts_with("0 "))
        .map(|(_, p)| p)
        .collect();
    parts.truncate(2);
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sydney(ms: i64) -> Zoned {
        let aedt = FixedOffset::east_opt(11 * 3600).unwrap();
        Zoned::new(to_utc(ms).with_timezone(&aedt), "AEDT")
    }

    /// 2026-11-30 03:05:32 UTC, 14:05:32 in Sydney's summer.
    const T: i64 = 1_796_007_932_000;

    #[test]
    fn people_see_local_time_with_its_zone() {
        let t = sydney(T);
        assert_eq!(t.stamp(), "2026-11-30 14:05 AEDT");
        assert_eq!(t.clock(), "14:05:32 AEDT");
        assert_eq!(rfc3339(T), "2026-11-30T03:05:32Z", "machines keep UTC");
    }

    #[test]
    fn a_zone_without_a_name_shows_its_offset() {
        let ist = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        let t = Zoned::new(to_utc(T).with_timezone(&ist), "+0530");
        assert_eq!(t.stamp(), "2026-11-30 08:35 UTC+05:30");
        assert_eq!(
            Zoned::new(to_utc(T).fixed_offset(), "").clock(),
            "03:05:32 UTC+00:00"
        );
    }

    #[test]
    fn deadlines_say_the_time_left() {
        let deadline = sydney(T);
        assert_eq!(
            deadline.deadline(&sydney(T - 299_000)),
            "14:05:32 AEDT, 4 min 59 s from now"
        );
        assert_eq!(
            deadline.deadline(&sydney(T - 299_600)),
            "14:05:32 AEDT, 5 min from now",
            "seconds round up"
        );
        assert_eq!(
            deadline.deadline(&sydney(T + 3000)),
            "14:05:32 AEDT, 3 s ago"
        );
        // Past midnight: the date, and still the seconds.
        assert_eq!(
            sydney(T + 10 * 3_600_000).deadline(&sydney(T + 9 * 3_600_000 + 50 * 60_000)),
            "2026-12-01 00:05:32 AEDT, 10 min from now"
        );
        // Another day: the date is part of the deadline.
        assert_eq!(
            deadline.deadline(&sydney(T - 7 * 86_400_000 + 60_000)),
            "2026-11-30 14:05 AEDT, 6 d 23 h from now"
        );
    }

    #[test]
    fn time_left_stays_short() {
        assert_eq!(time_left(0), "0 s");
        assert_eq!(time_left(1), "1 s");
        assert_eq!(time_left(59_000), "59 s");
        assert_eq!(time_left(60_000), "1 min");
        assert_eq!(time_left(299_000), "4 min 59 s");
        assert_eq!(time_left(2 * 3_600_000 + 5 * 60_000), "2 h 5 min");
        assert_eq!(time_left(3_600_000), "1 h");
        assert_eq!(time_left(86_400_000), "1 d");
        assert_eq!(time_left(86_400_000 + 3_600_000 + 5), "1 d 1 h");
    }
}

#[cfg(test)]
mod manual_clock_tests {
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
