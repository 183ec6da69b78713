//! InviteRepo: creation, lookup, single use, revocation, listing.

use latchkey::db::{DbError, Invite, Repos};

use super::{T0, both, user};

fn invite_record(id: &str, token_hash: &str, created_at: i64) -> Invite {
    Invite {
        id: id.into(),
        token_hash: token_hash.into(),
        username: format!("new-{id}"),
        email: Some(format!("{id}@example.com")),
        groups: vec!["staff".into(), "readers".into()],
        role: None,
        userid: None,
        allow_password: true,
        note: Some("welcome".into()),
        created_by: Some("cli".into()),
        created_at,
        expires_at: created_at + 86_400,
        used_at: None,
        revoked_at: None,
        usable_from: None,
        self_service: false,
        name: None,
    }
}

both!(create_get_list_revoke);
async fn create_get_list_revoke(r: Repos) {
    let alice = user(&r, "alice").await;
    let mut recovery = invite_record("inv-1", "th-1", T0);
    recovery.userid = Some(alice.userid.clone());
    recovery.role = Some(latchkey::domain::role::Role::UserManager);
    recovery.allow_password = false;
    recovery.email = None;
    recovery.note = None;
    recovery.usable_from = Some(T0 + 600);
    recovery.self_service = true;
    r.invites.create(&recovery).await.unwrap();
    for i in 2..=5 {
        r.invites
            .create(&invite_record(
                &format!("inv-{i}"),
                &format!("th-{i}"),
                T0 + i,
            ))
            .await
            .unwrap();
    }

    assert_eq!(
        r.invites.get("inv-1").await.unwrap(),
        Some(recovery.clone())
    );
    assert_eq!(
        r.invites.get_by_token_hash("th-1").await.unwrap(),
        Some(recovery.clone())
    );
    assert_eq!(r.invites.get("inv-9").await.unwrap(), None);
    assert_eq!(r.invites.get_by_token_hash("th-9").await.unwrap(), None);

    let dup = r.invites.create(&invite_record("inv-6", "th-1", T0)).await;
    assert!(
        matches!(dup, Err(DbError::Conflict("invite token"))),
        "{dup:?}"
    );
    let dup = r.invites.create(&invite_record("inv-1", "th-7", T0)).await;
    assert!(matches!(dup, Err(DbError::Conflict(_))), "{dup:?}");

    // Newest first, paged.
    let page = r.invites.list(0, 2).await.unwrap();
    assert_eq!(page.total, 5);
    let ids: Vec<_> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["inv-5", "inv-4"]);
    let page = r.invites.list(4, 2).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["inv-1"]);

    r.invites.revoke("inv-2", T0 + 50).await.unwrap();
    // Revoking again keeps the first time.
    r.invites.revoke("inv-2", T0 + 60).await.unwrap();
    assert_eq!(
        r.invites.get("inv-2").await.unwrap().unwrap().revoked_at,
        Some(T0 + 50)
    );
    assert!(matches!(
        r.invites.revoke("inv-9", T0).await,
        Err(DbError::NotFound)
    ));
}

both!(mark_used_only_once);
async fn mark_used_only_once(r: Repos) {
    r.invites
        .create(&invite_record("a", "th-a", T0))
        .await
        .unwrap();
    assert!(r.invites.mark_used("a", T0 + 10).await.unwrap());
    assert!(!r.invites.mark_used("a", T0 + 11).await.unwrap());
    assert_eq!(
        r.invites.get("a").await.unwrap().unwrap().used_at,
        Some(T0 + 10)
    );

    // Revoked or expired invites cannot be used; unknown ones neither.
    r.invites
        .create(&invite_record("b", "th-b", T0))
        .await
        .unwrap();
    r.invites.revoke("b", T0 + 1).await.unwrap();
    assert!(!r.invites.mark_used("b", T0 + 2).await.unwrap());
    r.invites
        .create(&invite_record("c", "th-c", T0))
        .await
        .unwrap();
    assert!(!r.invites.mark_used("c", T0 + 86_400).await.unwrap());
    assert_eq!(r.invites.get("c").await.unwrap().unwrap().used_at, None);
    assert!(!r.invites.mark_used("zzz", T0).await.unwrap());

    // 16 racing redemptions: exactly one succeeds.
    r.invites
        .create(&invite_record("d", "th-d", T0))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let r = r.clone();
        tasks.push(tokio::spawn(async move {
            r.invites.mark_used("d", T0 + i).await
        }));
    }
    let mut wins = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

both!(recovery_links_wait_and_are_listed_per_user);
async fn recovery_links_wait_and_are_listed_per_user(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    let mut waiting = invite_record("w", "th-w", T0);
    waiting.userid = Some(alice.userid.clone());
    waiting.usable_from = Some(T0 + 100);
    waiting.self_service = true;
    r.invites.create(&waiting).await.unwrap();
    let mut other = invite_record("o", "th-o", T0 + 1);
    other.userid = Some(bob.userid.clone());
    r.invites.create(&other).await.unwrap();
    r.invites
        .create(&invite_record("n", "th-n", T0 + 2))
        .await
        .unwrap();
    // Not before usable_from; from then on, once.
    assert!(!r.invites.mark_used("w", T0 + 99).await.unwrap());
    assert_eq!(r.invites.get("w").await.unwrap().unwrap().used_at, None);
    assert!(r.invites.mark_used("w", T0 + 100).await.unwrap());
    assert!(!r.invites.mark_used("w", T0 + 101).await.unwrap());
    // Each user's recovery invites, and only theirs.
    let listed = r.invites.list_for_user(&alice.userid).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["w"]);
    assert!(listed[0].self_service);
    assert_eq!(listed[0].usable_from, Some(T0 + 100));
    let ids: Vec<_> = r
        .invites
        .list_for_user(&bob.userid)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["o"]);
}
