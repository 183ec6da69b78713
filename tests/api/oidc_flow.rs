//! A relying party built with the `openidconnect` crate signs a user in with
//! code + PKCE, validates the ID token, calls userinfo, refreshes, revokes and
//! logs out, against the real server.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, RedirectUrl, Scope, TokenResponse,
};

use crate::helpers::{Backend, on_both_backends, spawn_app_on};
use crate::helpers::{POST_LOGOUT, REDIRECT, location, query, register, signed_in_browser, walk};

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn relying_party_signs_in_refreshes_revokes_and_logs_out(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", "correct horse battery").await;
    let tc = register(&app, false, false).await;
    let http = http();

    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(tc.id.clone()),
        tc.secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());

    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, csrf_state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("groups".into()))
        .add_scope(Scope::new("offline_access".into()))
        .set_pkce_challenge(challenge)
        .url();

    let browser = signed_in_browser(&app, &user).await;
    let back = walk(&app, &browser, auth_url.as_str(), true).await;
    assert!(back.as_str().starts_with(REDIRECT));
    assert_eq!(
        query(&back, "state").as_deref(),
        Some(csrf_state.secret().as_str())
    );
    assert_eq!(
        query(&back, "iss").as_deref(),
        Some(app.base.as_str()),
        "RFC 9207 iss"
    );
    let code = query(&back, "code").unwrap();

    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let verifier = client.id_token_verifier();
    let claims = id_token.claims(&verifier, &nonce).unwrap();
    assert_eq!(claims.subject().as_str(), user.userid);
    assert_eq!(claims.email().unwrap().as_str(), "alice@example.com");
    assert_eq!(claims.preferred_username().unwrap().as_str(), "alice");
    let expected_hash = claims.access_token_hash().expect("at_hash");
    let actual = AccessTokenHash::from_token(
        tokens.access_token(),
        id_token.signing_alg().unwrap(),
        id_token.signing_key(&verifier).unwrap(),
    )
    .unwrap();
    assert_eq!(&actual, expected_hash);
    assert!(
        tokens.refresh_token().is_some(),
        "offline_access yields a refresh token"
    );

    // The access token is an RFC 9068 JWT.
    let header = tokens
        .access_token()
        .secret()
        .split('.')
        .next()
        .unwrap()
        .to_owned();
    let header: serde_json::Value = serde_json::from_slice(&base64_url(&header)).unwrap();
    assert_eq!(header["typ"], "at+jwt");

    let info: CoreUserInfoClaims = client
        .user_info(tokens.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(info.preferred_username().unwrap().as_str(), "alice");
    assert_eq!(info.email().unwrap().as_str(), "alice@example.com");

    // Refresh rotates the refresh token.
    let refreshed = client
        .exchange_refresh_token(tokens.refresh_token().unwrap())
        .unwrap()
        .request_async(&http)
        .await
        .unwrap();
    let new_refresh = refreshed.refresh_token().unwrap().clone();
    assert_ne!(
        new_refresh.secret(),
        tokens.refresh_token().unwrap().secret()
    );
    let info: CoreUserInfoClaims = client
        .user_info(refreshed.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(info.subject().as_str(), user.userid);

    // Revoking the refresh token ends the family, and its access tokens.
    // (openidconnect refuses plain-http revocation URLs, so post it by hand.)
    let r = reqwest::Client::new()
        .post(app.url("/revoke"))
        .basic_auth(&tc.id, tc.secret.as_deref())
        .form(&[
            ("token", new_refresh.secret().as_str()),
            ("token_type_hint", "refresh_token"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        client
            .exchange_refresh_token(&new_refresh)
            .unwrap()
            .request_async(&http)
            .await
            .is_err()
    );
    let r = reqwest::Client::new()
        .get(app.url("/userinfo"))
        .bearer_auth(refreshed.access_token().secret())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );

    // RP-initiated logout with only id_token_hint and post_logout_redirect_uri.
    let mut logout = url::Url::parse(&app.url("/logout")).unwrap();
    logout
        .query_pairs_mut()
        .append_pair("id_token_hint", &id_token.to_string())
        .append_pair("post_logout_redirect_uri", POST_LOGOUT);
    let r = browser.get(logout.as_str()).send().await.unwrap();
    assert!(r.status().is_redirection());
    assert_eq!(location(&app, &r), POST_LOGOUT);
    assert!(
        r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().contains("Max-Age=0"))
    );

    // The session is over: prompt=none now answers login_required.
    let (challenge, _) = PkceCodeChallenge::new_random_sha256();
    let (again, _, _) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_prompt(openidconnect::core::CoreAuthPrompt::None)
        .set_pkce_challenge(challenge)
        .url();
    let back = walk(&app, &browser, again.as_str(), true).await;
    assert_eq!(query(&back, "error").as_deref(), Some("login_required"));
}

fn base64_url(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap()
}

async fn discovery_and_jwks_are_cacheable_and_truthful(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let r = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["issuer"], app.base);
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
    for endpoint in [
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "revocation_endpoint",
        "introspection_endpoint",
        "end_session_endpoint",
    ] {
        let url = doc[endpoint].as_str().unwrap();
        assert!(url.starts_with(&app.base), "{endpoint}");
    }
    let jwks: serde_json::Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    let algs: Vec<&str> = keys.iter().map(|k| k["alg"].as_str().unwrap()).collect();
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(algs.contains(&alg), "{alg} key published");
    }
    assert!(
        keys.iter()
            .all(|k| k["use"] == "sig" && k["kid"].is_string() && k.get("d").is_none())
    );
}

async fn rotated_keys_sign_new_tokens_and_old_keys_stay_published(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let before: serde_json::Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let old_kids: Vec<String> = before["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect();
    let new_kid = app
        .state
        .keys
        .rotate(latchkey::config::SigningAlg::RS256)
        .await
        .unwrap();
    let after: serde_json::Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kids: Vec<String> = after["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect();
    assert!(kids.contains(&new_kid));
    for k in &old_kids {
        assert!(kids.contains(k), "previous key {k} still published");
    }
    // Once every token the old key signed has expired, it is no longer published.
    app.clock.advance(2 * 3600);
    app.state.keys.reload().await.unwrap();
    let later: serde_json::Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rs: Vec<_> = later["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["alg"] == "RS256")
        .collect();
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0]["kid"], new_kid.as_str());
}

on_both_backends!(relying_party_signs_in_refreshes_revokes_and_logs_out);
on_both_backends!(discovery_and_jwks_are_cacheable_and_truthful);
on_both_backends!(rotated_keys_sign_new_tokens_and_old_keys_stay_published);
