//! DPoP (RFC 9449): proofs at `/token` bind access tokens (`cnf.jkt`,
//! `token_type` `DPoP`) and public clients' refresh tokens to a key;
//! `/userinfo` and the admin API then want the `DPoP` scheme with a fresh
//! proof of that key (`ath`, `htm`, `htu`, single use); server nonces
//! when `LATCHKEY_DPOP_NONCE` is on; a client's `require_dpop` (set by
//! the admin API, the admin page or the CLI) refuses requests without a
//! proof. Proofs are made here as a relying party would (docs/dpop.md).

use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use latchkey::clock::Clock;
use latchkey::domain::signing_alg::SigningAlg;
use latchkey::manage;
use latchkey::oidc::keys::SigningKey;

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, REDIRECT, TestApp, TestClient, VERIFIER, form_token,
    jwt_claims, on_both_backends, register, register_admin, signed_in_browser, spawn_app_on,
    spawn_app_on_with,
};

/// A relying party's DPoP key and its proofs.
pub struct DpopKey(SigningKey);

impl DpopKey {
    pub fn new(alg: SigningAlg) -> Self {
        Self(SigningKey::generate(alg).unwrap().0)
    }

    /// The RFC 7638 thumbprint tokens are bound to.
    pub fn jkt(&self) -> String {
        self.0.thumbprint()
    }

    /// A proof for `method` `url`, now by the server's clock; with `ath`
    /// for `access_token` and the server's `nonce` when given.
    pub fn proof(
        &self,
        app: &TestApp,
        method: &str,
        url: &str,
        access_token: Option<&str>,
        nonce: Option<&str>,
    ) -> String {
        let mut jwk = self.0.public_jwk();
        jwk.as_object_mut().unwrap().remove("kid");
        let header = json!({"typ": "dpop+jwt", "alg": self.0.alg.as_str(), "jwk": jwk});
        let mut claims = json!({
            "jti": latchkey::crypto::new_id(),
            "htm": method,
            "htu": url,
            "iat": app.clock.now(),
        });
        if let Some(token) = access_token {
            claims["ath"] = json!(latchkey::oidc::dpop::access_token_hash(token));
        }
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        self.0.sign_jws(&header, &claims).unwrap()
    }

    /// A proof for `POST /token`.
    fn for_token(&self, app: &TestApp) -> String {
        self.proof(app, "POST", &app.url("/token"), None, None)
    }
}

/// An answer: status, headers, JSON body.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    async fn of(r: reqwest::Response) -> Self {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap();
        Self {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }

    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }

    /// A refusal with `error` in the body (the token endpoint) or in the
    /// challenge (protected resources).
    #[track_caller]
    fn refused(&self, status: u16, error: &str, what: &str) {
        assert_eq!(self.status, status, "{what}: {}", self.body);
        if status == 401 {
            let challenge = self.header("www-authenticate");
            assert!(
                challenge.contains(&format!("error=\"{error}\"")),
                "{what}: {challenge}"
            );
        } else {
            assert_eq!(self.body["error"], error, "{what}");
        }
    }
}

/// Posts `form` to `/token` as `client` (Basic for confidential ones,
/// `client_id` for public ones), with `proof` in a `DPoP` header.
async fn token(
    app: &TestApp,
    client: &TestClient,
    form: &[(&str, &str)],
    proof: Option<&str>,
) -> Answer {
    let mut form = form.to_vec();
    let mut req = reqwest::Client::new().post(app.url("/token"));
    match &client.secret {
        Some(secret) => req = req.basic_auth(&client.id, Some(secret)),
        None => form.push(("client_id", &client.id)),
    }
    if let Some(proof) = proof {
        req = req.header("DPoP", proof);
    }
    Answer::of(req.form(&form).send().await.unwrap()).await
}

/// A code for `client` by a freshly signed-in user, for `scope`.
async fn code(app: &TestApp, client: &TestClient, scope: &str) -> String {
    let user = app.create_user("ada", PASSWORD).await;
    let browser = signed_in_browser(app, &user).await;
    app.authorize(&browser, &CodeRequest::new(client, scope))
        .await
}

fn redeem(code: &str) -> [(&str, &str); 4] {
    [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ]
}

/// `method` on `path` with `access` under `scheme` and an optional proof.
async fn resource(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    scheme: &str,
    access: &str,
    proof: Option<&str>,
) -> Answer {
    let mut req = reqwest::Client::new()
        .request(method, app.url(path))
        .header("Authorization", format!("{scheme} {access}"));
    if let Some(proof) = proof {
        req = req.header("DPoP", proof);
    }
    Answer::of(req.send().await.unwrap()).await
}

/// A DPoP-bound access token at `/userinfo`: refused as a bearer token,
/// without a proof, with a proof of another key, with a replayed proof,
/// with a wrong `htu` or `htm` and without `ath`; accepted with a correct
/// proof. The token says `cnf.jkt`, the response `token_type` `DPoP`.
async fn a_dpop_bound_token_needs_a_fresh_proof_of_its_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let code = code(&app, &client, "openid profile").await;
    let issued = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert_eq!(issued.body["token_type"], "DPoP");
    let access = issued.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(jwt_claims(&access)["cnf"]["jkt"], key.jkt());

    let userinfo = app.url("/userinfo");
    let get = reqwest::Method::GET;
    let as_bearer = resource(&app, get.clone(), "/userinfo", "Bearer", &access, None).await;
    as_bearer.refused(401, "invalid_token", "a bound token as a bearer token");
    assert!(as_bearer.header("www-authenticate").starts_with("DPoP "));
    assert!(
        as_bearer
            .header("www-authenticate")
            .contains("algs=\"ES256 EdDSA RS256 PS256\""),
        "{}",
        as_bearer.header("www-authenticate")
    );
    resource(&app, get.clone(), "/userinfo", "DPoP", &access, None)
        .await
        .refused(401, "invalid_dpop_proof", "no proof");
    let other = DpopKey::new(SigningAlg::ES256);
    let proof = other.proof(&app, "GET", &userinfo, Some(&access), None);
    resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a proof of another key");
    let proof = key.proof(&app, "GET", &app.url("/token"), Some(&access), None);
    resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a wrong htu");
    let proof = key.proof(&app, "POST", &userinfo, Some(&access), None);
    resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a wrong htm");
    let proof = key.proof(&app, "GET", &userinfo, None, None);
    resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "no ath");

    let proof = key.proof(&app, "GET", &userinfo, Some(&access), None);
    let ok = resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["sub"], jwt_claims(&access)["sub"]);
    resource(
        &app,
        get.clone(),
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a replayed proof");

    // A token that is not bound is refused under the DPoP scheme.
    let plain = token(
        &app,
        &client,
        &redeem(&code_again(&app, &client).await),
        None,
    )
    .await;
    assert_eq!(plain.body["token_type"], "Bearer");
    let plain = plain.body["access_token"].as_str().unwrap().to_owned();
    let proof = key.proof(&app, "GET", &userinfo, Some(&plain), None);
    resource(&app, get, "/userinfo", "DPoP", &plain, Some(&proof))
        .await
        .refused(
            401,
            "invalid_token",
            "an unbound token under the DPoP scheme",
        );

    // Discovery names the algorithms.
    let discovery: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        discovery["dpop_signing_alg_values_supported"],
        json!(["ES256", "EdDSA", "RS256", "PS256"])
    );
}
on_both_backends!(a_dpop_bound_token_needs_a_fresh_proof_of_its_key);

/// Another code for `client` by the user `ada` (already signed up).
async fn code_again(app: &TestApp, client: &TestClient) -> String {
    let user = app
        .state
        .repos
        .users
        .get_by_username("ada")
        .await
        .unwrap()
        .unwrap();
    let browser = signed_in_browser(app, &user).await;
    app.authorize(&browser, &CodeRequest::new(client, "openid"))
        .await
}

/// A public client's refresh tokens are bound to the key of the code's
/// redemption: a refresh without a proof, or with a proof of another key,
/// is refused and does not spend the token; with the same key it works
/// (and the new access token is bound again). A replayed proof is refused
/// at `/token`.
async fn refresh_of_a_dpop_bound_public_client_needs_the_same_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::EdDSA);
    let code = code(&app, &client, "openid offline_access").await;
    let first_proof = key.for_token(&app);
    let issued = token(&app, &client, &redeem(&code), Some(&first_proof)).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    let refresh = issued.body["refresh_token"].as_str().unwrap().to_owned();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.as_str()),
    ];

    token(&app, &client, &form, None).await.refused(
        400,
        "invalid_dpop_proof",
        "a refresh without a proof",
    );
    let other = DpopKey::new(SigningAlg::EdDSA);
    token(&app, &client, &form, Some(&other.for_token(&app)))
        .await
        .refused(400, "invalid_grant", "a refresh with another key");
    token(&app, &client, &form, Some(&first_proof))
        .await
        .refused(400, "invalid_dpop_proof", "a replayed proof");
    let proof = key.proof(&app, "POST", &app.url("/userinfo"), None, None);
    token(&app, &client, &form, Some(&proof)).await.refused(
        400,
        "invalid_dpop_proof",
        "a proof for another URL",
    );

    let refreshed = token(&app, &client, &form, Some(&key.for_token(&app))).await;
    assert_eq!(
        refreshed.status, 200,
        "the refused attempts spent nothing: {}",
        refreshed.body
    );
    assert_eq!(refreshed.body["token_type"], "DPoP");
    let access = refreshed.body["access_token"].as_str().unwrap();
    assert_eq!(jwt_claims(access)["cnf"]["jkt"], key.jkt());
    // The successor is bound too.
    let next = refreshed.body["refresh_token"].as_str().unwrap();
    token(
        &app,
        &client,
        &[("grant_type", "refresh_token"), ("refresh_token", next)],
        None,
    )
    .await
    .refused(400, "invalid_dpop_proof", "the successor without a proof");
}
on_both_backends!(refresh_of_a_dpop_bound_public_client_needs_the_same_key);

/// Client credentials bound to a key reach the admin API only under the
/// DPoP scheme with a proof for the request (its own `htu`); introspection
/// says `token_type` `DPoP` and `cnf`.
async fn the_admin_api_takes_dpop_bound_tokens_with_proofs(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register_admin(&app, false, true).await;
    let key = DpopKey::new(SigningAlg::RS256);
    let form = [
        ("grant_type", "client_credentials"),
        ("scope", "latchkey:admin"),
    ];
    let issued = token(&app, &client, &form, Some(&key.for_token(&app))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert_eq!(issued.body["token_type"], "DPoP");
    let access = issued.body["access_token"].as_str().unwrap().to_owned();
    let users = app.url("/api/admin/v1/users");
    let get = reqwest::Method::GET;

    let r = resource(
        &app,
        get.clone(),
        "/api/admin/v1/users",
        "Bearer",
        &access,
        None,
    )
    .await;
    r.refused(401, "invalid_token", "a bound token as a bearer token");
    assert_eq!(r.body["error"], "invalid_token");
    let other = DpopKey::new(SigningAlg::ES256);
    let proof = other.proof(&app, "GET", &users, Some(&access), None);
    resource(
        &app,
        get.clone(),
        "/api/admin/v1/users",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "another key");
    let proof = key.proof(
        &app,
        "GET",
        &app.url("/api/admin/v1/clients"),
        Some(&access),
        None,
    );
    resource(
        &app,
        get.clone(),
        "/api/admin/v1/users",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a wrong htu");
    let proof = key.proof(&app, "GET", &users, Some(&access), None);
    let ok = resource(
        &app,
        get.clone(),
        "/api/admin/v1/users",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    resource(
        &app,
        get,
        "/api/admin/v1/users",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await
    .refused(401, "invalid_dpop_proof", "a replayed proof");

    let introspected = app.introspect(&client, &access).await;
    assert_eq!(introspected["active"], true);
    assert_eq!(introspected["token_type"], "DPoP");
    assert_eq!(introspected["cnf"]["jkt"], key.jkt());
}
on_both_backends!(the_admin_api_takes_dpop_bound_tokens_with_proofs);

/// With `LATCHKEY_DPOP_NONCE` on, a proof without the server's nonce is
/// answered `use_dpop_nonce` with a `DPoP-Nonce` (400 at `/token`, 401
/// with a DPoP challenge at `/userinfo`); with the nonce it is accepted,
/// and successful answers carry the next nonce.
async fn server_nonces_when_on(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.dpop_nonce = true).await else {
        return;
    };
    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let code = code(&app, &client, "openid").await;
    let first = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    first.refused(400, "use_dpop_nonce", "a proof without a nonce");
    let nonce = first.header("dpop-nonce");
    assert!(!nonce.is_empty());
    let forged = key.proof(&app, "POST", &app.url("/token"), None, Some("made-up"));
    token(&app, &client, &redeem(&code), Some(&forged))
        .await
        .refused(400, "use_dpop_nonce", "a nonce the server did not make");
    let proof = key.proof(&app, "POST", &app.url("/token"), None, Some(&nonce));
    let issued = token(&app, &client, &redeem(&code), Some(&proof)).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert!(!issued.header("dpop-nonce").is_empty());
    let access = issued.body["access_token"].as_str().unwrap().to_owned();

    let userinfo = app.url("/userinfo");
    let proof = key.proof(&app, "GET", &userinfo, Some(&access), None);
    let r = resource(
        &app,
        reqwest::Method::GET,
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await;
    r.refused(401, "use_dpop_nonce", "userinfo without a nonce");
    assert!(r.header("www-authenticate").starts_with("DPoP "));
    let nonce = r.header("dpop-nonce");
    let proof = key.proof(&app, "GET", &userinfo, Some(&access), Some(&nonce));
    let ok = resource(
        &app,
        reqwest::Method::GET,
        "/userinfo",
        "DPoP",
        &access,
        Some(&proof),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(!ok.header("dpop-nonce").is_empty());
}
on_both_backends!(server_nonces_when_on);

/// Whether `client` gets client-credentials tokens without a proof (it
/// must not, once it requires DPoP), and with one (a `DPoP` token).
async fn assert_requires_dpop(app: &TestApp, client: &TestClient, how: &str) {
    let form = [("grant_type", "client_credentials")];
    token(app, client, &form, None)
        .await
        .refused(400, "invalid_dpop_proof", how);
    let key = DpopKey::new(SigningAlg::ES256);
    let ok = token(app, client, &form, Some(&key.for_token(app))).await;
    assert_eq!(ok.status, 200, "{how}: {}", ok.body);
    assert_eq!(ok.body["token_type"], "DPoP", "{how}");
}

/// `require_dpop` set through the admin API, the admin page's checkbox and
/// `latchkey client update ID --require-dpop` is stored and enforced at
/// `/token`; before, the same clients get bearer tokens without a proof.
async fn require_dpop_from_each_surface_is_enforced(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| s.cache_ttl = std::time::Duration::ZERO).await
    else {
        return;
    };
    let (by_api, by_page, by_cli) = (
        register(&app, false, true).await,
        register(&app, false, true).await,
        register(&app, false, true).await,
    );
    for c in [&by_api, &by_page, &by_cli] {
        let r = token(&app, c, &[("grant_type", "client_credentials")], None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["token_type"], "Bearer");
    }

    let admin_token = app.admin_token().await;
    let r = reqwest::Client::new()
        .patch(app.url(&format!("/api/admin/v1/clients/{}", by_api.id)))
        .bearer_auth(&admin_token)
        .json(&json!({"require_dpop": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["require_dpop"], true);
    assert_requires_dpop(&app, &by_api, "set by the admin API").await;

    let admin = app.create_admin("root").await;
    let b = signed_in_browser(&app, &admin).await;
    let path = format!("/admin/clients/{}", by_page.id);
    let page = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Require DPoP-bound tokens"), "{page}");
    let csrf = form_token(&b, &app, &path).await;
    let r = b
        .post(app.url(&path))
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Test App"),
            ("redirect_uris", REDIRECT),
            ("client_credentials", "on"),
            ("refresh_tokens", "on"),
            ("require_dpop", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    let stored = manage::find_client(&app.state.repos, &by_page.id)
        .await
        .unwrap();
    assert!(stored.require_dpop, "stored by the admin page");
    assert_requires_dpop(&app, &by_page, "set by the admin page").await;

    let database_url = app.state.settings.database_url.clone();
    let master_key = app
        .state
        .settings
        .master_key
        .as_ref()
        .map(|k| secrecy::ExposeSecret::expose_secret(k).to_owned());
    let dir = app.dir.path().to_owned();
    let id = by_cli.id.clone();
    let out = tokio::task::spawn_blocking(move || {
        let mut cli = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"));
        cli.current_dir(dir)
            .env_remove("LATCHKEY_BIND")
            .env("LATCHKEY_LOG", "warn")
            .env("LATCHKEY_DATABASE_URL", database_url);
        if let Some(key) = master_key {
            cli.env("LATCHKEY_MASTER_KEY", key);
        }
        cli.args(["client", "update", &id, "--require-dpop"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["require_dpop"], true);
    assert_requires_dpop(&app, &by_cli, "set by the CLI").await;
}
on_both_backends!(require_dpop_from_each_surface_is_enforced);

/// A confidential client's refresh tokens are bound to its authentication,
/// not to a key: a family that began with DPoP needs a proof at every
/// refresh, of any key (the new access token is bound to that key).
async fn a_confidential_clients_dpop_family_needs_a_proof_of_any_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, false, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let code = code(&app, &client, "openid offline_access").await;
    let issued = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(issued.status, 200, "{}", issued.body);
    assert_eq!(issued.body["token_type"], "DPoP");
    let refresh = issued.body["refresh_token"].as_str().unwrap().to_owned();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh.as_str()),
    ];
    token(&app, &client, &form, None).await.refused(
        400,
        "invalid_dpop_proof",
        "a refresh without a proof",
    );
    let new_key = DpopKey::new(SigningAlg::EdDSA);
    let refreshed = token(&app, &client, &form, Some(&new_key.for_token(&app))).await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    let access = refreshed.body["access_token"].as_str().unwrap();
    assert_eq!(jwt_claims(access)["cnf"]["jkt"], new_key.jkt());
}
on_both_backends!(a_confidential_clients_dpop_family_needs_a_proof_of_any_key);

mod review;

/// RFC 9449 §10: a code requested with `dpop_jkt` at `/authorize`, or
/// pushed to `/par` with a DPoP proof, is redeemed only with a proof of
/// that key: without one `invalid_dpop_proof`, with another key
/// `invalid_grant`, and neither spends the code.
async fn a_code_bound_with_dpop_jkt_needs_that_key(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = register(&app, true, true).await;
    let key = DpopKey::new(SigningAlg::ES256);
    let other = DpopKey::new(SigningAlg::ES256);
    let user = app.create_user("ada", PASSWORD).await;
    let browser = signed_in_browser(&app, &user).await;

    let malformed = CodeRequest::new(&client, "openid").with("dpop_jkt", "not-a-thumbprint");
    let r = browser.get(malformed.url(&app)).send().await.unwrap();
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("error=invalid_request"), "{to}");

    let request = CodeRequest::new(&client, "openid").with("dpop_jkt", &key.jkt());
    let code = app.authorize(&browser, &request).await;
    token(&app, &client, &redeem(&code), None).await.refused(
        400,
        "invalid_dpop_proof",
        "a bound code without a proof",
    );
    token(&app, &client, &redeem(&code), Some(&other.for_token(&app)))
        .await
        .refused(400, "invalid_grant", "a bound code with another key");
    let ok = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["token_type"], "DPoP");

    // Pushed with a proof: the code is bound to the proof's key.
    // (The request's parameters name the public client with client_id.)
    let form: Vec<(String, String)> = CodeRequest::new(&client, "openid").params().to_vec();
    let pushed = reqwest::Client::new()
        .post(app.url("/par"))
        .header(
            "DPoP",
            key.proof(&app, "POST", &app.url("/par"), None, None),
        )
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(pushed.status(), 201);
    let pushed: Value = pushed.json().await.unwrap();
    let url = app.authorize_url(&[
        ("client_id", client.id.as_str()),
        ("request_uri", pushed["request_uri"].as_str().unwrap()),
    ]);
    let back = crate::helpers::walk(&app, &browser, &url, true).await;
    let code = crate::helpers::query(&back, "code").unwrap();
    token(&app, &client, &redeem(&code), Some(&other.for_token(&app)))
        .await
        .refused(
            400,
            "invalid_grant",
            "a pushed, bound code with another key",
        );
    let ok = token(&app, &client, &redeem(&code), Some(&key.for_token(&app))).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
}
on_both_backends!(a_code_bound_with_dpop_jkt_needs_that_key);
