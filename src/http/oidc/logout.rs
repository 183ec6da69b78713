//! `/logout`: RP-Initiated Logout 1.0.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::db::Client;
use crate::http::csrf::{self, Csrf};
use crate::http::error::AppError;
use crate::http::session::CurrentSession;
use crate::http::{AppState, cookies};
use crate::oidc::params::param;
use crate::oidc::tokens::{self, IdClaims};

/// GET /logout.
pub async fn logout_get(
    State(state): State<AppState>,
    session: CurrentSession,
    csrf: Csrf,
    RawQuery(q): RawQuery,
) -> Response {
    match serde_urlencoded::from_str::<Vec<(String, String)>>(q.as_deref().unwrap_or_default()) {
        Ok(params) => handle(&state, session, csrf, &params)
            .await
            .unwrap_or_else(IntoResponse::into_response),
        Err(_) => AppError::BadRequest(crate::i18n::t("logout-malformed")).into_response(),
    }
}

/// POST /logout: either an RP's form post, or our own confirmation form.
pub async fn logout_post(
    State(state): State<AppState>,
    session: CurrentSession,
    csrf: Csrf,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = match super::form_pairs(&headers, &body) {
        Ok(p) => p,
        Err(_) => {
            return AppError::BadRequest(crate::i18n::t("logout-malformed")).into_response();
        }
    };
    let confirmed = params.iter().any(|(k, v)| k == "confirm" && v == "yes");
    if !confirmed {
        return handle(&state, session, csrf, &params)
            .await
            .unwrap_or_else(IntoResponse::into_response);
    }
    let token = params
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    if let Err(e) = csrf::verify(&state.settings, &headers, token) {
        return e.into_response();
    }
    let result = async {
        let target = target(&state, &params, None).await?;
        finish(&state, session, target).await
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Where to send the browser after signing out: (URI, state).
type Target = Option<(String, Option<String>)>;

fn get<'a>(params: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, AppError> {
    param(params, name).map_err(|e| AppError::BadRequest(e.description))
}

/// Validates the client and `post_logout_redirect_uri` (matched as at
/// `/authorize`: [`crate::domain::redirect_uri::matches`]).
async fn target(
    state: &AppState,
    params: &[(String, String)],
    hint: Option<&IdClaims>,
) -> Result<Target, AppError> {
    let client_id = get(params, "client_id")?;
    if let (Some(id), Some(h)) = (client_id, hint)
        && id != h.aud
    {
        return Err(AppError::BadRequest(
            "client_id does not match the id_token_hint.".into(),
        ));
    }
    let client_id = client_id
        .map(str::to_owned)
        .or_else(|| hint.map(|h| h.aud.clone()));
    let Some(uri) = get(params, "post_logout_redirect_uri")? else {
        return Ok(None);
    };
    let client: Option<Client> = match &client_id {
        Some(id) => state.repos.clients.get(id).await?,
        None => None,
    };
    let Some(client) = client else {
        return Err(AppError::BadRequest(crate::i18n::t("logout-needs-client")));
    };
    if !client
        .post_logout_redirect_uris
        .iter()
        .any(|u| crate::domain::redirect_uri::matches(u, uri))
    {
        return Err(AppError::BadRequest(crate::i18n::t(
            "logout-redirect-unregistered",
        )));
    }
    // A client that registered itself (RFC 7591) chose its own addresses:
    // without an ID token it issued, nothing confirms the redirect is its
    // own (RP-Initiated Logout 1.0 §3), and anyone could register one to
    // turn /logout into an open redirector. The user stays here.
    if hint.is_none()
        && state
            .repos
            .registrations
            .registration(client.client_id.as_str())
            .await?
            .is_some()
    {
        return Ok(None);
    }
    Ok(Some((
        uri.to_owned(),
        get(params, "state")?.map(str::to_owned),
    )))
}

async fn handle(
    state: &AppState,
    session: CurrentSession,
    csrf: Csrf,
    params: &[(String, String)],
) -> Result<Response, AppError> {
    for name in [
        "id_token_hint",
        "client_id",
        "post_logout_redirect_uri",
        "state",
        "ui_locales",
        "logout_hint",
    ] {
        get(params, name)?;
    }
    let hint = match get(params, "id_token_hint")? {
        None => None,
        Some(t) => Some(
            tokens::verify_jwt::<IdClaims>(
                &state.keys,
                &state.settings.issuer,
                t,
                None,
                state.clock.now(),
                true,
            )
            .map_err(|_| AppError::BadRequest(crate::i18n::t("logout-bad-hint")))?,
        ),
    };
    let target = target(state, params, hint.as_ref()).await?;
    let Some(signed_in) = &session.0 else {
        return finish(state, session, target).await;
    };
    let proven = hint
        .as_ref()
        .is_some_and(|h| h.sub == signed_in.user.userid);
    if proven {
        return finish(state, session, target).await;
    }
    let client_id = get(params, "client_id")?
        .map(str::to_owned)
        .or_else(|| hint.as_ref().map(|h| h.aud.clone()));
    let client_name = match &client_id {
        Some(id) => state.repos.clients.get(id).await?.map(|c| c.name),
        None => None,
    };
    let page = crate::templates::render(
        "logout.html",
        minijinja::context! {
            csrf => csrf.token.clone(),
            client_id => client_id,
            client_name => client_name,
            post_logout_redirect_uri => target.as_ref().map(|t| t.0.clone()),
            state => target.as_ref().and_then(|t| t.1.clone()),
            username => signed_in.user.username,
        },
    )
    .map_err(AppError::internal)?;
    Ok((csrf, page).into_response())
}

/// Ends the session (in the database and the browser) and leaves.
async fn finish(
    state: &AppState,
    session: CurrentSession,
    target: Target,
) -> Result<Response, AppError> {
    if let Some(s) = &session.0 {
        crate::auth::session::end(&state.repos, &s.session.sid).await?;
        crate::audit::record(
            &state.repos,
            state.clock.as_ref(),
            &crate::audit::Actor::user(&s.user.userid, None),
            crate::audit::Event::Signout,
            Some(&s.user.userid),
            serde_json::json!({ "sid": s.session.sid }),
        )
        .await;
    }
    let clear = cookies::clear(&state.settings, &cookies::session_cookie(&state.settings));
    let response = match target {
        Some((uri, st)) => {
            let mut url = url::Url::parse(&uri)
                .map_err(|_| AppError::BadRequest(crate::i18n::t("logout-redirect-invalid")))?;
            if let Some(st) = st {
                url.query_pairs_mut().append_pair("state", &st);
            }
            Redirect::to(url.as_str()).into_response()
        }
        None => crate::templates::render("signed_out.html", minijinja::context! {})
            .map_err(AppError::internal)?
            .into_response(),
    };
    Ok(([(header::SET_COOKIE, clear)], response).into_response())
}
