//! `/api/admin/v1/clients`.

use crate::domain::role::need;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::AdminCaller;
use super::error::{ApiError, ApiResult, ErrorBody, Json, Path, Query};
use super::model::{
    ClientLogoIn, ClientLogoOut, ClientOut, CreateClientIn, CreatedClientOut, PageOf, Paging,
    SecretOut, UpdateClientIn,
};
use crate::db::Branding;
use crate::http::AppState;
use crate::manage::{self, ClientChange};

/// Routes of this resource, with their OpenAPI descriptions.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_clients, create_client))
        .routes(routes!(get_client, update_client, delete_client))
        .routes(routes!(rotate_secret))
        .routes(routes!(put_logo, delete_logo))
}

/// Lists registered clients.
#[utoipa::path(get, path = "/api/admin/v1/clients", tag = "clients", params(Paging),
    responses((status = 200, body = PageOf<ClientOut>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_clients(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadClients>,
    Query(paging): Query<Paging>,
) -> ApiResult<Json<PageOf<ClientOut>>> {
    let (offset, limit) = paging.resolve()?;
    let page = state.repos.clients.list(offset, limit).await?;
    let ids: Vec<String> = page
        .items
        .iter()
        .map(|c| c.client_id.as_str().to_owned())
        .collect();
    let registered: std::collections::HashSet<String> = state
        .repos
        .registrations
        .registrations_among(&ids)
        .await?
        .into_iter()
        .map(|r| r.client_id)
        .collect();
    Ok(Json(PageOf {
        items: page
            .items
            .into_iter()
            .map(|c| {
                let yes = registered.contains(c.client_id.as_str());
                ClientOut::from(c).registered(yes)
            })
            .collect(),
        total: page.total,
        offset,
        limit,
    }))
}

/// Registers a client. The secret is in this answer only.
#[utoipa::path(post, path = "/api/admin/v1/clients", tag = "clients", request_body = CreateClientIn,
    responses((status = 201, body = CreatedClientOut), (status = 422, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_client(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Json(input): Json<CreateClientIn>,
) -> ApiResult<(StatusCode, Json<CreatedClientOut>)> {
    let client_secret_jwt = auth_method_choice(&input)?;
    let created = manage::create_client_with(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        manage::CreateClient {
            name: input.name,
            redirect_uris: input.redirect_uris,
            post_logout_redirect_uris: input.post_logout_redirect_uris,
            public: input.public,
            skip_consent: input.skip_consent,
            require_mfa: input.require_mfa,
            id_token_alg: input.id_token_alg,
            extra_grants: manage::extra_grants(input.client_credentials, input.device_grant),
            scopes: input.scopes,
            resource_server: input.resource_server,
            claim_mapping: input.claim_mapping,
            allowed_groups: input.allowed_groups,
            refresh_tokens: input.refresh_tokens,
            branding: Branding {
                logo_uri: input.logo_uri,
                client_uri: input.client_uri,
                policy_uri: input.policy_uri,
                tos_uri: input.tos_uri,
            },
            jwks: input.jwks,
            client_secret_jwt,
            allowed_origins: input.allowed_origins,
            require_par: input.require_par,
            require_dpop: input.require_dpop,
            backchannel_logout_uri: input.backchannel_logout_uri,
            backchannel_logout_session_required: input.backchannel_logout_session_required,
        },
        Some(state.keys.master()),
    )
    .await?;
    let client = manage::find_client(&state.repos, &created.client_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedClientOut {
            client: out(&state, client).await?,
            client_secret: created.client_secret,
        }),
    ))
}

/// Whether a new client asked for `client_secret_jwt`; refuses a
/// `token_endpoint_auth_method` that contradicts the rest of the request.
fn auth_method_choice(input: &CreateClientIn) -> Result<bool, manage::ManageError> {
    let has_keys = input.jwks.as_ref().is_some_and(|j| !j.is_null());
    let consistent = match input.token_endpoint_auth_method.as_deref() {
        None => true,
        Some("none") => input.public,
        Some("client_secret_basic" | "client_secret_post" | "client_secret_jwt") => {
            !input.public && !has_keys
        }
        Some("private_key_jwt") => has_keys,
        Some(other) => {
            return Err(manage::ManageError::Invalid(format!(
                "unsupported token_endpoint_auth_method {other:?}"
            )));
        }
    };
    if !consistent {
        return Err(manage::ManageError::Invalid(
            "token_endpoint_auth_method does not fit the client: none is for public clients, private_key_jwt needs jwks, the secret methods need a confidential client without jwks".into(),
        ));
    }
    Ok(input.token_endpoint_auth_method.as_deref() == Some("client_secret_jwt"))
}

/// Reads one client.
#[utoipa::path(get, path = "/api/admin/v1/clients/{client_id}", tag = "clients",
    params(("client_id" = String, Path, description = "the client id")),
    responses((status = 200, body = ClientOut), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn get_client(
    State(state): State<AppState>,
    _caller: AdminCaller<need::ReadClients>,
    Path(client_id): Path<String>,
) -> ApiResult<Json<ClientOut>> {
    let client = manage::find_client(&state.repos, &client_id).await?;
    Ok(Json(out(&state, client).await?))
}

/// The representation of `client`, marked when it registered itself.
async fn out(state: &AppState, client: crate::db::Client) -> ApiResult<ClientOut> {
    let registered = state
        .repos
        .registrations
        .registration(client.client_id.as_str())
        .await?
        .is_some();
    Ok(ClientOut::from(client).registered(registered))
}

/// Edits a client: every property but its id, kind (public or
/// confidential) and secret (see `/secret`), including its claim mapping.
/// Absent fields stay as they are; lists are replaced; `""` removes a
/// branding URL.
#[utoipa::path(patch, path = "/api/admin/v1/clients/{client_id}", tag = "clients", request_body = UpdateClientIn,
    params(("client_id" = String, Path, description = "the client id")),
    responses((status = 200, body = ClientOut), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn update_client(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(client_id): Path<String>,
    Json(input): Json<UpdateClientIn>,
) -> ApiResult<Json<ClientOut>> {
    let client = manage::update_client(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &client_id,
        ClientChange {
            name: input.name,
            redirect_uris: input.redirect_uris,
            post_logout_redirect_uris: input.post_logout_redirect_uris,
            skip_consent: input.skip_consent,
            require_mfa: input.require_mfa,
            scopes: input.scopes,
            resource_server: input.resource_server,
            client_credentials: input.client_credentials,
            device_grant: input.device_grant,
            public: input.public,
            id_token_alg: input.id_token_alg,
            claim_mapping: input.claim_mapping,
            allowed_groups: input.allowed_groups,
            refresh_tokens: input.refresh_tokens,
            logo_uri: input.logo_uri,
            client_uri: input.client_uri,
            policy_uri: input.policy_uri,
            tos_uri: input.tos_uri,
            jwks: input.jwks,
            allowed_origins: input.allowed_origins,
            require_par: input.require_par,
            require_dpop: input.require_dpop,
            backchannel_logout_uri: input.backchannel_logout_uri,
            backchannel_logout_session_required: input.backchannel_logout_session_required,
        },
    )
    .await?;
    Ok(Json(out(&state, client).await?))
}

/// Deletes a client.
#[utoipa::path(delete, path = "/api/admin/v1/clients/{client_id}", tag = "clients",
    params(("client_id" = String, Path, description = "the client id")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn delete_client(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(client_id): Path<String>,
) -> ApiResult<StatusCode> {
    manage::delete_client(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &client_id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces a confidential client's secret; the new one is in this answer only.
#[utoipa::path(post, path = "/api/admin/v1/clients/{client_id}/secret", tag = "clients",
    params(("client_id" = String, Path, description = "the client id")),
    responses((status = 200, body = SecretOut), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn rotate_secret(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(client_id): Path<String>,
) -> ApiResult<Json<SecretOut>> {
    let secret = manage::rotate_client_secret(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &client_id,
        state.keys.master(),
    )
    .await?;
    Ok(Json(SecretOut {
        client_id,
        client_secret: secret,
    }))
}

/// Sets (or replaces) the client's logo, served by Latchkey at the
/// answer's `url`; the image is checked by content.
#[utoipa::path(put, path = "/api/admin/v1/clients/{client_id}/logo", tag = "clients",
    params(("client_id" = String, Path, description = "the client id")),
    request_body = ClientLogoIn,
    responses((status = 200, body = ClientLogoOut), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn put_logo(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(client_id): Path<String>,
    Json(input): Json<ClientLogoIn>,
) -> ApiResult<Json<ClientLogoOut>> {
    use base64::Engine as _;
    let cleaned: String = input
        .image_base64
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(cleaned.trim_end_matches('='))
        .map_err(|_| {
            ApiError::from(manage::ManageError::Invalid(
                "image_base64 is not valid base64".into(),
            ))
        })?;
    let logo = manage::set_client_logo(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &client_id,
        &bytes,
    )
    .await?;
    Ok(Json(ClientLogoOut {
        url: crate::http::branding::client_logo_url(&client_id, &logo.hash),
        client_id,
        content_type: logo.content_type,
        size: logo.bytes.len(),
        hash: logo.hash,
    }))
}

/// Removes the client's logo.
#[utoipa::path(delete, path = "/api/admin/v1/clients/{client_id}/logo", tag = "clients",
    params(("client_id" = String, Path, description = "the client id")),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn delete_logo(
    State(state): State<AppState>,
    caller: AdminCaller<need::WriteClients>,
    Path(client_id): Path<String>,
) -> ApiResult<StatusCode> {
    let removed = manage::remove_client_logo(
        &state.repos,
        state.clock.as_ref(),
        &caller.actor,
        &client_id,
    )
    .await?;
    if removed {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("logo"))
    }
}
