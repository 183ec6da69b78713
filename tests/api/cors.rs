//! CORS for browser apps (issue 19): preflights and actual responses of
//! `/token`, `/userinfo`, `/revoke`, `/device_authorization` (and the public documents) for an
//! allowed and a foreign origin; origins derived from redirect URIs and
//! added with `allowed_origins` (API, page, CLI).

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestApp, TestClient, VERIFIER, csrf_of, on_both_backends,
    register, signed_in_browser, spawn_app, spawn_app_on,
};

/// The origin of [`REDIRECT`] (`http://localhost:1/callback`): allowed for
/// every test client by default.
const RP_ORIGIN: &str = "http://localhost:1";
/// An origin no client allows.
const FOREIGN: &str = "https://evil.example";

/// A preflight for `path` from `origin`.
async fn preflight(app: &TestApp, path: &str, origin: &str) -> reqwest::Response {
    reqwest::Client::new()
        .request(Method::OPTIONS, app.url(path))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap()
}

fn header(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

/// `r` lets `origin` read it (and nothing more: no credentials).
fn readable_by(r: &reqwest::Response, origin: &str) {
    assert_eq!(
        header(r, "access-control-allow-origin").as_deref(),
        Some(origin),
        "{:?}",
        r.headers()
    );
    assert!(header(r, "access-control-allow-credentials").is_none());
    assert!(
        r.headers().get_all("vary").iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("origin")),
        "Vary: Origin"
    );
}

/// `r` carries no CORS header at all (the browser blocks it).
fn not_readable(r: &reqwest::Response) {
    for name in [
        "access-control-allow-origin",
        "access-control-allow-credentials",
        "access-control-allow-methods",
        "access-control-allow-headers",
    ] {
        assert!(r.headers().get(name).is_none(), "{name}: {:?}", r.headers());
    }
}

/// The strict security headers are still there.
fn strict(r: &reqwest::Response) {
    assert!(header(r, "content-security-policy").is_some());
    assert_eq!(header(r, "x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(
        header(r, "x-content-type-options").as_deref(),
        Some("nosniff")
    );
}

/// A form post to `path` from a page at `origin`.
async fn post_from(
    app: &TestApp,
    path: &str,
    origin: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url(path))
        .header("origin", origin)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A code of `client` for `openid profile`, by a signed-in user.
async fn code_for(app: &TestApp, client: &TestClient, browser: &reqwest::Client) -> String {
    app.authorize(browser, &CodeRequest::new(client, "openid profile"))
        .await
}

fn redeem_form<'a>(client: &'a TestClient, code: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
        ("client_id", client.id.as_str()),
    ]
}

/// Preflight and actual response of every endpoint a browser app calls,
/// for the client's own origin (derived from its redirect URI), another
/// client's origin and a foreign one.
async fn cors_on_the_browser_endpoints(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let spa = register(&app, true, true).await;
    // Another client, whose origin is allowed for it only.
    let other_origin = "https://other.example";
    latchkey::manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateClient {
            name: "Other".into(),
            redirect_uris: vec![format!("{other_origin}/cb")],
            public: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // Preflights: an origin some client allows gets its own origin back.
    for path in ["/token", "/userinfo", "/revoke"] {
        for origin in [RP_ORIGIN, other_origin] {
            let r = preflight(&app, path, origin).await;
            assert_eq!(r.status(), 204, "{path}");
            readable_by(&r, origin);
            let methods = header(&r, "access-control-allow-methods").unwrap();
            assert!(
                methods.contains("POST") && methods.contains("GET"),
                "{methods}"
            );
            let allowed = header(&r, "access-control-allow-headers").unwrap();
            for h in ["authorization", "content-type", "dpop"] {
                assert!(allowed.contains(h), "{allowed}");
            }
            assert_eq!(header(&r, "access-control-max-age").as_deref(), Some("600"));
            strict(&r);
        }
        let r = preflight(&app, path, FOREIGN).await;
        assert!(r.status().is_success(), "{path}");
        not_readable(&r);
    }

    // The token endpoint: the client's origin reads the tokens, another
    // client's origin and a foreign one get nothing readable, though the
    // request is processed all the same.
    let browser = signed_in_browser(&app, &alice).await;
    let code = code_for(&app, &spa, &browser).await;
    let r = post_from(&app, "/token", RP_ORIGIN, &redeem_form(&spa, &code)).await;
    assert_eq!(r.status(), 200);
    readable_by(&r, RP_ORIGIN);
    strict(&r);
    let tokens: Value = r.json().await.unwrap();
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    // Userinfo: the origins of the client the token was issued to.
    let userinfo = |origin: &'static str, token: String| {
        let url = app.url("/userinfo");
        async move {
            reqwest::Client::new()
                .get(url)
                .header("origin", origin)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
        }
    };
    let r = userinfo(RP_ORIGIN, access.clone()).await;
    assert_eq!(r.status(), 200);
    readable_by(&r, RP_ORIGIN);
    strict(&r);
    for origin in ["https://other.example", FOREIGN] {
        let r = userinfo(origin, access.clone()).await;
        assert_eq!(r.status(), 200, "processed as always");
        not_readable(&r);
    }

    for origin in [other_origin, FOREIGN] {
        let code = code_for(&app, &spa, &browser).await;
        let r = post_from(&app, "/token", origin, &redeem_form(&spa, &code)).await;
        assert_eq!(r.status(), 200, "processed as always");
        not_readable(&r);
    }
    // Errors about the client are readable by its origin (a replayed code).
    let r = post_from(&app, "/token", RP_ORIGIN, &redeem_form(&spa, &code)).await;
    assert_eq!(r.status(), 400);
    readable_by(&r, RP_ORIGIN);
    let r = post_from(&app, "/token", FOREIGN, &redeem_form(&spa, &code)).await;
    assert_eq!(r.status(), 400);
    not_readable(&r);

    // Revocation: the client's origin reads the answer; a foreign one
    // does not, and the token is revoked all the same.
    let r = post_from(
        &app,
        "/revoke",
        FOREIGN,
        &[("token", &access), ("client_id", &spa.id)],
    )
    .await;
    assert_eq!(r.status(), 200);
    not_readable(&r);
    let r = post_from(
        &app,
        "/revoke",
        RP_ORIGIN,
        &[("token", &access), ("client_id", &spa.id)],
    )
    .await;
    assert_eq!(r.status(), 200);
    readable_by(&r, RP_ORIGIN);
    // The revoked token's error is readable by the client's origin, so the
    // app can tell it must sign in again.
    let r = userinfo(RP_ORIGIN, access.clone()).await;
    assert_eq!(r.status(), 401);
    readable_by(&r, RP_ORIGIN);
    let r = userinfo(FOREIGN, access.clone()).await;
    assert_eq!(r.status(), 401);
    not_readable(&r);

    // The public documents: any origin may read them.
    for path in ["/.well-known/openid-configuration", "/jwks"] {
        let r = reqwest::Client::new()
            .get(app.url(path))
            .header("origin", FOREIGN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(
            header(&r, "access-control-allow-origin").as_deref(),
            Some("*")
        );
        assert!(header(&r, "access-control-allow-credentials").is_none());
        let r = preflight(&app, path, FOREIGN).await;
        assert_eq!(r.status(), 204);
        assert_eq!(
            header(&r, "access-control-allow-origin").as_deref(),
            Some("*")
        );
    }
}
on_both_backends!(cors_on_the_browser_endpoints);

/// The device authorization endpoint (RFC 8628) is a browser-app endpoint
/// too: a preflight from the client's origin is answered with that origin,
/// and the actual answer (the codes, or an error about the client) is
/// readable by it only; a foreign origin gets no CORS headers.
async fn cors_on_the_device_authorization_endpoint(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let tv = latchkey::manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateClient {
            name: "Browser TV".into(),
            public: true,
            allowed_origins: vec![RP_ORIGIN.into()],
            extra_grants: vec!["urn:ietf:params:oauth:grant-type:device_code".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let r = preflight(&app, "/device_authorization", RP_ORIGIN).await;
    assert_eq!(r.status(), 204);
    readable_by(&r, RP_ORIGIN);
    let methods = header(&r, "access-control-allow-methods").unwrap();
    assert!(methods.contains("POST"), "{methods}");
    strict(&r);
    let r = preflight(&app, "/device_authorization", FOREIGN).await;
    assert!(r.status().is_success());
    not_readable(&r);

    let form = [("client_id", tv.client_id.as_str()), ("scope", "openid")];
    let r = post_from(&app, "/device_authorization", RP_ORIGIN, &form).await;
    assert_eq!(r.status(), 200);
    readable_by(&r, RP_ORIGIN);
    strict(&r);
    let body: Value = r.json().await.unwrap();
    assert!(body["device_code"].is_string(), "{body}");
    let r = post_from(&app, "/device_authorization", FOREIGN, &form).await;
    assert_eq!(r.status(), 200, "processed as always");
    not_readable(&r);
    // An error about the client (a repeated parameter) is readable by its
    // origin.
    let bad = [
        ("client_id", tv.client_id.as_str()),
        ("scope", "openid"),
        ("scope", "profile"),
    ];
    let r = post_from(&app, "/device_authorization", RP_ORIGIN, &bad).await;
    assert_eq!(r.status(), 400);
    readable_by(&r, RP_ORIGIN);
}
on_both_backends!(cors_on_the_device_authorization_endpoint);

/// Redirect URIs give their origins (https, or http on loopback; never a
/// plain-http host or a native app's scheme); `allowed_origins` adds one,
/// and the change is seen at once by preflights and actual responses.
async fn allowed_origins_add_to_the_redirect_uris(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let created = latchkey::manage::create_client(
        repos,
        clock,
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateClient {
            name: "Mixed".into(),
            redirect_uris: vec![
                "https://app.example:8443/cb".into(),
                "http://127.0.0.1:9000/cb".into(),
                "com.example.app:/cb".into(),
            ],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let client = repos
        .clients
        .get(&created.client_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        client.cors_origins(),
        ["http://127.0.0.1:9000", "https://app.example:8443"]
    );
    for origin in ["https://app.example:8443", "http://127.0.0.1:9000"] {
        readable_by(&preflight(&app, "/token", origin).await, origin);
    }
    for origin in ["https://app.example", "com.example.app:", "null"] {
        not_readable(&preflight(&app, "/token", origin).await);
    }
    let added = "https://spa.example";
    not_readable(&preflight(&app, "/token", added).await);
    let secret = created.client_secret.unwrap();
    let cc = [
        ("grant_type", "client_credentials"),
        ("client_id", created.client_id.as_str()),
        ("client_secret", secret.as_str()),
    ];
    // A client without the client_credentials grant: an error about it,
    // readable by its own origins only.
    let r = post_from(&app, "/token", added, &cc).await;
    assert_eq!(r.status(), 400);
    not_readable(&r);
    latchkey::manage::update_client(
        repos,
        clock,
        &latchkey::manage::Actor::system(),
        &created.client_id,
        latchkey::manage::ClientChange {
            allowed_origins: Some(vec!["https://SPA.example/".into()]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    readable_by(&preflight(&app, "/token", added).await, added);
    let r = post_from(&app, "/token", added, &cc).await;
    assert_eq!(r.status(), 400);
    readable_by(&r, added);
    // A wrong secret: the client is named, so its origin reads the error.
    let bad = [
        ("grant_type", "client_credentials"),
        ("client_id", created.client_id.as_str()),
        ("client_secret", "wrong"),
    ];
    let r = post_from(&app, "/token", added, &bad).await;
    assert_eq!(r.status(), 401);
    readable_by(&r, added);
    // Bad origins are refused with the reason.
    for bad in ["https://spa.example/app", "http://spa.example", "*"] {
        let e = latchkey::manage::update_client(
            repos,
            clock,
            &latchkey::manage::Actor::system(),
            &created.client_id,
            latchkey::manage::ClientChange {
                allowed_origins: Some(vec![bad.into()]),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert!(e.to_string().contains("allowed origin"), "{bad}: {e}");
    }
}
on_both_backends!(allowed_origins_add_to_the_redirect_uris);

/// Calls the admin API with `token`.
async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// `allowed_origins` through the admin API (create, read, PATCH, bad
/// values) and the admin page's field.
async fn allowed_origins_in_the_api_and_the_page(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let (status, created) = call(
        &app,
        &token,
        Method::POST,
        "/clients",
        json!({
            "name": "SPA",
            "public": true,
            "redirect_uris": ["https://spa.example/cb"],
            "allowed_origins": ["https://admin.spa.example"],
        }),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        created["allowed_origins"],
        json!(["https://admin.spa.example"])
    );
    let id = created["client_id"].as_str().unwrap().to_owned();
    let (status, patched) = call(
        &app,
        &token,
        Method::PATCH,
        &format!("/clients/{id}"),
        json!({"allowed_origins": ["http://localhost:5173", "https://b.example/"]}),
    )
    .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(
        patched["allowed_origins"],
        json!(["http://localhost:5173", "https://b.example"])
    );
    let (status, read) = call(
        &app,
        &token,
        Method::GET,
        &format!("/clients/{id}"),
        json!(null),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(read["allowed_origins"], patched["allowed_origins"]);
    readable_by(
        &preflight(&app, "/userinfo", "http://localhost:5173").await,
        "http://localhost:5173",
    );
    let (status, error) = call(
        &app,
        &token,
        Method::PATCH,
        &format!("/clients/{id}"),
        json!({"allowed_origins": ["https://b.example/path"]}),
    )
    .await;
    assert_eq!(status, 422, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("allowed origin"),
        "{error}"
    );

    // The admin page shows the field and saves it.
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let path = format!("/admin/clients/{id}");
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"allowed_origins\""));
    assert!(crate::helpers::unescape(&html).contains("https://b.example"));
    let form = [
        ("csrf", csrf_of(&html)),
        ("name", "SPA".to_owned()),
        ("redirect_uris", "https://spa.example/cb".to_owned()),
        ("allowed_origins", "https://page.example\r\n".to_owned()),
    ];
    let r = app.post_form(&b, &path, &form).await;
    assert_eq!(r.status(), 303);
    let c = app.state.repos.clients.get(&id).await.unwrap().unwrap();
    assert_eq!(c.allowed_origins, ["https://page.example"]);
    let events = crate::helpers::audit_events(&app, "client.updated").await;
    assert!(
        events
            .iter()
            .any(|e| e.details["fields"].to_string().contains("allowed_origins"))
    );
}
on_both_backends!(allowed_origins_in_the_api_and_the_page);

/// `--allowed-origin` on `client create` and `client update` ('' clears).
#[test]
fn cli_allowed_origin_option() {
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
        "SPA",
        "--public",
        "--redirect-uri",
        "https://spa.example/cb",
        "--allowed-origin",
        "https://one.example",
        "--allowed-origin",
        "http://localhost:3000",
    ]);
    let id = created["client_id"].as_str().unwrap();
    let listed = run(&["client", "list"]);
    let c = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client_id"] == id)
        .unwrap();
    assert_eq!(
        c["allowed_origins"],
        json!(["http://localhost:3000", "https://one.example"])
    );
    let u = run(&[
        "client",
        "update",
        id,
        "--allowed-origin",
        "https://two.example",
    ]);
    assert_eq!(u["allowed_origins"], json!(["https://two.example"]));
    let u = run(&["client", "update", id, "--name", "Renamed"]);
    assert_eq!(u["allowed_origins"], json!(["https://two.example"]), "kept");
    let u = run(&["client", "update", id, "--allowed-origin", ""]);
    assert_eq!(u["allowed_origins"], json!([]));
    let out = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .current_dir(dir.path())
        .env_remove("LATCHKEY_BIND")
        .env("LATCHKEY_LOG", "warn")
        .args([
            "client",
            "update",
            id,
            "--allowed-origin",
            "https://x.example/path",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowed origin"));
}

#[tokio::test]
async fn a_preflight_without_a_request_method_is_no_preflight() {
    let app = spawn_app().await;
    let r = reqwest::Client::new()
        .request(Method::OPTIONS, app.url("/token"))
        .header("origin", RP_ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    not_readable(&r);
}
