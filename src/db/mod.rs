//! Storage: one trait per aggregate, implemented once for both database
//! backends (`sql`, with what differs per dialect in `sqlite` and `postgres`).
//!
//! Routers and services depend only on these traits (held as `Arc<dyn …>` in
//! [`Repos`]), so choosing SQLite or PostgreSQL is a wiring decision made in
//! [`connect`].

pub mod cache;
pub mod model;
pub mod postgres;
mod sql;
pub mod sqlite;
pub mod transfer;

use std::sync::Arc;

use async_trait::async_trait;
pub use model::*;

/// Errors a repository reports. Driver errors never leak past this type.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique key collided; the payload names what collided (e.g. `username`).
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// The row to change does not exist.
    #[error("not found")]
    NotFound,
    /// Stored data could not be decoded.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// Anything else the database said.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Result type of repository methods.
pub type DbResult<T> = Result<T, DbError>;

/// Users and their groups.
#[async_trait]
pub trait UserRepo: Send + Sync {
    /// Creates a user with a fresh proquint userid (regenerated on collision).
    async fn create(&self, user: NewUser, now: i64) -> DbResult<User>;
    /// Creates a user as [`UserRepo::create`] does, unless an account
    /// already has its e-mail address (ASCII case ignored): `None` then,
    /// and nothing is written. The check and the insert are one
    /// transaction holding a lock on the address (SQLite: the database's
    /// write lock; PostgreSQL: an advisory lock on the lowercased
    /// address), so of creations for one address at the same moment
    /// exactly one succeeds (addresses have no unique index: accounts an
    /// administrator made may share one). A user without an address is
    /// simply created.
    async fn create_with_free_address(&self, user: NewUser, now: i64) -> DbResult<Option<User>>;
    async fn get(&self, userid: &str) -> DbResult<Option<User>>;
    async fn get_by_username(&self, username: &str) -> DbResult<Option<User>>;
    /// Users whose e-mail address is `email` (ASCII case ignored) and
    /// verified, ordered by username.
    async fn list_by_verified_email(&self, email: &str) -> DbResult<Vec<User>>;
    /// Users whose username, name or email contains `query`, ordered by username.
    async fn list(&self, query: Option<&str>, offset: i64, limit: i64) -> DbResult<Page<User>>;
    async fn update_profile(&self, userid: &str, profile: &Profile, now: i64) -> DbResult<()>;
    async fn set_username(&self, userid: &str, username: &str, now: i64) -> DbResult<()>;
    async fn set_groups(&self, userid: &str, groups: &[String], now: i64) -> DbResult<()>;
    /// Replaces a user's custom attributes (already checked).
    async fn set_attributes(
        &self,
        userid: &str,
        attributes: &crate::domain::claim_mapping::Attributes,
        now: i64,
    ) -> DbResult<()>;
    async fn set_active(&self, userid: &str, active: bool, now: i64) -> DbResult<()>;
    /// Marks the user's address verified, but only while it is still
    /// `email` (a verification link names the address it was sent to);
    /// false when the address has changed or the user is gone.
    async fn mark_email_verified(&self, userid: &str, email: &str, now: i64) -> DbResult<bool>;
    async fn delete(&self, userid: &str) -> DbResult<()>;
    /// Whether any active user is an owner.
    async fn any_owner(&self) -> DbResult<bool>;
    /// Sets or clears a user's administrative role.
    async fn set_role(
        &self,
        userid: &str,
        role: Option<crate::domain::role::Role>,
        now: i64,
    ) -> DbResult<()>;
    /// Applies `change` to `userid` unless it would leave no active owner:
    /// false, and nothing changed, when `userid` is the only one. The check
    /// and the change are one transaction in which the active owners are
    /// locked (PostgreSQL: `FOR UPDATE`; SQLite: the write lock), so two
    /// owners taking each other away at once cannot both succeed.
    /// `NotFound` when the user is gone.
    async fn change_keeping_an_owner(
        &self,
        userid: &str,
        change: OwnerChange,
        now: i64,
    ) -> DbResult<bool>;
}

/// A change that can take an owner away ([`UserRepo::change_keeping_an_owner`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerChange {
    /// A new role (`None`: no role).
    Role(Option<crate::domain::role::Role>),
    /// The account is disabled.
    Disable,
    /// The account is deleted (its userid retired).
    Delete,
}

/// Custom attributes of groups, and what a user's groups contribute to
/// their claims.
#[async_trait]
pub trait AttributeRepo: Send + Sync {
    /// The groups `userid` belongs to with their ids and attributes,
    /// ordered by name (byte order): the order in which
    /// `oidc::claims::merge_attributes` applies them.
    async fn member_groups(&self, userid: &str) -> DbResult<Vec<MemberGroup>>;
    /// The attributes of the group `name`; `None` when there is no such group.
    async fn group_attributes(
        &self,
        name: &str,
    ) -> DbResult<Option<crate::domain::claim_mapping::Attributes>>;
    /// Replaces the attributes of the group `name` (already checked);
    /// `NotFound` when there is no such group.
    async fn set_group_attributes(
        &self,
        name: &str,
        attributes: &crate::domain::claim_mapping::Attributes,
    ) -> DbResult<()>;
}

/// Groups of users. Memberships are written by [`UserRepo::set_groups`]
/// (which also creates groups named there); a client's groups by
/// [`ClientRepo`].
#[async_trait]
pub trait GroupRepo: Send + Sync {
    /// Creates an empty group; `Conflict("group")` when the name is taken.
    async fn create(&self, name: &str, description: Option<&str>, now: i64) -> DbResult<Group>;
    /// The group named `name`, with its member count.
    async fn get(&self, name: &str) -> DbResult<Option<Group>>;
    /// Groups ordered by name (by bytes), with member counts.
    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Group>>;
    /// Renames a group (its members and the clients restricted to it
    /// follow); `NotFound`, or `Conflict("group")` when `new_name` is taken.
    async fn rename(&self, name: &str, new_name: &str, now: i64) -> DbResult<()>;
    /// Replaces the description (`None` clears it); `NotFound` when missing.
    async fn set_description(
        &self,
        name: &str,
        description: Option<&str>,
        now: i64,
    ) -> DbResult<()>;
    /// Sets whether its members must complete a second factor at every
    /// sign-in; `NotFound` when missing.
    async fn set_require_mfa(&self, name: &str, on: bool, now: i64) -> DbResult<()>;
    /// Whether `userid` is a member of a group that requires a second factor.
    async fn requires_mfa(&self, userid: &str) -> DbResult<bool>;
    /// Deletes a group and its memberships in one transaction, unless a
    /// client is restricted to it (then nothing changes and the clients are
    /// named); `NotFound` when missing.
    async fn delete(&self, name: &str) -> DbResult<GroupDeletion>;
    /// The members of a group, ordered by username; `NotFound` when missing.
    async fn members(&self, name: &str) -> DbResult<Vec<User>>;
}

/// WebAuthn passkeys.
#[async_trait]
pub trait PasskeyRepo: Send + Sync {
    async fn add(&self, passkey: &PasskeyRecord) -> DbResult<()>;
    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<PasskeyRecord>>;
    async fn get_by_credential_id(&self, credential_id: &str) -> DbResult<Option<PasskeyRecord>>;
    /// Stores the updated passkey (counter, backup state) and the time of use.
    async fn record_use(&self, id: &str, passkey: &str, now: i64) -> DbResult<()>;
    async fn rename(&self, userid: &str, id: &str, name: &str) -> DbResult<()>;
    async fn delete(&self, userid: &str, id: &str) -> DbResult<()>;
}

/// Password hashes (PHC strings), at most one per user.
#[async_trait]
pub trait PasswordRepo: Send + Sync {
    async fn set(&self, userid: &str, hash: &str, now: i64) -> DbResult<()>;
    async fn get(&self, userid: &str) -> DbResult<Option<String>>;
    async fn delete(&self, userid: &str) -> DbResult<()>;
}

/// Magic-link invites.
#[async_trait]
pub trait InviteRepo: Send + Sync {
    async fn create(&self, invite: &Invite) -> DbResult<()>;
    async fn get(&self, id: &str) -> DbResult<Option<Invite>>;
    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Invite>>;
    /// Marks a live invite used; false when it was used, revoked or expired
    /// meanwhile, or is not usable yet (`usable_from` in the future).
    async fn mark_used(&self, id: &str, now: i64) -> DbResult<bool>;
    async fn revoke(&self, id: &str, now: i64) -> DbResult<()>;
    /// The recovery invites of the user `userid`, in every state, newest first.
    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Invite>>;
    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Invite>>;
    /// Whether a live invite an administrator made for a new account (not
    /// a recovery link, not a self-registration link; neither used,
    /// revoked nor expired at `now`) holds `username`.
    /// Self-registration may not take such a username. A sign-up link
    /// holds nothing: anyone may ask for one under any address at an
    /// allowed domain, and the first link used wins.
    async fn username_reserved(&self, username: &str, now: i64) -> DbResult<bool>;
}

/// Registered relying parties.
#[async_trait]
pub trait ClientRepo: Send + Sync {
    /// Stores a new client with its allowed groups; `NotFound` (and nothing
    /// stored) when one of those groups does not exist.
    async fn create(&self, client: &Client) -> DbResult<()>;
    async fn get(&self, client_id: &str) -> DbResult<Option<Client>>;
    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Client>>;
    /// Replaces every field but the id and creation time, the allowed
    /// groups included; `NotFound` when the client or one of the groups
    /// does not exist (then nothing changes).
    async fn update(&self, client: &Client) -> DbResult<()>;
    async fn delete(&self, client_id: &str) -> DbResult<()>;
    /// Every browser origin some client allows ([`Client::cors_origins`]
    /// of every client): what a CORS preflight, which names no client, is
    /// answered against.
    async fn origins(&self) -> DbResult<Arc<std::collections::HashSet<String>>>;
}

/// API keys for the admin API ([`ApiKey`]).
#[async_trait]
pub trait ApiKeyRepo: Send + Sync {
    /// Stores a new key.
    async fn create(&self, key: &ApiKey) -> DbResult<()>;
    async fn get(&self, id: &str) -> DbResult<Option<ApiKey>>;
    /// The key whose SHA-256 is `key_hash` (revoked and expired ones too).
    async fn by_hash(&self, key_hash: &str) -> DbResult<Option<ApiKey>>;
    /// Keys, newest first.
    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<ApiKey>>;
    /// Revokes a key (a revoked one keeps its first time); `NotFound`.
    async fn revoke(&self, id: &str, now: i64) -> DbResult<()>;
    /// Records a use at `now`.
    async fn touch(&self, id: &str, now: i64) -> DbResult<()>;
}

/// Dynamic client registration (RFC 7591 / RFC 7592): initial access
/// tokens and the registrations of dynamically registered clients.
#[async_trait]
pub trait RegistrationRepo: Send + Sync {
    /// Stores a new initial access token.
    async fn create_token(&self, token: &RegistrationToken) -> DbResult<()>;
    async fn get_token(&self, id: &str) -> DbResult<Option<RegistrationToken>>;
    async fn token_by_hash(&self, token_hash: &str) -> DbResult<Option<RegistrationToken>>;
    /// Initial access tokens, newest first.
    async fn list_tokens(&self, offset: i64, limit: i64) -> DbResult<Page<RegistrationToken>>;
    /// Spends one use of a live token (one conditional UPDATE): `true` when
    /// it was live at `now` (not revoked, not expired, a use left), so
    /// concurrent registrations never spend more uses than it has.
    async fn spend_token(&self, id: &str, now: i64) -> DbResult<bool>;
    /// Revokes a token (a revoked one keeps its first time); `NotFound`.
    async fn revoke_token(&self, id: &str, now: i64) -> DbResult<()>;
    /// Records the registration of a client that already exists.
    async fn register(&self, registration: &ClientRegistration) -> DbResult<()>;
    /// The registration of `client_id`, if it was registered dynamically.
    async fn registration(&self, client_id: &str) -> DbResult<Option<ClientRegistration>>;
    /// The registrations among `client_ids` (for lists of clients).
    async fn registrations_among(&self, client_ids: &[String])
    -> DbResult<Vec<ClientRegistration>>;
}

/// Self-registration: sign-up requests waiting for their address to be
/// confirmed or for an administrator (`LATCHKEY_SIGNUP=approval`).
#[async_trait]
pub trait SignupRepo: Send + Sync {
    /// Stores a new request.
    async fn create(&self, request: &SignupRequest) -> DbResult<()>;
    async fn get(&self, id: &str) -> DbResult<Option<SignupRequest>>;
    /// The request whose verification token hashes to `token_hash`.
    async fn by_token_hash(&self, token_hash: &str) -> DbResult<Option<SignupRequest>>;
    /// Marks an unverified request that has not expired by `now` verified
    /// (one conditional UPDATE), to be kept until `expires_at`: true
    /// exactly once.
    async fn verify(&self, id: &str, now: i64, expires_at: i64) -> DbResult<bool>;
    /// Verified requests not expired by `now`, oldest first.
    async fn list_verified(
        &self,
        now: i64,
        offset: i64,
        limit: i64,
    ) -> DbResult<Page<SignupRequest>>;
    /// Moves a request from state `from` to `to` (one conditional UPDATE):
    /// true for exactly one of concurrent callers.
    async fn transition(&self, id: &str, from: SignupState, to: SignupState) -> DbResult<bool>;
    /// Deletes the request if it is in state `state`; true when it was.
    async fn delete(&self, id: &str, state: SignupState) -> DbResult<bool>;
    /// Whether any account has the e-mail address `email` (ASCII case
    /// ignored), verified or not.
    async fn address_in_use(&self, email: &str) -> DbResult<bool>;
}

/// Browser sessions.
#[async_trait]
pub trait SessionRepo: Send + Sync {
    async fn create(&self, session: &Session) -> DbResult<()>;
    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Session>>;
    async fn get(&self, sid: &str) -> DbResult<Option<Session>>;
    async fn touch(&self, sid: &str, now: i64) -> DbResult<()>;
    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Session>>;
    /// Ends a session explicitly (sign-out, an administrator, a new
    /// sign-in replacing it): in the same transaction, enqueues a
    /// back-channel logout delivery for every client that received an ID
    /// token in it and has a `backchannel_logout_uri` ([`LogoutDeliveryRepo`]).
    async fn delete(&self, sid: &str) -> DbResult<()>;
    /// Ends every session of a user, enqueuing deliveries as [`SessionRepo::delete`].
    async fn delete_for_user(&self, userid: &str) -> DbResult<()>;
    /// Renews session `session.sid` of `session.userid` in place (the same
    /// person signed in again in the same browser: `prompt=login`,
    /// `max_age`, a step-up): a new cookie-secret hash, sign-in facts and
    /// lifetime, the same `sid`, so the relying parties that hold it are
    /// not told of a logout that did not happen. `false` when no such
    /// session is left.
    async fn renew(&self, session: &Session) -> DbResult<bool>;
    /// Removes a session that ran out (lifetime or idle timeout) without
    /// telling any client: expiry is not a sign-out (docs/backchannel-logout.md).
    async fn expire(&self, sid: &str) -> DbResult<()>;
}

/// Authorization requests in flight.
#[async_trait]
pub trait AuthRequestRepo: Send + Sync {
    async fn create(&self, request: &AuthRequestRecord) -> DbResult<()>;
    async fn get(&self, id: &str) -> DbResult<Option<AuthRequestRecord>>;
    /// Replaces the stored parameters of request `id` (the OIDC layer
    /// records sign-ins made for it); nothing happens when it is gone.
    async fn update_params(&self, id: &str, params: &str) -> DbResult<()>;
    async fn delete(&self, id: &str) -> DbResult<()>;
}

/// Device authorizations (RFC 8628) in flight.
#[async_trait]
pub trait DeviceAuthRepo: Send + Sync {
    /// Stores a new pending authorization; [`DbError::Conflict`] (`"user
    /// code"`) when its user code hash is taken (draw another code).
    async fn create(&self, d: &DeviceAuthorization) -> DbResult<()>;
    async fn get(&self, id: &str) -> DbResult<Option<DeviceAuthorization>>;
    async fn by_device_code(&self, device_code_hash: &str)
    -> DbResult<Option<DeviceAuthorization>>;
    async fn by_user_code(&self, user_code_hash: &str) -> DbResult<Option<DeviceAuthorization>>;
    /// Records a poll at `now` with the interval from now on, but only if
    /// the last poll is still `previous` (compare-and-set: of two polls
    /// racing, one sees `false` and is told to slow down).
    async fn polled(
        &self,
        id: &str,
        previous: Option<i64>,
        now: i64,
        interval: i64,
    ) -> DbResult<bool>;
    /// Settles a pending authorization that has not expired by `now`:
    /// `true` when this call decided it, `false` when it was already
    /// decided, expired or gone.
    async fn decide(&self, id: &str, decision: &DeviceDecision, now: i64) -> DbResult<bool>;
    /// Spends an approved authorization: `true` the first time only.
    async fn redeem(&self, id: &str) -> DbResult<bool>;
}

/// Pushed authorization requests (RFC 9126).
#[async_trait]
pub trait PushedRequestRepo: Send + Sync {
    async fn create(&self, request: &PushedRequest) -> DbResult<()>;
    /// Takes the pushed request whose hash is `uri_hash`, if `client_id`
    /// pushed it: it is deleted and returned in one statement, so it is
    /// used at most once. `None` when unknown, already taken, another
    /// client's (which leaves it in place) or expired at `now`.
    async fn take(
        &self,
        uri_hash: &str,
        client_id: &str,
        now: i64,
    ) -> DbResult<Option<PushedRequest>>;
}

/// Clients' uploaded logos, one per client (deleted with the client).
#[async_trait]
pub trait ClientLogoRepo: Send + Sync {
    /// The logo of `client_id`, if it has one.
    async fn get(&self, client_id: &str) -> DbResult<Option<ClientLogo>>;
    /// Only the content hash of the logo of `client_id` (what a page needs
    /// to link it), without reading the image.
    async fn hash(&self, client_id: &str) -> DbResult<Option<String>>;
    /// Stores or replaces the logo of `logo.client_id`;
    /// [`DbError::NotFound`] when no such client exists.
    async fn put(&self, logo: &ClientLogo) -> DbResult<()>;
    /// Removes the logo of `client_id`; `false` when it had none.
    async fn delete(&self, client_id: &str) -> DbResult<bool>;
}

/// Redeemed authorization codes.
#[async_trait]
pub trait CodeRepo: Send + Sync {
    /// Records the redemption of the code whose hash is `code_hash` (codes
    /// themselves are sealed records, never stored: `oidc::codes`): `true`
    /// the first time, `false` when it was redeemed before (a replay). The
    /// row is kept until `expires_at`, the code's own expiry.
    async fn spend(&self, code_hash: &str, grant_id: &str, expires_at: i64) -> DbResult<bool>;
}

/// Client assertions already used (`private_key_jwt`, `client_secret_jwt`).
#[async_trait]
pub trait AssertionRepo: Send + Sync {
    /// Records the use of the assertion `jti_hash` by `client_id`: `true`
    /// the first time, `false` when it was used before and is still
    /// remembered (a replay). Of concurrent calls with the same pair
    /// exactly one sees `true` (a unique key decides). The row is kept
    /// until `expires_at`; a row already past it (not yet purged) is
    /// taken over, as its assertion could no longer be accepted anyway.
    async fn spend_assertion(
        &self,
        client_id: &str,
        jti_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> DbResult<bool>;

    /// Records the use of the DPoP proof `jti_hash` signed by the key
    /// `jkt` (RFC 9449 §11.1), with the same contract as
    /// [`AssertionRepo::spend_assertion`]: `true` the first time, `false`
    /// for a replay still remembered; exactly one of concurrent calls with
    /// the same pair sees `true`, on every instance sharing the database.
    async fn spend_dpop_proof(
        &self,
        jkt: &str,
        jti_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> DbResult<bool>;
}

/// Refresh tokens, rotated in families.
#[async_trait]
pub trait RefreshTokenRepo: Send + Sync {
    async fn create(&self, token: &RefreshToken) -> DbResult<()>;
    async fn get(&self, token_hash: &str) -> DbResult<Option<RefreshToken>>;
    /// Atomically spends `token_hash` and stores `successor` in its place:
    /// exactly one caller ever sees `Rotated` for a given token.
    async fn rotate(
        &self,
        token_hash: &str,
        successor: &RefreshToken,
        now: i64,
    ) -> DbResult<Rotation>;
    /// Revokes every token of a family.
    async fn revoke_family(&self, family_id: &str, now: i64) -> DbResult<()>;
    /// Revokes every token of every family of `userid`; returns the ids of
    /// the families that had a token not yet revoked (each once).
    async fn revoke_for_user(&self, userid: &str, now: i64) -> DbResult<Vec<String>>;
    /// Revokes every token of every family of `userid` issued to
    /// `client_id`; returns the ids of the families that had a token not
    /// yet revoked (each once).
    async fn revoke_for_client(
        &self,
        userid: &str,
        client_id: &str,
        now: i64,
    ) -> DbResult<Vec<String>>;
}

/// Revoked grants and access tokens, kept until the tokens would have expired.
#[async_trait]
pub trait RevocationRepo: Send + Sync {
    async fn revoke(&self, kind: RevocationKind, id: &str, expires_at: i64) -> DbResult<()>;
    /// Whether the grant or the token id has been revoked.
    async fn is_revoked(&self, grant_id: &str, jti: &str) -> DbResult<bool>;
    /// Revokes every token of `userid` issued (or family begun) before
    /// `before` (Unix seconds); kept until `expires_at`. A later call with an
    /// earlier `before` never lowers the stored time.
    async fn revoke_user(&self, userid: &str, before: i64, expires_at: i64) -> DbResult<()>;
    /// The time before which every token of `userid` is revoked, if any.
    async fn user_revoked_before(&self, userid: &str) -> DbResult<Option<i64>>;
    /// Notes that this process has just minted token `jti` for a live
    /// grant, so a cache may answer "not revoked" for it without asking the
    /// database (see [`cache`]). Stores do nothing.
    fn minted(&self, _grant_id: &str, _jti: &str) {}
}

/// The `revocations.id` of a user revocation (kept apart from grant and
/// token ids, which are random).
#[must_use]
pub fn user_revocation_id(userid: &str) -> String {
    format!("user:{userid}")
}

/// The key under which [`RevocationRepo::revoke_user`] records that every
/// token of `userid` at one client, issued (or family begun) before a
/// time, is revoked (a connected app withdrawn on the account page). Userids
/// and client ids contain no `/`, so the key names one pair.
#[must_use]
pub fn app_revocation_key(userid: &str, client_id: &str) -> String {
    format!("{userid}/{client_id}")
}

/// Remembered consent.
#[async_trait]
pub trait ConsentRepo: Send + Sync {
    async fn get(&self, userid: &str, client_id: &str) -> DbResult<Option<Vec<String>>>;
    /// Stores the scopes granted (replacing what was there).
    async fn put(&self, userid: &str, client_id: &str, scopes: &[String], now: i64)
    -> DbResult<()>;
    async fn delete(&self, userid: &str, client_id: &str) -> DbResult<()>;
    /// Notes that the client used the consent at `now` (a code was
    /// redeemed). Writes only when the stored time is over a minute older,
    /// so a busy client costs no write per request; nothing happens
    /// without a consent.
    async fn touch(&self, userid: &str, client_id: &str, now: i64) -> DbResult<()>;
    /// The clients that hold something of `userid` at `now`: a consent, a
    /// live refresh token, or both; ordered by client name.
    async fn connected_apps(&self, userid: &str, now: i64) -> DbResult<Vec<ConnectedApp>>;
}

/// E-mail verification links.
#[async_trait]
pub trait EmailVerificationRepo: Send + Sync {
    async fn create(&self, link: &EmailVerification) -> DbResult<()>;
    async fn get(&self, token_hash: &str) -> DbResult<Option<EmailVerification>>;
    /// Spends a live link: true exactly once, for the first caller while it
    /// is unused and unexpired; false when it was used or has expired.
    async fn spend(&self, token_hash: &str, now: i64) -> DbResult<bool>;
}

/// Second factors: a user's authenticator app (TOTP) and backup codes.
/// Every "use once" rule is one conditional statement, so two concurrent
/// uses of one code never both succeed.
#[async_trait]
pub trait SecondFactorRepo: Send + Sync {
    /// The user's authenticator row, confirmed or pending, if any.
    async fn totp(&self, userid: &str) -> DbResult<Option<TotpRecord>>;
    /// Stores `sealed` as the user's pending secret, replacing any pending
    /// one; a confirmed secret stays in force.
    async fn put_pending_totp(&self, userid: &str, sealed: &str, now: i64) -> DbResult<()>;
    /// Makes the pending secret the one in force, but only while it is
    /// still `sealed` (the pending secret the code was checked against),
    /// with `step` as its last accepted step, and replaces every backup code
    /// of the user with `backup_hashes`, in one transaction. False (and
    /// nothing changed) when the pending secret is gone or has changed.
    async fn confirm_totp(
        &self,
        userid: &str,
        sealed: &str,
        step: i64,
        backup_hashes: &[String],
        now: i64,
    ) -> DbResult<bool>;
    /// Records `step` as accepted for the confirmed secret `sealed`, only
    /// if it is later than the last accepted step (one conditional UPDATE):
    /// true exactly once per step; false for a replay, an earlier step, or
    /// when the secret has changed meanwhile.
    async fn accept_totp_step(
        &self,
        userid: &str,
        sealed: &str,
        step: i64,
        now: i64,
    ) -> DbResult<bool>;
    /// Replaces every backup code of the user with `hashes` (one transaction).
    async fn replace_backup_codes(&self, userid: &str, hashes: &[String], now: i64)
    -> DbResult<()>;
    /// Spends the unused backup code whose hash is `code_hash` (one
    /// conditional UPDATE): true exactly once.
    async fn use_backup_code(&self, userid: &str, code_hash: &str, now: i64) -> DbResult<bool>;
    /// How many unused backup codes the user has.
    async fn backup_codes_left(&self, userid: &str) -> DbResult<u32>;
    /// Removes the authenticator (confirmed and pending) and every backup
    /// code (one transaction); true when there was anything.
    async fn reset(&self, userid: &str) -> DbResult<bool>;
}

/// Recovery codes: ten single-use codes a user creates on `/account`, each
/// a way back into the account ([`crate::auth::recovery_codes`]). Only
/// hashes are stored.
#[async_trait]
pub trait RecoveryCodeRepo: Send + Sync {
    /// Replaces every recovery code of the user with `hashes` (one
    /// transaction).
    async fn replace_recovery_codes(
        &self,
        userid: &str,
        hashes: &[String],
        now: i64,
    ) -> DbResult<()>;
    /// Spends the unused recovery code whose hash is `code_hash` (one
    /// conditional UPDATE): true exactly once.
    async fn use_recovery_code(&self, userid: &str, code_hash: &str, now: i64) -> DbResult<bool>;
    /// How many unused recovery codes the user has.
    async fn recovery_codes_left(&self, userid: &str) -> DbResult<u32>;
    /// Removes every recovery code of the user; true when there was any.
    async fn delete_recovery_codes(&self, userid: &str) -> DbResult<bool>;
}

/// Password sign-ins waiting for their second step ([`PendingStep`]).
#[async_trait]
pub trait PendingStepRepo: Send + Sync {
    async fn create(&self, step: &PendingStep) -> DbResult<()>;
    /// The step whose secret hashes to `token_hash`, if it is still live at `now`.
    async fn get(&self, token_hash: &str, now: i64) -> DbResult<Option<PendingStep>>;
    /// Deletes the step: true exactly once, for the caller whose statement
    /// removed it (a step is used once).
    async fn take(&self, token_hash: &str) -> DbResult<bool>;
    /// Deletes every pending step of `userid` (the account was locked).
    async fn delete_for_user(&self, userid: &str) -> DbResult<u64>;
}

/// Token signing keys.
#[async_trait]
pub trait SigningKeyRepo: Send + Sync {
    async fn insert(&self, key: &SigningKeyRecord) -> DbResult<()>;
    async fn list(&self) -> DbResult<Vec<SigningKeyRecord>>;
    /// Replaces the sealed private key of `kid` (re-sealing under a new key).
    async fn reseal(&self, kid: &str, private_key: &[u8]) -> DbResult<()>;
    /// Marks every unretired key of `alg` except `keep_kid` as retired at `now`.
    async fn retire_others(&self, alg: &str, keep_kid: &str, now: i64) -> DbResult<()>;
    /// Deletes keys retired before `before`.
    async fn delete_retired_before(&self, before: i64) -> DbResult<u64>;
}

/// Failed sign-in counters per account.
#[async_trait]
pub trait ThrottleRepo: Send + Sync {
    /// Counts one sign-in attempt under `key` at `now` in one atomic
    /// statement (insert or update, returning the row), so concurrent
    /// attempts each see their own count and together never get more than
    /// `rule.threshold` through. While the key is locked the attempt is
    /// counted but changes nothing else; after a lock or window has passed a
    /// new window starts at 1; the attempt past the threshold locks the key
    /// (see [`AttemptRule`]). The caller lets the attempt through only when
    /// the returned `locked_until` is `None`.
    async fn count_attempt(
        &self,
        key: &str,
        now: i64,
        rule: &AttemptRule,
    ) -> DbResult<AttemptState>;
    /// The state of `key`, if any.
    async fn get(&self, key: &str) -> DbResult<Option<AttemptState>>;
    /// Forgets `key` (after a successful sign-in).
    async fn clear(&self, key: &str) -> DbResult<()>;
    /// Takes back one attempt counted under `key` in the window that began
    /// at `window_start`, that was let through but never checked (the
    /// hashing queue was full): a refused request must not count as a wrong
    /// password. Nothing changes once that window has ended or the key has
    /// been locked since, so a late refund never gives a later window more
    /// than its threshold.
    async fn refund(&self, key: &str, window_start: i64) -> DbResult<()>;
}

/// WebAuthn ceremony state.
#[async_trait]
pub trait CeremonyRepo: Send + Sync {
    async fn put(&self, ceremony: &Ceremony) -> DbResult<()>;
    /// Removes and returns a live ceremony: each is usable once.
    async fn take(&self, id: &str, now: i64) -> DbResult<Option<Ceremony>>;
}

/// Rate-limit counters in fixed windows, for limits that several instances
/// on one database must share.
#[async_trait]
pub trait RateLimitRepo: Send + Sync {
    /// Counts one event for `key` under the limit `name` in the window that
    /// starts at `window_start`, in one atomic statement, and returns the
    /// window's count including this event. The row may be purged after
    /// `expires_at`.
    async fn hit(&self, name: &str, key: &str, window_start: i64, expires_at: i64)
    -> DbResult<i64>;
}

/// The audit log.
#[async_trait]
pub trait AuditRepo: Send + Sync {
    async fn append(&self, event: &NewAuditEvent, now: i64) -> DbResult<()>;
    async fn list(&self, filter: &AuditFilter) -> DbResult<Page<AuditEvent>>;
    /// Deletes events recorded before `before` (Unix seconds); returns how
    /// many (the retention purge, `LATCHKEY_AUDIT_RETENTION`).
    async fn purge_before(&self, before: i64) -> DbResult<u64>;
}

/// Housekeeping across tables.
#[async_trait]
pub trait Maintenance: Send + Sync {
    /// Deletes expired rows; returns how many.
    async fn purge_expired(&self, now: i64) -> DbResult<u64>;
    /// Whether the database answers.
    async fn ping(&self) -> DbResult<()>;
    /// Usage of the connection pools, for metrics (empty when unknown).
    fn pool_stats(&self) -> Vec<PoolStats> {
        Vec::new()
    }
}

/// Usage of one connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Which pool (`"write"`, `"read"`, `"main"`).
    pub pool: &'static str,
    /// Connections open now.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// Largest size the pool may grow to.
    pub max: u32,
}

/// Every repository, as trait objects, behind one shared pointer: handlers
/// clone the state on every request, and one reference count is far cheaper
/// than sixteen (they all point at one store, so they contend on one cache
/// line). Fields are reached through `Deref`: `repos.users`.
#[derive(Clone)]
pub struct Repos(Arc<RepoSet>);

impl std::ops::Deref for Repos {
    type Target = RepoSet;

    fn deref(&self) -> &RepoSet {
        &self.0
    }
}

/// The repositories of [`Repos`].
pub struct RepoSet {
    pub users: Arc<dyn UserRepo>,
    pub attributes: Arc<dyn AttributeRepo>,
    pub groups: Arc<dyn GroupRepo>,
    pub passkeys: Arc<dyn PasskeyRepo>,
    pub passwords: Arc<dyn PasswordRepo>,
    pub invites: Arc<dyn InviteRepo>,
    pub clients: Arc<dyn ClientRepo>,
    pub sessions: Arc<dyn SessionRepo>,
    pub logout_deliveries: Arc<dyn LogoutDeliveryRepo>,
    pub auth_requests: Arc<dyn AuthRequestRepo>,
    pub pushed_requests: Arc<dyn PushedRequestRepo>,
    pub client_logos: Arc<dyn ClientLogoRepo>,
    pub device_auths: Arc<dyn DeviceAuthRepo>,
    pub codes: Arc<dyn CodeRepo>,
    pub assertions: Arc<dyn AssertionRepo>,
    pub refresh_tokens: Arc<dyn RefreshTokenRepo>,
    pub revocations: Arc<dyn RevocationRepo>,
    pub consents: Arc<dyn ConsentRepo>,
    pub email_verifications: Arc<dyn EmailVerificationRepo>,
    pub second_factors: Arc<dyn SecondFactorRepo>,
    pub recovery_codes: Arc<dyn RecoveryCodeRepo>,
    pub pending_steps: Arc<dyn PendingStepRepo>,
    pub signing_keys: Arc<dyn SigningKeyRepo>,
    pub throttle: Arc<dyn ThrottleRepo>,
    pub ceremonies: Arc<dyn CeremonyRepo>,
    pub audit: Arc<dyn AuditRepo>,
    pub rate_limits: Arc<dyn RateLimitRepo>,
    pub registrations: Arc<dyn RegistrationRepo>,
    pub signups: Arc<dyn SignupRepo>,
    pub api_keys: Arc<dyn ApiKeyRepo>,
    pub maintenance: Arc<dyn Maintenance>,
}

impl Repos {
    /// Wraps a set of repositories.
    #[must_use]
    pub fn from_set(set: RepoSet) -> Self {
        Self(Arc::new(set))
    }

    /// Wires every trait to one store that implements them all.
    pub fn from_store<S>(store: S) -> Self
    where
        S: UserRepo
            + AttributeRepo
            + GroupRepo
            + PasskeyRepo
            + PasswordRepo
            + InviteRepo
            + ClientRepo
            + SessionRepo
            + LogoutDeliveryRepo
            + AuthRequestRepo
            + PushedRequestRepo
            + ClientLogoRepo
            + DeviceAuthRepo
            + CodeRepo
            + AssertionRepo
            + RefreshTokenRepo
            + RevocationRepo
            + ConsentRepo
            + EmailVerificationRepo
            + SecondFactorRepo
            + RecoveryCodeRepo
            + PendingStepRepo
            + SigningKeyRepo
            + ThrottleRepo
            + CeremonyRepo
            + AuditRepo
            + RateLimitRepo
            + RegistrationRepo
            + SignupRepo
            + ApiKeyRepo
            + Maintenance
            + 'static,
    {
        let s = Arc::new(store);
        Self(Arc::new(RepoSet {
            users: s.clone(),
            attributes: s.clone(),
            groups: s.clone(),
            passkeys: s.clone(),
            passwords: s.clone(),
            invites: s.clone(),
            clients: s.clone(),
            sessions: s.clone(),
            logout_deliveries: s.clone(),
            auth_requests: s.clone(),
            pushed_requests: s.clone(),
            client_logos: s.clone(),
            device_auths: s.clone(),
            codes: s.clone(),
            assertions: s.clone(),
            refresh_tokens: s.clone(),
            revocations: s.clone(),
            consents: s.clone(),
            email_verifications: s.clone(),
            second_factors: s.clone(),
            recovery_codes: s.clone(),
            pending_steps: s.clone(),
            signing_keys: s.clone(),
            throttle: s.clone(),
            ceremonies: s.clone(),
            audit: s.clone(),
            rate_limits: s.clone(),
            registrations: s.clone(),
            signups: s.clone(),
            api_keys: s.clone(),
            maintenance: s,
        }))
    }
}

/// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): which
/// clients received an ID token in which session, and the outbox of logout
/// tokens to send. The outbox is written by [`SessionRepo::delete`] and
/// [`SessionRepo::delete_for_user`] in the transaction that ends the
/// sessions, so no way of ending a session can forget it.
#[async_trait]
pub trait LogoutDeliveryRepo: Send + Sync {
    /// Records that `client_id` received an ID token in session `sid`;
    /// nothing when the session no longer exists (or was recorded already).
    async fn remember_client(&self, sid: &str, client_id: &str, now: i64) -> DbResult<()>;
    /// Completes when a session end on this store (in this process) has
    /// enqueued deliveries since the last call; wakes the delivery worker.
    async fn enqueued(&self);
    /// Takes up to `limit` pending deliveries due at `now` that no worker
    /// holds, leasing them until `lease_until` (so another instance on the
    /// same database does not send them too), oldest first: at most
    /// `per_client` of one client, and none of a client that has a
    /// delivery leased (an attempt in flight), so one client's slow
    /// endpoint never takes every attempt.
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
        per_client: i64,
    ) -> DbResult<Vec<LogoutDelivery>>;
    /// Marks a delivery delivered (counting the attempt).
    async fn delivered(&self, id: i64, now: i64) -> DbResult<()>;
    /// Records a failed attempt: `retry_at` schedules the next one, `None`
    /// gives up (the delivery becomes [`DeliveryState::Failed`]).
    async fn failed(&self, id: i64, now: i64, error: &str, retry_at: Option<i64>) -> DbResult<()>;
    /// The latest `limit` deliveries to `client_id`, newest first.
    async fn recent_for_client(&self, client_id: &str, limit: i64)
    -> DbResult<Vec<LogoutDelivery>>;
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Reads the backend from a database URL's scheme.
    #[must_use]
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// Errors opening a database.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("LATCHKEY_DATABASE_URL: unsupported scheme in {0:?} (use sqlite://… or postgres://…)")]
    Scheme(String),
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens the database named by `url`, applies pending migrations, and returns
/// the repositories.
pub async fn connect(url: &str) -> Result<Repos, ConnectError> {
    connect_with(url, postgres::DEFAULT_POOL_SIZE).await
}

/// Opens the database named by `url` (applying migrations) for
/// `latchkey export` and `latchkey import`, which read and write whole
/// tables beside the repositories (docs/migrating.md).
pub async fn connect_transfer(url: &str) -> Result<Arc<dyn transfer::TransferRepo>, ConnectError> {
    match Backend::from_url(url) {
        Some(Backend::Sqlite) => Ok(Arc::new(sqlite::SqliteStore::open(url).await?)),
        Some(Backend::Postgres) => Ok(Arc::new(
            postgres::PgStore::open(url, postgres::DEFAULT_POOL_SIZE).await?,
        )),
        None => Err(ConnectError::Scheme(url.to_owned())),
    }
}

/// As [`connect`], keeping at most `pool_size` connections to PostgreSQL
/// (`LATCHKEY_DATABASE_POOL_SIZE`; SQLite's pools are sized by its own rules).
pub async fn connect_with(url: &str, pool_size: u32) -> Result<Repos, ConnectError> {
    match Backend::from_url(url) {
        Some(Backend::Sqlite) => {
            let store = sqlite::SqliteStore::open(url).await?;
            Ok(Repos::from_store(store))
        }
        Some(Backend::Postgres) => {
            let store = postgres::PgStore::open(url, pool_size).await?;
            Ok(Repos::from_store(store))
        }
        None => Err(ConnectError::Scheme(url.to_owned())),
    }
}
