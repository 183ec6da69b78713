//! ClientRepo.

use latchkey::db::{DbError, Repos};
use latchkey::domain::grant_type::GrantType;

use super::{T0, both, client_record, user};

both!(clients);
async fn clients(r: Repos) {
    let mut spa = client_record("spa", "Beta SPA");
    spa.secret_hash = None;
    spa.public = true;
    spa.redirect_uris = vec![
        "https://spa.example/cb".into(),
        "http://127.0.0.1/cb".into(),
    ];
    spa.post_logout_redirect_uris = vec!["https://spa.example/bye".into()];
    spa.scopes = vec!["latchkey:admin".into()];
    spa.skip_consent = true;
    spa.resource_server = true;
    spa.id_token_alg = latchkey::domain::signing_alg::SigningAlg::ES256;
    r.clients.create(&spa).await.unwrap();
    r.clients
        .create(&client_record("wiki", "Alpha Wiki"))
        .await
        .unwrap();
    r.clients
        .create(&client_record("chat", "Gamma Chat"))
        .await
        .unwrap();

    assert_eq!(r.clients.get("spa").await.unwrap(), Some(spa.clone()));
    assert_eq!(r.clients.get("nope").await.unwrap(), None);
    let dup = r.clients.create(&client_record("spa", "Again")).await;
    assert!(
        matches!(dup, Err(DbError::Conflict("client_id"))),
        "{dup:?}"
    );

    // Ordered by name, paged.
    let page = r.clients.list(0, 2).await.unwrap();
    assert_eq!(page.total, 3);
    let ids: Vec<_> = page.items.iter().map(|c| c.client_id.as_str()).collect();
    assert_eq!(ids, ["wiki", "spa"]);
    let page = r.clients.list(2, 2).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|c| c.client_id.as_str()).collect();
    assert_eq!(ids, ["chat"]);

    // Update replaces every field but the id and creation time.
    let mut changed = client_record("spa", "Beta SPA v2");
    changed.created_at = T0 + 999;
    changed.updated_at = T0 + 50;
    changed.grant_types = vec![GrantType::ClientCredentials];
    changed.skip_consent = false;
    changed.resource_server = true;
    r.clients.update(&changed).await.unwrap();
    let stored = r.clients.get("spa").await.unwrap().unwrap();
    assert_eq!(stored.created_at, T0);
    changed.created_at = T0;
    assert_eq!(stored, changed);
    assert!(matches!(
        r.clients.update(&client_record("nope", "x")).await,
        Err(DbError::NotFound)
    ));

    // Deleting a client forgets the consents given to it.
    let alice = user(&r, "alice").await;
    r.consents
        .put(&alice.userid, "wiki", &["openid".into()], T0)
        .await
        .unwrap();
    r.clients.delete("wiki").await.unwrap();
    assert_eq!(r.clients.get("wiki").await.unwrap(), None);
    assert_eq!(r.consents.get(&alice.userid, "wiki").await.unwrap(), None);
    assert!(matches!(
        r.clients.delete("wiki").await,
        Err(DbError::NotFound)
    ));
    assert_eq!(r.clients.list(0, 10).await.unwrap().total, 2);
}

/// Each statement spoils one stored value of client `spoilt` in a way the
/// domain types refuse; the id it is stored under afterwards.
const SPOILERS: &[(&str, &str)] = &[
    (
        "UPDATE clients SET id_token_alg = 'HS256' WHERE client_id = 'spoilt'",
        "spoilt",
    ),
    (
        "UPDATE clients SET grant_types = '[\"implicit\"]' WHERE client_id = 'spoilt'",
        "spoilt",
    ),
    (
        "UPDATE clients SET client_id = 'spoilt one' WHERE client_id = 'spoilt'",
        "spoilt one",
    ),
];

/// Applies each spoiler with `raw` and checks that reading the client fails
/// as corrupt instead of falling back to a default.
async fn spoilt_values_are_refused(r: Repos, raw: impl AsyncFn(&'static str)) {
    for (spoiler, stored_as) in SPOILERS {
        r.clients
            .create(&client_record("spoilt", "Spoilt"))
            .await
            .unwrap();
        raw(spoiler).await;
        let got = r.clients.get(stored_as).await;
        assert!(
            matches!(got, Err(DbError::Corrupt(_))),
            "{spoiler}: {got:?}"
        );
        let listed = r.clients.list(0, 10).await;
        assert!(
            matches!(listed, Err(DbError::Corrupt(_))),
            "{spoiler}: {listed:?}"
        );
        raw("DELETE FROM clients").await;
    }
}

mod corrupt_values_are_refused {
    use super::spoilt_values_are_refused;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("repos.db").display());
        let r = latchkey::db::connect(&url).await.unwrap();
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        spoilt_values_are_refused(r, async |sql| {
            sqlx::query(sql).execute(&pool).await.unwrap();
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
        spoilt_values_are_refused(r, async |sql| {
            sqlx::query(sql).execute(&pool).await.unwrap();
        })
        .await;
        pool.close().await;
    }
}

both!(client_keys_and_assertions);
/// A client's JWK Set and sealed secret round-trip; an assertion's `jti` is
/// spent once per client (one winner among racers), taken over once
/// expired, and purged by housekeeping.
async fn client_keys_and_assertions(r: Repos) {
    let jwks = latchkey::domain::client_jwks::ClientJwks::parse(&serde_json::json!({"keys": [
        {"kty": "OKP", "crv": "Ed25519", "kid": "k1",
         "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}))
    .unwrap();
    let mut keyed = client_record("keyed", "Keyed");
    keyed.secret_hash = None;
    keyed.jwks = Some(jwks);
    r.clients.create(&keyed).await.unwrap();
    assert_eq!(r.clients.get("keyed").await.unwrap(), Some(keyed.clone()));
    let mut sealed = client_record("sealed", "Sealed");
    sealed.secret_hash = None;
    sealed.secret_sealed = Some("c2VhbGVk".into());
    r.clients.create(&sealed).await.unwrap();
    assert_eq!(r.clients.get("sealed").await.unwrap(), Some(sealed.clone()));
    keyed.jwks = None;
    keyed.secret_sealed = Some("bmV3".into());
    r.clients.update(&keyed).await.unwrap();
    assert_eq!(r.clients.get("keyed").await.unwrap(), Some(keyed));

    let a = &r.assertions;
    assert!(a.spend_assertion("keyed", "j1", T0 + 60, T0).await.unwrap());
    assert!(
        !a.spend_assertion("keyed", "j1", T0 + 60, T0 + 1)
            .await
            .unwrap()
    );
    // The same jti from another client is another assertion.
    assert!(
        a.spend_assertion("sealed", "j1", T0 + 60, T0)
            .await
            .unwrap()
    );
    // Once expired (not yet purged) the row is taken over.
    assert!(
        a.spend_assertion("keyed", "j1", T0 + 200, T0 + 60)
            .await
            .unwrap()
    );
    assert!(
        !a.spend_assertion("keyed", "j1", T0 + 200, T0 + 61)
            .await
            .unwrap()
    );

    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(16));
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let (r, barrier) = (r.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            r.assertions
                .spend_assertion("sealed", "race", T0 + 60, T0)
                .await
        }));
    }
    let mut winners = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);

    // Housekeeping forgets expired assertions only.
    assert_eq!(r.maintenance.purge_expired(T0 + 100).await.unwrap(), 2);
    assert!(
        !a.spend_assertion("keyed", "j1", T0 + 200, T0 + 100)
            .await
            .unwrap()
    );
    // Deleting a client deletes its assertions.
    r.clients.delete("keyed").await.unwrap();
    assert_eq!(r.maintenance.purge_expired(T0 + 1000).await.unwrap(), 0);
}
