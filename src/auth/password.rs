//! Password hashing (argon2id at OWASP's parameters), run off the async
//! runtime on a few dedicated threads, with the same cost for unknown users.
//!
//! One hashing thread per core, at a lower scheduling priority than the
//! runtime, each with its own 19 MiB block of argon2 memory, grown on first
//! use and reused for every later hash. Sign-ins queue on a
//! channel and wait asynchronously, so a burst of them neither starts a
//! thread each (the blocking pool did: gigabytes of memory) nor starves the
//! rest of the server (docs/benchmarks.md, W8). The queue is bounded and
//! skips jobs whose caller has gone ([`crate::auth::hashing`]).
//!
//! Passwords are NFKC-normalized before hashing (NIST SP 800-63B), so the
//! same password typed on keyboards that compose characters differently
//! matches. Hashes made before normalization keep working: when the
//! normalized form does not match, the raw form is tried once and, if it
//! matches, the password is rehashed in normalized form.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use tracing::Instrument;
use unicode_normalization::UnicodeNormalization;

use super::hashing::{Full, Job as QueueJob, Lane, Queue};

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

/// One argon2 computation for a hashing thread, with the caller's span
/// (the parent of the computation's span in traces).
enum Job {
    Hash(
        String,
        tokio::sync::oneshot::Sender<Result<String, String>>,
        tracing::Span,
    ),
    Verify(
        String,
        Option<String>,
        tokio::sync::oneshot::Sender<Verified>,
        tracing::Span,
    ),
}

impl QueueJob for Job {
    fn abandoned(&self) -> bool {
        match self {
            Self::Hash(_, reply, _) => reply.is_closed(),
            Self::Verify(_, _, reply, _) => reply.is_closed(),
        }
    }
}

/// How many jobs may wait per lane unless configured (`LATCHKEY_HASH_QUEUE`).
pub const DEFAULT_QUEUE_LIMIT: usize = 16;

/// The queue of the hashing threads (one per core), started on first use.
static QUEUE: LazyLock<&'static Queue<Job>> = LazyLock::new(|| {
    let queue: &'static Queue<Job> = Box::leak(Box::new(Queue::new(DEFAULT_QUEUE_LIMIT)));
    Queue::start_threads(queue, "latchkey-argon2", crate::cpu::HASHING_NICE, run_job);
    queue
});

/// Sets how many hashing jobs may wait per lane (from the configuration).
pub fn set_queue_limit(limit: usize) {
    QUEUE.set_limit(limit);
}

/// Checks of a password against a stored (not the dummy) hash, ever.
static STORED_CHECKS: AtomicU64 = AtomicU64::new(0);

/// Runs one job on a hashing thread with that thread's argon2 memory. The
/// block is kept once grown: glibc would keep a freed 19 MiB block in the
/// thread's arena anyway, and freeing and regrowing it between bursts
/// fragmented the arenas (RSS 100-120 MiB in W8 instead of about 60).
/// In traces, the computation is a span of its own (`argon2.hash`,
/// `argon2.verify`) under the caller's, which also covers the wait in the queue.
fn run_job(memory: &mut Memory, job: Job) {
    match job {
        Job::Hash(password, reply, caller) => {
            let _span =
                tracing::info_span!(target: "otel", parent: &caller, "argon2.hash").entered();
            let _ = reply.send(memory.hash(&password));
        }
        Job::Verify(password, stored, reply, caller) => {
            let _span =
                tracing::info_span!(target: "otel", parent: &caller, "argon2.verify").entered();
            let _ = reply.send(memory.verify(&password, stored.as_deref()));
        }
    }
}

/// The password hashing threads are all busy and the queue is full: the
/// caller should answer 503 with `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("The server is busy checking passwords. Please try again in a few seconds.")]
pub struct Busy;

/// How long to suggest waiting after [`Busy`] (seconds).
pub const BUSY_RETRY_AFTER: u64 = 2;

impl From<Full> for Busy {
    fn from(_: Full) -> Self {
        Self
    }
}

/// Test hooks for the hashing queue (integration tests fill it without timing).
#[doc(hidden)]
pub mod testing {
    use super::QUEUE;

    /// While `held`, the hashing threads take no job.
    pub fn hold(held: bool) {
        QUEUE.hold(held);
    }

    /// Jobs waiting in the queue.
    #[must_use]
    pub fn waiting() -> usize {
        QUEUE.waiting()
    }

    /// Jobs run, and jobs skipped because their caller had gone.
    #[must_use]
    pub fn counts() -> (u64, u64) {
        QUEUE.counts()
    }

    /// Checks of a password against a stored hash (not the dummy one) so far.
    #[must_use]
    pub fn stored_checks() -> u64 {
        super::STORED_CHECKS.load(std::sync::atomic::Ordering::Relaxed)
    }
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
        if known {
            STORED_CHECKS.fetch_add(1, Ordering::Relaxed);
        }
        let hash_text = stored.unwrap_or(DUMMY_HASH.as_str());
        let normalized = normalize(password);
        // The dummy hash costs the same as a real one; its answer is ignored.
        let mut matched = self.matches(&normalized, hash_text).unwrap_or(false);
        let mut upgrade = false;
        if !matched && normalized != password {
            // A hash made before passwords were normalized (also tried
            // against the dummy hash, so unknown users cost the same).
            matched = self.matches(password, hash_text).unwrap_or(false);
            upgrade = matched;
        }
        if !matched || !known {
            return Verified::No;
        }
        upgrade |= PasswordHash::new(hash_text).is_ok_and(|h| needs_rehash(&h));
        if upgrade {
            match self.hash(&normalized) {
                Ok(new_hash) => Verified::YesRehash(new_hash),
                Err(_) => Verified::Yes,
            }
        } else {
            Verified::Yes
        }
    }
}

/// The form a password is hashed in: Unicode NFKC.
#[must_use]
pub fn normalize(password: &str) -> String {
    password.nfkc().collect()
}

/// A hash of a random password, verified against when the user is unknown
/// so that the answer takes the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking(&crate::crypto::random_token(16)).unwrap_or_default());

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error(
        "This password is too common: it appears in lists of breached passwords. Choose a different one, such as a few unrelated words."
    )]
    Common,
    #[error("The password must be at least {MIN_LEN} characters long.")]
    TooShort,
    #[error("The password must be at most {MAX_LEN} characters long.")]
    TooLong,
    #[error("The password must not be your username.")]
    IsUsername,
}

/// Checks a new password against the policy: its length (in characters
/// of the normalized form), not the username, and not on the list of
/// common breached passwords ([`super::common_passwords`]).
pub fn check_policy(password: &str, username: &str) -> Result<(), PolicyError> {
    let password = normalize(password);
    let password = password.as_str();
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
    if super::common_passwords::contains(password) {
        return Err(PolicyError::Common);
    }
    Ok(())
}

/// Hashes a password (normalized) on the calling thread (use [`hash`]
/// from async code).
pub fn hash_blocking(password: &str) -> Result<String, String> {
    Memory::default().hash(&normalize(password))
}

/// Why hashing a new password failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// Hashes a password (normalized) on a hashing thread.
pub async fn hash(password: String) -> Result<String, HashError> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    let span = tracing::info_span!(target: "otel", "password.hash");
    QUEUE
        .push(
            Job::Hash(normalize(&password), reply, span.clone()),
            Lane::Normal,
        )
        .map_err(Busy::from)?;
    answer
        .instrument(span)
        .await
        .map_err(|_| HashError::Failed("a password hashing thread stopped".to_owned()))?
        .map_err(HashError::Failed)
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
/// hashing thread, waiting in `lane`; [`Busy`] when that lane is full.
pub async fn verify_in(
    password: String,
    stored: Option<String>,
    lane: Lane,
) -> Result<Verified, Busy> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    let span = tracing::info_span!(target: "otel", "password.verify");
    QUEUE.push(Job::Verify(password, stored, reply, span.clone()), lane)?;
    Ok(answer.instrument(span).await.unwrap_or(Verified::No))
}

/// [`verify_in`] the normal lane, with a full queue answered as
/// [`Verified::No`] (for callers that cannot say "busy"; pages should use
/// [`verify_in`] and answer 503).
pub async fn verify(password: String, stored: Option<String>) -> Verified {
    verify_in(password, stored, Lane::Normal)
        .await
        .unwrap_or(Verified::No)
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

    async fn v(password: String, stored: Option<String>) -> Verified {
        verify_in(password, stored, Lane::Normal).await.unwrap()
    }

    #[tokio::test]
    async fn passwords_are_normalized_and_old_raw_hashes_still_verify() {
        let nfc = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e";
        let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e";
        let h = hash(nfc.into()).await.unwrap();
        assert_eq!(v(nfd.into(), Some(h.clone())).await, Verified::Yes);
        assert_eq!(v(nfc.into(), Some(h)).await, Verified::Yes);
        // A hash of the raw (NFD) text, as made before normalization.
        let old = Memory::default().hash(nfd).unwrap();
        let Verified::YesRehash(new) = v(nfd.into(), Some(old.clone())).await else {
            panic!("an old raw hash verifies and is upgraded")
        };
        assert_eq!(v(nfc.into(), Some(new)).await, Verified::Yes);
        assert_eq!(v("Cafe creme".into(), Some(old)).await, Verified::No);
        // Compatibility forms fold too (fullwidth letters).
        let h = hash("ｐａｓｓｐｈｒａｓｅ ｏｎｅ".into()).await.unwrap();
        assert_eq!(v("passphrase one".into(), Some(h)).await, Verified::Yes);
    }

    #[test]
    fn common_passwords_are_refused() {
        assert_eq!(check_policy("password1", "bob"), Err(PolicyError::Common));
        assert_eq!(check_policy("iloveyou2", "bob"), Err(PolicyError::Common));
        assert_eq!(
            check_policy("ｐａｓｓｗｏｒｄ１", "bob"),
            Err(PolicyError::Common)
        );
        assert_eq!(check_policy("violet umbrella tractor", "bob"), Ok(()));
    }

    #[tokio::test]
    async fn hash_and_v() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(
            v("correct horse".into(), Some(h.clone())).await,
            Verified::Yes
        );
        assert_eq!(v("wrong horse".into(), Some(h)).await, Verified::No);
        assert_eq!(v("anything".into(), None).await, Verified::No);
    }

    #[tokio::test]
    async fn hashes_made_by_the_reference_implementation_v() {
        let salt = SaltString::generate(&mut OsRng);
        let reference = {
            use argon2::PasswordHasher;
            Argon2::new(Algorithm::Argon2id, Version::V0x13, current_params())
                .hash_password(b"correct horse", &salt)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            v("correct horse".into(), Some(reference.clone())).await,
            Verified::Yes
        );
        assert_eq!(
            v("correct horsf".into(), Some(reference)).await,
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
            v("x".repeat(10), Some("not a hash".into())).await,
            Verified::No
        );
        let greedy = format!(
            "$argon2id$v=19$m={},t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            MAX_MEMORY_KIB * 2
        );
        assert_eq!(v("x".repeat(10), Some(greedy)).await, Verified::No);
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
            v("password1".into(), Some(weak)).await,
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
        assert_eq!(check_policy("a long unusual passphrase", "bob"), Ok(()));
    }
}
