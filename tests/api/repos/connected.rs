//! `ConsentRepo::touch` and `::connected_apps`,
//! `RefreshTokenRepo::revoke_for_client`, `UserRepo::mark_email_verified`
//! and `EmailVerificationRepo`.

use latchkey::db::{DbError, EmailVerification, Repos};

use super::{T0, both, client_record, refresh_record, user};

/// A refresh token of `family` issued to `client_id`.
fn token_for(
    hash: &str,
    family: &str,
    userid: &str,
    client_id: &str,
) -> latchkey::db::RefreshToken {
    let mut t = refresh_record(hash, family, userid);
    t.client_id = client_id.parse().unwrap();
    t
}

/// When the first connected app of `userid` was last used.
async fn last_used(r: &Repos, userid: &str) -> Option<i64> {
    r.consents.connected_apps(userid, T0 + 1).await.unwrap()[0].last_used_at
}

both!(connected_apps);
async fn connected_apps(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    for (id, name) in [
        ("app", "Zeta App"),
        ("wiki", "Alpha Wiki"),
        ("other", "Other"),
    ] {
        r.clients.create(&client_record(id, name)).await.unwrap();
    }
    let apps = r.consents.connected_apps(&alice.userid, T0).await.unwrap();
    assert!(apps.is_empty());

    // A consent without tokens, tokens without a consent (a client that
    // skips consent), and bob's consent elsewhere.
    let scopes = ["openid".to_owned(), "email".to_owned()];
    r.consents
        .put(&alice.userid, "wiki", &scopes, T0)
        .await
        .unwrap();
    r.refresh_tokens
        .create(&refresh_record("rt-1", "fam-1", &alice.userid))
        .await
        .unwrap();
    r.consents
        .put(&bob.userid, "other", &scopes, T0)
        .await
        .unwrap();
    let apps = r
        .consents
        .connected_apps(&alice.userid, T0 + 1)
        .await
        .unwrap();
    let names: Vec<_> = apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Alpha Wiki", "Zeta App"]);
    assert_eq!(apps[0].client_id, "wiki");
    assert_eq!(apps[0].scopes, scopes);
    assert_eq!(apps[0].granted_at, Some(T0));
    assert_eq!(apps[0].last_used_at, None);
    assert_eq!(apps[1].scopes, ["openid", "offline_access"]);
    assert_eq!(apps[1].granted_at, None);
    assert_eq!(apps[1].last_used_at, Some(T0));

    // Use is written, but at most once a minute; nothing without a consent.
    r.consents
        .touch(&alice.userid, "wiki", T0 + 100)
        .await
        .unwrap();
    assert_eq!(last_used(&r, &alice.userid).await, Some(T0 + 100));
    r.consents
        .touch(&alice.userid, "wiki", T0 + 130)
        .await
        .unwrap();
    assert_eq!(last_used(&r, &alice.userid).await, Some(T0 + 100));
    r.consents
        .touch(&alice.userid, "wiki", T0 + 160)
        .await
        .unwrap();
    assert_eq!(last_used(&r, &alice.userid).await, Some(T0 + 160));
    r.consents
        .touch(&alice.userid, "app", T0 + 160)
        .await
        .unwrap();
    assert_eq!(r.consents.get(&alice.userid, "app").await.unwrap(), None);

    // A family whose tokens have expired connects nothing any more.
    let later = r
        .consents
        .connected_apps(&alice.userid, T0 + 86_400)
        .await
        .unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].client_id, "wiki");

    // Revoking one client's families for one user.
    for t in [
        token_for("rt-2", "fam-2", &alice.userid, "app"),
        token_for("rt-3", "fam-3", &alice.userid, "wiki"),
        token_for("rt-4", "fam-4", &bob.userid, "app"),
    ] {
        r.refresh_tokens.create(&t).await.unwrap();
    }
    let families = r
        .refresh_tokens
        .revoke_for_client(&alice.userid, "app", T0 + 5)
        .await
        .unwrap();
    assert_eq!(families, ["fam-1", "fam-2"]);
    let again = r
        .refresh_tokens
        .revoke_for_client(&alice.userid, "app", T0 + 6)
        .await
        .unwrap();
    assert!(again.is_empty());
    for (hash, revoked) in [
        ("rt-1", true),
        ("rt-2", true),
        ("rt-3", false),
        ("rt-4", false),
    ] {
        let t = r.refresh_tokens.get(hash).await.unwrap().unwrap();
        assert_eq!(t.revoked_at.is_some(), revoked, "{hash}");
    }
    let apps = r
        .consents
        .connected_apps(&alice.userid, T0 + 7)
        .await
        .unwrap();
    let ids: Vec<_> = apps.iter().map(|a| a.client_id.as_str()).collect();
    assert_eq!(ids, ["wiki"]);
}

both!(email_verification_links);
async fn email_verification_links(r: Repos) {
    let alice = user(&r, "alice").await;
    let link = EmailVerification {
        token_hash: "h-1".into(),
        userid: alice.userid.clone(),
        email: "alice@example.com".into(),
        created_at: T0,
        expires_at: T0 + 100,
        used_at: None,
    };
    r.email_verifications.create(&link).await.unwrap();
    assert_eq!(
        r.email_verifications.get("h-1").await.unwrap(),
        Some(link.clone())
    );
    assert_eq!(r.email_verifications.get("h-9").await.unwrap(), None);
    let dup = r.email_verifications.create(&link).await;
    assert!(
        matches!(dup, Err(DbError::Conflict("verification link"))),
        "{dup:?}"
    );
    // Spent once, only before it expires.
    assert!(!r.email_verifications.spend("h-1", T0 + 100).await.unwrap());
    assert!(r.email_verifications.spend("h-1", T0 + 10).await.unwrap());
    assert!(!r.email_verifications.spend("h-1", T0 + 11).await.unwrap());
    assert!(!r.email_verifications.spend("h-9", T0 + 11).await.unwrap());
    let spent = r.email_verifications.get("h-1").await.unwrap().unwrap();
    assert_eq!(spent.used_at, Some(T0 + 10));

    // The address is verified only while it is the one named.
    let users = &r.users;
    assert!(
        !users
            .mark_email_verified(&alice.userid, "old@example.com", T0)
            .await
            .unwrap()
    );
    assert!(
        !users
            .get(&alice.userid)
            .await
            .unwrap()
            .unwrap()
            .profile
            .email_verified
    );
    assert!(
        users
            .mark_email_verified(&alice.userid, "alice@example.com", T0)
            .await
            .unwrap()
    );
    assert!(
        users
            .get(&alice.userid)
            .await
            .unwrap()
            .unwrap()
            .profile
            .email_verified
    );
    assert!(
        !users
            .mark_email_verified("nobody", "alice@example.com", T0)
            .await
            .unwrap()
    );

    // Expired links are purged; a user's links go with the user.
    let second = EmailVerification {
        token_hash: "h-2".into(),
        expires_at: T0 + 1000,
        ..link
    };
    r.email_verifications.create(&second).await.unwrap();
    r.maintenance.purge_expired(T0 + 100).await.unwrap();
    assert_eq!(r.email_verifications.get("h-1").await.unwrap(), None);
    assert!(r.email_verifications.get("h-2").await.unwrap().is_some());
    r.users.delete(&alice.userid).await.unwrap();
    assert_eq!(r.email_verifications.get("h-2").await.unwrap(), None);
}
