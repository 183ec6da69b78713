//! What `/authorize` answers a request it cannot serve: an error page for
//! an untrusted client or redirect URI (never a redirect), otherwise the
//! error sent back to the client with `state` and `iss`.

use crate::helpers::{
    Backend, REDIRECT, TestApp, TestClient, VERIFIER, challenge, location, on_both_backends, query,
    register, spawn_app_on,
};

/// `/authorize` with the client and the registered redirect URI, and
/// exactly `params` besides.
fn authorize_url(app: &TestApp, client: &TestClient, params: &[(&str, &str)]) -> String {
    let mut all = vec![
        ("client_id", client.id.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    all.extend_from_slice(params);
    app.authorize_url(&all)
}

async fn untrusted_client_or_redirect_shows_a_page_and_never_redirects(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, false, false).await;
    let cases = [
        (
            "unregistered redirect",
            format!(
                "{}/authorize?client_id={}&redirect_uri=https://evil.example/cb&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
        (
            "unknown client",
            format!(
                "{}/authorize?client_id=nope&redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base
            ),
        ),
        (
            "no client",
            format!(
                "{}/authorize?redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base
            ),
        ),
        (
            "duplicate client_id",
            format!(
                "{}/authorize?client_id={}&client_id=x&redirect_uri={REDIRECT}&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
        (
            "redirect with extra query",
            format!(
                "{}/authorize?client_id={}&redirect_uri={REDIRECT}?x=1&response_type=code&scope=openid",
                app.base, client.id
            ),
        ),
    ];
    for (name, url) in cases {
        let r = app.http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 400, "{name}");
        assert!(
            r.headers().get("location").is_none(),
            "{name} must not redirect"
        );
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{name}"
        );
    }
}

async fn bad_requests_return_errors_to_the_client_with_state_and_iss(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let confidential = register(&app, false, false).await;
    let public = register(&app, true, false).await;
    let c = challenge(VERIFIER);
    let cases: Vec<(&str, &TestClient, Vec<(&str, &str)>, &str)> = vec![
        (
            "missing response_type",
            &confidential,
            vec![("scope", "openid"), ("state", "s1")],
            "invalid_request",
        ),
        (
            "token response_type",
            &confidential,
            vec![
                ("response_type", "token"),
                ("scope", "openid"),
                ("state", "s1"),
            ],
            "unsupported_response_type",
        ),
        (
            "no openid scope",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "profile"),
                ("state", "s1"),
            ],
            "invalid_scope",
        ),
        (
            "plain PKCE",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("code_challenge", VERIFIER),
                ("code_challenge_method", "plain"),
            ],
            "invalid_request",
        ),
        (
            "public client without PKCE",
            &public,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
            ],
            "invalid_request",
        ),
        (
            "request object",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("request", "eyJ.x.y"),
            ],
            "request_not_supported",
        ),
        (
            "request_uri",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("request_uri", "https://x/r"),
            ],
            "request_uri_not_supported",
        ),
        (
            "bad prompt",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("prompt", "none login"),
            ],
            "invalid_request",
        ),
        (
            "bad max_age",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("max_age", "-5"),
            ],
            "invalid_request",
        ),
        (
            "prompt=none without session",
            &confidential,
            vec![
                ("response_type", "code"),
                ("scope", "openid"),
                ("state", "s1"),
                ("prompt", "none"),
                ("code_challenge", &c),
                ("code_challenge_method", "S256"),
            ],
            "login_required",
        ),
    ];
    for (name, client, params, error) in cases {
        let r = app
            .http
            .get(authorize_url(&app, client, &params))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{name}: {}", r.status());
        let back = url::Url::parse(&location(&app, &r)).unwrap();
        assert!(back.as_str().starts_with(REDIRECT), "{name}");
        assert_eq!(query(&back, "error").as_deref(), Some(error), "{name}");
        assert_eq!(query(&back, "state").as_deref(), Some("s1"), "{name}");
        assert_eq!(
            query(&back, "iss").as_deref(),
            Some(app.base.as_str()),
            "{name}"
        );
    }
}

on_both_backends!(untrusted_client_or_redirect_shows_a_page_and_never_redirects);
on_both_backends!(bad_requests_return_errors_to_the_client_with_state_and_iss);
