//! The OpenID Connect endpoints: thin handlers over `crate::oidc`.

mod authorize;
pub mod client_auth;
mod device;
mod discovery;
mod error;
mod logout;
mod token;
mod userinfo;

use axum::Router;
use axum::routing::{get, post};

use super::AppState;

/// Every OIDC route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::configuration),
        )
        .route("/jwks", get(discovery::jwks))
        .route(
            "/authorize",
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route("/authorize/resume", get(authorize::resume))
        .route(
            "/consent",
            get(authorize::consent_get).post(authorize::consent_post),
        )
        .route("/token", post(token::token_post))
        .route(
            "/device_authorization",
            post(device::device_authorization_post),
        )
        .route("/device", get(device::device_get).post(device::device_post))
        .route("/revoke", post(token::revoke_post))
        .route("/introspect", post(token::introspect_post))
        .route(
            "/userinfo",
            get(userinfo::userinfo_get).post(userinfo::userinfo_post),
        )
        .route("/logout", get(logout::logout_get).post(logout::logout_post))
}

/// The pairs of an `application/x-www-form-urlencoded` request body
/// ([`crate::oidc::params::from_form`]).
pub(crate) fn form_pairs(
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Result<Vec<(String, String)>, crate::oidc::error::OAuthError> {
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    crate::oidc::params::from_form(content_type, body)
}
