//! LogoutDeliveryRepo, and the outbox SessionRepo fills when sessions end.

use latchkey::db::{DeliveryState, Repos};

use super::{T0, both, client_record, session_record, user};

/// Two clients with a logout URI and one without; alice has sessions s1
/// (clients a and quiet) and s2 (client b), bob has s3 (client a).
async fn setup(r: &Repos) -> (String, String) {
    let alice = user(r, "alice").await;
    let bob = user(r, "bob").await;
    for (id, uri) in [
        ("a", Some("https://a.example/logout")),
        ("b", Some("https://b.example/logout")),
        ("quiet", None),
    ] {
        let mut c = client_record(id, id);
        c.backchannel_logout_uri = uri.map(str::to_owned);
        r.clients.create(&c).await.unwrap();
    }
    for (sid, userid) in [
        ("s1", &alice.userid),
        ("s2", &alice.userid),
        ("s3", &bob.userid),
    ] {
        r.sessions
            .create(&session_record(sid, &format!("th-{sid}"), userid, T0))
            .await
            .unwrap();
    }
    let d = &r.logout_deliveries;
    for (sid, client) in [("s1", "a"), ("s1", "quiet"), ("s2", "b"), ("s3", "a")] {
        d.remember_client(sid, client, T0).await.unwrap();
        // Recording twice is harmless.
        d.remember_client(sid, client, T0).await.unwrap();
    }
    // Nothing is recorded for a session or client that does not exist.
    d.remember_client("gone", "a", T0).await.unwrap();
    d.remember_client("s1", "nope", T0).await.unwrap();
    (alice.userid, bob.userid)
}

both!(ending_sessions_fills_the_outbox);
async fn ending_sessions_fills_the_outbox(r: Repos) {
    let (alice, bob) = setup(&r).await;
    let d = &r.logout_deliveries;
    // Expiry tells no one.
    r.sessions.expire("s3").await.unwrap();
    assert!(d.recent_for_client("a", 10).await.unwrap().is_empty());
    // An explicit end: one row per client with a logout URI.
    r.sessions.delete("s1").await.unwrap();
    let a = d.recent_for_client("a", 10).await.unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].sid.as_str(), a[0].userid.as_str()),
        ("s1", alice.as_str())
    );
    assert_eq!(a[0].state, DeliveryState::Pending);
    assert_eq!(a[0].attempts, 0);
    assert!(d.recent_for_client("quiet", 10).await.unwrap().is_empty());
    // Every session of a user.
    r.sessions.delete_for_user(&alice).await.unwrap();
    let b = d.recent_for_client("b", 10).await.unwrap();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].sid, "s2");
    // Ending it again (it is gone) enqueues nothing more.
    r.sessions.delete("s1").await.unwrap();
    assert_eq!(d.recent_for_client("a", 10).await.unwrap().len(), 1);
    // Deleting the user afterwards keeps what is to be sent about them.
    r.users.delete(&alice).await.unwrap();
    r.users.delete(&bob).await.unwrap();
    assert_eq!(d.recent_for_client("a", 10).await.unwrap().len(), 1);
    assert_eq!(d.recent_for_client("b", 10).await.unwrap().len(), 1);
}

both!(claims_lease_retry_and_finish);
async fn claims_lease_retry_and_finish(r: Repos) {
    let (alice, _) = setup(&r).await;
    let d = &r.logout_deliveries;
    r.sessions.delete_for_user(&alice).await.unwrap();
    // Both due at once; a claim leases them, so a second claim (another
    // instance) gets nothing until the lease runs out.
    let now = T0 + 100;
    let claimed = d.claim_due(now, now + 60, 10, 4).await.unwrap();
    assert_eq!(claimed.len(), 2);
    assert!(d.claim_due(now, now + 60, 10, 4).await.unwrap().is_empty());
    assert_eq!(
        d.claim_due(now + 60, now + 120, 10, 4).await.unwrap().len(),
        2
    );
    // The limit holds.
    assert_eq!(
        d.claim_due(now + 120, now + 180, 1, 4).await.unwrap().len(),
        1
    );

    let (first, second) = (&claimed[0], &claimed[1]);
    d.failed(first.id, now, "HTTP 500", Some(now + 30))
        .await
        .unwrap();
    d.delivered(second.id, now).await.unwrap();
    let row = |client: &str| {
        let client = client.to_owned();
        let d = d.clone();
        async move { d.recent_for_client(&client, 1).await.unwrap().remove(0) }
    };
    let retried = row(&first.client_id).await;
    assert_eq!(retried.state, DeliveryState::Pending);
    assert_eq!(retried.attempts, 1);
    assert_eq!(retried.next_attempt_at, now + 30);
    assert_eq!(retried.last_error.as_deref(), Some("HTTP 500"));
    let done = row(&second.client_id).await;
    assert_eq!(done.state, DeliveryState::Delivered);
    assert_eq!((done.attempts, done.finished_at), (1, Some(now)));
    // Not due before its time (the lease was released), due after.
    assert!(
        d.claim_due(now + 29, now + 89, 10, 4)
            .await
            .unwrap()
            .is_empty()
    );
    let again = d.claim_due(now + 30, now + 90, 10, 4).await.unwrap();
    assert_eq!(again.len(), 1);
    d.failed(again[0].id, now + 30, "timeout", None)
        .await
        .unwrap();
    let given_up = row(&first.client_id).await;
    assert_eq!(given_up.state, DeliveryState::Failed);
    assert_eq!(given_up.attempts, 2);
    assert_eq!(given_up.finished_at, Some(now + 30));
    assert!(
        d.claim_due(now + 999, now + 1099, 10, 4)
            .await
            .unwrap()
            .is_empty()
    );

    // Finished rows go with the purge after 30 days; a deleted client
    // takes its rows along.
    r.maintenance
        .purge_expired(now + 31 * 86_400)
        .await
        .unwrap();
    assert!(d.recent_for_client("a", 10).await.unwrap().is_empty());
    assert!(d.recent_for_client("b", 10).await.unwrap().is_empty());
}

both!(a_deleted_client_takes_its_deliveries);
async fn a_deleted_client_takes_its_deliveries(r: Repos) {
    let (alice, _) = setup(&r).await;
    r.sessions.delete_for_user(&alice).await.unwrap();
    r.clients.delete("a").await.unwrap();
    let d = &r.logout_deliveries;
    assert!(d.recent_for_client("a", 10).await.unwrap().is_empty());
    let left = d.claim_due(T0 + 100, T0 + 160, 10, 4).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].client_id, "b");
}
