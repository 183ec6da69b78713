//! `/admin/groups`: list with member counts, create, rename, describe,
//! members, delete (with confirmation); and the groups a client is
//! restricted to (`/admin/clients/{client_id}/groups`).

use crate::domain::role::need;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Admin, AdminForm, PAGE, checked, notice, page, pages, refusal, split_list};
use crate::db::Group;
use crate::http::AppState;
use crate::http::csrf::Csrf;
use crate::http::error::{AppError, Result};
use crate::i18n::t;
use crate::manage::{self, ClientChange, ManageError};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/groups", get(groups_get).post(groups_post))
        .route("/admin/groups/{name}", get(group_get))
        .route("/admin/groups/{name}/rename", post(rename_post))
        .route("/admin/groups/{name}/description", post(description_post))
        .route("/admin/groups/{name}/policy", post(policy_post))
        .route("/admin/groups/{name}/delete", post(delete_post))
        .route(
            "/admin/clients/{client_id}/groups",
            post(client_groups_post),
        )
}

/// `name` as one URL path segment: every byte but the unreserved ones
/// percent-encoded (a group name may hold spaces, `/` or `?`).
pub(crate) fn segment(name: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A group for the templates, with its page's path.
fn view(g: &Group) -> minijinja::Value {
    minijinja::context! {
        name => g.name,
        description => g.description,
        members => g.members,
        require_mfa => g.require_mfa,
        href => format!("/admin/groups/{}", segment(&g.name)),
    }
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
    let found = state.repos.groups.list(offset, PAGE).await?;
    let (prev, next) = pages(offset, found.total);
    let groups: Vec<_> = found.items.iter().map(view).collect();
    page(
        "admin_groups.html",
        csrf.clone(),
        status,
        minijinja::context! {
            groups, total => found.total, prev, next, csrf => csrf.token, notice, error,
        },
    )
}

async fn groups_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let offset = q.offset.unwrap_or(0).max(0);
    list_page(
        &state,
        csrf,
        offset,
        StatusCode::OK,
        notice(q.done.as_deref()).as_deref(),
        None,
    )
    .await
}

#[derive(Debug, Deserialize)]
struct CreateForm {
    #[serde(default)]
    name: String,
    description: Option<String>,
    require_mfa: Option<String>,
}

async fn groups_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<CreateForm, need::WriteUsers>,
) -> Result<Response> {
    match manage::create_group_with_policy(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &form.name,
        form.description.as_deref(),
        checked(form.require_mfa.as_ref()),
    )
    .await
    {
        Ok(g) => Ok(
            Redirect::to(&format!("/admin/groups/{}?done=created", segment(&g.name)))
                .into_response(),
        ),
        Err(e) => {
            let (status, message) = refusal(e)?;
            list_page(&state, csrf, 0, status, None, Some(&message)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

/// The group a page or form is about (404 when there is none).
async fn find(state: &AppState, name: &str) -> Result<Group> {
    manage::find_group(&state.repos, name)
        .await
        .map_err(|e| match e {
            ManageError::NotFound(_) => AppError::NotFound,
            other => AppError::internal(other),
        })
}

async fn group_page(
    state: &AppState,
    csrf: Csrf,
    group: &Group,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Response> {
    let members = manage::group_members(&state.repos, &group.name)
        .await
        .map_err(|e| match e {
            ManageError::NotFound(_) => AppError::NotFound,
            other => AppError::internal(other),
        })?;
    let attributes = manage::get_group_attributes(&state.repos, &group.name)
        .await
        .map_err(|e| match e {
            ManageError::NotFound(_) => AppError::NotFound,
            other => AppError::internal(other),
        })?;
    page(
        "admin_group.html",
        csrf.clone(),
        status,
        minijinja::context! {
            group => view(group), members, csrf => csrf.token, notice, error,
            attributes_json => super::claims::pretty(&attributes),
        },
    )
}

async fn group_get(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(done): Query<Done>,
    _: Admin<need::ReadUsers>,
    csrf: Csrf,
) -> Result<Response> {
    let group = find(&state, &name).await?;
    group_page(
        &state,
        csrf,
        &group,
        StatusCode::OK,
        notice(done.done.as_deref()).as_deref(),
        None,
    )
    .await
}

/// The group's page again with the reason a change was refused.
pub(super) async fn refused(
    state: &AppState,
    csrf: Csrf,
    name: &str,
    e: ManageError,
) -> Result<Response> {
    let (status, message) = refusal(e)?;
    let group = find(state, name).await?;
    group_page(state, csrf, &group, status, None, Some(&message)).await
}

#[derive(Debug, Deserialize)]
struct RenameForm {
    #[serde(default)]
    name: String,
}

async fn rename_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<RenameForm, need::WriteUsers>,
) -> Result<Response> {
    match manage::rename_group(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &name,
        &form.name,
    )
    .await
    {
        Ok(g) => Ok(
            Redirect::to(&format!("/admin/groups/{}?done=saved", segment(&g.name))).into_response(),
        ),
        Err(e) => refused(&state, csrf, &name, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct DescriptionForm {
    #[serde(default)]
    description: String,
}

async fn description_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<DescriptionForm, need::WriteUsers>,
) -> Result<Response> {
    match manage::describe_group(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &name,
        Some(&form.description),
    )
    .await
    {
        Ok(g) => Ok(
            Redirect::to(&format!("/admin/groups/{}?done=saved", segment(&g.name))).into_response(),
        ),
        Err(e) => refused(&state, csrf, &name, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct PolicyForm {
    require_mfa: Option<String>,
}

/// The group's sign-in policy: whether its members must complete a second
/// factor at every sign-in (audited as `group.updated`).
async fn policy_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<PolicyForm, need::WriteUsers>,
) -> Result<Response> {
    match manage::set_group_require_mfa(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &name,
        checked(form.require_mfa.as_ref()),
    )
    .await
    {
        Ok(g) => Ok(
            Redirect::to(&format!("/admin/groups/{}?done=saved", segment(&g.name))).into_response(),
        ),
        Err(e) => refused(&state, csrf, &name, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct DeleteForm {
    confirm: Option<String>,
}

async fn delete_post(
    State(state): State<AppState>,
    Path(name): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<DeleteForm, need::WriteUsers>,
) -> Result<Response> {
    if !checked(form.confirm.as_ref()) {
        let e = ManageError::Invalid(t("admin-error-confirm-delete-group"));
        return refused(&state, csrf, &name, e).await;
    }
    match manage::delete_group(&state.repos, state.clock.as_ref(), &actor, &name).await {
        Ok(_) => Ok(Redirect::to("/admin/groups?done=deleted").into_response()),
        Err(e) => refused(&state, csrf, &name, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct ClientGroupsForm {
    #[serde(default)]
    allowed_groups: String,
}

/// The groups whose members may sign in to a client (comma-separated;
/// empty: everyone).
async fn client_groups_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<ClientGroupsForm, need::WriteClients>,
) -> Result<Response> {
    let change = ClientChange {
        allowed_groups: Some(split_list(&form.allowed_groups, &[','])),
        ..ClientChange::default()
    };
    match manage::update_client(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &client_id,
        change,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/admin/clients/{}?done=saved",
            segment(&client_id)
        ))
        .into_response()),
        Err(e) => super::clients::refused(&state, csrf, &client_id, e).await,
    }
}
