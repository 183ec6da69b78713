//! Dynamic client registration (RFC 7591) and the client configuration
//! endpoint (RFC 7592): the metadata a client may register for itself,
//! checked and turned into a [`CreateClient`] / [`ClientChange`], so every
//! rule of administrator registration applies too; registration access
//! tokens (random, stored as SHA-256, compared in constant time).
//!
//! What a client may not register for itself (refused with
//! `invalid_client_metadata`): URLs Latchkey would fetch or call
//! (`jwks_uri`, `sector_identifier_uri`, `request_uris`,
//! `backchannel_logout_uri`, `initiate_login_uri`), scopes beyond the user
//! scopes, and the privileges only an administrator grants (skipping
//! consent, introspecting others' tokens, group restrictions, CORS origins,
//! claim mappings). Unknown fields are ignored (RFC 7591 §2).

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::clients::{ClientChange, find_client, update_client};
use super::{Actor, CreateClient, ManageError, check_redirect_uri, create_client_with};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::crypto;
use crate::db::{Branding, Client, ClientRegistration, DbError, Repos};
use crate::domain::auth_method::AuthMethod;
use crate::domain::grant_type::GrantType;
use crate::domain::signing_alg::SigningAlg;

/// Most redirect URIs (and post-logout redirect URIs) one client registers.
pub const MAX_REDIRECT_URIS: usize = 20;

/// The name of a client that registered none.
pub const DEFAULT_CLIENT_NAME: &str = "Unnamed application";

/// Metadata fields a client may never register for itself, with why.
const REFUSED_FIELDS: &[(&str, &str)] = &[
    (
        "jwks_uri",
        "keys are never fetched from a URL; register them inline in jwks",
    ),
    (
        "sector_identifier_uri",
        "pairwise subjects are not supported",
    ),
    (
        "request_uris",
        "request objects by reference are not supported",
    ),
    (
        "backchannel_logout_uri",
        "only an administrator registers a back-channel logout URI",
    ),
    (
        "initiate_login_uri",
        "third-party initiated login is not supported",
    ),
    (
        "skip_consent",
        "only an administrator lets a client skip consent",
    ),
    (
        "resource_server",
        "only an administrator makes a client a resource server",
    ),
    (
        "allowed_groups",
        "only an administrator restricts a client to groups",
    ),
    (
        "allowed_origins",
        "only an administrator adds browser origins",
    ),
    (
        "claim_mapping",
        "only an administrator sets a claim mapping",
    ),
    ("scopes", "only an administrator grants extra scopes"),
];

/// Why a registration request was refused.
#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    /// RFC 7591 §3.2.2 `invalid_redirect_uri`.
    #[error("{0}")]
    InvalidRedirectUri(String),
    /// RFC 7591 §3.2.2 `invalid_client_metadata`.
    #[error("{0}")]
    InvalidClientMetadata(String),
    /// No initial access token where one is required (RFC 6750 §3.1).
    #[error("an initial access token is required")]
    MissingToken,
    /// An initial or registration access token was refused (RFC 6750
    /// `invalid_token`): unknown, wrong, expired, revoked or used up.
    #[error("{0}")]
    InvalidToken(&'static str),
    /// Storage failed (logged, never sent).
    #[error("database error: {0}")]
    Db(DbError),
}

impl From<DbError> for RegistrationError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

impl From<ManageError> for RegistrationError {
    fn from(e: ManageError) -> Self {
        match e {
            ManageError::Db(e) => Self::Db(e),
            ManageError::NotFound(_) => Self::InvalidToken(UNKNOWN_CLIENT),
            other => Self::InvalidClientMetadata(other.to_string()),
        }
    }
}

/// The one description of a refused registration access token, whatever
/// the reason (unknown client, no registration, wrong token).
const UNKNOWN_CLIENT: &str = "the registration access token is not valid for this client";

/// Client metadata (RFC 7591 §2, OpenID Connect Dynamic Client
/// Registration 1.0 §2, RFC 9449 §5.2) as sent; unknown fields ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClientMetadata {
    pub redirect_uris: Option<Vec<String>>,
    pub client_name: Option<String>,
    pub token_endpoint_auth_method: Option<String>,
    pub grant_types: Option<Vec<String>>,
    pub response_types: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub logo_uri: Option<String>,
    pub client_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
    pub id_token_signed_response_alg: Option<String>,
    pub dpop_bound_access_tokens: Option<bool>,
    pub jwks: Option<Value>,
    pub scope: Option<String>,
    pub subject_type: Option<String>,
    pub application_type: Option<String>,
    /// RFC 7592 §2.2: required in an update, equal to the client's id.
    pub client_id: Option<String>,
    /// RFC 7592 §2.2: when sent in an update, must be the client's secret.
    pub client_secret: Option<String>,
}

/// Reads a JSON metadata document: an object, without any field of
/// [`REFUSED_FIELDS`] (unless `null`), whose known fields have their types.
pub fn parse_metadata(body: &[u8]) -> Result<ClientMetadata, RegistrationError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        RegistrationError::InvalidClientMetadata(format!("the body is not JSON: {e}"))
    })?;
    let Value::Object(map) = value else {
        return Err(RegistrationError::InvalidClientMetadata(
            "the metadata must be a JSON object".into(),
        ));
    };
    refuse_privileged(&map)?;
    serde_json::from_value(Value::Object(map))
        .map_err(|e| RegistrationError::InvalidClientMetadata(format!("invalid metadata: {e}")))
}

fn refuse_privileged(map: &Map<String, Value>) -> Result<(), RegistrationError> {
    for (field, why) in REFUSED_FIELDS {
        if map.get(*field).is_some_and(|v| !v.is_null()) {
            return Err(RegistrationError::InvalidClientMetadata(format!(
                "{field} cannot be registered dynamically: {why}"
            )));
        }
    }
    Ok(())
}

/// What the metadata asks for, checked.
#[derive(Debug)]
struct Plan {
    create: CreateClient,
    /// The RFC 7591 name of the authentication method registered.
    auth_method: &'static str,
    client_credentials: bool,
    device_grant: bool,
    refresh_tokens: bool,
}

fn metadata_error(message: impl Into<String>) -> RegistrationError {
    RegistrationError::InvalidClientMetadata(message.into())
}

fn check_uris(
    field: &str,
    uris: Option<&Vec<String>>,
    bad: fn(String) -> RegistrationError,
) -> Result<Vec<String>, RegistrationError> {
    let uris = uris.map(Vec::as_slice).unwrap_or_default();
    if uris.len() > MAX_REDIRECT_URIS {
        return Err(bad(format!("{field}: at most {MAX_REDIRECT_URIS}")));
    }
    uris.iter()
        .map(|u| check_redirect_uri(u.trim()).map_err(|e| bad(format!("{field}: {e}"))))
        .collect()
}

/// Checks the metadata and turns it into a client to create.
fn plan(meta: &ClientMetadata) -> Result<Plan, RegistrationError> {
    let redirect_uris = check_uris(
        "redirect_uris",
        meta.redirect_uris.as_ref(),
        RegistrationError::InvalidRedirectUri,
    )?;
    let post_logout = check_uris(
        "post_logout_redirect_uris",
        meta.post_logout_redirect_uris.as_ref(),
        RegistrationError::InvalidClientMetadata,
    )?;
    let jwks = meta.jwks.clone().filter(|v| !v.is_null());
    let auth_method = match meta
        .token_endpoint_auth_method
        .as_deref()
        .unwrap_or("client_secret_basic")
    {
        "none" => "none",
        "client_secret_basic" => "client_secret_basic",
        "client_secret_post" => "client_secret_post",
        "private_key_jwt" => "private_key_jwt",
        other => {
            return Err(metadata_error(format!(
                "unsupported token_endpoint_auth_method {other:?}: use none, client_secret_basic, client_secret_post or private_key_jwt"
            )));
        }
    };
    let public = auth_method == "none";
    match (auth_method, jwks.is_some()) {
        ("private_key_jwt", false) => {
            return Err(metadata_error(
                "private_key_jwt needs the client's public keys inline in jwks",
            ));
        }
        ("none" | "client_secret_basic" | "client_secret_post", true) => {
            return Err(metadata_error(
                "jwks is only for token_endpoint_auth_method private_key_jwt",
            ));
        }
        _ => {}
    }
    let grants = match &meta.grant_types {
        Some(g) => g.clone(),
        None => vec![
            GrantType::AuthorizationCode.as_str().to_owned(),
            GrantType::RefreshToken.as_str().to_owned(),
        ],
    };
    let mut parsed = Vec::new();
    for g in &grants {
        let grant: GrantType = g.parse().map_err(|_| {
            metadata_error(format!(
                "unsupported grant type {g:?}: use authorization_code, refresh_token, client_credentials or {}",
                GrantType::DeviceCode.as_str()
            ))
        })?;
        parsed.push(grant);
    }
    let code = parsed.contains(&GrantType::AuthorizationCode);
    let device_grant = parsed.contains(&GrantType::DeviceCode);
    let client_credentials = parsed.contains(&GrantType::ClientCredentials);
    let refresh_tokens = parsed.contains(&GrantType::RefreshToken);
    if code && redirect_uris.is_empty() {
        return Err(RegistrationError::InvalidRedirectUri(
            "redirect_uris: at least one is required for the authorization_code grant".into(),
        ));
    }
    if !code && !redirect_uris.is_empty() {
        return Err(metadata_error(
            "redirect_uris are for the authorization_code grant, which grant_types leaves out",
        ));
    }
    if client_credentials && public {
        return Err(metadata_error(
            "a public client (token_endpoint_auth_method none) cannot use client_credentials",
        ));
    }
    if refresh_tokens && !(code || device_grant) {
        return Err(metadata_error(
            "refresh_token needs a grant that signs users in (authorization_code or the device grant)",
        ));
    }
    if !(code || device_grant || client_credentials) {
        return Err(metadata_error("grant_types names no usable grant"));
    }
    let response_types = meta
        .response_types
        .clone()
        .unwrap_or_else(|| if code { vec!["code".into()] } else { vec![] });
    if let Some(bad) = response_types.iter().find(|r| r.as_str() != "code") {
        return Err(metadata_error(format!(
            "unsupported response type {bad:?}: only code"
        )));
    }
    if code != response_types.iter().any(|r| r == "code") {
        return Err(metadata_error(
            "response_types code and grant_types authorization_code go together",
        ));
    }
    if let Some(alg) = &meta.id_token_signed_response_alg
        && SigningAlg::parse(alg).is_none()
    {
        return Err(metadata_error(format!(
            "unsupported id_token_signed_response_alg {alg:?}: use RS256, ES256 or EdDSA"
        )));
    }
    if let Some(scope) = &meta.scope
        && let Some(bad) = scope
            .split_whitespace()
            .find(|s| !crate::oidc::claims::USER_SCOPES.contains(s))
    {
        return Err(metadata_error(format!(
            "scope {bad:?} cannot be registered: a dynamically registered client may request only {}",
            crate::oidc::claims::USER_SCOPES.join(" ")
        )));
    }
    if let Some(subject) = &meta.subject_type
        && subject != "public"
    {
        return Err(metadata_error("only the public subject_type is supported"));
    }
    let name = meta
        .client_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(DEFAULT_CLIENT_NAME)
        .to_owned();
    Ok(Plan {
        create: CreateClient {
            name,
            redirect_uris,
            post_logout_redirect_uris: post_logout,
            public,
            id_token_alg: meta.id_token_signed_response_alg.clone(),
            extra_grants: super::extra_grants(client_credentials, device_grant),
            refresh_tokens: Some(refresh_tokens),
            branding: Branding {
                logo_uri: meta.logo_uri.clone(),
                client_uri: meta.client_uri.clone(),
                policy_uri: meta.policy_uri.clone(),
                tos_uri: meta.tos_uri.clone(),
            },
            jwks,
            require_dpop: meta.dpop_bound_access_tokens.unwrap_or(false),
            ..CreateClient::default()
        },
        auth_method,
        client_credentials,
        device_grant,
        refresh_tokens,
    })
}

/// The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the
/// metadata as stored, the registration access token and where to use it.
#[must_use]
pub fn information(
    issuer: &str,
    client: &Client,
    registration: &ClientRegistration,
    client_secret: Option<&str>,
    access_token: &str,
) -> Value {
    let code = client.grant_types.contains(&GrantType::AuthorizationCode);
    let mut out = json!({
        "client_id": client.client_id.as_str(),
        "client_id_issued_at": registration.created_at,
        "client_name": client.name,
        "redirect_uris": client.redirect_uris,
        "post_logout_redirect_uris": client.post_logout_redirect_uris,
        "grant_types": client.grant_types.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        "response_types": if code { vec!["code"] } else { vec![] },
        "token_endpoint_auth_method": registration.auth_method,
        "id_token_signed_response_alg": client.id_token_alg.as_str(),
        "dpop_bound_access_tokens": client.require_dpop,
        "scope": crate::oidc::claims::USER_SCOPES.join(" "),
        "registration_access_token": access_token,
        "registration_client_uri": format!("{issuer}/register/{}", client.client_id.as_str()),
    });
    if let Some(map) = out.as_object_mut() {
        if client.auth_method() != AuthMethod::None
            && client.auth_method() != AuthMethod::PrivateKeyJwt
        {
            // Secrets do not expire.
            map.insert("client_secret_expires_at".into(), json!(0));
        }
        if let Some(secret) = client_secret {
            map.insert("client_secret".into(), json!(secret));
        }
        for (field, value) in [
            ("logo_uri", &client.branding.logo_uri),
            ("client_uri", &client.branding.client_uri),
            ("policy_uri", &client.branding.policy_uri),
            ("tos_uri", &client.branding.tos_uri),
        ] {
            if let Some(v) = value {
                map.insert(field.into(), json!(v));
            }
        }
        if let Some(jwks) = &client.jwks {
            map.insert("jwks".into(), jwks.as_value().clone());
        }
    }
    out
}

/// Who registers: an anonymous caller of `/register` from `ip`. It counts
/// as a client manager, so the admin scope is refused to it whatever the
/// metadata asks for (the metadata check refuses it first).
#[must_use]
pub fn registrant(ip: Option<String>) -> Actor {
    Actor {
        id: "registration".into(),
        ip,
        role: Some(crate::domain::role::Role::ClientManager),
    }
}

/// The client itself, managing its registration (RFC 7592). It counts as
/// a client manager, so a client an administrator has allowed the admin
/// scope cannot be changed or deleted through its registration access
/// token (that token would otherwise be an administrator's credential:
/// new keys or redirect URIs for a client that mints admin tokens).
fn itself(client_id: &str, ip: Option<String>) -> Actor {
    Actor {
        id: format!("client:{client_id}"),
        ip,
        role: Some(crate::domain::role::Role::ClientManager),
    }
}

/// A request to register a client.
pub struct Registration<'a> {
    /// The issuer, for `registration_client_uri`.
    pub issuer: &'a str,
    /// Whether an initial access token is required
    /// (`LATCHKEY_REGISTRATION=token`).
    pub needs_token: bool,
    /// The bearer token presented, if any.
    pub initial_token: Option<&'a str>,
    /// The metadata document (JSON).
    pub body: &'a [u8],
    /// The caller's address.
    pub ip: Option<String>,
}

/// Registers a client (RFC 7591 §3): checks the initial access token when
/// one is required, the metadata, creates the client through
/// [`create_client_with`], spends one use of the token (a token used up
/// meanwhile undoes the registration), and stores a fresh registration
/// access token's hash. Returns the client information response.
pub async fn register(
    repos: &Repos,
    clock: &dyn Clock,
    master: Option<&crypto::MasterKey>,
    request: Registration<'_>,
) -> Result<Value, RegistrationError> {
    let initial = if request.needs_token {
        let Some(token) = request.initial_token else {
            return Err(RegistrationError::MissingToken);
        };
        let found = repos
            .registrations
            .token_by_hash(&crypto::hash_secret(token))
            .await?
            .filter(|t| t.is_live(clock.now()));
        let Some(found) = found else {
            return Err(RegistrationError::InvalidToken(
                "the initial access token is unknown, expired, revoked or used up",
            ));
        };
        Some(found)
    } else {
        None
    };
    let meta = parse_metadata(request.body)?;
    let plan = plan(&meta)?;
    let actor = registrant(request.ip.clone());
    let created = create_client_with(repos, clock, &actor, plan.create, master).await?;
    let client_id = created.client_id.clone();
    let undo = || async {
        if let Err(e) = repos.clients.delete(&client_id).await {
            tracing::error!(error = %e, "could not undo a refused registration");
        }
    };
    if let Some(initial) = &initial {
        match repos
            .registrations
            .spend_token(&initial.id, clock.now())
            .await
        {
            Ok(true) => {}
            Ok(false) => {
                undo().await;
                return Err(RegistrationError::InvalidToken(
                    "the initial access token is unknown, expired, revoked or used up",
                ));
            }
            Err(e) => {
                undo().await;
                return Err(e.into());
            }
        }
    }
    let access_token = crypto::new_secret();
    let registration = ClientRegistration {
        client_id: client_id.clone(),
        access_token_hash: crypto::hash_secret(&access_token),
        auth_method: plan.auth_method.to_owned(),
        created_at: clock.now(),
        initial_token_id: initial.as_ref().map(|t| t.id.clone()),
    };
    if let Err(e) = repos.registrations.register(&registration).await {
        undo().await;
        return Err(e.into());
    }
    let client = find_client(repos, &client_id).await?;
    audit::record(
        repos,
        clock,
        &actor,
        Event::ClientRegistered,
        Some(&client_id),
        json!({"initial_token_id": registration.initial_token_id, "token_endpoint_auth_method": registration.auth_method, "redirect_uris": client.redirect_uris, "name": client.name}),
    )
    .await;
    Ok(information(
        request.issuer,
        &client,
        &registration,
        created.client_secret.as_deref(),
        &access_token,
    ))
}

/// The client `client_id` and its registration, when `token` is its
/// registration access token (compared in constant time); one refusal for
/// every other case (unknown client, one an administrator registered,
/// another client's token).
pub async fn authenticate(
    repos: &Repos,
    client_id: &str,
    token: &str,
) -> Result<(Client, ClientRegistration), RegistrationError> {
    let refused = || RegistrationError::InvalidToken(UNKNOWN_CLIENT);
    let registration = repos
        .registrations
        .registration(client_id)
        .await?
        .ok_or_else(refused)?;
    if !crypto::verify_secret(token, &registration.access_token_hash) {
        return Err(refused());
    }
    let client = repos.clients.get(client_id).await?.ok_or_else(refused)?;
    Ok((client, registration))
}

/// Reads a client's registration (RFC 7592 §2.1).
pub async fn read(
    repos: &Repos,
    issuer: &str,
    client_id: &str,
    token: &str,
) -> Result<Value, RegistrationError> {
    let (client, registration) = authenticate(repos, client_id, token).await?;
    Ok(information(issuer, &client, &registration, None, token))
}

/// A request to replace a client's metadata (RFC 7592 §2.2).
pub struct Update<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    /// The registration access token presented.
    pub token: &'a str,
    pub body: &'a [u8],
    pub ip: Option<String>,
}

/// Replaces a client's metadata (RFC 7592 §2.2) through
/// [`update_client`]: `client_id` must be in the body and match, a
/// `client_secret` sent must be the client's, and the authentication
/// method cannot change (omitted: kept).
pub async fn update(
    repos: &Repos,
    clock: &dyn Clock,
    request: Update<'_>,
) -> Result<Value, RegistrationError> {
    let (client, registration) = authenticate(repos, request.client_id, request.token).await?;
    let mut meta = parse_metadata(request.body)?;
    if meta.client_id.as_deref() != Some(request.client_id) {
        return Err(metadata_error(
            "client_id must be in the request and be this client's id",
        ));
    }
    if let Some(secret) = &meta.client_secret {
        let matches = client
            .secret_hash
            .as_deref()
            .is_some_and(|hash| crypto::verify_secret(secret, hash));
        if !matches {
            return Err(metadata_error("client_secret is not this client's secret"));
        }
    }
    match meta.token_endpoint_auth_method.as_deref() {
        None => meta.token_endpoint_auth_method = Some(registration.auth_method.clone()),
        Some(m) if m == registration.auth_method => {}
        Some(_) => {
            return Err(metadata_error(
                "token_endpoint_auth_method cannot change; register a new client",
            ));
        }
    }
    let plan = plan(&meta)?;
    let c = plan.create;
    let text = |v: Option<String>| Some(v.unwrap_or_default());
    let change = ClientChange {
        name: Some(c.name),
        redirect_uris: Some(c.redirect_uris),
        post_logout_redirect_uris: Some(c.post_logout_redirect_uris),
        public: Some(c.public),
        client_credentials: Some(plan.client_credentials),
        device_grant: Some(plan.device_grant),
        refresh_tokens: Some(plan.refresh_tokens),
        id_token_alg: Some(c.id_token_alg.unwrap_or_else(|| "RS256".into())),
        logo_uri: text(c.branding.logo_uri),
        client_uri: text(c.branding.client_uri),
        policy_uri: text(c.branding.policy_uri),
        tos_uri: text(c.branding.tos_uri),
        jwks: c.jwks,
        // Raised, never lowered, by the client itself: an administrator's
        // require_dpop outlives a PUT that omits dpop_bound_access_tokens.
        require_dpop: Some(c.require_dpop || client.require_dpop),
        ..ClientChange::default()
    };
    let actor = itself(request.client_id, request.ip);
    let client = update_client(repos, clock, &actor, request.client_id, change).await?;
    audit::record(
        repos,
        clock,
        &actor,
        Event::ClientRegistrationUpdated,
        Some(request.client_id),
        json!({"redirect_uris": client.redirect_uris, "name": client.name}),
    )
    .await;
    Ok(information(
        request.issuer,
        &client,
        &registration,
        None,
        request.token,
    ))
}

/// Deletes a client at its own request (RFC 7592 §2.3), as an
/// administrator's deletion does (its tokens and grants go with it).
pub async fn delete(
    repos: &Repos,
    clock: &dyn Clock,
    client_id: &str,
    token: &str,
    ip: Option<String>,
) -> Result<(), RegistrationError> {
    authenticate(repos, client_id, token).await?;
    let actor = itself(client_id, ip);
    super::delete_client(repos, clock, &actor, client_id).await?;
    audit::record(
        repos,
        clock,
        &actor,
        Event::ClientRegistrationDeleted,
        Some(client_id),
        json!({}),
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(v: Value) -> Result<Plan, RegistrationError> {
        plan(&parse_metadata(v.to_string().as_bytes())?)
    }

    #[test]
    fn defaults_make_a_confidential_code_client() {
        let p = meta(json!({"redirect_uris": ["https://app.example/cb"], "unknown": 1})).unwrap();
        assert!(!p.create.public);
        assert_eq!(p.auth_method, "client_secret_basic");
        assert!(p.refresh_tokens);
        assert_eq!(p.create.name, DEFAULT_CLIENT_NAME);
        assert!(p.create.scopes.is_empty());
        assert!(!p.create.skip_consent);
    }

    #[test]
    fn bad_redirect_uris_and_privileged_fields_are_refused() {
        for uri in [
            "http://app.example/cb",
            "https://app.example/cb#x",
            "javascript:x",
        ] {
            assert!(matches!(
                meta(json!({"redirect_uris": [uri]})),
                Err(RegistrationError::InvalidRedirectUri(_))
            ));
        }
        assert!(matches!(
            meta(json!({"grant_types": ["authorization_code"]})),
            Err(RegistrationError::InvalidRedirectUri(_))
        ));
        for (field, value) in [
            ("jwks_uri", json!("https://app.example/jwks")),
            ("backchannel_logout_uri", json!("https://app.example/bc")),
            ("skip_consent", json!(true)),
            ("scope", json!("openid latchkey:admin")),
            ("grant_types", json!(["implicit"])),
            ("response_types", json!(["token"])),
            ("token_endpoint_auth_method", json!("private_key_jwt")),
            ("id_token_signed_response_alg", json!("none")),
            ("redirect_uris", json!("https://app.example/cb")),
        ] {
            let mut m = json!({"redirect_uris": ["https://app.example/cb"]});
            m[field] = value;
            assert!(
                matches!(meta(m), Err(RegistrationError::InvalidClientMetadata(_))),
                "{field}"
            );
        }
        assert!(matches!(
            meta(
                json!({"token_endpoint_auth_method": "none", "grant_types": ["client_credentials"]})
            ),
            Err(RegistrationError::InvalidClientMetadata(_))
        ));
    }

    #[test]
    fn loopback_http_and_native_schemes_are_accepted() {
        let p = meta(json!({
            "redirect_uris": ["http://127.0.0.1/cb", "com.example.app:/cb"],
            "token_endpoint_auth_method": "none",
            "dpop_bound_access_tokens": true,
        }))
        .unwrap();
        assert!(p.create.public);
        assert!(p.create.require_dpop);
    }
}
