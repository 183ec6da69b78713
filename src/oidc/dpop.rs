//! DPoP, sender-constrained tokens (RFC 9449; docs/dpop.md).
//!
//! - [`verify`] checks a proof on its own (pure: no storage, time given):
//!   a compact JWS with `typ` `dpop+jwt`, an asymmetric `alg` of
//!   [`ALGS`], a public `jwk` (private members refused, validated like a
//!   registered key in [`crate::domain::client_jwks`]) whose signature
//!   verifies, `jti`, `htm` = the method, `htu` = the endpoint's URL built
//!   from the issuer (query and fragment ignored), `iat` within
//!   [`PROOF_LIFETIME`] behind and [`CLOCK_SKEW`] ahead, `ath` = the
//!   access token's hash at a protected resource, and a server `nonce`
//!   when nonces are on ([`nonce`]).
//! - [`accept`] adds the replay cache: a proof's `jti` is spent per key
//!   (`AssertionRepo::spend_dpop_proof`, a table, so it holds across
//!   instances).
//! - [`authenticate_resource`] is how `/userinfo` and the admin API check
//!   an access token, under the `Bearer` or the `DPoP` scheme (§7).
//!
//! Nonces (§8) are stateless: the HMAC of a time slot of [`NONCE_SLOT`]
//! seconds under a key derived from the master key; the current and the
//! previous slot's nonce are accepted, on every instance.

use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::Value;

use super::provider::Provider;
use super::tokens::{self, AccessClaims, TokenError};
use crate::crypto;
use crate::db::DbError;
use crate::domain::client_jwks;

/// The algorithms a proof may be signed with, as advertised in discovery
/// (`dpop_signing_alg_values_supported`): asymmetric only, never `none`.
pub const ALGS: [Algorithm; 4] = [
    Algorithm::ES256,
    Algorithm::EdDSA,
    Algorithm::RS256,
    Algorithm::PS256,
];

/// The JOSE names of [`ALGS`].
#[must_use]
pub fn alg_names() -> Vec<&'static str> {
    ALGS.iter().map(|a| client_jwks::alg_name(*a)).collect()
}

/// The `typ` header of a proof.
pub const TYP: &str = "dpop+jwt";

/// Largest proof accepted, in bytes (an 8192-bit RSA key fits).
pub const MAX_PROOF_BYTES: usize = 8 * 1024;

/// Longest `jti` accepted.
pub const MAX_JTI: usize = 256;

/// How long after its `iat` a proof is accepted (and its `jti` remembered), seconds.
pub const PROOF_LIFETIME: i64 = 300;

/// How far ahead of our clock a proof's `iat` may be, seconds.
pub const CLOCK_SKEW: i64 = 60;

/// The length of a nonce's time slot, seconds: a nonce is accepted in its
/// own slot and the next (so for five to ten minutes).
pub const NONCE_SLOT: i64 = 300;

/// A verified proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proof {
    /// The RFC 7638 thumbprint of the proof's key: what tokens are bound to.
    pub jkt: String,
    /// The proof's `jti`.
    pub jti: String,
    /// The proof's `iat`.
    pub iat: i64,
}

/// Why a proof was refused.
#[derive(Debug, thiserror::Error)]
pub enum DpopError {
    /// The proof is malformed, does not verify, or does not fit the
    /// request (`invalid_dpop_proof`); the message says which check failed.
    #[error("{0}")]
    Invalid(String),
    /// The proof is fine but lacks a current server nonce (`use_dpop_nonce`).
    #[error("a DPoP nonce from the server is required")]
    UseNonce,
    /// The replay cache could not be read.
    #[error(transparent)]
    Db(#[from] DbError),
}

fn invalid<T>(why: impl Into<String>) -> Result<T, DpopError> {
    Err(DpopError::Invalid(why.into()))
}

/// What a proof must say for the request it comes with.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The request's method (`htm`).
    pub method: &'a str,
    /// The endpoint's URL, from the issuer (`htu`).
    pub url: &'a str,
    /// At a protected resource: the access token (`ath`).
    pub access_token: Option<&'a str>,
    /// When nonces are on: the key they are made with.
    pub nonce_key: Option<&'a hmac::Key>,
    /// Our time, seconds since the epoch.
    pub now: i64,
}

#[derive(Deserialize)]
struct Header {
    typ: Option<String>,
    alg: Option<String>,
    jwk: Option<Value>,
}

#[derive(Deserialize)]
struct Claims {
    jti: Option<Value>,
    htm: Option<Value>,
    htu: Option<Value>,
    iat: Option<Value>,
    ath: Option<Value>,
    nonce: Option<Value>,
}

fn text<'a>(claims: &'a Option<Value>, name: &str) -> Result<&'a str, DpopError> {
    match claims.as_ref().map(Value::as_str) {
        Some(Some(s)) => Ok(s),
        Some(None) => invalid(format!("the proof's \"{name}\" is not a string")),
        None => invalid(format!("the proof has no \"{name}\"")),
    }
}

/// `url` without query and fragment, normalised (scheme and host lower
/// case, default port dropped, dot segments resolved), or `None`.
fn normalized(url: &str) -> Option<String> {
    let mut url = url::Url::parse(url).ok()?;
    if url.cannot_be_a_base() {
        return None;
    }
    url.set_query(None);
    url.set_fragment(None);
    Some(url.to_string())
}

/// The `ath` of an access token: base64url(SHA-256(token)).
#[must_use]
pub fn access_token_hash(access_token: &str) -> String {
    URL_SAFE_NO_PAD.encode(crypto::sha256(access_token.as_bytes()))
}

/// The nonce of the time slot `slot`.
fn nonce_of(key: &hmac::Key, slot: i64) -> String {
    let tag = hmac::sign(
        key,
        &[b"dpop nonce ".as_slice(), &slot.to_be_bytes()].concat(),
    );
    URL_SAFE_NO_PAD.encode(tag.as_ref())
}

/// The current nonce (RFC 9449 §8), for a `DPoP-Nonce` header.
#[must_use]
pub fn nonce(key: &hmac::Key, now: i64) -> String {
    nonce_of(key, now.div_euclid(NONCE_SLOT))
}

/// Whether `presented` is the nonce of the current or the previous slot.
fn nonce_is_current(key: &hmac::Key, presented: &str, now: i64) -> bool {
    let slot = now.div_euclid(NONCE_SLOT);
    [slot, slot - 1].iter().fold(false, |ok, s| {
        ok | crypto::constant_time_eq(presented.as_bytes(), nonce_of(key, *s).as_bytes())
    })
}

/// Verifies `proof` for the request `expected` describes (everything but
/// the replay cache, see [`accept`]).
pub fn verify(proof: &str, expected: &Expected<'_>) -> Result<Proof, DpopError> {
    if proof.len() > MAX_PROOF_BYTES {
        return invalid("the proof is too large");
    }
    let mut parts = proof.split('.');
    let (Some(header_b64), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return invalid("the proof is not a compact JWS");
    };
    let header: Header = URL_SAFE_NO_PAD
        .decode(header_b64)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .map_or_else(|| invalid("the proof's header is not JSON"), Ok)?;
    if header.typ.as_deref() != Some(TYP) {
        return invalid(format!("the proof's typ must be {TYP}"));
    }
    let Some(alg) = ALGS
        .iter()
        .copied()
        .find(|a| header.alg.as_deref() == Some(client_jwks::alg_name(*a)))
    else {
        return invalid(format!(
            "the proof's alg must be one of {}",
            alg_names().join(", ")
        ));
    };
    let Some(jwk) = header.jwk.as_ref() else {
        return invalid("the proof has no jwk header");
    };
    let (key, algorithms) = client_jwks::public_key(jwk)
        .map_err(|e| DpopError::Invalid(format!("the proof's jwk: {}", e.0)))?;
    if !algorithms.contains(&alg) {
        return invalid("the proof's alg does not fit its key");
    }
    let decoding = serde_json::from_value::<jsonwebtoken::jwk::Jwk>(Value::Object(key.clone()))
        .ok()
        .and_then(|jwk| DecodingKey::from_jwk(&jwk).ok())
        .map_or_else(|| invalid("the proof's jwk is not a usable key"), Ok)?;
    let mut validation = Validation::new(alg);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Claims>(proof, &decoding, &validation)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                DpopError::Invalid("the proof's signature does not verify".into())
            }
            _ => DpopError::Invalid("the proof is malformed".into()),
        })?
        .claims;
    let jti = text(&claims.jti, "jti")?;
    if jti.is_empty() || jti.len() > MAX_JTI {
        return invalid(format!(
            "the proof's jti must have 1 to {MAX_JTI} characters"
        ));
    }
    if text(&claims.htm, "htm")? != expected.method {
        return invalid(format!("the proof's htm is not {}", expected.method));
    }
    let htu = text(&claims.htu, "htu")?;
    if normalized(htu).is_none() || normalized(htu) != normalized(expected.url) {
        return invalid(format!("the proof's htu is not {}", expected.url));
    }
    // A NumericDate may have a fraction (RFC 7519 §2): its whole seconds.
    let Some(iat) = claims.iat.as_ref().and_then(|v| {
        v.as_i64().or_else(|| {
            v.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 1e15)
                .map(|f| f.floor() as i64)
        })
    }) else {
        return invalid("the proof has no numeric iat");
    };
    if iat > expected.now.saturating_add(CLOCK_SKEW) {
        return invalid("the proof's iat is in the future");
    }
    if iat < expected.now.saturating_sub(PROOF_LIFETIME) {
        return invalid("the proof has expired (iat too old)");
    }
    if let Some(token) = expected.access_token {
        let ath = text(&claims.ath, "ath")?;
        if !crypto::constant_time_eq(ath.as_bytes(), access_token_hash(token).as_bytes()) {
            return invalid("the proof's ath does not match the access token");
        }
    }
    if let Some(key) = expected.nonce_key {
        match claims.nonce.as_ref().map(Value::as_str) {
            Some(Some(n)) if nonce_is_current(key, n, expected.now) => {}
            _ => return Err(DpopError::UseNonce),
        }
    }
    Ok(Proof {
        jkt: client_jwks::thumbprint(&key),
        jti: jti.to_owned(),
        iat,
    })
}

/// The key nonces are made with, when they are on.
#[must_use]
pub fn nonce_key(p: &Provider) -> Option<&hmac::Key> {
    p.dpop_nonce.then(|| p.master().dpop_nonce_key())
}

/// The `DPoP-Nonce` to send with an answer, when nonces are on.
#[must_use]
pub fn current_nonce(p: &Provider) -> Option<String> {
    nonce_key(p).map(|key| nonce(key, p.now()))
}

/// Verifies `proof` for a request with `method` to `path` (at a protected
/// resource, presenting `access_token`) and spends its `jti`: a proof is
/// accepted once, on every instance.
pub async fn accept(
    p: &Provider,
    proof: &str,
    method: &str,
    path: &str,
    access_token: Option<&str>,
) -> Result<Proof, DpopError> {
    let url = format!("{}{path}", p.issuer);
    let now = p.now();
    let proof = verify(
        proof,
        &Expected {
            method,
            url: &url,
            access_token,
            nonce_key: nonce_key(p),
            now,
        },
    )?;
    spend(p, &proof).await?;
    Ok(proof)
}

/// How long after its `iat` a spent proof's `jti` is remembered, seconds:
/// past [`PROOF_LIFETIME`] by [`CLOCK_SKEW`], so an instance whose clock
/// lags the one that purges by up to that much still finds it (a purge by
/// a clock that runs ahead must not reopen a proof a lagging instance
/// still accepts).
pub const REPLAY_RETENTION: i64 = PROOF_LIFETIME + CLOCK_SKEW + 1;

/// Spends a verified proof's `jti` (per key), remembered until the proof
/// could no longer be accepted anyway, on any instance whose clock is
/// within [`CLOCK_SKEW`] of ours; a replay is refused.
async fn spend(p: &Provider, proof: &Proof) -> Result<(), DpopError> {
    let first = p
        .repos
        .assertions
        .spend_dpop_proof(
            &proof.jkt,
            &crypto::hash_secret(&proof.jti),
            proof.iat.saturating_add(REPLAY_RETENTION),
            p.now(),
        )
        .await?;
    if first {
        Ok(())
    } else {
        invalid("the proof has already been used")
    }
}

/// The authorization scheme an access token came with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `Authorization: Bearer` (or the form body of `/userinfo`).
    Bearer,
    /// `Authorization: DPoP` with a `DPoP` proof header.
    Dpop,
}

/// An access token presented to a protected resource.
#[derive(Debug, Clone, Copy)]
pub struct Presented<'a> {
    pub scheme: Scheme,
    pub token: &'a str,
    /// The `DPoP` header, when one came.
    pub proof: Option<&'a str>,
}

/// The `WWW-Authenticate` challenge of a protected resource (`/userinfo`,
/// the admin API) answering a request without a token: both schemes it
/// takes, `DPoP` with the accepted algorithms (RFC 9449 §7.1, §7.2).
#[must_use]
pub fn missing_token_challenge() -> String {
    format!(
        "Bearer realm=\"latchkey\", DPoP algs=\"{}\"",
        alg_names().join(" ")
    )
}

/// Why a protected resource refuses a request (RFC 6750 §3, RFC 9449 §7.1).
#[derive(Debug)]
pub enum Refusal {
    /// `invalid_token`, challenged under `scheme`.
    Token { scheme: Scheme, description: String },
    /// `invalid_dpop_proof`.
    Proof(String),
    /// `use_dpop_nonce`: retry with the nonce sent along.
    UseNonce,
    /// The check itself failed (storage, keys): the server's fault.
    Failure(String),
}

impl Refusal {
    /// The error code.
    #[must_use]
    pub fn error(&self) -> &'static str {
        match self {
            Self::Token { .. } => "invalid_token",
            Self::Proof(_) => "invalid_dpop_proof",
            Self::UseNonce => "use_dpop_nonce",
            Self::Failure(_) => "server_error",
        }
    }

    /// The description for the answer.
    #[must_use]
    pub fn description(&self) -> String {
        match self {
            Self::Token { description, .. } | Self::Proof(description) => description.clone(),
            Self::UseNonce => "a DPoP nonce from the server is required".into(),
            Self::Failure(_) => "the server could not complete the request".into(),
        }
    }

    /// The `WWW-Authenticate` challenge: `Bearer` for a bearer token's
    /// refusal, else `DPoP` with the accepted `algs` (RFC 9449 §7.1).
    #[must_use]
    pub fn challenge(&self) -> String {
        // Only visible ASCII: a description may quote the proof (a key
        // type), whose raw UTF-8 would go out as obs-text that clients
        // cannot read as a header string.
        let description: String = self
            .description()
            .chars()
            .filter(|c| *c != '"' && *c != '\\')
            .map(|c| {
                if c == ' ' || c.is_ascii_graphic() {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        match self {
            Self::Token {
                scheme: Scheme::Bearer,
                ..
            } => format!(
                "Bearer realm=\"latchkey\", error=\"invalid_token\", error_description=\"{description}\""
            ),
            _ => format!(
                "DPoP algs=\"{}\", error=\"{}\", error_description=\"{description}\"",
                alg_names().join(" "),
                self.error()
            ),
        }
    }

    fn token(scheme: Scheme, e: TokenError) -> Self {
        if e.is_failure() {
            Self::Failure(e.to_string())
        } else {
            Self::Token {
                scheme,
                description: e.to_string(),
            }
        }
    }
}

impl From<DpopError> for Refusal {
    fn from(e: DpopError) -> Self {
        match e {
            DpopError::Invalid(why) => Self::Proof(why),
            DpopError::UseNonce => Self::UseNonce,
            DpopError::Db(e) => Self::Failure(e.to_string()),
        }
    }
}

/// Authenticates a request to a protected resource of this server
/// (`/userinfo`, the admin API) with `method` to `path`: the access token
/// verifies (signature, expiry, revocation); a DPoP-bound token (`cnf.jkt`)
/// only under the `DPoP` scheme with a proof of its key for this request
/// (`ath` included); the `DPoP` scheme only with a DPoP-bound token.
pub async fn authenticate_resource(
    p: &Provider,
    presented: Presented<'_>,
    method: &str,
    path: &str,
) -> Result<AccessClaims, Refusal> {
    let claims = tokens::verify_access_token(p, presented.token)
        .await
        .map_err(|e| Refusal::token(presented.scheme, e))?;
    let bound = claims.cnf.as_ref().map(|c| c.jkt.as_str());
    match (presented.scheme, bound) {
        (Scheme::Bearer, None) => Ok(claims),
        (Scheme::Bearer, Some(_)) => Err(Refusal::Token {
            scheme: Scheme::Dpop,
            description: "the token is DPoP-bound: present it with the DPoP scheme and a proof"
                .into(),
        }),
        (Scheme::Dpop, None) => Err(Refusal::Token {
            scheme: Scheme::Dpop,
            description: "the token is not DPoP-bound: present it with the Bearer scheme".into(),
        }),
        (Scheme::Dpop, Some(jkt)) => {
            let Some(proof) = presented.proof else {
                return Err(Refusal::Proof("a DPoP proof is required".into()));
            };
            let url = format!("{}{path}", p.issuer);
            let verified = verify(
                proof,
                &Expected {
                    method,
                    url: &url,
                    access_token: Some(presented.token),
                    nonce_key: nonce_key(p),
                    now: p.now(),
                },
            )?;
            if !crypto::constant_time_eq(verified.jkt.as_bytes(), jkt.as_bytes()) {
                return Err(Refusal::Proof(
                    "the proof's key is not the one the token is bound to".into(),
                ));
            }
            spend(p, &verified).await?;
            Ok(claims)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::domain::signing_alg::SigningAlg;
    use crate::oidc::keys::SigningKey;

    const URL: &str = "https://op.example/token";
    const NOW: i64 = 1_700_000_000;

    fn key(alg: SigningAlg) -> SigningKey {
        SigningKey::generate(alg).unwrap().0
    }

    fn public(key: &SigningKey) -> Value {
        let mut jwk = key.public_jwk();
        let map = jwk.as_object_mut().unwrap();
        map.remove("kid");
        map.remove("use");
        jwk
    }

    fn proof_with(key: &SigningKey, header: Value, claims: Value) -> String {
        key.sign_jws(&header, &claims).unwrap()
    }

    fn header(key: &SigningKey) -> Value {
        json!({"typ": TYP, "alg": key.alg.as_str(), "jwk": public(key)})
    }

    fn claims() -> Value {
        json!({"jti": "j-1", "htm": "POST", "htu": URL, "iat": NOW})
    }

    fn expected() -> Expected<'static> {
        Expected {
            method: "POST",
            url: URL,
            access_token: None,
            nonce_key: None,
            now: NOW,
        }
    }

    fn refused(proof: &str, expected: &Expected<'_>) -> String {
        match verify(proof, expected) {
            Err(DpopError::Invalid(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_good_proof_verifies_with_each_algorithm_and_names_its_key() {
        for alg in [SigningAlg::ES256, SigningAlg::EdDSA, SigningAlg::RS256] {
            let k = key(alg);
            let proof = proof_with(&k, header(&k), claims());
            let ok = verify(&proof, &expected()).unwrap();
            assert_eq!(ok.jkt, k.thumbprint(), "{alg:?}: RFC 7638 thumbprint");
            assert_eq!(ok.jti, "j-1");
        }
    }

    #[test]
    fn the_header_is_checked() {
        let k = key(SigningAlg::ES256);
        let mut h = header(&k);
        h["typ"] = json!("JWT");
        assert!(refused(&proof_with(&k, h, claims()), &expected()).contains("typ"));
        let mut h = header(&k);
        h.as_object_mut().unwrap().remove("jwk");
        assert!(refused(&proof_with(&k, h, claims()), &expected()).contains("jwk"));
        // A private key in the header is refused.
        let mut h = header(&k);
        h["jwk"]["d"] = json!("AAAA");
        assert!(refused(&proof_with(&k, h, claims()), &expected()).contains("private"));
        // The key of another proof: the signature does not verify.
        let other = key(SigningAlg::ES256);
        let mut h = header(&k);
        h["jwk"] = public(&other);
        assert!(refused(&proof_with(&k, h, claims()), &expected()).contains("signature"));
        // alg none or HS256 are not accepted.
        for alg in ["none", "HS256"] {
            let mut h = header(&k);
            h["alg"] = json!(alg);
            let proof = proof_with(&k, h, claims());
            assert!(refused(&proof, &expected()).contains("alg"), "{alg}");
        }
    }

    #[test]
    fn the_claims_must_fit_the_request() {
        let k = key(SigningAlg::ES256);
        let with = |name: &str, value: Value| {
            let mut c = claims();
            c[name] = value;
            proof_with(&k, header(&k), c)
        };
        let without = |name: &str| {
            let mut c = claims();
            c.as_object_mut().unwrap().remove(name);
            proof_with(&k, header(&k), c)
        };
        for name in ["jti", "htm", "htu", "iat"] {
            refused(&without(name), &expected());
        }
        refused(&with("jti", json!("x".repeat(MAX_JTI + 1))), &expected());
        refused(&with("htm", json!("GET")), &expected());
        refused(
            &with("htu", json!("https://op.example/userinfo")),
            &expected(),
        );
        refused(
            &with("htu", json!("https://evil.example/token")),
            &expected(),
        );
        // Query and fragment are ignored; case of scheme and host too.
        verify(
            &with("htu", json!("HTTPS://OP.example/token?x=1#f")),
            &expected(),
        )
        .unwrap();
        refused(&with("iat", json!(NOW + CLOCK_SKEW + 1)), &expected());
        refused(&with("iat", json!(NOW - PROOF_LIFETIME - 1)), &expected());
        verify(&with("iat", json!(NOW + CLOCK_SKEW)), &expected()).unwrap();
        verify(&with("iat", json!(NOW - PROOF_LIFETIME)), &expected()).unwrap();
    }

    #[test]
    fn ath_binds_the_proof_to_the_access_token() {
        let k = key(SigningAlg::ES256);
        let mut e = expected();
        e.access_token = Some("the-token");
        refused(&proof_with(&k, header(&k), claims()), &e);
        let mut c = claims();
        c["ath"] = json!(access_token_hash("another-token"));
        refused(&proof_with(&k, header(&k), c.clone()), &e);
        c["ath"] = json!(access_token_hash("the-token"));
        verify(&proof_with(&k, header(&k), c), &e).unwrap();
    }

    #[test]
    fn nonces_are_required_when_on_and_last_two_slots() {
        let k = key(SigningAlg::ES256);
        let nonce_key = hmac::Key::new(hmac::HMAC_SHA256, b"a test key of some thirty-two b.");
        let mut e = expected();
        e.nonce_key = Some(&nonce_key);
        assert!(matches!(
            verify(&proof_with(&k, header(&k), claims()), &e),
            Err(DpopError::UseNonce)
        ));
        let with_nonce = |n: String| {
            let mut c = claims();
            c["nonce"] = json!(n);
            proof_with(&k, header(&k), c)
        };
        verify(&with_nonce(nonce(&nonce_key, NOW)), &e).unwrap();
        verify(&with_nonce(nonce(&nonce_key, NOW - NONCE_SLOT)), &e).unwrap();
        assert!(matches!(
            verify(&with_nonce(nonce(&nonce_key, NOW - 2 * NONCE_SLOT)), &e),
            Err(DpopError::UseNonce)
        ));
        assert!(matches!(
            verify(&with_nonce("made-up".into()), &e),
            Err(DpopError::UseNonce)
        ));
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        for junk in [
            "",
            "a.b",
            "a.b.c",
            "a.b.c.d",
            &"x".repeat(MAX_PROOF_BYTES + 1),
        ] {
            refused(junk, &expected());
        }
    }
}
