//! Injected time, so expiry can be tested without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current time in Unix seconds.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> i64;
}

/// Formats Unix seconds as RFC 3339.
#[must_use]
pub fn rfc3339(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}

/// A clock that tests move by hand; starts at the system time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl Default for ManualClock {
    fn default() -> Self {
        Self(Arc::new(AtomicI64::new(SystemClock.now())))
    }
}

impl ManualClock {
    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// Converts a duration to whole seconds for arithmetic on timestamps.
#[must_use]
pub fn secs(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

/// Reads a time bound of a filter as Unix seconds: RFC 3339
/// (`2026-01-31T12:00:00Z`), a UTC date (`2026-01-31`), a UTC minute as
/// HTML `datetime-local` sends it (`2026-01-31T12:00`), or Unix seconds.
/// With `end`, a date means the end of that day and a minute the end of that
/// minute, so an upper bound includes what it names. `None` when unreadable.
#[must_use]
pub fn parse_time_bound(text: &str, end: bool) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Some(n);
    }
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    if let Ok(d) = time::Date::parse(text, format_description!("[year]-[month]-[day]")) {
        let start = d.midnight().assume_utc().unix_timestamp();
        return Some(if end { start + 86_399 } else { start });
    }
    let minute = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    if let Ok(t) = time::PrimitiveDateTime::parse(text, minute) {
        let start = t.assume_utc().unix_timestamp();
        return Some(if end { start + 59 } else { start });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_bounds() {
        assert_eq!(parse_time_bound("1700000000", false), Some(1_700_000_000));
        assert_eq!(
            parse_time_bound("2026-01-31T12:00:00Z", true),
            Some(1_769_860_800)
        );
        assert_eq!(parse_time_bound("2026-01-31", false), Some(1_769_817_600));
        assert_eq!(
            parse_time_bound("2026-01-31", true),
            Some(1_769_817_600 + 86_399)
        );
        assert_eq!(
            parse_time_bound("2026-01-31T12:00", true),
            Some(1_769_860_800 + 59)
        );
        assert_eq!(parse_time_bound("yesterday", false), None);
        assert_eq!(parse_time_bound("", false), None);
    }
}
