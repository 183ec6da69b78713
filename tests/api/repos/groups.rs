//! GroupRepo, and the groups a client is restricted to (ClientRepo).

use latchkey::db::{DbError, GroupDeletion, Repos};

use super::{T0, both, client_record, user};

both!(groups);
async fn groups(r: Repos) {
    let ops = r.groups.create("ops", Some("On call"), T0).await.unwrap();
    assert_eq!(ops.name, "ops");
    assert_eq!(ops.description.as_deref(), Some("On call"));
    assert_eq!(ops.members, 0);
    let dup = r.groups.create("ops", None, T0).await;
    assert!(matches!(dup, Err(DbError::Conflict("group"))), "{dup:?}");

    // set_groups still creates the groups it names, and they count members.
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    r.users
        .set_groups(&alice.userid, &["ops".into(), "dev".into()], T0 + 1)
        .await
        .unwrap();
    r.users
        .set_groups(&bob.userid, &["ops".into()], T0 + 1)
        .await
        .unwrap();
    let dev = r.groups.get("dev").await.unwrap().unwrap();
    assert_eq!(
        (dev.members, dev.description, dev.created_at),
        (1, None, T0 + 1)
    );
    assert_eq!(dev.updated_at, T0 + 1);
    assert_eq!(r.groups.get("nope").await.unwrap(), None);

    // Listed by name (bytes), paged, with member counts.
    r.groups.create("Zeta", None, T0).await.unwrap();
    let page = r.groups.list(0, 2).await.unwrap();
    assert_eq!(page.total, 3);
    let names: Vec<_> = page
        .items
        .iter()
        .map(|g| (g.name.as_str(), g.members))
        .collect();
    assert_eq!(names, [("Zeta", 0), ("dev", 1)]);
    let page = r.groups.list(2, 2).await.unwrap();
    assert_eq!(page.items[0].name, "ops");
    assert_eq!(page.items[0].members, 2);

    // Members, by username.
    let members = r.groups.members("ops").await.unwrap();
    let names: Vec<_> = members.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["alice", "bob"]);
    assert!(matches!(
        r.groups.members("nope").await,
        Err(DbError::NotFound)
    ));

    // Describe and rename; the members follow the new name.
    r.groups
        .set_description("dev", Some("Builders"), T0 + 5)
        .await
        .unwrap();
    r.groups.rename("dev", "developers", T0 + 6).await.unwrap();
    let g = r.groups.get("developers").await.unwrap().unwrap();
    assert_eq!(
        (g.description.as_deref(), g.updated_at),
        (Some("Builders"), T0 + 6)
    );
    assert_eq!(r.groups.get("dev").await.unwrap(), None);
    let a = r.users.get(&alice.userid).await.unwrap().unwrap();
    assert_eq!(a.groups, ["developers", "ops"]);
    assert!(matches!(
        r.groups.rename("developers", "ops", T0).await,
        Err(DbError::Conflict("group"))
    ));
    assert!(matches!(
        r.groups.rename("nope", "x", T0).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        r.groups.set_description("nope", None, T0).await,
        Err(DbError::NotFound)
    ));

    // A client restricted to groups: stored with it, renamed with them.
    let mut wiki = client_record("wiki", "Wiki");
    wiki.allowed_groups = vec!["ops".into(), "developers".into()];
    r.clients.create(&wiki).await.unwrap();
    let stored = r.clients.get("wiki").await.unwrap().unwrap();
    assert_eq!(stored.allowed_groups, ["developers", "ops"]);
    let mut bad = client_record("bad", "Bad");
    bad.allowed_groups = vec!["missing".into()];
    assert!(matches!(
        r.clients.create(&bad).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(r.clients.get("bad").await.unwrap(), None, "nothing stored");
    r.groups.rename("developers", "devs", T0 + 7).await.unwrap();
    let stored = r.clients.get("wiki").await.unwrap().unwrap();
    assert_eq!(stored.allowed_groups, ["devs", "ops"]);
    let listed = r.clients.list(0, 10).await.unwrap();
    assert_eq!(listed.items[0].allowed_groups, ["devs", "ops"]);

    // A group that restricts a client is not deleted; the client is named.
    assert_eq!(
        r.groups.delete("ops").await.unwrap(),
        GroupDeletion::InUse {
            clients: vec![("wiki".into(), "Wiki".into())]
        }
    );
    assert_eq!(r.groups.get("ops").await.unwrap().unwrap().members, 2);

    // Update replaces the list (a missing group changes nothing).
    let mut changed = stored.clone();
    changed.allowed_groups = vec!["missing".into()];
    assert!(matches!(
        r.clients.update(&changed).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(
        r.clients.get("wiki").await.unwrap().unwrap().allowed_groups,
        ["devs", "ops"]
    );
    changed.allowed_groups = vec!["devs".into()];
    r.clients.update(&changed).await.unwrap();
    assert_eq!(
        r.clients.get("wiki").await.unwrap().unwrap().allowed_groups,
        ["devs"]
    );

    // Now it can go, with its memberships.
    assert_eq!(
        r.groups.delete("ops").await.unwrap(),
        GroupDeletion::Deleted { memberships: 2 }
    );
    assert_eq!(r.groups.get("ops").await.unwrap(), None);
    let b = r.users.get(&bob.userid).await.unwrap().unwrap();
    assert!(b.groups.is_empty());
    assert!(matches!(
        r.groups.delete("ops").await,
        Err(DbError::NotFound)
    ));

    // Deleting a client releases its groups.
    r.clients.delete("wiki").await.unwrap();
    assert_eq!(
        r.groups.delete("devs").await.unwrap(),
        GroupDeletion::Deleted { memberships: 1 }
    );
}
