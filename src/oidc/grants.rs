//! The token endpoint's grants: authorization code, refresh token, client
//! credentials (the device code grant is in [`super::device`]). Client
//! authentication happens before these are called.

use crate::audit::Event;
use serde::Serialize;

use super::authorize::pkce_matches;
use super::claims;
use super::dpop::Proof;
use super::error::OAuthError;
use super::params::{param, required};
use super::provider::Provider;
use super::tokens::{self, AccessClaims, Audience, Confirmation, IdClaims};
use crate::auth::acr;
use crate::crypto;
use crate::db::{
    AuthContext, Client, RefreshToken, RevocationKind, Rotation, User, app_revocation_key,
};
use crate::domain::grant_type::GrantType;

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

/// Runs the grant named by `grant_type` for an authenticated client; the
/// access token is bound to `dpop`'s key when a verified DPoP proof came
/// (RFC 9449 §5), which a client with `require_dpop` must send.
pub async fn token(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
    dpop: Option<&Proof>,
) -> Result<TokenResponse, OAuthError> {
    let name = required(params, "grant_type")?;
    let Ok(grant_type) = name.parse::<GrantType>() else {
        return Err(OAuthError::unsupported_grant_type(format!(
            "grant_type {name} is not supported"
        )));
    };
    if !client.grant_types.contains(&grant_type) {
        return Err(OAuthError::unauthorized_client(format!(
            "this client may not use the {grant_type} grant"
        )));
    }
    if client.require_dpop && dpop.is_none() {
        return Err(OAuthError::invalid_dpop_proof(
            "this client's tokens must be DPoP-bound: send a DPoP proof",
        ));
    }
    let result = match grant_type {
        GrantType::AuthorizationCode => authorization_code(p, client, params, dpop).await,
        GrantType::RefreshToken => refresh_token(p, client, params, dpop).await,
        GrantType::ClientCredentials => client_credentials(p, client, params, dpop).await,
        GrantType::DeviceCode => super::device::token(p, client, params, dpop).await,
    };
    if result.is_ok() {
        crate::metrics::token_issued(grant_type.as_str());
    }
    tracing::debug!(grant_type = grant_type.as_str(), client_id = %client.client_id, ok = result.is_ok(), "token request");
    result
}

/// Revokes every token of a grant (codes replayed, refresh tokens reused).
pub async fn revoke_grant(p: &Provider, grant_id: &str) -> Result<(), OAuthError> {
    let now = p.now();
    let until = now + p.lifetimes.revocation_memory();
    p.repos
        .revocations
        .revoke(RevocationKind::Grant, grant_id, until)
        .await?;
    p.repos.refresh_tokens.revoke_family(grant_id, now).await?;
    Ok(())
}

/// The time before which everything `userid` gave `client` is revoked, if
/// any: the later of the user's own revocation (password change, recovery,
/// disabling) and the user withdrawing this client on the account page.
pub(super) async fn revoked_before(
    p: &Provider,
    userid: &str,
    client: &Client,
) -> Result<Option<i64>, OAuthError> {
    let revocations = &p.repos.revocations;
    let user = revocations.user_revoked_before(userid).await?;
    let app = revocations
        .user_revoked_before(&app_revocation_key(userid, client.client_id.as_str()))
        .await?;
    Ok(user.max(app))
}

pub(super) async fn active_user(p: &Provider, userid: &str) -> Result<User, OAuthError> {
    match p.repos.users.get(userid).await? {
        Some(u) if u.active => Ok(u),
        _ => Err(OAuthError::invalid_grant(
            "the user no longer exists or is disabled",
        )),
    }
}

/// Refuses a grant for a user outside the client's allowed groups (an
/// administrator may have restricted the client, or removed the user from
/// a group, since the code or the refresh token was issued). Nothing is
/// spent or revoked: the grant works again if the user is let back in. A
/// user who is gone or disabled is left to [`active_user`].
pub(super) async fn refuse_outsider(
    p: &Provider,
    client: &Client,
    userid: &str,
) -> Result<(), OAuthError> {
    if client.allowed_groups.is_empty() {
        return Ok(());
    }
    match p.repos.users.get(userid).await? {
        Some(user) if !client.admits(&user) => Err(OAuthError::invalid_grant(
            "the user is not allowed to use this application",
        )
        .audited(Event::AccessDenied, Some(userid))),
        _ => Ok(()),
    }
}

/// Refuses a code or refresh token whose sign-in did not reach level "2"
/// when the client requires a second factor (it may have been switched on
/// since): the family stops refreshing and the user signs in again, with a
/// second factor. Nothing is spent or revoked (switching the policy off
/// lets the grant work again).
fn refuse_below_policy(client: &Client, auth: &AuthContext) -> Result<(), OAuthError> {
    if client.require_mfa && !acr::reaches(&auth.acr, acr::Level::TwoFactors) {
        return Err(OAuthError::invalid_grant(
            "this application requires a second factor that the sign-in did not include; sign in again",
        ));
    }
    Ok(())
}

async fn authorization_code(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
    dpop: Option<&Proof>,
) -> Result<TokenResponse, OAuthError> {
    let code = required(params, "code")?;
    let redirect_uri = param(params, "redirect_uri")?;
    let verifier = param(params, "code_verifier")?;
    let now = p.now();
    let Some(record) = super::codes::open(p.master(), code) else {
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
    // A code bound to a DPoP key (RFC 9449 §10) is redeemed only with a
    // proof of it; checked before the code is spent, like the rest.
    if let Some(bound) = &record.dpop_jkt {
        match dpop {
            None => {
                return Err(OAuthError::invalid_dpop_proof(
                    "the authorization code is bound to a DPoP key (dpop_jkt): send a proof of it",
                ));
            }
            Some(proof) if !crypto::constant_time_eq(bound.as_bytes(), proof.jkt.as_bytes()) => {
                return Err(OAuthError::invalid_grant(
                    "the authorization code is bound to another DPoP key",
                ));
            }
            Some(_) => {}
        }
    }
    // A password change, recovery or disabling since the code was minted
    // ended everything the user's sessions had given; a code minted before
    // it (perhaps by whoever held a session then) must not start a family
    // that outlives it.
    if let Some(before) = revoked_before(p, &record.auth.userid, client).await?
        && record.created_at < before
    {
        return Err(OAuthError::invalid_grant(
            "the authorization code is invalid",
        ));
    }
    refuse_outsider(p, client, &record.auth.userid).await?;
    refuse_below_policy(client, &record.auth)?;
    let first_use = p
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
        revoke_grant(p, &record.grant_id).await?;
        return Err(
            OAuthError::invalid_grant("the authorization code has already been used")
                .audited(Event::CodeReplayed, Some(&record.auth.userid)),
        );
    }
    let user = active_user(p, &record.auth.userid).await?;
    // The account page shows when each connected app was last used (a
    // refresh shows in its new token); the code is spent, so a failure
    // here must not cost the client its tokens.
    if let Err(e) = p
        .repos
        .consents
        .touch(&user.userid, client.client_id.as_str(), now)
        .await
    {
        tracing::warn!(error = %e, "could not record the consent's use");
    }
    // What the client and the user may receive now (an administrator may
    // have withdrawn a scope since the code was issued).
    let scopes = claims::grantable_for_user(
        &claims::allowed_for_client(&claims::split(&record.scope), client),
        &user,
    );
    let scope = scopes.join(" ");
    let refresh = if scopes.iter().any(|s| s == "offline_access")
        && client.grant_types.contains(&GrantType::RefreshToken)
    {
        let token = crypto::new_secret();
        p.repos
            .refresh_tokens
            .create(&new_refresh(
                p,
                &token,
                &record.grant_id,
                client,
                &scope,
                record.nonce.clone(),
                record.claims.as_ref().map(claims::ClaimsRequest::to_json),
                &record.auth,
                now,
                dpop.map(|d| d.jkt.clone()),
            ))
            .await?;
        Some(token)
    } else {
        None
    };
    issue(
        p,
        client,
        &user,
        &record.auth,
        &record.grant_id,
        &scopes,
        record.nonce.clone(),
        record.claims.as_ref(),
        refresh,
        true,
        dpop,
    )
    .await
}

/// A refresh token of `family`, which began at `family_started_at`: it
/// expires after the refresh-token TTL, but never past the family's
/// absolute lifetime. `dpop_jkt`: the DPoP key the family is bound to.
#[allow(clippy::too_many_arguments)]
pub(super) fn new_refresh(
    p: &Provider,
    token: &str,
    family: &str,
    client: &Client,
    scope: &str,
    nonce: Option<String>,
    claims_request: Option<String>,
    auth: &AuthContext,
    family_started_at: i64,
    dpop_jkt: Option<String>,
) -> RefreshToken {
    let now = p.now();
    let family_end = family_started_at + p.lifetimes.refresh_family;
    RefreshToken {
        token_hash: crypto::hash_secret(token),
        family_id: family.to_owned(),
        client_id: client.client_id.clone(),
        scope: scope.to_owned(),
        nonce,
        auth: auth.clone(),
        claims_request,
        created_at: now,
        family_started_at,
        expires_at: (now + p.lifetimes.refresh_token).min(family_end),
        used_at: None,
        revoked_at: None,
        dpop_jkt,
    }
}

/// Refuses a refresh of a DPoP-bound family (RFC 9449 §5) without a
/// proof, and a public client's refresh with a proof of another key (its
/// refresh tokens are bound to the key; a confidential client's are bound
/// to its authentication, so it may change keys). The DPoP key the
/// successor is bound to.
fn refresh_binding(
    client: &Client,
    current: &RefreshToken,
    dpop: Option<&Proof>,
) -> Result<Option<String>, OAuthError> {
    match (&current.dpop_jkt, dpop) {
        (Some(_), None) => Err(OAuthError::invalid_dpop_proof(
            "the refresh token is DPoP-bound: send a DPoP proof",
        )),
        (Some(bound), Some(proof)) if client.public => {
            if crypto::constant_time_eq(bound.as_bytes(), proof.jkt.as_bytes()) {
                Ok(Some(bound.clone()))
            } else {
                Err(OAuthError::invalid_grant(
                    "the refresh token is bound to another DPoP key",
                ))
            }
        }
        (_, Some(proof)) => Ok(Some(proof.jkt.clone())),
        (None, None) => Ok(None),
    }
}

async fn refresh_token(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
    dpop: Option<&Proof>,
) -> Result<TokenResponse, OAuthError> {
    let presented = required(params, "refresh_token")?;
    let hash = crypto::hash_secret(presented);
    let Some(current) = p.repos.refresh_tokens.get(&hash).await? else {
        return Err(OAuthError::invalid_grant("the refresh token is invalid"));
    };
    if current.client_id != client.client_id {
        return Err(OAuthError::invalid_grant(
            "the refresh token was issued to another client",
        ));
    }
    // A password change, recovery or disabling revoked every family of the
    // user that had begun by then, withdrawing the client on the account
    // page every family of the user at this client. The rows were revoked
    // too; this check also catches a successor stored by a rotation racing
    // that revocation.
    if let Some(before) = revoked_before(p, &current.auth.userid, client).await?
        && current.family_started_at < before
    {
        return Err(OAuthError::invalid_grant("the refresh token was revoked"));
    }
    refuse_outsider(p, client, &current.auth.userid).await?;
    refuse_below_policy(client, &current.auth)?;
    // Before the token is spent: someone without the key must not be able
    // to burn it (the real client's next refresh would look like reuse).
    let dpop_jkt = refresh_binding(client, &current, dpop)?;
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
        p,
        &successor_secret,
        &current.family_id,
        client,
        &granted.join(" "),
        current.nonce.clone(),
        current.claims_request.clone(),
        &current.auth,
        current.family_started_at,
        dpop_jkt,
    );
    let now = p.now();
    match p
        .repos
        .refresh_tokens
        .rotate(&hash, &successor, now)
        .await?
    {
        Rotation::Rotated(_) => {}
        Rotation::Reused(old) => {
            tracing::warn!(client_id = %client.client_id, "refresh token reused; revoking its family");
            crate::metrics::refresh_reuse_detected();
            revoke_grant(p, &old.family_id).await?;
            return Err(
                OAuthError::invalid_grant("the refresh token has already been used")
                    .audited(Event::RefreshReused, Some(&old.auth.userid)),
            );
        }
        Rotation::Unknown => {
            return Err(OAuthError::invalid_grant(
                "the refresh token is invalid or expired",
            ));
        }
    }
    let user = active_user(p, &current.auth.userid).await?;
    let scopes = claims::grantable_for_user(&scopes, &user);
    let include_id_token = scopes.iter().any(|s| s == "openid");
    let requested = current
        .claims_request
        .as_deref()
        .and_then(claims::ClaimsRequest::from_json);
    issue(
        p,
        client,
        &user,
        &current.auth,
        &current.family_id,
        &scopes,
        current.nonce.clone(),
        requested.as_ref(),
        Some(successor_secret),
        include_id_token,
        dpop,
    )
    .await
}

async fn client_credentials(
    p: &Provider,
    client: &Client,
    params: &[(String, String)],
    dpop: Option<&Proof>,
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
    let now = p.now();
    let ttl = p.lifetimes.access_token;
    let grant_id = crypto::new_id();
    let jti = tokens::new_jti(&grant_id);
    let claims = AccessClaims {
        iss: p.issuer.clone(),
        sub: client.client_id.to_string(),
        aud: audience(p, client, &scopes),
        exp: now + ttl,
        iat: now,
        jti: jti.clone(),
        client_id: client.client_id.to_string(),
        scope: scopes.join(" "),
        auth_time: None,
        acr: None,
        amr: None,
        sid: None,
        userinfo_claims: None,
        cnf: confirmation(dpop),
    };
    let token_type = claims.token_type();
    let access_token = tokens::sign_access(&p.keys, p.access_token_alg, claims).await?;
    p.repos.revocations.minted(&grant_id, &jti);
    Ok(TokenResponse {
        access_token,
        token_type,
        expires_in: ttl,
        scope: scopes.join(" "),
        refresh_token: None,
        id_token: None,
    })
}

/// The `cnf` claim of an access token issued for `dpop`.
fn confirmation(dpop: Option<&Proof>) -> Option<Confirmation> {
    dpop.map(|d| Confirmation { jkt: d.jkt.clone() })
}

/// The audience of an access token: the client, and the admin API when the
/// token carries an internal scope (RFC 9068 §3; the admin API accepts only
/// tokens whose `aud` names it).
fn audience(p: &Provider, client: &Client, scopes: &[String]) -> Audience {
    let mut aud = vec![client.client_id.to_string()];
    if scopes.iter().any(|s| claims::is_internal(s)) {
        aud.push(claims::admin_audience(&p.issuer));
    }
    Audience(aud)
}

/// The groups of `user` with ids and attributes, when `client`'s claim
/// mapping needs them (one query); otherwise none.
pub async fn member_groups(
    p: &Provider,
    client: &Client,
    user: &User,
) -> Result<Vec<crate::db::MemberGroup>, crate::db::DbError> {
    if client.claim_mapping.needs_groups() {
        p.repos.attributes.member_groups(&user.userid).await
    } else {
        Ok(Vec::new())
    }
}

/// Mints the access token (and ID token) for a user grant.
#[allow(clippy::too_many_arguments)]
pub(super) async fn issue(
    p: &Provider,
    client: &Client,
    user: &User,
    auth: &AuthContext,
    grant_id: &str,
    scopes: &[String],
    nonce: Option<String>,
    requested: Option<&claims::ClaimsRequest>,
    refresh_token: Option<String>,
    include_id_token: bool,
    dpop: Option<&Proof>,
) -> Result<TokenResponse, OAuthError> {
    let now = p.now();
    let ttl = p.lifetimes.access_token;
    let scope = scopes.join(" ");
    let jti = tokens::new_jti(grant_id);
    let access = AccessClaims {
        iss: p.issuer.clone(),
        sub: user.userid.clone(),
        aud: audience(p, client, scopes),
        exp: now + ttl,
        iat: now,
        jti: jti.clone(),
        client_id: client.client_id.to_string(),
        scope: scope.clone(),
        auth_time: Some(auth.auth_time),
        acr: Some(auth.acr.clone()),
        amr: Some(auth.amr.clone()),
        sid: auth.sid.clone(),
        userinfo_claims: requested
            .map(|r| r.userinfo.clone())
            .filter(|u| !u.is_empty()),
        cnf: confirmation(dpop),
    };
    let token_type = access.token_type();
    let access_token = tokens::sign_access(&p.keys, p.access_token_alg, access).await?;
    p.repos.revocations.minted(grant_id, &jti);
    let id_token = if include_id_token {
        let groups = member_groups(p, client, user).await?;
        let available = claims::available(claims::Subject {
            user,
            groups: &groups,
            mapping: &client.claim_mapping,
        });
        let id = IdClaims {
            iss: p.issuer.clone(),
            sub: user.userid.clone(),
            aud: client.client_id.to_string(),
            exp: now + p.lifetimes.id_token,
            iat: now,
            auth_time: auth.auth_time,
            nonce,
            azp: client.client_id.to_string(),
            at_hash: Some(tokens::at_hash_for(&access_token, client.id_token_alg)),
            amr: auth.amr.clone(),
            acr: auth.acr.clone(),
            sid: auth.sid.clone(),
            extra: claims::released(&available, scopes, requested.map(|r| &r.id_token)),
        };
        let signed = tokens::sign(&p.keys, client.id_token_alg, "JWT", id).await?;
        // The client now holds a session with the user: remember it, so
        // ending the session tells the client (back-channel logout). Only
        // a client that can be told: no write on every token otherwise.
        if let Some(sid) = &auth.sid
            && client.backchannel_logout_uri.is_some()
        {
            p.repos
                .logout_deliveries
                .remember_client(sid, client.client_id.as_str(), now)
                .await?;
        }
        Some(signed)
    } else {
        None
    };
    Ok(TokenResponse {
        access_token,
        token_type,
        expires_in: ttl,
        scope,
        refresh_token,
        id_token,
    })
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    use super::*;
    use crate::oidc::flow::{self, Outcome, Started};
    use crate::oidc::provider::testing::{self, Fixture};

    const VERIFIER: &str = "a-verifier-that-is-long-enough-for-pkce-0123456789";

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn challenge() -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crypto::sha256(VERIFIER.as_bytes()))
    }

    /// A code for `client` and a signed-in `user`, through the real decision.
    async fn code(f: &Fixture, client: &Client, user: &User, scope: &str) -> String {
        let session = f.session(user).await;
        let challenge = challenge();
        let params = pairs(&[
            ("response_type", "code"),
            ("client_id", &client.client_id),
            ("redirect_uri", "https://rp.example/cb"),
            ("scope", scope),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ]);
        match flow::start(&f.provider, &params, Some((&session, user))).await {
            Ok(Started::Answer(Outcome::Code(c))) => c.code,
            other => panic!("expected a code, got {other:?}"),
        }
    }

    fn redeem(code: &str) -> Vec<(String, String)> {
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", "https://rp.example/cb"),
            ("code_verifier", VERIFIER),
        ])
    }

    /// The token endpoint without DPoP.
    async fn token(
        p: &Provider,
        client: &Client,
        params: &[(String, String)],
    ) -> Result<TokenResponse, OAuthError> {
        super::token(p, client, params, None).await
    }

    fn refresh(token: &str) -> Vec<(String, String)> {
        pairs(&[("grant_type", "refresh_token"), ("refresh_token", token)])
    }

    #[tokio::test]
    async fn a_code_is_redeemed_once_and_a_replay_revokes_what_it_gave() {
        let f = testing::provider().await;
        let client = f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid profile offline_access").await;

        let first = token(&f.provider, &client, &redeem(&code)).await.unwrap();
        assert_eq!(first.token_type, "Bearer");
        assert!(first.id_token.is_some());
        let refresh_token = first
            .refresh_token
            .clone()
            .expect("offline_access gives a refresh token");
        let claims = tokens::verify_access_token(&f.provider, &first.access_token)
            .await
            .unwrap();
        assert_eq!(claims.sub, user.userid);
        assert_eq!(claims.iss, testing::ISSUER);

        let replay = token(&f.provider, &client, &redeem(&code))
            .await
            .unwrap_err();
        assert_eq!(replay.error, "invalid_grant");
        assert!(
            tokens::verify_access_token(&f.provider, &first.access_token)
                .await
                .is_err(),
            "the replay revoked the access token"
        );
        let after = token(&f.provider, &client, &refresh(&refresh_token))
            .await
            .unwrap_err();
        assert_eq!(after.error, "invalid_grant", "and the refresh family");
    }

    #[tokio::test]
    async fn a_code_is_checked_before_it_is_spent() {
        let f = testing::provider().await;
        let client = f.client("app", true).await;
        let other = f.client("other", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid").await;
        // Another client, a wrong verifier, a wrong redirect URI: refused,
        // and the code still works for its own client afterwards.
        let err = token(&f.provider, &other, &redeem(&code))
            .await
            .unwrap_err();
        assert_eq!(err.error, "invalid_grant");
        let mut wrong = redeem(&code);
        wrong[3].1 = "another-verifier-that-is-long-enough-for-pkce-000000".into();
        assert_eq!(
            token(&f.provider, &client, &wrong).await.unwrap_err().error,
            "invalid_grant"
        );
        let mut wrong = redeem(&code);
        wrong[2].1 = "https://rp.example/other".into();
        assert_eq!(
            token(&f.provider, &client, &wrong).await.unwrap_err().error,
            "invalid_grant"
        );
        assert!(token(&f.provider, &client, &redeem(&code)).await.is_ok());
    }

    #[tokio::test]
    async fn an_expired_code_is_refused() {
        let f = testing::provider().await;
        let client = f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid").await;
        f.clock.advance(super::super::authorize::CODE_TTL + 1);
        let err = token(&f.provider, &client, &redeem(&code))
            .await
            .unwrap_err();
        assert_eq!(err.error, "invalid_grant");
    }

    #[tokio::test]
    async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_family() {
        let f = testing::provider().await;
        let client = f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid offline_access").await;
        let first = token(&f.provider, &client, &redeem(&code)).await.unwrap();
        let r1 = first.refresh_token.unwrap();
        let second = token(&f.provider, &client, &refresh(&r1)).await.unwrap();
        let r2 = second.refresh_token.clone().unwrap();
        assert_ne!(r1, r2, "rotated");
        // Narrowing the scope is allowed; widening is not.
        let mut narrower = refresh(&r2);
        narrower.push(("scope".into(), "openid profile".into()));
        assert_eq!(
            token(&f.provider, &client, &narrower)
                .await
                .unwrap_err()
                .error,
            "invalid_scope"
        );
        // The old token again: the whole family goes.
        let reuse = token(&f.provider, &client, &refresh(&r1))
            .await
            .unwrap_err();
        assert_eq!(reuse.error, "invalid_grant");
        assert_eq!(
            token(&f.provider, &client, &refresh(&r2))
                .await
                .unwrap_err()
                .error,
            "invalid_grant"
        );
        assert!(
            tokens::verify_access_token(&f.provider, &second.access_token)
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn a_refresh_family_ends_at_its_absolute_lifetime() {
        let mut f = testing::provider().await;
        f.provider.lifetimes.refresh_token = 86_400;
        let client = f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid offline_access").await;
        let mut current = token(&f.provider, &client, &redeem(&code))
            .await
            .unwrap()
            .refresh_token
            .unwrap();
        // Rotating just before each token expires keeps the family alive
        // only until its absolute lifetime.
        let step = f.provider.lifetimes.refresh_token - 1;
        let mut elapsed = 0;
        while elapsed + step < f.provider.lifetimes.refresh_family {
            f.clock.advance(step);
            elapsed += step;
            current = token(&f.provider, &client, &refresh(&current))
                .await
                .unwrap()
                .refresh_token
                .unwrap();
        }
        f.clock
            .advance(f.provider.lifetimes.refresh_family - elapsed + 1);
        assert_eq!(
            token(&f.provider, &client, &refresh(&current))
                .await
                .unwrap_err()
                .error,
            "invalid_grant"
        );
    }

    #[tokio::test]
    async fn client_credentials_give_the_clients_own_scopes_only() {
        let f = testing::provider().await;
        let mut client = f.client("svc", true).await;
        client.scopes = vec!["reports:read".into()];
        f.provider.repos.clients.update(&client).await.unwrap();
        let ok = token(
            &f.provider,
            &client,
            &pairs(&[("grant_type", "client_credentials")]),
        )
        .await
        .unwrap();
        assert_eq!(ok.scope, "reports:read");
        assert!(ok.refresh_token.is_none() && ok.id_token.is_none());
        let claims = tokens::verify_access_token(&f.provider, &ok.access_token)
            .await
            .unwrap();
        assert_eq!(claims.sub, "svc");
        let wider = pairs(&[
            ("grant_type", "client_credentials"),
            ("scope", "reports:write"),
        ]);
        assert_eq!(
            token(&f.provider, &client, &wider).await.unwrap_err().error,
            "invalid_scope"
        );
    }

    #[tokio::test]
    async fn grant_types_are_checked_against_the_client() {
        let f = testing::provider().await;
        let mut client = f.client("app", true).await;
        client.grant_types = vec![GrantType::AuthorizationCode];
        let err = token(
            &f.provider,
            &client,
            &pairs(&[("grant_type", "client_credentials")]),
        )
        .await
        .unwrap_err();
        assert_eq!(err.error, "unauthorized_client");
        let err = token(&f.provider, &client, &pairs(&[("grant_type", "password")]))
            .await
            .unwrap_err();
        assert_eq!(err.error, "unsupported_grant_type");
        let err = token(&f.provider, &client, &pairs(&[])).await.unwrap_err();
        assert_eq!(err.error, "invalid_request");
    }

    #[tokio::test]
    async fn a_disabled_user_gets_no_tokens_from_a_code() {
        let f = testing::provider().await;
        let client = f.client("app", true).await;
        let user = f.user("ada", &[]).await;
        let code = code(&f, &client, &user, "openid").await;
        f.provider
            .repos
            .users
            .set_active(&user.userid, false, f.provider.now())
            .await
            .unwrap();
        let err = token(&f.provider, &client, &redeem(&code))
            .await
            .unwrap_err();
        assert_eq!(err.error, "invalid_grant");
    }
}
