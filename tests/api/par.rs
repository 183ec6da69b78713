//! Pushed authorization requests (RFC 9126, issue 19): `/par` authenticates
//! the client as `/token` does and validates as `/authorize` does; the
//! `request_uri` is single use, short-lived and bound to its client;
//! `--require-par` and `LATCHKEY_REQUIRE_PAR` refuse front-channel requests.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestApp, TestClient, csrf_of, jwt_claims, location,
    on_both_backends, query, register, signed_in_browser, spawn_app_on, spawn_app_on_with,
};

const PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// Posts `params` to `/par` as `client` (Basic for a confidential client,
/// `client_id` in the body for a public one).
async fn push(
    app: &TestApp,
    client: &TestClient,
    params: &[(String, String)],
) -> reqwest::Response {
    let mut form: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "client_id")
        .cloned()
        .collect();
    let mut req = reqwest::Client::new().post(app.url("/par"));
    match &client.secret {
        Some(secret) => req = req.basic_auth(&client.id, Some(secret)),
        None => form.push(("client_id".into(), client.id.clone())),
    }
    req.form(&form).send().await.unwrap()
}

/// A pushed [`CodeRequest`] of `client` for `scope` (with a nonce); its
/// `request_uri`.
async fn pushed(app: &TestApp, client: &TestClient, scope: &str) -> String {
    let r = push(
        app,
        client,
        CodeRequest::new(client, scope)
            .with("nonce", "n-1")
            .params(),
    )
    .await;
    assert_eq!(r.status(), 201);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["expires_in"], 60);
    let uri = body["request_uri"].as_str().unwrap().to_owned();
    assert!(uri.starts_with(PREFIX), "{uri}");
    assert!(uri.len() >= PREFIX.len() + 43, "256 random bits: {uri}");
    uri
}

/// `/authorize` with only `client_id` and `request_uri` (plus `extra`, which
/// must be ignored).
fn front(app: &TestApp, client_id: &str, request_uri: &str, extra: &[(&str, &str)]) -> String {
    let mut params = vec![("client_id", client_id), ("request_uri", request_uri)];
    params.extend_from_slice(extra);
    app.authorize_url(&params)
}

/// The answer to a browser following a front-channel URL, and where it
/// was sent (when redirected to the client).
async fn follow(browser: &reqwest::Client, url: &str) -> reqwest::Response {
    browser.get(url).send().await.unwrap()
}

/// The refusal page of an unusable `request_uri`.
async fn refused_page(r: reqwest::Response) {
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none(), "never redirected");
    let html = r.text().await.unwrap();
    assert!(html.contains("invalid_request_uri"), "{html}");
}

/// The whole code flow through `/par`: the pushed parameters count, the
/// front channel's others are ignored; a second use is refused.
async fn par_code_flow(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &alice).await;
    let request_uri = pushed(&app, &client, "openid profile").await;
    let url = front(
        &app,
        &client.id,
        &request_uri,
        &[
            ("state", "front"),
            ("scope", "openid email"),
            ("redirect_uri", "https://evil.example/cb"),
        ],
    );
    let r = follow(&browser, &url).await;
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert!(back.as_str().starts_with(REDIRECT), "{back}");
    assert_eq!(
        query(&back, "state").as_deref(),
        Some("s1"),
        "the pushed state"
    );
    let code = query(&back, "code").unwrap();
    let tokens = app.exchange(&client, &code).await;
    let id = jwt_claims(tokens.id_token());
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(id["sub"], alice.userid);
    assert_eq!(tokens.json["scope"], "openid profile", "the pushed scope");
    // Single use.
    refused_page(follow(&browser, &url).await).await;
    // Not usable without its client_id, nor with a made-up one.
    refused_page(
        follow(
            &browser,
            &front(&app, &client.id, &format!("{PREFIX}made-up"), &[]),
        )
        .await,
    )
    .await;
    let r = follow(
        &browser,
        &app.authorize_url(&[("request_uri", request_uri.as_str())]),
    )
    .await;
    assert_eq!(r.status(), 400);
}
on_both_backends!(par_code_flow);

/// A pushed request lives 60 seconds; expired ones are refused and purged.
async fn par_request_uri_expires(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &alice).await;
    let fresh = pushed(&app, &client, "openid").await;
    let stale = pushed(&app, &client, "openid").await;
    app.clock.advance(59);
    let r = follow(&browser, &front(&app, &client.id, &fresh, &[])).await;
    assert!(
        location(&app, &r).starts_with(REDIRECT),
        "still valid at 59 s"
    );
    app.clock.advance(2);
    refused_page(follow(&browser, &front(&app, &client.id, &stale, &[])).await).await;
    // Housekeeping removes expired pushed requests.
    let stale2 = pushed(&app, &client, "openid").await;
    let created = app.state.clock.now();
    app.clock.advance(61);
    app.state
        .repos
        .maintenance
        .purge_expired(app.state.clock.now())
        .await
        .unwrap();
    let hash = latchkey::crypto::hash_secret(stale2.strip_prefix(PREFIX).unwrap());
    assert!(
        app.state
            .repos
            .pushed_requests
            .take(&hash, &client.id, created)
            .await
            .unwrap()
            .is_none(),
        "purged"
    );
}
on_both_backends!(par_request_uri_expires);

/// A request_uri serves only the client that pushed it; another client's
/// attempt does not use it up.
async fn par_request_uri_is_bound_to_its_client(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let owner = register(&app, false, true).await;
    let other = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &alice).await;
    let request_uri = pushed(&app, &owner, "openid").await;
    refused_page(follow(&browser, &front(&app, &other.id, &request_uri, &[])).await).await;
    let r = follow(&browser, &front(&app, &owner.id, &request_uri, &[])).await;
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert!(query(&back, "code").is_some(), "{back}");
}
on_both_backends!(par_request_uri_is_bound_to_its_client);

/// `require_par` on a client (API, page, CLI) refuses its front-channel
/// requests at the redirect URI; its pushed ones work; other clients are
/// not affected.
async fn par_required_per_client(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let strict = register(&app, true, true).await;
    let relaxed = register(&app, true, true).await;
    let token = app.admin_token().await;
    let r = reqwest::Client::new()
        .request(
            Method::PATCH,
            app.url(&format!("/api/admin/v1/clients/{}", strict.id)),
        )
        .bearer_auth(&token)
        .json(&json!({"require_par": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["require_par"], true);
    let browser = signed_in_browser(&app, &alice).await;
    let r = follow(&browser, &CodeRequest::new(&strict, "openid").url(&app)).await;
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert!(back.as_str().starts_with(REDIRECT));
    assert_eq!(query(&back, "error").as_deref(), Some("invalid_request"));
    assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    assert!(query(&back, "code").is_none());
    // Its pushed requests go through (a public client: client_id only).
    let request_uri = pushed(&app, &strict, "openid").await;
    let r = follow(&browser, &front(&app, &strict.id, &request_uri, &[])).await;
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert!(query(&back, "code").is_some(), "{back}");
    // Another client still uses the front channel.
    app.authorize(&browser, &CodeRequest::new(&relaxed, "openid"))
        .await;
    // The admin page shows and clears the checkbox.
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let path = format!("/admin/clients/{}", strict.id);
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"name="require_par" value="on" checked"#),
        "checked"
    );
    let form = [
        ("csrf", csrf_of(&html)),
        ("name", "Test App".to_owned()),
        ("redirect_uris", REDIRECT.to_owned()),
    ];
    assert_eq!(app.post_form(&b, &path, &form).await.status(), 303);
    let c = app
        .state
        .repos
        .clients
        .get(&strict.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!c.require_par, "unticked");
    app.authorize(&browser, &CodeRequest::new(&strict, "openid"))
        .await;
    let form = [
        ("csrf", csrf_of(&html)),
        ("name", "Test App".to_owned()),
        ("redirect_uris", REDIRECT.to_owned()),
        ("require_par", "on".to_owned()),
    ];
    assert_eq!(app.post_form(&b, &path, &form).await.status(), 303);
    let c = app
        .state
        .repos
        .clients
        .get(&strict.id)
        .await
        .unwrap()
        .unwrap();
    assert!(c.require_par, "ticked");
}
on_both_backends!(par_required_per_client);

/// `LATCHKEY_REQUIRE_PAR`: every client must push; discovery says so.
async fn par_required_globally(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.require_par = true).await else {
        return;
    };
    let meta: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["require_pushed_authorization_requests"], true);
    assert_eq!(
        meta["pushed_authorization_request_endpoint"],
        app.url("/par")
    );
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &alice).await;
    let r = follow(&browser, &CodeRequest::new(&client, "openid").url(&app)).await;
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert_eq!(query(&back, "error").as_deref(), Some("invalid_request"));
    let request_uri = pushed(&app, &client, "openid").await;
    let r = follow(&browser, &front(&app, &client.id, &request_uri, &[])).await;
    let code = query(&url::Url::parse(&location(&app, &r)).unwrap(), "code").unwrap();
    app.exchange(&client, &code).await;
}
on_both_backends!(par_required_globally);

/// Discovery without the switch.
#[tokio::test]
async fn par_is_advertised() {
    let app = crate::helpers::spawn_app().await;
    let meta: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        meta["pushed_authorization_request_endpoint"],
        app.url("/par")
    );
    assert_eq!(meta["require_pushed_authorization_requests"], false);
}

/// Bad pushed parameters and bad client authentication: RFC 6749 JSON
/// errors (RFC 9126 §2.3), nothing stored.
async fn par_refusals_are_json(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let confidential = register(&app, false, true).await;
    let public = register(&app, true, true).await;
    let base = CodeRequest::new(&confidential, "openid");
    let without = |name: &str| -> Vec<(String, String)> {
        base.params()
            .iter()
            .filter(|(k, _)| k != name)
            .cloned()
            .collect()
    };
    let replaced = |name: &str, value: &str| -> Vec<(String, String)> {
        let mut p = without(name);
        p.push((name.to_owned(), value.to_owned()));
        p
    };
    let cases: Vec<(&str, Vec<(String, String)>, u16, &str)> = vec![
        (
            "no response_type",
            without("response_type"),
            400,
            "invalid_request",
        ),
        (
            "token response_type",
            replaced("response_type", "token"),
            400,
            "unsupported_response_type",
        ),
        (
            "no openid",
            replaced("scope", "profile"),
            400,
            "invalid_scope",
        ),
        (
            "unregistered redirect_uri",
            replaced("redirect_uri", "https://evil.example/cb"),
            400,
            "invalid_request",
        ),
        (
            "no redirect_uri",
            without("redirect_uri"),
            400,
            "invalid_request",
        ),
        (
            "plain PKCE",
            replaced("code_challenge_method", "plain"),
            400,
            "invalid_request",
        ),
        (
            "request_uri inside",
            replaced("request_uri", &format!("{PREFIX}x")),
            400,
            "invalid_request",
        ),
        (
            "request object",
            replaced("request", "eyJ.x.y"),
            400,
            "request_not_supported",
        ),
        (
            "bad prompt",
            replaced("prompt", "sometimes"),
            400,
            "invalid_request",
        ),
    ];
    for (what, params, status, error) in cases {
        let r = push(&app, &confidential, &params).await;
        assert_eq!(r.status(), status, "{what}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], error, "{what}: {body}");
    }
    // A public client must use PKCE.
    let no_pkce: Vec<(String, String)> = CodeRequest::new(&public, "openid")
        .params()
        .iter()
        .filter(|(k, _)| !k.starts_with("code_challenge"))
        .cloned()
        .collect();
    let r = push(&app, &public, &no_pkce).await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_request");
    // Client authentication as at /token.
    let params = base.params().to_vec();
    let anonymous = TestClient {
        id: confidential.id.clone(),
        secret: None,
    };
    let wrong = TestClient {
        id: confidential.id.clone(),
        secret: Some("not-the-secret".into()),
    };
    let unknown = TestClient {
        id: "no-such-client".into(),
        secret: Some("x".into()),
    };
    for (what, who) in [
        ("no secret", &anonymous),
        ("wrong secret", &wrong),
        ("unknown client", &unknown),
    ] {
        let r = push(&app, who, &params).await;
        assert_eq!(r.status(), 401, "{what}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], "invalid_client", "{what}");
    }
    // Not a form.
    let r = reqwest::Client::new()
        .post(app.url("/par"))
        .basic_auth(&confidential.id, confidential.secret.as_ref())
        .json(&json!({"response_type": "code"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_request");
    // Only GET-less POST.
    let r = reqwest::get(app.url("/par")).await.unwrap();
    assert_eq!(r.status(), 405);
}
on_both_backends!(par_refusals_are_json);

/// Pushes for a public client (anyone can make them) are bounded per
/// address like waiting authorization requests; CORS on `/par`.
#[tokio::test]
async fn par_limits_and_cors() {
    let app = crate::helpers::spawn_app_with(|s| s.pending_rate_limit = 3).await;
    let public = register(&app, true, true).await;
    let params = CodeRequest::new(&public, "openid").params().to_vec();
    for _ in 0..3 {
        assert_eq!(push(&app, &public, &params).await.status(), 201);
    }
    let r = push(&app, &public, &params).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    // A confidential client is limited like at /token: failures only.
    let confidential = register(&app, false, true).await;
    let params = CodeRequest::new(&confidential, "openid").params().to_vec();
    for _ in 0..5 {
        assert_eq!(push(&app, &confidential, &params).await.status(), 201);
    }
    // CORS: the client's origin (of its redirect URI) reads the answer.
    let r = reqwest::Client::new()
        .request(Method::OPTIONS, app.url("/par"))
        .header("origin", "http://localhost:1")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://localhost:1"
    );
    for (origin, readable) in [
        ("http://localhost:1", true),
        ("https://evil.example", false),
    ] {
        let r = reqwest::Client::new()
            .post(app.url("/par"))
            .header("origin", origin)
            .basic_auth(&confidential.id, confidential.secret.as_ref())
            .form(&params)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        assert_eq!(
            r.headers().get("access-control-allow-origin").is_some(),
            readable,
            "{origin}"
        );
        assert!(
            r.headers()
                .get("access-control-allow-credentials")
                .is_none()
        );
    }
}

/// `--require-par` on `client create` and `client update`.
#[test]
fn cli_require_par_option() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_latchkey"))
            .current_dir(dir.path())
            .env_remove("LATCHKEY_BIND")
            .env("LATCHKEY_LOG", "warn")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let created = run(&[
        "client",
        "create",
        "--name",
        "Careful",
        "--redirect-uri",
        "https://careful.example/cb",
        "--require-par",
    ]);
    let id = created["client_id"].as_str().unwrap();
    let listed = run(&["client", "list"]);
    let c = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client_id"] == id)
        .unwrap();
    assert_eq!(c["require_par"], true);
    let u = run(&["client", "update", id, "--require-par=false"]);
    assert_eq!(u["require_par"], false);
    let u = run(&["client", "update", id, "--require-par"]);
    assert_eq!(u["require_par"], true);
}
