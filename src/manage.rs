//! Management operations shared by the CLI, the admin UI and the admin API:
//! validation, the write, and the audit event, in one place.

use crate::audit::{self, Event};
use serde::Serialize;

use crate::clock::Clock;
use crate::crypto;
use crate::db::{Client, DbError, Invite, NewUser, OwnerChange, Profile, Repos, User};
use crate::domain::client_id::ClientId;
use crate::domain::grant_type::{GrantType, UnknownGrantType};
use crate::domain::role::Role;
use crate::domain::signing_alg::SigningAlg;
use crate::domain::username;

mod account;
pub mod api_keys;
mod attributes;
mod client_logos;
mod clients;
mod credentials;
mod email;
mod groups;
mod invites;
mod keys;
mod recovery;
mod recovery_codes;
pub mod registration;
mod registration_tokens;
mod roles;
mod second_factors;
mod signup;
mod users;

pub use account::{connected_apps, revoke_connected_app, sign_out_everywhere};
pub use api_keys::{ApiKeyError, CreateApiKey, CreatedApiKey, create_api_key, revoke_api_key};
pub use attributes::{get_group_attributes, set_group_attributes, set_user_attributes};
pub use client_logos::{remove_client_logo, set_client_logo};
pub use clients::{
    ClientChange, MAX_BRANDING_URI, check_admin_scope, check_backchannel_logout_uri,
    check_branding_uri, check_client_name, find_client, recent_logout_deliveries,
    replace_client_keys, rotate_client_secret, update_client,
};
pub use credentials::{
    change_password, end_session, live_sessions, remove_passkey, remove_passkey_of_user,
    remove_password, rename_passkey, sign_in_methods,
};
pub use email::{
    EMAIL_VERIFICATION_TTL, EmailLink, confirm_email, email_link, for_account,
    send_email_verification,
};
pub use groups::{
    clean_group_description, clean_group_name, create_group, create_group_with_policy,
    delete_group, describe_group, find_group, group_members, rename_group, set_group_require_mfa,
};
pub use invites::{
    BOOTSTRAP_TTL, InviteStatus, LinkKind, bootstrap_admin_invite, email_invite, mail_recipient,
    revoke_invite,
};
pub use keys::{list_keys, rotate_key};
pub use recovery::{
    RECOVERY_LINK_TTL, RECOVERY_REQUEST_WINDOW, RECOVERY_REQUESTS_PER_ACCOUNT, cancel_recovery,
    pending_recoveries, request_recovery,
};
pub use recovery_codes::{
    RECOVERY_CODE_LINK_TTL, create_recovery_codes, recovery_codes_left, remove_recovery_codes,
    use_recovery_code,
};
pub use registration_tokens::{
    CreateRegistrationToken, CreatedRegistrationToken, create_registration_token,
    revoke_registration_token,
};
pub use roles::{
    check_may_grant, check_may_manage, check_may_revoke_invite, refuse_last_owner, set_role,
};
pub use second_factors::{
    confirm_authenticator, regenerate_backup_codes, remove_own_second_factor, reset_second_factor,
};
pub use signup::{
    SIGNUP_LINK_TTL, SIGNUP_MAILS_PER_ADDRESS, SIGNUP_PENDING_TTL, SIGNUP_VERIFY_TTL, SignupForm,
    SignupLink, approve_signup, check_signup, reject_signup, request_signup, signup_link,
    verify_signup,
};
pub use users::{
    ProfileChange, apply_profile_change, create_recovery_invite, refuse_self, rename_user,
    set_groups, update_profile,
};

/// Why a management operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0} already exists")]
    Conflict(String),
    #[error("{0} not found")]
    NotFound(String),
    /// The operation is understood but not allowed in the current state.
    #[error("{0}")]
    Refused(String),
    /// The caller's role does not allow this operation on this target
    /// (403 in the admin UI and API).
    #[error("{0}")]
    Forbidden(String),
    #[error("database error: {0}")]
    Db(DbError),
    /// Password hashing is saturated; try again shortly.
    #[error(transparent)]
    Busy(#[from] crate::auth::password::Busy),
}

impl From<crate::auth::password::HashError> for ManageError {
    fn from(e: crate::auth::password::HashError) -> Self {
        match e {
            crate::auth::password::HashError::Busy(b) => Self::Busy(b),
            crate::auth::password::HashError::Failed(m) => Self::Invalid(m),
        }
    }
}

impl From<DbError> for ManageError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Conflict(what) => Self::Conflict(what.to_owned()),
            DbError::NotFound => Self::NotFound("record".into()),
            other => Self::Db(other),
        }
    }
}

pub use crate::audit::Actor;

/// Input for creating a user.
#[derive(Debug, Clone, Default)]
pub struct CreateUser {
    pub username: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub groups: Vec<String>,
    /// The administrative role, if any.
    pub role: Option<Role>,
    pub password: Option<String>,
}

/// The role asked for by name (`role`) or by the older switch `admin`
/// (the role `admin`); the name wins.
pub fn requested_role(admin: bool, role: Option<&str>) -> Result<Option<Role>, ManageError> {
    match role.map(str::trim).filter(|r| !r.is_empty()) {
        Some(name) => name
            .parse()
            .map(Some)
            .map_err(|e: crate::domain::role::UnknownRole| ManageError::Invalid(e.to_string())),
        None => Ok(admin.then_some(Role::Admin)),
    }
}

/// The role given on the command line: `--role`, or `--admin`, which makes
/// the first administrator (while no active owner exists) an owner and
/// later ones administrators.
pub async fn command_line_role(
    repos: &Repos,
    admin: bool,
    role: Option<&str>,
) -> Result<Option<Role>, ManageError> {
    match requested_role(admin, role)? {
        Some(Role::Admin) if role.is_none() && !repos.users.any_owner().await? => {
            Ok(Some(Role::Owner))
        }
        other => Ok(other),
    }
}

fn clean_groups(groups: &[String]) -> Result<Vec<String>, ManageError> {
    let mut out = Vec::new();
    for g in groups {
        out.push(clean_group_name(g)?);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn clean_email(email: Option<&str>) -> Result<Option<String>, ManageError> {
    match email.map(str::trim).filter(|e| !e.is_empty()) {
        None => Ok(None),
        Some(e)
            if e.len() <= 254
                && e.split_once('@').is_some_and(|(l, d)| {
                    !l.is_empty() && d.contains('.') && !d.starts_with('.')
                })
                && !e.chars().any(char::is_whitespace) =>
        {
            Ok(Some(e.to_owned()))
        }
        Some(e) => Err(ManageError::Invalid(format!(
            "{e:?} is not an email address"
        ))),
    }
}

/// Creates a user (and its password, when given).
pub async fn create_user(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    input: CreateUser,
) -> Result<User, ManageError> {
    let name = username::parse(&input.username).map_err(|e| ManageError::Invalid(e.to_string()))?;
    let groups = clean_groups(&input.groups)?;
    let email = clean_email(input.email.as_deref())?;
    let hash = match &input.password {
        Some(pw) => {
            crate::auth::password::check_policy(pw, &name)
                .map_err(|e| ManageError::Invalid(e.to_string()))?;
            Some(crate::auth::password::hash(pw.clone()).await?)
        }
        None => None,
    };
    let new = NewUser {
        userid: None,
        username: name.clone(),
        profile: Profile {
            email,
            name: input.name.filter(|n| !n.trim().is_empty()),
            ..Profile::default()
        },
        groups,
        role: input.role,
    };
    let user = repos
        .users
        .create(new, clock.now())
        .await
        .map_err(|e| match e {
            DbError::Conflict("username") => ManageError::Conflict(format!("username {name:?}")),
            other => other.into(),
        })?;
    if let Some(hash) = hash {
        repos
            .passwords
            .set(&user.userid, &hash, clock.now())
            .await?;
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::UserCreated,
        Some(&user.userid),
        serde_json::json!({"username": user.username, "groups": user.groups, "role": user.role}),
    )
    .await;
    Ok(user)
}

/// Finds a user by username or userid.
pub async fn find_user(repos: &Repos, name: &str) -> Result<User, ManageError> {
    if let Some(u) = repos
        .users
        .get_by_username(&name.trim().to_ascii_lowercase())
        .await?
    {
        return Ok(u);
    }
    repos
        .users
        .get(name)
        .await?
        .ok_or_else(|| ManageError::NotFound(format!("user {name:?}")))
}

/// Enables or disables a user; disabling ends their sessions and revokes
/// their refresh-token families and access tokens.
pub async fn set_user_active(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
    active: bool,
) -> Result<(), ManageError> {
    if active {
        repos
            .users
            .set_active(&user.userid, true, clock.now())
            .await?;
    } else {
        refuse_last_owner(repos, user, "disabled").await?;
        if !repos
            .users
            .change_keeping_an_owner(&user.userid, OwnerChange::Disable, clock.now())
            .await?
        {
            return Err(roles::last_owner(user, "disabled"));
        }
    }
    if !active {
        crate::auth::revoke::revoke_everything(repos, clock, &user.userid, None).await?;
    }
    let event = if active {
        Event::UserEnabled
    } else {
        Event::UserDisabled
    };
    audit::record(
        repos,
        clock,
        actor,
        event,
        Some(&user.userid),
        serde_json::json!({"username": user.username}),
    )
    .await;
    Ok(())
}

/// Deletes a user and everything that hangs off them; their access tokens
/// are revoked (the revocation outlives the user).
pub async fn delete_user(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    user: &User,
) -> Result<(), ManageError> {
    refuse_last_owner(repos, user, "deleted").await?;
    crate::auth::revoke::revoke_everything(repos, clock, &user.userid, None).await?;
    if !repos
        .users
        .change_keeping_an_owner(&user.userid, OwnerChange::Delete, clock.now())
        .await?
    {
        return Err(roles::last_owner(user, "deleted"));
    }
    audit::record(
        repos,
        clock,
        actor,
        Event::UserDeleted,
        Some(&user.userid),
        serde_json::json!({"username": user.username}),
    )
    .await;
    Ok(())
}

/// Input for registering a client.
#[derive(Debug, Clone, Default)]
pub struct CreateClient {
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub public: bool,
    pub skip_consent: bool,
    /// Admits only sessions at `acr` "2" (a second factor or a passkey).
    pub require_mfa: bool,
    pub id_token_alg: Option<String>,
    /// Extra grants beyond authorization_code and refresh_token (e.g.
    /// client_credentials, or the device grant by its URN
    /// [`crate::domain::grant_type::DEVICE_CODE`]).
    pub extra_grants: Vec<String>,
    /// Extra scopes the client may request beyond the user scopes
    /// (`latchkey:admin` only by an administrator's explicit choice).
    pub scopes: Vec<String>,
    /// May introspect tokens issued to other clients.
    pub resource_server: bool,
    /// Its claim mapping as JSON (`None`: the default claims); see
    /// [`crate::domain::claim_mapping::ClaimMapping`].
    pub claim_mapping: Option<serde_json::Value>,
    /// Only members of these (existing) groups may sign in to it; empty:
    /// everyone. Empty names are ignored.
    pub allowed_groups: Vec<String>,
    /// `Some(false)`: no refresh tokens (`offline_access` is refused);
    /// otherwise a client with a redirect URI may receive them.
    pub refresh_tokens: Option<bool>,
    /// Branding URLs as given (checked here; empty ones are dropped).
    pub branding: crate::db::Branding,
    /// Its JWK Set (public keys): the client authenticates with
    /// `private_key_jwt` and gets no secret.
    pub jwks: Option<serde_json::Value>,
    /// Authenticates with `client_secret_jwt`: its secret is stored sealed
    /// (needs [`create_client_with`] and the master key) and serves for
    /// nothing else.
    pub client_secret_jwt: bool,
    /// Browser origins allowed by CORS besides those of its redirect URIs
    /// (`scheme://host[:port]`; empty entries are dropped).
    pub allowed_origins: Vec<String>,
    /// Its authorization requests must be pushed (RFC 9126).
    pub require_par: bool,
    /// Its tokens must be DPoP-bound (RFC 9449).
    pub require_dpop: bool,
    /// Receives back-channel logout tokens (https, or http on loopback;
    /// empty: none). Only an administrator registers one.
    pub backchannel_logout_uri: Option<String>,
    /// Needs the `sid` claim in its logout tokens.
    pub backchannel_logout_session_required: bool,
}

/// The names for [`CreateClient::extra_grants`] of the client_credentials
/// and device grant switches of the CLI, the admin UI and the admin API.
#[must_use]
pub fn extra_grants(client_credentials: bool, device_grant: bool) -> Vec<String> {
    let mut grants = Vec::new();
    if client_credentials {
        grants.push(GrantType::ClientCredentials.as_str().to_owned());
    }
    if device_grant {
        grants.push(GrantType::DeviceCode.as_str().to_owned());
    }
    grants
}

/// A client just registered, with its secret shown once.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedClient {
    pub client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    pub redirect_uris: Vec<String>,
    /// The groups whose members may sign in to it (empty: everyone).
    pub allowed_groups: Vec<String>,
    /// How it authenticates at the token endpoint (RFC 7591 name).
    pub token_endpoint_auth_method: String,
}

/// Checks a redirect URI for registration ([`crate::domain::redirect_uri`]).
pub fn check_redirect_uri(uri: &str) -> Result<String, ManageError> {
    crate::domain::redirect_uri::check(uri).map_err(|e| ManageError::Invalid(e.to_string()))
}

/// Registers a client (one with `client_secret_jwt` needs
/// [`create_client_with`]).
pub async fn create_client(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    input: CreateClient,
) -> Result<CreatedClient, ManageError> {
    create_client_with(repos, clock, actor, input, None).await
}

/// Registers a client; `master` seals the secret of a `client_secret_jwt`
/// client.
pub async fn create_client_with(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    input: CreateClient,
    master: Option<&crypto::MasterKey>,
) -> Result<CreatedClient, ManageError> {
    clients::check_change_by(actor, &[], &input.scopes)?;
    let name = clients::check_client_name(&input.name)?;
    let redirect_uris = input
        .redirect_uris
        .iter()
        .map(|u| check_redirect_uri(u))
        .collect::<Result<Vec<_>, _>>()?;
    let post_logout = input
        .post_logout_redirect_uris
        .iter()
        .map(|u| check_redirect_uri(u))
        .collect::<Result<Vec<_>, _>>()?;
    let mut grant_types = Vec::new();
    // A client signs users in through redirects or through the device
    // grant (RFC 8628); either may receive refresh tokens.
    let device = input
        .extra_grants
        .iter()
        .any(|g| g == crate::domain::grant_type::DEVICE_CODE);
    if !redirect_uris.is_empty() {
        grant_types.push(GrantType::AuthorizationCode);
    }
    if !redirect_uris.is_empty() || device {
        if input.refresh_tokens != Some(false) {
            grant_types.push(GrantType::RefreshToken);
        }
    } else if input.refresh_tokens == Some(true) {
        return Err(ManageError::Invalid(
            "refresh tokens need a client that signs users in; give it a redirect URI".into(),
        ));
    }
    for name in &input.extra_grants {
        let g: GrantType = name
            .parse()
            .map_err(|e: UnknownGrantType| ManageError::Invalid(e.to_string()))?;
        if g == GrantType::ClientCredentials && input.public {
            return Err(ManageError::Invalid(
                "a public client cannot use client_credentials".into(),
            ));
        }
        if !grant_types.contains(&g) {
            grant_types.push(g);
        }
    }
    if grant_types.is_empty() {
        return Err(ManageError::Invalid(
            "give at least one redirect URI (or the client_credentials or device grant)".into(),
        ));
    }
    let id_token_alg = match input.id_token_alg.as_deref() {
        None => SigningAlg::RS256,
        Some(alg) => clients::parse_id_token_alg(alg)?,
    };
    // Never starting with '-', so the id works as a command-line argument
    // (`latchkey client update ID`); one draw in 64 is drawn again.
    let fresh = std::iter::repeat_with(|| crypto::random_token(18))
        .find(|id| !id.starts_with('-'))
        .unwrap_or_default();
    let client_id = ClientId::parse(&fresh)
        .map_err(|e| ManageError::Invalid(format!("a fresh client id was refused: {e}")))?;
    let claim_mapping = clients::parse_claim_mapping(input.claim_mapping)?;
    let allowed_groups = clients::clean_allowed_groups(repos, &input.allowed_groups).await?;
    let jwks = clients::parse_jwks(input.public, input.jwks.as_ref())?;
    if input.client_secret_jwt && (input.public || jwks.is_some()) {
        return Err(ManageError::Invalid(
            "client_secret_jwt is for a confidential client with a secret, not with keys".into(),
        ));
    }
    let secret = (!input.public && jwks.is_none()).then(crypto::new_secret);
    let secret_sealed = match (&secret, input.client_secret_jwt) {
        (Some(secret), true) => Some(clients::seal_secret(master, &client_id, secret)?),
        _ => None,
    };
    let now = clock.now();
    let client = Client {
        client_id: client_id.clone(),
        name,
        // A client_secret_jwt secret is kept sealed only: it cannot be
        // used as a plain secret.
        secret_hash: secret
            .as_deref()
            .filter(|_| secret_sealed.is_none())
            .map(crypto::hash_secret),
        secret_sealed,
        jwks,
        public: input.public,
        redirect_uris: redirect_uris.clone(),
        post_logout_redirect_uris: post_logout,
        grant_types,
        scopes: clients::clean_scopes(&input.scopes)?,
        skip_consent: input.skip_consent,
        require_mfa: input.require_mfa,
        resource_server: input.resource_server,
        id_token_alg,
        claim_mapping,
        allowed_groups,
        allowed_origins: clients::clean_origins(&input.allowed_origins)?,
        require_par: input.require_par,
        require_dpop: input.require_dpop,
        backchannel_logout_uri: match input.backchannel_logout_uri.as_deref() {
            Some(uri) => clients::check_backchannel_logout_uri(uri)?,
            None => None,
        },
        backchannel_logout_session_required: input.backchannel_logout_session_required,
        branding: clients::check_branding(&input.branding)?,
        created_at: now,
        updated_at: now,
    };
    repos
        .clients
        .create(&client)
        .await
        .map_err(clients::missing_group)?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ClientCreated,
        Some(&client_id),
        serde_json::json!({"name": client.name, "scopes": client.scopes, "resource_server": client.resource_server, "claim_mapping": client.claim_mapping, "allowed_groups": client.allowed_groups, "token_endpoint_auth_method": client.auth_method().as_str(), "kids": client.jwks.as_ref().map(crate::domain::client_jwks::ClientJwks::key_ids), "allowed_origins": client.allowed_origins, "require_mfa": client.require_mfa, "require_par": client.require_par, "require_dpop": client.require_dpop, "backchannel_logout_uri": client.backchannel_logout_uri}),
    )
    .await;
    Ok(CreatedClient {
        client_id: client_id.into(),
        client_secret: secret,
        redirect_uris,
        token_endpoint_auth_method: client.auth_method().as_str().to_owned(),
        allowed_groups: client.allowed_groups,
    })
}

/// Deletes a client.
pub async fn delete_client(
    repos: &Repos,
    clock: &dyn Clock,
    actor: &Actor,
    client_id: &str,
) -> Result<(), ManageError> {
    clients::client_to_change(repos, actor, client_id, &[]).await?;
    repos.clients.delete(client_id).await.map_err(|e| match e {
        DbError::NotFound => ManageError::NotFound(format!("client {client_id:?}")),
        other => other.into(),
    })?;
    audit::record(
        repos,
        clock,
        actor,
        Event::ClientDeleted,
        Some(client_id),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}

/// Input for an invite.
#[derive(Debug, Clone, Default)]
pub struct CreateInvite {
    pub username: String,
    pub email: Option<String>,
    pub groups: Vec<String>,
    /// The administrative role the new account gets, if any.
    pub role: Option<Role>,
    pub ttl_seconds: i64,
    pub note: Option<String>,
    /// For a recovery invite: the existing user.
    pub userid: Option<String>,
}

/// An invite just created: the link is shown once.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedInvite {
    #[serde(skip)]
    pub id: String,
    pub url: String,
    pub expires_at: String,
}

pub use crate::clock::rfc3339;

/// Creates a magic-link invite; only the token's hash is stored.
pub async fn create_invite(
    repos: &Repos,
    clock: &dyn Clock,
    issuer: &str,
    actor: &Actor,
    input: CreateInvite,
) -> Result<CreatedInvite, ManageError> {
    create_invite_with(repos, clock, issuer, actor, input, LinkTerms::default()).await
}

/// When a link takes effect, and whether its holder asked for it signed out.
#[derive(Debug, Clone, Default)]
pub(crate) struct LinkTerms {
    /// Seconds from now before the link works (its lifetime counts from then).
    pub delay_seconds: i64,
    /// Asked for by someone signed out ("Lost your passkey?", or, for a
    /// new account, self-registration).
    pub self_service: bool,
    /// The display name of the account it creates (self-registration).
    pub name: Option<String>,
}

/// [`create_invite`] with a cooling-off delay and the self-service mark.
pub(crate) async fn create_invite_with(
    repos: &Repos,
    clock: &dyn Clock,
    issuer: &str,
    actor: &Actor,
    input: CreateInvite,
    terms: LinkTerms,
) -> Result<CreatedInvite, ManageError> {
    let name = username::parse(&input.username).map_err(|e| ManageError::Invalid(e.to_string()))?;
    if input.userid.is_none() && repos.users.get_by_username(&name).await?.is_some() {
        return Err(ManageError::Conflict(format!("username {name:?}")));
    }
    // Self-registration never takes a username a live invite holds (an
    // administrator's may: re-inviting someone whose link was lost).
    if input.userid.is_none()
        && terms.self_service
        && repos.invites.username_reserved(&name, clock.now()).await?
    {
        return Err(ManageError::Conflict(format!("username {name:?}")));
    }
    if input.ttl_seconds < 60 || input.ttl_seconds > 90 * 86_400 {
        return Err(ManageError::Invalid(
            "the invite lifetime must be between 1 minute and 90 days".into(),
        ));
    }
    let delay = terms.delay_seconds.clamp(0, 90 * 86_400);
    let groups = clean_groups(&input.groups)?;
    let email = clean_email(input.email.as_deref())?;
    let token = crypto::new_secret();
    let now = clock.now();
    let invite = Invite {
        id: crypto::new_id(),
        token_hash: crypto::hash_secret(&token),
        username: name,
        email,
        groups,
        role: input.role,
        userid: input.userid,
        allow_password: true,
        note: input.note,
        created_by: Some(actor.id.clone()),
        created_at: now,
        expires_at: now + delay + input.ttl_seconds,
        used_at: None,
        revoked_at: None,
        usable_from: (delay > 0).then_some(now + delay),
        self_service: terms.self_service,
        name: terms.name,
    };
    repos.invites.create(&invite).await?;
    audit::record(repos, clock, actor, Event::InviteCreated, Some(&invite.id), serde_json::json!({"username": invite.username, "admin": invite.role.is_some(), "role": invite.role, "recovery": invite.userid.is_some()})).await;
    Ok(CreatedInvite {
        id: invite.id,
        url: format!("{issuer}/invite/{token}"),
        expires_at: rfc3339(invite.expires_at),
    })
}
