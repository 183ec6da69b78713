//! CORS for browser apps on other origins (single-page apps): the token,
//! userinfo, revocation, pushed-authorization and device-authorization
//! endpoints (docs/cors.md).
//!
//! - **Preflights** (`OPTIONS` with `Origin` and
//!   `Access-Control-Request-Method`) name no client, so they are answered
//!   with `Access-Control-Allow-Origin: <that origin>` when *some* client
//!   allows the origin ([`crate::db::ClientRepo::origins`], cached), else
//!   without CORS headers (the browser then stops).
//! - **Actual responses** carry `Access-Control-Allow-Origin: <origin>`
//!   only when the client the request is about allows the origin
//!   ([`Client::allows_origin`]): the handler names that client by
//!   returning [`ForClient`] as a response part, and [`layer`] (applied to
//!   the routes in `http::oidc::router`) adds the header. Foreign origins get
//!   no CORS headers; the request itself is processed as always (CORS is
//!   not authentication, and never carries credentials:
//!   `Access-Control-Allow-Credentials` is never sent).
//! - The discovery document and `/jwks` are public: any origin may read
//!   them (`*`, [`public_preflight`]).
//!
//! A new endpoint for browser apps: add its route with
//! `.options(cors::preflight)` to the CORS routes of `http::oidc::router`
//! (which are wrapped in [`layer`]) and return `(ForClient(client), …)`.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use base64::Engine;

use crate::db::Client;
use crate::http::AppState;
use crate::oidc::error::OAuthError;

/// Methods a browser app may use.
pub const ALLOW_METHODS: &str = "GET, POST";
/// Request headers a browser app may send (lower case).
pub const ALLOW_HEADERS: &str = "authorization, content-type, dpop";
/// How long (seconds) a browser may reuse a preflight answer.
pub const MAX_AGE: &str = "600";
/// Response headers a browser app may read beyond the safelisted ones.
const EXPOSE_HEADERS: &str = "www-authenticate, retry-after, dpop-nonce";

/// The `DPoP-Nonce` response header (RFC 9449 §8).
pub const DPOP_NONCE: axum::http::HeaderName = axum::http::HeaderName::from_static("dpop-nonce");

/// The client a response is about: its origins decide whether the
/// response gets `Access-Control-Allow-Origin` (see [`layer`]).
#[derive(Debug, Clone)]
pub struct ForClient(pub Client);

impl IntoResponseParts for ForClient {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// `response` about `client` (when known).
pub fn about(client: Option<Client>, response: impl IntoResponse) -> Response {
    match client {
        Some(c) => (ForClient(c), response).into_response(),
        None => response.into_response(),
    }
}

/// The client a request names with `client_id` (body or Basic
/// credentials), when it exists: for answering a failed client
/// authentication readably to that client's own origins.
pub async fn named_client(
    state: &AppState,
    headers: &HeaderMap,
    params: &[(String, String)],
) -> Option<Client> {
    let from_basic = super::oidc::client_auth::basic_credentials(headers)
        .ok()
        .flatten()
        .map(|(id, _)| id);
    let id = match from_basic {
        Some(id) => id,
        None => crate::oidc::params::param(params, "client_id")
            .ok()
            .flatten()?
            .to_owned(),
    };
    state.repos.clients.get(&id).await.ok().flatten()
}

/// The `client_id` claim of a JWT access token, **unverified**: only for
/// deciding whether an error about that token may be read by the
/// browser (the `Origin` header, which pages cannot forge, must still be
/// one of that client's origins).
#[must_use]
pub fn unverified_client_id(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("client_id")?.as_str().map(str::to_owned)
}

/// Adds `Access-Control-Allow-Origin` to answers about a client
/// ([`ForClient`]) for a request from one of its origins, and
/// `Vary: Origin` to every answer.
pub async fn layer(request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let mut response = next.run(request).await;
    let client = response.extensions_mut().remove::<ForClient>();
    let headers = response.headers_mut();
    if let (Some(origin), Some(ForClient(client))) = (origin, client)
        && origin.to_str().is_ok_and(|o| client.allows_origin(o))
    {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// The origin of a preflight (`OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`); `None` for any other `OPTIONS`.
fn preflight_origin(headers: &HeaderMap) -> Option<&HeaderValue> {
    headers.get(header::ACCESS_CONTROL_REQUEST_METHOD)?;
    headers.get(header::ORIGIN)
}

/// 204 with the preflight headers for `allow_origin`.
fn preflight_answer(allow_origin: HeaderValue) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static(MAX_AGE),
    );
    response
}

/// `OPTIONS` on an endpoint for browser apps: a preflight from an origin
/// some client allows is answered with that origin; anything else gets a
/// bare 204 (and the browser stops).
pub async fn preflight(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, OAuthError> {
    if let Some(origin) = preflight_origin(&headers)
        && let Ok(text) = origin.to_str()
        && state.repos.clients.origins().await?.contains(text)
    {
        return Ok(preflight_answer(origin.clone()));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `OPTIONS` on a public document (discovery, `/jwks`): any origin.
pub async fn public_preflight(headers: HeaderMap) -> Response {
    if preflight_origin(&headers).is_some() {
        let mut response = preflight_answer(HeaderValue::from_static("*"));
        response.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET"),
        );
        return response;
    }
    StatusCode::NO_CONTENT.into_response()
}
