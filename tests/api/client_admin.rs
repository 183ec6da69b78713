//! Administering clients and signing keys: every client property edited
//! through the admin API and the admin page takes effect at the protocol
//! endpoints; branding links on the consent page; bad values refused with
//! a clear error; signing keys listed and rotated over the API and the page.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestApp, TestClient, audit_events, csrf_of, hidden, jwt_claims,
    location, on_both_backends, query, register, signed_in_browser, spawn_app, spawn_app_on,
    token_request, unescape,
};

/// Calls the admin API with `token`; the status and the JSON answer.
async fn call(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The protected header of a JWT.
fn jwt_header(jwt: &str) -> Value {
    use base64::Engine;
    let part = jwt.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The kids `/jwks` publishes.
async fn published_kids(app: &TestApp) -> Vec<String> {
    let jwks: Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect()
}

/// `/authorize` by a signed-in browser: the redirect back to the client
/// (following consent), or the page it answered instead.
async fn authorize_status(app: &TestApp, b: &reqwest::Client, req: &CodeRequest) -> (u16, bool) {
    let r = b.get(req.url(app)).send().await.unwrap();
    let status = r.status().as_u16();
    let redirected = r.status().is_redirection();
    (status, redirected)
}

async fn every_client_property_changes_through_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let path = format!("/clients/{}", client.id);
    let patch = |body: Value| call(&app, &token, Method::PATCH, &path, Some(body));

    // ID token algorithm: the next ID token is signed with it.
    let first = app
        .tokens_for(&client, &alice, "openid offline_access")
        .await;
    assert_eq!(jwt_header(first.id_token())["alg"], "RS256");
    let (s, v) = patch(json!({"id_token_alg": "ES256"})).await;
    assert_eq!((s, v["id_token_alg"].as_str()), (200, Some("ES256")), "{v}");
    let next = app.tokens_for(&client, &alice, "openid").await;
    let header = jwt_header(next.id_token());
    assert_eq!(header["alg"], "ES256");
    assert!(
        published_kids(&app)
            .await
            .contains(&header["kid"].as_str().unwrap().to_owned())
    );

    // Refresh tokens withdrawn: the one issued before stops working, and
    // offline_access yields none.
    let (s, v) = patch(json!({"refresh_tokens": false})).await;
    assert_eq!(s, 200, "{v}");
    assert!(
        !v["grant_types"]
            .as_array()
            .unwrap()
            .contains(&json!("refresh_token"))
    );
    let r = app.refresh(&client, first.refresh(), None).await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized_client");
    let t = app
        .tokens_for(&client, &alice, "openid offline_access")
        .await;
    assert!(t.json.get("refresh_token").is_none(), "{}", t.json);
    let (s, v) = patch(json!({"refresh_tokens": true})).await;
    assert_eq!(s, 200);
    assert!(
        v["grant_types"]
            .as_array()
            .unwrap()
            .contains(&json!("refresh_token"))
    );
    let t = app
        .tokens_for(&client, &alice, "openid offline_access")
        .await;
    assert!(t.json["refresh_token"].is_string());

    // Client credentials withdrawn.
    let (s, _) = patch(json!({"client_credentials": false})).await;
    assert_eq!(s, 200);
    let r = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized_client");

    // Extra scopes: a scope not allowed is dropped, then allowed.
    let (s, v) = patch(json!({"scopes": ["reports:read"], "client_credentials": true})).await;
    assert_eq!((s, v["scopes"].clone()), (200, json!(["reports:read"])));
    let access = app.client_credentials(&client, "reports:read").await;
    assert_eq!(jwt_claims(&access)["scope"], "reports:read");

    // Redirect URIs: a new one works at /authorize, the removed one is refused.
    let b = signed_in_browser(&app, &alice).await;
    let (s, v) = patch(json!({
        "redirect_uris": ["https://rp2.example/cb"],
        "skip_consent": true,
        "post_logout_redirect_uris": ["https://rp2.example/bye"],
    }))
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["post_logout_redirect_uris"],
        json!(["https://rp2.example/bye"])
    );
    let moved = CodeRequest::new(&client, "openid").redirect_uri("https://rp2.example/cb");
    let r = b.get(moved.url(&app)).send().await.unwrap();
    // Skip consent: straight back to the new redirect URI with a code.
    let back = location(&app, &r);
    assert!(back.starts_with("https://rp2.example/cb?"), "{back}");
    assert!(query(&url::Url::parse(&back).unwrap(), "code").is_some());
    let (status, redirected) =
        authorize_status(&app, &b, &CodeRequest::new(&client, "openid")).await;
    assert_eq!(
        (status, redirected),
        (400, false),
        "{REDIRECT} no longer registered"
    );

    // Branding: stored normalized, shown in the API.
    let (s, v) = patch(json!({
        "logo_uri": "https://rp2.example/logo.png",
        "client_uri": "https://rp2.example",
        "policy_uri": "http://localhost:3000/privacy",
        "tos_uri": "https://rp2.example/terms?lang=en",
    }))
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["logo_uri"], "https://rp2.example/logo.png");
    assert_eq!(v["client_uri"], "https://rp2.example/");
    assert_eq!(v["policy_uri"], "http://localhost:3000/privacy");
    assert_eq!(v["tos_uri"], "https://rp2.example/terms?lang=en");
    // "" removes one; absent fields stay.
    let (s, v) = patch(json!({"logo_uri": ""})).await;
    assert_eq!(s, 200);
    assert!(v["logo_uri"].is_null());
    assert_eq!(v["client_uri"], "https://rp2.example/");

    // Name, resource server.
    let (s, v) = patch(json!({"name": "Renamed", "resource_server": true})).await;
    assert_eq!(s, 200);
    assert_eq!(
        (v["name"].as_str(), v["resource_server"].as_bool()),
        (Some("Renamed"), Some(true))
    );

    // Every change is audited with the field names, never a value that is
    // a secret.
    let updates = audit_events(&app, "client.updated").await;
    let fields: Vec<String> = updates
        .iter()
        .filter(|e| e.subject.as_deref() == Some(client.id.as_str()))
        .flat_map(|e| e.details["fields"].as_array().unwrap().clone())
        .map(|f| f.as_str().unwrap().to_owned())
        .collect();
    for f in [
        "id_token_alg",
        "grant_types",
        "scopes",
        "redirect_uris",
        "post_logout_redirect_uris",
        "skip_consent",
        "logo_uri",
        "client_uri",
        "policy_uri",
        "tos_uri",
        "name",
        "resource_server",
    ] {
        assert!(fields.iter().any(|x| x == f), "{f} audited: {fields:?}");
    }
    assert!(
        updates
            .iter()
            .all(|e| e.actor.as_deref().is_some_and(|a| a.starts_with("client:")))
    );

    // A new secret: shown once, the old one stops working, audited.
    let (s, v) = call(&app, &token, Method::POST, &format!("{path}/secret"), None).await;
    assert_eq!(s, 200);
    let fresh = TestClient {
        id: client.id.clone(),
        secret: Some(v["client_secret"].as_str().unwrap().to_owned()),
    };
    app.client_credentials(&fresh, "reports:read").await;
    let r = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 401);
    let rotated = audit_events(&app, "client.secret_rotated").await;
    assert_eq!(rotated.len(), 1);
    assert!(
        !rotated[0]
            .details
            .to_string()
            .contains(fresh.secret.as_deref().unwrap())
    );
}
on_both_backends!(every_client_property_changes_through_the_api);

#[tokio::test]
async fn bad_client_values_are_refused_with_a_clear_error() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let client = register(&app, false, false).await;
    let path = format!("/clients/{}", client.id);
    let long = format!("https://rp.example/{}", "a".repeat(2000));
    for (body, needle) in [
        (
            json!({"logo_uri": "http://rp.example/logo.png"}),
            "logo_uri",
        ),
        (json!({"client_uri": "javascript:alert(1)"}), "client_uri"),
        (json!({"policy_uri": "/privacy"}), "policy_uri"),
        (json!({"tos_uri": "https://user:pw@rp.example/"}), "tos_uri"),
        (json!({"tos_uri": "https://rp.example/a b"}), "tos_uri"),
        (json!({"logo_uri": long}), "2000"),
        (json!({"id_token_alg": "HS256"}), "HS256"),
        (json!({"id_token_alg": "none"}), "none"),
        (json!({"public": true}), "public and confidential"),
        (json!({"redirect_uris": []}), "redirect URI"),
        (json!({"name": ""}), "name"),
        (json!({"scopes": ["bad\"scope"]}), "scope"),
    ] {
        let (s, v) = call(&app, &token, Method::PATCH, &path, Some(body.clone())).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (422, Some("validation_failed")),
            "{body}: {v}"
        );
        assert!(
            v["message"].as_str().unwrap().contains(needle),
            "{body}: {v}"
        );
    }
    // The same rules at creation.
    let (s, v) = call(
        &app,
        &token,
        Method::POST,
        "/clients",
        Some(json!({"name": "X", "redirect_uris": ["https://x.example/cb"], "logo_uri": "ftp://x.example/l.png"})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    // Refresh tokens only for a client that signs users in.
    let (s, v) = call(
        &app,
        &token,
        Method::POST,
        "/clients",
        Some(json!({"name": "Job", "client_credentials": true})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let job = v["client_id"].as_str().unwrap().to_owned();
    let (s, v) = call(
        &app,
        &token,
        Method::PATCH,
        &format!("/clients/{job}"),
        Some(json!({"refresh_tokens": true})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    // Unknown fields and wrong types: 4xx, never 500.
    for body in [
        json!({"logo": "x"}),
        json!({"skip_consent": "yes"}),
        json!([1]),
    ] {
        let (s, _) = call(&app, &token, Method::PATCH, &path, Some(body.clone())).await;
        assert!((400..500).contains(&s), "{body}: {s}");
    }
    // Nothing changed.
    let stored = app
        .state
        .repos
        .clients
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.branding, latchkey::db::Branding::default());
    assert_eq!(stored.id_token_alg.as_str(), "RS256");
}

/// The consent page links to the client's homepage, policy and terms
/// (escaped, `rel="noopener noreferrer"`) and loads no logo from its host.
async fn consent_page_shows_the_branding_escaped(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, false).await;
    latchkey::manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &client.id,
        latchkey::manage::ClientChange {
            logo_uri: Some("https://rp.example/logo.png".into()),
            client_uri: Some("https://rp.example/home".into()),
            policy_uri: Some(
                "https://rp.example/privacy?a=1&b=\"><script>alert(1)</script>".into(),
            ),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let b = signed_in_browser(&app, &alice).await;
    let r = b
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let consent = location(&app, &r);
    assert!(consent.starts_with(&app.url("/consent")), "{consent}");
    let r = b.get(&consent).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("img-src 'self' data:"), "{csp}");
    assert!(!csp.contains("rp.example"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "escaped");
    assert!(!html.contains("<img"), "no remote logo");
    assert!(!html.contains("logo.png"));
    let text = unescape(&html);
    assert!(text.contains(r#"<a href="https://rp.example/home" rel="noopener noreferrer" target="_blank">Homepage</a>"#), "{html}");
    assert!(text.contains("Privacy policy"));
    assert!(
        text.contains("https://rp.example/privacy?a=1&b=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"),
        "{text}"
    );
    assert!(
        !text.contains("Terms of service"),
        "no terms link without tos_uri"
    );
    // The consent form still works.
    assert!(!hidden(&html, "req").is_empty());
}
on_both_backends!(consent_page_shows_the_branding_escaped);

#[tokio::test]
async fn the_client_page_edits_every_property() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let path = format!("/admin/clients/{}", client.id);
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for control in [
        "name=\"client_credentials\"",
        "name=\"refresh_tokens\"",
        "name=\"id_token_alg\"",
        "name=\"logo_uri\"",
        "name=\"client_uri\"",
        "name=\"policy_uri\"",
        "name=\"tos_uri\"",
    ] {
        assert!(html.contains(control), "{control}");
    }
    let csrf = csrf_of(&html);
    let form = |extra: &[(&'static str, &'static str)]| {
        let mut f = vec![
            ("csrf", csrf.clone()),
            ("name", "Wiki".to_owned()),
            (
                "redirect_uris",
                format!("{REDIRECT}\r\nhttps://wiki.example/cb"),
            ),
            (
                "post_logout_redirect_uris",
                "https://wiki.example/bye".to_owned(),
            ),
            ("scopes", "reports:read".to_owned()),
            ("id_token_alg", "EdDSA".to_owned()),
            ("refresh_tokens", "on".to_owned()),
            ("skip_consent", "on".to_owned()),
            ("client_uri", "https://wiki.example/".to_owned()),
            ("policy_uri", "https://wiki.example/privacy".to_owned()),
            ("tos_uri", "https://wiki.example/terms".to_owned()),
            ("logo_uri", "https://wiki.example/logo.svg".to_owned()),
        ];
        f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        f
    };
    let r = app.post_form(&b, &path, &form(&[])).await;
    assert_eq!(r.status(), 303);
    let c = app
        .state
        .repos
        .clients
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.name, "Wiki");
    assert_eq!(c.redirect_uris.len(), 2);
    assert_eq!(
        c.post_logout_redirect_uris,
        vec!["https://wiki.example/bye".to_owned()]
    );
    assert_eq!(c.scopes, vec!["reports:read".to_owned()]);
    assert_eq!(c.id_token_alg.as_str(), "EdDSA");
    assert!(c.skip_consent);
    assert_eq!(
        c.branding.client_uri.as_deref(),
        Some("https://wiki.example/")
    );
    assert_eq!(
        c.branding.tos_uri.as_deref(),
        Some("https://wiki.example/terms")
    );
    assert_eq!(
        c.branding.logo_uri.as_deref(),
        Some("https://wiki.example/logo.svg")
    );
    // The client_credentials box was not ticked: withdrawn.
    let names: Vec<&str> = c.grant_types.iter().map(|g| g.as_str()).collect();
    assert_eq!(names, ["authorization_code", "refresh_token"]);
    // It takes effect: the next ID token is EdDSA, without a consent page.
    let t = app.tokens_for(&client, &alice, "openid").await;
    assert_eq!(jwt_header(t.id_token())["alg"], "EdDSA");
    // The page shows what is stored.
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let text = unescape(&html);
    assert!(
        text.contains(r#"<option value="EdDSA" selected>"#),
        "{text}"
    );
    assert!(text.contains(r#"value="https://wiki.example/terms""#));
    // Bad values: the page again with the reason, nothing changed.
    for (extra, needle) in [
        (
            &[("logo_uri", "http://wiki.example/logo.svg")][..],
            "logo_uri",
        ),
        (&[("id_token_alg", "HS256")][..], "HS256"),
    ] {
        let mut f = form(&[]);
        f.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        let r = app.post_form(&b, &path, &f).await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("role=\"alert\""));
        assert!(unescape(&html).contains(needle), "{needle}");
    }
    let c2 = app
        .state
        .repos
        .clients
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c2, c);
    // Unticking refresh tokens withdraws them; ticking client credentials grants it.
    let mut f = form(&[("client_credentials", "on")]);
    f.retain(|(k, _)| *k != "refresh_tokens");
    let r = app.post_form(&b, &path, &f).await;
    assert_eq!(r.status(), 303);
    let c = app
        .state
        .repos
        .clients
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    let names: Vec<&str> = c.grant_types.iter().map(|g| g.as_str()).collect();
    assert_eq!(names, ["authorization_code", "client_credentials"]);
    assert_eq!(
        audit_events(&app, "client.updated")
            .await
            .iter()
            .filter(|e| e.actor.as_deref() == Some(admin.userid.as_str()))
            .count(),
        2
    );
}

async fn signing_keys_are_listed_and_rotated_over_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let (s, v) = call(&app, &token, Method::GET, "/keys", None).await;
    assert_eq!(s, 200, "{v}");
    let items = v["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|k| k["signing"] == true && k["published"] == true && k["retired_at"].is_null())
    );
    assert!(!v.to_string().contains("private"));
    let old_es = items.iter().find(|k| k["alg"] == "ES256").unwrap()["kid"].clone();

    let (s, v) = call(
        &app,
        &token,
        Method::POST,
        "/keys/rotate",
        Some(json!({"alg": "ES256"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let kid = v["kid"].as_str().unwrap().to_owned();
    assert_eq!(
        (v["alg"].as_str(), v["signing"].as_bool()),
        (Some("ES256"), Some(true))
    );
    // In force at once: published, and it signs the next ES256 token.
    assert!(published_kids(&app).await.contains(&kid));
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, true).await;
    call(
        &app,
        &token,
        Method::PATCH,
        &format!("/clients/{}", client.id),
        Some(json!({"id_token_alg": "ES256"})),
    )
    .await;
    let t = app.tokens_for(&client, &alice, "openid").await;
    assert_eq!(jwt_header(t.id_token())["kid"], kid.as_str());
    // The previous key is retired but still published.
    let (_, v) = call(&app, &token, Method::GET, "/keys", None).await;
    let old = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == old_es)
        .unwrap()
        .clone();
    assert_eq!(
        (old["signing"].as_bool(), old["published"].as_bool()),
        (Some(false), Some(true))
    );
    assert!(old["retired_at"].is_string());
    // Audited with who.
    let rotated = audit_events(&app, "key.rotated").await;
    assert_eq!(rotated.len(), 1);
    assert_eq!(rotated[0].subject.as_deref(), Some(kid.as_str()));
    assert!(rotated[0].actor.as_deref().unwrap().starts_with("client:"));
    // Bad input: 4xx, nothing rotated.
    for body in [
        json!({"alg": "HS256"}),
        json!({"alg": "none"}),
        json!({}),
        json!({"alg": "RS256", "x": 1}),
    ] {
        let (s, v) = call(
            &app,
            &token,
            Method::POST,
            "/keys/rotate",
            Some(body.clone()),
        )
        .await;
        assert!((400..500).contains(&s), "{body}: {s} {v}");
    }
    let (s, v) = call(
        &app,
        &token,
        Method::POST,
        "/keys/rotate",
        Some(json!({"alg": "HS256"})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    assert_eq!(audit_events(&app, "key.rotated").await.len(), 1);
}
on_both_backends!(signing_keys_are_listed_and_rotated_over_the_api);

#[tokio::test]
async fn signing_keys_are_listed_and_rotated_on_the_admin_page() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let before = published_kids(&app).await;
    let r = b.get(app.url("/admin/keys")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"/admin/keys\""), "nav entry");
    for kid in &before {
        assert!(unescape(&html).contains(kid.as_str()), "{kid} listed");
    }
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(html.contains(&format!("Rotate {alg} key")));
    }
    let csrf = csrf_of(&html);
    let r = app
        .post_form(
            &b,
            "/admin/keys/rotate",
            &[("csrf", csrf.as_str()), ("alg", "EdDSA")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/keys?done=rotated");
    let after = published_kids(&app).await;
    let new: Vec<_> = after.iter().filter(|k| !before.contains(k)).collect();
    assert_eq!(new.len(), 1);
    let html = b
        .get(app.url("/admin/keys?done=rotated"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(unescape(&html).contains(new[0].as_str()));
    assert!(html.contains("role=\"status\""));
    let rotated = audit_events(&app, "key.rotated").await;
    assert_eq!(rotated[0].actor.as_deref(), Some(admin.userid.as_str()));
    assert_eq!(rotated[0].details["alg"], "EdDSA");
    // An unknown algorithm: the page with the reason, nothing rotated.
    let r = app
        .post_form(
            &b,
            "/admin/keys/rotate",
            &[("csrf", csrf.as_str()), ("alg", "HS256")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("role=\"alert\""));
    assert_eq!(published_kids(&app).await.len(), after.len());
}
