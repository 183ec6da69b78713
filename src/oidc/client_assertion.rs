//! Client assertions (RFC 7523 §2.2 and §3, OpenID Connect Core §9): the
//! checks of a `private_key_jwt` or `client_secret_jwt` JWT, as a pure
//! function of the assertion, the client's key, the accepted audiences and
//! the time. The single use of its `jti` is the caller's next step
//! ([`crate::db::AssertionRepo::spend_assertion`] with [`Verified`]).

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::crypto;
use crate::domain::client_jwks::{ClientJwks, alg_name};

/// The `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Longest an assertion may still be valid (`exp` at most this many
/// seconds after now, and after its `iat`): assertions are made for one
/// request, and a long-lived one is a bearer credential.
pub const MAX_LIFETIME: i64 = 300;

/// Clock skew tolerated between the client and the server, in seconds.
pub const LEEWAY: i64 = 30;

/// Largest assertion accepted, in bytes.
pub const MAX_ASSERTION_BYTES: usize = 8 * 1024;

/// Longest `jti` accepted.
const MAX_JTI: usize = 256;

/// The algorithm of `client_secret_jwt` assertions (HMAC with the secret).
pub const SECRET_ALGS: [Algorithm; 1] = [Algorithm::HS256];

/// The key a client's assertions must verify with.
pub enum AssertionKey<'a> {
    /// Its registered public keys (`private_key_jwt`).
    Public(&'a ClientJwks),
    /// Its secret (`client_secret_jwt`), as the HMAC key.
    Secret(&'a str),
}

/// Why an assertion was refused. Never sent to the client (which gets a
/// plain `invalid_client`); logged at debug level for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssertionError {
    #[error("not a JWT, or too large")]
    Malformed,
    #[error("algorithm not accepted for this client's key")]
    Algorithm,
    #[error("no registered key verifies the signature")]
    Signature,
    #[error("iss and sub must both be the client id")]
    Subject,
    #[error("aud does not name this server")]
    Audience,
    #[error("expired")]
    Expired,
    #[error("valid for too long, issued in the future or not yet valid")]
    Lifetime,
    #[error("jti is missing")]
    Jti,
}

/// An assertion whose signature and claims passed: what to remember so
/// it cannot be used again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// SHA-256 of its `jti`.
    pub jti_hash: String,
    /// When it can no longer be accepted (its `exp` plus the leeway): the
    /// replay record may go then.
    pub expires_at: i64,
}

/// `aud`: one string or a list of them (RFC 7519 §4.1.3).
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains_any(&self, accepted: &[String]) -> bool {
        match self {
            Self::One(a) => accepted.contains(a),
            Self::Many(list) => list.iter().any(|a| accepted.contains(a)),
        }
    }
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: Audience,
    exp: i64,
    iat: Option<i64>,
    nbf: Option<i64>,
    jti: Option<String>,
}

#[derive(Deserialize)]
struct Subject {
    sub: Option<String>,
    iss: Option<String>,
}

/// The client an assertion claims to come from (its `sub`, which must
/// equal its `iss`), read before any verification: only to find the key
/// to verify it with.
#[must_use]
pub fn claimed_client(assertion: &str) -> Option<String> {
    if assertion.len() > MAX_ASSERTION_BYTES {
        return None;
    }
    let data = jsonwebtoken::dangerous::insecure_decode::<Subject>(assertion).ok()?;
    match (data.claims.sub, data.claims.iss) {
        (Some(sub), Some(iss)) if sub == iss => Some(sub),
        _ => None,
    }
}

/// Verifies `assertion` for `client_id`: the signature with `key` under
/// an algorithm that key allows (never `none`, never an HMAC with a public
/// key), `iss` = `sub` = `client_id`, an `aud` among `audiences`, `exp` not
/// past and at most [`MAX_LIFETIME`] ahead, `iat` and `nbf` not in the
/// future, and a `jti`.
pub fn verify(
    assertion: &str,
    client_id: &str,
    key: &AssertionKey<'_>,
    audiences: &[String],
    now: i64,
) -> Result<Verified, AssertionError> {
    if assertion.len() > MAX_ASSERTION_BYTES {
        return Err(AssertionError::Malformed);
    }
    let header = jsonwebtoken::decode_header(assertion).map_err(|_| AssertionError::Malformed)?;
    let alg = header.alg;
    let claims = match key {
        AssertionKey::Secret(secret) => {
            if !SECRET_ALGS.contains(&alg) {
                return Err(AssertionError::Algorithm);
            }
            decode(assertion, alg, &DecodingKey::from_secret(secret.as_bytes()))?
        }
        AssertionKey::Public(jwks) => {
            let candidates: Vec<_> = jwks
                .keys()
                .into_iter()
                .filter(|k| header.kid.is_none() || k.kid == header.kid)
                .filter(|k| k.algorithms.contains(&alg))
                .collect();
            if candidates.is_empty() {
                return Err(AssertionError::Algorithm);
            }
            let mut verified = Err(AssertionError::Signature);
            for k in &candidates {
                verified = decode(assertion, alg, &k.key);
                if verified.is_ok() {
                    break;
                }
            }
            verified?
        }
    };
    check_claims(&claims, client_id, audiences, now)
}

/// Checks the signature under exactly `alg` and reads the claims.
fn decode(assertion: &str, alg: Algorithm, key: &DecodingKey) -> Result<Claims, AssertionError> {
    let mut validation = Validation::new(alg);
    validation.algorithms = vec![alg];
    // Time and audience are checked below, against the injected clock.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<Claims>(assertion, key, &validation)
        .map(|d| d.claims)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => AssertionError::Signature,
            jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => AssertionError::Algorithm,
            _ => AssertionError::Malformed,
        })
}

fn check_claims(
    claims: &Claims,
    client_id: &str,
    audiences: &[String],
    now: i64,
) -> Result<Verified, AssertionError> {
    if claims.iss != client_id || claims.sub != client_id {
        return Err(AssertionError::Subject);
    }
    if !claims.aud.contains_any(audiences) {
        return Err(AssertionError::Audience);
    }
    if claims.exp.saturating_add(LEEWAY) < now {
        return Err(AssertionError::Expired);
    }
    if claims.exp > now.saturating_add(MAX_LIFETIME + LEEWAY) {
        return Err(AssertionError::Lifetime);
    }
    if let Some(iat) = claims.iat
        && (iat > now.saturating_add(LEEWAY) || claims.exp.saturating_sub(iat) > MAX_LIFETIME)
    {
        return Err(AssertionError::Lifetime);
    }
    if claims
        .nbf
        .is_some_and(|nbf| nbf > now.saturating_add(LEEWAY))
    {
        return Err(AssertionError::Lifetime);
    }
    let jti = claims.jti.as_deref().unwrap_or_default();
    if jti.is_empty() || jti.len() > MAX_JTI {
        return Err(AssertionError::Jti);
    }
    Ok(Verified {
        jti_hash: crypto::hash_secret(jti),
        expires_at: claims.exp.saturating_add(LEEWAY + 1),
    })
}

/// The algorithm names of `private_key_jwt` assertions, as advertised.
#[must_use]
pub fn public_key_alg_names() -> Vec<&'static str> {
    crate::domain::client_jwks::ASSERTION_ALGS
        .iter()
        .map(|a| alg_name(*a))
        .collect()
}

/// The algorithm names of `client_secret_jwt` assertions, as advertised.
#[must_use]
pub fn secret_alg_names() -> Vec<&'static str> {
    SECRET_ALGS.iter().map(|a| alg_name(*a)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};
    use serde_json::json;

    const NOW: i64 = 1_700_000_000;

    fn aud() -> Vec<String> {
        vec![
            "https://id.example".into(),
            "https://id.example/token".into(),
        ]
    }

    fn sign_hs(claims: &serde_json::Value, secret: &str) -> String {
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .unwrap()
    }

    fn claims() -> serde_json::Value {
        json!({"iss": "c1", "sub": "c1", "aud": "https://id.example/token",
               "exp": NOW + 60, "iat": NOW, "jti": "j1"})
    }

    fn check(claims: &serde_json::Value) -> Result<Verified, AssertionError> {
        verify(
            &sign_hs(claims, "s3cret"),
            "c1",
            &AssertionKey::Secret("s3cret"),
            &aud(),
            NOW,
        )
    }

    #[test]
    fn a_good_assertion_passes_and_is_remembered_until_it_expires() {
        let v = check(&claims()).unwrap();
        assert_eq!(v.jti_hash, crypto::hash_secret("j1"));
        assert_eq!(v.expires_at, NOW + 60 + LEEWAY + 1);
        let mut list = claims();
        list["aud"] = json!(["other", "https://id.example"]);
        assert!(check(&list).is_ok());
        assert_eq!(
            claimed_client(&sign_hs(&claims(), "x")).as_deref(),
            Some("c1")
        );
    }

    #[test]
    fn each_claim_is_checked() {
        let with = |k: &str, v: serde_json::Value| {
            let mut c = claims();
            c[k] = v;
            check(&c)
        };
        assert_eq!(with("iss", json!("c2")), Err(AssertionError::Subject));
        assert_eq!(with("sub", json!("c2")), Err(AssertionError::Subject));
        assert_eq!(
            with("aud", json!("https://evil.example")),
            Err(AssertionError::Audience)
        );
        assert_eq!(
            with("exp", json!(NOW - LEEWAY - 1)),
            Err(AssertionError::Expired)
        );
        assert_eq!(
            with("exp", json!(NOW + 3600)),
            Err(AssertionError::Lifetime)
        );
        assert_eq!(with("iat", json!(NOW + 120)), Err(AssertionError::Lifetime));
        assert_eq!(with("nbf", json!(NOW + 120)), Err(AssertionError::Lifetime));
        assert_eq!(with("jti", json!("")), Err(AssertionError::Jti));
        let mut no_jti = claims();
        no_jti.as_object_mut().unwrap().remove("jti");
        assert_eq!(check(&no_jti), Err(AssertionError::Jti));
        let mut no_exp = claims();
        no_exp.as_object_mut().unwrap().remove("exp");
        assert_eq!(check(&no_exp), Err(AssertionError::Malformed));
        assert_eq!(
            verify(
                &sign_hs(&claims(), "wrong"),
                "c1",
                &AssertionKey::Secret("s3cret"),
                &aud(),
                NOW
            ),
            Err(AssertionError::Signature)
        );
        // iss differing from sub names no client.
        let mut c = claims();
        c["iss"] = json!("c2");
        assert_eq!(claimed_client(&sign_hs(&c, "x")), None);
    }

    /// RS256 and PS256 (as advertised) verify with one RSA key of the set;
    /// a key pinned to RS256 refuses PS256; HS256 with the key is refused.
    #[test]
    fn rsa_keys_verify_rs256_and_ps256() {
        use aws_lc_rs::rand::SystemRandom;
        use aws_lc_rs::rsa::KeySize;
        use aws_lc_rs::signature::{
            KeyPair, RSA_PKCS1_SHA256, RSA_PSS_SHA256, RsaEncoding, RsaKeyPair,
        };
        use base64::Engine;
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let pair = RsaKeyPair::generate(KeySize::Rsa2048).unwrap();
        let public = pair.public_key();
        let jwk = json!({"kty": "RSA", "kid": "r1",
            "n": b64(public.modulus().big_endian_without_leading_zero()),
            "e": b64(public.exponent().big_endian_without_leading_zero())});
        let sign = |alg: &str, encoding: &'static dyn RsaEncoding| {
            let input = format!(
                "{}.{}",
                b64(json!({"alg": alg, "kid": "r1"}).to_string().as_bytes()),
                b64(claims().to_string().as_bytes())
            );
            let mut sig = vec![0u8; pair.public_modulus_len()];
            pair.sign(encoding, &SystemRandom::new(), input.as_bytes(), &mut sig)
                .unwrap();
            format!("{input}.{}", b64(&sig))
        };
        let set = ClientJwks::parse(&json!({ "keys": [jwk.clone()] })).unwrap();
        let key = AssertionKey::Public(&set);
        for (alg, encoding) in [
            ("RS256", &RSA_PKCS1_SHA256 as &'static dyn RsaEncoding),
            ("PS256", &RSA_PSS_SHA256),
        ] {
            assert!(
                verify(&sign(alg, encoding), "c1", &key, &aud(), NOW).is_ok(),
                "{alg}"
            );
        }
        // A PKCS#1 signature labelled PS256 does not verify.
        let relabelled = sign("PS256", &RSA_PKCS1_SHA256);
        assert_eq!(
            verify(&relabelled, "c1", &key, &aud(), NOW),
            Err(AssertionError::Signature)
        );
        let mut pinned = jwk;
        pinned["alg"] = json!("RS256");
        let pinned = ClientJwks::parse(&json!({ "keys": [pinned] })).unwrap();
        assert_eq!(
            verify(
                &sign("PS256", &RSA_PSS_SHA256),
                "c1",
                &AssertionKey::Public(&pinned),
                &aud(),
                NOW
            ),
            Err(AssertionError::Algorithm)
        );
        let hs = sign_hs(&claims(), &set.to_json_string());
        assert_eq!(
            verify(&hs, "c1", &key, &aud(), NOW),
            Err(AssertionError::Algorithm)
        );
    }

    #[test]
    fn unsigned_assertions_are_refused() {
        use base64::Engine;
        let b64 = |v: serde_json::Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
        };
        let none = format!("{}.{}.", b64(json!({"alg": "none"})), b64(claims()));
        assert_eq!(
            verify(&none, "c1", &AssertionKey::Secret("s3cret"), &aud(), NOW),
            Err(AssertionError::Malformed)
        );
    }
}
