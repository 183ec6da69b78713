//! `/api/admin/v1/registration-tokens`: initial access tokens for dynamic
//! client registration (`LATCHKEY_REGISTRATION=token`).

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiError, ApiResult, ErrorBody, Json, Path, Query};
use super::model::{
    CreateRegistrationTokenIn, CreatedRegistrationTokenOut, PageOf, Paging, RegistrationTokenOut,
};
use crate::http::AppState;
use crate::manage;

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

/// Lists initial access tokens, newest first.
#[utoipa::path(get, path = "/api/admin/v1/registration-tokens", tag = "registration-tokens", params(Paging),
    responses((status = 200, body = PageOf<RegistrationTokenOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_tokens(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadClients>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<RegistrationTokenOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state.repos.registrations.list_tokens(offset, limit).await?;
    let now = state.clock.now();
    Ok(Json(PageOf {
        items: page
            .items
            .into_iter()
            .map(|t| RegistrationTokenOut::at(t, now))
            .collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Issues an initial access token. The token is in this answer only.
#[utoipa::path(post, path = "/api/admin/v1/registration-tokens", tag = "registration-tokens",
    request_body = CreateRegistrationTokenIn,
    responses((status = 201, body = CreatedRegistrationTokenOut), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_token(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Json(input): Json<CreateRegistrationTokenIn>,
) -> ApiResult<(StatusCode, Json<CreatedRegistrationTokenOut>)> {
    let created = manage::create_registration_token(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        manage::CreateRegistrationToken {
            name: input.name,
            ttl_seconds: input.ttl_seconds.unwrap_or(86_400),
            uses: input.uses.unwrap_or(1),
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedRegistrationTokenOut {
            id: created.id,
            name: created.name,
            token: created.token,
            expires_at: created.expires_at,
            uses_left: created.uses_left,
        }),
    ))
}

/// Revokes an initial access token; clients it registered stay.
#[utoipa::path(post, path = "/api/admin/v1/registration-tokens/{id}/revoke", tag = "registration-tokens",
    params(("id" = String, Path, description = "the token id")),
    responses((status = 200, body = RegistrationTokenOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn revoke_token(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(id): Path<String>,
) -> ApiResult<Json<RegistrationTokenOut>> {
    manage::revoke_registration_token(&state.repos, state.clock.as_ref(), &caller.actor, &id)
        .await?;
    let token = state
        .repos
        .registrations
        .get_token(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("registration token"))?;
    Ok(Json(RegistrationTokenOut::at(token, state.clock.now())))
}
