//! Token authentication of the admin API (`Bearer`, or `DPoP` with a proof
//! for DPoP-bound tokens, checked by `http::access::authenticate` as at
//! `/userinfo`): an access token issued by
//! Latchkey whose audience is the admin API (`<issuer>/api/admin/v1`), with
//! scope `latchkey:admin`, issued to a client an administrator allowed that
//! scope, held by a member of the admin group or by that client itself.
//! Membership and the client's allowance are checked again on every
//! request, so withdrawing either takes effect at once.
//! A change (any method but GET/HEAD/OPTIONS) made with a user's token needs
//! a sign-in (`auth_time`) within `LATCHKEY_REAUTH_WINDOW`, else 401
//! `insufficient_user_authentication` with `max_age` (RFC 9470).
//! An API key (`Bearer lk_…`, [`crate::manage::api_keys`]) is told apart by
//! its prefix before any JWT verification and acts with its own role.

use crate::audit::Event;
use axum::extract::OriginalUri;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::Method;
use axum::http::request::Parts;

use super::error::ApiError;
use std::marker::PhantomData;

use crate::audit::Actor;
use crate::clock::secs;
use crate::db::User;
use crate::domain::role::{Need, Role, need};
use crate::http::AppState;
use crate::http::access;
use crate::http::extract::ClientInfo;
use crate::oidc::claims::{ADMIN_SCOPE, admin_audience};
use crate::oidc::dpop::{self, Refusal};
use crate::oidc::tokens::AccessClaims;

/// An authenticated administrator (a user or a client) whose role allows
/// `N` ([`crate::domain::role::need`]); otherwise 403.
#[derive(Debug, Clone)]
pub struct AdminCaller<N: Need = need::AnyRole> {
    /// Who acts, for the audit log: a userid or `client:<client_id>`.
    pub actor: Actor,
    /// The access token's claims; `None` for an API key.
    pub claims: Option<AccessClaims>,
    /// The caller's role: a user's own; [`Role::Admin`] for a client
    /// allowed the admin scope (it acts for no person, so never as an
    /// owner).
    pub role: Role,
    need: PhantomData<N>,
}

impl<S, N: Need> FromRequestParts<S> for AdminCaller<N>
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let result = Self::check(parts, state).await;
        if let Err(e) = &result
            && matches!(e.status.as_u16(), 401 | 403)
            // Only refusals of tokens we issued and verified: a garbage
            // token must not buy an unauthenticated caller a database write.
            && (parts.extensions.get::<AccessClaims>().is_some()
                || parts.extensions.get::<ApiKeyCaller>().is_some())
        {
            audit_refusal(parts, state, e).await;
        }
        result
    }
}

/// A verified API key's actor (`api-key:<id>`), kept in the request for
/// the audit record of a refusal.
#[derive(Debug, Clone)]
struct ApiKeyCaller(String);

/// Records a refused admin API token (401 or 403) with the client it was
/// issued to (when the token verified) and the caller's address.
async fn audit_refusal<S>(parts: &mut Parts, state: &S, e: &ApiError)
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    let app = AppState::from_ref(state);
    let info = ClientInfo::from_request_parts(parts, state).await.ok();
    // A holder of any verified token could otherwise make the server write
    // a row per request: these rows count as stored state per address.
    if app
        .limits
        .pending(info.as_ref().and_then(|c| c.ip))
        .await
        .is_err()
    {
        return;
    }
    let ip = info.and_then(|c| c.ip_string());
    let claims = parts.extensions.get::<AccessClaims>();
    let key = parts.extensions.get::<ApiKeyCaller>();
    let actor = match (claims, key) {
        (_, Some(ApiKeyCaller(id))) => id.clone(),
        (Some(c), None) if c.is_user() => c.sub.clone(),
        (Some(c), None) => format!("client:{}", c.client_id),
        (None, None) => "anonymous".to_owned(),
    };
    crate::audit::record(
        &app.repos,
        app.clock.as_ref(),
        &Actor {
            id: actor,
            ip,
            role: None,
        },
        Event::AdminRefused,
        None,
        serde_json::json!({
            "surface": "api",
            "status": e.status.as_u16(),
            "error": e.body.error,
            "client_id": claims.map(|c| c.client_id.clone()),
        }),
    )
    .await;
}

impl<N: Need> AdminCaller<N> {
    /// Checks the bearer token and the caller's standing.
    async fn check<S>(parts: &mut Parts, state: &S) -> Result<Self, ApiError>
    where
        AppState: FromRef<S>,
        S: Send + Sync,
    {
        let app = AppState::from_ref(state);
        let (scheme, token) = access::authorization(&parts.headers)
            .map_err(ApiError::invalid_token)?
            .ok_or_else(ApiError::missing_token)?;
        if token.starts_with(crate::manage::api_keys::PREFIX) {
            let token = token.to_owned();
            return Self::check_api_key(parts, state, scheme, &token).await;
        }
        // The path as the client sent it (DPoP's htu), not as nested.
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.path(), |u| u.path());
        let claims = match access::authenticate(
            &app.provider,
            &parts.headers,
            scheme,
            token,
            &parts.method,
            path,
        )
        .await
        {
            Ok(c) => c,
            Err(Refusal::Failure(e)) => return Err(ApiError::internal(e)),
            Err(refusal) => {
                return Err(ApiError::refused(
                    &refusal,
                    dpop::current_nonce(&app.provider),
                ));
            }
        };
        // Kept for the audit record of a refusal.
        parts.extensions.insert(claims.clone());
        if !claims.has_scope(ADMIN_SCOPE) {
            return Err(ApiError::insufficient_scope());
        }
        // A token meant for another audience (a relying party's own token)
        // is no key to the admin API, whatever scopes it carries.
        if !claims.aud.contains(&admin_audience(&app.settings.issuer)) {
            return Err(ApiError::invalid_token(
                "the token's audience is not the admin API",
            ));
        }
        // The client the token was issued to must still be allowed the
        // admin scope (checked on every request, like group membership).
        let allowed = app
            .repos
            .clients
            .get(&claims.client_id)
            .await?
            .is_some_and(|c| c.scopes.iter().any(|s| s == ADMIN_SCOPE));
        if !allowed {
            return Err(ApiError::forbidden(
                "this client is not allowed the admin scope",
            ));
        }
        let ip = ClientInfo::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|c| c.ip_string());
        let (id, role) = if claims.is_user() {
            let user = app.repos.users.get(&claims.sub).await?;
            let (userid, role) = match user {
                Some(User {
                    active: true,
                    role: Some(role),
                    userid,
                    ..
                }) => (userid, role),
                _ => return Err(ApiError::forbidden("only administrators may do this")),
            };
            // Changes made with a person's token need a recent sign-in, as in
            // the admin UI; reading does not. Client-credentials tokens carry
            // no sign-in and are not affected.
            let window = secs(app.settings.reauth_window);
            let changes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
            let signed_in_at = claims.auth_time.unwrap_or(i64::MIN);
            if changes && app.clock.now() >= signed_in_at.saturating_add(window) {
                return Err(ApiError::insufficient_user_authentication(window));
            }
            (userid, role)
        } else {
            (format!("client:{}", claims.client_id), Role::Admin)
        };
        if !N::allows(role) {
            return Err(ApiError::forbidden(format!(
                "the role {role} does not allow this"
            )));
        }
        Ok(Self {
            actor: Actor {
                id,
                ip,
                role: Some(role),
            },
            claims: Some(claims),
            role,
            need: PhantomData,
        })
    }

    /// Checks an API key (`Authorization: Bearer lk_…`): the caller acts
    /// with the key's role, as `api-key:<id>`, without the recent sign-in
    /// rule (no person signs in). Unknown, expired and revoked keys get
    /// one answer.
    async fn check_api_key<S>(
        parts: &mut Parts,
        state: &S,
        scheme: dpop::Scheme,
        token: &str,
    ) -> Result<Self, ApiError>
    where
        AppState: FromRef<S>,
        S: Send + Sync,
    {
        let app = AppState::from_ref(state);
        if !matches!(scheme, dpop::Scheme::Bearer) {
            return Err(ApiError::invalid_token(
                "an API key is sent with the Bearer scheme",
            ));
        }
        let key = crate::manage::api_keys::authenticate(&app.repos, app.clock.as_ref(), token)
            .await?
            .ok_or_else(|| ApiError::invalid_token("the API key is not valid"))?;
        let id = format!("{}{}", crate::manage::api_keys::ACTOR_PREFIX, key.id);
        // Kept for the audit record of a refusal.
        parts.extensions.insert(ApiKeyCaller(id.clone()));
        if !N::allows(key.role) {
            return Err(ApiError::forbidden(format!(
                "the role {} does not allow this",
                key.role
            )));
        }
        let ip = ClientInfo::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|c| c.ip_string());
        Ok(Self {
            actor: Actor {
                id,
                ip,
                role: Some(key.role),
            },
            claims: None,
            role: key.role,
            need: PhantomData,
        })
    }
}
