//! The device authorization grant (RFC 8628): a relying party built with
//! the `openidconnect` crate asks for a device code and polls while a
//! person enters the user code at `/device`, signs in and presses
//! **Allow**; every RFC 8628 error at `/token` by raw HTTP; the rules of
//! `/authorize` (groups, consent) applied to the approval; the entry limit.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod,
    CoreDeviceAuthorizationResponse, CoreGrantType, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreResponseMode,
    CoreResponseType, CoreSubjectIdentifierType, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AdditionalProviderMetadata, ClientId, DeviceAuthorizationUrl, IssuerUrl,
    Nonce, OAuth2TokenResponse, ProviderMetadata, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use latchkey::manage::{self, Actor, CreateClient};

use crate::helpers::{
    Backend, PASSWORD, TestApp, TestClient, audit_events, hidden, jwt_claims, location,
    login_page_in, on_both_backends, post_login_in, signed_in_browser, spawn_app_on,
    spawn_app_on_with,
};

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

#[derive(Clone, Debug, Deserialize, Serialize)]
struct DeviceEndpoint {
    device_authorization_endpoint: DeviceAuthorizationUrl,
}
impl AdditionalProviderMetadata for DeviceEndpoint {}
type DeviceProviderMetadata = ProviderMetadata<
    DeviceEndpoint,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// Registers a client without redirect URIs that may use the device grant
/// (`--device-grant`), public or confidential, open to `groups` only when
/// given.
async fn device_client(
    app: &TestApp,
    public: bool,
    skip_consent: bool,
    groups: &[&str],
) -> TestClient {
    for g in groups {
        manage::create_group(
            &app.state.repos,
            app.state.clock.as_ref(),
            &Actor::system(),
            g,
            None,
        )
        .await
        .unwrap();
    }
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "TV App".into(),
            public,
            skip_consent,
            extra_grants: vec![DEVICE_GRANT.into()],
            allowed_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    TestClient {
        id: created.client_id,
        secret: created.client_secret,
    }
}

/// POSTs `form` to `path` as `client` (Basic authentication when it has a
/// secret, else its `client_id` in the body).
async fn client_post(
    app: &TestApp,
    client: &TestClient,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let mut form: Vec<(&str, &str)> = form.to_vec();
    let mut req = reqwest::Client::new().post(app.url(path));
    match &client.secret {
        Some(secret) => req = req.basic_auth(&client.id, Some(secret)),
        None => form.push(("client_id", &client.id)),
    }
    let r = req.form(&form).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Starts a device authorization for `scope`.
async fn start(app: &TestApp, client: &TestClient, scope: &str) -> Value {
    let (status, body) =
        client_post(app, client, "/device_authorization", &[("scope", scope)]).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// One poll of the token endpoint with `device_code`.
async fn poll(app: &TestApp, client: &TestClient, device_code: &str) -> (u16, Value) {
    client_post(
        app,
        client,
        "/token",
        &[("grant_type", DEVICE_GRANT), ("device_code", device_code)],
    )
    .await
}

/// The `error` of a poll that must fail with `status` 400.
async fn poll_error(app: &TestApp, client: &TestClient, device_code: &str) -> String {
    let (status, body) = poll(app, client, device_code).await;
    assert_eq!(status, 400, "{body}");
    body["error"].as_str().unwrap().to_owned()
}

/// Opens `/device` (with `?user_code=` when `via_link`), presses
/// **Continue** with `typed`; the answer to the post.
async fn enter_code(
    app: &TestApp,
    browser: &reqwest::Client,
    typed: &str,
    via_link: bool,
) -> reqwest::Response {
    let path = if via_link {
        format!("/device?user_code={typed}")
    } else {
        "/device".to_owned()
    };
    let page = browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"<label for="user_code">Code</label>"#));
    assert!(html.contains(r#"<button type="submit">Continue</button>"#));
    if via_link {
        assert_eq!(hidden_value(&html, "user_code"), typed, "pre-filled");
    }
    browser
        .post(app.url("/device"))
        .header("origin", &app.base)
        .form(&[
            ("csrf", hidden(&html, "csrf")),
            ("user_code", typed.to_owned()),
        ])
        .send()
        .await
        .unwrap()
}

/// The `value` of the input named `name`.
fn hidden_value(html: &str, name: &str) -> String {
    hidden(html, name)
}

/// Enters `user_code` in a signed-in `browser` and answers the consent
/// page (which shows the code) with **Allow** or **Deny**; the final page.
async fn approve(
    app: &TestApp,
    browser: &reqwest::Client,
    user_code: &str,
    allow: bool,
) -> (u16, String) {
    let r = enter_code(app, browser, user_code, true).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let consent = location(app, &r);
    assert!(consent.contains("/consent?req="), "{consent}");
    decide(app, browser, &consent, user_code, allow).await
}

/// Answers the consent page at `consent`.
async fn decide(
    app: &TestApp,
    browser: &reqwest::Client,
    consent: &str,
    user_code: &str,
    allow: bool,
) -> (u16, String) {
    let page = browser.get(consent).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("TV App"), "the consent page names the client");
    assert!(html.contains(user_code), "and shows the code to compare");
    let r = browser
        .post(app.url("/consent"))
        .header("origin", &app.base)
        .form(&[
            ("csrf", hidden(&html, "csrf")),
            ("req", hidden(&html, "req")),
            ("decision", if allow { "allow" } else { "deny" }.to_owned()),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

async fn relying_party_gets_tokens_through_the_device_flow(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let tc = device_client(&app, true, false, &[]).await;
    let http = openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let metadata =
        DeviceProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    assert!(
        metadata
            .grant_types_supported()
            .unwrap()
            .contains(&CoreGrantType::DeviceCode)
    );
    let endpoint = metadata
        .additional_metadata()
        .device_authorization_endpoint
        .clone();
    assert_eq!(endpoint.as_str(), app.url("/device_authorization"));
    let client = CoreClient::from_provider_metadata(metadata, ClientId::new(tc.id.clone()), None)
        .set_device_authorization_url(endpoint);
    let details: CoreDeviceAuthorizationResponse = client
        .exchange_device_code()
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("offline_access".into()))
        .request_async(&http)
        .await
        .unwrap();
    let user_code = details.user_code().secret().clone();
    assert_eq!(details.verification_uri().as_str(), app.url("/device"));
    assert_eq!(
        details.verification_uri_complete().unwrap().secret(),
        &app.url(&format!("/device?user_code={user_code}"))
    );
    assert_eq!(details.interval(), Duration::from_secs(5));
    assert_eq!(details.expires_in(), Duration::from_secs(600));
    // Eight letters without vowels or look-alikes, in two groups.
    let letters: String = user_code.chars().filter(|c| *c != '-').collect();
    assert_eq!(user_code.len(), 9);
    assert_eq!(&user_code[4..5], "-");
    assert!(letters.chars().all(|c| "BCDFGHJKLMNPQRSTVWXZ".contains(c)));

    // The person is not signed in: Continue leads to the sign-in page for
    // this very request, then to consent.
    let browser = crate::helpers::browser();
    let polls = Arc::new(AtomicUsize::new(0));
    let sleep = |interval: Duration| {
        let polls = polls.clone();
        let (app, browser, user_code) = (&app, &browser, &user_code);
        async move {
            // The device waits its interval (on the server's clock); during
            // the first wait the person approves it.
            app.clock
                .advance(i64::try_from(interval.as_secs()).unwrap());
            if polls.fetch_add(1, Ordering::SeqCst) == 0 {
                let r = enter_code(app, browser, &user_code.to_lowercase(), false).await;
                assert_eq!(r.status(), 303);
                let login = location(app, &r);
                let req = login.split("req=").nth(1).unwrap().to_owned();
                assert!(login.contains("/login?req="), "{login}");
                let page = login_page_in(app, browser, &format!("?req={req}")).await;
                assert!(
                    page.html.contains("TV App"),
                    "sign in to continue to the client"
                );
                let r =
                    post_login_in(app, browser, &page.csrf, "alice", PASSWORD, Some(&req)).await;
                assert_eq!(r.status(), 303);
                let resume = location(app, &r);
                let r = browser.get(&resume).send().await.unwrap();
                let consent = location(app, &r);
                let (status, html) = decide(app, browser, &consent, user_code, true).await;
                assert_eq!(status, 200);
                assert!(html.contains("Device signed in"), "{html}");
            }
        }
    };
    let tokens = client
        .exchange_device_access_token(&details)
        .unwrap()
        .request_async(&http, sleep, None)
        .await
        .unwrap();
    assert_eq!(
        polls.load(Ordering::SeqCst),
        1,
        "one authorization_pending first"
    );

    // The ID token carries the approving sign-in.
    let id_token = tokens.id_token().expect("an ID token with openid");
    let claims = id_token
        .claims(&client.id_token_verifier(), |_: Option<&Nonce>| Ok(()))
        .unwrap();
    assert_eq!(claims.subject().as_str(), user.userid);
    let raw = jwt_claims(&id_token.to_string());
    assert!(raw["auth_time"].is_i64());
    assert!(raw["sid"].is_string());
    assert_eq!(raw["amr"], serde_json::json!(["pwd"]));
    let hash = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&client.id_token_verifier()).unwrap(),
    )
    .unwrap();
    assert_eq!(claims.access_token_hash(), Some(&hash));
    assert!(tokens.refresh_token().is_some(), "offline_access");
    let info: CoreUserInfoClaims = client
        .user_info(tokens.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(info.preferred_username().unwrap().as_str(), "alice");

    // The approval is audited; the device code is spent.
    let approved = audit_events(&app, "device.approved").await;
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].client_id.as_deref(), Some(tc.id.as_str()));
    assert_eq!(
        poll_error(&app, &tc, details.device_code().secret()).await,
        "invalid_grant"
    );
}
on_both_backends!(relying_party_gets_tokens_through_the_device_flow);

/// A device code redeemed with a DPoP proof gives a DPoP-bound access
/// token and, for a public client, a refresh token bound to the same key.
async fn a_device_code_redeemed_with_a_dpop_proof_is_bound(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let tc = device_client(&app, true, false, &[]).await;
    let d = start(&app, &tc, "openid offline_access").await;
    let browser = signed_in_browser(&app, &user).await;
    let (status, _) = approve(&app, &browser, d["user_code"].as_str().unwrap(), true).await;
    assert_eq!(status, 200);
    let key = crate::dpop::DpopKey::new(latchkey::domain::signing_alg::SigningAlg::ES256);
    let redeem = |proof: Option<String>, form: Vec<(&'static str, String)>| {
        let mut form = form;
        form.push(("client_id", tc.id.clone()));
        let mut req = reqwest::Client::new().post(app.url("/token")).form(&form);
        if let Some(proof) = proof {
            req = req.header("DPoP", proof);
        }
        req.send()
    };
    let proof = key.proof(&app, "POST", &app.url("/token"), None, None);
    let r = redeem(
        Some(proof),
        vec![
            ("grant_type", DEVICE_GRANT.to_owned()),
            ("device_code", d["device_code"].as_str().unwrap().to_owned()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["token_type"], "DPoP");
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(jwt_claims(access)["cnf"]["jkt"], key.jkt());
    let refresh = body["refresh_token"].as_str().unwrap().to_owned();
    let r = redeem(
        None,
        vec![
            ("grant_type", "refresh_token".to_owned()),
            ("refresh_token", refresh),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_dpop_proof", "the family is bound");
}
on_both_backends!(a_device_code_redeemed_with_a_dpop_proof_is_bound);

async fn each_rfc_8628_error_at_the_token_endpoint(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let tc = device_client(&app, false, false, &[]).await;
    let other = device_client(&app, true, false, &[]).await;
    let browser = signed_in_browser(&app, &user).await;

    // Pending, then too fast: slow_down, and the interval grows by 5 s.
    let d = start(&app, &tc, "profile").await;
    let code = d["device_code"].as_str().unwrap();
    assert_eq!(d["interval"], 5);
    assert_eq!(poll_error(&app, &tc, code).await, "authorization_pending");
    assert_eq!(poll_error(&app, &tc, code).await, "slow_down");
    app.clock.advance(5);
    assert_eq!(
        poll_error(&app, &tc, code).await,
        "slow_down",
        "the interval is 10 s now (and 15 s after this)"
    );
    app.clock.advance(14);
    assert_eq!(poll_error(&app, &tc, code).await, "slow_down");
    app.clock.advance(20);
    assert_eq!(poll_error(&app, &tc, code).await, "authorization_pending");
    app.clock.advance(20);
    assert_eq!(
        poll_error(&app, &tc, code).await,
        "authorization_pending",
        "20 s is enough now"
    );
    // Another client's code, and an unknown one.
    assert_eq!(poll_error(&app, &other, code).await, "invalid_grant");
    assert_eq!(poll_error(&app, &tc, "nonsense").await, "invalid_grant");

    // Deny: access_denied, and audited.
    let (status, html) = approve(&app, &browser, d["user_code"].as_str().unwrap(), false).await;
    assert_eq!(status, 200);
    assert!(html.contains("Device not signed in"), "{html}");
    app.clock.advance(20);
    assert_eq!(poll_error(&app, &tc, code).await, "access_denied");
    assert_eq!(audit_events(&app, "device.denied").await.len(), 1);

    // Expiry: expired_token, and the code can no longer be entered.
    let d = start(&app, &tc, "openid").await;
    let code = d["device_code"].as_str().unwrap();
    app.clock.advance(601);
    assert_eq!(poll_error(&app, &tc, code).await, "expired_token");
    let r = enter_code(&app, &browser, d["user_code"].as_str().unwrap(), false).await;
    assert_eq!(r.status(), 400);

    // Approved: the tokens once, without an ID token when openid was not
    // asked for; a second redemption is invalid_grant.
    let d = start(&app, &tc, "profile").await;
    let code = d["device_code"].as_str().unwrap();
    let (status, _) = approve(&app, &browser, d["user_code"].as_str().unwrap(), true).await;
    assert_eq!(status, 200);
    let (status, body) = poll(&app, &tc, code).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].is_string());
    assert!(body.get("id_token").is_none(), "no openid, no ID token");
    assert!(body.get("refresh_token").is_none(), "no offline_access");
    assert_eq!(body["scope"], "profile");
    app.clock.advance(5);
    assert_eq!(poll_error(&app, &tc, code).await, "invalid_grant");
    // Remembered consent does not approve a device (RFC 8628 §5.4): the
    // next device of this client still waits for Allow on the consent page.
    let d = start(&app, &tc, "profile").await;
    let (status, _) = approve(&app, &browser, d["user_code"].as_str().unwrap(), true).await;
    assert_eq!(status, 200);
    let (status, _) = poll(&app, &tc, d["device_code"].as_str().unwrap()).await;
    assert_eq!(status, 200);
}
on_both_backends!(each_rfc_8628_error_at_the_token_endpoint);

/// RFC 8628 §5.4 (remote phishing): a person sent a
/// `verification_uri_complete` link must not approve a device by pressing
/// **Continue** alone. Neither a remembered consent nor `skip_consent`
/// spares the consent page that shows the client and the code; only
/// **Allow** there approves.
async fn a_device_is_approved_only_by_allow_on_the_consent_page(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let browser = signed_in_browser(&app, &user).await;
    for skip_consent in [true, false] {
        let tc = device_client(&app, true, skip_consent, &[]).await;
        // The consent is on record (for the non-skip client: from a first
        // approval with Allow).
        if !skip_consent {
            let d = start(&app, &tc, "openid profile").await;
            let (status, _) = approve(&app, &browser, d["user_code"].as_str().unwrap(), true).await;
            assert_eq!(status, 200);
        }
        let d = start(&app, &tc, "openid profile").await;
        let code = d["device_code"].as_str().unwrap();
        let user_code = d["user_code"].as_str().unwrap();
        let r = enter_code(&app, &browser, user_code, true).await;
        assert_eq!(r.status(), 303, "skip_consent={skip_consent}");
        let consent = location(&app, &r);
        assert!(consent.contains("/consent?req="), "{consent}");
        assert_eq!(
            poll_error(&app, &tc, code).await,
            "authorization_pending",
            "Continue alone approves nothing (skip_consent={skip_consent})"
        );
        let (status, html) = decide(&app, &browser, &consent, user_code, true).await;
        assert_eq!(status, 200);
        assert!(html.contains("Device signed in"), "{html}");
        app.clock.advance(5);
        let (status, body) = poll(&app, &tc, code).await;
        assert_eq!(status, 200, "{body}");
    }
}
on_both_backends!(a_device_is_approved_only_by_allow_on_the_consent_page);

async fn a_client_without_the_device_grant_is_refused(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let plain = crate::helpers::register(&app, false, false).await;
    let (status, body) = client_post(&app, &plain, "/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
    let (status, body) = poll(&app, &plain, "anything").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
    // A confidential device client must authenticate as at /token.
    let tc = device_client(&app, false, false, &[]).await;
    let wrong = TestClient {
        id: tc.id.clone(),
        secret: Some("not the secret".into()),
    };
    let (status, body) = client_post(&app, &wrong, "/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let anonymous = TestClient {
        id: tc.id.clone(),
        secret: None,
    };
    let (status, _) = client_post(&app, &anonymous, "/device_authorization", &[]).await;
    assert_eq!(status, 401);
    // Withdrawing the grant (device_grant=false) ends it.
    manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &tc.id,
        manage::ClientChange {
            redirect_uris: Some(vec![crate::helpers::REDIRECT.into()]),
            device_grant: Some(false),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (status, body) = client_post(&app, &tc, "/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
}
on_both_backends!(a_client_without_the_device_grant_is_refused);

async fn a_wrong_user_code_is_refused_on_the_page_and_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let browser = crate::helpers::browser();
    for typed in ["BCDF-GHJK", "not a code", ""] {
        let r = enter_code(&app, &browser, typed, false).await;
        assert_eq!(r.status(), 400);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"role="alert">That code is not valid."#),
            "{html}"
        );
    }
    assert_eq!(audit_events(&app, "device.code_rejected").await.len(), 3);
    // Without the CSRF token nothing is looked up.
    let r = browser
        .post(app.url("/device"))
        .header("origin", &app.base)
        .form(&[("user_code", "BCDF-GHJK")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}
on_both_backends!(a_wrong_user_code_is_refused_on_the_page_and_audited);

async fn the_group_restriction_applies_to_device_approvals(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let outsider = app.create_user("eve", PASSWORD).await;
    let tc = device_client(&app, true, true, &["ops"]).await;
    let d = start(&app, &tc, "openid").await;
    let browser = signed_in_browser(&app, &outsider).await;
    let r = enter_code(&app, &browser, d["user_code"].as_str().unwrap(), false).await;
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("You don&#x27;t have access to TV App")
            || html.contains("You don't have access to TV App"),
        "{html}"
    );
    assert_eq!(
        poll_error(&app, &tc, d["device_code"].as_str().unwrap()).await,
        "access_denied"
    );
    assert_eq!(audit_events(&app, "access.denied").await.len(), 1);
}
on_both_backends!(the_group_restriction_applies_to_device_approvals);

async fn entering_codes_is_rate_limited(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |_| {}).await else {
        return;
    };
    let browser = crate::helpers::browser();
    let page = browser.get(app.url("/device")).send().await.unwrap();
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let mut statuses = Vec::new();
    for _ in 0..12 {
        let r = browser
            .post(app.url("/device"))
            .header("origin", &app.base)
            .form(&[("csrf", csrf.as_str()), ("user_code", "BCDF-GHJK")])
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[400; 10]);
    assert_eq!(&statuses[10..], &[429, 429], "{statuses:?}");
}
on_both_backends!(entering_codes_is_rate_limited);

/// Presses **Continue** with `typed` as if from `xff` (the test server's
/// peer, 127.0.0.1, is a trusted proxy); the status and `Location`.
async fn continue_from(
    app: &TestApp,
    browser: &reqwest::Client,
    typed: &str,
    xff: &str,
) -> (u16, String) {
    let page = browser.get(app.url("/device")).send().await.unwrap();
    let csrf = hidden(&page.text().await.unwrap(), "csrf");
    let r = browser
        .post(app.url("/device"))
        .header("origin", &app.base)
        .header("X-Forwarded-For", xff)
        .form(&[("csrf", csrf.as_str()), ("user_code", typed)])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, to)
}

/// Guessing from many addresses: wrong entries by signed-out visitors share
/// one site-wide budget; once it is spent a signed-out entry, even of a live
/// code, is not looked up and is sent to sign in (back to the code), while
/// a signed-in person still approves. Signed-in entries are also bounded
/// per account, whatever the address or session.
async fn guessing_user_codes_is_bounded_site_wide_and_per_account(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
    else {
        return;
    };
    let tc = device_client(&app, true, false, &[]).await;
    let d = start(&app, &tc, "openid").await;
    let user_code = d["user_code"].as_str().unwrap();
    let device_code = d["device_code"].as_str().unwrap();
    let budget = 30; // limits::DEVICE_CODE_SIGNED_OUT_ENTRIES
    for i in 0..budget {
        let attacker = crate::helpers::browser();
        let xff = format!("198.51.{}.{}", 100 + i / 250, i % 250 + 1);
        let (status, _) = continue_from(&app, &attacker, "BCDF-GHJK", &xff).await;
        assert_eq!(status, 400, "wrong entry {i} is answered on the page");
    }
    // The budget is spent: a live code typed signed out is not looked up.
    let visitor = crate::helpers::browser();
    let (status, to) = continue_from(&app, &visitor, user_code, "203.0.113.77").await;
    assert_eq!(status, 303);
    let next = format!("%2Fdevice%3Fuser_code%3D{user_code}");
    assert_eq!(to, format!("/login?next={next}"), "sign in first");
    assert_eq!(
        poll_error(&app, &tc, device_code).await,
        "authorization_pending"
    );
    // A signed-in person still gets through to the consent page and Allow.
    let alice = app.create_user("alice", PASSWORD).await;
    let browser = signed_in_browser(&app, &alice).await;
    let (status, html) = approve(&app, &browser, user_code, true).await;
    assert_eq!(status, 200);
    assert!(html.contains("Device signed in"), "{html}");

    // Per account: ten wrong entries from ten addresses, then a new session
    // of the same account from yet another address is refused.
    let bob = app.create_user("bob", PASSWORD).await;
    let first = signed_in_browser(&app, &bob).await;
    for i in 0..latchkey::http::limits::DEVICE_CODE_ENTRIES {
        let (status, _) =
            continue_from(&app, &first, "BCDF-GHJK", &format!("192.0.2.{}", i + 1)).await;
        assert_eq!(status, 400);
    }
    let second = signed_in_browser(&app, &bob).await;
    let (status, _) = continue_from(&app, &second, "BCDF-GHJK", "192.0.2.200").await;
    assert_eq!(status, 429, "the account's budget is spent");
    // Another account is untouched.
    let carol = app.create_user("carol", PASSWORD).await;
    let other = signed_in_browser(&app, &carol).await;
    let (status, _) = continue_from(&app, &other, "BCDF-GHJK", "192.0.2.201").await;
    assert_eq!(status, 400);
}
on_both_backends!(guessing_user_codes_is_bounded_site_wide_and_per_account);

/// The admin API: `device_grant` at creation, in the representation, and
/// through PATCH (on and off).
async fn device_grant_is_set_through_the_admin_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let http = reqwest::Client::new();
    let api = |method: reqwest::Method, path: String, body: Value| {
        let req = http
            .request(method, app.url(&format!("/api/admin/v1{path}")))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap())
        }
    };
    let (s, v) = api(
        reqwest::Method::POST,
        "/clients".into(),
        serde_json::json!({"name": "TV App", "public": true, "device_grant": true}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["device_grant"], true);
    assert_eq!(v["redirect_uris"], serde_json::json!([]));
    assert!(
        v["grant_types"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(DEVICE_GRANT))
    );
    let id = v["client_id"].as_str().unwrap().to_owned();
    let tc = TestClient {
        id: id.clone(),
        secret: None,
    };
    start(&app, &tc, "openid").await;
    // Off: refused, as it has no other grant; with a redirect URI it may.
    let (s, v) = api(
        reqwest::Method::PATCH,
        format!("/clients/{id}"),
        serde_json::json!({"device_grant": false}),
    )
    .await;
    assert_eq!(s, 422, "{v}");
    let (s, v) = api(
        reqwest::Method::PATCH,
        format!("/clients/{id}"),
        serde_json::json!({"device_grant": false, "redirect_uris": [crate::helpers::REDIRECT]}),
    )
    .await;
    assert_eq!((s, &v["device_grant"]), (200, &Value::Bool(false)), "{v}");
    let (status, body) = client_post(&app, &tc, "/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
    let (s, v) = api(
        reqwest::Method::PATCH,
        format!("/clients/{id}"),
        serde_json::json!({"device_grant": true}),
    )
    .await;
    assert_eq!((s, &v["device_grant"]), (200, &Value::Bool(true)), "{v}");
    start(&app, &tc, "openid").await;
}
on_both_backends!(device_grant_is_set_through_the_admin_api);
