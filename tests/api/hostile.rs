//! Hostile input over HTTP: every answer is a clear 4xx, never a 500, and
//! the server stays healthy.

use crate::helpers::register;
use crate::helpers::spawn_app;

#[tokio::test]
async fn hostile_requests_get_4xx_and_the_server_stays_healthy() {
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    let secret = client.secret.clone().unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let big = "A".repeat(100 * 1024);
    let long_param = "x".repeat(5000);

    struct Case {
        name: &'static str,
        request: reqwest::RequestBuilder,
    }
    let form = "application/x-www-form-urlencoded";
    let cases = vec![
        Case {
            name: "oversized token body",
            request: http
                .post(app.url("/token"))
                .header("content-type", form)
                .body(format!("grant_type=client_credentials&x={big}")),
        },
        Case {
            name: "oversized authorize param",
            request: http.get(app.url(&format!(
                "/authorize?client_id={}&state={long_param}",
                client.id
            ))),
        },
        Case {
            name: "NUL in form",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .header("content-type", form)
                .body("grant_type=authorization%00_code&code=%00"),
        },
        Case {
            name: "invalid UTF-8 in form",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .header("content-type", form)
                .body(b"grant_type=%FF%FE&code=\xff\xfe".to_vec()),
        },
        Case {
            name: "invalid UTF-8 in query",
            request: http.get(app.url("/authorize?client_id=%FF%FE&redirect_uri=%C0%AF")),
        },
        Case {
            name: "duplicated token params",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", "a"),
                    ("refresh_token", "b"),
                ]),
        },
        Case {
            name: "JSON to token",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .header("content-type", "application/json")
                .body("{\"grant_type\":\"client_credentials\"}"),
        },
        Case {
            name: "no content type",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .body("grant_type=client_credentials"),
        },
        Case {
            name: "Basic not base64",
            request: http
                .post(app.url("/token"))
                .header("authorization", "Basic !!!notbase64")
                .form(&[("grant_type", "client_credentials")]),
        },
        Case {
            name: "Basic without colon",
            request: http
                .post(app.url("/token"))
                .header("authorization", "Basic YWJj")
                .form(&[("grant_type", "client_credentials")]),
        },
        Case {
            name: "Basic non-UTF-8",
            request: http
                .post(app.url("/token"))
                .header("authorization", "Basic /w==")
                .form(&[("grant_type", "client_credentials")]),
        },
        Case {
            name: "Basic with bad escapes",
            request: http
                .post(app.url("/token"))
                .header("authorization", "Basic JUZGOiVaWg==")
                .form(&[("grant_type", "client_credentials")]),
        },
        Case {
            name: "Basic and body secret",
            request: http
                .post(app.url("/token"))
                .basic_auth(&client.id, Some(&secret))
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_secret", secret.as_str()),
                ]),
        },
        Case {
            name: "Bearer garbage at userinfo",
            request: http.get(app.url("/userinfo")).bearer_auth("a.b.c"),
        },
        Case {
            name: "Bearer non-JWT",
            request: http.get(app.url("/userinfo")).bearer_auth("%%%"),
        },
        Case {
            name: "forged alg none",
            request: http
                .get(app.url("/userinfo"))
                .bearer_auth("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0."),
        },
        Case {
            name: "userinfo token twice",
            request: http
                .post(app.url("/userinfo"))
                .bearer_auth("x")
                .form(&[("access_token", "y")]),
        },
        Case {
            name: "introspect without token",
            request: http
                .post(app.url("/introspect"))
                .basic_auth(&client.id, Some(&secret))
                .form(&[("x", "y")]),
        },
        Case {
            name: "revoke bad hint",
            request: http
                .post(app.url("/revoke"))
                .basic_auth(&client.id, Some(&secret))
                .form(&[("token", "x"), ("token_type_hint", "cookie")]),
        },
        Case {
            name: "logout garbage hint",
            request: http.get(app.url("/logout?id_token_hint=not.a.jwt")),
        },
        Case {
            name: "logout duplicate params",
            request: http.get(app.url("/logout?state=a&state=b")),
        },
        Case {
            name: "resume unknown request",
            request: http.get(app.url("/authorize/resume?req=nope")),
        },
        Case {
            name: "resume without req",
            request: http.get(app.url("/authorize/resume")),
        },
        Case {
            name: "consent unknown request",
            request: http.get(app.url("/consent?req=%00%FF")),
        },
        Case {
            name: "consent post without csrf",
            request: http
                .post(app.url("/consent"))
                .form(&[("req", "x"), ("decision", "allow")]),
        },
        Case {
            name: "consent post wrong type",
            request: http
                .post(app.url("/consent"))
                .header("content-type", "text/plain")
                .body("req=x"),
        },
        Case {
            name: "garbage cookie",
            request: http
                .get(app.url("/consent?req=x"))
                .header("cookie", "latchkey_session=%00%FF; latchkey_csrf=;;;="),
        },
        Case {
            name: "static traversal",
            request: http.get(app.url("/static/..%2f..%2fCargo.toml")),
        },
        Case {
            name: "authorize POST wrong type",
            request: http
                .post(app.url("/authorize"))
                .header("content-type", "application/json")
                .body("{}"),
        },
    ];
    for case in cases {
        let r = case
            .request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let status = r.status().as_u16();
        assert!((400..500).contains(&status), "{}: got {status}", case.name);
        let body = r.text().await.unwrap_or_default();
        assert!(
            !body.contains("panicked") && !body.contains("sqlx") && !body.contains("stack"),
            "{}: leaks internals: {body}",
            case.name
        );
    }
    assert_eq!(
        http.get(app.url("/healthz")).send().await.unwrap().status(),
        200
    );
    assert_eq!(
        http.get(app.url("/readyz")).send().await.unwrap().status(),
        200
    );
}

#[tokio::test]
async fn look_alike_usernames_are_refused() {
    let app = spawn_app().await;
    app.create_user("alice", "correct horse battery").await;
    for name in ["аlice", "ａｌｉｃｅ", "alice\u{200b}", "ALICE", " alice "] {
        let result = latchkey::manage::create_user(
            &app.state.repos,
            app.state.clock.as_ref(),
            &latchkey::manage::Actor::system(),
            latchkey::manage::CreateUser {
                username: name.into(),
                ..Default::default()
            },
        )
        .await;
        assert!(result.is_err(), "{name:?} must not create a second alice");
    }
}
