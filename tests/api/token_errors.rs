//! What `/token` refuses: a code redeemed twice (which also revokes what
//! the first redemption gave), a reused refresh token (which ends the
//! family) or a wider scope at refresh, and malformed or unauthenticated
//! requests.

use serde_json::Value;

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestClient, VERIFIER, on_both_backends, register,
    signed_in_browser, spawn_app_on, token_request,
};

const SCOPE: &str = "openid profile offline_access";

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

on_both_backends!(code_reuse_fails_and_revokes_the_first_tokens);
on_both_backends!(refresh_reuse_revokes_the_family_and_scope_only_narrows);
on_both_backends!(token_endpoint_errors);
