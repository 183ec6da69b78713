//! `/signup`: self-registration (`LATCHKEY_SIGNUP`), and in approval mode
//! `/signup/verify/{token}`, where the mailed link confirms the address.
//! With `LATCHKEY_SIGNUP=off` every route here answers 404.
//!
//! The form is checked on what is not secret (the username and whether it
//! is taken, the address's form and domain, the name), answered on the page;
//! then the answer is the same "check your mail" page whatever the address,
//! given before the address is looked up: the lookup, the per-address mail
//! limit, the link and the mail ([`crate::manage::request_signup`]) run in
//! a task of their own. Requests are counted per client address first
//! ([`super::limits::Limits::signup`]).
//!
//! The verification page's GET only shows a button (mail scanners that
//! prefetch links confirm nothing); its POST confirms.

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::AppState;
use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::extract::ClientInfo;
use super::forms::CsrfForm;
use crate::config::SignupMode;
use crate::manage::{self, ManageError, SignupLink};

/// `/signup`, and `/signup/verify/{token}` in approval mode; nothing (so
/// 404, before any form is read) when sign-up is off.
pub fn router(mode: SignupMode) -> Router<AppState> {
    match mode {
        SignupMode::Off => Router::new(),
        SignupMode::EmailDomain => {
            Router::new().route("/signup", get(signup_get).post(signup_post))
        }
        SignupMode::Approval => Router::new()
            .route("/signup", get(signup_get).post(signup_post))
            .route("/signup/verify/{token}", get(verify_get).post(verify_post)),
    }
}

/// The posted form.
#[derive(Debug, Default, Deserialize)]
struct SignupFields {
    #[serde(default)]
    username: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

/// Renders the sign-up page: the form (with `fields` and `error`), or the
/// answer after sending (`sent`), which shows nothing the person typed.
fn page(
    state: &AppState,
    csrf: &Csrf,
    status: StatusCode,
    fields: &SignupFields,
    error: Option<&str>,
    sent: bool,
) -> Result<Response> {
    let html = crate::templates::render(
        "signup.html",
        minijinja::context! {
            csrf => csrf.token, sent, error,
            approval => state.settings.signup == SignupMode::Approval,
            domains => state.settings.signup_domains.join(", "),
            username => fields.username, email => fields.email, name => fields.name,
        },
    )
    .map_err(AppError::internal)?;
    Ok((status, csrf.clone(), html).into_response())
}

async fn signup_get(State(state): State<AppState>, csrf: Csrf) -> Result<Response> {
    page(
        &state,
        &csrf,
        StatusCode::OK,
        &SignupFields::default(),
        None,
        false,
    )
}

async fn signup_post(
    State(state): State<AppState>,
    CsrfForm {
        client,
        csrf,
        fields,
        ..
    }: CsrfForm<SignupFields>,
) -> Result<Response> {
    // Counted before anything is checked or looked up.
    state.limits.signup(client.ip).await?;
    let checked = manage::check_signup(
        &state.repos,
        &state.settings,
        state.clock.now(),
        &fields.username,
        &fields.email,
        &fields.name,
    )
    .await;
    let form = match checked {
        Ok(form) => form,
        Err(ManageError::Invalid(m)) => {
            return page(
                &state,
                &csrf,
                StatusCode::UNPROCESSABLE_ENTITY,
                &fields,
                Some(&m),
                false,
            );
        }
        Err(ManageError::Conflict(m)) => {
            return page(
                &state,
                &csrf,
                StatusCode::CONFLICT,
                &fields,
                Some(&m),
                false,
            );
        }
        Err(e) => return Err(AppError::internal(e)),
    };
    let work = state.clone();
    let ip = client.ip_string();
    // The mail speaks the language of the page that asked for it.
    tokio::spawn(crate::i18n::carry(async move {
        let result =
            manage::request_signup(&work.repos, work.clock.as_ref(), &work.settings, form, ip)
                .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "sign-up request failed");
        }
    }));
    page(
        &state,
        &csrf,
        StatusCode::OK,
        &SignupFields::default(),
        None,
        true,
    )
}

/// The page for a verification link that confirms nothing.
fn refusal(link: &SignupLink) -> AppError {
    let (status, title, message) = match link {
        SignupLink::Used => (
            StatusCode::GONE,
            "Already confirmed",
            "This sign-up request has already been confirmed. An administrator will review it; you will get an e-mail if it is approved.",
        ),
        SignupLink::Expired => (
            StatusCode::GONE,
            "Link expired",
            "This confirmation link has expired. Sign up again to get a new one.",
        ),
        _ => (
            StatusCode::NOT_FOUND,
            "Link not valid",
            "This confirmation link is not valid. Check that you copied the whole link, or sign up again.",
        ),
    };
    AppError::Page {
        status,
        title,
        message,
    }
}

fn internal(e: ManageError) -> AppError {
    AppError::internal(e)
}

async fn verify_get(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    client: ClientInfo,
    csrf: Csrf,
) -> Result<Response> {
    state.limits.invite(client.ip).await?;
    let Ok(Path(token)) = token else {
        return Err(refusal(&SignupLink::Unknown));
    };
    let link = manage::signup_link(&state.repos, state.clock.now(), &token)
        .await
        .map_err(internal)?;
    let SignupLink::Live(request) = link else {
        return Err(refusal(&link));
    };
    let html = crate::templates::render(
        "signup_verify.html",
        minijinja::context! {
            username => request.username, email => request.email,
            token, csrf => csrf.token, done => false,
        },
    )
    .map_err(AppError::internal)?;
    Ok((csrf, html).into_response())
}

async fn verify_post(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    form: CsrfForm,
) -> Result<Response> {
    state.limits.invite(form.client.ip).await?;
    let Ok(Path(token)) = token else {
        return Err(refusal(&SignupLink::Unknown));
    };
    let outcome = manage::verify_signup(
        &state.repos,
        state.clock.as_ref(),
        &token,
        form.client.ip_string(),
    )
    .await
    .map_err(internal)?;
    let SignupLink::Verified(request) = outcome else {
        return Err(refusal(&outcome));
    };
    let html = crate::templates::render(
        "signup_verify.html",
        minijinja::context! { username => request.username, done => true },
    )
    .map_err(AppError::internal)?;
    Ok(html.into_response())
}
