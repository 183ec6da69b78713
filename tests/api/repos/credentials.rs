//! PasskeyRepo and PasswordRepo.

use latchkey::db::{DbError, PasskeyRecord, Repos};

use super::{T0, both, user};

/// A passkey record with a made-up serialized credential.
pub fn passkey_record(id: &str, userid: &str, credential_id: &str) -> PasskeyRecord {
    PasskeyRecord {
        id: id.into(),
        userid: userid.into(),
        credential_id: credential_id.into(),
        name: format!("key {id}"),
        passkey: format!(r#"{{"cred":{{"cred_id":"{credential_id}","counter":0}}}}"#),
        created_at: T0,
        last_used_at: None,
    }
}

both!(passkeys);
async fn passkeys(r: Repos) {
    let alice = user(&r, "alice").await;
    let bob = user(&r, "bob").await;
    let first = passkey_record("pk-b", &alice.userid, "cred-1");
    let mut second = passkey_record("pk-a", &alice.userid, "cred-2");
    second.created_at = T0 + 5;
    r.passkeys.add(&second).await.unwrap();
    r.passkeys.add(&first).await.unwrap();
    r.passkeys
        .add(&passkey_record("pk-c", &bob.userid, "cred-3"))
        .await
        .unwrap();

    // Oldest first.
    assert_eq!(
        r.passkeys.list_for_user(&alice.userid).await.unwrap(),
        [first.clone(), second.clone()]
    );
    assert!(
        r.passkeys
            .list_for_user("nope-nope")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        r.passkeys.get_by_credential_id("cred-2").await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(
        r.passkeys.get_by_credential_id("cred-9").await.unwrap(),
        None
    );

    // A credential id can be registered once, whoever registers it.
    let dup = r
        .passkeys
        .add(&passkey_record("pk-d", &bob.userid, "cred-1"))
        .await;
    assert!(
        matches!(dup, Err(DbError::Conflict("credential"))),
        "{dup:?}"
    );

    r.passkeys
        .record_use("pk-b", r#"{"counter":7}"#, T0 + 100)
        .await
        .unwrap();
    let used = r
        .passkeys
        .get_by_credential_id("cred-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.passkey, r#"{"counter":7}"#);
    assert_eq!(used.last_used_at, Some(T0 + 100));
    assert!(matches!(
        r.passkeys.record_use("pk-z", "{}", T0).await,
        Err(DbError::NotFound)
    ));

    // Renaming and deleting only work on one's own keys.
    assert!(matches!(
        r.passkeys.rename(&bob.userid, "pk-b", "stolen").await,
        Err(DbError::NotFound)
    ));
    r.passkeys
        .rename(&alice.userid, "pk-b", "YubiKey 5")
        .await
        .unwrap();
    assert_eq!(
        r.passkeys
            .get_by_credential_id("cred-1")
            .await
            .unwrap()
            .unwrap()
            .name,
        "YubiKey 5"
    );
    assert!(matches!(
        r.passkeys.delete(&bob.userid, "pk-b").await,
        Err(DbError::NotFound)
    ));
    r.passkeys.delete(&alice.userid, "pk-b").await.unwrap();
    assert_eq!(
        r.passkeys.get_by_credential_id("cred-1").await.unwrap(),
        None
    );
    assert_eq!(
        r.passkeys.list_for_user(&alice.userid).await.unwrap(),
        [second]
    );
    assert!(matches!(
        r.passkeys.delete(&alice.userid, "pk-b").await,
        Err(DbError::NotFound)
    ));
    // The freed credential id can be registered again.
    r.passkeys
        .add(&passkey_record("pk-e", &bob.userid, "cred-1"))
        .await
        .unwrap();
}

both!(passwords);
async fn passwords(r: Repos) {
    let alice = user(&r, "alice").await;
    assert_eq!(r.passwords.get(&alice.userid).await.unwrap(), None);
    r.passwords
        .set(&alice.userid, "$argon2id$v=19$first", T0)
        .await
        .unwrap();
    assert_eq!(
        r.passwords.get(&alice.userid).await.unwrap().as_deref(),
        Some("$argon2id$v=19$first")
    );
    // Setting again replaces: at most one password per user.
    r.passwords
        .set(&alice.userid, "$argon2id$v=19$second", T0 + 1)
        .await
        .unwrap();
    assert_eq!(
        r.passwords.get(&alice.userid).await.unwrap().as_deref(),
        Some("$argon2id$v=19$second")
    );
    r.passwords.delete(&alice.userid).await.unwrap();
    assert_eq!(r.passwords.get(&alice.userid).await.unwrap(), None);
    assert!(matches!(
        r.passwords.delete(&alice.userid).await,
        Err(DbError::NotFound)
    ));
    // No password for a user who does not exist.
    assert!(
        r.passwords
            .set("nope-nope", "$argon2id$x", T0)
            .await
            .is_err()
    );
}
