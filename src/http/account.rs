//! `/account`: self-service for the signed-in user: passkeys, password,
//! sessions and profile claims. Every form is CSRF-protected; every change
//! is audited (in [`crate::manage`]).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::csrf::{self, Csrf};
use super::error::AppError;
use super::extract::ClientInfo;
use super::guard::Rejection;
use super::session::{CurrentSession, SignedIn};
use super::{AppState, cookies};
use crate::auth::password;
use crate::mail::{self, CredentialChange};
use crate::manage::{self, Actor, ManageError, ProfileChange};

/// Routes of the account page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_get))
        .route("/account/profile", post(profile_post))
        .route("/account/password", post(password_post))
        .route("/account/password/remove", post(password_remove))
        .route("/account/passkeys/{id}/rename", post(passkey_rename))
        .route("/account/passkeys/{id}/remove", post(passkey_remove))
        .route("/account/sessions/{sid}/end", post(session_end))
}

/// Formats Unix seconds for people (UTC).
#[must_use]
pub fn when(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute] UTC"
            ))
            .ok()
        })
        .unwrap_or_default()
}

/// Confirmation shown after a change, chosen by a fixed code (never echoed text).
fn notice(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "profile" => "Your profile has been saved.",
        "password" => "Your password has been saved. Your other sessions have been signed out.",
        "password-removed" => "Your password has been removed.",
        "passkey-renamed" => "The passkey has been renamed.",
        "passkey-removed" => "The passkey has been removed.",
        "passkey-added" => "Your new passkey is ready.",
        "session-ended" => "That session has been signed out.",
        _ => return None,
    })
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

fn actor(signed: &SignedIn, client: &ClientInfo) -> Actor {
    Actor {
        id: signed.user.userid.clone(),
        ip: client.ip_string(),
    }
}

/// The signed-in user, or a redirect to the sign-in page.
fn require(current: CurrentSession) -> Result<SignedIn, Rejection> {
    current.0.ok_or(Rejection::SignIn)
}

async fn render(
    state: &AppState,
    signed: &SignedIn,
    csrf: &str,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Html<String>, AppError> {
    let repos = &state.repos;
    let userid = &signed.user.userid;
    let passkeys: Vec<_> = repos
        .passkeys
        .list_for_user(userid)
        .await?
        .into_iter()
        .map(|p| {
            minijinja::context! {
                id => p.id, name => p.name, created => when(p.created_at),
                last_used => p.last_used_at.map(when),
            }
        })
        .collect();
    let has_password = repos.passwords.get(userid).await?.is_some();
    let now = state.clock.now();
    let sessions: Vec<_> = repos
        .sessions
        .list_for_user(userid)
        .await?
        .into_iter()
        .filter(|s| s.expires_at > now)
        .map(|s| {
            minijinja::context! {
                current => s.sid == signed.session.sid,
                sid => s.sid, user_agent => s.user_agent, ip => s.ip,
                created => when(s.created_at), last_seen => when(s.last_seen_at),
            }
        })
        .collect();
    crate::templates::render(
        "account.html",
        minijinja::context! {
            user => signed.user, is_admin => signed.user.is_admin(),
            passkeys, has_password, sessions, csrf, notice, error,
            min_len => password::MIN_LEN, max_len => password::MAX_LEN,
        },
    )
    .map_err(AppError::internal)
}

async fn account_get(
    State(state): State<AppState>,
    current: CurrentSession,
    Query(done): Query<Done>,
    csrf: Csrf,
) -> Response {
    let signed = match require(current) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    match render(
        &state,
        &signed,
        &csrf.token,
        notice(done.done.as_deref()),
        None,
    )
    .await
    {
        Ok(html) => (csrf, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// After a change: back to the page with a confirmation; on refusal, the
/// page again with the reason.
async fn outcome(
    state: &AppState,
    signed: &SignedIn,
    csrf: &Csrf,
    result: Result<(), ManageError>,
    done: &str,
) -> Response {
    let (status, message) = match result {
        Ok(()) => return Redirect::to(&format!("/account?done={done}")).into_response(),
        Err(ManageError::Invalid(m)) => (StatusCode::UNPROCESSABLE_ENTITY, m),
        Err(ManageError::Refused(m)) => (StatusCode::CONFLICT, m),
        Err(ManageError::NotFound(_)) => return AppError::NotFound.into_response(),
        Err(ManageError::Conflict(m)) => (StatusCode::CONFLICT, format!("{m} already exists.")),
        Err(ManageError::Db(e)) => return AppError::internal(e).into_response(),
        Err(ManageError::Busy(b)) => return AppError::from(b).into_response(),
    };
    match render(state, signed, &csrf.token, None, Some(&message)).await {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Fields shared by every account form.
#[derive(Debug, Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

#[derive(Debug, Deserialize)]
struct ProfileForm {
    #[serde(default)]
    csrf: String,
    name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    nickname: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    picture: Option<String>,
    locale: Option<String>,
}

/// Checks the session and the CSRF token of a form.
fn guard(
    state: &AppState,
    current: CurrentSession,
    headers: &HeaderMap,
    token: &str,
) -> Result<SignedIn, Rejection> {
    let signed = require(current)?;
    csrf::verify(&state.settings, headers, token)?;
    Ok(signed)
}

/// Refuses a sensitive change when the sign-in is older than the
/// re-authentication window: the person confirms it is them, then comes
/// back to `/account` ([`super::reauth`]).
fn recent(state: &AppState, signed: SignedIn) -> Result<SignedIn, Rejection> {
    if super::reauth::is_recent(state, &signed) {
        Ok(signed)
    } else {
        Err(Rejection::Reauthenticate("/account".into()))
    }
}

/// As [`guard`], for a sensitive change: also needs a recent sign-in.
fn guard_sensitive(
    state: &AppState,
    current: CurrentSession,
    headers: &HeaderMap,
    token: &str,
) -> Result<SignedIn, Rejection> {
    recent(state, guard(state, current, headers, token)?)
}

/// Whether a profile form changes the e-mail address (recovery links go
/// there, so that is as sensitive as adding a credential).
fn changes_email(signed: &SignedIn, email: Option<&str>) -> bool {
    let Some(new) = email else {
        return false;
    };
    let new = new.trim();
    let old = signed.user.profile.email.as_deref().unwrap_or_default();
    new != old
}

async fn profile_post(
    State(state): State<AppState>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<ProfileForm>,
) -> Response {
    let signed = match guard(&state, current, &headers, &form.csrf) {
        Ok(s) if changes_email(&s, form.email.as_deref()) => match recent(&state, s) {
            Ok(s) => s,
            Err(r) => return r.into_response(),
        },
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let change = ProfileChange {
        name: form.name,
        given_name: form.given_name,
        family_name: form.family_name,
        nickname: form.nickname,
        email: form.email,
        email_verified: None,
        phone: form.phone,
        phone_verified: None,
        picture: form.picture,
        locale: form.locale,
    };
    let result = manage::update_profile(
        &state.repos,
        state.clock.as_ref(),
        &actor(&signed, &client),
        &signed.user,
        &change,
    )
    .await
    .map(|_| ());
    outcome(&state, &signed, &csrf, result, "profile").await
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    current_password: Option<String>,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn password_post(
    State(state): State<AppState>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PasswordForm>,
) -> Response {
    let signed = match guard_sensitive(&state, current, &headers, &form.csrf) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let had_password = match state.repos.passwords.get(&signed.user.userid).await {
        Ok(p) => p.is_some(),
        Err(e) => return AppError::from(e).into_response(),
    };
    let result = if form.new_password == form.confirm_password {
        manage::change_password(
            &state.repos,
            state.clock.as_ref(),
            &actor(&signed, &client),
            &signed.user,
            form.current_password,
            &form.new_password,
            Some(&signed.session.sid),
        )
        .await
    } else {
        Err(ManageError::Invalid(
            "The two passwords do not match.".into(),
        ))
    };
    if result.is_ok() {
        let change = if had_password {
            CredentialChange::PasswordChanged
        } else {
            CredentialChange::PasswordSet
        };
        mail::notify_credential_change(&state.settings, &signed.user, change, None).await;
    }
    outcome(&state, &signed, &csrf, result, "password").await
}

async fn password_remove(
    State(state): State<AppState>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CsrfOnly>,
) -> Response {
    let signed = match guard_sensitive(&state, current, &headers, &form.csrf) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let result = manage::remove_password(
        &state.repos,
        state.clock.as_ref(),
        &actor(&signed, &client),
        &signed.user,
    )
    .await;
    if result.is_ok() {
        let change = CredentialChange::PasswordRemoved;
        mail::notify_credential_change(&state.settings, &signed.user, change, None).await;
    }
    outcome(&state, &signed, &csrf, result, "password-removed").await
}

#[derive(Debug, Deserialize)]
struct RenameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

async fn passkey_rename(
    State(state): State<AppState>,
    Path(id): Path<String>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<RenameForm>,
) -> Response {
    let signed = match guard(&state, current, &headers, &form.csrf) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let result = manage::rename_passkey(
        &state.repos,
        state.clock.as_ref(),
        &actor(&signed, &client),
        &signed.user,
        &id,
        &form.name,
    )
    .await;
    outcome(&state, &signed, &csrf, result, "passkey-renamed").await
}

async fn passkey_remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CsrfOnly>,
) -> Response {
    let signed = match guard_sensitive(&state, current, &headers, &form.csrf) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let result = manage::remove_passkey(
        &state.repos,
        state.clock.as_ref(),
        &actor(&signed, &client),
        &signed.user,
        &id,
    )
    .await;
    if result.is_ok() {
        let change = CredentialChange::PasskeyRemoved;
        mail::notify_credential_change(&state.settings, &signed.user, change, None).await;
    }
    outcome(&state, &signed, &csrf, result, "passkey-removed").await
}

async fn session_end(
    State(state): State<AppState>,
    Path(sid): Path<String>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CsrfOnly>,
) -> Response {
    // Signing this browser out needs nothing more; ending another session
    // is a sensitive change.
    let signed = match guard(&state, current, &headers, &form.csrf) {
        Ok(s) if s.session.sid != sid => match recent(&state, s) {
            Ok(s) => s,
            Err(r) => return r.into_response(),
        },
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let result = manage::end_session(
        &state.repos,
        state.clock.as_ref(),
        &actor(&signed, &client),
        &signed.user,
        &sid,
    )
    .await;
    if result.is_ok() && sid == signed.session.sid {
        let clear = cookies::clear(&state.settings, &cookies::session_cookie(&state.settings));
        return ([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response();
    }
    outcome(&state, &signed, &csrf, result, "session-ended").await
}
