//! Signing keys: generated on first start, sealed with the master key in the
//! database, cached in memory, rotated on demand, published as a JWKS.
//!
//! Tokens are signed with aws-lc-rs key pairs parsed once and kept; the JWS
//! compact form is assembled here. Verification uses `jsonwebtoken`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RSA_PKCS1_SHA256,
    RsaKeyPair,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Serialize;
use serde_json::json;

use crate::clock::Clock;
use crate::crypto::MasterKey;
use crate::db::{DbError, SigningKeyRecord, SigningKeyRepo};
use crate::domain::signing_alg::SigningAlg;

/// Errors managing keys.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key generation failed")]
    Generate,
    #[error("stored key {0} is unreadable: {1}")]
    Corrupt(String, String),
    #[error("signing failed")]
    Sign,
    #[error("no signing key for {0}")]
    Missing(&'static str),
    #[error(transparent)]
    Seal(#[from] crate::crypto::SealError),
    #[error(transparent)]
    Db(#[from] DbError),
}

enum Pair {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

/// A private key ready to sign.
pub struct SigningKey {
    pub kid: String,
    pub alg: SigningAlg,
    pair: Pair,
    rng: SystemRandom,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({}, {})", self.kid, self.alg.as_str())
    }
}

fn b64(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

impl SigningKey {
    /// Generates a new key; returns it with its PKCS#8 DER.
    pub fn generate(alg: SigningAlg) -> Result<(Self, Vec<u8>), KeyError> {
        let der = match alg {
            SigningAlg::RS256 => {
                let pair =
                    RsaKeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generate)?;
                pair.as_der()
                    .map_err(|_| KeyError::Generate)?
                    .as_ref()
                    .to_vec()
            }
            SigningAlg::ES256 => {
                let pair = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING)
                    .map_err(|_| KeyError::Generate)?;
                pair.to_pkcs8v1()
                    .map_err(|_| KeyError::Generate)?
                    .as_ref()
                    .to_vec()
            }
            SigningAlg::EdDSA => {
                let pair = Ed25519KeyPair::generate().map_err(|_| KeyError::Generate)?;
                pair.to_pkcs8()
                    .map_err(|_| KeyError::Generate)?
                    .as_ref()
                    .to_vec()
            }
        };
        let key = Self::from_pkcs8(String::new(), alg, &der)?;
        let kid = key.thumbprint();
        Ok((Self { kid, ..key }, der))
    }

    /// Loads a key from PKCS#8 DER.
    pub fn from_pkcs8(kid: String, alg: SigningAlg, der: &[u8]) -> Result<Self, KeyError> {
        let corrupt = |e: String| KeyError::Corrupt(kid.clone(), e);
        let pair = match alg {
            SigningAlg::RS256 => {
                Pair::Rsa(RsaKeyPair::from_pkcs8(der).map_err(|e| corrupt(e.to_string()))?)
            }
            SigningAlg::ES256 => Pair::Ec(
                EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der)
                    .map_err(|e| corrupt(e.to_string()))?,
            ),
            SigningAlg::EdDSA => {
                Pair::Ed(Ed25519KeyPair::from_pkcs8(der).map_err(|e| corrupt(e.to_string()))?)
            }
        };
        Ok(Self {
            kid,
            alg,
            pair,
            rng: SystemRandom::new(),
        })
    }

    /// The public key's JWK members (without `kid`, `alg`, `use`).
    fn public_members(&self) -> serde_json::Value {
        match &self.pair {
            Pair::Rsa(p) => {
                let public = p.public_key();
                json!({"kty": "RSA", "n": b64(public.modulus().big_endian_without_leading_zero()),
                       "e": b64(public.exponent().big_endian_without_leading_zero())})
            }
            Pair::Ec(p) => {
                let point = p.public_key().as_ref();
                // Uncompressed SEC1 point: 0x04 || x || y.
                let (x, y) = point
                    .get(1..)
                    .unwrap_or_default()
                    .split_at(32.min(point.len().saturating_sub(1)));
                json!({"kty": "EC", "crv": "P-256", "x": b64(x), "y": b64(y)})
            }
            Pair::Ed(p) => {
                json!({"kty": "OKP", "crv": "Ed25519", "x": b64(p.public_key().as_ref())})
            }
        }
    }

    /// RFC 7638 thumbprint of the public key (the `kid`).
    #[must_use]
    pub fn thumbprint(&self) -> String {
        let m = self.public_members();
        let get = |k: &str| {
            m.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let canonical = match &self.pair {
            Pair::Rsa(_) => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, get("e"), get("n")),
            Pair::Ec(_) => format!(
                r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
                get("x"),
                get("y")
            ),
            Pair::Ed(_) => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, get("x")),
        };
        b64(&crate::crypto::sha256(canonical.as_bytes()))
    }

    /// The public JWK as published.
    #[must_use]
    pub fn public_jwk(&self) -> serde_json::Value {
        let mut jwk = self.public_members();
        if let Some(map) = jwk.as_object_mut() {
            map.insert("kid".into(), json!(self.kid));
            map.insert("alg".into(), json!(self.alg.as_str()));
            map.insert("use".into(), json!("sig"));
        }
        jwk
    }

    /// Signs `claims` as a compact JWS with header `typ`.
    pub fn sign_jwt<T: Serialize>(&self, typ: &str, claims: &T) -> Result<String, KeyError> {
        let header = json!({"alg": self.alg.as_str(), "typ": typ, "kid": self.kid});
        self.sign_jws(&header, claims)
    }

    /// Signs `claims` as a compact JWS with exactly `header` (whose `alg`
    /// must be this key's): for tests and tools that need other headers,
    /// such as a DPoP proof's `jwk`.
    pub fn sign_jws<T: Serialize>(
        &self,
        header: &serde_json::Value,
        claims: &T,
    ) -> Result<String, KeyError> {
        let mut out = b64(header.to_string().as_bytes());
        out.push('.');
        out.push_str(&b64(
            &serde_json::to_vec(claims).map_err(|_| KeyError::Sign)?
        ));
        let signature = self.sign(out.as_bytes())?;
        out.push('.');
        out.push_str(&b64(&signature));
        Ok(out)
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        match &self.pair {
            Pair::Rsa(p) => {
                let mut sig = vec![0u8; p.public_modulus_len()];
                p.sign(&RSA_PKCS1_SHA256, &self.rng, message, &mut sig)
                    .map_err(|_| KeyError::Sign)?;
                Ok(sig)
            }
            Pair::Ec(p) => Ok(p
                .sign(&self.rng, message)
                .map_err(|_| KeyError::Sign)?
                .as_ref()
                .to_vec()),
            Pair::Ed(p) => Ok(p.sign(message).as_ref().to_vec()),
        }
    }
}

/// A public key able to verify tokens.
pub struct VerifyingKey {
    pub alg: Algorithm,
    pub key: DecodingKey,
}

/// Most verified tokens remembered per key set (then it starts afresh).
const VERIFIED_CACHE_MAX: usize = 4096;

/// The keys in force at one moment.
pub struct KeySet {
    signers: HashMap<SigningAlg, Arc<SigningKey>>,
    verifiers: HashMap<String, Arc<VerifyingKey>>,
    jwks: Arc<str>,
    /// Tokens whose signature verified against these keys, with their claims:
    /// resource servers present the same access token again and again, and a
    /// signature check (ES256 above all) costs more than the rest of
    /// userinfo or introspection. Expiry, issuer and revocation are still
    /// checked on every use; a new key set (reload, rotation) starts empty.
    verified: Mutex<HashMap<Box<str>, Arc<serde_json::Value>>>,
}

impl KeySet {
    /// The current signer for `alg`.
    pub fn signer(&self, alg: SigningAlg) -> Result<&Arc<SigningKey>, KeyError> {
        self.signers
            .get(&alg)
            .ok_or(KeyError::Missing(alg.as_str()))
    }

    /// A published key by `kid`.
    #[must_use]
    pub fn verifier(&self, kid: &str) -> Option<&Arc<VerifyingKey>> {
        self.verifiers.get(kid)
    }

    /// The JWKS document, serialized once.
    #[must_use]
    pub fn jwks(&self) -> Arc<str> {
        self.jwks.clone()
    }

    /// Every published `kid`.
    #[must_use]
    pub fn kids(&self) -> Vec<String> {
        self.verifiers.keys().cloned().collect()
    }

    /// The claims of `token` if its signature was verified before.
    #[must_use]
    pub fn verified(&self, token: &str) -> Option<Arc<serde_json::Value>> {
        self.verified.lock().ok()?.get(token).cloned()
    }

    /// Remembers that `token`'s signature verified, with its claims.
    pub fn remember_verified(&self, token: &str, claims: Arc<serde_json::Value>) {
        if let Ok(mut cache) = self.verified.lock() {
            if cache.len() >= VERIFIED_CACHE_MAX {
                cache.clear();
            }
            cache.insert(token.into(), claims);
        }
    }
}

/// A stored signing key as an administrator sees it (never the private key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    pub kid: String,
    pub alg: String,
    pub created_at: i64,
    /// When a newer key of its algorithm took over signing.
    pub retired_at: Option<i64>,
    /// It signs new tokens of its algorithm now (on this instance).
    pub signing: bool,
    /// It is in `/jwks` now (on this instance): active, or retired for less
    /// than the longest token lifetime.
    pub published: bool,
}

/// Owns the signing keys and keeps the in-memory set fresh.
pub struct KeyManager {
    repo: Arc<dyn SigningKeyRepo>,
    master: MasterKey,
    clock: Arc<dyn Clock>,
    /// How long a retired key stays published (the longest token lifetime).
    publish_retired_for: i64,
    current: RwLock<Arc<KeySet>>,
}

fn alg_to_jwt(alg: SigningAlg) -> Algorithm {
    match alg {
        SigningAlg::RS256 => Algorithm::RS256,
        SigningAlg::ES256 => Algorithm::ES256,
        SigningAlg::EdDSA => Algorithm::EdDSA,
    }
}

impl KeyManager {
    /// The master key, for sealing self-contained records (authorization codes).
    #[must_use]
    pub fn master(&self) -> &MasterKey {
        &self.master
    }

    /// Loads the stored keys, generating one per algorithm where none is
    /// active (first start).
    pub async fn load_or_init(
        repo: Arc<dyn SigningKeyRepo>,
        master: MasterKey,
        clock: Arc<dyn Clock>,
        publish_retired_for: i64,
    ) -> Result<Self, KeyError> {
        let manager = Self {
            repo,
            master,
            clock,
            publish_retired_for,
            current: RwLock::new(Arc::new(KeySet {
                signers: HashMap::new(),
                verifiers: HashMap::new(),
                jwks: Arc::from("{\"keys\":[]}"),
                verified: Mutex::default(),
            })),
        };
        let records = manager.repo.list().await?;
        manager.reseal_legacy(&records).await?;
        for alg in SigningAlg::ALL {
            let active = records
                .iter()
                .any(|r| r.alg == alg.as_str() && r.retired_at.is_none());
            if !active {
                manager.add_key(alg).await?;
            }
        }
        manager.reload().await?;
        Ok(manager)
    }

    /// Re-seals, under the derived signing-key key, every stored key that
    /// an earlier version sealed under the raw master key (an upgrade loses
    /// nothing, and afterwards the raw key seals nothing in the database).
    async fn reseal_legacy(&self, records: &[SigningKeyRecord]) -> Result<(), KeyError> {
        for record in records {
            let opened = self.master.open(&record.kid, &record.private_key)?;
            if opened.legacy {
                let sealed = self.master.seal(&record.kid, &opened.plaintext)?;
                self.repo.reseal(&record.kid, &sealed).await?;
                tracing::info!(kid = %record.kid, "signing key re-sealed under the derived key");
            }
        }
        Ok(())
    }

    async fn add_key(&self, alg: SigningAlg) -> Result<String, KeyError> {
        let (key, der) =
            crate::telemetry::spawn_blocking_in_span(move || SigningKey::generate(alg))
                .await
                .map_err(|_| KeyError::Generate)??;
        let record = SigningKeyRecord {
            kid: key.kid.clone(),
            alg: alg.as_str().to_owned(),
            private_key: self.master.seal(&key.kid, &der)?,
            public_jwk: key.public_jwk().to_string(),
            created_at: self.clock.now(),
            retired_at: None,
        };
        self.repo.insert(&record).await?;
        Ok(key.kid)
    }

    /// Adds a new key for `alg` that becomes the signer; older keys of that
    /// algorithm stay published until every token they signed has expired.
    pub async fn rotate(&self, alg: SigningAlg) -> Result<String, KeyError> {
        let kid = self.add_key(alg).await?;
        self.repo
            .retire_others(alg.as_str(), &kid, self.clock.now())
            .await?;
        self.reload().await?;
        Ok(kid)
    }

    /// Re-reads the keys from the database (picks up rotations made elsewhere).
    pub async fn reload(&self) -> Result<(), KeyError> {
        let now = self.clock.now();
        let records = self.repo.list().await?;
        let mut signers = HashMap::new();
        let mut verifiers = HashMap::new();
        let mut published = Vec::new();
        for record in &records {
            let Some(alg) = SigningAlg::parse(&record.alg) else {
                continue;
            };
            let live = record
                .retired_at
                .is_none_or(|at| at + self.publish_retired_for > now);
            if !live {
                continue;
            }
            let jwk: serde_json::Value = serde_json::from_str(&record.public_jwk)
                .map_err(|e| KeyError::Corrupt(record.kid.clone(), e.to_string()))?;
            let parsed: jsonwebtoken::jwk::Jwk = serde_json::from_value(jwk.clone())
                .map_err(|e| KeyError::Corrupt(record.kid.clone(), e.to_string()))?;
            let decoding = DecodingKey::from_jwk(&parsed)
                .map_err(|e| KeyError::Corrupt(record.kid.clone(), e.to_string()))?;
            verifiers.insert(
                record.kid.clone(),
                Arc::new(VerifyingKey {
                    alg: alg_to_jwt(alg),
                    key: decoding,
                }),
            );
            published.push(jwk);
            if record.retired_at.is_none() {
                // Records are ordered by creation: the newest active key wins.
                let der = self.master.open(&record.kid, &record.private_key)?;
                let key = SigningKey::from_pkcs8(record.kid.clone(), alg, &der.plaintext)?;
                signers.insert(alg, Arc::new(key));
            }
        }
        let jwks = json!({ "keys": published }).to_string();
        let set = KeySet {
            signers,
            verifiers,
            jwks: Arc::from(jwks),
            verified: Mutex::default(),
        };
        if let Ok(mut guard) = self.current.write() {
            *guard = Arc::new(set);
        }
        Ok(())
    }

    /// The keys in force now.
    #[must_use]
    pub fn current(&self) -> Arc<KeySet> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Every stored key, oldest first, after re-reading them (so a rotation
    /// made elsewhere shows, and is in force here, at once).
    pub async fn list(&self) -> Result<Vec<KeyInfo>, KeyError> {
        self.reload().await?;
        let set = self.current();
        let records = self.repo.list().await?;
        Ok(records
            .into_iter()
            .map(|r| {
                let signing = SigningAlg::parse(&r.alg)
                    .and_then(|alg| set.signer(alg).ok())
                    .is_some_and(|k| k.kid == r.kid);
                KeyInfo {
                    published: set.verifier(&r.kid).is_some(),
                    signing,
                    kid: r.kid,
                    alg: r.alg,
                    created_at: r.created_at,
                    retired_at: r.retired_at,
                }
            })
            .collect())
    }

    /// Deletes retired keys that no longer need publishing.
    pub async fn prune(&self) -> Result<u64, KeyError> {
        let cutoff = self.clock.now() - self.publish_retired_for;
        Ok(self.repo.delete_retired_before(cutoff).await?)
    }
}
