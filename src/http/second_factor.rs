//! `/account`'s second factors: setting up an authenticator app (TOTP),
//! backup codes, removal. Every route needs a recent sign-in (as every
//! other change to how one signs in); every form is CSRF-protected by its
//! extractor; every change is audited in [`crate::manage`].
//!
//! The pages ([`render_enrolment`], [`render_backup_codes`]) are public so
//! the sign-in's "set up a second factor first" step can show the same
//! ones with its own form action and continue link.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::AppState;
use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::forms::RecentForm;
use super::session::SignedIn;
use crate::auth::second_factor::{self, Enrolment};
use crate::config::Settings;
use crate::manage::{self, ManageError};

/// The enrolment page of the account.
const ENROL: &str = "/account/totp";

/// Routes of the account's second factors.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(ENROL, get(enrol_get).post(enrol_begin))
        .route("/account/totp/verify", post(enrol_verify))
        .route("/account/totp/remove", post(remove))
        .route("/account/backup-codes", post(regenerate))
}

/// How the provider is named in authenticator apps: the issuer's host.
#[must_use]
pub fn issuer_label(settings: &Settings) -> String {
    url::Url::parse(&settings.issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "Latchkey".to_owned())
}

/// The enrolment page (`templates/totp_enrol.html`): the QR code, the key
/// as text, a field **Code** and a button **Verify** posting to `action`.
pub fn render_enrolment(
    enrolment: &Enrolment,
    action: &str,
    csrf: &str,
    error: Option<&str>,
    cancel_url: Option<&str>,
) -> Result<Html<String>> {
    crate::templates::render(
        "totp_enrol.html",
        minijinja::context! { enrolment, action, csrf, error, cancel_url },
    )
    .map_err(AppError::internal)
}

/// The backup codes, shown once (`templates/backup_codes.html`), with a
/// link on to `continue_url`.
pub fn render_backup_codes(codes: &[String], continue_url: &str) -> Result<Html<String>> {
    crate::templates::render(
        "backup_codes.html",
        minijinja::context! { codes, continue_url },
    )
    .map_err(AppError::internal)
}

/// A second-factor error as a page error (nothing of it is shown).
fn internal(e: second_factor::SecondFactorError) -> AppError {
    AppError::internal(e)
}

/// Shows the enrolment in progress, or begins one.
async fn enrol_get(
    State(state): State<AppState>,
    signed: SignedIn,
    csrf: Csrf,
) -> Result<Response> {
    if !super::reauth::is_recent(&state, &signed) {
        return Err(AppError::Reauthenticate(ENROL.into()));
    }
    let master = state.keys.master();
    let label = issuer_label(&state.settings);
    let enrolment =
        match second_factor::pending_enrolment(&state.repos, master, &signed.user, &label)
            .await
            .map_err(internal)?
        {
            Some(e) => e,
            None => second_factor::begin_enrolment(
                &state.repos,
                state.clock.as_ref(),
                master,
                &signed.user,
                &label,
            )
            .await
            .map_err(internal)?,
        };
    let html = render_enrolment(
        &enrolment,
        "/account/totp/verify",
        &csrf.token,
        None,
        Some("/account"),
    )?;
    Ok((csrf, html).into_response())
}

/// The button **Set up an authenticator app**: a fresh secret (replacing
/// any pending one; one in force stays until the new one is confirmed).
async fn enrol_begin(
    State(state): State<AppState>,
    RecentForm(form): RecentForm,
) -> Result<Response> {
    second_factor::begin_enrolment(
        &state.repos,
        state.clock.as_ref(),
        state.keys.master(),
        &form.signed.user,
        &issuer_label(&state.settings),
    )
    .await
    .map_err(internal)?;
    Ok(Redirect::to(ENROL).into_response())
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

/// **Verify**: the right code puts the authenticator in force and shows
/// the new backup codes once; a wrong one shows the same secret again.
async fn enrol_verify(
    State(state): State<AppState>,
    RecentForm(form): RecentForm<CodeForm>,
) -> Result<Response> {
    let master = state.keys.master();
    let codes = manage::confirm_authenticator(
        &state.repos,
        state.clock.as_ref(),
        master,
        &state.settings,
        &form.actor(),
        &form.signed.user,
        &form.fields.code,
    )
    .await
    .map_err(manage_error)?;
    if let Some(codes) = codes {
        return Ok(render_backup_codes(&codes, "/account?done=totp-enrolled")?.into_response());
    }
    let label = issuer_label(&state.settings);
    let Some(enrolment) =
        second_factor::pending_enrolment(&state.repos, master, &form.signed.user, &label)
            .await
            .map_err(internal)?
    else {
        // Nothing pending (confirmed in another tab, or never begun).
        return Ok(Redirect::to("/account").into_response());
    };
    let html = render_enrolment(
        &enrolment,
        "/account/totp/verify",
        &form.csrf.token,
        Some(
            "That code is not right. Check the time on your device and enter the code the app shows now.",
        ),
        Some("/account"),
    )?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// **Regenerate backup codes**: ten new ones, shown once.
async fn regenerate(
    State(state): State<AppState>,
    RecentForm(form): RecentForm,
) -> Result<Response> {
    let result = manage::regenerate_backup_codes(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
    )
    .await;
    match result {
        Ok(codes) => Ok(render_backup_codes(&codes, "/account?done=backup-codes")
            .map(IntoResponse::into_response)?),
        Err(e) => Err(manage_error(e)),
    }
}

/// **Remove authenticator app**: the app and the backup codes.
async fn remove(State(state): State<AppState>, RecentForm(form): RecentForm) -> Result<Response> {
    manage::remove_own_second_factor(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &form.actor(),
        &form.signed.user,
    )
    .await
    .map_err(manage_error)?;
    Ok(Redirect::to("/account?done=totp-removed").into_response())
}

/// A refusal as a page with the reason; anything else as an error page.
fn manage_error(e: ManageError) -> AppError {
    match e {
        ManageError::Refused(m) | ManageError::Invalid(m) => AppError::Conflict(m),
        ManageError::NotFound(_) => AppError::NotFound,
        other => AppError::internal(other),
    }
}
