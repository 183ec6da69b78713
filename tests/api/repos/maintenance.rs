//! Maintenance: purging expired rows, and the readiness ping.

use latchkey::db::{AttemptRule, AuthRequestRecord, Ceremony, Invite, Repos, RevocationKind};

use super::{T0, both, refresh_record, session_record, user};

const NOW: i64 = T0 + 10_000;
const LATER: i64 = T0 + 20_000;

fn request(id: &str, expires_at: i64) -> AuthRequestRecord {
    AuthRequestRecord {
        id: id.into(),
        client_id: "app".into(),
        params: "{}".into(),
        created_at: T0,
        expires_at,
    }
}

fn ceremony(id: &str, expires_at: i64) -> Ceremony {
    Ceremony {
        id: id.into(),
        kind: "passkey_authentication".into(),
        userid: None,
        state: "{}".into(),
        expires_at,
    }
}

fn invite(id: &str, expires_at: i64) -> Invite {
    Invite {
        id: id.into(),
        token_hash: format!("th-{id}"),
        username: id.into(),
        email: None,
        groups: vec![],
        role: None,
        userid: None,
        allow_password: true,
        note: None,
        created_by: None,
        created_at: T0 - 30 * 86_400,
        expires_at,
        used_at: None,
        revoked_at: None,
        usable_from: None,
        self_service: false,
        name: None,
    }
}

/// A counter for `key` last changed at `at`, locked until `at + lock` when `lock` is set.
async fn throttle(r: &Repos, key: &str, at: i64, lock: Option<i64>) {
    let rule = AttemptRule {
        threshold: 1,
        window: 600,
        lock_base: lock.unwrap_or(1),
        lock_max: 1_000_000,
    };
    let tries = if lock.is_some() { 2 } else { 1 };
    for _ in 0..tries {
        r.throttle.count_attempt(key, at, &rule).await.unwrap();
    }
}

both!(purge_expired);
async fn purge_expired(r: Repos) {
    r.maintenance.ping().await.unwrap();
    let alice = user(&r, "alice").await;
    let u = alice.userid.as_str();

    // Expired (8 rows) and live, in every table that expires.
    r.sessions
        .create(&session_record("s-old", "th-old", u, T0))
        .await
        .unwrap();
    let mut live = session_record("s-live", "th-live", u, T0);
    live.expires_at = LATER;
    r.sessions.create(&live).await.unwrap();
    r.auth_requests
        .create(&request("req-old", T0 + 600))
        .await
        .unwrap();
    r.auth_requests
        .create(&request("req-live", LATER))
        .await
        .unwrap();
    assert!(r.codes.spend("code-old", "g", T0 + 60).await.unwrap());
    assert!(r.codes.spend("code-live", "g", LATER).await.unwrap());
    let mut old_token = refresh_record("rt-old", "fam", u);
    old_token.expires_at = NOW;
    r.refresh_tokens.create(&old_token).await.unwrap();
    r.refresh_tokens
        .create(&refresh_record("rt-live", "fam", u))
        .await
        .unwrap();
    r.revocations
        .revoke(RevocationKind::Token, "jti-old", T0 + 100)
        .await
        .unwrap();
    r.revocations
        .revoke(RevocationKind::Token, "jti-live", LATER)
        .await
        .unwrap();
    r.ceremonies
        .put(&ceremony("c-old", T0 + 100))
        .await
        .unwrap();
    r.ceremonies.put(&ceremony("c-live", LATER)).await.unwrap();
    // Invites stay a week after expiring.
    r.invites
        .create(&invite("inv-old", NOW - 7 * 86_400))
        .await
        .unwrap();
    r.invites
        .create(&invite("inv-recent", T0 + 100))
        .await
        .unwrap();
    // Throttle rows go a day after their last change, unless still locked.
    throttle(&r, "quiet", NOW - 86_400, None).await;
    throttle(&r, "locked", NOW - 90_000, Some(LATER - (NOW - 90_000))).await;
    throttle(&r, "recent", NOW - 60, None).await;

    assert_eq!(r.maintenance.purge_expired(NOW).await.unwrap(), 8);
    assert_eq!(r.maintenance.purge_expired(NOW).await.unwrap(), 0);

    assert_eq!(r.sessions.get("s-old").await.unwrap(), None);
    assert!(r.sessions.get("s-live").await.unwrap().is_some());
    assert_eq!(r.auth_requests.get("req-old").await.unwrap(), None);
    assert!(r.auth_requests.get("req-live").await.unwrap().is_some());
    // A purged spent code is forgotten (it has expired, so the token
    // endpoint refuses it anyway); a live one is still remembered.
    assert!(r.codes.spend("code-old", "g", T0 + 60).await.unwrap());
    assert!(!r.codes.spend("code-live", "g", LATER).await.unwrap());
    assert_eq!(r.refresh_tokens.get("rt-old").await.unwrap(), None);
    assert!(r.refresh_tokens.get("rt-live").await.unwrap().is_some());
    assert!(!r.revocations.is_revoked("x", "jti-old").await.unwrap());
    assert!(r.revocations.is_revoked("x", "jti-live").await.unwrap());
    assert_eq!(r.ceremonies.take("c-old", T0).await.unwrap(), None);
    assert!(r.ceremonies.take("c-live", NOW).await.unwrap().is_some());
    assert_eq!(r.invites.get("inv-old").await.unwrap(), None);
    assert!(r.invites.get("inv-recent").await.unwrap().is_some());
    assert_eq!(r.throttle.get("quiet").await.unwrap(), None);
    assert!(r.throttle.get("locked").await.unwrap().is_some());
    assert!(r.throttle.get("recent").await.unwrap().is_some());
    // Users and their credentials never expire.
    assert!(r.users.get(u).await.unwrap().is_some());
}
