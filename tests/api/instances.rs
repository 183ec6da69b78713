//! Several instances, one PostgreSQL database: any instance serves any
//! request, races have one winner, and key rotations spread.

use std::sync::Arc;
use std::time::Duration;

use latchkey::app::Application;
use latchkey::clock::SystemClock;

use crate::helpers::{
    Backend, CodeRequest, TestApp, hidden, location, query, racing_refreshes, register,
    signed_in_browser, spawn_app_on_with,
};

/// A second instance on the same database and issuer; returns its base URL.
async fn second_instance(first: &TestApp) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let settings = (*first.state.settings).clone();
    let app = Application::build_on(listener, settings, Arc::new(SystemClock))
        .await
        .unwrap();
    let handle = tokio::spawn(async move {
        app.run_until(std::future::pending()).await.unwrap();
    });
    (format!("http://localhost:{port}"), handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_one_postgres_database() {
    let Some(a) = spawn_app_on_with(Backend::Postgres, |s| {
        s.key_reload_interval = Duration::from_secs(1)
    })
    .await
    else {
        return;
    };
    let (b_base, b_task) = second_instance(&a).await;
    let user = a.create_user("shared", "correct horse battery").await;
    let client = register(&a, false, false).await;
    let browser = signed_in_browser(&a, &user).await;

    // An authorization started at A completes at B (consent there).
    let url = CodeRequest::new(&client, "openid offline_access").url(&a);
    let r = browser.get(&url).send().await.unwrap();
    let consent = location(&a, &r);
    assert!(consent.starts_with(&a.url("/consent?req=")));
    let path = consent.trim_start_matches(&a.base).to_owned();
    let html = browser
        .get(format!("{b_base}{path}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let form = [
        ("csrf", hidden(&html, "csrf")),
        ("req", hidden(&html, "req")),
        ("decision", "allow".to_owned()),
    ];
    let r = browser
        .post(format!("{b_base}/consent"))
        .header("origin", &a.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection(),
        "B finished the request A started: {}",
        r.status()
    );
    let back = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    assert_eq!(
        query(&back, "iss").as_deref(),
        Some(a.base.as_str()),
        "both instances speak for one issuer"
    );
    let code = query(&back, "code").unwrap();

    // The code B issued is redeemed at A.
    let tokens = a.exchange(&client, &code).await;
    let (access, refresh) = (tokens.access.clone(), tokens.refresh().to_owned());
    let http = reqwest::Client::new();
    // A token issued by A works at B.
    assert_eq!(
        http.get(format!("{b_base}/userinfo"))
            .bearer_auth(&access)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // Racing refreshes across the two instances: exactly one winner.
    let targets = (0..16)
        .map(|i| {
            if i % 2 == 0 {
                a.url("/token")
            } else {
                format!("{b_base}/token")
            }
        })
        .collect();
    let statuses = racing_refreshes(&client, &refresh, targets).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );

    // A key rotated through A is published by B within the reload interval.
    let kid = a
        .state
        .keys
        .rotate(latchkey::config::SigningAlg::ES256)
        .await
        .unwrap();
    let mut published = false;
    // B reloads keys every second; two minutes is the bound for a loaded machine.
    for _ in 0..600 {
        let jwks: serde_json::Value = http
            .get(format!("{b_base}/jwks"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["kid"] == kid.as_str())
        {
            published = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(published, "B publishes the key A rotated");
    b_task.abort();
}

/// A DPoP proof spent at one instance is a replay at the other (the `jti`
/// cache is a table), and its `htu` is the issuer's URL whichever instance
/// answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dpop_proof_is_used_once_across_instances() {
    let Some(a) = spawn_app_on_with(Backend::Postgres, |_| {}).await else {
        return;
    };
    let (b_base, b_task) = second_instance(&a).await;
    let client = register(&a, false, false).await;
    let key = crate::dpop::DpopKey::new(latchkey::domain::signing_alg::SigningAlg::ES256);
    let proof = key.proof(&a, "POST", &a.url("/token"), None, None);
    let post = |base: String| {
        reqwest::Client::new()
            .post(format!("{base}/token"))
            .basic_auth(&client.id, client.secret.as_deref())
            .header("DPoP", &proof)
            .form(&[("grant_type", "client_credentials")])
            .send()
    };
    let first = post(b_base.clone()).await.unwrap();
    assert_eq!(
        first.status(),
        200,
        "B accepts a proof for the issuer's URL"
    );
    let body: serde_json::Value = first.json().await.unwrap();
    assert_eq!(body["token_type"], "DPoP");
    let again = post(a.base.clone()).await.unwrap();
    assert_eq!(again.status(), 400, "A knows B spent it");
    let body: serde_json::Value = again.json().await.unwrap();
    assert_eq!(body["error"], "invalid_dpop_proof");
    b_task.abort();
}
