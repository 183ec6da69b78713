//! API keys: stored by hash, listed newest first, revoked once, touched,
//! and purged 30 days after they stop working.

use latchkey::db::{ApiKey, DbError, Repos};
use latchkey::domain::role::Role;

use super::{T0, both};

fn key(id: &str, created_at: i64, expires_at: i64) -> ApiKey {
    ApiKey {
        id: id.into(),
        name: format!("key {id}"),
        role: Role::Auditor,
        key_hash: format!("hash-{id}"),
        created_by: "cli".into(),
        created_at,
        expires_at,
        last_used_at: None,
        revoked_at: None,
    }
}

both!(create_find_list_revoke_touch);
async fn create_find_list_revoke_touch(r: Repos) {
    let a = key("a", T0, T0 + 3600);
    let b = ApiKey {
        role: Role::ClientManager,
        created_by: "user-1".into(),
        ..key("b", T0 + 1, T0 + 7200)
    };
    r.api_keys.create(&a).await.unwrap();
    r.api_keys.create(&b).await.unwrap();
    // The hash is unique.
    let clash = ApiKey {
        key_hash: a.key_hash.clone(),
        ..key("c", T0, T0 + 3600)
    };
    assert!(matches!(
        r.api_keys.create(&clash).await,
        Err(DbError::Conflict(_))
    ));
    assert_eq!(r.api_keys.get("a").await.unwrap(), Some(a.clone()));
    assert_eq!(r.api_keys.by_hash("hash-b").await.unwrap(), Some(b.clone()));
    assert_eq!(r.api_keys.by_hash("nope").await.unwrap(), None);
    let page = r.api_keys.list(0, 10).await.unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.items.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["b", "a"]
    );
    assert_eq!(r.api_keys.list(1, 10).await.unwrap().items, vec![a.clone()]);

    r.api_keys.touch("a", T0 + 100).await.unwrap();
    assert_eq!(
        r.api_keys.get("a").await.unwrap().unwrap().last_used_at,
        Some(T0 + 100)
    );

    r.api_keys.revoke("a", T0 + 200).await.unwrap();
    // Revoking again keeps the first time.
    r.api_keys.revoke("a", T0 + 300).await.unwrap();
    let revoked = r.api_keys.get("a").await.unwrap().unwrap();
    assert_eq!(revoked.revoked_at, Some(T0 + 200));
    assert_eq!(revoked.state(T0 + 300), "revoked");
    assert_eq!(b.state(T0 + 7199), "active");
    assert_eq!(b.state(T0 + 7200), "expired");
    assert!(matches!(
        r.api_keys.revoke("missing", T0).await,
        Err(DbError::NotFound)
    ));
}

both!(keys_are_purged_thirty_days_after_they_stop_working);
async fn keys_are_purged_thirty_days_after_they_stop_working(r: Repos) {
    const DAY: i64 = 86_400;
    let live = key("live", T0, T0 + 400 * DAY);
    let expired = key("expired", T0, T0 + DAY);
    let revoked = key("revoked", T0, T0 + 400 * DAY);
    for k in [&live, &expired, &revoked] {
        r.api_keys.create(k).await.unwrap();
    }
    r.api_keys.revoke("revoked", T0 + 2 * DAY).await.unwrap();
    // Within 30 days of expiring or revocation both stay listed.
    r.maintenance
        .purge_expired(T0 + 31 * DAY - 1)
        .await
        .unwrap();
    assert_eq!(r.api_keys.list(0, 10).await.unwrap().total, 3);
    r.maintenance.purge_expired(T0 + 32 * DAY).await.unwrap();
    let left = r.api_keys.list(0, 10).await.unwrap();
    assert_eq!(
        left.items.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["live"]
    );
}
