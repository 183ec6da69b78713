//! OAuth errors as HTTP responses: RFC 6749 JSON, `no-store`, challenges.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::oidc::error::OAuthError;

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body =
            serde_json::json!({ "error": self.error, "error_description": self.description });
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            headers.insert(header::RETRY_AFTER, v);
        }
        if let Some(nonce) = self.dpop_nonce
            && let Ok(v) = HeaderValue::from_str(&nonce)
        {
            headers.insert(crate::http::cors::DPOP_NONCE, v);
        }
        if let Some(challenge) = self.www_authenticate
            && let Ok(v) = HeaderValue::from_str(&challenge)
        {
            headers.insert(header::WWW_AUTHENTICATE, v);
        }
        response
    }
}
