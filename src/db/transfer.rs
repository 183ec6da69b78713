//! Moving a whole installation between databases (`latchkey export` /
//! `latchkey import`): the rows that make up users, groups, clients and
//! their credentials, as stored, and the repository that reads them in one
//! snapshot and writes them into an empty database in one transaction.
//!
//! The records are the document's sections (`crate::transfer`), so their
//! field names are part of the export format: rename nothing without
//! raising the format version. Columns holding JSON text are carried as
//! JSON values ([`json_text`]). What is sealed under the master key is not
//! here: the export opens it and carries it in its passphrase-encrypted
//! section ([`Sealed`]).

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::DbResult;

/// A `users` row and the names of its groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct UserRow {
    /// The OIDC `sub`.
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
    /// Administrative role (`owner`, `admin`, `user-manager`, …), if any.
    pub role: Option<String>,
    /// False when the account is disabled.
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// Custom attributes, a JSON object.
    #[serde(with = "json_text")]
    pub attributes: String,
    /// Names of the groups the user belongs to.
    #[sqlx(skip)]
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A `groups` row (memberships are on the users).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct GroupRow {
    pub name: String,
    pub description: Option<String>,
    pub require_mfa: bool,
    /// Custom attributes, a JSON object.
    #[serde(with = "json_text")]
    pub attributes: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A password hash as stored (an argon2 PHC string).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct PasswordRow {
    pub userid: String,
    pub hash: String,
    pub updated_at: i64,
}

/// A WebAuthn credential as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct PasskeyRow {
    pub id: String,
    pub userid: String,
    /// Base64url of the WebAuthn credential id.
    pub credential_id: String,
    pub name: String,
    /// The webauthn-rs `Passkey` (public key, counter, …), a JSON object.
    #[serde(with = "json_text")]
    pub passkey: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// A confirmed authenticator app, without its secret (which travels in
/// the encrypted section, [`Sealed::totp_secrets`]). Enrolments not yet
/// confirmed are not exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct TotpRow {
    pub userid: String,
    pub confirmed_at: Option<i64>,
    /// The last time step accepted (codes are used once).
    pub last_step: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// A backup code as stored: its SHA-256, bound to the userid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct BackupCodeRow {
    pub userid: String,
    pub code_hash: String,
    pub created_at: i64,
    pub used_at: Option<i64>,
}

/// A `clients` row (every setting) and the names of its allowed groups.
/// The secret of a `client_secret_jwt` client is sealed under the master
/// key and travels in [`Sealed::client_secrets`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct ClientRow {
    pub client_id: String,
    pub name: String,
    /// SHA-256 of the client secret (confidential clients).
    pub secret_hash: Option<String>,
    pub public: bool,
    #[serde(with = "json_text")]
    pub redirect_uris: String,
    #[serde(with = "json_text")]
    pub post_logout_redirect_uris: String,
    #[serde(with = "json_text")]
    pub grant_types: String,
    #[serde(with = "json_text")]
    pub scopes: String,
    pub skip_consent: bool,
    pub require_mfa: bool,
    pub resource_server: bool,
    pub id_token_alg: String,
    #[serde(with = "json_text")]
    pub claim_mapping: String,
    pub logo_uri: Option<String>,
    pub client_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
    /// Registered JWK Set (`private_key_jwt`).
    #[serde(with = "json_text_opt")]
    pub jwks: Option<String>,
    #[serde(with = "json_text")]
    pub allowed_origins: String,
    pub require_par: bool,
    pub require_dpop: bool,
    pub backchannel_logout_uri: Option<String>,
    pub backchannel_logout_session_required: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// Names of the groups whose members may use it (empty: everyone).
    #[sqlx(skip)]
    #[serde(default)]
    pub allowed_groups: Vec<String>,
    /// Whether a secret sealed under the master key is stored (a
    /// `client_secret_jwt` client); the secret is in the encrypted section.
    #[sqlx(skip)]
    #[serde(default)]
    pub sealed_secret: bool,
}

/// The registration of a dynamically registered client (RFC 7591/7592).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct ClientRegistrationRow {
    pub client_id: String,
    /// SHA-256 of its registration access token.
    pub access_token_hash: String,
    pub auth_method: String,
    pub created_at: i64,
    pub initial_token_id: Option<String>,
}

/// A user's consent to a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct ConsentRow {
    pub userid: String,
    pub client_id: String,
    /// The scopes consented to, as stored.
    pub scopes: String,
    pub granted_at: i64,
    pub last_used_at: Option<i64>,
}

/// An API key of the admin API (its SHA-256 only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub key_hash: String,
    pub created_by: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A userid of a deleted account: never issued again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct RetiredUserid {
    pub userid: String,
    pub retired_at: i64,
}

/// An uploaded client logo (format version 2), the image as stored
/// (base64 in the document).
#[derive(Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct ClientLogoRow {
    pub client_id: String,
    /// `image/png`, `image/jpeg`, `image/webp` or `image/svg+xml`.
    pub content_type: String,
    /// The image, base64 in the document.
    #[serde(with = "base64_bytes")]
    pub image: Vec<u8>,
    /// Short content hash, put in the logo's URL.
    pub hash: String,
    pub updated_at: i64,
}

impl std::fmt::Debug for ClientLogoRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientLogoRow")
            .field("client_id", &self.client_id)
            .field("content_type", &self.content_type)
            .field("len", &self.image.len())
            .field("hash", &self.hash)
            .finish_non_exhaustive()
    }
}

/// A recovery code as stored (format version 2): its SHA-256, bound to the
/// userid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct RecoveryCodeRow {
    pub userid: String,
    pub code_hash: String,
    pub created_at: i64,
    pub used_at: Option<i64>,
}

/// An initial access token for dynamic client registration (format
/// version 2): its SHA-256 only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct RegistrationTokenRow {
    pub id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Registrations it may still make.
    pub uses_left: i64,
    pub created_by: Option<String>,
    pub revoked_at: Option<i64>,
}

/// An invite or recovery link, in any state (format version 2): the
/// SHA-256 of its token only, so a link sent before the move opens after
/// it when the issuer is the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct InviteRow {
    pub id: String,
    pub token_hash: String,
    pub username: String,
    pub email: Option<String>,
    /// Names of the groups the new account joins, a JSON list.
    #[serde(with = "json_text")]
    pub groups: String,
    pub role: Option<String>,
    /// The account a recovery link adds a credential to.
    pub userid: Option<String>,
    pub allow_password: bool,
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub usable_from: Option<i64>,
    pub self_service: bool,
    pub name: Option<String>,
}

/// A sign-up request waiting for its address or an administrator (format
/// version 2): the SHA-256 of its verification token only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct SignupRequestRow {
    pub id: String,
    pub username: String,
    pub email: String,
    pub name: Option<String>,
    pub token_hash: String,
    pub ip: Option<String>,
    /// `unverified`, `verified` or `approving`.
    pub state: String,
    pub requested_at: i64,
    pub verified_at: Option<i64>,
    pub expires_at: i64,
}

/// A revocation of access tokens (format version 2): with `--with-keys`
/// the tokens the source signed stay valid at the target, so the ones it
/// revoked must stay revoked there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct RevocationRow {
    /// A grant id, a token's `jti`, or `user:<userid>`.
    pub id: String,
    /// `grant`, `token` or `user`.
    pub kind: String,
    pub expires_at: i64,
    /// For `user`: tokens issued before this time are revoked.
    pub not_before: Option<i64>,
}

/// A signing key with its private key in the clear (PKCS#8 DER): only ever
/// inside the passphrase-encrypted section of an export.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlainSigningKey {
    pub kid: String,
    pub alg: String,
    /// Base64 of the PKCS#8 DER private key.
    pub private_key: String,
    /// The public JWK, a JSON object.
    #[serde(with = "json_text")]
    pub public_jwk: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl std::fmt::Debug for PlainSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlainSigningKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

/// A secret in the clear, named by whose it is.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlainSecret {
    /// The userid (authenticator apps) or client id (client secrets).
    pub owner: String,
    /// The secret: base64 of the TOTP seed, or the client secret.
    pub secret: String,
}

impl std::fmt::Debug for PlainSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlainSecret")
            .field("owner", &self.owner)
            .finish_non_exhaustive()
    }
}

/// What an export carries only encrypted under the operator's passphrase:
/// everything the source database seals under its master key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    /// Signing keys (`--with-keys` only).
    #[serde(default)]
    pub signing_keys: Vec<PlainSigningKey>,
    /// Authenticator-app secrets, by userid.
    #[serde(default)]
    pub totp_secrets: Vec<PlainSecret>,
    /// Secrets of `client_secret_jwt` clients, by client id.
    #[serde(default)]
    pub client_secrets: Vec<PlainSecret>,
}

/// Everything an export holds, as stored, except what is sealed under the
/// master key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    #[serde(default)]
    pub users: Vec<UserRow>,
    #[serde(default)]
    pub groups: Vec<GroupRow>,
    #[serde(default)]
    pub passwords: Vec<PasswordRow>,
    #[serde(default)]
    pub passkeys: Vec<PasskeyRow>,
    #[serde(default)]
    pub totp: Vec<TotpRow>,
    #[serde(default)]
    pub backup_codes: Vec<BackupCodeRow>,
    #[serde(default)]
    pub clients: Vec<ClientRow>,
    #[serde(default)]
    pub client_registrations: Vec<ClientRegistrationRow>,
    #[serde(default)]
    pub consents: Vec<ConsentRow>,
    #[serde(default)]
    pub api_keys: Vec<ApiKeyRow>,
    #[serde(default)]
    pub retired_userids: Vec<RetiredUserid>,
    // Format version 2. Empty sections are left out, so that a version 1
    // document serialises as it was written (its encrypted section is
    // bound to that text, see `crate::transfer`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_logos: Vec<ClientLogoRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recovery_codes: Vec<RecoveryCodeRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registration_tokens: Vec<RegistrationTokenRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invites: Vec<InviteRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signup_requests: Vec<SignupRequestRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revocations: Vec<RevocationRow>,
}

impl Dataset {
    /// The sections added by format version 2 that are not empty.
    #[must_use]
    pub fn version_2_sections(&self) -> Vec<&'static str> {
        [
            ("client_logos", self.client_logos.is_empty()),
            ("recovery_codes", self.recovery_codes.is_empty()),
            ("registration_tokens", self.registration_tokens.is_empty()),
            ("invites", self.invites.is_empty()),
            ("signup_requests", self.signup_requests.is_empty()),
            ("revocations", self.revocations.is_empty()),
        ]
        .into_iter()
        .filter(|(_, empty)| !empty)
        .map(|(name, _)| name)
        .collect()
    }
}

/// What [`TransferRepo::snapshot`] read that is sealed under the master
/// key, still sealed: the caller opens it.
#[derive(Debug, Clone, Default)]
pub struct SealedRows {
    /// `(kid, alg, sealed private key, public JWK, created_at, retired_at)`.
    pub signing_keys: Vec<super::SigningKeyRecord>,
    /// `(userid, sealed secret)` of confirmed authenticators.
    pub totp_secrets: Vec<(String, String)>,
    /// `(client_id, sealed secret)`.
    pub client_secrets: Vec<(String, String)>,
}

/// What the importer writes that must be sealed under the target's master
/// key first (done by the caller).
#[derive(Debug, Clone, Default)]
pub struct SealedInput {
    /// Signing keys sealed under the target master key. When not empty,
    /// they replace every signing key in the target database.
    pub signing_keys: Vec<super::SigningKeyRecord>,
    /// `(userid, sealed secret)`.
    pub totp_secrets: Vec<(String, String)>,
    /// `(client_id, sealed secret)`.
    pub client_secrets: Vec<(String, String)>,
}

/// What [`TransferRepo::load`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// Everything was written and committed.
    Done,
    /// Nothing was written: the database already holds these (e.g. `users`).
    NotEmpty(&'static str),
}

/// Reads a whole installation and writes one into an empty database.
#[async_trait]
pub trait TransferRepo: Send + Sync {
    /// Reads every exported table in one read transaction (a consistent
    /// snapshot while a server keeps writing), ordered by key.
    async fn snapshot(&self) -> DbResult<(Dataset, SealedRows)>;
    /// Writes `data` and `sealed` in one transaction, after checking in it
    /// that the database holds no user, group, client, invite, API key,
    /// sign-up request, registration token, retired userid or revocation
    /// (otherwise [`Loaded::NotEmpty`] and nothing is written). No other
    /// writer can add to those tables between the check and the commit (the
    /// write lock on SQLite, table locks on PostgreSQL), so two imports, or
    /// an import and a first start, never both write. Every user, client
    /// and invite written is read back through the decoders the server uses
    /// before the commit; a row they refuse is [`super::DbError::Corrupt`]
    /// and nothing is written.
    async fn load(&self, data: &Dataset, sealed: &SealedInput) -> DbResult<Loaded>;
}

/// A TEXT column that holds JSON, carried in the document as the JSON value
/// itself (not a string of it).
pub mod json_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _, ser::Error};

    /// Writes the stored text as JSON.
    pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| S::Error::custom(format!("stored JSON does not parse: {e}")))?;
        value.serialize(s)
    }

    /// Reads any JSON value and keeps its text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        serde_json::to_string(&value).map_err(D::Error::custom)
    }
}

/// A BLOB/BYTEA column, carried as standard base64.
pub mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    /// Writes the bytes as base64.
    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    /// Reads base64.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(|e| D::Error::custom(format!("not base64: {e}")))
    }
}

/// [`json_text`] for a nullable column.
pub mod json_text_opt {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    /// Writes the stored text as JSON, or `null`.
    pub fn serialize<S: Serializer>(text: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match text {
            Some(text) => super::json_text::serialize(text, s),
            None => s.serialize_none(),
        }
    }

    /// Reads any JSON value (`null`: none) and keeps its text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let value = Option::<serde_json::Value>::deserialize(d)?;
        value
            .map(|v| serde_json::to_string(&v).map_err(D::Error::custom))
            .transpose()
    }
}
