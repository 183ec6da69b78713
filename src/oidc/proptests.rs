//! Property tests of the parsers that see untrusted input.

use proptest::prelude::*;

use super::authorize::{self, AuthorizeError};
use crate::db::Client;

fn client() -> Client {
    Client {
        client_id: crate::domain::client_id::ClientId::parse("c").unwrap(),
        name: "C".into(),
        secret_hash: None,
        public: false,
        redirect_uris: vec!["https://rp.example/cb".into()],
        post_logout_redirect_uris: vec![],
        grant_types: vec![crate::domain::grant_type::GrantType::AuthorizationCode],
        scopes: vec![],
        skip_consent: false,
        require_mfa: false,
        resource_server: false,
        id_token_alg: crate::domain::signing_alg::SigningAlg::RS256,
        claim_mapping: crate::domain::claim_mapping::ClaimMapping::default(),
        allowed_groups: Vec::new(),
        allowed_origins: Vec::new(),
        require_par: false,
        require_dpop: false,
        backchannel_logout_uri: None,
        backchannel_logout_session_required: false,
        branding: crate::db::Branding::default(),
        jwks: None,
        secret_sealed: None,
        created_at: 0,
        updated_at: 0,
    }
}

const NAMES: &[&str] = &[
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "prompt",
    "max_age",
    "code_challenge",
    "code_challenge_method",
    "response_mode",
    "request",
    "request_uri",
    "login_hint",
    "id_token_hint",
    "ui_locales",
    "acr_values",
    "other",
];

fn param() -> impl Strategy<Value = (String, String)> {
    (prop::sample::select(NAMES), ".{0,80}").prop_map(|(k, v)| (k.to_owned(), v))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary parameters never panic, and an error either stays on our
    /// page or goes to the registered redirect URI only.
    #[test]
    fn authorize_validation_is_total(mut params in prop::collection::vec(param(), 0..12), base in any::<bool>()) {
        if base {
            params.insert(0, ("client_id".into(), "c".into()));
            params.insert(1, ("redirect_uri".into(), "https://rp.example/cb".into()));
        }
        let c = client();
        match authorize::validate(&params, Some(&c), false, |_| None, 0) {
            Ok(req) => {
                prop_assert_eq!(req.redirect_uri, "https://rp.example/cb");
                prop_assert!(req.scopes.iter().any(|s| s == "openid"));
                prop_assert!(req.code_challenge.as_ref().is_none_or(|ch| (43..=128).contains(&ch.len())));
            }
            Err(AuthorizeError::Redirect(e)) => prop_assert_eq!(e.redirect_uri, "https://rp.example/cb"),
            Err(AuthorizeError::Page(_)) => {}
        }
    }

    /// Any parameter given twice is refused.
    #[test]
    fn duplicates_are_refused(name in prop::sample::select(&NAMES[..17]), a in "[a-z]{1,8}", b in "[a-z]{1,8}") {
        let params = vec![
            ("client_id".to_owned(), "c".to_owned()),
            ("redirect_uri".to_owned(), "https://rp.example/cb".to_owned()),
            ("response_type".to_owned(), "code".to_owned()),
            ("scope".to_owned(), "openid".to_owned()),
            (name.to_owned(), a),
            (name.to_owned(), b),
        ];
        prop_assert!(authorize::validate(&params, Some(&client()), false, |_| Some("x".into()), 0).is_err());
    }

    /// PKCE: only the verifier whose S256 hash is the challenge matches.
    #[test]
    fn pkce_only_matches_its_verifier(v in "[A-Za-z0-9._~-]{43,128}", other in "[A-Za-z0-9._~-]{43,128}") {
        use base64::Engine;
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::crypto::sha256(v.as_bytes()));
        prop_assert!(authorize::pkce_matches(&v, &challenge));
        prop_assert_eq!(authorize::pkce_matches(&other, &challenge), other == v);
    }

    /// Scope strings split into distinct non-empty names.
    #[test]
    fn scope_split(s in "[ a-z:]{0,60}") {
        let parts = super::claims::split(&s);
        prop_assert!(parts.iter().all(|p| !p.is_empty() && !p.contains(' ')));
        let mut dedup = parts.clone();
        dedup.dedup();
        prop_assert_eq!(parts.len(), dedup.len());
    }
}

/// Arbitrary strings are never accepted as tokens, and never panic.
#[test]
fn garbage_is_never_a_token() {
    use proptest::test_runner::{Config, TestRunner};
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let keys = rt.block_on(async {
        let repos = crate::db::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        let (master, _) = crate::crypto::MasterKey::generate();
        super::keys::KeyManager::load_or_init(
            repos.signing_keys.clone(),
            master,
            std::sync::Arc::new(crate::clock::SystemClock),
            60,
        )
        .await
        .unwrap()
    });
    let strategy = (
        ".{0,300}",
        "[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,80}",
    );
    TestRunner::new(Config::with_cases(2000))
        .run(&strategy, |(token, dots)| {
            for t in [&token, &dots] {
                let r = super::tokens::verify_jwt::<serde_json::Value>(
                    &keys, "http://x", t, None, 0, true,
                );
                prop_assert!(r.is_err());
            }
            Ok(())
        })
        .unwrap();
}
