//! A client's JWK Set for `private_key_jwt` (RFC 7523 §2.2, OpenID
//! Connect Core §9): public signature keys an administrator registered.
//! Parsed from untrusted JSON: only public keys of the supported types and
//! sizes pass, and what is kept is rebuilt from the members we understand
//! (nothing else of the input is stored or shown).
//!
//! Keys are never fetched from a URL (no `jwks_uri`): an administrator
//! provides the set, so no request of a client can make Latchkey connect
//! anywhere.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::{Map, Value};

/// Most keys a set may hold (enough for a rotation with overlap).
pub const MAX_KEYS: usize = 10;

/// Largest JWK Set accepted, in bytes of JSON.
pub const MAX_JWKS_BYTES: usize = 64 * 1024;

/// Smallest and largest RSA modulus accepted, in bits.
pub const MIN_RSA_BITS: usize = 2048;
const MAX_RSA_BITS: usize = 8192;

/// Longest `kid` accepted.
const MAX_KID: usize = 200;

/// The algorithms a `private_key_jwt` assertion may be signed with, as
/// advertised in discovery (never `none`, never an HMAC).
pub const ASSERTION_ALGS: [Algorithm; 4] = [
    Algorithm::RS256,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::EdDSA,
];

/// Members that only a private (or symmetric) key has.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Why a JWK Set was refused (the message is for the administrator).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("JWK Set: {0}")]
pub struct JwksError(pub String);

fn refuse<T>(why: impl Into<String>) -> Result<T, JwksError> {
    Err(JwksError(why.into()))
}

/// A validated JWK Set: 1 to [`MAX_KEYS`] public keys, each RSA (at least
/// [`MIN_RSA_BITS`] bits; RS256 or PS256), EC P-256 (ES256) or OKP Ed25519
/// (EdDSA), with distinct `kid`s where given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientJwks(Value);

/// One key of a set, ready to verify signatures.
pub struct VerifyKey {
    /// Its `kid`, when it has one.
    pub kid: Option<String>,
    /// The algorithms it may verify.
    pub algorithms: Vec<Algorithm>,
    /// The key.
    pub key: DecodingKey,
}

impl serde::Serialize for ClientJwks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl ClientJwks {
    /// Checks a JWK Set given as JSON text (a file, a form field).
    pub fn parse_text(text: &str) -> Result<Self, JwksError> {
        if text.len() > MAX_JWKS_BYTES {
            return refuse(format!("larger than {MAX_JWKS_BYTES} bytes"));
        }
        let value: Value =
            serde_json::from_str(text).map_err(|e| JwksError(format!("not valid JSON: {e}")))?;
        Self::parse(&value)
    }

    /// Checks a JWK Set given as a JSON value.
    pub fn parse(value: &Value) -> Result<Self, JwksError> {
        if value.to_string().len() > MAX_JWKS_BYTES {
            return refuse(format!("larger than {MAX_JWKS_BYTES} bytes"));
        }
        let Some(keys) = value.get("keys").and_then(Value::as_array) else {
            return refuse("expected an object with a \"keys\" array");
        };
        if keys.is_empty() {
            return refuse("no keys");
        }
        if keys.len() > MAX_KEYS {
            return refuse(format!("at most {MAX_KEYS} keys"));
        }
        let mut clean = Vec::with_capacity(keys.len());
        let mut kids = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let key = check_key(key)
                .map_err(|JwksError(why)| JwksError(format!("key {}: {why}", i + 1)))?;
            if let Some(kid) = key.get("kid").and_then(Value::as_str) {
                if kids.contains(&kid.to_owned()) {
                    return refuse(format!("kid {kid:?} appears twice"));
                }
                kids.push(kid.to_owned());
            }
            clean.push(Value::Object(key));
        }
        Ok(Self(serde_json::json!({ "keys": clean })))
    }

    /// The set as stored (JSON text).
    #[must_use]
    pub fn to_json_string(&self) -> String {
        self.0.to_string()
    }

    /// The set as a JSON value (public keys only).
    #[must_use]
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    fn entries(&self) -> &[Value] {
        self.0
            .get("keys")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// A label per key: its `kid`, or its type and position when it has none.
    #[must_use]
    pub fn key_ids(&self) -> Vec<String> {
        self.entries()
            .iter()
            .enumerate()
            .map(|(i, k)| match k.get("kid").and_then(Value::as_str) {
                Some(kid) => kid.to_owned(),
                None => format!(
                    "(key {} without kid, {})",
                    i + 1,
                    k.get("kty").and_then(Value::as_str).unwrap_or("?")
                ),
            })
            .collect()
    }

    /// The keys, ready to verify; a key that cannot be built (which
    /// validation prevents) is left out.
    #[must_use]
    pub fn keys(&self) -> Vec<VerifyKey> {
        self.entries()
            .iter()
            .filter_map(|k| {
                let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(k.clone()).ok()?;
                let key = DecodingKey::from_jwk(&jwk).ok()?;
                Some(VerifyKey {
                    kid: k.get("kid").and_then(Value::as_str).map(str::to_owned),
                    algorithms: algorithms_of(k),
                    key,
                })
            })
            .collect()
    }
}

/// One public key from untrusted JSON (the `jwk` header of a DPoP proof),
/// checked as a key of a set is (public members only, supported types and
/// sizes): the members kept, and the algorithms it may verify.
pub fn public_key(key: &Value) -> Result<(Map<String, Value>, Vec<Algorithm>), JwksError> {
    let kept = check_key(key)?;
    let value = Value::Object(kept);
    let algorithms = algorithms_of(&value);
    match value {
        Value::Object(kept) => Ok((kept, algorithms)),
        _ => refuse("not a JSON object"),
    }
}

/// The RFC 7638 thumbprint (base64url SHA-256 of the required members in
/// lexicographic order) of a key [`public_key`] kept.
#[must_use]
pub fn thumbprint(key: &Map<String, Value>) -> String {
    let member = |name: &str| {
        key.get(name)
            .map(Value::to_string)
            .unwrap_or_else(|| "\"\"".to_owned())
    };
    let canonical = match key.get("kty").and_then(Value::as_str) {
        Some("RSA") => format!(r#"{{"e":{},"kty":"RSA","n":{}}}"#, member("e"), member("n")),
        Some("EC") => format!(
            r#"{{"crv":{},"kty":"EC","x":{},"y":{}}}"#,
            member("crv"),
            member("x"),
            member("y")
        ),
        _ => format!(
            r#"{{"crv":{},"kty":"OKP","x":{}}}"#,
            member("crv"),
            member("x")
        ),
    };
    URL_SAFE_NO_PAD.encode(crate::crypto::sha256(canonical.as_bytes()))
}

/// The algorithms a checked key may verify: its `alg`, or every one its
/// type allows.
fn algorithms_of(key: &Value) -> Vec<Algorithm> {
    let alg = key.get("alg").and_then(Value::as_str);
    let allowed: &[Algorithm] = match key.get("kty").and_then(Value::as_str) {
        Some("RSA") => &[Algorithm::RS256, Algorithm::PS256],
        Some("EC") => &[Algorithm::ES256],
        Some("OKP") => &[Algorithm::EdDSA],
        _ => &[],
    };
    allowed
        .iter()
        .copied()
        .filter(|a| alg.is_none_or(|name| alg_name(*a) == name))
        .collect()
}

/// The JOSE name of an algorithm we accept.
#[must_use]
pub fn alg_name(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::RS256 => "RS256",
        Algorithm::PS256 => "PS256",
        Algorithm::ES256 => "ES256",
        Algorithm::EdDSA => "EdDSA",
        Algorithm::HS256 => "HS256",
        _ => "unsupported",
    }
}

/// A member that must be a base64url string; its bytes.
fn b64_member(key: &Map<String, Value>, name: &str) -> Result<Vec<u8>, JwksError> {
    let Some(text) = key.get(name).and_then(Value::as_str) else {
        return refuse(format!("\"{name}\" is missing"));
    };
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| JwksError(format!("\"{name}\" is not base64url")))
}

/// Checks one key; returns the members kept.
fn check_key(key: &Value) -> Result<Map<String, Value>, JwksError> {
    let Some(key) = key.as_object() else {
        return refuse("not a JSON object");
    };
    if let Some(m) = PRIVATE_MEMBERS.iter().find(|m| key.contains_key(**m)) {
        return refuse(format!(
            "holds private key material (\"{m}\"); register only the public key"
        ));
    }
    let kty = key.get("kty").and_then(Value::as_str).unwrap_or_default();
    let mut out = Map::new();
    out.insert("kty".into(), Value::from(kty));
    let (algs, curve): (&[&str], Option<&str>) = match kty {
        "RSA" => {
            let n = b64_member(key, "n")?;
            let e = b64_member(key, "e")?;
            let n_bits = bit_length(&n);
            if n_bits < MIN_RSA_BITS {
                return refuse(format!(
                    "an RSA key of {n_bits} bits; at least {MIN_RSA_BITS} are required"
                ));
            }
            if n_bits > MAX_RSA_BITS {
                return refuse(format!("an RSA key of more than {MAX_RSA_BITS} bits"));
            }
            let e_bits = bit_length(&e);
            if !(2..=64).contains(&e_bits) || e.last().is_none_or(|b| b & 1 == 0) {
                return refuse("an unusable RSA public exponent");
            }
            for m in ["n", "e"] {
                out.insert(m.into(), key.get(m).cloned().unwrap_or(Value::Null));
            }
            (&["RS256", "PS256"], None)
        }
        "EC" => {
            for m in ["x", "y"] {
                if b64_member(key, m)?.len() != 32 {
                    return refuse(format!("\"{m}\" is not a P-256 coordinate"));
                }
                out.insert(m.into(), key.get(m).cloned().unwrap_or(Value::Null));
            }
            (&["ES256"], Some("P-256"))
        }
        "OKP" => {
            if b64_member(key, "x")?.len() != 32 {
                return refuse("\"x\" is not an Ed25519 public key");
            }
            out.insert("x".into(), key.get("x").cloned().unwrap_or(Value::Null));
            (&["EdDSA"], Some("Ed25519"))
        }
        "oct" => return refuse("a symmetric (oct) key; register public keys only"),
        "" => return refuse("\"kty\" is missing"),
        other => {
            return refuse(format!(
                "unsupported key type {other:?} (use RSA, EC P-256 or OKP Ed25519)"
            ));
        }
    };
    if let Some(want) = curve {
        let crv = key.get("crv").and_then(Value::as_str);
        if crv != Some(want) {
            return refuse(format!(
                "unsupported curve {:?} for {kty} (use {want})",
                crv.unwrap_or("")
            ));
        }
        out.insert("crv".into(), Value::from(want));
    }
    if let Some(alg) = key.get("alg") {
        match alg.as_str() {
            Some(a) if algs.contains(&a) => {
                out.insert("alg".into(), Value::from(a));
            }
            _ => {
                return refuse(format!(
                    "algorithm {alg} is not accepted for a {kty} key (use {})",
                    algs.join(" or ")
                ));
            }
        }
    }
    if let Some(u) = key.get("use") {
        if u.as_str() != Some("sig") {
            return refuse("\"use\" must be \"sig\"");
        }
        out.insert("use".into(), Value::from("sig"));
    }
    if let Some(ops) = key.get("key_ops") {
        let verifies = ops
            .as_array()
            .is_some_and(|ops| ops.iter().any(|o| o.as_str() == Some("verify")));
        if !verifies {
            return refuse("\"key_ops\" does not include \"verify\"");
        }
    }
    if let Some(kid) = key.get("kid") {
        match kid.as_str() {
            Some(k) if !k.is_empty() && k.len() <= MAX_KID && !k.chars().any(char::is_control) => {
                out.insert("kid".into(), Value::from(k));
            }
            _ => {
                return refuse(format!(
                    "\"kid\" must be a string of 1 to {MAX_KID} characters"
                ));
            }
        }
    }
    // The key must build (catches what the checks above could miss).
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_value(Value::Object(out.clone()))
        .map_err(|_| JwksError("not a usable public key".into()))?;
    DecodingKey::from_jwk(&jwk).map_err(|_| JwksError("not a usable public key".into()))?;
    Ok(out)
}

/// The number of significant bits of a big-endian unsigned integer.
fn bit_length(bytes: &[u8]) -> usize {
    let mut iter = bytes.iter().skip_while(|b| **b == 0);
    match iter.next() {
        None => 0,
        Some(first) => (8 - first.leading_zeros() as usize) + 8 * iter.count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn rsa(bits: usize) -> Value {
        let mut n = vec![0xffu8; bits / 8];
        n[0] = 0x80 | 0x01;
        json!({"kty": "RSA", "n": b64(&n), "e": "AQAB", "kid": "r1"})
    }

    fn ec() -> Value {
        json!({"kty": "EC", "crv": "P-256", "x": b64(&[1; 32]), "y": b64(&[2; 32]), "kid": "e1"})
    }

    fn okp() -> Value {
        json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&[3; 32]), "kid": "o1", "x5c": ["junk"]})
    }

    fn refused(keys: Value) -> String {
        ClientJwks::parse(&json!({ "keys": keys })).unwrap_err().0
    }

    #[test]
    fn public_keys_of_each_supported_type_pass_and_unknown_members_are_dropped() {
        let set = ClientJwks::parse(&json!({"keys": [rsa(2048), ec(), okp()]})).unwrap();
        assert_eq!(set.key_ids(), ["r1", "e1", "o1"]);
        assert!(!set.to_json_string().contains("x5c"));
        let keys = set.keys();
        assert_eq!(keys.len(), 3);
        assert_eq!(keys[0].algorithms, [Algorithm::RS256, Algorithm::PS256]);
        assert_eq!(keys[1].algorithms, [Algorithm::ES256]);
        assert_eq!(keys[2].algorithms, [Algorithm::EdDSA]);
        let mut pinned = rsa(3072);
        pinned["alg"] = json!("PS256");
        let set = ClientJwks::parse(&json!({ "keys": [pinned] })).unwrap();
        assert_eq!(set.keys()[0].algorithms, [Algorithm::PS256]);
    }

    #[test]
    fn private_material_small_keys_and_unknown_types_are_refused() {
        let mut private = rsa(2048);
        private["d"] = json!("AQAB");
        assert!(refused(json!([private])).contains("private key material"));
        let mut private_ec = ec();
        private_ec["d"] = json!(b64(&[4; 32]));
        assert!(refused(json!([private_ec])).contains("private"));
        assert!(refused(json!([{"kty": "oct", "k": "c2VjcmV0"}])).contains("private"));
        assert!(refused(json!([{"kty": "oct"}])).contains("symmetric"));
        assert!(refused(json!([rsa(1024)])).contains("at least 2048"));
        assert!(refused(json!([{"kty": "DSA", "x": "AQAB"}])).contains("unsupported key type"));
        assert!(refused(json!([{"n": "AQAB"}])).contains("kty"));
        let mut p384 = ec();
        p384["crv"] = json!("P-384");
        assert!(refused(json!([p384])).contains("curve"));
        let mut hs = rsa(2048);
        hs["alg"] = json!("HS256");
        assert!(refused(json!([hs])).contains("not accepted"));
        let mut none = ec();
        none["alg"] = json!("none");
        assert!(refused(json!([none])).contains("not accepted"));
        let mut enc = okp();
        enc["use"] = json!("enc");
        assert!(refused(json!([enc])).contains("sig"));
        assert!(refused(json!([ec(), ec()])).contains("twice"));
        assert!(refused(json!([])).contains("no keys"));
        let many: Vec<Value> = (0..11).map(|_| okp_without_kid()).collect();
        assert!(refused(json!(many)).contains("at most 10"));
        assert!(ClientJwks::parse(&json!([ec()])).is_err());
        assert!(ClientJwks::parse_text("{not json").is_err());
        let huge = format!(
            "{{\"keys\": [], \"pad\": \"{}\"}}",
            "a".repeat(MAX_JWKS_BYTES)
        );
        assert!(
            ClientJwks::parse_text(&huge)
                .unwrap_err()
                .0
                .contains("larger")
        );
    }

    fn okp_without_kid() -> Value {
        json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&[3; 32])})
    }

    #[test]
    fn keys_without_kid_are_labelled_by_position() {
        let set = ClientJwks::parse(&json!({"keys": [okp_without_kid()]})).unwrap();
        assert_eq!(set.key_ids(), ["(key 1 without kid, OKP)"]);
    }

    #[test]
    fn bit_length_ignores_leading_zero_bytes() {
        assert_eq!(bit_length(&[0, 0, 1]), 1);
        assert_eq!(bit_length(&[0x80, 0]), 16);
        assert_eq!(bit_length(&[]), 0);
    }
}
