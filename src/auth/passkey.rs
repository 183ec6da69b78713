//! Passkeys (WebAuthn, webauthn-rs): registration and usernameless sign-in.
//!
//! Ceremony state is kept server-side in [`CeremonyRepo`](crate::db::CeremonyRepo)
//! as JSON with a short expiry and is taken exactly once, so a ceremony
//! started on one instance can finish on another. User verification is
//! required for every passkey operation.
//!
//! Registration does not store the passkey: [`finish_registration`] returns
//! it so that the caller decides (the account page stores it at once with
//! [`store`]; the invite flow first creates the user, then stores it).

use webauthn_rs::prelude::{
    CreationChallengeResponse, CredentialID, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Url, Uuid, Webauthn, WebauthnBuilder,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use crate::clock::Clock;
use crate::config::Settings;
use crate::crypto;
use crate::db::{Ceremony, DbError, PasskeyRecord, Repos, User};

/// How long a started ceremony may take (seconds).
pub const CEREMONY_TTL: i64 = 300;

const KIND_REGISTER: &str = "passkey-register";
const KIND_LOGIN: &str = "passkey-login";

/// Why a passkey operation failed.
#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    /// The ceremony is unknown, used, expired or of another kind.
    #[error("this passkey request has expired; please try again")]
    Expired,
    /// The authenticator's answer did not verify (wrong origin, challenge,
    /// signature, missing user verification, …). The detail is only logged.
    #[error("the passkey could not be verified")]
    Rejected,
    /// No account holds the credential (or its user handle does not match).
    #[error("this passkey is not registered here")]
    UnknownCredential,
    /// The account exists but is disabled.
    #[error("this account is disabled")]
    Disabled,
    /// The credential is already registered.
    #[error("this passkey is already registered")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Builds the one `Webauthn` instance of the server: relying party
/// `settings.rp_id` named after the instance (`LATCHKEY_INSTANCE_NAME`),
/// origin `settings.issuer`.
pub fn build(settings: &Settings) -> Result<Webauthn, String> {
    let origin = Url::parse(&settings.issuer).map_err(|e| format!("LATCHKEY_ISSUER: {e}"))?;
    WebauthnBuilder::new(&settings.rp_id, &origin)
        .and_then(|b| b.rp_name(&settings.branding.name).build())
        .map_err(|e| format!("WebAuthn relying party {:?}: {e}", settings.rp_id))
}

/// The WebAuthn user handle of a user: a UUID derived from the userid, so it
/// is stable, never reused, and reveals nothing stored elsewhere.
#[must_use]
pub fn user_handle(userid: &str) -> Uuid {
    let digest = crypto::sha256(format!("latchkey/webauthn-user-handle/{userid}").as_bytes());
    let mut bytes = [0_u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    // Mark it as an RFC 9562 version 8 (custom) UUID.
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

/// The text form in which credential ids are stored (base64url, no padding).
#[must_use]
pub fn credential_id_text(id: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id)
}

async fn put_ceremony(
    repos: &Repos,
    clock: &dyn Clock,
    kind: &str,
    userid: Option<&str>,
    state: &impl serde::Serialize,
) -> Result<String, PasskeyError> {
    let id = crypto::new_secret();
    let ceremony = Ceremony {
        id: crypto::hash_secret(&id),
        kind: kind.to_owned(),
        userid: userid.map(str::to_owned),
        state: serde_json::to_string(state).map_err(|e| PasskeyError::Internal(e.to_string()))?,
        expires_at: clock.now() + CEREMONY_TTL,
    };
    repos.ceremonies.put(&ceremony).await?;
    Ok(id)
}

async fn take_ceremony(
    repos: &Repos,
    clock: &dyn Clock,
    kind: &str,
    id: &str,
) -> Result<Ceremony, PasskeyError> {
    if id.is_empty() || id.len() > 128 {
        return Err(PasskeyError::Expired);
    }
    let ceremony = repos
        .ceremonies
        .take(&crypto::hash_secret(id), clock.now())
        .await?
        .ok_or(PasskeyError::Expired)?;
    if ceremony.kind != kind {
        return Err(PasskeyError::Expired);
    }
    Ok(ceremony)
}

/// Starts registering a passkey for `userid` (which need not exist yet: the
/// invite flow registers before it creates the user). Credentials in
/// `exclude` are refused by the authenticator. Returns the ceremony id to
/// send back with the answer, and the options for `navigator.credentials.create`.
pub async fn start_registration(
    webauthn: &Webauthn,
    repos: &Repos,
    clock: &dyn Clock,
    userid: &str,
    username: &str,
    display_name: &str,
    exclude: Vec<CredentialID>,
) -> Result<(String, CreationChallengeResponse), PasskeyError> {
    let exclude = (!exclude.is_empty()).then_some(exclude);
    let (mut ccr, state) = webauthn
        .start_passkey_registration(user_handle(userid), username, display_name, exclude)
        .map_err(|e| PasskeyError::Internal(e.to_string()))?;
    // Usernameless sign-in needs a discoverable credential.
    if let Some(selection) = ccr.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    let id = put_ceremony(repos, clock, KIND_REGISTER, Some(userid), &state).await?;
    Ok((id, ccr))
}

/// The credential ids a user already holds, to exclude when registering.
pub async fn existing_credentials(
    repos: &Repos,
    userid: &str,
) -> Result<Vec<CredentialID>, PasskeyError> {
    let mut out = Vec::new();
    for record in repos.passkeys.list_for_user(userid).await? {
        let passkey: Passkey = serde_json::from_str(&record.passkey)
            .map_err(|e| PasskeyError::Internal(format!("stored passkey {}: {e}", record.id)))?;
        out.push(passkey.cred_id().clone());
    }
    Ok(out)
}

/// A verified new passkey, not yet stored.
#[derive(Debug, Clone)]
pub struct NewPasskey {
    /// The user the registration was started for.
    pub userid: String,
    /// The webauthn-rs `Passkey`, serialized as JSON.
    pub passkey: String,
    /// The credential id as stored (base64url).
    pub credential_id: String,
    /// The authenticator's name, when its AAGUID is known
    /// ([`super::authenticators`]): the passkey's default name.
    pub authenticator: Option<&'static str>,
}

/// Verifies the authenticator's answer to a registration ceremony.
pub async fn finish_registration(
    webauthn: &Webauthn,
    repos: &Repos,
    clock: &dyn Clock,
    ceremony_id: &str,
    credential: &RegisterPublicKeyCredential,
) -> Result<NewPasskey, PasskeyError> {
    let ceremony = take_ceremony(repos, clock, KIND_REGISTER, ceremony_id).await?;
    let userid = ceremony.userid.ok_or(PasskeyError::Expired)?;
    let state: PasskeyRegistration = serde_json::from_str(&ceremony.state)
        .map_err(|e| PasskeyError::Internal(format!("ceremony state: {e}")))?;
    let passkey = webauthn
        .finish_passkey_registration(credential, &state)
        .map_err(|e| {
            tracing::info!(error = %e, "passkey registration refused");
            PasskeyError::Rejected
        })?;
    let authenticator = super::authenticators::name_from_attestation(
        credential.response.attestation_object.as_ref(),
    );
    Ok(NewPasskey {
        userid,
        authenticator,
        credential_id: credential_id_text(passkey.cred_id()),
        passkey: serde_json::to_string(&passkey)
            .map_err(|e| PasskeyError::Internal(e.to_string()))?,
    })
}

/// Stores a verified passkey under `name` (trimmed to 64 characters; when
/// empty, the authenticator's name if it is known, else "Passkey").
pub async fn store(
    repos: &Repos,
    clock: &dyn Clock,
    new: &NewPasskey,
    name: &str,
) -> Result<PasskeyRecord, PasskeyError> {
    let name: String = name.trim().chars().take(64).collect();
    let record = PasskeyRecord {
        id: crypto::new_id(),
        userid: new.userid.clone(),
        credential_id: new.credential_id.clone(),
        name: if name.is_empty() {
            new.authenticator.unwrap_or("Passkey").to_owned()
        } else {
            name
        },
        passkey: new.passkey.clone(),
        created_at: clock.now(),
        last_used_at: None,
    };
    repos.passkeys.add(&record).await.map_err(|e| match e {
        DbError::Conflict(_) => PasskeyError::Duplicate,
        other => PasskeyError::Db(other),
    })?;
    Ok(record)
}

/// Starts a usernameless sign-in (discoverable credentials; the browser may
/// offer it as autofill). Returns the ceremony id and the options for
/// `navigator.credentials.get`.
pub async fn start_authentication(
    webauthn: &Webauthn,
    repos: &Repos,
    clock: &dyn Clock,
) -> Result<(String, RequestChallengeResponse), PasskeyError> {
    let (rcr, state) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| PasskeyError::Internal(e.to_string()))?;
    let id = put_ceremony(repos, clock, KIND_LOGIN, None, &state).await?;
    Ok((id, rcr))
}

/// A verified passkey sign-in.
#[derive(Debug, Clone)]
pub struct PasskeySignIn {
    pub user: User,
    /// The stored passkey's id and name.
    pub passkey_id: String,
    pub passkey_name: String,
    /// Whether the credential may be synced between devices (backup eligible):
    /// `amr` is then `swk`, else `hwk`.
    pub backup_eligible: bool,
}

impl PasskeySignIn {
    /// RFC 8176 methods of a user-verified passkey sign-in
    /// ([`super::acr::passkey_amr`]).
    #[must_use]
    pub fn amr(&self) -> Vec<String> {
        super::acr::passkey_amr(self.backup_eligible)
    }
}

/// Verifies the answer to a sign-in ceremony: finds the credential, checks
/// the signature, origin, challenge and user verification, records the
/// signature counter and backup state, and returns the user.
pub async fn finish_authentication(
    webauthn: &Webauthn,
    repos: &Repos,
    clock: &dyn Clock,
    ceremony_id: &str,
    credential: &PublicKeyCredential,
) -> Result<PasskeySignIn, PasskeyError> {
    let ceremony = take_ceremony(repos, clock, KIND_LOGIN, ceremony_id).await?;
    let state: DiscoverableAuthentication = serde_json::from_str(&ceremony.state)
        .map_err(|e| PasskeyError::Internal(format!("ceremony state: {e}")))?;
    let (handle, raw_id) = webauthn
        .identify_discoverable_authentication(credential)
        .map_err(|_| PasskeyError::UnknownCredential)?;
    let record = repos
        .passkeys
        .get_by_credential_id(&credential_id_text(raw_id))
        .await?
        .ok_or(PasskeyError::UnknownCredential)?;
    if handle != user_handle(&record.userid) {
        return Err(PasskeyError::UnknownCredential);
    }
    let mut passkey: Passkey = serde_json::from_str(&record.passkey)
        .map_err(|e| PasskeyError::Internal(format!("stored passkey {}: {e}", record.id)))?;
    let result = webauthn
        .finish_discoverable_authentication(credential, state, &[DiscoverableKey::from(&passkey)])
        .map_err(|e| {
            tracing::info!(error = %e, "passkey sign-in refused");
            PasskeyError::Rejected
        })?;
    if !result.user_verified() {
        return Err(PasskeyError::Rejected);
    }
    let user = repos
        .users
        .get(&record.userid)
        .await?
        .ok_or(PasskeyError::UnknownCredential)?;
    if !user.active {
        return Err(PasskeyError::Disabled);
    }
    passkey.update_credential(&result);
    let serialized =
        serde_json::to_string(&passkey).map_err(|e| PasskeyError::Internal(e.to_string()))?;
    repos
        .passkeys
        .record_use(&record.id, &serialized, clock.now())
        .await?;
    Ok(PasskeySignIn {
        user,
        passkey_id: record.id,
        passkey_name: record.name,
        backup_eligible: result.backup_eligible(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_handles_are_stable_and_distinct() {
        assert_eq!(user_handle("lusab-babad"), user_handle("lusab-babad"));
        assert_ne!(user_handle("lusab-babad"), user_handle("lusab-babae"));
    }

    #[test]
    fn builds_for_the_default_settings() {
        let s = Settings::for_tests("http://localhost:8080", "sqlite://x.db").unwrap();
        assert!(build(&s).is_ok());
    }
}
