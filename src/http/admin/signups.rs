//! `/admin/signups`: sign-up requests waiting for approval
//! (`LATCHKEY_SIGNUP=approval`), with **Approve** (mails the
//! self-registration link) and **Reject** (deletes, mails nothing).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, page, pages, refusal};
use crate::domain::role::need;
use crate::http::AppState;
use crate::http::account::when;
use crate::http::csrf::Csrf;
use crate::http::error::Result;
use crate::http::forms::NoFields;
use crate::i18n::t;
use crate::manage;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/signups", get(signups_get))
        .route("/admin/signups/{id}/approve", post(approve_post))
        .route("/admin/signups/{id}/reject", post(reject_post))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    offset: Option<i64>,
    done: Option<String>,
}

async fn list_page(
    state: &AppState,
    csrf: Csrf,
    offset: i64,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Response> {
    let now = state.clock.now();
    let found = state.repos.signups.list_verified(now, offset, PAGE).await?;
    let requests: Vec<_> = found
        .items
        .iter()
        .map(|r| {
            minijinja::context! {
                id => r.id, username => r.username, email => r.email, name => r.name,
                ip => r.ip, requested => when(r.requested_at),
                verified => r.verified_at.map(when), expires => when(r.expires_at),
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    page(
        "admin_signups.html",
        csrf.clone(),
        status,
        minijinja::context! {
            requests, prev, next,
            mode => state.settings.signup.as_str(),
            csrf => csrf.token, notice, error,
        },
    )
}

async fn signups_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let notice = match q.done.as_deref() {
        Some("approved") => Some(t("admin-notice-signup-approved")),
        Some("rejected") => Some(t("admin-notice-signup-rejected")),
        _ => None,
    };
    let offset = q.offset.unwrap_or(0).max(0);
    let notice = notice.as_deref();
    list_page(&state, csrf, offset, StatusCode::OK, notice, None).await
}

async fn approve_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    let approved = manage::approve_signup(
        &state.repos,
        state.clock.as_ref(),
        &state.settings,
        &actor,
        &id,
    )
    .await;
    match approved {
        Ok(_) => Ok(Redirect::to("/admin/signups?done=approved").into_response()),
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, 0, status, None, Some(&message)).await
        }
    }
}

async fn reject_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    match manage::reject_signup(&state.repos, state.clock.as_ref(), &actor, &id).await {
        Ok(_) => Ok(Redirect::to("/admin/signups?done=rejected").into_response()),
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, 0, status, None, Some(&message)).await
        }
    }
}
