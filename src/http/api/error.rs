//! Errors of the admin API: JSON `{"error": "<stable_code>", "message": "..."}`
//! with the matching status. Internal detail is logged, never sent.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::db::DbError;
use crate::manage::ManageError;

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable, machine-readable code: `missing_token`, `invalid_token`,
    /// `invalid_dpop_proof`, `use_dpop_nonce` (RFC 9449),
    /// `insufficient_scope`, `insufficient_user_authentication`, `forbidden`, `not_found`, `conflict`,
    /// `refused`, `validation_failed`, `bad_request`, `mail_failed` (502: the
    /// SMTP server did not take an e-mail), `internal_error`.
    pub error: &'static str,
    /// A human-readable explanation.
    pub message: String,
}

/// An error answer of the admin API.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// `WWW-Authenticate` for 401 and scope failures.
    pub challenge: Option<String>,
    /// `DPoP-Nonce` (RFC 9449 §8) with `use_dpop_nonce`.
    pub dpop_nonce: Option<String>,
}

/// Result type of API handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error,
                message: message.into(),
            },
            challenge: None,
            dpop_nonce: None,
        }
    }

    /// 401 for a token or DPoP proof a protected resource refused
    /// (`invalid_token`, `invalid_dpop_proof`, `use_dpop_nonce` with
    /// `nonce`), with its challenge (RFC 9449 §7.1).
    #[must_use]
    pub fn refused(refusal: &crate::oidc::dpop::Refusal, nonce: Option<String>) -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            refusal.error(),
            refusal.description(),
        );
        e.challenge = Some(refusal.challenge());
        if matches!(refusal, crate::oidc::dpop::Refusal::UseNonce) {
            e.dpop_nonce = nonce;
        }
        e
    }

    /// 400: the request could not be read.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// 403: authenticated, but not an administrator.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 401 without a token.
    #[must_use]
    pub fn missing_token() -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            "missing_token",
            "send an access token as `Authorization: Bearer <token>`",
        );
        e.challenge = Some(crate::oidc::dpop::missing_token_challenge());
        e
    }

    /// 401 with a token that does not verify.
    pub fn invalid_token(message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = Self::new(StatusCode::UNAUTHORIZED, "invalid_token", message.clone());
        e.challenge = Some(format!(
            r#"Bearer realm="latchkey", error="invalid_token", error_description="{}""#,
            message.replace(['"', '\\'], "")
        ));
        e
    }

    /// 403 for a token without the admin scope.
    #[must_use]
    pub fn insufficient_scope() -> Self {
        let mut e = Self::new(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            "the token lacks the latchkey:admin scope",
        );
        e.challenge = Some(
            r#"Bearer realm="latchkey", error="insufficient_scope", scope="latchkey:admin""#.into(),
        );
        e
    }

    /// 401 for a change made with a user's token whose sign-in is older than
    /// the re-authentication window (RFC 9470 step-up: the client asks for a
    /// new sign-in with `max_age` and retries with the new token).
    #[must_use]
    pub fn insufficient_user_authentication(max_age: i64) -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            "insufficient_user_authentication",
            format!("changes need a sign-in at most {max_age} seconds old; sign in again"),
        );
        e.challenge = Some(format!(
            r#"Bearer realm="latchkey", error="insufficient_user_authentication", max_age={max_age}"#
        ));
        e
    }

    /// 500; the detail is logged.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "admin API internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server could not complete the request",
        )
    }
}

impl From<ManageError> for ApiError {
    fn from(e: ManageError) -> Self {
        match e {
            ManageError::Invalid(m) => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", m)
            }
            ManageError::Conflict(m) => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("{m} already exists"),
            ),
            ManageError::NotFound(m) => Self::not_found(&m),
            ManageError::Refused(m) => Self::new(StatusCode::CONFLICT, "refused", m),
            ManageError::Forbidden(m) => Self::forbidden(m),
            ManageError::Db(e) => Self::internal(e),
            ManageError::Busy(b) => {
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "busy", b.to_string())
            }
        }
    }
}

impl From<crate::mail::MailError> for ApiError {
    fn from(e: crate::mail::MailError) -> Self {
        use crate::mail::MailError;
        match e {
            MailError::NotConfigured | MailError::Address(_) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                e.to_string(),
            ),
            MailError::Build(_) | MailError::Send(_) => Self::new(
                StatusCode::BAD_GATEWAY,
                "mail_failed",
                format!("{e}; the link was revoked, try again"),
            ),
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        ManageError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if let Some(c) = self.challenge
            && let Ok(v) = HeaderValue::from_str(&c)
        {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        if let Some(n) = self.dpop_nonce
            && let Ok(v) = HeaderValue::from_str(&n)
        {
            response
                .headers_mut()
                .insert(crate::http::cors::DPOP_NONCE, v);
        }
        response
    }
}

/// A JSON body whose rejection is an [`ApiError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                e.body_text(),
            )),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// A query string whose rejection is an [`ApiError`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|e: QueryRejection| ApiError::bad_request(e.body_text()))
    }
}

/// A path parameter whose rejection is an [`ApiError`].
#[derive(Debug, Clone)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|e: PathRejection| ApiError::bad_request(e.body_text()))
    }
}
