//! Who may use the management UI: [`Admin`] for its pages, [`AdminForm`]
//! for its forms (every admin change). Both take what the route needs as a
//! type ([`crate::domain::role::need`]); a signed-in user whose role does
//! not allow it is refused (403).

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::http::AppState;
use crate::http::csrf::Csrf;
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::forms::{NoFields, Post, Upload};
use crate::http::reauth;
use crate::http::session::{CurrentSession, SignedIn};
use crate::i18n::{t, t_args};
use std::marker::PhantomData;

use crate::domain::role::{Need, Role, need};
use crate::manage::Actor;

/// A signed-in user whose role allows `N`: not signed in goes to the
/// sign-in page, signed in without a role, or with one that does not allow
/// `N`, is refused (403).
pub(crate) struct Admin<N: Need = need::AnyRole> {
    /// Who acts, for the audit log.
    pub actor: Actor,
    /// The caller's role.
    pub role: Role,
    need: PhantomData<N>,
}

impl<N: Need> Admin<N> {
    fn of(current: Option<SignedIn>, client: &ClientInfo) -> Result<Self, AppError> {
        let signed = current.ok_or(AppError::SignIn)?;
        let Some(role) = signed.user.role else {
            return Err(AppError::Forbidden(t("admin-error-not-administrator")));
        };
        if !N::allows(role) {
            let label = t(&format!("admin-role-{}", role.as_str()));
            return Err(AppError::Forbidden(t_args(
                "admin-error-role-forbids",
                &[("role", label.into())],
            )));
        }
        super::set_viewer(role);
        Ok(Self {
            actor: Actor {
                id: signed.user.userid,
                ip: client.ip_string(),
                role: Some(role),
            },
            role,
            need: PhantomData,
        })
    }
}

impl<N: Need> FromRequestParts<AppState> for Admin<N> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentSession(current) = CurrentSession::from_request_parts(parts, state).await?;
        let Ok(client) = ClientInfo::from_request_parts(parts, state).await;
        Self::of(current, &client)
    }
}

/// An administrator's form post: a member of the admin group (as
/// [`Admin`]), then a valid CSRF token, then a recent sign-in; otherwise
/// the administrator confirms it is them and comes back to the page the
/// form was on (its same-origin `Referer`, else `/admin`).
pub(crate) struct AdminForm<F = NoFields, N: Need = need::AnyRole> {
    /// Who acts, for the audit log.
    pub actor: Actor,
    /// The caller's role.
    pub role: Role,
    /// The page's CSRF token, to render the page again.
    pub csrf: Csrf,
    pub fields: F,
    need: PhantomData<N>,
}

impl<F, N: Need> FromRequest<AppState> for AdminForm<F, N>
where
    F: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let post = Post::<F>::read(req, state).await?;
        Self::check(post, state).map_err(IntoResponse::into_response)
    }
}

impl<F, N: Need> AdminForm<F, N> {
    fn check(mut post: Post<F>, state: &AppState) -> Result<Self, AppError> {
        let current = post.current.take();
        let recent = current
            .as_ref()
            .is_some_and(|s| reauth::is_recent(state, s));
        let admin = Admin::<N>::of(current, &post.client)?;
        post.verify(state)?;
        if !recent {
            return Err(AppError::Reauthenticate(reauth::return_path(
                state,
                &post.headers,
                "/admin",
            )));
        }
        Ok(Self {
            actor: admin.actor,
            role: admin.role,
            csrf: post.csrf,
            fields: post.fields,
            need: PhantomData,
        })
    }
}

/// An administrator's file upload (`multipart/form-data` with the fields
/// `csrf` and `logo`): checked exactly as [`AdminForm`].
pub(crate) struct AdminUpload<N: Need = need::AnyRole>(pub AdminForm<Upload, N>);

impl<N: Need> FromRequest<AppState> for AdminUpload<N> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        // The role first, so a caller who may not upload is refused (403)
        // whatever the body holds.
        let (mut parts, body) = req.into_parts();
        let CurrentSession(current) = CurrentSession::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Ok(client) = ClientInfo::from_request_parts(&mut parts, state).await;
        Admin::<N>::of(current, &client).map_err(IntoResponse::into_response)?;
        let post = Post::read_upload(Request::from_parts(parts, body), state, "logo").await?;
        AdminForm::check(post, state)
            .map(Self)
            .map_err(IntoResponse::into_response)
    }
}
