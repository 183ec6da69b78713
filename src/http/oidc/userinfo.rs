//! `/userinfo` (GET and POST; the token in the header, `Bearer` or `DPoP`
//! with a proof, or a bearer token in the form body).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, header};
use axum::response::{IntoResponse, Response};

use super::form_pairs;
use crate::http::{AppState, access, cors};
use crate::oidc::dpop::Scheme;
use crate::oidc::error::OAuthError;
use crate::oidc::params::param;
use crate::oidc::tokens::AccessClaims;
use crate::oidc::{claims, grants};

/// The endpoint's path (the `htu` of DPoP proofs is the issuer plus this).
const PATH: &str = "/userinfo";

/// The token of the `Authorization` header, with its scheme.
fn presented(headers: &HeaderMap) -> Result<Option<(Scheme, String)>, OAuthError> {
    access::authorization(headers)
        .map(|p| p.map(|(scheme, token)| (scheme, token.to_owned())))
        .map_err(OAuthError::invalid_token)
}

/// The answer for `presented` (with `method`), readable (CORS) by the
/// origins of the client the token was issued to, errors about the token
/// included.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    method: &Method,
    presented: Option<(Scheme, String)>,
) -> Response {
    let Some((scheme, token)) = presented else {
        let mut e = OAuthError::missing_token();
        e.www_authenticate = Some(crate::oidc::dpop::missing_token_challenge());
        return e.into_response();
    };
    let checked =
        access::authenticate(&state.provider, headers, scheme, &token, method, PATH).await;
    let result = match checked {
        Ok(claims) => claims_of(state, claims).await,
        Err(refusal) => Err(access::oauth_refusal(&state.provider, &refusal)),
    };
    match result {
        Ok((client, mut response)) => {
            access::with_nonce(&state.provider, response.headers_mut());
            cors::about(client, response)
        }
        Err(e) => {
            let client = match cors::unverified_client_id(&token) {
                Some(id) => state.repos.clients.get(&id).await.ok().flatten(),
                None => None,
            };
            cors::about(client, e)
        }
    }
}

/// The released claims for an authenticated token's `claims`, with the
/// client it was issued to.
async fn claims_of(
    state: &AppState,
    claims: AccessClaims,
) -> Result<(Option<crate::db::Client>, Response), OAuthError> {
    if !claims.is_user() {
        return Err(OAuthError::invalid_token(
            "the token does not represent a user",
        ));
    }
    if !claims.has_scope("openid") {
        return Err(OAuthError::insufficient_scope(
            "the openid scope is required",
        ));
    }
    let user = match state.repos.users.get(&claims.sub).await? {
        Some(u) if u.active => u,
        _ => {
            return Err(OAuthError::invalid_token(
                "the user no longer exists or is disabled",
            ));
        }
    };
    // The client's claim mapping shapes what it learns; a client deleted
    // since the token was issued gets the default claims.
    let client = state.repos.clients.get(&claims.client_id).await?;
    let mapping = client
        .as_ref()
        .map(|c| c.claim_mapping.clone())
        .unwrap_or_default();
    let groups = match &client {
        Some(c) => grants::member_groups(&state.provider, c, &user).await?,
        None => Vec::new(),
    };
    let available = claims::available(claims::Subject {
        user: &user,
        groups: &groups,
        mapping: &mapping,
    });
    let scopes = claims::split(&claims.scope);
    let mut body = serde_json::Map::new();
    body.insert("sub".into(), serde_json::json!(user.userid));
    for (k, v) in claims::released(&available, &scopes, claims.userinfo_claims.as_ref()) {
        body.insert(k, v);
    }
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok((client, response))
}

/// GET: the token in the Authorization header.
pub async fn userinfo_get(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, OAuthError> {
    let presented = presented(&headers)?;
    Ok(answer(&state, &headers, &Method::GET, presented).await)
}

/// POST: the token in the header or in the form body (not both).
pub async fn userinfo_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let in_header = presented(&headers)?;
    let in_body = if body.is_empty() {
        None
    } else {
        let params = form_pairs(&headers, &body)?;
        param(&params, "access_token")?.map(|t| (Scheme::Bearer, t.to_owned()))
    };
    if in_header.is_some() && in_body.is_some() {
        return Err(OAuthError::invalid_request(
            "send the access token once, not in both header and body",
        ));
    }
    Ok(answer(&state, &headers, &Method::POST, in_header.or(in_body)).await)
}
