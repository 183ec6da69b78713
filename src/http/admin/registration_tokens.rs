//! `/admin/registration-tokens`: initial access tokens for dynamic client
//! registration (list, issue — the token shown once —, revoke).

use crate::domain::role::need;
use crate::http::forms::NoFields;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, notice, page, pages, refusal};
use crate::http::AppState;
use crate::http::account::when;
use crate::http::api::model::registration_token_status;
use crate::http::csrf::Csrf;
use crate::http::error::Result;
use crate::i18n::t;
use crate::manage::{self, CreatedRegistrationToken};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/registration-tokens",
            get(tokens_get).post(tokens_post),
        )
        .route("/admin/registration-tokens/{id}/revoke", post(revoke_post))
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
    created: Option<CreatedRegistrationToken>,
) -> Result<Response> {
    let found = state.repos.registrations.list_tokens(offset, PAGE).await?;
    let now = state.clock.now();
    let tokens: Vec<_> = found
        .items
        .iter()
        .map(|t| {
            minijinja::context! {
                id => t.id, name => t.name, uses_left => t.uses_left,
                status => registration_token_status(t, now),
                expires => when(t.expires_at),
                created_by => t.created_by,
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    page(
        "admin_registration_tokens.html",
        csrf.clone(),
        status,
        minijinja::context! {
            tokens, prev, next,
            mode => state.settings.registration.as_str(),
            endpoint => format!("{}/register", state.settings.issuer),
            created_name => created.as_ref().map(|c| c.name.clone()),
            created_uses => created.as_ref().map(|c| c.uses_left),
            created_expires => created.as_ref().map(|c| c.expires_at.clone()),
            created_token => created.map(|c| c.token),
            csrf => csrf.token, notice, error,
        },
    )
}

async fn tokens_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadClients>,
    csrf: Csrf,
) -> Result<Response> {
    let notice = match q.done.as_deref() {
        Some("revoked") => Some(t("admin-notice-token-revoked")),
        other => notice(other),
    };
    let offset = q.offset.unwrap_or(0).max(0);
    let notice = notice.as_deref();
    list_page(&state, csrf, offset, StatusCode::OK, notice, None, None).await
}

#[derive(Debug, Deserialize)]
struct IssueForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    ttl_days: String,
    #[serde(default)]
    uses: String,
}

async fn tokens_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<IssueForm, need::WriteClients>,
) -> Result<Response> {
    let parsed = form
        .ttl_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=365).contains(d))
        .zip(form.uses.trim().parse::<i64>().ok());
    let Some((days, uses)) = parsed else {
        return list_page(
            &state,
            csrf,
            0,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(&t("admin-error-token-numbers")),
            None,
        )
        .await;
    };
    let created = manage::create_registration_token(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        manage::CreateRegistrationToken {
            name: form.name,
            ttl_seconds: days * 86_400,
            uses,
        },
    )
    .await;
    match created {
        Ok(created) => {
            list_page(
                &state,
                csrf,
                0,
                StatusCode::CREATED,
                None,
                None,
                Some(created),
            )
            .await
        }
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, 0, status, None, Some(&message), None).await
        }
    }
}

async fn revoke_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteClients>,
) -> Result<Response> {
    match manage::revoke_registration_token(&state.repos, state.clock.as_ref(), &actor, &id).await {
        Ok(()) => Ok(Redirect::to("/admin/registration-tokens?done=revoked").into_response()),
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, 0, status, None, Some(&message), None).await
        }
    }
}
