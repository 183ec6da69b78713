//! The second step of a password sign-in (`/login/second-factor`) and the
//! step-up of a signed-in session (`/login/step-up?req=…`); the rules are
//! in [`crate::auth::second_step`].
//!
//! The second step belongs to the browser that typed the password: it
//! holds the step's secret in a cookie ([`step_cookie`]); no session
//! exists until a code is accepted. An account without a second factor
//! that must have one enrols there instead (the enrolment and backup-code
//! pages of [`crate::auth::second_factor`]). The step-up belongs to the
//! signed-in session and to the authorization request `req` it continues.
//! Both pages offer a passkey sign-in instead (back to `/login`).

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::forms::{CsrfForm, SignedInForm};
use super::login::{after_sign_in, complete_sign_in};
use super::session::{CurrentSession, SignedIn};
use super::{AppState, cookies};
use crate::auth::second_factor;
use crate::auth::second_step::{self, StepError, Verdict};
use crate::auth::session::SignInFacts;
use crate::db::{PendingStep, User};

/// The second step's page.
const STEP_PATH: &str = "/login/second-factor";
/// Where the second step's enrolment form posts.
const STEP_ENROL_PATH: &str = "/login/second-factor/enrol";

// The messages of this page, by id in the catalogues (`crate::i18n`);
// the page translates them.

/// Shown after a wrong code (the lockout counts codes like passwords).
pub const WRONG_CODE: &str = "step-wrong-code";

/// Shown when the second step is gone: expired, used, or never started.
const EXPIRED: &str = "step-expired";

/// Shown when wrong codes locked the account.
const LOCKED: &str = "step-locked";

/// Shown when the first code of a new authenticator app is wrong.
const WRONG_ENROL_CODE: &str = "step-wrong-enrol-code";

/// `/login/second-factor`, `/login/step-up`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(STEP_PATH, get(step_get).post(step_post))
        .route(STEP_ENROL_PATH, post(step_enrol_post))
        .route("/login/step-up", get(step_up_get).post(step_up_post))
        .route("/login/step-up/enrol", post(step_up_enrol_post))
}

/// Name of the cookie holding the second step's secret.
#[must_use]
pub fn step_cookie(settings: &crate::config::Settings) -> String {
    cookies::name(settings, "latchkey_mfa")
}

/// The `Set-Cookie` header that starts the second step with `secret`.
#[must_use]
pub fn set_step_cookie(state: &AppState, secret: &str) -> HeaderValue {
    cookies::set(
        &state.settings,
        &step_cookie(&state.settings),
        secret,
        Some(second_step::STEP_TTL),
    )
}

/// Where a browser that passed the password goes for its second step.
#[must_use]
pub fn step_location() -> &'static str {
    STEP_PATH
}

impl From<StepError> for AppError {
    fn from(e: StepError) -> Self {
        match e {
            StepError::Db(e) => Self::from(e),
            StepError::SecondFactor(e) => Self::internal(e),
        }
    }
}

impl From<second_factor::SecondFactorError> for AppError {
    fn from(e: second_factor::SecondFactorError) -> Self {
        Self::internal(e)
    }
}

/// What the code page shows.
#[derive(Debug, Default, Serialize)]
struct CodePage {
    csrf: String,
    /// Where the form posts.
    action: String,
    /// The sign-in page, for a passkey instead.
    passkey_href: String,
    client_name: Option<String>,
    /// Confirming a signed-in session (step-up) rather than a sign-in.
    step_up: bool,
    error: Option<String>,
    /// The step is gone: only the way back to the sign-in page is shown.
    over: bool,
}

fn render_code(page: &CodePage, csrf: Csrf, status: StatusCode) -> Result<Response> {
    let html = crate::templates::render("second_factor.html", page).map_err(AppError::internal)?;
    Ok((status, csrf, html).into_response())
}

/// The name the authenticator app shows for this provider: the issuer's host.
fn issuer_label(state: &AppState) -> String {
    url::Url::parse(&state.settings.issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "Latchkey".to_owned())
}

/// The enrolment page (with a pending enrolment, started now if none is),
/// its form posting to `action`.
async fn render_enrolment(
    state: &AppState,
    user: &User,
    csrf: Csrf,
    action: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response> {
    let (repos, master) = (&state.repos, state.keys.master());
    let label = issuer_label(state);
    let enrolment = match second_factor::pending_enrolment(repos, master, user, &label).await? {
        Some(e) => e,
        None => {
            second_factor::begin_enrolment(repos, state.clock.as_ref(), master, user, &label)
                .await?
        }
    };
    let html = crate::templates::render(
        "totp_enrol.html",
        minijinja::context! {
            enrolment, action, csrf => csrf.token.clone(), error => error.map(crate::i18n::t),
            heading => crate::i18n::t("step-enrol-heading"),
            intro => crate::i18n::t("step-enrol-intro"),
        },
    )
    .map_err(AppError::internal)?;
    Ok((status, csrf, html).into_response())
}

/// The backup codes, shown once, then on to `continue_url`; the session
/// cookie is set with the page.
fn render_backup_codes(
    csrf: Csrf,
    codes: &[String],
    continue_url: &str,
    cookies: Vec<HeaderValue>,
) -> Result<Response> {
    let html = crate::templates::render(
        "backup_codes.html",
        minijinja::context! { codes, continue_url },
    )
    .map_err(AppError::internal)?;
    let mut response = (StatusCode::OK, csrf, html).into_response();
    for c in cookies {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(response)
}

fn url_encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The sign-in page for the same request or errand (a passkey instead).
fn login_href(req: Option<&str>, next: Option<&str>) -> String {
    match (req, next) {
        (Some(id), _) => format!("/login?req={}", url_encoded(id)),
        (None, Some(next)) => format!("/login?next={}", url_encoded(next)),
        (None, None) => "/login".to_owned(),
    }
}

/// The client name of the live authorization request `req`, if any.
async fn client_name(state: &AppState, req: Option<&str>) -> Result<Option<String>> {
    let Some(id) = req else { return Ok(None) };
    let Some(record) = state.repos.auth_requests.get(id).await? else {
        return Ok(None);
    };
    // The step speaks the language the relying party asked for.
    let params: serde_json::Value = serde_json::from_str(&record.params).unwrap_or_default();
    crate::i18n::follow_ui_locales(params.get("ui_locales").and_then(|v| v.as_str()));
    Ok(state
        .repos
        .clients
        .get(&record.client_id)
        .await?
        .map(|c| c.name))
}

/// The live second step of this browser, with its account.
async fn pending(state: &AppState, headers: &HeaderMap) -> Result<Option<(PendingStep, User)>> {
    let Some(secret) = cookies::get(headers, &step_cookie(&state.settings)) else {
        return Ok(None);
    };
    Ok(second_step::find(state.signin(), secret).await?)
}

/// The page that says the step is over, with the way back.
fn over(csrf: Csrf, message: &str, status: StatusCode, state: &AppState) -> Result<Response> {
    let page = CodePage {
        csrf: csrf.token.clone(),
        passkey_href: "/login".into(),
        error: Some(crate::i18n::t(message)),
        over: true,
        ..CodePage::default()
    };
    let mut response = render_code(&page, csrf, status)?;
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(&state.settings, &step_cookie(&state.settings)),
    );
    Ok(response)
}

async fn code_page(
    state: &AppState,
    csrf: Csrf,
    step: &PendingStep,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response> {
    let page = CodePage {
        csrf: csrf.token.clone(),
        action: STEP_PATH.into(),
        passkey_href: login_href(step.req.as_deref(), step.next.as_deref()),
        client_name: client_name(state, step.req.as_deref()).await?,
        step_up: false,
        error: error.map(crate::i18n::t),
        over: false,
    };
    render_code(&page, csrf, status)
}

/// GET `/login/second-factor`: the code field, or the enrolment of a
/// second factor the account must have.
async fn step_get(
    State(state): State<AppState>,
    csrf: Csrf,
    headers: HeaderMap,
) -> Result<Response> {
    let Some((step, user)) = pending(&state, &headers).await? else {
        return over(csrf, EXPIRED, StatusCode::OK, &state);
    };
    if second_step::has_second_factor(&state.repos, &user.userid).await? {
        code_page(&state, csrf, &step, None, StatusCode::OK).await
    } else {
        render_enrolment(&state, &user, csrf, STEP_ENROL_PATH, None, StatusCode::OK).await
    }
}

/// The posted code.
#[derive(Debug, Default, Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

/// The session cookie and where to go, after the step was used up.
async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    previous: Option<SignedIn>,
    step: &PendingStep,
    facts: SignInFacts,
) -> Result<Option<(HeaderValue, String)>> {
    if !second_step::finish(state.signin(), step).await? {
        return Ok(None);
    }
    let (cookie, target) =
        complete_sign_in(state, headers, previous, facts, step.req.as_deref()).await?;
    let target = step
        .next
        .as_deref()
        .and_then(super::reauth::local_path)
        .map_or(target, str::to_owned);
    Ok(Some((cookie, target)))
}

fn redirect_with(target: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = Redirect::to(target).into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    for c in cookies {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// POST `/login/second-factor`: checks the code; a right one signs in.
#[tracing::instrument(skip_all)]
async fn step_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: CsrfForm<CodeForm>,
) -> Result<Response> {
    let CsrfForm {
        current,
        client,
        csrf,
        fields,
    } = form;
    state.limits.signin(client.ip).await?;
    let Some((step, user)) = pending(&state, &headers).await? else {
        return over(csrf, EXPIRED, StatusCode::BAD_REQUEST, &state);
    };
    if !second_step::has_second_factor(&state.repos, &user.userid).await? {
        return Ok(redirect_with(STEP_PATH, Vec::new()));
    }
    match second_step::check_code(state.signin(), &user, &fields.code, client.ip_string()).await? {
        Verdict::Refused => {
            code_page(
                &state,
                csrf,
                &step,
                Some(WRONG_CODE),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Verdict::Locked => over(csrf, LOCKED, StatusCode::BAD_REQUEST, &state),
        Verdict::Accepted => {
            let facts = second_step::facts(&user, client.ip_string(), client.user_agent.clone());
            let Some((cookie, target)) = sign_in(&state, &headers, current.0, &step, facts).await?
            else {
                return over(csrf, EXPIRED, StatusCode::BAD_REQUEST, &state);
            };
            let clear = cookies::clear(&state.settings, &step_cookie(&state.settings));
            Ok(redirect_with(&target, vec![cookie, clear]))
        }
    }
}

/// Confirms `user`'s pending enrolment with `code` as `/account` does
/// ([`crate::manage::confirm_authenticator`]: audited as
/// `second_factor.enrolled`, the user told by e-mail): the backup codes,
/// or `None` for a wrong code.
async fn confirm(
    state: &AppState,
    user: &User,
    ip: Option<String>,
    code: &str,
) -> Result<Option<Vec<String>>> {
    crate::manage::confirm_authenticator(
        &state.repos,
        state.clock.as_ref(),
        state.keys.master(),
        &state.settings,
        &crate::audit::Actor::user(&user.userid, ip),
        user,
        code,
    )
    .await
    .map_err(AppError::internal)
}

/// POST `/login/second-factor/enrol`: confirms the enrolment of an
/// account that must have a second factor and has none; signs in and shows
/// the backup codes once.
#[tracing::instrument(skip_all)]
async fn step_enrol_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: CsrfForm<CodeForm>,
) -> Result<Response> {
    let CsrfForm {
        current,
        client,
        csrf,
        fields,
    } = form;
    state.limits.signin(client.ip).await?;
    let Some((step, user)) = pending(&state, &headers).await? else {
        return over(csrf, EXPIRED, StatusCode::BAD_REQUEST, &state);
    };
    // An account with a second factor proves it; it never replaces it here.
    if second_step::has_second_factor(&state.repos, &user.userid).await? {
        return Ok(redirect_with(STEP_PATH, Vec::new()));
    }
    let confirmed = confirm(&state, &user, client.ip_string(), &fields.code).await?;
    let Some(codes) = confirmed else {
        return render_enrolment(
            &state,
            &user,
            csrf,
            STEP_ENROL_PATH,
            Some(WRONG_ENROL_CODE),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let facts = second_step::facts(&user, client.ip_string(), client.user_agent.clone());
    let Some((cookie, target)) = sign_in(&state, &headers, current.0, &step, facts).await? else {
        return over(csrf, EXPIRED, StatusCode::BAD_REQUEST, &state);
    };
    let clear = cookies::clear(&state.settings, &step_cookie(&state.settings));
    render_backup_codes(csrf, &codes, &target, vec![cookie, clear])
}

/// `?req=…` of the step-up.
#[derive(Debug, Default, Deserialize)]
struct ReqQuery {
    #[serde(default)]
    req: String,
}

/// The request the step-up continues, if it is live and this browser's,
/// and whether it is waiting for a step-up of this session and for nothing
/// else ([`crate::oidc::flow::step_up_due`]).
async fn step_up_request(
    state: &AppState,
    headers: &HeaderMap,
    req: &str,
    signed: &SignedIn,
) -> Result<(crate::oidc::flow::Pending, bool)> {
    let secret = cookies::get(headers, &cookies::request_cookie(&state.settings, req));
    let p = crate::oidc::flow::load(&state.provider, req, secret)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::BadRequest(crate::i18n::t("flow-request-expired")))?;
    crate::i18n::follow_ui_locales(p.req.ui_locales.as_deref());
    let due = crate::oidc::flow::step_up_due(&state.provider, &p, &signed.session, &signed.user)
        .await
        .map_err(AppError::internal)?;
    Ok((p, due))
}

fn step_up_action(req: &str) -> String {
    format!("/login/step-up?req={}", url_encoded(req))
}

fn step_up_enrol_action(req: &str) -> String {
    format!("/login/step-up/enrol?req={}", url_encoded(req))
}

fn step_up_page(
    csrf: Csrf,
    req: &str,
    client_name: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response> {
    let page = CodePage {
        csrf: csrf.token.clone(),
        action: step_up_action(req),
        passkey_href: login_href(Some(req), None),
        client_name: Some(client_name.to_owned()),
        step_up: true,
        error: error.map(crate::i18n::t),
        over: false,
    };
    render_code(&page, csrf, status)
}

/// GET `/login/step-up?req=…`: the code field (or the enrolment of a
/// second factor, or a passkey instead) for a signed-in session below the
/// level the request needs. Enrolment needs a recent sign-in (as on
/// `/account`): an older session goes to the password first.
async fn step_up_get(
    State(state): State<AppState>,
    CurrentSession(current): CurrentSession,
    csrf: Csrf,
    headers: HeaderMap,
    query: std::result::Result<Query<ReqQuery>, QueryRejection>,
) -> Result<Response> {
    let req = query.map(|q| q.0.req).unwrap_or_default();
    let Some(signed) = current else {
        return Ok(Redirect::to(&login_href(Some(&req), None)).into_response());
    };
    // Anything but a pending step-up (already reached, or a new sign-in
    // needed first) is decided again where requests are decided.
    let (p, due) = step_up_request(&state, &headers, &req, &signed).await?;
    if !due {
        return Ok(Redirect::to(&after_sign_in(Some(&p.id))).into_response());
    }
    if second_step::has_second_factor(&state.repos, &signed.user.userid).await? {
        step_up_page(csrf, &p.id, &p.client.name, None, StatusCode::OK)
    } else if !super::reauth::is_recent(&state, &signed) {
        Ok(redirect_with(&login_href(Some(&p.id), None), Vec::new()))
    } else {
        let action = step_up_enrol_action(&p.id);
        render_enrolment(&state, &signed.user, csrf, &action, None, StatusCode::OK).await
    }
}

/// POST `/login/step-up?req=…`: a right code rotates the session (new id,
/// methods plus `otp` and `mfa`, level `"2"`, authenticated now), records
/// it for the request and resumes it.
#[tracing::instrument(skip_all)]
async fn step_up_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: std::result::Result<Query<ReqQuery>, QueryRejection>,
    form: SignedInForm<CodeForm>,
) -> Result<Response> {
    let req = query.map(|q| q.0.req).unwrap_or_default();
    let SignedInForm {
        signed,
        client,
        csrf,
        fields,
    } = form;
    state.limits.signin(client.ip).await?;
    // Anything but a pending step-up (already reached, or a new sign-in
    // needed first) is decided again where requests are decided.
    let (p, due) = step_up_request(&state, &headers, &req, &signed).await?;
    if !due {
        return Ok(redirect_with(&after_sign_in(Some(&p.id)), Vec::new()));
    }
    if !second_step::has_second_factor(&state.repos, &signed.user.userid).await? {
        return Ok(redirect_with(&step_up_action(&p.id), Vec::new()));
    }
    let verdict = second_step::check_code(
        state.signin(),
        &signed.user,
        &fields.code,
        client.ip_string(),
    )
    .await?;
    match verdict {
        Verdict::Refused => step_up_page(
            csrf,
            &p.id,
            &p.client.name,
            Some(WRONG_CODE),
            StatusCode::BAD_REQUEST,
        ),
        Verdict::Locked => step_up_page(
            csrf,
            &p.id,
            &p.client.name,
            Some(LOCKED),
            StatusCode::BAD_REQUEST,
        ),
        Verdict::Accepted => {
            let facts = second_step::step_up_facts(
                &signed.session,
                client.ip_string(),
                client.user_agent.clone(),
            );
            let (cookie, target) =
                complete_sign_in(&state, &headers, Some(signed), facts, Some(&p.id)).await?;
            Ok(redirect_with(&target, vec![cookie]))
        }
    }
}

/// POST `/login/step-up/enrol?req=…`: a signed-in account without a second
/// factor sets one up to reach the level; the session is rotated as for a
/// code, and the backup codes are shown once.
#[tracing::instrument(skip_all)]
async fn step_up_enrol_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: std::result::Result<Query<ReqQuery>, QueryRejection>,
    form: SignedInForm<CodeForm>,
) -> Result<Response> {
    let req = query.map(|q| q.0.req).unwrap_or_default();
    let SignedInForm {
        signed,
        client,
        csrf,
        fields,
    } = form;
    state.limits.signin(client.ip).await?;
    let (p, due) = step_up_request(&state, &headers, &req, &signed).await?;
    if !due || second_step::has_second_factor(&state.repos, &signed.user.userid).await? {
        return Ok(redirect_with(&step_up_action(&p.id), Vec::new()));
    }
    // Setting up a factor is a sensitive change: a stale (perhaps stolen)
    // session proves the password again first, and enrols on the second
    // step of that sign-in.
    if !super::reauth::is_recent(&state, &signed) {
        return Ok(redirect_with(&login_href(Some(&p.id), None), Vec::new()));
    }
    let confirmed = confirm(&state, &signed.user, client.ip_string(), &fields.code).await?;
    let Some(codes) = confirmed else {
        return render_enrolment(
            &state,
            &signed.user,
            csrf,
            &step_up_enrol_action(&p.id),
            Some(WRONG_ENROL_CODE),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let facts = second_step::step_up_facts(
        &signed.session,
        client.ip_string(),
        client.user_agent.clone(),
    );
    let (cookie, target) =
        complete_sign_in(&state, &headers, Some(signed), facts, Some(&p.id)).await?;
    render_backup_codes(csrf, &codes, &target, vec![cookie])
}
