//! Self-registration (`LATCHKEY_SIGNUP`): someone signed out asks for an
//! account at `/signup` with a username, an e-mail address and a name.
//!
//! - `email-domain`: an address at one of `LATCHKEY_SIGNUP_DOMAINS` is
//!   mailed a self-registration link (an invite, [`SIGNUP_LINK_TTL`]) to the
//!   invite page; using it creates the account, its address verified.
//! - `approval`: the request is stored and a verification link mailed;
//!   once confirmed it waits for an administrator, whose approval mails the
//!   self-registration link ([`approve_signup`]) and whose rejection
//!   deletes it, mailing nothing ([`reject_signup`]).
//!
//! No account exists before its link is used. What the page answers never
//! tells whether an address belongs to an account: the form is checked
//! ([`check_signup`], on things that are not secret: the username, the
//! address's form and domain), then the HTTP layer runs [`request_signup`]
//! off the response path. An address that already has an account is mailed
//! a note pointing to "Lost your passkey?" instead of a link.

use super::{
    Actor, CreateInvite, CreatedInvite, LinkTerms, ManageError, create_invite_with, revoke_invite,
};
use crate::audit::{self, Event};
use crate::clock::{Clock, rfc3339};
use crate::config::{Settings, SignupMode};
use crate::crypto;
use crate::db::{Repos, SignupRequest, SignupState};
use crate::domain::username;

/// How long a mailed self-registration link works.
pub const SIGNUP_LINK_TTL: i64 = 24 * 3600;

/// How long the address of a sign-up request (approval mode) may take to
/// be confirmed before the request is dropped.
pub const SIGNUP_VERIFY_TTL: i64 = 24 * 3600;

/// How long a confirmed request waits for an administrator.
pub const SIGNUP_PENDING_TTL: i64 = 30 * 86_400;

/// Sign-up mails one e-mail address may be sent per day (links,
/// verification links and "you already have an account" notes together);
/// further requests for it are dropped silently. Counted in the database,
/// so every instance shares it.
pub const SIGNUP_MAILS_PER_ADDRESS: i64 = 3;

/// Longest e-mail address accepted (RFC 5321's path limit).
const MAX_EMAIL: usize = 254;

/// Longest display name accepted, in characters.
const MAX_NAME: usize = 100;

/// The note on self-registration invites (shown on the admin Invites page).
const NOTE: &str = "self-registration";

/// A sign-up form that passed [`check_signup`].
#[derive(Debug, Clone)]
pub struct SignupForm {
    /// The username in its normal form.
    pub username: String,
    pub email: String,
    pub name: Option<String>,
}

/// Checks an e-mail address: a plain `local@domain` whose domain is a
/// domain name (no display name, comments, IP literals, white space or
/// control characters). Returns it trimmed, and its domain lowercased.
fn check_email(raw: &str) -> Option<(String, String)> {
    let email = raw.trim();
    if email.is_empty()
        || email.len() > MAX_EMAIL
        || email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return None;
    }
    let address: lettre::Address = email.parse().ok()?;
    // Only a dot-atom local part: a quoted one ("eve@evil.example"@…) or
    // escapes would put a second "@" or an address-looking text in the
    // verified address relying parties read.
    let local_ok = address
        .user()
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&b));
    if !local_ok {
        return None;
    }
    let domain = address.domain().to_ascii_lowercase();
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    domain_ok.then(|| (email.to_owned(), domain))
}

/// Checks what the sign-up form asks for, in the order a person fixes it:
/// the username (the existing rules, and not taken: usernames are not
/// secret), the address (its form, and in `email-domain` mode its domain:
/// the domains are not secret either), the optional name. Every refusal is
/// [`ManageError::Invalid`] or [`ManageError::Conflict`] with a message for
/// the page. Whether the address has an account is NOT checked here.
pub async fn check_signup(
    repos: &Repos,
    settings: &Settings,
    now: i64,
    username: &str,
    email: &str,
    name: &str,
) -> Result<SignupForm, ManageError> {
    let username =
        username::parse(username).map_err(|e| ManageError::Invalid(format!("Username: {e}.")))?;
    let Some((email, domain)) = check_email(email) else {
        return Err(ManageError::Invalid(
            "Email: enter an e-mail address such as name@example.com.".into(),
        ));
    };
    if settings.signup == SignupMode::EmailDomain && !settings.signup_domains.contains(&domain) {
        return Err(ManageError::Invalid(format!(
            "Email: only addresses at {} can sign up here.",
            settings.signup_domains.join(", ")
        )));
    }
    let name = name.trim();
    if name.chars().count() > MAX_NAME {
        return Err(ManageError::Invalid(format!(
            "Name: at most {MAX_NAME} characters."
        )));
    }
    if name.chars().any(super::clients::deceptive) {
        return Err(ManageError::Invalid(
            "Name: control and text-direction characters are not allowed.".into(),
        ));
    }
    // A username an administrator's pending invite (or another pending
    // self-registration link) holds is taken too: otherwise whoever guessed
    // it could sign up first and make the invite fail, or hold a name the
    // administrator meant for someone else.
    if repos.users.get_by_username(&username).await?.is_some()
        || repos.invites.username_reserved(&username, now).await?
    {
        return Err(ManageError::Conflict(format!(
            "The username {username} is taken: choose another."
        )));
    }
    Ok(SignupForm {
        username,
        email,
        name: (!name.is_empty()).then(|| name.to_owned()),
    })
}

/// Counts one sign-up mail to `email` today; false when the mailbox has
/// had [`SIGNUP_MAILS_PER_ADDRESS`] already. Only a hash of the mailbox
/// ([`mailbox_key`]) is kept in the counter.
async fn within_mail_cap(repos: &Repos, now: i64, email: &str) -> Result<bool, ManageError> {
    let day = now - now.rem_euclid(86_400);
    let key = crypto::hash_secret(&mailbox_key(email));
    let sent = repos
        .rate_limits
        .hit("signup_mail", &key, day, day + 2 * 86_400)
        .await?;
    Ok(sent <= SIGNUP_MAILS_PER_ADDRESS)
}

/// The mailbox an address delivers to, for counting mails: lowercased,
/// and without a `+tag` in the local part (`ann+1@example.org` and
/// `Ann+2@example.org` reach `ann@example.org` at most providers), so
/// tagged variants cannot multiply the mails one mailbox receives.
fn mailbox_key(email: &str) -> String {
    let email = email.to_ascii_lowercase();
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let local = local.split_once('+').map_or(local, |(base, _)| base);
            format!("{local}@{domain}")
        }
        None => email,
    }
}

/// Handles a checked sign-up (run off the response path: the requester is
/// told the same whatever happens here). Within the per-address mail cap:
/// an address that already belongs to an account is mailed a note and
/// nothing is made; otherwise, by mode, a self-registration link is made
/// and mailed (`email-domain`) or the request is stored and its
/// verification link mailed (`approval`). Audited `signup.requested`.
pub async fn request_signup(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    form: SignupForm,
    ip: Option<String>,
) -> Result<(), ManageError> {
    if !settings.signup.is_on() || !crate::mail::is_configured(settings) {
        return Ok(());
    }
    let now = clock.now();
    if !within_mail_cap(repos, now, &form.email).await? {
        tracing::info!("sign-up dropped: per-address mail limit");
        return Ok(());
    }
    let actor = Actor::anonymous(ip.clone());
    let mode = settings.signup.as_str();
    if repos.signups.address_in_use(&form.email).await? {
        audit::record(
            repos,
            clock,
            &actor,
            Event::SignupRequested,
            None,
            serde_json::json!({
                "username": form.username, "email": form.email, "mode": mode,
                "existing_account": true,
            }),
        )
        .await;
        if let Err(e) = crate::mail::send_signup_existing(settings, &form.email).await {
            tracing::warn!(error = %e, "sign-up note not mailed");
        }
        return Ok(());
    }
    match settings.signup {
        SignupMode::Off => Ok(()),
        SignupMode::EmailDomain => {
            let created = match signup_invite(repos, clock, settings, &actor, &form).await {
                Ok(c) => c,
                Err(ManageError::Conflict(_)) => {
                    tracing::info!("sign-up dropped: the username was taken meanwhile");
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            audit::record(
                repos,
                clock,
                &actor,
                Event::SignupRequested,
                Some(&created.id),
                serde_json::json!({
                    "username": form.username, "email": form.email, "mode": mode,
                    "invite": created.id, "existing_account": false,
                }),
            )
            .await;
            let sent = crate::mail::send_signup_link(
                settings,
                &form.email,
                &form.username,
                &created.url,
                &created.expires_at,
                false,
            )
            .await;
            if let Err(e) = sent {
                // Nobody holds the link: withdraw it.
                tracing::warn!(error = %e, "self-registration link not mailed");
                if let Err(revoke) = revoke_invite(repos, clock, &actor, &created.id).await {
                    tracing::warn!(error = %revoke, "could not revoke an unmailed sign-up link");
                }
            }
            Ok(())
        }
        SignupMode::Approval => {
            let token = crypto::new_secret();
            let request = SignupRequest {
                id: crypto::new_id(),
                username: form.username.clone(),
                email: form.email.clone(),
                name: form.name.clone(),
                token_hash: crypto::hash_secret(&token),
                ip,
                state: SignupState::Unverified,
                requested_at: now,
                verified_at: None,
                expires_at: now + SIGNUP_VERIFY_TTL,
            };
            repos.signups.create(&request).await?;
            audit::record(
                repos,
                clock,
                &actor,
                Event::SignupRequested,
                Some(&request.id),
                serde_json::json!({
                    "username": form.username, "email": form.email, "mode": mode,
                    "existing_account": false,
                }),
            )
            .await;
            let url = format!("{}/signup/verify/{token}", settings.issuer);
            let sent = crate::mail::send_signup_verification(
                settings,
                &form.email,
                &form.username,
                &url,
                &rfc3339(request.expires_at),
            )
            .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "sign-up verification link not mailed");
                repos
                    .signups
                    .delete(&request.id, SignupState::Unverified)
                    .await?;
            }
            Ok(())
        }
    }
}

/// Makes the self-registration link (invite) for `form`.
async fn signup_invite(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    form: &SignupForm,
) -> Result<CreatedInvite, ManageError> {
    create_invite_with(
        repos,
        clock,
        &settings.issuer,
        actor,
        CreateInvite {
            username: form.username.clone(),
            email: Some(form.email.clone()),
            ttl_seconds: SIGNUP_LINK_TTL,
            note: Some(NOTE.into()),
            ..CreateInvite::default()
        },
        LinkTerms {
            self_service: true,
            name: form.name.clone(),
            ..LinkTerms::default()
        },
    )
    .await
}

/// What a verification link (approval mode) stands for.
#[derive(Debug, Clone)]
pub enum SignupLink {
    /// Not a link of ours (or purged).
    Unknown,
    /// Past its time.
    Expired,
    /// Already confirmed.
    Used,
    /// Can be confirmed: the request.
    Live(SignupRequest),
    /// Confirmed by this call.
    Verified(SignupRequest),
}

/// Where the verification link `token` stands at `now` (for the page that
/// shows the confirm button; confirming is [`verify_signup`]).
pub async fn signup_link(repos: &Repos, now: i64, token: &str) -> Result<SignupLink, ManageError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(SignupLink::Unknown);
    }
    let Some(request) = repos
        .signups
        .by_token_hash(&crypto::hash_secret(token))
        .await?
    else {
        return Ok(SignupLink::Unknown);
    };
    Ok(if request.state != SignupState::Unverified {
        SignupLink::Used
    } else if request.expires_at <= now {
        SignupLink::Expired
    } else {
        SignupLink::Live(request)
    })
}

/// Confirms the address of the request behind `token` (once): it then
/// waits [`SIGNUP_PENDING_TTL`] for an administrator. Audited
/// `signup.verified`.
pub async fn verify_signup(
    repos: &Repos,
    clock: &dyn Clock,
    token: &str,
    ip: Option<String>,
) -> Result<SignupLink, ManageError> {
    let now = clock.now();
    let SignupLink::Live(request) = signup_link(repos, now, token).await? else {
        return signup_link(repos, now, token).await;
    };
    if !repos
        .signups
        .verify(&request.id, now, now + SIGNUP_PENDING_TTL)
        .await?
    {
        // Another confirmation won, or it expired just now.
        return signup_link(repos, now, token).await;
    }
    audit::record(
        repos,
        clock,
        &Actor::anonymous(ip),
        Event::SignupVerified,
        Some(&request.id),
        serde_json::json!({"username": request.username, "email": request.email}),
    )
    .await;
    Ok(SignupLink::Verified(request))
}

/// The verified request `id` still waiting at `now`.
async fn waiting(repos: &Repos, now: i64, id: &str) -> Result<SignupRequest, ManageError> {
    repos
        .signups
        .get(id)
        .await?
        .filter(|r| r.state == SignupState::Verified && r.expires_at > now)
        .ok_or_else(|| ManageError::NotFound("sign-up request".into()))
}

/// Approves the waiting request `id`: mails its self-registration link
/// (the account is created when the link is used) and deletes the
/// request. When the link cannot be made (the username was taken since)
/// or mailed, nothing changes and the administrator is told why. Of two
/// concurrent approvals one proceeds; the other is told it was handled.
/// Audited `signup.approved`.
pub async fn approve_signup(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    actor: &Actor,
    id: &str,
) -> Result<(SignupRequest, CreatedInvite), ManageError> {
    let request = waiting(repos, clock.now(), id).await?;
    if repos.signups.address_in_use(&request.email).await? {
        return Err(ManageError::Refused(format!(
            "The address {} now belongs to an account: reject this request.",
            request.email
        )));
    }
    if !crate::mail::is_configured(settings) {
        return Err(ManageError::Invalid(
            crate::mail::MailError::NotConfigured.to_string(),
        ));
    }
    if !repos
        .signups
        .transition(id, SignupState::Verified, SignupState::Approving)
        .await?
    {
        return Err(ManageError::NotFound("sign-up request".into()));
    }
    let form = SignupForm {
        username: request.username.clone(),
        email: request.email.clone(),
        name: request.name.clone(),
    };
    let release = || async {
        repos
            .signups
            .transition(id, SignupState::Approving, SignupState::Verified)
            .await
    };
    let created = match signup_invite(repos, clock, settings, actor, &form).await {
        Ok(c) => c,
        Err(e) => {
            release().await?;
            return Err(match e {
                ManageError::Conflict(_) => ManageError::Refused(format!(
                    "The username {} now belongs to another account or a pending invite: \
                     reject this request.",
                    request.username
                )),
                other => other,
            });
        }
    };
    let sent = crate::mail::send_signup_link(
        settings,
        &request.email,
        &request.username,
        &created.url,
        &created.expires_at,
        true,
    )
    .await;
    if let Err(e) = sent {
        if let Err(revoke) = revoke_invite(repos, clock, actor, &created.id).await {
            tracing::warn!(error = %revoke, "could not revoke an unmailed sign-up link");
        }
        release().await?;
        return Err(ManageError::Refused(format!(
            "The invite could not be mailed, so the request still waits: {e}"
        )));
    }
    repos.signups.delete(id, SignupState::Approving).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::SignupApproved,
        Some(id),
        serde_json::json!({
            "username": request.username, "email": request.email, "invite": created.id,
        }),
    )
    .await;
    Ok((request, created))
}

/// Rejects the waiting request `id`: it is deleted and nothing is mailed
/// (the person may ask again, within the per-address mail limit).
/// Audited `signup.rejected`.
pub async fn reject_signup(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    id: &str,
) -> Result<SignupRequest, ManageError> {
    let request = waiting(repos, clock.now(), id).await?;
    if !repos.signups.delete(id, SignupState::Verified).await? {
        return Err(ManageError::NotFound("sign-up request".into()));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::SignupRejected,
        Some(id),
        serde_json::json!({"username": request.username, "email": request.email}),
    )
    .await;
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::{check_email, mailbox_key};

    #[test]
    fn tagged_and_capitalised_addresses_count_as_one_mailbox() {
        for same in [
            "ann@example.org",
            "Ann@Example.ORG",
            "ann+1@example.org",
            "ANN+news+x@example.org",
        ] {
            assert_eq!(mailbox_key(same), "ann@example.org", "{same}");
        }
        assert_eq!(mailbox_key("bob@example.org"), "bob@example.org");
        assert_eq!(mailbox_key("+x@example.org"), "@example.org");
    }

    #[test]
    fn only_plain_addresses_at_domain_names_pass() {
        assert_eq!(
            check_email(" Ann@Example.COM ").unwrap(),
            ("Ann@Example.COM".to_owned(), "example.com".to_owned())
        );
        for bad in [
            "",
            "ann",
            "ann@localhost",
            "Ann <ann@example.com>",
            "ann@example.com\r\nBcc: eve@evil.example",
            "ann@example.com,eve@evil.example",
            "ann@[192.0.2.1]",
            "ann@-example.com",
            "änn@example.com",
            "ann\u{0}@example.com",
            "\"eve@evil.example\"@example.com",
            "\"ann\"@example.com",
            "ann@example.com@evil.example",
            "ann@example.com.",
        ] {
            assert!(check_email(bad).is_none(), "{bad:?}");
        }
        assert!(check_email(&format!("{}@example.com", "a".repeat(250))).is_none());
    }
}
