//! `/authorize`, `/authorize/resume` and `/consent`.

use std::net::IpAddr;

use axum::Form;
use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::http::csrf::{self, Csrf};
use crate::http::error::AppError;
use crate::http::extract::ClientInfo;
use crate::http::session::{CurrentSession, SignedIn};
use crate::http::{AppState, cookies};
use crate::oidc::authorize::{ErrorRedirect, ResponseMode};
use crate::oidc::claims;
use crate::oidc::flow::{self, FlowError, NoAccess, Outcome, Pending, Started};

/// The browser's session as the flow sees it.
fn who(signed_in: Option<&SignedIn>) -> flow::SignedIn<'_> {
    signed_in.map(|s| (&s.session, &s.user))
}

impl From<FlowError> for AppError {
    fn from(e: FlowError) -> Self {
        match e {
            FlowError::Db(e) => Self::from(e),
            FlowError::Internal(e) => Self::internal(e),
        }
    }
}

/// Renders what the flow decided: a redirect to sign-in or consent, or the
/// answer for the client.
pub(super) fn render(state: &AppState, outcome: Result<Outcome, FlowError>) -> Response {
    match outcome {
        Ok(Outcome::Login(id)) => Redirect::to(&format!("/login?req={id}")).into_response(),
        Ok(Outcome::StepUp(id)) => {
            Redirect::to(&format!("/login/step-up?req={id}")).into_response()
        }
        Ok(Outcome::Consent(id)) => Redirect::to(&format!("/consent?req={id}")).into_response(),
        Ok(Outcome::Code(c)) => {
            let mut fields = vec![("code", c.code)];
            if let Some(st) = c.state {
                fields.push(("state", st));
            }
            fields.push(("iss", state.settings.issuer.clone()));
            respond(&c.redirect_uri, c.response_mode, &fields)
        }
        Ok(Outcome::Error(e)) => error_response(state, &e),
        Ok(Outcome::NoAccess(refused)) => no_access(state, &refused),
        Ok(Outcome::Device(done)) => super::device::done_page(&done),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The page for a user outside the client's allowed groups (403): it says
/// so and leads back to the client, which then gets `access_denied`.
fn no_access(state: &AppState, refused: &NoAccess) -> Response {
    let fields = error_fields(state, &refused.back);
    let link = match refused.back.response_mode {
        ResponseMode::Query => match with_query(&refused.back.redirect_uri, &fields) {
            Some(url) => Some(url.to_string()),
            None => {
                return AppError::BadRequest(crate::i18n::t("flow-redirect-uri-invalid"))
                    .into_response();
            }
        },
        ResponseMode::FormPost => None,
    };
    let fields: Vec<_> = fields
        .iter()
        .map(|(k, v)| minijinja::context! { name => k, value => v })
        .collect();
    match crate::templates::render(
        "no_access.html",
        minijinja::context! {
            client_name => refused.client_name,
            username => refused.username,
            link,
            action => refused.back.redirect_uri,
            fields,
        },
    ) {
        Ok(page) => (axum::http::StatusCode::FORBIDDEN, page).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

/// GET /authorize.
pub async fn authorize_get(
    State(state): State<AppState>,
    session: CurrentSession,
    client: ClientInfo,
    RawQuery(query): RawQuery,
) -> Response {
    match crate::oidc::params::from_query(query.as_deref()) {
        Ok(params) => start(&state, &params, session.0, client.ip).await,
        Err(_) => AppError::BadRequest(crate::i18n::t("flow-request-malformed")).into_response(),
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
        Err(_) => AppError::BadRequest(crate::i18n::t("flow-request-malformed")).into_response(),
    }
}

async fn start(
    state: &AppState,
    params: &[(String, String)],
    signed_in: Option<SignedIn>,
    ip: Option<IpAddr>,
) -> Response {
    let who = who(signed_in.as_ref());
    // Pages of this request (errors here, then sign-in, consent…) speak
    // the language the relying party asked for.
    crate::i18n::follow_ui_locales(
        params
            .iter()
            .find(|(k, _)| k == "ui_locales")
            .map(|(_, v)| v.as_str()),
    );
    let waiting = match flow::start(&state.provider, params, who).await {
        Ok(Started::Wait(waiting)) => waiting,
        Ok(Started::Answer(outcome)) => return render(state, Ok(outcome)),
        Ok(Started::Refused(message)) => {
            return AppError::BadRequest(crate::i18n::localize(&message)).into_response();
        }
        Err(e) => return render(state, Err(e)),
    };
    wait(state, waiting, who, ip).await
}

/// Stores a request that must wait for sign-in or consent (counted against
/// the per-address limit on pending state first), binds it to this browser
/// with a cookie and moves it on.
pub(super) async fn wait(
    state: &AppState,
    waiting: Box<flow::Waiting>,
    who: flow::SignedIn<'_>,
    ip: Option<IpAddr>,
) -> Response {
    // Only a request that waits is stored: bounded per address.
    if let Err(e) = state.limits.pending(ip).await {
        return e.into_response();
    }
    match flow::store(&state.provider, waiting, who).await {
        Ok(stored) => {
            let mut response = render(state, Ok(stored.outcome));
            let cookie = cookies::set(
                &state.settings,
                &cookies::request_cookie(&state.settings, &stored.id),
                &stored.browser_secret,
                Some(flow::REQUEST_TTL),
            );
            response.headers_mut().append(header::SET_COOKIE, cookie);
            response
        }
        Err(e) => render(state, Err(e)),
    }
}

/// The parameters of an OAuth error for the client (with `iss`, RFC 9207).
fn error_fields(state: &AppState, e: &ErrorRedirect) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("error", e.error.to_owned()),
        ("error_description", e.description.clone()),
    ];
    if let Some(st) = &e.state {
        fields.push(("state", st.clone()));
    }
    fields.push(("iss", state.settings.issuer.clone()));
    fields
}

/// Sends an OAuth error to the client (with `iss`, RFC 9207).
fn error_response(state: &AppState, e: &ErrorRedirect) -> Response {
    respond(&e.redirect_uri, e.response_mode, &error_fields(state, e))
}

/// `redirect_uri` with `fields` appended to its query; `None` when it does
/// not parse.
fn with_query(redirect_uri: &str, fields: &[(&str, String)]) -> Option<url::Url> {
    let mut url = url::Url::parse(redirect_uri).ok()?;
    {
        let mut pairs = url.query_pairs_mut();
        for (k, v) in fields {
            pairs.append_pair(k, v);
        }
    }
    Some(url)
}

/// Delivers parameters to a registered redirect URI, by query or form post.
fn respond(redirect_uri: &str, mode: ResponseMode, fields: &[(&str, String)]) -> Response {
    match mode {
        ResponseMode::Query => {
            let Some(url) = with_query(redirect_uri, fields) else {
                return AppError::BadRequest(crate::i18n::t("flow-redirect-uri-invalid"))
                    .into_response();
            };
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

/// Loads a stored request that has not expired, with its client, for the
/// browser that started it.
async fn load(state: &AppState, headers: &HeaderMap, id: &str) -> Result<Pending, AppError> {
    let secret = cookies::get(headers, &cookies::request_cookie(&state.settings, id));
    let pending = flow::load(&state.provider, id, secret).await?;
    if let Some(p) = &pending {
        crate::i18n::follow_ui_locales(p.req.ui_locales.as_deref());
    }
    pending.ok_or_else(|| AppError::BadRequest(crate::i18n::t("flow-request-expired")))
}

/// GET /authorize/resume?req=…: continue after sign-in.
pub async fn resume(
    State(state): State<AppState>,
    session: CurrentSession,
    headers: HeaderMap,
    Query(q): Query<ReqQuery>,
) -> Response {
    match load(&state, &headers, &q.req).await {
        Ok(p) => render(
            &state,
            flow::advance(&state.provider, &p, who(session.0.as_ref())).await,
        ),
        Err(e) => e.into_response(),
    }
}

/// GET /consent?req=…: the consent page, shown only when the decision is
/// to ask for consent; otherwise the decision is carried out.
pub async fn consent_get(
    State(state): State<AppState>,
    session: CurrentSession,
    csrf: Csrf,
    headers: HeaderMap,
    Query(q): Query<ReqQuery>,
) -> Response {
    let p = match load(&state, &headers, &q.req).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let outcome = flow::advance(&state.provider, &p, who(session.0.as_ref())).await;
    let (Ok(Outcome::Consent(_)), Some(signed_in)) = (&outcome, &session.0) else {
        return render(&state, outcome);
    };
    let scopes: Vec<_> =
        claims::consent_scopes(&p.req.scopes, p.req.claims.as_ref(), &p.client, &signed_in.user)
            .into_iter()
            .map(|s| {
                minijinja::context! { name => s.clone(), description => claims::describe_for(&p.client, &s) }
            })
            .collect();
    let links = client_links(&p.client.branding);
    let client_logo = match state
        .repos
        .client_logos
        .hash(p.client.client_id.as_str())
        .await
    {
        Ok(hash) => {
            hash.map(|h| crate::http::branding::client_logo_url(p.client.client_id.as_str(), &h))
        }
        Err(e) => return AppError::from(e).into_response(),
    };
    let user_code = p.req.device.as_ref().map(|d| d.user_code.clone());
    // A client that registered itself (RFC 7591) chose its own name: the
    // page says so and where the answer goes (RFC 7591 §5).
    let registered = match state
        .repos
        .registrations
        .registration(p.client.client_id.as_str())
        .await
    {
        Ok(r) => r.is_some(),
        Err(e) => return AppError::from(e).into_response(),
    };
    // The device grant sends nobody anywhere (no redirect URI).
    let returns_to =
        (registered && !p.req.redirect_uri.is_empty()).then(|| returns_to(&p.req.redirect_uri));
    let page = crate::templates::render(
        "consent.html",
        minijinja::context! {
            links,
            client_logo,
            client_name => p.client.name,
            scopes => scopes,
            req => q.req,
            csrf => csrf.token.clone(),
            username => signed_in.user.username,
            user_code,
            registered,
            returns_to,
        },
    );
    match page {
        Ok(page) => (csrf, page).into_response(),
        Err(e) => AppError::internal(e).into_response(),
    }
}

/// Where a redirect URI sends the user, as the consent page names it: the
/// host of a web address, else the scheme of an application's own address.
fn returns_to(redirect_uri: &str) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(u) => u
            .host_str()
            .map_or_else(|| format!("{}:", u.scheme()), str::to_owned),
        Err(_) => redirect_uri.to_owned(),
    }
}

/// The client's links for the sign-in and consent pages, each as (label,
/// URL, host), checked again as at registration. Its `logo_uri` is not
/// among them and is never loaded: pages load nothing from other origins
/// (docs/security.md); an uploaded logo is served by Latchkey instead.
pub(crate) fn client_links(b: &crate::db::Branding) -> Vec<minijinja::Value> {
    [
        ("consent-link-homepage", &b.client_uri, "client_uri"),
        ("consent-link-policy", &b.policy_uri, "policy_uri"),
        ("consent-link-tos", &b.tos_uri, "tos_uri"),
    ]
    .into_iter()
    .filter_map(|(label, uri, field)| {
        let uri = crate::manage::check_branding_uri(field, uri.as_deref()?).ok()??;
        let host = url::Url::parse(&uri).ok()?.host_str()?.to_owned();
        let label = crate::i18n::t(label);
        Some(minijinja::context! { label, uri, host })
    })
    .collect()
}

#[derive(Deserialize)]
pub struct ConsentForm {
    req: String,
    #[serde(default)]
    csrf: String,
    decision: String,
}

/// POST /consent: **Allow** (re-decided with the consent given) or **Deny**.
pub async fn consent_post(
    State(state): State<AppState>,
    client: ClientInfo,
    session: CurrentSession,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    if let Err(e) = csrf::verify(&state.settings, &headers, &form.csrf) {
        return e.into_response();
    }
    let p = match load(&state, &headers, &form.req).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let outcome = if form.decision == "allow" {
        flow::allow(
            &state.provider,
            &p,
            who(session.0.as_ref()),
            client.ip_string(),
        )
        .await
    } else if let Some(signed_in) = session.0.as_ref() {
        Ok(flow::deny(&state.provider, &p, &signed_in.user, client.ip_string()).await)
    } else {
        Ok(Outcome::Login(p.id.clone()))
    };
    render(&state, outcome)
}
