//! Client authentication at the token, revocation and introspection
//! endpoints (and every other back-channel endpoint): `client_secret_basic`,
//! `client_secret_post`, `none`, and signed JWTs (RFC 7523 §2.2, OpenID
//! Connect Core §9): `private_key_jwt` and `client_secret_jwt`.
//!
//! A client authenticates in exactly the way its registration says
//! ([`Client::auth_method`]): a client with a JWK Set only with assertions
//! signed by one of its keys, a `client_secret_jwt` client only with HS256
//! assertions, a secret client only with its secret. Every failure is the
//! same `invalid_client`, counted by [`crate::http::limits`].

use std::net::IpAddr;

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::audit::{self, Event};
use crate::db::Client;
use crate::domain::auth_method::AuthMethod;
use crate::http::AppState;
use crate::oidc::client_assertion::{self, AssertionKey, JWT_BEARER};
use crate::oidc::error::OAuthError;
use crate::oidc::params::param;

/// Decodes `Authorization: Basic` client credentials (RFC 6749 §2.3.1:
/// each part is form-urlencoded).
pub fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let bad = || OAuthError::invalid_client("malformed Basic credentials");
    let text = value.to_str().map_err(|_| bad())?;
    let Some((scheme, rest)) = text.split_once(' ') else {
        return Err(bad());
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(OAuthError::invalid_client(
            "unsupported authorization scheme; use Basic",
        ));
    }
    let decoded = STANDARD.decode(rest.trim()).map_err(|_| bad())?;
    let decoded = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = decoded.split_once(':').ok_or_else(bad)?;
    let unescape = |s: &str| -> Result<String, OAuthError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&format!("v={s}")).map_err(|_| bad())?;
        Ok(pairs.into_iter().next().map(|(_, v)| v).unwrap_or_default())
    };
    Ok(Some((unescape(id)?, unescape(secret)?)))
}

/// Authenticates the client of a request to the token endpoint (or to an
/// endpoint whose assertions name the issuer or the token endpoint as
/// their audience; prefer [`authenticate_at`]). Public clients identify
/// themselves with `client_id` alone when `allow_public`.
pub async fn authenticate(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    params: &[(String, String)],
    allow_public: bool,
) -> Result<Client, OAuthError> {
    authenticate_at(state, ip, headers, params, allow_public, "/token").await
}

/// Authenticates the client of a back-channel request to `endpoint` (a
/// path such as `/revoke`): a client assertion's `aud` may be the issuer,
/// the token endpoint or the URL of `endpoint`. Public clients identify
/// themselves with `client_id` alone when `allow_public`.
pub async fn authenticate_at(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    params: &[(String, String)],
    allow_public: bool,
    endpoint: &str,
) -> Result<Client, OAuthError> {
    let mut named = None;
    let result = check(
        state,
        ip,
        headers,
        params,
        allow_public,
        endpoint,
        &mut named,
    )
    .await;
    if let Err(e) = &result
        && e.error == "invalid_client"
    {
        // Only failures are counted, per client and address, and only
        // failures are refused: a valid secret always goes through.
        state
            .limits
            .client_auth_failure(named.as_deref(), ip)
            .await?;
    }
    result
}

/// Checks the presented client credentials.
async fn check(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    params: &[(String, String)],
    allow_public: bool,
    endpoint: &str,
    named: &mut Option<String>,
) -> Result<Client, OAuthError> {
    let basic = basic_credentials(headers)?;
    let body_id = param(params, "client_id")?;
    let body_secret = param(params, "client_secret")?;
    let assertion_type = param(params, "client_assertion_type")?;
    let assertion = param(params, "client_assertion")?;
    if assertion_type.is_some() || assertion.is_some() {
        if basic.is_some() || body_secret.is_some() {
            return Err(OAuthError::invalid_request(
                "use one client authentication method, not two",
            ));
        }
        let presented = Assertion {
            assertion_type,
            assertion,
            body_id,
        };
        return check_assertion(state, ip, &presented, endpoint, named).await;
    }
    let (client_id, secret) = match (basic, body_secret) {
        (Some(_), Some(_)) => {
            return Err(OAuthError::invalid_request(
                "use one client authentication method, not two",
            ));
        }
        (Some((id, secret)), None) => {
            if body_id.is_some_and(|b| b != id) {
                return Err(OAuthError::invalid_client(
                    "client_id does not match the credentials",
                ));
            }
            (id, Some(secret))
        }
        (None, secret) => {
            let id = body_id
                .ok_or_else(|| OAuthError::invalid_client("client authentication is required"))?;
            (id.to_owned(), secret.map(str::to_owned))
        }
    };
    let client = state.repos.clients.get(&client_id).await?;
    let Some(client) = client else {
        return Err(OAuthError::invalid_client("client authentication failed"));
    };
    *named = Some(client.client_id.to_string());
    // A client with keys or a sealed secret has no `secret_hash`: a
    // secret is refused for it below.
    match (&client.secret_hash, secret) {
        (Some(hash), Some(secret)) if crate::crypto::verify_secret(&secret, hash) => Ok(client),
        (None, None) if client.public && allow_public => Ok(client),
        _ => Err(OAuthError::invalid_client("client authentication failed")),
    }
}

/// A client assertion as presented.
struct Assertion<'a> {
    assertion_type: Option<&'a str>,
    assertion: Option<&'a str>,
    body_id: Option<&'a str>,
}

/// The one answer to every failed assertion (nothing that tells which
/// check failed).
fn failed() -> OAuthError {
    OAuthError::invalid_client("client authentication failed")
}

/// Checks a `private_key_jwt` or `client_secret_jwt` assertion and spends
/// its `jti`.
async fn check_assertion(
    state: &AppState,
    ip: Option<IpAddr>,
    presented: &Assertion<'_>,
    endpoint: &str,
    named: &mut Option<String>,
) -> Result<Client, OAuthError> {
    if presented.assertion_type != Some(JWT_BEARER) {
        return Err(OAuthError::invalid_client(
            "unsupported client_assertion_type",
        ));
    }
    let Some(assertion) = presented.assertion else {
        return Err(OAuthError::invalid_client("client_assertion is missing"));
    };
    let Some(client_id) = client_assertion::claimed_client(assertion) else {
        return Err(failed());
    };
    if presented.body_id.is_some_and(|b| b != client_id) {
        return Err(OAuthError::invalid_client(
            "client_id does not match the credentials",
        ));
    }
    let Some(client) = state.repos.clients.get(&client_id).await? else {
        return Err(failed());
    };
    *named = Some(client.client_id.to_string());
    let secret;
    let key = match (client.auth_method(), &client.jwks, &client.secret_sealed) {
        (AuthMethod::PrivateKeyJwt, Some(jwks), _) => AssertionKey::Public(jwks),
        (AuthMethod::ClientSecretJwt, _, Some(sealed)) => {
            secret = state
                .keys
                .master()
                .open_client_secret(client.client_id.as_str(), sealed)
                .map_err(OAuthError::server_error)?;
            AssertionKey::Secret(&secret)
        }
        _ => return Err(failed()),
    };
    let issuer = &state.settings.issuer;
    let mut audiences = vec![issuer.clone(), format!("{issuer}/token")];
    if endpoint != "/token" {
        audiences.push(format!("{issuer}{endpoint}"));
    }
    let now = state.clock.now();
    let verified = client_assertion::verify(
        assertion,
        client.client_id.as_str(),
        &key,
        &audiences,
        now,
    )
    .map_err(|e| {
        tracing::debug!(client_id = %client.client_id, reason = %e, "client assertion refused");
        failed()
    })?;
    let fresh = state
        .repos
        .assertions
        .spend_assertion(
            client.client_id.as_str(),
            &verified.jti_hash,
            verified.expires_at,
            now,
        )
        .await?;
    if !fresh {
        tracing::warn!(client_id = %client.client_id, "client assertion replayed");
        audit::record(
            &state.repos,
            state.clock.as_ref(),
            &audit::Actor {
                id: format!("client:{}", client.client_id),
                ip: ip.map(|ip| ip.to_string()),
                role: None,
            },
            Event::ClientAssertionReplayed,
            Some(client.client_id.as_str()),
            serde_json::json!({ "client_id": client.client_id.as_str() }),
        )
        .await;
        return Err(failed());
    }
    Ok(client)
}
