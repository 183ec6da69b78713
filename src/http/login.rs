//! The sign-in page: `GET /login` and `POST /login` (username and password),
//! with the passkey button and passkey autofill driven by `/static/webauthn.js`
//! (endpoints in [`super::webauthn`]).
//!
//! `?req=<id>` names an authorization request in flight (stored by the OIDC
//! layer); the page then names the client, pre-fills `login_hint`, and after
//! sign-in sends the browser to `/authorize/resume?req=<id>`. Without it the
//! browser goes to `/account`.
//!
//! Sessions record `amr`/`acr` ([`crate::auth::acr`]): a password gives
//! `amr=["pwd"]`, `acr="1"` (one factor); a user-verified passkey gives
//! `amr=["hwk"|"swk","user","mfa"]`, `acr="2"` (two factors).
//!
//! A sign-in made for a request (`req`) is recorded against it
//! ([`crate::oidc::flow::record_sign_in`]): only that session counts as a
//! fresh sign-in for `prompt=login` and `max_age`.

use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};

use super::csrf::{self, Csrf};
use super::error::{AppError, Result};
use super::extract::ClientInfo;
use super::session::{CurrentSession, SignedIn};
use super::{AppState, cookies};
use crate::auth::session::SignInFacts;
use crate::auth::signin::{self, PasswordAttempt, PasswordOutcome};
use crate::auth::{acr, device, second_step};
use crate::clock::secs;
use crate::db::User;

/// The one answer to every failed password sign-in, whatever the cause
/// (unknown user, wrong password, disabled or locked account): the id of
/// its message in the catalogues ([`crate::i18n`]).
pub const GENERIC_FAILURE: &str = "login-failed";

/// `/login`.
pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(login_get).post(login_post))
}

#[derive(Debug, Default, Deserialize)]
struct LoginQuery {
    #[serde(default)]
    req: Option<String>,
    /// Where to return after a sign-in asked for by a sensitive change
    /// (a local path, see [`super::reauth`]).
    #[serde(default)]
    next: Option<String>,
}

/// The posted sign-in form.
#[derive(Debug, Default, Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    req: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

/// What the sign-in template shows.
#[derive(Debug, Default, Serialize)]
struct LoginPage {
    csrf: String,
    req: Option<String>,
    client_name: Option<String>,
    /// The client's uploaded logo, served by Latchkey.
    client_logo: Option<String>,
    /// The client's homepage, privacy policy and terms.
    client_links: Vec<minijinja::Value>,
    username: String,
    error: Option<String>,
    /// Where the passkey sign-in posts its answer (carries `req` or `next`).
    passkey_finish: String,
    /// The local path to return to after signing in (a sensitive change).
    next: Option<String>,
    /// Confirming a signed-in person again: the username is theirs, locked.
    reauth: bool,
    /// Self-registration is on: the page links to `/signup`.
    signup: bool,
}

/// An authorization request in flight, as far as the sign-in page cares.
struct Pending {
    id: String,
    client_name: String,
    client_logo: Option<String>,
    client_links: Vec<minijinja::Value>,
    login_hint: Option<String>,
}

fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Finds the live authorization request `req`; unknown or expired ones are ignored.
async fn pending_request(state: &AppState, req: Option<&str>) -> Result<Option<Pending>> {
    let Some(id) = req.filter(|id| plausible_id(id)) else {
        return Ok(None);
    };
    let Some(record) = state.repos.auth_requests.get(id).await? else {
        return Ok(None);
    };
    if record.expires_at <= state.clock.now() {
        return Ok(None);
    }
    let params: serde_json::Value = serde_json::from_str(&record.params).unwrap_or_default();
    // The page speaks the language the relying party asked for.
    crate::i18n::follow_ui_locales(params.get("ui_locales").and_then(|v| v.as_str()));
    let client_id = params
        .get("client_id")
        .and_then(|v| v.as_str())
        .unwrap_or(&record.client_id);
    let client = state.repos.clients.get(client_id).await?;
    let client_links = client
        .as_ref()
        .map(|c| super::oidc::authorize::client_links(&c.branding))
        .unwrap_or_default();
    let client_logo = match &client {
        Some(c) => state
            .repos
            .client_logos
            .hash(c.client_id.as_str())
            .await?
            .map(|h| super::branding::client_logo_url(c.client_id.as_str(), &h)),
        None => None,
    };
    let client_name = client.map_or_else(|| client_id.to_owned(), |c| c.name);
    let login_hint = params
        .get("login_hint")
        .and_then(|v| v.as_str())
        .map(|h| h.chars().take(64).collect());
    Ok(Some(Pending {
        id: record.id,
        client_name,
        client_logo,
        client_links,
        login_hint,
    }))
}

/// The id of the live authorization request `req`, if it is one.
pub(crate) async fn pending_request_id(
    state: &AppState,
    req: Option<&str>,
) -> Result<Option<String>> {
    Ok(pending_request(state, req).await?.map(|p| p.id))
}

/// Where to go after signing in.
#[must_use]
pub fn after_sign_in(req: Option<&str>) -> String {
    match req {
        Some(id) => {
            let id: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
            format!("/authorize/resume?req={id}")
        }
        None => "/account".to_owned(),
    }
}

fn passkey_finish_url(req: Option<&str>, next: Option<&str>) -> String {
    match (req, next) {
        (Some(id), _) => {
            let id: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
            format!("/webauthn/login/finish?req={id}")
        }
        (None, Some(next)) => {
            let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
            format!("/webauthn/login/finish?next={next}")
        }
        (None, None) => "/webauthn/login/finish".to_owned(),
    }
}

/// `next` when it is a local path and no authorization request is waiting.
fn local_next(next: Option<&str>, pending: bool) -> Option<String> {
    if pending {
        return None;
    }
    next.and_then(super::reauth::local_path).map(str::to_owned)
}

/// Where a sign-in goes: the waiting authorization request, else `next`
/// when the same person signed in again (never another user's session's
/// errand), else `/account`.
#[must_use]
pub fn sign_in_target(
    req: Option<&str>,
    next: Option<&str>,
    previous: Option<&SignedIn>,
    userid: &str,
) -> Option<String> {
    if req.is_some() {
        return None;
    }
    let next = next.and_then(super::reauth::local_path)?;
    match previous {
        Some(p) if p.user.userid != userid => None,
        _ => Some(next.to_owned()),
    }
}

fn render(page: &LoginPage, csrf: Csrf, status: StatusCode) -> Result<Response> {
    let html = crate::templates::render("login.html", page).map_err(AppError::internal)?;
    Ok((status, csrf, html).into_response())
}

async fn login_get(
    State(state): State<AppState>,
    CurrentSession(current): CurrentSession,
    csrf: Csrf,
    query: std::result::Result<Query<LoginQuery>, QueryRejection>,
) -> Result<Response> {
    let query = query.map(|q| q.0).unwrap_or_default();
    let pending = pending_request(&state, query.req.as_deref()).await?;
    // Signed in and nobody asked for a fresh sign-in: nothing to do here.
    // (With `req`, the OIDC layer sent the browser here on purpose, e.g. for
    // `prompt=login` or `max_age`, so the form is shown.)
    // With `next`, a sensitive change asked the signed-in person to confirm
    // who they are: the form is shown with their username, locked.
    let next = local_next(query.next.as_deref(), pending.is_some());
    if current.is_some() && pending.is_none() && next.is_none() {
        return Ok(Redirect::to("/account").into_response());
    }
    let req = pending.as_ref().map(|p| p.id.clone());
    let reauth_user = current
        .filter(|_| next.is_some())
        .map(|c| String::from(c.user.username));
    let page = LoginPage {
        csrf: csrf.token.clone(),
        passkey_finish: passkey_finish_url(req.as_deref(), next.as_deref()),
        req,
        client_name: pending.as_ref().map(|p| p.client_name.clone()),
        client_logo: pending.as_ref().and_then(|p| p.client_logo.clone()),
        client_links: pending
            .as_ref()
            .map(|p| p.client_links.clone())
            .unwrap_or_default(),
        reauth: reauth_user.is_some(),
        username: reauth_user
            .or_else(|| pending.and_then(|p| p.login_hint))
            .unwrap_or_default(),
        error: None,
        next,
        signup: state.settings.signup.is_on(),
    };
    render(&page, csrf, StatusCode::OK)
}

#[tracing::instrument(skip_all)]
async fn login_post(
    State(state): State<AppState>,
    client: ClientInfo,
    CurrentSession(current): CurrentSession,
    csrf: Csrf,
    headers: HeaderMap,
    form: std::result::Result<Form<LoginForm>, FormRejection>,
) -> Result<Response> {
    let form = form
        .map_err(|_| AppError::BadRequest(crate::i18n::t("login-form-unreadable")))?
        .0;
    csrf::verify(&state.settings, &headers, &form.csrf)?;
    state.limits.signin(client.ip).await?;

    let pending = pending_request(&state, form.req.as_deref()).await?;
    let req = pending.as_ref().map(|p| p.id.clone());
    let next = local_next(form.next.as_deref(), pending.is_some());
    let mut page = LoginPage {
        csrf: csrf.token.clone(),
        passkey_finish: passkey_finish_url(req.as_deref(), next.as_deref()),
        req: req.clone(),
        client_logo: pending.as_ref().and_then(|p| p.client_logo.clone()),
        client_links: pending
            .as_ref()
            .map(|p| p.client_links.clone())
            .unwrap_or_default(),
        client_name: pending.map(|p| p.client_name),
        username: form.username.trim().chars().take(64).collect(),
        error: None,
        reauth: current.is_some() && next.is_some(),
        next: next.clone(),
        signup: state.settings.signup.is_on(),
    };
    if form.username.trim().is_empty() || form.password.is_empty() {
        page.error = Some(crate::i18n::t("login-missing-fields"));
        return render(&page, csrf, StatusCode::BAD_REQUEST);
    }

    let outcome = signin::password(
        state.signin(),
        PasswordAttempt {
            username: &page.username,
            password: form.password,
            device_cookie: cookies::get(&headers, &cookies::device_cookie(&state.settings)),
            ip: client.ip_string(),
        },
    )
    .await?;
    let (user, device_cookie) = match outcome {
        PasswordOutcome::Verified {
            user,
            device_cookie,
        } => (user, device_cookie),
        PasswordOutcome::Refused => {
            page.error = Some(crate::i18n::t(GENERIC_FAILURE));
            return render(&page, csrf, StatusCode::BAD_REQUEST);
        }
    };
    let back = sign_in_target(
        req.as_deref(),
        next.as_deref(),
        current.as_ref(),
        &user.userid,
    );
    let mut response = if second_step_needed(&state, &headers, &user, req.as_deref()).await? {
        // No session yet: the second step (or the enrolment of a second
        // factor the account must have) comes first.
        let secret = second_step::begin(
            state.signin(),
            &user.userid,
            req.as_deref(),
            back.as_deref(),
        )
        .await?;
        (
            StatusCode::SEE_OTHER,
            [(
                header::SET_COOKIE,
                super::second_step::set_step_cookie(&state, &secret),
            )],
            [(
                header::LOCATION,
                HeaderValue::from_static(super::second_step::step_location()),
            )],
        )
            .into_response()
    } else {
        let facts = signin::password_facts(&user, client.ip_string(), client.user_agent.clone());
        let (cookie, target) =
            complete_sign_in(&state, &headers, current, facts, req.as_deref()).await?;
        let target = back.unwrap_or(target);
        (
            StatusCode::SEE_OTHER,
            [(header::SET_COOKIE, cookie)],
            [(header::LOCATION, location(&target))],
        )
            .into_response()
    };
    if let Some(value) = device_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                &state.settings,
                &cookies::device_cookie(&state.settings),
                &value,
                Some(device::LIFETIME_SECS),
            ),
        );
    }
    Ok(response)
}

/// Whether a correct password for `user` must be followed by a second
/// step: the account has a second factor (it is asked for at every password
/// sign-in), or it must have one (a group's policy, or the waiting request
/// `req` — its client or the level it asks for — needs level "2"); then it
/// enrols in the second step.
async fn second_step_needed(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    req: Option<&str>,
) -> Result<bool> {
    if second_step::has_second_factor(&state.repos, &user.userid).await? {
        return Ok(true);
    }
    let waiting = match req {
        Some(id) => {
            let secret = cookies::get(headers, &cookies::request_cookie(&state.settings, id));
            match crate::oidc::flow::load(&state.provider, id, secret).await {
                Ok(p) => p,
                // An unreadable request is refused when resumed; the
                // account's own policy still applies below.
                Err(crate::oidc::flow::FlowError::Internal(_)) => None,
                Err(e) => return Err(AppError::from(e)),
            }
        }
        None => None,
    };
    let needed = match &waiting {
        Some(p) => crate::oidc::flow::needed_level(&state.provider, p, user).await?,
        None => state
            .repos
            .groups
            .requires_mfa(&user.userid)
            .await?
            .then_some(acr::Level::TwoFactors),
    };
    Ok(needed.is_some_and(|level| level > acr::Level::OneFactor))
}

fn location(target: &str) -> HeaderValue {
    HeaderValue::from_str(target).unwrap_or_else(|_| HeaderValue::from_static("/account"))
}

/// Finishes any sign-in ([`signin::complete`]), records it against the
/// authorization request `req` when there is one and this browser (its
/// `headers`) started it, and returns the session cookie and where to go
/// next.
pub async fn complete_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    previous: Option<SignedIn>,
    facts: SignInFacts,
    req: Option<&str>,
) -> Result<(HeaderValue, String)> {
    let started =
        signin::complete(state.signin(), previous.as_ref().map(|p| &p.session), facts).await?;
    if let Some(id) = req {
        let browser = cookies::get(headers, &cookies::request_cookie(&state.settings, id));
        crate::oidc::flow::record_sign_in(&state.provider, id, browser, &started.session.sid)
            .await
            .map_err(AppError::from)?;
    }
    let cookie = cookies::set(
        &state.settings,
        &cookies::session_cookie(&state.settings),
        &started.secret,
        Some(secs(state.settings.session_lifetime)),
    );
    Ok((cookie, after_sign_in(req)))
}
