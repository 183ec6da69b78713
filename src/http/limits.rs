//! Per-address rate limits (the `governor` crate, GCRA), answered with 429
//! and `Retry-After`.
//!
//! - [`Limits::signin`]: every sign-in attempt (`POST /login`, passkey sign-in
//!   finish), `LATCHKEY_SIGNIN_RATE_LIMIT` per minute per address.
//! - [`Limits::invite`]: the invite pages (`/invite/*`),
//!   `LATCHKEY_INVITE_RATE_LIMIT` per minute per address.
//! - [`Limits::client_auth_failure`] / [`Limits::client_auth_blocked`]: failed
//!   client authentication at `/token`. Only failures are counted, so valid
//!   traffic is never throttled; an address that exceeds
//!   `LATCHKEY_CLIENT_AUTH_FAILURE_LIMIT` failures per minute is refused until
//!   the limiter lets it through again.
//!
//! The counters live in memory, per server instance (the account lockout in
//! [`crate::auth::throttle`] is the part shared through the database).

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::AppError;
use crate::config::Settings;

/// One keyed limiter: `per_minute` events per address, all of them usable at once.
struct PerAddress {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

impl PerAddress {
    fn new(per_minute: u32) -> Self {
        let n = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(n).allow_burst(n)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one event; `Err(seconds)` when the address must wait.
    fn check(&self, ip: IpAddr) -> Result<(), u64> {
        self.limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// The rate limiters shared by every handler of one server instance.
pub struct Limits {
    signin: PerAddress,
    invite: PerAddress,
    client_auth_failures: PerAddress,
    /// Addresses refused at `/token` until the instant given.
    client_auth_blocked: Mutex<HashMap<IpAddr, Instant>>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits").finish_non_exhaustive()
    }
}

fn too_many(retry_after: u64) -> AppError {
    AppError::TooManyRequests {
        retry_after: retry_after.max(1),
    }
}

impl Limits {
    /// Limiters sized by the settings.
    #[must_use]
    pub fn new(settings: &Settings) -> Self {
        Self {
            signin: PerAddress::new(settings.signin_rate_limit),
            invite: PerAddress::new(settings.invite_rate_limit),
            client_auth_failures: PerAddress::new(settings.client_auth_failure_limit),
            client_auth_blocked: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a sign-in attempt from `ip` (none when the address is unknown).
    pub fn signin(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        ip.map_or(Ok(()), |ip| self.signin.check(ip).map_err(too_many))
    }

    /// Counts a request to an invite page from `ip`.
    pub fn invite(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        ip.map_or(Ok(()), |ip| self.invite.check(ip).map_err(too_many))
    }

    /// Records a failed client authentication at `/token`. `Err(seconds)`
    /// when the address has now failed too often: answer 429 with
    /// `Retry-After: seconds` instead of `invalid_client`.
    pub fn client_auth_failure(&self, ip: Option<IpAddr>) -> Result<(), u64> {
        let Some(ip) = ip else { return Ok(()) };
        self.client_auth_failures.check(ip).map_err(|wait| {
            let wait = wait.max(1);
            if let Ok(mut blocked) = self.client_auth_blocked.lock() {
                blocked.insert(ip, Instant::now() + Duration::from_secs(wait));
            }
            wait
        })
    }

    /// Whether `ip` is refused at `/token` because of recent failures
    /// (`Some(seconds)` to send as `Retry-After`). Call it before checking
    /// the client's credentials, so a blocked address cannot keep guessing.
    /// Counts nothing.
    #[must_use]
    pub fn client_auth_blocked(&self, ip: Option<IpAddr>) -> Option<u64> {
        let ip = ip?;
        let mut blocked = self.client_auth_blocked.lock().ok()?;
        let until = *blocked.get(&ip)?;
        let now = Instant::now();
        if until <= now {
            blocked.remove(&ip);
            return None;
        }
        let wait = until - now;
        Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
    }

    /// Forgets addresses whose limits have fully recovered (housekeeping).
    pub fn retain_recent(&self) {
        self.signin.limiter.retain_recent();
        self.invite.limiter.retain_recent();
        self.client_auth_failures.limiter.retain_recent();
        if let Ok(mut blocked) = self.client_auth_blocked.lock() {
            let now = Instant::now();
            blocked.retain(|_, until| *until > now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        let mut s = Settings::for_tests("http://localhost", "sqlite://x.db").unwrap();
        s.signin_rate_limit = 3;
        s.client_auth_failure_limit = 2;
        s
    }

    #[test]
    fn signin_limit_is_per_address() {
        let limits = Limits::new(&settings());
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            limits.signin(Some(a)).unwrap();
        }
        match limits.signin(Some(a)) {
            Err(AppError::TooManyRequests { retry_after }) => assert!(retry_after >= 1),
            other => panic!("expected 429, got {other:?}"),
        }
        limits.signin(Some(b)).unwrap();
        limits.signin(None).unwrap();
    }

    #[test]
    fn only_client_auth_failures_count() {
        let limits = Limits::new(&settings());
        let ip: IpAddr = "198.51.100.7".parse().unwrap();
        // Any number of valid requests: nothing is counted.
        for _ in 0..1000 {
            assert_eq!(limits.client_auth_blocked(Some(ip)), None);
        }
        limits.client_auth_failure(Some(ip)).unwrap();
        limits.client_auth_failure(Some(ip)).unwrap();
        let wait = limits.client_auth_failure(Some(ip)).unwrap_err();
        assert!(wait >= 1);
        assert!(limits.client_auth_blocked(Some(ip)).is_some());
        let other: IpAddr = "198.51.100.8".parse().unwrap();
        assert_eq!(limits.client_auth_blocked(Some(other)), None);
    }
}
