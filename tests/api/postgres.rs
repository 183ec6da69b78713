//! The whole server on PostgreSQL: `spawn_app_on(Backend::Postgres)`.

use crate::helpers::{Backend, spawn_app_on};

#[tokio::test]
async fn serves_on_postgres_with_a_configured_master_key() {
    let Some(app) = spawn_app_on(Backend::Postgres).await else {
        return;
    };
    assert!(app.state.settings.database_url.starts_with("postgres"));
    let r = app.http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Signing keys were created and stored (encrypted with the master key).
    let keys = app.state.repos.signing_keys.list().await.unwrap();
    assert!(!keys.is_empty());
    // …and load back: the key set in use is the one in the database.
    let mut stored: Vec<_> = keys.iter().map(|k| k.kid.clone()).collect();
    let mut loaded = app.state.keys.current().kids();
    stored.sort();
    loaded.sort();
    assert_eq!(loaded, stored);
    let alice = app
        .create_user("alice", "correct horse battery staple")
        .await;
    assert_eq!(
        app.state
            .repos
            .users
            .get_by_username("alice")
            .await
            .unwrap()
            .unwrap()
            .userid,
        alice.userid
    );
}
