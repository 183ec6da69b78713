//! `/authorize`, `/authorize/resume` and `/consent`.

use std::net::IpAddr;

use axum::Form;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::db::{AuthRequestRecord, Client};
use crate::http::AppState;
use crate::http::csrf::{self, Csrf};
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::session::{CurrentSession, SignedIn};
use crate::oidc::authorize::{
    self, AuthorizationRequest, AuthorizeError, ErrorRedirect, Next, ResponseMode,
};
use crate::oidc::claims;
use crate::oidc::tokens::{self, IdClaims};

/// How long a request may wait for sign-in and consent.
const REQUEST_TTL: i64 = 30 * 60;

/// GET /authorize.
pub async fn authorize_get(
    State(state): State<AppState>,
    session: CurrentSession,
    client: ClientInfo,
    RawQuery(query): RawQuery,
) -> Response {
    match serde_urlencoded::from_str::<Vec<(String, String)>>(query.as_deref().unwrap_or_default())
    {
        Ok(params) => start(&state, &params, session.0, client.ip).await,
        Err(_) => {
            AppError::BadRequest("The authorization request is malformed.".into()).into_response()
        }
    }
}

/// POST /authorize (form-encoded parameters).
pub async fn authorize_post(
    State(state): State<AppState>,
    session: CurrentSession,
    client: ClientInfo,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match super::form_pairs(&headers, &body) {
        Ok(params) => start(&state, &params, session.0, client.ip).await,
        Err(_) => {
            AppError::BadRequest("The authorization request is malformed.".into()).into_response()
        }
    }
}

async fn start(
    state: &AppState,
    params: &[(String, String)],
    signed_in: Option<SignedIn>,
    ip: Option<IpAddr>,
) -> Response {
    let client_ids: Vec<&str> = params
        .iter()
        .filter(|(k, _)| k == "client_id")
        .map(|(_, v)| v.as_str())
        .collect();
    let client = match client_ids.as_slice() {
        [id] => match state.repos.clients.get(id).await {
            Ok(c) => c,
            Err(e) => return AppError::from(e).into_response(),
        },
        _ => None,
    };
    let now = state.clock.now();
    let hint = |token: &str| {
        tokens::verify_jwt::<IdClaims>(&state.keys, &state.settings.issuer, token, None, now, true)
            .ok()
            .map(|c| c.sub)
    };
    let req = match authorize::validate(
        params,
        client.as_ref(),
        state.settings.require_pkce,
        hint,
        now,
    ) {
        Ok(req) => req,
        Err(AuthorizeError::Page(message)) => return AppError::BadRequest(message).into_response(),
        Err(AuthorizeError::Redirect(e)) => return error_response(state, &e),
    };
    let Some(client) = client else {
        return AppError::BadRequest(
            "The application that sent you here is not registered.".into(),
        )
        .into_response();
    };
    // A signed-in user whose consent is on record gets the answer at once;
    // only a request that must wait for sign-in or consent is stored.
    let next = match next_step(state, &req, &client, signed_in.as_ref()).await {
        Ok(next) => next,
        Err(response) => return response,
    };
    match (&next, signed_in.as_ref()) {
        (Next::Issue, Some(s)) => return issue(state, None, &req, s).await,
        (Next::Fail(error, description), _) => {
            return error_response(state, &ErrorRedirect::for_request(&req, error, description));
        }
        _ => {}
    }
    // Only a request that waits is stored: bounded per address.
    if let Err(e) = state.limits.pending(ip).await {
        return e.into_response();
    }
    let params_json = match serde_json::to_string(&req) {
        Ok(j) => j,
        Err(e) => return AppError::internal(e).into_response(),
    };
    let record = AuthRequestRecord {
        id: crate::crypto::new_id(),
        client_id: req.client_id.clone(),
        params: params_json,
        created_at: now,
        expires_at: now + REQUEST_TTL,
    };
    if let Err(e) = state.repos.auth_requests.create(&record).await {
        return AppError::from(e).into_response();
    }
    act(state, &record.id, &req, signed_in.as_ref(), next).await
}

/// What a request needs next, given who is signed in and what they consented to.
async fn next_step(
    state: &AppState,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: Option<&SignedIn>,
) -> Result<Next, Response> {
    let consented = match signed_in {
        Some(s) => state
            .repos
            .consents
            .get(&s.user.userid, &client.client_id)
            .await
            .map_err(|e| AppError::from(e).into_response())?,
        None => None,
    };
    Ok(authorize::decide(
        req,
        signed_in.map(|s| (&s.session, &s.user)),
        client,
        consented.as_deref(),
        state.clock.now(),
    ))
}

/// Moves a stored request on: to sign-in, to consent, or to the client.
async fn proceed(
    state: &AppState,
    id: &str,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: Option<&SignedIn>,
) -> Response {
    match next_step(state, req, client, signed_in).await {
        Ok(next) => act(state, id, req, signed_in, next).await,
        Err(response) => response,
    }
}

/// Carries out `next` for the stored request `id`.
async fn act(
    state: &AppState,
    id: &str,
    req: &AuthorizationRequest,
    signed_in: Option<&SignedIn>,
    next: Next,
) -> Response {
    match next {
        Next::Login => Redirect::to(&format!("/login?req={id}")).into_response(),
        Next::Consent => Redirect::to(&format!("/consent?req={id}")).into_response(),
        Next::Fail(error, description) => {
            let _ = state.repos.auth_requests.delete(id).await;
            error_response(state, &ErrorRedirect::for_request(req, error, description))
        }
        Next::Issue => {
            let Some(s) = signed_in else {
                return Redirect::to(&format!("/login?req={id}")).into_response();
            };
            issue(state, Some(id), req, s).await
        }
    }
}

/// Issues the code; `stored` names the stored request it finishes, if any.
async fn issue(
    state: &AppState,
    stored: Option<&str>,
    req: &AuthorizationRequest,
    s: &SignedIn,
) -> Response {
    let now = state.clock.now();
    let code = match authorize::issue_code(state.keys.master(), req, &s.session, &s.user, now) {
        Ok(code) => code,
        Err(e) => return AppError::internal(e).into_response(),
    };
    if let Some(id) = stored
        && let Err(e) = state.repos.auth_requests.delete(id).await
    {
        tracing::warn!(error = %e, "could not delete a finished authorization request");
    }
    let mut fields = vec![("code", code)];
    if let Some(st) = &req.state {
        fields.push(("state", st.clone()));
    }
    fields.push(("iss", state.settings.issuer.clone()));
    respond(&req.redirect_uri, req.response_mode, &fields)
}

/// Sends an OAuth error to the client (with `iss`, RFC 9207).
fn error_response(state: &AppState, e: &ErrorRedirect) -> Response {
    let mut fields = vec![
        ("error", e.error.to_owned()),
        ("error_description", e.description.clone()),
    ];
    if let Some(st) = &e.state {
        fields.push(("state", st.clone()));
    }
    fields.push(("iss", state.settings.issuer.clone()));
    respond(&e.redirect_uri, e.response_mode, &fields)
}

/// Delivers parameters to a registered redirect URI, by query or form post.
fn respond(redirect_uri: &str, mode: ResponseMode, fields: &[(&str, String)]) -> Response {
    match mode {
        ResponseMode::Query => {
            let Ok(mut url) = url::Url::parse(redirect_uri) else {
                return AppError::BadRequest("The redirect URI is not valid.".into())
                    .into_response();
            };
            {
                let mut pairs = url.query_pairs_mut();
                for (k, v) in fields {
                    pairs.append_pair(k, v);
                }
            }
            Redirect::to(url.as_str()).into_response()
        }
        ResponseMode::FormPost => {
            let fields: Vec<_> = fields
                .iter()
                .map(|(k, v)| minijinja::context! { name => k, value => v })
                .collect();
            match crate::templates::render(
                "form_post.html",
                minijinja::context! { action => redirect_uri, fields => fields },
            ) {
                Ok(page) => page.into_response(),
                Err(e) => AppError::internal(e).into_response(),
            }
        }
    }
}

#[derive(Deserialize)]
pub struct ReqQuery {
    req: String,
}

/// Loads a stored request that has not expired, with its client.
async fn load(state: &AppState, id: &str) -> Result<(AuthorizationRequest, Client), AppError> {
    let expired = || {
        AppError::BadRequest("This sign-in request has expired or was already completed. Go back to the application and start again.".into())
    };
    let record = state
        .repos
        .auth_requests
        .get(id)
        .await?
        .ok_or_else(expired)?;
    if record.expires_at <= state.clock.now() {
        return Err(expired());
    }
    let req: AuthorizationRequest =
        serde_json::from_str(&record.params).map_err(AppError::internal)?;
    let client = state
        .repos
        .clients
        .get(&req.client_id)
        .await?
        .ok_or_else(expired)?;
    Ok((req, client))
}

/// GET /authorize/resume?req=…: continue after sign-in.
pub async fn resume(
    State(state): State<AppState>,
    session: CurrentSession,
    Query(q): Query<ReqQuery>,
) -> Response {
    match load(&state, &q.req).await {
        Ok((req, client)) => proceed(&state, &q.req, &req, &client, session.0.as_ref()).await,
        Err(e) => e.into_response(),
    }
}

/// GET /consent?req=…: the consent page.
pub async fn consent_get(
    State(state): State<AppState>,
    session: CurrentSession,
    csrf: Csrf,
    Query(q): Query<ReqQuery>,
) -> Response {
    let (req, client) = match load(&state, &q.req).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let Some(signed_in) = session.0 else {
        return Redirect::to(&format!("/login?req={}", q.req)).into_response();
    };
    let scopes: Vec<_> = claims::grantable_for_user(&req.scopes, &signed_in.user)
        .into_iter()
        .map(|s| minijinja::context! { name => s.clone(), description => claims::describe(&s) })
        .collect();
    let page = crate::templates::render(
        "consent.html",
        minijinja::context! {
            client_name => client.name,
            scopes => scopes,
            req => q.req,
            csrf => csrf.token.clone(),
            username => signed_in.user.username,
        },
    );
    match page {
        Ok(page) => (csrf, page).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct ConsentForm {
    req: String,
    #[serde(default)]
    csrf: String,
    decision: String,
}

/// POST /consent: **Allow** or **Deny**.
pub async fn consent_post(
    State(state): State<AppState>,
    session: CurrentSession,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    if let Err(e) = csrf::verify(&state.settings, &headers, &form.csrf) {
        return e.into_response();
    }
    let (req, client) = match load(&state, &form.req).await {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let Some(signed_in) = session.0 else {
        return Redirect::to(&format!("/login?req={}", form.req)).into_response();
    };
    if form.decision != "allow" {
        let _ = state.repos.auth_requests.delete(&form.req).await;
        return error_response(
            &state,
            &ErrorRedirect::for_request(&req, "access_denied", "the user denied the request"),
        );
    }
    let userid = &signed_in.user.userid;
    let mut granted = match state.repos.consents.get(userid, &client.client_id).await {
        Ok(g) => g.unwrap_or_default(),
        Err(e) => return AppError::from(e).into_response(),
    };
    for s in claims::grantable_for_user(&req.scopes, &signed_in.user) {
        if !granted.contains(&s) {
            granted.push(s);
        }
    }
    if let Err(e) = state
        .repos
        .consents
        .put(userid, &client.client_id, &granted, state.clock.now())
        .await
    {
        return AppError::from(e).into_response();
    }
    crate::manage::audit(
        &state.repos,
        state.clock.as_ref(),
        &crate::manage::Actor {
            id: userid.clone(),
            ip: None,
        },
        "consent.granted",
        Some(&client.client_id),
        serde_json::json!({ "scopes": granted }),
    )
    .await;
    issue(&state, Some(&form.req), &req, &signed_in).await
}
