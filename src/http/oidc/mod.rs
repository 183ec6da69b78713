//! The OpenID Connect endpoints: thin handlers over `crate::oidc`.

pub(crate) mod authorize;
pub mod client_auth;
mod device;
mod discovery;
mod error;
mod logout;
mod par;
mod register;
mod token;
mod userinfo;

use axum::Router;
use axum::routing::{get, post};

use super::{AppState, cors};

/// Every OIDC route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::configuration).options(cors::public_preflight),
        )
        .route(
            "/jwks",
            get(discovery::jwks).options(cors::public_preflight),
        )
        .route(
            "/authorize",
            get(authorize::authorize_get).post(authorize::authorize_post),
        )
        .route("/authorize/resume", get(authorize::resume))
        .route(
            "/consent",
            get(authorize::consent_get).post(authorize::consent_post),
        )
        .route("/device", get(device::device_get).post(device::device_post))
        .route("/introspect", post(token::introspect_post))
        .route("/logout", get(logout::logout_get).post(logout::logout_post))
        .route("/register", post(register::register_post))
        .route(
            "/register/{client_id}",
            get(register::register_get)
                .put(register::register_put)
                .delete(register::register_delete),
        )
        .merge(browser_app_routes())
}

/// The endpoints a browser app on another origin calls: CORS
/// ([`cors::layer`]; preflights answered by [`cors::preflight`]).
fn browser_app_routes() -> Router<AppState> {
    Router::new()
        .route("/token", post(token::token_post).options(cors::preflight))
        .route("/revoke", post(token::revoke_post).options(cors::preflight))
        .route("/par", post(par::par_post).options(cors::preflight))
        .route(
            "/device_authorization",
            post(device::device_authorization_post).options(cors::preflight),
        )
        .route(
            "/userinfo",
            get(userinfo::userinfo_get)
                .post(userinfo::userinfo_post)
                .options(cors::preflight),
        )
        .layer(axum::middleware::from_fn(cors::layer))
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
