//! Records stored by the repositories. Times are Unix seconds.

use serde::{Deserialize, Serialize};

use crate::domain::auth_method::AuthMethod;
use crate::domain::claim_mapping::{Attributes, ClaimMapping};
use crate::domain::client_id::ClientId;
use crate::domain::client_jwks::ClientJwks;
use crate::domain::grant_type::GrantType;
use crate::domain::role::Role;
use crate::domain::signing_alg::SigningAlg;
use crate::domain::username::Username;

/// The standard OpenID Connect profile claims a user carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    pub phone: Option<String>,
    #[serde(default)]
    pub phone_verified: bool,
    pub picture: Option<String>,
    pub locale: Option<String>,
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Stable, random, never reassigned: the OIDC `sub`.
    pub userid: String,
    /// What the person signs in with, in its normal form.
    pub username: Username,
    pub profile: Profile,
    pub groups: Vec<String>,
    /// Custom attributes set by administrators (checked by
    /// [`crate::domain::claim_mapping::check_attributes`]); they win over
    /// the attributes of the user's groups.
    pub attributes: Attributes,
    /// The user's administrative role, if any.
    pub role: Option<Role>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A group the user belongs to, with its attributes
/// ([`AttributeRepo::member_groups`](super::AttributeRepo::member_groups)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberGroup {
    /// The group's stable id (kept across renames).
    pub id: i64,
    pub name: String,
    pub attributes: Attributes,
}

impl User {
    /// Whether the user holds an administrative role (any of them).
    #[must_use]
    pub fn is_admin(&self) -> bool {
        self.role.is_some()
    }
}

/// What is needed to create a user.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// A chosen userid (e.g. reserved during a passkey ceremony); `None`
    /// draws a fresh proquint, regenerated on collision.
    pub userid: Option<String>,
    pub username: String,
    pub profile: Profile,
    pub groups: Vec<String>,
    /// The administrative role, if any.
    pub role: Option<Role>,
}

/// A WebAuthn credential registered to a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PasskeyRecord {
    /// Our own id for the credential (used in URLs).
    pub id: String,
    pub userid: String,
    /// Base64url of the WebAuthn credential id.
    pub credential_id: String,
    pub name: String,
    /// The webauthn-rs `Passkey`, serialized as JSON.
    #[serde(skip)]
    pub passkey: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// A magic-link invite; only the hash of its token is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invite {
    pub id: String,
    #[serde(skip)]
    pub token_hash: String,
    pub username: String,
    pub email: Option<String>,
    pub groups: Vec<String>,
    /// The administrative role the new account gets, if any.
    pub role: Option<Role>,
    /// Set for a recovery invite: the existing user who gets a new credential.
    pub userid: Option<String>,
    pub allow_password: bool,
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// A recovery link that takes effect only from this time (the
    /// cooling-off delay of self-service recovery); `None`: at once.
    pub usable_from: Option<i64>,
    /// A recovery link asked for by someone signed out ("Lost your
    /// passkey?"), which the account's owner may cancel; with no
    /// `userid`, a self-registration link (`LATCHKEY_SIGNUP`), mailed to
    /// `email`, which using it therefore verifies.
    pub self_service: bool,
    /// The display name of the account it creates (self-registration).
    pub name: Option<String>,
}

/// The note of a recovery link that a recovery code gave.
pub const RECOVERY_CODE_NOTE: &str = "recovery code";

impl Invite {
    /// Whether it is a self-registration link (see [`Invite::self_service`]).
    #[must_use]
    pub fn is_signup(&self) -> bool {
        self.self_service && self.userid.is_none()
    }

    /// Whether it is a recovery link that one of the account's recovery
    /// codes gave (made by the account itself, with
    /// [`RECOVERY_CODE_NOTE`]).
    #[must_use]
    pub fn is_code_recovery(&self) -> bool {
        !self.self_service
            && self.userid.is_some()
            && self.created_by == self.userid
            && self.note.as_deref() == Some(RECOVERY_CODE_NOTE)
    }

    /// Whether the account's holder sees it on `/account` and may cancel
    /// it: a self-service recovery link or one a recovery code gave.
    #[must_use]
    pub fn is_own_recovery(&self) -> bool {
        (self.self_service && self.userid.is_some()) || self.is_code_recovery()
    }
}

/// A registered relying party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    /// Its public identifier.
    pub client_id: ClientId,
    pub name: String,
    /// SHA-256 of the secret (secrets are high-entropy); `None` for public clients.
    #[serde(skip)]
    pub secret_hash: Option<String>,
    pub public: bool,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    /// The grants it may use at the token endpoint.
    pub grant_types: Vec<GrantType>,
    /// Extra scopes the client may request, for users or (client
    /// credentials) for itself; the user scopes are allowed to every client.
    /// `latchkey:admin` here is an administrator's explicit allowance.
    pub scopes: Vec<String>,
    pub skip_consent: bool,
    /// Admits only sessions at `acr` "2" (a second factor or a passkey):
    /// others are sent to the step-up page, and refresh-token families of
    /// a lower level are refused.
    pub require_mfa: bool,
    /// An administrator marked it a resource server: it may introspect
    /// tokens issued to other clients.
    pub resource_server: bool,
    /// The algorithm its ID tokens are signed with.
    pub id_token_alg: SigningAlg,
    /// Which attributes it receives in which claims; empty: the default claims.
    pub claim_mapping: ClaimMapping,
    /// Names of the groups whose members may sign in to it, sorted; empty:
    /// every active user may. Stored in `client_groups`: every name must be
    /// an existing group.
    pub allowed_groups: Vec<String>,
    /// Browser origins allowed by CORS besides those of its redirect URIs
    /// (checked by [`crate::domain::origin::check`]); see
    /// [`Client::allows_origin`].
    pub allowed_origins: Vec<String>,
    /// Its authorization requests must be pushed (RFC 9126): `/authorize`
    /// refuses front-channel parameters without a `request_uri`.
    pub require_par: bool,
    /// Its access tokens must be DPoP-bound (RFC 9449): `/token` refuses a
    /// request without a valid DPoP proof.
    pub require_dpop: bool,
    /// Where back-channel logout tokens are POSTed (OpenID Connect
    /// Back-Channel Logout 1.0); registered by an administrator only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backchannel_logout_uri: Option<String>,
    /// The client needs the `sid` claim in its logout tokens.
    pub backchannel_logout_session_required: bool,
    /// Links shown on the consent page.
    #[serde(flatten)]
    pub branding: Branding,
    /// Its public keys, for a `private_key_jwt` client (no secret then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jwks: Option<ClientJwks>,
    /// The secret of a `client_secret_jwt` client, sealed under the
    /// master key's client-secret key (`crypto::MasterKey::seal_client_secret`);
    /// such a client has no `secret_hash`.
    #[serde(skip)]
    pub secret_sealed: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A client that holds something of a user: a remembered consent, a live
/// refresh-token family, or both (the account page's "connected apps").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectedApp {
    pub client_id: String,
    /// The client's name, as registered.
    pub name: String,
    /// The scopes the user consented to, or (without a consent, for a
    /// client that skips consent) those of its newest live refresh token.
    pub scopes: Vec<String>,
    /// When the consent was given; `None` when there is none.
    pub granted_at: Option<i64>,
    /// The last code redeemed or refresh token issued, when known.
    pub last_used_at: Option<i64>,
}

/// An e-mail verification link; only the hash of its token is stored. It
/// verifies `email` only, and only while that is still the user's address.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EmailVerification {
    pub token_hash: String,
    pub userid: String,
    /// The address the link was sent to.
    pub email: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A user's authenticator app (TOTP, RFC 6238) as stored: the secrets are
/// sealed with [`crate::crypto::MasterKey::seal_second_factor`], bound to
/// the userid.
#[derive(Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TotpRecord {
    pub userid: String,
    /// The confirmed secret in force, sealed; `None` until one is confirmed.
    pub secret: Option<String>,
    pub confirmed_at: Option<i64>,
    /// The last time step accepted with `secret` (each code once).
    pub last_step: Option<i64>,
    pub last_used_at: Option<i64>,
    /// A secret being set up, sealed; it replaces `secret` once confirmed.
    pub pending: Option<String>,
    pub pending_at: Option<i64>,
}

impl std::fmt::Debug for TotpRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpRecord")
            .field("userid", &self.userid)
            .field("confirmed", &self.secret.is_some())
            .field("last_step", &self.last_step)
            .field("pending", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}

/// A client's branding (RFC 7591 §2 names): absolute `https` URLs (`http`
/// only for localhost), checked by [`crate::manage`]. The consent page links
/// to the homepage, privacy policy and terms; the logo is stored and served
/// by the admin API but never loaded by Latchkey's pages (docs/security.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// The client's logo.
    pub logo_uri: Option<String>,
    /// The client's homepage.
    pub client_uri: Option<String>,
    /// Its privacy policy.
    pub policy_uri: Option<String>,
    /// Its terms of service.
    pub tos_uri: Option<String>,
}

impl Client {
    /// How it authenticates at the back-channel endpoints.
    #[must_use]
    pub fn auth_method(&self) -> AuthMethod {
        if self.public {
            AuthMethod::None
        } else if self.jwks.is_some() {
            AuthMethod::PrivateKeyJwt
        } else if self.secret_sealed.is_some() {
            AuthMethod::ClientSecretJwt
        } else {
            AuthMethod::ClientSecretBasic
        }
    }

    /// Whether a browser app at `origin` (an `Origin` header) may read this
    /// client's answers (CORS): one of its [`allowed_origins`](Self::allowed_origins),
    /// or the origin of one of its redirect URIs (`https`, or `http` on a
    /// loopback host).
    #[must_use]
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
            || self
                .redirect_uris
                .iter()
                .any(|u| crate::domain::origin::of_redirect_uri(u).as_deref() == Some(origin))
    }

    /// Every origin [`allows_origin`](Self::allows_origin) accepts.
    #[must_use]
    pub fn cors_origins(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .redirect_uris
            .iter()
            .filter_map(|u| crate::domain::origin::of_redirect_uri(u))
            .chain(self.allowed_origins.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Whether `user` may use this client: it is not restricted to groups,
    /// or the user is a member of one of them.
    #[must_use]
    pub fn admits(&self, user: &User) -> bool {
        self.allowed_groups.is_empty()
            || user.groups.iter().any(|g| self.allowed_groups.contains(g))
    }
}

/// A group of users, with how many members it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub description: Option<String>,
    /// How many users are in it.
    pub members: i64,
    /// Its members complete a second factor (or sign in with a passkey) at
    /// every sign-in.
    pub require_mfa: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What deleting a group did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupDeletion {
    /// The group and this many memberships are gone.
    Deleted { memberships: u64 },
    /// Nothing changed: these clients (id, name) are restricted to the
    /// group, and deleting it would change who may use them.
    InUse { clients: Vec<(String, String)> },
}

/// A password sign-in waiting for its second step (or for the enrolment of
/// a second factor the account must have). The browser holds a random
/// secret; only its hash is stored. Single use, short-lived.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingStep {
    pub token_hash: String,
    /// Whose password was right.
    pub userid: String,
    /// The authorization request the sign-in continues, if any.
    pub req: Option<String>,
    /// The local path it returns to, if any (a sensitive change).
    pub next: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A signed-in browser session. The cookie holds a secret whose hash is `token_hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// Public session id (the OIDC `sid`); not a credential.
    pub sid: String,
    #[serde(skip)]
    pub token_hash: String,
    pub userid: String,
    pub auth_time: i64,
    pub amr: Vec<String>,
    pub acr: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// Absolute expiry.
    pub expires_at: i64,
}

/// An authorization request waiting for sign-in or consent.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuthRequestRecord {
    pub id: String,
    pub client_id: String,
    /// The validated request, serialized as JSON by the OIDC layer.
    pub params: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Where a device authorization (RFC 8628) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    /// Waiting for a person to enter the user code and decide.
    Pending,
    /// Approved by the sign-in in [`DeviceAuthorization::auth`].
    Approved,
    /// Denied (or refused by the client's access policy).
    Denied,
    /// Approved and exchanged for tokens: the device code is spent.
    Redeemed,
}

impl DeviceStatus {
    /// The name as stored.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Redeemed => "redeemed",
        }
    }

    /// The status stored as `name`, if it is one.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Denied, Self::Redeemed]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A device authorization request (RFC 8628 §3.1): the device polls with
/// the device code, a person enters the user code at `/device`. Only
/// hashes of both codes are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceAuthorization {
    pub id: String,
    /// SHA-256 of the device code ([`crate::crypto::hash_secret`]).
    pub device_code_hash: String,
    /// Keyed hash of the normalized user code.
    pub user_code_hash: String,
    pub client_id: ClientId,
    /// The scopes asked for (those the client may request), space-separated.
    pub scope: String,
    pub status: DeviceStatus,
    /// Seconds the device must wait between polls (grows on `slow_down`).
    pub interval: i64,
    pub last_polled_at: Option<i64>,
    /// The sign-in that approved it (set once approved).
    pub auth: Option<AuthContext>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What a person decided for a device authorization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceDecision {
    /// Approved by this sign-in, for these scopes (space-separated).
    Approve { auth: AuthContext, scope: String },
    /// Denied.
    Deny,
}

/// A pushed authorization request (RFC 9126), stored until it is used or
/// expires. Only the SHA-256 of the random part of its `request_uri` is
/// kept.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PushedRequest {
    /// SHA-256 (base64url) of the random part of the `request_uri`.
    pub uri_hash: String,
    /// The client that pushed it; only that client may use it.
    pub client_id: String,
    /// The pushed parameters (without client credentials), as JSON pairs.
    pub params: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Facts about an authentication carried into codes and tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthContext {
    pub userid: String,
    pub sid: Option<String>,
    pub auth_time: i64,
    pub amr: Vec<String>,
    pub acr: String,
}

/// A refresh token; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    pub token_hash: String,
    pub family_id: String,
    /// The client it was issued to.
    pub client_id: ClientId,
    pub scope: String,
    pub nonce: Option<String>,
    pub auth: AuthContext,
    /// The OIDC `claims` request parameter of the authorization, as the
    /// OIDC layer serialized it (`oidc::claims::ClaimsRequest`).
    pub claims_request: Option<String>,
    pub created_at: i64,
    /// When the family began (the code's redemption); a rotation never
    /// extends a family past this plus `LATCHKEY_REFRESH_FAMILY_LIFETIME`.
    pub family_started_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The DPoP key thumbprint (RFC 7638) the family is bound to, when it
    /// began with a DPoP proof (RFC 9449 §5): a public client's refresh
    /// needs a proof of this key, a confidential client's any proof.
    pub dpop_jkt: Option<String>,
}

/// What rotating a refresh token found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The presented token was live; it is spent and the successor stored.
    Rotated(RefreshToken),
    /// The presented token had already been used or revoked: possible theft.
    Reused(RefreshToken),
    /// No such token.
    Unknown,
}

/// What kind of identifier a revocation names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationKind {
    /// A whole grant (every token from one code, or one refresh family).
    Grant,
    /// A single access token, by `jti`.
    Token,
    /// Every access token of one user issued before a time (see
    /// [`RevocationRepo::revoke_user`](super::RevocationRepo::revoke_user)).
    User,
}

impl RevocationKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Grant => "grant",
            Self::Token => "token",
            Self::User => "user",
        }
    }
}

/// A signing key; the private key is encrypted with the master key.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SigningKeyRecord {
    pub kid: String,
    pub alg: String,
    pub private_key: Vec<u8>,
    pub public_jwk: String,
    pub created_at: i64,
    /// When a newer key of the same algorithm took over signing.
    pub retired_at: Option<i64>,
}

/// Sign-in attempts counted under one key (an address and username, a
/// username, or a device cookie; see [`crate::auth::throttle`]).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttemptState {
    pub key: String,
    /// Attempts in the current window (while locked: also the refused ones).
    pub attempts: i64,
    pub window_start: i64,
    pub locked_until: Option<i64>,
    /// Lockouts so far (each doubles the next one's length).
    pub lockouts: i64,
    pub updated_at: i64,
}

/// How attempts under one key are limited: `threshold` attempts per
/// `window` seconds; the attempt past it locks the key for `lock_base`
/// seconds, doubled for each earlier lockout, at most `lock_max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptRule {
    pub threshold: i64,
    pub window: i64,
    pub lock_base: i64,
    pub lock_max: i64,
}

/// WebAuthn ceremony state kept between the two halves of a ceremony.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Ceremony {
    pub id: String,
    pub kind: String,
    pub userid: Option<String>,
    pub state: String,
    pub expires_at: i64,
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: i64,
    /// Who did it: a userid, `client:<id>`, `cli` or `system`.
    pub actor: Option<String>,
    pub event: String,
    /// Whom or what it concerned.
    pub subject: Option<String>,
    pub ip: Option<String>,
    /// The relying party the event concerns, when there is one.
    pub client_id: Option<String>,
    pub details: serde_json::Value,
}

/// An audit event to append.
#[derive(Debug, Clone, Default)]
pub struct NewAuditEvent {
    pub actor: Option<String>,
    pub event: String,
    pub subject: Option<String>,
    pub ip: Option<String>,
    /// The relying party the event concerns (see `audit::client_of`).
    pub client_id: Option<String>,
    pub details: serde_json::Value,
}

/// Filter for reading the audit log; every given condition must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Events whose actor or subject is this user.
    pub userid: Option<String>,
    /// Events concerning this relying party.
    pub client_id: Option<String>,
    pub event: Option<String>,
    /// Events at or after this time (Unix seconds).
    pub from: Option<i64>,
    /// Events at or before this time (Unix seconds).
    pub to: Option<i64>,
    pub offset: i64,
    pub limit: i64,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// Where a back-channel logout delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Waiting for its (first or next) attempt.
    Pending,
    /// The relying party answered 2xx.
    Delivered,
    /// Every attempt failed; no more are made.
    Failed,
}

impl DeliveryState {
    /// The stored name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
        }
    }

    /// Reads a stored name.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(Self::Pending),
            "delivered" => Some(Self::Delivered),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// One logout token to send (or sent) to one client about one ended
/// session (OpenID Connect Back-Channel Logout 1.0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutDelivery {
    pub id: i64,
    pub client_id: String,
    /// The user the session belonged to (the token's `sub`).
    pub userid: String,
    /// The ended session (the token's `sid`).
    pub sid: String,
    pub state: DeliveryState,
    /// Attempts made so far.
    pub attempts: i64,
    /// When the next attempt is due (pending deliveries).
    pub next_attempt_at: i64,
    /// What went wrong the last time (`HTTP 500`, `timeout`, …), if anything.
    pub last_error: Option<String>,
    pub created_at: i64,
    /// When it was delivered or given up.
    pub finished_at: Option<i64>,
}

/// An initial access token for dynamic client registration (RFC 7591
/// §3), issued by an administrator: only its SHA-256 is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RegistrationToken {
    pub id: String,
    /// What the administrator called it.
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Registrations it may still make.
    pub uses_left: i64,
    /// Who issued it (a userid, `client:<id>` or `cli`).
    pub created_by: Option<String>,
    pub revoked_at: Option<i64>,
}

impl RegistrationToken {
    /// Whether it may register a client at `now`.
    #[must_use]
    pub fn is_live(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at > now && self.uses_left > 0
    }
}

/// The registration of a client made through `/register` (RFC 7591);
/// clients an administrator registered have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ClientRegistration {
    pub client_id: String,
    /// SHA-256 of its registration access token (RFC 7592).
    #[serde(skip)]
    pub access_token_hash: String,
    /// The `token_endpoint_auth_method` it registered with.
    pub auth_method: String,
    pub created_at: i64,
    /// The initial access token it was registered with, if any.
    pub initial_token_id: Option<String>,
}

/// Where a sign-up request (`LATCHKEY_SIGNUP=approval`) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupState {
    /// Waiting for the person to confirm their address with the mailed link.
    Unverified,
    /// Address confirmed; waiting for an administrator.
    Verified,
    /// An administrator's approval is mailing the invite right now.
    Approving,
}

impl SignupState {
    /// The state as stored.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Verified => "verified",
            Self::Approving => "approving",
        }
    }

    /// Reads a stored state.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unverified" => Some(Self::Unverified),
            "verified" => Some(Self::Verified),
            "approving" => Some(Self::Approving),
            _ => None,
        }
    }
}

/// A self-registration waiting for its address to be confirmed or for an
/// administrator's approval. Only the SHA-256 of the verification token
/// is stored. No account exists until the invite it leads to is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignupRequest {
    pub id: String,
    /// The username asked for, in its normal form.
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    #[serde(skip)]
    pub token_hash: String,
    /// The client address it came from.
    pub ip: Option<String>,
    pub state: SignupState,
    pub requested_at: i64,
    pub verified_at: Option<i64>,
    /// When housekeeping may delete it.
    pub expires_at: i64,
}

/// An API key for the admin API: a bearer token with a role and an
/// expiry. Only its SHA-256 is stored; the key itself is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    /// Short public id (`latchkey api-key revoke ID`).
    pub id: String,
    /// What the administrator called it.
    pub name: String,
    /// The role the key acts with.
    pub role: Role,
    #[serde(skip)]
    pub key_hash: String,
    /// The userid of the administrator who created it, or `cli`.
    pub created_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// When it was last accepted (kept to the minute).
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl ApiKey {
    /// `active`, `expired` or `revoked` at `now`.
    #[must_use]
    pub fn state(&self, now: i64) -> &'static str {
        if self.revoked_at.is_some() {
            "revoked"
        } else if self.expires_at <= now {
            "expired"
        } else {
            "active"
        }
    }
}

/// A logo an administrator uploaded for a client (checked by
/// `crate::branding::check_image` before it is stored).
#[derive(Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClientLogo {
    pub client_id: String,
    /// `image/png`, `image/jpeg`, `image/webp` or `image/svg+xml`.
    pub content_type: String,
    #[sqlx(rename = "image")]
    pub bytes: Vec<u8>,
    /// Short content hash, put in the logo's URL.
    pub hash: String,
    pub updated_at: i64,
}

impl std::fmt::Debug for ClientLogo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientLogo")
            .field("client_id", &self.client_id)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .field("hash", &self.hash)
            .finish_non_exhaustive()
    }
}
