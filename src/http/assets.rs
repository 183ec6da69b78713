//! Static files embedded in the binary (stylesheet, WebAuthn script, the
//! script that submits `response_mode=form_post` answers).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;

const ASSETS: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../static/style.css"),
    ),
    (
        "webauthn.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/webauthn.js"),
    ),
    (
        "form_post.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/form_post.js"),
    ),
];

/// `/static/{file}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(asset))
}

async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
