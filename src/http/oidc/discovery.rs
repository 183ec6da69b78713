//! `/.well-known/openid-configuration` and `/jwks`, served from memory.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::http::AppState;

fn json_response(body: std::sync::Arc<str>, max_age: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(max_age)),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        body.to_string(),
    )
        .into_response()
}

/// The provider metadata.
pub async fn configuration(State(state): State<AppState>) -> Response {
    json_response(state.discovery.clone(), "public, max-age=3600")
}

/// The published keys (current and still-valid previous ones).
pub async fn jwks(State(state): State<AppState>) -> Response {
    json_response(state.keys.current().jwks(), "public, max-age=300")
}
