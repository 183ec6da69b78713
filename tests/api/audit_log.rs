//! The audit log: retention (old events purged, recent ones kept) and the
//! filters by user, client, event and time, over the admin API and the
//! admin UI (both backends).

use latchkey::audit::{self, Actor, Event};
use latchkey::clock::rfc3339;
use latchkey::db::{AuditFilter, Backend, NewAuditEvent};
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, on_both_backends, signed_in_browser, spawn_app_on, spawn_app_on_with,
};

const DAY: i64 = 86_400;

async fn all_events(app: &TestApp) -> Vec<latchkey::db::AuditEvent> {
    app.state
        .repos
        .audit
        .list(&AuditFilter {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
}

async fn append_at(app: &TestApp, event: &str, at: i64) {
    app.state
        .repos
        .audit
        .append(
            &NewAuditEvent {
                actor: Some("system".into()),
                event: event.into(),
                ..Default::default()
            },
            at,
        )
        .await
        .unwrap();
}

on_both_backends!(retention_purges_only_events_older_than_the_setting);
async fn retention_purges_only_events_older_than_the_setting(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    // The default keeps a year.
    assert_eq!(
        app.state.settings.audit_retention,
        Some(std::time::Duration::from_secs(365 * DAY as u64))
    );
    let now = clock.now();
    let before = all_events(&app).await.len();
    append_at(&app, "test.ancient", now - 400 * DAY).await;
    append_at(&app, "test.just_expired", now - 365 * DAY - 1).await;
    append_at(&app, "test.just_kept", now - 365 * DAY + 60).await;
    append_at(&app, "test.recent", now - 10 * DAY).await;
    // The server's own housekeeping purges too (at startup and on a timer,
    // whenever it gets to run), so the test checks what is left, never how
    // many rows one particular purge removed.
    audit::purge_old(repos, clock, app.state.settings.audit_retention)
        .await
        .unwrap();
    let names: Vec<String> = all_events(&app)
        .await
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(names.len(), before + 2);
    assert!(names.contains(&"test.just_kept".to_owned()));
    assert!(names.contains(&"test.recent".to_owned()));
    assert!(
        !names
            .iter()
            .any(|n| n == "test.ancient" || n == "test.just_expired")
    );
    // A second purge removes nothing more; time passing makes the next one due.
    audit::purge_old(repos, clock, app.state.settings.audit_retention)
        .await
        .unwrap();
    assert_eq!(all_events(&app).await.len(), before + 2);
    app.clock.advance(120);
    audit::purge_old(repos, clock, app.state.settings.audit_retention)
        .await
        .unwrap();
    let names: Vec<String> = all_events(&app)
        .await
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert!(!names.contains(&"test.just_kept".to_owned()));
    assert!(names.contains(&"test.recent".to_owned()));
    // `off` keeps everything.
    assert_eq!(audit::purge_old(repos, clock, None).await.unwrap(), 0);
}

on_both_backends!(a_shorter_retention_is_configurable);
async fn a_shorter_retention_is_configurable(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.audit_retention = Some(std::time::Duration::from_secs(30 * DAY as u64));
    })
    .await
    else {
        return;
    };
    let now = app.state.clock.now();
    append_at(&app, "test.old", now - 31 * DAY).await;
    append_at(&app, "test.young", now - 29 * DAY).await;
    // What is left is checked, not the count: the server's housekeeping may
    // have purged first.
    audit::purge_old(
        &app.state.repos,
        app.state.clock.as_ref(),
        app.state.settings.audit_retention,
    )
    .await
    .unwrap();
    let names: Vec<String> = all_events(&app)
        .await
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert!(names.contains(&"test.young".to_owned()));
    assert!(!names.contains(&"test.old".to_owned()));
}

/// Four events on four days from `t0` (after everything the setup wrote):
/// alice consents to app1; app2 revokes a token of alice; bob edits app1;
/// the CLI creates carol.
async fn four_days(app: &TestApp) -> i64 {
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    app.clock.advance(10 * DAY);
    let t0 = clock.now();
    audit::record(
        repos,
        clock,
        &Actor::user("alice-id", Some("192.0.2.1".into())),
        Event::ConsentGranted,
        Some("app1"),
        json!({"scopes": ["openid"]}),
    )
    .await;
    app.clock.advance(DAY);
    audit::record(
        repos,
        clock,
        &Actor {
            id: "client:app2".into(),
            ip: None,
            role: None,
        },
        Event::TokenRevoked,
        Some("alice-id"),
        json!({"client_id": "app2"}),
    )
    .await;
    app.clock.advance(DAY);
    audit::record(
        repos,
        clock,
        &Actor::user("bob-id", None),
        Event::ClientUpdated,
        Some("app1"),
        json!({}),
    )
    .await;
    app.clock.advance(DAY);
    audit::record(
        repos,
        clock,
        &Actor::cli(),
        Event::UserCreated,
        Some("carol-id"),
        json!({}),
    )
    .await;
    t0
}

async fn audit_api(app: &TestApp, token: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let mut url = url::Url::parse(&app.url("/api/admin/v1/audit")).unwrap();
    url.query_pairs_mut().extend_pairs(query);
    let r = reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

fn names(v: &Value) -> Vec<&str> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect()
}

on_both_backends!(the_api_filters_by_user_client_event_and_time);
async fn the_api_filters_by_user_client_event_and_time(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let t0 = four_days(&app).await;
    // The admin client's own events come a day after the four.
    app.clock.advance(DAY);
    let token = app.admin_token().await;
    let from = rfc3339(t0);
    let day = |n: i64| rfc3339(t0 + n * DAY);

    let (s, v) = audit_api(&app, &token, &[("client", "app1")]).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(names(&v), ["client.updated", "consent.granted"]);
    assert_eq!(v["items"][0]["client_id"], "app1");
    let (_, v) = audit_api(&app, &token, &[("client", "app2")]).await;
    assert_eq!(names(&v), ["token.revoked"]);
    let (_, v) = audit_api(&app, &token, &[("user", "alice-id")]).await;
    assert_eq!(names(&v), ["token.revoked", "consent.granted"]);
    let (_, v) = audit_api(&app, &token, &[("user", "alice-id"), ("client", "app2")]).await;
    assert_eq!(v["total"], 1);
    let (_, v) = audit_api(
        &app,
        &token,
        &[("client", "app1"), ("event", "consent.granted")],
    )
    .await;
    assert_eq!(names(&v), ["consent.granted"]);
    // Time: from is inclusive, to is inclusive.
    let (_, v) = audit_api(&app, &token, &[("from", &from), ("to", &day(3))]).await;
    assert_eq!(
        names(&v),
        [
            "user.created",
            "client.updated",
            "token.revoked",
            "consent.granted"
        ]
    );
    let (_, v) = audit_api(&app, &token, &[("from", &day(1)), ("to", &day(2))]).await;
    assert_eq!(names(&v), ["client.updated", "token.revoked"]);
    let (_, v) = audit_api(
        &app,
        &token,
        &[
            ("from", &(t0 + DAY).to_string()),
            ("to", &(t0 + DAY).to_string()),
        ],
    )
    .await;
    assert_eq!(names(&v), ["token.revoked"]);
    let (_, v) = audit_api(&app, &token, &[("to", &day(-1))]).await;
    assert_eq!(v["total"], 0, "{v}");
    let (_, v) = audit_api(&app, &token, &[("from", &day(4))]).await;
    assert!(!names(&v).contains(&"user.created"), "{v}");
    // Paging keeps the filter's total.
    let (_, v) = audit_api(
        &app,
        &token,
        &[
            ("from", &from),
            ("to", &day(3)),
            ("limit", "1"),
            ("offset", "1"),
        ],
    )
    .await;
    assert_eq!(
        (v["total"].as_i64(), names(&v)),
        (Some(4), vec!["client.updated"])
    );
    // Unreadable times are a clear 400.
    for bad in [("from", "yesterday"), ("to", "2026-13-45")] {
        let (s, v) = audit_api(&app, &token, &[bad]).await;
        assert_eq!(s, 400, "{bad:?}");
        assert_eq!(v["error"], "bad_request");
        assert!(v["message"].as_str().unwrap().contains(bad.0), "{v}");
    }
}

on_both_backends!(the_audit_page_filters_and_keeps_the_filter_in_its_page_links);
async fn the_audit_page_filters_and_keeps_the_filter_in_its_page_links(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let boss = app.create_admin("boss").await;
    let t0 = four_days(&app).await;
    let admin = signed_in_browser(&app, &boss).await;
    let get = |query: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let mut url = url::Url::parse(&app.url("/admin/audit")).unwrap();
        url.query_pairs_mut().extend_pairs(query);
        async move {
            let r = admin.get(url).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, html) = get(vec![("client", "app1".into())]).await;
    assert_eq!(s, 200);
    assert!(html.contains("2 events."), "{html}");
    assert!(html.contains("consent.granted") && html.contains("client.updated"));
    assert!(html.contains("value=\"app1\""), "the filter is shown");
    let (_, html) = get(vec![
        ("user", "alice-id".into()),
        ("event", "token.revoked".into()),
    ])
    .await;
    assert!(html.contains("1 event."), "{html}");
    // A date range in UTC days: "to" includes its whole day.
    let date = |at: i64| rfc3339(at)[..10].to_owned();
    let (_, html) = get(vec![
        ("from", date(t0 + 2 * DAY)),
        ("to", date(t0 + 2 * DAY)),
    ])
    .await;
    assert!(html.contains("1 event."), "{html}");
    assert!(html.contains("client.updated"));
    let (s, html) = get(vec![("from", "not a date".into())]).await;
    assert_eq!(s, 422);
    assert!(html.contains("role=\"alert\""));

    // Thirty events of one client: the next-page link keeps the filter.
    for _ in 0..30 {
        audit::record(
            &app.state.repos,
            app.state.clock.as_ref(),
            &Actor {
                id: "client:busy".into(),
                ip: None,
                role: None,
            },
            Event::TokenRevoked,
            None,
            json!({"client_id": "busy"}),
        )
        .await;
    }
    let (_, html) = get(vec![("client", "busy".into()), ("from", date(t0))]).await;
    assert!(html.contains("30 events."), "{html}");
    let from = date(t0);
    let expected = format!("/admin/audit?client=busy&amp;from={from}&amp;offset=25");
    assert!(html.contains(&expected), "{expected} in {html}");
    let (_, html) = get(vec![
        ("client", "busy".into()),
        ("from", from.clone()),
        ("offset", "25".into()),
    ])
    .await;
    assert_eq!(html.matches("<td>token.revoked</td>").count(), 5);
    let expected = format!("/admin/audit?client=busy&amp;from={from}&amp;offset=0");
    assert!(html.contains(&expected), "{expected} in {html}");
}
