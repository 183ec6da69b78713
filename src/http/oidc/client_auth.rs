//! Client authentication at the token, revocation and introspection
//! endpoints: `client_secret_basic`, `client_secret_post`, `none`.

use std::net::IpAddr;

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::db::Client;
use crate::http::AppState;
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

/// Authenticates the client of a back-channel request. Public clients
/// identify themselves with `client_id` alone when `allow_public`.
pub async fn authenticate(
    state: &AppState,
    ip: Option<IpAddr>,
    headers: &HeaderMap,
    params: &[(String, String)],
    allow_public: bool,
) -> Result<Client, OAuthError> {
    let mut named = None;
    let result = check(state, headers, params, allow_public, &mut named).await;
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
    headers: &HeaderMap,
    params: &[(String, String)],
    allow_public: bool,
    named: &mut Option<String>,
) -> Result<Client, OAuthError> {
    let basic = basic_credentials(headers)?;
    let body_id = param(params, "client_id")?;
    let body_secret = param(params, "client_secret")?;
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
    match (&client.secret_hash, secret) {
        (Some(hash), Some(secret)) if crate::crypto::verify_secret(&secret, hash) => Ok(client),
        (None, None) if client.public && allow_public => Ok(client),
        _ => Err(OAuthError::invalid_client("client authentication failed")),
    }
}
