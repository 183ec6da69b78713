//! `/api/admin/v1/keys`: the signing keys, and their rotation.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiResult, ErrorBody, Json};
use super::model::{KeyOut, KeysOut, RotateKeyIn};
use crate::http::AppState;
use crate::manage;

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_keys))
        .routes(routes!(rotate_key))
}

/// Lists the stored signing keys, oldest first (never a private key).
#[utoipa::path(get, path = "/api/admin/v1/keys", tag = "keys",
    responses((status = 200, body = KeysOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_keys(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadKeys>,
) -> ApiResult<Json<KeysOut>> {
    let keys = manage::list_keys(&state.keys).await?;
    Ok(Json(KeysOut {
        items: keys.into_iter().map(KeyOut::from).collect(),
    }))
}

/// Adds a new signing key for `alg` that signs every new token of that
/// algorithm from now on; the previous key stays published in `/jwks`
/// until the tokens it signed have expired.
#[utoipa::path(post, path = "/api/admin/v1/keys/rotate", tag = "keys", request_body = RotateKeyIn,
    responses((status = 201, body = KeyOut), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn rotate_key(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteKeys>,
    Json(input): Json<RotateKeyIn>,
) -> ApiResult<(StatusCode, Json<KeyOut>)> {
    let key = manage::rotate_key(
        &state.repos,
        state.clock.as_ref(),
        &state.keys,
        &caller.actor,
        &input.alg,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(key.into())))
}
