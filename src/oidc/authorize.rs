//! The authorization endpoint's logic: validating a request, deciding what
//! the person must do next, and issuing the code.

use serde::{Deserialize, Serialize};

use super::claims;
use super::codes::AuthCode;
use super::params::Params;
use crate::auth::acr;
use crate::crypto;
use crate::db::{AuthContext, Client, Session, User};
use crate::domain::client_id::ClientId;

/// How the response reaches the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    Query,
    FormPost,
}

/// A validated authorization request, stored while the person signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    /// The client that asked.
    pub client_id: ClientId,
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub prompt: Vec<String>,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    pub code_challenge: Option<String>,
    /// The `sub` of a valid `id_token_hint`.
    pub id_token_hint_sub: Option<String>,
    pub ui_locales: Option<String>,
    pub acr_values: Option<String>,
    /// The user claims a `claims` parameter asked for (its `sub` went into
    /// `id_token_hint_sub`, an essential `acr` into `acr_values`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<claims::ClaimsRequest>,
    pub created_at: i64,
    /// Sessions started by a sign-in made for this very request (their
    /// `sid`s), recorded by [`super::flow::record_sign_in`].
    #[serde(default)]
    pub sign_ins: Vec<String>,
    /// SHA-256 of the secret in the cookie of the browser that started the
    /// request ([`super::flow::store`]): only that browser may move it on.
    #[serde(default)]
    pub browser: Option<String>,
    /// Set when the request approves a device (RFC 8628) rather than
    /// asking for a code at a redirect URI (`redirect_uri` is then empty):
    /// the same decision, another ending ([`super::device`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<super::device::DeviceApproval>,
    /// The DPoP key the code is bound to (RFC 9449 §10: `dpop_jkt`, or the
    /// key of a proof sent to `/par`): its redemption needs a proof of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_jkt: Option<String>,
}

/// Where an error goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthorizeError {
    /// The client or redirect URI cannot be trusted: show a page, never redirect.
    Page(String),
    /// Send the error back to the client's redirect URI.
    Redirect(ErrorRedirect),
}

/// An OAuth error to deliver at the client's redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRedirect {
    pub redirect_uri: String,
    pub response_mode: ResponseMode,
    pub state: Option<String>,
    pub error: &'static str,
    pub description: String,
}

impl ErrorRedirect {
    /// An error for a stored request.
    #[must_use]
    pub fn for_request(req: &AuthorizationRequest, error: &'static str, description: &str) -> Self {
        Self {
            redirect_uri: req.redirect_uri.clone(),
            response_mode: req.response_mode,
            state: req.state.clone(),
            error,
            description: description.to_owned(),
        }
    }
}

fn valid_pkce_challenge(c: &str) -> bool {
    (43..=128).contains(&c.len())
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Limits on free-text parameters we store.
const MAX_PARAM: usize = 2048;

/// Validates an authorization request. `find_client` looks the client up;
/// `hint_sub` verifies an `id_token_hint` and returns its subject.
pub fn validate(
    params: &[(String, String)],
    client: Option<&Client>,
    require_pkce: bool,
    hint_sub: impl FnOnce(&str) -> Option<String>,
    now: i64,
) -> Result<AuthorizationRequest, AuthorizeError> {
    let p = Params(params);
    let page = AuthorizeError::Page;
    if p.0.iter().any(|(k, v)| k.len() > 64 || v.len() > MAX_PARAM) {
        return Err(page("A parameter of the request is too long.".into()));
    }
    let client_id = p
        .get("client_id")
        .map_err(page)?
        .ok_or_else(|| page("The request names no client (client_id is missing).".into()))?;
    let client = client
        .filter(|c| c.client_id == client_id)
        .ok_or_else(|| page("The application that sent you here is not registered.".into()))?;
    let redirect_uri = match p.get("redirect_uri").map_err(page)? {
        Some(uri) => uri.to_owned(),
        None => return Err(page("The request has no redirect_uri.".into())),
    };
    if !client
        .redirect_uris
        .iter()
        .any(|r| crate::domain::redirect_uri::matches(r, &redirect_uri))
    {
        return Err(page(
            "The redirect URI of the request is not registered for this application.".into(),
        ));
    }
    // From here on errors go back to the client.
    let state = p.get("state").ok().flatten().map(str::to_owned);
    let response_mode = match p.get("response_mode") {
        Ok(Some("form_post")) => ResponseMode::FormPost,
        _ => ResponseMode::Query,
    };
    let err = |error: &'static str, description: String| {
        AuthorizeError::Redirect(ErrorRedirect {
            redirect_uri: redirect_uri.clone(),
            response_mode,
            state: state.clone(),
            error,
            description,
        })
    };
    let get = |name: &str| p.get(name).map_err(|d| err("invalid_request", d));
    get("state")?;
    match get("response_mode")? {
        None | Some("query" | "form_post") => {}
        Some(other) => {
            return Err(err(
                "invalid_request",
                format!("unsupported response_mode {other}"),
            ));
        }
    }
    if get("request")?.is_some() {
        return Err(err(
            "request_not_supported",
            "request objects are not supported".into(),
        ));
    }
    // The request_uri of a pushed request is resolved before validation
    // (`flow::start`); any other (RFC 9101 request objects by reference)
    // is not supported.
    if get("request_uri")?.is_some() {
        return Err(err(
            "request_uri_not_supported",
            "only a request_uri from the pushed_authorization_request_endpoint is supported".into(),
        ));
    }
    match get("response_type")? {
        None => return Err(err("invalid_request", "response_type is missing".into())),
        Some("code") => {}
        Some(other) => {
            return Err(err(
                "unsupported_response_type",
                format!("response_type {other} is not supported; use code"),
            ));
        }
    }
    if !client
        .grant_types
        .contains(&crate::domain::grant_type::GrantType::AuthorizationCode)
    {
        return Err(err(
            "unauthorized_client",
            "this client may not use the authorization code grant".into(),
        ));
    }
    let scopes = claims::split(get("scope")?.unwrap_or_default());
    if !scopes.iter().any(|s| s == "openid") {
        return Err(err("invalid_scope", "the openid scope is required".into()));
    }
    // Scopes this client may not request are dropped (RFC 6749 §3.3).
    let scopes = claims::allowed_for_client(&scopes, client);
    let method = get("code_challenge_method")?;
    let code_challenge = match (get("code_challenge")?, method) {
        (None, None) => None,
        (None, Some(_)) => {
            return Err(err(
                "invalid_request",
                "code_challenge_method without code_challenge".into(),
            ));
        }
        (Some(_), Some("plain")) => {
            return Err(err(
                "invalid_request",
                "the plain PKCE method is not allowed; use S256".into(),
            ));
        }
        (Some(_), Some(m)) if m != "S256" => {
            return Err(err(
                "invalid_request",
                format!("unsupported code_challenge_method {m}; use S256"),
            ));
        }
        (Some(_), None) => {
            return Err(err(
                "invalid_request",
                "code_challenge_method is required (S256)".into(),
            ));
        }
        (Some(c), Some(_)) => {
            if !valid_pkce_challenge(c) {
                return Err(err("invalid_request", "code_challenge is malformed".into()));
            }
            Some(c.to_owned())
        }
    };
    if code_challenge.is_none() && (client.public || require_pkce) {
        return Err(err(
            "invalid_request",
            "PKCE (code_challenge with S256) is required".into(),
        ));
    }
    let dpop_jkt = match get("dpop_jkt")? {
        None => None,
        Some(jkt) if is_thumbprint(jkt) => Some(jkt.to_owned()),
        Some(_) => {
            return Err(err(
                "invalid_request",
                "dpop_jkt must be a base64url SHA-256 JWK thumbprint".into(),
            ));
        }
    };
    let prompt = claims::split(get("prompt")?.unwrap_or_default());
    for value in &prompt {
        if !matches!(
            value.as_str(),
            "none" | "login" | "consent" | "select_account"
        ) {
            return Err(err(
                "invalid_request",
                format!("unsupported prompt value {value}"),
            ));
        }
    }
    if prompt.iter().any(|v| v == "none") && prompt.len() > 1 {
        return Err(err(
            "invalid_request",
            "prompt=none cannot be combined with other values".into(),
        ));
    }
    let max_age = match get("max_age")? {
        None => None,
        Some(v) => Some(v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            err(
                "invalid_request",
                "max_age must be a non-negative integer".into(),
            )
        })?),
    };
    let mut id_token_hint_sub = match get("id_token_hint")? {
        None => None,
        Some(hint) => Some(hint_sub(hint).ok_or_else(|| {
            err(
                "invalid_request",
                "id_token_hint is not a valid ID token from this provider".into(),
            )
        })?),
    };
    let mut acr_values = get("acr_values")?.map(str::to_owned);
    let requested_claims = match get("claims")? {
        None => None,
        Some(text) => {
            let parsed =
                claims::parse_claims_request(text).map_err(|d| err("invalid_request", d))?;
            // A `sub` value asks for that user only (Core §5.5.1): handled
            // like an id_token_hint naming them.
            if let Some(sub) = parsed.sub {
                if id_token_hint_sub.as_ref().is_some_and(|h| *h != sub) {
                    return Err(err(
                        "invalid_request",
                        "the sub the claims parameter asks for is not the one of id_token_hint"
                            .into(),
                    ));
                }
                id_token_hint_sub = Some(sub);
            }
            // An essential acr must be met (Core §5.5.1.1): it takes the
            // place of acr_values, and a request none of whose values is
            // ours cannot be met.
            if let Some(values) = parsed.essential_acr {
                let joined = values.join(" ");
                if acr::requested(Some(&joined)).is_none() {
                    return Err(err(
                        "access_denied",
                        format!(
                            "none of the essential acr values is supported (supported: {})",
                            acr::supported().join(" ")
                        ),
                    ));
                }
                acr_values = Some(joined);
            }
            parsed.request
        }
    };
    Ok(AuthorizationRequest {
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        response_mode,
        scopes,
        state: state.clone(),
        nonce: get("nonce")?.map(str::to_owned),
        prompt,
        max_age,
        login_hint: get("login_hint")?.map(str::to_owned),
        code_challenge,
        id_token_hint_sub,
        ui_locales: get("ui_locales")?.map(str::to_owned),
        acr_values,
        claims: requested_claims,
        created_at: now,
        sign_ins: Vec::new(),
        browser: None,
        device: None,
        dpop_jkt,
    })
}

/// Whether `text` can be an RFC 7638 thumbprint: base64url (no padding)
/// of 32 bytes.
fn is_thumbprint(text: &str) -> bool {
    use base64::Engine;
    text.len() == 43
        && base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .is_ok_and(|b| b.len() == 32)
}

/// What has to happen next for a stored request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The person must sign in (again).
    Login,
    /// The person is signed in, but below the level the request needs:
    /// they confirm the sign-in with a second factor (the step-up page),
    /// never with a new password prompt.
    StepUp,
    /// The person must grant the scopes.
    Consent,
    /// Issue the code.
    Issue,
    /// Finish with an error at the client.
    Fail(&'static str, &'static str),
    /// The signed-in user is outside the client's allowed groups: tell
    /// them so, and offer the way back to the client with `access_denied`.
    NoAccess,
}

/// The `error_description` sent with `access_denied` to a client whose
/// group restriction refused the user.
pub const NO_ACCESS: &str = "the user is not allowed to use this application";

/// The `error_description` sent with `interaction_required` when a request
/// with `prompt=none` needs a second factor the session lacks.
pub const STEP_UP_NEEDED: &str = "the request needs a second factor the sign-in did not include";

/// The level a request needs: the highest of what it asks for
/// (`acr_values`, or an essential `acr` of the `claims` parameter), `"2"`
/// when the client requires a second factor, and `"2"` when the user is a
/// member of a group that does (`mfa_by_group`). `None`: any sign-in will do.
#[must_use]
pub fn needed_level(
    req: &AuthorizationRequest,
    client: &Client,
    mfa_by_group: bool,
) -> Option<acr::Level> {
    let policy = (client.require_mfa || mfa_by_group).then_some(acr::Level::TwoFactors);
    acr::requested(req.acr_values.as_deref()).max(policy)
}

/// Decides the next step of a request from the browser's session, the
/// consent on record, and whether the person pressed **Allow** for this very
/// request (`consent_given_now`). `mfa_by_group` says whether the signed-in
/// user belongs to a group that requires a second factor. Every route that
/// can end in a code runs it ([`super::flow`]).
///
/// A sign-in counts as made for this request only when its session id was
/// recorded against the request ([`super::flow::record_sign_in`]); such a
/// sign-in satisfies `prompt=login`/`select_account` and `max_age`, but not
/// an `id_token_hint` naming someone else (then `login_required`, OpenID
/// Connect Core §3.1.2.1). A user outside the client's allowed groups gets
/// [`Next::NoAccess`] (with `prompt=none`, `access_denied` at once), never
/// the consent page nor a step-up. A session below the level the request
/// needs ([`needed_level`]) gets [`Next::StepUp`], fresh or not (with
/// `prompt=none`, `interaction_required`), before any consent.
#[must_use]
pub fn decide(
    req: &AuthorizationRequest,
    signed_in: Option<(&Session, &User)>,
    client: &Client,
    mfa_by_group: bool,
    consented: Option<&[String]>,
    consent_given_now: bool,
    now: i64,
) -> Next {
    let has = |value: &str| req.prompt.iter().any(|p| p == value);
    let prompt_none = has("none");
    let sign_in_again = |description: &'static str| {
        if prompt_none {
            Next::Fail("login_required", description)
        } else {
            Next::Login
        }
    };
    let Some((session, user)) = signed_in else {
        return sign_in_again("the user must sign in");
    };
    let fresh = req.sign_ins.contains(&session.sid);
    if req
        .id_token_hint_sub
        .as_deref()
        .is_some_and(|sub| sub != user.userid)
    {
        if fresh {
            return Next::Fail(
                "login_required",
                "the user who signed in is not the one id_token_hint names",
            );
        }
        return sign_in_again("the user id_token_hint names is not signed in");
    }
    if !fresh {
        let forced = has("login") || has("select_account");
        let too_old = req.max_age.is_some_and(|max| now - session.auth_time > max);
        if forced || too_old {
            return sign_in_again("the user must sign in again");
        }
    }
    // Who may use the client is settled before anything is asked of them.
    if !client.admits(user) {
        return if prompt_none {
            Next::Fail("access_denied", NO_ACCESS)
        } else {
            Next::NoAccess
        };
    }
    // A level the session lacks is reached with a second factor on top of
    // it, not with a new password.
    if let Some(wanted) = needed_level(req, client, mfa_by_group)
        && !acr::reaches(&session.acr, wanted)
    {
        return if prompt_none {
            Next::Fail("interaction_required", STEP_UP_NEEDED)
        } else {
            Next::StepUp
        };
    }
    let wanted = claims::consent_scopes(&req.scopes, req.claims.as_ref(), client, user);
    let remembered = consented.is_some_and(|c| wanted.iter().all(|s| c.contains(s)));
    // An internal scope is never granted silently, nor is a device
    // approval (RFC 8628 §5.4: a person sent a link must still compare the
    // code and press Allow); an Allow given for this very request is the
    // explicit consent they need.
    let forced_consent =
        (has("consent") || req.device.is_some() || claims::needs_explicit_consent(&wanted))
            && !consent_given_now;
    if (client.skip_consent || remembered) && !forced_consent {
        return Next::Issue;
    }
    if prompt_none {
        return Next::Fail(
            "consent_required",
            "the user has not consented to this client",
        );
    }
    Next::Consent
}

/// How long a code lives.
pub const CODE_TTL: i64 = 60;

/// The code for a request: a sealed record of it ([`super::codes`]);
/// nothing is stored until the code is redeemed.
pub fn issue_code(
    master: &crate::crypto::MasterKey,
    req: &AuthorizationRequest,
    session: &Session,
    user: &User,
    now: i64,
) -> Result<String, crate::crypto::SealError> {
    let scopes = claims::grantable_for_user(&req.scopes, user);
    let record = AuthCode {
        grant_id: crypto::new_id(),
        client_id: req.client_id.to_string(),
        redirect_uri: req.redirect_uri.clone(),
        scope: scopes.join(" "),
        nonce: req.nonce.clone(),
        code_challenge: req.code_challenge.clone(),
        claims: req.claims.clone(),
        auth: AuthContext {
            userid: user.userid.clone(),
            sid: Some(session.sid.clone()),
            auth_time: session.auth_time,
            amr: session.amr.clone(),
            acr: session.acr.clone(),
        },
        created_at: now,
        expires_at: now + CODE_TTL,
        dpop_jkt: req.dpop_jkt.clone(),
    };
    super::codes::seal(master, &record)
}

/// Checks a PKCE verifier against the stored S256 challenge.
#[must_use]
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    use base64::Engine;
    if !valid_pkce_challenge(verifier) {
        return false;
    }
    let digest = crypto::sha256(verifier.as_bytes());
    let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
    crypto::constant_time_eq(computed.as_bytes(), challenge.as_bytes())
}
