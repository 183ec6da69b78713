//! What a client may reach (issue 14): the scopes it may receive, the admin
//! scope and the admin API's audience, the order of code redemption,
//! introspection by other clients, and the redirect URI rules.

use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestApp, TestClient, VERIFIER, jwt_claims, location,
    on_both_backends, query, register, register_admin, signed_in_browser, spawn_app, spawn_app_on,
    token_request, walk,
};
use latchkey::manage::{self, Actor, ClientChange, CreateClient, ManageError};

/// Redeems `code` sent to `redirect`: the status and the body.
async fn redeem(app: &TestApp, client: &TestClient, code: &str, redirect: &str) -> (u16, Value) {
    let r = app.redeem_with(client, code, redirect, VERIFIER).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

/// Reproduction 1 of issue 14: a client created without `--scope
/// latchkey:admin`, with `--skip-consent`, asks for the admin scope while an
/// administrator is signed in. (Before the fix: code issued silently, scope
/// `openid latchkey:admin`, admin API 200.)
async fn a_client_not_allowed_the_admin_scope_never_receives_it(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let admin = app.create_admin("root").await;
    let demo = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &admin).await;
    let url = CodeRequest::new(&demo, "openid latchkey:admin").url(&app);
    let r = browser.get(&url).send().await.unwrap();
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    let code = query(&back, "code").expect("the user scopes are issued without consent");
    let (status, body) = redeem(&app, &demo, &code, REDIRECT).await;
    assert_eq!(status, 200);
    assert_eq!(body["scope"], "openid", "the admin scope was dropped");
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(jwt_claims(access)["aud"], json!(demo.id));
    assert_eq!(app.admin_api_status(access).await, 403);
    // Nor through client credentials.
    let r = token_request(
        &app,
        &demo,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "latchkey:admin"),
        ],
    )
    .await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_scope");
    // Discovery does not advertise the internal scope.
    let meta: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let scopes = meta["scopes_supported"].as_array().unwrap();
    assert!(scopes.contains(&json!("openid")));
    assert!(!scopes.contains(&json!("latchkey:admin")), "{scopes:?}");
}
on_both_backends!(a_client_not_allowed_the_admin_scope_never_receives_it);

/// Tokens minted by hand with the server's own keys: what the admin API
/// does with an admin-scoped token whose audience is not the admin API, or
/// whose client was never allowed the admin scope.
#[tokio::test]
async fn the_admin_api_refuses_tokens_for_another_audience_or_client() {
    let app = spawn_app().await;
    let admin = app.create_admin("root").await;
    let allowed = register_admin(&app, false, false).await;
    let plain = register(&app, false, false).await;
    let now = app.state.clock.now();
    let admin_aud = format!("{}/api/admin/v1", app.base);
    let mint = |client: &str, aud: Value| {
        let claims = json!({
            "iss": app.base,
            "sub": admin.userid,
            "aud": aud,
            "exp": now + 300,
            "iat": now,
            "jti": format!("grant{client}.x"),
            "client_id": client,
            "scope": "openid latchkey:admin",
            "auth_time": now,
            "acr": "1",
            "amr": ["pwd"],
        });
        let keys = app.state.keys.clone();
        async move {
            latchkey::oidc::tokens::sign(
                &keys,
                latchkey::config::SigningAlg::RS256,
                "at+jwt",
                claims,
            )
            .await
            .unwrap()
        }
    };
    // The relying party's own token (audience: the client) opens nothing.
    let own = mint(&allowed.id, json!(allowed.id)).await;
    assert_eq!(app.admin_api_status(&own).await, 401);
    // The admin API's audience, but a client never allowed the scope.
    let foreign = mint(&plain.id, json!([plain.id, admin_aud])).await;
    assert_eq!(app.admin_api_status(&foreign).await, 403);
    // The same for the allowed client works.
    let good = mint(&allowed.id, json!([allowed.id, admin_aud])).await;
    assert_eq!(app.admin_api_status(&good).await, 200);
}

/// A client allowed the admin scope still shows the consent screen for it,
/// whatever `skip_consent` or remembered consent say; its token names the
/// admin API as audience; withdrawing the allowance stops the token and
/// drops the scope at refresh.
async fn the_admin_scope_always_asks_for_consent(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let admin = app.create_admin("root").await;
    let console = register_admin(&app, false, true).await;
    let browser = signed_in_browser(&app, &admin).await;
    let scope = "openid offline_access latchkey:admin";
    for round in 0..2 {
        let r = browser
            .get(CodeRequest::new(&console, scope).url(&app))
            .send()
            .await
            .unwrap();
        assert!(
            location(&app, &r).starts_with(&app.url("/consent?req=")),
            "round {round}: skip_consent does not skip the admin scope"
        );
        let _ = walk(
            &app,
            &browser,
            &CodeRequest::new(&console, scope).url(&app),
            true,
        )
        .await;
    }
    // prompt=none cannot grant it silently either.
    let r = browser
        .get(
            CodeRequest::new(&console, scope)
                .with("prompt", "none")
                .url(&app),
        )
        .send()
        .await
        .unwrap();
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert_eq!(query(&back, "error").as_deref(), Some("consent_required"));
    // Without the admin scope the same client skips consent as configured.
    let r = browser
        .get(CodeRequest::new(&console, "openid").url(&app))
        .send()
        .await
        .unwrap();
    assert!(location(&app, &r).starts_with(REDIRECT));

    let back = walk(
        &app,
        &browser,
        &CodeRequest::new(&console, scope).url(&app),
        true,
    )
    .await;
    let code = query(&back, "code").unwrap();
    let (status, body) = redeem(&app, &console, &code, REDIRECT).await;
    assert_eq!(status, 200);
    assert_eq!(body["scope"], scope);
    let access = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        jwt_claims(&access)["aud"],
        json!([console.id, format!("{}/api/admin/v1", app.base)])
    );
    assert_eq!(app.admin_api_status(&access).await, 200);

    // An administrator withdraws the allowance.
    manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &console.id,
        ClientChange {
            scopes: Some(vec![]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    app.clock.advance(61);
    assert_eq!(app.admin_api_status(&access).await, 403);
    let r = app
        .refresh(&console, body["refresh_token"].as_str().unwrap(), None)
        .await;
    assert_eq!(r.status(), 200);
    let refreshed: Value = r.json().await.unwrap();
    assert_eq!(refreshed["scope"], "openid offline_access");
    assert_eq!(
        jwt_claims(refreshed["access_token"].as_str().unwrap())["aud"],
        json!(console.id)
    );
}
on_both_backends!(the_admin_scope_always_asks_for_consent);

/// A code seen by another client cannot be burnt by it: everything is
/// checked before the code is spent, and the error names no owner.
async fn a_leaked_code_presented_by_another_client_stays_good(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("bob", "correct horse battery").await;
    let real = register(&app, false, true).await;
    let other = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let r = browser
        .get(CodeRequest::new(&real, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let code = query(&url::Url::parse(&location(&app, &r)).unwrap(), "code").unwrap();

    let (status, body) = redeem(&app, &other, &code, REDIRECT).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");
    let description = body["error_description"].as_str().unwrap_or_default();
    assert!(
        !description.contains("client"),
        "the error does not say whose code it is: {description}"
    );
    // A wrong redirect URI or verifier from the real client does not spend it either.
    let (status, _) = redeem(&app, &real, &code, "http://localhost:1/other").await;
    assert_eq!(status, 400);
    let r = app
        .redeem_with(
            &real,
            &code,
            REDIRECT,
            "wrong-verifier-wrong-verifier-wrong-verifier-x",
        )
        .await;
    assert_eq!(r.status(), 400);

    let (status, body) = redeem(&app, &real, &code, REDIRECT).await;
    assert_eq!(status, 200, "{body}");
    // And a second redemption is still a replay.
    let (status, _) = redeem(&app, &real, &code, REDIRECT).await;
    assert_eq!(status, 400);
}
on_both_backends!(a_leaked_code_presented_by_another_client_stays_good);

/// Introspection answers `active: true` only to the client the token was
/// issued to, or to a client an administrator marked as a resource server.
async fn introspection_is_for_the_owner_or_a_resource_server(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("carol", "correct horse battery").await;
    let owner = register(&app, false, true).await;
    let nosy = register(&app, false, true).await;
    let api = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let r = browser
        .get(CodeRequest::new(&owner, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let code = query(&url::Url::parse(&location(&app, &r)).unwrap(), "code").unwrap();
    let (_, body) = redeem(&app, &owner, &code, REDIRECT).await;
    let access = body["access_token"].as_str().unwrap();

    let seen = app.introspect(&nosy, access).await;
    assert_eq!(
        seen,
        json!({"active": false}),
        "another client learns nothing"
    );
    let seen = app.introspect(&owner, access).await;
    assert_eq!(seen["active"], true);
    assert_eq!(seen["username"], "carol");
    assert_eq!(app.introspect(&api, access).await["active"], false);

    manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &api.id,
        ClientChange {
            resource_server: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    app.clock.advance(61);
    let stored = app.state.repos.clients.get(&api.id).await.unwrap().unwrap();
    assert!(stored.resource_server);
    let seen = app.introspect(&api, access).await;
    assert_eq!(seen["active"], true, "a resource server may introspect");
    assert_eq!(seen["client_id"], owner.id);
}
on_both_backends!(introspection_is_for_the_owner_or_a_resource_server);

async fn create(app: &TestApp, uri: &str) -> Result<String, ManageError> {
    manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Native".into(),
            redirect_uris: vec![uri.into()],
            public: true,
            skip_consent: true,
            ..Default::default()
        },
    )
    .await
    .map(|c| c.client_id)
}

/// `https` everywhere but loopback; loopback IP literals match any port;
/// private-use schemes of native apps stay allowed.
#[tokio::test]
async fn redirect_uri_rules_at_registration_and_at_authorize() {
    let app = spawn_app().await;
    for bad in [
        "http://evil.example/cb",
        "http://192.168.1.10/cb",
        "https://app.example/cb#frag",
        "javascript:alert(1)",
        "data:text/html,x",
        "myapp:/cb",
    ] {
        let refused = create(&app, bad).await;
        assert!(
            matches!(refused, Err(ManageError::Invalid(_))),
            "{bad}: {refused:?}"
        );
    }
    let id = create(&app, "http://127.0.0.1/cb").await.unwrap();
    let change = |uri: &str| ClientChange {
        redirect_uris: Some(vec![uri.into()]),
        ..Default::default()
    };
    let refused = manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &id,
        change("http://evil.example/cb"),
    )
    .await;
    assert!(
        matches!(refused, Err(ManageError::Invalid(_))),
        "{refused:?}"
    );
    // Through the admin API too (422).
    let admin = app.create_admin("root").await;
    let api_client = register_admin(&app, false, false).await;
    let token = app.client_credentials(&api_client, "latchkey:admin").await;
    let r = reqwest::Client::new()
        .post(app.url("/api/admin/v1/clients"))
        .bearer_auth(&token)
        .json(&json!({"name": "Evil", "redirect_uris": ["http://evil.example/cb"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    let native = TestClient {
        id: id.clone(),
        secret: None,
    };
    let browser = signed_in_browser(&app, &admin).await;
    // Any port on the loopback IP literal; the code is bound to the URI used.
    let used = "http://127.0.0.1:51234/cb";
    let r = browser
        .get(
            CodeRequest::new(&native, "openid")
                .redirect_uri(used)
                .url(&app),
        )
        .send()
        .await
        .unwrap();
    let back = location(&app, &r);
    assert!(back.starts_with(&format!("{used}?")), "{back}");
    let code = query(&url::Url::parse(&back).unwrap(), "code").unwrap();
    let (status, body) = redeem(&app, &native, &code, used).await;
    assert_eq!(status, 200, "{body}");
    // The path stays exact, and so does the host.
    for wrong in ["http://127.0.0.1:51234/other", "http://localhost:51234/cb"] {
        let r = browser
            .get(
                CodeRequest::new(&native, "openid")
                    .redirect_uri(wrong)
                    .url(&app),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{wrong}");
        assert!(r.headers().get("location").is_none());
    }
    // A private-use scheme of a native app.
    let app_id = create(&app, "com.example.app:/cb").await.unwrap();
    let native = TestClient {
        id: app_id,
        secret: None,
    };
    let r = browser
        .get(
            CodeRequest::new(&native, "openid")
                .redirect_uri("com.example.app:/cb")
                .url(&app),
        )
        .send()
        .await
        .unwrap();
    let back = location(&app, &r);
    assert!(back.starts_with("com.example.app:/cb?code="), "{back}");
}
