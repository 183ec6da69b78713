//! Recent sign-in for sensitive changes (ASVS 3.7.1): with a session older
//! than `LATCHKEY_REAUTH_WINDOW`, credential, password, session and admin
//! changes send the browser to sign in again, and work after it.

use latchkey::db::User;

use crate::helpers::{
    PASSWORD, TestApp, TestClient, csrf_of, form_token, register_admin, signed_in_browser,
    spawn_app, unescape,
};
use crate::mail::SmtpSink;
/// Past the default ten-minute window.
const STALE: i64 = 11 * 60;
const BACK_TO_ACCOUNT: &str = "/login?next=%2Faccount";

async fn post(
    app: &TestApp,
    b: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    b.post(app.url(path))
        .header("origin", &app.base)
        .form(form)
        .send()
        .await
        .unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no redirect (status {})", r.status()))
}

/// Signs `b` in again on `/login?next=…` with a password; the redirect.
async fn sign_in_again(
    app: &TestApp,
    b: &reqwest::Client,
    next: &str,
    username: &str,
) -> reqwest::Response {
    let r = b
        .get(app.url(&format!("/login{next}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let csrf = csrf_of(&html);
    let next_field = html
        .split(r#"name="next" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(unescape)
        .unwrap_or_default();
    post(
        app,
        b,
        "/login",
        &[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", PASSWORD),
            ("next", next_field.as_str()),
        ],
    )
    .await
}

struct Fixture {
    app: TestApp,
    user: User,
    browser: reqwest::Client,
    other_sid: String,
    passkey: String,
}

/// Alice, with a password, a passkey, this browser's session and another
/// session; `age` seconds later.
async fn fixture(app: TestApp, age: i64) -> Fixture {
    let user = app.create_user("alice", PASSWORD).await;
    let passkey = app.add_passkey(&user.userid, "Laptop").await;
    let _other = signed_in_browser(&app, &user).await;
    let other_sid = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap()[0]
        .sid
        .clone();
    let browser = signed_in_browser(&app, &user).await;
    app.clock.advance(age);
    Fixture {
        app,
        user,
        browser,
        other_sid,
        passkey,
    }
}

/// Every sensitive account change, as (path, form fields).
fn changes(f: &Fixture) -> Vec<(String, Vec<(&'static str, String)>)> {
    // The password change comes last: it signs the other session out.
    vec![
        (format!("/account/passkeys/{}/remove", f.passkey), vec![]),
        (format!("/account/sessions/{}/end", f.other_sid), vec![]),
        (
            "/account/profile".into(),
            vec![("email", "mallory@example.com".into())],
        ),
        (
            "/account/password".into(),
            vec![
                ("current_password", PASSWORD.into()),
                ("new_password", "another password 1".into()),
                ("confirm_password", "another password 1".into()),
            ],
        ),
    ]
}

async fn post_change(
    f: &Fixture,
    csrf: &str,
    path: &str,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf)];
    form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    post(&f.app, &f.browser, path, &form).await
}

async fn nothing_changed(f: &Fixture) {
    let repos = &f.app.state.repos;
    let hash = repos.passwords.get(&f.user.userid).await.unwrap();
    assert!(matches!(
        latchkey::auth::password::verify(PASSWORD.into(), hash).await,
        latchkey::auth::password::Verified::Yes | latchkey::auth::password::Verified::YesRehash(_)
    ));
    assert_eq!(
        repos
            .passkeys
            .list_for_user(&f.user.userid)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(repos.sessions.get(&f.other_sid).await.unwrap().is_some());
    let user = repos.users.get(&f.user.userid).await.unwrap().unwrap();
    assert_eq!(user.profile.email.as_deref(), Some("alice@example.com"));
}

#[tokio::test]
async fn a_stale_session_must_sign_in_again_for_each_sensitive_change() {
    let f = fixture(spawn_app().await, STALE).await;
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    for (path, fields) in changes(&f) {
        let r = post_change(&f, &csrf, &path, &fields).await;
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(location(&r), BACK_TO_ACCOUNT, "{path}");
    }
    // The passkey script's endpoints answer JSON it can act on.
    for path in ["/webauthn/register/start", "/webauthn/register/finish"] {
        let r = f
            .browser
            .post(f.app.url(path))
            .header("origin", &f.app.base)
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["reauthenticate"], BACK_TO_ACCOUNT, "{path}");
        assert!(body["error"].as_str().unwrap().contains("sign in again"));
    }
    nothing_changed(&f).await;
    // Viewing the page and signing this browser out need nothing more.
    let r = f.browser.get(f.app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 200);

    // The sign-in page names and locks the username, then comes back.
    let page = f
        .browser
        .get(f.app.url(BACK_TO_ACCOUNT))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = unescape(&page);
    assert!(page.contains(r#"value="alice""#));
    assert!(page.contains("readonly"));
    assert!(page.contains(">Sign in</button>"));
    assert!(page.contains(">Sign in with a passkey</button>"));
    assert!(page.contains(r#"data-finish="/webauthn/login/finish?next=%2Faccount""#));
    let r = sign_in_again(&f.app, &f.browser, "?next=%2Faccount", "alice").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account");

    // Now every change goes through.
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    for (path, fields) in changes(&f) {
        let r = post_change(&f, &csrf, &path, &fields).await;
        assert_eq!(r.status(), 303, "{path}");
        assert!(location(&r).starts_with("/account?done="), "{path}");
    }
    let repos = &f.app.state.repos;
    assert!(
        repos
            .passkeys
            .list_for_user(&f.user.userid)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(repos.sessions.get(&f.other_sid).await.unwrap().is_none());
}

#[tokio::test]
async fn a_fresh_session_makes_sensitive_changes_directly() {
    let f = fixture(spawn_app().await, 9 * 60).await;
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    for (path, fields) in changes(&f) {
        let r = post_change(&f, &csrf, &path, &fields).await;
        assert_eq!(r.status(), 303, "{path}");
        assert!(location(&r).starts_with("/account?done="), "{path}");
    }
}

#[tokio::test]
async fn the_window_is_configurable() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.reauth_window = std::time::Duration::from_secs(60);
    })
    .await;
    let f = fixture(app, 61).await;
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    let (path, fields) = &changes(&f)[0];
    let r = post_change(&f, &csrf, path, fields).await;
    assert_eq!(location(&r), BACK_TO_ACCOUNT);
}

#[tokio::test]
async fn another_user_signing_in_gets_their_own_session_not_the_errand() {
    let f = fixture(spawn_app().await, STALE).await;
    f.app.create_user("mallory", PASSWORD).await;
    // Mallory, at Alice's stale browser, edits the locked field.
    let r = sign_in_again(&f.app, &f.browser, "?next=%2Fadmin%2Fusers", "mallory").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account", "not Alice's errand");
    // The browser is Mallory's now, and Alice's session there has ended.
    let page = f
        .browser
        .get(f.app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("mallory"));
    let alice_sessions = f
        .app
        .state
        .repos
        .sessions
        .list_for_user(&f.user.userid)
        .await
        .unwrap();
    assert_eq!(
        alice_sessions.len(),
        1,
        "only Alice's other session is left"
    );
    nothing_changed(&f).await;
}

#[tokio::test]
async fn the_return_path_is_only_ever_local() {
    let app = spawn_app().await;
    app.create_user("alice", PASSWORD).await;
    for evil in [
        "//evil.example/",
        "/\\evil.example/",
        "https://evil.example/",
        "%2F%2Fevil.example",
        "javascript:alert(1)",
    ] {
        let b = crate::helpers::browser();
        let encoded: String = url::form_urlencoded::byte_serialize(evil.as_bytes()).collect();
        let page = b
            .get(app.url(&format!("/login?next={encoded}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains(r#"name="next""#), "{evil}: no next field");
        assert!(!page.contains("evil.example"), "{evil}");
        // Posted directly, it is ignored too.
        let csrf = csrf_of(&page);
        let r = post(
            &app,
            &b,
            "/login",
            &[
                ("csrf", csrf.as_str()),
                ("username", "alice"),
                ("password", PASSWORD),
                ("next", evil),
            ],
        )
        .await;
        assert_eq!(r.status(), 303, "{evil}");
        assert_eq!(location(&r), "/account", "{evil}");
    }
    // A local path is followed after a plain sign-in too.
    let b = crate::helpers::browser();
    let r = sign_in_again(&app, &b, "?next=%2Faccount%3Fdone%3Dprofile", "alice").await;
    assert_eq!(location(&r), "/account?done=profile");
}

#[tokio::test]
async fn admin_changes_need_a_recent_sign_in() {
    let f = fixture(spawn_app().await, STALE).await;
    f.app
        .state
        .repos
        .users
        .set_role(
            &f.user.userid,
            Some(latchkey::domain::role::Role::Owner),
            f.app.state.clock.now(),
        )
        .await
        .unwrap();
    let csrf = form_token(&f.browser, &f.app, "/admin/users").await;
    let create = [
        ("csrf", csrf.as_str()),
        ("username", "newbie"),
        ("email", "newbie@example.com"),
    ];
    let r = f
        .browser
        .post(f.app.url("/admin/users"))
        .header("origin", &f.app.base)
        .header("referer", f.app.url("/admin/users?offset=0"))
        .form(&create)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?next=%2Fadmin%2Fusers%3Foffset%3D0");
    assert!(
        f.app
            .state
            .repos
            .users
            .get_by_username("newbie")
            .await
            .unwrap()
            .is_none()
    );
    // Without a Referer: back to /admin. Disabling someone is refused too.
    let bob = f.app.create_user("bob", PASSWORD).await;
    let r = post(
        &f.app,
        &f.browser,
        &format!("/admin/users/{}/disable", bob.userid),
        &[("csrf", csrf.as_str())],
    )
    .await;
    assert_eq!(location(&r), "/login?next=%2Fadmin");
    let bob_now = f.app.user(&bob.userid).await;
    assert!(bob_now.active);

    let r = sign_in_again(&f.app, &f.browser, "?next=%2Fadmin%2Fusers", "alice").await;
    assert_eq!(location(&r), "/admin/users");
    let csrf = form_token(&f.browser, &f.app, "/admin/users").await;
    let r = post(
        &f.app,
        &f.browser,
        &format!("/admin/users/{}/disable", bob.userid),
        &[("csrf", csrf.as_str())],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(!location(&r).starts_with("/login"));
    let bob_now = f.app.user(&bob.userid).await;
    assert!(!bob_now.active);
}

#[tokio::test]
async fn credential_changes_are_emailed() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = crate::helpers::spawn_app_with(move |s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "Latchkey <id@example.com>".into(),
        });
    })
    .await;
    let f = fixture(app, 60).await;
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    let r = post_change(&f, &csrf, &changes(&f)[0].0, &[]).await;
    assert!(location(&r).starts_with("/account?done="));
    let r = post_change(&f, &csrf, &changes(&f)[3].0, &changes(&f)[3].1).await;
    assert!(location(&r).starts_with("/account?done="));
    // A profile change is no credential change.
    let r = post_change(
        &f,
        &csrf,
        "/account/profile",
        &[
            ("name", "Alice A.".into()),
            ("email", "alice@example.com".into()),
        ],
    )
    .await;
    assert!(location(&r).starts_with("/account?done="));
    let messages = sink.messages();
    assert_eq!(messages.len(), 2, "{messages:?}");
    for m in &messages {
        assert_eq!(m.to, vec!["<alice@example.com>".to_owned()]);
        assert!(
            m.data
                .contains("Subject: Your sign-in methods at localhost changed")
        );
    }
    assert!(
        messages[0]
            .data
            .contains("A passkey was removed from your account alice")
    );
    assert!(
        messages[1]
            .data
            .contains("The password of your account was changed")
    );
}

/// Tokens with `latchkey:admin` from a code flow by a browser of `user`
/// signed in now: (client, access token, refresh token).
async fn admin_user_tokens(app: &TestApp, user: &User) -> (TestClient, String, String) {
    let client = register_admin(app, false, true).await;
    let tokens = app
        .tokens_for(&client, user, "openid offline_access latchkey:admin")
        .await;
    let refresh = tokens.refresh().to_owned();
    (client, tokens.access, refresh)
}

async fn create_user_with(app: &TestApp, token: &str, username: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/admin/v1/users"))
        .bearer_auth(token)
        .json(&serde_json::json!({ "username": username }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn admin_api_changes_need_a_recent_sign_in_in_the_token() {
    let app = spawn_app().await;
    let admin = app.create_admin("root").await;
    let (client, access, refresh) = admin_user_tokens(&app, &admin).await;
    let r = create_user_with(&app, &access, "first").await;
    assert!(r.status().is_success(), "a fresh sign-in: {}", r.status());

    // Eleven minutes later a refreshed token still carries the old sign-in.
    app.clock.advance(STALE);
    let body: serde_json::Value = app
        .refresh(&client, &refresh, None)
        .await
        .json()
        .await
        .unwrap();
    let refreshed = body["access_token"].as_str().unwrap().to_owned();
    let r = reqwest::Client::new()
        .get(app.url("/api/admin/v1/users"))
        .bearer_auth(&refreshed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "reading needs no recent sign-in");
    let r = create_user_with(&app, &refreshed, "second").await;
    assert_eq!(r.status(), 401);
    let challenge = r.headers()["www-authenticate"].to_str().unwrap().to_owned();
    assert!(
        challenge.contains(r#"error="insufficient_user_authentication""#)
            && challenge.contains("max_age=600"),
        "{challenge}"
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "insufficient_user_authentication");
    let repos = &app.state.repos;
    assert!(
        repos
            .users
            .get_by_username("second")
            .await
            .unwrap()
            .is_none()
    );

    // After signing in again, the new token makes the change.
    let (_, fresh, _) = admin_user_tokens(&app, &admin).await;
    let r = create_user_with(&app, &fresh, "second").await;
    assert!(r.status().is_success(), "{}", r.status());
    // Client-credentials tokens carry no sign-in and are not affected.
    let service = &app.client_credentials(&client, "latchkey:admin").await;
    let r = create_user_with(&app, service, "third").await;
    assert!(r.status().is_success(), "{}", r.status());
}

#[tokio::test]
async fn removing_the_password_needs_a_recent_sign_in() {
    let f = fixture(spawn_app().await, STALE).await;
    let csrf = form_token(&f.browser, &f.app, "/account").await;
    let r = post_change(&f, &csrf, "/account/password/remove", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), BACK_TO_ACCOUNT);
    nothing_changed(&f).await;
}
