//! Sign-up requests (`SignupRepo`): verified once and only in time, listed
//! when verified, moved between states by one caller, deleted by state,
//! purged when expired; and the address-in-use question.

use latchkey::db::{Repos, SignupRequest, SignupState};

use super::{T0, both, user};

fn request(id: &str, username: &str, requested_at: i64) -> SignupRequest {
    SignupRequest {
        id: id.into(),
        username: username.into(),
        email: format!("{username}@example.org"),
        name: Some(format!("{username} Example")),
        token_hash: format!("th-{id}"),
        ip: Some("192.0.2.1".into()),
        state: SignupState::Unverified,
        requested_at,
        verified_at: None,
        expires_at: requested_at + 86_400,
    }
}

both!(requests_are_verified_once_listed_and_decided);
async fn requests_are_verified_once_listed_and_decided(r: Repos) {
    let s = &r.signups;
    s.create(&request("a", "ann", T0)).await.unwrap();
    s.create(&request("b", "ben", T0 + 1)).await.unwrap();
    s.create(&request("c", "cat", T0 + 2)).await.unwrap();
    assert_eq!(s.get("a").await.unwrap().unwrap(), request("a", "ann", T0));
    assert_eq!(s.by_token_hash("th-b").await.unwrap().unwrap().id, "b");
    assert!(s.by_token_hash("th-x").await.unwrap().is_none());
    // Nothing is listed before it is verified.
    assert_eq!(s.list_verified(T0 + 10, 0, 10).await.unwrap().total, 0);

    let keep = T0 + 10 + 30 * 86_400;
    assert!(s.verify("a", T0 + 10, keep).await.unwrap());
    assert!(!s.verify("a", T0 + 11, keep).await.unwrap(), "once");
    // Not after its expiry.
    assert!(!s.verify("c", T0 + 2 + 86_400, keep).await.unwrap());
    assert!(s.verify("b", T0 + 20, keep).await.unwrap());
    let a = s.get("a").await.unwrap().unwrap();
    assert_eq!(a.state, SignupState::Verified);
    assert_eq!((a.verified_at, a.expires_at), (Some(T0 + 10), keep));

    let listed = s.list_verified(T0 + 30, 0, 10).await.unwrap();
    assert_eq!(listed.total, 2);
    let ids: Vec<_> = listed.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"], "oldest first");
    assert_eq!(
        s.list_verified(T0 + 30, 1, 10).await.unwrap().items.len(),
        1
    );
    assert_eq!(
        s.list_verified(keep, 0, 10).await.unwrap().total,
        0,
        "expired"
    );

    // One of two concurrent approvals moves it.
    let (x, y) = tokio::join!(
        s.transition("a", SignupState::Verified, SignupState::Approving),
        s.transition("a", SignupState::Verified, SignupState::Approving),
    );
    assert!(x.unwrap() ^ y.unwrap());
    assert_eq!(s.list_verified(T0 + 30, 0, 10).await.unwrap().total, 1);
    assert!(
        !s.delete("a", SignupState::Verified).await.unwrap(),
        "wrong state"
    );
    assert!(s.delete("a", SignupState::Approving).await.unwrap());
    assert!(s.get("a").await.unwrap().is_none());

    // Housekeeping purges what has expired.
    r.maintenance.purge_expired(T0 + 2 + 86_400).await.unwrap();
    assert!(s.get("c").await.unwrap().is_none());
    assert!(s.get("b").await.unwrap().is_some());
    r.maintenance.purge_expired(keep).await.unwrap();
    assert!(s.get("b").await.unwrap().is_none());
}

both!(an_address_is_in_use_whatever_its_case_or_verification);
async fn an_address_is_in_use_whatever_its_case_or_verification(r: Repos) {
    user(&r, "dora").await;
    assert!(r.signups.address_in_use("dora@example.com").await.unwrap());
    assert!(r.signups.address_in_use("DORA@Example.COM").await.unwrap());
    assert!(!r.signups.address_in_use("dor@example.com").await.unwrap());
    assert!(!r.signups.address_in_use("dora@example.co").await.unwrap());
}
