//! Recovery codes, the second way of self-service recovery: a signed-in
//! user creates ten codes (shown once, stored hashed); later, one code and
//! the username give a single-use link to the invite page, where the
//! account gets a new passkey or password. The link works at once (the
//! codes were made by the account's owner while signed in, unlike a mailed
//! link, which anyone reading the mailbox could use) and, once used, ends
//! every session and refresh family of the account.

use super::{Actor, CreateInvite, CreatedInvite, ManageError};
use crate::audit::{self, Event};
use crate::auth::recovery_codes::{self, code_hash, normalize};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{Repos, User};
use crate::mail::CredentialChange;

/// How long the link a recovery code gives works (seconds).
pub const RECOVERY_CODE_LINK_TTL: i64 = 3600;

/// Revokes the pending recovery links that `user`'s codes gave: replacing
/// or removing the codes (after a code sheet was lost, say) withdraws
/// what they already gave.
async fn withdraw_code_links(repos: &Repos, now: i64, user: &User) -> Result<(), ManageError> {
    for invite in repos.invites.list_for_user(&user.userid).await? {
        if invite.is_code_recovery()
            && crate::auth::invite::InviteStatus::of(&invite, now)
                == crate::auth::invite::InviteStatus::Pending
        {
            repos.invites.revoke(&invite.id, now).await?;
        }
    }
    Ok(())
}

/// Ten new recovery codes for `user` (shown once); any old ones stop
/// working, and so do the pending links they gave. Audited
/// `recovery_codes.created`; the user is told by e-mail when it is
/// configured.
pub async fn create_recovery_codes(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    user: &User,
) -> Result<Vec<String>, ManageError> {
    let codes = recovery_codes::new_codes();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| normalize(c))
        .map(|c| code_hash(&user.userid, &c))
        .collect();
    repos
        .recovery_codes
        .replace_recovery_codes(&user.userid, &hashes, clock.now())
        .await?;
    withdraw_code_links(repos, clock.now(), user).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::RecoveryCodesCreated,
        Some(&user.userid),
        serde_json::json!({"recovery_codes": codes.len()}),
    )
    .await;
    crate::mail::notify_credential_change(
        settings,
        user,
        CredentialChange::RecoveryCodesCreated,
        None,
    )
    .await;
    Ok(codes)
}

/// Removes `user`'s recovery codes, then withdraws the pending links they
/// gave; true when there were codes. In that order: a code spent while
/// this runs either made its link before the withdrawal (withdrawn) or
/// finds no code left.
pub(super) async fn end_recovery_codes(
    repos: &Repos,
    now: i64,
    user: &User,
) -> Result<bool, ManageError> {
    let had = repos
        .recovery_codes
        .delete_recovery_codes(&user.userid)
        .await?;
    withdraw_code_links(repos, now, user).await?;
    Ok(had)
}

/// Removes every recovery code of `user` and withdraws the pending links
/// they gave: the user on their account, or an administrator (after a
/// code sheet was lost, say; the HTTP layer checks the administrator may
/// change `user`). Audited `recovery_codes.removed`, with
/// `"by_administrator"` when `actor` is not the user. Refused when there
/// is none.
pub async fn remove_recovery_codes(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<(), ManageError> {
    if !end_recovery_codes(repos, clock.now(), user).await? {
        return Err(ManageError::Refused(
            "There are no recovery codes to remove.".into(),
        ));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::RecoveryCodesRemoved,
        Some(&user.userid),
        serde_json::json!({"by_administrator": actor.id != user.userid}),
    )
    .await;
    Ok(())
}

/// How many unused recovery codes `user` has.
pub async fn recovery_codes_left(repos: &Repos, user: &User) -> Result<u32, ManageError> {
    Ok(repos
        .recovery_codes
        .recovery_codes_left(&user.userid)
        .await?)
}

/// Spends `code` of the active account `username` and returns a recovery
/// link for it (working at once, for [`RECOVERY_CODE_LINK_TTL`]), audited
/// `recovery_code.used`; the account is told by e-mail when configured.
/// `None` when the username or the code is wrong, the code was used, or the
/// account is disabled: the caller answers all of these alike.
pub async fn use_recovery_code(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    username: &str,
    code: &str,
    ip: Option<String>,
) -> Result<Option<CreatedInvite>, ManageError> {
    let username = username.trim();
    let Some(code) = normalize(code) else {
        return Ok(None);
    };
    if username.is_empty() || username.len() > 128 {
        return Ok(None);
    }
    let now = clock.now();
    let user = repos
        .users
        .get_by_username(username)
        .await?
        .filter(|u| u.active);
    // The same statement runs for an unknown or disabled account (with a
    // userid no account has), so the answer's timing does not tell
    // whether the username exists.
    let userid = user.as_ref().map_or("", |u| u.userid.as_str());
    let spent = repos
        .recovery_codes
        .use_recovery_code(userid, &code_hash(userid, &code), now)
        .await?;
    let Some(user) = user.filter(|_| spent) else {
        return Ok(None);
    };
    let actor = Actor::user(&user.userid, ip);
    let created = super::create_invite(
        repos,
        clock,
        &settings.issuer,
        &actor,
        CreateInvite {
            username: user.username.to_string(),
            email: user.profile.email.clone(),
            groups: Vec::new(),
            role: None,
            ttl_seconds: RECOVERY_CODE_LINK_TTL,
            note: Some(crate::db::RECOVERY_CODE_NOTE.into()),
            userid: Some(user.userid.clone()),
        },
    )
    .await?;
    let left = repos
        .recovery_codes
        .recovery_codes_left(&user.userid)
        .await?;
    audit::record(
        repos,
        clock,
        &actor,
        Event::RecoveryCodeUsed,
        Some(&user.userid),
        serde_json::json!({"invite": created.id, "recovery_codes_left": left}),
    )
    .await;
    crate::mail::notify_credential_change(
        settings,
        &user,
        CredentialChange::RecoveryCodeUsed,
        None,
    )
    .await;
    Ok(Some(created))
}
