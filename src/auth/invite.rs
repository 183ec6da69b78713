//! Accepting a magic-link invite: look the token up, create the account (or,
//! for a recovery invite, find it), spend the invite exactly once.

use crate::audit::Actor;
use crate::audit::Event;
use crate::auth::passkey::{self, NewPasskey, PasskeyError};
use crate::clock::Clock;
use crate::crypto;
use crate::db::{DbError, Invite, NewUser, PasskeyRecord, Profile, Repos, User};

/// Where an invite stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteStatus {
    Pending,
    Used,
    Revoked,
    Expired,
}

impl InviteStatus {
    /// The status of `invite` at `now`.
    #[must_use]
    pub fn of(invite: &Invite, now: i64) -> Self {
        if invite.used_at.is_some() {
            Self::Used
        } else if invite.revoked_at.is_some() {
            Self::Revoked
        } else if invite.expires_at <= now {
            Self::Expired
        } else {
            Self::Pending
        }
    }

    /// The status as text.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Used => "used",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

/// Why an invite cannot be accepted.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("unknown invite")]
    Unknown,
    #[error("invite already used")]
    Used,
    #[error("invite revoked")]
    Revoked,
    #[error("invite expired")]
    Expired,
    /// A self-service recovery link still in its cooling-off delay; it
    /// works from the given time (Unix seconds).
    #[error("recovery link not usable yet")]
    NotYet(i64),
    /// A self-service recovery link for an account with a second factor
    /// (an authenticator app or backup codes): a mailbox alone does not
    /// replace it, so only an administrator's link recovers such an account.
    #[error("self-service recovery refused: the account has a second factor")]
    SecondFactor,
    /// A self-service recovery link for an account that holds an
    /// administrative role: a mailbox alone does not hand over the
    /// management of Latchkey, so another administrator (or `latchkey user
    /// recover` on the server) recovers it.
    #[error("self-service recovery refused: the account holds a role")]
    RoleHolder,
    /// The invited username was taken by someone else meanwhile.
    #[error("username taken")]
    UsernameTaken,
    /// The username of a self-registration link was taken by someone else
    /// since it was mailed.
    #[error("username taken since sign-up")]
    SignupUsernameTaken,
    /// The address of a self-registration link belongs to an account
    /// (made since the link was mailed, or through another link).
    #[error("address has an account")]
    SignupAddressTaken,
    /// The recovery invite's account no longer exists.
    #[error("account gone")]
    AccountGone,
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Db(#[from] DbError),
    /// Any other failure of the server's own; logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Finds the invite behind `token`, whatever its state.
pub async fn lookup(repos: &Repos, token: &str) -> Result<Option<Invite>, DbError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    repos
        .invites
        .get_by_token_hash(&crypto::hash_secret(token))
        .await
}

/// Finds the invite behind `token` if it can still be accepted.
pub async fn find_pending(repos: &Repos, now: i64, token: &str) -> Result<Invite, InviteError> {
    let invite = lookup(repos, token).await?.ok_or(InviteError::Unknown)?;
    match InviteStatus::of(&invite, now) {
        InviteStatus::Pending => match invite.usable_from {
            Some(from) if from > now => Err(InviteError::NotYet(from)),
            _ => {
                refuse_over_second_factor(repos, &invite).await?;
                Ok(invite)
            }
        },
        InviteStatus::Used => Err(InviteError::Used),
        InviteStatus::Revoked => Err(InviteError::Revoked),
        InviteStatus::Expired => Err(InviteError::Expired),
    }
}

/// Refuses a self-service recovery link whose account has a second factor
/// (enrolled before or after the link was asked for): whoever reads the
/// mailbox must not get past an authenticator app with it; or holds an
/// administrative role (given before or after the link was asked for).
/// Refuses it as
/// withdrawn when the account's verified address is no longer the one it
/// was mailed to (the owner moved away from that mailbox).
async fn refuse_over_second_factor(repos: &Repos, invite: &Invite) -> Result<(), InviteError> {
    let Some(userid) = invite.userid.as_deref().filter(|_| invite.self_service) else {
        return Ok(());
    };
    if crate::auth::second_step::has_second_factor(repos, userid).await? {
        return Err(InviteError::SecondFactor);
    }
    let user = repos
        .users
        .get(userid)
        .await?
        .ok_or(InviteError::AccountGone)?;
    if user.role.is_some() {
        return Err(InviteError::RoleHolder);
    }
    let same_address = match (&user.profile.email, &invite.email) {
        (Some(now), Some(mailed)) => {
            user.profile.email_verified && now.eq_ignore_ascii_case(mailed)
        }
        _ => false,
    };
    if !same_address {
        return Err(InviteError::Revoked);
    }
    Ok(())
}

/// Why a claim failed, read again after losing a race.
async fn why_not(repos: &Repos, invite: &Invite, now: i64) -> InviteError {
    match repos.invites.get(&invite.id).await {
        Ok(Some(i)) => match InviteStatus::of(&i, now) {
            InviteStatus::Revoked => InviteError::Revoked,
            InviteStatus::Expired => InviteError::Expired,
            InviteStatus::Pending => match i.usable_from {
                Some(from) if from > now => InviteError::NotYet(from),
                _ => InviteError::Used,
            },
            InviteStatus::Used => InviteError::Used,
        },
        Ok(None) => InviteError::Unknown,
        Err(e) => InviteError::Db(e),
    }
}

/// The account an invite is for: for a new-user invite, created now (with
/// `userid` when a passkey ceremony reserved one); for a recovery invite,
/// the existing user. The invite is spent atomically: when two acceptances
/// race, exactly one succeeds, and a loser's freshly created account is
/// removed again.
async fn claim(
    repos: &Repos,
    clock: &dyn Clock,
    invite: &Invite,
    userid: Option<String>,
) -> Result<User, InviteError> {
    let now = clock.now();
    if let Some(existing) = &invite.userid {
        let user = repos
            .users
            .get(existing)
            .await?
            .ok_or(InviteError::AccountGone)?;
        refuse_over_second_factor(repos, invite).await?;
        if !repos.invites.mark_used(&invite.id, now).await? {
            return Err(why_not(repos, invite, now).await);
        }
        // Other self-service links still pending for the account die with
        // this one: it has a way to sign in again, and a second link would
        // only serve whoever else reads the mailbox.
        for other in repos.invites.list_for_user(&user.userid).await? {
            if other.id != invite.id
                && other.is_own_recovery()
                && InviteStatus::of(&other, now) == InviteStatus::Pending
            {
                repos.invites.revoke(&other.id, now).await?;
            }
        }
        // Recovery: whoever held the lost credential loses every session and
        // token it gave them. The invitee is signed in afresh afterwards.
        crate::auth::revoke::revoke_everything(repos, clock, &user.userid, None).await?;
        // And every recovery code: codes someone else made while holding
        // the account would otherwise be a way back in. The owner makes
        // new ones.
        repos
            .recovery_codes
            .delete_recovery_codes(&user.userid)
            .await?;
        return Ok(user);
    }
    let groups = invite.groups.clone();
    let new = NewUser {
        userid,
        username: invite.username.clone(),
        profile: Profile {
            email: invite.email.clone(),
            // A self-registration link was mailed to this address (and
            // nowhere else): using it proves the mailbox.
            email_verified: invite.is_signup() && invite.email.is_some(),
            name: invite.name.clone(),
            ..Profile::default()
        },
        groups,
        role: invite.role,
    };
    // One account per address through sign-up: the address may have got
    // an account since this link was mailed (another link to it used just
    // now, an approval, an administrator), and a second account would
    // carry the same verified address. The check and the creation are one
    // locked write, so two links for one address used at the same moment
    // make one account.
    let created = if invite.is_signup() && invite.email.is_some() {
        repos.users.create_with_free_address(new, now).await
    } else {
        repos.users.create(new, now).await.map(Some)
    };
    let user = match created {
        Ok(Some(u)) => u,
        Ok(None) => return Err(InviteError::SignupAddressTaken),
        Err(DbError::Conflict(_)) => {
            // Lost a race with another acceptance of this invite (it is
            // no longer pending), or the name was taken since the invite
            // was made (it still is).
            let still_pending = repos
                .invites
                .get(&invite.id)
                .await?
                .is_some_and(|i| InviteStatus::of(&i, now) == InviteStatus::Pending);
            return Err(if !still_pending {
                why_not(repos, invite, now).await
            } else if invite.is_signup() {
                InviteError::SignupUsernameTaken
            } else {
                InviteError::UsernameTaken
            });
        }
        Err(e) => return Err(e.into()),
    };
    if !repos.invites.mark_used(&invite.id, now).await? {
        repos.users.delete(&user.userid).await?;
        return Err(why_not(repos, invite, now).await);
    }
    Ok(user)
}

async fn record_acceptance(
    repos: &Repos,
    clock: &dyn Clock,
    invite: &Invite,
    user: &User,
    method: &str,
    ip: Option<String>,
) {
    let actor = Actor::user(&user.userid, ip);
    crate::audit::record(
        repos,
        clock,
        &actor,
        Event::InviteAccepted,
        Some(&invite.id),
        serde_json::json!({
            "username": user.username,
            "userid": user.userid,
            "method": method,
            "recovery": invite.userid.is_some(),
        }),
    )
    .await;
    if invite.userid.is_some() {
        crate::audit::record(
            repos,
            clock,
            &actor,
            Event::RecoveryUsed,
            Some(&user.userid),
            serde_json::json!({
                "invite": invite.id,
                "method": method,
                "self_service": invite.self_service,
                "via": if invite.self_service {
                    "mail"
                } else if invite.is_code_recovery() {
                    "recovery_code"
                } else {
                    "administrator"
                },
            }),
        )
        .await;
    } else {
        crate::audit::record(
            repos,
            clock,
            &actor,
            Event::UserCreated,
            Some(&user.userid),
            serde_json::json!({
                "username": user.username,
                "groups": user.groups,
                "invite": invite.id,
                "signup": invite.is_signup(),
            }),
        )
        .await;
    }
}

/// Accepts `invite` by setting a password. `password` has passed the policy
/// check and `hash` is its argon2 hash.
pub async fn accept_with_password(
    repos: &Repos,
    clock: &dyn Clock,
    invite: &Invite,
    hash: &str,
    ip: Option<String>,
) -> Result<User, InviteError> {
    if !invite.allow_password {
        return Err(InviteError::Invalid(
            "This invite asks you to create a passkey.".into(),
        ));
    }
    let user = claim(repos, clock, invite, None).await?;
    repos.passwords.set(&user.userid, hash, clock.now()).await?;
    record_acceptance(repos, clock, invite, &user, "password", ip.clone()).await;
    crate::audit::record(
        repos,
        clock,
        &Actor::user(&user.userid, ip),
        Event::PasswordSet,
        Some(&user.userid),
        serde_json::json!({"via": "invite"}),
    )
    .await;
    Ok(user)
}

/// Accepts `invite` with a verified passkey (see
/// [`crate::auth::passkey::finish_registration`]). For a new account, the
/// account is created with the userid reserved when the ceremony started (so
/// the WebAuthn user handle matches it), then the passkey is stored; for a
/// recovery invite the passkey must have been registered for that account.
pub async fn accept_with_passkey(
    repos: &Repos,
    clock: &dyn Clock,
    invite: &Invite,
    new: &NewPasskey,
    name: &str,
    ip: Option<String>,
) -> Result<(User, PasskeyRecord), InviteError> {
    match &invite.userid {
        Some(existing) if *existing != new.userid => {
            return Err(InviteError::Invalid(
                "This passkey request belongs to another account. Please try again.".into(),
            ));
        }
        None if repos.users.get(&new.userid).await?.is_some() => {
            return Err(InviteError::Invalid(
                "This passkey request belongs to another account. Please try again.".into(),
            ));
        }
        _ => {}
    }
    let reserved = invite.userid.is_none().then(|| new.userid.clone());
    let user = claim(repos, clock, invite, reserved).await?;
    let record = match passkey::store(repos, clock, new, name).await {
        Ok(r) => r,
        Err(e) => {
            if invite.userid.is_none() {
                // Do not leave an account without a way to sign in.
                repos.users.delete(&user.userid).await?;
            }
            return Err(match e {
                PasskeyError::Duplicate => {
                    InviteError::Invalid("This passkey is already registered.".into())
                }
                PasskeyError::Db(e) => e.into(),
                PasskeyError::Internal(detail) => InviteError::Internal(detail),
                other => InviteError::Invalid(other.to_string()),
            });
        }
    };
    record_acceptance(repos, clock, invite, &user, "passkey", ip.clone()).await;
    crate::audit::record(
        repos,
        clock,
        &Actor::user(&user.userid, ip),
        Event::PasskeyRegistered,
        Some(&user.userid),
        serde_json::json!({"passkey_id": record.id, "name": record.name, "via": "invite"}),
    )
    .await;
    Ok((user, record))
}
