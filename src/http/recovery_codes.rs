//! Recovery codes on `/account` (**Create recovery codes**, shown once;
//! **Remove recovery codes**) and their use on `/recover` (**Username**,
//! **Recovery code**, **Use recovery code**): a right pair leads straight
//! to the invite page of a fresh recovery link
//! ([`crate::manage::use_recovery_code`]).
//!
//! The account routes need a recent sign-in, as every other change to how
//! one signs in. Attempts at `/recover/code` are counted per client address
//! with the recovery requests ([`super::limits::Limits::recovery`]); every
//! wrong pair gets the same answer.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

use super::AppState;
use super::error::{AppError, Result};
use super::forms::{CsrfForm, RecentForm};
use crate::manage::{self, ManageError};

/// Routes of recovery codes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/recovery-codes", post(create))
        .route("/account/recovery-codes/remove", post(remove))
        .route("/recover/code", post(use_code))
}

/// **Create recovery codes**: ten new ones, shown once.
async fn create(State(state): State<AppState>, RecentForm(form): RecentForm) -> Result<Response> {
    let codes = manage::create_recovery_codes(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &form.actor(),
        &form.signed.user,
    )
    .await
    .map_err(manage_error)?;
    let html = crate::templates::render(
        "recovery_codes.html",
        minijinja::context! { codes, continue_url => "/account?done=recovery-codes" },
    )
    .map_err(AppError::internal)?;
    Ok(html.into_response())
}

/// **Remove recovery codes**.
async fn remove(State(state): State<AppState>, RecentForm(form): RecentForm) -> Result<Response> {
    manage::remove_recovery_codes(
        &state.repos,
        state.clock.as_ref(),
        &form.actor(),
        &form.signed.user,
    )
    .await
    .map_err(manage_error)?;
    Ok(Redirect::to("/account?done=recovery-codes-removed").into_response())
}

/// The posted pair.
#[derive(Debug, Default, Deserialize)]
struct CodeForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    code: String,
}

/// The answer to every wrong pair.
const NO_MATCH: &str = "That username and recovery code do not match. Each code works once; check what you typed, or use another code.";

/// **Use recovery code**: on to the invite page of a fresh recovery link,
/// or the recovery page again with one answer for every failure.
async fn use_code(
    State(state): State<AppState>,
    CsrfForm {
        client,
        csrf,
        fields,
        ..
    }: CsrfForm<CodeForm>,
) -> Result<Response> {
    state.limits.recovery(client.ip).await?;
    let created = manage::use_recovery_code(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &fields.username,
        &fields.code,
        client.ip_string(),
    )
    .await
    .map_err(AppError::internal)?;
    if let Some(link) = created {
        return Ok(Redirect::to(&link.url).into_response());
    }
    let html = super::recover::page(&state, &csrf.token, false, Some(NO_MATCH))?;
    Ok((StatusCode::BAD_REQUEST, csrf, html).into_response())
}

/// A refusal as a page with the reason; anything else as an error page.
fn manage_error(e: ManageError) -> AppError {
    match e {
        ManageError::Refused(m) | ManageError::Invalid(m) => AppError::Conflict(m),
        ManageError::NotFound(_) => AppError::NotFound,
        other => AppError::internal(other),
    }
}
