//! What an issued token opens: userinfo and introspection, for user and
//! client-credentials tokens, and how soon a change to the user reaches
//! them.

use serde_json::Value;

use crate::helpers::{
    Backend, on_both_backends, register, register_admin, spawn_app_on, token_request,
};

const SCOPE: &str = "openid profile offline_access";

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
            role: None,
        },
        &user,
        false,
    )
    .await
    .unwrap();
    assert_eq!(app.userinfo_status(&access).await, 401);
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

on_both_backends!(changes_made_beside_the_server_take_effect_within_the_cache_ttl);
on_both_backends!(client_credentials_and_introspection);
