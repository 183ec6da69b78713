//! Custom attributes of users and groups (released as claims per each
//! client's claim mapping, `oidc::claims`).

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::db::{DbError, Repos, User};
use crate::domain::claim_mapping::{self, Attributes};

/// Parses and checks attributes an administrator wrote as a JSON value.
fn check(value: serde_json::Value) -> Result<Attributes, ManageError> {
    let serde_json::Value::Object(attributes) = value else {
        return Err(ManageError::Invalid(
            "the attributes must be a JSON object of names to values".into(),
        ));
    };
    claim_mapping::check_attributes(&attributes).map_err(|e| ManageError::Invalid(e.0))?;
    Ok(attributes)
}

/// The names whose values differ between `from` and `to` (added, changed
/// or removed), sorted: what the audit log records (never the values,
/// which may be personal data).
fn changed(from: &Attributes, to: &Attributes) -> Vec<String> {
    let mut names: Vec<String> = from
        .keys()
        .chain(to.keys())
        .filter(|k| from.get(*k) != to.get(*k))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Replaces a user's custom attributes (a JSON object); returns the user
/// as stored. Audited as `user.attributes_changed` with the changed names.
pub async fn set_user_attributes(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    attributes: serde_json::Value,
) -> Result<User, ManageError> {
    let attributes = check(attributes)?;
    let names = changed(&user.attributes, &attributes);
    if names.is_empty() {
        return Ok(user.clone());
    }
    repos
        .users
        .set_attributes(&user.userid, &attributes, clock.now())
        .await
        .map_err(|e| match e {
            DbError::NotFound => ManageError::NotFound(format!("user {:?}", user.userid)),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::UserAttributesChanged,
        Some(&user.userid),
        serde_json::json!({"username": user.username, "changed": names}),
    )
    .await;
    repos
        .users
        .get(&user.userid)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("user {:?}", user.userid)))
}

/// The custom attributes of the group `name`.
pub async fn get_group_attributes(repos: &Repos, name: &str) -> Result<Attributes, ManageError> {
    repos
        .attributes
        .group_attributes(name)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("group {name:?}")))
}

/// Replaces the custom attributes of the group `name` (a JSON object);
/// its members receive them unless they set the same names themselves.
/// Audited as `group.attributes_changed` with the changed names.
pub async fn set_group_attributes(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    attributes: serde_json::Value,
) -> Result<Attributes, ManageError> {
    let current = get_group_attributes(repos, name).await?;
    let attributes = check(attributes)?;
    let names = changed(&current, &attributes);
    if names.is_empty() {
        return Ok(current);
    }
    repos
        .attributes
        .set_group_attributes(name, &attributes)
        .await
        .map_err(|e| match e {
            DbError::NotFound => ManageError::NotFound(format!("group {name:?}")),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupAttributesChanged,
        Some(name),
        serde_json::json!({"group": name, "changed": names}),
    )
    .await;
    Ok(attributes)
}
