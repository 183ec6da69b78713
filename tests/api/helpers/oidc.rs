//! The relying party's side of a test, written once: registered clients,
//! code requests (S256 PKCE) walked through consent, the token endpoint
//! (exchange, refresh, client credentials), userinfo and introspection.

use serde_json::Value;

use latchkey::db::User;
use latchkey::manage::{self, Actor, CreateClient};

use super::TestApp;
use super::pages::{hidden, location, query, signed_in_browser};

/// The redirect URI registered for test clients (nothing listens there:
/// tests read the `Location` header).
pub const REDIRECT: &str = "http://localhost:1/callback";
pub const POST_LOGOUT: &str = "http://localhost:1/signed-out";

/// The PKCE verifier of every [`CodeRequest`].
pub const VERIFIER: &str = "dBjftJeZ4CVP-mJ92K9uhbHxk7nWc2nOsXtr8TZGg9cDxk1Fsfg";

/// The S256 challenge of `verifier`.
pub fn challenge(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

/// A registered client.
pub struct TestClient {
    pub id: String,
    pub secret: Option<String>,
}

/// Registers a client; `public` ones get no secret. It may request the
/// user scopes only (as `latchkey client create` without `--scope`).
pub async fn register(app: &TestApp, public: bool, skip_consent: bool) -> TestClient {
    register_with_scopes(app, public, skip_consent, &[]).await
}

/// Registers a client an administrator allowed the admin API
/// (`--scope latchkey:admin`).
pub async fn register_admin(app: &TestApp, public: bool, skip_consent: bool) -> TestClient {
    register_with_scopes(app, public, skip_consent, &["latchkey:admin"]).await
}

/// Registers a client allowed `scopes` beyond the user scopes.
pub async fn register_with_scopes(
    app: &TestApp,
    public: bool,
    skip_consent: bool,
    scopes: &[&str],
) -> TestClient {
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Test App".into(),
            redirect_uris: vec![REDIRECT.into()],
            post_logout_redirect_uris: vec![POST_LOGOUT.into()],
            public,
            skip_consent,
            extra_grants: if public {
                vec![]
            } else {
                vec!["client_credentials".into()]
            },
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    TestClient {
        id: created.client_id,
        secret: created.client_secret,
    }
}

/// Follows `/authorize` through consent (allowing when `allow`) and
/// returns the final redirect to the client.
pub async fn walk(
    app: &TestApp,
    browser: &reqwest::Client,
    authorize_url: &str,
    allow: bool,
) -> url::Url {
    let r = browser.get(authorize_url).send().await.unwrap();
    assert!(
        r.status().is_redirection(),
        "authorize answered {}: {}",
        r.status(),
        r.text().await.unwrap_or_default()
    );
    let mut next = location(app, &r);
    if next.starts_with(&app.url("/consent")) {
        let page = browser.get(&next).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Test App"), "consent page names the client");
        let form = [
            ("csrf", hidden(&html, "csrf")),
            ("req", hidden(&html, "req")),
            ("decision", if allow { "allow" } else { "deny" }.to_owned()),
        ];
        let r = browser
            .post(app.url("/consent"))
            .header("origin", &app.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_redirection(),
            "consent answered {}",
            r.status()
        );
        next = location(app, &r);
    }
    url::Url::parse(&next).unwrap()
}

/// Posts a form to the token endpoint with Basic client authentication.
pub async fn token_request(
    app: &TestApp,
    client: &TestClient,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = reqwest::Client::new().post(app.url("/token")).form(form);
    if let Some(secret) = &client.secret {
        req = req.basic_auth(&client.id, Some(secret));
    }
    req.send().await.unwrap()
}

/// Redeems `refresh_token` at each of `token_urls` at once (one request
/// each, all in flight together); the statuses, in the order of the URLs.
pub async fn racing_refreshes(
    client: &TestClient,
    refresh_token: &str,
    token_urls: Vec<String>,
) -> Vec<u16> {
    let http = reqwest::Client::new();
    let mut tasks = Vec::new();
    for url in token_urls {
        let (http, id, secret, refresh) = (
            http.clone(),
            client.id.clone(),
            client.secret.clone(),
            refresh_token.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            http.post(url)
                .basic_auth(id, secret)
                .form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", refresh.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses
}

/// An authorization code request by a client: `response_type=code`, the
/// registered [`REDIRECT`], `state=s1` and the S256 challenge of
/// [`VERIFIER`], plus whatever a test adds.
#[derive(Clone)]
pub struct CodeRequest {
    params: Vec<(String, String)>,
}

impl CodeRequest {
    /// A request by `client` for `scope`.
    pub fn new(client: &TestClient, scope: &str) -> Self {
        let params = [
            ("client_id", client.id.as_str()),
            ("redirect_uri", REDIRECT),
            ("response_type", "code"),
            ("scope", scope),
            ("state", "s1"),
            ("code_challenge", &challenge(VERIFIER)),
            ("code_challenge_method", "S256"),
        ];
        Self {
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    /// The same request sent to `uri` instead of [`REDIRECT`].
    #[must_use]
    pub fn redirect_uri(mut self, uri: &str) -> Self {
        for (k, v) in &mut self.params {
            if k == "redirect_uri" {
                uri.clone_into(v);
            }
        }
        self
    }

    /// The same request with the parameter `name=value` added.
    #[must_use]
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.params.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The request's parameters, in order.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// `/authorize?…` for this request.
    pub fn url(&self, app: &TestApp) -> String {
        app.authorize_url(&self.params)
    }
}

/// A successful token response.
pub struct Tokens {
    /// The whole response body.
    pub json: Value,
    pub access: String,
}

impl Tokens {
    fn from_json(json: Value) -> Self {
        let access = json["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no access token in {json}"))
            .to_owned();
        Self { json, access }
    }

    /// The refresh token (the request asked for `offline_access`).
    pub fn refresh(&self) -> &str {
        self.json["refresh_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no refresh token in {}", self.json))
    }

    /// The ID token (the request asked for `openid`).
    pub fn id_token(&self) -> &str {
        self.json["id_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no ID token in {}", self.json))
    }
}

/// The claims of a JWT, unverified (the tests read what was issued; the
/// signature is checked elsewhere).
pub fn jwt_claims(jwt: &str) -> Value {
    use base64::Engine;
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

/// The code in an answer to the browser, whether redirected to
/// [`REDIRECT`] or form-posted; `None` for anything else.
pub async fn code_in(r: reqwest::Response) -> Option<String> {
    if let Some(loc) = r.headers().get("location") {
        let loc = loc.to_str().unwrap().to_owned();
        if loc.starts_with(REDIRECT) {
            return query(&url::Url::parse(&loc).unwrap(), "code");
        }
        return None;
    }
    let html = r.text().await.unwrap();
    html.contains("name=\"code\"")
        .then(|| hidden(&html, "code"))
}

/// The request id of a redirect to `/login?req=`, `/login/step-up?req=`
/// or `/consent?req=`.
pub fn req_id(app: &TestApp, r: &reqwest::Response) -> String {
    let loc = url::Url::parse(&location(app, r)).unwrap();
    assert!(
        matches!(loc.path(), "/login" | "/login/step-up" | "/consent"),
        "expected sign-in, step-up or consent, got {loc}"
    );
    query(&loc, "req").unwrap()
}

impl TestApp {
    /// `/authorize?…` with exactly `params`.
    pub fn authorize_url<K: AsRef<str>, V: AsRef<str>>(&self, params: &[(K, V)]) -> String {
        let mut url = url::Url::parse(&self.url("/authorize")).unwrap();
        url.query_pairs_mut().extend_pairs(params);
        url.to_string()
    }

    /// Sends `request` from `browser` (signed in), allows on the consent
    /// page if it is shown, and returns the code.
    pub async fn authorize(&self, browser: &reqwest::Client, request: &CodeRequest) -> String {
        let back = walk(self, browser, &request.url(self), true).await;
        query(&back, "code").unwrap_or_else(|| panic!("no code in {back}"))
    }

    /// Redeems a code of a [`CodeRequest`] at `/token`.
    pub async fn redeem(&self, client: &TestClient, code: &str) -> reqwest::Response {
        self.redeem_with(client, code, REDIRECT, VERIFIER).await
    }

    /// Redeems `code` with `redirect_uri` and `verifier` (a public client
    /// names itself with `client_id`).
    pub async fn redeem_with(
        &self,
        client: &TestClient,
        code: &str,
        redirect_uri: &str,
        verifier: &str,
    ) -> reqwest::Response {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", verifier),
        ];
        if client.secret.is_none() {
            form.push(("client_id", client.id.as_str()));
        }
        token_request(self, client, &form).await
    }

    /// Redeems a code of a [`CodeRequest`]; it must succeed.
    pub async fn exchange(&self, client: &TestClient, code: &str) -> Tokens {
        let r = self.redeem(client, code).await;
        assert_eq!(r.status(), 200, "redeeming a code");
        Tokens::from_json(r.json().await.unwrap())
    }

    /// The whole code flow for `client` and `scope`, by a browser where
    /// `user` has just signed in: the tokens.
    pub async fn tokens_for(&self, client: &TestClient, user: &User, scope: &str) -> Tokens {
        let browser = signed_in_browser(self, user).await;
        let code = self
            .authorize(&browser, &CodeRequest::new(client, scope))
            .await;
        self.exchange(client, &code).await
    }

    /// Redeems `refresh_token` (narrowed to `scope` if given).
    pub async fn refresh(
        &self,
        client: &TestClient,
        refresh_token: &str,
        scope: Option<&str>,
    ) -> reqwest::Response {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        if let Some(scope) = scope {
            form.push(("scope", scope));
        }
        token_request(self, client, &form).await
    }

    /// A client-credentials access token for `scope`; it must be issued.
    pub async fn client_credentials(&self, client: &TestClient, scope: &str) -> String {
        let r = token_request(
            self,
            client,
            &[("grant_type", "client_credentials"), ("scope", scope)],
        )
        .await;
        assert_eq!(r.status(), 200, "client credentials for {scope}");
        let body: Value = r.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// A token for the admin API: client credentials of a new client an
    /// administrator allowed `latchkey:admin`.
    pub async fn admin_token(&self) -> String {
        let client = register_admin(self, false, true).await;
        self.client_credentials(&client, "latchkey:admin").await
    }

    /// The status `/userinfo` answers for `access`.
    pub async fn userinfo_status(&self, access: &str) -> u16 {
        reqwest::Client::new()
            .get(self.url("/userinfo"))
            .bearer_auth(access)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// What `/introspect` tells `client` (Basic authentication) about `token`.
    pub async fn introspect(&self, client: &TestClient, token: &str) -> Value {
        reqwest::Client::new()
            .post(self.url("/introspect"))
            .basic_auth(&client.id, client.secret.as_deref())
            .form(&[("token", token)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The status the admin API answers `GET /users` with `token`.
    pub async fn admin_api_status(&self, token: &str) -> u16 {
        reqwest::Client::new()
            .get(self.url("/api/admin/v1/users"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// An access token for `userid` with `scope`, signed by the server's
    /// current key for the client `some-client`, that the server has not
    /// seen minted (so its checks read the tables).
    pub async fn mint_access_token(&self, userid: &str, scope: &str) -> String {
        use latchkey::clock::Clock;
        use latchkey::oidc::tokens::{self, AccessClaims, Audience};
        let now = self.clock.now();
        let claims = AccessClaims {
            iss: self.base.clone(),
            sub: userid.into(),
            aud: Audience(vec!["some-client".into()]),
            exp: now + 600,
            iat: now,
            jti: tokens::new_jti("grant-x"),
            client_id: "some-client".into(),
            scope: scope.into(),
            auth_time: Some(now),
            acr: None,
            amr: None,
            sid: None,
            userinfo_claims: None,
            cnf: None,
        };
        tokens::sign_access(
            &self.state.keys,
            self.state.settings.access_token_alg,
            claims,
        )
        .await
        .unwrap()
    }
}
