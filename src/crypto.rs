//! Small cryptographic helpers: random tokens, hashes of bearer secrets,
//! constant-time comparison, and the master key that seals signing keys.

use aws_lc_rs::aead::{
    AES_256_GCM, AES_256_GCM_SIV, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey,
};
use aws_lc_rs::{hkdf, hmac};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A fresh random secret of `bytes` bytes, base64url without padding.
#[must_use]
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A random bearer secret (256 bits).
#[must_use]
pub fn new_secret() -> String {
    random_token(32)
}

/// A random non-secret identifier (128 bits).
#[must_use]
pub fn new_id() -> String {
    random_token(16)
}

/// SHA-256 of a high-entropy bearer secret, base64url: what is stored at rest.
/// (Secrets of 256 random bits need no slow password hash.)
#[must_use]
pub fn hash_secret(secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

/// SHA-256 as raw bytes.
#[must_use]
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Compares two byte strings in time independent of where they differ.
#[must_use]
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// Checks a presented secret against its stored hash in constant time.
#[must_use]
pub fn verify_secret(presented: &str, stored_hash: &str) -> bool {
    constant_time_eq(hash_secret(presented).as_bytes(), stored_hash.as_bytes())
}

/// Errors sealing or opening with the master key.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the master key does not open this data (wrong LATCHKEY_MASTER_KEY?)")]
    Open,
    #[error("encryption failed")]
    Seal,
}

/// The master key, never used directly: each purpose has its own key,
/// derived from it with HKDF-SHA256 under a distinct info label, so no two
/// purposes ever share key material.
///
/// | purpose | derived key | info label |
/// |---|---|---|
/// | signing keys at rest | AES-256-GCM | `latchkey signing keys v1` |
/// | self-contained records (authorization codes) | AES-256-GCM-SIV | `latchkey records v1` |
/// | unknown usernames in the audit log | HMAC-SHA256 | `latchkey audit usernames v1` |
/// | device cookies (sign-in lockout) | HMAC-SHA256 | `latchkey device cookies v1` |
/// | second-factor secrets (TOTP), bound to the userid | AES-256-GCM-SIV | `latchkey second factors v1` |
/// | secrets of `client_secret_jwt` clients | AES-256-GCM | `latchkey client secrets v1` |
///
/// Signing keys stored by earlier versions were sealed under the raw key;
/// [`MasterKey::open`] still opens them and says so, and the key manager
/// re-seals them under the derived key at startup.
pub struct MasterKey {
    /// AES-256-GCM under the derived signing-key key.
    signing_keys: LessSafeKey,
    /// AES-256-GCM-SIV under the derived records key: nonce-misuse
    /// resistant, so random nonces stay safe however many records are
    /// sealed (plain GCM with random nonces is limited to about 2^32
    /// messages per key, which a busy token endpoint could reach).
    records: LessSafeKey,
    /// AES-256-GCM-SIV under the derived second-factor key: seals TOTP
    /// secrets at rest, the userid bound as associated data.
    second_factors: LessSafeKey,
    /// HMAC-SHA256 under HKDF-SHA256(master, "latchkey device cookies v1"):
    /// signs the device cookies of [`crate::auth::device`].
    device: hmac::Key,
    /// HMAC-SHA256 under HKDF-SHA256(master, "latchkey dpop nonces v1"):
    /// makes the stateless DPoP nonces of [`crate::oidc::dpop`].
    dpop_nonces: hmac::Key,
    /// HMAC-SHA256 key for correlating, not revealing, audit usernames.
    audit: aws_lc_rs::hmac::Key,
    /// AES-256-GCM under the derived client-secret key: the secrets of
    /// `client_secret_jwt` clients, which the server must be able to read
    /// to verify their HMAC assertions.
    client_secrets: LessSafeKey,
    /// The raw key as AES-256-GCM: only to open signing keys sealed by
    /// earlier versions; nothing is sealed under it any more.
    legacy: LessSafeKey,
}

/// HKDF info labels of the derived keys (one per purpose; never reused).
const SIGNING_KEYS_INFO: &[u8] = b"latchkey signing keys v1";
const RECORDS_INFO: &[u8] = b"latchkey records v1";
const AUDIT_INFO: &[u8] = b"latchkey audit usernames v1";
const DEVICE_INFO: &[u8] = b"latchkey device cookies v1";
const SECOND_FACTORS_INFO: &[u8] = b"latchkey second factors v1";
const CLIENT_SECRETS_INFO: &[u8] = b"latchkey client secrets v1";
const DPOP_NONCES_INFO: &[u8] = b"latchkey dpop nonces v1";

/// Length of an HMAC-SHA256 key derived by HKDF.
struct HmacKeyLen;

impl hkdf::KeyType for HmacKeyLen {
    fn len(&self) -> usize {
        32
    }
}

/// What [`MasterKey::open`] found.
#[derive(Debug)]
pub struct Opened {
    /// The plaintext.
    pub plaintext: Vec<u8>,
    /// The data was sealed under the raw master key by an earlier version;
    /// it should be sealed again with [`MasterKey::seal`].
    pub legacy: bool,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    /// Parses base64 (standard or url-safe) of exactly 32 bytes.
    #[must_use]
    pub fn decode(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes = STANDARD
            .decode(text)
            .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
            .ok()?;
        if bytes.len() != 32 {
            return None;
        }
        let legacy = UnboundKey::new(&AES_256_GCM, &bytes).ok()?;
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, b"latchkey master key").extract(&bytes);
        let signing_keys = UnboundKey::from(prk.expand(&[SIGNING_KEYS_INFO], &AES_256_GCM).ok()?);
        let records = UnboundKey::from(prk.expand(&[RECORDS_INFO], &AES_256_GCM_SIV).ok()?);
        let second_factors =
            UnboundKey::from(prk.expand(&[SECOND_FACTORS_INFO], &AES_256_GCM_SIV).ok()?);
        let mut audit = [0u8; 32];
        prk.expand(&[AUDIT_INFO], HmacKeyLen)
            .ok()?
            .fill(&mut audit)
            .ok()?;
        let device = hmac::Key::from(prk.expand(&[DEVICE_INFO], hmac::HMAC_SHA256).ok()?);
        let dpop_nonces = hmac::Key::from(prk.expand(&[DPOP_NONCES_INFO], hmac::HMAC_SHA256).ok()?);
        let client_secrets =
            UnboundKey::from(prk.expand(&[CLIENT_SECRETS_INFO], &AES_256_GCM).ok()?);
        Some(Self {
            signing_keys: LessSafeKey::new(signing_keys),
            records: LessSafeKey::new(records),
            second_factors: LessSafeKey::new(second_factors),
            device,
            dpop_nonces,
            audit: aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &audit),
            client_secrets: LessSafeKey::new(client_secrets),
            legacy: LessSafeKey::new(legacy),
        })
    }

    /// A new random key, returned with its base64 text.
    #[must_use]
    pub fn generate() -> (Self, String) {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let text = STANDARD.encode(bytes);
        match Self::decode(&text) {
            Some(key) => (key, text),
            // 32 bytes always make an AES-256 key.
            None => unreachable!("32 random bytes are a valid AES-256 key"),
        }
    }

    /// Encrypts a signing key under the derived signing-key key; `context`
    /// is bound as associated data.
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
        seal_with(&self.signing_keys, context, plaintext)
    }

    /// Seals a self-contained record (see the `records` field); `context`
    /// is bound as associated data. The result is URL-safe base64.
    pub fn seal_record(&self, context: &str, plaintext: &[u8]) -> Result<String, SealError> {
        Ok(URL_SAFE_NO_PAD.encode(seal_with(&self.records, context, plaintext)?))
    }

    /// Opens what [`MasterKey::seal_record`] produced with the same
    /// `context`; anything else (altered, truncated, not base64) fails.
    pub fn open_record(&self, context: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let sealed = URL_SAFE_NO_PAD
            .decode(sealed)
            .map_err(|_| SealError::Open)?;
        open_with(&self.records, context, &sealed)
    }

    /// Seals a second-factor secret of `userid` under the derived
    /// second-factor key, the userid bound as associated data: the result
    /// (URL-safe base64) opens only for the same user.
    pub fn seal_second_factor(&self, userid: &str, secret: &[u8]) -> Result<String, SealError> {
        Ok(URL_SAFE_NO_PAD.encode(seal_with(&self.second_factors, userid, secret)?))
    }

    /// Opens what [`MasterKey::seal_second_factor`] sealed for `userid`;
    /// anything else (another user's, altered, not base64) fails.
    pub fn open_second_factor(&self, userid: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let sealed = URL_SAFE_NO_PAD
            .decode(sealed)
            .map_err(|_| SealError::Open)?;
        open_with(&self.second_factors, userid, &sealed)
    }

    /// Seals the secret of a `client_secret_jwt` client (bound to its
    /// client id); URL-safe base64.
    pub fn seal_client_secret(&self, client_id: &str, secret: &str) -> Result<String, SealError> {
        let sealed = seal_with(&self.client_secrets, client_id, secret.as_bytes())?;
        Ok(URL_SAFE_NO_PAD.encode(sealed))
    }

    /// Opens what [`MasterKey::seal_client_secret`] sealed for `client_id`.
    pub fn open_client_secret(&self, client_id: &str, sealed: &str) -> Result<String, SealError> {
        let sealed = URL_SAFE_NO_PAD
            .decode(sealed)
            .map_err(|_| SealError::Open)?;
        let plain = open_with(&self.client_secrets, client_id, &sealed)?;
        String::from_utf8(plain).map_err(|_| SealError::Open)
    }

    /// The key that signs device cookies (derived; never the master key itself).
    #[must_use]
    pub fn device_key(&self) -> &hmac::Key {
        &self.device
    }

    /// The key that makes DPoP nonces (derived; never the master key itself).
    #[must_use]
    pub fn dpop_nonce_key(&self) -> &hmac::Key {
        &self.dpop_nonces
    }

    /// Decrypts what [`MasterKey::seal`] produced with the same `context`,
    /// or what an earlier version sealed under the raw master key (then
    /// [`Opened::legacy`] is set).
    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Opened, SealError> {
        match open_with(&self.signing_keys, context, sealed) {
            Ok(plaintext) => Ok(Opened {
                plaintext,
                legacy: false,
            }),
            Err(_) => open_with(&self.legacy, context, sealed).map(|plaintext| Opened {
                plaintext,
                legacy: true,
            }),
        }
    }

    /// A keyed hash of `text` (HMAC-SHA256 under the derived audit key,
    /// base64url): equal texts give equal tags, and a tag cannot be read
    /// back without the master key. Used for unknown usernames in the
    /// audit log, which are often mistyped passwords.
    #[must_use]
    pub fn audit_tag(&self, text: &str) -> String {
        let tag = aws_lc_rs::hmac::sign(&self.audit, text.as_bytes());
        URL_SAFE_NO_PAD.encode(&tag.as_ref()[..16])
    }
}

impl MasterKey {
    /// The keyed hash under which a device flow's user code is stored
    /// (HMAC-SHA256 under the derived audit key, with its own prefix so
    /// its tags never equal an audit tag). A user code has about 35 bits:
    /// a plain hash of it would be reversed from a copy of the database
    /// in seconds, a keyed one not without the master key.
    #[must_use]
    pub fn user_code_tag(&self, normalized: &str) -> String {
        self.audit_tag(&format!("device-user-code\u{0}{normalized}"))
    }
}

/// `nonce || ciphertext || tag` of `plaintext` under `key`, with a fresh
/// random nonce and `context` as associated data.
fn seal_with(key: &LessSafeKey, context: &str, plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let mut data = plaintext.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(context.as_bytes()),
        &mut data,
    )
    .map_err(|_| SealError::Seal)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&data);
    Ok(out)
}

/// Opens what [`seal_with`] produced under the same key and `context`.
fn open_with(key: &LessSafeKey, context: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
    if sealed.len() < NONCE_LEN {
        return Err(SealError::Open);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SealError::Open)?;
    let mut data = body.to_vec();
    let plain = key
        .open_in_place(nonce, Aad::from(context.as_bytes()), &mut data)
        .map_err(|_| SealError::Open)?;
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_records_round_trip_and_refuse_tampering() {
        let (key, text) = MasterKey::generate();
        let sealed = key.seal_record("code", b"grant-1").unwrap();
        assert_eq!(key.open_record("code", &sealed).unwrap(), b"grant-1");
        assert!(key.open_record("other", &sealed).is_err());
        let again = MasterKey::decode(&text).unwrap();
        assert_eq!(again.open_record("code", &sealed).unwrap(), b"grant-1");
        let (other, _) = MasterKey::generate();
        assert!(other.open_record("code", &sealed).is_err());
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(
            key.open_record("code", &URL_SAFE_NO_PAD.encode(bytes))
                .is_err()
        );
        assert!(key.open_record("code", "not base64!").is_err());
        assert!(key.open_record("code", "").is_err());
        // The records key is not the signing-key key.
        assert!(
            key.open("code", &URL_SAFE_NO_PAD.decode(&sealed).unwrap())
                .is_err()
        );
    }

    #[test]
    fn second_factor_secrets_open_only_for_their_user_under_their_own_key() {
        let (key, text) = MasterKey::generate();
        let sealed = key
            .seal_second_factor("lusab-babad", b"totp secret")
            .unwrap();
        assert_eq!(
            key.open_second_factor("lusab-babad", &sealed).unwrap(),
            b"totp secret"
        );
        // Copied to another user's row, it does not open.
        assert!(key.open_second_factor("gutih-tugad", &sealed).is_err());
        let again = MasterKey::decode(&text).unwrap();
        assert_eq!(
            again.open_second_factor("lusab-babad", &sealed).unwrap(),
            b"totp secret"
        );
        let (other, _) = MasterKey::generate();
        assert!(other.open_second_factor("lusab-babad", &sealed).is_err());
        // Not the records key, nor the raw key, nor the signing-key key.
        assert!(key.open_record("lusab-babad", &sealed).is_err());
        let raw = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM_SIV, &STANDARD.decode(&text).unwrap()).unwrap(),
        );
        let bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        assert!(open_with(&raw, "lusab-babad", &bytes).is_err());
        assert!(key.open("lusab-babad", &bytes).is_err());
        let record = key.seal_record("lusab-babad", b"totp secret").unwrap();
        assert!(key.open_second_factor("lusab-babad", &record).is_err());
        assert!(
            key.open_second_factor("lusab-babad", "not base64!")
                .is_err()
        );
    }

    #[test]
    fn seal_round_trip_and_context_binding() {
        let (key, text) = MasterKey::generate();
        let sealed = key.seal("kid-1", b"secret").unwrap();
        assert_eq!(key.open("kid-1", &sealed).unwrap().plaintext, b"secret");
        assert!(key.open("kid-2", &sealed).is_err());
        let again = MasterKey::decode(&text).unwrap();
        assert_eq!(again.open("kid-1", &sealed).unwrap().plaintext, b"secret");
        let (other, _) = MasterKey::generate();
        assert!(other.open("kid-1", &sealed).is_err());
    }

    /// What versions before per-purpose keys did: AES-256-GCM under the raw key.
    fn seal_the_old_way(text: &str, context: &str, plaintext: &[u8]) -> Vec<u8> {
        let raw = STANDARD.decode(text).unwrap();
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &raw).unwrap());
        seal_with(&key, context, plaintext).unwrap()
    }

    #[test]
    fn signing_keys_sealed_under_the_raw_key_still_open_and_say_so() {
        let (key, text) = MasterKey::generate();
        let old = seal_the_old_way(&text, "kid-1", b"secret");
        let opened = key.open("kid-1", &old).unwrap();
        assert_eq!(opened.plaintext, b"secret");
        assert!(opened.legacy);
        assert!(key.open("kid-2", &old).is_err());
        let new = key.seal("kid-1", b"secret").unwrap();
        assert!(!key.open("kid-1", &new).unwrap().legacy);
    }

    #[test]
    fn no_purpose_uses_the_raw_key() {
        let (key, text) = MasterKey::generate();
        let raw = STANDARD.decode(&text).unwrap();
        let raw_key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &raw).unwrap());
        // A signing key sealed now does not open under the raw key...
        let sealed = key.seal("kid-1", b"secret").unwrap();
        assert!(open_with(&raw_key, "kid-1", &sealed).is_err());
        // ...nor under the records key, and records do not open as signing keys.
        assert!(open_with(&key.records, "kid-1", &sealed).is_err());
        let record = URL_SAFE_NO_PAD
            .decode(key.seal_record("kid-1", b"secret").unwrap())
            .unwrap();
        assert!(open_with(&key.signing_keys, "kid-1", &record).is_err());
        // The audit tag is not a plain HMAC under the raw key.
        let raw_hmac = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &raw);
        let plain = aws_lc_rs::hmac::sign(&raw_hmac, b"alice");
        assert_ne!(
            key.audit_tag("alice"),
            URL_SAFE_NO_PAD.encode(&plain.as_ref()[..16])
        );
    }

    #[test]
    fn client_secrets_seal_under_their_own_key_bound_to_the_client() {
        let (key, text) = MasterKey::generate();
        let sealed = key.seal_client_secret("c1", "s3cret").unwrap();
        assert!(!sealed.contains("s3cret"));
        assert_eq!(key.open_client_secret("c1", &sealed).unwrap(), "s3cret");
        assert_eq!(
            MasterKey::decode(&text)
                .unwrap()
                .open_client_secret("c1", &sealed)
                .unwrap(),
            "s3cret"
        );
        assert!(key.open_client_secret("c2", &sealed).is_err());
        let (other, _) = MasterKey::generate();
        assert!(other.open_client_secret("c1", &sealed).is_err());
        // Not the signing-key key, not the records key.
        let raw = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        assert!(key.open("c1", &raw).is_err());
        assert!(key.open_record("c1", &sealed).is_err());
        assert!(key.open_client_secret("c1", "not base64!").is_err());
    }

    #[test]
    fn audit_tags_correlate_without_revealing() {
        let (key, text) = MasterKey::generate();
        let tag = key.audit_tag("hunter2-typed-as-username");
        assert_eq!(
            tag,
            MasterKey::decode(&text)
                .unwrap()
                .audit_tag("hunter2-typed-as-username")
        );
        assert_ne!(tag, key.audit_tag("hunter3-typed-as-username"));
        assert!(!tag.contains("hunter"));
        let (other, _) = MasterKey::generate();
        assert_ne!(tag, other.audit_tag("hunter2-typed-as-username"));
    }

    #[test]
    fn secrets_verify_by_hash() {
        let s = new_secret();
        assert!(verify_secret(&s, &hash_secret(&s)));
        assert!(!verify_secret("nope", &hash_secret(&s)));
        assert_eq!(MasterKey::decode("c2hvcnQ=").map(|_| ()), None);
    }
}
