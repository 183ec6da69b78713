//! Who a request comes from (`LATCHKEY_TRUSTED_PROXIES`), and the
//! per-address limits keyed by it: client authentication failures, invite
//! links, pending authorization requests and ceremonies, IPv6 /64s, and one
//! budget for several instances on one PostgreSQL database.

use std::sync::Arc;

use latchkey::app::Application;
use latchkey::clock::Clock as _;
use latchkey::db::AuditFilter;
use serde_json::{Value, json};

use crate::helpers::login_page;
use crate::helpers::{Backend, TestApp, browser, spawn_app, spawn_app_on_with, spawn_app_with};
use crate::helpers::{REDIRECT, TestClient, register};

/// `POST /revoke` with client credentials, as if relayed with `xff`.
async fn revoke(
    base: &str,
    client: &TestClient,
    secret: &str,
    xff: Option<&str>,
) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(format!("{base}/revoke"))
        .basic_auth(&client.id, Some(secret))
        .form(&[("token", "not-a-token")]);
    if let Some(xff) = xff {
        req = req.header("X-Forwarded-For", xff);
    }
    req.send().await.unwrap()
}

fn retry_after(r: &reqwest::Response) -> u64 {
    r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Rows in `table`, read straight from the test's database.
async fn count_rows(app: &TestApp, table: &str) -> i64 {
    use sqlx::Connection;
    let url = &app.state.settings.database_url;
    let sql = format!("SELECT COUNT(*) FROM {table}");
    match Backend::from_url(url) {
        Some(Backend::Postgres) => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_scalar(&sql).fetch_one(&mut c).await.unwrap()
        }
        _ => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::query_scalar(&sql).fetch_one(&mut c).await.unwrap()
        }
    }
}

#[tokio::test]
async fn a_forged_forwarded_for_from_an_untrusted_peer_changes_nothing() {
    // No trusted proxies (the default): the header is ignored.
    let app = spawn_app_with(|s| s.client_auth_failure_limit = 2).await;
    let client = register(&app, false, false).await;
    for i in 0..2 {
        let r = revoke(&app.base, &client, "wrong", Some(&format!("203.0.113.{i}"))).await;
        assert_eq!(r.status(), 401);
    }
    // A new forged address each time does not buy a new budget.
    let r = revoke(&app.base, &client, "wrong", Some("203.0.113.99")).await;
    assert_eq!(r.status(), 429);
    // And the audit log records the real peer.
    let page = login_page(&app, "").await;
    let r = app
        .http
        .post(app.url("/login"))
        .header("Origin", &app.base)
        .header("X-Forwarded-For", "203.0.113.50")
        .form(&[
            ("csrf", page.csrf.as_str()),
            ("username", "nobody"),
            ("password", "nope nope nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let ips = failure_ips(&app).await;
    assert_eq!(ips, vec![Some("127.0.0.1".to_owned())]);
}

async fn failure_ips(app: &TestApp) -> Vec<Option<String>> {
    app.state
        .repos
        .audit
        .list(&AuditFilter {
            event: Some("signin.failure".into()),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.ip)
        .collect()
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_rightmost_untrusted_entry_is_the_client() {
    // The test server's peer is 127.0.0.1: it plays the proxy, which
    // appended the real client's address to whatever the client sent.
    let app = spawn_app_with(|s| {
        s.client_auth_failure_limit = 2;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let client = register(&app, false, false).await;
    for i in 0..2 {
        let xff = format!("10.9.9.{i}, 198.51.100.7");
        assert_eq!(
            revoke(&app.base, &client, "wrong", Some(&xff))
                .await
                .status(),
            401
        );
    }
    // A forged leftmost entry does not make it someone else.
    let r = revoke(
        &app.base,
        &client,
        "wrong",
        Some("192.0.2.200, 198.51.100.7"),
    )
    .await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) >= 1);
    // Another client address, even one claiming to be the throttled one, is not throttled.
    let r = revoke(
        &app.base,
        &client,
        "wrong",
        Some("198.51.100.7, 198.51.100.8"),
    )
    .await;
    assert_eq!(r.status(), 401);

    // The audit log records the rightmost untrusted entry, not the forged one.
    let page = login_page(&app, "").await;
    let r = app
        .http
        .post(app.url("/login"))
        .header("Origin", &app.base)
        .header("X-Forwarded-For", "203.0.113.50, 198.51.100.9, 127.0.0.1")
        .form(&[
            ("csrf", page.csrf.as_str()),
            ("username", "nobody"),
            ("password", "nope nope nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        failure_ips(&app).await,
        vec![Some("198.51.100.9".to_owned())]
    );
}

#[tokio::test]
async fn a_valid_client_secret_is_never_refused_for_failures_from_its_address() {
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    let secret = client.secret.clone().unwrap();
    // 21 bad secrets for this client from this address (the limit is 20)...
    let mut statuses = Vec::new();
    for _ in 0..21 {
        statuses.push(
            revoke(&app.base, &client, "wrong", None)
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(statuses[..20].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[20], 429, "{statuses:?}");
    let r = revoke(&app.base, &client, "wrong", None).await;
    assert_eq!(r.status(), 429);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "slow_down");
    // ...and the relying party's own request from that address still works.
    assert_eq!(
        revoke(&app.base, &client, &secret, None).await.status(),
        200
    );
    let r =
        crate::helpers::token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

#[tokio::test]
async fn ipv6_addresses_share_one_budget_per_64() {
    let app = spawn_app_with(|s| {
        s.client_auth_failure_limit = 3;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let client = register(&app, false, false).await;
    // Three addresses of one /64: one budget.
    for xff in [
        "2001:db8:1:2::1",
        "2001:db8:1:2::2",
        "2001:db8:1:2:ffff:ffff:ffff:ffff",
    ] {
        assert_eq!(
            revoke(&app.base, &client, "wrong", Some(xff))
                .await
                .status(),
            401
        );
    }
    let r = revoke(&app.base, &client, "wrong", Some("2001:db8:1:2::abcd")).await;
    assert_eq!(r.status(), 429);
    // The next /64 has a budget of its own.
    let r = revoke(&app.base, &client, "wrong", Some("2001:db8:1:3::1")).await;
    assert_eq!(r.status(), 401);
}

async fn new_invite(app: &TestApp, username: &str) -> String {
    app.create_invite(latchkey::manage::CreateInvite {
        username: username.into(),
        ttl_seconds: 3600,
        ..Default::default()
    })
    .await
}

/// The CSRF token of an HTML page (its `<meta name="csrf-token">`).
fn meta_csrf(html: &str) -> String {
    let marker = r#"<meta name="csrf-token" content=""#;
    let start = html.find(marker).expect("csrf meta") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

async fn post_json(
    app: &TestApp,
    http: &reqwest::Client,
    csrf: &str,
    path: &str,
) -> reqwest::Response {
    http.post(app.url(path))
        .header("Origin", &app.base)
        .header("X-CSRF-Token", csrf)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invite_link_is_rate_limited_before_anything_is_stored() {
    let app = spawn_app_with(|s| s.invite_rate_limit = 3).await;
    let url = new_invite(&app, "ivy").await;
    let path = url.strip_prefix(&app.base).unwrap().to_owned();
    let http = browser();
    // 1: the page.
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csrf = meta_csrf(&r.text().await.unwrap());
    // 2, 3: two passkey ceremonies started.
    for _ in 0..2 {
        let r = post_json(&app, &http, &csrf, &format!("{path}/passkey/start")).await;
        assert_eq!(r.status(), 200);
    }
    assert_eq!(count_rows(&app, "ceremonies").await, 2);
    // 4: refused, with Retry-After, and no ceremony stored.
    let r = post_json(&app, &http, &csrf, &format!("{path}/passkey/start")).await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) >= 1);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("Too many"),
        "{body}"
    );
    assert_eq!(count_rows(&app, "ceremonies").await, 2);
    // The page and the password form (an argon2 hash each) are refused too.
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) >= 1);
    let r = http
        .post(&url)
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "a long enough password"),
            ("confirm_password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("ivy")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn passkey_ceremony_starts_are_bounded_per_address() {
    let app = spawn_app_with(|s| s.pending_rate_limit = 3).await;
    let page = login_page(&app, "").await;
    for _ in 0..3 {
        let r = post_json(&app, &app.http, &page.csrf, "/webauthn/login/start").await;
        assert_eq!(r.status(), 200);
    }
    let r = post_json(&app, &app.http, &page.csrf, "/webauthn/login/start").await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) >= 1);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("Too many"),
        "{body}"
    );
    assert_eq!(count_rows(&app, "ceremonies").await, 3);
}

#[tokio::test]
async fn pending_authorization_requests_are_bounded_per_address() {
    let app = spawn_app_with(|s| s.pending_rate_limit = 3).await;
    let client = register(&app, false, false).await;
    let url = app.url(&format!(
        "/authorize?client_id={}&redirect_uri={REDIRECT}&response_type=code&scope=openid&state=s",
        client.id
    ));
    let http = browser();
    for _ in 0..3 {
        let r = http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    }
    assert_eq!(count_rows(&app, "auth_requests").await, 3);
    let r = http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) >= 1);
    assert!(r.text().await.unwrap().contains("Too many"));
    assert_eq!(count_rows(&app, "auth_requests").await, 3);
}

/// A second instance on `first`'s database and clock; returns its base URL.
async fn second_instance(first: &TestApp) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let settings = (*first.state.settings).clone();
    let app = Application::build_on(listener, settings, Arc::new(first.clock.clone()))
        .await
        .unwrap();
    let handle = tokio::spawn(async move {
        app.run_until(std::future::pending()).await.unwrap();
    });
    (format!("http://localhost:{port}"), handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_enforce_one_budget() {
    let Some(a) = spawn_app_on_with(Backend::Postgres, |s| s.client_auth_failure_limit = 4).await
    else {
        return;
    };
    let (b, b_task) = second_instance(&a).await;
    let client = register(&a, false, false).await;
    // Four failures, split across both instances, spend the one budget...
    for base in [&a.base, &b, &a.base, &b] {
        assert_eq!(revoke(base, &client, "wrong", None).await.status(), 401);
    }
    // ...so the fifth is refused on either.
    for base in [&b, &a.base] {
        let r = revoke(base, &client, "wrong", None).await;
        assert_eq!(r.status(), 429);
        assert!((1..=60).contains(&retry_after(&r)));
    }
    // The valid secret still works on both.
    let secret = client.secret.clone().unwrap();
    for base in [&a.base, &b] {
        assert_eq!(revoke(base, &client, &secret, None).await.status(), 200);
    }
    // The next window brings a fresh budget; the old counters are purged.
    a.clock.advance(60);
    assert_eq!(revoke(&b, &client, "wrong", None).await.status(), 401);
    a.clock.advance(120);
    a.state
        .repos
        .maintenance
        .purge_expired(a.clock.now())
        .await
        .unwrap();
    assert_eq!(count_rows(&a, "rate_limits").await, 0);
    b_task.abort();
}
