//! `/verify-email/{token}`: confirming an e-mail address with the link
//! mailed from the account page. GET only shows what the link would
//! verify, with a button (mail scanners that prefetch links consume
//! nothing); POST confirms ([`manage::confirm_email`]). Only a browser
//! signed in as the account the link was sent for may confirm it: anyone
//! can type someone else's address into their own profile and ask for a
//! link, and the owner of that mailbox must not verify it for them by
//! pressing a button. Other browsers are asked to sign in first.

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::AppState;
use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::extract::ClientInfo;
use super::forms::CsrfForm;
use super::reauth::login_url;
use super::session::CurrentSession;
use crate::manage::{self, EmailLink};

/// Routes of the verification page.
pub fn router() -> Router<AppState> {
    Router::new().route("/verify-email/{token}", get(verify_get).post(verify_post))
}

/// The page for a link that verifies nothing.
fn refusal(state: &EmailLink) -> AppError {
    let (status, title, message) = match state {
        EmailLink::Used => (
            StatusCode::GONE,
            "Link already used",
            "This verification link has already been used. If your address is not verified yet, ask for a new link on your account page.",
        ),
        EmailLink::Expired => (
            StatusCode::GONE,
            "Link expired",
            "This verification link has expired. Ask for a new one on your account page.",
        ),
        EmailLink::AddressChanged => (
            StatusCode::CONFLICT,
            "Address changed",
            "This link was sent to an address that is no longer the one on your account. Ask for a new link on your account page.",
        ),
        EmailLink::OtherAccount => (
            StatusCode::FORBIDDEN,
            "Link for another account",
            "This verification link was sent for another account than the one you are signed in as. If you did not ask for it, someone typed your address into their own account: ignore it.",
        ),
        EmailLink::NotSignedIn { .. } => (
            StatusCode::FORBIDDEN,
            "Sign in first",
            "Sign in to the account this verification link was sent for, then open the link again. If you did not ask for it, ignore it.",
        ),
        _ => (
            StatusCode::NOT_FOUND,
            "Link not valid",
            "This verification link is not valid. Check that you copied the whole link, or ask for a new one on your account page.",
        ),
    };
    AppError::Page {
        status,
        title,
        message,
    }
}

async fn verify_get(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    client: ClientInfo,
    current: CurrentSession,
    csrf: Csrf,
) -> Result<Response> {
    state.limits.invite(client.ip).await?;
    let Ok(Path(token)) = token else {
        return Err(refusal(&EmailLink::Unknown));
    };
    let (link, record) = manage::email_link(&state.repos, state.clock.as_ref(), &token)
        .await
        .map_err(AppError::internal)?;
    let signed_in = current.0.as_ref().map(|s| s.user.userid.as_str());
    let link = manage::for_account(link, record.as_ref(), signed_in);
    let html = match link {
        EmailLink::Live { email } => crate::templates::render(
            "verify_email.html",
            minijinja::context! {
                email, token, csrf => csrf.token, done => false,
                username => current.0.as_ref().map(|s| s.user.username.to_string()),
            },
        ),
        // The sign-in comes back here.
        EmailLink::NotSignedIn { email } => crate::templates::render(
            "verify_email.html",
            minijinja::context! {
                email, sign_in => login_url(&format!("/verify-email/{token}")), done => false,
            },
        ),
        other => return Err(refusal(&other)),
    }
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
        return Err(refusal(&EmailLink::Unknown));
    };
    let outcome = manage::confirm_email(
        &state.repos,
        state.clock.as_ref(),
        &token,
        form.current.0.as_ref().map(|s| s.user.userid.as_str()),
        form.client.ip_string(),
    )
    .await
    .map_err(AppError::internal)?;
    let EmailLink::Verified { email } = outcome else {
        return Err(refusal(&outcome));
    };
    let html = crate::templates::render(
        "verify_email.html",
        minijinja::context! { email, done => true },
    )
    .map_err(AppError::internal)?;
    Ok(html.into_response())
}
