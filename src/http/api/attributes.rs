//! Custom attributes: `PUT /api/admin/v1/users/{userid}/attributes`,
//! `GET`/`PUT /api/admin/v1/groups/{name}/attributes`. Attributes are
//! released as claims per each client's claim mapping (`oidc::claims`).

use crate::domain::role::need;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiResult, ErrorBody, Json, Path};
use super::model::UserOut;
use crate::http::AppState;
use crate::manage;

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(set_user_attributes))
        .routes(routes!(get_group_attributes, set_group_attributes))
}

/// Custom attributes: names (ASCII letters, digits, `_`, `-`, `.`; not a
/// protocol claim such as `sub`) to any JSON value; at most 16 KiB as JSON.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributesIn {
    /// Replaces every attribute (`{}` removes them all).
    #[schema(value_type = Object)]
    pub attributes: serde_json::Value,
}

/// A group's custom attributes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupAttributesOut {
    /// The group's name.
    pub name: String,
    #[schema(value_type = Object)]
    pub attributes: serde_json::Value,
}

/// Replaces a user's custom attributes (they win over their groups').
#[utoipa::path(put, path = "/api/admin/v1/users/{userid}/attributes", tag = "users",
    request_body = AttributesIn,
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_user_attributes(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
    Json(input): Json<AttributesIn>,
) -> ApiResult<Json<UserOut>> {
    let user = super::users::managed(super::users::find(&state, &userid).await?, caller.role)?;
    let user = manage::set_user_attributes(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &user,
        input.attributes,
    )
    .await?;
    Ok(Json(super::users::user_out(&state, user).await?))
}

/// Reads a group's custom attributes.
#[utoipa::path(get, path = "/api/admin/v1/groups/{name}/attributes", tag = "groups",
    params(("name" = String, Path, description = "the group's name")),
    responses((status = 200, body = GroupAttributesOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn get_group_attributes(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(name): Path<String>,
) -> ApiResult<Json<GroupAttributesOut>> {
    let attributes = manage::get_group_attributes(&state.repos, &name).await?;
    Ok(Json(GroupAttributesOut {
        name,
        attributes: serde_json::Value::Object(attributes),
    }))
}

/// Replaces a group's custom attributes; its members receive them unless
/// they set the same names themselves (among groups, the one whose name
/// sorts first wins).
#[utoipa::path(put, path = "/api/admin/v1/groups/{name}/attributes", tag = "groups",
    request_body = AttributesIn,
    params(("name" = String, Path, description = "the group's name")),
    responses((status = 200, body = GroupAttributesOut), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_group_attributes(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(name): Path<String>,
    Json(input): Json<AttributesIn>,
) -> ApiResult<Json<GroupAttributesOut>> {
    let attributes = manage::set_group_attributes(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &name,
        input.attributes,
    )
    .await?;
    Ok(Json(GroupAttributesOut {
        name,
        attributes: serde_json::Value::Object(attributes),
    }))
}
