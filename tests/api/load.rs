//! Bounded load: many concurrent requests, no errors, and exactly one
//! winner when a refresh token is redeemed concurrently.

use crate::helpers::{
    CodeRequest, racing_refreshes, register, register_admin, signed_in_browser, spawn_app,
    token_request,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_token_requests_all_succeed() {
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    let http = reqwest::Client::new();
    let mut tasks = Vec::new();
    for _ in 0..200 {
        let (http, url, id, secret) = (
            http.clone(),
            app.url("/token"),
            client.id.clone(),
            client.secret.clone(),
        );
        tasks.push(tokio::spawn(async move {
            http.post(url)
                .basic_auth(id, secret)
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refreshes_of_one_token_have_exactly_one_winner() {
    let app = spawn_app().await;
    let user = app.create_user("racer", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let code = app
        .authorize(
            &browser,
            &CodeRequest::new(&client, "openid offline_access"),
        )
        .await;
    let tokens = app.exchange(&client, &code).await;
    let statuses = racing_refreshes(&client, tokens.refresh(), vec![app.url("/token"); 16]).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 400),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn failed_client_authentication_is_throttled_but_valid_traffic_is_not() {
    let app = crate::helpers::spawn_app_with(|s| s.client_auth_failure_limit = 5).await;
    let client = register(&app, false, false).await;
    let http = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = http
            .post(app.url("/token"))
            .basic_auth(&client.id, Some("wrong"))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"));
            assert_eq!(
                r.json::<serde_json::Value>().await.unwrap()["error"],
                "slow_down"
            );
            statuses.push(429);
        } else {
            statuses.push(r.status().as_u16());
        }
    }
    assert_eq!(&statuses[..5], &[401; 5], "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");

    // Hundreds of valid requests from one address are never refused.
    let app = crate::helpers::spawn_app_with(|s| s.client_auth_failure_limit = 5).await;
    let client = register_admin(&app, false, false).await;
    for _ in 0..300 {
        let r = token_request(
            &app,
            &client,
            &[
                ("grant_type", "client_credentials"),
                ("scope", "latchkey:admin"),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_password_sign_ins_all_succeed() {
    // What is proven is that every sign-in succeeds, not how fast: on a
    // machine whose cores are busy elsewhere twelve concurrent argon2
    // verifications can approach the default 30 s request deadline.
    let app = crate::helpers::spawn_app_with(|s| {
        s.signin_rate_limit = 1000;
        s.request_timeout = std::time::Duration::from_secs(300);
    })
    .await;
    let mut users = Vec::new();
    for i in 0..12 {
        let name = format!("crowd{i}");
        app.create_user(&name, "correct horse battery").await;
        users.push(name);
    }
    let mut tasks = Vec::new();
    for name in users {
        let (base, login) = (app.base.clone(), app.url("/login"));
        tasks.push(tokio::spawn(async move {
            let browser = crate::helpers::browser();
            let page = browser
                .get(&login)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let csrf = crate::helpers::hidden(&page, "csrf");
            let r = browser
                .post(&login)
                .header("origin", &base)
                .form(&[
                    ("username", name.as_str()),
                    ("password", "correct horse battery"),
                    ("csrf", csrf.as_str()),
                ])
                .send()
                .await
                .unwrap();
            (
                r.status().as_u16(),
                r.headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_owned()),
            )
        }));
    }
    for t in tasks {
        let (status, location) = t.await.unwrap();
        assert_eq!(status, 303);
        assert_eq!(location.as_deref(), Some("/account"));
    }
}
