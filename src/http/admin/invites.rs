//! `/admin/invites` (list, create, revoke) and `/admin/audit`.

use crate::domain::role::need;
use crate::http::forms::NoFields;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, checked, notice, page, pages, refusal, split_list};
use crate::audit::Event;
use crate::db::Page;
use crate::http::AppState;
use crate::http::account::when;
use crate::http::api::model::AuditQuery;
use crate::http::csrf::Csrf;
use crate::http::error::{AppError, Result};
use crate::i18n::{t, t_args};
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
    /// Where the new invite was e-mailed.
    emailed_to: Option<String>,
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
                id => i.id, username => i.username, admin => i.role.is_some(),
                recovery => i.userid.is_some(),
                status => InviteStatus::of(i, now).as_str(),
                expires => when(i.expires_at),
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    let (invite_username, invite) = shown.created.unzip();
    let (invite_url, invite_expires) = invite.map(|i| (i.url, i.expires_at)).unzip();
    let can_email = crate::mail::is_configured(&state.settings);
    page(
        "admin_invites.html",
        csrf.clone(),
        shown.status,
        minijinja::context! {
            invites, prev, next, invite_username, invite_url, invite_expires, can_email,
            emailed_to => shown.emailed_to,
            csrf => csrf.token, notice => shown.notice, error => shown.error,
        },
    )
}

async fn invites_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let notice = notice(q.done.as_deref());
    let shown = Shown {
        status: StatusCode::OK,
        notice: notice.as_deref(),
        error: None,
        created: None,
        emailed_to: None,
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
    send_email: Option<String>,
}

async fn invites_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        role,
        csrf,
        fields: form,
        ..
    }: AdminForm<CreateForm, need::WriteUsers>,
) -> Result<Response> {
    let given = checked(form.admin.as_ref()).then_some(crate::domain::role::Role::Admin);
    manage::check_may_grant(Some(role), given).map_err(|e| AppError::Forbidden(format!("{e}.")))?;
    let hours = form
        .ttl_hours
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Ok(24), str::parse::<i64>);
    let send_to = if checked(form.send_email.as_ref()) {
        match manage::mail_recipient(&state.settings, form.email.as_deref()) {
            Ok(to) => Some(to),
            Err(e) => return refused(&state, csrf, e).await,
        }
    } else {
        None
    };
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
                    role: given,
                    ttl_seconds: h.saturating_mul(3600),
                    note: None,
                    userid: None,
                },
            )
            .await
        }
        Err(_) => Err(manage::ManageError::Invalid(t("admin-error-hours"))),
    };
    let created = match result {
        Ok(created) => created,
        Err(e) => return refused(&state, csrf, e).await,
    };
    if let Some(to) = &send_to {
        let kind = manage::LinkKind::Invite;
        let (repos, clock) = (&state.repos, state.clock.as_ref());
        if let Err(e) =
            manage::email_invite(repos, clock, &state.settings, &actor, &created, to, kind).await
        {
            let message = t_args(
                "admin-error-invite-withdrawn",
                &[("reason", e.to_string().into())],
            );
            let shown = Shown {
                status: StatusCode::BAD_GATEWAY,
                notice: None,
                error: Some(&message),
                created: None,
                emailed_to: None,
            };
            return list_page(&state, csrf, 0, shown).await;
        }
    }
    let shown = Shown {
        status: StatusCode::CREATED,
        notice: None,
        error: None,
        created: Some((form.username.trim().to_ascii_lowercase(), created)),
        emailed_to: send_to,
    };
    list_page(&state, csrf, 0, shown).await
}

/// The list again with the reason a change was refused.
async fn refused(state: &AppState, csrf: Csrf, e: manage::ManageError) -> Result<Response> {
    let (status, message) = refusal(e)?;
    let shown = Shown {
        status,
        notice: None,
        error: Some(&message),
        created: None,
        emailed_to: None,
    };
    list_page(state, csrf, 0, shown).await
}

async fn revoke_post(
    State(state): State<AppState>,
    Path(id): Path<String>,
    AdminForm {
        actor, role, csrf, ..
    }: AdminForm<NoFields, need::WriteUsers>,
) -> Result<Response> {
    match manage::check_may_revoke_invite(&state.repos, role, &id).await {
        Err(manage::ManageError::Refused(m)) => return Err(AppError::Forbidden(format!("{m}."))),
        Err(e) => return refused(&state, csrf, e).await,
        Ok(()) => {}
    }
    match manage::revoke_invite(&state.repos, state.clock.as_ref(), &actor, &id).await {
        Ok(_) => Ok(Redirect::to("/admin/invites?done=revoked").into_response()),
        Err(e) => refused(&state, csrf, e).await,
    }
}

async fn audit_get(
    State(state): State<AppState>,
    Query(q): Query<AuditQuery>,
    _: Admin<need::ReadAudit>,
    csrf: Csrf,
) -> Result<Response> {
    let offset = q.offset.unwrap_or(0).max(0);
    let shown = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_owned();
    let (user, client, event, from, to) = (
        shown(&q.user),
        shown(&q.client),
        shown(&q.event),
        shown(&q.from),
        shown(&q.to),
    );
    let (found, status, error) = match q.filter(offset, PAGE) {
        Ok(filter) => (state.repos.audit.list(&filter).await?, StatusCode::OK, None),
        Err(message) => (
            Page {
                items: Vec::new(),
                total: 0,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(message),
        ),
    };
    let events: Vec<_> = found
        .items
        .iter()
        .map(|e| {
            minijinja::context! {
                when => when(e.at), event => e.event, actor => e.actor,
                subject => e.subject, ip => e.ip, client_id => e.client_id,
                details => e.details.to_string(),
            }
        })
        .collect();
    let (prev, next) = pages(offset, found.total);
    let pairs: Vec<(&str, &str)> = [
        ("user", user.as_str()),
        ("client", client.as_str()),
        ("event", event.as_str()),
        ("from", from.as_str()),
        ("to", to.as_str()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let filter_query = if pairs.is_empty() {
        String::new()
    } else {
        format!(
            "{}&",
            serde_urlencoded::to_string(&pairs).unwrap_or_default()
        )
    };
    let event_names: Vec<&str> = Event::ALL.iter().map(|e| e.as_str()).collect();
    page(
        "admin_audit.html",
        csrf.clone(),
        status,
        minijinja::context! {
            events, total => found.total, user, client, event, from, to, prev, next,
            filter_query, event_names,
            csrf => csrf.token, notice => None::<&str>, error,
        },
    )
}
