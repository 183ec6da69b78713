//! Pushed authorization requests (RFC 9126): a client posts its
//! authorization parameters to `/par` over the back channel (authenticated
//! as at `/token`), gets a short-lived, single-use `request_uri`, and sends
//! the browser to `/authorize` with only `client_id` and that `request_uri`.
//!
//! The `request_uri` is `urn:ietf:params:oauth:request_uri:` followed by
//! 256 random bits; only their SHA-256 is stored (like every bearer value),
//! so a copy of the database yields no usable `request_uri`. It is bound to
//! the client that pushed it, lives [`PUSHED_TTL`] seconds and is taken
//! (deleted) by its first use at `/authorize`.

use super::authorize::{self, AuthorizeError};
use super::error::OAuthError;
use super::params::Params;
use super::provider::Provider;
use super::tokens::{self, IdClaims};
use crate::db::{Client, DbError, PushedRequest};

/// The prefix of every `request_uri` (RFC 9126 §2.2).
pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// How long a pushed request may wait for its use at `/authorize`, in
/// seconds (RFC 9126 §2.2 suggests 5 to 600).
pub const PUSHED_TTL: i64 = 60;

/// Parameters that authenticate the client at `/par`: never stored.
const CLIENT_AUTH: &[&str] = &["client_secret", "client_assertion", "client_assertion_type"];

/// What the page says about a `request_uri` that cannot be used.
pub const UNUSABLE: &str = "This sign-in request has expired or was already used \
     (invalid_request_uri). Go back to the application and start again.";

/// A stored pushed request's answer (RFC 9126 §2.2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pushed {
    pub request_uri: String,
    pub expires_in: i64,
}

/// The error of a pushed request that would fail at `/authorize`, as JSON
/// (RFC 9126 §2.3): what `/authorize` shows on its page is `invalid_request`,
/// what it sends to the client keeps its code.
fn refusal(e: AuthorizeError) -> OAuthError {
    match e {
        AuthorizeError::Page(message) => OAuthError::invalid_request(message),
        AuthorizeError::Redirect(r) => {
            let mut e = OAuthError::invalid_request(r.description);
            e.error = r.error;
            e
        }
    }
}

/// Validates the parameters `client` (authenticated) pushed with the
/// checks of `/authorize`, and stores them.
pub async fn push(
    provider: &Provider,
    client: &Client,
    params: &[(String, String)],
) -> Result<Pushed, OAuthError> {
    let p = Params(params);
    if p.get("request_uri")
        .map_err(OAuthError::invalid_request)?
        .is_some()
    {
        return Err(OAuthError::invalid_request(
            "request_uri cannot be pushed (RFC 9126 §2.1)",
        ));
    }
    let mut stored: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| !CLIENT_AUTH.contains(&k.as_str()) && k != "client_id")
        .cloned()
        .collect();
    stored.push(("client_id".into(), client.client_id.to_string()));
    let now = provider.now();
    let hint = |token: &str| {
        tokens::verify_jwt::<IdClaims>(&provider.keys, &provider.issuer, token, None, now, true)
            .ok()
            .map(|c| c.sub)
    };
    authorize::validate(&stored, Some(client), provider.require_pkce, hint, now)
        .map_err(refusal)?;
    let secret = crate::crypto::new_secret();
    let record = PushedRequest {
        uri_hash: crate::crypto::hash_secret(&secret),
        client_id: client.client_id.to_string(),
        params: serde_json::to_string(&stored).map_err(OAuthError::server_error)?,
        created_at: now,
        expires_at: now + PUSHED_TTL,
    };
    provider.repos.pushed_requests.create(&record).await?;
    Ok(Pushed {
        request_uri: format!("{REQUEST_URI_PREFIX}{secret}"),
        expires_in: PUSHED_TTL,
    })
}

/// The parameters pushed as `request_uri` by `client` (the one the
/// front channel names), taken so they serve once; `Ok(None)` when there is
/// no such live request for that client.
pub async fn take(
    provider: &Provider,
    client: &Client,
    request_uri: &str,
) -> Result<Option<Vec<(String, String)>>, DbError> {
    let Some(secret) = request_uri.strip_prefix(REQUEST_URI_PREFIX) else {
        return Ok(None);
    };
    let taken = provider
        .repos
        .pushed_requests
        .take(
            &crate::crypto::hash_secret(secret),
            client.client_id.as_str(),
            provider.now(),
        )
        .await?;
    match taken {
        None => Ok(None),
        Some(record) => serde_json::from_str(&record.params)
            .map(Some)
            .map_err(|e| DbError::Corrupt(format!("pushed request: {e}"))),
    }
}
