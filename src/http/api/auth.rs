//! Bearer authentication of the admin API: an access token issued by
//! Latchkey with scope `latchkey:admin`, held by a member of the admin group
//! or by a client granted that scope. Membership is checked again on every
//! request, so removing someone from the admin group takes effect at once.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use super::error::ApiError;
use crate::http::AppState;
use crate::http::extract::ClientInfo;
use crate::manage::Actor;
use crate::oidc::claims::ADMIN_SCOPE;
use crate::oidc::tokens::{AccessClaims, TokenError, verify_access_token};

/// An authenticated administrator (a user or a client).
#[derive(Debug, Clone)]
pub struct AdminCaller {
    /// Who acts, for the audit log: a userid or `client:<client_id>`.
    pub actor: Actor,
    pub claims: AccessClaims,
}

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(ApiError::missing_token)?
        .to_str()
        .map_err(|_| ApiError::invalid_token("the Authorization header is not text"))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| ApiError::invalid_token("use the Bearer scheme"))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::invalid_token("use the Bearer scheme"));
    }
    Ok(token.trim())
}

impl<S> FromRequestParts<S> for AdminCaller
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let token = bearer(parts)?;
        let claims = match verify_access_token(&app, token).await {
            Ok(c) => c,
            Err(TokenError::Db(e)) => return Err(ApiError::internal(e)),
            Err(TokenError::Key(e)) => return Err(ApiError::internal(e)),
            Err(e) => return Err(ApiError::invalid_token(e.to_string())),
        };
        if !claims.has_scope(ADMIN_SCOPE) {
            return Err(ApiError::insufficient_scope());
        }
        let ip = ClientInfo::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|c| c.ip_string());
        let id = if claims.is_user() {
            let user = app.repos.users.get(&claims.sub).await?;
            match user {
                Some(u) if u.active && u.is_admin() => u.userid,
                _ => return Err(ApiError::forbidden("only administrators may do this")),
            }
        } else {
            let client = app.repos.clients.get(&claims.client_id).await?;
            match client {
                Some(c) if c.scopes.iter().any(|s| s == ADMIN_SCOPE) => {
                    format!("client:{}", c.client_id)
                }
                _ => return Err(ApiError::forbidden("this client is not an administrator")),
            }
        };
        Ok(Self {
            actor: Actor { id, ip },
            claims,
        })
    }
}
