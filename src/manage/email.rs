//! Verifying a user's e-mail address: a single-use link, mailed to the
//! address, that expires. Only the SHA-256 of the link's token is stored,
//! with the address it was sent to: the link verifies that address only,
//! and only while it is still the account's address.

use super::{Actor, ManageError};
use crate::audit::{self, Event};
use crate::clock::{Clock, rfc3339};
use crate::config::Settings;
use crate::crypto;
use crate::db::{EmailVerification, Repos, User};
use crate::mail;

/// How long a verification link works (seconds).
pub const EMAIL_VERIFICATION_TTL: i64 = 24 * 3600;

/// Links a user may ask for per minute, and per hour.
const PER_MINUTE: i64 = 1;
const PER_HOUR: i64 = 5;

/// Longest token accepted from a URL (ours are 43 characters).
const MAX_TOKEN: usize = 128;

/// What a verification link is, or what confirming it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailLink {
    /// Usable: confirming it verifies this address.
    Live { email: String },
    /// Confirmed just now: this address is verified.
    Verified { email: String },
    /// No such link (mistyped, or purged after it expired).
    Unknown,
    /// Already used.
    Used,
    /// Past its expiry.
    Expired,
    /// The account's address is no longer the one the link was sent to
    /// (or the account is gone).
    AddressChanged,
    /// The link is live but the browser is not signed in as the account it
    /// was sent for: only that account's owner may confirm it, or whoever
    /// receives mail at an address someone else typed into their own
    /// profile would verify it for them by pressing the button.
    NotSignedIn { email: String },
    /// The link is live but the browser is signed in as another account.
    OtherAccount,
}

/// Mails `user` a link that verifies their current address. Refused when
/// e-mail is not configured, the user has no address or it is verified
/// already, or they asked too often (one a minute, five an hour). Returns
/// when the link expires.
pub async fn send_email_verification(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    user: &User,
) -> Result<i64, ManageError> {
    if !mail::is_configured(settings) {
        return Err(ManageError::Refused(
            "This server cannot send e-mail; ask an administrator to verify your address.".into(),
        ));
    }
    let Some(email) = user.profile.email.clone() else {
        return Err(ManageError::Invalid(
            "Your account has no e-mail address to verify.".into(),
        ));
    };
    if user.profile.email_verified {
        return Err(ManageError::Refused(
            "Your e-mail address is already verified.".into(),
        ));
    }
    let now = clock.now();
    for (name, window, limit) in [
        ("email_verification_minute", 60, PER_MINUTE),
        ("email_verification_hour", 3600, PER_HOUR),
    ] {
        let start = now - now.rem_euclid(window);
        let hits = repos
            .rate_limits
            .hit(name, &user.userid, start, start + window)
            .await?;
        if hits > limit {
            return Err(ManageError::Refused(
                "A verification link was sent a moment ago. Check your mailbox, or try again later."
                    .into(),
            ));
        }
    }
    let token = crypto::new_secret();
    let link = EmailVerification {
        token_hash: crypto::hash_secret(&token),
        userid: user.userid.clone(),
        email: email.clone(),
        created_at: now,
        expires_at: now + EMAIL_VERIFICATION_TTL,
        used_at: None,
    };
    repos.email_verifications.create(&link).await?;
    let url = format!(
        "{}/verify-email/{token}",
        settings.issuer.trim_end_matches('/')
    );
    if let Err(e) =
        mail::send_email_verification(settings, &email, &url, &rfc3339(link.expires_at)).await
    {
        tracing::warn!(error = %e, "e-mail verification link not sent");
        return Err(ManageError::Refused(
            "The e-mail could not be sent. Please try again later.".into(),
        ));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::EmailVerificationSent,
        Some(&user.userid),
        serde_json::json!({"email": email}),
    )
    .await;
    Ok(link.expires_at)
}

/// Finds the link whose token is `token` and says what it is, changing
/// nothing (the page a mail scanner may prefetch).
pub async fn email_link(
    repos: &Repos,
    clock: &dyn Clock,
    token: &str,
) -> Result<(EmailLink, Option<EmailVerification>), ManageError> {
    if token.is_empty() || token.len() > MAX_TOKEN {
        return Ok((EmailLink::Unknown, None));
    }
    let Some(link) = repos
        .email_verifications
        .get(&crypto::hash_secret(token))
        .await?
    else {
        return Ok((EmailLink::Unknown, None));
    };
    let state = if link.used_at.is_some() {
        EmailLink::Used
    } else if link.expires_at <= clock.now() {
        EmailLink::Expired
    } else if current_address(repos, &link.userid).await?.as_deref() != Some(link.email.as_str()) {
        EmailLink::AddressChanged
    } else {
        EmailLink::Live {
            email: link.email.clone(),
        }
    };
    Ok((state, Some(link)))
}

async fn current_address(repos: &Repos, userid: &str) -> Result<Option<String>, ManageError> {
    Ok(repos.users.get(userid).await?.and_then(|u| u.profile.email))
}

/// What a live link means for the browser showing it: `Live` only when
/// `signed_in` (the browser's account) is the account the link was sent
/// for; otherwise `NotSignedIn` or `OtherAccount`. Other states unchanged.
#[must_use]
pub fn for_account(
    state: EmailLink,
    link: Option<&EmailVerification>,
    signed_in: Option<&str>,
) -> EmailLink {
    match (state, link) {
        (EmailLink::Live { email }, Some(link)) => match signed_in {
            Some(userid) if userid == link.userid => EmailLink::Live { email },
            Some(_) => EmailLink::OtherAccount,
            None => EmailLink::NotSignedIn { email },
        },
        (state, _) => state,
    }
}

/// Confirms the link whose token is `token` for the account `signed_in`
/// (the userid of the confirming browser's session): spends it (once) and
/// marks the address verified if it is still the account's address and
/// `signed_in` is the account it was sent for. `ip` is where the
/// confirmation came from, for the audit log.
pub async fn confirm_email(
    repos: &Repos,
    clock: &dyn Clock,
    token: &str,
    signed_in: Option<&str>,
    ip: Option<String>,
) -> Result<EmailLink, ManageError> {
    let (state, link) = email_link(repos, clock, token).await?;
    let state = for_account(state, link.as_ref(), signed_in);
    let (EmailLink::Live { email }, Some(link)) = (state.clone(), link) else {
        return Ok(state);
    };
    let now = clock.now();
    if !repos
        .email_verifications
        .spend(&link.token_hash, now)
        .await?
    {
        // Spent or expired since it was read.
        return Ok(EmailLink::Used);
    }
    // Conditional on the address: a change made meanwhile wins.
    if !repos
        .users
        .mark_email_verified(&link.userid, &email, now)
        .await?
    {
        return Ok(EmailLink::AddressChanged);
    }
    audit::record(
        repos,
        clock,
        &Actor::user(&link.userid, ip),
        Event::EmailVerified,
        Some(&link.userid),
        serde_json::json!({"email": email}),
    )
    .await;
    Ok(EmailLink::Verified { email })
}
