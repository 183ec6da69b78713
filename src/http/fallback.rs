//! Addresses no page serves: `/` leads to the account page, and an unknown
//! path gets the HTML error page (404 with a way home) for people, or a JSON
//! error under `/api/` and for clients that ask for JSON only.

use axum::Router;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::AppState;
use super::api::error::ApiError;

/// `GET /`: the account page (which asks to sign in first when needed).
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(|| async { Redirect::to("/account") }))
}

/// The answer for a path no route serves, whatever the method.
pub async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    if wants_json(uri.path(), &headers) {
        return ApiError::not_found("this endpoint").into_response();
    }
    (
        StatusCode::NOT_FOUND,
        crate::templates::error_page_with_home(
            StatusCode::NOT_FOUND,
            &crate::i18n::t("error-page-not-found"),
            &crate::i18n::t("error-page-not-found-message"),
        ),
    )
        .into_response()
}

/// Whether the caller is a program expecting JSON: anything under `/api/`,
/// or an `Accept` header that names JSON but not HTML.
fn wants_json(path: &str, headers: &HeaderMap) -> bool {
    if path == "/api" || path.starts_with("/api/") {
        return true;
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    accept.contains("json") && !accept.contains("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, v.parse().unwrap());
        h
    }

    #[test]
    fn programs_get_json_and_people_html() {
        assert!(wants_json("/api/admin/v1/nope", &HeaderMap::new()));
        assert!(wants_json("/api", &accept("text/html")));
        assert!(!wants_json("/apiary", &HeaderMap::new()));
        assert!(!wants_json("/nope", &HeaderMap::new()));
        assert!(!wants_json("/nope", &accept("*/*")));
        assert!(wants_json("/nope", &accept("application/json")));
        assert!(!wants_json(
            "/nope",
            &accept("text/html,application/xhtml+xml,application/json;q=0.9")
        ));
    }
}
