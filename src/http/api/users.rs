//! `/api/admin/v1/users`.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiError, ApiResult, ErrorBody, Json, Path, Query};
use super::model::{
    CreateUserIn, CreatedInviteOut, GroupsIn, PageOf, Paging, RecoveryIn, RoleIn, UpdateUserIn,
    UserOut, UserQuery,
};
use crate::db::User;
use crate::http::AppState;
use crate::manage::{self, ProfileChange};

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user, delete_user))
        .routes(routes!(set_groups))
        .routes(routes!(set_role))
        .routes(routes!(disable_user))
        .routes(routes!(enable_user))
        .routes(routes!(recovery_invite))
        .routes(routes!(reset_second_factor))
        .routes(routes!(remove_recovery_codes))
}

/// The representation of `user`, with their second factors and recovery
/// codes.
pub(super) async fn user_out(state: &AppState, user: User) -> ApiResult<UserOut> {
    let status = crate::auth::second_factor::status(&state.repos, &user.userid).await?;
    let codes = manage::recovery_codes_left(&state.repos, &user).await?;
    Ok(UserOut::new(user, status, codes))
}

/// `user`, when `role` may change them ([`crate::manage::check_may_manage`]).
pub(super) fn managed(user: User, role: crate::domain::role::Role) -> ApiResult<User> {
    crate::manage::check_may_manage(Some(role), &user)
        .map_err(|e| ApiError::forbidden(e.to_string()))?;
    Ok(user)
}

/// The user `userid` (404 when there is none).
pub(super) async fn find(state: &AppState, userid: &str) -> ApiResult<User> {
    state
        .repos
        .users
        .get(userid)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))
}

/// Lists users, optionally searching username, name and email.
#[utoipa::path(get, path = "/api/admin/v1/users", tag = "users",
    params(UserQuery),
    responses((status = 200, body = PageOf<UserOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Query(q): Query<UserQuery>,
) -> ApiResult<Json<PageOf<UserOut>>> {
    let (offset, limit) = Paging {
        offset: q.offset,
        limit: q.limit,
    }
    .resolve()?;
    let query = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let page = state.repos.users.list(query, offset, limit).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for user in page.items {
        items.push(user_out(&state, user).await?);
    }
    Ok(Json(PageOf {
        items,
        total: page.total,
        offset,
        limit,
    }))
}

/// Creates a user.
#[utoipa::path(post, path = "/api/admin/v1/users", tag = "users", request_body = CreateUserIn,
    responses((status = 201, body = UserOut), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Json(input): Json<CreateUserIn>,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    let user = manage::create_user(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        manage::CreateUser {
            username: input.username,
            email: input.email,
            name: input.name,
            groups: input.groups,
            role: {
                let role = manage::requested_role(input.admin, input.role.as_deref())?;
                manage::check_may_grant(Some(caller.role), role)
                    .map_err(|e| ApiError::forbidden(e.to_string()))?;
                role
            },
            password: input.password,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(user_out(&state, user).await?)))
}

/// Reads one user.
#[utoipa::path(get, path = "/api/admin/v1/users/{userid}", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id (OIDC sub)")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn get_user(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(userid): Path<String>,
) -> ApiResult<Json<UserOut>> {
    Ok(Json(user_out(&state, find(&state, &userid).await?).await?))
}

/// Edits a user's username and profile claims.
#[utoipa::path(patch, path = "/api/admin/v1/users/{userid}", tag = "users", request_body = UpdateUserIn,
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn update_user(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
    Json(input): Json<UpdateUserIn>,
) -> ApiResult<Json<UserOut>> {
    let (repos, clock) = (&state.repos, state.clock.as_ref());
    let mut user = managed(find(&state, &userid).await?, caller.role)?;
    let change = ProfileChange {
        name: input.name,
        given_name: input.given_name,
        family_name: input.family_name,
        nickname: input.nickname,
        email: input.email,
        email_verified: input.email_verified,
        phone: input.phone,
        phone_verified: input.phone_verified,
        picture: input.picture,
        locale: input.locale,
    };
    // Validate the claims before renaming, so a bad request changes nothing.
    manage::apply_profile_change(&user.profile, &change)?;
    if let Some(name) = input.username {
        user = manage::rename_user(repos, clock, &caller.actor, &user, &name).await?;
    }
    let user = manage::update_profile(repos, clock, &caller.actor, &user, &change).await?;
    Ok(Json(user_out(&state, user).await?))
}

/// Deletes a user and everything that hangs off them.
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn delete_user(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::refuse_self(&caller.actor, &user, "delete")?;
    manage::delete_user(&state.repos, state.clock.as_ref(), &caller.actor, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives a user an administrative role, or takes it away (`null`). Owners
/// and administrators only; nobody changes their own role, administrators
/// cannot make or change owners, and the last active owner keeps the role.
#[utoipa::path(put, path = "/api/admin/v1/users/{userid}/role", tag = "users", request_body = RoleIn,
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_role(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteAdministration>,
    Path(userid): Path<String>,
    Json(input): Json<RoleIn>,
) -> ApiResult<Json<UserOut>> {
    let role = match input.role.as_deref() {
        None => None,
        Some(name) => Some(
            name.parse()
                .map_err(|e: crate::domain::role::UnknownRole| {
                    manage::ManageError::Invalid(e.to_string())
                })?,
        ),
    };
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::check_may_grant(Some(caller.role), role)
        .map_err(|e| ApiError::forbidden(e.to_string()))?;
    let user = manage::set_role(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        Some(caller.role),
        &user,
        role,
    )
    .await?;
    Ok(Json(user_out(&state, user).await?))
}

/// Replaces a user's groups.
#[utoipa::path(put, path = "/api/admin/v1/users/{userid}/groups", tag = "users", request_body = GroupsIn,
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_groups(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
    Json(input): Json<GroupsIn>,
) -> ApiResult<Json<UserOut>> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    let user = manage::set_groups(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &user,
        &input.groups,
    )
    .await?;
    Ok(Json(user_out(&state, user).await?))
}

async fn set_active(
    state: &AppState,
    caller: &AdminCaller<need::WriteUsers>,
    userid: &str,
    active: bool,
) -> ApiResult<Json<UserOut>> {
    let user = managed(find(state, userid).await?, caller.role)?;
    if !active {
        manage::refuse_self(&caller.actor, &user, "disable")?;
    }
    manage::set_user_active(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &user,
        active,
    )
    .await?;
    Ok(Json(user_out(state, find(state, userid).await?).await?))
}

/// Disables a user: they cannot sign in and their sessions end.
#[utoipa::path(post, path = "/api/admin/v1/users/{userid}/disable", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn disable_user(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<Json<UserOut>> {
    set_active(&state, &caller, &userid, false).await
}

/// Enables a disabled user.
#[utoipa::path(post, path = "/api/admin/v1/users/{userid}/enable", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn enable_user(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<Json<UserOut>> {
    set_active(&state, &caller, &userid, true).await
}

/// Creates a recovery invite: a link with which the user adds a passkey or
/// sets a password. With `send_email` the link is also e-mailed to the
/// user's address (502 `mail_failed` when the SMTP server does not take it:
/// the link is then revoked).
#[utoipa::path(post, path = "/api/admin/v1/users/{userid}/recovery-invite", tag = "users",
    request_body(content = RecoveryIn, description = "optional"),
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 201, body = CreatedInviteOut), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 502, body = ErrorBody)))]
async fn recovery_invite(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<CreatedInviteOut>)> {
    let input: RecoveryIn = if body.iter().all(u8::is_ascii_whitespace) {
        RecoveryIn::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(e.to_string()))?
    };
    let user = managed(find(&state, &userid).await?, caller.role)?;
    let send_to = if input.send_email {
        Some(manage::mail_recipient(
            &state.settings,
            user.profile.email.as_deref(),
        )?)
    } else {
        None
    };
    let ttl = input.ttl_seconds.unwrap_or(86_400);
    let created = manage::create_recovery_invite(
        &state.repos,
        state.clock.as_ref(),
        &state.settings.issuer,
        &caller.actor,
        &user,
        ttl,
    )
    .await?;
    if let Some(to) = &send_to {
        manage::email_invite(
            &state.repos,
            state.clock.as_ref(),
            &state.settings,
            &caller.actor,
            &created,
            to,
            manage::LinkKind::Recovery,
        )
        .await?;
    }
    Ok((
        StatusCode::CREATED,
        Json(CreatedInviteOut {
            id: created.id,
            url: created.url,
            expires_at: created.expires_at,
            emailed_to: send_to,
        }),
    ))
}

/// Resets the user's second factor: removes their authenticator app,
/// backup codes and recovery codes (e.g. after a lost phone), so they can
/// set up a new one.
/// Audited as `second_factor.reset`; the user is told by e-mail when e-mail
/// is configured and there was something to remove.
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}/second-factor", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn reset_second_factor(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::reset_second_factor(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &caller.actor,
        &user,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes the user's recovery codes and withdraws the recovery links they
/// gave (e.g. after a lost code sheet). Audited as
/// `recovery_codes.removed`; 409 when the user has none.
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}/recovery-codes", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn remove_recovery_codes(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::remove_recovery_codes(&state.repos, state.clock.as_ref(), &caller.actor, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}
