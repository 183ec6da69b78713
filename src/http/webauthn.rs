//! JSON endpoints of the passkey ceremonies, driven by `/static/webauthn.js`.
//!
//! Every request is a `POST` with a JSON body, an `Origin` header equal to the
//! issuer's origin, and the page's CSRF token in `X-CSRF-Token` (the script
//! reads it from `<meta name="csrf-token">` or a form's `csrf` field).
//! Errors are `{"error": "<text for people>"}` with a 4xx status (429 carries
//! `Retry-After`).
//!
//! - `POST /webauthn/login/start` → `{"ceremony": id, "options": RequestChallengeResponse}`
//!   (usernameless: discoverable credentials, also used for passkey autofill).
//! - `POST /webauthn/login/finish[?req=<id> | ?next=<local path>]` with `{"ceremony", "credential"}` →
//!   signs in (session cookie) and answers `{"redirect": "/authorize/resume?req=…" | next | "/account"}`.
//!   Rate-limited per address like `POST /login`.
//! - `POST /webauthn/register/start` (signed in) → `{"ceremony", "options": CreationChallengeResponse}`
//!   for a new passkey of the signed-in user (their passkeys are excluded).
//!   Both register endpoints need a recent sign-in ([`super::reauth`]):
//!   otherwise 401 `{"error", "reauthenticate": "/login?next=%2Faccount"}`.
//! - `POST /webauthn/register/finish` (signed in) with `{"ceremony", "credential", "name"?}` →
//!   stores the passkey and answers `{"redirect": "/account"}`.
//!
//! Other pages (invite, account) reuse the script: a button with
//! `data-webauthn="register"`, `data-start` and `data-finish` URLs runs a
//! registration; their own start/finish endpoints call
//! [`crate::auth::passkey`] and answer in the same JSON shapes.

use crate::audit::Event;
use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

use super::error::AppError;
use super::extract::ClientInfo;
use super::login::complete_sign_in;
use super::session::{CurrentSession, SignedIn};
use super::{AppState, csrf};
use crate::auth::passkey::{self, PasskeyError};
use crate::manage::Actor;

/// Name of the header carrying the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The passkey endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webauthn/login/start", post(login_start))
        .route("/webauthn/login/finish", post(login_finish))
        .route("/webauthn/register/start", post(register_start))
        .route("/webauthn/register/finish", post(register_finish))
}

/// An error of a JSON endpoint: `{"error": message}` with a status.
#[derive(Debug)]
pub struct JsonError {
    pub status: StatusCode,
    pub message: String,
    pub retry_after: Option<u64>,
    /// For a sensitive change with a sign-in too old: the sign-in page to
    /// send the browser to (`"reauthenticate"` in the body).
    pub reauthenticate: Option<String>,
}

impl JsonError {
    /// An error whose fixed English `message` is shown in the request's
    /// language when the catalogues have it ([`crate::i18n::localize`]).
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: crate::i18n::localize(&message.into()),
            retry_after: None,
            reauthenticate: None,
        }
    }
}

impl From<AppError> for JsonError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::SignIn => must_be_signed_in(),
            AppError::Reauthenticate(next) => Self {
                reauthenticate: Some(super::reauth::login_url(&next)),
                ..Self::new(
                    StatusCode::UNAUTHORIZED,
                    "Please confirm it is you: sign in again.",
                )
            },
            AppError::Page {
                status, message, ..
            } => Self::new(status, message),
            AppError::BadRequest(m) => Self::new(StatusCode::BAD_REQUEST, m),
            AppError::Forbidden(m) => Self::new(StatusCode::FORBIDDEN, m),
            AppError::NotFound => Self::new(StatusCode::NOT_FOUND, "Not found."),
            AppError::Conflict(m) => Self::new(StatusCode::CONFLICT, m),
            AppError::TooManyRequests { retry_after } => Self {
                retry_after: Some(retry_after),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many attempts. Please wait a moment and try again.",
                )
            },
            AppError::Busy { retry_after } => Self {
                retry_after: Some(retry_after),
                ..Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    crate::auth::password::Busy.to_string(),
                )
            },
            AppError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "The server could not complete the request. Please try again.",
                )
            }
        }
    }
}

impl From<crate::db::DbError> for JsonError {
    fn from(e: crate::db::DbError) -> Self {
        AppError::from(e).into()
    }
}

impl From<PasskeyError> for JsonError {
    fn from(e: PasskeyError) -> Self {
        let text = match &e {
            PasskeyError::Expired => {
                "This passkey request has expired. Please try again.".to_owned()
            }
            PasskeyError::Rejected | PasskeyError::UnknownCredential | PasskeyError::Disabled => {
                "This passkey could not be used to sign in here.".to_owned()
            }
            PasskeyError::Duplicate => "This passkey is already registered.".to_owned(),
            PasskeyError::Db(_) | PasskeyError::Internal(_) => {
                return AppError::internal(e).into();
            }
        };
        let status = match e {
            PasskeyError::Duplicate => StatusCode::CONFLICT,
            _ => StatusCode::BAD_REQUEST,
        };
        Self::new(status, text)
    }
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        let body = match &self.reauthenticate {
            Some(url) => json!({ "error": self.message, "reauthenticate": url }),
            None => json!({ "error": self.message }),
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(wait) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&wait.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

type JsonResult<T> = Result<T, JsonError>;

/// A JSON post of a page's script: it carries the issuer's `Origin` and
/// the page's CSRF token in `X-CSRF-Token`; otherwise it is refused (403).
pub struct ScriptPost;

impl FromRequestParts<AppState> for ScriptPost {
    type Rejection = JsonError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> JsonResult<Self> {
        let headers = &parts.headers;
        if headers.get(header::ORIGIN).is_none() {
            return Err(AppError::Forbidden("This request came from another site.".into()).into());
        }
        let token = headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        csrf::verify(&state.settings, headers, token)?;
        Ok(Self)
    }
}

fn body<T>(body: Result<Json<T>, JsonRejection>) -> JsonResult<T> {
    body.map(|b| b.0).map_err(|e| {
        JsonError::new(
            StatusCode::BAD_REQUEST,
            format!("The request could not be read: {}", e.body_text()),
        )
    })
}

#[derive(Debug, Deserialize)]
struct LoginFinish {
    ceremony: String,
    credential: PublicKeyCredential,
}

#[derive(Debug, Deserialize)]
struct RegisterFinish {
    ceremony: String,
    credential: RegisterPublicKeyCredential,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ReqQuery {
    #[serde(default)]
    req: Option<String>,
    /// Where to return after confirming a sensitive change (a local path).
    #[serde(default)]
    next: Option<String>,
}

async fn login_start(
    State(state): State<AppState>,
    client: ClientInfo,
    _: ScriptPost,
) -> JsonResult<Response> {
    // Counted before the ceremony row is written.
    state.limits.pending(client.ip).await?;
    let (ceremony, options) =
        passkey::start_authentication(&state.webauthn, &state.repos, state.clock.as_ref()).await?;
    Ok(Json(json!({ "ceremony": ceremony, "options": options })).into_response())
}

#[tracing::instrument(skip_all)]
async fn login_finish(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    CurrentSession(current): CurrentSession,
    _: ScriptPost,
    query: Result<Query<ReqQuery>, QueryRejection>,
    payload: Result<Json<LoginFinish>, JsonRejection>,
) -> JsonResult<Response> {
    state.limits.signin(client.ip).await?;
    let payload = body(payload)?;
    let query = query.map(|q| q.0).unwrap_or_default();
    let pending = super::login::pending_request_id(&state, query.req.as_deref()).await?;

    let facts = crate::auth::signin::passkey(
        state.signin(),
        &state.webauthn,
        &payload.ceremony,
        &payload.credential,
        client.ip_string(),
        client.user_agent.clone(),
    )
    .await?;
    let back = super::login::sign_in_target(
        pending.as_deref(),
        query.next.as_deref(),
        current.as_ref(),
        &facts.userid,
    );
    let (cookie, target) =
        complete_sign_in(&state, &headers, current, facts, pending.as_deref()).await?;
    let target = back.unwrap_or(target);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "redirect": target })),
    )
        .into_response())
}

fn must_be_signed_in() -> JsonError {
    JsonError::new(
        StatusCode::UNAUTHORIZED,
        "Your session has ended. Please sign in again.",
    )
}

/// The signed-in user, with a sign-in recent enough to add a passkey;
/// otherwise 401 (with `reauthenticate`, the sign-in page that confirms it
/// is them and returns to `/account`, when the sign-in is too old).
pub struct RecentlySignedIn(pub SignedIn);

impl FromRequestParts<AppState> for RecentlySignedIn {
    type Rejection = JsonError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> JsonResult<Self> {
        let CurrentSession(current) = CurrentSession::from_request_parts(parts, state).await?;
        let signed_in = current.ok_or_else(must_be_signed_in)?;
        if super::reauth::is_recent(state, &signed_in) {
            return Ok(Self(signed_in));
        }
        Err(JsonError {
            reauthenticate: Some(super::reauth::login_url("/account")),
            ..JsonError::new(
                StatusCode::UNAUTHORIZED,
                "Please confirm it is you: sign in again to add a passkey.",
            )
        })
    }
}

async fn register_start(
    State(state): State<AppState>,
    client: ClientInfo,
    _: ScriptPost,
    RecentlySignedIn(signed_in): RecentlySignedIn,
) -> JsonResult<Response> {
    state.limits.pending(client.ip).await?;
    let user = &signed_in.user;
    let exclude = passkey::existing_credentials(&state.repos, &user.userid).await?;
    let display = user.profile.name.as_deref().unwrap_or(&user.username);
    let (ceremony, options) = passkey::start_registration(
        &state.webauthn,
        &state.repos,
        state.clock.as_ref(),
        &user.userid,
        &user.username,
        display,
        exclude,
    )
    .await?;
    Ok(Json(json!({ "ceremony": ceremony, "options": options })).into_response())
}

#[tracing::instrument(skip_all)]
async fn register_finish(
    State(state): State<AppState>,
    client: ClientInfo,
    _: ScriptPost,
    RecentlySignedIn(signed_in): RecentlySignedIn,
    payload: Result<Json<RegisterFinish>, JsonRejection>,
) -> JsonResult<Response> {
    let payload = body(payload)?;
    let new = passkey::finish_registration(
        &state.webauthn,
        &state.repos,
        state.clock.as_ref(),
        &payload.ceremony,
        &payload.credential,
    )
    .await?;
    if new.userid != signed_in.user.userid {
        return Err(PasskeyError::Expired.into());
    }
    let record = passkey::store(
        &state.repos,
        state.clock.as_ref(),
        &new,
        payload.name.as_deref().unwrap_or_default(),
    )
    .await?;
    crate::audit::record(
        &state.repos,
        state.clock.as_ref(),
        &Actor::user(&record.userid, client.ip_string()),
        Event::PasskeyRegistered,
        Some(&record.userid),
        json!({ "passkey_id": record.id, "name": record.name }),
    )
    .await;
    crate::mail::notify_credential_change(
        &state.settings,
        &signed_in.user,
        crate::mail::CredentialChange::PasskeyAdded,
        Some(&record.name),
    )
    .await;
    Ok(Json(json!({ "redirect": "/account" })).into_response())
}
