//! Account lockout that an attacker cannot turn against the owner.
//!
//! Every password attempt is counted *before* the password is checked, by
//! one atomic statement per key ([`ThrottleRepo::count_attempt`]), so
//! concurrent guesses cannot get more checks than the threshold allows.
//! The keys:
//!
//! - **device**: a browser holding a valid device cookie for the username
//!   ([`crate::auth::device`]) is counted under its own key and under the
//!   username's device key (all of that user's devices together), each with
//!   [`DEVICE_FACTOR`] times `LATCHKEY_LOCKOUT_THRESHOLD` attempts per
//!   window. Failures elsewhere never touch them: the owner's browser keeps
//!   signing in while an attacker hammers the username. Device attempts are
//!   counted whether they succeed or not and are never cleared, so someone
//!   with an account of their own cannot mint device cookies and use them to
//!   fill the priority hashing lane ([`crate::auth::hashing`]) without
//!   limit.
//! - **address and username**: any other attempt is counted under the
//!   (username, client address) pair with `LATCHKEY_LOCKOUT_THRESHOLD`
//!   attempts per window,
//! - **username**: and, when the pair allowed it, under the username with
//!   [`USERNAME_FACTOR`] times the threshold (a spread-out attack from many
//!   addresses). A username lockout refuses only browsers without a device
//!   cookie.
//!
//! A device whose budget (or its user's device budget) is spent counts as a
//! browser without a cookie.
//! The attempt past a key's threshold locks the key for
//! `LATCHKEY_LOCKOUT_DURATION`, doubling with each repeat (at most 24
//! hours). A refused attempt gets the same answer, after the same argon2
//! work, as a wrong password. Keys use the normalized username as typed, so
//! unknown names are counted exactly like known ones. A successful sign-in
//! clears the address's key (not the username's: that would hand an
//! attacker a fresh budget; nor the device's, see above). Passkeys are never
//! counted.
//! An attempt let through whose password was never checked (the hashing
//! queue was full: the page answered 503) is taken back ([`refund`]).
//! Rows idle for a day are purged by housekeeping.

use crate::clock::{Clock, secs};
use crate::config::Settings;
use crate::db::{AttemptRule, DbResult, Repos};

/// The longest lockout, however often it repeats.
pub const MAX_LOCKOUT_SECS: i64 = 24 * 3600;

/// A device cookie's budget, in multiples of the threshold.
pub const DEVICE_FACTOR: i64 = 10;

/// A username's budget across all addresses, in multiples of the threshold.
pub const USERNAME_FACTOR: i64 = 4;

/// The name attempts are counted under.
#[must_use]
pub fn key(username: &str) -> String {
    username.trim().to_ascii_lowercase()
}

/// The rule for a key allowing `factor` times the configured threshold.
#[must_use]
pub fn rule(settings: &Settings, factor: i64) -> AttemptRule {
    AttemptRule {
        threshold: i64::from(settings.lockout_threshold).saturating_mul(factor),
        window: secs(settings.lockout_window).max(1),
        lock_base: secs(settings.lockout_duration).max(1),
        lock_max: MAX_LOCKOUT_SECS,
    }
}

/// The outcome of counting one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Whether the password may be checked.
    pub allowed: bool,
    /// Whether the attempt was counted under a device cookie's budget.
    pub trusted_device: bool,
    /// When this attempt locked a key: the end of that lockout.
    pub locked_now: Option<i64>,
    /// The keys a success clears.
    clear_on_success: Vec<String>,
    /// The keys this attempt was let through under, each with the start of
    /// the window it was counted in (taken back by [`refund`] when the
    /// password could not be checked).
    counted: Vec<(String, i64)>,
}

fn device_key(name: &str, nonce: &str) -> String {
    format!("d:{name}:{nonce}")
}

fn user_devices_key(name: &str) -> String {
    format!("v:{name}")
}

fn pair_key(name: &str, ip: &str) -> String {
    format!("a:{name}:{ip}")
}

fn username_key(name: &str) -> String {
    format!("u:{name}")
}

/// One attempt counted under one key.
struct Counted {
    /// Whether the key let it through.
    allowed: bool,
    /// When this attempt locked the key: the end of that lockout.
    locked_now: Option<i64>,
    /// The start of the window it was counted in.
    window_start: i64,
}

/// Counts one attempt under one key.
async fn count(repos: &Repos, now: i64, key: &str, rule: &AttemptRule) -> DbResult<Counted> {
    let state = repos.throttle.count_attempt(key, now, rule).await?;
    Ok(Counted {
        allowed: state.locked_until.is_none(),
        locked_now: state
            .locked_until
            .filter(|_| state.attempts == rule.threshold + 1),
        window_start: state.window_start,
    })
}

/// Counts a password attempt for `username` from `ip`, by a browser whose
/// device cookie for that username carried `device` (its nonce), before the
/// password is checked.
pub async fn begin(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    username: &str,
    ip: &str,
    device: Option<&str>,
) -> DbResult<Attempt> {
    let now = clock.now();
    let name = key(username);
    let mut locked_now = None;
    if let Some(nonce) = device {
        let budget = rule(settings, DEVICE_FACTOR);
        let device = device_key(&name, nonce);
        let own = count(repos, now, &device, &budget).await?;
        locked_now = own.locked_now;
        if own.allowed {
            let all_key = user_devices_key(&name);
            let all = count(repos, now, &all_key, &budget).await?;
            locked_now = locked_now.or(all.locked_now);
            if all.allowed {
                return Ok(Attempt {
                    allowed: true,
                    trusted_device: true,
                    locked_now,
                    clear_on_success: Vec::new(),
                    counted: vec![(device, own.window_start), (all_key, all.window_start)],
                });
            }
        }
    }
    let pair = pair_key(&name, ip);
    let by_pair = count(repos, now, &pair, &rule(settings, 1)).await?;
    locked_now = locked_now.or(by_pair.locked_now);
    let mut allowed = by_pair.allowed;
    let mut counted = Vec::new();
    if allowed {
        let name_key = username_key(&name);
        let by_name = count(repos, now, &name_key, &rule(settings, USERNAME_FACTOR)).await?;
        allowed = by_name.allowed;
        locked_now = locked_now.or(by_name.locked_now);
        if allowed {
            counted = vec![
                (pair.clone(), by_pair.window_start),
                (name_key, by_name.window_start),
            ];
        }
    }
    Ok(Attempt {
        allowed,
        trusted_device: false,
        locked_now,
        clear_on_success: vec![pair],
        counted,
    })
}

/// Takes back an attempt that was let through but whose password was never
/// checked (the hashing queue was full and the page answered 503): a
/// flood must not turn the owner's refused requests into wrong passwords.
/// Verified attempts are never taken back, so no more than the threshold
/// are ever checked.
pub async fn refund(repos: &Repos, attempt: &Attempt) -> DbResult<()> {
    for (key, window_start) in &attempt.counted {
        repos.throttle.refund(key, *window_start).await?;
    }
    Ok(())
}

/// Forgets the counted failures of the address after a successful sign-in
/// (a device's attempts stay counted).
pub async fn succeeded(repos: &Repos, attempt: &Attempt) -> DbResult<()> {
    for key in &attempt.clear_on_success {
        repos.throttle.clear(key).await?;
    }
    Ok(())
}

/// How long the lockout lasts after `previous` earlier lockouts (the
/// storage computes the same in SQL).
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

    #[test]
    fn budgets_scale_with_the_threshold() {
        let s = Settings::for_tests("http://localhost", "sqlite://x.db").unwrap();
        assert_eq!(rule(&s, 1).threshold, 5);
        assert_eq!(rule(&s, USERNAME_FACTOR).threshold, 20);
        assert_eq!(rule(&s, DEVICE_FACTOR).threshold, 50);
    }
}
