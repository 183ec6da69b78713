//! Request and response bodies of the admin API (the OpenAPI schemas).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::{
    AuditEvent, AuditFilter, Client, Group, Invite, PasskeyRecord, RegistrationToken, Session, User,
};
use crate::manage::{InviteStatus, rfc3339};

/// Paging of list endpoints.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// How many items to skip (default 0).
    pub offset: Option<i64>,
    /// How many items to return (default 50, at most 200).
    pub limit: Option<i64>,
}

/// Largest page.
pub const MAX_LIMIT: i64 = 200;

impl Paging {
    /// The validated offset and limit.
    pub fn resolve(&self) -> Result<(i64, i64), super::error::ApiError> {
        let offset = self.offset.unwrap_or(0);
        let limit = self.limit.unwrap_or(50);
        if offset < 0 || !(1..=MAX_LIMIT).contains(&limit) {
            return Err(super::error::ApiError::bad_request(format!(
                "offset must be >= 0 and limit between 1 and {MAX_LIMIT}"
            )));
        }
        Ok((offset, limit))
    }
}

/// A page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PageOf<T: ToSchema> {
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: i64,
    pub offset: i64,
    pub limit: i64,
}

/// A user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserOut {
    /// Stable id: the OIDC `sub`.
    pub userid: String,
    pub username: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    pub email_verified: bool,
    pub phone: Option<String>,
    pub phone_verified: bool,
    pub picture: Option<String>,
    pub locale: Option<String>,
    pub groups: Vec<String>,
    /// Custom attributes (names to JSON values); the user's own, which win
    /// over those of their groups.
    #[schema(value_type = Object)]
    pub attributes: serde_json::Value,
    /// Whether the user holds an administrative role (any of them).
    pub admin: bool,
    /// `owner`, `admin`, `user-manager`, `client-manager`, `auditor`, or
    /// null.
    pub role: Option<String>,
    pub active: bool,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// The user's second factors.
    pub second_factor: SecondFactorOut,
    /// Unused recovery codes (self-service recovery; removed with
    /// `DELETE /api/admin/v1/users/{userid}/recovery-codes`).
    pub recovery_codes_left: u32,
}

/// What second factors a user has.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct SecondFactorOut {
    /// An authenticator app (TOTP) is set up and confirmed.
    pub totp: bool,
    /// Unused backup codes.
    pub backup_codes_left: u32,
}

impl UserOut {
    /// The representation of `u`, whose second factors are `second_factor`
    /// and who has `recovery_codes_left` recovery codes.
    #[must_use]
    pub fn new(
        u: User,
        second_factor: crate::auth::second_factor::Status,
        recovery_codes_left: u32,
    ) -> Self {
        let admin = u.is_admin();
        let role = u.role.map(|r| r.as_str().to_owned());
        let p = u.profile;
        Self {
            userid: u.userid,
            username: u.username.into(),
            name: p.name,
            given_name: p.given_name,
            family_name: p.family_name,
            nickname: p.nickname,
            email: p.email,
            email_verified: p.email_verified,
            phone: p.phone,
            phone_verified: p.phone_verified,
            picture: p.picture,
            locale: p.locale,
            groups: u.groups,
            attributes: serde_json::Value::Object(u.attributes),
            admin,
            role,
            active: u.active,
            created_at: rfc3339(u.created_at),
            updated_at: rfc3339(u.updated_at),
            second_factor: SecondFactorOut {
                totp: second_factor.totp,
                backup_codes_left: second_factor.backup_codes_left,
            },
            recovery_codes_left,
        }
    }
}

/// A new user.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserIn {
    pub username: String,
    pub email: Option<String>,
    /// Full name.
    pub name: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    /// Makes the user an administrator (role `admin`); see `role`.
    #[serde(default)]
    pub admin: bool,
    /// The administrative role: `owner`, `admin`, `user-manager`,
    /// `client-manager` or `auditor` (wins over `admin`).
    pub role: Option<String>,
    /// An initial password (otherwise send the user a recovery invite).
    pub password: Option<String>,
}

/// Changes to a user; absent fields stay as they are, `""` clears a claim.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserIn {
    pub username: Option<String>,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub nickname: Option<String>,
    /// A changed email becomes unverified unless `email_verified` is sent.
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub phone: Option<String>,
    pub phone_verified: Option<bool>,
    pub picture: Option<String>,
    pub locale: Option<String>,
}

/// A user's groups (replaces them all).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupsIn {
    pub groups: Vec<String>,
}

/// A user's administrative role: `owner`, `admin`, `user-manager`,
/// `client-manager`, `auditor`, or `null` for none.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// The role, or `null` to take it away; required (a body without it is
    /// refused rather than read as "no role").
    #[schema(example = "auditor")]
    #[serde(deserialize_with = "Option::deserialize")]
    pub role: Option<String>,
}

/// Search and paging for users.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Matches username, name or email.
    pub q: Option<String>,
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

/// A relying party.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientOut {
    pub client_id: String,
    pub name: String,
    pub public: bool,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub grant_types: Vec<String>,
    /// Extra scopes the client may request beyond the user scopes;
    /// `latchkey:admin` here means an administrator allowed it the admin API.
    pub scopes: Vec<String>,
    pub skip_consent: bool,
    /// Admits only sessions at `acr` "2" (a second factor or a passkey).
    pub require_mfa: bool,
    /// May introspect tokens issued to other clients.
    pub resource_server: bool,
    pub id_token_alg: String,
    /// Which attributes it receives in which claims, what its
    /// `preferred_username` is and how its groups claim looks (`{}`: the
    /// default claims).
    #[schema(value_type = Object)]
    pub claim_mapping: serde_json::Value,
    /// Only members of these groups may sign in to it; empty: everyone.
    pub allowed_groups: Vec<String>,
    /// May use the device authorization grant (RFC 8628; its grant type
    /// is then in `grant_types`).
    pub device_grant: bool,
    /// Browser origins allowed by CORS besides those of its redirect URIs
    /// (which are always allowed when `https`, or `http` on loopback).
    pub allowed_origins: Vec<String>,
    /// Its authorization requests must be pushed (RFC 9126).
    pub require_par: bool,
    /// Its tokens must be DPoP-bound (RFC 9449).
    pub require_dpop: bool,
    /// Where back-channel logout tokens are POSTed; `null`: none.
    pub backchannel_logout_uri: Option<String>,
    /// Its logout tokens must carry the `sid` claim.
    pub backchannel_logout_session_required: bool,
    /// Its logo (never loaded by Latchkey's pages).
    pub logo_uri: Option<String>,
    /// Its homepage, linked on the consent page.
    pub client_uri: Option<String>,
    /// Its privacy policy, linked on the consent page.
    pub policy_uri: Option<String>,
    /// Its terms of service, linked on the consent page.
    pub tos_uri: Option<String>,
    /// How it authenticates at the token, revocation and introspection
    /// endpoints: `none` (public), `client_secret_basic` (a secret, sent
    /// with Basic or as `client_secret_post`), `client_secret_jwt` or
    /// `private_key_jwt`.
    pub token_endpoint_auth_method: String,
    /// Its JWK Set (public keys only) for `private_key_jwt`; `null` otherwise.
    #[schema(value_type = Option<Object>)]
    pub jwks: Option<serde_json::Value>,
    /// It registered itself at `/register` (RFC 7591) rather than being
    /// registered by an administrator.
    pub registered: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl ClientOut {
    /// Marks whether the client registered itself (dynamic registration).
    #[must_use]
    pub fn registered(mut self, registered: bool) -> Self {
        self.registered = registered;
        self
    }
}

impl From<Client> for ClientOut {
    fn from(c: Client) -> Self {
        let token_endpoint_auth_method = c.auth_method().as_str().to_owned();
        Self {
            client_id: c.client_id.into(),
            name: c.name,
            public: c.public,
            redirect_uris: c.redirect_uris,
            post_logout_redirect_uris: c.post_logout_redirect_uris,
            grant_types: c.grant_types.iter().map(ToString::to_string).collect(),
            scopes: c.scopes,
            skip_consent: c.skip_consent,
            require_mfa: c.require_mfa,
            resource_server: c.resource_server,
            id_token_alg: c.id_token_alg.to_string(),
            claim_mapping: serde_json::to_value(&c.claim_mapping)
                .unwrap_or_else(|_| serde_json::json!({})),
            allowed_groups: c.allowed_groups,
            device_grant: c
                .grant_types
                .contains(&crate::domain::grant_type::GrantType::DeviceCode),
            allowed_origins: c.allowed_origins,
            require_par: c.require_par,
            require_dpop: c.require_dpop,
            backchannel_logout_uri: c.backchannel_logout_uri,
            backchannel_logout_session_required: c.backchannel_logout_session_required,
            logo_uri: c.branding.logo_uri,
            client_uri: c.branding.client_uri,
            policy_uri: c.branding.policy_uri,
            tos_uri: c.branding.tos_uri,
            token_endpoint_auth_method,
            jwks: c.jwks.as_ref().map(|j| j.as_value().clone()),
            registered: false,
            created_at: rfc3339(c.created_at),
            updated_at: rfc3339(c.updated_at),
        }
    }
}

/// A new client.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateClientIn {
    pub name: String,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// A public client (SPA, native app): no secret, PKCE required.
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub skip_consent: bool,
    /// Admit only sessions at `acr` "2" (a second factor or a passkey);
    /// default `false`.
    #[serde(default)]
    pub require_mfa: bool,
    /// `RS256` (default), `ES256` or `EdDSA`.
    pub id_token_alg: Option<String>,
    /// Allow the client_credentials grant.
    #[serde(default)]
    pub client_credentials: bool,
    /// Allow the device authorization grant (RFC 8628), for public and
    /// confidential clients; such a client needs no redirect URI.
    #[serde(default)]
    pub device_grant: bool,
    /// Extra scopes the client may request beyond the user scopes, for
    /// users or for itself (`latchkey:admin`: the admin API, always with a
    /// consent screen for users).
    #[serde(default)]
    pub scopes: Vec<String>,
    /// May introspect tokens issued to other clients.
    #[serde(default)]
    pub resource_server: bool,
    /// The claim mapping (default `{}`): `{"claims": [{"claim", "attribute",
    /// "scopes"}], "preferred_username": "username" | "email" |
    /// {"attribute": NAME}, "groups": {"claim", "shape": "names" | "ids"}}`.
    #[schema(value_type = Option<Object>)]
    pub claim_mapping: Option<serde_json::Value>,
    /// Only members of these existing groups may sign in to it (default:
    /// everyone).
    #[serde(default)]
    pub allowed_groups: Vec<String>,
    /// Browser origins (`scheme://host[:port]`; `https`, or `http` on
    /// loopback) allowed by CORS besides those of its redirect URIs.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Its authorization requests must be pushed first (RFC 9126, `/par`).
    #[serde(default)]
    pub require_par: bool,
    /// Its tokens must be DPoP-bound (RFC 9449).
    #[serde(default)]
    pub require_dpop: bool,
    /// Receives back-channel logout tokens: an absolute `https` URL
    /// (`http` only for localhost), without a fragment.
    pub backchannel_logout_uri: Option<String>,
    /// Its logout tokens must carry the `sid` claim.
    #[serde(default)]
    pub backchannel_logout_session_required: bool,
    /// `false`: never issue it refresh tokens (`offline_access`); default:
    /// a client with a redirect URI may receive them.
    pub refresh_tokens: Option<bool>,
    /// Its logo: an absolute `https` URL (`http` only for localhost), at
    /// most 2000 characters. Stored, never loaded by Latchkey's pages.
    pub logo_uri: Option<String>,
    /// Its homepage (same rules), linked on the consent page.
    pub client_uri: Option<String>,
    /// Its privacy policy (same rules), linked on the consent page.
    pub policy_uri: Option<String>,
    /// Its terms of service (same rules), linked on the consent page.
    pub tos_uri: Option<String>,
    /// Its JWK Set (`{"keys": [...]}`, public keys only: RSA of at least
    /// 2048 bits, EC P-256 or Ed25519; at most 10): the client
    /// authenticates with `private_key_jwt` and gets no secret. Keys are
    /// never fetched from a URL.
    #[schema(value_type = Option<Object>)]
    pub jwks: Option<serde_json::Value>,
    /// `client_secret_basic` (default for a confidential client;
    /// `client_secret_post` is the same), `client_secret_jwt` (the secret is
    /// stored sealed and serves only for HS256 assertions),
    /// `private_key_jwt` (needs `jwks`) or `none` (needs `public`).
    pub token_endpoint_auth_method: Option<String>,
}

/// A client just created; the secret is shown only here.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedClientOut {
    #[serde(flatten)]
    pub client: ClientOut,
    /// Absent for public clients and for clients with keys (`private_key_jwt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

/// Changes to a client; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateClientIn {
    pub name: Option<String>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    pub skip_consent: Option<bool>,
    /// Admit only sessions at `acr` "2" (a second factor or a passkey);
    /// `false` withdraws it. While set, refresh-token families of a sign-in
    /// without a second factor are refused (`invalid_grant`).
    pub require_mfa: Option<bool>,
    /// Replaces the extra scopes (`latchkey:admin` allows the admin API).
    pub scopes: Option<Vec<String>>,
    /// May introspect tokens issued to other clients.
    pub resource_server: Option<bool>,
    /// May use the client_credentials grant (confidential clients only).
    pub client_credentials: Option<bool>,
    /// May use the device authorization grant (RFC 8628).
    pub device_grant: Option<bool>,
    /// `RS256`, `ES256` or `EdDSA`.
    pub id_token_alg: Option<String>,
    /// Replaces the claim mapping (`{}` restores the default claims).
    #[schema(value_type = Option<Object>)]
    pub claim_mapping: Option<serde_json::Value>,
    /// Replaces the groups whose members may sign in (each must exist);
    /// `[]` opens the client to everyone.
    pub allowed_groups: Option<Vec<String>>,
    /// Replaces the browser origins allowed by CORS besides those of its
    /// redirect URIs; `[]` leaves only those.
    pub allowed_origins: Option<Vec<String>>,
    /// Its authorization requests must be pushed first (RFC 9126).
    pub require_par: Option<bool>,
    /// Its tokens must be DPoP-bound (RFC 9449).
    pub require_dpop: Option<bool>,
    /// Replaces where back-channel logout tokens go (`""` removes it).
    pub backchannel_logout_uri: Option<String>,
    /// Its logout tokens must carry the `sid` claim.
    pub backchannel_logout_session_required: Option<bool>,
    /// May receive refresh tokens (`offline_access`); only a client with a
    /// redirect URI.
    pub refresh_tokens: Option<bool>,
    /// Must equal the client's kind: a client does not switch between
    /// public and confidential (register a new one instead).
    pub public: Option<bool>,
    /// Its logo (absolute `https` URL, `http` only for localhost, at most
    /// 2000 characters; `""` removes it).
    pub logo_uri: Option<String>,
    /// Its homepage (same rules).
    pub client_uri: Option<String>,
    /// Its privacy policy (same rules).
    pub policy_uri: Option<String>,
    /// Its terms of service (same rules).
    pub tos_uri: Option<String>,
    /// Replaces its JWK Set (public keys; `private_key_jwt`); a client with
    /// a secret gives it up. The previous keys stop working at once.
    #[schema(value_type = Option<Object>)]
    pub jwks: Option<serde_json::Value>,
}

/// A logo for a client (`PUT /clients/{client_id}/logo`): the image file
/// in base64 (standard alphabet, padding optional). PNG, JPEG, WebP or an
/// SVG without scripts, event handlers or outside references; at most
/// 32 KiB once decoded.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientLogoIn {
    pub image_base64: String,
}

/// A client's stored logo and where Latchkey serves it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClientLogoOut {
    pub client_id: String,
    /// The type found in the file's content.
    pub content_type: String,
    pub size: usize,
    /// Short content hash; part of `url`.
    pub hash: String,
    /// Path on this server (`/branding/clients/{client_id}/logo?v=hash`).
    pub url: String,
}

/// A client's new secret, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecretOut {
    pub client_id: String,
    pub client_secret: String,
}

/// An initial access token for dynamic client registration (never the
/// token itself).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistrationTokenOut {
    pub id: String,
    pub name: String,
    /// `active`, `used_up`, `expired` or `revoked`.
    pub status: String,
    /// Registrations it may still make.
    pub uses_left: i64,
    pub created_by: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

impl RegistrationTokenOut {
    /// The token as seen at `now`.
    #[must_use]
    pub fn at(t: RegistrationToken, now: i64) -> Self {
        Self {
            status: registration_token_status(&t, now).to_owned(),
            id: t.id,
            name: t.name,
            uses_left: t.uses_left,
            created_by: t.created_by,
            created_at: rfc3339(t.created_at),
            expires_at: rfc3339(t.expires_at),
            revoked_at: t.revoked_at.map(rfc3339),
        }
    }
}

/// `active`, `used_up`, `expired` or `revoked`.
#[must_use]
pub fn registration_token_status(t: &RegistrationToken, now: i64) -> &'static str {
    if t.revoked_at.is_some() {
        "revoked"
    } else if t.expires_at <= now {
        "expired"
    } else if t.uses_left <= 0 {
        "used_up"
    } else {
        "active"
    }
}

/// A new initial access token.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRegistrationTokenIn {
    /// What it is for (1 to 100 characters).
    pub name: String,
    /// Lifetime in seconds (default one day; 60 to 365 days).
    pub ttl_seconds: Option<i64>,
    /// How many clients it may register (default 1; at most 10000).
    pub uses: Option<i64>,
}

/// An initial access token just issued: the token is in this answer only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedRegistrationTokenOut {
    pub id: String,
    pub name: String,
    /// Send it as `Authorization: Bearer` to `POST /register`.
    pub token: String,
    pub expires_at: String,
    pub uses_left: i64,
}

/// An invite (never its token).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InviteOut {
    pub id: String,
    pub username: String,
    pub email: Option<String>,
    pub groups: Vec<String>,
    /// Whether the new account gets an administrative role.
    pub admin: bool,
    /// The role the new account gets, or null.
    pub role: Option<String>,
    /// Set for a recovery invite: the user who gets a new credential.
    pub userid: Option<String>,
    /// `pending`, `used`, `revoked` or `expired`.
    pub status: String,
    pub created_by: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl InviteOut {
    /// The invite as seen at `now`.
    #[must_use]
    pub fn at(i: Invite, now: i64) -> Self {
        let status = InviteStatus::of(&i, now).as_str().to_owned();
        Self {
            id: i.id,
            username: i.username,
            email: i.email,
            groups: i.groups,
            admin: i.role.is_some(),
            role: i.role.map(|r| r.as_str().to_owned()),
            userid: i.userid,
            status,
            created_by: i.created_by,
            created_at: rfc3339(i.created_at),
            expires_at: rfc3339(i.expires_at),
            used_at: i.used_at.map(rfc3339),
            revoked_at: i.revoked_at.map(rfc3339),
        }
    }
}

/// A new invite.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInviteIn {
    pub username: String,
    pub email: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    /// The new account gets the role `admin`; see `role`.
    #[serde(default)]
    pub admin: bool,
    /// The role the new account gets (wins over `admin`).
    pub role: Option<String>,
    /// Lifetime in seconds (default one day; 60 to 90 days).
    pub ttl_seconds: Option<i64>,
    /// Also e-mail the link to `email` (needs `LATCHKEY_SMTP_URL`; without
    /// it, or without `email`, the answer is 422 and no invite is made).
    #[serde(default)]
    pub send_email: bool,
}

/// A recovery invite's lifetime, and whether to e-mail it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecoveryIn {
    /// Lifetime in seconds (default one day).
    pub ttl_seconds: Option<i64>,
    /// Also e-mail the link to the user's address (needs
    /// `LATCHKEY_SMTP_URL`; without it, or without an address, 422).
    #[serde(default)]
    pub send_email: bool,
}

/// An invite just created: the link is shown only here.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedInviteOut {
    pub id: String,
    pub url: String,
    pub expires_at: String,
    /// Where the link was e-mailed (with `send_email`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emailed_to: Option<String>,
}

/// A browser session of a user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionOut {
    /// The session id (the OIDC `sid`; not a credential).
    pub sid: String,
    /// RFC 3339.
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    /// When the user last proved who they are in this session.
    pub auth_time: String,
    /// Client address at sign-in.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// How they signed in (RFC 8176 `amr` values, e.g. `pwd`, `hwk`).
    pub amr: Vec<String>,
    pub acr: String,
}

impl From<Session> for SessionOut {
    fn from(s: Session) -> Self {
        Self {
            sid: s.sid,
            created_at: rfc3339(s.created_at),
            last_seen_at: rfc3339(s.last_seen_at),
            expires_at: rfc3339(s.expires_at),
            auth_time: rfc3339(s.auth_time),
            ip: s.ip,
            user_agent: s.user_agent,
            amr: s.amr,
            acr: s.acr,
        }
    }
}

/// A passkey of a user (never its key material).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PasskeyOut {
    pub id: String,
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<PasskeyRecord> for PasskeyOut {
    fn from(p: PasskeyRecord) -> Self {
        Self {
            id: p.id,
            name: p.name,
            created_at: rfc3339(p.created_at),
            last_used_at: p.last_used_at.map(rfc3339),
        }
    }
}

/// One audit event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    /// A userid, `client:<id>`, `cli` or `system`.
    pub actor: Option<String>,
    pub event: String,
    pub subject: Option<String>,
    pub ip: Option<String>,
    /// The relying party the event concerns, when there is one.
    pub client_id: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

impl From<AuditEvent> for AuditOut {
    fn from(e: AuditEvent) -> Self {
        Self {
            id: e.id,
            at: rfc3339(e.at),
            actor: e.actor,
            event: e.event,
            subject: e.subject,
            ip: e.ip,
            client_id: e.client_id,
            details: e.details,
        }
    }
}

/// Filter and paging for the audit log; the conditions given must all hold.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Events by or about this userid.
    pub user: Option<String>,
    /// Events concerning this client (acting as `client:<id>`, or the
    /// client of a consent, token or client change).
    pub client: Option<String>,
    /// Events of this kind (e.g. `user.created`).
    pub event: Option<String>,
    /// Events at or after this time: RFC 3339, a UTC date `YYYY-MM-DD`, or
    /// Unix seconds.
    pub from: Option<String>,
    /// Events at or before this time (a date includes that whole day).
    pub to: Option<String>,
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

impl AuditQuery {
    /// The repository filter for this query and page; a message naming the
    /// parameter when a time cannot be read.
    pub fn filter(&self, offset: i64, limit: i64) -> Result<AuditFilter, String> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let time = |name: &str, v: &Option<String>, end: bool| match text(v) {
            None => Ok(None),
            Some(t) => crate::clock::parse_time_bound(&t, end)
                .map(Some)
                .ok_or_else(|| {
                    format!("{name} must be an RFC 3339 time, a date YYYY-MM-DD or Unix seconds")
                }),
        };
        Ok(AuditFilter {
            userid: text(&self.user),
            client_id: text(&self.client),
            event: text(&self.event),
            from: time("from", &self.from, false)?,
            to: time("to", &self.to, true)?,
            offset,
            limit,
        })
    }
}

/// A group of users.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupOut {
    pub name: String,
    pub description: Option<String>,
    /// How many users are in it.
    pub member_count: i64,
    /// Its members complete a second factor (or sign in with a passkey) at
    /// every sign-in.
    pub require_mfa: bool,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
}

impl From<Group> for GroupOut {
    fn from(g: Group) -> Self {
        Self {
            name: g.name,
            description: g.description,
            member_count: g.members,
            require_mfa: g.require_mfa,
            created_at: rfc3339(g.created_at),
            updated_at: rfc3339(g.updated_at),
        }
    }
}

/// A signing key (never its private part).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KeyOut {
    /// Its key id (the RFC 7638 thumbprint), as in `/jwks` and token headers.
    pub kid: String,
    /// `RS256`, `ES256` or `EdDSA`.
    pub alg: String,
    pub created_at: String,
    /// When a newer key of its algorithm took over signing.
    pub retired_at: Option<String>,
    /// It signs new tokens of its algorithm now.
    pub signing: bool,
    /// It is published in `/jwks` now.
    pub published: bool,
}

impl From<crate::oidc::keys::KeyInfo> for KeyOut {
    fn from(k: crate::oidc::keys::KeyInfo) -> Self {
        Self {
            kid: k.kid,
            alg: k.alg,
            created_at: rfc3339(k.created_at),
            retired_at: k.retired_at.map(rfc3339),
            signing: k.signing,
            published: k.published,
        }
    }
}

/// A member of a group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberOut {
    pub userid: String,
    pub username: String,
    pub name: Option<String>,
    pub active: bool,
}

/// A group with its members.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupDetailOut {
    #[serde(flatten)]
    pub group: GroupOut,
    /// Its members, by username.
    pub members: Vec<MemberOut>,
}

impl GroupDetailOut {
    /// `group` with `members`.
    #[must_use]
    pub fn new(group: Group, members: Vec<User>) -> Self {
        Self {
            group: group.into(),
            members: members
                .into_iter()
                .map(|u| MemberOut {
                    userid: u.userid,
                    username: u.username.into(),
                    name: u.profile.name,
                    active: u.active,
                })
                .collect(),
        }
    }
}

/// A new group (empty: members join it from their user).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateGroupIn {
    /// 1 to 64 characters, no control characters.
    pub name: String,
    pub description: Option<String>,
    /// Its members complete a second factor (or sign in with a passkey) at
    /// every sign-in; default `false`.
    #[serde(default)]
    pub require_mfa: bool,
}

/// Changes to a group; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateGroupIn {
    /// A new name (members and restricted clients follow); the `admin`
    /// group keeps its name, and no group may become `admin`.
    pub name: Option<String>,
    /// A new description; `""` clears it.
    pub description: Option<String>,
    /// Whether its members must complete a second factor at every sign-in.
    pub require_mfa: Option<bool>,
}

/// Every stored signing key, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KeysOut {
    pub items: Vec<KeyOut>,
}

/// Which algorithm gets a new signing key.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateKeyIn {
    /// `RS256`, `ES256` or `EdDSA`.
    pub alg: String,
}

/// A sign-up request waiting for approval (`LATCHKEY_SIGNUP=approval`),
/// its address confirmed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignupRequestOut {
    pub id: String,
    /// The username asked for.
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    /// The client address it came from.
    pub ip: Option<String>,
    pub requested_at: String,
    pub verified_at: Option<String>,
    /// When it is dropped if nobody decides.
    pub expires_at: String,
}

impl From<crate::db::SignupRequest> for SignupRequestOut {
    fn from(r: crate::db::SignupRequest) -> Self {
        Self {
            id: r.id,
            username: r.username,
            email: r.email,
            name: r.name,
            ip: r.ip,
            requested_at: rfc3339(r.requested_at),
            verified_at: r.verified_at.map(rfc3339),
            expires_at: rfc3339(r.expires_at),
        }
    }
}

/// An approved sign-up: the link that creates the account was mailed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApprovedSignupOut {
    pub request: SignupRequestOut,
    /// The id of the invite mailed (see `/invites/{id}`).
    pub invite_id: String,
    /// When the mailed link stops working.
    pub invite_expires_at: String,
}
