//! `/invite/{token}`: accepting a magic-link invite with a password (here)
//! or a passkey (see [`super::invite_passkey`]).

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::csrf::{self, Csrf};
use super::error::AppError;
use super::extract::ClientInfo;
use super::session::CurrentSession;
use super::{AppState, cookies};
use crate::auth::invite::{self, InviteError};
use crate::auth::password;
use crate::auth::session::{self, SignInFacts};
use crate::clock::secs;
use crate::db::{Invite, User};

/// Routes of the invite page.
pub fn router() -> Router<AppState> {
    Router::new().route("/invite/{token}", get(invite_get).post(invite_post))
}

/// `?req=<id>`: an authorization request waiting for this sign-in.
#[derive(Debug, Default, Deserialize)]
pub struct ReturnTo {
    pub req: Option<String>,
}

impl ReturnTo {
    /// The request id, when it is well-formed (anything else is dropped, so
    /// it can never steer a redirect).
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.req.as_deref().filter(|r| {
            !r.is_empty()
                && r.len() <= 128
                && r.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    }

    /// Where to go after signing in.
    #[must_use]
    pub fn target(&self) -> String {
        match self.id() {
            Some(id) => format!("/authorize/resume?req={id}"),
            None => "/account".to_owned(),
        }
    }
}

/// The page for an invite that cannot be accepted.
pub fn invite_error_page(e: InviteError) -> Response {
    let (status, title, message) = match e {
        InviteError::Unknown => (
            StatusCode::NOT_FOUND,
            "Invite not found",
            "This invite link is not valid. Check that you copied the whole link, or ask for a new invite.",
        ),
        InviteError::Used => (
            StatusCode::GONE,
            "Invite already used",
            "This invite has already been used. Sign in instead, or ask for a new invite.",
        ),
        InviteError::Revoked => (
            StatusCode::GONE,
            "Invite withdrawn",
            "This invite has been withdrawn. Ask your administrator for a new one.",
        ),
        InviteError::Expired => (
            StatusCode::GONE,
            "Invite expired",
            "This invite has expired. Ask your administrator for a new one.",
        ),
        InviteError::UsernameTaken => (
            StatusCode::CONFLICT,
            "Username taken",
            "The invited username now belongs to someone else. Ask your administrator for a new invite.",
        ),
        InviteError::AccountGone => (
            StatusCode::GONE,
            "Account removed",
            "The account this invite was for no longer exists.",
        ),
        InviteError::Invalid(m) => return AppError::BadRequest(m).into_response(),
        InviteError::Db(e) => return AppError::internal(e).into_response(),
        InviteError::Internal(e) => return AppError::internal(e).into_response(),
    };
    (status, crate::templates::error_page(status, title, message)).into_response()
}

/// Renders the invite page.
fn page(
    state: &AppState,
    invite: &Invite,
    token: &str,
    csrf: &str,
    ret: &ReturnTo,
    error: Option<&str>,
) -> Result<axum::response::Html<String>, AppError> {
    crate::templates::render(
        "invite.html",
        minijinja::context! {
            username => invite.username,
            email => invite.email,
            admin => invite.admin,
            recovery => invite.userid.is_some(),
            allow_password => invite.allow_password,
            expires_at => crate::manage::rfc3339(invite.expires_at),
            token => token,
            req => ret.id(),
            csrf => csrf,
            error => error,
            min_len => password::MIN_LEN,
            max_len => password::MAX_LEN,
            now => state.clock.now(),
        },
    )
    .map_err(AppError::internal)
}

async fn invite_get(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    Query(ret): Query<ReturnTo>,
    client: ClientInfo,
    csrf: Csrf,
) -> Response {
    if let Err(e) = state.limits.invite(client.ip).await {
        return e.into_response();
    }
    let Ok(Path(token)) = token else {
        return invite_error_page(InviteError::Unknown);
    };
    match invite::find_pending(&state.repos, state.clock.now(), &token).await {
        Ok(invite) => match page(&state, &invite, &token, &csrf.token, &ret, None) {
            Ok(html) => (csrf, html).into_response(),
            Err(e) => e.into_response(),
        },
        Err(e) => invite_error_page(e),
    }
}

/// The password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

#[allow(clippy::too_many_arguments)]
async fn invite_post(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    Query(ret): Query<ReturnTo>,
    current: CurrentSession,
    client: ClientInfo,
    csrf: Csrf,
    headers: HeaderMap,
    axum::Form(form): axum::Form<PasswordForm>,
) -> Response {
    // Counted before anything is looked up or hashed.
    if let Err(e) = state.limits.invite(client.ip).await {
        return e.into_response();
    }
    let Ok(Path(token)) = token else {
        return invite_error_page(InviteError::Unknown);
    };
    if let Err(e) = csrf::verify(&state.settings, &headers, &form.csrf) {
        return e.into_response();
    }
    let invite = match invite::find_pending(&state.repos, state.clock.now(), &token).await {
        Ok(i) => i,
        Err(e) => return invite_error_page(e),
    };
    let refuse = |message: String| -> Response {
        match page(&state, &invite, &token, &csrf.token, &ret, Some(&message)) {
            Ok(html) => (StatusCode::UNPROCESSABLE_ENTITY, html).into_response(),
            Err(e) => e.into_response(),
        }
    };
    if form.new_password != form.confirm_password {
        return refuse("The two passwords do not match.".into());
    }
    if let Err(e) = password::check_policy(&form.new_password, &invite.username) {
        return refuse(e.to_string());
    }
    let hash = match password::hash(form.new_password).await {
        Ok(h) => h,
        Err(password::HashError::Busy(b)) => return AppError::from(b).into_response(),
        Err(e) => return AppError::internal(e).into_response(),
    };
    let user = match invite::accept_with_password(
        &state.repos,
        state.clock.as_ref(),
        &invite,
        &hash,
        client.ip_string(),
    )
    .await
    {
        Ok(u) => u,
        Err(InviteError::Invalid(m)) => return refuse(m),
        Err(e) => return invite_error_page(e),
    };
    if invite.userid.is_some() {
        // A recovery gave an existing account a new way to sign in.
        let change = crate::mail::CredentialChange::PasswordSet;
        crate::mail::notify_credential_change(&state.settings, &user, change, None).await;
    }
    let facts = SignInFacts {
        userid: user.userid.clone(),
        amr: crate::auth::acr::password_amr(),
        acr: crate::auth::acr::Level::OneFactor.as_str().into(),
        user_agent: client.user_agent.clone(),
        ip: client.ip_string(),
    };
    match sign_in(&state, current, &user, facts).await {
        Ok(cookie) => ([(header::SET_COOKIE, cookie)], Redirect::to(&ret.target())).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Starts a session for a user who just accepted an invite (ending any
/// session the browser had) and returns the cookie to set.
pub async fn sign_in(
    state: &AppState,
    current: CurrentSession,
    user: &User,
    facts: SignInFacts,
) -> Result<HeaderValue, AppError> {
    if let Some(previous) = current.0 {
        session::end(&state.repos, &previous.session.sid).await?;
    }
    let (secret, started) =
        session::start(&state.repos, state.clock.as_ref(), &state.settings, facts).await?;
    crate::manage::audit(
        &state.repos,
        state.clock.as_ref(),
        &crate::manage::Actor {
            id: user.userid.clone(),
            ip: started.ip.clone(),
        },
        "session.started",
        Some(&user.userid),
        serde_json::json!({"sid": started.sid, "amr": started.amr, "via": "invite"}),
    )
    .await;
    Ok(cookies::set(
        &state.settings,
        &cookies::session_cookie(&state.settings),
        &secret,
        Some(secs(state.settings.session_lifetime)),
    ))
}
