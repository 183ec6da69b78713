//! `/token`, `/revoke` (RFC 7009) and `/introspect` (RFC 7662).

use crate::audit::Event;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::client_auth::{authenticate, authenticate_at};
use super::form_pairs;
use crate::crypto;
use crate::db::RevocationKind;
use crate::http::extract::ClientInfo;
use crate::http::headers::LogClientId;
use crate::http::{AppState, access, cors};
use crate::oidc::error::OAuthError;
use crate::oidc::grants;
use crate::oidc::params::param;
use crate::oidc::tokens::{self, AccessClaims};

pub(super) fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// Records an event of a client's back-channel request, with the client and
/// its address.
async fn audit_client(
    state: &AppState,
    client_id: &str,
    client_info: &ClientInfo,
    event: Event,
    subject: Option<&str>,
) {
    crate::audit::record(
        &state.repos,
        state.clock.as_ref(),
        &crate::audit::Actor {
            id: format!("client:{client_id}"),
            ip: client_info.ip_string(),
            role: None,
        },
        event,
        subject,
        json!({ "client_id": client_id }),
    )
    .await;
}

/// The token endpoint.
pub async fn token_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let params = form_pairs(&headers, &body)?;
    let client = match authenticate(&state, client_info.ip, &headers, &params, true).await {
        Ok(client) => client,
        Err(e) => {
            return Ok(cors::about(
                cors::named_client(&state, &headers, &params).await,
                e,
            ));
        }
    };
    let proof = match access::endpoint_proof(&state.provider, &headers, "/token").await {
        Ok(proof) => proof,
        Err(e) => return Ok(cors::about(Some(client), e)),
    };
    let response = match grants::token(&state.provider, &client, &params, proof.as_ref()).await {
        Ok(response) => response,
        Err(mut e) => {
            if let Some(note) = e.audit.take() {
                audit_client(
                    &state,
                    &client.client_id,
                    &client_info,
                    note.event,
                    note.subject.as_deref(),
                )
                .await;
            }
            return Ok(cors::about(Some(client), e));
        }
    };
    let mut response = no_store(
        (
            LogClientId(client.client_id.to_string()),
            cors::ForClient(client),
            Json(response),
        )
            .into_response(),
    );
    access::with_nonce(&state.provider, response.headers_mut());
    Ok(response)
}

/// Token revocation: refresh tokens revoke their whole family; access
/// tokens are revoked by `jti`. Unknown tokens are not an error.
pub async fn revoke_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let params = form_pairs(&headers, &body)?;
    let client =
        match authenticate_at(&state, client_info.ip, &headers, &params, true, "/revoke").await {
            Ok(client) => client,
            Err(e) => {
                return Ok(cors::about(
                    cors::named_client(&state, &headers, &params).await,
                    e,
                ));
            }
        };
    match revoke(&state, &client, &client_info, &params).await {
        Ok(()) => Ok(cors::about(Some(client), no_store(().into_response()))),
        Err(e) => Ok(cors::about(Some(client), e)),
    }
}

/// Revokes what `params` names, if it belongs to `client`.
async fn revoke(
    state: &AppState,
    client: &crate::db::Client,
    client_info: &ClientInfo,
    params: &[(String, String)],
) -> Result<(), OAuthError> {
    let token =
        param(params, "token")?.ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
    let hint = param(params, "token_type_hint")?;
    if let Some(h) = hint
        && !matches!(h, "access_token" | "refresh_token")
    {
        return Err(OAuthError::unsupported_token_type(format!(
            "unsupported token_type_hint {h}"
        )));
    }
    if let Some(refresh) = state
        .repos
        .refresh_tokens
        .get(&crypto::hash_secret(token))
        .await?
    {
        if refresh.client_id == client.client_id {
            grants::revoke_grant(&state.provider, &refresh.family_id).await?;
            audit_client(
                state,
                &client.client_id,
                client_info,
                Event::TokenRevoked,
                Some(&refresh.auth.userid),
            )
            .await;
        }
    } else if let Ok(claims) = tokens::verify_jwt::<AccessClaims>(
        &state.keys,
        &state.settings.issuer,
        token,
        Some(tokens::ACCESS_TOKEN_TYP),
        state.clock.now(),
        false,
    ) && claims.client_id == client.client_id
    {
        state
            .repos
            .revocations
            .revoke(RevocationKind::Token, &claims.jti, claims.exp)
            .await?;
        audit_client(
            state,
            &client.client_id,
            client_info,
            Event::TokenRevoked,
            Some(&claims.sub),
        )
        .await;
    }
    Ok(())
}

/// Token introspection for authenticated (confidential) clients: a token
/// is `active` only to the client it was issued to, or to a client marked
/// as a resource server; to any other client it is `{"active": false}`.
pub async fn introspect_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let params = form_pairs(&headers, &body)?;
    let client = authenticate_at(
        &state,
        client_info.ip,
        &headers,
        &params,
        false,
        "/introspect",
    )
    .await?;
    let token =
        param(&params, "token")?.ok_or_else(|| OAuthError::invalid_request("token is missing"))?;
    let inactive = || no_store(Json(json!({"active": false})).into_response());
    let now = state.clock.now();
    let verified = tokens::verify_access(
        &state.keys,
        state.repos.revocations.as_ref(),
        &state.settings.issuer,
        token,
        now,
    )
    .await;
    if let Err(e) = &verified
        && e.is_failure()
    {
        return Err(OAuthError::server_error(e));
    }
    if let Ok(claims) = verified {
        // Only the client the token was issued to, or a resource server an
        // administrator named, learns anything about it (RFC 7662 §4).
        if claims.client_id != client.client_id && !client.resource_server {
            return Ok(inactive());
        }
        let mut body = json!({
            "active": true,
            "scope": claims.scope,
            "client_id": claims.client_id,
            "sub": claims.sub,
            "exp": claims.exp,
            "iat": claims.iat,
            "iss": claims.iss,
            "aud": claims.aud,
            "jti": claims.jti,
            "token_type": claims.token_type(),
        });
        if let Some(cnf) = &claims.cnf {
            body["cnf"] = json!({ "jkt": cnf.jkt });
        }
        if claims.is_user()
            && let Some(user) = state.repos.users.get(&claims.sub).await?
        {
            if !user.active {
                return Ok(inactive());
            }
            body["username"] = json!(user.username);
        }
        return Ok(no_store(Json(body).into_response()));
    }
    if let Some(refresh) = state
        .repos
        .refresh_tokens
        .get(&crypto::hash_secret(token))
        .await?
        && refresh.client_id == client.client_id
        && refresh.used_at.is_none()
        && refresh.revoked_at.is_none()
        && refresh.expires_at > now
    {
        return Ok(no_store(
            Json(json!({
                "active": true,
                "scope": refresh.scope,
                "client_id": refresh.client_id,
                "sub": refresh.auth.userid,
                "exp": refresh.expires_at,
                "iat": refresh.created_at,
                "iss": state.settings.issuer,
                "token_type": "refresh_token",
            }))
            .into_response(),
        ));
    }
    Ok(inactive())
}
