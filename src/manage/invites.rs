//! Invite operations beyond creation: state, revocation, and the
//! administrator invite made on first start.

use super::{Actor, CreateInvite, CreatedInvite, ManageError, create_invite};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DbError, Invite, Repos};
use crate::domain::role::Role;
use crate::mail::MailError;

pub use crate::auth::invite::InviteStatus;

/// Revokes a pending invite. Revoking a used invite is refused (the account
/// exists; disable it instead); revoking twice is harmless.
pub async fn revoke_invite(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    id: &str,
) -> Result<Invite, ManageError> {
    let invite = repos
        .invites
        .get(id)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("invite {id:?}")))?;
    if invite.used_at.is_some() {
        return Err(ManageError::Refused(
            "this invite has already been used; disable the account instead".into(),
        ));
    }
    let now = clock.now();
    repos.invites.revoke(id, now).await.map_err(|e| match e {
        DbError::NotFound => ManageError::NotFound(format!("invite {id:?}")),
        other => other.into(),
    })?;
    if invite.revoked_at.is_none() {
        audit::record(
            repos,
            clock,
            actor,
            Event::InviteRevoked,
            Some(id),
            serde_json::json!({"username": invite.username}),
        )
        .await;
    }
    repos
        .invites
        .get(id)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("invite {id:?}")))
}

/// Every invite (small tables: invites are few).
async fn all_invites(repos: &Repos) -> Result<Vec<Invite>, ManageError> {
    let mut out = Vec::new();
    loop {
        let page = repos.invites.list(out.len() as i64, 500).await?;
        let n = page.items.len();
        out.extend(page.items);
        if n < 500 || out.len() as i64 >= page.total {
            return Ok(out);
        }
    }
}

/// How long the first-start administrator invite works.
pub const BOOTSTRAP_TTL: i64 = 24 * 3600;

/// On a server without an administrator and without a pending administrator
/// invite, creates a one-time administrator invite. Returns it (with the URL,
/// which is never shown again) when one was created.
pub async fn bootstrap_admin_invite(
    repos: &Repos,
    clock: &dyn Clock,
    issuer: &str,
) -> Result<Option<CreatedInvite>, ManageError> {
    if repos.users.any_owner().await? {
        return Ok(None);
    }
    let now = clock.now();
    let pending = all_invites(repos)
        .await?
        .iter()
        .any(|i| i.role == Some(Role::Owner) && InviteStatus::of(i, now) == InviteStatus::Pending);
    if pending {
        return Ok(None);
    }
    let mut username = "admin".to_owned();
    if repos.users.get_by_username(&username).await?.is_some() {
        username = format!(
            "admin-{}",
            crate::crypto::random_token(3).to_ascii_lowercase()
        );
        username.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    }
    let created = create_invite(
        repos,
        clock,
        issuer,
        &Actor::system(),
        CreateInvite {
            username,
            role: Some(Role::Owner),
            ttl_seconds: BOOTSTRAP_TTL,
            note: Some("first administrator".into()),
            ..CreateInvite::default()
        },
    )
    .await?;
    // An import (`latchkey import`) may have filled the database between
    // the checks above and the invite: it refuses a database holding an
    // invite, so it committed before the invite was written, and its
    // owners are visible now. The invite is then withdrawn unseen.
    if repos.users.any_owner().await? {
        repos.invites.revoke(&created.id, now).await?;
        return Ok(None);
    }
    Ok(Some(created))
}

/// What an e-mailed link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Create a new account.
    Invite,
    /// Add a credential to an existing account.
    Recovery,
}

/// Checks, before a link is created, that it can be e-mailed to `to`:
/// e-mail is configured and `to` is an address. Returns the address.
pub fn mail_recipient(settings: &Settings, to: Option<&str>) -> Result<String, ManageError> {
    if !crate::mail::is_configured(settings) {
        return Err(ManageError::Invalid(MailError::NotConfigured.to_string()));
    }
    let Some(to) = to.map(str::trim).filter(|t| !t.is_empty()) else {
        return Err(ManageError::Invalid(
            "there is no e-mail address to send the link to".into(),
        ));
    };
    if to.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ManageError::Invalid(
            MailError::Address(to.to_owned()).to_string(),
        ));
    }
    Ok(to.to_owned())
}

/// E-mails a link just created to `to` and audits it (`invite.emailed`).
/// When delivery fails, the invite is revoked again, since nobody holds its
/// link: the caller reports the failure and the administrator tries again.
pub async fn email_invite(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    created: &CreatedInvite,
    to: &str,
    kind: LinkKind,
) -> Result<(), MailError> {
    let sent = match kind {
        LinkKind::Invite => {
            crate::mail::send_invite(settings, to, &created.url, &created.expires_at).await
        }
        LinkKind::Recovery => {
            crate::mail::send_recovery(settings, to, &created.url, &created.expires_at).await
        }
    };
    if let Err(e) = sent {
        if let Err(revoke) = revoke_invite(repos, clock, actor, &created.id).await {
            tracing::warn!(error = %revoke, "could not revoke an invite whose e-mail failed");
        }
        return Err(e);
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::InviteEmailed,
        Some(&created.id),
        serde_json::json!({"to": to, "recovery": kind == LinkKind::Recovery}),
    )
    .await;
    Ok(())
}
