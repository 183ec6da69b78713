//! Initial access tokens for dynamic client registration
//! (`LATCHKEY_REGISTRATION=token`): issued by administrators with a name,
//! an expiry and a number of uses; shown once, stored as SHA-256.

use serde::Serialize;

use super::{Actor, ManageError, rfc3339};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::crypto;
use crate::db::{DbError, RegistrationToken, Repos};

/// Longest lifetime of an initial access token (a year).
pub const MAX_TTL: i64 = 365 * 86_400;

/// Most registrations one token may make.
pub const MAX_USES: i64 = 10_000;

/// Input for an initial access token.
#[derive(Debug, Clone)]
pub struct CreateRegistrationToken {
    /// What it is for (shown in the lists).
    pub name: String,
    /// Lifetime in seconds (1 minute to [`MAX_TTL`]).
    pub ttl_seconds: i64,
    /// How many clients it may register (1 to [`MAX_USES`]).
    pub uses: i64,
}

/// A token just issued: the token itself is in this answer only.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedRegistrationToken {
    pub id: String,
    pub name: String,
    /// The bearer token for `POST /register`.
    pub token: String,
    pub expires_at: String,
    pub uses_left: i64,
}

/// Issues an initial access token.
pub async fn create_registration_token(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    input: CreateRegistrationToken,
) -> Result<CreatedRegistrationToken, ManageError> {
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ManageError::Invalid(
            "the token name must be 1 to 100 characters".into(),
        ));
    }
    if !(60..=MAX_TTL).contains(&input.ttl_seconds) {
        return Err(ManageError::Invalid(
            "the token lifetime must be between 1 minute and 365 days".into(),
        ));
    }
    if !(1..=MAX_USES).contains(&input.uses) {
        return Err(ManageError::Invalid(format!(
            "the number of uses must be between 1 and {MAX_USES}"
        )));
    }
    let token = crypto::new_secret();
    let now = clock.now();
    let record = RegistrationToken {
        id: crypto::new_id(),
        name,
        token_hash: crypto::hash_secret(&token),
        created_at: now,
        expires_at: now + input.ttl_seconds,
        uses_left: input.uses,
        created_by: Some(actor.id.clone()),
        revoked_at: None,
    };
    repos.registrations.create_token(&record).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::RegistrationTokenCreated,
        Some(&record.id),
        serde_json::json!({"name": record.name, "uses": record.uses_left, "expires_at": record.expires_at}),
    )
    .await;
    Ok(CreatedRegistrationToken {
        id: record.id,
        name: record.name,
        token,
        expires_at: rfc3339(record.expires_at),
        uses_left: record.uses_left,
    })
}

/// Revokes an initial access token; clients it registered stay.
pub async fn revoke_registration_token(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    id: &str,
) -> Result<(), ManageError> {
    repos
        .registrations
        .revoke_token(id, clock.now())
        .await
        .map_err(|e| match e {
            DbError::NotFound => ManageError::NotFound(format!("registration token {id:?}")),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::RegistrationTokenRevoked,
        Some(id),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}
