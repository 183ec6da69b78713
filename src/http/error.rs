//! Errors of the HTML surface, rendered as a page (or, for a person who
//! must sign in first, a redirect to the sign-in page). Internal detail is
//! logged, never sent.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::db::DbError;
use crate::i18n::{localize, t};

/// An error shown to a person as an HTML page, or a refusal that sends
/// them to sign in.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in: a redirect to the sign-in page.
    #[error("not signed in")]
    SignIn,
    /// Signed in too long ago for a sensitive change: a redirect to the
    /// sign-in page, which comes back to this local path
    /// ([`super::reauth::login_url`]).
    #[error("the sign-in is too old for this change")]
    Reauthenticate(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    /// Password hashing is saturated (503 with `Retry-After`).
    #[error("busy")]
    Busy { retry_after: u64 },
    /// A refusal with a page of its own: status, title and text (an
    /// invite that is used, withdrawn or expired).
    #[error("{message}")]
    Page {
        status: StatusCode,
        title: &'static str,
        message: &'static str,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result type of HTML handlers.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    /// Wraps any internal failure; the detail is only logged.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Self::Internal(e.to_string())
    }

    /// The status of the answer.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::SignIn | Self::Reauthenticate(_) => StatusCode::SEE_OTHER,
            Self::Page { status, .. } => *status,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<crate::auth::signin::SignInError> for AppError {
    fn from(e: crate::auth::signin::SignInError) -> Self {
        match e {
            crate::auth::signin::SignInError::Db(e) => Self::from(e),
            crate::auth::signin::SignInError::Busy(b) => Self::from(b),
        }
    }
}

impl From<crate::auth::password::Busy> for AppError {
    fn from(_: crate::auth::password::Busy) -> Self {
        Self::Busy {
            retry_after: crate::auth::password::BUSY_RETRY_AFTER,
        }
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Conflict(what) => Self::Conflict(crate::i18n::t_args(
                "error-conflict-taken",
                &[("what", what.into())],
            )),
            DbError::NotFound => Self::NotFound,
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title, message) = match &self {
            Self::SignIn => return Redirect::to("/login").into_response(),
            Self::Reauthenticate(next) => {
                return Redirect::to(&super::reauth::login_url(next)).into_response();
            }
            Self::Page { title, message, .. } => (localize(title), localize(message)),
            Self::BadRequest(m) => (t("error-bad-request"), localize(m)),
            Self::Forbidden(m) => (t("error-forbidden"), localize(m)),
            Self::NotFound => (t("error-not-found"), t("error-not-found-message")),
            Self::Conflict(m) => (t("error-conflict"), localize(m)),
            Self::TooManyRequests { .. } => (
                t("error-too-many-requests"),
                t("error-too-many-requests-message"),
            ),
            Self::Busy { .. } => (t("error-busy"), t("error-busy-message")),
            Self::Internal(detail) => {
                tracing::error!(error = %detail, "internal error");
                (t("error-internal"), t("error-internal-message"))
            }
        };
        let mut response = (
            status,
            crate::templates::error_page(status, &title, &message),
        )
            .into_response();
        if let Self::TooManyRequests { retry_after } | Self::Busy { retry_after } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}
