//! Extractors for the forms of signed-in pages.
//!
//! A page form is posted with the page's CSRF token in the field `csrf`.
//! The extractors here read the session and the form, then check, in this
//! order: signed in (else a redirect to `/login`), the CSRF token and the
//! `Origin` ([`csrf::verify`], else 403), and for sensitive changes a
//! recent sign-in ([`super::reauth`], else a redirect to
//! `/login?next=…`). A handler that takes one has nothing left to check.
//!
//! The token is read by the extractor, not by the form type: a form type
//! holds only its own fields (or is [`NoFields`]), so no form can forget
//! the token. Administrators' forms are in [`super::admin`]
//! (`AdminForm`).

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::AppState;
use super::csrf::{self, Csrf};
use super::error::AppError;
use super::extract::ClientInfo;
use super::session::{CurrentSession, SignedIn};
use crate::manage::Actor;

/// Where a refused sensitive account change comes back to after the
/// sign-in: every signed-in form is on the account page.
const ACCOUNT: &str = "/account";

/// The fields of a form that carries nothing but its CSRF token (a button).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// What a page form posts: the CSRF token and the form's own fields.
#[derive(Debug, Deserialize)]
struct Posted<F> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    fields: F,
}

/// A page form post, read but not yet checked.
pub(crate) struct Post<F> {
    /// The session of the request, if any.
    pub current: Option<SignedIn>,
    pub client: ClientInfo,
    /// The page's CSRF token, to render the page again.
    pub csrf: Csrf,
    pub headers: HeaderMap,
    /// The token the form echoed.
    token: String,
    pub fields: F,
}

impl<F: DeserializeOwned> Post<F> {
    /// Reads the session, then the body (a body that is no form is refused
    /// as `axum::Form` refuses it: 415 or 422, before any other check).
    pub(crate) async fn read(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let CurrentSession(current) = CurrentSession::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(client) = ClientInfo::from_request_parts(&mut parts, state).await;
        let Ok(csrf) = Csrf::from_request_parts(&mut parts, state).await;
        let headers = parts.headers.clone();
        let Form(posted) = Form::<Posted<F>>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self {
            current,
            client,
            csrf,
            headers,
            token: posted.csrf,
            fields: posted.fields,
        })
    }
}

/// A file uploaded with a page form (`multipart/form-data`).
#[derive(Debug, Default)]
pub struct Upload {
    /// The bytes of the file field (empty when no file was chosen).
    pub file: Vec<u8>,
}

impl Post<Upload> {
    /// Reads a `multipart/form-data` post: the session, the `csrf` field
    /// and the file field `field` (other fields are ignored). A plain form
    /// is read as such, with no file; a multipart body that cannot be read
    /// is refused with 400.
    pub(crate) async fn read_upload(
        req: Request,
        state: &AppState,
        field: &str,
    ) -> Result<Self, Response> {
        let multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
        if !multipart {
            // A plain form (no file chosen, or no browser): checked as any
            // form, with an empty file that the operation then refuses.
            let post = Post::<NoFields>::read(req, state).await?;
            return Ok(Self {
                current: post.current,
                client: post.client,
                csrf: post.csrf,
                headers: post.headers,
                token: post.token,
                fields: Upload::default(),
            });
        }
        let (mut parts, body) = req.into_parts();
        let CurrentSession(current) = CurrentSession::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(client) = ClientInfo::from_request_parts(&mut parts, state).await;
        let Ok(csrf) = Csrf::from_request_parts(&mut parts, state).await;
        let headers = parts.headers.clone();
        let unreadable = || {
            AppError::BadRequest("The upload could not be read (send it as a file form).".into())
                .into_response()
        };
        let mut multipart =
            axum::extract::Multipart::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(|_| unreadable())?;
        let mut token = String::new();
        let mut upload = Upload::default();
        while let Some(part) = multipart.next_field().await.map_err(|_| unreadable())? {
            match part.name() {
                Some("csrf") => token = part.text().await.map_err(|_| unreadable())?,
                Some(name) if name == field => {
                    upload.file = part.bytes().await.map_err(|_| unreadable())?.to_vec();
                }
                _ => {}
            }
        }
        Ok(Self {
            current,
            client,
            csrf,
            headers,
            token,
            fields: upload,
        })
    }
}

impl<F> Post<F> {
    /// Refuses a token that is not the page's or a post from another site.
    pub(crate) fn verify(&self, state: &AppState) -> Result<(), AppError> {
        csrf::verify(&state.settings, &self.headers, &self.token)
    }
}

/// A signed-in person's form post with a valid CSRF token.
pub struct SignedInForm<F = NoFields> {
    pub signed: SignedIn,
    pub client: ClientInfo,
    /// The page's CSRF token, to render the page again.
    pub csrf: Csrf,
    pub fields: F,
}

impl<F> SignedInForm<F> {
    /// The person, for the audit log.
    #[must_use]
    pub fn actor(&self) -> Actor {
        Actor::user(&self.signed.user.userid, self.client.ip_string())
    }

    /// The same form, if the sign-in is recent enough for a sensitive
    /// change; otherwise the person confirms it is them and comes back to
    /// the account page.
    pub fn recent(self, state: &AppState) -> Result<Self, AppError> {
        if super::reauth::is_recent(state, &self.signed) {
            Ok(self)
        } else {
            Err(AppError::Reauthenticate(ACCOUNT.into()))
        }
    }
}

impl<F> FromRequest<AppState> for SignedInForm<F>
where
    F: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let post = Post::<F>::read(req, state).await?;
        Self::check(post, state).map_err(IntoResponse::into_response)
    }
}

impl<F> SignedInForm<F> {
    /// Signed in first (else to the sign-in page), then the CSRF token.
    fn check(mut post: Post<F>, state: &AppState) -> Result<Self, AppError> {
        let signed = post.current.take().ok_or(AppError::SignIn)?;
        post.verify(state)?;
        Ok(Self {
            signed,
            client: post.client,
            csrf: post.csrf,
            fields: post.fields,
        })
    }
}

/// A signed-in person's form for a sensitive change: as [`SignedInForm`],
/// and the sign-in must be recent ([`SignedInForm::recent`]).
pub struct RecentForm<F = NoFields>(pub SignedInForm<F>);

impl<F> FromRequest<AppState> for RecentForm<F>
where
    F: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let form = SignedInForm::<F>::from_request(req, state).await?;
        form.recent(state)
            .map(Self)
            .map_err(IntoResponse::into_response)
    }
}

/// A form post from anyone, signed in or not, with a valid CSRF token (the
/// invite page's password form).
pub struct CsrfForm<F = NoFields> {
    /// The session of the request, if any.
    pub current: CurrentSession,
    pub client: ClientInfo,
    /// The page's CSRF token, to render the page again.
    pub csrf: Csrf,
    pub fields: F,
}

impl<F> FromRequest<AppState> for CsrfForm<F>
where
    F: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let post = Post::<F>::read(req, state).await?;
        post.verify(state).map_err(IntoResponse::into_response)?;
        Ok(Self {
            current: CurrentSession(post.current),
            client: post.client,
            csrf: post.csrf,
            fields: post.fields,
        })
    }
}
