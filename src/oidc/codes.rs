//! Authorization codes as sealed, self-contained records.
//!
//! A code carries everything the token endpoint needs (client, redirect
//! URI, scope, nonce, PKCE challenge, who signed in and how), encrypted and
//! authenticated under a key derived from the master key
//! ([`MasterKey::seal_record`]). Issuing a code therefore writes nothing;
//! the database only learns of a code when it is redeemed, as one row in
//! the spent-codes table whose primary key makes the first redemption win
//! and every later one a replay (which revokes the grant, RFC 9700 §4.1.2).
//! Every instance sharing the master key can redeem a code any of them
//! issued. What it saves: one of the two database writes of every sign-in
//! to a relying party (docs/benchmarks.md, W4).

use serde::{Deserialize, Serialize};

use crate::crypto::{self, MasterKey};
use crate::db::AuthContext;

/// Associated data binding sealed codes to their purpose.
const CONTEXT: &str = "latchkey authorization code v1";

/// What an authorization code stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthCode {
    /// Ties together every token issued from this code.
    pub grant_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    /// The user claims a `claims` request parameter asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<super::claims::ClaimsRequest>,
    pub auth: AuthContext,
    pub created_at: i64,
    pub expires_at: i64,
    /// The DPoP key the code is bound to (RFC 9449 §10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_jkt: Option<String>,
}

/// Seals `record` into the code handed to the client.
pub fn seal(master: &MasterKey, record: &AuthCode) -> Result<String, crypto::SealError> {
    let json = serde_json::to_vec(record).map_err(|_| crypto::SealError::Seal)?;
    master.seal_record(CONTEXT, &json)
}

/// Opens a presented code; `None` for anything this server did not seal.
#[must_use]
pub fn open(master: &MasterKey, code: &str) -> Option<AuthCode> {
    let json = master.open_record(CONTEXT, code).ok()?;
    serde_json::from_slice(&json).ok()
}

/// The key under which a redeemed code is remembered.
#[must_use]
pub fn spent_key(code: &str) -> String {
    crypto::hash_secret(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> AuthCode {
        AuthCode {
            grant_id: "g1".into(),
            client_id: "c1".into(),
            redirect_uri: "https://rp.example/cb".into(),
            scope: "openid profile".into(),
            nonce: Some("n-0".into()),
            code_challenge: Some("x".repeat(43)),
            claims: None,
            auth: AuthContext {
                userid: "u1".into(),
                sid: Some("s1".into()),
                auth_time: 1_700_000_000,
                amr: vec!["pwd".into()],
                acr: "0".into(),
            },
            created_at: 1_700_000_000,
            expires_at: 1_700_000_060,
            dpop_jkt: None,
        }
    }

    #[test]
    fn a_code_opens_to_its_record_and_only_here() {
        let (master, _) = MasterKey::generate();
        let code = seal(&master, &record()).unwrap();
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "URL-safe: {code}"
        );
        assert_eq!(open(&master, &code), Some(record()));
        let (other, _) = MasterKey::generate();
        assert_eq!(open(&other, &code), None);
        assert_eq!(open(&master, &code[1..]), None);
        assert_eq!(open(&master, "guess"), None);
        // Two codes for the same request differ (fresh nonce each time).
        assert_ne!(seal(&master, &record()).unwrap(), code);
        // Nothing readable in the code itself.
        use base64::Engine;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&code)
            .unwrap();
        assert!(!raw.windows(10).any(|w| w == b"rp.example"));
    }
}
