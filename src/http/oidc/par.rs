//! `POST /par`: pushed authorization requests (RFC 9126), over
//! [`crate::oidc::par`].

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::client_auth::authenticate_at;
use super::form_pairs;
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::headers::LogClientId;
use crate::http::{AppState, access, cors};
use crate::oidc::error::OAuthError;
use crate::oidc::par;

/// The pushed authorization request endpoint: the client authenticates as
/// at `/token` (public clients name themselves with `client_id`), the
/// parameters are checked as `/authorize` checks them, and the answer is
/// `201 {"request_uri", "expires_in"}` or an RFC 6749 JSON error.
pub async fn par_post(
    State(state): State<AppState>,
    client_info: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let params = form_pairs(&headers, &body)?;
    let client =
        match authenticate_at(&state, client_info.ip, &headers, &params, true, "/par").await {
            Ok(client) => client,
            Err(e) => {
                return Ok(cors::about(
                    cors::named_client(&state, &headers, &params).await,
                    e,
                ));
            }
        };
    // Anyone may push for a public client (its id is public): what they
    // store is bounded per address, like authorization requests waiting
    // at `/authorize`. Confidential clients are limited like at `/token`
    // (failed authentications only).
    if client.public
        && let Err(e) = state.limits.pending(client_info.ip).await
    {
        let mut refused = OAuthError::invalid_request(
            "too many pushed authorization requests from this address; retry later",
        );
        refused.status = StatusCode::TOO_MANY_REQUESTS.as_u16();
        refused.retry_after = match e {
            AppError::TooManyRequests { retry_after } => Some(retry_after),
            _ => None,
        };
        return Ok(cors::about(Some(client), refused));
    }
    // A DPoP proof sent with the push binds the code to its key (RFC 9449
    // §10.1), as `dpop_jkt` would; both must then name the same key.
    let mut params = params;
    match access::endpoint_proof(&state.provider, &headers, "/par").await {
        Ok(None) => {}
        Ok(Some(proof)) => match crate::oidc::params::param(&params, "dpop_jkt") {
            Ok(None) => params.push(("dpop_jkt".to_owned(), proof.jkt)),
            Ok(Some(jkt)) if jkt == proof.jkt => {}
            Ok(Some(_)) => {
                return Ok(cors::about(
                    Some(client),
                    OAuthError::invalid_dpop_proof("dpop_jkt is not the key of the DPoP proof"),
                ));
            }
            Err(e) => return Ok(cors::about(Some(client), e)),
        },
        Err(e) => return Ok(cors::about(Some(client), e)),
    }
    match par::push(&state.provider, &client, &params).await {
        Ok(pushed) => {
            let mut response = (
                StatusCode::CREATED,
                LogClientId(client.client_id.to_string()),
                Json(pushed),
            )
                .into_response();
            let h = response.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            Ok(cors::about(Some(client), response))
        }
        Err(e) => Ok(cors::about(Some(client), e)),
    }
}
