//! Access tokens presented to this server's protected resources
//! (`/userinfo`, the admin API), and DPoP proofs (RFC 9449) wherever they
//! come: the `Authorization` scheme (`Bearer` or `DPoP`) and the `DPoP`
//! header are read here, once; the checks are
//! [`crate::oidc::dpop::authenticate_resource`] and
//! [`crate::oidc::dpop::accept`].

use axum::http::{HeaderMap, Method, header};

use crate::oidc::dpop::{self, Presented, Refusal, Scheme};
use crate::oidc::error::OAuthError;
use crate::oidc::provider::Provider;
use crate::oidc::tokens::AccessClaims;

/// The `DPoP` request header.
const DPOP: &str = "dpop";

/// The scheme and token of the `Authorization` header, if any; an error
/// (for `invalid_token`) when it is not text or names another scheme.
pub fn authorization(headers: &HeaderMap) -> Result<Option<(Scheme, &str)>, &'static str> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| "the Authorization header is not text")?;
    let refused = "use the Bearer or the DPoP authorization scheme";
    let (scheme, token) = text.split_once(' ').ok_or(refused)?;
    let token = token.trim();
    if token.is_empty() {
        return Err(refused);
    }
    if scheme.eq_ignore_ascii_case("bearer") {
        Ok(Some((Scheme::Bearer, token)))
    } else if scheme.eq_ignore_ascii_case("dpop") {
        Ok(Some((Scheme::Dpop, token)))
    } else {
        Err(refused)
    }
}

/// The `DPoP` header, if one came; more than one, or one that is not text,
/// is an error (`invalid_dpop_proof`, RFC 9449 §4.3).
pub fn proof(headers: &HeaderMap) -> Result<Option<&str>, &'static str> {
    let mut all = headers.get_all(DPOP).iter();
    match (all.next(), all.next()) {
        (None, _) => Ok(None),
        (Some(one), None) => one
            .to_str()
            .map(Some)
            .map_err(|_| "the DPoP header is not text"),
        (Some(_), Some(_)) => Err("send one DPoP header, not several"),
    }
}

/// Authenticates a request with `method` to `path` of a protected
/// resource presenting `token` under `scheme`: the one check `/userinfo`
/// and the admin API share.
pub async fn authenticate(
    provider: &Provider,
    headers: &HeaderMap,
    scheme: Scheme,
    token: &str,
    method: &Method,
    path: &str,
) -> Result<AccessClaims, Refusal> {
    let proof = proof(headers).map_err(|e| Refusal::Proof(e.into()))?;
    dpop::authenticate_resource(
        provider,
        Presented {
            scheme,
            token,
            proof,
        },
        method.as_str(),
        path,
    )
    .await
}

/// A refusal of a protected resource as an OAuth error: 401 with its
/// challenge, and a fresh `DPoP-Nonce` with `use_dpop_nonce`.
#[must_use]
pub fn oauth_refusal(provider: &Provider, refusal: &Refusal) -> OAuthError {
    if let Refusal::Failure(detail) = refusal {
        return OAuthError::server_error(detail);
    }
    let mut e =
        OAuthError::unauthorized(refusal.error(), refusal.description(), refusal.challenge());
    if matches!(refusal, Refusal::UseNonce) {
        e.dpop_nonce = dpop::current_nonce(provider);
    }
    e
}

/// Verifies the DPoP proof sent with a `POST` to `path` (`/token`,
/// `/par`), if any, and spends it: `invalid_dpop_proof`, or
/// `use_dpop_nonce` with a fresh nonce.
pub async fn endpoint_proof(
    provider: &Provider,
    headers: &HeaderMap,
    path: &str,
) -> Result<Option<dpop::Proof>, OAuthError> {
    let Some(proof) = proof(headers).map_err(OAuthError::invalid_dpop_proof)? else {
        return Ok(None);
    };
    match dpop::accept(provider, proof, "POST", path, None).await {
        Ok(proof) => Ok(Some(proof)),
        Err(dpop::DpopError::Invalid(why)) => Err(OAuthError::invalid_dpop_proof(why)),
        Err(dpop::DpopError::UseNonce) => {
            Err(OAuthError::use_dpop_nonce(dpop::current_nonce(provider)))
        }
        Err(dpop::DpopError::Db(e)) => Err(OAuthError::server_error(e)),
    }
}

/// Adds a fresh `DPoP-Nonce` to a successful answer when nonces are on
/// (RFC 9449 §8.2), so the client need not fail once to learn the next.
pub fn with_nonce(provider: &Provider, headers: &mut HeaderMap) {
    if let Some(nonce) = dpop::current_nonce(provider)
        && let Ok(value) = axum::http::HeaderValue::from_str(&nonce)
    {
        headers.insert(super::cors::DPOP_NONCE, value);
    }
}
