//! The device authorization grant (RFC 8628): the device authorization
//! endpoint, the person's approval at `/device`, and the device's polling
//! at the token endpoint.
//!
//! # How an approval is decided
//!
//! A device approval is an ordinary authorization request. When a person
//! enters a live user code at `/device`, [`begin`] builds an
//! [`AuthorizationRequest`] for the device's client and scopes, marked with
//! [`DeviceApproval`] instead of a redirect URI, and it is stored, bound to
//! the browser and moved on by [`super::flow`] like any request from
//! `/authorize`: sign-in at `/login?req=…`, `/authorize/resume`, the consent
//! page and its **Allow**/**Deny**. Every step re-runs
//! [`super::authorize::decide`], so whatever it rules for `/authorize` — the
//! client's allowed groups (the no-access page) and every policy added to
//! it later — rules for devices too, with no decision of its own here; the
//! decision differs in one point only: a device request always asks for
//! consent (remembered consent and `skip_consent` do not spare the consent
//! page, RFC 8628 §5.4). Only the last step differs: where
//! `/authorize` would issue a code, [`finish`] settles the device authorization
//! (approved with the sign-in's `sub`, `sid`, `auth_time`, `amr` and `acr`,
//! or denied), and the device collects its tokens at `/token` with
//! [`token`].
//!
//! Entering the code is a form post with a CSRF token: a link
//! (`verification_uri_complete`) only fills the field in, it never approves.
//!
//! # Codes
//!
//! The device code is a 256-bit secret stored as its SHA-256. The user code
//! is 8 letters from [`USER_CODE_ALPHABET`] (RFC 8628 §6.1: no vowels, no
//! ambiguous letters; about 34.6 bits), shown as `XXXX-XXXX`, read without
//! regard to case, dashes or spaces, stored as a keyed hash
//! ([`crate::crypto::MasterKey::user_code_tag`]) under a unique key, so no
//! two rows share one. Guessing is bounded by the entry limits of
//! `/device` (web layer) and the short life of a code.

use rand::Rng;
use serde::Serialize;

use super::authorize::{AuthorizationRequest, NO_ACCESS, Next, ResponseMode};
use super::claims;
use super::error::OAuthError;
use super::flow::{Outcome, Pending, SignedIn, Waiting};
use super::grants::{self, TokenResponse};
use super::params::{param, required};
use super::provider::Provider;
use crate::audit::{self, Actor, Event};
use crate::crypto;
use crate::db::{
    AuthContext, Client, DbError, DeviceAuthorization, DeviceDecision, DeviceStatus, User,
};
use crate::domain::grant_type::GrantType;

/// The letters of user codes (RFC 8628 §6.1).
pub const USER_CODE_ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

/// Letters in a user code.
pub const USER_CODE_LEN: usize = 8;

/// How long a device code and its user code live (seconds).
pub const DEVICE_CODE_TTL: i64 = 600;

/// The polling interval a device starts with (seconds).
pub const INTERVAL: i64 = 5;

/// How much the interval grows on each `slow_down` (RFC 8628 §3.5).
pub const SLOW_DOWN_STEP: i64 = 5;

/// The longest interval a device is ever asked to keep.
const MAX_INTERVAL: i64 = 60;

/// Attempts at drawing a user code not in use.
const DRAWS: usize = 8;

/// The path of the verification page.
pub const VERIFICATION_PATH: &str = "/device";

/// The answer of the device authorization endpoint (RFC 8628 §3.2).
#[derive(Debug, Clone, Serialize)]
pub struct DeviceAuthorizationResponse {
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: i64,
    pub interval: i64,
}

/// What marks an [`AuthorizationRequest`] as a device approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DeviceApproval {
    /// The device authorization it settles.
    pub id: String,
    /// The user code as shown on the device (`XXXX-XXXX`), so the person
    /// can compare it on the consent page.
    pub user_code: String,
}

/// How a device approval ended, for the page that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceOutcome {
    /// Approved: the device gets its tokens.
    Approved { client_name: String },
    /// Denied by the person.
    Denied { client_name: String },
    /// The signed-in user is outside the client's allowed groups.
    NoAccess {
        client_name: String,
        username: String,
    },
    /// Refused by a rule of the decision (the text says which).
    Refused {
        client_name: String,
        description: String,
    },
    /// The code expired or was settled meanwhile.
    Gone,
}

/// A fresh user code: [`USER_CODE_LEN`] letters of [`USER_CODE_ALPHABET`].
#[must_use]
pub fn new_user_code() -> String {
    let mut rng = rand::rng();
    (0..USER_CODE_LEN)
        .map(|_| char::from(USER_CODE_ALPHABET[rng.random_range(0..USER_CODE_ALPHABET.len())]))
        .collect()
}

/// A normalized user code as shown: `XXXX-XXXX`.
#[must_use]
pub fn display_user_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(USER_CODE_LEN / 2));
    format!("{a}-{b}")
}

/// What a person typed, as a normalized user code: letters upper-cased,
/// dashes and spaces dropped; `None` unless that leaves exactly
/// [`USER_CODE_LEN`] letters of the alphabet.
#[must_use]
pub fn normalize_user_code(input: &str) -> Option<String> {
    if input.len() > 64 {
        return None;
    }
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid =
        code.len() == USER_CODE_LEN && code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The device authorization endpoint for an authenticated `client`
/// (RFC 8628 §3.1–3.2): checks that it may use the grant, keeps the scopes
/// it may request (`openid` is not required; without it no ID token is
/// issued), and stores a new pending authorization.
pub async fn authorize(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
) -> Result<DeviceAuthorizationResponse, OAuthError> {
    if !client.grant_types.contains(&GrantType::DeviceCode) {
        return Err(OAuthError::unauthorized_client(
            "this client may not use the device authorization grant",
        ));
    }
    // Scopes the client may not request are dropped (RFC 6749 §3.3).
    let requested = claims::split(param(params, "scope")?.unwrap_or_default());
    let scopes = claims::allowed_for_client(&requested, client);
    let now = p.now();
    let device_code = crypto::new_secret();
    for _ in 0..DRAWS {
        let user_code = new_user_code();
        let record = DeviceAuthorization {
            id: crypto::new_id(),
            device_code_hash: crypto::hash_secret(&device_code),
            user_code_hash: p.master().user_code_tag(&user_code),
            client_id: client.client_id.clone(),
            scope: scopes.join(" "),
            status: DeviceStatus::Pending,
            interval: INTERVAL,
            last_polled_at: None,
            auth: None,
            decided_at: None,
            created_at: now,
            expires_at: now + DEVICE_CODE_TTL,
        };
        match p.repos.device_auths.create(&record).await {
            Ok(()) => {
                let shown = display_user_code(&user_code);
                let verification_uri = format!("{}{VERIFICATION_PATH}", p.issuer);
                return Ok(DeviceAuthorizationResponse {
                    device_code,
                    verification_uri_complete: format!("{verification_uri}?user_code={shown}"),
                    user_code: shown,
                    verification_uri,
                    expires_in: DEVICE_CODE_TTL,
                    interval: INTERVAL,
                });
            }
            Err(DbError::Conflict("user code")) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(OAuthError::server_error(
        "no free user code after several draws",
    ))
}

/// Starts the approval of the device whose user code a person entered at
/// `/device`: the request to store (with [`super::flow::store`], which binds
/// it to the browser and decides it), or `None` when the code is malformed,
/// unknown, expired, already settled, or its client may no longer use the
/// grant.
pub async fn begin(p: &Provider, entered: &str) -> Result<Option<Box<Waiting>>, DbError> {
    let Some(code) = normalize_user_code(entered) else {
        return Ok(None);
    };
    let Some(d) = p
        .repos
        .device_auths
        .by_user_code(&p.master().user_code_tag(&code))
        .await?
    else {
        return Ok(None);
    };
    let now = p.now();
    if d.status != DeviceStatus::Pending || d.expires_at <= now {
        return Ok(None);
    }
    let Some(client) = p.repos.clients.get(&d.client_id).await? else {
        return Ok(None);
    };
    if !client.grant_types.contains(&GrantType::DeviceCode) {
        return Ok(None);
    }
    let req = AuthorizationRequest {
        client_id: client.client_id.clone(),
        redirect_uri: String::new(),
        response_mode: ResponseMode::Query,
        scopes: claims::split(&d.scope),
        state: None,
        nonce: None,
        prompt: Vec::new(),
        max_age: None,
        login_hint: None,
        code_challenge: None,
        id_token_hint_sub: None,
        ui_locales: None,
        acr_values: None,
        claims: None,
        created_at: now,
        sign_ins: Vec::new(),
        browser: None,
        device: Some(DeviceApproval {
            id: d.id,
            user_code: display_user_code(&code),
        }),
        dpop_jkt: None,
    };
    Ok(Some(Box::new(Waiting { req, client })))
}

/// Ends the device approval `p` where the decision `next` ends a request
/// (called by [`super::flow`] before it acts): [`Next::Issue`] approves the
/// device with the session's sign-in, where `/authorize` would issue a
/// code; a refusal ([`Next::NoAccess`], [`Next::Fail`]) denies it, where
/// `/authorize` would send an error to the redirect URI. `None` for every
/// other step (sign-in, consent, and whatever steps the decision gains
/// later): the flow takes it exactly as for a request from `/authorize`.
pub(super) async fn finish(
    provider: &Provider,
    p: &Pending,
    device: &DeviceApproval,
    signed_in: SignedIn<'_>,
    next: &Next,
) -> Result<Option<Outcome>, DbError> {
    let client_name = p.client.name.clone();
    let user = signed_in.map(|(_, user)| user);
    let outcome = match (next, signed_in) {
        (Next::Issue, Some((session, user))) => {
            let auth = AuthContext {
                userid: user.userid.clone(),
                sid: Some(session.sid.clone()),
                auth_time: session.auth_time,
                amr: session.amr.clone(),
                acr: session.acr.clone(),
            };
            let scope = claims::grantable_for_user(&p.req.scopes, user).join(" ");
            let decision = DeviceDecision::Approve { auth, scope };
            if settle(provider, p, device, Some(user), &decision, None).await? {
                DeviceOutcome::Approved { client_name }
            } else {
                DeviceOutcome::Gone
            }
        }
        (Next::NoAccess, Some((_, user))) => {
            settle(provider, p, device, Some(user), &DeviceDecision::Deny, None).await?;
            DeviceOutcome::NoAccess {
                client_name,
                username: user.username.to_string(),
            }
        }
        (Next::Fail(_, description), _) => {
            settle(provider, p, device, user, &DeviceDecision::Deny, None).await?;
            DeviceOutcome::Refused {
                client_name,
                description: if *description == NO_ACCESS {
                    "You are not allowed to use this application.".into()
                } else {
                    (*description).to_owned()
                },
            }
        }
        _ => return Ok(None),
    };
    super::flow::forget(provider, &p.id).await;
    Ok(Some(Outcome::Device(outcome)))
}

/// **Deny** on the consent page for a device approval.
pub(super) async fn deny(
    provider: &Provider,
    p: &Pending,
    device: &DeviceApproval,
    user: &User,
    ip: Option<String>,
) -> Outcome {
    super::flow::forget(provider, &p.id).await;
    match settle(provider, p, device, Some(user), &DeviceDecision::Deny, ip).await {
        Ok(true) => Outcome::Device(DeviceOutcome::Denied {
            client_name: p.client.name.clone(),
        }),
        Ok(false) => Outcome::Device(DeviceOutcome::Gone),
        Err(e) => {
            tracing::error!(error = %e, "could not record a device denial");
            Outcome::Device(DeviceOutcome::Gone)
        }
    }
}

/// Records `decision` for the device authorization (only while it is
/// pending and live) and audits it (by `user`, else the system); `true`
/// when this call settled it.
async fn settle(
    provider: &Provider,
    p: &Pending,
    device: &DeviceApproval,
    user: Option<&User>,
    decision: &DeviceDecision,
    ip: Option<String>,
) -> Result<bool, DbError> {
    let now = provider.now();
    let settled = provider
        .repos
        .device_auths
        .decide(&device.id, decision, now)
        .await?;
    if settled {
        let (event, scope) = match decision {
            DeviceDecision::Approve { scope, .. } => (Event::DeviceApproved, scope.clone()),
            DeviceDecision::Deny => (Event::DeviceDenied, p.req.scopes.join(" ")),
        };
        let actor = user.map_or_else(Actor::system, |u| Actor::user(&u.userid, ip));
        audit::record(
            &provider.repos,
            provider.clock.as_ref(),
            &actor,
            event,
            user.map(|u| u.userid.as_str()),
            serde_json::json!({ "client_id": p.client.client_id, "scope": scope }),
        )
        .await;
    }
    Ok(settled)
}

/// The device code grant at the token endpoint (RFC 8628 §3.4–3.5) for an
/// authenticated `client` that may use it. Unknown codes and another
/// client's codes are `invalid_grant` alike; then `expired_token`, the
/// decision (`access_denied`, or `authorization_pending` — `slow_down`,
/// with an interval 5 s longer from then on, when polled faster than the
/// interval), and on approval the tokens, once: the code is spent, and a
/// second redemption revokes what the first produced (as a replayed code
/// does).
pub async fn token(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
    dpop: Option<&super::dpop::Proof>,
) -> Result<TokenResponse, OAuthError> {
    let device_code = required(params, "device_code")?;
    let unknown = || OAuthError::invalid_grant("the device code is invalid");
    let Some(d) = p
        .repos
        .device_auths
        .by_device_code(&crypto::hash_secret(device_code))
        .await?
    else {
        return Err(unknown());
    };
    if !crypto::constant_time_eq(d.client_id.as_bytes(), client.client_id.as_bytes()) {
        return Err(unknown());
    }
    let now = p.now();
    if d.status == DeviceStatus::Redeemed {
        tracing::warn!(client_id = %client.client_id, "device code redeemed twice; revoking its tokens");
        grants::revoke_grant(p, &d.id).await?;
        return Err(
            OAuthError::invalid_grant("the device code has already been used").audited(
                Event::CodeReplayed,
                d.auth.as_ref().map(|a| a.userid.as_str()),
            ),
        );
    }
    if d.expires_at <= now {
        return Err(OAuthError::expired_token("the device code has expired"));
    }
    match (d.status, d.auth.as_ref()) {
        (DeviceStatus::Denied, _) => Err(OAuthError::access_denied(
            "the authorization request was denied",
        )),
        (DeviceStatus::Approved, Some(auth)) => redeem(p, client, &d, auth, now, dpop).await,
        _ => Err(pending(p, &d, now).await?),
    }
}

/// The answer to a poll of a pending authorization, recording the poll.
async fn pending(p: &Provider, d: &DeviceAuthorization, now: i64) -> Result<OAuthError, DbError> {
    let too_fast = d.last_polled_at.is_some_and(|t| now - t < d.interval);
    let interval = if too_fast {
        (d.interval + SLOW_DOWN_STEP).min(MAX_INTERVAL)
    } else {
        d.interval
    };
    let recorded = p
        .repos
        .device_auths
        .polled(&d.id, d.last_polled_at, now, interval)
        .await?;
    Ok(if too_fast || !recorded {
        OAuthError::poll_too_fast(format!(
            "polling too fast; wait at least {interval} seconds between requests"
        ))
    } else {
        OAuthError::authorization_pending("the user has not yet approved the request")
    })
}

/// Issues the tokens of an approved authorization exactly as the code
/// grant does for a code, once.
async fn redeem(
    p: &Provider,
    client: &Client,
    d: &DeviceAuthorization,
    auth: &AuthContext,
    now: i64,
    dpop: Option<&super::dpop::Proof>,
) -> Result<TokenResponse, OAuthError> {
    // What happened since the approval: the user's tokens revoked (password
    // change, recovery, disabling, the app withdrawn), the user taken out
    // of the client's groups.
    if let Some(before) = grants::revoked_before(p, &auth.userid, client).await?
        && d.decided_at.unwrap_or(d.created_at) < before
    {
        return Err(OAuthError::invalid_grant("the device code is invalid"));
    }
    grants::refuse_outsider(p, client, &auth.userid).await?;
    if !p.repos.device_auths.redeem(&d.id).await? {
        return Err(OAuthError::invalid_grant(
            "the device code has already been used",
        ));
    }
    let user = grants::active_user(p, &auth.userid).await?;
    if let Err(e) = p
        .repos
        .consents
        .touch(&user.userid, client.client_id.as_str(), now)
        .await
    {
        tracing::warn!(error = %e, "could not record the consent's use");
    }
    let scopes = claims::grantable_for_user(
        &claims::allowed_for_client(&claims::split(&d.scope), client),
        &user,
    );
    let scope = scopes.join(" ");
    let refresh = if scopes.iter().any(|s| s == "offline_access")
        && client.grant_types.contains(&GrantType::RefreshToken)
    {
        let token = crypto::new_secret();
        p.repos
            .refresh_tokens
            .create(&grants::new_refresh(
                p,
                &token,
                &d.id,
                client,
                &scope,
                None,
                None,
                auth,
                now,
                dpop.map(|d| d.jkt.clone()),
            ))
            .await?;
        Some(token)
    } else {
        None
    };
    let include_id_token = scopes.iter().any(|s| s == "openid");
    grants::issue(
        p,
        client,
        &user,
        auth,
        &d.id,
        &scopes,
        None,
        None,
        refresh,
        include_id_token,
        dpop,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_unambiguous_and_typed_loosely() {
        for _ in 0..200 {
            let code = new_user_code();
            assert_eq!(code.len(), USER_CODE_LEN);
            assert!(code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)));
            let shown = display_user_code(&code);
            assert_eq!(shown.len(), USER_CODE_LEN + 1);
            assert_eq!(normalize_user_code(&shown).as_deref(), Some(code.as_str()));
            let typed = shown.to_ascii_lowercase().replace('-', " ");
            assert_eq!(normalize_user_code(&typed).as_deref(), Some(code.as_str()));
        }
        for bad in [
            "",
            "BCDF-GHJ",
            "BCDF-GHJKL",
            "BCDF-GHJA",
            "BCDF-GHJ0",
            "ÄCDF-GHJK",
        ] {
            assert_eq!(normalize_user_code(bad), None, "{bad}");
        }
    }
}
