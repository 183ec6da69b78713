//! `/api/admin/v1/users/{userid}/sessions` and `…/passkeys`: see and end a
//! user's browser sessions, see and remove their passkeys.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiResult, ErrorBody, Json, Path, Query};
use super::model::{PageOf, Paging, PasskeyOut, SessionOut};
use super::users::{find, managed};
use crate::http::AppState;
use crate::manage;

/// Routes of these resources, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions, end_all_sessions))
        .routes(routes!(end_session))
        .routes(routes!(list_passkeys))
        .routes(routes!(remove_passkey))
}

/// One page of an in-memory list (a user's sessions and passkeys are few).
fn page_of<T, O>(items: Vec<T>, paging: &Paging) -> ApiResult<PageOf<O>>
where
    O: From<T> + utoipa::ToSchema,
{
    let (offset, limit) = paging.resolve()?;
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = usize::try_from(limit).unwrap_or(0);
    Ok(PageOf {
        items: items
            .into_iter()
            .skip(skip)
            .take(take)
            .map(O::from)
            .collect(),
        total,
        offset,
        limit,
    })
}

/// Lists the user's live browser sessions, newest first.
#[utoipa::path(get, path = "/api/admin/v1/users/{userid}/sessions", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id"), Paging),
    responses((status = 200, body = PageOf<SessionOut>), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_sessions(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(userid): Path<String>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<SessionOut>>> {
    let user = find(&state, &userid).await?;
    let sessions = manage::live_sessions(&state.repos, state.clock.as_ref(), &user.userid).await?;
    Ok(Json(page_of(sessions, &paging)?))
}

/// Ends one session of the user: its browser is signed out at once (as
/// **Sign out** on the user's own account page; tokens already issued to
/// applications stay valid, end all sessions to revoke those too).
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}/sessions/{id}", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id"),
        ("id" = String, Path, description = "the session id (`sid`)")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn end_session(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path((userid, sid)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::end_session(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &user,
        &sid,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the user and revokes their refresh tokens and the
/// access tokens issued so far (as signing out everywhere). An
/// administrator's own sessions included.
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}/sessions", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn end_all_sessions(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(userid): Path<String>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    manage::sign_out_everywhere(&state.repos, state.clock.as_ref(), &caller.actor, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lists the user's passkeys.
#[utoipa::path(get, path = "/api/admin/v1/users/{userid}/passkeys", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id"), Paging),
    responses((status = 200, body = PageOf<PasskeyOut>), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_passkeys(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(userid): Path<String>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<PasskeyOut>>> {
    let user = find(&state, &userid).await?;
    let passkeys = state.repos.passkeys.list_for_user(&user.userid).await?;
    Ok(Json(page_of(passkeys, &paging)?))
}

/// Removes one of the user's passkeys (a lost or stolen authenticator).
/// This may be the user's last way to sign in: then send them a recovery
/// invite (`POST …/recovery-invite`). The user is told by e-mail when
/// e-mail is configured.
#[utoipa::path(delete, path = "/api/admin/v1/users/{userid}/passkeys/{id}", tag = "users",
    params(("userid" = String, Path, description = "the user's stable id"),
        ("id" = String, Path, description = "the passkey id")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn remove_passkey(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path((userid, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = managed(find(&state, &userid).await?, caller.role)?;
    let name = state
        .repos
        .passkeys
        .list_for_user(&user.userid)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.name);
    manage::remove_passkey_of_user(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &user,
        &id,
    )
    .await?;
    crate::mail::notify_credential_change(
        &state.settings,
        &user,
        crate::mail::CredentialChange::PasskeyRemoved,
        name.as_deref(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
