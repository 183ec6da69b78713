//! Accepting an invite with a passkey (software authenticator), then signing
//! in with it; recovery invites add a passkey to the existing account.

use serde_json::{Value, json};

use crate::helpers::passkeys::{
    Authenticator, Registered, answer_registration, authenticator, passkey_sign_in, post_json,
};
use crate::helpers::{TestApp, browser, csrf_of, spawn_app};
use latchkey::manage::{self, Actor};

/// The invite page's CSRF token (from its `<meta name="csrf-token">`).
pub(crate) async fn page_csrf(http: &reqwest::Client, url: &str) -> String {
    let html = http.get(url).send().await.unwrap().text().await.unwrap();
    let marker = r#"<meta name="csrf-token" content=""#;
    let start = html.find(marker).expect("csrf meta") + marker.len();
    let token = html[start..start + html[start..].find('"').unwrap()].to_owned();
    assert_eq!(token, csrf_of(&html));
    token
}

/// Runs the invite's passkey ceremony in `http`; returns the finish answer.
pub(crate) async fn accept(
    app: &TestApp,
    http: &reqwest::Client,
    auth: &mut Authenticator,
    invite_url: &str,
) -> (reqwest::Response, Registered) {
    let path = invite_url.strip_prefix(&app.base).unwrap().to_owned();
    let csrf = page_csrf(http, invite_url).await;
    let r = post_json(
        app,
        http,
        &csrf,
        &format!("{path}/passkey/start"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let start: Value = r.json().await.unwrap();
    let (credential, key) = answer_registration(auth, &app.base, &start);
    let r = post_json(
        app,
        http,
        &csrf,
        &format!("{path}/passkey/finish"),
        json!({"ceremony": start["ceremony"], "credential": credential, "name": "Phone"}),
    )
    .await;
    (r, key)
}

/// A usernameless passkey sign-in in a fresh browser; returns the finish answer.
async fn sign_in_in_a_fresh_browser(
    app: &TestApp,
    auth: &mut Authenticator,
    key: &Registered,
) -> (reqwest::Client, reqwest::Response) {
    let http = browser();
    let (_, r) = passkey_sign_in(app, &http, auth, key, &app.base, "/webauthn/login/finish").await;
    (http, r)
}

async fn new_invite(app: &TestApp, username: &str) -> String {
    app.create_invite(manage::CreateInvite {
        username: username.into(),
        groups: vec!["staff".into()],
        ttl_seconds: 3600,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn create_accept_with_a_passkey_and_sign_in() {
    let app = spawn_app().await;
    let url = new_invite(&app, "pia").await;
    let mut auth = authenticator();
    let http = browser();
    let (r, key) = accept(&app, &http, &mut auth, &url).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("set-cookie"));
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["redirect"], "/account");
    // The account exists with the invited groups and the passkey; the
    // WebAuthn user handle is derived from its userid.
    let user = app
        .state
        .repos
        .users
        .get_by_username("pia")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.groups, vec!["staff".to_owned()]);
    let handle = latchkey::auth::passkey::user_handle(&user.userid);
    assert_eq!(key.user_handle.as_ref(), handle.as_bytes());
    let keys = app.passkeys(&user.userid).await;
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].name, "Phone");
    // Signed in: the account page lists the passkey.
    let page = http.get(app.url("/account")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Phone"));
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    assert_eq!(sessions[0].acr, "2");
    assert!(sessions[0].amr.contains(&"user".to_owned()));
    // A second use fails (page and endpoint), and no second account appears.
    let again = browser().get(&url).send().await.unwrap();
    assert_eq!(again.status(), 410);
    assert!(again.text().await.unwrap().contains("already been used"));
    let path = url.strip_prefix(&app.base).unwrap();
    let r = post_json(
        &app,
        &http,
        &page_csrf(&http, &app.url("/account")).await,
        &format!("{path}/passkey/start"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 410);
    // Later, the passkey signs the user in.
    app.clock.advance(5);
    let (other, r) = sign_in_in_a_fresh_browser(&app, &mut auth, &key).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        other
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn the_passkey_endpoints_refuse_bad_invites_and_forged_requests() {
    let app = spawn_app().await;
    let url = new_invite(&app, "quinn").await;
    let path = url.strip_prefix(&app.base).unwrap().to_owned();
    let http = browser();
    let csrf = page_csrf(&http, &url).await;
    // No CSRF header: refused.
    let r = http
        .post(app.url(&format!("{path}/passkey/start")))
        .header("Origin", &app.base)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Unknown token.
    let r = post_json(&app, &http, &csrf, "/invite/nope/passkey/start", json!({})).await;
    assert_eq!(r.status(), 404);
    assert!(r.json::<Value>().await.unwrap()["error"].as_str().is_some());
    // Garbage finish.
    let r = post_json(
        &app,
        &http,
        &csrf,
        &format!("{path}/passkey/finish"),
        json!({"ceremony": "x"}),
    )
    .await;
    assert_eq!(r.status(), 400);
    let r = post_json(&app, &http, &csrf, &format!("{path}/passkey/finish"), json!({"ceremony": "x", "credential": {"id": "", "rawId": "", "type": "public-key", "response": {"attestationObject": "", "clientDataJSON": ""}, "extensions": {}}})).await;
    assert_eq!(r.status(), 400);
    // Expired invite.
    app.clock.advance(3601);
    let r = post_json(
        &app,
        &http,
        &csrf,
        &format!("{path}/passkey/start"),
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 410);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("quinn")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_recovery_invite_adds_a_passkey_to_the_existing_account() {
    let app = spawn_app().await;
    let user = app.create_user("rita", "correct horse battery").await;
    let created = manage::create_recovery_invite(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
        &Actor::cli(),
        &user,
        3600,
    )
    .await
    .unwrap();
    let mut auth = authenticator();
    let (r, _key) = accept(&app, &browser(), &mut auth, &created.url).await;
    assert_eq!(r.status(), 200);
    let keys = app.passkeys(&user.userid).await;
    assert_eq!(keys.len(), 1);
    assert_eq!(
        app.state.repos.users.list(None, 0, 10).await.unwrap().total,
        1
    );
}
