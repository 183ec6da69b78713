//! Client operations beyond registration: edits and secret rotation.

use super::{Actor, ManageError, check_redirect_uri};
use crate::audit::{self, Event};
use crate::clock::Clock;
use crate::crypto;
use crate::db::{Branding, Client, DbError, Repos};
use crate::domain::auth_method::AuthMethod;
use crate::domain::claim_mapping::ClaimMapping;
use crate::domain::client_id::ClientId;
use crate::domain::client_jwks::ClientJwks;
use crate::domain::grant_type::GrantType;
use crate::domain::signing_alg::SigningAlg;

/// A change to a client. `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ClientChange {
    pub name: Option<String>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub skip_consent: Option<bool>,
    /// Admits only sessions at `acr` "2" (a second factor or a passkey);
    /// refresh-token families of a lower level stop refreshing.
    pub require_mfa: Option<bool>,
    /// Extra scopes the client may request (replaces the list).
    pub scopes: Option<Vec<String>>,
    /// May introspect tokens issued to other clients.
    pub resource_server: Option<bool>,
    /// May use the client_credentials grant (confidential clients only).
    pub client_credentials: Option<bool>,
    /// May use the device authorization grant (RFC 8628); public and
    /// confidential clients alike.
    pub device_grant: Option<bool>,
    /// Must equal the client's current kind: a client does not switch
    /// between public and confidential (its secret would not follow).
    pub public: Option<bool>,
    /// `RS256`, `ES256` or `EdDSA`.
    pub id_token_alg: Option<String>,
    /// Replaces the claim mapping (JSON; `{}` or `null` restores the
    /// default claims).
    pub claim_mapping: Option<serde_json::Value>,
    /// Replaces the groups whose members may sign in (each must exist;
    /// empty names are dropped, so `[""]` or `[]` opens it to everyone).
    pub allowed_groups: Option<Vec<String>>,
    /// Replaces the browser origins allowed by CORS besides those of its
    /// redirect URIs (empty entries are dropped, so `[""]` clears it).
    pub allowed_origins: Option<Vec<String>>,
    /// Its authorization requests must be pushed (RFC 9126).
    pub require_par: Option<bool>,
    /// Its tokens must be DPoP-bound (RFC 9449).
    pub require_dpop: Option<bool>,
    /// Replaces where back-channel logout tokens go; `Some("")` removes it.
    pub backchannel_logout_uri: Option<String>,
    /// Needs the `sid` claim in its logout tokens.
    pub backchannel_logout_session_required: Option<bool>,
    /// May receive refresh tokens (`offline_access`): the `refresh_token`
    /// grant. Only for a client that signs users in.
    pub refresh_tokens: Option<bool>,
    /// Branding shown on the consent page; `Some("")` removes a link.
    pub logo_uri: Option<String>,
    pub client_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
    /// Replaces its JWK Set (public keys; `private_key_jwt`). A client with
    /// a secret gives it up: from then on only its keys authenticate it.
    pub jwks: Option<serde_json::Value>,
}

/// Longest branding URL accepted (`logo_uri`, `client_uri`, `policy_uri`,
/// `tos_uri`).
pub const MAX_BRANDING_URI: usize = 2000;

/// The longest client name, in characters.
pub const MAX_CLIENT_NAME: usize = 200;

/// Checks a client's name as people will read it on the consent page:
/// trimmed, 1 to [`MAX_CLIENT_NAME`] characters, and without control or
/// bidirectional-formatting characters, which could make one name look
/// like another (a self-registered "Company Sign-In" reversed in part, or
/// broken over lines).
pub fn check_client_name(raw: &str) -> Result<String, ManageError> {
    check_display_name("client name", raw, MAX_CLIENT_NAME)
}

/// Checks a name people will read (`what`: "client name", "API key
/// name"): trimmed, 1 to `max` characters, without control or
/// text-direction characters.
pub(crate) fn check_display_name(what: &str, raw: &str, max: usize) -> Result<String, ManageError> {
    let name = raw.trim();
    let count = name.chars().count();
    if count == 0 || count > max {
        return Err(ManageError::Invalid(format!(
            "the {what} must be 1 to {max} characters"
        )));
    }
    if name.chars().any(deceptive) {
        return Err(ManageError::Invalid(format!(
            "the {what} must not contain control or text-direction characters"
        )));
    }
    Ok(name.to_owned())
}

/// Whether `c` has no place in a name shown to others: a control
/// character, or a bidirectional-formatting one that can make a name read
/// as another.
pub(crate) fn deceptive(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refuses `role` a change to a client that holds or would hold the admin
/// scope (`latchkey:admin`): that client's client-credentials tokens act
/// as an administrator, so creating, editing, re-keying or deleting it is
/// administration, left to roles that may manage administrators (owners
/// and administrators). `scopes` are the client's current scopes and the
/// requested ones.
pub fn check_admin_scope(
    role: crate::domain::role::Role,
    scopes: &[&[String]],
) -> Result<(), String> {
    let admin_client = scopes.iter().any(|list| {
        list.iter()
            .any(|s| s.trim() == crate::oidc::claims::ADMIN_SCOPE)
    });
    if admin_client && !role.may_manage(Some(crate::domain::role::Role::Admin)) {
        return Err(format!(
            "the role {role} may not manage a client allowed the {} scope",
            crate::oidc::claims::ADMIN_SCOPE
        ));
    }
    Ok(())
}

/// Refuses `actor` a change to a client whose scopes are `current` (none
/// for a new client) and would be `requested`, when its role may not
/// manage a client allowed the admin scope ([`check_admin_scope`]). An
/// actor without a role (the command line, the server, a client on its own
/// registration) is not limited by roles.
pub(super) fn check_change_by(
    actor: &Actor,
    current: &[String],
    requested: &[String],
) -> Result<(), ManageError> {
    match actor.role {
        Some(role) => {
            check_admin_scope(role, &[current, requested]).map_err(ManageError::Forbidden)
        }
        None => Ok(()),
    }
}

/// The client `client_id` that `actor` is about to change (asking for the
/// scopes `requested`), or why not: missing, or refused to the actor's
/// role ([`check_change_by`]). Every operation that changes a client
/// (settings, claim mapping, allowed groups, keys, secret, logo,
/// deletion) starts here, so none can skip the rule whichever route calls it.
pub(super) async fn client_to_change(
    repos: &Repos,
    actor: &Actor,
    client_id: &str,
    requested: &[String],
) -> Result<Client, ManageError> {
    let client = find_client(repos, client_id).await?;
    check_change_by(actor, &client.scopes, requested)?;
    Ok(client)
}

/// Checks a back-channel logout URI (OpenID Connect Back-Channel Logout
/// 1.0 §2.2): empty means none; otherwise as a branding URL (absolute,
/// `https` or `http` on loopback, no credentials) and without a fragment.
pub fn check_backchannel_logout_uri(value: &str) -> Result<Option<String>, ManageError> {
    let field = "backchannel_logout_uri";
    let Some(uri) = check_branding_uri(field, value)? else {
        return Ok(None);
    };
    if uri.contains('#') {
        return Err(ManageError::Invalid(format!(
            "{field}: must not contain a fragment"
        )));
    }
    Ok(Some(uri))
}

/// Checks a branding URL (`field` names it in the message): empty means
/// none; otherwise an absolute `https` URL (`http` only for localhost and
/// loopback addresses), without credentials, spaces or control characters,
/// at most [`MAX_BRANDING_URI`] characters. Returns it normalized.
pub fn check_branding_uri(field: &str, value: &str) -> Result<Option<String>, ManageError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let invalid = |why: &str| Err(ManageError::Invalid(format!("{field}: {why}")));
    if value.len() > MAX_BRANDING_URI {
        return invalid(&format!("at most {MAX_BRANDING_URI} characters"));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return invalid("no spaces or control characters");
    }
    let Ok(url) = url::Url::parse(value) else {
        return invalid("an absolute URL such as https://app.example/");
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return invalid("an absolute URL with a host, such as https://app.example/"),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return invalid("must use https (http only for localhost)"),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return invalid("must not contain a user name or password");
    }
    let normalized = url.to_string();
    if normalized.len() > MAX_BRANDING_URI {
        return invalid(&format!("at most {MAX_BRANDING_URI} characters"));
    }
    Ok(Some(normalized))
}

/// Checks every branding URL of `raw`.
pub(super) fn check_branding(raw: &Branding) -> Result<Branding, ManageError> {
    let check = |field: &str, v: &Option<String>| match v {
        Some(v) => check_branding_uri(field, v),
        None => Ok(None),
    };
    Ok(Branding {
        logo_uri: check("logo_uri", &raw.logo_uri)?,
        client_uri: check("client_uri", &raw.client_uri)?,
        policy_uri: check("policy_uri", &raw.policy_uri)?,
        tos_uri: check("tos_uri", &raw.tos_uri)?,
    })
}

/// Parses and checks a claim mapping an administrator wrote (`None`: the
/// default mapping).
pub(super) fn parse_claim_mapping(
    value: Option<serde_json::Value>,
) -> Result<ClaimMapping, ManageError> {
    match value {
        None => Ok(ClaimMapping::default()),
        Some(v) => ClaimMapping::from_value(v).map_err(|e| ManageError::Invalid(e.0)),
    }
}

/// Checks the groups a client is restricted to: valid names, each an
/// existing group; sorted, without duplicates; empty names are dropped.
pub(super) async fn clean_allowed_groups(
    repos: &Repos,
    groups: &[String],
) -> Result<Vec<String>, ManageError> {
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| !g.trim().is_empty()) {
        let name = super::clean_group_name(g)?;
        if repos.groups.get(&name).await?.is_none() {
            return Err(ManageError::Invalid(format!("no group named {name:?}")));
        }
        out.push(name);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// A group deleted while a client was being restricted to it (the
/// repository writes nothing then).
pub(super) fn missing_group(e: DbError) -> ManageError {
    match e {
        DbError::NotFound => ManageError::Invalid(
            "one of the allowed groups no longer exists; reload and try again".into(),
        ),
        other => other.into(),
    }
}

/// Checks the JWK Set of a client (`None`: it has none); a public client
/// cannot have one.
pub(super) fn parse_jwks(
    public: bool,
    jwks: Option<&serde_json::Value>,
) -> Result<Option<ClientJwks>, ManageError> {
    let Some(jwks) = jwks.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    if public {
        return Err(ManageError::Invalid(
            "a public client cannot authenticate with keys (private_key_jwt)".into(),
        ));
    }
    ClientJwks::parse(jwks)
        .map(Some)
        .map_err(|e| ManageError::Invalid(e.to_string()))
}

/// Seals the secret of a `client_secret_jwt` client.
pub(super) fn seal_secret(
    master: Option<&crypto::MasterKey>,
    client_id: &ClientId,
    secret: &str,
) -> Result<String, ManageError> {
    let Some(master) = master else {
        return Err(ManageError::Refused(
            "client_secret_jwt needs the master key here".into(),
        ));
    };
    master
        .seal_client_secret(client_id.as_str(), secret)
        .map_err(|e| ManageError::Refused(e.to_string()))
}

/// Checks the extra browser origins of a client
/// ([`crate::domain::origin::check`]): normalized, sorted, without
/// duplicates; empty entries are dropped.
pub(super) fn clean_origins(origins: &[String]) -> Result<Vec<String>, ManageError> {
    let mut out = origins
        .iter()
        .filter(|o| !o.trim().is_empty())
        .map(|o| crate::domain::origin::check(o).map_err(ManageError::Invalid))
        .collect::<Result<Vec<_>, _>>()?;
    if out.len() > 100 {
        return Err(ManageError::Invalid(
            "at most 100 allowed origins per client".into(),
        ));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// How many back-channel logout deliveries a client's page shows.
pub const RECENT_LOGOUT_DELIVERIES: i64 = 20;

/// The latest back-channel logout deliveries to a client, newest first
/// (the admin client page's "Back-channel logout").
pub async fn recent_logout_deliveries(
    repos: &Repos,
    client_id: &str,
) -> Result<Vec<crate::db::LogoutDelivery>, crate::db::DbError> {
    repos
        .logout_deliveries
        .recent_for_client(client_id, RECENT_LOGOUT_DELIVERIES)
        .await
}

/// Finds a client or reports it missing.
pub async fn find_client(repos: &Repos, client_id: &str) -> Result<Client, ManageError> {
    repos
        .clients
        .get(client_id)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("client {client_id:?}")))
}

/// Parses the ID token algorithm an administrator chose.
pub(super) fn parse_id_token_alg(alg: &str) -> Result<SigningAlg, ManageError> {
    SigningAlg::parse(alg)
        .ok_or_else(|| ManageError::Invalid(format!("unsupported ID token algorithm {alg:?}")))
}

/// Trims, checks, sorts and deduplicates a list of scopes; empty entries
/// are dropped (so `[""]` clears the list).
pub(super) fn clean_scopes(scopes: &[String]) -> Result<Vec<String>, ManageError> {
    let mut out = Vec::new();
    for s in scopes {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        if s.len() > 100
            || !s
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
        {
            return Err(ManageError::Invalid(format!("invalid scope {s:?}")));
        }
        out.push(s.to_owned());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Changes a client; returns it as stored.
pub async fn update_client(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
    change: ClientChange,
) -> Result<Client, ManageError> {
    let requested = change.scopes.as_deref().unwrap_or_default();
    let mut client = client_to_change(repos, actor, client_id, requested).await?;
    let mut fields = Vec::new();
    if let Some(name) = change.name {
        let name = check_client_name(&name)?;
        if name != client.name {
            client.name = name;
            fields.push("name");
        }
    }
    if let Some(uris) = change.redirect_uris {
        let uris = uris
            .iter()
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
            .map(check_redirect_uri)
            .collect::<Result<Vec<_>, _>>()?;
        let signs_in = client.grant_types.contains(&GrantType::AuthorizationCode);
        if uris.is_empty() && signs_in {
            return Err(ManageError::Invalid(
                "a client that signs users in needs at least one redirect URI".into(),
            ));
        }
        // Redirect URIs are what signing users in needs (as at creation).
        if !uris.is_empty() && !signs_in {
            for g in [GrantType::AuthorizationCode, GrantType::RefreshToken] {
                if !client.grant_types.contains(&g) {
                    client.grant_types.push(g);
                }
            }
            fields.push("grant_types");
        }
        if uris != client.redirect_uris {
            client.redirect_uris = uris;
            fields.push("redirect_uris");
        }
    }
    if let Some(uris) = change.post_logout_redirect_uris {
        let uris = uris
            .iter()
            .map(|u| u.trim())
            .filter(|u| !u.is_empty())
            .map(check_redirect_uri)
            .collect::<Result<Vec<_>, _>>()?;
        if uris != client.post_logout_redirect_uris {
            client.post_logout_redirect_uris = uris;
            fields.push("post_logout_redirect_uris");
        }
    }
    if let Some(skip) = change.skip_consent
        && skip != client.skip_consent
    {
        client.skip_consent = skip;
        fields.push("skip_consent");
    }
    if let Some(on) = change.require_mfa
        && on != client.require_mfa
    {
        client.require_mfa = on;
        fields.push("require_mfa");
    }
    if let Some(public) = change.public
        && public != client.public
    {
        return Err(ManageError::Invalid(
            "a client cannot switch between public and confidential; register a new client".into(),
        ));
    }
    if let Some(rs) = change.resource_server
        && rs != client.resource_server
    {
        client.resource_server = rs;
        fields.push("resource_server");
    }
    if let Some(cc) = change.client_credentials {
        let has = client.grant_types.contains(&GrantType::ClientCredentials);
        if cc && client.public {
            return Err(ManageError::Invalid(
                "a public client cannot use client_credentials".into(),
            ));
        }
        if cc != has {
            if cc {
                client.grant_types.push(GrantType::ClientCredentials);
            } else {
                client
                    .grant_types
                    .retain(|&g| g != GrantType::ClientCredentials);
                if client.grant_types.is_empty() {
                    return Err(ManageError::Invalid(
                        "the client would have no grant left; give it a redirect URI first".into(),
                    ));
                }
            }
            fields.push("grant_types");
        }
    }
    if let Some(on) = change.device_grant
        && set_device_grant(&mut client, on)?
    {
        fields.push("grant_types");
    }
    if let Some(alg) = change.id_token_alg {
        let alg = parse_id_token_alg(&alg)?;
        if alg != client.id_token_alg {
            client.id_token_alg = alg;
            fields.push("id_token_alg");
        }
    }
    if let Some(on) = change.refresh_tokens {
        let has = client.grant_types.contains(&GrantType::RefreshToken);
        let signs_in = client.grant_types.contains(&GrantType::AuthorizationCode)
            || client.grant_types.contains(&GrantType::DeviceCode);
        if on && !signs_in {
            return Err(ManageError::Invalid(
                "refresh tokens need a client that signs users in; give it a redirect URI".into(),
            ));
        }
        if on != has {
            if on {
                client.grant_types.push(GrantType::RefreshToken);
            } else {
                client.grant_types.retain(|&g| g != GrantType::RefreshToken);
            }
            fields.push("grant_types");
        }
    }
    for (field, value, slot) in [
        ("logo_uri", change.logo_uri, &mut client.branding.logo_uri),
        (
            "client_uri",
            change.client_uri,
            &mut client.branding.client_uri,
        ),
        (
            "policy_uri",
            change.policy_uri,
            &mut client.branding.policy_uri,
        ),
        ("tos_uri", change.tos_uri, &mut client.branding.tos_uri),
    ] {
        if let Some(value) = value {
            let value = check_branding_uri(field, &value)?;
            if value != *slot {
                *slot = value;
                fields.push(field);
            }
        }
    }
    if let Some(scopes) = change.scopes {
        let scopes = clean_scopes(&scopes)?;
        if scopes != client.scopes {
            client.scopes = scopes;
            fields.push("scopes");
        }
    }
    if let Some(mapping) = change.claim_mapping {
        let mapping = parse_claim_mapping(Some(mapping))?;
        if mapping != client.claim_mapping {
            client.claim_mapping = mapping;
            fields.push("claim_mapping");
        }
    }
    if let Some(groups) = change.allowed_groups {
        let groups = clean_allowed_groups(repos, &groups).await?;
        if groups != client.allowed_groups {
            client.allowed_groups = groups;
            fields.push("allowed_groups");
        }
    }
    if let Some(jwks) = change.jwks
        && let Some(jwks) = parse_jwks(client.public, Some(&jwks))?
        && client.jwks.as_ref() != Some(&jwks)
    {
        if client.secret_hash.take().is_some() || client.secret_sealed.take().is_some() {
            fields.push("secret");
        }
        client.jwks = Some(jwks);
        fields.push("jwks");
    }
    if let Some(origins) = change.allowed_origins {
        let origins = clean_origins(&origins)?;
        if origins != client.allowed_origins {
            client.allowed_origins = origins;
            fields.push("allowed_origins");
        }
    }
    if let Some(par) = change.require_par
        && par != client.require_par
    {
        client.require_par = par;
        fields.push("require_par");
    }
    if let Some(dpop) = change.require_dpop
        && dpop != client.require_dpop
    {
        client.require_dpop = dpop;
        fields.push("require_dpop");
    }
    if let Some(uri) = change.backchannel_logout_uri {
        let uri = check_backchannel_logout_uri(&uri)?;
        if uri != client.backchannel_logout_uri {
            client.backchannel_logout_uri = uri;
            fields.push("backchannel_logout_uri");
        }
    }
    if let Some(required) = change.backchannel_logout_session_required
        && required != client.backchannel_logout_session_required
    {
        client.backchannel_logout_session_required = required;
        fields.push("backchannel_logout_session_required");
    }
    if fields.is_empty() {
        return Ok(client);
    }
    fields.sort_unstable();
    fields.dedup();
    client
        .grant_types
        .sort_by_key(|g| GrantType::ALL.iter().position(|a| a == g));
    client.updated_at = clock.now();
    repos.clients.update(&client).await.map_err(|e| match e {
        // The client was found above: a group vanished meanwhile, or the client did.
        DbError::NotFound if fields.contains(&"allowed_groups") => missing_group(e),
        DbError::NotFound => ManageError::NotFound(format!("client {client_id:?}")),
        other => other.into(),
    })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ClientUpdated,
        Some(client_id),
        serde_json::json!({"fields": fields, "scopes": client.scopes, "resource_server": client.resource_server, "claim_mapping": client.claim_mapping, "allowed_groups": client.allowed_groups, "token_endpoint_auth_method": client.auth_method().as_str(), "kids": client.jwks.as_ref().map(ClientJwks::key_ids), "allowed_origins": client.allowed_origins, "require_mfa": client.require_mfa, "require_par": client.require_par, "require_dpop": client.require_dpop, "backchannel_logout_uri": client.backchannel_logout_uri}),
    )
    .await;
    Ok(client)
}

/// Replaces a client's JWK Set (`private_key_jwt`); a client with a secret
/// gives it up. Audited as a `client.updated` with the field `jwks`.
pub async fn replace_client_keys(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
    jwks: serde_json::Value,
) -> Result<Client, ManageError> {
    update_client(
        repos,
        clock,
        actor,
        client_id,
        ClientChange {
            jwks: Some(jwks),
            ..ClientChange::default()
        },
    )
    .await
}

/// Turns the device grant on or off. Turning it on gives a client that
/// signed nobody in yet refresh tokens too (as at creation); turning it off
/// takes them from a client left without a grant that signs users in, and
/// is refused when no grant would be left. `true` when it changed.
fn set_device_grant(client: &mut Client, on: bool) -> Result<bool, ManageError> {
    let has = client.grant_types.contains(&GrantType::DeviceCode);
    if on == has {
        return Ok(false);
    }
    let signed_in = client.grant_types.contains(&GrantType::AuthorizationCode);
    if on {
        client.grant_types.push(GrantType::DeviceCode);
        if !signed_in && !client.grant_types.contains(&GrantType::RefreshToken) {
            client.grant_types.push(GrantType::RefreshToken);
        }
        return Ok(true);
    }
    client.grant_types.retain(|&g| g != GrantType::DeviceCode);
    if !signed_in {
        client.grant_types.retain(|&g| g != GrantType::RefreshToken);
    }
    if client.grant_types.is_empty() {
        return Err(ManageError::Invalid(
            "the client would have no grant left; give it a redirect URI first".into(),
        ));
    }
    Ok(true)
}

/// Replaces a confidential client's secret; the new one is returned once.
/// `master` seals the secret of a `client_secret_jwt` client.
pub async fn rotate_client_secret(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
    master: &crypto::MasterKey,
) -> Result<String, ManageError> {
    let mut client = client_to_change(repos, actor, client_id, &[]).await?;
    match client.auth_method() {
        AuthMethod::None => {
            return Err(ManageError::Invalid(
                "a public client has no secret to rotate".into(),
            ));
        }
        AuthMethod::PrivateKeyJwt => {
            return Err(ManageError::Invalid(
                "this client authenticates with its keys (private_key_jwt) and has no secret; replace its JWK Set instead".into(),
            ));
        }
        AuthMethod::ClientSecretBasic | AuthMethod::ClientSecretJwt => {}
    }
    let secret = crypto::new_secret();
    if client.secret_sealed.is_some() {
        client.secret_sealed = Some(seal_secret(Some(master), &client.client_id, &secret)?);
    } else {
        client.secret_hash = Some(crypto::hash_secret(&secret));
    }
    client.updated_at = clock.now();
    repos.clients.update(&client).await?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ClientSecretRotated,
        Some(client_id),
        serde_json::json!({}),
    )
    .await;
    Ok(secret)
}
