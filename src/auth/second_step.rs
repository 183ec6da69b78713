//! The second step of a sign-in, and the step-up of a signed-in session.
//!
//! After a correct password, an account with a confirmed authenticator (or
//! backup codes left) — or one that must have a second factor (a group's
//! policy, the client of the waiting authorization request, the level it
//! asks for) — does not get a session yet: [`begin`] stores a
//! [`PendingStep`] (the hash of a random secret the browser keeps in a
//! cookie, the account, the `req` or `next` it continues) that lives
//! [`STEP_TTL`] seconds and is used once ([`finish`]). The code typed there
//! is checked by [`check_code`]: every attempt is counted by the lockout of
//! [`super::throttle`] like a password attempt (before the code is
//! checked, under the same username and address keys; a device cookie
//! earns no larger budget), refusals are audited
//! (`signin.failure`, method `otp`), a backup code used is audited with how
//! many are left (`backup_code.used`). Once the account is locked, every
//! pending step of it is deleted: the person starts over at the password.
//!
//! A sign-in that passes gives `amr` `["pwd","otp","mfa"]` and `acr` `"2"`
//! ([`facts`]); a step-up adds `"otp"` and `"mfa"` to the methods of the
//! session it confirms ([`step_up_facts`]). Both end in
//! [`super::signin::complete`] (a new session id).

use crate::audit::{self, Actor, Event};
use crate::clock::rfc3339;
use crate::crypto;
use crate::db::{DbError, DbResult, PendingStep, Repos, Session, User};

use super::second_factor::{self, CodeCheck, SecondFactorError};
use super::session::SignInFacts;
use super::signin::Context;
use super::{acr, throttle};

/// How long a pending second step lives (seconds).
pub const STEP_TTL: i64 = 5 * 60;

/// Longest code accepted for checking (a TOTP or a backup code, with the
/// spaces and dashes people type); longer input is simply refused.
const MAX_CODE_LEN: usize = 64;

/// Why a second step could not be decided.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    SecondFactor(#[from] SecondFactorError),
}

/// Whether `userid` has a second factor to check: a confirmed
/// authenticator, or backup codes left.
pub async fn has_second_factor(repos: &Repos, userid: &str) -> DbResult<bool> {
    let status = second_factor::status(repos, userid).await?;
    Ok(status.totp || status.backup_codes_left > 0)
}

/// Starts the second step for `userid` after a correct password,
/// continuing the authorization request `req` or the local path `next`.
/// Returns the secret for the browser's cookie.
pub async fn begin(
    ctx: Context<'_>,
    userid: &str,
    req: Option<&str>,
    next: Option<&str>,
) -> DbResult<String> {
    let secret = crypto::new_secret();
    let now = ctx.clock.now();
    ctx.repos
        .pending_steps
        .create(&PendingStep {
            token_hash: crypto::hash_secret(&secret),
            userid: userid.to_owned(),
            req: req.map(str::to_owned),
            next: next.map(str::to_owned),
            created_at: now,
            expires_at: now + STEP_TTL,
        })
        .await?;
    Ok(secret)
}

/// The live pending step of the browser holding `secret`, with its
/// (active) account; `None` when it is unknown, expired, used, or the
/// account is gone or disabled.
pub async fn find(ctx: Context<'_>, secret: &str) -> DbResult<Option<(PendingStep, User)>> {
    if secret.is_empty() || secret.len() > 128 {
        return Ok(None);
    }
    let Some(step) = ctx
        .repos
        .pending_steps
        .get(&crypto::hash_secret(secret), ctx.clock.now())
        .await?
    else {
        return Ok(None);
    };
    match ctx.repos.users.get(&step.userid).await? {
        Some(user) if user.active => Ok(Some((step, user))),
        _ => Ok(None),
    }
}

/// Uses up a pending step: true for exactly one caller.
pub async fn finish(ctx: Context<'_>, step: &PendingStep) -> DbResult<bool> {
    ctx.repos.pending_steps.take(&step.token_hash).await
}

/// What checking a code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The code was right (a TOTP or a backup code, now spent).
    Accepted,
    /// Wrong, reused or malformed: counted toward the lockout.
    Refused,
    /// The account is locked: nothing was checked; pending steps are gone.
    Locked,
}

/// A code typed by `user` at the second step or a step-up, from `ip`:
/// counted by the lockout before it is checked (under the same username
/// and address keys as a password attempt), then checked
/// ([`second_factor::check_code`]); refusals and lockouts are audited, a
/// backup code used too. A device cookie earns codes no larger budget: it
/// is handed out for the password, which is exactly what someone at the
/// second step already has.
pub async fn check_code(
    ctx: Context<'_>,
    user: &User,
    code: &str,
    ip: Option<String>,
) -> Result<Verdict, StepError> {
    let name = throttle::key(user.username.as_str());
    let counted = throttle::begin(
        ctx.repos,
        ctx.clock,
        ctx.settings,
        &name,
        ip.as_deref().unwrap_or("unknown"),
        None,
    )
    .await?;
    let actor = Actor::user(&user.userid, ip.clone());
    if let Some(until) = counted.locked_now {
        crate::metrics::lockout();
        audit::record(
            ctx.repos,
            ctx.clock,
            &actor,
            Event::AccountLocked,
            Some(&user.userid),
            serde_json::json!({ "username": name, "until": rfc3339(until) }),
        )
        .await;
    }
    if !counted.allowed {
        ctx.repos
            .pending_steps
            .delete_for_user(&user.userid)
            .await?;
        failure(ctx, &actor, user, "locked").await;
        crate::metrics::signin("otp", "locked");
        return Ok(Verdict::Locked);
    }
    let check = if code.len() > MAX_CODE_LEN || code.trim().is_empty() {
        CodeCheck::Refused
    } else {
        second_factor::check_code(ctx.repos, ctx.clock, ctx.master, &user.userid, code).await?
    };
    match check {
        CodeCheck::Refused => {
            failure(ctx, &actor, user, "wrong code").await;
            crate::metrics::signin("otp", "failure");
            Ok(Verdict::Refused)
        }
        CodeCheck::Totp => {
            throttle::succeeded(ctx.repos, &counted).await?;
            Ok(Verdict::Accepted)
        }
        CodeCheck::BackupCode { left } => {
            throttle::succeeded(ctx.repos, &counted).await?;
            audit::record(
                ctx.repos,
                ctx.clock,
                &actor,
                Event::BackupCodeUsed,
                Some(&user.userid),
                serde_json::json!({ "left": left }),
            )
            .await;
            Ok(Verdict::Accepted)
        }
    }
}

async fn failure(ctx: Context<'_>, actor: &Actor, user: &User, reason: &str) {
    audit::record(
        ctx.repos,
        ctx.clock,
        &Actor::user("anonymous", actor.ip.clone()),
        Event::SigninFailure,
        Some(&user.userid),
        serde_json::json!({ "username": user.username, "method": "otp", "reason": reason }),
    )
    .await;
}

/// `amr` of a password sign-in completed with a second factor (a TOTP or
/// a backup code: RFC 8176 has no value of its own for the latter).
#[must_use]
pub fn password_and_code_amr() -> Vec<String> {
    ["pwd", "otp", "mfa"].map(str::to_owned).to_vec()
}

/// The facts of a password sign-in completed with a second factor.
#[must_use]
pub fn facts(user: &User, ip: Option<String>, user_agent: Option<String>) -> SignInFacts {
    SignInFacts {
        userid: user.userid.clone(),
        amr: password_and_code_amr(),
        acr: acr::Level::TwoFactors.as_str().into(),
        user_agent,
        ip,
    }
}

/// The facts of a session `previous` stepped up with a second factor: its
/// methods plus `otp` and `mfa`, at level `"2"`.
#[must_use]
pub fn step_up_facts(
    previous: &Session,
    ip: Option<String>,
    user_agent: Option<String>,
) -> SignInFacts {
    let mut amr = previous.amr.clone();
    for method in ["otp", "mfa"] {
        if !amr.iter().any(|m| m == method) {
            amr.push(method.to_owned());
        }
    }
    SignInFacts {
        userid: previous.userid.clone(),
        amr,
        acr: acr::Level::TwoFactors.as_str().into(),
        user_agent,
        ip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_up_keeps_the_methods_and_adds_the_code() {
        let session = Session {
            sid: "s".into(),
            token_hash: String::new(),
            userid: "u".into(),
            auth_time: 1,
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: None,
            ip: None,
            created_at: 1,
            last_seen_at: 1,
            expires_at: 2,
        };
        let facts = step_up_facts(&session, None, None);
        assert_eq!(facts.amr, ["pwd", "otp", "mfa"]);
        assert_eq!(facts.acr, "2");
        let again = Session {
            amr: facts.amr.clone(),
            ..session
        };
        assert_eq!(step_up_facts(&again, None, None).amr, ["pwd", "otp", "mfa"]);
        assert_eq!(password_and_code_amr(), ["pwd", "otp", "mfa"]);
    }
}
