//! Attacker review of DPoP (RFC 9449 §4.3, §5, §11.1): hostile proofs at
//! `/token`, the `require_dpop` policy through the code and refresh
//! grants, and a proof replayed on a second instance whose clock lags.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use latchkey::app::Application;
use latchkey::clock::{Clock, ManualClock};
use latchkey::domain::signing_alg::SigningAlg;

use super::{Answer, DpopKey, code, redeem, token};
use crate::helpers::{
    Backend, TestApp, on_both_backends, register, spawn_app_on, spawn_app_on_with,
};

/// A proof by `key` with `header` and `claims` changed by `edit`.
fn edited(key: &DpopKey, app: &TestApp, edit: impl FnOnce(&mut Value, &mut Value)) -> String {
    let mut jwk = key.0.public_jwk();
    jwk.as_object_mut().unwrap().remove("kid");
    let mut header = json!({"typ": "dpop+jwt", "alg": key.0.alg.as_str(), "jwk": jwk});
    let mut claims = json!({
        "jti": latchkey::crypto::new_id(),
        "htm": "POST",
        "htu": app.url("/token"),
        "iat": app.clock.now(),
    });
    edit(&mut header, &mut claims);
    key.0.sign_jws(&header, &claims).unwrap()
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

/// Hostile proofs at `/token` (RFC 9449 §4.3): `alg` `none`, `HS256`
/// keyed with the public key, a `jwk` with private members, an oversized
/// proof, `iat` far in the past or the future or not a number, an `htu`
/// with another path case, a trailing slash or another port, `htm` in
/// lower case, two `DPoP` headers: each is `invalid_dpop_proof` (never a
/// 500) and spends nothing, so the client's code still redeems; an `htu`
/// with a query and an upper-case host is the same URL (§4.3 item 9),
/// and an `iat` with a fraction (a NumericDate, RFC 7519 §2) is accepted.
async fn hostile_proofs_at_the_token_endpoint_are_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let code = code(&app, &client, "openid").await;
    let form = redeem(&code);
    let now = app.clock.now();

    let mut jwk = key.0.public_jwk();
    jwk.as_object_mut().unwrap().remove("kid");
    let claims = json!({"jti": "a", "htm": "POST", "htu": app.url("/token"), "iat": now});
    let none = format!(
        "{}.{}.",
        b64(&json!({"typ": "dpop+jwt", "alg": "none", "jwk": jwk})),
        b64(&claims)
    );
    let hs256 = {
        let header = json!({"typ": "dpop+jwt", "alg": "HS256", "jwk": jwk});
        let input = format!("{}.{}", b64(&header), b64(&claims));
        let mac_key =
            aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, jwk.to_string().as_bytes());
        let tag = aws_lc_rs::hmac::sign(&mac_key, input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
    };
    let private = edited(&key, &app, |h, _| h["jwk"]["d"] = json!("AAAA"));
    let oversized = edited(&key, &app, |_, c| c["pad"] = json!("x".repeat(9000)));
    let old = edited(&key, &app, |_, c| c["iat"] = json!(now - 3600));
    let future = edited(&key, &app, |_, c| c["iat"] = json!(now + 3600));
    let huge_iat = edited(&key, &app, |_, c| c["iat"] = json!(i64::MAX));
    let text_iat = edited(&key, &app, |_, c| c["iat"] = json!(now.to_string()));
    let upper_path = edited(&key, &app, |_, c| c["htu"] = json!(app.url("/TOKEN")));
    let slash = edited(&key, &app, |_, c| c["htu"] = json!(app.url("/token/")));
    let port = edited(&key, &app, |_, c| {
        c["htu"] = json!(app.url("/token").replace("localhost:", "localhost:1"));
    });
    let lower_htm = edited(&key, &app, |_, c| c["htm"] = json!("post"));
    let cases: [(&str, &str); 12] = [
        ("alg none", &none),
        ("HS256 keyed with the public key", &hs256),
        ("a jwk with private members", &private),
        ("a proof over 8 KiB", &oversized),
        ("iat an hour ago", &old),
        ("iat in an hour", &future),
        ("iat i64::MAX", &huge_iat),
        ("iat as text", &text_iat),
        ("htu with another path case", &upper_path),
        ("htu with a trailing slash", &slash),
        ("htu with another port", &port),
        ("htm in lower case", &lower_htm),
    ];
    for (what, proof) in cases {
        token(&app, &client, &form, Some(proof))
            .await
            .refused(400, "invalid_dpop_proof", what);
    }
    // Two DPoP headers (RFC 9449 §4.3 item 1).
    let r = reqwest::Client::new()
        .post(app.url("/token"))
        .header("DPoP", key.for_token(&app))
        .header("DPoP", key.for_token(&app))
        .form(&[form.as_slice(), &[("client_id", client.id.as_str())]].concat())
        .send()
        .await
        .unwrap();
    Answer::of(r)
        .await
        .refused(400, "invalid_dpop_proof", "two DPoP headers");

    // Query, fragment, scheme and host case are not part of the comparison.
    let same = edited(&key, &app, |_, c| {
        c["htu"] = json!(format!(
            "{}?x=1#f",
            app.url("/token")
                .replace("http://localhost", "HTTP://LOCALHOST")
        ));
    });
    // A NumericDate with a fraction (RFC 7519 §2) is a time like another.
    let fractional = edited(&key, &app, |_, c| c["iat"] = json!(now as f64 + 0.5));
    token(&app, &client, &redeem("not-a-code"), Some(&fractional))
        .await
        .refused(
            400,
            "invalid_grant",
            "a fractional iat passes the proof checks",
        );
    let ok = token(&app, &client, &form, Some(&same)).await;
    assert_eq!(ok.status, 200, "nothing above spent the code: {}", ok.body);
    assert_eq!(ok.body["token_type"], "DPoP");
}
on_both_backends!(hostile_proofs_at_the_token_endpoint_are_refused);

/// A public client that requires DPoP: a code redeemed without a proof is
/// refused (and not spent), then redeems with one; its refresh token is
/// refused without a proof. No grant hands it a bearer token (§5).
async fn require_dpop_holds_for_the_code_and_refresh_grants(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.cache_ttl = std::time::Duration::ZERO).await
    else {
        return;
    };
    let client = register(&app, true, true).await;
    let admin_token = app.admin_token().await;
    let r = reqwest::Client::new()
        .patch(app.url(&format!("/api/admin/v1/clients/{}", client.id)))
        .bearer_auth(&admin_token)
        .json(&json!({"require_dpop": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let code = code(&app, &client, "openid offline_access").await;
    token(&app, &client, &redeem(&code), None).await.refused(
        400,
        "invalid_dpop_proof",
        "a code without a proof",
    );
    let key = DpopKey::new(SigningAlg::ES256);
    let issued = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert_eq!(issued.body["token_type"], "DPoP");
    let refresh = issued.body["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", refresh)];
    token(&app, &client, &form, None).await.refused(
        400,
        "invalid_dpop_proof",
        "a refresh without a proof",
    );
    let again = token(&app, &client, &form, Some(&key.for_token(&app))).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["token_type"], "DPoP");
}
on_both_backends!(require_dpop_holds_for_the_code_and_refresh_grants);

/// Two instances on one PostgreSQL database whose clocks differ by 30
/// seconds (within the 60 seconds of skew proofs are allowed): a proof
/// spent at the first is refused at the second, also after the first's
/// housekeeping ran past the proof's lifetime by its own clock while the
/// second would still accept the proof's `iat` (RFC 9449 §11.1).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spent_proof_stays_spent_on_an_instance_whose_clock_lags() {
    let Some(a) = spawn_app_on_with(Backend::Postgres, |_| {}).await else {
        return;
    };
    let lagging = ManualClock::default();
    lagging.advance(a.clock.now() - lagging.now() - 30);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b_base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
    let b = Application::build_on(
        listener,
        (*a.state.settings).clone(),
        Arc::new(lagging.clone()),
    )
    .await
    .unwrap();
    let b_task = tokio::spawn(async move {
        b.run_until(std::future::pending()).await.unwrap();
    });
    let client = register(&a, false, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let proof = key.for_token(&a);
    let form = [("grant_type", "client_credentials")];
    let at_b = || async {
        let r = reqwest::Client::new()
            .post(format!("{b_base}/token"))
            .basic_auth(&client.id, client.secret.as_deref())
            .header("DPoP", &proof)
            .form(&form)
            .send()
            .await
            .unwrap();
        Answer::of(r).await
    };

    let first = token(&a, &client, &form, Some(&proof)).await;
    assert_eq!(first.status, 200, "{}", first.body);
    at_b()
        .await
        .refused(400, "invalid_dpop_proof", "replayed at the second instance");

    // Past the proof's lifetime by the first instance's clock, not by the
    // second's; the first's housekeeping runs.
    a.clock.advance(302);
    lagging.advance(302);
    a.state
        .repos
        .maintenance
        .purge_expired(a.clock.now())
        .await
        .unwrap();
    at_b().await.refused(
        400,
        "invalid_dpop_proof",
        "replayed at the lagging instance after the other's housekeeping",
    );
    b_task.abort();
}

/// The challenges of `/userinfo` and the admin API (RFC 9449 §7.1): a
/// request without a token learns both schemes and the DPoP algorithms;
/// a refused proof whose description quotes non-ASCII text from the
/// proof (its key type) gets a `WWW-Authenticate` of visible ASCII (the
/// raw UTF-8 used to go out as obs-text, which clients cannot read as a
/// header string), and nothing of it becomes a header of its own.
async fn resource_challenges_name_dpop_and_survive_hostile_text(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    for path in ["/userinfo", "/api/admin/v1/users"] {
        let r = Answer::of(reqwest::get(app.url(path)).await.unwrap()).await;
        assert_eq!(r.status, 401, "{path}");
        let challenge = r.header("www-authenticate");
        assert!(
            challenge.starts_with("Bearer realm=\"latchkey\""),
            "{path}: {challenge}"
        );
        assert!(
            challenge.contains("DPoP algs=\"ES256 EdDSA RS256 PS256\""),
            "{path}: {challenge}"
        );
    }

    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let code = code(&app, &client, "openid").await;
    let issued = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    let access = issued.body["access_token"].as_str().unwrap().to_owned();
    let hostile = edited(&key, &app, |h, c| {
        h["jwk"]["kty"] = json!("kéy\u{7f}\r\nX-Injected: 1");
        c["htm"] = json!("GET");
        c["htu"] = json!(app.url("/userinfo"));
        c["ath"] = json!(latchkey::oidc::dpop::access_token_hash(&access));
    });
    let r = super::resource(
        &app,
        reqwest::Method::GET,
        "/userinfo",
        "DPoP",
        &access,
        Some(&hostile),
    )
    .await;
    r.refused(401, "invalid_dpop_proof", "a key type with non-ASCII text");
    assert!(r.headers.get("x-injected").is_none());
}
on_both_backends!(resource_challenges_name_dpop_and_survive_hostile_text);

/// `require_dpop` an administrator set on a dynamically registered client
/// survives the client's own RFC 7592 update that omits (or clears)
/// `dpop_bound_access_tokens`: the holder of the registration access
/// token cannot switch the policy off and go back to bearer tokens.
async fn a_registration_update_cannot_clear_require_dpop(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.registration = latchkey::config::RegistrationMode::Open;
        s.cache_ttl = std::time::Duration::ZERO;
    })
    .await
    else {
        return;
    };
    let http = reqwest::Client::new();
    let registered: Value = http
        .post(app.url("/register"))
        .json(&json!({
            "client_name": "Self-registered",
            "redirect_uris": [crate::helpers::REDIRECT],
            "grant_types": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_method": "client_secret_basic",
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = registered["client_id"].as_str().unwrap().to_owned();
    let uri = registered["registration_client_uri"].as_str().unwrap();
    let rat = registered["registration_access_token"].as_str().unwrap();

    let admin_token = app.admin_token().await;
    let r = http
        .patch(app.url(&format!("/api/admin/v1/clients/{id}")))
        .bearer_auth(&admin_token)
        .json(&json!({"require_dpop": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    for body in [
        json!({"client_id": id, "redirect_uris": [crate::helpers::REDIRECT]}),
        json!({"client_id": id, "redirect_uris": [crate::helpers::REDIRECT],
               "dpop_bound_access_tokens": false}),
    ] {
        let r = http
            .put(uri)
            .bearer_auth(rat)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let answer: Value = r.json().await.unwrap();
        assert_eq!(answer["dpop_bound_access_tokens"], true, "{body}");
        let stored = app.state.repos.clients.get(&id).await.unwrap().unwrap();
        assert!(stored.require_dpop, "still required after {body}");
    }
}
on_both_backends!(a_registration_update_cannot_clear_require_dpop);
