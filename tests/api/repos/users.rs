//! UserRepo: profiles, usernames, groups, listing, concurrency.

use latchkey::db::{DbError, NewUser, Profile, Repos};
use latchkey::domain::role::Role;

use super::{T0, both, user};

both!(create_get_update_delete);
async fn create_get_update_delete(r: Repos) {
    let created = r
        .users
        .create(
            NewUser {
                username: "alice".into(),
                profile: Profile {
                    name: Some("Alice Liddell".into()),
                    given_name: Some("Alice".into()),
                    family_name: Some("Liddell".into()),
                    nickname: Some("al".into()),
                    email: Some("alice@example.com".into()),
                    email_verified: true,
                    phone: Some("+44 20 7946 0000".into()),
                    phone_verified: false,
                    picture: Some("https://example.com/a.png".into()),
                    locale: Some("en-GB".into()),
                },
                groups: vec!["staff".into(), "admin".into(), "staff".into()],
                ..NewUser::default()
            },
            T0,
        )
        .await
        .unwrap();
    assert_eq!(
        created.groups,
        ["admin", "staff"],
        "sorted, without duplicates"
    );
    assert!(created.active);
    assert_eq!(
        created.userid.len(),
        11,
        "a proquint pair: {}",
        created.userid
    );

    let by_id = r.users.get(&created.userid).await.unwrap().unwrap();
    assert_eq!(by_id, created);
    let by_name = r.users.get_by_username("alice").await.unwrap().unwrap();
    assert_eq!(by_name, created);
    assert_eq!(r.users.get("nope-nope").await.unwrap(), None);
    assert_eq!(r.users.get_by_username("bob").await.unwrap(), None);

    let profile = Profile {
        name: Some("Alice Hargreaves".into()),
        email: Some("alice@hargreaves.example".into()),
        email_verified: false,
        phone_verified: true,
        ..Profile::default()
    };
    r.users
        .update_profile(&created.userid, &profile, T0 + 10)
        .await
        .unwrap();
    let updated = r.users.get(&created.userid).await.unwrap().unwrap();
    assert_eq!(updated.profile, profile);
    assert_eq!(updated.updated_at, T0 + 10);
    assert_eq!(updated.created_at, T0);
    assert!(matches!(
        r.users.update_profile("nope-nope", &profile, T0).await,
        Err(DbError::NotFound)
    ));

    r.users
        .set_username(&created.userid, "alice2", T0 + 20)
        .await
        .unwrap();
    assert_eq!(r.users.get_by_username("alice").await.unwrap(), None);
    let renamed = r.users.get_by_username("alice2").await.unwrap().unwrap();
    assert_eq!(renamed.userid, created.userid);
    assert_eq!(renamed.updated_at, T0 + 20);
    assert!(matches!(
        r.users.set_username("nope-nope", "x", T0).await,
        Err(DbError::NotFound)
    ));

    r.users
        .set_active(&created.userid, false, T0 + 30)
        .await
        .unwrap();
    assert!(!r.users.get(&created.userid).await.unwrap().unwrap().active);
    r.users
        .set_active(&created.userid, true, T0 + 31)
        .await
        .unwrap();
    assert!(r.users.get(&created.userid).await.unwrap().unwrap().active);
    assert!(matches!(
        r.users.set_active("nope-nope", true, T0).await,
        Err(DbError::NotFound)
    ));

    r.users.delete(&created.userid).await.unwrap();
    assert_eq!(r.users.get(&created.userid).await.unwrap(), None);
    assert!(matches!(
        r.users.delete(&created.userid).await,
        Err(DbError::NotFound)
    ));
}

both!(username_and_userid_collisions_are_conflicts);
async fn username_and_userid_collisions_are_conflicts(r: Repos) {
    let alice = user(&r, "alice").await;
    let again = r
        .users
        .create(
            NewUser {
                username: "alice".into(),
                ..NewUser::default()
            },
            T0,
        )
        .await;
    assert!(
        matches!(again, Err(DbError::Conflict("username"))),
        "{again:?}"
    );

    // A reserved userid is kept as given, and cannot be taken twice.
    let reserved = r
        .users
        .create(
            NewUser {
                userid: Some("babab-dadad".into()),
                username: "bob".into(),
                ..NewUser::default()
            },
            T0,
        )
        .await
        .unwrap();
    assert_eq!(reserved.userid, "babab-dadad");
    let taken = r
        .users
        .create(
            NewUser {
                userid: Some(alice.userid.clone()),
                username: "carol".into(),
                ..NewUser::default()
            },
            T0,
        )
        .await;
    assert!(
        matches!(taken, Err(DbError::Conflict("userid"))),
        "{taken:?}"
    );
    assert_eq!(r.users.get_by_username("carol").await.unwrap(), None);

    // Renaming onto a taken username is a conflict too, and changes nothing.
    let renamed = r.users.set_username(&reserved.userid, "alice", T0).await;
    assert!(
        matches!(renamed, Err(DbError::Conflict("username"))),
        "{renamed:?}"
    );
    assert_eq!(
        r.users
            .get(&reserved.userid)
            .await
            .unwrap()
            .unwrap()
            .username,
        "bob"
    );
}

both!(groups_and_admins);
async fn groups_and_admins(r: Repos) {
    assert!(!r.users.any_owner().await.unwrap());
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    assert!(alice.groups.is_empty());

    r.users
        .set_groups(&alice.userid, &["staff".into(), "admin".into()], T0 + 1)
        .await
        .unwrap();
    r.users
        .set_groups(&bob.userid, &["staff".into()], T0 + 1)
        .await
        .unwrap();
    let a = r.users.get(&alice.userid).await.unwrap().unwrap();
    assert_eq!(a.groups, ["admin", "staff"]);
    // A group named "admin" confers nothing: roles do.
    assert!(!a.is_admin());
    assert!(!r.users.any_owner().await.unwrap());
    r.users
        .set_role(&alice.userid, Some(Role::Owner), T0 + 1)
        .await
        .unwrap();
    let a = r.users.get(&alice.userid).await.unwrap().unwrap();
    assert_eq!(a.role, Some(Role::Owner));
    assert!(a.is_admin());
    assert_eq!(a.updated_at, T0 + 1);
    assert_eq!(
        r.users.get(&bob.userid).await.unwrap().unwrap().groups,
        ["staff"]
    );
    assert!(r.users.any_owner().await.unwrap());

    // An inactive owner does not count.
    r.users
        .set_active(&alice.userid, false, T0 + 2)
        .await
        .unwrap();
    assert!(!r.users.any_owner().await.unwrap());
    r.users
        .set_active(&alice.userid, true, T0 + 3)
        .await
        .unwrap();

    // Replacing, not adding; the shared group survives for bob.
    r.users
        .set_groups(&alice.userid, &["readers".into()], T0 + 4)
        .await
        .unwrap();
    assert_eq!(
        r.users.get(&alice.userid).await.unwrap().unwrap().groups,
        ["readers"]
    );
    assert_eq!(
        r.users.get(&bob.userid).await.unwrap().unwrap().groups,
        ["staff"]
    );
    // Groups and roles are independent.
    assert!(r.users.any_owner().await.unwrap());
    for role in [Some(Role::Auditor), None] {
        r.users.set_role(&alice.userid, role, T0 + 5).await.unwrap();
        let a = r.users.get(&alice.userid).await.unwrap().unwrap();
        assert_eq!(a.role, role);
        assert_eq!(a.groups, ["readers"]);
    }
    assert!(!r.users.any_owner().await.unwrap());
    assert!(matches!(
        r.users.set_role("nope-nope", Some(Role::Owner), T0).await,
        Err(DbError::NotFound)
    ));

    r.users.set_groups(&bob.userid, &[], T0 + 5).await.unwrap();
    assert!(
        r.users
            .get(&bob.userid)
            .await
            .unwrap()
            .unwrap()
            .groups
            .is_empty()
    );
    assert!(matches!(
        r.users.set_groups("nope-nope", &["x".into()], T0).await,
        Err(DbError::NotFound)
    ));
}

both!(list_searches_and_pages);
async fn list_searches_and_pages(r: Repos) {
    for i in (0..25).rev() {
        user(&r, &format!("user{i:02}")).await;
    }
    r.users
        .create(
            NewUser {
                username: "zed".into(),
                profile: Profile {
                    name: Some("Zed 100%_Real".into()),
                    email: Some("Zed@Mail.Example".into()),
                    ..Profile::default()
                },
                ..NewUser::default()
            },
            T0,
        )
        .await
        .unwrap();

    let first = r.users.list(None, 0, 10).await.unwrap();
    assert_eq!(first.total, 26);
    let names: Vec<_> = first.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(
        names,
        [
            "user00", "user01", "user02", "user03", "user04", "user05", "user06", "user07",
            "user08", "user09"
        ]
    );
    let last = r.users.list(None, 20, 10).await.unwrap();
    assert_eq!(last.total, 26);
    let names: Vec<_> = last.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(
        names,
        ["user20", "user21", "user22", "user23", "user24", "zed"]
    );
    assert!(r.users.list(None, 30, 10).await.unwrap().items.is_empty());
    assert_eq!(r.users.list(Some(""), 0, 100).await.unwrap().total, 26);

    // By username, name or email; ASCII case does not matter.
    let hits = r.users.list(Some("user1"), 0, 100).await.unwrap();
    assert_eq!(hits.total, 10);
    assert_eq!(hits.items.len(), 10);
    let hits = r.users.list(Some("USER07 exa"), 0, 100).await.unwrap();
    assert_eq!(hits.total, 1, "name match");
    assert_eq!(hits.items[0].username, "user07");
    let hits = r.users.list(Some("zed@mail"), 0, 100).await.unwrap();
    assert_eq!(hits.total, 1, "email match");
    // Wildcards are literal.
    let hits = r.users.list(Some("100%_"), 0, 100).await.unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(hits.items[0].username, "zed");
    assert_eq!(r.users.list(Some("%"), 0, 100).await.unwrap().total, 1);
    assert_eq!(r.users.list(Some("user_1"), 0, 100).await.unwrap().total, 0);
    assert_eq!(r.users.list(Some("nobody"), 0, 100).await.unwrap().total, 0);
    // Paging applies to search results.
    let page = r.users.list(Some("user"), 5, 3).await.unwrap();
    assert_eq!(page.total, 25);
    let names: Vec<_> = page.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["user05", "user06", "user07"]);
}

both!(sixteen_concurrent_writers);
async fn sixteen_concurrent_writers(r: Repos) {
    // 16 tasks, each creating users with groups and changing them: every
    // call succeeds (no SQLITE_BUSY, no deadlock, no serialization error).
    let mut tasks = Vec::new();
    for t in 0..16 {
        let r = r.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..8 {
                let u = r
                    .users
                    .create(
                        NewUser {
                            username: format!("w{t}-{i}"),
                            groups: vec!["shared".into(), format!("team{}", i % 3)],
                            ..NewUser::default()
                        },
                        T0,
                    )
                    .await?;
                r.users
                    .set_groups(
                        &u.userid,
                        &[format!("team{}", (i + 1) % 3), "shared".into()],
                        T0,
                    )
                    .await?;
                r.passwords.set(&u.userid, "$argon2id$x", T0).await?;
                r.users.set_active(&u.userid, i % 2 == 0, T0).await?;
            }
            Ok::<_, latchkey::db::DbError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let all = r.users.list(None, 0, 1000).await.unwrap();
    assert_eq!(all.total, 128);
    assert!(
        all.items
            .iter()
            .all(|u| u.groups.len() == 2 && u.groups.contains(&"shared".to_owned()))
    );

    // 16 tasks racing for one username: exactly one wins, the rest conflict.
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let r = r.clone();
        tasks.push(tokio::spawn(async move {
            r.users
                .create(
                    NewUser {
                        username: "contested".into(),
                        ..NewUser::default()
                    },
                    T0,
                )
                .await
        }));
    }
    let mut wins = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => wins += 1,
            Err(DbError::Conflict("username")) => {}
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    assert_eq!(wins, 1);
}

both!(deleting_a_user_removes_what_hangs_off_it);
async fn deleting_a_user_removes_what_hangs_off_it(r: Repos) {
    let alice = user(&r, "alice").await;
    r.passwords
        .set(&alice.userid, "$argon2id$h", T0)
        .await
        .unwrap();
    r.passkeys
        .add(&super::credentials::passkey_record(
            "pk1",
            &alice.userid,
            "cred-1",
        ))
        .await
        .unwrap();
    r.sessions
        .create(&super::session_record("s1", "th1", &alice.userid, T0))
        .await
        .unwrap();
    r.clients
        .create(&super::client_record("app", "App"))
        .await
        .unwrap();
    r.consents
        .put(&alice.userid, "app", &["openid".into()], T0)
        .await
        .unwrap();
    r.users
        .set_groups(&alice.userid, &["admin".into()], T0)
        .await
        .unwrap();
    r.users
        .set_role(&alice.userid, Some(Role::Owner), T0)
        .await
        .unwrap();

    r.users.delete(&alice.userid).await.unwrap();
    assert_eq!(r.passwords.get(&alice.userid).await.unwrap(), None);
    assert!(
        r.passkeys
            .list_for_user(&alice.userid)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.passkeys.get_by_credential_id("cred-1").await.unwrap(),
        None
    );
    assert_eq!(r.sessions.get("s1").await.unwrap(), None);
    assert_eq!(r.consents.get(&alice.userid, "app").await.unwrap(), None);
    assert!(!r.users.any_owner().await.unwrap());
    // The username is free again.
    user(&r, "alice").await;
}

both!(a_deleted_users_userid_is_never_issued_again);
/// PRODUCT.md §6: the userid (the OIDC `sub`) is non-reassignable. A
/// deletion leaves a tombstone, so a new user cannot be given the old id,
/// while the username is free again.
async fn a_deleted_users_userid_is_never_issued_again(r: Repos) {
    let alice = user(&r, "alice").await;
    r.users.delete(&alice.userid).await.unwrap();
    assert_eq!(r.users.get(&alice.userid).await.unwrap(), None);

    let reissued = r
        .users
        .create(
            NewUser {
                userid: Some(alice.userid.clone()),
                username: "mallory".into(),
                ..NewUser::default()
            },
            T0,
        )
        .await;
    assert!(
        matches!(reissued, Err(DbError::Conflict("userid"))),
        "{reissued:?}"
    );
    assert_eq!(r.users.get(&alice.userid).await.unwrap(), None);
    assert_eq!(r.users.get_by_username("mallory").await.unwrap(), None);

    // The username itself is free again, under a new userid.
    let again = user(&r, "alice").await;
    assert_ne!(again.userid, alice.userid);
    // Deleting twice is still "not found", and the tombstone stays.
    assert!(matches!(
        r.users.delete(&alice.userid).await,
        Err(DbError::NotFound)
    ));
}

both!(groups_and_listings_sort_by_bytes_on_both_backends);
async fn groups_and_listings_sort_by_bytes_on_both_backends(r: Repos) {
    let alice = user(&r, "alice").await;
    let groups = ["staff", "Zeta", "émigrés", "admin", "staff", "Admin"].map(String::from);
    r.users
        .set_groups(&alice.userid, &groups, T0 + 1)
        .await
        .unwrap();
    assert_eq!(
        r.users.get(&alice.userid).await.unwrap().unwrap().groups,
        ["Admin", "Zeta", "admin", "staff", "émigrés"],
        "byte order, without duplicates"
    );
    let created = r
        .users
        .create(
            NewUser {
                username: "a_b".into(),
                groups: groups.to_vec(),
                ..NewUser::default()
            },
            T0,
        )
        .await
        .unwrap();
    assert_eq!(
        created.groups,
        ["Admin", "Zeta", "admin", "staff", "émigrés"]
    );
    assert_eq!(
        r.users.get(&created.userid).await.unwrap().unwrap().groups,
        created.groups
    );

    // Only valid usernames, which differ in punctuation: byte order puts
    // '-' < '.' < '0' < '@' < '_' < 'b', where a locale collation that
    // ignores punctuation would not. A negative offset is none and a
    // negative limit is no limit.
    for name in ["ab", "a@b", "a0", "a.b", "a-b"] {
        user(&r, name).await;
    }
    let page = r.users.list(None, -3, -1).await.unwrap();
    let names: Vec<_> = page.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["a-b", "a.b", "a0", "a@b", "a_b", "ab", "alice"]);
    assert_eq!(page.total, 7);
}

/// Each statement spoils the stored username of `spoilt` in a way
/// `Username` refuses (not normalized, not ASCII, empty, bad first char).
const SPOILT_USERNAMES: &[&str] = &["Spoilt", "émile", " spoilt", "", "-spoilt"];

/// Stores each spoilt username with `raw` and checks that reading the user,
/// by userid, by username or in a listing, fails as corrupt instead of
/// yielding the value.
async fn spoilt_usernames_are_refused(r: Repos, raw: impl AsyncFn(String)) {
    let spoilt = user(&r, "spoilt").await;
    for bad in SPOILT_USERNAMES {
        raw(format!(
            "UPDATE users SET username = '{bad}' WHERE userid = '{}'",
            spoilt.userid
        ))
        .await;
        let got = r.users.get(&spoilt.userid).await;
        assert!(matches!(got, Err(DbError::Corrupt(_))), "{bad:?}: {got:?}");
        let by_name = r.users.get_by_username(bad).await;
        assert!(
            matches!(by_name, Err(DbError::Corrupt(_))),
            "{bad:?}: {by_name:?}"
        );
        let listed = r.users.list(None, 0, 10).await;
        assert!(
            matches!(listed, Err(DbError::Corrupt(_))),
            "{bad:?}: {listed:?}"
        );
        raw(format!(
            "UPDATE users SET username = 'spoilt' WHERE userid = '{}'",
            spoilt.userid
        ))
        .await;
        assert_eq!(
            r.users.get(&spoilt.userid).await.unwrap(),
            Some(spoilt.clone())
        );
    }
    // Nor is one written in the first place.
    let refused = r
        .users
        .create(
            NewUser {
                username: "Bob".into(),
                ..NewUser::default()
            },
            T0,
        )
        .await;
    assert!(matches!(refused, Err(DbError::Corrupt(_))), "{refused:?}");
    assert_eq!(r.users.get_by_username("Bob").await.unwrap(), None);
    assert_eq!(r.users.get_by_username("bob").await.unwrap(), None);
}

mod corrupt_usernames_are_refused {
    use super::spoilt_usernames_are_refused;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("repos.db").display());
        let r = latchkey::db::connect(&url).await.unwrap();
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        spoilt_usernames_are_refused(r, async |sql| {
            sqlx::query(&sql).execute(&pool).await.unwrap();
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        let Some((url, _guard)) = crate::helpers::fresh_postgres_url().await else {
            crate::helpers::skip_postgres();
            return;
        };
        let r = latchkey::db::connect(&url).await.unwrap();
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        spoilt_usernames_are_refused(r, async |sql| {
            sqlx::query(&sql).execute(&pool).await.unwrap();
        })
        .await;
        pool.close().await;
    }
}

both!(users_are_found_by_verified_email_only);
async fn users_are_found_by_verified_email_only(r: Repos) {
    let alice = user(&r, "alice").await;
    let _bob = user(&r, "bob").await;
    // Unverified: not found.
    assert!(
        r.users
            .list_by_verified_email("alice@example.com")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        r.users
            .mark_email_verified(&alice.userid, "alice@example.com", T0 + 1)
            .await
            .unwrap()
    );
    // Verified: found, whatever the case of the address typed.
    let found = r
        .users
        .list_by_verified_email("Alice@Example.COM")
        .await
        .unwrap();
    let names: Vec<_> = found.iter().map(|u| u.username.to_string()).collect();
    assert_eq!(names, ["alice"]);
    assert!(
        r.users
            .list_by_verified_email("bob@example.com")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        r.users
            .list_by_verified_email("nobody@example.com")
            .await
            .unwrap()
            .is_empty()
    );
}

both!(one_account_per_address_under_concurrent_creations);
async fn one_account_per_address_under_concurrent_creations(r: Repos) {
    let with_address = |username: String, email: &str| NewUser {
        username,
        profile: Profile {
            email: Some(email.into()),
            email_verified: true,
            ..Profile::default()
        },
        ..NewUser::default()
    };
    // Sixteen creations for one address (in different cases), released
    // together: whatever the interleaving, exactly one makes an account.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(16));
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (r, barrier) = (r.clone(), barrier.clone());
        let email = if i % 2 == 0 {
            "Pat@Example.com"
        } else {
            "pat@example.COM"
        };
        let user = with_address(format!("pat{i}"), email);
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            r.users.create_with_free_address(user, T0).await
        }));
    }
    let mut made = Vec::new();
    for task in tasks {
        if let Some(user) = task.await.unwrap().unwrap() {
            made.push(user);
        }
    }
    assert_eq!(made.len(), 1, "{made:?}");
    let stored = r.users.list(Some("example.com"), 0, 100).await.unwrap();
    assert_eq!(stored.total, 1, "{:?}", stored.items);
    assert_eq!(stored.items[0].userid, made[0].userid);

    // Later ones too, in any case; another address and no address are free.
    let again = with_address("pat-again".into(), "PAT@EXAMPLE.COM");
    assert!(
        r.users
            .create_with_free_address(again, T0)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        r.users
            .get_by_username("pat-again")
            .await
            .unwrap()
            .is_none()
    );
    let other = with_address("sam".into(), "sam@example.com");
    let sam = r.users.create_with_free_address(other, T0).await.unwrap();
    assert_eq!(
        sam.unwrap().profile.email.as_deref(),
        Some("sam@example.com")
    );
    let nobody = NewUser {
        username: "nomail".into(),
        ..NewUser::default()
    };
    assert!(
        r.users
            .create_with_free_address(nobody, T0)
            .await
            .unwrap()
            .is_some()
    );
    // A taken username is still a conflict, not an address refusal.
    let clash = with_address("sam".into(), "fresh@example.com");
    assert!(matches!(
        r.users.create_with_free_address(clash, T0).await,
        Err(DbError::Conflict("username"))
    ));
}
