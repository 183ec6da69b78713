//! Per-address rate limits, answered with 429 and `Retry-After`.
//!
//! - [`Limits::signin`]: every sign-in attempt (`POST /login`, passkey sign-in
//!   finish), `LATCHKEY_SIGNIN_RATE_LIMIT` per minute per address.
//! - [`Limits::invite`]: the invite pages, their forms and their passkey
//!   ceremony starts (`/invite/*`), `LATCHKEY_INVITE_RATE_LIMIT`.
//! - [`Limits::pending`]: requests that store state for someone not (yet)
//!   signed in: an authorization request waiting for sign-in or consent, a
//!   WebAuthn ceremony start; `LATCHKEY_PENDING_RATE_LIMIT`.
//! - [`Limits::client_auth_failure`]: failed client authentication at
//!   `/token`, keyed by client id **and** address. Only failures are counted
//!   and only failures are refused, so a client presenting its valid secret
//!   is never throttled, whatever others sent "from" its address.
//! - [`Limits::device_code`]: user codes entered at `/device` (RFC 8628
//!   §5.1: user codes are short, so guessing must be bounded),
//!   [`DEVICE_CODE_ENTRIES`] per minute per address, per session and per
//!   signed-in account (accounts are invite-only, so a distributed attacker
//!   holds few). Every entry counts, right or wrong, so a guess never gets
//!   through after the budget is spent.
//! - [`Limits::device_code_signed_out`]: entries at `/device` by visitors
//!   who are not signed in share ONE site-wide budget,
//!   [`DEVICE_CODE_SIGNED_OUT_ENTRIES`] per minute, so many addresses
//!   together cannot guess live codes; once it is spent a signed-out entry
//!   is not looked up and the visitor is sent to sign in first.
//! - [`Limits::recovery`]: self-service recovery requests (`POST /recover`),
//!   [`RECOVERY_REQUESTS`] per minute per address, counted before anything
//!   is looked up (the per-account limit is
//!   [`crate::manage::RECOVERY_REQUESTS_PER_ACCOUNT`]).
//! - [`Limits::registration`]: dynamic client registrations (`POST
//!   /register`), `LATCHKEY_REGISTRATION_RATE_LIMIT` per minute per address;
//!   every request counts, before anything is read or stored.
//! - [`Limits::signup`]: self-registration requests (`POST /signup`),
//!   `LATCHKEY_SIGNUP_RATE_LIMIT` per minute per address, counted before
//!   anything is checked (the per-address-of-mail cap is
//!   [`crate::manage::SIGNUP_MAILS_PER_ADDRESS`]).
//!
//! Addresses are keyed by [`address_key`]: IPv4 addresses one by one, IPv6
//! addresses by their /64 (one subscriber usually holds a whole /64).
//!
//! Where the counters live: with PostgreSQL, in the database (one atomic
//! `INSERT … ON CONFLICT DO UPDATE … RETURNING` per event, one-minute fixed
//! windows), so every instance on the database enforces one budget; with
//! SQLite (one instance), in memory (the `governor` crate, GCRA).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use super::error::AppError;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{Backend, DbError, RateLimitRepo, Repos};
use crate::oidc::error::OAuthError;

/// Length of a counting window of the shared counters, in seconds.
const WINDOW: i64 = 60;

/// User codes one address (and one session) may enter at `/device` per
/// minute. A person types one or two; 20^8 codes make guessing hopeless
/// at this rate within a code's ten minutes.
pub const DEVICE_CODE_ENTRIES: u32 = 10;

/// User codes that visitors who are NOT signed in may enter at `/device`
/// per minute, all addresses together (one site-wide budget). A person
/// who finds it spent signs in and enters the code again.
pub const DEVICE_CODE_SIGNED_OUT_ENTRIES: u32 = 30;

/// Self-service recovery requests one address may send per minute.
pub const RECOVERY_REQUESTS: u32 = 5;

/// The key under which an address is counted: an IPv4 address (or an
/// IPv4-mapped IPv6 one) as itself, any other IPv6 address as its /64.
#[must_use]
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let net = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{net}/64")
            }
        },
    }
}

/// The limits, each with its own budget per key and minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Signin,
    Invite,
    Pending,
    ClientAuthFailure,
    DeviceCode,
    DeviceCodeSignedOut,
    Registration,
    Recovery,
    Signup,
}

impl Limit {
    fn name(self) -> &'static str {
        match self {
            Self::Signin => "signin",
            Self::Invite => "invite",
            Self::Pending => "pending",
            Self::ClientAuthFailure => "client_auth_failure",
            Self::DeviceCode => "device_code",
            Self::DeviceCodeSignedOut => "device_code_signed_out",
            Self::Registration => "registration",
            Self::Recovery => "recovery",
            Self::Signup => "signup",
        }
    }
}

/// One in-memory keyed limiter: `per_minute` events per key, all usable at once.
struct PerKey {
    limiter: RateLimiter<
        String,
        DefaultKeyedStateStore<String>,
        ServerClock,
        NoOpMiddleware<std::time::Duration>,
    >,
    clock: ServerClock,
}

/// The server's clock (whole seconds since the epoch) as governor's clock:
/// the in-memory limiters then run on the same time as the rest of the
/// server (and as the shared store's windows), so a test that holds its
/// manual clock still holds every budget, however slowly it runs.
#[derive(Clone)]
struct ServerClock(Arc<dyn Clock>);

impl governor::clock::Clock for ServerClock {
    type Instant = std::time::Duration;

    fn now(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::try_from(self.0.now()).unwrap_or(0))
    }
}

impl PerKey {
    fn new(per_minute: u32, clock: &Arc<dyn Clock>) -> Self {
        let n = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let clock = ServerClock(clock.clone());
        Self {
            limiter: RateLimiter::new(
                Quota::per_minute(n).allow_burst(n),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            ),
            clock,
        }
    }

    /// Counts one event; `Err(seconds)` when the key must wait.
    fn check(&self, key: String) -> Result<(), u64> {
        self.limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// One in-memory limiter per limit.
struct Memory {
    signin: PerKey,
    invite: PerKey,
    pending: PerKey,
    client_auth_failures: PerKey,
    device_codes: PerKey,
    device_codes_signed_out: PerKey,
    registrations: PerKey,
    recoveries: PerKey,
    signups: PerKey,
}

/// Where the counters are kept.
enum Store {
    /// This instance's memory.
    Memory(Box<Memory>),
    /// The database, shared by every instance on it.
    Shared {
        repo: Arc<dyn RateLimitRepo>,
        clock: Arc<dyn Clock>,
    },
}

/// The rate limiters shared by every handler of one server instance.
pub struct Limits {
    store: Store,
    signin: u32,
    invite: u32,
    pending: u32,
    client_auth_failures: u32,
    registrations: u32,
    signups: u32,
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
    /// Limits sized by the settings: kept in the database when it is
    /// PostgreSQL (shared by every instance), in memory otherwise.
    #[must_use]
    pub fn new(settings: &Settings, repos: &Repos, clock: Arc<dyn Clock>) -> Self {
        if Backend::from_url(&settings.database_url) == Some(Backend::Postgres) {
            Self::shared(settings, repos.rate_limits.clone(), clock)
        } else {
            Self::in_memory(settings, &clock)
        }
    }

    /// Limits counted in this instance's memory.
    #[must_use]
    pub fn in_memory(settings: &Settings, clock: &Arc<dyn Clock>) -> Self {
        Self::with_store(
            settings,
            Store::Memory(Box::new(Memory {
                signin: PerKey::new(settings.signin_rate_limit, clock),
                invite: PerKey::new(settings.invite_rate_limit, clock),
                pending: PerKey::new(settings.pending_rate_limit, clock),
                client_auth_failures: PerKey::new(settings.client_auth_failure_limit, clock),
                device_codes: PerKey::new(DEVICE_CODE_ENTRIES, clock),
                device_codes_signed_out: PerKey::new(DEVICE_CODE_SIGNED_OUT_ENTRIES, clock),
                registrations: PerKey::new(settings.registration_rate_limit, clock),
                recoveries: PerKey::new(RECOVERY_REQUESTS, clock),
                signups: PerKey::new(settings.signup_rate_limit, clock),
            })),
        )
    }

    /// Limits counted in `repo`, in one-minute windows of `clock`.
    #[must_use]
    pub fn shared(
        settings: &Settings,
        repo: Arc<dyn RateLimitRepo>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self::with_store(settings, Store::Shared { repo, clock })
    }

    fn with_store(settings: &Settings, store: Store) -> Self {
        Self {
            store,
            signin: settings.signin_rate_limit,
            invite: settings.invite_rate_limit,
            pending: settings.pending_rate_limit,
            client_auth_failures: settings.client_auth_failure_limit,
            registrations: settings.registration_rate_limit,
            signups: settings.signup_rate_limit,
        }
    }

    /// Counts one event of `limit` for `key`: `Ok(Err(seconds))` when the
    /// budget is spent and the caller must wait that long.
    async fn count(&self, limit: Limit, key: String) -> Result<Result<(), u64>, DbError> {
        match &self.store {
            Store::Memory(memory) => {
                let per_key = match limit {
                    Limit::Signin => &memory.signin,
                    Limit::Invite => &memory.invite,
                    Limit::Pending => &memory.pending,
                    Limit::ClientAuthFailure => &memory.client_auth_failures,
                    Limit::DeviceCode => &memory.device_codes,
                    Limit::DeviceCodeSignedOut => &memory.device_codes_signed_out,
                    Limit::Registration => &memory.registrations,
                    Limit::Recovery => &memory.recoveries,
                    Limit::Signup => &memory.signups,
                };
                Ok(per_key.check(key))
            }
            Store::Shared { repo, clock } => {
                let budget = match limit {
                    Limit::Signin => self.signin,
                    Limit::Invite => self.invite,
                    Limit::Pending => self.pending,
                    Limit::ClientAuthFailure => self.client_auth_failures,
                    Limit::DeviceCode => DEVICE_CODE_ENTRIES,
                    Limit::DeviceCodeSignedOut => DEVICE_CODE_SIGNED_OUT_ENTRIES,
                    Limit::Registration => self.registrations,
                    Limit::Recovery => RECOVERY_REQUESTS,
                    Limit::Signup => self.signups,
                };
                let now = clock.now();
                let start = now - now.rem_euclid(WINDOW);
                let hits = repo
                    .hit(limit.name(), &key, start, start + 2 * WINDOW)
                    .await?;
                if hits > i64::from(budget) {
                    Ok(Err(u64::try_from(start + WINDOW - now).unwrap_or(1)))
                } else {
                    Ok(Ok(()))
                }
            }
        }
    }

    /// Counts one event per address; nothing when the address is unknown.
    async fn per_address(&self, limit: Limit, ip: Option<IpAddr>) -> Result<(), AppError> {
        let Some(ip) = ip else { return Ok(()) };
        self.count(limit, address_key(ip)).await?.map_err(too_many)
    }

    /// Counts a sign-in attempt from `ip` (none when the address is unknown).
    pub async fn signin(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Signin, ip).await
    }

    /// Counts a request to an invite page, form or passkey start from `ip`.
    pub async fn invite(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Invite, ip).await
    }

    /// Counts a self-service recovery request from `ip` (before anything
    /// is looked up).
    pub async fn recovery(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Recovery, ip).await
    }

    /// Counts a sign-up request from `ip` (before anything is checked).
    pub async fn signup(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Signup, ip).await
    }

    /// Counts a request from `ip` that is about to store pending state (an
    /// authorization request, a WebAuthn ceremony). Call it before writing.
    pub async fn pending(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Pending, ip).await
    }

    /// Counts a client registration request (`POST /register`) from `ip`.
    /// Call it before reading the request.
    pub async fn registration(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.per_address(Limit::Registration, ip).await
    }

    /// Records a failed client authentication at `/token` for `client` (the
    /// client id, or `None` when no registered client was named) from `ip`.
    /// `Err(slow_down)` when that client has failed too often from that
    /// address: answer it instead of `invalid_client`. Never call it for a
    /// request whose credentials were valid.
    pub async fn client_auth_failure(
        &self,
        client: Option<&str>,
        ip: Option<IpAddr>,
    ) -> Result<(), OAuthError> {
        let Some(ip) = ip else { return Ok(()) };
        // Unknown client ids share one key per address, so sending random
        // ids grows nothing.
        let key = format!("{} {}", client.unwrap_or("-"), address_key(ip));
        match self.count(Limit::ClientAuthFailure, key).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(secs)) => Err(OAuthError::slow_down(secs.max(1))),
            Err(e) => Err(OAuthError::server_error(e)),
        }
    }

    /// Counts a user code entered at `/device` from `ip` and, when someone
    /// is signed in, by the session `sid` and the account `userid`; `Err`
    /// (429) once any of them has entered [`DEVICE_CODE_ENTRIES`] codes this
    /// minute. Call it before looking the code up.
    pub async fn device_code(
        &self,
        ip: Option<IpAddr>,
        sid: Option<&str>,
        userid: Option<&str>,
    ) -> Result<(), AppError> {
        if let Some(userid) = userid {
            self.count(Limit::DeviceCode, format!("user {userid}"))
                .await?
                .map_err(too_many)?;
        }
        if let Some(ip) = ip {
            self.count(Limit::DeviceCode, format!("ip {}", address_key(ip)))
                .await?
                .map_err(too_many)?;
        }
        if let Some(sid) = sid {
            self.count(Limit::DeviceCode, format!("sid {sid}"))
                .await?
                .map_err(too_many)?;
        }
        Ok(())
    }

    /// Counts a user code entered at `/device` by a visitor who is not
    /// signed in against the site-wide budget; `Ok(false)` once
    /// [`DEVICE_CODE_SIGNED_OUT_ENTRIES`] have been entered this minute:
    /// then do not look the code up, send the visitor to sign in.
    pub async fn device_code_signed_out(&self) -> Result<bool, AppError> {
        Ok(self
            .count(Limit::DeviceCodeSignedOut, "site".to_owned())
            .await?
            .is_ok())
    }

    /// Forgets keys whose in-memory limits have fully recovered
    /// (housekeeping; shared counters are purged with expired rows).
    pub fn retain_recent(&self) {
        if let Store::Memory(m) = &self.store {
            for per_key in [
                &m.signin,
                &m.invite,
                &m.pending,
                &m.client_auth_failures,
                &m.device_codes,
                &m.device_codes_signed_out,
                &m.registrations,
                &m.recoveries,
                &m.signups,
            ] {
                per_key.limiter.retain_recent();
            }
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

    fn test_clock() -> Arc<dyn Clock> {
        Arc::new(crate::clock::ManualClock::default())
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[tokio::test]
    async fn signin_limit_is_per_address() {
        let limits = Limits::in_memory(&settings(), &test_clock());
        for _ in 0..3 {
            limits.signin(ip("192.0.2.1")).await.unwrap();
        }
        match limits.signin(ip("192.0.2.1")).await {
            Err(AppError::TooManyRequests { retry_after }) => assert!(retry_after >= 1),
            other => panic!("expected 429, got {other:?}"),
        }
        limits.signin(ip("192.0.2.2")).await.unwrap();
        limits.signin(None).await.unwrap();
    }

    #[tokio::test]
    async fn client_auth_failures_are_counted_per_client_and_address() {
        let limits = Limits::in_memory(&settings(), &test_clock());
        limits
            .client_auth_failure(Some("x"), ip("198.51.100.7"))
            .await
            .unwrap();
        limits
            .client_auth_failure(Some("x"), ip("198.51.100.7"))
            .await
            .unwrap();
        let e = limits
            .client_auth_failure(Some("x"), ip("198.51.100.7"))
            .await
            .unwrap_err();
        assert_eq!(e.error, "slow_down");
        // Another client from that address, and that client elsewhere, are untouched.
        limits
            .client_auth_failure(Some("y"), ip("198.51.100.7"))
            .await
            .unwrap();
        limits
            .client_auth_failure(Some("x"), ip("198.51.100.8"))
            .await
            .unwrap();
    }

    #[test]
    fn ipv6_addresses_are_keyed_by_their_64() {
        let k = |s: &str| address_key(s.parse().unwrap());
        assert_eq!(k("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(k("2001:db8:1:2:ffff:ffff:ffff:ffff"), k("2001:db8:1:2::"));
        assert_ne!(k("2001:db8:1:2::1"), k("2001:db8:1:3::1"));
        assert_eq!(k("192.0.2.1"), "192.0.2.1");
        assert_ne!(k("192.0.2.1"), k("192.0.2.2"));
        assert_eq!(k("::ffff:192.0.2.1"), "192.0.2.1");
    }

    #[tokio::test]
    async fn one_ipv6_64_shares_one_budget() {
        let limits = Limits::in_memory(&settings(), &test_clock());
        for i in 1..=3 {
            limits.signin(ip(&format!("2001:db8::{i}"))).await.unwrap();
        }
        assert!(limits.signin(ip("2001:db8::ffff:4")).await.is_err());
        limits.signin(ip("2001:db8:0:1::1")).await.unwrap();
    }
}
