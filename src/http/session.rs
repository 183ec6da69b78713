//! The signed-in person behind a request, from the session cookie.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;

use super::error::AppError;
use super::{AppState, cookies};
use crate::db::{Session, User};

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session: Session,
    pub user: User,
}

/// The session of the request, if any.
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Option<SignedIn>);

impl<S> FromRequestParts<S> for CurrentSession
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let name = cookies::session_cookie(&app.settings);
        let Some(secret) = cookies::get(&parts.headers, &name) else {
            return Ok(Self(None));
        };
        let found =
            crate::auth::session::resolve(&app.repos, app.clock.as_ref(), &app.settings, secret)
                .await?;
        if found.is_some() {
            crate::templates::mark_signed_in();
        }
        Ok(Self(
            found.map(|(session, user)| SignedIn { session, user }),
        ))
    }
}

/// A page only for signed-in people: without a session the request is
/// answered with a redirect to the sign-in page ([`AppError::SignIn`]).
impl<S> FromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        CurrentSession::from_request_parts(parts, state)
            .await?
            .0
            .ok_or(AppError::SignIn)
    }
}
