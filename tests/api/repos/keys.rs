//! SigningKeyRepo, ThrottleRepo and CeremonyRepo.

use latchkey::db::{Ceremony, DbError, Repos, SigningKeyRecord, ThrottleState};

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
    assert_eq!(r.throttle.get("alice").await.unwrap(), None);
    let mut state = ThrottleState {
        username: "alice".into(),
        failures: 1,
        window_start: T0,
        locked_until: None,
        lockouts: 0,
        updated_at: T0,
    };
    r.throttle.put(&state).await.unwrap();
    assert_eq!(r.throttle.get("alice").await.unwrap(), Some(state.clone()));
    state.failures = 5;
    state.locked_until = Some(T0 + 900);
    state.lockouts = 1;
    state.updated_at = T0 + 60;
    r.throttle.put(&state).await.unwrap();
    assert_eq!(r.throttle.get("alice").await.unwrap(), Some(state.clone()));
    assert_eq!(r.throttle.get("bob").await.unwrap(), None);
    r.throttle.clear("alice").await.unwrap();
    assert_eq!(r.throttle.get("alice").await.unwrap(), None);
    r.throttle.clear("alice").await.unwrap();
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
