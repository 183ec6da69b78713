//! Dynamic client registration (RFC 7591) and the client configuration
//! endpoint (RFC 7592): modes, initial access tokens, registration access
//! tokens, metadata rules, rate limits, and a registered client signing a
//! user in through the `openidconnect` crate.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientRegistrationRequest, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClientName, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, RedirectUrl,
    Scope, TokenResponse,
};
use serde_json::{Value, json};

use latchkey::config::RegistrationMode;
use latchkey::manage::{self, Actor, CreateRegistrationToken};

use crate::helpers::{
    Backend, REDIRECT, TestApp, audit_events, form_token, on_both_backends, query, register,
    signed_in_browser, spawn_app_on_with, spawn_app_with, walk,
};

async fn app_in(backend: Backend, mode: RegistrationMode) -> Option<TestApp> {
    spawn_app_on_with(backend, |s| s.registration = mode).await
}

fn metadata() -> Value {
    json!({
        "client_name": "Test App",
        "redirect_uris": [REDIRECT],
        "grant_types": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_method": "client_secret_basic",
        "some_future_field": {"ignored": true},
    })
}

async fn post_register(app: &TestApp, token: Option<&str>, body: &Value) -> reqwest::Response {
    let mut req = reqwest::Client::new().post(app.url("/register")).json(body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

async fn issue_token(app: &TestApp, ttl_seconds: i64, uses: i64) -> (String, String) {
    let created = manage::create_registration_token(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        CreateRegistrationToken {
            name: "ci".into(),
            ttl_seconds,
            uses,
        },
    )
    .await
    .unwrap();
    (created.id, created.token)
}

async fn error_of(r: reqwest::Response) -> String {
    let body: Value = r.json().await.unwrap();
    body["error"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn registration_is_absent_when_off() {
    let app = spawn_app_with(|_| {}).await;
    let doc: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc.get("registration_endpoint").is_none(), "{doc}");
    let r = post_register(&app, None, &metadata()).await;
    assert_eq!(r.status(), 404);
    assert!(
        app.state
            .repos
            .clients
            .list(0, 10)
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

async fn token_mode_needs_a_live_initial_access_token(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Token).await else {
        return;
    };
    let doc: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["registration_endpoint"], app.url("/register"));

    // Without a token: 401 with a Bearer challenge, nothing stored.
    let r = post_register(&app, None, &metadata()).await;
    assert_eq!(r.status(), 401);
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let r = post_register(&app, Some("not-a-token"), &metadata()).await;
    assert_eq!(r.status(), 401);
    assert_eq!(error_of(r).await, "invalid_token");
    assert!(
        app.state
            .repos
            .clients
            .list(0, 10)
            .await
            .unwrap()
            .items
            .is_empty()
    );

    // With a token of one use: 201 once, then spent.
    let (id, token) = issue_token(&app, 3600, 1).await;
    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let info: Value = r.json().await.unwrap();
    assert!(info["client_secret"].as_str().is_some());
    assert!(info["registration_access_token"].as_str().is_some());
    let registration = app
        .state
        .repos
        .registrations
        .registration(info["client_id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(registration.initial_token_id.as_deref(), Some(id.as_str()));
    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 401, "a spent token is refused");
    assert_eq!(error_of(r).await, "invalid_token");

    // Bad metadata does not spend a use.
    let (_, token) = issue_token(&app, 3600, 1).await;
    let r = post_register(
        &app,
        Some(&token),
        &json!({"redirect_uris": ["http://evil.example/cb"]}),
    )
    .await;
    assert_eq!(error_of(r).await, "invalid_redirect_uri");
    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 201);

    // An expired token.
    let (_, token) = issue_token(&app, 60, 5).await;
    app.clock.advance(61);
    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 401, "an expired token is refused");

    // A revoked token.
    let (id, token) = issue_token(&app, 3600, 5).await;
    manage::revoke_registration_token(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        &id,
    )
    .await
    .unwrap();
    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 401, "a revoked token is refused");

    assert_eq!(app.state.repos.clients.list(0, 10).await.unwrap().total, 2);
    assert_eq!(audit_events(&app, "client.registered").await.len(), 2);
}
on_both_backends!(token_mode_needs_a_live_initial_access_token);

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn an_openly_registered_client_signs_a_user_in(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let user = app.create_user("alice", "correct horse battery").await;
    let http = http();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let endpoint = metadata
        .registration_endpoint()
        .expect("advertised")
        .clone();

    // The relying party registers itself, without any token.
    let registered = CoreClientRegistrationRequest::new(
        vec![RedirectUrl::new(REDIRECT.into()).unwrap()],
        Default::default(),
    )
    .set_client_name(Some(
        [(None, ClientName::new("Test App".into()))]
            .into_iter()
            .collect(),
    ))
    .register_async(&endpoint, &http)
    .await
    .unwrap();
    let client_id = registered.client_id().clone();
    let secret = registered.client_secret().cloned().expect("a secret");
    let stored = app
        .state
        .repos
        .clients
        .get(client_id.as_str())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.scopes.is_empty() && !stored.skip_consent && !stored.resource_server);

    let client = CoreClient::from_provider_metadata(metadata, client_id, Some(secret))
        .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = signed_in_browser(&app, &user).await;
    // A registered client always meets the consent page (walk allows there).
    let back = walk(&app, &browser, auth_url.as_str(), true).await;
    let code = query(&back, "code").expect("a code");
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let claims = tokens
        .id_token()
        .unwrap()
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    assert_eq!(claims.subject().as_str(), user.userid);
    assert_eq!(audit_events(&app, "client.registered").await.len(), 1);
}
on_both_backends!(an_openly_registered_client_signs_a_user_in);

async fn the_registration_access_token_reads_updates_and_deletes(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let http = reqwest::Client::new();
    let first: Value = post_register(&app, None, &metadata())
        .await
        .json()
        .await
        .unwrap();
    let second: Value = post_register(&app, None, &metadata())
        .await
        .json()
        .await
        .unwrap();
    let id = first["client_id"].as_str().unwrap();
    let token = first["registration_access_token"].as_str().unwrap();
    let uri = first["registration_client_uri"].as_str().unwrap();
    assert_eq!(uri, app.url(&format!("/register/{id}")));
    let other_token = second["registration_access_token"].as_str().unwrap();
    let admin_client = register(&app, false, false).await;

    // Read.
    let r = http.get(uri).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let read: Value = r.json().await.unwrap();
    assert_eq!(read["client_name"], "Test App");
    assert_eq!(read["redirect_uris"], json!([REDIRECT]));
    assert!(read.get("client_secret").is_none());

    // Refused: no token, a wrong one, another client's, and for a client
    // an administrator registered.
    let r = http.get(uri).send().await.unwrap();
    assert_eq!(r.status(), 401);
    for t in ["wrong", other_token] {
        let r = http.get(uri).bearer_auth(t).send().await.unwrap();
        assert_eq!(r.status(), 401);
        assert_eq!(error_of(r).await, "invalid_token");
        let r = http
            .put(uri)
            .bearer_auth(t)
            .json(&json!({"client_id": id, "redirect_uris": ["https://evil.example/cb"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        let r = http.delete(uri).bearer_auth(t).send().await.unwrap();
        assert_eq!(r.status(), 401);
    }
    let r = http
        .get(app.url(&format!("/register/{}", admin_client.id)))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    // Update: replaces the metadata.
    let new_redirect = "https://app.example/callback";
    let r = http
        .put(uri)
        .bearer_auth(token)
        .json(&json!({
            "client_id": id,
            "client_name": "Renamed App",
            "redirect_uris": [new_redirect],
            "grant_types": ["authorization_code"],
            "client_uri": "https://app.example/",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(updated["client_name"], "Renamed App");
    assert_eq!(updated["grant_types"], json!(["authorization_code"]));
    let stored = app.state.repos.clients.get(id).await.unwrap().unwrap();
    assert_eq!(stored.redirect_uris, vec![new_redirect.to_owned()]);
    assert_eq!(
        stored.branding.client_uri.as_deref(),
        Some("https://app.example/")
    );
    // An update with bad metadata, another id, or a changed method is refused.
    for (body, error) in [
        (
            json!({"client_id": id, "redirect_uris": ["http://evil.example/cb"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": [new_redirect]}),
            "invalid_client_metadata",
        ),
        (
            json!({"client_id": id, "redirect_uris": [new_redirect], "token_endpoint_auth_method": "none"}),
            "invalid_client_metadata",
        ),
        (
            json!({"client_id": id, "redirect_uris": [new_redirect], "client_secret": "wrong"}),
            "invalid_client_metadata",
        ),
        (
            json!({"client_id": id, "redirect_uris": [new_redirect], "backchannel_logout_uri": "https://app.example/bc"}),
            "invalid_client_metadata",
        ),
    ] {
        let r = http
            .put(uri)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{body}");
        assert_eq!(error_of(r).await, error, "{body}");
    }
    assert_eq!(
        audit_events(&app, "client.registration_updated")
            .await
            .len(),
        1
    );

    // Delete: gone, and its token with it.
    let r = http.delete(uri).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert!(app.state.repos.clients.get(id).await.unwrap().is_none());
    assert!(
        app.state
            .repos
            .registrations
            .registration(id)
            .await
            .unwrap()
            .is_none()
    );
    let r = http.get(uri).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        audit_events(&app, "client.registration_deleted")
            .await
            .len(),
        1
    );
    // The other client is untouched.
    let r = http
        .get(second["registration_client_uri"].as_str().unwrap())
        .bearer_auth(other_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
on_both_backends!(the_registration_access_token_reads_updates_and_deletes);

#[tokio::test]
async fn bad_metadata_is_refused_and_unknown_fields_ignored() {
    let app = spawn_app_with(|s| {
        s.registration = RegistrationMode::Open;
        s.registration_rate_limit = 100;
    })
    .await;
    let cases = [
        (
            json!({"redirect_uris": ["http://app.example/cb"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": ["https://app.example/cb#frag"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": ["javascript:alert(1)"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"client_name": "no redirect"}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "jwks_uri": "https://app.example/jwks"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "backchannel_logout_uri": "https://app.example/bc"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "scope": "openid latchkey:admin"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "skip_consent": true}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "grant_types": ["implicit"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "response_types": ["id_token"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "client_credentials"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "id_token_signed_response_alg": "HS256"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "logo_uri": "ftp://app.example/logo.png"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": REDIRECT}),
            "invalid_client_metadata",
        ),
        (json!(["not", "an", "object"]), "invalid_client_metadata"),
        // Names that would read as another on the consent page.
        (
            json!({"redirect_uris": [REDIRECT], "client_name": "Company \u{202E}nI ngiS"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "client_name": "Company Sign-In\nby your IT team"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "client_name": "x".repeat(201)}),
            "invalid_client_metadata",
        ),
    ];
    for (body, error) in cases {
        let r = post_register(&app, None, &body).await;
        assert_eq!(r.status(), 400, "{body}");
        assert_eq!(error_of(r).await, error, "{body}");
    }
    let r = reqwest::Client::new()
        .post(app.url("/register"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await, "invalid_client_metadata");
    assert!(
        app.state
            .repos
            .clients
            .list(0, 10)
            .await
            .unwrap()
            .items
            .is_empty()
    );

    // The limit counts characters, not bytes: 200 accented letters pass.
    let r = post_register(
        &app,
        None,
        &json!({"redirect_uris": [REDIRECT], "client_name": "é".repeat(200)}),
    )
    .await;
    assert_eq!(r.status(), 201);

    // A public native app with a loopback redirect, DPoP and unknown fields.
    let r = post_register(
        &app,
        None,
        &json!({
            "redirect_uris": ["http://127.0.0.1/cb", "com.example.app:/cb"],
            "token_endpoint_auth_method": "none",
            "dpop_bound_access_tokens": true,
            "id_token_signed_response_alg": "ES256",
            "application_type": "native",
            "x-vendor": [1, 2, 3],
        }),
    )
    .await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    assert!(info.get("client_secret").is_none());
    assert_eq!(info["token_endpoint_auth_method"], "none");
    assert_eq!(info["dpop_bound_access_tokens"], true);
    assert_eq!(info["id_token_signed_response_alg"], "ES256");
    let stored = app
        .state
        .repos
        .clients
        .get(info["client_id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.public && stored.require_dpop);
}

#[tokio::test]
async fn registrations_are_rate_limited_per_address() {
    let app = spawn_app_with(|s| {
        s.registration = RegistrationMode::Open;
        s.registration_rate_limit = 2;
    })
    .await;
    for _ in 0..2 {
        assert_eq!(post_register(&app, None, &metadata()).await.status(), 201);
    }
    let r = post_register(&app, None, &metadata()).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let body: Value = r.json().await.unwrap();
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("too many registrations")
    );
    assert_eq!(app.state.repos.clients.list(0, 10).await.unwrap().total, 2);
}

async fn administrators_issue_list_and_revoke_tokens_over_the_api(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Token).await else {
        return;
    };
    let admin = app.admin_token().await;
    let api = |path: &str| app.url(&format!("/api/admin/v1{path}"));
    let http = reqwest::Client::new();
    let r = http
        .post(api("/registration-tokens"))
        .bearer_auth(&admin)
        .json(&json!({"name": "CI pipeline", "ttl_seconds": 3600, "uses": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let token = created["token"].as_str().unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["uses_left"], 2);
    let r = http
        .post(api("/registration-tokens"))
        .bearer_auth(&admin)
        .json(&json!({"name": "", "uses": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    let r = post_register(&app, Some(token), &metadata()).await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    let registered_id = info["client_id"].as_str().unwrap();

    let list: Value = http
        .get(api("/registration-tokens"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["uses_left"], 1);
    assert_eq!(list["items"][0]["status"], "active");
    assert!(list["items"][0].get("token").is_none());
    assert!(
        !list.to_string().contains(token),
        "the token is never listed"
    );

    // The admin API marks the registered client, and only it.
    let clients: Value = http
        .get(api("/clients"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for c in clients["items"].as_array().unwrap() {
        assert_eq!(c["registered"], c["client_id"] == registered_id, "{c}");
    }
    let one: Value = http
        .get(api(&format!("/clients/{registered_id}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["registered"], true);

    let r = http
        .post(api(&format!("/registration-tokens/{id}/revoke")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let revoked: Value = r.json().await.unwrap();
    assert_eq!(revoked["status"], "revoked");
    let r = post_register(&app, Some(token), &metadata()).await;
    assert_eq!(r.status(), 401, "a revoked token registers nothing");
    assert_eq!(
        audit_events(&app, "registration_token.created").await.len(),
        1
    );
    assert_eq!(
        audit_events(&app, "registration_token.revoked").await.len(),
        1
    );
    let r = http
        .post(api("/registration-tokens/nope/revoke"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
on_both_backends!(administrators_issue_list_and_revoke_tokens_over_the_api);

fn secret_on(html: &str) -> String {
    let marker = "<code class=\"secret\">";
    let start = html.find(marker).expect("a token on the page") + marker.len();
    let end = html[start..].find("</code>").unwrap() + start;
    html[start..end].to_owned()
}

#[tokio::test]
async fn administrators_issue_tokens_in_the_admin_ui_and_see_registered_clients() {
    let app = app_in(Backend::Sqlite, RegistrationMode::Token)
        .await
        .unwrap();
    let admin = app.create_admin("boss").await;
    let browser = signed_in_browser(&app, &admin).await;
    let csrf = form_token(&browser, &app, "/admin/registration-tokens").await;
    let r = app
        .post_form(
            &browser,
            "/admin/registration-tokens",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Wiki rollout"),
                ("ttl_days", "7"),
                ("uses", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    let token = secret_on(&html);
    assert!(html.contains("Wiki rollout"));

    // Shown once: the list never shows it again.
    let list = browser
        .get(app.url("/admin/registration-tokens"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Wiki rollout") && list.contains("active"));
    assert!(!list.contains(&token));

    let r = post_register(&app, Some(&token), &metadata()).await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    let id = info["client_id"].as_str().unwrap();
    let admin_made = register(&app, false, false).await;

    let clients = browser
        .get(app.url("/admin/clients"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(clients.matches("Registered dynamically").count(), 1);
    let page = browser
        .get(app.url(&format!("/admin/clients/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Registered dynamically on"));
    let page = browser
        .get(app.url(&format!("/admin/clients/{}", admin_made.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Registered dynamically"));

    // Revoke through the page.
    let (token_id, _) = issue_token(&app, 3600, 3).await;
    let r = app
        .post_form(
            &browser,
            &format!("/admin/registration-tokens/{token_id}/revoke"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let t = app
        .state
        .repos
        .registrations
        .get_token(&token_id)
        .await
        .unwrap()
        .unwrap();
    assert!(t.revoked_at.is_some());
    // The audit page lists the new events.
    let audit = browser
        .get(app.url("/admin/audit?event=registration_token.created"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(audit.contains("registration_token.created"));
}

async fn concurrent_registrations_never_exceed_the_uses_of_a_token(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Token).await else {
        return;
    };
    let (_, token) = issue_token(&app, 3600, 3).await;
    let attempts = (0..8).map(|_| {
        let (app, token) = (&app, token.clone());
        async move { post_register(app, Some(&token), &metadata()).await.status() }
    });
    let statuses = futures::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| s.as_u16() == 201).count(),
        3,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| s.as_u16() == 201 || s.as_u16() == 401)
    );
    assert_eq!(app.state.repos.clients.list(0, 20).await.unwrap().total, 3);
}
on_both_backends!(concurrent_registrations_never_exceed_the_uses_of_a_token);

/// Review (RFC 7591 §5): a client that registered itself in `open` mode
/// chose its own name; the consent page must not look like the one of a
/// client an administrator vetted. It says the application registered
/// itself and where the user will be sent.
async fn the_consent_page_marks_a_self_registered_client(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let user = app.create_user("rita", "correct horse battery").await;
    let browser = signed_in_browser(&app, &user).await;
    let mut body = metadata();
    body["token_endpoint_auth_method"] = json!("none");
    let r = post_register(&app, None, &body).await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    let dynamic = info["client_id"].as_str().unwrap().to_owned();
    let vetted = register(&app, true, false).await.id;
    let challenge = crate::helpers::challenge(crate::helpers::VERIFIER);
    let mut pages = Vec::new();
    for client_id in [&dynamic, &vetted] {
        let url = app.authorize_url(&[
            ("client_id", client_id.as_str()),
            ("redirect_uri", REDIRECT),
            ("response_type", "code"),
            ("scope", "openid"),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ]);
        let r = browser.get(url).send().await.unwrap();
        assert!(r.status().is_redirection(), "{}", r.status());
        let next = crate::helpers::location(&app, &r);
        assert!(next.starts_with(&app.url("/consent")), "{next}");
        let page = browser.get(&next).send().await.unwrap();
        assert_eq!(page.status(), 200);
        pages.push(page.text().await.unwrap());
    }
    assert!(
        pages[0].contains("This application registered itself")
            && pages[0].contains("<strong>localhost</strong>"),
        "{}",
        pages[0]
    );
    assert!(!pages[1].contains("registered itself"), "{}", pages[1]);
}
on_both_backends!(the_consent_page_marks_a_self_registered_client);

/// Review: in `open` mode anyone registers a client whose
/// `post_logout_redirect_uris` point at their own site; `/logout` with
/// that `client_id` then sent any visitor without a session straight there
/// (an open redirector on the provider's domain). RP-Initiated Logout §3:
/// without an `id_token_hint` the OP must not redirect unless it has other
/// means to trust the target; a self-registered client's addresses are not
/// such means. Now the visitor stays on the signed-out page; with an ID
/// token the client issued, the redirect still happens.
async fn logout_is_no_open_redirector_for_a_self_registered_client(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let mut body = metadata();
    body["post_logout_redirect_uris"] = json!(["https://evil.example/phish"]);
    let r = post_register(&app, None, &body).await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    let client_id = info["client_id"].as_str().unwrap();
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = anonymous
        .get(format!(
            "{}/logout?client_id={client_id}&post_logout_redirect_uri=https://evil.example/phish",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers().get("location").is_none(),
        "{} redirected to {:?}",
        r.status(),
        r.headers().get("location")
    );
    assert_eq!(r.status(), 200);
    // An administrator's client keeps its redirect (they vetted the URI).
    let vetted = register(&app, false, false).await;
    let r = anonymous
        .get(format!(
            "{}/logout?client_id={}&post_logout_redirect_uri={}",
            app.base,
            vetted.id,
            crate::helpers::POST_LOGOUT
        ))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
}
on_both_backends!(logout_is_no_open_redirector_for_a_self_registered_client);

/// Review: a self-registered device-grant client (no redirect URI) gets
/// the same note on the consent page, without an empty "send you back to".
async fn the_consent_page_marks_a_self_registered_device_client(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let user = app.create_user("dora", "correct horse battery").await;
    let browser = signed_in_browser(&app, &user).await;
    let body = json!({
        "client_name": "Test App",
        "grant_types": ["urn:ietf:params:oauth:grant-type:device_code"],
        "token_endpoint_auth_method": "none",
    });
    let r = post_register(&app, None, &body).await;
    assert_eq!(r.status(), 201);
    let info: Value = r.json().await.unwrap();
    let client_id = info["client_id"].as_str().unwrap();
    let r = reqwest::Client::new()
        .post(app.url("/device_authorization"))
        .form(&[("client_id", client_id), ("scope", "openid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let started: Value = r.json().await.unwrap();
    let user_code = started["user_code"].as_str().unwrap();
    let page = browser
        .get(app.url(&format!("/device?user_code={user_code}")))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    let r = browser
        .post(app.url("/device"))
        .header("origin", &app.base)
        .form(&[
            ("csrf", crate::helpers::hidden(&html, "csrf")),
            ("user_code", user_code.to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let consent = crate::helpers::location(&app, &r);
    assert!(consent.contains("/consent?req="), "{consent}");
    let html = browser
        .get(&consent)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("This application registered itself"),
        "{html}"
    );
    assert!(!html.contains("send you back to"), "{html}");
}
on_both_backends!(the_consent_page_marks_a_self_registered_device_client);

/// Review: a self-registered client an administrator later allows the
/// admin scope mints admin tokens, so its registration access token must
/// not change or delete it any more (new keys or redirect URIs would hand
/// those tokens to whoever holds the registration token). Reading it
/// still works.
async fn an_admin_scope_client_cannot_be_changed_through_its_registration_token(backend: Backend) {
    let Some(app) = app_in(backend, RegistrationMode::Open).await else {
        return;
    };
    let http = reqwest::Client::new();
    let registered: Value = post_register(&app, None, &metadata())
        .await
        .json()
        .await
        .unwrap();
    let id = registered["client_id"].as_str().unwrap();
    let token = registered["registration_access_token"].as_str().unwrap();
    let uri = registered["registration_client_uri"].as_str().unwrap();
    latchkey::manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        id,
        latchkey::manage::ClientChange {
            scopes: Some(vec!["latchkey:admin".into()]),
            ..latchkey::manage::ClientChange::default()
        },
    )
    .await
    .unwrap();

    let r = http
        .put(uri)
        .bearer_auth(token)
        .json(&json!({"client_id": id, "redirect_uris": ["https://evil.example/cb"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = http.delete(uri).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let client = app.state.repos.clients.get(id).await.unwrap().unwrap();
    assert_eq!(client.redirect_uris, [REDIRECT], "unchanged");
    let r = http.get(uri).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
on_both_backends!(an_admin_scope_client_cannot_be_changed_through_its_registration_token);
