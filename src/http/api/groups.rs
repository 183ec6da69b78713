//! `/api/admin/v1/groups`.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiResult, ErrorBody, Json, Path, Query};
use super::model::{CreateGroupIn, GroupDetailOut, GroupOut, PageOf, Paging, UpdateGroupIn};
use crate::http::AppState;
use crate::manage;

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_groups, create_group))
        .routes(routes!(get_group, update_group, delete_group))
}

/// Lists groups by name, with how many members each has.
#[utoipa::path(get, path = "/api/admin/v1/groups", tag = "groups", params(Paging),
    responses((status = 200, body = PageOf<GroupOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_groups(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<GroupOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state.repos.groups.list(offset, limit).await?;
    Ok(Json(PageOf {
        items: page.items.into_iter().map(GroupOut::from).collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Creates an empty group (users join it through their groups).
#[utoipa::path(post, path = "/api/admin/v1/groups", tag = "groups", request_body = CreateGroupIn,
    responses((status = 201, body = GroupOut), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_group(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Json(input): Json<CreateGroupIn>,
) -> ApiResult<(StatusCode, Json<GroupOut>)> {
    let group = manage::create_group_with_policy(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &input.name,
        input.description.as_deref(),
        input.require_mfa,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(group.into())))
}

/// Reads one group with its members.
#[utoipa::path(get, path = "/api/admin/v1/groups/{name}", tag = "groups",
    params(("name" = String, Path, description = "the group's name (percent-encoded)")),
    responses((status = 200, body = GroupDetailOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn get_group(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(name): Path<String>,
) -> ApiResult<Json<GroupDetailOut>> {
    let group = manage::find_group(&state.repos, &name).await?;
    let members = manage::group_members(&state.repos, &group.name).await?;
    Ok(Json(GroupDetailOut::new(group, members)))
}

/// Renames a group, changes its description and/or whether its members
/// must complete a second factor (`require_mfa`). The `admin` group
/// keeps its name, and no group may be renamed to `admin` (409 `refused`).
#[utoipa::path(patch, path = "/api/admin/v1/groups/{name}", tag = "groups", request_body = UpdateGroupIn,
    params(("name" = String, Path, description = "the group's name (percent-encoded)")),
    responses((status = 200, body = GroupDetailOut), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn update_group(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(name): Path<String>,
    Json(input): Json<UpdateGroupIn>,
) -> ApiResult<Json<GroupDetailOut>> {
    let (repos, clock) = (&state.repos, state.clock.as_ref());
    let mut group = manage::find_group(repos, &name).await?;
    // Both parts are checked before either is written: a refused PATCH
    // changes nothing.
    if let Some(description) = &input.description {
        manage::clean_group_description(Some(description))?;
    }
    if let Some(new_name) = &input.name {
        group = manage::rename_group(repos, clock, &caller.actor, &group.name, new_name).await?;
    }
    if let Some(description) = &input.description {
        group = manage::describe_group(repos, clock, &caller.actor, &group.name, Some(description))
            .await?;
    }
    if let Some(on) = input.require_mfa {
        group = manage::set_group_require_mfa(repos, clock, &caller.actor, &group.name, on).await?;
    }
    let members = manage::group_members(repos, &group.name).await?;
    Ok(Json(GroupDetailOut::new(group, members)))
}

/// Deletes a group and its memberships. Refused (409 `refused`) for the
/// `admin` group and while a client is restricted to the group (the
/// message names the clients).
#[utoipa::path(delete, path = "/api/admin/v1/groups/{name}", tag = "groups",
    params(("name" = String, Path, description = "the group's name (percent-encoded)")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn delete_group(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    manage::delete_group(&state.repos, state.clock.as_ref(), &caller.actor, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}
