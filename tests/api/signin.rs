//! Signing in with a password: the page, success and failure, lockout,
//! CSRF, rate limits, sessions ending, and the security headers.

use latchkey::db::AuthRequestRecord;
use latchkey::manage::{self, Actor};

use crate::helpers::{
    TestApp, audit_events, between, login_page, post_login, sign_in, spawn_app, spawn_app_with,
    type_password,
};

/// The text every failed password sign-in shows.
const FAILURE: &str = "Incorrect username or password.";

/// The text of the page's `role="alert"` element.
pub fn alert_text(html: &str) -> String {
    between(html, r#"role="alert">"#, "</p>").unwrap_or_default()
}

/// Whether the client's session is alive: a signed-in browser is sent on
/// from `/login` to `/account`; a signed-out one gets the form.
pub async fn is_signed_in(app: &TestApp) -> bool {
    let r = app.http.get(app.url("/login")).send().await.unwrap();
    match r.status().as_u16() {
        303 => true,
        200 => false,
        other => panic!("unexpected status {other}"),
    }
}

fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("latchkey_session="))
        .map(str::to_owned)
}

fn assert_security_headers(headers: &reqwest::header::HeaderMap) {
    let csp = headers
        .get("content-security-policy")
        .expect("CSP")
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert!(headers.contains_key("referrer-policy"));
}

#[tokio::test]
async fn the_page_has_its_fields_buttons_and_headers() {
    let app = spawn_app().await;
    let page = login_page(&app, "").await;
    assert_eq!(page.status, 200);
    assert_security_headers(&page.headers);
    let html = &page.html;
    assert!(html.contains(r#"<label for="username">Username</label>"#));
    assert!(html.contains(r#"<label for="password">Password</label>"#));
    assert!(html.contains(r#"type="password" id="password""#));
    assert!(html.contains(r#">Sign in</button>"#));
    assert!(html.contains(r#">Sign in with a passkey</button>"#));
    assert!(html.contains(r#"autocomplete="username webauthn""#));
    assert!(html.contains(r#"role="alert""#));
    assert!(html.contains(r#"<script src="/static/webauthn.js""#));
    assert!(!html.contains("<script>"), "no inline script");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no third-party resources"
    );
    assert!(page.csrf.len() >= 32);

    let js = app
        .http
        .get(app.url("/static/webauthn.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let body = js.text().await.unwrap();
    assert!(body.contains("isConditionalMediationAvailable"));
    assert!(body.contains("navigator.credentials.create"));
}

#[tokio::test]
async fn password_sign_in_succeeds() {
    let app = spawn_app().await;
    let user = app.create_user("alice", "correct horse battery").await;
    assert!(!is_signed_in(&app).await);
    let page = login_page(&app, "").await;
    // Usernames are matched case-insensitively.
    let r = post_login(&app, &page.csrf, "Alice", "correct horse battery", None).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account");
    let cookie = session_cookie(&r).expect("session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_security_headers(r.headers());
    assert!(is_signed_in(&app).await);

    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].amr, vec!["pwd".to_owned()]);
    assert_eq!(sessions[0].acr, "1");
    assert_eq!(sessions[0].ip.as_deref(), Some("127.0.0.1"));
    let success = audit_events(&app, "signin.success").await;
    assert_eq!(success.len(), 1);
    assert_eq!(success[0].subject.as_deref(), Some(user.userid.as_str()));
}

#[tokio::test]
async fn password_sign_in_fails_with_the_same_text_for_unknown_users() {
    let app = spawn_app().await;
    app.create_user("alice", "correct horse battery").await;
    let page = login_page(&app, "").await;

    let wrong = post_login(&app, &page.csrf, "alice", "wrong horse battery", None).await;
    assert_eq!(wrong.status(), 400);
    assert!(session_cookie(&wrong).is_none());
    let wrong_html = wrong.text().await.unwrap();
    let unknown = post_login(&app, &page.csrf, "mallory", "wrong horse battery", None).await;
    assert_eq!(unknown.status(), 400);
    let unknown_html = unknown.text().await.unwrap();

    assert!(alert_text(&wrong_html).starts_with(FAILURE), "{wrong_html}");
    assert_eq!(alert_text(&wrong_html), alert_text(&unknown_html));
    // The typed username is kept, the password is not.
    assert!(wrong_html.contains(r#"value="alice""#));
    assert!(!wrong_html.contains("wrong horse battery"));
    assert!(!is_signed_in(&app).await);
    assert_eq!(audit_events(&app, "signin.failure").await.len(), 2);

    // Empty fields are a plain validation error, not counted.
    let empty = post_login(&app, &page.csrf, "alice", "", None).await;
    assert_eq!(empty.status(), 400);
    assert!(alert_text(&empty.text().await.unwrap()).contains("Enter your username and password"));
}

#[tokio::test]
async fn disabled_users_cannot_sign_in() {
    let app = spawn_app().await;
    let user = app.create_user("carol", "correct horse battery").await;
    manage::set_user_active(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &user,
        false,
    )
    .await
    .unwrap();
    let page = login_page(&app, "").await;
    let r = post_login(&app, &page.csrf, "carol", "correct horse battery", None).await;
    assert_eq!(r.status(), 400);
    assert!(alert_text(&r.text().await.unwrap()).starts_with(FAILURE));
    assert!(!is_signed_in(&app).await);
}

#[tokio::test]
async fn lockout_engages_refuses_the_right_password_and_lifts_doubling() {
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 3;
        s.lockout_window = std::time::Duration::from_secs(600);
        s.lockout_duration = std::time::Duration::from_secs(900);
    })
    .await;
    app.create_user("dave", "correct horse battery").await;
    // A browser that never signed in (no device cookie): its attempts count
    // per (username, address), three per window.
    let b = crate::helpers::browser();
    let right_html = {
        // A reference failure text before anything is locked.
        let r = type_password(&app, &b, "dave", "nope nope nope", None).await;
        r.text().await.unwrap()
    };
    for _ in 0..2 {
        let r = type_password(&app, &b, "dave", "nope nope nope", None).await;
        assert_eq!(r.status(), 400);
    }
    assert!(audit_events(&app, "account.locked").await.is_empty());

    // The attempt past the threshold locks: even the right password is
    // refused, with the very same text.
    let r = type_password(&app, &b, "dave", "correct horse battery", None).await;
    assert_eq!(r.status(), 400);
    assert!(session_cookie(&r).is_none());
    assert_eq!(
        alert_text(&r.text().await.unwrap()),
        alert_text(&right_html)
    );
    assert_eq!(audit_events(&app, "account.locked").await.len(), 1);
    app.clock.advance(899);
    let r = type_password(&app, &b, "dave", "correct horse battery", None).await;
    assert_eq!(r.status(), 400);

    // The lockout lifts after its duration.
    app.clock.advance(2);
    let r = type_password(&app, &b, "DAVE", "correct horse battery", None).await;
    assert_eq!(r.status(), 303);

    // The success cleared the record, so the next lockout has the first
    // length again; a repeat without a success in between lasts twice as
    // long. (A fresh browser: this one now holds a device cookie.)
    let b = crate::helpers::browser();
    for _ in 0..4 {
        type_password(&app, &b, "dave", "nope nope nope", None).await;
    }
    app.clock.advance(901);
    for _ in 0..4 {
        type_password(&app, &b, "dave", "nope nope nope", None).await;
    }
    assert_eq!(audit_events(&app, "account.locked").await.len(), 3);
    app.clock.advance(901);
    let r = type_password(&app, &b, "dave", "correct horse battery", None).await;
    assert_eq!(r.status(), 400, "the second lockout lasts 30 minutes");
    app.clock.advance(900);
    let r = type_password(&app, &b, "dave", "correct horse battery", None).await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn unknown_usernames_lock_like_known_ones() {
    let app = spawn_app_with(|s| s.lockout_threshold = 2).await;
    let page = login_page(&app, "").await;
    for _ in 0..3 {
        post_login(&app, &page.csrf, "nobody", "nope nope nope", None).await;
    }
    assert_eq!(audit_events(&app, "account.locked").await.len(), 1);
}

#[tokio::test]
async fn forms_without_token_or_from_another_origin_are_refused() {
    let app = spawn_app().await;
    app.create_user("erin", "correct horse battery").await;
    let page = login_page(&app, "").await;
    let form = [("username", "erin"), ("password", "correct horse battery")];

    // No token.
    let r = app
        .http
        .post(app.url("/login"))
        .header("Origin", &app.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_security_headers(r.headers());

    // A wrong token.
    let r = post_login(
        &app,
        "x".repeat(43).as_str(),
        "erin",
        "correct horse battery",
        None,
    )
    .await;
    assert_eq!(r.status(), 403);

    // The right token, posted from another site.
    let with_token = [
        ("csrf", page.csrf.as_str()),
        ("username", "erin"),
        ("password", "correct horse battery"),
    ];
    let r = app
        .http
        .post(app.url("/login"))
        .header("Origin", "https://evil.example")
        .form(&with_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // A browser without the cookie (another site's form) cannot succeed either.
    let r = crate::helpers::browser()
        .post(app.url("/login"))
        .form(&with_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!is_signed_in(&app).await);

    // The JSON endpoints want the token header and an Origin.
    let r = app
        .http
        .post(app.url("/webauthn/login/start"))
        .header("Origin", &app.base)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .http
        .post(app.url("/webauthn/login/start"))
        .header("X-CSRF-Token", &page.csrf)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = app
        .http
        .post(app.url("/webauthn/login/start"))
        .header("Origin", "https://evil.example")
        .header("X-CSRF-Token", &page.csrf)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error"].is_string());
}

#[tokio::test]
async fn sessions_end_when_idle_too_long() {
    let app =
        spawn_app_with(|s| s.session_idle_timeout = std::time::Duration::from_secs(3600)).await;
    app.create_user("frank", "correct horse battery").await;
    sign_in(&app, "frank", "correct horse battery").await;
    app.clock.advance(3500);
    assert!(is_signed_in(&app).await, "use keeps the session alive");
    app.clock.advance(3500);
    assert!(is_signed_in(&app).await);
    app.clock.advance(3601);
    assert!(!is_signed_in(&app).await);
}

#[tokio::test]
async fn sessions_end_at_their_absolute_lifetime() {
    let app = spawn_app_with(|s| {
        s.session_lifetime = std::time::Duration::from_secs(7200);
        s.session_idle_timeout = std::time::Duration::from_secs(3600);
    })
    .await;
    app.create_user("grace", "correct horse battery").await;
    sign_in(&app, "grace", "correct horse battery").await;
    for _ in 0..3 {
        app.clock.advance(2000);
        assert!(is_signed_in(&app).await);
    }
    app.clock.advance(1300);
    assert!(!is_signed_in(&app).await);
}

#[tokio::test]
async fn signed_out_sessions_no_longer_work() {
    let app = spawn_app().await;
    let user = app.create_user("heidi", "correct horse battery").await;
    sign_in(&app, "heidi", "correct horse battery").await;
    assert!(is_signed_in(&app).await);
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    latchkey::auth::session::end(&app.state.repos, &sessions[0].sid)
        .await
        .unwrap();
    assert!(!is_signed_in(&app).await);
}

#[tokio::test]
async fn a_new_sign_in_replaces_the_browsers_session() {
    let app = spawn_app().await;
    let user = app.create_user("ivan", "correct horse battery").await;
    sign_in(&app, "ivan", "correct horse battery").await;
    let first = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    // A forced re-authentication (prompt=login) shows the form to a signed-in browser.
    let req = pending_request(&app, serde_json::json!({"prompt": "login"})).await;
    let page = login_page(&app, &format!("?req={req}")).await;
    assert_eq!(page.status, 200);
    let r = post_login(
        &app,
        &page.csrf,
        "ivan",
        "correct horse battery",
        Some(&req),
    )
    .await;
    assert_eq!(r.status(), 303);
    let after = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    assert_eq!(after.len(), 1);
    // Renewed, not kept: a new cookie secret (no session fixation), the
    // same sid (relying parties hold it; signing in again is no logout).
    assert_eq!(after[0].sid, first[0].sid);
    assert_ne!(after[0].token_hash, first[0].token_hash);
}

/// Registers a client and stores an authorization request for it; returns its id.
pub async fn pending_request(app: &TestApp, extra: serde_json::Value) -> String {
    let client = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        manage::CreateClient {
            name: "Grafana".into(),
            redirect_uris: vec!["https://grafana.example.com/cb".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut params = serde_json::json!({
        "client_id": client.client_id,
        "login_hint": null,
        "prompt": null,
        "max_age": null,
    });
    if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            p.insert(k.clone(), v.clone());
        }
    }
    let now = latchkey::clock::Clock::now(&app.clock);
    let id = latchkey::crypto::new_id();
    app.state
        .repos
        .auth_requests
        .create(&AuthRequestRecord {
            id: id.clone(),
            client_id: client.client_id,
            params: params.to_string(),
            created_at: now,
            expires_at: now + 600,
        })
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn the_page_names_the_client_and_returns_to_the_authorization() {
    let app = spawn_app().await;
    app.create_user("judy", "correct horse battery").await;
    let req = pending_request(&app, serde_json::json!({"login_hint": "judy"})).await;
    let page = login_page(&app, &format!("?req={req}")).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("Grafana"), "{}", page.html);
    assert!(page.html.contains(r#"value="judy""#));
    assert!(page.html.contains(&format!(r#"name="req" value="{req}""#)));
    // (minijinja escapes `/` in attributes; the browser reads it back.)
    assert!(page.html.replace("&#x2f;", "/").contains(&format!(
        r#"data-finish="/webauthn/login/finish?req={req}""#
    )));

    let r = post_login(
        &app,
        &page.csrf,
        "judy",
        "correct horse battery",
        Some(&req),
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/authorize/resume?req={req}").as_str()
    );

    // An unknown request is ignored: the page works, sign-in goes to the account.
    let page = login_page(&crate::helpers::spawn_app().await, "?req=nonsense").await;
    assert_eq!(page.status, 200);
    assert!(!page.html.contains("nonsense"));
}

#[tokio::test]
async fn password_hashes_are_upgraded_on_sign_in() {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let app = spawn_app().await;
    let user = app.create_user("ken", "correct horse battery").await;
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(8192, 1, 1, None).unwrap(),
    )
    .hash_password(b"correct horse battery", &SaltString::generate(&mut OsRng))
    .unwrap()
    .to_string();
    app.state
        .repos
        .passwords
        .set(&user.userid, &weak, 0)
        .await
        .unwrap();
    sign_in(&app, "ken", "correct horse battery").await;
    let stored = app
        .state
        .repos
        .passwords
        .get(&user.userid)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_address() {
    let app = spawn_app_with(|s| s.signin_rate_limit = 3).await;
    let page = login_page(&app, "").await;
    for _ in 0..3 {
        let r = post_login(&app, &page.csrf, "nobody", "nope nope nope", None).await;
        assert_eq!(r.status(), 400);
    }
    let r = post_login(&app, &page.csrf, "nobody", "nope nope nope", None).await;
    assert_eq!(r.status(), 429);
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_security_headers(r.headers());
    // The page itself stays reachable.
    assert_eq!(login_page(&app, "").await.status, 200);
}
