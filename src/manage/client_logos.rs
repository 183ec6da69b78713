//! Clients' logos: uploaded by administrators (admin page, admin API),
//! checked by content and stored in the database, so Latchkey serves them
//! itself. A client's `logo_uri` (RFC 7591 metadata) is only stored and
//! returned: nothing ever fetches or links it.

use super::clients::client_to_change;
use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::branding::{CLIENT_LOGO_MAX, ImageError, check_image};
use crate::clock::Clock;
use crate::db::{ClientLogo, DbError, Repos};

/// Checks `bytes` ([`check_image`], at most [`CLIENT_LOGO_MAX`]) and makes
/// it the logo of `client_id`, replacing any earlier one. Audited as a
/// `client.updated` with the field `logo`.
pub async fn set_client_logo(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
    bytes: &[u8],
) -> Result<ClientLogo, ManageError> {
    client_to_change(repos, actor, client_id, &[]).await?;
    let image = check_image(bytes, CLIENT_LOGO_MAX).map_err(|e| logo_error(&e))?;
    let logo = ClientLogo {
        client_id: client_id.to_owned(),
        content_type: image.kind.content_type().to_owned(),
        bytes: image.bytes.to_vec(),
        hash: image.hash,
        updated_at: clock.now(),
    };
    repos.client_logos.put(&logo).await.map_err(|e| match e {
        DbError::NotFound => ManageError::NotFound(format!("client {client_id:?}")),
        other => other.into(),
    })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ClientUpdated,
        Some(client_id),
        serde_json::json!({"fields": ["logo"], "logo": {"content_type": logo.content_type, "size": logo.bytes.len(), "hash": logo.hash}}),
    )
    .await;
    Ok(logo)
}

/// Removes the logo of `client_id`; `false` when it had none (nothing is
/// audited then).
pub async fn remove_client_logo(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
) -> Result<bool, ManageError> {
    client_to_change(repos, actor, client_id, &[]).await?;
    let removed = repos.client_logos.delete(client_id).await?;
    if removed {
        audit::record(
            repos,
            clock,
            actor,
            Event::ClientUpdated,
            Some(client_id),
            serde_json::json!({"fields": ["logo"], "logo": null}),
        )
        .await;
    }
    Ok(removed)
}

/// The refusal of a logo, as administrators read it.
fn logo_error(e: &ImageError) -> ManageError {
    ManageError::Invalid(format!(
        "logo: {e} (a PNG, JPEG, WebP or SVG image of at most {} KiB)",
        CLIENT_LOGO_MAX / 1024
    ))
}
