//! A user's own credentials and sessions: passkeys, password, sign-outs.
//! Used by the account page; every change is audited.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::auth::password;
use crate::clock::Clock;
use crate::db::{DbError, Repos, Session, User};

/// How many ways the user has to sign in (passkeys plus a password).
pub async fn sign_in_methods(repos: &Repos, userid: &str) -> Result<usize, ManageError> {
    let passkeys = repos.passkeys.list_for_user(userid).await?.len();
    let password = usize::from(repos.passwords.get(userid).await?.is_some());
    Ok(passkeys + password)
}

fn not_found(what: &str) -> impl FnOnce(DbError) -> ManageError + '_ {
    move |e| match e {
        DbError::NotFound => ManageError::NotFound(what.to_owned()),
        other => other.into(),
    }
}

/// Renames one of the user's passkeys.
pub async fn rename_passkey(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    id: &str,
    name: &str,
) -> Result<(), ManageError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ManageError::Invalid(
            "A passkey name must be 1 to 100 characters.".into(),
        ));
    }
    repos
        .passkeys
        .rename(&user.userid, id, name)
        .await
        .map_err(not_found("passkey"))?;
    audit::record(
        repos,
        clock,
        actor,
        Event::PasskeyRenamed,
        Some(&user.userid),
        serde_json::json!({"passkey": id, "name": name}),
    )
    .await;
    Ok(())
}

/// Removes one of the user's passkeys, unless it is their last way to sign in.
pub async fn remove_passkey(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    id: &str,
) -> Result<(), ManageError> {
    remove_one_passkey(repos, clock, actor, user, id, false)
        .await
        .map(drop)
}

/// Removes one of `user`'s passkeys on an administrator's authority. Unlike
/// [`remove_passkey`] this may remove the user's last way to sign in (a lost
/// or stolen authenticator must be removable); the administrator can then
/// send a recovery link. Returns whether it was the last one.
pub async fn remove_passkey_of_user(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    id: &str,
) -> Result<bool, ManageError> {
    remove_one_passkey(repos, clock, actor, user, id, true).await
}

async fn remove_one_passkey(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    id: &str,
    may_remove_last: bool,
) -> Result<bool, ManageError> {
    let passkeys = repos.passkeys.list_for_user(&user.userid).await?;
    let Some(passkey) = passkeys.iter().find(|p| p.id == id) else {
        return Err(ManageError::NotFound("passkey".into()));
    };
    let last = sign_in_methods(repos, &user.userid).await? <= 1;
    if last && !may_remove_last {
        return Err(ManageError::Refused(
            "This is your last way to sign in. Add another passkey or a password first.".into(),
        ));
    }
    repos
        .passkeys
        .delete(&user.userid, id)
        .await
        .map_err(not_found("passkey"))?;
    let mut details = serde_json::json!({"passkey": id, "name": passkey.name});
    if last {
        details["last_sign_in_method"] = serde_json::Value::Bool(true);
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::PasskeyRemoved,
        Some(&user.userid),
        details,
    )
    .await;
    Ok(last)
}

/// Sets or changes the user's password. When they have one, `current` must
/// be it. Other sessions of the user end (the current one, `keep_sid`,
/// stays), and every refresh-token family and earlier access token of the
/// user is revoked.
pub async fn change_password(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    current: Option<String>,
    new: &str,
    keep_sid: Option<&str>,
) -> Result<(), ManageError> {
    let stored = repos.passwords.get(&user.userid).await?;
    let had = stored.is_some();
    if had {
        let Some(current) = current.filter(|c| !c.is_empty()) else {
            return Err(ManageError::Invalid("Enter your current password.".into()));
        };
        if matches!(
            password::verify_in(current, stored, crate::auth::hashing::Lane::Normal).await?,
            password::Verified::No
        ) {
            return Err(ManageError::Invalid(
                "The current password is not correct.".into(),
            ));
        }
    }
    password::check_policy(new, &user.username).map_err(|e| ManageError::Invalid(e.to_string()))?;
    let hash = password::hash(new.to_owned()).await?;
    repos
        .passwords
        .set(&user.userid, &hash, clock.now())
        .await?;
    crate::auth::revoke::revoke_everything(repos, clock, &user.userid, keep_sid).await?;
    let event = if had {
        Event::PasswordChanged
    } else {
        Event::PasswordSet
    };
    audit::record(
        repos,
        clock,
        actor,
        event,
        Some(&user.userid),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}

/// Removes the user's password, unless it is their last way to sign in.
pub async fn remove_password(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<(), ManageError> {
    if repos.passwords.get(&user.userid).await?.is_none() {
        return Err(ManageError::NotFound("password".into()));
    }
    if repos.passkeys.list_for_user(&user.userid).await?.is_empty() {
        return Err(ManageError::Refused(
            "Your password is your only way to sign in. Add a passkey first.".into(),
        ));
    }
    repos
        .passwords
        .delete(&user.userid)
        .await
        .map_err(not_found("password"))?;
    audit::record(
        repos,
        clock,
        actor,
        Event::PasswordRemoved,
        Some(&user.userid),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}

/// Ends one of the user's sessions.
pub async fn end_session(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    sid: &str,
) -> Result<(), ManageError> {
    let sessions = repos.sessions.list_for_user(&user.userid).await?;
    if !sessions.iter().any(|s| s.sid == sid) {
        return Err(ManageError::NotFound("session".into()));
    }
    repos
        .sessions
        .delete(sid)
        .await
        .map_err(not_found("session"))?;
    audit::record(
        repos,
        clock,
        actor,
        Event::SessionEnded,
        Some(&user.userid),
        serde_json::json!({"sid": sid}),
    )
    .await;
    Ok(())
}

/// The user's sessions that have not expired, newest first.
pub async fn live_sessions(
    repos: &Repos,
    clock: &dyn Clock,
    userid: &str,
) -> Result<Vec<Session>, DbError> {
    let now = clock.now();
    let mut sessions: Vec<Session> = repos
        .sessions
        .list_for_user(userid)
        .await?
        .into_iter()
        .filter(|s| s.expires_at > now)
        .collect();
    sessions.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.sid.cmp(&b.sid)));
    Ok(sessions)
}
