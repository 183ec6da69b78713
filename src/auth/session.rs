//! Server-side sign-in sessions. The browser holds a random secret; the
//! database holds its hash, so a database leak yields no usable session.

use crate::clock::{Clock, secs};
use crate::config::Settings;
use crate::crypto;
use crate::db::{DbResult, Repos, Session, User};

/// How a person just proved who they are.
#[derive(Debug, Clone)]
pub struct SignInFacts {
    pub userid: String,
    /// RFC 8176 methods, e.g. `["pwd"]` or `["hwk", "user"]`.
    pub amr: Vec<String>,
    pub acr: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// Don't write `last_seen_at` more often than this (seconds).
const TOUCH_EVERY: i64 = 60;

/// Starts a session; returns the cookie secret and the stored session.
pub async fn start(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    facts: SignInFacts,
) -> DbResult<(String, Session)> {
    let (secret, session) = fresh(clock, settings, crypto::new_id(), facts);
    repos.sessions.create(&session).await?;
    Ok((secret, session))
}

/// A new cookie secret and the session `sid` it opens, from `facts`, with
/// a full lifetime from now.
fn fresh(
    clock: &dyn Clock,
    settings: &Settings,
    sid: String,
    facts: SignInFacts,
) -> (String, Session) {
    let secret = crypto::new_secret();
    let now = clock.now();
    let session = Session {
        sid,
        token_hash: crypto::hash_secret(&secret),
        userid: facts.userid,
        auth_time: now,
        amr: facts.amr,
        acr: facts.acr,
        user_agent: facts.user_agent,
        ip: facts.ip,
        created_at: now,
        last_seen_at: now,
        expires_at: now + secs(settings.session_lifetime),
    };
    (secret, session)
}

/// Renews `previous` for the same person signing in again in the same
/// browser: a new cookie secret (the old one stops working, so no session
/// fixation), the new sign-in facts and a new lifetime, but the same `sid`
/// (OpenID Connect's session id stays what relying parties hold, and
/// back-channel logout tells no one). `None` when `previous` belongs to
/// someone else or is gone: then start a new session.
pub async fn renew(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    previous: &Session,
    facts: SignInFacts,
) -> DbResult<Option<(String, Session)>> {
    if previous.userid != facts.userid {
        return Ok(None);
    }
    let (secret, session) = fresh(clock, settings, previous.sid.clone(), facts);
    Ok(repos
        .sessions
        .renew(&session)
        .await?
        .then_some((secret, session)))
}

/// Finds the live session for a cookie secret, with its user. Expired,
/// idle-timed-out and disabled-user sessions are ended and yield `None`.
pub async fn resolve(
    repos: &Repos,
    clock: &dyn Clock,
    settings: &Settings,
    secret: &str,
) -> DbResult<Option<(Session, User)>> {
    let Some(session) = repos
        .sessions
        .get_by_token_hash(&crypto::hash_secret(secret))
        .await?
    else {
        return Ok(None);
    };
    let now = clock.now();
    let idle_over = session.last_seen_at + secs(settings.session_idle_timeout) <= now;
    if session.expires_at <= now || idle_over {
        // Running out is not a sign-out: no client is told.
        repos.sessions.expire(&session.sid).await?;
        return Ok(None);
    }
    let Some(user) = repos.users.get(&session.userid).await? else {
        return Ok(None);
    };
    if !user.active {
        repos.sessions.delete(&session.sid).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        repos.sessions.touch(&session.sid, now).await?;
    }
    Ok(Some((session, user)))
}

/// Ends a session in the database.
pub async fn end(repos: &Repos, sid: &str) -> DbResult<()> {
    repos.sessions.delete(sid).await
}
