//! Signing keys: listing and rotation, for the CLI, the admin UI and the
//! admin API alike.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::db::{DbError, Repos};
use crate::domain::signing_alg::SigningAlg;
use crate::oidc::keys::{KeyError, KeyInfo, KeyManager};

/// A key failure is the server's fault: a database error as such, anything
/// else (generation, sealing) as an internal error with its reason logged.
fn internal(e: KeyError) -> ManageError {
    match e {
        KeyError::Db(e) => ManageError::Db(e),
        other => ManageError::Db(DbError::Corrupt(format!("signing keys: {other}"))),
    }
}

/// Every stored signing key (re-read from the database first).
pub async fn list_keys(keys: &KeyManager) -> Result<Vec<KeyInfo>, ManageError> {
    keys.list().await.map_err(internal)
}

/// Adds a new key for `alg` (`RS256`, `ES256` or `EdDSA`) that signs from
/// now on, in this process at once and in other instances at their next
/// key reload; older keys of the algorithm stay published until the tokens
/// they signed have expired. Audited as `key.rotated`. Returns the new key.
pub async fn rotate_key(
    repos: &Repos,
    clock: &dyn Clock,
    keys: &KeyManager,
    actor: &Actor,
    alg: &str,
) -> Result<KeyInfo, ManageError> {
    let alg = SigningAlg::parse(alg.trim()).ok_or_else(|| {
        ManageError::Invalid(format!(
            "unsupported algorithm {:?}: use RS256, ES256 or EdDSA",
            alg.chars().take(32).collect::<String>()
        ))
    })?;
    let kid = keys.rotate(alg).await.map_err(internal)?;
    audit::record(
        repos,
        clock,
        actor,
        Event::KeyRotated,
        Some(&kid),
        serde_json::json!({"alg": alg.as_str()}),
    )
    .await;
    let listed = keys.list().await.map_err(internal)?;
    listed
        .into_iter()
        .find(|k| k.kid == kid)
        .ok_or_else(|| ManageError::NotFound(format!("new key {kid:?}")))
}
