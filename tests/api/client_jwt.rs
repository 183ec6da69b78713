//! Client authentication with a signed JWT (RFC 7523 §2.2, OpenID Connect
//! Core §9): `private_key_jwt` (keys an administrator registered) and
//! `client_secret_jwt` (HS256 under a sealed secret), at `/token`,
//! `/revoke` and `/introspect`; every refusal is the same 401
//! `invalid_client`.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthType, AuthorizationCode, ClientId, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
};
use serde_json::{Value, json};

use latchkey::clock::Clock;
use latchkey::domain::signing_alg::SigningAlg;
use latchkey::manage::{self, Actor, CreateClient};
use latchkey::oidc::keys::SigningKey;

use crate::helpers::{
    Backend, REDIRECT, TestApp, audit_events, csrf_of, on_both_backends, query, signed_in_browser,
    spawn_app_on, spawn_app_on_with, unescape, walk,
};

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A fresh key pair of `alg`.
fn key_pair(alg: SigningAlg) -> SigningKey {
    SigningKey::generate(alg).unwrap().0
}

/// The JWK Set of the public halves of `keys`.
fn jwks(keys: &[&SigningKey]) -> Value {
    json!({"keys": keys.iter().map(|k| k.public_jwk()).collect::<Vec<_>>()})
}

/// Assertion claims for `client_id` and `aud`, valid for a minute from now.
fn claims(app: &TestApp, client_id: &str, aud: &str) -> Value {
    let now = app.clock.now();
    json!({"iss": client_id, "sub": client_id, "aud": aud, "iat": now, "exp": now + 60,
           "jti": latchkey::crypto::new_id()})
}

/// An assertion signed with `key`.
fn signed(key: &SigningKey, claims: &Value) -> String {
    key.sign_jwt("JWT", claims).unwrap()
}

/// Registers a confidential client that signs users in and may use the
/// client credentials grant; `jwks`: authenticates with those keys.
async fn register(app: &TestApp, jwks: Option<Value>, secret_jwt: bool) -> manage::CreatedClient {
    manage::create_client_with(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Test App".into(),
            redirect_uris: vec![REDIRECT.into()],
            extra_grants: vec!["client_credentials".into()],
            skip_consent: true,
            jwks,
            client_secret_jwt: secret_jwt,
            ..Default::default()
        },
        Some(app.state.keys.master()),
    )
    .await
    .unwrap()
}

/// Posts `form` plus the assertion to `path`; status and JSON body.
async fn post_assertion(
    app: &TestApp,
    path: &str,
    assertion: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let mut form = form.to_vec();
    form.extend([
        ("client_assertion_type", JWT_BEARER),
        ("client_assertion", assertion),
    ]);
    let r = reqwest::Client::new()
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A client credentials request authenticated by `assertion`.
async fn client_credentials(app: &TestApp, assertion: &str) -> (u16, Value) {
    post_assertion(
        app,
        "/token",
        assertion,
        &[("grant_type", "client_credentials")],
    )
    .await
}

fn assert_refused((status, body): &(u16, Value), what: &str) {
    assert_eq!(*status, 401, "{what}: {body}");
    assert_eq!(body["error"], "invalid_client", "{what}");
}

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn private_key_jwt_authenticates_at_token_revoke_and_introspect(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (ec, ed) = (key_pair(SigningAlg::ES256), key_pair(SigningAlg::EdDSA));
    let created = register(&app, Some(jwks(&[&ec, &ed])), false).await;
    assert_eq!(
        created.client_secret, None,
        "a client with keys has no secret"
    );
    assert_eq!(created.token_endpoint_auth_method, "private_key_jwt");
    let id = created.client_id.clone();
    let token_url = app.url("/token");

    // Discovery advertises the methods and exactly the accepted algorithms.
    let meta: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for field in [
        "token_endpoint_auth_methods_supported",
        "revocation_endpoint_auth_methods_supported",
        "introspection_endpoint_auth_methods_supported",
    ] {
        let methods = meta[field].as_array().unwrap();
        for m in ["private_key_jwt", "client_secret_jwt"] {
            assert!(methods.contains(&json!(m)), "{field} lists {m}");
        }
    }
    for field in [
        "token_endpoint_auth_signing_alg_values_supported",
        "revocation_endpoint_auth_signing_alg_values_supported",
        "introspection_endpoint_auth_signing_alg_values_supported",
    ] {
        assert_eq!(
            meta[field],
            json!(["RS256", "PS256", "ES256", "EdDSA", "HS256"]),
            "{field}"
        );
    }

    // The code flow with the openidconnect crate: no secret, the assertion
    // as extra parameters of the token request.
    let user = app.create_user("alice", "correct horse battery").await;
    let http = http();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new(id.clone()), None)
        .set_auth_type(AuthType::RequestBody)
        .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = signed_in_browser(&app, &user).await;
    let back = walk(&app, &browser, auth_url.as_str(), true).await;
    let code = query(&back, "code").unwrap();
    let assertion = signed(&ec, &claims(&app, &id, &token_url));
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .add_extra_param("client_assertion_type", JWT_BEARER)
        .add_extra_param("client_assertion", assertion)
        .request_async(&http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let id_claims = id_token
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    assert_eq!(id_claims.subject().as_str(), user.userid);
    let user_access = tokens.access_token().secret().clone();

    // Client credentials, with the other key and the issuer as audience.
    let (status, body) =
        client_credentials(&app, &signed(&ed, &claims(&app, &id, &app.base))).await;
    assert_eq!(status, 200, "{body}");
    let access = body["access_token"].as_str().unwrap().to_owned();

    // Introspection, with the introspection endpoint as audience.
    let introspect = |token: String| {
        let app = &app;
        let id = id.clone();
        let ec = &ec;
        async move {
            let assertion = signed(ec, &claims(app, &id, &app.url("/introspect")));
            post_assertion(app, "/introspect", &assertion, &[("token", &token)]).await
        }
    };
    let (status, body) = introspect(access.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["active"], true);
    assert_eq!(body["client_id"], id.as_str());

    // Revocation, with the revocation endpoint as audience.
    let assertion = signed(&ec, &claims(&app, &id, &app.url("/revoke")));
    let (status, _) = post_assertion(&app, "/revoke", &assertion, &[("token", &user_access)]).await;
    assert_eq!(status, 200);
    let (status, body) = introspect(user_access).await;
    assert_eq!(status, 200);
    assert_eq!(body["active"], false, "revoked");
}
on_both_backends!(private_key_jwt_authenticates_at_token_revoke_and_introspect);

async fn private_key_jwt_refuses_every_bad_assertion(backend: Backend) {
    // Refusals are counted per client and address: leave room for them all.
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let rsa = key_pair(SigningAlg::RS256);
    let created = register(&app, Some(jwks(&[&rsa])), false).await;
    let id = created.client_id.as_str();
    let aud = app.url("/token");
    let good = || claims(&app, id, &aud);
    let with = |k: &str, v: Value| {
        let mut c = good();
        c[k] = v;
        c
    };

    // A key that is not in the set, with its own kid or with the registered one.
    let stranger = key_pair(SigningAlg::RS256);
    let foreign = signed(&stranger, &good());
    assert_refused(&client_credentials(&app, &foreign).await, "unknown key");
    let (_, rest) = foreign.split_once('.').unwrap();
    let registered_header = signed(&rsa, &good()).split('.').next().unwrap().to_owned();
    let forged = format!("{registered_header}.{rest}");
    assert_refused(
        &client_credentials(&app, &forged).await,
        "registered kid, wrong key",
    );

    // Expired (the server's clock moves on), and valid for too long.
    let stale = signed(&rsa, &good());
    app.clock.advance(120);
    assert_refused(&client_credentials(&app, &stale).await, "expired");
    let now = app.clock.now();
    let long = with("exp", json!(now + 3600));
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &long)).await,
        "long-lived",
    );
    let future = with("iat", json!(now + 600));
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &future)).await,
        "iat ahead",
    );

    // Wrong audience, iss different from sub, sub of another client, no jti.
    let other_aud = with("aud", json!("https://elsewhere.example/token"));
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &other_aud)).await,
        "aud",
    );
    let userinfo_aud = with("aud", json!(app.url("/userinfo")));
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &userinfo_aud)).await,
        "aud path",
    );
    let iss = with("iss", json!("someone-else"));
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &iss)).await,
        "iss != sub",
    );
    let mut no_jti = good();
    no_jti.as_object_mut().unwrap().remove("jti");
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &no_jti)).await,
        "no jti",
    );

    // Algorithm confusion: unsigned, or HS256 keyed with the public key.
    let b64 = |v: &Value| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&good())
    );
    assert_refused(&client_credentials(&app, &none).await, "alg none");
    let public = rsa.public_jwk();
    for secret in [public.to_string(), public["n"].as_str().unwrap().to_owned()] {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = public["kid"].as_str().map(str::to_owned);
        let hs = jsonwebtoken::encode(
            &header,
            &good(),
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap();
        assert_refused(
            &client_credentials(&app, &hs).await,
            "HS256 with the public key",
        );
    }

    // A client_id naming another client than the assertion.
    let (status, body) = post_assertion(
        &app,
        "/token",
        &signed(&rsa, &good()),
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "someone-else"),
        ],
    )
    .await;
    assert_refused(&(status, body), "client_id mismatch");

    // A secret, whatever it is, does not authenticate a client with keys.
    for form in [
        vec![
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", "guess"),
        ],
        vec![("grant_type", "client_credentials"), ("client_id", id)],
    ] {
        let r = reqwest::Client::new()
            .post(&aud)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    let r = reqwest::Client::new()
        .post(&aud)
        .basic_auth(id, Some("guess"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    // A good assertion passes once; its replay is refused, and audited.
    let once = signed(&rsa, &good());
    let (status, body) = client_credentials(&app, &once).await;
    assert_eq!(status, 200, "{body}");
    let replay = client_credentials(&app, &once).await;
    assert_refused(&replay, "replayed jti");
    let events = app
        .state
        .repos
        .audit
        .list(&latchkey::db::AuditFilter {
            event: Some("client.assertion_replayed".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(events.items.len(), 1, "the replay is in the audit log");
    assert_eq!(events.items[0].client_id.as_deref(), Some(id));
    assert_eq!(events.items[0].ip.as_deref(), Some("127.0.0.1"));

    // Every refusal says the same thing.
    assert_eq!(
        replay.1["error_description"],
        client_credentials(&app, &foreign).await.1["error_description"]
    );

    // A client with a secret cannot use private_key_jwt, even with a key
    // that signs correctly.
    let secret_client = register(&app, None, false).await;
    let theirs = claims(&app, &secret_client.client_id, &aud);
    assert_refused(
        &client_credentials(&app, &signed(&rsa, &theirs)).await,
        "secret client",
    );
}
on_both_backends!(private_key_jwt_refuses_every_bad_assertion);

async fn concurrent_replays_of_one_assertion_let_exactly_one_through(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let ed = key_pair(SigningAlg::EdDSA);
    let created = register(&app, Some(jwks(&[&ed])), false).await;
    let assertion = signed(&ed, &claims(&app, &created.client_id, &app.base));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (url, assertion) = (app.url("/token"), assertion.clone());
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_assertion_type", JWT_BEARER),
                    ("client_assertion", assertion.as_str()),
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
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 401, 401, 401, 401, 401, 401, 401]);
}
on_both_backends!(concurrent_replays_of_one_assertion_let_exactly_one_through);

async fn client_secret_jwt_uses_a_sealed_secret_for_nothing_else(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let created = register(&app, None, true).await;
    assert_eq!(created.token_endpoint_auth_method, "client_secret_jwt");
    let id = created.client_id.as_str();
    let secret = created.client_secret.clone().unwrap();
    let hs = |secret: &str| {
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims(&app, id, &app.url("/token")),
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap()
    };
    let (status, body) = client_credentials(&app, &hs(&secret)).await;
    assert_eq!(status, 200, "{body}");
    assert_refused(
        &client_credentials(&app, &hs("not-the-secret")).await,
        "wrong secret",
    );

    // Stored sealed, not hashed, and not usable as a plain secret.
    let stored = app.state.repos.clients.get(id).await.unwrap().unwrap();
    assert_eq!(stored.secret_hash, None);
    let sealed = stored.secret_sealed.clone().unwrap();
    assert!(!sealed.contains(&secret));
    let r = reqwest::Client::new()
        .post(app.url("/token"))
        .basic_auth(id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the secret itself is no credential");

    // An asymmetric assertion is refused for it.
    let ed = key_pair(SigningAlg::EdDSA);
    let signed_ed = signed(&ed, &claims(&app, id, &app.base));
    assert_refused(
        &client_credentials(&app, &signed_ed).await,
        "EdDSA for a secret client",
    );

    // Rotation seals the new secret; the old one stops working.
    let new = manage::rotate_client_secret(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        id,
        app.state.keys.master(),
    )
    .await
    .unwrap();
    assert_refused(
        &client_credentials(&app, &hs(&secret)).await,
        "rotated away",
    );
    let (status, body) = client_credentials(&app, &hs(&new)).await;
    assert_eq!(status, 200, "{body}");
}
on_both_backends!(client_secret_jwt_uses_a_sealed_secret_for_nothing_else);

async fn the_admin_api_registers_and_replaces_keys(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let token = app.admin_token().await;
    let api = |method: reqwest::Method, path: String, body: Value| {
        let token = token.clone();
        let url = app.url(&format!("/api/admin/v1{path}"));
        async move {
            let r = reqwest::Client::new()
                .request(method, url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (old, new) = (key_pair(SigningAlg::ES256), key_pair(SigningAlg::RS256));
    let (status, created) = api(
        reqwest::Method::POST,
        "/clients".into(),
        json!({"name": "Keys", "client_credentials": true, "jwks": jwks(&[&old]),
               "token_endpoint_auth_method": "private_key_jwt"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert!(
        created.get("client_secret").is_none(),
        "no secret: {created}"
    );
    assert_eq!(created["token_endpoint_auth_method"], "private_key_jwt");
    assert_eq!(created["jwks"], jwks(&[&old]), "public keys as registered");
    let id = created["client_id"].as_str().unwrap().to_owned();
    let (status, _) = client_credentials(&app, &signed(&old, &claims(&app, &id, &app.base))).await;
    assert_eq!(status, 200);

    let (status, updated) = api(
        reqwest::Method::PATCH,
        format!("/clients/{id}"),
        json!({"jwks": jwks(&[&new])}),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["jwks"], jwks(&[&new]));
    let old_assertion = signed(&old, &claims(&app, &id, &app.base));
    assert_refused(
        &client_credentials(&app, &old_assertion).await,
        "replaced key",
    );
    let (status, _) = client_credentials(&app, &signed(&new, &claims(&app, &id, &app.base))).await;
    assert_eq!(status, 200, "the new key works at once");

    // Bad sets are refused, and change nothing.
    let mut private = new.public_jwk();
    private["d"] = json!("AQAB");
    let mut small = new.public_jwk();
    small["n"] = json!("AQAB");
    let mut unknown = old.public_jwk();
    unknown["kty"] = json!("DSA");
    let symmetric = json!({"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQ"});
    for (bad, what) in [
        (private, "private key material"),
        (small, "small RSA key"),
        (unknown, "unknown kty"),
        (symmetric, "symmetric key"),
    ] {
        let (status, body) = api(
            reqwest::Method::PATCH,
            format!("/clients/{id}"),
            json!({"jwks": {"keys": [bad]}}),
        )
        .await;
        assert_eq!(status, 422, "{what}: {body}");
    }
    let (_, current) = api(reqwest::Method::GET, format!("/clients/{id}"), Value::Null).await;
    assert_eq!(current["jwks"], jwks(&[&new]));

    // Keys given to a client with a secret replace the secret.
    let (_, plain) = api(
        reqwest::Method::POST,
        "/clients".into(),
        json!({"name": "Secret", "client_credentials": true}),
    )
    .await;
    let (plain_id, plain_secret) = (
        plain["client_id"].as_str().unwrap().to_owned(),
        plain["client_secret"].as_str().unwrap().to_owned(),
    );
    assert_eq!(plain["token_endpoint_auth_method"], "client_secret_basic");
    let (status, _) = api(
        reqwest::Method::PATCH,
        format!("/clients/{plain_id}"),
        json!({"jwks": jwks(&[&new])}),
    )
    .await;
    assert_eq!(status, 200);
    let r = reqwest::Client::new()
        .post(app.url("/token"))
        .basic_auth(&plain_id, Some(&plain_secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "the secret is gone");
    let (status, body) = api(
        reqwest::Method::POST,
        format!("/clients/{plain_id}/secret"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 422, "no secret to rotate: {body}");

    // A public client takes no keys; an inconsistent method is refused.
    let (status, _) = api(
        reqwest::Method::POST,
        "/clients".into(),
        json!({"name": "SPA", "public": true, "redirect_uris": [REDIRECT], "jwks": jwks(&[&new])}),
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = api(
        reqwest::Method::POST,
        "/clients".into(),
        json!({"name": "X", "client_credentials": true, "token_endpoint_auth_method": "private_key_jwt"}),
    )
    .await;
    assert_eq!(status, 422);
}
on_both_backends!(the_admin_api_registers_and_replaces_keys);

async fn the_admin_page_shows_the_key_ids_and_replaces_the_keys(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let (old, new) = (key_pair(SigningAlg::EdDSA), key_pair(SigningAlg::ES256));
    let created = register(&app, Some(jwks(&[&old])), false).await;
    let id = created.client_id.as_str();
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let page = format!("/admin/clients/{id}");
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("private_key_jwt"));
    assert!(unescape(&html).contains(old.public_jwk()["kid"].as_str().unwrap()));
    assert!(html.contains("Replace keys"));
    assert!(!html.contains("Rotate secret"), "no secret to rotate");
    let csrf = csrf_of(&html);

    // Private key material is refused with the reason, nothing changes.
    let mut private = new.public_jwk();
    private["d"] = json!("AQAB");
    let bad = json!({"keys": [private]}).to_string();
    let keys_path = format!("{page}/keys");
    let r = app
        .post_form(
            &b,
            &keys_path,
            &[("csrf", csrf.as_str()), ("jwks", bad.as_str())],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("private key material"));

    let replacement = jwks(&[&new]).to_string();
    let r = app
        .post_form(
            &b,
            &keys_path,
            &[("csrf", csrf.as_str()), ("jwks", replacement.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = b
        .get(app.url(&format!("{page}?done=keys-replaced")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(unescape(&html).contains(new.public_jwk()["kid"].as_str().unwrap()));
    let updated = audit_events(&app, "client.updated").await;
    assert_eq!(updated[0].actor.as_deref(), Some(admin.userid.as_str()));
    assert_eq!(updated[0].details["fields"], json!(["jwks"]));

    let old_assertion = signed(&old, &claims(&app, id, &app.base));
    assert_refused(&client_credentials(&app, &old_assertion).await, "old key");
    let (status, _) = client_credentials(&app, &signed(&new, &claims(&app, id, &app.base))).await;
    assert_eq!(status, 200);
}
on_both_backends!(the_admin_page_shows_the_key_ids_and_replaces_the_keys);

/// The device authorization endpoint (RFC 8628 §3.1) authenticates clients
/// exactly like `/token`: a `private_key_jwt` client with an assertion
/// naming that endpoint (single use), never by `client_id` alone; an
/// assertion made for that endpoint is refused at `/token`.
async fn private_key_jwt_authenticates_at_device_authorization(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.client_auth_failure_limit = 1000).await else {
        return;
    };
    let ed = key_pair(SigningAlg::EdDSA);
    let created = manage::create_client_with(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "TV".into(),
            extra_grants: manage::extra_grants(false, true),
            jwks: Some(jwks(&[&ed])),
            ..Default::default()
        },
        Some(app.state.keys.master()),
    )
    .await
    .unwrap();
    let id = created.client_id.as_str();
    let device_aud = app.url("/device_authorization");

    let once = signed(&ed, &claims(&app, id, &device_aud));
    let (status, body) = post_assertion(&app, "/device_authorization", &once, &[]).await;
    assert_eq!(status, 200, "{body}");
    let device_code = body["device_code"].as_str().unwrap().to_owned();
    assert_refused(
        &post_assertion(&app, "/device_authorization", &once, &[]).await,
        "replayed at /device_authorization",
    );
    let r = reqwest::Client::new()
        .post(&device_aud)
        .form(&[("client_id", id)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "a client with keys is not public");

    // Polling authenticates the same way; an assertion made for the device
    // endpoint is no credential at /token.
    let poll = |assertion: String| {
        let device_code = device_code.clone();
        let app = &app;
        async move {
            post_assertion(
                app,
                "/token",
                &assertion,
                &[
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("device_code", &device_code),
                ],
            )
            .await
        }
    };
    assert_refused(
        &poll(signed(&ed, &claims(&app, id, &device_aud))).await,
        "device endpoint audience at /token",
    );
    let (status, body) = poll(signed(&ed, &claims(&app, id, &app.base))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("authorization_pending")),
        "{body}"
    );
}
on_both_backends!(private_key_jwt_authenticates_at_device_authorization);
