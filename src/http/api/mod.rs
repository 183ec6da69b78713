//! `/api/admin/v1`: the management JSON API. Bearer access tokens issued
//! by Latchkey with scope `latchkey:admin` ([`auth`]); errors as JSON with
//! stable codes ([`error`]); an OpenAPI document generated from the handlers
//! at `/api/admin/v1/openapi.json`.

pub mod api_keys;
pub mod attributes;
pub mod auth;
pub mod clients;
pub mod error;
pub mod groups;
pub mod invites;
pub mod keys;
pub mod model;
pub mod registration_tokens;
pub mod sessions;
pub mod signups;
pub mod users;

use std::sync::Arc;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::http::AppState;

/// Where the API lives.
pub const BASE: &str = "/api/admin/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Latchkey admin API",
        description = "Manage users (their sessions and passkeys), groups, clients, invites, sign-up requests, registration tokens, signing keys and API keys, and read the audit log. Authenticate with an access token issued by Latchkey carrying the `latchkey:admin` scope (a user with an administrative role, or a client granted that scope), or with an API key (`Authorization: Bearer lk_...`). Errors are `{\"error\": \"<code>\", \"message\": \"...\"}`."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "users", description = "People who sign in"),
        (name = "clients", description = "Relying parties"),
        (name = "groups", description = "Groups of users; clients may be restricted to them"),
        (name = "invites", description = "Magic-link invites"),
        (name = "registration-tokens", description = "Initial access tokens for dynamic client registration (RFC 7591)"),
        (name = "signups", description = "Self-registration requests waiting for approval (LATCHKEY_SIGNUP=approval)"),
        (name = "keys", description = "Token signing keys"),
        (name = "api-keys", description = "API keys for this API: bearer tokens with a role and an expiry"),
        (name = "audit", description = "The audit log")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

/// The API routes and the OpenAPI document describing them.
pub fn router() -> Router<AppState> {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(users::router())
        .merge(sessions::router())
        .merge(clients::router())
        .merge(groups::router())
        .merge(invites::router())
        .merge(registration_tokens::router())
        .merge(signups::router())
        .merge(attributes::router())
        .merge(keys::router())
        .merge(api_keys::router())
        .split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let json: Arc<str> = match doc.to_json() {
        Ok(j) => j.into(),
        Err(e) => {
            tracing::error!(error = %e, "the OpenAPI document does not serialize");
            "{}".into()
        }
    };
    router
        .route(
            &format!("{BASE}/openapi.json"),
            get(move || openapi(json.clone())),
        )
        .route(&format!("{BASE}/{{*rest}}"), axum::routing::any(not_found))
}

async fn openapi(json: Arc<str>) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "application/json; charset=utf-8",
        )],
        json.to_string(),
    )
        .into_response()
}

async fn not_found() -> error::ApiError {
    error::ApiError::not_found("route")
}
