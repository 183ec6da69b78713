//! WebAuthn payloads as the browser posts them (JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<webauthn_rs_proto::PublicKeyCredential>(data);
    let _ = serde_json::from_slice::<webauthn_rs_proto::RegisterPublicKeyCredential>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = latchkey::domain::username::parse(text);
    }
});
