//! SigningKeyRepo, ThrottleRepo and CeremonyRepo.

use latchkey::db::{AttemptRule, Ceremony, DbError, Repos, SigningKeyRecord};

use super::{T0, both};

fn key(kid: &str, alg: &str, created_at: i64) -> SigningKeyRecord {
    SigningKeyRecord {
        kid: kid.into(),
        alg: alg.into(),
        // Binary, with NUL and high bytes: stored byte for byte.
        private_key: vec![0, 1, 2, 255, 0, 128, kid.len() as u8],
        public_jwk: format!(r#"{{"kid":"{kid}","alg":"{alg}"}}"#),
        created_at,
        retired_at: None,
    }
}

both!(signing_keys);
async fn signing_keys(r: Repos) {
    assert!(r.signing_keys.list().await.unwrap().is_empty());
    let rs1 = key("rs-1", "RS256", T0);
    let es1 = key("es-1", "ES256", T0 + 1);
    let rs2 = key("rs-2", "RS256", T0 + 2);
    for k in [&rs2, &rs1, &es1] {
        r.signing_keys.insert(k).await.unwrap();
    }
    // Oldest first.
    assert_eq!(
        r.signing_keys.list().await.unwrap(),
        [rs1.clone(), es1.clone(), rs2.clone()]
    );
    let dup = r.signing_keys.insert(&rs1).await;
    assert!(matches!(dup, Err(DbError::Conflict("kid"))), "{dup:?}");

    // Retiring touches only other unretired keys of the same algorithm.
    r.signing_keys
        .retire_others("RS256", "rs-2", T0 + 10)
        .await
        .unwrap();
    r.signing_keys
        .retire_others("RS256", "rs-2", T0 + 20)
        .await
        .unwrap();
    let retired: Vec<_> = r
        .signing_keys
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|k| (k.kid, k.retired_at))
        .collect();
    assert_eq!(
        retired,
        [
            ("rs-1".to_owned(), Some(T0 + 10)),
            ("es-1".to_owned(), None),
            ("rs-2".to_owned(), None)
        ]
    );

    assert_eq!(
        r.signing_keys.delete_retired_before(T0 + 10).await.unwrap(),
        0
    );
    assert_eq!(
        r.signing_keys.delete_retired_before(T0 + 11).await.unwrap(),
        1
    );
    let kids: Vec<_> = r
        .signing_keys
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.kid)
        .collect();
    assert_eq!(kids, ["es-1", "rs-2"]);
}

both!(throttle);
async fn throttle(r: Repos) {
    let rule = AttemptRule {
        threshold: 3,
        window: 600,
        lock_base: 900,
        lock_max: 86_400,
    };
    assert_eq!(r.throttle.get("a:alice:1").await.unwrap(), None);
    for n in 1..=3 {
        let s = r
            .throttle
            .count_attempt("a:alice:1", T0, &rule)
            .await
            .unwrap();
        assert_eq!((s.attempts, s.locked_until), (n, None));
    }
    // The attempt past the threshold locks; attempts while locked change nothing else.
    let s = r
        .throttle
        .count_attempt("a:alice:1", T0 + 1, &rule)
        .await
        .unwrap();
    assert_eq!(
        (s.attempts, s.locked_until, s.lockouts),
        (4, Some(T0 + 901), 1)
    );
    let s = r
        .throttle
        .count_attempt("a:alice:1", T0 + 2, &rule)
        .await
        .unwrap();
    assert_eq!(
        (s.attempts, s.locked_until, s.lockouts),
        (5, Some(T0 + 901), 1)
    );
    assert_eq!(r.throttle.get("a:alice:1").await.unwrap(), Some(s));
    // After the lock a new window starts; the next lockout lasts twice as long.
    for n in 1..=3 {
        let s = r
            .throttle
            .count_attempt("a:alice:1", T0 + 901, &rule)
            .await
            .unwrap();
        assert_eq!((s.attempts, s.locked_until), (n, None));
    }
    let s = r
        .throttle
        .count_attempt("a:alice:1", T0 + 902, &rule)
        .await
        .unwrap();
    assert_eq!((s.locked_until, s.lockouts), (Some(T0 + 902 + 1800), 2));
    // A window that has passed starts over.
    let s = r.throttle.count_attempt("u:bob", T0, &rule).await.unwrap();
    assert_eq!(s.attempts, 1);
    let s = r
        .throttle
        .count_attempt("u:bob", T0 + 600, &rule)
        .await
        .unwrap();
    assert_eq!((s.attempts, s.window_start), (1, T0 + 600));
    r.throttle.clear("a:alice:1").await.unwrap();
    assert_eq!(r.throttle.get("a:alice:1").await.unwrap(), None);
    r.throttle.clear("a:alice:1").await.unwrap();
}

both!(concurrent_attempts_never_exceed_the_threshold);
async fn concurrent_attempts_never_exceed_the_threshold(r: Repos) {
    let rule = AttemptRule {
        threshold: 5,
        window: 600,
        lock_base: 900,
        lock_max: 86_400,
    };
    let attempts = (0..30).map(|_| {
        let r = r.clone();
        tokio::spawn(async move { r.throttle.count_attempt("u:carol", T0, &rule).await })
    });
    let mut allowed = 0;
    let mut counts = Vec::new();
    for a in futures::future::join_all(attempts).await {
        let s = a.unwrap().unwrap();
        if s.locked_until.is_none() {
            allowed += 1;
        }
        counts.push(s.attempts);
    }
    assert_eq!(allowed, 5, "{counts:?}");
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=30).collect::<Vec<i64>>(),
        "each attempt saw its own count"
    );
}

fn ceremony(id: &str, expires_at: i64) -> Ceremony {
    Ceremony {
        id: id.into(),
        kind: "passkey_authentication".into(),
        userid: None,
        state: r#"{"challenge":"abc"}"#.into(),
        expires_at,
    }
}

both!(ceremonies_are_taken_once);
async fn ceremonies_are_taken_once(r: Repos) {
    let mut c = ceremony("c1", T0 + 300);
    c.userid = Some("babab-dadad".into());
    c.kind = "passkey_registration".into();
    r.ceremonies.put(&c).await.unwrap();
    let dup = r.ceremonies.put(&c).await;
    assert!(matches!(dup, Err(DbError::Conflict("ceremony"))), "{dup:?}");
    assert_eq!(r.ceremonies.take("c1", T0 + 1).await.unwrap(), Some(c));
    assert_eq!(r.ceremonies.take("c1", T0 + 2).await.unwrap(), None);
    assert_eq!(r.ceremonies.take("nope", T0).await.unwrap(), None);

    // An expired ceremony is not handed out, and is gone afterwards.
    r.ceremonies.put(&ceremony("c2", T0 + 300)).await.unwrap();
    assert_eq!(r.ceremonies.take("c2", T0 + 300).await.unwrap(), None);
    r.ceremonies.put(&ceremony("c2", T0 + 900)).await.unwrap();

    // 16 racing takers: exactly one gets the state.
    r.ceremonies.put(&ceremony("c3", T0 + 300)).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let r = r.clone();
        tasks.push(tokio::spawn(
            async move { r.ceremonies.take("c3", T0).await },
        ));
    }
    let mut got = 0;
    for task in tasks {
        if task.await.unwrap().unwrap().is_some() {
            got += 1;
        }
    }
    assert_eq!(got, 1);
}

/// Seals `der` the way versions before per-purpose keys did: AES-256-GCM
/// under the raw master key, `nonce || ciphertext || tag`, kid as AAD.
fn seal_the_old_way(master_text: &str, kid: &str, der: &[u8]) -> Vec<u8> {
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(master_text)
        .unwrap();
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &raw).unwrap());
    let nonce = [7u8; NONCE_LEN];
    let mut data = der.to_vec();
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(kid.as_bytes()),
        &mut data,
    )
    .unwrap();
    let mut out = nonce.to_vec();
    out.extend_from_slice(&data);
    out
}

both!(keys_sealed_under_the_raw_master_key_open_and_are_resealed);
/// An upgrade loses nothing: a signing key an earlier version sealed under
/// the raw master key still signs, and startup re-seals it under the
/// derived key (so the raw key no longer opens it).
async fn keys_sealed_under_the_raw_master_key_open_and_are_resealed(r: Repos) {
    use latchkey::config::SigningAlg;
    use latchkey::crypto::MasterKey;
    use latchkey::oidc::keys::{KeyManager, SigningKey};

    let (_, text) = MasterKey::generate();
    let (old, der) = SigningKey::generate(SigningAlg::ES256).unwrap();
    let sealed = seal_the_old_way(&text, &old.kid, &der);
    let mut record = key(&old.kid, "ES256", T0);
    record.private_key = sealed.clone();
    record.public_jwk = old.public_jwk().to_string();
    r.signing_keys.insert(&record).await.unwrap();

    let clock = std::sync::Arc::new(latchkey::clock::ManualClock::default());
    let manager = KeyManager::load_or_init(
        r.signing_keys.clone(),
        MasterKey::decode(&text).unwrap(),
        clock,
        3600,
    )
    .await
    .unwrap();
    assert_eq!(
        manager.current().signer(SigningAlg::ES256).unwrap().kid,
        old.kid
    );

    let stored = r
        .signing_keys
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.kid == old.kid)
        .unwrap();
    assert_ne!(stored.private_key, sealed, "the key was not re-sealed");
    let opened = MasterKey::decode(&text)
        .unwrap()
        .open(&old.kid, &stored.private_key)
        .unwrap();
    assert!(!opened.legacy);
    assert_eq!(opened.plaintext, der);
}
