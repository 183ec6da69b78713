//! The token endpoint's grants: authorization code, refresh token, client
//! credentials. Client authentication happens before these are called.

use serde::Serialize;

use super::authorize::pkce_matches;
use super::claims;
use super::error::OAuthError;
use super::tokens::{self, AccessClaims, Audience, IdClaims};
use crate::clock::secs;
use crate::config::SigningAlg;
use crate::crypto;
use crate::db::{AuthContext, Client, RefreshToken, RevocationKind, Rotation, User};
use crate::http::AppState;

/// A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).
#[derive(Debug, Clone, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

/// Looks up a form parameter, refusing duplicates.
pub fn param<'a>(
    params: &'a [(String, String)],
    name: &str,
) -> Result<Option<&'a str>, OAuthError> {
    super::authorize::Params(params)
        .get(name)
        .map_err(OAuthError::invalid_request)
}

fn required<'a>(params: &'a [(String, String)], name: &str) -> Result<&'a str, OAuthError> {
    param(params, name)?.ok_or_else(|| OAuthError::invalid_request(format!("{name} is missing")))
}

/// Runs the grant named by `grant_type` for an authenticated client.
pub async fn token(
    state: &AppState,
    client: &Client,
    params: &[(String, String)],
) -> Result<TokenResponse, OAuthError> {
    let grant_type = required(params, "grant_type")?;
    if !matches!(
        grant_type,
        "authorization_code" | "refresh_token" | "client_credentials"
    ) {
        return Err(OAuthError::unsupported_grant_type(format!(
            "grant_type {grant_type} is not supported"
        )));
    }
    if !client.grant_types.iter().any(|g| g == grant_type) {
        return Err(OAuthError::unauthorized_client(format!(
            "this client may not use the {grant_type} grant"
        )));
    }
    let (grant, result): (&'static str, _) = match grant_type {
        "authorization_code" => (
            "authorization_code",
            authorization_code(state, client, params).await,
        ),
        "refresh_token" => ("refresh_token", refresh_token(state, client, params).await),
        _ => (
            "client_credentials",
            client_credentials(state, client, params).await,
        ),
    };
    if result.is_ok() {
        crate::metrics::token_issued(grant);
    }
    tracing::debug!(grant_type, client_id = %client.client_id, ok = result.is_ok(), "token request");
    result
}

/// Revokes every token of a grant (codes replayed, refresh tokens reused).
pub async fn revoke_grant(state: &AppState, grant_id: &str) -> Result<(), OAuthError> {
    let now = state.clock.now();
    let until = now
        + secs(
            state
                .settings
                .access_token_ttl
                .max(state.settings.refresh_token_ttl),
        );
    state
        .repos
        .revocations
        .revoke(RevocationKind::Grant, grant_id, until)
        .await?;
    state
        .repos
        .refresh_tokens
        .revoke_family(grant_id, now)
        .await?;
    Ok(())
}

async fn active_user(state: &AppState, userid: &str) -> Result<User, OAuthError> {
    match state.repos.users.get(userid).await? {
        Some(u) if u.active => Ok(u),
        _ => Err(OAuthError::invalid_grant(
            "the user no longer exists or is disabled",
        )),
    }
}

async fn authorization_code(
    state: &AppState,
    client: &Client,
    params: &[(String, String)],
) -> Result<TokenResponse, OAuthError> {
    let code = required(params, "code")?;
    let redirect_uri = param(params, "redirect_uri")?;
    let verifier = param(params, "code_verifier")?;
    let now = state.clock.now();
    let Some(record) = super::codes::open(state.keys.master(), code) else {
        return Err(OAuthError::invalid_grant(
            "the authorization code is invalid",
        ));
    };
    // Everything about the request is checked before the code is spent, so
    // that a client that saw a leaked code cannot burn it (the real client's
    // redemption would then look like a replay). Whose code it is stays unsaid.
    if !crypto::constant_time_eq(record.client_id.as_bytes(), client.client_id.as_bytes()) {
        return Err(OAuthError::invalid_grant(
            "the authorization code is invalid",
        ));
    }
    if record.expires_at <= now {
        return Err(OAuthError::invalid_grant(
            "the authorization code has expired",
        ));
    }
    if redirect_uri != Some(record.redirect_uri.as_str()) {
        return Err(OAuthError::invalid_grant(
            "redirect_uri does not match the authorization request",
        ));
    }
    match (&record.code_challenge, verifier) {
        (Some(challenge), Some(v)) if pkce_matches(v, challenge) => {}
        (Some(_), _) => {
            return Err(OAuthError::invalid_grant(
                "the PKCE code_verifier does not match",
            ));
        }
        (None, Some(_)) => {
            return Err(OAuthError::invalid_grant(
                "code_verifier given but the request had no code_challenge",
            ));
        }
        (None, None) => {}
    }
    // A password change, recovery or disabling since the code was minted
    // ended everything the user's sessions had given; a code minted before
    // it (perhaps by whoever held a session then) must not start a family
    // that outlives it.
    if let Some(before) = state
        .repos
        .revocations
        .user_revoked_before(&record.auth.userid)
        .await?
        && record.created_at < before
    {
        return Err(OAuthError::invalid_grant(
            "the authorization code is invalid",
        ));
    }
    let first_use = state
        .repos
        .codes
        .spend(
            &super::codes::spent_key(code),
            &record.grant_id,
            record.expires_at,
        )
        .await?;
    if !first_use {
        // RFC 6749 §4.1.2 / RFC 9700: a replayed code revokes what it produced.
        tracing::warn!(client_id = %record.client_id, "authorization code replayed; revoking its tokens");
        revoke_grant(state, &record.grant_id).await?;
        return Err(
            OAuthError::invalid_grant("the authorization code has already been used")
                .audited("code.replayed", Some(&record.auth.userid)),
        );
    }
    let user = active_user(state, &record.auth.userid).await?;
    // What the client and the user may receive now (an administrator may
    // have withdrawn a scope since the code was issued).
    let scopes = claims::grantable_for_user(
        &claims::allowed_for_client(&claims::split(&record.scope), client),
        &user,
    );
    let scope = scopes.join(" ");
    let refresh = if scopes.iter().any(|s| s == "offline_access")
        && client.grant_types.iter().any(|g| g == "refresh_token")
    {
        let token = crypto::new_secret();
        state
            .repos
            .refresh_tokens
            .create(&new_refresh(
                state,
                &token,
                &record.grant_id,
                client,
                &scope,
                record.nonce.clone(),
                &record.auth,
                now,
            ))
            .await?;
        Some(token)
    } else {
        None
    };
    issue(
        state,
        client,
        &user,
        &record.auth,
        &record.grant_id,
        &scopes,
        record.nonce.clone(),
        refresh,
        true,
    )
    .await
}

/// A refresh token of `family`, which began at `family_started_at`: it
/// expires after the refresh-token TTL, but never past the family's
/// absolute lifetime.
#[allow(clippy::too_many_arguments)]
fn new_refresh(
    state: &AppState,
    token: &str,
    family: &str,
    client: &Client,
    scope: &str,
    nonce: Option<String>,
    auth: &AuthContext,
    family_started_at: i64,
) -> RefreshToken {
    let now = state.clock.now();
    let family_end = family_started_at + secs(state.settings.refresh_family_lifetime);
    RefreshToken {
        token_hash: crypto::hash_secret(token),
        family_id: family.to_owned(),
        client_id: client.client_id.clone(),
        scope: scope.to_owned(),
        nonce,
        auth: auth.clone(),
        created_at: now,
        family_started_at,
        expires_at: (now + secs(state.settings.refresh_token_ttl)).min(family_end),
        used_at: None,
        revoked_at: None,
    }
}

async fn refresh_token(
    state: &AppState,
    client: &Client,
    params: &[(String, String)],
) -> Result<TokenResponse, OAuthError> {
    let presented = required(params, "refresh_token")?;
    let hash = crypto::hash_secret(presented);
    let Some(current) = state.repos.refresh_tokens.get(&hash).await? else {
        return Err(OAuthError::invalid_grant("the refresh token is invalid"));
    };
    if current.client_id != client.client_id {
        return Err(OAuthError::invalid_grant(
            "the refresh token was issued to another client",
        ));
    }
    // A password change, recovery or disabling revoked every family of the
    // user that had begun by then. The rows were revoked too; this check
    // also catches a successor stored by a rotation racing that revocation.
    if let Some(before) = state
        .repos
        .revocations
        .user_revoked_before(&current.auth.userid)
        .await?
        && current.family_started_at < before
    {
        return Err(OAuthError::invalid_grant("the refresh token was revoked"));
    }
    // Scopes the client may no longer request are dropped from the family.
    let granted = claims::allowed_for_client(&claims::split(&current.scope), client);
    let scopes = match param(params, "scope")? {
        None => granted.clone(),
        Some(requested) => {
            let requested = claims::split(requested);
            if let Some(extra) = requested.iter().find(|s| !granted.contains(s)) {
                return Err(OAuthError::invalid_scope(format!(
                    "scope {extra} was not granted"
                )));
            }
            requested
        }
    };
    let successor_secret = crypto::new_secret();
    let successor = new_refresh(
        state,
        &successor_secret,
        &current.family_id,
        client,
        &granted.join(" "),
        current.nonce.clone(),
        &current.auth,
        current.family_started_at,
    );
    let now = state.clock.now();
    match state
        .repos
        .refresh_tokens
        .rotate(&hash, &successor, now)
        .await?
    {
        Rotation::Rotated(_) => {}
        Rotation::Reused(old) => {
            tracing::warn!(client_id = %client.client_id, "refresh token reused; revoking its family");
            crate::metrics::refresh_reuse_detected();
            revoke_grant(state, &old.family_id).await?;
            return Err(
                OAuthError::invalid_grant("the refresh token has already been used")
                    .audited("refresh.reused", Some(&old.auth.userid)),
            );
        }
        Rotation::Unknown => {
            return Err(OAuthError::invalid_grant(
                "the refresh token is invalid or expired",
            ));
        }
    }
    let user = active_user(state, &current.auth.userid).await?;
    let scopes = claims::grantable_for_user(&scopes, &user);
    let include_id_token = scopes.iter().any(|s| s == "openid");
    issue(
        state,
        client,
        &user,
        &current.auth,
        &current.family_id,
        &scopes,
        current.nonce.clone(),
        Some(successor_secret),
        include_id_token,
    )
    .await
}

async fn client_credentials(
    state: &AppState,
    client: &Client,
    params: &[(String, String)],
) -> Result<TokenResponse, OAuthError> {
    if client.public {
        return Err(OAuthError::unauthorized_client(
            "public clients cannot use client_credentials",
        ));
    }
    let scopes = match param(params, "scope")? {
        None => client.scopes.clone(),
        Some(requested) => {
            let requested = claims::split(requested);
            if let Some(extra) = requested.iter().find(|s| !client.scopes.contains(s)) {
                return Err(OAuthError::invalid_scope(format!(
                    "this client may not request scope {extra}"
                )));
            }
            requested
        }
    };
    let now = state.clock.now();
    let ttl = secs(state.settings.access_token_ttl);
    let grant_id = crypto::new_id();
    let jti = tokens::new_jti(&grant_id);
    let claims = AccessClaims {
        iss: state.settings.issuer.clone(),
        sub: client.client_id.clone(),
        aud: audience(state, client, &scopes),
        exp: now + ttl,
        iat: now,
        jti: jti.clone(),
        client_id: client.client_id.clone(),
        scope: scopes.join(" "),
        auth_time: None,
        acr: None,
        amr: None,
        sid: None,
    };
    let access_token =
        tokens::sign_access(&state.keys, state.settings.access_token_alg, claims).await?;
    state.repos.revocations.minted(&grant_id, &jti);
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ttl,
        scope: scopes.join(" "),
        refresh_token: None,
        id_token: None,
    })
}

/// The audience of an access token: the client, and the admin API when the
/// token carries an internal scope (RFC 9068 §3; the admin API accepts only
/// tokens whose `aud` names it).
fn audience(state: &AppState, client: &Client, scopes: &[String]) -> Audience {
    let mut aud = vec![client.client_id.clone()];
    if scopes.iter().any(|s| claims::is_internal(s)) {
        aud.push(claims::admin_audience(&state.settings.issuer));
    }
    Audience(aud)
}

/// Mints the access token (and ID token) for a user grant.
#[allow(clippy::too_many_arguments)]
async fn issue(
    state: &AppState,
    client: &Client,
    user: &User,
    auth: &AuthContext,
    grant_id: &str,
    scopes: &[String],
    nonce: Option<String>,
    refresh_token: Option<String>,
    include_id_token: bool,
) -> Result<TokenResponse, OAuthError> {
    let now = state.clock.now();
    let settings = &state.settings;
    let ttl = secs(settings.access_token_ttl);
    let scope = scopes.join(" ");
    let jti = tokens::new_jti(grant_id);
    let access = AccessClaims {
        iss: settings.issuer.clone(),
        sub: user.userid.clone(),
        aud: audience(state, client, scopes),
        exp: now + ttl,
        iat: now,
        jti: jti.clone(),
        client_id: client.client_id.clone(),
        scope: scope.clone(),
        auth_time: Some(auth.auth_time),
        acr: Some(auth.acr.clone()),
        amr: Some(auth.amr.clone()),
        sid: auth.sid.clone(),
    };
    let access_token = tokens::sign_access(&state.keys, settings.access_token_alg, access).await?;
    state.repos.revocations.minted(grant_id, &jti);
    let id_token = if include_id_token {
        let id = IdClaims {
            iss: settings.issuer.clone(),
            sub: user.userid.clone(),
            aud: client.client_id.clone(),
            exp: now + secs(settings.id_token_ttl),
            iat: now,
            auth_time: auth.auth_time,
            nonce,
            azp: client.client_id.clone(),
            at_hash: Some(tokens::at_hash_for(
                &access_token,
                SigningAlg::parse(&client.id_token_alg).unwrap_or(SigningAlg::RS256),
            )),
            amr: auth.amr.clone(),
            acr: auth.acr.clone(),
            sid: auth.sid.clone(),
            extra: claims::user_claims(user, scopes),
        };
        let alg = SigningAlg::parse(&client.id_token_alg).unwrap_or(SigningAlg::RS256);
        Some(tokens::sign(&state.keys, alg, "JWT", id).await?)
    } else {
        None
    };
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ttl,
        scope,
        refresh_token,
        id_token,
    })
}
