//! `/invite/{token}`: accepting a magic-link invite with a password (here)
//! or a passkey (see [`super::invite_passkey`]).

use crate::audit::Event;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::csrf::Csrf;
use super::error::{AppError, Result};
use super::extract::ClientInfo;
use super::forms::CsrfForm;
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

impl From<InviteError> for AppError {
    /// The page for an invite that cannot be accepted.
    fn from(e: InviteError) -> Self {
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
            InviteError::NotYet(_) => (
                StatusCode::FORBIDDEN,
                "Recovery link not usable yet",
                "For your safety this recovery link starts working only after a waiting period; the e-mail that brought it says when. Open it again then. If you did not ask for it, sign in and cancel the recovery on your account page.",
            ),
            InviteError::SecondFactor => (
                StatusCode::FORBIDDEN,
                "Recovery needs your administrator",
                "This account is protected by an authenticator app, which a mailed link cannot replace. Sign in with your password and your authenticator app or a backup code, or ask your administrator to recover your account.",
            ),
            InviteError::RoleHolder => (
                StatusCode::FORBIDDEN,
                "Recovery needs another administrator",
                "This account administers Latchkey, which a mailed link cannot hand over. Ask another administrator to recover your account, or run latchkey user recover on the server.",
            ),
            InviteError::UsernameTaken => (
                StatusCode::CONFLICT,
                "Username taken",
                "The invited username now belongs to someone else. Ask your administrator for a new invite.",
            ),
            InviteError::SignupAddressTaken => (
                StatusCode::CONFLICT,
                "Account exists",
                "An account with this e-mail address exists already, so no account was created. Sign in, or press \"Lost your passkey?\" on the sign-in page.",
            ),
            InviteError::SignupUsernameTaken => (
                StatusCode::CONFLICT,
                "Username taken",
                "Someone else took this username after you asked for it, so no account was created. Sign up again with another username.",
            ),
            InviteError::AccountGone => (
                StatusCode::GONE,
                "Account removed",
                "The account this invite was for no longer exists.",
            ),
            InviteError::Invalid(m) => return Self::BadRequest(m),
            InviteError::Db(e) => return Self::internal(e),
            InviteError::Internal(e) => return Self::internal(e),
        };
        Self::Page {
            status,
            title,
            message,
        }
    }
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
            admin => invite.role.is_some(),
            recovery => invite.userid.is_some(),
            signup => invite.is_signup(),
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
) -> Result<Response> {
    state.limits.invite(client.ip).await?;
    let Ok(Path(token)) = token else {
        return Err(InviteError::Unknown.into());
    };
    let invite = invite::find_pending(&state.repos, state.clock.now(), &token).await?;
    let html = page(&state, &invite, &token, &csrf.token, &ret, None)?;
    Ok((csrf, html).into_response())
}

/// The password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

async fn invite_post(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    Query(ret): Query<ReturnTo>,
    CsrfForm {
        current,
        client,
        csrf,
        fields: form,
    }: CsrfForm<PasswordForm>,
) -> Result<Response> {
    // Counted before anything is looked up or hashed.
    state.limits.invite(client.ip).await?;
    let Ok(Path(token)) = token else {
        return Err(InviteError::Unknown.into());
    };
    let invite = invite::find_pending(&state.repos, state.clock.now(), &token).await?;
    let refuse = |message: String| -> Result<Response> {
        let html = page(&state, &invite, &token, &csrf.token, &ret, Some(&message))?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
    };
    if form.new_password != form.confirm_password {
        return refuse("The two passwords do not match.".into());
    }
    if let Err(e) = password::check_policy(&form.new_password, &invite.username) {
        return refuse(e.to_string());
    }
    let hash = match password::hash(form.new_password).await {
        Ok(h) => h,
        Err(password::HashError::Busy(b)) => return Err(b.into()),
        Err(e) => return Err(AppError::internal(e)),
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
        Err(e) => return Err(e.into()),
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
    let cookie = sign_in(&state, current, &user, facts).await?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&ret.target())).into_response())
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
    crate::audit::record(
        &state.repos,
        state.clock.as_ref(),
        &crate::audit::Actor::user(&user.userid, started.ip.clone()),
        Event::SessionStarted,
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
