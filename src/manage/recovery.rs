//! Self-service account recovery ("Lost your passkey?"): a recovery link
//! mailed to an account's verified address, which starts to work only after
//! a cooling-off delay (`LATCHKEY_RECOVERY_DELAY`) during which the owner
//! is told and can cancel it from a signed-in session.
//!
//! The request itself answers the same whatever the address: the HTTP layer
//! runs [`request_recovery`] off the response path and shows one page.

use super::{Actor, CreateInvite, LinkTerms, ManageError, create_invite_with, revoke_invite};
use crate::audit::{self, Event};
use crate::auth::invite::InviteStatus;
use crate::clock::{Clock, rfc3339};
use crate::config::Settings;
use crate::db::{Invite, Repos, User};

/// How long a self-service recovery link works once its delay is over.
pub const RECOVERY_LINK_TTL: i64 = 24 * 3600;

/// Self-service recovery links one account may be sent per
/// [`RECOVERY_REQUEST_WINDOW`]; further requests are dropped silently.
pub const RECOVERY_REQUESTS_PER_ACCOUNT: usize = 3;

/// The window of [`RECOVERY_REQUESTS_PER_ACCOUNT`], in seconds.
pub const RECOVERY_REQUEST_WINDOW: i64 = 24 * 3600;

/// Held while an account's recent links are counted and a new one is made.
static PER_ACCOUNT_COUNT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Longest e-mail address looked up.
const MAX_EMAIL: usize = 254;

/// Handles a recovery request for the address `email`: for every active
/// account without a second factor whose verified address it is, and which
/// has not had
/// [`RECOVERY_REQUESTS_PER_ACCOUNT`] links in the last day, creates a
/// self-service recovery invite (working after the configured delay) and
/// mails it, audited `recovery.requested`. Nothing happens without e-mail,
/// for unknown or unverified addresses, or for malformed input. Returns how
/// many links were mailed (the requester is never told).
pub async fn request_recovery(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    email: &str,
    ip: Option<String>,
) -> Result<usize, ManageError> {
    let email = email.trim();
    if !crate::mail::is_configured(settings)
        || email.is_empty()
        || email.len() > MAX_EMAIL
        || email.parse::<lettre::message::Mailbox>().is_err()
    {
        return Ok(0);
    }
    let actor = Actor::anonymous(ip);
    let delay = i64::try_from(settings.recovery_delay.as_secs()).unwrap_or(i64::MAX);
    let mut mailed = 0;
    for user in repos.users.list_by_verified_email(email).await? {
        if !user.active {
            continue;
        }
        // A mailbox alone must not get past an authenticator app: such an
        // account is recovered by an administrator (the link would be
        // refused anyway, see `auth::invite`).
        // Nor does it hand over the management of Latchkey: holders of a
        // role are recovered by another administrator or on the server.
        if user.role.is_some() {
            tracing::info!("self-service recovery request dropped: the account holds a role");
            continue;
        }
        if crate::auth::second_step::has_second_factor(repos, &user.userid).await? {
            tracing::info!(
                "self-service recovery request dropped: the account has a second factor"
            );
            continue;
        }
        // The count and the new link are one step: concurrent requests
        // (from many addresses at once) would otherwise all read a count
        // under the limit and each mail a link. One instance at a time;
        // several instances sharing PostgreSQL can each add up to the limit.
        let counted = PER_ACCOUNT_COUNT.lock().await;
        let now = clock.now();
        let recent = repos
            .invites
            .list_for_user(&user.userid)
            .await?
            .iter()
            .filter(|i| i.self_service && i.created_at > now - RECOVERY_REQUEST_WINDOW)
            .count();
        if recent >= RECOVERY_REQUESTS_PER_ACCOUNT {
            tracing::info!("self-service recovery request dropped: per-account limit");
            continue;
        }
        let Some(to) = user.profile.email.clone() else {
            continue;
        };
        let created = create_invite_with(
            repos,
            clock,
            &settings.issuer,
            &actor,
            CreateInvite {
                username: user.username.to_string(),
                email: Some(to.clone()),
                ttl_seconds: RECOVERY_LINK_TTL,
                note: Some("self-service recovery".into()),
                userid: Some(user.userid.clone()),
                ..CreateInvite::default()
            },
            LinkTerms {
                delay_seconds: delay,
                self_service: true,
                name: None,
            },
        )
        .await?;
        drop(counted);
        let usable_from = (delay > 0).then(|| rfc3339(now + delay));
        // Recorded before the mail goes: whoever reads the mail finds the
        // request in the log (a failed delivery withdraws the link below,
        // audited `invite.revoked`).
        audit::record(
            repos,
            clock,
            &actor,
            Event::RecoveryRequested,
            Some(&user.userid),
            serde_json::json!({
                "invite": created.id,
                "usable_from": usable_from,
                "expires_at": created.expires_at,
            }),
        )
        .await;
        // In the account owner's language when their profile names one.
        let sent = crate::i18n::speaking(
            crate::mail::locale_for(user.profile.locale.as_deref()),
            crate::mail::send_self_service_recovery(
                settings,
                &to,
                &user.username,
                &created.url,
                usable_from.as_deref(),
                &created.expires_at,
            ),
        )
        .await;
        if let Err(e) = sent {
            // Nobody holds the link: withdraw it.
            tracing::warn!(error = %e, "self-service recovery link not mailed");
            if let Err(revoke) = revoke_invite(repos, clock, &actor, &created.id).await {
                tracing::warn!(error = %revoke, "could not revoke an unmailed recovery link");
            }
            continue;
        }
        mailed += 1;
    }
    Ok(mailed)
}

/// The recovery links of `user` that the account itself asked for
/// (self-service links and links recovery codes gave) and that are still
/// pending (waiting for their delay or usable), newest first.
pub async fn pending_recoveries(
    repos: &Repos,
    now: i64,
    user: &User,
) -> Result<Vec<Invite>, ManageError> {
    Ok(repos
        .invites
        .list_for_user(&user.userid)
        .await?
        .into_iter()
        .filter(|i| i.is_own_recovery() && InviteStatus::of(i, now) == InviteStatus::Pending)
        .collect())
}

/// Cancels every pending self-service recovery of `user` (their links stop
/// working at once), audited `recovery.cancelled`. Refused when there is
/// none.
pub async fn cancel_recovery(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<usize, ManageError> {
    let now = clock.now();
    let pending = pending_recoveries(repos, now, user).await?;
    if pending.is_empty() {
        return Err(ManageError::Refused(
            "There is no pending recovery to cancel.".into(),
        ));
    }
    let mut ids = Vec::new();
    for invite in &pending {
        repos.invites.revoke(&invite.id, now).await?;
        ids.push(invite.id.clone());
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::RecoveryCancelled,
        Some(&user.userid),
        serde_json::json!({"invites": ids}),
    )
    .await;
    Ok(ids.len())
}
