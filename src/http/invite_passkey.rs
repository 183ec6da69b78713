//! `POST /invite/{token}/passkey/start` and `/finish`: accepting an invite
//! with a new passkey, driven by `/static/webauthn.js` (a
//! `data-webauthn="register"` button on the invite page). Same JSON shapes
//! and guards as [`super::webauthn`]: `Origin` and `X-CSRF-Token` required;
//! start answers `{"ceremony", "options"}`, finish takes `{"ceremony",
//! "credential", "name"?}` and answers `{"redirect"}` after signing the
//! invitee in; errors are `{"error": "..."}` with a 4xx status.

use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;
use webauthn_rs::prelude::RegisterPublicKeyCredential;

use super::AppState;
use super::extract::ClientInfo;
use super::invite::ReturnTo;
use super::session::CurrentSession;
use super::webauthn::{JsonError, ScriptPost};
use crate::auth::invite::{self, InviteError};
use crate::auth::passkey;
use crate::auth::session::SignInFacts;
use crate::db::Invite;

/// The invite passkey endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invite/{token}/passkey/start", post(start))
        .route("/invite/{token}/passkey/finish", post(finish))
}

fn invite_error(e: InviteError) -> JsonError {
    let (status, message) = match e {
        InviteError::Unknown => (
            StatusCode::NOT_FOUND,
            "This invite link is not valid.".to_owned(),
        ),
        InviteError::Used => (
            StatusCode::GONE,
            "This invite has already been used.".to_owned(),
        ),
        InviteError::Revoked => (
            StatusCode::GONE,
            "This invite has been withdrawn.".to_owned(),
        ),
        InviteError::Expired => (StatusCode::GONE, "This invite has expired.".to_owned()),
        InviteError::NotYet(from) => (
            StatusCode::FORBIDDEN,
            format!(
                "This recovery link works only from {}.",
                crate::manage::rfc3339(from)
            ),
        ),
        InviteError::SecondFactor => (
            StatusCode::FORBIDDEN,
            "This account is protected by an authenticator app, which a mailed link cannot replace: ask your administrator to recover your account.".to_owned(),
        ),
        InviteError::RoleHolder => (
            StatusCode::FORBIDDEN,
            "This account administers Latchkey, which a mailed link cannot hand over: ask another administrator to recover your account.".to_owned(),
        ),
        InviteError::UsernameTaken => (
            StatusCode::CONFLICT,
            "The invited username now belongs to someone else.".to_owned(),
        ),
        InviteError::SignupAddressTaken => (
            StatusCode::CONFLICT,
            "An account with this e-mail address exists already, so no account was created. Sign in, or press \"Lost your passkey?\" on the sign-in page.".to_owned(),
        ),
        InviteError::SignupUsernameTaken => (
            StatusCode::CONFLICT,
            "Someone else took this username after you asked for it, so no account was created. Sign up again with another username.".to_owned(),
        ),
        InviteError::AccountGone => (
            StatusCode::GONE,
            "The account this invite was for no longer exists.".to_owned(),
        ),
        InviteError::Invalid(m) => (StatusCode::BAD_REQUEST, m),
        InviteError::Db(e) => return crate::http::error::AppError::internal(e).into(),
        InviteError::Internal(e) => return crate::http::error::AppError::internal(e).into(),
    };
    JsonError {
        status,
        message,
        retry_after: None,
        reauthenticate: None,
    }
}

async fn pending(
    state: &AppState,
    token: Result<Path<String>, PathRejection>,
) -> Result<Invite, JsonError> {
    let Ok(Path(token)) = token else {
        return Err(invite_error(InviteError::Unknown));
    };
    invite::find_pending(&state.repos, state.clock.now(), &token)
        .await
        .map_err(invite_error)
}

async fn start(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    client: ClientInfo,
    _: ScriptPost,
) -> Result<Response, JsonError> {
    // Counted before the ceremony row is written.
    state.limits.invite(client.ip).await?;
    let invite = pending(&state, token).await?;
    // A recovery invite adds to the existing account; a new account gets a
    // userid reserved now, so the WebAuthn user handle matches its `sub`.
    let (userid, exclude) = match &invite.userid {
        Some(existing) => (
            existing.clone(),
            passkey::existing_credentials(&state.repos, existing).await?,
        ),
        None => (crate::domain::proquint::random_userid(), Vec::new()),
    };
    let (ceremony, options) = passkey::start_registration(
        &state.webauthn,
        &state.repos,
        state.clock.as_ref(),
        &userid,
        &invite.username,
        &invite.username,
        exclude,
    )
    .await?;
    Ok(Json(json!({ "ceremony": ceremony, "options": options })).into_response())
}

#[derive(Debug, Deserialize)]
struct Finish {
    ceremony: String,
    credential: RegisterPublicKeyCredential,
    #[serde(default)]
    name: Option<String>,
}

async fn finish(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    Query(ret): Query<ReturnTo>,
    current: CurrentSession,
    client: ClientInfo,
    _: ScriptPost,
    payload: Result<Json<Finish>, JsonRejection>,
) -> Result<Response, JsonError> {
    state.limits.invite(client.ip).await?;
    let invite = pending(&state, token).await?;
    let payload = payload.map(|p| p.0).map_err(|e| JsonError {
        status: StatusCode::BAD_REQUEST,
        message: format!("The request could not be read: {}", e.body_text()),
        retry_after: None,
        reauthenticate: None,
    })?;
    let new = passkey::finish_registration(
        &state.webauthn,
        &state.repos,
        state.clock.as_ref(),
        &payload.ceremony,
        &payload.credential,
    )
    .await?;
    let backup_eligible = serde_json::from_str::<webauthn_rs::prelude::Passkey>(&new.passkey)
        .ok()
        .and_then(|p| serde_json::to_value(p).ok())
        .and_then(|v| v["cred"]["backup_eligible"].as_bool())
        .unwrap_or(false);
    let (user, record) = invite::accept_with_passkey(
        &state.repos,
        state.clock.as_ref(),
        &invite,
        &new,
        payload.name.as_deref().unwrap_or_default(),
        client.ip_string(),
    )
    .await
    .map_err(invite_error)?;
    if invite.userid.is_some() {
        // A recovery gave an existing account a new way to sign in.
        crate::mail::notify_credential_change(
            &state.settings,
            &user,
            crate::mail::CredentialChange::PasskeyAdded,
            Some(&record.name),
        )
        .await;
    }
    let facts = SignInFacts {
        userid: user.userid.clone(),
        amr: crate::auth::acr::passkey_amr(backup_eligible),
        acr: crate::auth::acr::Level::TwoFactors.as_str().into(),
        user_agent: client.user_agent.clone(),
        ip: client.ip_string(),
    };
    let cookie = super::invite::sign_in(&state, current, &user, facts).await?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "redirect": ret.target() })),
    )
        .into_response())
}
