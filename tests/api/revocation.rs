//! Account changes end what the user held: a password change, a recovery,
//! disabling and deletion revoke every refresh-token family, the access
//! tokens issued before, and the user's sessions. Refresh-token families
//! have an absolute lifetime.

use latchkey::db::User;
use latchkey::manage::{self, Actor};

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, TestApp, TestClient, csrf_of, form_token, on_both_backends,
    register, signed_in_browser, spawn_app_on, spawn_app_on_with,
};

/// What a relying party holds after signing `user` in with `offline_access`.
struct Grant {
    access: String,
    refresh: String,
}

const SCOPE: &str = "openid profile offline_access";

async fn grant(app: &TestApp, client: &TestClient, browser: &reqwest::Client) -> Grant {
    let code = code_for(app, client, browser).await;
    let tokens = app.exchange(client, &code).await;
    Grant {
        refresh: tokens.refresh().to_owned(),
        access: tokens.access,
    }
}

/// An authorization code (`offline_access`) for the user signed in in `browser`.
async fn code_for(app: &TestApp, client: &TestClient, browser: &reqwest::Client) -> String {
    app.authorize(browser, &CodeRequest::new(client, SCOPE))
        .await
}

/// Refreshes; the new refresh token, or the OAuth error code.
async fn refresh(app: &TestApp, client: &TestClient, token: &str) -> Result<String, String> {
    let r = app.refresh(client, token, None).await;
    let ok = r.status().is_success();
    let body: serde_json::Value = r.json().await.unwrap();
    if ok {
        Ok(body["refresh_token"].as_str().unwrap().to_owned())
    } else {
        Err(body["error"].as_str().unwrap_or_default().to_owned())
    }
}

async fn introspected_active(app: &TestApp, client: &TestClient, token: &str) -> bool {
    app.introspect(client, token).await["active"] == true
}

/// Whether the browser's session still opens `/account`.
async fn signed_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    let r = browser.get(app.url("/account")).send().await.unwrap();
    r.status() == 200
}

/// A user with a relying-party grant and two browser sessions, one second
/// before the change under test.
struct Setup {
    app: TestApp,
    user: User,
    client: TestClient,
    grant: Grant,
    this_browser: reqwest::Client,
    other_browser: reqwest::Client,
}

async fn setup(backend: Backend) -> Option<Setup> {
    let app = spawn_app_on(backend).await?;
    let user = app.create_user("carol", PASSWORD).await;
    let client = register(&app, false, true).await;
    let this_browser = signed_in_browser(&app, &user).await;
    let other_browser = signed_in_browser(&app, &user).await;
    let grant = grant(&app, &client, &other_browser).await;
    assert_eq!(app.userinfo_status(&grant.access).await, 200);
    app.clock.advance(1);
    Some(Setup {
        app,
        user,
        client,
        grant,
        this_browser,
        other_browser,
    })
}

/// Everything the user held before is gone.
async fn assert_everything_revoked(s: &Setup) {
    assert_eq!(
        refresh(&s.app, &s.client, &s.grant.refresh).await,
        Err("invalid_grant".to_owned()),
        "the earlier refresh token is refused"
    );
    assert_eq!(
        s.app.userinfo_status(&s.grant.access).await,
        401,
        "the earlier access token is refused"
    );
    assert!(!introspected_active(&s.app, &s.client, &s.grant.access).await);
    assert!(
        !signed_in(&s.app, &s.other_browser).await,
        "the other session is signed out"
    );
}

/// Changes the password on the account page of `this_browser`.
async fn change_password(s: &Setup) {
    let csrf = form_token(&s.this_browser, &s.app, "/account").await;
    let r = s
        .app
        .post_form(
            &s.this_browser,
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("current_password", PASSWORD),
                ("new_password", "a new password 456"),
                ("confirm_password", "a new password 456"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
}

on_both_backends!(a_password_change_revokes_refresh_tokens_and_other_sessions);
async fn a_password_change_revokes_refresh_tokens_and_other_sessions(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    change_password(&s).await;
    assert_everything_revoked(&s).await;
    assert!(
        signed_in(&s.app, &s.this_browser).await,
        "the session that changed the password stays"
    );
    // New grants work.
    let again = grant(&s.app, &s.client, &s.this_browser).await;
    assert!(refresh(&s.app, &s.client, &again.refresh).await.is_ok());
    assert_eq!(s.app.userinfo_status(&again.access).await, 200);
}

on_both_backends!(disabling_a_user_revokes_everything_they_held);
async fn disabling_a_user_revokes_everything_they_held(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    manage::set_user_active(
        &s.app.state.repos,
        s.app.state.clock.as_ref(),
        &Actor::cli(),
        &s.user,
        false,
    )
    .await
    .unwrap();
    // Enabled again: what was revoked stays revoked.
    manage::set_user_active(
        &s.app.state.repos,
        s.app.state.clock.as_ref(),
        &Actor::cli(),
        &s.user,
        true,
    )
    .await
    .unwrap();
    assert_everything_revoked(&s).await;
    assert!(!signed_in(&s.app, &s.this_browser).await);
}

on_both_backends!(a_recovery_revokes_everything_the_lost_credential_gave);
async fn a_recovery_revokes_everything_the_lost_credential_gave(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let created = manage::create_recovery_invite(
        &s.app.state.repos,
        s.app.state.clock.as_ref(),
        &s.app.state.settings.issuer,
        &Actor::cli(),
        &s.user,
        3600,
    )
    .await
    .unwrap();
    let invitee = crate::helpers::browser();
    let page = invitee.get(&created.url).send().await.unwrap();
    let csrf = csrf_of(&page.text().await.unwrap());
    let r = invitee
        .post(&created.url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "a recovered password"),
            ("confirm_password", "a recovered password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_everything_revoked(&s).await;
    assert!(!signed_in(&s.app, &s.this_browser).await);
    assert!(
        signed_in(&s.app, &invitee).await,
        "the recovering browser is signed in"
    );
}

on_both_backends!(deleting_a_user_revokes_their_access_tokens);
async fn deleting_a_user_revokes_their_access_tokens(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    manage::delete_user(
        &s.app.state.repos,
        s.app.state.clock.as_ref(),
        &Actor::cli(),
        &s.user,
    )
    .await
    .unwrap();
    assert_everything_revoked(&s).await;
    assert!(!signed_in(&s.app, &s.this_browser).await);
}

on_both_backends!(refresh_families_end_at_their_absolute_lifetime);
async fn refresh_families_end_at_their_absolute_lifetime(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.refresh_token_ttl = std::time::Duration::from_secs(7 * 86_400);
        s.refresh_family_lifetime = std::time::Duration::from_secs(30 * 86_400);
    })
    .await
    else {
        return;
    };
    let user = app.create_user("dora", PASSWORD).await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let mut token = grant(&app, &client, &browser).await.refresh;
    // Rotated every 6 days (within the 7-day TTL): fine until day 30.
    for day in (6..30).step_by(6) {
        app.clock.advance(6 * 86_400);
        token = refresh(&app, &client, &token)
            .await
            .unwrap_or_else(|e| panic!("day {day}: {e}"));
    }
    // Day 24: the last rotation's token cannot outlive day 30.
    app.clock.advance(6 * 86_400);
    assert_eq!(
        refresh(&app, &client, &token).await,
        Err("invalid_grant".to_owned()),
        "day 30: the family is over"
    );
    assert!(!introspected_active(&app, &client, &token).await);
}

// A code minted before a password change (say, by whoever held the other
// session) is refused afterwards: it would otherwise start a refresh family
// that outlives the change.
on_both_backends!(a_code_issued_before_a_password_change_is_refused);
async fn a_code_issued_before_a_password_change_is_refused(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let code = code_for(&s.app, &s.client, &s.other_browser).await;
    s.app.clock.advance(1);
    change_password(&s).await;
    let r = s.app.redeem(&s.client, &code).await;
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant", "{body}");
    // A code minted after the change works.
    let code = code_for(&s.app, &s.client, &s.this_browser).await;
    assert_eq!(s.app.redeem(&s.client, &code).await.status(), 200);
}
