//! Refusals that matter are audited with the client and its address: code
//! replay, refresh reuse, revocation, consent denial, admin refusals; and an
//! unknown username (often a password typed into the wrong field) is kept
//! only as a keyed hash.

use latchkey::db::AuditEvent;

use crate::helpers::{
    Backend, CodeRequest, TestApp, audit_events, login_page, on_both_backends, post_login, query,
    register, signed_in_browser, spawn_app_on, token_request, walk,
};

const SCOPE: &str = "openid profile offline_access";

/// The one event named `event`, checked to carry the client and the address.
async fn one_event(app: &TestApp, event: &str) -> AuditEvent {
    let events = audit_events(app, event).await;
    assert_eq!(events.len(), 1, "{event}: {events:?}");
    let e = events.into_iter().next().unwrap();
    assert_eq!(
        e.ip.as_deref(),
        Some("127.0.0.1"),
        "{event} has no address: {e:?}"
    );
    e
}

async fn code_replay_refresh_reuse_revocation_and_denial_are_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("bob", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let browser = signed_in_browser(&app, &user).await;

    let request = CodeRequest::new(&client, SCOPE);

    // Code replay.
    let code = app.authorize(&browser, &request).await;
    let first = app.redeem(&client, &code).await;
    assert_eq!(first.status(), 200);
    let tokens: serde_json::Value = first.json().await.unwrap();
    assert_eq!(app.redeem(&client, &code).await.status(), 400);
    let e = one_event(&app, "code.replayed").await;
    assert_eq!(
        e.actor.as_deref(),
        Some(format!("client:{}", client.id).as_str())
    );
    assert_eq!(e.details["client_id"], client.id.as_str());
    assert_eq!(e.subject.as_deref(), Some(user.userid.as_str()));

    // Refresh reuse (a fresh grant: the replay revoked the first one).
    let code = app.authorize(&browser, &request).await;
    let refresh = app.exchange(&client, &code).await.refresh().to_owned();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.as_str()),
    ];
    assert_eq!(token_request(&app, &client, &form).await.status(), 200);
    assert_eq!(token_request(&app, &client, &form).await.status(), 400);
    let e = one_event(&app, "refresh.reused").await;
    assert_eq!(e.details["client_id"], client.id.as_str());
    assert_eq!(e.subject.as_deref(), Some(user.userid.as_str()));

    // Revocation at /revoke.
    let access = tokens["access_token"].as_str().unwrap();
    let r = reqwest::Client::new()
        .post(app.url("/revoke"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&[("token", access)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let e = one_event(&app, "token.revoked").await;
    assert_eq!(e.details["client_id"], client.id.as_str());
    assert_eq!(
        e.actor.as_deref(),
        Some(format!("client:{}", client.id).as_str())
    );

    // Deny at /consent (consent is asked again with prompt=consent).
    let url = request.with("prompt", "consent").url(&app);
    let back = walk(&app, &browser, &url, false).await;
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    let e = one_event(&app, "consent.denied").await;
    assert_eq!(e.actor.as_deref(), Some(user.userid.as_str()));
    assert_eq!(e.details["client_id"], client.id.as_str());
    // And a consent granted carries the address too.
    let granted = audit_events(&app, "consent.granted").await;
    assert!(!granted.is_empty());
    assert!(
        granted.iter().all(|e| e.ip.as_deref() == Some("127.0.0.1")),
        "{granted:?}"
    );
}
on_both_backends!(code_replay_refresh_reuse_revocation_and_denial_are_audited);

async fn admin_refusals_are_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("eve", "correct horse battery").await;

    // Admin API: a garbage token (401) is not audited (anyone could make
    // the server write a row per request); a verified token that is
    // refused (a non-administrator's) is.
    let r = reqwest::Client::new()
        .get(app.url("/api/admin/v1/users"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let token = app
        .mint_access_token(&user.userid, "openid latchkey:admin")
        .await;
    let r = reqwest::Client::new()
        .get(app.url("/api/admin/v1/users"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(matches!(r.status().as_u16(), 401 | 403), "{}", r.status());
    let events = audit_events(&app, "admin.refused").await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events.iter().all(|e| e.ip.as_deref() == Some("127.0.0.1")));
    assert!(events.iter().all(|e| e.details["surface"] == "api"));
    let known = events
        .iter()
        .find(|e| e.details["client_id"] == "some-client")
        .unwrap_or_else(|| panic!("no refusal names the client: {events:?}"));
    assert_eq!(known.actor.as_deref(), Some(user.userid.as_str()));

    // Admin UI: a signed-in non-administrator.
    let browser = signed_in_browser(&app, &user).await;
    let r = browser.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let ui: Vec<_> = audit_events(&app, "admin.refused")
        .await
        .into_iter()
        .filter(|e| e.details["surface"] == "ui")
        .collect();
    assert_eq!(ui.len(), 1, "{ui:?}");
    assert_eq!(ui[0].actor.as_deref(), Some(user.userid.as_str()));
    assert_eq!(ui[0].ip.as_deref(), Some("127.0.0.1"));
}
on_both_backends!(admin_refusals_are_audited);

async fn unknown_usernames_are_audited_only_as_a_keyed_hash(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    app.create_user("alice", "correct horse battery").await;
    let page = login_page(&app, "").await;
    // A password typed into the username field, twice, and a known name.
    let typed = "Tr0ub4dor&3-horse";
    for _ in 0..2 {
        let r = post_login(&app, &page.csrf, typed, "whatever it is", None).await;
        assert_eq!(r.status(), 400);
    }
    let r = post_login(&app, &page.csrf, "alice", "wrong horse battery", None).await;
    assert_eq!(r.status(), 400);

    let all = app
        .state
        .repos
        .audit
        .list(&latchkey::db::AuditFilter {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let text = serde_json::to_string(&all.items).unwrap().to_lowercase();
    assert!(
        !text.contains("tr0ub4dor"),
        "the typed text is in the audit log: {text}"
    );
    let failures = audit_events(&app, "signin.failure").await;
    assert_eq!(failures.len(), 3);
    let hashes: Vec<_> = failures
        .iter()
        .filter_map(|e| e.details["username_hash"].as_str())
        .collect();
    // Equal names correlate; a known username is recorded as itself.
    assert_eq!(hashes.len(), 2, "{failures:?}");
    assert_eq!(hashes[0], hashes[1]);
    assert!(failures.iter().any(|e| e.details["username"] == "alice"));
    assert!(
        failures
            .iter()
            .all(|e| e.ip.as_deref() == Some("127.0.0.1"))
    );
}
on_both_backends!(unknown_usernames_are_audited_only_as_a_keyed_hash);

/// Refusals of verified tokens are audited, but a token holder looping on
/// the admin API cannot make the server write a row per request: writes
/// are bounded per address like other stored state (review finding).
#[tokio::test]
async fn refused_admin_api_calls_write_a_bounded_number_of_rows() {
    let app = crate::helpers::spawn_app_with(|s| s.pending_rate_limit = 3).await;
    let user = app.create_user("eve", "correct horse battery").await;
    let token = app
        .mint_access_token(&user.userid, "openid latchkey:admin")
        .await;
    for _ in 0..10 {
        let r = reqwest::Client::new()
            .get(app.url("/api/admin/v1/users"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(matches!(r.status().as_u16(), 401 | 403), "{}", r.status());
    }
    let events = audit_events(&app, "admin.refused").await;
    assert_eq!(events.len(), 3, "{events:?}");
}
