//! Account lockout: after `LATCHKEY_LOCKOUT_THRESHOLD` failed sign-ins within
//! `LATCHKEY_LOCKOUT_WINDOW`, an account is locked for
//! `LATCHKEY_LOCKOUT_DURATION`, doubling with each repeat (at most 24 hours).
//!
//! The state lives in the database ([`ThrottleRepo`](crate::db::ThrottleRepo)),
//! so every server instance sees the same counters. It is keyed by the
//! normalized username as typed, so unknown names are counted exactly like
//! known ones and lockout reveals nothing about which accounts exist.
//! A successful sign-in clears the record; rows idle for a day are purged by
//! housekeeping, which also forgets the repeat count.

use crate::clock::{Clock, secs};
use crate::config::Settings;
use crate::db::{DbResult, Repos, ThrottleState};

/// The longest lockout, however often it repeats.
pub const MAX_LOCKOUT_SECS: i64 = 24 * 3600;

/// The key an attempt is counted under.
#[must_use]
pub fn key(username: &str) -> String {
    username.trim().to_ascii_lowercase()
}

/// When the account named `username` is locked, the time it unlocks.
pub async fn locked_until(
    repos: &Repos,
    clock: &dyn Clock,
    username: &str,
) -> DbResult<Option<i64>> {
    let now = clock.now();
    Ok(repos
        .throttle
        .get(&key(username))
        .await?
        .and_then(|s| s.locked_until)
        .filter(|until| *until > now))
}

/// Counts a failed sign-in. Returns the end of the lockout when this failure
/// locked the account.
pub async fn record_failure(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    username: &str,
) -> DbResult<Option<i64>> {
    let now = clock.now();
    let key = key(username);
    let mut state = repos.throttle.get(&key).await?.unwrap_or(ThrottleState {
        username: key.clone(),
        failures: 0,
        window_start: now,
        locked_until: None,
        lockouts: 0,
        updated_at: now,
    });
    if state.locked_until.is_some_and(|until| until > now) {
        // Already locked: attempts while locked neither extend nor count.
        return Ok(None);
    }
    if now - state.window_start >= secs(settings.lockout_window) {
        state.failures = 0;
        state.window_start = now;
    }
    state.failures += 1;
    state.updated_at = now;
    let mut locked = None;
    if state.failures >= i64::from(settings.lockout_threshold) {
        let until = now + lockout_length(settings, state.lockouts);
        state.lockouts += 1;
        state.failures = 0;
        state.window_start = now;
        state.locked_until = Some(until);
        locked = Some(until);
    }
    repos.throttle.put(&state).await?;
    Ok(locked)
}

/// Forgets the failures of an account after a successful sign-in.
pub async fn record_success(repos: &Repos, username: &str) -> DbResult<()> {
    repos.throttle.clear(&key(username)).await
}

/// How long the lockout lasts after `previous` earlier lockouts.
#[must_use]
pub fn lockout_length(settings: &Settings, previous: i64) -> i64 {
    let base = secs(settings.lockout_duration).max(1);
    let doublings = u32::try_from(previous.clamp(0, 30)).unwrap_or(30);
    base.saturating_mul(1_i64 << doublings)
        .min(MAX_LOCKOUT_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_double_up_to_a_day() {
        let s = Settings::for_tests("http://localhost", "sqlite://x.db").unwrap();
        assert_eq!(lockout_length(&s, 0), 900);
        assert_eq!(lockout_length(&s, 1), 1800);
        assert_eq!(lockout_length(&s, 2), 3600);
        assert_eq!(lockout_length(&s, 10), MAX_LOCKOUT_SECS);
        assert_eq!(lockout_length(&s, 1000), MAX_LOCKOUT_SECS);
    }
}
