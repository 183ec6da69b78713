//! Groups as things: create, describe, rename, delete, list members.
//! Memberships themselves change with a user ([`super::set_groups`]),
//! which also creates groups it names.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::db::{DbError, Group, GroupDeletion, Repos, User};

/// Longest group description, in characters.
const MAX_DESCRIPTION: usize = 500;

/// Checks a group name: trimmed, 1 to 64 bytes, no control characters (the
/// rules a user's group names have always followed).
pub fn clean_group_name(name: &str) -> Result<String, ManageError> {
    let g = name.trim();
    // `.` and `..` are path segments every URL parser resolves away, so
    // such a group could never be reached at /admin/groups/{name} or in the
    // admin API.
    if g.is_empty() || g.len() > 64 || g.chars().any(char::is_control) || g == "." || g == ".." {
        return Err(ManageError::Invalid(format!(
            "invalid group name {g:?} (1 to 64 characters, no control characters, not \".\" or \"..\")"
        )));
    }
    Ok(g.to_owned())
}

/// Checks a group description: trimmed, empty is none.
pub fn clean_group_description(text: Option<&str>) -> Result<Option<String>, ManageError> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if t.chars().count() > MAX_DESCRIPTION
        || t.chars().any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(ManageError::Invalid(format!(
            "the description must be at most {MAX_DESCRIPTION} characters, without control characters"
        )));
    }
    Ok(Some(t.to_owned()))
}

fn not_found(name: &str) -> ManageError {
    ManageError::NotFound(format!("group {name:?}"))
}

/// Finds a group by name.
pub async fn find_group(repos: &Repos, name: &str) -> Result<Group, ManageError> {
    repos
        .groups
        .get(name.trim())
        .await?
        .ok_or_else(|| not_found(name))
}

/// The members of a group, by username.
pub async fn group_members(repos: &Repos, name: &str) -> Result<Vec<User>, ManageError> {
    repos.groups.members(name).await.map_err(|e| match e {
        DbError::NotFound => not_found(name),
        other => other.into(),
    })
}

/// Creates an empty group.
pub async fn create_group(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    description: Option<&str>,
) -> Result<Group, ManageError> {
    create_group_with_policy(repos, clock, actor, name, description, false).await
}

/// Creates an empty group whose members must complete a second factor at
/// every sign-in when `require_mfa` is set.
pub async fn create_group_with_policy(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    description: Option<&str>,
    require_mfa: bool,
) -> Result<Group, ManageError> {
    let name = clean_group_name(name)?;
    let description = clean_group_description(description)?;
    let mut group = repos
        .groups
        .create(&name, description.as_deref(), clock.now())
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => ManageError::Conflict(format!("group {name:?}")),
            other => other.into(),
        })?;
    if require_mfa {
        repos
            .groups
            .set_require_mfa(&group.name, true, clock.now())
            .await?;
        group.require_mfa = true;
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupCreated,
        Some(&group.name),
        serde_json::json!({"name": group.name, "description": group.description, "require_mfa": group.require_mfa}),
    )
    .await;
    Ok(group)
}

/// Sets whether the members of a group must complete a second factor (or
/// sign in with a passkey) at every sign-in; audited as `group.updated`.
pub async fn set_group_require_mfa(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    on: bool,
) -> Result<Group, ManageError> {
    let group = find_group(repos, name).await?;
    if group.require_mfa == on {
        return Ok(group);
    }
    repos
        .groups
        .set_require_mfa(&group.name, on, clock.now())
        .await
        .map_err(|e| match e {
            DbError::NotFound => not_found(name),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupUpdated,
        Some(&group.name),
        serde_json::json!({"name": group.name, "require_mfa": on}),
    )
    .await;
    find_group(repos, &group.name).await
}

/// Renames a group; its members and the clients restricted to it follow.
pub async fn rename_group(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    new_name: &str,
) -> Result<Group, ManageError> {
    let group = find_group(repos, name).await?;
    let new_name = clean_group_name(new_name)?;
    if new_name == group.name {
        return Ok(group);
    }
    repos
        .groups
        .rename(&group.name, &new_name, clock.now())
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => ManageError::Conflict(format!("group {new_name:?}")),
            DbError::NotFound => not_found(name),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupRenamed,
        Some(&new_name),
        serde_json::json!({"from": group.name, "to": new_name}),
    )
    .await;
    find_group(repos, &new_name).await
}

/// Replaces a group's description (empty clears it).
pub async fn describe_group(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    description: Option<&str>,
) -> Result<Group, ManageError> {
    let group = find_group(repos, name).await?;
    let description = clean_group_description(description)?;
    if description == group.description {
        return Ok(group);
    }
    repos
        .groups
        .set_description(&group.name, description.as_deref(), clock.now())
        .await
        .map_err(|e| match e {
            DbError::NotFound => not_found(name),
            other => other.into(),
        })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupUpdated,
        Some(&group.name),
        serde_json::json!({"name": group.name, "description": description}),
    )
    .await;
    find_group(repos, &group.name).await
}

/// Deletes a group and its memberships; returns how many memberships went.
/// Refused for a group that restricts a
/// client (deleting it would open the client to everyone, or lock everyone
/// out): the clients are named.
pub async fn delete_group(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
) -> Result<u64, ManageError> {
    let group = find_group(repos, name).await?;
    let deletion = repos
        .groups
        .delete(&group.name)
        .await
        .map_err(|e| match e {
            DbError::NotFound => not_found(name),
            other => other.into(),
        })?;
    let memberships = match deletion {
        GroupDeletion::Deleted { memberships } => memberships,
        GroupDeletion::InUse { clients } => {
            let names: Vec<String> = clients
                .iter()
                .map(|(id, name)| format!("{name:?} (client id {id})"))
                .collect();
            return Err(ManageError::Refused(format!(
                "the group {:?} restricts who may sign in to {}; remove it from their allowed groups first",
                group.name,
                names.join(", ")
            )));
        }
    };
    audit::record(
        repos,
        clock,
        actor,
        Event::GroupDeleted,
        Some(&group.name),
        serde_json::json!({"name": group.name, "memberships": memberships}),
    )
    .await;
    Ok(memberships)
}

#[cfg(test)]
mod tests {
    use super::clean_group_name;

    #[test]
    fn group_names_are_trimmed_and_dot_segments_refused() {
        assert_eq!(clean_group_name("  ops ").ok().as_deref(), Some("ops"));
        assert!(clean_group_name("a/b").is_ok());
        for bad in ["", "  ", ".", "..", " .. ", "a\u{7}b", &"x".repeat(65)] {
            assert!(clean_group_name(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
