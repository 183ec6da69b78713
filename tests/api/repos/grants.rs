//! CodeRepo, RefreshTokenRepo, RevocationRepo and ConsentRepo, with the
//! races that must have exactly one winner.

use latchkey::db::{DbError, Repos, RevocationKind, Rotation};

use super::{T0, both, refresh_record, user};

both!(codes);
async fn codes(r: Repos) {
    assert!(r.codes.spend("ch-1", "g-1", T0 + 60).await.unwrap());
    // A second redemption is a replay.
    assert!(!r.codes.spend("ch-1", "g-1", T0 + 60).await.unwrap());
    assert!(r.codes.spend("ch-2", "g-2", T0 + 60).await.unwrap());
}

both!(racing_code_redemptions_have_one_winner);
async fn racing_code_redemptions_have_one_winner(r: Repos) {
    for round in 0..5 {
        let hash = format!("race-{round}");
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(16));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (r, hash, barrier) = (r.clone(), hash.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                r.codes.spend(&hash, "grant", T0 + 60).await
            }));
        }
        let mut first = 0;
        for task in tasks {
            if task.await.unwrap().unwrap() {
                first += 1;
            }
        }
        assert_eq!(first, 1, "round {round}");
    }
}

both!(refresh_tokens);
async fn refresh_tokens(r: Repos) {
    let alice = user(&r, "alice").await;
    let first = refresh_record("rt-1", "fam-1", &alice.userid);
    r.refresh_tokens.create(&first).await.unwrap();
    assert_eq!(
        r.refresh_tokens.get("rt-1").await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(r.refresh_tokens.get("rt-9").await.unwrap(), None);
    let dup = r.refresh_tokens.create(&first).await;
    assert!(
        matches!(dup, Err(DbError::Conflict("refresh token"))),
        "{dup:?}"
    );

    // Rotation spends the old token and stores the successor.
    let mut second = refresh_record("rt-2", "fam-1", &alice.userid);
    second.created_at = T0 + 10;
    let rotated = r
        .refresh_tokens
        .rotate("rt-1", &second, T0 + 10)
        .await
        .unwrap();
    let mut spent = first.clone();
    spent.used_at = Some(T0 + 10);
    assert_eq!(rotated, Rotation::Rotated(spent.clone()));
    assert_eq!(
        r.refresh_tokens.get("rt-1").await.unwrap(),
        Some(spent.clone())
    );
    assert_eq!(
        r.refresh_tokens.get("rt-2").await.unwrap(),
        Some(second.clone())
    );

    // Presenting the spent token again is reuse; its successor is not stored.
    let third = refresh_record("rt-3", "fam-1", &alice.userid);
    assert_eq!(
        r.refresh_tokens
            .rotate("rt-1", &third, T0 + 11)
            .await
            .unwrap(),
        Rotation::Reused(spent)
    );
    assert_eq!(r.refresh_tokens.get("rt-3").await.unwrap(), None);
    assert_eq!(
        r.refresh_tokens.rotate("rt-9", &third, T0).await.unwrap(),
        Rotation::Unknown
    );

    // Revoking the family makes the live token reused, too.
    r.refresh_tokens
        .revoke_family("fam-1", T0 + 20)
        .await
        .unwrap();
    r.refresh_tokens
        .revoke_family("fam-1", T0 + 30)
        .await
        .unwrap();
    let revoked = r.refresh_tokens.get("rt-2").await.unwrap().unwrap();
    assert_eq!(
        revoked.revoked_at,
        Some(T0 + 20),
        "the first revocation counts"
    );
    assert!(matches!(
        r.refresh_tokens.rotate("rt-2", &third, T0 + 21).await.unwrap(),
        Rotation::Reused(t) if t.token_hash == "rt-2"
    ));
    assert_eq!(r.refresh_tokens.get("rt-3").await.unwrap(), None);

    // An expired token is merely unknown, and stays unspent.
    let other = refresh_record("rt-4", "fam-2", &alice.userid);
    r.refresh_tokens.create(&other).await.unwrap();
    assert_eq!(
        r.refresh_tokens
            .rotate("rt-4", &third, other.expires_at)
            .await
            .unwrap(),
        Rotation::Unknown
    );
    assert_eq!(
        r.refresh_tokens.get("rt-4").await.unwrap().unwrap().used_at,
        None
    );
    // Other families are untouched by a revocation.
    assert_eq!(
        r.refresh_tokens
            .get("rt-4")
            .await
            .unwrap()
            .unwrap()
            .revoked_at,
        None
    );

    // A successor whose hash collides aborts the rotation as a whole.
    let fresh = refresh_record("rt-5", "fam-3", &alice.userid);
    r.refresh_tokens.create(&fresh).await.unwrap();
    let clash = refresh_record("rt-4", "fam-3", &alice.userid);
    let result = r.refresh_tokens.rotate("rt-5", &clash, T0 + 1).await;
    assert!(
        matches!(result, Err(DbError::Conflict("refresh token"))),
        "{result:?}"
    );
    assert_eq!(
        r.refresh_tokens.get("rt-5").await.unwrap().unwrap().used_at,
        None
    );
}

both!(racing_refresh_rotations_have_one_winner);
async fn racing_refresh_rotations_have_one_winner(r: Repos) {
    let alice = user(&r, "alice").await;
    for round in 0..5 {
        let hash = format!("race-{round}");
        r.refresh_tokens
            .create(&refresh_record(
                &hash,
                &format!("fam-{round}"),
                &alice.userid,
            ))
            .await
            .unwrap();
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(16));
        let mut tasks = Vec::new();
        for i in 0..16 {
            let (r, hash, barrier, userid) = (
                r.clone(),
                hash.clone(),
                barrier.clone(),
                alice.userid.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let successor = refresh_record(
                    &format!("{hash}-next-{i}"),
                    &format!("fam-{round}"),
                    &userid,
                );
                barrier.wait().await;
                r.refresh_tokens.rotate(&hash, &successor, T0 + 1).await
            }));
        }
        let (mut rotated, mut reused) = (0, 0);
        for task in tasks {
            match task.await.unwrap().unwrap() {
                Rotation::Rotated(_) => rotated += 1,
                Rotation::Reused(_) => reused += 1,
                Rotation::Unknown => panic!("the token exists"),
            }
        }
        assert_eq!((rotated, reused), (1, 15), "round {round}");
        // Exactly one successor was stored.
        let mut stored = 0;
        for i in 0..16 {
            if r.refresh_tokens
                .get(&format!("{hash}-next-{i}"))
                .await
                .unwrap()
                .is_some()
            {
                stored += 1;
            }
        }
        assert_eq!(stored, 1, "round {round}");
    }
}

both!(sixteen_concurrent_rotations);
async fn sixteen_concurrent_rotations(r: Repos) {
    // 16 writers, each rotating its own chain 10 times: all succeed.
    let alice = user(&r, "alice").await;
    let mut tasks = Vec::new();
    for t in 0..16 {
        let (r, userid) = (r.clone(), alice.userid.clone());
        tasks.push(tokio::spawn(async move {
            let family = format!("fam-{t}");
            r.refresh_tokens
                .create(&refresh_record(&format!("{t}-0"), &family, &userid))
                .await?;
            for i in 1..=10 {
                let next = refresh_record(&format!("{t}-{i}"), &family, &userid);
                let outcome = r
                    .refresh_tokens
                    .rotate(&format!("{t}-{}", i - 1), &next, T0 + i)
                    .await?;
                assert!(matches!(outcome, Rotation::Rotated(_)), "{outcome:?}");
            }
            Ok::<_, DbError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    for t in 0..16 {
        let last = r
            .refresh_tokens
            .get(&format!("{t}-10"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(last.used_at, None);
    }
}

both!(revocations);
async fn revocations(r: Repos) {
    assert!(!r.revocations.is_revoked("g1", "j1").await.unwrap());
    r.revocations
        .revoke(RevocationKind::Grant, "g1", T0 + 100)
        .await
        .unwrap();
    assert!(r.revocations.is_revoked("g1", "j-other").await.unwrap());
    // A grant id is not a token id.
    assert!(!r.revocations.is_revoked("g-other", "g1").await.unwrap());
    r.revocations
        .revoke(RevocationKind::Token, "j1", T0 + 100)
        .await
        .unwrap();
    assert!(r.revocations.is_revoked("g-other", "j1").await.unwrap());
    assert!(!r.revocations.is_revoked("j1", "j-other").await.unwrap());

    // Revoking again keeps the later expiry: the record survives a purge
    // between the two.
    r.revocations
        .revoke(RevocationKind::Grant, "g1", T0 + 300)
        .await
        .unwrap();
    r.revocations
        .revoke(RevocationKind::Grant, "g1", T0 + 200)
        .await
        .unwrap();
    r.maintenance.purge_expired(T0 + 250).await.unwrap();
    assert!(r.revocations.is_revoked("g1", "x").await.unwrap());
    assert!(
        !r.revocations.is_revoked("x", "j1").await.unwrap(),
        "purged"
    );
}

both!(consents);
async fn consents(r: Repos) {
    let alice = user(&r, "alice").await;
    r.clients
        .create(&super::client_record("app", "App"))
        .await
        .unwrap();
    assert_eq!(r.consents.get(&alice.userid, "app").await.unwrap(), None);
    r.consents
        .put(&alice.userid, "app", &["openid".into(), "email".into()], T0)
        .await
        .unwrap();
    assert_eq!(
        r.consents.get(&alice.userid, "app").await.unwrap(),
        Some(vec!["openid".to_owned(), "email".to_owned()])
    );
    r.consents
        .put(&alice.userid, "app", &["openid".into()], T0 + 1)
        .await
        .unwrap();
    assert_eq!(
        r.consents.get(&alice.userid, "app").await.unwrap(),
        Some(vec!["openid".to_owned()])
    );
    r.consents.delete(&alice.userid, "app").await.unwrap();
    assert_eq!(r.consents.get(&alice.userid, "app").await.unwrap(), None);
    r.consents.delete(&alice.userid, "app").await.unwrap();
}

both!(racing_rotation_and_family_revocation_leave_no_live_token);
async fn racing_rotation_and_family_revocation_leave_no_live_token(r: Repos) {
    // Each round races one rotation against the revocation of its family:
    // whichever wins, no token of the family may be live afterwards.
    let alice = user(&r, "alice").await;
    for round in 0..40 {
        let family = format!("fam-{round}");
        let hash = format!("race-{round}");
        r.refresh_tokens
            .create(&refresh_record(&hash, &family, &alice.userid))
            .await
            .unwrap();
        let successor = refresh_record(&format!("{hash}-next"), &family, &alice.userid);
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let rotate = {
            let (r, hash, barrier) = (r.clone(), hash.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                r.refresh_tokens.rotate(&hash, &successor, T0 + 1).await
            })
        };
        let revoke = {
            let (r, family, barrier) = (r.clone(), family.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                r.refresh_tokens.revoke_family(&family, T0 + 1).await
            })
        };
        rotate.await.unwrap().unwrap();
        revoke.await.unwrap().unwrap();
        for token in [hash.clone(), format!("{hash}-next")] {
            if let Some(t) = r.refresh_tokens.get(&token).await.unwrap() {
                assert!(t.revoked_at.is_some(), "round {round}: {token} is live");
            }
        }
    }
}

/// PostgreSQL only, deterministically: a rotation that has spent the old
/// token but not yet committed its successor, and a family revocation that
/// starts in that moment. Connection A holds the successor's key in an open
/// transaction, so the rotation's INSERT waits on it; the revocation is
/// started while the rotation waits; A then rolls back. Under READ COMMITTED
/// a revocation that does not serialise with rotation takes its snapshot
/// before the successor exists and leaves it live.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn family_revocation_waits_for_a_rotation_in_flight_postgres() {
    use sqlx::Connection;
    let Some((url, _guard)) = crate::helpers::fresh_postgres_url().await else {
        crate::helpers::skip_postgres();
        return;
    };
    let r = latchkey::db::connect(&url).await.unwrap();
    let alice = user(&r, "alice").await;
    r.refresh_tokens
        .create(&refresh_record("rt-1", "fam-1", &alice.userid))
        .await
        .unwrap();

    let mut holder = sqlx::PgConnection::connect(&url).await.unwrap();
    let mut monitor = sqlx::PgConnection::connect(&url).await.unwrap();
    // A copy of rt-1 under the successor's key, whatever the columns are.
    for statement in [
        "BEGIN",
        "CREATE TEMPORARY TABLE held ON COMMIT DROP AS \
         SELECT * FROM refresh_tokens WHERE token_hash = 'rt-1'",
        "UPDATE held SET token_hash = 'rt-2'",
        "INSERT INTO refresh_tokens SELECT * FROM held",
    ] {
        sqlx::query(statement).execute(&mut holder).await.unwrap();
    }

    let rotate = {
        let r = r.clone();
        let successor = refresh_record("rt-2", "fam-1", &alice.userid);
        tokio::spawn(async move { r.refresh_tokens.rotate("rt-1", &successor, T0 + 1).await })
    };
    // The rotation is now blocked in its INSERT, behind the holder.
    wait_for_lock_waiters(&mut monitor, 1).await;
    let revoke = {
        let r = r.clone();
        tokio::spawn(async move { r.refresh_tokens.revoke_family("fam-1", T0 + 2).await })
    };
    // The revocation has started and waits too (on the rotation).
    wait_for_lock_waiters(&mut monitor, 2).await;
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();

    assert!(matches!(
        rotate.await.unwrap().unwrap(),
        Rotation::Rotated(_)
    ));
    revoke.await.unwrap().unwrap();
    let successor = r.refresh_tokens.get("rt-2").await.unwrap().unwrap();
    assert_eq!(
        successor.revoked_at,
        Some(T0 + 2),
        "the successor of a rotation in flight survived the family's revocation"
    );
}

/// Waits until `n` sessions of this database wait for a lock (polling, with
/// a generous upper bound for a loaded machine).
async fn wait_for_lock_waiters(monitor: &mut sqlx::PgConnection, n: i64) {
    for _ in 0..6000 {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND wait_event_type = 'Lock'",
        )
        .fetch_one(&mut *monitor)
        .await
        .unwrap();
        if waiting >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("{n} sessions never waited for a lock");
}

both!(revoking_a_users_families_and_tokens);
async fn revoking_a_users_families_and_tokens(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    for (hash, family, userid) in [
        ("a-1", "fam-a", &alice.userid),
        ("a-2", "fam-a", &alice.userid),
        ("a-3", "fam-b", &alice.userid),
        ("b-1", "fam-c", &bob.userid),
    ] {
        let mut t = refresh_record(hash, family, userid);
        t.family_started_at = T0 - 5;
        r.refresh_tokens.create(&t).await.unwrap();
    }
    // The family's start is stored with each token.
    assert_eq!(
        r.refresh_tokens
            .get("a-1")
            .await
            .unwrap()
            .unwrap()
            .family_started_at,
        T0 - 5
    );
    let families = r
        .refresh_tokens
        .revoke_for_user(&alice.userid, T0 + 1)
        .await
        .unwrap();
    assert_eq!(families, ["fam-a", "fam-b"]);
    for hash in ["a-1", "a-2", "a-3"] {
        let t = r.refresh_tokens.get(hash).await.unwrap().unwrap();
        assert_eq!(t.revoked_at, Some(T0 + 1), "{hash}");
    }
    assert_eq!(
        r.refresh_tokens
            .get("b-1")
            .await
            .unwrap()
            .unwrap()
            .revoked_at,
        None,
        "other users are untouched"
    );
    // Nothing left to revoke the second time.
    assert!(
        r.refresh_tokens
            .revoke_for_user(&alice.userid, T0 + 2)
            .await
            .unwrap()
            .is_empty()
    );

    // Per-user revocation: the latest time wins, an earlier one never lowers it.
    assert_eq!(
        r.revocations
            .user_revoked_before(&alice.userid)
            .await
            .unwrap(),
        None
    );
    r.revocations
        .revoke_user(&alice.userid, T0 + 10, T0 + 1000)
        .await
        .unwrap();
    r.revocations
        .revoke_user(&alice.userid, T0 + 5, T0 + 1000)
        .await
        .unwrap();
    assert_eq!(
        r.revocations
            .user_revoked_before(&alice.userid)
            .await
            .unwrap(),
        Some(T0 + 10)
    );
    r.revocations
        .revoke_user(&alice.userid, T0 + 20, T0 + 1000)
        .await
        .unwrap();
    assert_eq!(
        r.revocations
            .user_revoked_before(&alice.userid)
            .await
            .unwrap(),
        Some(T0 + 20)
    );
    assert_eq!(
        r.revocations
            .user_revoked_before(&bob.userid)
            .await
            .unwrap(),
        None
    );
    // It is no grant or token revocation, and it expires like them.
    assert!(!r.revocations.is_revoked(&alice.userid, "x").await.unwrap());
    assert!(
        !r.revocations
            .is_revoked(&format!("user:{}", alice.userid), "x")
            .await
            .unwrap()
    );
    r.maintenance.purge_expired(T0 + 1000).await.unwrap();
    assert_eq!(
        r.revocations
            .user_revoked_before(&alice.userid)
            .await
            .unwrap(),
        None
    );
}
