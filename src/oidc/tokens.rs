//! Access tokens (RFC 9068 JWTs) and ID tokens: minting and verification.
//!
//! An access token's `jti` is `<grant_id>.<random>`: revoking a grant (every
//! token from one code or refresh family) or a single token is one row in
//! the revocation table, checked by userinfo and introspection.

use std::collections::BTreeMap;
use tracing::Instrument;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::keys::{KeyError, KeyManager};
use crate::db::{DbError, RevocationRepo, app_revocation_key};
use crate::domain::signing_alg::SigningAlg;

/// The `typ` header of access tokens (RFC 9068).
pub const ACCESS_TOKEN_TYP: &str = "at+jwt";

/// The `aud` of an access token: one name (serialized as a string) or
/// several (an array), RFC 7519 §4.1.3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience(pub Vec<String>);

impl Audience {
    /// Whether `name` is one of the audiences.
    #[must_use]
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|a| a == name)
    }
}

impl Serialize for Audience {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(a) => Self(vec![a]),
            OneOrMany::Many(a) => Self(a),
        })
    }
}

/// Claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    /// The user's userid, or the client id for client credentials.
    pub sub: String,
    /// The client, plus the admin API for tokens with an internal scope.
    pub aud: Audience,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
    pub client_id: String,
    pub scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amr: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The user claims a `claims` request parameter asked for in userinfo
    /// (its `userinfo` member), for the userinfo endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userinfo_claims: Option<BTreeMap<String, super::claims::ClaimRequest>>,
    /// The key the token is bound to (RFC 9449 §6.1: `cnf.jkt`), when it
    /// was issued for a DPoP proof.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnf: Option<Confirmation>,
}

/// The confirmation claim of a DPoP-bound token (RFC 7800, RFC 9449 §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// The RFC 7638 thumbprint of the DPoP key.
    pub jkt: String,
}

impl AccessClaims {
    /// The grant this token belongs to.
    #[must_use]
    pub fn grant_id(&self) -> &str {
        self.jti
            .split_once('.')
            .map_or(self.jti.as_str(), |(g, _)| g)
    }

    /// Whether the token carries `scope`.
    #[must_use]
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split(' ').any(|s| s == scope)
    }

    /// The token type to name in token and introspection responses:
    /// `DPoP` for a DPoP-bound token, else `Bearer`.
    #[must_use]
    pub fn token_type(&self) -> &'static str {
        if self.cnf.is_some() { "DPoP" } else { "Bearer" }
    }

    /// Whether the subject is a user (not a client acting for itself).
    #[must_use]
    pub fn is_user(&self) -> bool {
        self.auth_time.is_some()
    }
}

/// Why a presented token was refused.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's signature does not verify")]
    Signature,
    #[error("the token was not issued here")]
    Issuer,
    #[error("the token has expired")]
    Expired,
    #[error("the token has been revoked")]
    Revoked,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Key(#[from] KeyError),
}

impl TokenError {
    /// Whether the token could not be checked (storage or key failure), as
    /// opposed to being refused: such errors are the server's, not the caller's.
    #[must_use]
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Db(_) | Self::Key(_))
    }
}

/// A fresh `jti` within a grant.
#[must_use]
pub fn new_jti(grant_id: &str) -> String {
    format!("{grant_id}.{}", crate::crypto::random_token(12))
}

/// Signs claims with the current key for `alg`. RSA (about 0.3 ms of CPU)
/// runs on the CPU pool; ES256 and EdDSA (tens of µs) run in place. In
/// traces, a `jwt.sign` span (algorithm and `typ`, never the claims).
pub async fn sign<T: Serialize + Send + 'static>(
    keys: &KeyManager,
    alg: SigningAlg,
    typ: &'static str,
    claims: T,
) -> Result<String, KeyError> {
    let span =
        tracing::info_span!(target: "otel", "jwt.sign", jwt.alg = alg.as_str(), jwt.typ = typ);
    let key = keys.current().signer(alg)?.clone();
    if alg == SigningAlg::RS256 {
        crate::cpu::run(move || key.sign_jwt(typ, &claims))
            .instrument(span)
            .await
            .map_err(|_| KeyError::Sign)?
    } else {
        span.in_scope(|| key.sign_jwt(typ, &claims))
    }
}

/// Signs an access token. A user's token is remembered as verified: a
/// relying party presents it at userinfo right away, and that first check
/// then needs no signature verification. (Client-credentials tokens go to
/// other resource servers, so remembering them would only take memory.)
pub async fn sign_access(
    keys: &KeyManager,
    alg: SigningAlg,
    claims: AccessClaims,
) -> Result<String, KeyError> {
    let set = keys.current();
    let remembered = claims
        .is_user()
        .then(|| serde_json::to_value(&claims).ok())
        .flatten();
    let token = sign(keys, alg, ACCESS_TOKEN_TYP, claims).await?;
    if let Some(value) = remembered {
        set.remember_verified(&token, std::sync::Arc::new(value));
    }
    Ok(token)
}

/// `at_hash` for an ID token signed with `alg`: the left half of the
/// access token's hash (SHA-256 for RS256 and ES256, SHA-512 for Ed25519).
#[must_use]
pub fn at_hash_for(access_token: &str, alg: SigningAlg) -> String {
    use sha2::Digest;
    match alg {
        SigningAlg::EdDSA => {
            let digest = sha2::Sha512::digest(access_token.as_bytes());
            URL_SAFE_NO_PAD.encode(&digest[..32])
        }
        _ => {
            let digest = crate::crypto::sha256(access_token.as_bytes());
            URL_SAFE_NO_PAD.encode(&digest[..16])
        }
    }
}

#[derive(Deserialize)]
struct Header {
    kid: Option<String>,
    typ: Option<String>,
    alg: Option<String>,
}

/// Verifies a JWT we issued: signature against a published key, issuer,
/// and (unless `allow_expired`) expiry by our clock. Returns its claims.
pub fn verify_jwt<T: serde::de::DeserializeOwned>(
    keys: &KeyManager,
    issuer: &str,
    token: &str,
    expected_typ: Option<&str>,
    now: i64,
    allow_expired: bool,
) -> Result<T, TokenError> {
    let header_b64 = token.split('.').next().ok_or(TokenError::Malformed)?;
    let header: Header = URL_SAFE_NO_PAD
        .decode(header_b64)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(TokenError::Malformed)?;
    if let Some(typ) = expected_typ {
        let got = header
            .typ
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if got != typ && got != format!("application/{typ}") {
            return Err(TokenError::Malformed);
        }
    }
    let kid = header.kid.ok_or(TokenError::Malformed)?;
    let set = keys.current();
    let claims = match set.verified(token) {
        Some(claims) => claims,
        None => {
            let key = set.verifier(&kid).ok_or(TokenError::Signature)?;
            if header.alg.as_deref() != Some(alg_name(key.alg)) {
                return Err(TokenError::Signature);
            }
            let mut validation = jsonwebtoken::Validation::new(key.alg);
            validation.validate_exp = false;
            validation.validate_aud = false;
            validation.required_spec_claims.clear();
            let data = jsonwebtoken::decode::<serde_json::Value>(token, &key.key, &validation)
                .map_err(|e| match e.kind() {
                    jsonwebtoken::errors::ErrorKind::InvalidSignature => TokenError::Signature,
                    _ => TokenError::Malformed,
                })?;
            let claims = std::sync::Arc::new(data.claims);
            set.remember_verified(token, claims.clone());
            claims
        }
    };
    if claims.get("iss").and_then(|v| v.as_str()) != Some(issuer) {
        return Err(TokenError::Issuer);
    }
    let exp = claims
        .get("exp")
        .and_then(serde_json::Value::as_i64)
        .ok_or(TokenError::Malformed)?;
    if !allow_expired && exp <= now {
        return Err(TokenError::Expired);
    }
    T::deserialize(&*claims).map_err(|_| TokenError::Malformed)
}

fn alg_name(alg: jsonwebtoken::Algorithm) -> &'static str {
    match alg {
        jsonwebtoken::Algorithm::ES256 => "ES256",
        jsonwebtoken::Algorithm::EdDSA => "EdDSA",
        _ => "RS256",
    }
}

/// Verifies an access token: signature, issuer, expiry, and revocation.
pub async fn verify_access(
    keys: &KeyManager,
    revocations: &dyn RevocationRepo,
    issuer: &str,
    token: &str,
    now: i64,
) -> Result<AccessClaims, TokenError> {
    let claims: AccessClaims = verify_jwt(keys, issuer, token, Some(ACCESS_TOKEN_TYP), now, false)?;
    if revocations
        .is_revoked(claims.grant_id(), &claims.jti)
        .await?
    {
        return Err(TokenError::Revoked);
    }
    // Tokens of a user (they carry auth_time) issued before the user's
    // password change, recovery, disabling or deletion.
    if claims.auth_time.is_some()
        && let Some(before) = revocations.user_revoked_before(&claims.sub).await?
        && claims.iat < before
    {
        return Err(TokenError::Revoked);
    }
    // Tokens of a user at a client issued before the user withdrew it on
    // the account page.
    if claims.auth_time.is_some()
        && let Some(before) = revocations
            .user_revoked_before(&app_revocation_key(&claims.sub, &claims.client_id))
            .await?
        && claims.iat < before
    {
        return Err(TokenError::Revoked);
    }
    Ok(claims)
}

/// Verifies an access token presented to this server (admin API, userinfo).
pub async fn verify_access_token(
    provider: &super::provider::Provider,
    token: &str,
) -> Result<AccessClaims, TokenError> {
    verify_access(
        &provider.keys,
        provider.repos.revocations.as_ref(),
        &provider.issuer,
        token,
        provider.now(),
    )
    .await
}

/// Claims of an ID token; scope claims are flattened in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub auth_time: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    pub azp: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hash: Option<String>,
    #[serde(default)]
    pub amr: Vec<String>,
    #[serde(default)]
    pub acr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}
