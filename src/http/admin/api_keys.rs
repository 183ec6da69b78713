//! `/admin/api-keys`: API keys for the admin API (list, create — the key
//! shown once —, revoke), through the same [`crate::manage`] operations as
//! the admin API and the command line.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, notice, page, pages, refusal};
use crate::domain::role::{Access, Area, Role, need};
use crate::http::AppState;
use crate::http::account::when;
use crate::http::csrf::Csrf;
use crate::http::error::Result;
use crate::http::forms::NoFields;
use crate::i18n::{t, t_args};
use crate::manage::{self, ApiKeyError, CreatedApiKey};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/api-keys", get(keys_get).post(keys_post))
        .route("/admin/api-keys/{id}/revoke", post(revoke_post))
}

/// The lifetime the form suggests, in days.
const DEFAULT_DAYS: i64 = manage::api_keys::DEFAULT_TTL / 86_400;

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    offset: Option<i64>,
    done: Option<String>,
}

/// What the page shows besides the list.
#[derive(Default)]
struct Extra<'a> {
    notice: Option<&'a str>,
    error: Option<&'a str>,
    created: Option<CreatedApiKey>,
}

async fn list_page(
    state: &AppState,
    csrf: Csrf,
    role: Role,
    offset: i64,
    status: StatusCode,
    extra: Extra<'_>,
) -> Result<Response> {
    let found = state.repos.api_keys.list(offset, PAGE).await?;
    let now = state.clock.now();
    let may_write = role.allows(Area::Administration, Access::Write);
    let keys: Vec<_> = found
        .items
        .iter()
        .map(|k| {
            minijinja::context! {
                id => k.id, name => k.name, role => k.role.as_str(),
                created_by => k.created_by,
                created => when(k.created_at),
                expires => when(k.expires_at),
                last_used => k.last_used_at.map(when),
                state => k.state(now),
                revocable => may_write && role.may_manage(Some(k.role)),
            }
        })
        .collect();
    let roles: Vec<_> = Role::ALL
        .into_iter()
        .filter(|r| may_write && role.may_manage(Some(*r)))
        .map(|r| minijinja::context! { value => r.as_str() })
        .collect();
    let (prev, next) = pages(offset, found.total);
    let created = extra.created;
    page(
        "admin_api_keys.html",
        csrf.clone(),
        status,
        minijinja::context! {
            keys, prev, next, roles, may_write,
            default_days => DEFAULT_DAYS,
            created_name => created.as_ref().map(|c| c.name.clone()),
            created_role => created.as_ref().map(|c| c.role.as_str()),
            created_expires => created.as_ref().map(|c| c.expires_at.clone()),
            created_key => created.map(|c| c.key),
            csrf => csrf.token, notice => extra.notice, error => extra.error,
        },
    )
}

async fn keys_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    admin: Admin<need::ReadAdministration>,
    csrf: Csrf,
) -> Result<Response> {
    let notice = match q.done.as_deref() {
        Some("revoked") => Some(t("admin-notice-api-key-revoked")),
        other => notice(other),
    };
    let offset = q.offset.unwrap_or(0).max(0);
    let extra = Extra {
        notice: notice.as_deref(),
        ..Extra::default()
    };
    list_page(&state, csrf, admin.role, offset, StatusCode::OK, extra).await
}

#[derive(Debug, Deserialize)]
struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    lifetime_days: String,
}

/// The status and message of a refused key operation: 403 when the caller
/// may not manage the key's role, else as other management refusals.
fn key_refusal(e: ApiKeyError) -> Result<(StatusCode, String)> {
    match e {
        ApiKeyError::NotAllowed(m) => Ok((
            StatusCode::FORBIDDEN,
            t_args("admin-error-refused", &[("reason", m.into())]),
        )),
        ApiKeyError::Manage(e) => refusal(e),
    }
}

async fn keys_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<CreateForm, need::WriteAdministration>,
) -> Result<Response> {
    let ttl = form
        .lifetime_days
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|d| d.checked_mul(86_400));
    let Some(ttl_seconds) = ttl else {
        let message = t("admin-error-lifetime");
        let extra = Extra {
            error: Some(&message),
            ..Extra::default()
        };
        return list_page(
            &state,
            csrf,
            role,
            0,
            StatusCode::UNPROCESSABLE_ENTITY,
            extra,
        )
        .await;
    };
    let created = manage::create_api_key(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        Some(role),
        manage::CreateApiKey {
            name: form.name,
            role: form.role,
            ttl_seconds,
        },
    )
    .await;
    match created {
        Ok(created) => {
            let extra = Extra {
                created: Some(created),
                ..Extra::default()
            };
            list_page(&state, csrf, role, 0, StatusCode::CREATED, extra).await
        }
        Err(e) => {
            let (status, message) = key_refusal(e)?;
            let extra = Extra {
                error: Some(&message),
                ..Extra::default()
            };
            list_page(&state, csrf, role, 0, status, extra).await
        }
    }
}

async fn revoke_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm {
        actor, role, csrf, ..
    }: AdminForm<NoFields, need::WriteAdministration>,
) -> Result<Response> {
    let revoked =
        manage::revoke_api_key(&state.repos, state.clock.as_ref(), &actor, Some(role), &id).await;
    match revoked {
        Ok(_) => Ok(Redirect::to("/admin/api-keys?done=revoked").into_response()),
        Err(e) => {
            let (status, message) = key_refusal(e)?;
            let extra = Extra {
                error: Some(&message),
                ..Extra::default()
            };
            list_page(&state, csrf, role, 0, status, extra).await
        }
    }
}
