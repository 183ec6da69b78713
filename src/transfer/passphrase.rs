//! The encrypted section of an export: a key derived from the operator's
//! passphrase with argon2id (parameters and salt stored beside the
//! ciphertext), AES-256-GCM over the section, the rest of the document
//! bound as associated data (so with a passphrase, the whole document is
//! tamper-evident).

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The key derivation an export was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    /// Always `argon2id`.
    pub alg: String,
    /// Memory in KiB.
    pub m_cost: u32,
    /// Passes.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
    /// Base64 of the random salt.
    pub salt: String,
}

/// The encrypted section as it appears in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Encrypted {
    pub kdf: Kdf,
    /// Always `A256GCM`.
    pub cipher: String,
    /// Base64 of the 96-bit nonce.
    pub nonce: String,
    /// Base64 of the ciphertext and tag.
    pub ciphertext: String,
}

/// Parameters of new exports: argon2id with 64 MiB, 3 passes, 1 lane
/// (stronger than the password hashes of sign-in, which run per request:
/// an export is made once, and is an offline target).
const M_COST: u32 = 64 * 1024;
const T_COST: u32 = 3;
const P_COST: u32 = 1;

/// Bounds on the parameters an import accepts, so a hostile document can
/// neither make the import spend gigabytes nor ask for a toy derivation.
const M_RANGE: std::ops::RangeInclusive<u32> = 19 * 1024..=1024 * 1024;
const T_RANGE: std::ops::RangeInclusive<u32> = 1..=16;
const P_RANGE: std::ops::RangeInclusive<u32> = 1..=16;

/// The shortest passphrase an export accepts.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Why the encrypted section could not be made or opened.
#[derive(Debug, thiserror::Error)]
pub enum PassphraseError {
    #[error("the passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters")]
    TooShort,
    #[error(
        "the passphrase does not open the encrypted section (a wrong passphrase, or the document was changed after export)"
    )]
    Open,
    #[error("the encrypted section is malformed: {0}")]
    Malformed(String),
    #[error("encryption failed")]
    Seal,
}

fn derive(passphrase: &SecretString, kdf: &Kdf) -> Result<LessSafeKey, PassphraseError> {
    let salt = STANDARD
        .decode(&kdf.salt)
        .map_err(|_| PassphraseError::Malformed("kdf.salt is not base64".into()))?;
    let params = argon2::Params::new(kdf.m_cost, kdf.t_cost, kdf.p_cost, Some(32))
        .map_err(|e| PassphraseError::Malformed(format!("kdf: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon
        .hash_password_into(passphrase.expose_secret().as_bytes(), &salt, &mut key)
        .map_err(|e| PassphraseError::Malformed(format!("kdf: {e}")))?;
    let unbound = UnboundKey::new(&AES_256_GCM, &key).map_err(|_| PassphraseError::Seal)?;
    Ok(LessSafeKey::new(unbound))
}

/// Encrypts `plaintext` under a key derived from `passphrase`, binding
/// `aad`. CPU- and memory-heavy: call off the async runtime.
pub fn seal(
    passphrase: &SecretString,
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Encrypted, PassphraseError> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort);
    }
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let kdf = Kdf {
        alg: "argon2id".into(),
        m_cost: M_COST,
        t_cost: T_COST,
        p_cost: P_COST,
        salt: STANDARD.encode(salt),
    };
    let key = derive(passphrase, &kdf)?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let mut buf = plaintext.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(aad),
        &mut buf,
    )
    .map_err(|_| PassphraseError::Seal)?;
    Ok(Encrypted {
        kdf,
        cipher: "A256GCM".into(),
        nonce: STANDARD.encode(nonce),
        ciphertext: STANDARD.encode(buf),
    })
}

/// Checks the section's form and parameters without deriving anything.
pub fn check(section: &Encrypted) -> Result<(), PassphraseError> {
    let bad = |m: String| Err(PassphraseError::Malformed(m));
    if section.kdf.alg != "argon2id" {
        return bad(format!("kdf.alg {:?} (expected argon2id)", section.kdf.alg));
    }
    if section.cipher != "A256GCM" {
        return bad(format!("cipher {:?} (expected A256GCM)", section.cipher));
    }
    for (name, value, range) in [
        ("m_cost", section.kdf.m_cost, M_RANGE),
        ("t_cost", section.kdf.t_cost, T_RANGE),
        ("p_cost", section.kdf.p_cost, P_RANGE),
    ] {
        if !range.contains(&value) {
            return bad(format!(
                "kdf.{name} {value} is outside {}..={}",
                range.start(),
                range.end()
            ));
        }
    }
    match STANDARD.decode(&section.kdf.salt) {
        Ok(salt) if (8..=64).contains(&salt.len()) => {}
        _ => return bad("kdf.salt is not base64 of 8 to 64 bytes".into()),
    }
    match STANDARD.decode(&section.nonce) {
        Ok(nonce) if nonce.len() == NONCE_LEN => {}
        _ => return bad("nonce is not base64 of 12 bytes".into()),
    }
    if STANDARD.decode(&section.ciphertext).is_err() {
        return bad("ciphertext is not base64".into());
    }
    Ok(())
}

/// Decrypts the section with `passphrase`, checking `aad`. CPU- and
/// memory-heavy: call off the async runtime.
pub fn open(
    passphrase: &SecretString,
    section: &Encrypted,
    aad: &[u8],
) -> Result<Vec<u8>, PassphraseError> {
    check(section)?;
    let key = derive(passphrase, &section.kdf)?;
    let nonce: [u8; NONCE_LEN] = STANDARD
        .decode(&section.nonce)
        .ok()
        .and_then(|n| n.try_into().ok())
        .ok_or_else(|| PassphraseError::Malformed("nonce".into()))?;
    let mut buf = STANDARD
        .decode(&section.ciphertext)
        .map_err(|_| PassphraseError::Malformed("ciphertext".into()))?;
    let plain = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut buf,
        )
        .map_err(|_| PassphraseError::Open)?;
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn round_trip_and_refusals() {
        let p = pass("a long enough passphrase");
        let section = seal(&p, b"secret keys", b"header").unwrap();
        assert!(!section.ciphertext.contains("secret"));
        assert_eq!(open(&p, &section, b"header").unwrap(), b"secret keys");
        // A wrong passphrase, or other associated data, does not open it.
        assert!(matches!(
            open(&pass("another long passphrase"), &section, b"header"),
            Err(PassphraseError::Open)
        ));
        assert!(matches!(
            open(&p, &section, b"changed"),
            Err(PassphraseError::Open)
        ));
        // Short passphrases are refused at export.
        assert!(matches!(
            seal(&pass("short"), b"x", b""),
            Err(PassphraseError::TooShort)
        ));
        // Hostile parameters are refused before any derivation.
        let mut greedy = section.clone();
        greedy.kdf.m_cost = u32::MAX;
        assert!(matches!(
            open(&p, &greedy, b"header"),
            Err(PassphraseError::Malformed(_))
        ));
        let mut weak = section.clone();
        weak.kdf.t_cost = 0;
        assert!(matches!(
            open(&p, &weak, b"header"),
            Err(PassphraseError::Malformed(_))
        ));
        let mut other = section;
        other.cipher = "none".into();
        assert!(matches!(
            open(&p, &other, b"header"),
            Err(PassphraseError::Malformed(_))
        ));
    }
}
