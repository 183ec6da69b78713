//! OpenID Connect Back-Channel Logout 1.0: telling relying parties that a
//! session they hold ended here.
//!
//! Ending a session explicitly (`SessionRepo::delete`, `delete_for_user`)
//! writes one outbox row per client that received an ID token in it and has
//! a registered `backchannel_logout_uri`, in the same transaction. The
//! worker ([`run`]) wakes on that (and on a periodic tick, for other
//! instances' rows and retries), claims due rows with a lease, signs a
//! logout token per row with the client's ID token algorithm and POSTs it
//! (`application/x-www-form-urlencoded`, `logout_token=…`) to the URI an
//! administrator registered, with a timeout and no redirects followed. A 2xx
//! answer delivers it; anything else is retried with growing delays and
//! finally given up. The token itself is never logged or stored.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::keys::KeyError;
use super::provider::Provider;
use super::tokens;
use crate::clock::secs;
use crate::config::Settings;
use crate::db::{Client, DbResult, LogoutDelivery};

/// The `typ` header of logout tokens (Back-Channel Logout 1.0 §2.4).
pub const LOGOUT_TOKEN_TYP: &str = "logout+jwt";

/// The event a logout token carries in its `events` claim.
pub const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Attempts made before a delivery is given up.
pub const MAX_ATTEMPTS: i64 = 7;

/// The wait before retry *n* (after attempt *n*), in multiples of
/// `LATCHKEY_BACKCHANNEL_LOGOUT_RETRY_DELAY`: 5 s, 30 s, 2 min, 10 min, 1 h
/// and 6 h with the default of 5 s.
const RETRY_FACTORS: [u32; 6] = [1, 6, 24, 120, 720, 4_320];

/// How long a logout token is valid (seconds): it is used at once.
const LOGOUT_TOKEN_TTL: i64 = 120;

/// Attempts in flight at once on one instance.
const BATCH: i64 = 20;

/// Attempts in flight at once for one client (claimed together; the
/// client's other deliveries wait until these finish).
const PER_CLIENT: i64 = 4;

/// How often the worker looks for due deliveries without being woken:
/// retries, and rows enqueued by other instances on the same database.
const TICK: Duration = Duration::from_secs(15);

/// The claims of a logout token (Back-Channel Logout 1.0 §2.4): no `nonce`.
#[derive(Debug, Clone, Serialize)]
pub struct LogoutClaims {
    pub iss: String,
    /// The user's `sub`, as in their ID tokens.
    pub sub: String,
    /// The client id.
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    /// The ended session, as the `sid` of the ID tokens issued in it.
    pub sid: String,
    /// `{"http://schemas.openid.net/event/backchannel-logout": {}}`.
    pub events: serde_json::Value,
}

/// How deliveries are attempted.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Deadline of one POST.
    pub timeout: Duration,
    /// Wait before the first retry; later ones wait [`RETRY_FACTORS`] times it.
    pub retry_delay: Duration,
}

impl Policy {
    /// The policy configured in `settings`.
    #[must_use]
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            timeout: settings.backchannel_logout_timeout,
            retry_delay: settings.backchannel_logout_retry_delay,
        }
    }

    /// When to try again after `attempts` failed attempts (counting the one
    /// that just failed), or `None` to give up.
    #[must_use]
    pub fn retry_at(&self, attempts: i64, now: i64) -> Option<i64> {
        if attempts >= MAX_ATTEMPTS {
            return None;
        }
        let index = usize::try_from(attempts.saturating_sub(1)).unwrap_or(0);
        let factor = RETRY_FACTORS
            .get(index)
            .or(RETRY_FACTORS.last())
            .copied()
            .unwrap_or(1);
        Some(now + secs(self.retry_delay.saturating_mul(factor)))
    }

    /// How long a claim holds its deliveries: longer than any attempt takes.
    fn lease(&self) -> i64 {
        secs(self.timeout) + 60
    }
}

/// Signs the logout token for `delivery` with the current key for the
/// client's ID token algorithm.
pub async fn logout_token(
    p: &Provider,
    client: &Client,
    delivery: &LogoutDelivery,
) -> Result<String, KeyError> {
    let now = p.now();
    let claims = LogoutClaims {
        iss: p.issuer.clone(),
        sub: delivery.userid.clone(),
        aud: client.client_id.to_string(),
        iat: now,
        exp: now + LOGOUT_TOKEN_TTL,
        jti: crate::crypto::new_id(),
        sid: delivery.sid.clone(),
        events: serde_json::json!({ LOGOUT_EVENT: {} }),
    };
    tokens::sign(&p.keys, client.id_token_alg, LOGOUT_TOKEN_TYP, claims).await
}

/// The HTTP client deliveries use: the policy's timeout, no redirects.
pub fn http_client(policy: &Policy) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(policy.timeout)
        .user_agent(concat!("latchkey/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Delivers logout tokens until the task is dropped: up to [`BATCH`]
/// attempts in flight at once, and never more than [`PER_CLIENT`] for one
/// client, so an endpoint that hangs until the timeout holds up only its
/// own deliveries. Claims more whenever an attempt finishes, a session end
/// enqueues deliveries or [`TICK`] passes.
pub async fn run(p: Arc<Provider>, policy: Policy) {
    let http = match http_client(&policy) {
        Ok(http) => http,
        Err(e) => {
            tracing::error!(error = %e, "back-channel logout: cannot build the HTTP client; no logout tokens will be sent");
            return;
        }
    };
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut in_flight = tokio::task::JoinSet::new();
    loop {
        let free = BATCH.saturating_sub(i64::try_from(in_flight.len()).unwrap_or(BATCH));
        if free > 0 {
            match claim_due(&p, policy, free).await {
                Ok(due) => {
                    for delivery in due {
                        let p = p.clone();
                        let http = http.clone();
                        in_flight.spawn(async move { attempt(&p, &http, policy, delivery).await });
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "back-channel logout: reading the outbox failed");
                }
            }
        }
        tokio::select! {
            () = p.repos.logout_deliveries.enqueued() => {}
            _ = tick.tick() => {}
            Some(done) = in_flight.join_next(), if !in_flight.is_empty() => finished(done),
        }
    }
}

/// Claims up to `limit` deliveries due now (at most [`PER_CLIENT`] of one
/// client, none of a client with an attempt in flight).
async fn claim_due(p: &Provider, policy: Policy, limit: i64) -> DbResult<Vec<LogoutDelivery>> {
    let now = p.now();
    p.repos
        .logout_deliveries
        .claim_due(now, now + policy.lease(), limit, PER_CLIENT)
        .await
}

/// Logs an attempt that could not record its outcome.
fn finished(done: Result<DbResult<()>, tokio::task::JoinError>) {
    match done {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "back-channel logout: recording an attempt failed");
        }
        Err(e) => tracing::warn!(error = %e, "back-channel logout: an attempt did not finish"),
    }
}

/// What one attempt came to.
enum Attempt {
    Delivered,
    /// Worth retrying: the answer's status or the error class.
    Failed(String),
    /// Never worth retrying (the client has no logout URI any more).
    Hopeless(&'static str),
}

/// Attempts one delivery and records the outcome.
async fn attempt(
    p: &Provider,
    http: &reqwest::Client,
    policy: Policy,
    delivery: LogoutDelivery,
) -> DbResult<()> {
    let outcome = send(p, http, &delivery).await?;
    let now = p.now();
    let repo = &p.repos.logout_deliveries;
    let client = delivery.client_id.as_str();
    match outcome {
        Attempt::Delivered => {
            repo.delivered(delivery.id, now).await?;
            crate::metrics::backchannel_logout("delivered");
            tracing::info!(
                delivery = delivery.id,
                client_id = client,
                "back-channel logout delivered"
            );
        }
        Attempt::Failed(error) => {
            let attempts = delivery.attempts + 1;
            let retry_at = policy.retry_at(attempts, now);
            repo.failed(delivery.id, now, &error, retry_at).await?;
            if retry_at.is_some() {
                crate::metrics::backchannel_logout("failed");
                tracing::info!(delivery = delivery.id, client_id = client, attempts, error = %error, "back-channel logout attempt failed; will retry");
            } else {
                crate::metrics::backchannel_logout("gave_up");
                tracing::warn!(delivery = delivery.id, client_id = client, attempts, error = %error, "back-channel logout given up");
            }
        }
        Attempt::Hopeless(error) => {
            repo.failed(delivery.id, now, error, None).await?;
            crate::metrics::backchannel_logout("gave_up");
            tracing::warn!(
                delivery = delivery.id,
                client_id = client,
                error,
                "back-channel logout given up"
            );
        }
    }
    Ok(())
}

/// Signs and POSTs the logout token of `delivery` to its client's URI.
async fn send(
    p: &Provider,
    http: &reqwest::Client,
    delivery: &LogoutDelivery,
) -> DbResult<Attempt> {
    let Some(client) = p.repos.clients.get(&delivery.client_id).await? else {
        return Ok(Attempt::Hopeless("the client no longer exists"));
    };
    let Some(uri) = client.backchannel_logout_uri.clone() else {
        return Ok(Attempt::Hopeless("no back-channel logout URI registered"));
    };
    let token = match logout_token(p, &client, delivery).await {
        Ok(token) => token,
        Err(e) => {
            tracing::warn!(error = %e, "back-channel logout: signing the logout token failed");
            return Ok(Attempt::Failed("signing failed".into()));
        }
    };
    // A JWT is base64url and dots: nothing to escape in a form body.
    let answer = http
        .post(uri)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(format!("logout_token={token}"))
        .send()
        .await;
    Ok(match answer {
        Ok(response) if response.status().is_success() => Attempt::Delivered,
        Ok(response) => Attempt::Failed(format!("HTTP {}", response.status().as_u16())),
        Err(e) if e.is_timeout() => Attempt::Failed("timeout".into()),
        Err(e) if e.is_connect() => Attempt::Failed("connection failed".into()),
        Err(_) => Attempt::Failed("request failed".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_grow_then_give_up() {
        let policy = Policy {
            timeout: Duration::from_secs(5),
            retry_delay: Duration::from_secs(5),
        };
        let waits: Vec<Option<i64>> = (1..=MAX_ATTEMPTS)
            .map(|n| policy.retry_at(n, 1000).map(|at| at - 1000))
            .collect();
        assert_eq!(
            waits,
            vec![
                Some(5),
                Some(30),
                Some(120),
                Some(600),
                Some(3600),
                Some(21_600),
                None
            ]
        );
    }
}
