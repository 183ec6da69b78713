//! SessionRepo and AuthRequestRepo.

use latchkey::db::{AuthRequestRecord, DbError, Repos};

use super::{T0, both, session_record, user};

both!(sessions);
async fn sessions(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    let s1 = session_record("s1", "th1", &alice.userid, T0);
    let s2 = session_record("s2", "th2", &alice.userid, T0 + 5);
    let s3 = session_record("s3", "th3", &bob.userid, T0);
    for s in [&s1, &s2, &s3] {
        r.sessions.create(s).await.unwrap();
    }
    assert_eq!(r.sessions.get("s1").await.unwrap(), Some(s1.clone()));
    assert_eq!(
        r.sessions.get_by_token_hash("th2").await.unwrap(),
        Some(s2.clone())
    );
    assert_eq!(r.sessions.get("s9").await.unwrap(), None);
    assert_eq!(r.sessions.get_by_token_hash("th9").await.unwrap(), None);

    let dup = r
        .sessions
        .create(&session_record("s4", "th1", &bob.userid, T0))
        .await;
    assert!(matches!(dup, Err(DbError::Conflict("session"))), "{dup:?}");
    let dup = r
        .sessions
        .create(&session_record("s1", "th5", &bob.userid, T0))
        .await;
    assert!(matches!(dup, Err(DbError::Conflict("session"))), "{dup:?}");

    // Most recently seen first.
    let list = r.sessions.list_for_user(&alice.userid).await.unwrap();
    assert_eq!(list, [s2.clone(), s1.clone()]);
    r.sessions.touch("s1", T0 + 10).await.unwrap();
    let list = r.sessions.list_for_user(&alice.userid).await.unwrap();
    let sids: Vec<_> = list.iter().map(|s| s.sid.as_str()).collect();
    assert_eq!(sids, ["s1", "s2"]);
    assert_eq!(list[0].last_seen_at, T0 + 10);

    r.sessions.delete("s1").await.unwrap();
    assert_eq!(r.sessions.get("s1").await.unwrap(), None);
    r.sessions.delete("s1").await.unwrap();
    r.sessions.delete_for_user(&alice.userid).await.unwrap();
    assert!(
        r.sessions
            .list_for_user(&alice.userid)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(r.sessions.get("s3").await.unwrap(), Some(s3));
}

both!(auth_requests);
async fn auth_requests(r: Repos) {
    let request = AuthRequestRecord {
        id: "req-1".into(),
        client_id: "app".into(),
        params: r#"{"client_id":"app","login_hint":null,"prompt":"login","max_age":300}"#.into(),
        created_at: T0,
        expires_at: T0 + 600,
    };
    r.auth_requests.create(&request).await.unwrap();
    assert_eq!(
        r.auth_requests.get("req-1").await.unwrap(),
        Some(request.clone())
    );
    assert_eq!(r.auth_requests.get("req-2").await.unwrap(), None);
    let dup = r.auth_requests.create(&request).await;
    assert!(
        matches!(dup, Err(DbError::Conflict("authorization request"))),
        "{dup:?}"
    );
    r.auth_requests.delete("req-1").await.unwrap();
    assert_eq!(r.auth_requests.get("req-1").await.unwrap(), None);
    r.auth_requests.delete("req-1").await.unwrap();
}
