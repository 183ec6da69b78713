//! `/admin/keys`: the signing keys, and a rotation form per algorithm.

use crate::domain::role::need;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, notice, page, refusal};
use crate::clock::rfc3339;
use crate::domain::signing_alg::SigningAlg;
use crate::http::AppState;
use crate::http::csrf::Csrf;
use crate::http::error::{AppError, Result};
use crate::i18n::t;
use crate::manage;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/keys", get(keys_get))
        .route("/admin/keys/rotate", post(rotate_post))
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

async fn keys_page(
    state: &AppState,
    csrf: Csrf,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Response> {
    let keys: Vec<_> = manage::list_keys(&state.keys)
        .await
        .map_err(AppError::internal)?
        .into_iter()
        .rev()
        .map(|k| {
            minijinja::context! {
                kid => k.kid,
                alg => k.alg,
                created => rfc3339(k.created_at),
                retired => k.retired_at.map(rfc3339),
                signing => k.signing,
                published => k.published,
            }
        })
        .collect();
    page(
        "admin_keys.html",
        csrf.clone(),
        status,
        minijinja::context! {
            keys,
            algs => SigningAlg::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            csrf => csrf.token,
            notice,
            error,
        },
    )
}

async fn keys_get(
    State(state): State<AppState>,
    Query(done): Query<Done>,
    _: Admin<need::ReadKeys>,
    csrf: Csrf,
) -> Result<Response> {
    let notice = match done.done.as_deref() {
        Some("rotated") => Some(t("admin-notice-key-rotated")),
        other => notice(other),
    };
    keys_page(&state, csrf, StatusCode::OK, notice.as_deref(), None).await
}

#[derive(Debug, Deserialize)]
struct RotateForm {
    #[serde(default)]
    alg: String,
}

async fn rotate_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<RotateForm, need::WriteKeys>,
) -> Result<Response> {
    match manage::rotate_key(
        &state.repos,
        state.clock.as_ref(),
        &state.keys,
        &actor,
        &form.alg,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/admin/keys?done=rotated").into_response()),
        Err(e) => {
            let (status, message) = refusal(e)?;
            keys_page(&state, csrf, status, None, Some(&message)).await
        }
    }
}
