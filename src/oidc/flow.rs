//! Moving an authorization request along. Every step that can end in a
//! code — `/authorize`, the resume after sign-in, the consent page and its
//! **Allow** — re-runs the same [`decide`] and issues a code only when it
//! says [`Next::Issue`]. The HTTP layer renders the [`Outcome`].

use super::authorize::{self, AuthorizationRequest, ErrorRedirect, Next, ResponseMode, decide};
use super::claims;
use crate::clock::Clock;
use crate::crypto::MasterKey;
use crate::db::{AuthRequestRecord, Client, DbError, Repos, Session, User};

/// How long a request may wait for sign-in and consent.
pub const REQUEST_TTL: i64 = 30 * 60;

/// How many sign-ins a stored request remembers (a few browsers may sign
/// in for the same request; only the browser's own session counts).
const MAX_SIGN_INS: usize = 8;

/// What the flow needs from the application.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub repos: &'a Repos,
    pub clock: &'a dyn Clock,
    pub master: &'a MasterKey,
}

/// Who is signed in in the browser, if anyone.
pub type SignedIn<'a> = Option<(&'a Session, &'a User)>;

/// A stored request, loaded.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: String,
    pub req: AuthorizationRequest,
    pub client: Client,
}

/// A code to deliver at the client's redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeResponse {
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    pub state: Option<String>,
    pub code: String,
}

/// What the browser gets next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Sign in for the stored request with this id.
    Login(String),
    /// Grant the scopes of the stored request with this id.
    Consent(String),
    /// The code, for the client.
    Code(CodeResponse),
    /// An error, for the client.
    Error(ErrorRedirect),
}

/// Why the flow could not go on.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Internal(String),
}

/// The consent on record for the signed-in user and `client`.
async fn consented(
    ctx: Ctx<'_>,
    client: &Client,
    signed_in: SignedIn<'_>,
) -> Result<Option<Vec<String>>, FlowError> {
    Ok(match signed_in {
        Some((_, user)) => {
            ctx.repos
                .consents
                .get(&user.userid, &client.client_id)
                .await?
        }
        None => None,
    })
}

async fn next_step(
    ctx: Ctx<'_>,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: SignedIn<'_>,
    consent_given_now: bool,
) -> Result<Next, FlowError> {
    let consented = consented(ctx, client, signed_in).await?;
    Ok(decide(
        req,
        signed_in,
        client,
        consented.as_deref(),
        consent_given_now,
        ctx.clock.now(),
    ))
}

/// A new, validated request from `/authorize`, answered at once when the
/// decision allows it (a code or an error); `None` when the request must
/// wait for sign-in or consent and so has to be stored ([`store`]).
pub async fn immediate(
    ctx: Ctx<'_>,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: SignedIn<'_>,
) -> Result<Option<Outcome>, FlowError> {
    let next = next_step(ctx, req, client, signed_in, false).await?;
    match (next, signed_in) {
        (Next::Issue, Some((session, user))) => issue(ctx, req, session, user).map(Some),
        (Next::Fail(error, description), _) => Ok(Some(Outcome::Error(
            ErrorRedirect::for_request(req, error, description),
        ))),
        (Next::Consent, _) | (Next::Login | Next::Issue, _) => Ok(None),
    }
}

/// A request stored by [`store`]: what the browser gets next, and the
/// secret that binds the request to that browser (the caller sets it as a
/// cookie named after [`Stored::id`]; [`load`] wants it back).
#[derive(Debug)]
pub struct Stored {
    pub outcome: Outcome,
    pub id: String,
    pub browser_secret: String,
}

/// Stores a request that must wait (after [`immediate`] said so, and after
/// the caller counted it against the per-address limit on pending state),
/// bound to the browser that started it, then moves it on: to sign-in or
/// consent.
pub async fn store(
    ctx: Ctx<'_>,
    mut req: AuthorizationRequest,
    client: &Client,
    signed_in: SignedIn<'_>,
) -> Result<Stored, FlowError> {
    let browser_secret = crate::crypto::new_secret();
    req.browser = Some(crate::crypto::hash_secret(&browser_secret));
    let now = ctx.clock.now();
    let record = AuthRequestRecord {
        id: crate::crypto::new_id(),
        client_id: req.client_id.clone(),
        params: serde_json::to_string(&req).map_err(|e| FlowError::Internal(e.to_string()))?,
        created_at: now,
        expires_at: now + REQUEST_TTL,
    };
    ctx.repos.auth_requests.create(&record).await?;
    let pending = Pending {
        id: record.id,
        req,
        client: client.clone(),
    };
    let outcome = advance(ctx, &pending, signed_in).await?;
    Ok(Stored {
        outcome,
        id: pending.id,
        browser_secret,
    })
}

/// The live stored request `id` with its client; `None` when it is
/// unknown, expired, its client is gone, its redirect URI is no longer
/// registered, or `browser_secret` (the cookie [`store`] asked for) is not
/// the one of the browser that started it.
pub async fn load(
    ctx: Ctx<'_>,
    id: &str,
    browser_secret: Option<&str>,
) -> Result<Option<Pending>, FlowError> {
    let Some(record) = ctx.repos.auth_requests.get(id).await? else {
        return Ok(None);
    };
    if record.expires_at <= ctx.clock.now() {
        return Ok(None);
    }
    let req: AuthorizationRequest = serde_json::from_str(&record.params)
        .map_err(|e| FlowError::Internal(format!("stored request {id}: {e}")))?;
    if let Some(expected) = &req.browser {
        let presented = browser_secret.map(crate::crypto::hash_secret);
        if !presented
            .is_some_and(|p| crate::crypto::constant_time_eq(p.as_bytes(), expected.as_bytes()))
        {
            return Ok(None);
        }
    }
    let Some(client) = ctx.repos.clients.get(&req.client_id).await? else {
        return Ok(None);
    };
    if !client
        .redirect_uris
        .iter()
        .any(|r| crate::domain::redirect_uri::matches(r, &req.redirect_uri))
    {
        return Ok(None);
    }
    Ok(Some(Pending {
        id: record.id,
        req,
        client,
    }))
}

/// Re-decides a stored request and acts on the decision (after sign-in, on
/// the consent page).
pub async fn advance(
    ctx: Ctx<'_>,
    p: &Pending,
    signed_in: SignedIn<'_>,
) -> Result<Outcome, FlowError> {
    let next = next_step(ctx, &p.req, &p.client, signed_in, false).await?;
    act(ctx, p, signed_in, next).await
}

/// **Allow** on the consent page. The consent is recorded only when the
/// decision was to ask for it; then the request is decided again with the
/// consent given, and a code issued only if the decision says so.
pub async fn allow(
    ctx: Ctx<'_>,
    p: &Pending,
    signed_in: SignedIn<'_>,
    ip: Option<String>,
) -> Result<Outcome, FlowError> {
    let mut next = next_step(ctx, &p.req, &p.client, signed_in, false).await?;
    if let (Next::Consent, Some((_, user))) = (&next, signed_in) {
        let mut granted = ctx
            .repos
            .consents
            .get(&user.userid, &p.client.client_id)
            .await?
            .unwrap_or_default();
        for s in claims::grantable_for_user(&p.req.scopes, user) {
            if !granted.contains(&s) {
                granted.push(s);
            }
        }
        ctx.repos
            .consents
            .put(&user.userid, &p.client.client_id, &granted, ctx.clock.now())
            .await?;
        crate::manage::audit(
            ctx.repos,
            ctx.clock,
            &crate::manage::Actor {
                id: user.userid.clone(),
                ip,
            },
            "consent.granted",
            Some(&p.client.client_id),
            serde_json::json!({ "scopes": granted }),
        )
        .await;
        next = next_step(ctx, &p.req, &p.client, signed_in, true).await?;
    }
    act(ctx, p, signed_in, next).await
}

/// **Deny** on the consent page by `user` from `ip`: audited
/// (`consent.denied`), then `access_denied` for the client.
pub async fn deny(ctx: Ctx<'_>, p: &Pending, user: &User, ip: Option<String>) -> Outcome {
    forget(ctx, &p.id).await;
    crate::manage::audit(
        ctx.repos,
        ctx.clock,
        &crate::manage::Actor {
            id: user.userid.clone(),
            ip,
        },
        "consent.denied",
        Some(&p.client.client_id),
        serde_json::json!({ "client_id": p.client.client_id, "scopes": p.req.scopes }),
    )
    .await;
    Outcome::Error(ErrorRedirect::for_request(
        &p.req,
        "access_denied",
        "the user denied the request",
    ))
}

/// Records that the session `sid` was started by a sign-in made for the
/// stored request `id`, so the decision counts it as fresh for that request
/// (`prompt=login`, `max_age`) — and only that session, whatever the clock
/// says. Unknown, expired or unreadable requests are left alone (the
/// sign-in itself stands; such a request is refused when resumed).
pub async fn record_sign_in(ctx: Ctx<'_>, id: &str, sid: &str) -> Result<(), FlowError> {
    let Some(record) = ctx.repos.auth_requests.get(id).await? else {
        return Ok(());
    };
    if record.expires_at <= ctx.clock.now() {
        return Ok(());
    }
    let Ok(mut req) = serde_json::from_str::<AuthorizationRequest>(&record.params) else {
        tracing::warn!("a stored authorization request could not be read");
        return Ok(());
    };
    req.sign_ins.retain(|s| s != sid);
    req.sign_ins.push(sid.to_owned());
    let excess = req.sign_ins.len().saturating_sub(MAX_SIGN_INS);
    req.sign_ins.drain(..excess);
    let params = serde_json::to_string(&req).map_err(|e| FlowError::Internal(e.to_string()))?;
    ctx.repos.auth_requests.update_params(id, &params).await?;
    Ok(())
}

/// Carries out `next` for the stored request `p`.
async fn act(
    ctx: Ctx<'_>,
    p: &Pending,
    signed_in: SignedIn<'_>,
    next: Next,
) -> Result<Outcome, FlowError> {
    Ok(match (next, signed_in) {
        (Next::Consent, _) => Outcome::Consent(p.id.clone()),
        (Next::Fail(error, description), _) => {
            forget(ctx, &p.id).await;
            Outcome::Error(ErrorRedirect::for_request(&p.req, error, description))
        }
        (Next::Issue, Some((session, user))) => {
            let outcome = issue(ctx, &p.req, session, user)?;
            forget(ctx, &p.id).await;
            outcome
        }
        (Next::Login | Next::Issue, _) => Outcome::Login(p.id.clone()),
    })
}

/// Deletes a finished request; a failure only leaves it to expire.
async fn forget(ctx: Ctx<'_>, id: &str) {
    if let Err(e) = ctx.repos.auth_requests.delete(id).await {
        tracing::warn!(error = %e, "could not delete a finished authorization request");
    }
}

fn issue(
    ctx: Ctx<'_>,
    req: &AuthorizationRequest,
    session: &Session,
    user: &User,
) -> Result<Outcome, FlowError> {
    let code = authorize::issue_code(ctx.master, req, session, user, ctx.clock.now())
        .map_err(|e| FlowError::Internal(e.to_string()))?;
    Ok(Outcome::Code(CodeResponse {
        redirect_uri: req.redirect_uri.clone(),
        response_mode: req.response_mode,
        state: req.state.clone(),
        code,
    }))
}
