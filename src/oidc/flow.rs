//! Moving an authorization request along. Every step that can end in a
//! code — `/authorize`, the resume after sign-in, the consent page and its
//! **Allow** — re-runs the same [`decide`] and issues a code only when it
//! says [`Next::Issue`]. The HTTP layer renders the [`Outcome`]. A device
//! approval (RFC 8628) is such a request too, marked with its device: it
//! takes the same steps, and only their end differs ([`super::device`]).

use super::authorize::{
    self, AuthorizationRequest, AuthorizeError, ErrorRedirect, NO_ACCESS, Next, ResponseMode,
    decide,
};
use super::claims;
use super::device::DeviceOutcome;
use super::par;
use super::params::Params;
use super::provider::Provider;
use super::tokens::{self, IdClaims};
use crate::audit::Event;
use crate::db::{AuthRequestRecord, Client, DbError, Session, User};

/// How long a request may wait for sign-in and consent.
pub const REQUEST_TTL: i64 = 30 * 60;

/// How many sign-ins a stored request remembers (a few browsers may sign
/// in for the same request; only the browser's own session counts).
const MAX_SIGN_INS: usize = 8;

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
    /// Confirm the signed-in session with a second factor for the stored
    /// request with this id (the step-up page).
    StepUp(String),
    /// Grant the scopes of the stored request with this id.
    Consent(String),
    /// The code, for the client.
    Code(CodeResponse),
    /// An error, for the client.
    Error(ErrorRedirect),
    /// The signed-in user may not use this client (its allowed groups): a
    /// page says so, and leads back to the client with this error.
    NoAccess(NoAccess),
    /// A device approval ended (approved, denied, refused): a page says so.
    Device(DeviceOutcome),
}

/// A user refused by a client's group restriction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoAccess {
    /// The client's name, for the page.
    pub client_name: String,
    /// Who is signed in.
    pub username: String,
    /// `access_denied`, for the way back to the client.
    pub back: ErrorRedirect,
}

impl NoAccess {
    fn new(client: &Client, req: &AuthorizationRequest, user: &User) -> Self {
        Self {
            client_name: client.name.clone(),
            username: user.username.to_string(),
            back: ErrorRedirect::for_request(req, "access_denied", NO_ACCESS),
        }
    }
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
    provider: &Provider,
    client: &Client,
    signed_in: SignedIn<'_>,
) -> Result<Option<Vec<String>>, FlowError> {
    Ok(match signed_in {
        Some((_, user)) => {
            provider
                .repos
                .consents
                .get(&user.userid, &client.client_id)
                .await?
        }
        None => None,
    })
}

async fn next_step(
    provider: &Provider,
    req: &AuthorizationRequest,
    client: &Client,
    signed_in: SignedIn<'_>,
    consent_given_now: bool,
) -> Result<Next, FlowError> {
    let consented = consented(provider, client, signed_in).await?;
    let mfa_by_group = match signed_in {
        Some((_, user)) => provider.repos.groups.requires_mfa(&user.userid).await?,
        None => false,
    };
    let next = decide(
        req,
        signed_in,
        client,
        mfa_by_group,
        consented.as_deref(),
        consent_given_now,
        provider.clock.now(),
    );
    let refused = matches!(
        next,
        Next::NoAccess | Next::Fail("access_denied", NO_ACCESS)
    );
    if let (true, Some((_, user))) = (refused, signed_in) {
        crate::audit::record(
            &provider.repos,
            provider.clock.as_ref(),
            &crate::audit::Actor::user(&user.userid, None),
            Event::AccessDenied,
            Some(&user.userid),
            serde_json::json!({
                "client_id": client.client_id,
                "allowed_groups": client.allowed_groups,
                "at": "authorize",
            }),
        )
        .await;
    }
    Ok(next)
}

/// What `/authorize` does with a new request ([`start`]).
#[derive(Debug)]
pub enum Started {
    /// Answer at once: a code or an error for the client.
    Answer(Outcome),
    /// The request cannot be answered at the client (unknown client, an
    /// unregistered redirect URI, a malformed request): show this text on
    /// an error page, never redirect.
    Refused(String),
    /// The request must wait for sign-in or consent. The caller counts it
    /// against its per-address limit on pending state (a web-layer matter),
    /// then stores it with [`store`].
    Wait(Box<Waiting>),
}

/// A validated request that must be stored before it can go on.
#[derive(Debug)]
pub struct Waiting {
    pub(super) req: AuthorizationRequest,
    pub(super) client: Client,
}

/// Takes a new authorization request from `/authorize` (its parameters, from
/// the query or the form body): looks up the client, verifies an
/// `id_token_hint`, validates the request and decides it.
pub async fn start(
    provider: &Provider,
    params: &[(String, String)],
    signed_in: SignedIn<'_>,
) -> Result<Started, FlowError> {
    let client = match Params(params).get("client_id") {
        Ok(Some(id)) => provider.repos.clients.get(id).await?,
        _ => None,
    };
    // A pushed request (RFC 9126 §4): only client_id and request_uri count;
    // the parameters are the ones the client pushed, and serve once.
    let pushed = match Params(params).get("request_uri") {
        Ok(Some(request_uri)) if request_uri.starts_with(par::REQUEST_URI_PREFIX) => {
            let Some(client) = &client else {
                return Ok(Started::Refused(
                    "The application that sent you here is not registered.".into(),
                ));
            };
            match par::take(provider, client, request_uri).await? {
                Some(stored) => Some(stored),
                None => return Ok(Started::Refused(par::UNUSABLE.into())),
            }
        }
        _ => None,
    };
    let now = provider.now();
    let hint = |token: &str| {
        tokens::verify_jwt::<IdClaims>(&provider.keys, &provider.issuer, token, None, now, true)
            .ok()
            .map(|c| c.sub)
    };
    let validated = authorize::validate(
        pushed.as_deref().unwrap_or(params),
        client.as_ref(),
        provider.require_pkce,
        hint,
        now,
    );
    let req = match validated {
        Ok(req) => req,
        Err(AuthorizeError::Page(message)) => return Ok(Started::Refused(message)),
        Err(AuthorizeError::Redirect(e)) => return Ok(Started::Answer(Outcome::Error(e))),
    };
    let Some(client) = client else {
        return Ok(Started::Refused(
            "The application that sent you here is not registered.".into(),
        ));
    };
    if pushed.is_none() && (client.require_par || provider.require_par) {
        return Ok(Started::Answer(Outcome::Error(ErrorRedirect::for_request(
            &req,
            "invalid_request",
            "authorization requests must be pushed first (pushed_authorization_request_endpoint)",
        ))));
    }
    let next = next_step(provider, &req, &client, signed_in, false).await?;
    Ok(match (next, signed_in) {
        (Next::Issue, Some((session, user))) => {
            Started::Answer(issue(provider, &req, session, user)?)
        }
        (Next::Fail(error, description), _) => Started::Answer(Outcome::Error(
            ErrorRedirect::for_request(&req, error, description),
        )),
        (Next::NoAccess, Some((_, user))) => {
            Started::Answer(Outcome::NoAccess(NoAccess::new(&client, &req, user)))
        }
        (Next::Consent | Next::StepUp, _) | (Next::Login | Next::Issue | Next::NoAccess, _) => {
            Started::Wait(Box::new(Waiting { req, client }))
        }
    })
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

/// Stores a request that must wait (after [`start`] said so, and after the
/// caller counted it against the per-address limit on pending state), bound
/// to the browser that started it, then moves it on: to sign-in or consent.
pub async fn store(
    provider: &Provider,
    waiting: Box<Waiting>,
    signed_in: SignedIn<'_>,
) -> Result<Stored, FlowError> {
    let Waiting { mut req, client } = *waiting;
    let browser_secret = crate::crypto::new_secret();
    req.browser = Some(crate::crypto::hash_secret(&browser_secret));
    let now = provider.clock.now();
    let record = AuthRequestRecord {
        id: crate::crypto::new_id(),
        client_id: req.client_id.to_string(),
        params: serde_json::to_string(&req).map_err(|e| FlowError::Internal(e.to_string()))?,
        created_at: now,
        expires_at: now + REQUEST_TTL,
    };
    provider.repos.auth_requests.create(&record).await?;
    let pending = Pending {
        id: record.id,
        req,
        client,
    };
    let outcome = advance(provider, &pending, signed_in).await?;
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
    provider: &Provider,
    id: &str,
    browser_secret: Option<&str>,
) -> Result<Option<Pending>, FlowError> {
    let Some(record) = provider.repos.auth_requests.get(id).await? else {
        return Ok(None);
    };
    if record.expires_at <= provider.clock.now() {
        return Ok(None);
    }
    let req: AuthorizationRequest = serde_json::from_str(&record.params)
        .map_err(|e| FlowError::Internal(format!("stored request {id}: {e}")))?;
    if !belongs_to(&req, browser_secret) {
        return Ok(None);
    }
    let Some(client) = provider.repos.clients.get(&req.client_id).await? else {
        return Ok(None);
    };
    // A device approval has no redirect URI; its client must still be
    // allowed the device grant.
    let usable = match &req.device {
        Some(_) => client
            .grant_types
            .contains(&crate::domain::grant_type::GrantType::DeviceCode),
        None => client
            .redirect_uris
            .iter()
            .any(|r| crate::domain::redirect_uri::matches(r, &req.redirect_uri)),
    };
    if !usable {
        return Ok(None);
    }
    Ok(Some(Pending {
        id: record.id,
        req,
        client,
    }))
}

/// Whether the browser presenting `browser_secret` is the one that started
/// `req` (requests stored before the binding existed have none).
fn belongs_to(req: &AuthorizationRequest, browser_secret: Option<&str>) -> bool {
    let Some(expected) = &req.browser else {
        return true;
    };
    browser_secret
        .map(crate::crypto::hash_secret)
        .is_some_and(|p| crate::crypto::constant_time_eq(p.as_bytes(), expected.as_bytes()))
}

/// The level the stored request `p` needs of `user`
/// ([`authorize::needed_level`]: what it asks for, its client's policy and
/// the policy of the user's groups); `None`: any sign-in will do.
pub async fn needed_level(
    provider: &Provider,
    p: &Pending,
    user: &User,
) -> Result<Option<crate::auth::acr::Level>, FlowError> {
    let by_group = provider.repos.groups.requires_mfa(&user.userid).await?;
    Ok(authorize::needed_level(&p.req, &p.client, by_group))
}

/// Whether the stored request `p`, decided for this session, is waiting
/// for a step-up ([`Next::StepUp`]) and nothing else. The step-up page
/// acts only then: a request that needs a new sign-in first (`prompt=login`,
/// `max_age`, an `id_token_hint` naming someone else), or that the user may
/// not use, must not be satisfied by a code on top of an old session.
pub async fn step_up_due(
    provider: &Provider,
    p: &Pending,
    session: &Session,
    user: &User,
) -> Result<bool, FlowError> {
    let next = next_step(provider, &p.req, &p.client, Some((session, user)), false).await?;
    Ok(next == Next::StepUp)
}

/// Re-decides a stored request and acts on the decision (after sign-in, on
/// the consent page).
pub async fn advance(
    provider: &Provider,
    p: &Pending,
    signed_in: SignedIn<'_>,
) -> Result<Outcome, FlowError> {
    let next = next_step(provider, &p.req, &p.client, signed_in, false).await?;
    act(provider, p, signed_in, next).await
}

/// **Allow** on the consent page. The consent is recorded only when the
/// decision was to ask for it; then the request is decided again with the
/// consent given, and a code issued only if the decision says so.
pub async fn allow(
    provider: &Provider,
    p: &Pending,
    signed_in: SignedIn<'_>,
    ip: Option<String>,
) -> Result<Outcome, FlowError> {
    let mut next = next_step(provider, &p.req, &p.client, signed_in, false).await?;
    if let (Next::Consent, Some((_, user))) = (&next, signed_in) {
        let mut granted = provider
            .repos
            .consents
            .get(&user.userid, &p.client.client_id)
            .await?
            .unwrap_or_default();
        for s in claims::consent_scopes(&p.req.scopes, p.req.claims.as_ref(), &p.client, user) {
            if !granted.contains(&s) {
                granted.push(s);
            }
        }
        provider
            .repos
            .consents
            .put(
                &user.userid,
                &p.client.client_id,
                &granted,
                provider.clock.now(),
            )
            .await?;
        crate::audit::record(
            &provider.repos,
            provider.clock.as_ref(),
            &crate::audit::Actor::user(&user.userid, ip),
            Event::ConsentGranted,
            Some(&p.client.client_id),
            serde_json::json!({ "scopes": granted }),
        )
        .await;
        next = next_step(provider, &p.req, &p.client, signed_in, true).await?;
    }
    act(provider, p, signed_in, next).await
}

/// **Deny** on the consent page by `user` from `ip`: audited
/// (`consent.denied`), then `access_denied` for the client.
pub async fn deny(provider: &Provider, p: &Pending, user: &User, ip: Option<String>) -> Outcome {
    if let Some(device) = &p.req.device {
        return super::device::deny(provider, p, device, user, ip).await;
    }
    forget(provider, &p.id).await;
    crate::audit::record(
        &provider.repos,
        provider.clock.as_ref(),
        &crate::audit::Actor::user(&user.userid, ip),
        Event::ConsentDenied,
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
/// says. Only the browser that started the request (holding
/// `browser_secret`, the cookie [`store`] asked for) can record a sign-in
/// against it, so nobody else can push its sign-ins out. Unknown, expired,
/// unreadable or foreign requests are left alone (the sign-in itself
/// stands; such a request is refused when resumed).
pub async fn record_sign_in(
    provider: &Provider,
    id: &str,
    browser_secret: Option<&str>,
    sid: &str,
) -> Result<(), FlowError> {
    let Some(record) = provider.repos.auth_requests.get(id).await? else {
        return Ok(());
    };
    if record.expires_at <= provider.clock.now() {
        return Ok(());
    }
    let Ok(mut req) = serde_json::from_str::<AuthorizationRequest>(&record.params) else {
        tracing::warn!("a stored authorization request could not be read");
        return Ok(());
    };
    if !belongs_to(&req, browser_secret) {
        return Ok(());
    }
    req.sign_ins.retain(|s| s != sid);
    req.sign_ins.push(sid.to_owned());
    let excess = req.sign_ins.len().saturating_sub(MAX_SIGN_INS);
    req.sign_ins.drain(..excess);
    let params = serde_json::to_string(&req).map_err(|e| FlowError::Internal(e.to_string()))?;
    provider
        .repos
        .auth_requests
        .update_params(id, &params)
        .await?;
    Ok(())
}

/// Carries out `next` for the stored request `p`.
async fn act(
    provider: &Provider,
    p: &Pending,
    signed_in: SignedIn<'_>,
    next: Next,
) -> Result<Outcome, FlowError> {
    if let Some(device) = &p.req.device
        && let Some(ended) = super::device::finish(provider, p, device, signed_in, &next).await?
    {
        return Ok(ended);
    }
    Ok(match (next, signed_in) {
        (Next::Consent, _) => Outcome::Consent(p.id.clone()),
        (Next::StepUp, Some(_)) => Outcome::StepUp(p.id.clone()),
        (Next::Fail(error, description), _) => {
            forget(provider, &p.id).await;
            Outcome::Error(ErrorRedirect::for_request(&p.req, error, description))
        }
        (Next::NoAccess, Some((_, user))) => {
            forget(provider, &p.id).await;
            Outcome::NoAccess(NoAccess::new(&p.client, &p.req, user))
        }
        (Next::Issue, Some((session, user))) => {
            let outcome = issue(provider, &p.req, session, user)?;
            forget(provider, &p.id).await;
            outcome
        }
        (Next::Login | Next::Issue | Next::NoAccess | Next::StepUp, _) => {
            Outcome::Login(p.id.clone())
        }
    })
}

/// Deletes a finished request; a failure only leaves it to expire.
pub(super) async fn forget(provider: &Provider, id: &str) {
    if let Err(e) = provider.repos.auth_requests.delete(id).await {
        tracing::warn!(error = %e, "could not delete a finished authorization request");
    }
}

fn issue(
    provider: &Provider,
    req: &AuthorizationRequest,
    session: &Session,
    user: &User,
) -> Result<Outcome, FlowError> {
    let code = authorize::issue_code(provider.master(), req, session, user, provider.clock.now())
        .map_err(|e| FlowError::Internal(e.to_string()))?;
    Ok(Outcome::Code(CodeResponse {
        redirect_uri: req.redirect_uri.clone(),
        response_mode: req.response_mode,
        state: req.state.clone(),
        code,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::provider::testing::{self, Fixture};

    fn params(client_id: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut list = vec![
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", "https://rp.example/cb"),
            ("scope", "openid profile"),
            ("state", "s1"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
            ("code_challenge_method", "S256"),
        ];
        list.extend_from_slice(extra);
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Starts a request and, when it must wait, stores it.
    async fn begin(
        f: &Fixture,
        params: &[(String, String)],
        signed_in: SignedIn<'_>,
    ) -> (Outcome, Option<Stored>) {
        match start(&f.provider, params, signed_in).await.unwrap() {
            Started::Answer(outcome) => (outcome, None),
            Started::Refused(message) => panic!("refused: {message}"),
            Started::Wait(waiting) => {
                let stored = store(&f.provider, waiting, signed_in).await.unwrap();
                (stored.outcome.clone(), Some(stored))
            }
        }
    }

    fn error_of(outcome: &Outcome) -> &'static str {
        match outcome {
            Outcome::Error(e) => e.error,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn unknown_clients_and_unregistered_redirects_get_a_page_never_a_redirect() {
        let f = testing::provider().await;
        f.client("app", true).await;
        for bad in [
            params("nobody", &[]),
            params("app", &[("redirect_uri", "https://evil.example/cb")]),
        ] {
            // A duplicate redirect_uri is one of these too.
            match start(&f.provider, &bad, None).await.unwrap() {
                Started::Refused(_) => {}
                other => panic!("expected a page, got {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn without_a_session_the_browser_signs_in_and_prompt_none_fails() {
        let f = testing::provider().await;
        f.client("app", true).await;
        let (outcome, stored) = begin(&f, &params("app", &[]), None).await;
        let stored = stored.expect("stored");
        assert_eq!(outcome, Outcome::Login(stored.id.clone()));
        let (outcome, _) = begin(&f, &params("app", &[("prompt", "none")]), None).await;
        assert_eq!(error_of(&outcome), "login_required");
    }

    #[tokio::test]
    async fn consent_is_asked_once_then_remembered() {
        let f = testing::provider().await;
        f.client("app", false).await;
        let user = f.user("ada", &[]).await;
        let session = f.session(&user).await;
        let who = Some((&session, &user));
        let (outcome, stored) = begin(&f, &params("app", &[]), who).await;
        let stored = stored.expect("stored");
        assert_eq!(outcome, Outcome::Consent(stored.id.clone()));
        let pending = load(&f.provider, &stored.id, Some(&stored.browser_secret))
            .await
            .unwrap()
            .expect("the request, for its own browser");
        assert!(matches!(
            allow(&f.provider, &pending, who, None).await.unwrap(),
            Outcome::Code(_)
        ));
        // The next request is answered at once.
        let (outcome, stored) = begin(&f, &params("app", &[]), who).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        assert!(stored.is_none());
        // prompt=consent asks again.
        let (outcome, _) = begin(&f, &params("app", &[("prompt", "consent")]), who).await;
        assert!(matches!(outcome, Outcome::Consent(_)), "{outcome:?}");
    }

    #[tokio::test]
    async fn a_stored_request_belongs_to_its_browser() {
        let f = testing::provider().await;
        f.client("app", true).await;
        let (_, stored) = begin(&f, &params("app", &[]), None).await;
        let stored = stored.expect("stored");
        assert!(load(&f.provider, &stored.id, None).await.unwrap().is_none());
        assert!(
            load(&f.provider, &stored.id, Some("another browser"))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            load(&f.provider, &stored.id, Some(&stored.browser_secret))
                .await
                .unwrap()
                .is_some()
        );
        f.clock.advance(REQUEST_TTL);
        assert!(
            load(&f.provider, &stored.id, Some(&stored.browser_secret))
                .await
                .unwrap()
                .is_none(),
            "expired"
        );
    }

    #[tokio::test]
    async fn prompt_login_needs_a_sign_in_made_for_the_request() {
        let f = testing::provider().await;
        f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let old = f.session(&user).await;
        let (outcome, stored) = begin(
            &f,
            &params("app", &[("prompt", "login")]),
            Some((&old, &user)),
        )
        .await;
        let stored = stored.expect("stored");
        assert_eq!(outcome, Outcome::Login(stored.id.clone()));
        let pending = load(&f.provider, &stored.id, Some(&stored.browser_secret))
            .await
            .unwrap()
            .unwrap();
        // A session started in the same second but not for this request
        // does not count; nor does Allow on the consent page.
        let other = f.session(&user).await;
        assert_eq!(
            advance(&f.provider, &pending, Some((&other, &user)))
                .await
                .unwrap(),
            Outcome::Login(stored.id.clone())
        );
        assert_eq!(
            allow(&f.provider, &pending, Some((&other, &user)), None)
                .await
                .unwrap(),
            Outcome::Login(stored.id.clone())
        );
        // A sign-in recorded by another browser does not count either.
        let foreign = f.session(&user).await;
        record_sign_in(
            &f.provider,
            &stored.id,
            Some("another browser"),
            &foreign.sid,
        )
        .await
        .unwrap();
        record_sign_in(&f.provider, &stored.id, None, &foreign.sid)
            .await
            .unwrap();
        assert_eq!(
            advance(&f.provider, &pending, Some((&foreign, &user)))
                .await
                .unwrap(),
            Outcome::Login(stored.id.clone())
        );
        // A sign-in made for it in its own browser does.
        let fresh = f.session(&user).await;
        record_sign_in(
            &f.provider,
            &stored.id,
            Some(&stored.browser_secret),
            &fresh.sid,
        )
        .await
        .unwrap();
        let pending = load(&f.provider, &stored.id, Some(&stored.browser_secret))
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(
            advance(&f.provider, &pending, Some((&fresh, &user)))
                .await
                .unwrap(),
            Outcome::Code(_)
        ));
        // The request is spent.
        assert!(
            load(&f.provider, &stored.id, Some(&stored.browser_secret))
                .await
                .unwrap()
                .is_none()
        );
    }

    #[tokio::test]
    async fn max_age_counts_from_the_sign_in() {
        let f = testing::provider().await;
        f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let session = f.session(&user).await;
        let who = Some((&session, &user));
        let (outcome, _) = begin(&f, &params("app", &[("max_age", "60")]), who).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        f.clock.advance(61);
        let (outcome, stored) = begin(&f, &params("app", &[("max_age", "60")]), who).await;
        assert!(stored.is_some());
        assert!(matches!(outcome, Outcome::Login(_)), "{outcome:?}");
        let (outcome, _) = begin(
            &f,
            &params("app", &[("max_age", "60"), ("prompt", "none")]),
            who,
        )
        .await;
        assert_eq!(error_of(&outcome), "login_required");
    }

    #[tokio::test]
    async fn deny_sends_access_denied_and_forgets_the_request() {
        let f = testing::provider().await;
        f.client("app", false).await;
        let user = f.user("ada", &[]).await;
        let session = f.session(&user).await;
        let (_, stored) = begin(&f, &params("app", &[]), Some((&session, &user))).await;
        let stored = stored.expect("stored");
        let pending = load(&f.provider, &stored.id, Some(&stored.browser_secret))
            .await
            .unwrap()
            .unwrap();
        let outcome = deny(&f.provider, &pending, &user, None).await;
        assert_eq!(error_of(&outcome), "access_denied");
        assert!(
            load(&f.provider, &stored.id, Some(&stored.browser_secret))
                .await
                .unwrap()
                .is_none()
        );
    }

    #[tokio::test]
    async fn a_client_restricted_to_groups_admits_only_their_members() {
        let f = testing::provider().await;
        let mut client = f.client("app", false).await;
        let member = f.user("ada", &["ops"]).await;
        let outsider = f.user("eve", &["dev"]).await;
        client.allowed_groups = vec!["ops".into()];
        f.provider.repos.clients.update(&client).await.unwrap();
        // The outsider is told so before any consent, and the way back
        // carries access_denied with the request's state.
        let session = f.session(&outsider).await;
        let (outcome, stored) = begin(&f, &params("app", &[]), Some((&session, &outsider))).await;
        assert!(stored.is_none(), "nothing is stored for a refusal");
        match outcome {
            Outcome::NoAccess(n) => {
                assert_eq!(n.client_name, "The app app");
                assert_eq!(n.username, "eve");
                assert_eq!(
                    (n.back.error, n.back.state.as_deref()),
                    ("access_denied", Some("s1"))
                );
            }
            other => panic!("expected the no-access page, got {other:?}"),
        }
        let (outcome, _) = begin(
            &f,
            &params("app", &[("prompt", "none")]),
            Some((&session, &outsider)),
        )
        .await;
        assert_eq!(error_of(&outcome), "access_denied");
        // Not signed in yet: sign in first (the policy needs the user).
        let (outcome, _) = begin(&f, &params("app", &[]), None).await;
        assert!(matches!(outcome, Outcome::Login(_)), "{outcome:?}");
        // A member goes on to consent as usual.
        let session = f.session(&member).await;
        let (outcome, _) = begin(&f, &params("app", &[]), Some((&session, &member))).await;
        assert!(matches!(outcome, Outcome::Consent(_)), "{outcome:?}");
    }

    /// A session at level "2" (a password with a second factor).
    async fn two_factor_session(f: &Fixture, user: &User) -> Session {
        let settings =
            crate::config::Settings::for_tests("http://localhost", "sqlite://unused.db").unwrap();
        let facts = crate::auth::second_step::facts(user, None, None);
        crate::auth::session::start(
            &f.provider.repos,
            f.provider.clock.as_ref(),
            &settings,
            facts,
        )
        .await
        .unwrap()
        .1
    }

    #[tokio::test]
    async fn a_level_the_session_lacks_is_a_step_up_never_a_new_password() {
        let f = testing::provider().await;
        f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let session = f.session(&user).await;
        let who = Some((&session, &user));
        let acr2 = params("app", &[("acr_values", "2")]);
        let (outcome, stored) = begin(&f, &acr2, who).await;
        let stored = stored.expect("stored");
        assert_eq!(outcome, Outcome::StepUp(stored.id.clone()));
        // A sign-in made for this very request that did not reach the level
        // steps up too (it used to be access_denied).
        record_sign_in(
            &f.provider,
            &stored.id,
            Some(&stored.browser_secret),
            &session.sid,
        )
        .await
        .unwrap();
        let pending = load(&f.provider, &stored.id, Some(&stored.browser_secret))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            advance(&f.provider, &pending, who).await.unwrap(),
            Outcome::StepUp(stored.id.clone())
        );
        // prompt=none cannot show the page: interaction_required.
        let (outcome, _) = begin(
            &f,
            &params("app", &[("acr_values", "2"), ("prompt", "none")]),
            who,
        )
        .await;
        assert_eq!(error_of(&outcome), "interaction_required");
        // A level the session has is no obstacle; asking for "1 2" is "1".
        let (outcome, _) = begin(&f, &params("app", &[("acr_values", "1 2")]), who).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        let strong = two_factor_session(&f, &user).await;
        let (outcome, _) = begin(&f, &acr2, Some((&strong, &user))).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        // Nobody signed in: sign in first, whatever the level.
        let (outcome, _) = begin(&f, &acr2, None).await;
        assert!(matches!(outcome, Outcome::Login(_)), "{outcome:?}");
    }

    #[tokio::test]
    async fn a_client_or_a_group_that_requires_a_second_factor_raises_the_level() {
        let f = testing::provider().await;
        let mut client = f.client("app", true).await;
        f.client("open", true).await;
        let user = f.user("ada", &["staff"]).await;
        let session = f.session(&user).await;
        let who = Some((&session, &user));
        let (outcome, _) = begin(&f, &params("app", &[]), who).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        client.require_mfa = true;
        f.provider.repos.clients.update(&client).await.unwrap();
        let (outcome, _) = begin(&f, &params("app", &[]), who).await;
        assert!(matches!(outcome, Outcome::StepUp(_)), "{outcome:?}");
        let (outcome, _) = begin(&f, &params("app", &[("prompt", "none")]), who).await;
        assert_eq!(error_of(&outcome), "interaction_required");
        // Another client is unaffected, until the user's group requires it.
        let (outcome, _) = begin(&f, &params("open", &[]), who).await;
        assert!(matches!(outcome, Outcome::Code(_)), "{outcome:?}");
        f.provider
            .repos
            .groups
            .set_require_mfa("staff", true, 0)
            .await
            .unwrap();
        let (outcome, _) = begin(&f, &params("open", &[]), who).await;
        assert!(matches!(outcome, Outcome::StepUp(_)), "{outcome:?}");
        // Two factors satisfy both.
        let strong = two_factor_session(&f, &user).await;
        for id in ["app", "open"] {
            let (outcome, _) = begin(&f, &params(id, &[]), Some((&strong, &user))).await;
            assert!(matches!(outcome, Outcome::Code(_)), "{id}: {outcome:?}");
        }
    }

    #[tokio::test]
    async fn the_group_restriction_and_the_hint_come_before_a_step_up() {
        let f = testing::provider().await;
        let mut client = f.client("app", false).await;
        client.require_mfa = true;
        client.allowed_groups = vec!["ops".into()];
        let outsider = f.user("eve", &["dev"]).await;
        let member = f.user("ada", &["ops"]).await;
        f.provider.repos.clients.update(&client).await.unwrap();
        let session = f.session(&outsider).await;
        let (outcome, _) = begin(&f, &params("app", &[]), Some((&session, &outsider))).await;
        assert!(matches!(outcome, Outcome::NoAccess(_)), "{outcome:?}");
        let (outcome, _) = begin(
            &f,
            &params("app", &[("prompt", "none")]),
            Some((&session, &outsider)),
        )
        .await;
        assert_eq!(error_of(&outcome), "access_denied");
        // prompt=login and max_age still ask for a sign-in first.
        let session = f.session(&member).await;
        let who = Some((&session, &member));
        let (outcome, _) = begin(&f, &params("app", &[("prompt", "login")]), who).await;
        assert!(matches!(outcome, Outcome::Login(_)), "{outcome:?}");
        f.clock.advance(61);
        let (outcome, _) = begin(&f, &params("app", &[("max_age", "60")]), who).await;
        assert!(matches!(outcome, Outcome::Login(_)), "{outcome:?}");
        // The step-up comes before consent.
        let (outcome, _) = begin(&f, &params("app", &[]), who).await;
        assert!(matches!(outcome, Outcome::StepUp(_)), "{outcome:?}");
        let strong = two_factor_session(&f, &member).await;
        let (outcome, _) = begin(&f, &params("app", &[]), Some((&strong, &member))).await;
        assert!(matches!(outcome, Outcome::Consent(_)), "{outcome:?}");
    }
}
