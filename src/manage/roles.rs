//! Who may manage whom ([`Role::may_manage`]) and role assignment.

use super::users::reload;
use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::db::{OwnerChange, Repos, User};
use crate::domain::role::Role;

/// Refuses a caller holding `role` who may not change `target` (a user
/// manager and an account with a role; an administrator and an owner).
/// `None`: the command line or the server itself, which may.
pub fn check_may_manage(role: Option<Role>, target: &User) -> Result<(), ManageError> {
    match role {
        Some(r) if !r.may_manage(target.role) => Err(ManageError::Refused(format!(
            "a {} cannot change an account with the role {}",
            r.label().to_lowercase(),
            target.role.map_or("none", Role::as_str)
        ))),
        _ => Ok(()),
    }
}

/// Refuses a caller holding `role` who may not hand out `given` (on a new
/// account, an invite or by assignment).
pub fn check_may_grant(role: Option<Role>, given: Option<Role>) -> Result<(), ManageError> {
    match (role, given) {
        (Some(r), Some(g)) if !r.may_manage(Some(g)) => Err(ManageError::Refused(format!(
            "a {} cannot give the role {g}",
            r.label().to_lowercase()
        ))),
        _ => Ok(()),
    }
}

/// Refuses a caller holding `role` who may not revoke the invite `id`: one
/// that gives a role they may not hand out, or recovers an account they
/// may not change. An unknown invite passes (the revocation answers 404).
pub async fn check_may_revoke_invite(
    repos: &Repos,
    role: Role,
    id: &str,
) -> Result<(), ManageError> {
    let Some(invite) = repos.invites.get(id).await? else {
        return Ok(());
    };
    check_may_grant(Some(role), invite.role)?;
    if let Some(userid) = &invite.userid
        && let Some(user) = repos.users.get(userid).await?
    {
        check_may_manage(Some(role), &user)?;
    }
    Ok(())
}

/// Refuses taking away the last active owner (by a role change,
/// disabling or deleting). The write itself checks again
/// ([`crate::db::UserRepo::change_keeping_an_owner`]), for changes made
/// at the same moment.
pub async fn refuse_last_owner(repos: &Repos, user: &User, what: &str) -> Result<(), ManageError> {
    if user.role == Some(Role::Owner) && user.active && !other_owner(repos, &user.userid).await? {
        return Err(last_owner(user, what));
    }
    Ok(())
}

/// The refusal to take away the last owner.
pub(super) fn last_owner(user: &User, what: &str) -> ManageError {
    ManageError::Refused(format!(
        "{} is the last owner and cannot be {what}; make someone else an owner first",
        user.username
    ))
}

async fn other_owner(repos: &Repos, userid: &str) -> Result<bool, ManageError> {
    // Owners are few: reading them all is cheap.
    let mut offset = 0;
    loop {
        let page = repos.users.list(None, offset, 100).await?;
        if page
            .items
            .iter()
            .any(|u| u.active && u.role == Some(Role::Owner) && u.userid != userid)
        {
            return Ok(true);
        }
        if page.items.len() < 100 {
            return Ok(false);
        }
        offset += 100;
    }
}

/// Gives `user` the role `role` (`None`: takes it away). `caller_role` is
/// the caller's role (`None` for the command line). Nobody changes their
/// own role; callers may only change accounts and hand out roles they may
/// manage; the last active owner keeps the role. Audited
/// (`user.role_changed` with the old and new role).
pub async fn set_role(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    caller_role: Option<Role>,
    user: &User,
    role: Option<Role>,
) -> Result<User, ManageError> {
    if actor.id == user.userid {
        return Err(ManageError::Refused(
            "you cannot change your own role; ask another owner or administrator".into(),
        ));
    }
    check_may_manage(caller_role, user)?;
    check_may_grant(caller_role, role)?;
    if role == user.role {
        return Ok(user.clone());
    }
    if role != Some(Role::Owner) {
        refuse_last_owner(repos, user, "demoted").await?;
    }
    // The check above gives the reason; this one holds when two owners
    // demote each other at once.
    if !repos
        .users
        .change_keeping_an_owner(&user.userid, OwnerChange::Role(role), clock.now())
        .await?
    {
        return Err(last_owner(user, "demoted"));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::UserRoleChanged,
        Some(&user.userid),
        serde_json::json!({"old": user.role, "new": role}),
    )
    .await;
    reload(repos, &user.userid).await
}
