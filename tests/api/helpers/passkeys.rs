//! Passkeys answered by a software authenticator (webauthn-authenticator-rs's
//! `SoftPasskey`): registering and signing in through the JSON endpoints.

use serde_json::{Value, json};
use url::Url;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::Base64UrlSafeData;
use webauthn_rs_proto::{
    AllowCredentials, CreationChallengeResponse, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

use super::TestApp;

pub type Authenticator = WebauthnAuthenticator<SoftPasskey>;

pub fn authenticator() -> Authenticator {
    // `true`: the soft token claims user verification, as a platform
    // authenticator does after a fingerprint or PIN.
    WebauthnAuthenticator::new(SoftPasskey::new(true))
}

/// Posts `body` as JSON from `http`, with the Origin and the CSRF header
/// the page's script sends.
pub async fn post_json(
    app: &TestApp,
    http: &reqwest::Client,
    csrf: &str,
    path: &str,
    body: Value,
) -> reqwest::Response {
    http.post(app.url(path))
        .header("Origin", &app.base)
        .header("X-CSRF-Token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A passkey as the test's authenticator knows it.
pub struct Registered {
    pub credential_id: Base64UrlSafeData,
    pub user_handle: Base64UrlSafeData,
}

/// Answers the registration options of a `.../start` answer from `origin`:
/// the credential to post to `.../finish` and what the authenticator holds.
pub fn answer_registration(
    auth: &mut Authenticator,
    origin: &str,
    start: &Value,
) -> (RegisterPublicKeyCredential, Registered) {
    let mut options: CreationChallengeResponse =
        serde_json::from_value(start["options"].clone()).unwrap();
    // The soft token cannot store credentials itself (it refuses
    // `requireResidentKey`); the test plays the discoverable part below.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.require_resident_key = false;
    }
    let user_handle = options.public_key.user.id.clone();
    let credential: RegisterPublicKeyCredential = auth
        .do_registration(Url::parse(origin).unwrap(), options)
        .unwrap();
    let registered = Registered {
        credential_id: credential.raw_id.clone(),
        user_handle,
    };
    (credential, registered)
}

/// The sign-in page's CSRF token in `http` (with `query`).
pub async fn login_page_csrf(app: &TestApp, http: &reqwest::Client, query: &str) -> String {
    let csrf = super::login_page_in(app, http, query).await.csrf;
    assert!(!csrf.is_empty(), "no CSRF token on /login{query}");
    csrf
}

/// Runs a usernameless sign-in in `http` answered from `origin`; returns the
/// finish request body and response.
pub async fn passkey_sign_in(
    app: &TestApp,
    http: &reqwest::Client,
    auth: &mut Authenticator,
    key: &Registered,
    origin: &str,
    finish_path: &str,
) -> (Value, reqwest::Response) {
    // Confirming a signed-in person again (`?next=`) shows the page to them.
    let query = finish_path
        .split_once("?next=")
        .map(|(_, next)| format!("?next={next}"))
        .unwrap_or_default();
    let page = login_page_csrf(app, http, &query).await;
    let r = post_json(app, http, &page, "/webauthn/login/start", json!({})).await;
    assert_eq!(r.status(), 200);
    let start: Value = r.json().await.unwrap();
    assert_eq!(start["options"]["mediation"], "conditional");
    let mut options: RequestChallengeResponse =
        serde_json::from_value(start["options"].clone()).unwrap();
    assert!(
        options.public_key.allow_credentials.is_empty(),
        "usernameless"
    );
    // A discoverable authenticator finds its own credential for the relying
    // party; the soft token needs to be told which one it is.
    options.public_key.allow_credentials = vec![AllowCredentials {
        type_: "public-key".into(),
        id: key.credential_id.clone(),
        transports: None,
    }];
    let mut assertion = auth
        .do_authentication(Url::parse(origin).unwrap(), options)
        .unwrap();
    // ... and returns the user handle stored with a discoverable credential.
    assertion.response.user_handle = Some(key.user_handle.clone());
    let body = json!({ "ceremony": start["ceremony"], "credential": assertion });
    let r = post_json(app, http, &page, finish_path, body.clone()).await;
    (body, r)
}
