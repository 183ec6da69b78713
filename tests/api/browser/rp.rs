//! A relying party for the browser scenarios: the `openidconnect` crate
//! behind a small axum app on a random port. `/login` sends the browser to
//! Latchkey's `/authorize` (code + PKCE); `/callback` exchanges the code,
//! validates the ID token, calls userinfo and shows it (also when the
//! answer arrives by POST: `/login?response_mode=form_post`); `/logout`
//! sends the browser to Latchkey's `/logout` with `id_token_hint`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

/// A running relying party.
pub struct RelyingParty {
    /// `http://localhost:PORT`.
    pub base: String,
    state: Arc<RpState>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for RelyingParty {
    fn drop(&mut self) {
        self.server.abort();
    }
}

struct RpState {
    base: String,
    issuer: String,
    client: Mutex<Option<(String, Option<String>)>>,
    pending: Mutex<HashMap<String, (PkceCodeVerifier, Nonce)>>,
    id_token: Mutex<Option<CoreIdToken>>,
}

impl RelyingParty {
    /// Binds a random port; the client is registered later (`set_client`),
    /// since its redirect URI needs the port.
    pub async fn start(issuer: &str) -> RelyingParty {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
        let state = Arc::new(RpState {
            base: base.clone(),
            issuer: issuer.to_owned(),
            client: Mutex::new(None),
            pending: Mutex::new(HashMap::new()),
            id_token: Mutex::new(None),
        });
        let router = Router::new()
            .route(
                "/",
                get(|| async { Html(page("Relying party", "<p>Not signed in.</p>")) }),
            )
            .route("/login", get(login))
            .route("/callback", get(callback).post(callback_post))
            .route("/logout", get(logout))
            .route(
                "/logged-out",
                get(|| async {
                    Html(page(
                        "Signed out",
                        "<p>You are signed out of the relying party.</p>",
                    ))
                }),
            )
            .with_state(state.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        RelyingParty {
            base,
            state,
            server,
        }
    }

    /// The redirect URI to register.
    pub fn redirect_uri(&self) -> String {
        format!("{}/callback", self.base)
    }

    /// The post-logout redirect URI to register.
    pub fn post_logout_uri(&self) -> String {
        format!("{}/logged-out", self.base)
    }

    /// Uses the client `id` (with `secret` for a confidential client).
    pub fn set_client(&self, id: String, secret: Option<String>) {
        *self.state.client.lock().unwrap() = Some((id, secret));
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"icon\" href=\"data:,\"></head><body><h1>{title}</h1>{body}</body></html>"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn client(
    state: &RpState,
) -> anyhow::Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
> {
    let (id, secret) = state
        .client
        .lock()
        .unwrap()
        .clone()
        .ok_or_else(|| anyhow::anyhow!("no client registered"))?;
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(state.issuer.clone())?, &http())
            .await?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(id),
        secret.map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(format!("{}/callback", state.base))?))
}

fn failure(e: anyhow::Error) -> Response {
    (
        axum::http::StatusCode::BAD_GATEWAY,
        Html(page(
            "Relying party error",
            &format!("<p>{}</p>", escape(&format!("{e:#}"))),
        )),
    )
        .into_response()
}

async fn login(
    State(state): State<Arc<RpState>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let client = match client(&state).await {
        Ok(c) => c,
        Err(e) => return failure(e),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge);
    if let Some(prompt) = q.get("prompt") {
        request = request.add_extra_param("prompt", prompt.clone());
    }
    if let Some(mode) = q.get("response_mode") {
        request = request.add_extra_param("response_mode", mode.clone());
    }
    let (url, csrf, nonce) = request.url();
    state
        .pending
        .lock()
        .unwrap()
        .insert(csrf.secret().clone(), (verifier, nonce));
    Redirect::to(url.as_str()).into_response()
}

async fn callback(
    State(state): State<Arc<RpState>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    answer(&state, &q, "GET").await
}

/// The answer of `response_mode=form_post`: the same parameters, in a
/// form the browser posts (OAuth 2.0 Form Post Response Mode).
async fn callback_post(
    State(state): State<Arc<RpState>>,
    Form(q): Form<HashMap<String, String>>,
) -> Response {
    answer(&state, &q, "POST").await
}

/// Checks `state`, then shows the error or finishes the sign-in; `method`
/// (how the answer arrived) is shown on the page.
async fn answer(state: &RpState, q: &HashMap<String, String>, method: &str) -> Response {
    let Some((verifier, nonce)) = q
        .get("state")
        .and_then(|s| state.pending.lock().unwrap().remove(s))
    else {
        return failure(anyhow::anyhow!("unknown state"));
    };
    if let Some(error) = q.get("error") {
        let body = format!(
            "<p>Sign-in failed: <code id=\"error\">{}</code></p>",
            escape(error)
        );
        return Html(page("Sign-in failed", &body)).into_response();
    }
    match finish(
        state,
        q.get("code").cloned().unwrap_or_default(),
        verifier,
        nonce,
        method,
    )
    .await
    {
        Ok(html) => Html(html).into_response(),
        Err(e) => failure(e),
    }
}

async fn finish(
    state: &RpState,
    code: String,
    verifier: PkceCodeVerifier,
    nonce: Nonce,
    method: &str,
) -> anyhow::Result<String> {
    let client = client(state).await?;
    let http = http();
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))?
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| anyhow::anyhow!("no ID token"))?;
    let claims = id_token.claims(&client.id_token_verifier(), &nonce)?;
    let info: CoreUserInfoClaims = client
        .user_info(
            tokens.access_token().clone(),
            Some(claims.subject().clone()),
        )?
        .request_async(&http)
        .await?;
    *state.id_token.lock().unwrap() = Some(id_token.clone());
    let username = info
        .preferred_username()
        .map(|u| u.as_str().to_owned())
        .unwrap_or_default();
    let email = info
        .email()
        .map(|e| e.as_str().to_owned())
        .unwrap_or_default();
    let amr: Vec<String> = claims
        .auth_method_refs()
        .map(|a| a.iter().map(|m| m.as_str().to_owned()).collect())
        .unwrap_or_default();
    Ok(page(
        "Signed in",
        &format!(
            "<dl><dt>sub</dt><dd id=\"sub\">{}</dd><dt>preferred_username</dt><dd>{}</dd>\
             <dt>email</dt><dd>{}</dd><dt>amr</dt><dd>{}</dd>\
             <dt>answer</dt><dd id=\"method\">{}</dd></dl>\
             <p><a href=\"/logout\">Log out</a></p>",
            escape(info.subject().as_str()),
            escape(&username),
            escape(&email),
            escape(&amr.join(" ")),
            escape(method),
        ),
    ))
}

async fn logout(State(state): State<Arc<RpState>>) -> Response {
    let Some(token) = state.id_token.lock().unwrap().clone() else {
        return failure(anyhow::anyhow!("not signed in"));
    };
    let mut url = url::Url::parse(&format!("{}/logout", state.issuer)).unwrap();
    url.query_pairs_mut()
        .append_pair("id_token_hint", &token.to_string())
        .append_pair(
            "post_logout_redirect_uri",
            &format!("{}/logged-out", state.base),
        );
    Redirect::to(url.as_str()).into_response()
}
