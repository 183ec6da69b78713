//! Why a page refused a request before doing anything: not signed in, or
//! an error page (forbidden, bad CSRF token, …).

use axum::response::{IntoResponse, Redirect, Response};

use super::error::AppError;

/// A refusal of a signed-in-only page.
#[derive(Debug)]
pub enum Rejection {
    /// Not signed in: go to the sign-in page.
    SignIn,
    /// Signed in too long ago for a sensitive change: sign in again, then
    /// come back to this local path.
    Reauthenticate(String),
    /// An error page.
    Error(AppError),
}

impl From<AppError> for Rejection {
    fn from(e: AppError) -> Self {
        Self::Error(e)
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn => Redirect::to("/login").into_response(),
            Self::Reauthenticate(next) => {
                Redirect::to(&super::reauth::login_url(&next)).into_response()
            }
            Self::Error(e) => e.into_response(),
        }
    }
}

impl From<Rejection> for Response {
    fn from(r: Rejection) -> Self {
        r.into_response()
    }
}
