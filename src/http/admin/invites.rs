//! `/admin/invites` (list, create, revoke) and `/admin/audit`.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, checked, notice, page, pages, refusal, split_list};
use crate::db::AuditFilter;
use crate::http::AppState;
use crate::http::account::when;
use crate::http::csrf::Csrf;
use crate::http::error::Result;
use crate::manage::{self, CreatedInvite, InviteStatus};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/invites", get(invites_get).post(invites_post))
        .route("/admin/invites/{id}/revoke", post(revoke_post))
        .route("/admin/audit", get(audit_get))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    offset: Option<i64>,
    done: Option<String>,
}

struct Shown<'a> {
    status: StatusCode,
    notice: Option<&'a str>,
    error: Option<&'a str>,
    created: Option<(String, CreatedInvite)>,
}

async fn list_page(
    state: &AppState,
    csrf: Csrf,
    offset: i64,
    shown: Shown<'_>,
) -> Result<Response> {
    let found = state.repos.invites.list(offset, PAGE).await?;
    let now = state.clock.now();
    let invites: Vec<_> = found
        .items
        .iter()
        .map(|i| {
            minijinja::context! {
                id => i.id, username => i.username, admin => i.admin,
                recovery => i.userid.is_some(),
                status => InviteStatus::of(i, now).as_str(),
                expires => when(i.expires_at),
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    let (invite_username, invite) = shown.created.unzip();
    let (invite_url, invite_expires) = invite.map(|i| (i.url, i.expires_at)).unzip();
    page(
        "admin_invites.html",
        csrf.clone(),
        shown.status,
        minijinja::context! {
            invites, prev, next, invite_username, invite_url, invite_expires,
            csrf => csrf.token, notice => shown.notice, error => shown.error,
        },
    )
}

async fn invites_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin,
    csrf: Csrf,
) -> Result<Response> {
    let shown = Shown {
        status: StatusCode::OK,
        notice: notice(q.done.as_deref()),
        error: None,
        created: None,
    };
    list_page(&state, csrf, q.offset.unwrap_or(0).max(0), shown).await
}

#[derive(Debug, Deserialize)]
struct CreateForm {
    #[serde(default)]
    username: String,
    email: Option<String>,
    #[serde(default)]
    groups: String,
    admin: Option<String>,
    ttl_hours: Option<String>,
}

async fn invites_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        csrf,
        fields: form,
    }: AdminForm<CreateForm>,
) -> Result<Response> {
    let hours = form
        .ttl_hours
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Ok(24), str::parse::<i64>);
    let result = match hours {
        Ok(h) => {
            manage::create_invite(
                &state.repos,
                state.clock.as_ref(),
                &state.settings.issuer,
                &actor,
                manage::CreateInvite {
                    username: form.username.clone(),
                    email: form.email,
                    groups: split_list(&form.groups, &[',']),
                    admin: checked(form.admin.as_ref()),
                    ttl_seconds: h.saturating_mul(3600),
                    note: None,
                    userid: None,
                },
            )
            .await
        }
        Err(_) => Err(manage::ManageError::Invalid(
            "The validity must be a whole number of hours.".into(),
        )),
    };
    match result {
        Ok(created) => {
            let shown = Shown {
                status: StatusCode::CREATED,
                notice: None,
                error: None,
                created: Some((form.username.trim().to_ascii_lowercase(), created)),
            };
            list_page(&state, csrf, 0, shown).await
        }
        Err(e) => refused(&state, csrf, e).await,
    }
}

/// The list again with the reason a change was refused.
async fn refused(state: &AppState, csrf: Csrf, e: manage::ManageError) -> Result<Response> {
    let (status, message) = refusal(e)?;
    let shown = Shown {
        status,
        notice: None,
        error: Some(&message),
        created: None,
    };
    list_page(state, csrf, 0, shown).await
}

async fn revoke_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm,
) -> Result<Response> {
    match manage::revoke_invite(&state.repos, state.clock.as_ref(), &actor, &id).await {
        Ok(_) => Ok(Redirect::to("/admin/invites?done=revoked").into_response()),
        Err(e) => refused(&state, csrf, e).await,
    }
}

#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    user: Option<String>,
    event: Option<String>,
    offset: Option<i64>,
}

async fn audit_get(
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
    _: Admin,
    csrf: Csrf,
) -> Result<Response> {
    let user = q.user.unwrap_or_default().trim().to_owned();
    let event = q.event.unwrap_or_default().trim().to_owned();
    let offset = q.offset.unwrap_or(0).max(0);
    let filter = AuditFilter {
        userid: Some(user.clone()).filter(|s| !s.is_empty()),
        event: Some(event.clone()).filter(|s| !s.is_empty()),
        offset,
        limit: PAGE,
    };
    let found = state.repos.audit.list(&filter).await?;
    let events: Vec<_> = found
        .items
        .iter()
        .map(|e| {
            minijinja::context! {
                when => when(e.at), event => e.event, actor => e.actor,
                subject => e.subject, ip => e.ip, details => e.details.to_string(),
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    let mut pairs = Vec::new();
    if !user.is_empty() {
        pairs.push(("user", user.as_str()));
    }
    if !event.is_empty() {
        pairs.push(("event", event.as_str()));
    }
    let filter_query = if pairs.is_empty() {
        String::new()
    } else {
        format!(
            "{}&",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    };
    page(
        "admin_audit.html",
        csrf.clone(),
        StatusCode::OK,
        minijinja::context! {
            events, total => found.total, user, event, prev, next, filter_query,
            csrf => csrf.token, notice => None::<&str>, error => None::<&str>,
        },
    )
}
