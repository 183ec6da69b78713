//! ClientLogoRepo.

use latchkey::db::{ClientLogo, DbError, Repos};

use super::{T0, both, client_record};

fn logo(client_id: &str, bytes: &[u8], hash: &str) -> ClientLogo {
    ClientLogo {
        client_id: client_id.into(),
        content_type: "image/png".into(),
        bytes: bytes.to_vec(),
        hash: hash.into(),
        updated_at: T0,
    }
}

both!(client_logos);
async fn client_logos(r: Repos) {
    r.clients
        .create(&client_record("wiki", "Wiki"))
        .await
        .unwrap();
    assert_eq!(r.client_logos.get("wiki").await.unwrap(), None);
    assert_eq!(r.client_logos.hash("wiki").await.unwrap(), None);

    // Binary content comes back byte for byte; a second put replaces it.
    let first = logo("wiki", &[0x89, b'P', 0, 0xFF, 0xFE], "aaaa");
    r.client_logos.put(&first).await.unwrap();
    assert_eq!(r.client_logos.get("wiki").await.unwrap(), Some(first));
    let second = ClientLogo {
        content_type: "image/svg+xml".into(),
        updated_at: T0 + 5,
        ..logo("wiki", b"<svg/>", "bbbb")
    };
    r.client_logos.put(&second).await.unwrap();
    assert_eq!(r.client_logos.get("wiki").await.unwrap(), Some(second));
    assert_eq!(
        r.client_logos.hash("wiki").await.unwrap().as_deref(),
        Some("bbbb")
    );

    // No logo for a client that does not exist.
    let orphan = r.client_logos.put(&logo("nope", b"x", "cccc")).await;
    assert!(matches!(orphan, Err(DbError::NotFound)), "{orphan:?}");

    assert!(r.client_logos.delete("wiki").await.unwrap());
    assert!(!r.client_logos.delete("wiki").await.unwrap());
    assert_eq!(r.client_logos.get("wiki").await.unwrap(), None);

    // Deleting the client deletes its logo.
    r.client_logos
        .put(&logo("wiki", b"again", "dddd"))
        .await
        .unwrap();
    r.clients.delete("wiki").await.unwrap();
    assert_eq!(r.client_logos.hash("wiki").await.unwrap(), None);
}
