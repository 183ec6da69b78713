//! Branding served by Latchkey itself: the instance logo
//! (`/branding/logo`), the accent stylesheet (`/branding/style.css`) and
//! clients' logos (`/branding/clients/{client_id}/logo`). Pages link them
//! with `?v=<content hash>`: a request naming the current hash may be
//! cached for a year, any other gets the current content uncached.
//! Images go out with their checked type, `nosniff` and a policy under
//! which even an SVG opened on its own cannot run a script or load
//! anything.

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::AppState;
use super::error::AppError;
use crate::branding::ImageKind;

/// The policy of every served image: nothing loads, nothing runs (an SVG
/// document opened directly is sandboxed; inline styles in it still apply).
pub const IMAGE_CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/// `/branding/...`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/branding/logo", get(logo))
        .route("/branding/style.css", get(stylesheet))
        .route("/branding/clients/{client_id}/logo", get(client_logo))
}

/// Runs the request with the instance's branding for its pages
/// ([`crate::templates::scope`]).
pub async fn page_scope(State(state): State<AppState>, request: Request, next: Next) -> Response {
    crate::templates::scope(state.brand.clone(), next.run(request)).await
}

/// `?v=`: the content hash the page linked.
#[derive(Deserialize, Default)]
pub struct Version {
    v: Option<String>,
}

/// Long caching only for the URL of the current content.
fn cache_control(version: &Version, hash: &str) -> HeaderValue {
    if version.v.as_deref() == Some(hash) {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

/// An image response with its checked type and the image policy.
pub fn image_response(kind: ImageKind, bytes: Body, cache: HeaderValue) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(kind.content_type()),
            ),
            (header::CACHE_CONTROL, cache),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(IMAGE_CSP),
            ),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline"),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn logo(
    State(state): State<AppState>,
    version: Result<Query<Version>, QueryRejection>,
) -> Response {
    let version = version.map(|q| q.0).unwrap_or_default();
    match &state.settings.branding.logo {
        Some(image) => image_response(
            image.kind,
            Body::from(axum::body::Bytes::copy_from_slice(&image.bytes)),
            cache_control(&version, &image.hash),
        ),
        None => AppError::NotFound.into_response(),
    }
}

async fn stylesheet(
    State(state): State<AppState>,
    version: Result<Query<Version>, QueryRejection>,
) -> Response {
    let version = version.map(|q| q.0).unwrap_or_default();
    let branding = &state.settings.branding;
    match (&branding.accent, branding.stylesheet_hash()) {
        (Some(accent), Some(hash)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/css; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, cache_control(&version, &hash)),
            ],
            accent.stylesheet(),
        )
            .into_response(),
        _ => AppError::NotFound.into_response(),
    }
}

async fn client_logo(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    version: Result<Query<Version>, QueryRejection>,
) -> Response {
    let version = version.map(|q| q.0).unwrap_or_default();
    let found = if client_id.len() > 200 {
        Ok(None)
    } else {
        state.repos.client_logos.get(&client_id).await
    };
    match found {
        Ok(Some(logo)) => match ImageKind::from_content_type(&logo.content_type) {
            Some(kind) => image_response(
                kind,
                Body::from(logo.bytes),
                cache_control(&version, &logo.hash),
            ),
            None => AppError::NotFound.into_response(),
        },
        Ok(None) => AppError::NotFound.into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The URL a page shows a client's logo at.
#[must_use]
pub fn client_logo_url(client_id: &str, hash: &str) -> String {
    let id: String = url::form_urlencoded::byte_serialize(client_id.as_bytes()).collect();
    format!("/branding/clients/{id}/logo?v={hash}")
}
