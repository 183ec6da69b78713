//! The audit log: who did what, to whom, from where. Every event has a
//! name from [`Event`] (stored as text, e.g. `user.created`), so the set of
//! events is listed once and a typo cannot invent a new one. The account
//! services (`auth`), the management operations (`manage`) and the
//! protocol core (`oidc`) all write here.

use std::fmt;

use crate::clock::Clock;
use crate::db::{NewAuditEvent, Repos};

/// Who performs an operation, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    /// A userid, `client:<id>`, `cli`, `system`, or `registration` (an
    /// anonymous caller of `/register`).
    pub id: String,
    /// The client address, when the operation came over the network.
    pub ip: Option<String>,
    /// The role the actor acts with in the management UI or the admin API
    /// (a client with the admin scope acts as `admin`). `None`: the
    /// command line, the server itself, or someone acting for themselves
    /// (a user on their account, a client on its own registration).
    /// Management operations apply the rules about targets with it (see
    /// [`crate::manage::check_admin_scope`]).
    pub role: Option<crate::domain::role::Role>,
}

impl Actor {
    /// The command line.
    #[must_use]
    pub fn cli() -> Self {
        Self {
            id: "cli".into(),
            ip: None,
            role: None,
        }
    }

    /// The server itself.
    #[must_use]
    pub fn system() -> Self {
        Self {
            id: "system".into(),
            ip: None,
            role: None,
        }
    }

    /// Someone not signed in, from `ip` (a self-service request).
    #[must_use]
    pub fn anonymous(ip: Option<String>) -> Self {
        Self {
            id: "anonymous".into(),
            ip,
            role: None,
        }
    }

    /// The user `userid`, from `ip`.
    #[must_use]
    pub fn user(userid: &str, ip: Option<String>) -> Self {
        Self {
            id: userid.to_owned(),
            ip,
            role: None,
        }
    }
}

macro_rules! events {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What happened.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Event {
            $($(#[$doc])* $variant,)*
        }

        impl Event {
            /// Every event, in the order listed.
            pub const ALL: &[Self] = &[$(Self::$variant,)*];

            /// The event's name as stored and shown (`user.created`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }
        }
    };
}

events! {
    /// A user outside a client's allowed groups was refused (at
    /// `/authorize`, or a code or refresh token at `/token`).
    AccessDenied = "access.denied",
    /// Too many password attempts locked a key (`auth::throttle`).
    AccountLocked = "account.locked",
    /// A backup code was used at sign-in or step-up (details: how many are left).
    BackupCodeUsed = "backup_code.used",
    /// An admin API call with a verified token was refused.
    AdminRefused = "admin.refused",
    /// An API key was created (details: name, role, expiry; never the key).
    ApiKeyCreated = "api_key.created",
    /// An API key was revoked.
    ApiKeyRevoked = "api_key.revoked",
    /// A user replaced their backup codes (`/account`).
    BackupCodesRegenerated = "backup_codes.regenerated",
    /// A client assertion (`private_key_jwt`, `client_secret_jwt`) was
    /// presented a second time, and refused.
    ClientAssertionReplayed = "client.assertion_replayed",
    /// A client was registered.
    ClientCreated = "client.created",
    /// A client was removed.
    ClientDeleted = "client.deleted",
    /// A client's secret was replaced.
    ClientSecretRotated = "client.secret_rotated",
    /// A client's registration changed.
    ClientUpdated = "client.updated",
    /// A client registered itself at `/register` (RFC 7591).
    ClientRegistered = "client.registered",
    /// A dynamically registered client replaced its metadata (RFC 7592).
    ClientRegistrationUpdated = "client.registration_updated",
    /// A dynamically registered client deleted itself (RFC 7592).
    ClientRegistrationDeleted = "client.registration_deleted",
    /// An authorization code was presented a second time.
    CodeReplayed = "code.replayed",
    /// A user refused a client's request on the consent page.
    ConsentDenied = "consent.denied",
    /// A user granted a client scopes on the consent page.
    ConsentGranted = "consent.granted",
    /// A user withdrew a connected app's consent and tokens (`/account`).
    ConsentRevoked = "consent.revoked",
    /// A verification link was mailed to a user's address.
    EmailVerificationSent = "email.verification_sent",
    /// A user confirmed their address with a verification link.
    EmailVerified = "email.verified",
    /// An administrator replaced a group's custom attributes.
    GroupAttributesChanged = "group.attributes_changed",
    /// A group was created.
    GroupCreated = "group.created",
    /// A group was deleted (with its memberships).
    GroupDeleted = "group.deleted",
    /// A group was renamed.
    GroupRenamed = "group.renamed",
    /// A group's description changed.
    GroupUpdated = "group.updated",
    /// A user approved a device (RFC 8628) at `/device`.
    DeviceApproved = "device.approved",
    /// A wrong or expired user code was entered at `/device`.
    DeviceCodeRejected = "device.code_rejected",
    /// A device authorization was denied at `/device` (by the user, or by
    /// the client's access policy).
    DeviceDenied = "device.denied",
    /// An invite was redeemed.
    InviteAccepted = "invite.accepted",
    /// The first-start administrator invite was made.
    InviteBootstrap = "invite.bootstrap",
    /// An invite was made.
    InviteCreated = "invite.created",
    /// An invite or recovery link was e-mailed.
    InviteEmailed = "invite.emailed",
    /// An invite was withdrawn.
    InviteRevoked = "invite.revoked",
    /// The signing keys were rotated.
    KeyRotated = "key.rotated",
    /// A passkey was added.
    PasskeyRegistered = "passkey.registered",
    /// A passkey was removed.
    PasskeyRemoved = "passkey.removed",
    /// A passkey was renamed.
    PasskeyRenamed = "passkey.renamed",
    /// A passkey signed someone in.
    PasskeyUsed = "passkey.used",
    /// A user changed their password.
    PasswordChanged = "password.changed",
    /// A password was removed.
    PasswordRemoved = "password.removed",
    /// A password was set (invite, recovery, administrator).
    PasswordSet = "password.set",
    /// An administrator issued an initial access token for registration.
    RegistrationTokenCreated = "registration_token.created",
    /// An administrator revoked an initial access token.
    RegistrationTokenRevoked = "registration_token.revoked",
    /// Someone signed out asked for a recovery link for an account whose
    /// verified address they typed ("Lost your passkey?"); it was mailed.
    RecoveryRequested = "recovery.requested",
    /// The account's owner cancelled a pending self-service recovery.
    RecoveryCancelled = "recovery.cancelled",
    /// A recovery link (administrator, CLI or self-service) added a way to
    /// sign in to an existing account.
    RecoveryUsed = "recovery.used",
    /// A user created recovery codes (`/account`; details: how many).
    RecoveryCodesCreated = "recovery_codes.created",
    /// A user removed their recovery codes.
    RecoveryCodesRemoved = "recovery_codes.removed",
    /// A recovery code was spent for a recovery link (details: the invite,
    /// codes left).
    RecoveryCodeUsed = "recovery_code.used",
    /// A used refresh token was presented again.
    RefreshReused = "refresh.reused",
    /// A user confirmed an authenticator app (with new backup codes).
    SecondFactorEnrolled = "second_factor.enrolled",
    /// A user removed their authenticator app and backup codes.
    SecondFactorRemoved = "second_factor.removed",
    /// An administrator removed a user's authenticator app and backup codes.
    SecondFactorReset = "second_factor.reset",
    /// A session was ended.
    SessionEnded = "session.ended",
    /// A session was started.
    SessionStarted = "session.started",
    /// An administrator approved a sign-up request; its invite was mailed.
    SignupApproved = "signup.approved",
    /// An administrator rejected a sign-up request (it is deleted).
    SignupRejected = "signup.rejected",
    /// Someone signed out asked to create an account at `/signup` (with
    /// `existing_account` when the address already had one: nothing made).
    SignupRequested = "signup.requested",
    /// The address of a sign-up request was confirmed with the mailed link.
    SignupVerified = "signup.verified",
    /// A user signed out.
    Signout = "signout",
    /// A user ended every session and token of theirs (`/account`).
    SignoutEverywhere = "signout.everywhere",
    /// A sign-in was refused.
    SigninFailure = "signin.failure",
    /// A sign-in succeeded.
    SigninSuccess = "signin.success",
    /// A client revoked a token.
    TokenRevoked = "token.revoked",
    /// An administrator replaced a user's custom attributes.
    UserAttributesChanged = "user.attributes_changed",
    /// A user was created.
    UserCreated = "user.created",
    /// A user was deleted.
    UserDeleted = "user.deleted",
    /// A user was disabled.
    UserDisabled = "user.disabled",
    /// A user was enabled again.
    UserEnabled = "user.enabled",
    /// A user's groups changed.
    UserGroupsChanged = "user.groups_changed",
    /// A user's profile changed.
    UserProfileUpdated = "user.profile_updated",
    /// A user's administrative role changed (old and new).
    UserRoleChanged = "user.role_changed",
    /// A user's username changed.
    UserRenamed = "user.renamed",
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Records `event` by `actor` concerning `subject`; a failure to write is
/// logged, never fatal to the caller.
pub async fn record(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    event: Event,
    subject: Option<&str>,
    details: serde_json::Value,
) {
    let e = NewAuditEvent {
        actor: Some(actor.id.clone()),
        event: event.as_str().to_owned(),
        subject: subject.map(str::to_owned),
        ip: actor.ip.clone(),
        client_id: client_of(&actor.id, event.as_str(), subject, &details),
        details,
    };
    if let Err(err) = repos.audit.append(&e, clock.now()).await {
        tracing::error!(error = %err, event = event.as_str(), "could not write audit event");
    }
}

/// Deletes the events older than `retention` (none when `None`), as the
/// periodic purge does; returns how many.
pub async fn purge_old(
    repos: &Repos,
    clock: &dyn Clock,
    retention: Option<std::time::Duration>,
) -> crate::db::DbResult<u64> {
    let Some(retention) = retention else {
        return Ok(0);
    };
    let before = clock.now().saturating_sub(crate::clock::secs(retention));
    repos.audit.purge_before(before).await
}

/// The relying party an event concerns, kept in its own (indexed) column
/// so the log can be filtered by client: the subject of a `client.*` or
/// `consent.granted` event, else a `client_id` in the details, else the
/// client acting (`client:<id>`). Migration 0011 fills older rows by the
/// same rule.
#[must_use]
pub fn client_of(
    actor: &str,
    event: &str,
    subject: Option<&str>,
    details: &serde_json::Value,
) -> Option<String> {
    if event.starts_with("client.") || event == Event::ConsentGranted.as_str() {
        return subject.map(str::to_owned);
    }
    if let Some(id) = details.get("client_id").and_then(serde_json::Value::as_str) {
        return Some(id.to_owned());
    }
    actor.strip_prefix("client:").map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_of_an_event() {
        let none = serde_json::json!({});
        assert_eq!(
            client_of("client:abc", "token.revoked", Some("u"), &none).as_deref(),
            Some("abc")
        );
        let details = serde_json::json!({"client_id": "xyz"});
        assert_eq!(
            client_of("u", "consent.denied", Some("xyz"), &details).as_deref(),
            Some("xyz")
        );
        assert_eq!(
            client_of("client:bot", "client.updated", Some("c1"), &none).as_deref(),
            Some("c1")
        );
        assert_eq!(
            client_of("u", "consent.granted", Some("c2"), &none).as_deref(),
            Some("c2")
        );
        assert_eq!(client_of("u", "user.created", Some("v"), &none), None);
        let null = serde_json::json!({"client_id": null});
        assert_eq!(client_of("u", "admin.refused", None, &null), None);
    }

    #[test]
    fn event_names_are_unique() {
        let mut names: Vec<_> = Event::ALL.iter().map(|e| e.as_str()).collect();
        assert!(
            names.iter().all(|n| n
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')),
            "{names:?}"
        );
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a name is used twice");
    }
}
