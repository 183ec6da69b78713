//! Custom attributes: `UserRepo::set_attributes` and `AttributeRepo`
//! (group attributes, a user's groups in name order with ids), and the
//! claim-mapping and claims-request columns.

use latchkey::db::{DbError, Repos};
use latchkey::domain::claim_mapping::{Attributes, ClaimMapping};
use serde_json::json;

use super::{T0, both, client_record, refresh_record, user};

fn attrs(v: serde_json::Value) -> Attributes {
    v.as_object().unwrap().clone()
}

both!(attributes_of_users_and_groups);
async fn attributes_of_users_and_groups(r: Repos) {
    let alice = user(&r, "alice").await;
    assert!(alice.attributes.is_empty(), "none by default");
    let mine = attrs(json!({"department": "R&D", "tags": ["a", "b"], "n": 1.5}));
    r.users
        .set_attributes(&alice.userid, &mine, T0 + 5)
        .await
        .unwrap();
    let read = r.users.get(&alice.userid).await.unwrap().unwrap();
    assert_eq!(read.attributes, mine);
    assert_eq!(read.updated_at, T0 + 5);
    let listed = r.users.list(Some("alice"), 0, 10).await.unwrap();
    assert_eq!(listed.items[0].attributes, mine);
    assert!(matches!(
        r.users.set_attributes("nope-nope", &mine, T0).await,
        Err(DbError::NotFound)
    ));

    // Groups: unknown until someone is in them; ordered by name (bytes).
    assert_eq!(r.attributes.group_attributes("staff").await.unwrap(), None);
    assert!(matches!(
        r.attributes.set_group_attributes("staff", &mine).await,
        Err(DbError::NotFound)
    ));
    r.users
        .set_groups(
            &alice.userid,
            &["staff".into(), "Ops".into(), "ops".into()],
            T0,
        )
        .await
        .unwrap();
    assert_eq!(
        r.attributes.group_attributes("staff").await.unwrap(),
        Some(Attributes::new())
    );
    r.attributes
        .set_group_attributes("ops", &attrs(json!({"floor": 2})))
        .await
        .unwrap();
    let groups = r.attributes.member_groups(&alice.userid).await.unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Ops", "ops", "staff"]);
    assert_eq!(groups[1].attributes, attrs(json!({"floor": 2})));
    assert!(groups[0].attributes.is_empty());
    let mut ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "distinct ids");
    // Ids stay when membership changes; a user in no group has none.
    r.users
        .set_groups(&alice.userid, &["ops".into()], T0)
        .await
        .unwrap();
    let again = r.attributes.member_groups(&alice.userid).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, groups[1].id);
    let bob = user(&r, "bob").await;
    assert!(
        r.attributes
            .member_groups(&bob.userid)
            .await
            .unwrap()
            .is_empty()
    );
}

both!(claim_mappings_and_claims_requests_are_stored);
async fn claim_mappings_and_claims_requests_are_stored(r: Repos) {
    let mut c = client_record("app", "App");
    c.claim_mapping = ClaimMapping::parse(
        r#"{"claims": [{"claim": "d", "attribute": "d", "scopes": ["x"]}], "preferred_username": "email"}"#,
    )
    .unwrap();
    r.clients.create(&c).await.unwrap();
    assert_eq!(r.clients.get("app").await.unwrap().unwrap(), c);
    c.claim_mapping = ClaimMapping::default();
    r.clients.update(&c).await.unwrap();
    assert!(
        r.clients
            .get("app")
            .await
            .unwrap()
            .unwrap()
            .claim_mapping
            .is_empty()
    );

    let alice = user(&r, "alice").await;
    let mut t = refresh_record("h1", "fam", &alice.userid);
    t.claims_request = Some(r#"{"id_token":{"email":{}}}"#.into());
    r.refresh_tokens.create(&t).await.unwrap();
    assert_eq!(r.refresh_tokens.get("h1").await.unwrap().unwrap(), t);
    // A rotation carries it to the successor.
    let mut next = refresh_record("h2", "fam", &alice.userid);
    next.claims_request = t.claims_request.clone();
    r.refresh_tokens.rotate("h1", &next, T0 + 1).await.unwrap();
    assert_eq!(
        r.refresh_tokens
            .get("h2")
            .await
            .unwrap()
            .unwrap()
            .claims_request,
        t.claims_request
    );
}
