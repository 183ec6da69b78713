//! DeviceAuthRepo: codes by hash, unique user codes, decisions made once,
//! a single redemption, compare-and-set polls, and the purge.

use latchkey::db::{DbError, DeviceAuthorization, DeviceDecision, DeviceStatus, Repos};
use latchkey::domain::client_id::ClientId;

use super::{T0, auth_context, both, client_record, user};

fn pending(id: &str, device: &str, user_code: &str, client: &str) -> DeviceAuthorization {
    DeviceAuthorization {
        id: id.into(),
        device_code_hash: device.into(),
        user_code_hash: user_code.into(),
        client_id: ClientId::parse(client).unwrap(),
        scope: "openid profile".into(),
        status: DeviceStatus::Pending,
        interval: 5,
        last_polled_at: None,
        auth: None,
        decided_at: None,
        created_at: T0,
        expires_at: T0 + 600,
    }
}

both!(device_authorizations);
async fn device_authorizations(r: Repos) {
    let alice = user(&r, "alice").await;
    r.clients
        .create(&client_record("tv-app", "TV"))
        .await
        .unwrap();
    let a = pending("d1", "dc1", "uc1", "tv-app");
    r.device_auths.create(&a).await.unwrap();
    assert_eq!(r.device_auths.get("d1").await.unwrap(), Some(a.clone()));
    assert_eq!(
        r.device_auths.by_device_code("dc1").await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(
        r.device_auths.by_user_code("uc1").await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(r.device_auths.by_user_code("uc9").await.unwrap(), None);
    // A user code is never shared.
    let dup = r
        .device_auths
        .create(&pending("d2", "dc2", "uc1", "tv-app"))
        .await;
    assert!(
        matches!(dup, Err(DbError::Conflict("user code"))),
        "{dup:?}"
    );

    // Polls: compare-and-set on the last poll.
    assert!(r.device_auths.polled("d1", None, T0 + 1, 5).await.unwrap());
    assert!(!r.device_auths.polled("d1", None, T0 + 2, 10).await.unwrap());
    assert!(
        r.device_auths
            .polled("d1", Some(T0 + 1), T0 + 2, 10)
            .await
            .unwrap()
    );
    let got = r.device_auths.get("d1").await.unwrap().unwrap();
    assert_eq!((got.last_polled_at, got.interval), (Some(T0 + 2), 10));

    // Approved once, with the sign-in; not after expiry; redeemed once.
    let approve = DeviceDecision::Approve {
        auth: auth_context(&alice.userid),
        scope: "openid".into(),
    };
    assert!(
        !r.device_auths
            .decide("d1", &approve, T0 + 600)
            .await
            .unwrap(),
        "expired"
    );
    assert!(!r.device_auths.redeem("d1").await.unwrap(), "not approved");
    assert!(
        r.device_auths
            .decide("d1", &approve, T0 + 10)
            .await
            .unwrap()
    );
    assert!(
        !r.device_auths
            .decide("d1", &DeviceDecision::Deny, T0 + 11)
            .await
            .unwrap()
    );
    let got = r.device_auths.get("d1").await.unwrap().unwrap();
    assert_eq!(got.status, DeviceStatus::Approved);
    assert_eq!(got.auth, Some(auth_context(&alice.userid)));
    assert_eq!(
        (got.scope.as_str(), got.decided_at),
        ("openid", Some(T0 + 10))
    );
    assert!(r.device_auths.redeem("d1").await.unwrap());
    assert!(!r.device_auths.redeem("d1").await.unwrap());
    assert_eq!(
        r.device_auths.get("d1").await.unwrap().unwrap().status,
        DeviceStatus::Redeemed
    );

    // Denied.
    r.device_auths
        .create(&pending("d3", "dc3", "uc3", "tv-app"))
        .await
        .unwrap();
    assert!(
        r.device_auths
            .decide("d3", &DeviceDecision::Deny, T0 + 5)
            .await
            .unwrap()
    );
    let got = r.device_auths.get("d3").await.unwrap().unwrap();
    assert_eq!((got.status, got.auth), (DeviceStatus::Denied, None));

    // The purge takes expired ones.
    let mut live = pending("d4", "dc4", "uc4", "tv-app");
    live.expires_at = T0 + 10_000;
    r.device_auths.create(&live).await.unwrap();
    r.maintenance.purge_expired(T0 + 600).await.unwrap();
    assert_eq!(r.device_auths.get("d1").await.unwrap(), None);
    assert_eq!(r.device_auths.get("d3").await.unwrap(), None);
    assert!(r.device_auths.get("d4").await.unwrap().is_some());
}
