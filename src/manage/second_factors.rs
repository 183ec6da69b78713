//! A user's second factors (authenticator app, backup codes): confirming an
//! enrolment, new backup codes, removal by the user, reset by an
//! administrator. Every change is audited; the codes themselves never are.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::auth::second_factor::{self, SecondFactorError};
use crate::clock::Clock;
use crate::config::Settings;
use crate::crypto::MasterKey;
use crate::db::{DbError, Repos, User};
use crate::mail::{self, CredentialChange};

impl From<SecondFactorError> for ManageError {
    fn from(e: SecondFactorError) -> Self {
        match e {
            SecondFactorError::Db(e) => Self::Db(e),
            // A secret that does not open is stored data gone wrong.
            SecondFactorError::Seal(e) => Self::Db(DbError::Corrupt(e.to_string())),
        }
    }
}

/// Confirms `user`'s pending authenticator with `code`: the new backup
/// codes (to be shown once), or `None` for a wrong code or nothing pending
/// (the pending secret stays). Audited as `second_factor.enrolled`; the
/// user is told by e-mail when e-mail is configured.
pub async fn confirm_authenticator(
    repos: &Repos,
    clock: &dyn Clock,
    master: &MasterKey,
    settings: &Settings,
    actor: &Actor,
    user: &User,
    code: &str,
) -> Result<Option<Vec<String>>, ManageError> {
    let had = second_factor::status(repos, &user.userid).await?.totp;
    let Some(codes) =
        second_factor::confirm_enrolment(repos, clock, master, &user.userid, code).await?
    else {
        return Ok(None);
    };
    audit::record(
        repos,
        clock,
        actor,
        Event::SecondFactorEnrolled,
        Some(&user.userid),
        serde_json::json!({"method": "totp", "replaced": had, "backup_codes": codes.len()}),
    )
    .await;
    mail::notify_credential_change(settings, user, CredentialChange::AuthenticatorAdded, None)
        .await;
    Ok(Some(codes))
}

/// Ten new backup codes for `user` (shown once); the old ones stop working.
/// Only for a user with an authenticator app. Audited as
/// `backup_codes.regenerated`.
pub async fn regenerate_backup_codes(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<Vec<String>, ManageError> {
    if !second_factor::status(repos, &user.userid).await?.totp {
        return Err(ManageError::Refused(
            "Set up an authenticator app first.".into(),
        ));
    }
    let codes = second_factor::regenerate_backup_codes(repos, clock, &user.userid).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::BackupCodesRegenerated,
        Some(&user.userid),
        serde_json::json!({"backup_codes": codes.len()}),
    )
    .await;
    Ok(codes)
}

/// The user removes their own authenticator app and backup codes. Audited
/// as `second_factor.removed`; the user is told by e-mail when configured.
pub async fn remove_own_second_factor(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    user: &User,
) -> Result<(), ManageError> {
    if !second_factor::reset(repos, &user.userid).await? {
        return Err(ManageError::Refused(
            "There is no authenticator app to remove.".into(),
        ));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::SecondFactorRemoved,
        Some(&user.userid),
        serde_json::json!({}),
    )
    .await;
    mail::notify_credential_change(settings, user, CredentialChange::AuthenticatorRemoved, None)
        .await;
    Ok(())
}

/// An administrator (`actor`) removes `user`'s authenticator app and backup
/// codes, e.g. after a lost phone; the user can then set up a new one.
/// Their recovery codes go too (and the pending links those gave): whoever
/// has the phone may have the code sheet, and the user makes new ones.
/// Audited as `second_factor.reset` (also when there was nothing, with
/// `"removed": false`; `"recovery_codes"` says whether recovery codes were
/// removed); when something was removed and e-mail is configured, the user
/// is told. Returns whether there was anything.
pub async fn reset_second_factor(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    user: &User,
) -> Result<bool, ManageError> {
    let factor = second_factor::reset(repos, &user.userid).await?;
    let codes = super::recovery_codes::end_recovery_codes(repos, clock.now(), user).await?;
    let removed = factor || codes;
    audit::record(
        repos,
        clock,
        actor,
        Event::SecondFactorReset,
        Some(&user.userid),
        serde_json::json!({"removed": removed, "recovery_codes": codes}),
    )
    .await;
    if removed {
        mail::notify_credential_change(settings, user, CredentialChange::SecondFactorReset, None)
            .await;
    }
    Ok(removed)
}
