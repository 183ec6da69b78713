//! `SecondFactorRepo`: authenticator rows and backup codes.

use latchkey::db::Repos;

use super::{T0, both, user};

fn hashes(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

both!(pending_and_confirmed_authenticators);
async fn pending_and_confirmed_authenticators(r: Repos) {
    let alice = user(&r, "alice").await;
    let id = alice.userid.as_str();
    assert!(r.second_factors.totp(id).await.unwrap().is_none());

    r.second_factors
        .put_pending_totp(id, "p-1", T0)
        .await
        .unwrap();
    let row = r.second_factors.totp(id).await.unwrap().unwrap();
    assert_eq!(row.pending.as_deref(), Some("p-1"));
    assert_eq!(row.pending_at, Some(T0));
    assert!(row.secret.is_none());
    // A new enrolment replaces the pending secret.
    r.second_factors
        .put_pending_totp(id, "p-2", T0 + 1)
        .await
        .unwrap();
    // Confirming a pending secret that is no longer there changes nothing.
    assert!(
        !r.second_factors
            .confirm_totp(id, "p-1", 10, &hashes(&["h1"]), T0 + 2)
            .await
            .unwrap()
    );
    assert_eq!(r.second_factors.backup_codes_left(id).await.unwrap(), 0);
    assert!(
        r.second_factors
            .confirm_totp(id, "p-2", 10, &hashes(&["h1", "h2"]), T0 + 2)
            .await
            .unwrap()
    );
    // Only once: the pending secret is gone.
    assert!(
        !r.second_factors
            .confirm_totp(id, "p-2", 11, &hashes(&["h3"]), T0 + 3)
            .await
            .unwrap()
    );
    let row = r.second_factors.totp(id).await.unwrap().unwrap();
    assert_eq!(row.secret.as_deref(), Some("p-2"));
    assert_eq!(row.confirmed_at, Some(T0 + 2));
    assert_eq!(row.last_step, Some(10));
    assert!(row.pending.is_none());
    assert_eq!(r.second_factors.backup_codes_left(id).await.unwrap(), 2);

    // A new enrolment leaves the confirmed secret in force until confirmed.
    r.second_factors
        .put_pending_totp(id, "p-3", T0 + 4)
        .await
        .unwrap();
    let row = r.second_factors.totp(id).await.unwrap().unwrap();
    assert_eq!(row.secret.as_deref(), Some("p-2"));
    assert_eq!(row.pending.as_deref(), Some("p-3"));
    assert_eq!(row.last_step, Some(10));
    assert!(
        r.second_factors
            .confirm_totp(id, "p-3", 3, &hashes(&["h9"]), T0 + 5)
            .await
            .unwrap()
    );
    let row = r.second_factors.totp(id).await.unwrap().unwrap();
    assert_eq!(row.secret.as_deref(), Some("p-3"));
    assert_eq!(row.last_step, Some(3));
    assert_eq!(r.second_factors.backup_codes_left(id).await.unwrap(), 1);
}

both!(each_step_is_accepted_once);
async fn each_step_is_accepted_once(r: Repos) {
    let alice = user(&r, "alice").await;
    let id = alice.userid.as_str();
    r.second_factors
        .put_pending_totp(id, "s", T0)
        .await
        .unwrap();
    // Nothing confirmed: no step is accepted.
    assert!(
        !r.second_factors
            .accept_totp_step(id, "s", 5, T0)
            .await
            .unwrap()
    );
    r.second_factors
        .confirm_totp(id, "s", 5, &[], T0)
        .await
        .unwrap();
    assert!(
        !r.second_factors
            .accept_totp_step(id, "s", 5, T0)
            .await
            .unwrap()
    );
    assert!(
        !r.second_factors
            .accept_totp_step(id, "s", 4, T0)
            .await
            .unwrap()
    );
    assert!(
        r.second_factors
            .accept_totp_step(id, "s", 6, T0 + 30)
            .await
            .unwrap()
    );
    assert!(
        !r.second_factors
            .accept_totp_step(id, "s", 6, T0 + 30)
            .await
            .unwrap()
    );
    // Checked against another secret (replaced meanwhile): refused.
    assert!(
        !r.second_factors
            .accept_totp_step(id, "other", 7, T0)
            .await
            .unwrap()
    );
    let row = r.second_factors.totp(id).await.unwrap().unwrap();
    assert_eq!(row.last_step, Some(6));
    assert_eq!(row.last_used_at, Some(T0 + 30));

    // Twenty concurrent uses of one step: exactly one wins.
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let r = r.clone();
        let id = id.to_owned();
        tasks.push(tokio::spawn(async move {
            r.second_factors
                .accept_totp_step(&id, "s", 8, T0 + 60)
                .await
                .unwrap()
        }));
    }
    let mut wins = 0;
    for t in tasks {
        if t.await.unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

both!(backup_codes_are_spent_once);
async fn backup_codes_are_spent_once(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    let (a, b) = (alice.userid.as_str(), bob.userid.as_str());
    r.second_factors
        .replace_backup_codes(a, &hashes(&["h1", "h2", "h3"]), T0)
        .await
        .unwrap();
    assert_eq!(r.second_factors.backup_codes_left(a).await.unwrap(), 3);
    // Bob cannot spend Alice's code.
    assert!(!r.second_factors.use_backup_code(b, "h1", T0).await.unwrap());
    assert!(r.second_factors.use_backup_code(a, "h1", T0).await.unwrap());
    assert!(!r.second_factors.use_backup_code(a, "h1", T0).await.unwrap());
    assert!(
        !r.second_factors
            .use_backup_code(a, "nope", T0)
            .await
            .unwrap()
    );
    assert_eq!(r.second_factors.backup_codes_left(a).await.unwrap(), 2);

    // Concurrent uses of one code: exactly one wins.
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let r = r.clone();
        let a = a.to_owned();
        tasks.push(tokio::spawn(async move {
            r.second_factors
                .use_backup_code(&a, "h2", T0 + 1)
                .await
                .unwrap()
        }));
    }
    let mut wins = 0;
    for t in tasks {
        if t.await.unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);

    // Replacing makes the old codes stop working.
    r.second_factors
        .replace_backup_codes(a, &hashes(&["n1", "n2"]), T0 + 2)
        .await
        .unwrap();
    assert!(!r.second_factors.use_backup_code(a, "h3", T0).await.unwrap());
    assert_eq!(r.second_factors.backup_codes_left(a).await.unwrap(), 2);
}

both!(reset_and_user_deletion_remove_everything);
async fn reset_and_user_deletion_remove_everything(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    let (a, b) = (alice.userid.as_str(), bob.userid.as_str());
    assert!(!r.second_factors.reset(a).await.unwrap());
    for id in [a, b] {
        r.second_factors
            .put_pending_totp(id, "s", T0)
            .await
            .unwrap();
        r.second_factors
            .confirm_totp(id, "s", 1, &hashes(&["h1", "h2"]), T0)
            .await
            .unwrap();
    }
    assert!(r.second_factors.reset(a).await.unwrap());
    assert!(!r.second_factors.reset(a).await.unwrap());
    assert!(r.second_factors.totp(a).await.unwrap().is_none());
    assert_eq!(r.second_factors.backup_codes_left(a).await.unwrap(), 0);
    // Bob's are untouched; deleting Bob removes them (cascade).
    assert_eq!(r.second_factors.backup_codes_left(b).await.unwrap(), 2);
    r.users.delete(b).await.unwrap();
    assert!(r.second_factors.totp(b).await.unwrap().is_none());
    assert_eq!(r.second_factors.backup_codes_left(b).await.unwrap(), 0);
    // Backup codes alone (no authenticator) are reset too.
    r.second_factors
        .replace_backup_codes(a, &hashes(&["x"]), T0)
        .await
        .unwrap();
    assert!(r.second_factors.reset(a).await.unwrap());
}
