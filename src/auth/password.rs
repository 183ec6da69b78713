//! Password hashing (argon2id at OWASP's parameters), run off the async
//! runtime on a few dedicated threads, with the same cost for unknown users.
//!
//! One hashing thread per core, at a lower scheduling priority than the
//! runtime, each with its own 19 MiB block of argon2 memory, grown on first
//! use and reused for every later hash. Sign-ins queue on a
//! channel and wait asynchronously, so a burst of them neither starts a
//! thread each (the blocking pool did: gigabytes of memory) nor starves the
//! rest of the server (docs/benchmarks.md, W8).

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use subtle::ConstantTimeEq;

/// OWASP's recommended argon2id parameters: 19 MiB, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

/// Stored hashes asking for more memory than this are refused rather than
/// computed (nothing Latchkey wrote needs more; it bounds memory).
const MAX_MEMORY_KIB: u32 = 4 * MEMORY_KIB;

/// Shortest and longest password accepted (NIST SP 800-63B style: length, no composition rules).
pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 128;

fn current_params() -> Params {
    // The parameters are constants that argon2 accepts.
    Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap_or_default()
}

/// One argon2 computation for a hashing thread.
enum Job {
    Hash(String, tokio::sync::oneshot::Sender<Result<String, String>>),
    Verify(
        String,
        Option<String>,
        tokio::sync::oneshot::Sender<Verified>,
    ),
}

/// The queue of the hashing threads (one per core), started on first use.
static QUEUE: LazyLock<flume::Sender<Job>> = LazyLock::new(|| {
    crate::cpu::start_workers("latchkey-argon2", crate::cpu::HASHING_NICE, run_job)
});

/// Runs one job on a hashing thread with that thread's argon2 memory. The
/// block is kept once grown: glibc would keep a freed 19 MiB block in the
/// thread's arena anyway, and freeing and regrowing it between bursts
/// fragmented the arenas (RSS 100-120 MiB in W8 instead of about 60).
fn run_job(memory: &mut Memory, job: Job) {
    match job {
        Job::Hash(password, reply) => {
            let _ = reply.send(memory.hash(&password));
        }
        Job::Verify(password, stored, reply) => {
            let _ = reply.send(memory.verify(&password, stored.as_deref()));
        }
    }
}

fn submit(job: Job) -> bool {
    QUEUE.send(job).is_ok()
}

/// A hashing thread's argon2 memory, grown once and reused.
#[derive(Default)]
struct Memory {
    blocks: Vec<Block>,
}

impl Memory {
    fn compute(
        &mut self,
        algorithm: Algorithm,
        version: Version,
        params: Params,
        password: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> Result<(), String> {
        if params.m_cost() > MAX_MEMORY_KIB {
            return Err("the stored hash asks for too much memory".into());
        }
        let needed = params.block_count();
        if self.blocks.len() < needed {
            self.blocks.resize(needed, Block::default());
        }
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password, salt, out, &mut self.blocks[..needed])
            .map_err(|e| e.to_string())
    }

    /// A PHC string of `password` at the current parameters.
    fn hash(&mut self, password: &str) -> Result<String, String> {
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_raw = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|e| e.to_string())?;
        let params = current_params();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        self.compute(
            Algorithm::Argon2id,
            Version::V0x13,
            params.clone(),
            password.as_bytes(),
            salt_raw,
            &mut out,
        )?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches the argon2 PHC string `stored`.
    fn matches(&mut self, password: &str, stored: &str) -> Result<bool, String> {
        let parsed = PasswordHash::new(stored).map_err(|e| e.to_string())?;
        let algorithm = Algorithm::try_from(parsed.algorithm).map_err(|e| e.to_string())?;
        let version = parsed
            .version
            .map_or(Ok(Version::V0x13), Version::try_from)
            .map_err(|e| e.to_string())?;
        let params = Params::try_from(&parsed).map_err(|e| e.to_string())?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Err("the stored hash has no salt or output".into());
        };
        let mut salt_bytes = [0u8; Salt::MAX_LENGTH];
        let salt_raw = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|e| e.to_string())?;
        let mut out = vec![0u8; expected.len()];
        self.compute(
            algorithm,
            version,
            params,
            password.as_bytes(),
            salt_raw,
            &mut out,
        )?;
        Ok(bool::from(out.as_slice().ct_eq(expected.as_bytes())))
    }

    fn verify(&mut self, password: &str, stored: Option<&str>) -> Verified {
        let known = stored.is_some();
        let hash_text = stored.unwrap_or(DUMMY_HASH.as_str());
        // The dummy hash costs the same as a real one; its answer is ignored.
        let matched = self.matches(password, hash_text).unwrap_or(false);
        if !matched || !known {
            return Verified::No;
        }
        let upgrade = PasswordHash::new(hash_text).is_ok_and(|h| needs_rehash(&h));
        if upgrade {
            match self.hash(password) {
                Ok(new_hash) => Verified::YesRehash(new_hash),
                Err(_) => Verified::Yes,
            }
        } else {
            Verified::Yes
        }
    }
}

/// A hash of a random password, verified against when the user is unknown
/// so that the answer takes the same time.
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
    Memory::default().hash(password)
}

/// Hashes a password on a hashing thread.
pub async fn hash(password: String) -> Result<String, String> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    if !submit(Job::Hash(password, reply)) {
        return Err("the password hashing threads are not running".into());
    }
    answer
        .await
        .map_err(|_| "a password hashing thread stopped".to_owned())?
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

/// Verifies `password` against `stored` (or the dummy hash when `None`) on a
/// hashing thread.
pub async fn verify(password: String, stored: Option<String>) -> Verified {
    let (reply, answer) = tokio::sync::oneshot::channel();
    if !submit(Job::Verify(password, stored, reply)) {
        return Verified::No;
    }
    answer.await.unwrap_or(Verified::No)
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
    async fn hashes_made_by_the_reference_implementation_verify() {
        let salt = SaltString::generate(&mut OsRng);
        let reference = {
            use argon2::PasswordHasher;
            Argon2::new(Algorithm::Argon2id, Version::V0x13, current_params())
                .hash_password(b"correct horse", &salt)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            verify("correct horse".into(), Some(reference.clone())).await,
            Verified::Yes
        );
        assert_eq!(
            verify("correct horsf".into(), Some(reference)).await,
            Verified::No
        );
        // And ours verify with the reference implementation.
        let ours = hash("battery staple".into()).await.unwrap();
        use argon2::PasswordVerifier;
        assert!(
            Argon2::default()
                .verify_password(b"battery staple", &PasswordHash::new(&ours).unwrap())
                .is_ok()
        );
    }

    #[tokio::test]
    async fn garbage_and_greedy_hashes_are_refused() {
        assert_eq!(
            verify("x".repeat(10), Some("not a hash".into())).await,
            Verified::No
        );
        let greedy = format!(
            "$argon2id$v=19$m={},t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            MAX_MEMORY_KIB * 2
        );
        assert_eq!(verify("x".repeat(10), Some(greedy)).await, Verified::No);
    }

    #[tokio::test]
    async fn weaker_hashes_are_upgraded() {
        let salt = SaltString::generate(&mut OsRng);
        use argon2::PasswordHasher;
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
