//! The error cases of the protocol, one table-driven test per endpoint family.

use serde_json::Value;

use crate::helpers::{
    Backend, CodeRequest, POST_LOGOUT, REDIRECT, TestApp, TestClient, VERIFIER, challenge, hidden,
    location, on_both_backends, query, register, register_admin, signed_in_browser, spawn_app_on,
    token_request, walk,
};

const SCOPE: &str = "openid profile offline_access";

/// `/authorize` with the client and the registered redirect URI, and
/// exactly `params` besides.
fn authorize_url(app: &TestApp, client: &TestClient, params: &[(&str, &str)]) -> String {
    let mut all = vec![
        ("client_id", client.id.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    all.extend_from_slice(params);
    app.authorize_url(&all)
}

async fn untrusted_client_or_redirect_shows_a_page_and_never_redirects(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, false, false).await;
    let cases = [
        (
            "unregistered redirect",
            format!(
                "{}/authorize?client_id={}&redirect_uri=https://evil.example/cb&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
        (
            "unknown client",
            format!(
                "{}/authorize?client_id=nope&redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base
            ),
        ),
        (
            "no client",
            format!(
                "{}/authorize?redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base
            ),
        ),
        (
            "duplicate client_id",
            format!(
                "{}/authorize?client_id={}&client_id=x&redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
        (
            "redirect with extra query",
            format!(
                "{}/authorize?client_id={}&redirect_uri={REDIRECT}?x=1&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
    ];
    for (name, url) in cases {
        let r = app.http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 400, "{name}");
        assert!(
            r.headers().get("location").is_none(),
            "{name} must not redirect"
        );
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{name}"
        );
    }
}

async fn bad_requests_return_errors_to_the_client_with_state_and_iss(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let confidential = register(&app, false, false).await;
    let public = register(&app, true, false).await;
    let c = challenge(VERIFIER);
    let cases: Vec<(&str, &TestClient, Vec<(&str, &str)>, &str)> = vec![
        (
            "missing response_type",
            &confidential,
            vec![("scope", "openid"), ("state", "s1")],
            "invalid_request",
        ),
        (
            "token response_type",
            &confidential,
            vec![
                ("response_type", "token"),
                ("scope", "openid"),
                ("state", "s1"),
            ],
            "unsupported_response_type",
        ),
        (
            "no openid scope",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "profile"),
                ("state", "s1"),
            ],
            "invalid_scope",
        ),
        (
            "plain PKCE",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("code_challenge", VERIFIER),
                ("code_challenge_method", "plain"),
            ],
            "invalid_request",
        ),
        (
            "public client without PKCE",
            &public,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
            ],
            "invalid_request",
        ),
        (
            "request object",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("request", "eyJ.x.y"),
            ],
            "request_not_supported",
        ),
        (
            "request_uri",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("request_uri", "https://x/r"),
            ],
            "request_uri_not_supported",
        ),
        (
            "bad prompt",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("prompt", "none login"),
            ],
            "invalid_request",
        ),
        (
            "bad max_age",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("max_age", "-5"),
            ],
            "invalid_request",
        ),
        (
            "prompt=none without session",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("prompt", "none"),
                ("code_challenge", &c),
                ("code_challenge_method", "S256"),
            ],
            "login_required",
        ),
    ];
    for (name, client, params, error) in cases {
        let r = app
            .http
            .get(authorize_url(&app, client, &params))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{name}: {}", r.status());
        let back = url::Url::parse(&location(&app, &r)).unwrap();
        assert!(back.as_str().starts_with(REDIRECT), "{name}");
        assert_eq!(query(&back, "error").as_deref(), Some(error), "{name}");
        assert_eq!(query(&back, "state").as_deref(), Some("s1"), "{name}");
        assert_eq!(
            query(&back, "iss").as_deref(),
            Some(app.base.as_str()),
            "{name}"
        );
    }
}

/// The caches (`LATCHKEY_CACHE_TTL`): a user disabled by someone else (the
/// CLI beside the server, another instance) through a connection of their
/// own is refused at userinfo and introspection once the TTL has passed;
/// a user disabled through this server is refused at once.
async fn changes_made_beside_the_server_take_effect_within_the_cache_ttl(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let ttl = app.state.settings.cache_ttl;
    assert!(!ttl.is_zero(), "caching is on by default");
    let client = register(&app, false, true).await;

    // Beside the server: a second, uncached connection to the same database.
    let user = app.create_user("carol", "correct horse battery").await;
    let access = app.tokens_for(&client, &user, SCOPE).await.access;
    assert_eq!(app.userinfo_status(&access).await, 200);
    let beside = latchkey::db::connect(&app.state.settings.database_url)
        .await
        .unwrap();
    beside
        .users
        .set_active(&user.userid, false, latchkey::clock::Clock::now(&app.clock))
        .await
        .unwrap();
    // Every cached answer was stored before this instant, so a request
    // sent a TTL after it must be refused. What counts is when a request
    // was sent, not when its answer came back: a loaded machine may take
    // seconds to answer one that was sent in time.
    let disabled = std::time::Instant::now();
    loop {
        let sent = std::time::Instant::now();
        let status = app.userinfo_status(&access).await;
        if status == 401 {
            break;
        }
        assert_eq!(status, 200);
        assert!(
            sent.duration_since(disabled) < ttl,
            "a user disabled beside the server was still served after the cache TTL"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let body = app.introspect(&client, &access).await;
    assert_eq!(body["active"], false);

    // Through this server: at once, even right after a cached answer.
    let user = app.create_user("dave", "correct horse battery").await;
    let access = app.tokens_for(&client, &user, SCOPE).await.access;
    assert_eq!(app.userinfo_status(&access).await, 200);
    latchkey::manage::set_user_active(
        &app.state.repos,
        &app.clock,
        &latchkey::manage::Actor {
            id: "test".into(),
            ip: None,
        },
        &user,
        false,
    )
    .await
    .unwrap();
    assert_eq!(app.userinfo_status(&access).await, 401);
}

async fn code_reuse_fails_and_revokes_the_first_tokens(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("bob", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let browser = signed_in_browser(&app, &user).await;
    let code = app
        .authorize(&browser, &CodeRequest::new(&client, SCOPE))
        .await;
    let first = app.redeem(&client, &code).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "no-store");
    let tokens: Value = first.json().await.unwrap();
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.userinfo_status(&access).await, 200);

    let second = app.redeem(&client, &code).await;
    assert_eq!(second.status(), 400);
    let err: Value = second.json().await.unwrap();
    assert_eq!(err["error"], "invalid_grant");

    assert_eq!(
        app.userinfo_status(&access).await,
        401,
        "the first access token stopped working at userinfo"
    );
    let intro = app.introspect(&client, &access).await;
    assert_eq!(intro["active"], false, "and at introspection");
    // The refresh token from the first redemption is dead too.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let r = app.refresh(&client, refresh, None).await;
    assert_eq!(r.status(), 400);
}

async fn refresh_reuse_revokes_the_family_and_scope_only_narrows(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("carol", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let tokens = app.tokens_for(&client, &user, SCOPE).await;
    let r1 = tokens.refresh().to_owned();

    let wider = app
        .refresh(&client, &r1, Some("openid profile email"))
        .await;
    assert_eq!(wider.status(), 400);
    assert_eq!(
        wider.json::<Value>().await.unwrap()["error"],
        "invalid_scope"
    );

    let narrowed: Value = app
        .refresh(&client, &r1, Some("openid"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(narrowed["scope"], "openid");
    let r2 = narrowed["refresh_token"].as_str().unwrap().to_owned();
    let a2 = narrowed["access_token"].as_str().unwrap().to_owned();

    // Reusing r1 is theft: the whole family dies, r2 and its access token included.
    let reuse = app.refresh(&client, &r1, None).await;
    assert_eq!(
        reuse.json::<Value>().await.unwrap()["error"],
        "invalid_grant"
    );
    let r = app.refresh(&client, &r2, None).await;
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_grant");
    assert_eq!(app.userinfo_status(&a2).await, 401);
}

async fn token_endpoint_errors(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("dave", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let browser = signed_in_browser(&app, &user).await;
    let request = CodeRequest::new(&client, SCOPE);

    let code = app.authorize(&browser, &request).await;
    let r = app
        .redeem_with(
            &client,
            &code,
            REDIRECT,
            "wrong-verifier-wrong-verifier-wrong-verifier-x",
        )
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "invalid_grant",
        "wrong PKCE verifier"
    );

    let code = app.authorize(&browser, &request).await;
    let wrong = TestClient {
        id: client.id.clone(),
        secret: Some("not-the-secret".into()),
    };
    let r = app.redeem_with(&wrong, &code, REDIRECT, VERIFIER).await;
    assert_eq!(r.status(), 401, "wrong client secret");
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");

    // The code lives 60 seconds.
    let code = app.authorize(&browser, &request).await;
    app.clock.advance(61);
    let r = app.redeem(&client, &code).await;
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "invalid_grant",
        "expired code"
    );

    let cases: Vec<(&str, Vec<(&str, &str)>, u16, &str)> = vec![
        ("no grant_type", vec![], 400, "invalid_request"),
        (
            "unknown grant",
            vec![("grant_type", "password")],
            400,
            "unsupported_grant_type",
        ),
        (
            "unknown code",
            vec![
                ("grant_type", "authorization_code"),
                ("code", "nope"),
                ("redirect_uri", REDIRECT),
            ],
            400,
            "invalid_grant",
        ),
        (
            "duplicate parameter",
            vec![
                ("grant_type", "client_credentials"),
                ("grant_type", "client_credentials"),
            ],
            400,
            "invalid_request",
        ),
    ];
    for (name, form, status, error) in cases {
        let r = token_request(&app, &client, &form).await;
        assert_eq!(r.status().as_u16(), status, "{name}");
        assert_eq!(r.json::<Value>().await.unwrap()["error"], error, "{name}");
    }
    // Wrong content type and no authentication at all.
    let r = reqwest::Client::new()
        .post(app.url("/token"))
        .basic_auth(&client.id, client.secret.as_deref())
        .json(&serde_json::json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = reqwest::Client::new()
        .post(app.url("/token"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn max_age_and_prompt_login_force_a_new_sign_in(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("erin", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    // A fresh session satisfies max_age.
    let request = CodeRequest::new(&client, SCOPE).with("max_age", "60");
    let back = walk(&app, &browser, &request.url(&app), true).await;
    assert!(query(&back, "code").is_some());
    // Two minutes later it does not.
    app.clock.advance(120);
    let r = browser.get(request.url(&app)).send().await.unwrap();
    assert!(
        location(&app, &r).starts_with(&app.url("/login?req=")),
        "max_age forces a new sign-in"
    );
    let forced = CodeRequest::new(&client, SCOPE).with("prompt", "login");
    let r = browser.get(forced.url(&app)).send().await.unwrap();
    assert!(
        location(&app, &r).starts_with(&app.url("/login?req=")),
        "prompt=login forces a new sign-in"
    );
}

async fn deny_returns_access_denied_and_consent_is_remembered(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("frank", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let browser = signed_in_browser(&app, &user).await;
    let request = CodeRequest::new(&client, SCOPE);
    let back = walk(&app, &browser, &request.url(&app), false).await;
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    // Allow once; the next request goes straight through without a consent page.
    walk(&app, &browser, &request.url(&app), true).await;
    let r = browser.get(request.url(&app)).send().await.unwrap();
    let loc = location(&app, &r);
    assert!(
        loc.starts_with(REDIRECT) && loc.contains("code="),
        "consent remembered: {loc}"
    );
    // prompt=consent asks again; prompt=none with remembered consent issues a code.
    let again = request.with("prompt", "consent");
    let r = browser.get(again.url(&app)).send().await.unwrap();
    assert!(location(&app, &r).starts_with(&app.url("/consent")));
}

async fn form_post_response_mode_renders_an_auto_submitting_form(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("gina", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let request = CodeRequest::new(&client, SCOPE).with("response_mode", "form_post");
    let r = browser.get(request.url(&app)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(!csp.contains("unsafe-inline"));
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    assert!(html.contains(&format!("action=\"{REDIRECT}\"")));
    assert!(html.contains("name=\"code\""));
    assert!(html.contains("name=\"iss\""));
    assert!(html.contains("/static/form_post.js"));
}

async fn client_credentials_and_introspection(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register_admin(&app, false, false).await;
    let r = token_request(
        &app,
        &client,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "latchkey:admin"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert!(body.get("refresh_token").is_none() && body.get("id_token").is_none());
    let token = body["access_token"].as_str().unwrap();
    // Client authentication in the form this time (client_secret_post).
    let intro: Value = reqwest::Client::new()
        .post(app.url("/introspect"))
        .form(&[
            ("token", token),
            ("client_id", client.id.as_str()),
            ("client_secret", client.secret.as_deref().unwrap()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(intro["active"], true);
    assert_eq!(intro["scope"], "latchkey:admin");
    assert_eq!(intro["client_id"], client.id);
    let r = token_request(
        &app,
        &client,
        &[("grant_type", "client_credentials"), ("scope", "openid")],
    )
    .await;
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_scope");
    // A public client may not introspect.
    let public = register(&app, true, false).await;
    let r = reqwest::Client::new()
        .post(app.url("/introspect"))
        .form(&[("token", token), ("client_id", public.id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // A client-credentials token is not a user: userinfo refuses it.
    assert_eq!(app.userinfo_status(token).await, 401);
    assert_eq!(
        reqwest::Client::new()
            .get(app.url("/userinfo"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

async fn logout_without_proof_asks_for_confirmation(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    // An unregistered post-logout URI is refused without redirecting.
    let r = browser
        .get(format!(
            "{}/logout?client_id={}&post_logout_redirect_uri=https://evil.example/",
            app.base, client.id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // No hint: a confirmation page with a Sign out button.
    let r = browser
        .get(format!(
            "{}/logout?client_id={}&post_logout_redirect_uri={}&state=st",
            app.base, client.id, POST_LOGOUT
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(">Sign out</button>"));
    let mut form: Vec<(String, String)> = vec![("confirm".into(), "yes".into())];
    for f in ["csrf", "client_id", "post_logout_redirect_uri", "state"] {
        form.push((f.into(), hidden(&html, f)));
    }
    let r = browser
        .post(app.url("/logout"))
        .header("origin", &app.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection(),
        "{}: {}",
        r.status(),
        r.text().await.unwrap()
    );
    assert_eq!(location(&app, &r), format!("{}?state=st", POST_LOGOUT));
    assert!(
        app.state
            .repos
            .sessions
            .list_for_user(&user.userid)
            .await
            .unwrap()
            .is_empty(),
        "the session ended in the database"
    );
}

on_both_backends!(changes_made_beside_the_server_take_effect_within_the_cache_ttl);
on_both_backends!(untrusted_client_or_redirect_shows_a_page_and_never_redirects);
on_both_backends!(bad_requests_return_errors_to_the_client_with_state_and_iss);
on_both_backends!(code_reuse_fails_and_revokes_the_first_tokens);
on_both_backends!(refresh_reuse_revokes_the_family_and_scope_only_narrows);
on_both_backends!(token_endpoint_errors);
on_both_backends!(max_age_and_prompt_login_force_a_new_sign_in);
on_both_backends!(deny_returns_access_denied_and_consent_is_remembered);
on_both_backends!(form_post_response_mode_renders_an_auto_submitting_form);
on_both_backends!(client_credentials_and_introspection);
on_both_backends!(logout_without_proof_asks_for_confirmation);
