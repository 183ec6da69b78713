//! Passkeys through the HTTP endpoints, answered by a software authenticator
//! (webauthn-authenticator-rs's `SoftPasskey`).

use serde_json::{Value, json};

use crate::helpers::passkeys::{
    Authenticator, Registered, answer_registration, authenticator, login_page_csrf,
    passkey_sign_in, post_json,
};
use crate::helpers::{TestApp, audit_events, browser, login_page, sign_in, spawn_app};

/// Starts a registration for the signed-in browser `app.http` and answers it
/// from `origin`; returns the finish response and what the authenticator holds.
async fn register(
    app: &TestApp,
    csrf: &str,
    auth: &mut Authenticator,
    origin: &str,
) -> (reqwest::Response, Registered) {
    let r = post_json(app, &app.http, csrf, "/webauthn/register/start", json!({})).await;
    assert_eq!(r.status(), 200);
    let start: Value = r.json().await.unwrap();
    assert_eq!(
        start["options"]["publicKey"]["authenticatorSelection"]["residentKey"],
        "required"
    );
    assert_eq!(
        start["options"]["publicKey"]["authenticatorSelection"]["userVerification"],
        "required"
    );
    let (credential, registered) = answer_registration(auth, origin, &start);
    let r = post_json(
        app,
        &app.http,
        csrf,
        "/webauthn/register/finish",
        json!({ "ceremony": start["ceremony"], "credential": credential, "name": "Laptop" }),
    )
    .await;
    (r, registered)
}

#[tokio::test]
async fn register_a_passkey_and_sign_in_with_it() {
    let app = spawn_app().await;
    let user = app.create_user("alice", "correct horse battery").await;
    let csrf = sign_in(&app, "alice", "correct horse battery").await;
    let mut auth = authenticator();

    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["redirect"], "/account");
    let stored = app.passkeys(&user.userid).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "Laptop");
    assert_eq!(stored[0].last_used_at, None);
    assert_eq!(audit_events(&app, "passkey.registered").await.len(), 1);

    // The same authenticator cannot register the same user twice: the
    // existing credential is excluded.
    let r = post_json(
        &app,
        &app.http,
        &csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    let again: Value = r.json().await.unwrap();
    let excluded = again["options"]["publicKey"]["excludeCredentials"]
        .as_array()
        .unwrap();
    assert_eq!(excluded.len(), 1);

    // Sign in with the passkey from a fresh browser, without a username.
    let other = browser();
    assert!(!is_signed_in_with(&app, &other).await);
    app.clock.advance(10);
    let (replay, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &app.base,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("latchkey_session="))
    );
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["redirect"], "/account");
    assert!(is_signed_in_with(&app, &other).await);

    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    let passkey_session = sessions
        .iter()
        .find(|s| s.amr.contains(&"user".to_owned()))
        .unwrap();
    assert_eq!(
        passkey_session.amr,
        vec!["hwk".to_owned(), "user".to_owned(), "mfa".to_owned()]
    );
    assert_eq!(passkey_session.acr, "2");
    let stored = app.passkeys(&user.userid).await;
    assert!(stored[0].last_used_at.is_some());
    let counter: Value = serde_json::from_str(&stored[0].passkey).unwrap();
    assert_eq!(counter["cred"]["counter"], 1, "{counter}");
    assert_eq!(audit_events(&app, "passkey.used").await.len(), 1);

    // The ceremony is spent: replaying the same answer fails.
    let third = browser();
    let csrf3 = login_page_csrf(&app, &third, "").await;
    let r = post_json(&app, &third, &csrf3, "/webauthn/login/finish", replay).await;
    assert_eq!(r.status(), 400);
    assert!(!is_signed_in_with(&app, &third).await);
}

async fn is_signed_in_with(app: &TestApp, http: &reqwest::Client) -> bool {
    let r = http.get(app.url("/login")).send().await.unwrap();
    r.status() == 303
}

#[tokio::test]
async fn an_assertion_for_another_origin_is_refused() {
    let app = spawn_app().await;
    app.create_user("bob", "correct horse battery").await;
    let csrf = sign_in(&app, "bob", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);

    // Same host, another port: another origin (e.g. a different site on the machine).
    let port: u16 = app.base.rsplit(':').next().unwrap().parse().unwrap();
    let foreign = format!("http://localhost:{}", port.wrapping_add(1));
    let other = browser();
    let (_, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &foreign,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("could not be used")
    );
    assert!(!is_signed_in_with(&app, &other).await);
    assert!(!audit_events(&app, "signin.failure").await.is_empty());

    // And the right origin still works with the same key, returning to the
    // authorization request that is waiting.
    let req = crate::signin::pending_request(&app, json!({})).await;
    let (_, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &app.base,
        &format!("/webauthn/login/finish?req={req}"),
    )
    .await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["redirect"], format!("/authorize/resume?req={req}"));
}

#[tokio::test]
async fn a_registration_for_another_origin_is_refused() {
    let app = spawn_app().await;
    let user = app.create_user("carol", "correct horse battery").await;
    let csrf = sign_in(&app, "carol", "correct horse battery").await;
    let port: u16 = app.base.rsplit(':').next().unwrap().parse().unwrap();
    let foreign = format!("http://localhost:{}", port.wrapping_add(1));
    let (r, _) = register(&app, &csrf, &mut authenticator(), &foreign).await;
    assert_eq!(r.status(), 400);
    assert!(app.passkeys(&user.userid).await.is_empty());
}

#[tokio::test]
async fn registering_needs_a_session_and_signing_in_needs_a_known_passkey() {
    let app = spawn_app().await;
    let page = login_page(&app, "").await;
    let r = post_json(
        &app,
        &app.http,
        &page.csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert!(body["error"].is_string());

    // A passkey registered for a user who was then deleted no longer signs in.
    let user = app.create_user("dora", "correct horse battery").await;
    let csrf = sign_in(&app, "dora", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);
    latchkey::manage::delete_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &user,
    )
    .await
    .unwrap();
    let other = browser();
    let (_, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &app.base,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 400);

    // Garbage is a 400, not a 500.
    let r = post_json(
        &app,
        &other,
        &login_page_csrf(&app, &other, "").await,
        "/webauthn/login/finish",
        json!({ "ceremony": "x", "credential": { "id": 1 } }),
    )
    .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn disabled_users_cannot_sign_in_with_a_passkey() {
    let app = spawn_app().await;
    let user = app.create_user("erin", "correct horse battery").await;
    let csrf = sign_in(&app, "erin", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);
    latchkey::manage::set_user_active(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &user,
        false,
    )
    .await
    .unwrap();
    let other = browser();
    let (_, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &app.base,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(!is_signed_in_with(&app, &other).await);
}

#[tokio::test]
async fn a_passkey_confirms_a_stale_session_before_adding_another() {
    let app = spawn_app().await;
    let user = app.create_user("fay", "correct horse battery").await;
    let csrf = sign_in(&app, "fay", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200, "a fresh sign-in adds a passkey directly");

    // Eleven minutes later, adding another needs a fresh sign-in.
    app.clock.advance(11 * 60);
    let r = post_json(
        &app,
        &app.http,
        &csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 401);
    let refused: Value = r.json().await.unwrap();
    assert_eq!(refused["reauthenticate"], "/login?next=%2Faccount");

    // The passkey confirms it is Fay, and the page comes back to /account.
    let (_, r) = passkey_sign_in(
        &app,
        &app.http,
        &mut auth,
        &key,
        &app.base,
        "/webauthn/login/finish?next=%2Faccount",
    )
    .await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["redirect"], "/account");
    let r = post_json(
        &app,
        &app.http,
        &csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.state
            .repos
            .sessions
            .list_for_user(&user.userid)
            .await
            .unwrap()
            .len(),
        1,
        "the stale session was replaced"
    );
}

#[tokio::test]
async fn passkeys_sign_in_while_the_username_is_locked() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.lockout_threshold = 1;
        s.signin_rate_limit = 1000;
    })
    .await;
    app.create_user("alice", "correct horse battery").await;
    let csrf = sign_in(&app, "alice", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);
    // Password guesses from many addresses lock the username.
    let mut last = None;
    for n in 0..10 {
        let attempt = latchkey::auth::throttle::begin(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings,
            "alice",
            &format!("203.0.113.{n}"),
            None,
        )
        .await
        .unwrap();
        last = Some(attempt.allowed);
    }
    assert_eq!(last, Some(false), "the username is locked");
    // A fresh browser signs in with the passkey all the same.
    let other = browser();
    let (_, r) = passkey_sign_in(
        &app,
        &other,
        &mut auth,
        &key,
        &app.base,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(is_signed_in_with(&app, &other).await);
}

/// A passkey sign-in for an authorization request reaches level "2": the
/// ID token and access token say `acr` "2" and `amr` ["hwk","user","mfa"],
/// and `acr_values=2` is met.
#[tokio::test]
async fn a_passkey_sign_in_gives_the_passkey_level_in_the_tokens() {
    use crate::helpers::{CodeRequest, code_in, jwt_claims, req_id};
    let app = spawn_app().await;
    app.create_user("alice", "correct horse battery").await;
    let csrf = sign_in(&app, "alice", "correct horse battery").await;
    let mut auth = authenticator();
    let (r, key) = register(&app, &csrf, &mut auth, &app.base).await;
    assert_eq!(r.status(), 200);
    let client = crate::helpers::register(&app, false, true).await;

    let b = browser();
    let p = CodeRequest::new(&client, "openid profile")
        .with("nonce", "n1")
        .with("acr_values", "2");
    let r = b.get(p.url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    let (_, r) = passkey_sign_in(
        &app,
        &b,
        &mut auth,
        &key,
        &app.base,
        &format!("/webauthn/login/finish?req={id}"),
    )
    .await;
    assert_eq!(r.status(), 200);
    let done: Value = r.json().await.unwrap();
    let next = app.url(done["redirect"].as_str().unwrap());
    let code = code_in(b.get(&next).send().await.unwrap())
        .await
        .expect("a code at the passkey level");
    let tokens = app.exchange(&client, &code).await;
    for token in ["id_token", "access_token"] {
        let claims = jwt_claims(tokens.json[token].as_str().unwrap());
        assert_eq!(claims["acr"], "2", "{token}");
        assert_eq!(claims["amr"], json!(["hwk", "user", "mfa"]), "{token}");
    }
}
