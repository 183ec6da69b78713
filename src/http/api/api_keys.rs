//! `/api/admin/v1/api-keys`: API keys for the admin API. Owners and
//! administrators create and revoke them (for the roles they may hand
//! out); auditors may list them. An API key itself creates none.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiError, ApiResult, ErrorBody, Json, Path, Query};
use super::model::{PageOf, Paging};
use crate::db::ApiKey;
use crate::domain::role::need::{ReadAdministration, WriteAdministration};
use crate::http::AppState;
use crate::manage::{self, ApiKeyError, rfc3339};

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_api_keys, create_api_key))
        .routes(routes!(revoke_api_key))
}

/// An API key (never the key itself).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiKeyOut {
    pub id: String,
    pub name: String,
    /// `owner`, `admin`, `user-manager`, `client-manager` or `auditor`.
    pub role: String,
    /// `active`, `expired` or `revoked`.
    pub state: String,
    /// The userid of the administrator who created it, `client:<id>`, or `cli`.
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    /// When it was last accepted (to the minute), if ever.
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl ApiKeyOut {
    /// The key as seen at `now`.
    #[must_use]
    pub fn at(k: ApiKey, now: i64) -> Self {
        Self {
            state: k.state(now).to_owned(),
            role: k.role.as_str().to_owned(),
            id: k.id,
            name: k.name,
            created_by: k.created_by,
            created_at: rfc3339(k.created_at),
            expires_at: rfc3339(k.expires_at),
            last_used_at: k.last_used_at.map(rfc3339),
            revoked_at: k.revoked_at.map(rfc3339),
        }
    }
}

/// A new API key.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyIn {
    /// What it is for (1 to 100 characters, no control or text-direction
    /// characters).
    pub name: String,
    /// `owner`, `admin`, `user-manager`, `client-manager` or `auditor`; one
    /// the caller may hand out (an administrator cannot create an owner key).
    pub role: String,
    /// Lifetime in seconds (default 90 days; 1 hour to 2 years).
    pub ttl_seconds: Option<i64>,
}

/// An API key just created: the key is in this answer only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedApiKeyOut {
    pub id: String,
    /// Send it as `Authorization: Bearer <key>` to the admin API.
    pub key: String,
    pub expires_at: String,
    pub name: String,
    pub role: String,
}

impl From<ApiKeyError> for ApiError {
    fn from(e: ApiKeyError) -> Self {
        match e {
            ApiKeyError::NotAllowed(m) => Self::forbidden(m),
            ApiKeyError::Manage(m) => m.into(),
        }
    }
}

/// Lists API keys, newest first (never the keys themselves).
#[utoipa::path(get, path = "/api/admin/v1/api-keys", tag = "api-keys", params(Paging),
    responses((status = 200, body = PageOf<ApiKeyOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_api_keys(
    State(state): State<AppState>,
    _caller: AdminCaller<ReadAdministration>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<ApiKeyOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state.repos.api_keys.list(offset, limit).await?;
    let now = state.clock.now();
    Ok(Json(PageOf {
        items: page
            .items
            .into_iter()
            .map(|k| ApiKeyOut::at(k, now))
            .collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Creates an API key. The key is in this answer only. 403 when the
/// caller may not hand out the role (or is itself an API key).
#[utoipa::path(post, path = "/api/admin/v1/api-keys", tag = "api-keys",
    request_body = CreateApiKeyIn,
    responses((status = 201, body = CreatedApiKeyOut), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_api_key(
    State(state): State<AppState>,
    caller: AdminCaller<WriteAdministration>,
    Json(input): Json<CreateApiKeyIn>,
) -> ApiResult<(StatusCode, Json<CreatedApiKeyOut>)> {
    let created = manage::create_api_key(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        Some(caller.role),
        manage::CreateApiKey {
            name: input.name,
            role: input.role,
            ttl_seconds: input.ttl_seconds.unwrap_or(manage::api_keys::DEFAULT_TTL),
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedApiKeyOut {
            id: created.id,
            key: created.key,
            expires_at: created.expires_at,
            name: created.name,
            role: created.role.as_str().to_owned(),
        }),
    ))
}

/// Revokes an API key; it stops working at once. The key stays listed
/// (as revoked) for 30 days.
#[utoipa::path(delete, path = "/api/admin/v1/api-keys/{id}", tag = "api-keys",
    params(("id" = String, Path, description = "the key id")),
    responses((status = 200, body = ApiKeyOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn revoke_api_key(
    State(state): State<AppState>,
    caller: AdminCaller<WriteAdministration>,
    Path(id): Path<String>,
) -> ApiResult<Json<ApiKeyOut>> {
    let key = manage::revoke_api_key(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        Some(caller.role),
        &id,
    )
    .await?;
    Ok(Json(ApiKeyOut::at(key, state.clock.now())))
}
