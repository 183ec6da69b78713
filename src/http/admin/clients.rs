//! `/admin/clients`: register (secret shown once), edit, rotate, delete.

use crate::domain::role::need;
use crate::http::forms::NoFields;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{
    Admin, AdminForm, AdminUpload, PAGE, checked, notice, page, pages, refusal, split_list,
};
use crate::db::{Client, DeliveryState};
use crate::domain::grant_type::GrantType;
use crate::domain::role::{Access, Area};
use crate::domain::signing_alg::SigningAlg;
use crate::http::AppState;
use crate::http::account::when;
use crate::http::csrf::Csrf;
use crate::http::error::{AppError, Result};
use crate::i18n::t;
use crate::manage::{self, ClientChange, ManageError};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/clients", get(clients_get).post(clients_post))
        .route(
            "/admin/clients/{client_id}",
            get(client_get).post(client_post),
        )
        .route("/admin/clients/{client_id}/rotate", post(rotate_post))
        .route("/admin/clients/{client_id}/logo", post(logo_post))
        .route(
            "/admin/clients/{client_id}/logo/delete",
            post(logo_delete_post),
        )
        .route("/admin/clients/{client_id}/keys", post(keys_post))
        .route("/admin/clients/{client_id}/delete", post(delete_post))
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
    let found = state.repos.clients.list(offset, PAGE).await?;
    let ids: Vec<String> = found
        .items
        .iter()
        .map(|c| c.client_id.as_str().to_owned())
        .collect();
    // Clients that registered themselves, with the date shown.
    let registered: std::collections::HashMap<String, String> = state
        .repos
        .registrations
        .registrations_among(&ids)
        .await?
        .into_iter()
        .map(|r| (r.client_id, crate::http::account::when(r.created_at)))
        .collect();
    let (prev, next) = pages(offset, found.total);
    page(
        "admin_clients.html",
        csrf.clone(),
        status,
        minijinja::context! {
            clients => found.items, registered, prev, next, csrf => csrf.token, notice, error,
        },
    )
}

async fn clients_get(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
    _: Admin<need::ReadClients>,
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
    #[serde(default)]
    redirect_uris: String,
    #[serde(default)]
    post_logout_redirect_uris: String,
    public: Option<String>,
    skip_consent: Option<String>,
    require_mfa: Option<String>,
    client_credentials: Option<String>,
    device_grant: Option<String>,
    resource_server: Option<String>,
    #[serde(default)]
    scopes: String,
}

fn lines(text: &str) -> Vec<String> {
    split_list(text, &['\n', '\r'])
}

async fn client_page(
    state: &AppState,
    csrf: Csrf,
    client: &Client,
    status: StatusCode,
    secret: Option<&str>,
    notice: Option<&str>,
    error: Option<&str>,
) -> Result<Response> {
    let registered = registered_on(state, client.client_id.as_str()).await?;
    let logo = state
        .repos
        .client_logos
        .hash(client.client_id.as_str())
        .await?
        .map(|h| crate::http::branding::client_logo_url(client.client_id.as_str(), &h));
    let deliveries: Vec<minijinja::Value> =
        manage::recent_logout_deliveries(&state.repos, &client.client_id)
            .await
            .map_err(AppError::internal)?
            .iter()
            .map(|d| {
                minijinja::context! {
                    state => d.state.as_str(),
                    attempts => d.attempts,
                    last_error => d.last_error,
                    created => when(d.created_at),
                    finished => d.finished_at.map(when),
                    next => (d.state == DeliveryState::Pending).then(|| when(d.next_attempt_at.max(d.created_at))),
                }
            })
            .collect();
    // The forms the viewer may use on this client (the server refuses the
    // others anyway): a client allowed the admin scope is administration.
    let may_change = super::viewer_role().is_some_and(|r| {
        r.allows(Area::Clients, Access::Write)
            && manage::check_admin_scope(r, &[&client.scopes]).is_ok()
    });
    page(
        "admin_client.html",
        csrf.clone(),
        status,
        minijinja::context! {
            client,
            registered,
            secret,
            connect => super::connect::settings(&state.settings.issuer, client, secret),
            logo,
            logo_max_kib => crate::branding::CLIENT_LOGO_MAX / 1024,
            claim_mapping_json => super::claims::pretty(&client.claim_mapping),
            csrf => csrf.token,
            notice,
            error,
            may_change,
            admin_scope => client.scopes.iter().any(|s| s == crate::oidc::claims::ADMIN_SCOPE),
            client_credentials => client.grant_types.contains(&GrantType::ClientCredentials),
            device_grant => client.grant_types.contains(&GrantType::DeviceCode),
            refresh_tokens => client.grant_types.contains(&GrantType::RefreshToken),
            algs => SigningAlg::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            auth_method => client.auth_method().as_str(),
            key_ids => client.jwks.as_ref().map(crate::domain::client_jwks::ClientJwks::key_ids),
            jwks_json => client.jwks.as_ref().map(|j| {
                serde_json::to_string_pretty(j.as_value()).unwrap_or_default()
            }),
            deliveries,
            derived_origins => client.redirect_uris.iter().filter_map(|u| crate::domain::origin::of_redirect_uri(u)).collect::<Vec<_>>(),
        },
    )
}

async fn clients_post(
    State(state): State<AppState>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<CreateForm, need::WriteClients>,
) -> Result<Response> {
    let scopes = split_list(&form.scopes, &[' ', ',']);
    let created = manage::create_client(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        manage::CreateClient {
            name: form.name,
            redirect_uris: lines(&form.redirect_uris),
            post_logout_redirect_uris: lines(&form.post_logout_redirect_uris),
            public: checked(form.public.as_ref()),
            skip_consent: checked(form.skip_consent.as_ref()),
            require_mfa: checked(form.require_mfa.as_ref()),
            id_token_alg: None,
            extra_grants: manage::extra_grants(
                checked(form.client_credentials.as_ref()),
                checked(form.device_grant.as_ref()),
            ),
            scopes,
            resource_server: checked(form.resource_server.as_ref()),
            ..manage::CreateClient::default()
        },
    )
    .await;
    let created = match created {
        Ok(c) => c,
        Err(e) => {
            let (status, message) = refusal(e)?;
            return list_page(&state, csrf, 0, status, None, Some(&message)).await;
        }
    };
    let c = find(&state, &created.client_id).await?;
    client_page(
        &state,
        csrf,
        &c,
        StatusCode::CREATED,
        created.client_secret.as_deref(),
        Some(&t("admin-notice-client-registered")),
        None,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
struct Done {
    done: Option<String>,
}

async fn client_get(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    Query(done): Query<Done>,
    _: Admin<need::ReadClients>,
    csrf: Csrf,
) -> Result<Response> {
    let c = find(&state, &client_id).await?;
    client_page(
        &state,
        csrf,
        &c,
        StatusCode::OK,
        None,
        notice(done.done.as_deref()).as_deref(),
        None,
    )
    .await
}

/// The client to show; one that cannot be shown is gone (404) or
/// unreadable (500, logged).
async fn find(state: &AppState, client_id: &str) -> Result<Client> {
    manage::find_client(&state.repos, client_id)
        .await
        .map_err(|e| match e {
            ManageError::NotFound(_) => AppError::NotFound,
            other => AppError::internal(other),
        })
}

/// When the client registered itself (dynamic registration), as shown;
/// `None` for a client an administrator registered.
async fn registered_on(state: &AppState, client_id: &str) -> Result<Option<String>> {
    Ok(state
        .repos
        .registrations
        .registration(client_id)
        .await?
        .map(|r| crate::http::account::when(r.created_at)))
}

/// The client's page again with the reason a change was refused.
pub(super) async fn refused(
    state: &AppState,
    csrf: Csrf,
    client_id: &str,
    e: ManageError,
) -> Result<Response> {
    let (status, message) = refusal(e)?;
    let c = find(state, client_id).await?;
    client_page(state, csrf, &c, status, None, None, Some(&message)).await
}

#[derive(Debug, Deserialize)]
struct EditForm {
    name: Option<String>,
    #[serde(default)]
    redirect_uris: String,
    #[serde(default)]
    post_logout_redirect_uris: String,
    skip_consent: Option<String>,
    require_mfa: Option<String>,
    resource_server: Option<String>,
    client_credentials: Option<String>,
    device_grant: Option<String>,
    refresh_tokens: Option<String>,
    #[serde(default)]
    scopes: String,
    id_token_alg: Option<String>,
    #[serde(default)]
    logo_uri: String,
    #[serde(default)]
    client_uri: String,
    #[serde(default)]
    policy_uri: String,
    #[serde(default)]
    tos_uri: String,
    #[serde(default)]
    allowed_origins: String,
    require_par: Option<String>,
    require_dpop: Option<String>,
    #[serde(default)]
    backchannel_logout_uri: String,
    backchannel_logout_session_required: Option<String>,
}

async fn client_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<EditForm, need::WriteClients>,
) -> Result<Response> {
    let scopes = split_list(&form.scopes, &[' ', ',']);
    let change = ClientChange {
        name: form.name,
        redirect_uris: Some(lines(&form.redirect_uris)),
        post_logout_redirect_uris: Some(lines(&form.post_logout_redirect_uris)),
        skip_consent: Some(checked(form.skip_consent.as_ref())),
        require_mfa: Some(checked(form.require_mfa.as_ref())),
        scopes: Some(scopes),
        resource_server: Some(checked(form.resource_server.as_ref())),
        client_credentials: Some(checked(form.client_credentials.as_ref())),
        device_grant: Some(checked(form.device_grant.as_ref())),
        refresh_tokens: Some(checked(form.refresh_tokens.as_ref())),
        id_token_alg: form.id_token_alg.filter(|a| !a.is_empty()),
        logo_uri: Some(form.logo_uri),
        client_uri: Some(form.client_uri),
        policy_uri: Some(form.policy_uri),
        tos_uri: Some(form.tos_uri),
        allowed_origins: Some(lines(&form.allowed_origins)),
        require_par: Some(checked(form.require_par.as_ref())),
        require_dpop: Some(checked(form.require_dpop.as_ref())),
        backchannel_logout_uri: Some(form.backchannel_logout_uri),
        backchannel_logout_session_required: Some(checked(
            form.backchannel_logout_session_required.as_ref(),
        )),
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
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/clients/{client_id}?done=saved")).into_response())
        }
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}

async fn rotate_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteClients>,
) -> Result<Response> {
    match manage::rotate_client_secret(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &client_id,
        state.keys.master(),
    )
    .await
    {
        Ok(secret) => {
            let c = find(&state, &client_id).await?;
            client_page(
                &state,
                csrf,
                &c,
                StatusCode::OK,
                Some(&secret),
                Some(&t("admin-notice-secret-rotated")),
                None,
            )
            .await
        }
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}

#[derive(Debug, Deserialize)]
struct KeysForm {
    #[serde(default)]
    jwks: String,
}

/// Replaces the client's JWK Set (`private_key_jwt`); the previous keys
/// stop working at once. Audited as `client.updated` (field `jwks`).
async fn keys_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm {
        actor,
        csrf,
        fields: form,
        ..
    }: AdminForm<KeysForm, need::WriteClients>,
) -> Result<Response> {
    let result = async {
        let jwks = crate::domain::client_jwks::ClientJwks::parse_text(form.jwks.trim())
            .map_err(|e| ManageError::Invalid(e.to_string()))?;
        manage::replace_client_keys(
            &state.repos,
            state.clock.as_ref(),
            &actor,
            &client_id,
            jwks.as_value().clone(),
        )
        .await
    }
    .await;
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/clients/{client_id}?done=keys-replaced")).into_response(),
        ),
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}

/// Uploads the client's logo (`multipart/form-data`, file field `logo`),
/// checked by [`manage::set_client_logo`].
async fn logo_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminUpload(AdminForm {
        actor,
        csrf,
        fields,
        ..
    }): AdminUpload<need::WriteClients>,
) -> Result<Response> {
    match manage::set_client_logo(
        &state.repos,
        state.clock.as_ref(),
        &actor,
        &client_id,
        &fields.file,
    )
    .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/clients/{client_id}?done=logo-saved")).into_response(),
        ),
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}

/// Removes the client's logo.
async fn logo_delete_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteClients>,
) -> Result<Response> {
    match manage::remove_client_logo(&state.repos, state.clock.as_ref(), &actor, &client_id).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/clients/{client_id}?done=logo-removed")).into_response(),
        ),
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}

async fn delete_post(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    AdminForm { actor, csrf, .. }: AdminForm<NoFields, need::WriteClients>,
) -> Result<Response> {
    match manage::delete_client(&state.repos, state.clock.as_ref(), &actor, &client_id).await {
        Ok(()) => Ok(Redirect::to("/admin/clients?done=deleted").into_response()),
        Err(e) => refused(&state, csrf, &client_id, e).await,
    }
}
