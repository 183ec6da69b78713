//! An administrator on a user's sessions and passkeys, through the admin
//! API and the admin UI (both backends).

use latchkey::db::Backend;
use latchkey::manage::{self, Actor};
use serde_json::Value;

use crate::helpers::{
    PASSWORD, TestApp, audit_events, csrf_of, on_both_backends, register, signed_in_browser,
    spawn_app_on,
};

/// Calls the admin API with `token`; the status and the JSON answer.
async fn api(app: &TestApp, token: &str, method: reqwest::Method, path: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A browser signed in as `user`, and the id of its new session.
async fn browser_with_sid(app: &TestApp, user: &latchkey::db::User) -> (reqwest::Client, String) {
    let before: Vec<String> = sids(app, &user.userid).await;
    let browser = signed_in_browser(app, user).await;
    let after = sids(app, &user.userid).await;
    let sid = after
        .into_iter()
        .find(|s| !before.contains(s))
        .expect("a new session");
    (browser, sid)
}

async fn sids(app: &TestApp, userid: &str) -> Vec<String> {
    app.state
        .repos
        .sessions
        .list_for_user(userid)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.sid)
        .collect()
}

/// Whether `browser` still gets into `/account`.
async fn signed_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    let r = browser.get(app.url("/account")).send().await.unwrap();
    match r.status().as_u16() {
        200 => true,
        303 => false,
        other => panic!("/account answered {other}"),
    }
}

on_both_backends!(an_administrator_ends_a_users_sessions_over_the_api);
async fn an_administrator_ends_a_users_sessions_over_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let alice = app.create_user("alice", PASSWORD).await;
    let (first, first_sid) = browser_with_sid(&app, &alice).await;
    let (second, _) = browser_with_sid(&app, &alice).await;
    let client = register(&app, false, true).await;
    let tokens = app
        .tokens_for(&client, &alice, "openid offline_access")
        .await;
    let base = format!("/users/{}/sessions", alice.userid);
    use reqwest::Method;

    // Listed with when, where from, which browser and how.
    let (s, v) = api(&app, &token, Method::GET, &base).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["total"], 3);
    let listed = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["sid"] == first_sid.as_str())
        .expect("the first browser's session is listed")
        .clone();
    assert_eq!(listed["ip"], "127.0.0.1");
    assert_eq!(listed["user_agent"], "test");
    assert_eq!(listed["amr"], serde_json::json!(["pwd"]));
    assert!(listed["created_at"].as_str().unwrap().contains('T'));
    assert!(listed["last_seen_at"].as_str().unwrap().contains('T'));

    // Ending one session signs that browser out at once, and only that one.
    let (s, _) = api(&app, &token, Method::DELETE, &format!("{base}/{first_sid}")).await;
    assert_eq!(s, 204);
    assert!(!signed_in(&app, &first).await);
    assert!(signed_in(&app, &second).await);
    let (s, v) = api(&app, &token, Method::DELETE, &format!("{base}/{first_sid}")).await;
    assert_eq!((s, v["error"].as_str()), (404, Some("not_found")));
    // As "Sign out" on /account: the application keeps its tokens.
    let r = app.refresh(&client, tokens.refresh(), None).await;
    assert_eq!(r.status(), 200);
    let refreshed: Value = r.json().await.unwrap();
    let (refresh, access) = (
        refreshed["refresh_token"].as_str().unwrap(),
        refreshed["access_token"].as_str().unwrap(),
    );

    // Someone else's session id is not found under this user.
    let bob = app.create_user("bob", PASSWORD).await;
    let (bobs, bob_sid) = browser_with_sid(&app, &bob).await;
    let (s, _) = api(&app, &token, Method::DELETE, &format!("{base}/{bob_sid}")).await;
    assert_eq!(s, 404);
    assert!(signed_in(&app, &bobs).await);

    // Ending all: every browser out, and the application's tokens revoked.
    let (s, _) = api(&app, &token, Method::DELETE, &base).await;
    assert_eq!(s, 204);
    assert!(!signed_in(&app, &second).await);
    let (_, v) = api(&app, &token, Method::GET, &base).await;
    assert_eq!(v["total"], 0);
    let r = app.refresh(&client, refresh, None).await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(app.userinfo_status(access).await, 401);
    // Bob is untouched.
    assert!(signed_in(&app, &bobs).await);

    // Audited, by the client that called, about alice.
    let mut ended = audit_events(&app, "session.ended").await;
    ended.extend(audit_events(&app, "signout.everywhere").await);
    assert_eq!(ended.len(), 2);
    assert!(
        ended
            .iter()
            .all(|e| e.subject.as_deref() == Some(alice.userid.as_str()))
    );
    assert!(
        ended
            .iter()
            .all(|e| e.actor.as_deref().is_some_and(|a| a.starts_with("client:")))
    );
    assert_eq!(ended[0].details["sid"], first_sid.as_str());

    // Unknown users are 404.
    let (s, _) = api(&app, &token, Method::GET, "/users/nobody/sessions").await;
    assert_eq!(s, 404);
    let (s, _) = api(&app, &token, Method::DELETE, "/users/nobody/sessions").await;
    assert_eq!(s, 404);
}

on_both_backends!(an_administrator_lists_and_removes_passkeys_over_the_api);
async fn an_administrator_lists_and_removes_passkeys_over_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    use reqwest::Method;
    let alice = app.create_user("alice", PASSWORD).await;
    let laptop = app.add_passkey(&alice.userid, "Laptop").await;
    let phone = app.add_passkey(&alice.userid, "Phone").await;
    let base = format!("/users/{}/passkeys", alice.userid);
    let (s, v) = api(&app, &token, Method::GET, &base).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["total"], 2);
    let mut names: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Laptop", "Phone"]);
    let item = &v["items"][0];
    assert!(item["created_at"].as_str().unwrap().contains('T'));
    assert!(item["last_used_at"].is_null());
    assert!(item.get("passkey").is_none() && item.get("credential_id").is_none());

    let (s, _) = api(&app, &token, Method::DELETE, &format!("{base}/{laptop}")).await;
    assert_eq!(s, 204);
    let left: Vec<String> = app
        .passkeys(&alice.userid)
        .await
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(left, vec![phone]);
    let (s, _) = api(&app, &token, Method::DELETE, &format!("{base}/{laptop}")).await;
    assert_eq!(s, 404);

    // Another user's passkey is not found under alice.
    let bob = manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        manage::CreateUser {
            username: "bob".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let bobs = app.add_passkey(&bob.userid, "Only key").await;
    let (s, _) = api(&app, &token, Method::DELETE, &format!("{base}/{bobs}")).await;
    assert_eq!(s, 404);
    assert_eq!(app.passkeys(&bob.userid).await.len(), 1);

    // An administrator may remove a user's last way to sign in (a lost
    // authenticator); the audit event says so.
    let (s, _) = api(
        &app,
        &token,
        Method::DELETE,
        &format!("/users/{}/passkeys/{bobs}", bob.userid),
    )
    .await;
    assert_eq!(s, 204);
    assert!(app.passkeys(&bob.userid).await.is_empty());
    let removed = audit_events(&app, "passkey.removed").await;
    assert_eq!(removed.len(), 2);
    assert_eq!(removed[0].subject.as_deref(), Some(bob.userid.as_str()));
    assert_eq!(removed[0].details["last_sign_in_method"], true);
    assert_eq!(removed[0].details["name"], "Only key");
    assert!(removed[1].details.get("last_sign_in_method").is_none());
    let (s, _) = api(&app, &token, Method::GET, "/users/nobody/passkeys").await;
    assert_eq!(s, 404);
}

on_both_backends!(the_user_page_lists_and_ends_sessions_and_removes_passkeys);
async fn the_user_page_lists_and_ends_sessions_and_removes_passkeys(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let boss = app.create_admin("boss").await;
    let admin = signed_in_browser(&app, &boss).await;
    let alice = manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        manage::CreateUser {
            username: "alice".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let key = app.add_passkey(&alice.userid, "Security key").await;
    let (first, first_sid) = browser_with_sid(&app, &alice).await;
    let (second, _) = browser_with_sid(&app, &alice).await;
    let page = format!("/admin/users/{}", alice.userid);
    let html = admin
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html.matches(">End session</button>").count(), 2, "{html}");
    assert!(html.contains(">End all sessions</button>"));
    assert!(html.contains("127.0.0.1"));
    assert!(html.contains("Security key"));
    assert!(html.contains(">Remove</button>"));
    // Her passkey is her only way to sign in: the page warns.
    assert!(html.contains("only way to sign in"));
    let csrf = csrf_of(&html);

    let r = app
        .post_form(
            &admin,
            &format!("{page}/sessions/{first_sid}/end"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("{page}?done=session-ended").as_str()
    );
    assert!(!signed_in(&app, &first).await);
    assert!(signed_in(&app, &second).await);
    let r = app
        .post_form(
            &admin,
            &format!("{page}/sessions/nosuchsession/end"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 404);

    let r = app
        .post_form(
            &admin,
            &format!("{page}/passkeys/{key}/remove"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let next = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(next, format!("{page}?done=passkey-removed-last"));
    assert!(app.passkeys(&alice.userid).await.is_empty());
    let html = admin
        .get(app.url(&next))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("last way to sign in: send them a recovery link"));
    assert!(html.contains("No passkeys."));

    let r = app
        .post_form(
            &admin,
            &format!("{page}/sessions/end-all"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(!signed_in(&app, &second).await);
    assert!(sids(&app, &alice.userid).await.is_empty());
    // The administrator's own session is untouched.
    assert!(signed_in(&app, &admin).await);
    let mut ended = audit_events(&app, "session.ended").await;
    ended.extend(audit_events(&app, "signout.everywhere").await);
    assert_eq!(ended.len(), 2);
    assert!(
        ended
            .iter()
            .all(|e| e.actor.as_deref() == Some(boss.userid.as_str()))
    );
}
