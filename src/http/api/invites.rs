//! `/api/admin/v1/invites` and `/api/admin/v1/audit`.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiError, ApiResult, ErrorBody, Json, Path, Query};
use super::model::{
    AuditOut, AuditQuery, CreateInviteIn, CreatedInviteOut, InviteOut, PageOf, Paging,
};
use crate::http::AppState;
use crate::manage;

/// Routes of these resources, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invites, create_invite))
        .routes(routes!(get_invite))
        .routes(routes!(revoke_invite))
        .routes(routes!(list_audit))
}

/// Lists invites, newest first.
#[utoipa::path(get, path = "/api/admin/v1/invites", tag = "invites", params(Paging),
    responses((status = 200, body = PageOf<InviteOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_invites(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<InviteOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state.repos.invites.list(offset, limit).await?;
    let now = state.clock.now();
    Ok(Json(PageOf {
        items: page
            .items
            .into_iter()
            .map(|i| InviteOut::at(i, now))
            .collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Creates an invite. The link is in this answer only; with `send_email`
/// it is also e-mailed to `email` (502 `mail_failed` when the SMTP server
/// does not take it: the invite is then revoked).
#[utoipa::path(post, path = "/api/admin/v1/invites", tag = "invites", request_body = CreateInviteIn,
    responses((status = 201, body = CreatedInviteOut), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 502, body = ErrorBody)))]
async fn create_invite(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Json(input): Json<CreateInviteIn>,
) -> ApiResult<(StatusCode, Json<CreatedInviteOut>)> {
    // Checked before the invite exists, so a refusal leaves nothing behind.
    let send_to = if input.send_email {
        Some(manage::mail_recipient(
            &state.settings,
            input.email.as_deref(),
        )?)
    } else {
        None
    };
    let created = manage::create_invite(
        &state.repos,
        state.clock.as_ref(),
        &state.settings.issuer,
        &caller.actor,
        manage::CreateInvite {
            username: input.username,
            email: input.email,
            groups: input.groups,
            role: {
                let role = manage::requested_role(input.admin, input.role.as_deref())?;
                manage::check_may_grant(Some(caller.role), role)
                    .map_err(|e| ApiError::forbidden(e.to_string()))?;
                role
            },
            ttl_seconds: input.ttl_seconds.unwrap_or(86_400),
            note: None,
            userid: None,
        },
    )
    .await?;
    if let Some(to) = &send_to {
        manage::email_invite(
            &state.repos,
            state.clock.as_ref(),
            &state.settings,
            &caller.actor,
            &created,
            to,
            manage::LinkKind::Invite,
        )
        .await?;
    }
    Ok((
        StatusCode::CREATED,
        Json(CreatedInviteOut {
            id: created.id,
            url: created.url,
            expires_at: created.expires_at,
            emailed_to: send_to,
        }),
    ))
}

/// Reads one invite.
#[utoipa::path(get, path = "/api/admin/v1/invites/{id}", tag = "invites",
    params(("id" = String, Path, description = "the invite id")),
    responses((status = 200, body = InviteOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn get_invite(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadUsers>,
    Path(id): Path<String>,
) -> ApiResult<Json<InviteOut>> {
    let invite = state
        .repos
        .invites
        .get(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("invite"))?;
    Ok(Json(InviteOut::at(invite, state.clock.now())))
}

/// Revokes a pending invite (a used one answers 409).
#[utoipa::path(post, path = "/api/admin/v1/invites/{id}/revoke", tag = "invites",
    params(("id" = String, Path, description = "the invite id")),
    responses((status = 200, body = InviteOut), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn revoke_invite(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteUsers>,
    Path(id): Path<String>,
) -> ApiResult<Json<InviteOut>> {
    manage::check_may_revoke_invite(&state.repos, caller.role, &id)
        .await
        .map_err(|e| match e {
            manage::ManageError::Refused(m) => ApiError::forbidden(m),
            other => other.into(),
        })?;
    let invite =
        manage::revoke_invite(&state.repos, state.clock.as_ref(), &caller.actor, &id).await?;
    Ok(Json(InviteOut::at(invite, state.clock.now())))
}

/// Reads the audit log, newest first, filtered by user, client, event and
/// time.
#[utoipa::path(get, path = "/api/admin/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = PageOf<AuditOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_audit(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadAudit>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<PageOf<AuditOut>>> {
    let (offset, limit) = Paging {
        offset: q.offset,
        limit: q.limit,
    }
    .resolve()?;
    let filter = q.filter(offset, limit).map_err(ApiError::bad_request)?;
    let page = state.repos.audit.list(&filter).await?;
    Ok(Json(PageOf {
        items: page.items.into_iter().map(AuditOut::from).collect(),
        total: page.total,
        offset,
        limit,
    }))
}
