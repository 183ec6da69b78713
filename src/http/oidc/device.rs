//! The device authorization grant (RFC 8628) on the web: the device
//! authorization endpoint and the verification page `/device`. The protocol
//! is in [`crate::oidc::device`]; the approval runs through the
//! `/authorize` machinery ([`super::authorize`]).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::client_auth::authenticate_at;
use super::form_pairs;
use super::token::no_store;
use crate::audit::{self, Actor, Event};
use crate::http::csrf::Csrf;
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::forms::CsrfForm;
use crate::http::headers::LogClientId;
use crate::http::session::CurrentSession;
use crate::http::{AppState, cors};
use crate::oidc::device::{self, DeviceOutcome};
use crate::oidc::error::OAuthError;

/// POST /device_authorization (RFC 8628 §3.1): client authentication as
/// at `/token` (public clients by `client_id`; a client assertion may name
/// this endpoint as its `aud`), then a device code and a
/// user code. Each one stores a row, so it counts against the address's
/// budget for pending state.
pub async fn device_authorization_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let params = form_pairs(&headers, &body)?;
    let client = match authenticate_at(
        &state,
        client_info.ip,
        &headers,
        &params,
        true,
        "/device_authorization",
    )
    .await
    {
        Ok(client) => client,
        Err(e) => {
            return Ok(cors::about(
                cors::named_client(&state, &headers, &params).await,
                e,
            ));
        }
    };
    match state.limits.pending(client_info.ip).await {
        Ok(()) => {}
        Err(AppError::TooManyRequests { retry_after }) => {
            return Ok(cors::about(
                Some(client),
                OAuthError::slow_down(retry_after),
            ));
        }
        Err(e) => return Ok(cors::about(Some(client), OAuthError::server_error(e))),
    }
    match device::authorize(&state.provider, &client, &params).await {
        Ok(response) => Ok(no_store(
            (
                LogClientId(client.client_id.to_string()),
                cors::ForClient(client),
                Json(response),
            )
                .into_response(),
        )),
        Err(e) => Ok(cors::about(Some(client), e)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeQuery {
    user_code: Option<String>,
}

/// The verification page: the field **Code**, filled in from
/// `?user_code=` (`verification_uri_complete`), and the button **Continue**.
fn code_page(
    csrf: Csrf,
    status: StatusCode,
    user_code: &str,
    prefilled: bool,
    error: Option<&str>,
) -> Response {
    let page = crate::templates::render(
        "device.html",
        minijinja::context! {
            csrf => csrf.token.clone(),
            user_code,
            prefilled,
            error,
        },
    );
    match page {
        Ok(page) => (status, csrf, page).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

/// GET /device: the verification page. A link only fills the code in;
/// the person still presses **Continue**.
pub async fn device_get(csrf: Csrf, Query(q): Query<CodeQuery>) -> Response {
    let code: String = q
        .user_code
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect();
    let prefilled = !code.is_empty();
    code_page(csrf, StatusCode::OK, &code, prefilled, None)
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    user_code: String,
}

/// What a person is told about a code that leads nowhere.
/// (A message id, [`crate::i18n`].)
const WRONG_CODE: &str = "device-wrong-code";

/// POST /device: **Continue** with a user code. Every entry counts against
/// the address's and the session's budget (`http::limits`); a wrong code is
/// audited and answered on the page in `role="alert"`; a right one becomes
/// an authorization request for the device's client and goes on like one
/// from `/authorize`: sign-in, the no-access page, consent.
pub async fn device_post(
    State(state): State<AppState>,
    CsrfForm {
        current,
        client,
        csrf,
        fields,
    }: CsrfForm<CodeForm>,
) -> Response {
    let CurrentSession(signed_in) = current;
    let sid = signed_in.as_ref().map(|s| s.session.sid.as_str());
    let userid = signed_in.as_ref().map(|s| s.user.userid.as_str());
    if let Err(e) = state.limits.device_code(client.ip, sid, userid).await {
        return e.into_response();
    }
    if signed_in.is_none() {
        match state.limits.device_code_signed_out().await {
            Ok(true) => {}
            Ok(false) => return sign_in_first(&fields.user_code),
            Err(e) => return e.into_response(),
        }
    }
    let waiting = match device::begin(&state.provider, &fields.user_code).await {
        Ok(Some(waiting)) => waiting,
        Ok(None) => {
            let actor = signed_in
                .as_ref()
                .map_or("anonymous", |s| s.user.userid.as_str());
            audit::record(
                &state.repos,
                state.clock.as_ref(),
                &Actor::user(actor, client.ip_string()),
                Event::DeviceCodeRejected,
                None,
                serde_json::json!({}),
            )
            .await;
            let shown: String = fields.user_code.chars().take(16).collect();
            return code_page(
                csrf,
                StatusCode::BAD_REQUEST,
                &shown,
                false,
                Some(&crate::i18n::t(WRONG_CODE)),
            );
        }
        Err(e) => return AppError::from(e).into_response(),
    };
    let who = signed_in.as_ref().map(|s| (&s.session, &s.user));
    super::authorize::wait(&state, waiting, who, client.ip).await
}

/// The answer to a signed-out entry once the site-wide budget is spent:
/// the code is not looked up; the visitor signs in and comes back to
/// `/device` with what they typed filled in.
fn sign_in_first(typed: &str) -> Response {
    let code: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect();
    let next = format!("/device?user_code={code}");
    axum::response::Redirect::to(&crate::http::reauth::login_url(&next)).into_response()
}

/// The page that ends a device approval.
pub(super) fn done_page(done: &DeviceOutcome) -> Response {
    use crate::i18n::{t, t_args};
    let (status, title, message, alert) = match done {
        DeviceOutcome::Approved { client_name } => (
            StatusCode::OK,
            t("device-approved-title"),
            t_args(
                "device-approved",
                &[("client", client_name.as_str().into())],
            ),
            false,
        ),
        DeviceOutcome::Denied { client_name } => (
            StatusCode::OK,
            t("device-denied-title"),
            t_args("device-denied", &[("client", client_name.as_str().into())]),
            false,
        ),
        DeviceOutcome::NoAccess {
            client_name,
            username,
        } => {
            let page = crate::templates::render(
                "no_access.html",
                minijinja::context! { client_name, username },
            );
            return match page {
                Ok(page) => (StatusCode::FORBIDDEN, page).into_response(),
                Err(e) => AppError::internal(e).into_response(),
            };
        }
        DeviceOutcome::Refused {
            client_name,
            description,
        } => (
            StatusCode::FORBIDDEN,
            t_args(
                "device-refused-title",
                &[("client", client_name.as_str().into())],
            ),
            t_args("device-refused", &[("reason", description.as_str().into())]),
            true,
        ),
        DeviceOutcome::Gone => (
            StatusCode::GONE,
            t("device-gone-title"),
            t("device-gone"),
            true,
        ),
    };
    match crate::templates::render(
        "device_done.html",
        minijinja::context! { title, message, alert },
    ) {
        Ok(page) => (status, page).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}
