//! Password hashing (argon2id at OWASP's parameters), run off the async
//! runtime, with the same cost for unknown users.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP's recommended argon2id parameters: 19 MiB, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

/// Shortest and longest password accepted (NIST SP 800-63B style: length, no composition rules).
pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

fn hasher() -> Argon2<'static> {
    // The parameters are constants that argon2 accepts.
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a random password, verified against when the user is unknown
/// so that the answer takes the same time.
/// At most one argon2 computation per core at a time. Each one holds 19 MiB
/// and a core for tens of milliseconds; unbounded, a burst of sign-ins
/// starts a blocking thread per request (gigabytes of memory, and the
/// rest of the server starved of CPU: docs/benchmarks.md, W8). Waiters
/// queue here, on the async side, without a thread each.
static SLOTS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
});

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking(&crate::crypto::random_token(16)).unwrap_or_default());

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("The password must be at least {MIN_LEN} characters long.")]
    TooShort,
    #[error("The password must be at most {MAX_LEN} characters long.")]
    TooLong,
    #[error("The password must not be your username.")]
    IsUsername,
}

/// Checks a new password against the policy.
pub fn check_policy(password: &str, username: &str) -> Result<(), PolicyError> {
    let len = password.chars().count();
    if len < MIN_LEN || password.trim().is_empty() {
        return Err(PolicyError::TooShort);
    }
    if len > MAX_LEN {
        return Err(PolicyError::TooLong);
    }
    if password.eq_ignore_ascii_case(username) {
        return Err(PolicyError::IsUsername);
    }
    Ok(())
}

/// Hashes a password on the calling thread (use [`hash`] from async code).
pub fn hash_blocking(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Hashes a password on the blocking pool.
pub async fn hash(password: String) -> Result<String, String> {
    let _slot = SLOTS.acquire().await.map_err(|e| e.to_string())?;
    crate::telemetry::spawn_blocking_in_span(move || hash_blocking(&password))
        .await
        .map_err(|e| e.to_string())?
}

/// The outcome of checking a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    /// Wrong password (or no such user).
    No,
    /// Right password; the hash is current.
    Yes,
    /// Right password; here is a hash at the current parameters to store.
    YesRehash(String),
}

/// Verifies `password` against `stored` (or the dummy hash when `None`) on
/// the blocking pool.
pub async fn verify(password: String, stored: Option<String>) -> Verified {
    let Ok(_slot) = SLOTS.acquire().await else {
        return Verified::No;
    };
    let result = crate::telemetry::spawn_blocking_in_span(move || {
        let known = stored.is_some();
        let hash_text = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&hash_text) else {
            return Verified::No;
        };
        if hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_err()
            || !known
        {
            return Verified::No;
        }
        if needs_rehash(&parsed) {
            match hash_blocking(&password) {
                Ok(new_hash) => Verified::YesRehash(new_hash),
                Err(_) => Verified::Yes,
            }
        } else {
            Verified::Yes
        }
    })
    .await;
    result.unwrap_or(Verified::No)
}

fn needs_rehash(hash: &PasswordHash<'_>) -> bool {
    if hash.algorithm.as_str() != "argon2id" {
        return true;
    }
    let get = |name: &str| hash.params.get_decimal(name);
    get("m") != Some(MEMORY_KIB) || get("t") != Some(ITERATIONS) || get("p") != Some(LANES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_and_verify() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(
            verify("correct horse".into(), Some(h.clone())).await,
            Verified::Yes
        );
        assert_eq!(verify("wrong horse".into(), Some(h)).await, Verified::No);
        assert_eq!(verify("anything".into(), None).await, Verified::No);
    }

    #[tokio::test]
    async fn weaker_hashes_are_upgraded() {
        let salt = SaltString::generate(&mut OsRng);
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 1, 1, None).unwrap(),
        )
        .hash_password(b"password1", &salt)
        .unwrap()
        .to_string();
        assert!(matches!(
            verify("password1".into(), Some(weak)).await,
            Verified::YesRehash(_)
        ));
    }

    #[test]
    fn policy() {
        assert_eq!(check_policy("short", "bob"), Err(PolicyError::TooShort));
        assert_eq!(
            check_policy(&"x".repeat(129), "bob"),
            Err(PolicyError::TooLong)
        );
        assert_eq!(
            check_policy("alice123", "Alice123"),
            Err(PolicyError::IsUsername)
        );
        assert_eq!(check_policy("a long passphrase", "bob"), Ok(()));
    }
}
