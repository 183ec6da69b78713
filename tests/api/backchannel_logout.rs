//! OpenID Connect Back-Channel Logout 1.0: ending a session at Latchkey
//! POSTs a signed logout token to every client that received an ID token in
//! it and registered a `backchannel_logout_uri`; failed deliveries are
//! retried. A tiny axum server plays the relying party's endpoint and hands
//! what it receives to the test over a channel (no sleeping, no timing).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{DecodingKey, Validation};
use latchkey::db::DeliveryState;
use latchkey::manage::{self, Actor, ClientChange};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::helpers::{
    Backend, CodeRequest, POST_LOGOUT, TestApp, TestClient, form_token, jwt_claims,
    on_both_backends, register, register_admin, signed_in_browser, spawn_app_on, spawn_app_on_with,
};

/// What the test relying party received: the form's `logout_token`.
struct Received {
    logout_token: Option<String>,
    content_type: Option<String>,
}

/// A relying party's back-channel logout endpoint: answers 500 to the first
/// `failures` requests, then 200; every request goes down the channel.
struct RelyingParty {
    uri: String,
    received: mpsc::UnboundedReceiver<Received>,
    _server: tokio::task::JoinHandle<()>,
}

#[derive(Clone)]
struct Endpoint {
    failures_left: Arc<AtomicUsize>,
    sender: mpsc::UnboundedSender<Received>,
}

async fn backchannel(
    State(endpoint): State<Endpoint>,
    headers: axum::http::HeaderMap,
    body: String,
) -> StatusCode {
    let logout_token = url::form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == "logout_token")
        .map(|(_, v)| v.into_owned());
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let _ = endpoint.sender.send(Received {
        logout_token,
        content_type,
    });
    let failing = endpoint
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

impl RelyingParty {
    async fn start(failures: usize) -> Self {
        let (sender, received) = mpsc::unbounded_channel();
        let endpoint = Endpoint {
            failures_left: Arc::new(AtomicUsize::new(failures)),
            sender,
        };
        let app = axum::Router::new()
            .route("/backchannel", axum::routing::post(backchannel))
            .with_state(endpoint);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self {
            uri: format!("http://127.0.0.1:{port}/backchannel"),
            received,
            _server: server,
        }
    }

    /// The next request that reaches the endpoint (a generous deadline only
    /// turns a missing delivery into a failure instead of a hang).
    async fn next(&mut self) -> Received {
        tokio::time::timeout(Duration::from_secs(60), self.received.recv())
            .await
            .expect("no logout token arrived within 60 s")
            .expect("the endpoint stopped")
    }
}

/// Registers `client`'s back-channel logout URI as an administrator would.
async fn register_logout_uri(app: &TestApp, client: &TestClient, uri: &str) {
    manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &client.id,
        ClientChange {
            backchannel_logout_uri: Some(uri.to_owned()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

/// Signs `user` in (a fresh session), runs the code flow for `client` and
/// returns the browser and the ID token issued in that session.
async fn signed_in_at(
    app: &TestApp,
    client: &TestClient,
    user: &latchkey::db::User,
) -> (reqwest::Client, String) {
    let browser = signed_in_browser(app, user).await;
    let code = app
        .authorize(&browser, &CodeRequest::new(client, "openid profile"))
        .await;
    let tokens = app.exchange(client, &code).await;
    (browser, tokens.id_token().to_owned())
}

/// Verifies a logout token as a relying party must (Back-Channel Logout
/// 1.0 §2.6): signature against `/jwks`, `typ`, `iss`, `aud`, `iat`, `exp`,
/// `jti`, the event, no `nonce`; returns its claims.
async fn verify_logout_token(app: &TestApp, client: &TestClient, token: &str) -> Value {
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.typ.as_deref(), Some("logout+jwt"));
    let jwks: JwkSet = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kid = header.kid.clone().expect("a kid");
    let jwk = jwks.find(&kid).expect("the signing key is published");
    let key = DecodingKey::from_jwk(jwk).unwrap();
    let mut validation = Validation::new(header.alg);
    validation.set_audience(&[&client.id]);
    validation.set_issuer(&[&app.base]);
    validation.set_required_spec_claims(&["iss", "aud", "exp", "iat", "sub"]);
    let claims = jsonwebtoken::decode::<Value>(token, &key, &validation)
        .expect("the logout token verifies against /jwks")
        .claims;
    assert_eq!(claims["iss"], app.base.as_str());
    assert_eq!(claims["aud"], client.id.as_str());
    let iat = claims["iat"].as_i64().unwrap();
    let exp = claims["exp"].as_i64().unwrap();
    let now = latchkey::clock::Clock::now(&app.clock);
    assert!(
        iat <= now && now < exp && exp - iat <= 600,
        "iat {iat} exp {exp}"
    );
    assert!(claims["jti"].as_str().is_some_and(|j| j.len() >= 16));
    assert_eq!(
        claims["events"],
        json!({"http://schemas.openid.net/event/backchannel-logout": {}})
    );
    assert!(claims.get("nonce").is_none(), "a logout token has no nonce");
    claims
}

/// RP-initiated logout (with `id_token_hint`) delivers one logout token to
/// the client's endpoint: form-encoded, signed with a published key, and
/// naming the user and the session of the ID token.
async fn rp_initiated_logout_delivers_a_verifiable_logout_token(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let mut rp = RelyingParty::start(0).await;
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    // A second client without a logout URI gets nothing (and breaks nothing).
    let quiet = register(&app, false, true).await;
    let (browser, id_token) = signed_in_at(&app, &client, &user).await;
    let code = app
        .authorize(&browser, &CodeRequest::new(&quiet, "openid"))
        .await;
    app.exchange(&quiet, &code).await;
    let id_claims = jwt_claims(&id_token);
    let sid = id_claims["sid"].as_str().unwrap().to_owned();

    let r = browser
        .get(app.url("/logout"))
        .query(&[
            ("id_token_hint", id_token.as_str()),
            ("post_logout_redirect_uri", POST_LOGOUT),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());

    let got = rp.next().await;
    assert_eq!(
        got.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let token = got.logout_token.expect("a logout_token parameter");
    let claims = verify_logout_token(&app, &client, &token).await;
    assert_eq!(claims["sub"], id_claims["sub"]);
    assert_eq!(claims["sub"], user.userid.as_str());
    assert_eq!(claims["sid"], sid.as_str());

    // The outcome is recorded for the administrator.
    let deliveries = app
        .state
        .repos
        .logout_deliveries
        .recent_for_client(&client.id, 10)
        .await
        .unwrap();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].sid, sid);
    assert!(
        app.state
            .repos
            .logout_deliveries
            .recent_for_client(&quiet.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

on_both_backends!(rp_initiated_logout_delivers_a_verifiable_logout_token);

/// An endpoint that answers 500 first gets the token again: the retry
/// arrives (retry delay zero here), with a fresh `jti`, and the delivery
/// ends delivered after two attempts.
async fn a_failed_delivery_is_retried(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.backchannel_logout_retry_delay = Duration::ZERO;
    })
    .await
    else {
        return;
    };
    let mut rp = RelyingParty::start(1).await;
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let (browser, id_token) = signed_in_at(&app, &client, &user).await;
    let r = browser
        .get(app.url("/logout"))
        .query(&[("id_token_hint", id_token.as_str())])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());

    let first = rp.next().await.logout_token.unwrap();
    let second = rp.next().await.logout_token.unwrap();
    let first = verify_logout_token(&app, &client, &first).await;
    let second = verify_logout_token(&app, &client, &second).await;
    assert_eq!(first["sid"], second["sid"]);
    assert_ne!(first["jti"], second["jti"], "every token has its own jti");
    // The worker records the outcome right after the 200 it got: wait for
    // that write (it is the next thing the worker does; the deadline only
    // turns a missing write into a failure instead of a hang).
    let delivery = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let d = app
                .state
                .repos
                .logout_deliveries
                .recent_for_client(&client.id, 1)
                .await
                .unwrap()
                .remove(0);
            if d.state != DeliveryState::Pending {
                break d;
            }
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the outcome was recorded");
    assert_eq!(delivery.state, DeliveryState::Delivered);
    assert_eq!(delivery.attempts, 2);
    assert_eq!(delivery.last_error, None);
    // The administrator sees it on the client's page.
    let admin = app.create_admin("boss").await;
    let html = signed_in_browser(&app, &admin)
        .await
        .get(app.url(&format!("/admin/clients/{}", client.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<h2>Back-channel logout</h2>"));
    assert!(html.contains("<td>delivered</td><td>2</td>"), "{html}");
    let metrics = latchkey::metrics::render();
    assert!(metrics.contains(r#"latchkey_backchannel_logout_total{outcome="failed"}"#));
    assert!(metrics.contains(r#"latchkey_backchannel_logout_total{outcome="delivered"}"#));
}

on_both_backends!(a_failed_delivery_is_retried);

/// "Sign out" of a session on `/account` tells the clients of that session.
async fn account_sign_out_tells_the_client(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let mut rp = RelyingParty::start(0).await;
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let (browser, id_token) = signed_in_at(&app, &client, &user).await;
    let sid = jwt_claims(&id_token)["sid"].as_str().unwrap().to_owned();
    let csrf = form_token(&browser, &app, "/account").await;
    let r = app
        .post_form(
            &browser,
            &format!("/account/sessions/{sid}/end"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let token = rp.next().await.logout_token.unwrap();
    let claims = verify_logout_token(&app, &client, &token).await;
    assert_eq!(claims["sid"], sid.as_str());
    assert_eq!(claims["sub"], user.userid.as_str());
}

on_both_backends!(account_sign_out_tells_the_client);

/// An administrator disabling a user (admin API) ends their sessions and
/// tells every client of each session.
async fn disabling_a_user_tells_the_clients(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let mut rp = RelyingParty::start(0).await;
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let (_one, first) = signed_in_at(&app, &client, &user).await;
    let (_two, second) = signed_in_at(&app, &client, &user).await;
    let mut sids = vec![
        jwt_claims(&first)["sid"].as_str().unwrap().to_owned(),
        jwt_claims(&second)["sid"].as_str().unwrap().to_owned(),
    ];
    sids.sort();

    let admin = register_admin(&app, false, true).await;
    let token = app.client_credentials(&admin, "latchkey:admin").await;
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/admin/v1/users/{}/disable", user.userid)))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let mut told = Vec::new();
    for _ in 0..2 {
        let token = rp.next().await.logout_token.unwrap();
        let claims = verify_logout_token(&app, &client, &token).await;
        assert_eq!(claims["sub"], user.userid.as_str());
        told.push(claims["sid"].as_str().unwrap().to_owned());
    }
    told.sort();
    assert_eq!(told, sids);
}

on_both_backends!(disabling_a_user_tells_the_clients);

/// A session that runs out (idle timeout, lifetime) is not a sign-out:
/// nothing is enqueued for its clients.
async fn an_expired_session_tells_no_one(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let rp = RelyingParty::start(0).await;
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let (browser, _) = signed_in_at(&app, &client, &user).await;
    app.clock
        .advance(i64::try_from(app.state.settings.session_lifetime.as_secs()).unwrap() + 1);
    // The next request finds the session expired and removes it.
    let r = browser.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 303, "signed out by expiry");
    assert!(
        app.state
            .repos
            .sessions
            .list_for_user(&user.userid)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.state
            .repos
            .logout_deliveries
            .recent_for_client(&client.id, 10)
            .await
            .unwrap()
            .is_empty(),
        "expiry enqueues no logout token"
    );
}

on_both_backends!(an_expired_session_tells_no_one);

/// Discovery advertises back-channel logout with `sid`.
#[tokio::test]
async fn discovery_advertises_backchannel_logout() {
    let app = crate::helpers::spawn_app().await;
    let doc: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["backchannel_logout_supported"], true);
    assert_eq!(doc["backchannel_logout_session_supported"], true);
}

/// The admin API answer to `method path body` with an admin token.
async fn admin_call(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let r = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// Logout URIs an administrator must not be able to register, with what
/// the refusal names.
const BAD_LOGOUT_URIS: &[(&str, &str)] = &[
    ("ftp://rp.example/logout", "https"),
    ("http://rp.example/logout", "https"),
    ("https://rp.example/logout#frag", "fragment"),
    ("https://user:pw@rp.example/logout", "user name or password"),
    ("/relative/logout", "absolute"),
];

/// `backchannel_logout_uri` set through the admin API and the admin page is
/// stored (and shown); bad ones are refused with a message naming the field.
async fn the_logout_uri_is_stored_and_checked(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let admin_client = register_admin(&app, false, true).await;
    let token = app
        .client_credentials(&admin_client, "latchkey:admin")
        .await;
    let (s, v) = admin_call(
        &app,
        &token,
        reqwest::Method::POST,
        "/clients",
        json!({
            "name": "RP",
            "redirect_uris": ["https://rp.example/cb"],
            "backchannel_logout_uri": "https://rp.example/logout",
            "backchannel_logout_session_required": true,
        }),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["backchannel_logout_uri"], "https://rp.example/logout");
    assert_eq!(v["backchannel_logout_session_required"], true);
    let id = v["client_id"].as_str().unwrap().to_owned();
    let stored = app.state.repos.clients.get(&id).await.unwrap().unwrap();
    assert_eq!(
        stored.backchannel_logout_uri.as_deref(),
        Some("https://rp.example/logout")
    );
    assert!(stored.backchannel_logout_session_required);

    for (bad, why) in BAD_LOGOUT_URIS {
        let (s, v) = admin_call(
            &app,
            &token,
            reqwest::Method::PATCH,
            &format!("/clients/{id}"),
            json!({"backchannel_logout_uri": bad}),
        )
        .await;
        assert_eq!(s, 422, "{bad}: {v}");
        let message = v["message"].as_str().unwrap();
        assert!(
            message.contains("backchannel_logout_uri") && message.contains(why),
            "{bad}: {message}"
        );
        let (s, _) = admin_call(
            &app,
            &token,
            reqwest::Method::POST,
            "/clients",
            json!({"name": "Bad", "redirect_uris": ["https://rp.example/cb"],
                   "backchannel_logout_uri": bad}),
        )
        .await;
        assert_eq!(s, 422, "{bad} at creation");
    }
    let (s, v) = admin_call(
        &app,
        &token,
        reqwest::Method::PATCH,
        &format!("/clients/{id}"),
        json!({"backchannel_logout_uri": "http://127.0.0.1:9/logout"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["backchannel_logout_uri"], "http://127.0.0.1:9/logout");

    // The admin page shows the field and the (empty) delivery list, saves
    // a good URI and refuses a bad one with its message.
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let path = format!("/admin/clients/{id}");
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("name=\"backchannel_logout_uri\""));
    assert!(crate::helpers::unescape(&html).contains("http://127.0.0.1:9/logout"));
    assert!(html.contains("<h2>Back-channel logout</h2>"));
    assert!(html.contains("No logout tokens sent yet."));
    let csrf = crate::helpers::csrf_of(&html);
    let form = |uri: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", "RP".to_owned()),
            ("redirect_uris", "https://rp.example/cb".to_owned()),
            ("backchannel_logout_uri", uri.to_owned()),
        ]
    };
    let r = app
        .post_form(&b, &path, &form("https://rp.example/other-logout"))
        .await;
    assert_eq!(r.status(), 303);
    let stored = app.state.repos.clients.get(&id).await.unwrap().unwrap();
    assert_eq!(
        stored.backchannel_logout_uri.as_deref(),
        Some("https://rp.example/other-logout")
    );
    let r = app
        .post_form(&b, &path, &form("http://rp.example/logout"))
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(
        crate::helpers::unescape(&html).contains("backchannel_logout_uri: must use https"),
        "{html}"
    );
    let stored = app.state.repos.clients.get(&id).await.unwrap().unwrap();
    assert_eq!(
        stored.backchannel_logout_uri.as_deref(),
        Some("https://rp.example/other-logout"),
        "a refused change stores nothing"
    );
}

on_both_backends!(the_logout_uri_is_stored_and_checked);

/// `--backchannel-logout-uri` on `client create` and `client update` is
/// stored ('' removes it); bad URIs fail with the reason.
#[test]
fn cli_backchannel_logout_uri_option() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_latchkey"))
            .current_dir(dir.path())
            .env_remove("LATCHKEY_BIND")
            .env("LATCHKEY_LOG", "warn")
            .args(args)
            .output()
            .unwrap()
    };
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let created = ok(&[
        "client",
        "create",
        "--name",
        "RP",
        "--redirect-uri",
        "https://rp.example/cb",
        "--backchannel-logout-uri",
        "https://rp.example/logout",
        "--backchannel-logout-session-required",
    ]);
    let id = created["client_id"].as_str().unwrap();
    let listed = ok(&["client", "list"]);
    let stored = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client_id"] == id)
        .unwrap();
    assert_eq!(
        stored["backchannel_logout_uri"],
        "https://rp.example/logout"
    );
    assert_eq!(stored["backchannel_logout_session_required"], true);
    let updated = ok(&[
        "client",
        "update",
        id,
        "--backchannel-logout-uri",
        "http://localhost:8080/logout",
    ]);
    assert_eq!(
        updated["backchannel_logout_uri"],
        "http://localhost:8080/logout"
    );
    for (bad, why) in BAD_LOGOUT_URIS {
        let out = run(&["client", "update", id, "--backchannel-logout-uri", bad]);
        assert!(!out.status.success(), "{bad} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("backchannel_logout_uri") && stderr.contains(why),
            "{bad}: {stderr}"
        );
    }
    let cleared = ok(&["client", "update", id, "--backchannel-logout-uri", ""]);
    assert!(cleared["backchannel_logout_uri"].is_null());
}

/// A relying party's endpoint that takes every request and never answers
/// (it only reports that a request arrived).
struct HangingParty {
    uri: String,
    arrived: mpsc::UnboundedReceiver<()>,
    _server: tokio::task::JoinHandle<()>,
}

impl HangingParty {
    async fn start() -> Self {
        let (sender, arrived) = mpsc::unbounded_channel();
        let app = axum::Router::new().route(
            "/backchannel",
            axum::routing::post(move || {
                let sender = sender.clone();
                async move {
                    let _ = sender.send(());
                    std::future::pending::<StatusCode>().await
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self {
            uri: format!("http://127.0.0.1:{port}/backchannel"),
            arrived,
            _server: server,
        }
    }
}

/// Starts a session of `user` in which `client` received an ID token (as
/// `/token` records it), straight through the repositories.
async fn session_with_client(
    app: &TestApp,
    user: &latchkey::db::User,
    client: &TestClient,
) -> String {
    let (_, session) = latchkey::auth::session::start(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        latchkey::auth::session::SignInFacts {
            userid: user.userid.clone(),
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: None,
            ip: None,
        },
    )
    .await
    .unwrap();
    let now = latchkey::clock::Clock::now(&app.clock);
    app.state
        .repos
        .logout_deliveries
        .remember_client(&session.sid, &client.id, now)
        .await
        .unwrap();
    session.sid
}

/// Review (attack: a relying party whose endpoint accepts the connection
/// and never answers, with many sessions ending): its deliveries must not
/// hold up every other client's. Before, the worker claimed 20 deliveries
/// and waited for all of them, so one hanging endpoint stopped every
/// delivery of the instance for the whole timeout, and a backlog of such
/// deliveries filled every batch.
async fn a_hanging_endpoint_does_not_hold_up_other_clients(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.backchannel_logout_timeout = Duration::from_secs(600);
    })
    .await
    else {
        return;
    };
    let mut hanging = HangingParty::start().await;
    let mut rp = RelyingParty::start(0).await;
    let slow = register(&app, false, true).await;
    register_logout_uri(&app, &slow, &hanging.uri).await;
    let fast = register(&app, false, true).await;
    register_logout_uri(&app, &fast, &rp.uri).await;

    // Many sessions of the hanging client end at once (more than a batch).
    let ann = app.create_user("ann", "correct horse battery").await;
    for _ in 0..30 {
        session_with_client(&app, &ann, &slow).await;
    }
    app.state
        .repos
        .sessions
        .delete_for_user(&ann.userid)
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(60), hanging.arrived.recv())
        .await
        .expect("the hanging endpoint was called")
        .unwrap();

    // Then another user's session with another client ends: its logout
    // token goes out while the hanging deliveries still wait.
    let bob = app.create_user("bob", "correct horse battery").await;
    let sid = session_with_client(&app, &bob, &fast).await;
    app.state.repos.sessions.delete(&sid).await.unwrap();
    let token = rp.next().await.logout_token.unwrap();
    let claims = verify_logout_token(&app, &fast, &token).await;
    assert_eq!(claims["sub"], bob.userid.as_str());
    assert_eq!(claims["sid"], sid.as_str());
}

on_both_backends!(a_hanging_endpoint_does_not_hold_up_other_clients);

/// Review (attack: a session ended twice at once, e.g. the user's sign-out
/// racing an administrator's, or a double-submitted form): the client is
/// told once. Before, on PostgreSQL, each transaction enqueued from what it
/// read before the other's delete committed, so both wrote a delivery.
async fn a_session_ended_twice_at_once_is_delivered_once(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let rp = RelyingParty::start(0).await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let user = app.create_user("ann", "correct horse battery").await;
    for round in 0..5 {
        let sid = session_with_client(&app, &user, &client).await;
        let mut ends = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let repos = app.state.repos.clone();
            let sid = sid.clone();
            ends.spawn(async move { repos.sessions.delete(&sid).await });
        }
        while let Some(done) = ends.join_next().await {
            done.unwrap().unwrap();
        }
        let about_it = app
            .state
            .repos
            .logout_deliveries
            .recent_for_client(&client.id, 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|d| d.sid == sid)
            .count();
        assert_eq!(about_it, 1, "round {round}: one delivery per session end");
    }
}

on_both_backends!(a_session_ended_twice_at_once_is_delivered_once);

/// Review: a password change ends the user's other sessions and tells
/// exactly their clients: not the session that made the change, not
/// another user's session with the same client.
async fn a_password_change_tells_only_the_other_sessions(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let rp = RelyingParty::start(0).await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let ann = app.create_user("ann", "correct horse battery").await;
    let bob = app.create_user("bob", "correct horse battery").await;
    let current = session_with_client(&app, &ann, &client).await;
    let other = session_with_client(&app, &ann, &client).await;
    let bobs = session_with_client(&app, &bob, &client).await;
    manage::change_password(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::user(&ann.userid, None),
        &ann,
        Some("correct horse battery".into()),
        "a brand new passphrase",
        Some(&current),
    )
    .await
    .unwrap();
    let deliveries = app
        .state
        .repos
        .logout_deliveries
        .recent_for_client(&client.id, 100)
        .await
        .unwrap();
    let sids: Vec<(&str, &str)> = deliveries
        .iter()
        .map(|d| (d.sid.as_str(), d.userid.as_str()))
        .collect();
    assert_eq!(sids, vec![(other.as_str(), ann.userid.as_str())]);
    let live = |sid: String| {
        let repos = app.state.repos.clone();
        async move { repos.sessions.get(&sid).await.unwrap().is_some() }
    };
    assert!(live(current).await && live(bobs).await && !live(other).await);
}

on_both_backends!(a_password_change_tells_only_the_other_sessions);

/// The same person signing in again in the same browser (`prompt=login`,
/// a step-up) renews the session: the same `sid`, a new cookie secret (the
/// old one stops working), and no logout token for the clients that hold
/// that `sid`. Before, the session was replaced, so a step-up for one
/// application logged the user out of every other one. Someone else
/// signing in in that browser still ends the session and tells them.
async fn signing_in_again_keeps_the_sid_and_tells_no_one(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let mut rp = RelyingParty::start(0).await;
    let ivy = app.create_user("ivy", "correct horse battery").await;
    app.create_user("jon", "correct horse battery").await;
    let client = register(&app, false, true).await;
    register_logout_uri(&app, &client, &rp.uri).await;
    let (browser, id_token) = signed_in_at(&app, &client, &ivy).await;
    let sid = jwt_claims(&id_token)["sid"].as_str().unwrap().to_owned();
    let before = app.state.repos.sessions.get(&sid).await.unwrap().unwrap();

    let sign_in_again = |username: &'static str| {
        let (app, browser, client) = (&app, &browser, &client);
        async move {
            let request = CodeRequest::new(client, "openid").with("prompt", "login");
            let r = browser.get(request.url(app)).send().await.unwrap();
            let to: url::Url = crate::helpers::location(app, &r).parse().unwrap();
            let req = crate::helpers::query(&to, "req").expect("sent to sign in");
            let r = crate::helpers::type_password(
                app,
                browser,
                username,
                "correct horse battery",
                Some(&req),
            )
            .await;
            assert_eq!(r.status(), 303, "signed in as {username}");
        }
    };
    sign_in_again("ivy").await;
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&ivy.userid)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].sid, sid, "the sid the client holds stays");
    assert_ne!(sessions[0].token_hash, before.token_hash, "a new secret");
    assert!(
        app.state
            .repos
            .logout_deliveries
            .recent_for_client(&client.id, 10)
            .await
            .unwrap()
            .is_empty(),
        "signing in again is not a logout"
    );

    sign_in_again("jon").await;
    let received = rp.next().await;
    let claims = verify_logout_token(&app, &client, &received.logout_token.unwrap()).await;
    assert_eq!(claims["sid"], sid.as_str());
    assert_eq!(claims["sub"], ivy.userid.as_str());
}

on_both_backends!(signing_in_again_keeps_the_sid_and_tells_no_one);
