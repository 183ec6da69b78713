//! API keys for the admin API: a bearer token (`lk_` and 256 random bits)
//! with a name, a role and an expiry; shown once, stored as SHA-256.
//!
//! A key never outranks whoever created it: a key created by a person
//! works only while that person is active and their current role may hand
//! out the key's role ([`Role::may_manage`]); one created by a client
//! (client-credentials token, acting as an administrator) only while the
//! client is allowed the admin scope; one created on the command line
//! (`cli`) until it expires or is revoked.

use rand::RngCore;
use serde::Serialize;

use super::{Actor, ManageError, rfc3339};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::crypto;
use crate::db::{ApiKey, DbError, DbResult, Repos};
use crate::domain::role::Role;
use crate::oidc::claims::ADMIN_SCOPE;

/// What every key starts with: how the admin API tells a key from a JWT.
pub const PREFIX: &str = "lk_";

/// Lifetime when none is given (90 days).
pub const DEFAULT_TTL: i64 = 90 * 86_400;

/// Shortest lifetime (an hour).
pub const MIN_TTL: i64 = 3_600;

/// Longest lifetime: two years as `--ttl 2y` counts them (humantime's
/// year is 365.25 days).
pub const MAX_TTL: i64 = 2 * 31_557_600;

/// The longest key name, in characters.
pub const MAX_NAME: usize = 100;

/// `last_used_at` is written at most this often (seconds) per key.
pub const TOUCH_INTERVAL: i64 = 60;

/// The creator of keys made on the command line.
pub const CLI_CREATOR: &str = "cli";

/// The actor prefix of a key in the audit log (`api-key:<id>`).
pub const ACTOR_PREFIX: &str = "api-key:";

/// Input for a new key.
#[derive(Debug, Clone)]
pub struct CreateApiKey {
    /// What it is for (shown in the lists).
    pub name: String,
    /// The role by name (`owner`, `admin`, `user-manager`,
    /// `client-manager`, `auditor`).
    pub role: String,
    /// Lifetime in seconds ([`MIN_TTL`] to [`MAX_TTL`]).
    pub ttl_seconds: i64,
}

/// A key just created: the key itself is in this answer only.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedApiKey {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// The bearer token for the admin API.
    pub key: String,
    pub expires_at: String,
}

/// Why a key operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum ApiKeyError {
    /// The caller may not create or revoke a key with this role (403).
    #[error("{0}")]
    NotAllowed(String),
    #[error(transparent)]
    Manage(#[from] ManageError),
}

impl From<DbError> for ApiKeyError {
    fn from(e: DbError) -> Self {
        Self::Manage(e.into())
    }
}

/// Refuses API keys as managers of keys (a key made by a key would
/// outlive the revocation of its maker).
fn refuse_keys(actor: &Actor) -> Result<(), ApiKeyError> {
    if actor.id.starts_with(ACTOR_PREFIX) {
        return Err(ApiKeyError::NotAllowed(
            "an API key cannot create or revoke API keys".into(),
        ));
    }
    Ok(())
}

/// Who manages keys: `None` on the command line, else the caller's role.
fn check_may_manage(by: Option<Role>, actor: &Actor, role: Role) -> Result<(), ApiKeyError> {
    refuse_keys(actor)?;
    match by {
        Some(by) if !by.may_manage(Some(role)) => Err(ApiKeyError::NotAllowed(format!(
            "the role {by} may not manage {role} API keys"
        ))),
        _ => Ok(()),
    }
}

/// Checks a lifetime in seconds.
pub fn check_ttl(ttl_seconds: i64) -> Result<i64, ManageError> {
    if (MIN_TTL..=MAX_TTL).contains(&ttl_seconds) {
        Ok(ttl_seconds)
    } else {
        Err(ManageError::Invalid(
            "the API key lifetime must be between 1 hour and 2 years".into(),
        ))
    }
}

/// A short public id: 12 hex digits (never starts with `-`, so it reads
/// as an argument on the command line).
fn new_key_id() -> String {
    let mut bytes = [0u8; 6];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates a key with `input.role`, which `by` (the caller's role; `None`
/// on the command line) must be allowed to hand out.
pub async fn create_api_key(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    by: Option<Role>,
    input: CreateApiKey,
) -> Result<CreatedApiKey, ApiKeyError> {
    let name = super::clients::check_display_name("API key name", &input.name, MAX_NAME)?;
    let role: Role = input
        .role
        .trim()
        .parse()
        .map_err(|e: crate::domain::role::UnknownRole| ManageError::Invalid(e.to_string()))?;
    let ttl = check_ttl(input.ttl_seconds)?;
    check_may_manage(by, actor, role)?;
    let key = format!("{PREFIX}{}", crypto::new_secret());
    let now = clock.now();
    let record = ApiKey {
        id: new_key_id(),
        name,
        role,
        key_hash: crypto::hash_secret(&key),
        created_by: actor.id.clone(),
        created_at: now,
        expires_at: now + ttl,
        last_used_at: None,
        revoked_at: None,
    };
    repos.api_keys.create(&record).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ApiKeyCreated,
        Some(&record.id),
        serde_json::json!({"name": record.name, "role": role, "expires_at": record.expires_at}),
    )
    .await;
    Ok(CreatedApiKey {
        id: record.id,
        name: record.name,
        role,
        key,
        expires_at: rfc3339(record.expires_at),
    })
}

/// Revokes a key (at once: every request looks the key up); `by` must be
/// allowed to manage its role.
pub async fn revoke_api_key(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    by: Option<Role>,
    id: &str,
) -> Result<ApiKey, ApiKeyError> {
    refuse_keys(actor)?;
    let not_found = || ManageError::NotFound(format!("API key {id:?}"));
    let key = repos.api_keys.get(id).await?.ok_or_else(not_found)?;
    check_may_manage(by, actor, key.role)?;
    let now = clock.now();
    repos.api_keys.revoke(id, now).await.map_err(|e| match e {
        DbError::NotFound => not_found(),
        other => other.into(),
    })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ApiKeyRevoked,
        Some(id),
        serde_json::json!({"name": key.name, "role": key.role}),
    )
    .await;
    Ok(ApiKey {
        revoked_at: Some(key.revoked_at.unwrap_or(now)),
        ..key
    })
}

/// The live key `presented` is, or `None` (unknown, expired, revoked, or
/// its creator may no longer hand out its role: one answer for all).
/// Records the use at most once a [`TOUCH_INTERVAL`].
pub async fn authenticate(
    repos: &Repos,
    clock: &dyn Clock,
    presented: &str,
) -> DbResult<Option<ApiKey>> {
    let Some(key) = repos
        .api_keys
        .by_hash(&crypto::hash_secret(presented))
        .await?
    else {
        return Ok(None);
    };
    let now = clock.now();
    if key.state(now) != "active" || !creator_stands(repos, &key).await? {
        return Ok(None);
    }
    if key
        .last_used_at
        .is_none_or(|at| now >= at.saturating_add(TOUCH_INTERVAL))
        && let Err(e) = repos.api_keys.touch(&key.id, now).await
    {
        // Bookkeeping only: the key is good either way.
        tracing::warn!(key_id = %key.id, error = %e, "could not record the use of an API key");
    }
    Ok(Some(key))
}

/// Whether the key's creator still may hand out its role.
async fn creator_stands(repos: &Repos, key: &ApiKey) -> DbResult<bool> {
    if key.created_by == CLI_CREATOR {
        return Ok(true);
    }
    if let Some(client_id) = key.created_by.strip_prefix("client:") {
        let allowed = repos
            .clients
            .get(client_id)
            .await?
            .is_some_and(|c| c.scopes.iter().any(|s| s == ADMIN_SCOPE));
        return Ok(allowed && Role::Admin.may_manage(Some(key.role)));
    }
    Ok(repos
        .users
        .get(&key.created_by)
        .await?
        .is_some_and(|u| u.active && u.role.is_some_and(|r| r.may_manage(Some(key.role)))))
}
