//! Dynamic client registration: `POST /register` (RFC 7591) and the
//! client configuration endpoint `GET/PUT/DELETE /register/{client_id}`
//! (RFC 7592), over [`crate::manage::registration`]. JSON in, JSON out;
//! errors as RFC 6749 JSON. Absent (404) when `LATCHKEY_REGISTRATION` is
//! `off`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::config::RegistrationMode;
use crate::http::AppState;
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::headers::LogClientId;
use crate::manage::registration::{self, Registration, RegistrationError, Update};
use crate::oidc::error::OAuthError;

impl From<RegistrationError> for OAuthError {
    fn from(e: RegistrationError) -> Self {
        match e {
            RegistrationError::InvalidRedirectUri(d) => Self::invalid_redirect_uri(d),
            RegistrationError::InvalidClientMetadata(d) => Self::invalid_client_metadata(d),
            RegistrationError::MissingToken => {
                let mut e = Self::missing_token();
                e.description = "an initial access token is required to register a client".into();
                e
            }
            RegistrationError::InvalidToken(d) => Self::invalid_token(d),
            RegistrationError::Db(e) => Self::server_error(e),
        }
    }
}

/// The bearer token of the `Authorization` header: `Ok(None)` without one.
fn bearer(headers: &HeaderMap) -> Result<Option<&str>, OAuthError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| OAuthError::invalid_token("malformed Authorization header"))?;
    match text.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(OAuthError::invalid_token(
            "use the Bearer authorization scheme",
        )),
    }
}

/// The registration access token a configuration request must carry.
fn required_bearer(headers: &HeaderMap) -> Result<&str, OAuthError> {
    bearer(headers)?.ok_or_else(OAuthError::missing_token)
}

/// Refuses a body that is not declared JSON.
fn json_body(headers: &HeaderMap) -> Result<(), OAuthError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if json {
        Ok(())
    } else {
        Err(OAuthError::invalid_request(
            "send the client metadata as application/json",
        ))
    }
}

/// A JSON answer that no cache keeps (it holds credentials).
fn answer(status: StatusCode, client_id: &str, body: serde_json::Value) -> Response {
    let mut response = (status, LogClientId(client_id.to_owned()), Json(body)).into_response();
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn enabled(state: &AppState) -> bool {
    state.settings.registration != RegistrationMode::Off
}

/// `POST /register`: registers a client. Counted per address before
/// anything is read; in `token` mode the bearer must be a live initial
/// access token. Answers `201` with the client information.
pub async fn register_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    if !enabled(&state) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    if let Err(e) = state.limits.registration(client_info.ip).await {
        return Err(match e {
            AppError::TooManyRequests { retry_after } => OAuthError::too_many_requests(
                format!(
                    "too many registrations from this address; retry after {retry_after} seconds"
                ),
                retry_after,
            ),
            other => OAuthError::server_error(other),
        });
    }
    let initial_token = bearer(&headers)?;
    let needs_token = state.settings.registration == RegistrationMode::Token;
    if needs_token && initial_token.is_none() {
        return Err(RegistrationError::MissingToken.into());
    }
    json_body(&headers)?;
    let info = registration::register(
        &state.repos,
        state.clock.as_ref(),
        Some(state.keys.master()),
        Registration {
            issuer: &state.settings.issuer,
            needs_token,
            initial_token,
            body: &body,
            ip: client_info.ip_string(),
        },
    )
    .await?;
    let client_id = info["client_id"].as_str().unwrap_or_default().to_owned();
    Ok(answer(StatusCode::CREATED, &client_id, info))
}

/// `GET /register/{client_id}`: the client's registration (RFC 7592 §2.1).
pub async fn register_get(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, OAuthError> {
    if !enabled(&state) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let token = required_bearer(&headers)?;
    let info = registration::read(&state.repos, &state.settings.issuer, &client_id, token).await?;
    Ok(answer(StatusCode::OK, &client_id, info))
}

/// `PUT /register/{client_id}`: replaces the client's metadata (RFC 7592 §2.2).
pub async fn register_put(
    State(state): State<AppState>,
    client_info: ClientInfo,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    if !enabled(&state) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let token = required_bearer(&headers)?;
    // The token first: a stranger learns nothing from the body's errors.
    registration::authenticate(&state.repos, &client_id, token).await?;
    json_body(&headers)?;
    let info = registration::update(
        &state.repos,
        state.clock.as_ref(),
        Update {
            issuer: &state.settings.issuer,
            client_id: &client_id,
            token,
            body: &body,
            ip: client_info.ip_string(),
        },
    )
    .await?;
    Ok(answer(StatusCode::OK, &client_id, info))
}

/// `DELETE /register/{client_id}`: deletes the client (RFC 7592 §2.3), 204.
pub async fn register_delete(
    State(state): State<AppState>,
    client_info: ClientInfo,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, OAuthError> {
    if !enabled(&state) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let token = required_bearer(&headers)?;
    registration::delete(
        &state.repos,
        state.clock.as_ref(),
        &client_id,
        token,
        client_info.ip_string(),
    )
    .await?;
    let mut response = (StatusCode::NO_CONTENT, LogClientId(client_id), ()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
