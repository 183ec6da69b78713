//! `/api/admin/v1/signups`: sign-up requests waiting for approval
//! (`LATCHKEY_SIGNUP=approval`).

use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiResult, ErrorBody, Json, Path, Query};
use super::model::{ApprovedSignupOut, PageOf, Paging, SignupRequestOut};
use crate::domain::role::need;
use crate::http::AppState;
use crate::manage;

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_signups))
        .routes(routes!(approve_signup))
        .routes(routes!(reject_signup))
}

/// Lists sign-up requests whose address is confirmed, oldest first.
#[utoipa::path(get, path = "/api/admin/v1/signups", tag = "signups", params(Paging),
    responses((status = 200, body = PageOf<SignupRequestOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_signups(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<SignupRequestOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state
        .repos
        .signups
        .list_verified(state.clock.now(), offset, limit)
        .await?;
    Ok(Json(PageOf {
        items: page.items.into_iter().map(SignupRequestOut::from).collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Approves a request: mails the link that creates the account (24 hours,
/// single use) and deletes the request. 409 `refused` when the username
/// has been taken since or the mail could not be sent (the request stays).
#[utoipa::path(post, path = "/api/admin/v1/signups/{id}/approve", tag = "signups",
    params(("id" = String, Path, description = "the request id")),
    responses((status = 200, body = ApprovedSignupOut), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn approve_signup(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(id): Path<String>,
) -> ApiResult<Json<ApprovedSignupOut>> {
    let (request, invite) = manage::approve_signup(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &caller.actor,
        &id,
    )
    .await?;
    Ok(Json(ApprovedSignupOut {
        request: request.into(),
        invite_id: invite.id,
        invite_expires_at: invite.expires_at,
    }))
}

/// Rejects a request: it is deleted and nothing is mailed.
#[utoipa::path(post, path = "/api/admin/v1/signups/{id}/reject", tag = "signups",
    params(("id" = String, Path, description = "the request id")),
    responses((status = 200, body = SignupRequestOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn reject_signup(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(id): Path<String>,
) -> ApiResult<Json<SignupRequestOut>> {
    let request =
        manage::reject_signup(&state.repos, state.clock.as_ref(), &caller.actor, &id).await?;
    Ok(Json(request.into()))
}
