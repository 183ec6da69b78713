//! Signing in, as a service: the page handlers parse the form and set the
//! cookies; everything in between happens here.
//!
//! A password sign-in ([`password`]): the user is looked up, the attempt is
//! counted before the password is checked ([`super::throttle`]), one argon2
//! verification runs in the lane the device cookie earns
//! ([`super::hashing`]), a hash made with old parameters is replaced,
//! failures are audited (unknown names only as a keyed hash) and counted in
//! the metrics. A passkey sign-in ([`passkey`]) verifies the assertion and
//! audits its outcome. Every sign-in, password or passkey, ends in [`complete`]:
//! the browser's previous session ends (no session fixation), a new one
//! starts, and `signin.success` is written. (A sign-in made for an
//! authorization request is then recorded against it by the caller, with
//! [`crate::oidc::flow::record_sign_in`]: the protocol core builds on the
//! account services, not the other way round.)

use crate::audit::{self, Actor, Event};
use crate::clock::{Clock, rfc3339};
use crate::config::Settings;
use crate::crypto::MasterKey;
use crate::db::{DbError, Repos, Session, User};
use crate::domain::username;

use super::hashing::Lane;
use super::password::{self, Busy, Verified};
use super::session::{self, SignInFacts};
use super::{acr, device, throttle};

/// Longest password accepted for checking (bytes); longer ones simply fail.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// What the sign-in service works with.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub repos: &'a Repos,
    pub clock: &'a dyn Clock,
    pub settings: &'a Settings,
    pub master: &'a MasterKey,
}

/// Why a sign-in could not be decided.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The storage failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The hashing queue is full: try again shortly.
    #[error(transparent)]
    Busy(#[from] Busy),
}

/// A password sign-in attempt.
#[derive(Debug)]
pub struct PasswordAttempt<'a> {
    /// The username as typed (trimmed, at most 64 characters).
    pub username: &'a str,
    pub password: String,
    /// The value of the browser's device cookie, if any.
    pub device_cookie: Option<&'a str>,
    /// The client address, for the lockout and the audit log.
    pub ip: Option<String>,
}

/// How a password sign-in went.
#[derive(Debug)]
pub enum PasswordOutcome {
    /// The password is right: [`complete`] the sign-in. `device_cookie` is a
    /// new device cookie value to set when the browser had no valid one.
    Verified {
        user: Box<User>,
        device_cookie: Option<String>,
    },
    /// Refused, for whatever reason (unknown user, wrong password, disabled,
    /// locked): the caller shows one generic text.
    Refused,
}

/// Checks a password sign-in.
pub async fn password(
    ctx: Context<'_>,
    attempt: PasswordAttempt<'_>,
) -> Result<PasswordOutcome, SignInError> {
    let name = throttle::key(attempt.username);
    let user = match username::parse(&name) {
        Ok(parsed) => ctx.repos.users.get_by_username(&parsed).await?,
        Err(_) => None,
    };
    let device_key = ctx.master.device_key();
    // A device cookie vouches for an account (its userid), not for a name:
    // a renamed or deleted-and-reused username does not inherit it.
    let device_nonce = user.as_ref().and_then(|u| {
        attempt
            .device_cookie
            .and_then(|value| device::verify(device_key, &u.userid, value))
    });
    let ip = attempt.ip.clone();
    // Counted before the password is checked (one atomic statement per key).
    let counted = throttle::begin(
        ctx.repos,
        ctx.clock,
        ctx.settings,
        &name,
        ip.as_deref().unwrap_or("unknown"),
        device_nonce.as_deref(),
    )
    .await?;
    let locked = !counted.allowed;
    let stored = match &user {
        Some(u) if u.active && counted.allowed => ctx.repos.passwords.get(&u.userid).await?,
        _ => None,
    };
    let password_text = if attempt.password.len() > MAX_PASSWORD_BYTES {
        String::new()
    } else {
        attempt.password
    };
    // Always one argon2 verification, against the dummy hash when there is
    // nothing to check, so every failure costs the same. A trusted device
    // waits in the priority lane, so a flood cannot keep its owner out.
    let lane = if counted.trusted_device {
        Lane::Priority
    } else {
        Lane::Normal
    };
    let verified = match password::verify_in(password_text, stored, lane).await {
        Ok(v) => v,
        Err(busy) => {
            // Nothing was checked: the attempt does not count.
            if counted.allowed {
                throttle::refund(ctx.repos, &counted).await?;
            }
            crate::metrics::signin("password", "busy");
            return Err(busy.into());
        }
    };
    let userid = user.as_ref().map(|u| u.userid.clone());
    let ok_user = match (&verified, user) {
        (Verified::Yes | Verified::YesRehash(_), Some(u)) => Some(u),
        _ => None,
    };
    let Some(user) = ok_user else {
        // An unknown username is often a password typed into the wrong
        // field: it is recorded as a keyed hash, which lets attempts be
        // correlated without the text ever being stored.
        let (name_key, name_value) = if userid.is_some() {
            ("username", name.clone())
        } else {
            ("username_hash", ctx.master.audit_tag(&name))
        };
        let reason = if locked {
            "locked"
        } else if userid.is_none() {
            "unknown user"
        } else {
            "wrong password or disabled"
        };
        let anonymous = Actor::user("anonymous", ip);
        if let Some(until) = counted.locked_now {
            crate::metrics::lockout();
            audit::record(
                ctx.repos,
                ctx.clock,
                &anonymous,
                Event::AccountLocked,
                userid.as_deref(),
                serde_json::json!({ name_key: name_value, "until": rfc3339(until) }),
            )
            .await;
        }
        audit::record(
            ctx.repos,
            ctx.clock,
            &anonymous,
            Event::SigninFailure,
            userid.as_deref(),
            serde_json::json!({ name_key: name_value, "method": "password", "reason": reason }),
        )
        .await;
        crate::metrics::signin("password", if locked { "locked" } else { "failure" });
        return Ok(PasswordOutcome::Refused);
    };
    throttle::succeeded(ctx.repos, &counted).await?;
    if let Verified::YesRehash(new_hash) = &verified {
        ctx.repos
            .passwords
            .set(&user.userid, new_hash, ctx.clock.now())
            .await?;
    }
    // This browser is now a known device for this account (a fresh nonce
    // unless it already held a valid cookie that was counted as one).
    let device_cookie = match device_nonce.filter(|_| counted.trusted_device) {
        Some(_) => None,
        None => Some(device::issue(device_key, &user.userid)),
    };
    Ok(PasswordOutcome::Verified {
        user: Box::new(user),
        device_cookie,
    })
}

/// The facts of a password sign-in by `user` from `ip` with `user_agent`.
#[must_use]
pub fn password_facts(user: &User, ip: Option<String>, user_agent: Option<String>) -> SignInFacts {
    SignInFacts {
        userid: user.userid.clone(),
        amr: acr::password_amr(),
        acr: acr::Level::OneFactor.as_str().into(),
        user_agent,
        ip,
    }
}

/// Checks a passkey sign-in: the answer `credential` to the ceremony
/// `ceremony_id`. A refusal is audited (`signin.failure`) and counted; a
/// success is audited (`passkey.used`) and gives the facts to
/// [`complete`] the sign-in with (two factors: the passkey and the user
/// verification it proved).
pub async fn passkey(
    ctx: Context<'_>,
    webauthn: &webauthn_rs::Webauthn,
    ceremony_id: &str,
    credential: &webauthn_rs::prelude::PublicKeyCredential,
    ip: Option<String>,
    user_agent: Option<String>,
) -> Result<SignInFacts, super::passkey::PasskeyError> {
    use super::passkey::{PasskeyError, finish_authentication};
    let signed_in = match finish_authentication(
        webauthn,
        ctx.repos,
        ctx.clock,
        ceremony_id,
        credential,
    )
    .await
    {
        Ok(s) => s,
        Err(e) => {
            if !matches!(e, PasskeyError::Db(_) | PasskeyError::Internal(_)) {
                crate::metrics::signin("passkey", "failure");
                audit::record(
                    ctx.repos,
                    ctx.clock,
                    &Actor::user("anonymous", ip),
                    Event::SigninFailure,
                    None,
                    serde_json::json!({ "method": "passkey", "reason": e.to_string() }),
                )
                .await;
            }
            return Err(e);
        }
    };
    let userid = signed_in.user.userid.clone();
    audit::record(
        ctx.repos,
        ctx.clock,
        &Actor::user(&userid, ip.clone()),
        Event::PasskeyUsed,
        Some(&userid),
        serde_json::json!({ "passkey_id": signed_in.passkey_id, "name": signed_in.passkey_name }),
    )
    .await;
    Ok(SignInFacts {
        userid,
        amr: signed_in.amr(),
        acr: acr::Level::TwoFactors.as_str().into(),
        user_agent,
        ip,
    })
}

/// A started session: the cookie secret and the stored session.
#[derive(Debug)]
pub struct Started {
    pub secret: String,
    pub session: Session,
}

/// Finishes any sign-in and writes `signin.success`. The browser's
/// `previous` session is renewed when the same person signed in again (a
/// new cookie secret, so no session fixation; the same `sid`, so relying
/// parties are not told of a logout), and otherwise ended (a logout for
/// its clients) before a new one starts.
pub async fn complete(
    ctx: Context<'_>,
    previous: Option<&Session>,
    facts: SignInFacts,
) -> Result<Started, SignInError> {
    let renewed = match previous {
        Some(old) => {
            match session::renew(ctx.repos, ctx.clock, ctx.settings, old, facts.clone()).await? {
                Some(renewed) => Some(renewed),
                None => {
                    session::end(ctx.repos, &old.sid).await?;
                    None
                }
            }
        }
        None => None,
    };
    let method = facts.amr.join(" ");
    crate::metrics::signin(
        if facts.amr.iter().any(|m| m == "pwd") {
            "password"
        } else {
            "passkey"
        },
        "success",
    );
    let userid = facts.userid.clone();
    let actor = Actor::user(&userid, facts.ip.clone());
    let (secret, created) = match renewed {
        Some(renewed) => renewed,
        None => session::start(ctx.repos, ctx.clock, ctx.settings, facts).await?,
    };
    audit::record(
        ctx.repos,
        ctx.clock,
        &actor,
        Event::SigninSuccess,
        Some(&userid),
        serde_json::json!({ "amr": method, "acr": created.acr, "sid": created.sid }),
    )
    .await;
    Ok(Started {
        secret,
        session: created,
    })
}
