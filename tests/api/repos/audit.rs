//! AuditRepo: filters and paging.

use latchkey::db::{AuditFilter, NewAuditEvent, Repos};
use serde_json::json;

use super::{T0, both};

fn event(actor: Option<&str>, event: &str, subject: Option<&str>) -> NewAuditEvent {
    NewAuditEvent {
        actor: actor.map(Into::into),
        event: event.into(),
        subject: subject.map(Into::into),
        ip: Some("198.51.100.4".into()),
        client_id: None,
        details: json!({ "event": event, "n": [1, 2, 3], "nested": { "ok": true } }),
    }
}

both!(audit_filters_and_pages);
async fn audit_filters_and_pages(r: Repos) {
    let log = [
        event(Some("cli"), "user.created", Some("alice-id")),
        event(Some("alice-id"), "login.success", Some("alice-id")),
        event(Some("admin-id"), "user.disabled", Some("bob-id")),
        event(None, "login.failure", Some("bob-id")),
        event(Some("alice-id"), "passkey.added", None),
        event(Some("system"), "keys.rotated", None),
    ];
    for (i, e) in log.iter().enumerate() {
        r.audit.append(e, T0 + i as i64).await.unwrap();
    }
    let all = r
        .audit
        .list(&AuditFilter {
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 6);
    // Newest first, every field kept.
    let events: Vec<_> = all.items.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        events,
        [
            "keys.rotated",
            "passkey.added",
            "login.failure",
            "user.disabled",
            "login.success",
            "user.created"
        ]
    );
    let first = all.items.last().unwrap();
    assert_eq!(first.at, T0);
    assert_eq!(first.actor.as_deref(), Some("cli"));
    assert_eq!(first.subject.as_deref(), Some("alice-id"));
    assert_eq!(first.ip.as_deref(), Some("198.51.100.4"));
    assert_eq!(first.details, log[0].details);
    assert!(all.items.windows(2).all(|w| w[0].id > w[1].id));
    assert_eq!(all.items[2].actor, None);

    // By user: as actor or as subject.
    let alice = r
        .audit
        .list(&AuditFilter {
            userid: Some("alice-id".into()),
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(alice.total, 3);
    let events: Vec<_> = alice.items.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["passkey.added", "login.success", "user.created"]);

    // By event, and both filters together.
    let by_event = r
        .audit
        .list(&AuditFilter {
            event: Some("login.failure".into()),
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(by_event.total, 1);
    assert_eq!(by_event.items[0].subject.as_deref(), Some("bob-id"));
    let both = r
        .audit
        .list(&AuditFilter {
            userid: Some("bob-id".into()),
            event: Some("user.disabled".into()),
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(both.total, 1);
    assert_eq!(both.items[0].actor.as_deref(), Some("admin-id"));
    let none = r
        .audit
        .list(&AuditFilter {
            userid: Some("alice-id".into()),
            event: Some("user.disabled".into()),
            limit: 100,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!((none.total, none.items.len()), (0, 0));

    // Paging keeps the total of the whole filter.
    let page = r
        .audit
        .list(&AuditFilter {
            offset: 2,
            limit: 2,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 6);
    let events: Vec<_> = page.items.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["login.failure", "user.disabled"]);
    let page = r
        .audit
        .list(&AuditFilter {
            userid: Some("alice-id".into()),
            offset: 2,
            limit: 2,
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].event, "user.created");
}
