//! Authorization request parameters: form decoding then validation.
#![no_main]

use latchkey::db::Client;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(params) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else { return };
    let client = Client {
        client_id: "c".into(),
        name: "C".into(),
        secret_hash: None,
        public: true,
        redirect_uris: vec!["https://rp.example/cb".into()],
        post_logout_redirect_uris: vec![],
        grant_types: vec!["authorization_code".into()],
        scopes: vec![],
        skip_consent: false,
        id_token_alg: "RS256".into(),
        created_at: 0,
        updated_at: 0,
    };
    let _ = latchkey::oidc::authorize::validate(&params, Some(&client), true, |_| None, 0);
    let _ = latchkey::oidc::grants::param(&params, "code");
});
