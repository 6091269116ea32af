//! Durations as admins write them: `300`, `90s`, `5m`, `12h`, `7d`.

use crate::error::{Error, Result};

/// Parses a duration into whole seconds.
pub fn parse_duration(input: &str) -> Result<u64> {
    let s = input.trim();
    let bad = || {
        Error::invalid(format!(
            "{input:?} is not a duration; use seconds or a number with a unit, e.g. 300, 90s, 5m, 12h, 7d"
        ))
    };
    let (num, mult) = match s.char_indices().last() {
        Some((i, 's')) => (&s[..i], 1),
        Some((i, 'm')) => (&s[..i], 60),
        Some((i, 'h')) => (&s[..i], 3600),
        Some((i, 'd')) => (&s[..i], 86_400),
        Some(_) => (s, 1),
        None => return Err(bad()),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u64 = num.parse().map_err(|_| bad())?;
    n.checked_mul(mult)
        .filter(|v| *v <= 100 * 365 * 86_400)
        .ok_or_else(bad)
}

/// Formats seconds the short way back (`300` → `5m`), for humans.
pub fn format_duration(secs: u64) -> String {
    match secs {
        0 => "0s".into(),
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// Describes a span for a sentence: "5 minutes", "2 seconds", "1 hour".
pub fn describe_duration(secs: u64) -> String {
    let (n, unit) = match secs {
        s if s >= 86_400 && s % 86_400 == 0 => (s / 86_400, "day"),
        s if s >= 3600 && s % 3600 == 0 => (s / 3600, "hour"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert_eq!(parse_duration("300").unwrap(), 300);
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("5m").unwrap(), 300);
        assert_eq!(parse_duration("12h").unwrap(), 43_200);
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert_eq!(parse_duration(" 2s ").unwrap(), 2);
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "s",
            "-5",
            "5x",
            "1.5h",
            "5 m",
            "99999999999999999999",
            "m5",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn formats_back() {
        assert_eq!(format_duration(300), "5m");
        assert_eq!(format_duration(90), "90s");
        assert_eq!(describe_duration(300), "5 minutes");
        assert_eq!(describe_duration(1), "1 second");
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_roundtrips(secs in 1u64..10_000_000) {
            proptest::prop_assert_eq!(parse_duration(&format_duration(secs)).unwrap(), secs);
            proptest::prop_assert_eq!(parse_duration(&secs.to_string()).unwrap(), secs);
        }

        #[test]
        fn units_multiply(n in 0u64..100_000, unit in proptest::sample::select(vec![("s", 1u64), ("m", 60), ("h", 3600), ("d", 86_400)])) {
            let parsed = parse_duration(&format!("{n}{}", unit.0));
            if n * unit.1 <= 100 * 365 * 86_400 {
                proptest::prop_assert_eq!(parsed.unwrap(), n * unit.1);
            } else {
                proptest::prop_assert!(parsed.is_err());
            }
        }

        #[test]
        fn garbage_never_panics(s in ".*") {
            let _ = parse_duration(&s);
        }
    }
}
