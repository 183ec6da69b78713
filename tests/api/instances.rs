//! Several instances, one PostgreSQL database: any instance serves any
//! request, races have one winner, and key rotations spread.

use std::sync::Arc;
use std::time::Duration;

use latchkey::app::Application;
use latchkey::clock::SystemClock;

use crate::helpers::{Backend, TestApp, spawn_app_on_with};
use crate::oidc_support::{REDIRECT, hidden, location, query, register, signed_in_browser};

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

const VERIFIER: &str = "instances-verifier-instances-verifier-0123456789";

fn challenge() -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()))
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
    let url = format!(
        "{}/authorize?client_id={}&redirect_uri={REDIRECT}&response_type=code&scope=openid%20offline_access&state=st&code_challenge={}&code_challenge_method=S256",
        a.base,
        client.id,
        challenge()
    );
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
    assert_eq!(query(&back, "state").as_deref(), Some("st"));
    assert_eq!(
        query(&back, "iss").as_deref(),
        Some(a.base.as_str()),
        "both instances speak for one issuer"
    );
    let code = query(&back, "code").unwrap();

    // The code B issued is redeemed at A.
    let http = reqwest::Client::new();
    let tokens: serde_json::Value = http
        .post(a.url("/token"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
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
    let mut tasks = Vec::new();
    for i in 0..16 {
        let target = if i % 2 == 0 {
            a.url("/token")
        } else {
            format!("{b_base}/token")
        };
        let (http, id, secret, refresh) = (
            http.clone(),
            client.id.clone(),
            client.secret.clone(),
            refresh.clone(),
        );
        tasks.push(tokio::spawn(async move {
            http.post(target)
                .basic_auth(id, secret)
                .form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", refresh.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
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
