//! Connected apps on `/account`: each application the user let in, with
//! **Revoke** (consent and tokens withdrawn) and **Sign out everywhere**.

use serde_json::Value;

use latchkey::manage::{self, Actor, CreateClient};

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, POST_LOGOUT, REDIRECT, TestApp, TestClient, audit_events,
    csrf_of, location, on_both_backends, signed_in_browser, spawn_app, spawn_app_on,
};

const SCOPE: &str = "openid email offline_access";

/// Registers a confidential client called `name` (the consent walk of the
/// helpers looks for "Test App" in the page, so names start with it).
async fn named_client(app: &TestApp, name: &str, skip_consent: bool) -> TestClient {
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: name.into(),
            redirect_uris: vec![REDIRECT.into()],
            post_logout_redirect_uris: vec![POST_LOGOUT.into()],
            skip_consent,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    TestClient {
        id: created.client_id,
        secret: created.client_secret,
    }
}

async fn page(app: &TestApp, browser: &reqwest::Client) -> String {
    let r = browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

async fn refresh_error(app: &TestApp, client: &TestClient, token: &str) -> (u16, Value) {
    let r = app.refresh(client, token, None).await;
    (r.status().as_u16(), r.json().await.unwrap())
}

/// Where `/authorize` sends a signed-in browser for `client`: the consent
/// page, or straight back to the client.
async fn authorize_goes_to(
    app: &TestApp,
    browser: &reqwest::Client,
    client: &TestClient,
) -> String {
    let r = browser
        .get(CodeRequest::new(client, SCOPE).url(app))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    location(app, &r)
}

async fn revoking_an_app_ends_its_consent_and_tokens(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let grafana = named_client(&app, "Test App Grafana", false).await;
    let wiki = named_client(&app, "Test App Wiki", false).await;
    // Skips consent: it stores no consent but holds tokens.
    let ci = named_client(&app, "Test App CI", true).await;
    let browser = signed_in_browser(&app, &user).await;
    let mut tokens = Vec::new();
    for client in [&grafana, &wiki, &ci] {
        let code = app
            .authorize(&browser, &CodeRequest::new(client, SCOPE))
            .await;
        tokens.push(app.exchange(client, &code).await);
    }
    let [g, w, c] = <[_; 3]>::try_from(tokens).ok().unwrap();
    // Grafana also holds an access token without a refresh token, and a
    // code it has not redeemed yet.
    let short = app.tokens_for(&grafana, &user, "openid email").await.access;
    let pending = app
        .authorize(&browser, &CodeRequest::new(&grafana, "openid email"))
        .await;

    // All three are listed with their scopes and a last use.
    let html = page(&app, &browser).await;
    for name in ["Test App Grafana", "Test App Wiki", "Test App CI"] {
        assert!(html.contains(&format!("<td>{name}</td>")), "{name} listed");
    }
    assert_eq!(html.matches(">Revoke</button>").count(), 3);
    assert!(html.contains("openid email offline_access"));
    assert!(html.contains(">Sign out everywhere</button>"));
    assert!(!html.contains(">never</td>"), "every app has been used");

    // Revoke Grafana (a second later: a revocation covers what was issued
    // before its second).
    app.clock.advance(1);
    let csrf = csrf_of(&html);
    let r = app
        .post_form(
            &browser,
            &format!("/account/apps/{}/revoke", grafana.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=app-revoked");
    let r = browser.get(location(&app, &r)).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("access has been revoked"));
    let html = page(&app, &browser).await;
    assert!(!html.contains("Test App Grafana"));
    assert_eq!(html.matches(">Revoke</button>").count(), 2);

    // Its refresh token and access token are dead.
    let (status, body) = refresh_error(&app, &grafana, g.refresh()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(app.userinfo_status(&g.access).await, 401);
    assert_eq!(app.userinfo_status(&short).await, 401);
    let r = app.redeem(&grafana, &pending).await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_grant");
    // The consent page appears again for it, not for the other one.
    let next = authorize_goes_to(&app, &browser, &grafana).await;
    assert!(next.starts_with(&app.url("/consent")), "{next}");
    let next = authorize_goes_to(&app, &browser, &wiki).await;
    assert!(next.starts_with(REDIRECT), "{next}");
    // The other clients' tokens keep working.
    assert_eq!(app.refresh(&wiki, w.refresh(), None).await.status(), 200);
    assert_eq!(app.userinfo_status(&w.access).await, 200);
    assert_eq!(app.userinfo_status(&c.access).await, 200);

    // A client that skipped consent is revoked through its tokens.
    let r = app
        .post_form(
            &browser,
            &format!("/account/apps/{}/revoke", ci.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (status, body) = refresh_error(&app, &ci, c.refresh()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(app.userinfo_status(&c.access).await, 401);

    // Allowing Grafana again works at once and for good.
    let code = app
        .authorize(&browser, &CodeRequest::new(&grafana, SCOPE))
        .await;
    let again = app.exchange(&grafana, &code).await;
    assert_eq!(app.userinfo_status(&again.access).await, 200);
    app.clock.advance(1);
    let r = app.refresh(&grafana, again.refresh(), None).await;
    assert_eq!(r.status(), 200);
    let rotated: Value = r.json().await.unwrap();
    let access = rotated["access_token"].as_str().unwrap();
    assert_eq!(app.userinfo_status(access).await, 200);

    // Revoking something that holds nothing of the user: not found.
    let r = app
        .post_form(
            &browser,
            &format!("/account/apps/{}/revoke", ci.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 404);
    let r = app
        .post_form(
            &browser,
            "/account/apps/no-such-client/revoke",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 404);

    let events = audit_events(&app, "consent.revoked").await;
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .all(|e| e.subject.as_deref() == Some(user.userid.as_str()))
    );
    assert!(
        events
            .iter()
            .any(|e| e.details["client_id"] == grafana.id.as_str())
    );
}
on_both_backends!(revoking_an_app_ends_its_consent_and_tokens);

async fn another_users_apps_are_not_shown_or_revocable(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let bob = app.create_user("bob", PASSWORD).await;
    let grafana = named_client(&app, "Test App Grafana", false).await;
    let a = app.tokens_for(&grafana, &alice, SCOPE).await;
    let bob_browser = signed_in_browser(&app, &bob).await;
    let html = page(&app, &bob_browser).await;
    assert!(!html.contains("Test App Grafana"));
    assert!(html.contains("No applications have access"));
    let r = app
        .post_form(
            &bob_browser,
            &format!("/account/apps/{}/revoke", grafana.id),
            &[("csrf", csrf_of(&html).as_str())],
        )
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(app.refresh(&grafana, a.refresh(), None).await.status(), 200);
}
on_both_backends!(another_users_apps_are_not_shown_or_revocable);

async fn sign_out_everywhere_ends_sessions_and_tokens(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("carol", PASSWORD).await;
    let bystander = app.create_user("dave", PASSWORD).await;
    let grafana = named_client(&app, "Test App Grafana", false).await;
    let other_browser = signed_in_browser(&app, &user).await;
    let theirs = signed_in_browser(&app, &bystander).await;
    let t = app.tokens_for(&grafana, &user, SCOPE).await;
    let kept = app.tokens_for(&grafana, &bystander, SCOPE).await;
    let browser = signed_in_browser(&app, &user).await;
    let csrf = csrf_of(&page(&app, &browser).await);

    let r = app
        .post_form(
            &browser,
            "/account/signout-everywhere",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 200);
    let cookies: Vec<_> = r.headers().get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("latchkey_session=;")),
        "{cookies:?}"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("You are signed out"));

    // Every browser of the user is signed out, the bystander is not.
    for b in [&browser, &other_browser] {
        let r = b.get(app.url("/account")).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/login");
    }
    let sessions = app.state.repos.sessions.list_for_user(&user.userid).await;
    assert!(sessions.unwrap().is_empty());
    assert_eq!(
        theirs
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Refresh families and access tokens are revoked.
    let (status, body) = refresh_error(&app, &grafana, t.refresh()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(app.userinfo_status(&t.access).await, 401);
    assert_eq!(
        app.refresh(&grafana, kept.refresh(), None).await.status(),
        200
    );
    assert_eq!(app.userinfo_status(&kept.access).await, 200);
    let events = audit_events(&app, "signout.everywhere").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].subject.as_deref(), Some(user.userid.as_str()));
    // Two browsers, and the one the tokens were obtained in.
    assert_eq!(events[0].details["sessions"], 3);

    // Signing in again afterwards works and gives working tokens.
    app.clock.advance(1);
    let fresh = app.tokens_for(&grafana, &user, SCOPE).await;
    assert_eq!(app.userinfo_status(&fresh.access).await, 200);
    assert_eq!(
        app.refresh(&grafana, fresh.refresh(), None).await.status(),
        200
    );
}
on_both_backends!(sign_out_everywhere_ends_sessions_and_tokens);

#[tokio::test]
async fn the_new_account_forms_check_the_session_and_the_csrf_token() {
    let app = spawn_app().await;
    let user = app.create_user("erin", PASSWORD).await;
    let grafana = named_client(&app, "Test App Grafana", false).await;
    let t = app.tokens_for(&grafana, &user, SCOPE).await;
    let b = signed_in_browser(&app, &user).await;
    let csrf = csrf_of(&page(&app, &b).await);
    let forms = [
        format!("/account/apps/{}/revoke", grafana.id),
        "/account/signout-everywhere".to_owned(),
        "/account/email/verify".to_owned(),
    ];
    for path in &forms {
        // Not signed in: to the sign-in page.
        let r = app
            .http
            .post(app.url(path))
            .form(&[("csrf", "whatever")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
        // A forged token, or a post from another site: refused.
        let r = b
            .post(app.url(path))
            .form(&[("csrf", "forged")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let r = b
                .post(app.url(path))
                .header(name, value)
                .form(&[("csrf", csrf.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{path} {name}");
        }
    }
    // Nothing happened.
    assert_eq!(page(&app, &b).await.matches(">Revoke</button>").count(), 1);
    assert_eq!(app.refresh(&grafana, t.refresh(), None).await.status(), 200);
    assert!(audit_events(&app, "consent.revoked").await.is_empty());
    assert!(audit_events(&app, "signout.everywhere").await.is_empty());
}
