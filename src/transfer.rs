//! `latchkey export` and `latchkey import`: one versioned JSON document
//! holding an installation's users, groups, memberships, attributes,
//! credentials (password hashes and passkeys as stored, second factors),
//! clients and consents, to move it between SQLite and PostgreSQL, to
//! another machine, or back after a disaster (docs/migrating.md).
//!
//! What the source database seals under its master key (authenticator-app
//! secrets, the secrets of `client_secret_jwt` clients and, with
//! `--with-keys`, the signing keys) is opened and carried only in the
//! document's `encrypted` section, under a key derived from the operator's
//! passphrase ([`passphrase`]); the import seals it again under the target's
//! master key. Sessions, codes, refresh tokens, counters and the audit log
//! are not exported (docs/migrating.md says why, table by table).
//!
//! Format version 2 added client logos, recovery codes, registration
//! tokens, invites, sign-up requests and token revocations; version 1
//! documents still import.

mod check;
mod check_v2;
pub mod passphrase;

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::crypto::MasterKey;
use crate::db::SigningKeyRecord;
use crate::db::transfer::{
    Dataset, Loaded, PlainSecret, PlainSigningKey, Sealed, SealedInput, SealedRows,
};
use passphrase::{Encrypted, PassphraseError};

/// The value of the document's `format` field.
pub const FORMAT: &str = "latchkey-export";
/// The version of the document format this build writes (and the newest
/// it reads).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest version of the document format this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// The largest document an import reads by default (`--max-bytes`).
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// An export.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] of the Latchkey that wrote it.
    pub format_version: u32,
    /// The version of the Latchkey that wrote it.
    pub latchkey_version: String,
    /// When it was written (RFC 3339).
    pub exported_at: String,
    /// Where it came from (informative).
    pub source: Source,
    /// Everything but what is sealed under the master key.
    pub data: Dataset,
    /// The passphrase-encrypted section ([`Sealed`]), when there was
    /// anything to put in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<Encrypted>,
}

/// Where an export came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// `sqlite` or `postgres`.
    pub database: String,
    /// The issuer the source served as; passkeys work only where the
    /// WebAuthn relying-party id is the same.
    pub issuer: String,
    /// The WebAuthn relying-party id of the source.
    pub rp_id: String,
}

/// How many of each thing an export or import holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub users: usize,
    pub groups: usize,
    pub passwords: usize,
    pub passkeys: usize,
    pub authenticator_apps: usize,
    pub backup_codes: usize,
    pub clients: usize,
    pub consents: usize,
    pub api_keys: usize,
    pub signing_keys: usize,
    pub client_logos: usize,
    pub recovery_codes: usize,
    pub registration_tokens: usize,
    pub invites: usize,
    pub signup_requests: usize,
    pub revocations: usize,
}

impl Counts {
    fn of(data: &Dataset, signing_keys: usize) -> Self {
        Self {
            users: data.users.len(),
            groups: data.groups.len(),
            passwords: data.passwords.len(),
            passkeys: data.passkeys.len(),
            authenticator_apps: data.totp.len(),
            backup_codes: data.backup_codes.len(),
            clients: data.clients.len(),
            consents: data.consents.len(),
            api_keys: data.api_keys.len(),
            signing_keys,
            client_logos: data.client_logos.len(),
            recovery_codes: data.recovery_codes.len(),
            registration_tokens: data.registration_tokens.len(),
            invites: data.invites.len(),
            signup_requests: data.signup_requests.len(),
            revocations: data.revocations.len(),
        }
    }
}

/// Why an export or import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("{0}")]
    Refused(String),
    #[error("the document is not valid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    #[error("master key: {0}")]
    MasterKey(String),
    #[error(transparent)]
    Connect(#[from] crate::db::ConnectError),
    #[error("database: {0}")]
    Db(#[from] crate::db::DbError),
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Associated data of the encrypted section: the format and version of
/// the document, the export time and the SHA-256 of the data section as
/// this build serialises it, so that a changed document does not open.
/// Sections a version 1 document cannot have are left out when empty
/// ([`Dataset`]), so it serialises as the version 1 build wrote it.
fn associated_data(
    version: u32,
    exported_at: &str,
    data: &Dataset,
) -> Result<Vec<u8>, TransferError> {
    let bytes = serde_json::to_vec(data).map_err(|e| TransferError::Invalid(e.to_string()))?;
    let mut aad = format!("{FORMAT} {version}\n{exported_at}\n").into_bytes();
    aad.extend_from_slice(&crate::crypto::sha256(&bytes));
    Ok(aad)
}

fn database_name(url: &str) -> &'static str {
    match crate::db::Backend::from_url(url) {
        Some(crate::db::Backend::Postgres) => "postgres",
        _ => "sqlite",
    }
}

fn master_key(settings: &Settings) -> Result<MasterKey, TransferError> {
    crate::app::master_key(settings).map_err(|e| TransferError::MasterKey(e.to_string()))
}

/// Reads the configured database into a document. `passphrase` encrypts
/// what the database seals under its master key; it is required when
/// `with_keys` or when there are such secrets (authenticator apps,
/// `client_secret_jwt` clients).
pub async fn export(
    settings: &Settings,
    with_keys: bool,
    passphrase: Option<SecretString>,
    now: i64,
) -> Result<(Document, Counts), TransferError> {
    let repo = crate::db::connect_transfer(&settings.database_url).await?;
    let (data, sealed_rows) = repo.snapshot().await?;
    let needs_sealing =
        with_keys || !sealed_rows.totp_secrets.is_empty() || !sealed_rows.client_secrets.is_empty();
    let exported_at = crate::clock::rfc3339(now);
    let encrypted = if needs_sealing {
        let Some(passphrase) = passphrase else {
            return Err(TransferError::Refused(format!(
                "a passphrase is needed: {} (set LATCHKEY_EXPORT_PASSPHRASE or pass --passphrase-file FILE)",
                why_sealed(with_keys, &sealed_rows)
            )));
        };
        let sealed = open_sealed(&master_key(settings)?, &sealed_rows, with_keys)?;
        let plain =
            serde_json::to_vec(&sealed).map_err(|e| TransferError::Invalid(e.to_string()))?;
        let aad = associated_data(FORMAT_VERSION, &exported_at, &data)?;
        Some(
            crate::telemetry::spawn_blocking_in_span(move || {
                passphrase::seal(&passphrase, &plain, &aad)
            })
            .await
            .map_err(|_| TransferError::Passphrase(PassphraseError::Seal))??,
        )
    } else {
        None
    };
    let counts = Counts::of(
        &data,
        if with_keys {
            sealed_rows.signing_keys.len()
        } else {
            0
        },
    );
    Ok((
        Document {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            latchkey_version: env!("CARGO_PKG_VERSION").into(),
            exported_at,
            source: Source {
                database: database_name(&settings.database_url).into(),
                issuer: settings.issuer.clone(),
                rp_id: settings.rp_id.clone(),
            },
            data,
            encrypted,
        },
        counts,
    ))
}

fn why_sealed(with_keys: bool, rows: &SealedRows) -> String {
    let mut why = Vec::new();
    if with_keys {
        why.push("--with-keys exports the signing keys, encrypted".to_owned());
    }
    if !rows.totp_secrets.is_empty() {
        why.push(format!(
            "{} authenticator-app secret(s) are exported only encrypted",
            rows.totp_secrets.len()
        ));
    }
    if !rows.client_secrets.is_empty() {
        why.push(format!(
            "{} client_secret_jwt secret(s) are exported only encrypted",
            rows.client_secrets.len()
        ));
    }
    why.join("; ")
}

/// Opens what the source sealed under its master key.
fn open_sealed(
    master: &MasterKey,
    rows: &SealedRows,
    with_keys: bool,
) -> Result<Sealed, TransferError> {
    let cannot = |what: String| {
        move |e: crate::crypto::SealError| TransferError::MasterKey(format!("{what}: {e}"))
    };
    let mut sealed = Sealed::default();
    if with_keys {
        for k in &rows.signing_keys {
            let opened = master
                .open(&k.kid, &k.private_key)
                .map_err(cannot(format!("signing key {}", k.kid)))?;
            sealed.signing_keys.push(PlainSigningKey {
                kid: k.kid.clone(),
                alg: k.alg.clone(),
                private_key: STANDARD.encode(opened.plaintext),
                public_jwk: k.public_jwk.clone(),
                created_at: k.created_at,
                retired_at: k.retired_at,
            });
        }
    }
    for (userid, secret) in &rows.totp_secrets {
        let plain = master
            .open_second_factor(userid, secret)
            .map_err(cannot(format!("authenticator of {userid}")))?;
        sealed.totp_secrets.push(PlainSecret {
            owner: userid.clone(),
            secret: STANDARD.encode(plain),
        });
    }
    for (client_id, secret) in &rows.client_secrets {
        let plain = master
            .open_client_secret(client_id, secret)
            .map_err(cannot(format!("secret of client {client_id}")))?;
        sealed.client_secrets.push(PlainSecret {
            owner: client_id.clone(),
            secret: plain,
        });
    }
    Ok(sealed)
}

/// Reads and checks a document from `path` (`-`: standard input) of at
/// most `max_bytes` (no database involved). The size is counted while
/// reading, so a pipe, a FIFO or `/dev/stdin` is capped as a file is.
pub fn read_document(path: &Path, max_bytes: u64) -> Result<Document, TransferError> {
    let io = |what| {
        move |source| TransferError::Io {
            what,
            path: path.to_path_buf(),
            source,
        }
    };
    let stdin = path == Path::new("-");
    let read = if stdin {
        read_limited(std::io::stdin().lock(), max_bytes)
    } else {
        std::fs::File::open(path).and_then(|file| {
            // A regular file too large is refused before it is read.
            match file.metadata() {
                Ok(meta) if meta.is_file() && meta.len() > max_bytes => Ok(None),
                _ => read_limited(file, max_bytes),
            }
        })
    };
    let Some(bytes) = read.map_err(io("cannot read"))? else {
        return Err(TransferError::Invalid(format!(
            "{} is larger than the {max_bytes} bytes an import reads (raise it with --max-bytes)",
            if stdin {
                "standard input".into()
            } else {
                path.display().to_string()
            }
        )));
    };
    parse_document(&bytes)
}

/// Reads at most `max_bytes` from `reader`; `None` when there is more.
fn read_limited(reader: impl std::io::Read, max_bytes: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max_bytes).then_some(bytes))
}

/// Parses and checks a document.
pub fn parse_document(bytes: &[u8]) -> Result<Document, TransferError> {
    /// The fields that say what a document is, read before the rest.
    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        format_version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_slice(bytes)
        .map_err(|e| TransferError::Invalid(format!("not a JSON object: {e}")))?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(TransferError::Invalid(format!(
            "not a Latchkey export (its \"format\" is not \"{FORMAT}\")"
        )));
    }
    let readable = u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION);
    match header
        .format_version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if readable.contains(&v) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(TransferError::Invalid(format!(
                "written by a newer Latchkey (format version {v}; this one reads {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}): upgrade Latchkey first"
            )));
        }
        _ => {
            return Err(TransferError::Invalid(format!(
                "unknown format_version (this Latchkey reads {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION})"
            )));
        }
    }
    let doc: Document =
        serde_json::from_slice(bytes).map_err(|e| TransferError::Invalid(e.to_string()))?;
    if doc.format_version < 2 {
        let newer = doc.data.version_2_sections();
        if !newer.is_empty() {
            return Err(TransferError::Invalid(format!(
                "format version 1 has no section {}: a document with them says \"format_version\": 2",
                newer.join(", ")
            )));
        }
    }
    let mut problems = check::document(&doc);
    problems.extend(check_v2::document(&doc.data));
    if !problems.is_empty() {
        let shown: Vec<_> = problems.iter().take(10).cloned().collect();
        let more = problems.len().saturating_sub(shown.len());
        let mut text = shown.join("; ");
        if more > 0 {
            text.push_str(&format!("; and {more} more"));
        }
        return Err(TransferError::Invalid(text));
    }
    if let Some(section) = &doc.encrypted {
        passphrase::check(section)?;
    }
    Ok(doc)
}

/// Writes `doc` into the configured database, which must be empty (no
/// users, groups, clients, invites, …; signing keys a fresh database made
/// are replaced when the document carries keys). One transaction: all or
/// nothing.
pub async fn import(
    settings: &Settings,
    doc: Document,
    passphrase: Option<SecretString>,
) -> Result<Counts, TransferError> {
    let sealed = match &doc.encrypted {
        None => Sealed::default(),
        Some(section) => {
            let Some(passphrase) = passphrase else {
                return Err(TransferError::Refused(
                    "this export has an encrypted section (signing keys or second-factor secrets): give its passphrase (LATCHKEY_EXPORT_PASSPHRASE or --passphrase-file FILE)".into(),
                ));
            };
            let aad = associated_data(doc.format_version, &doc.exported_at, &doc.data)?;
            let section = section.clone();
            let plain = crate::telemetry::spawn_blocking_in_span(move || {
                passphrase::open(&passphrase, &section, &aad)
            })
            .await
            .map_err(|_| TransferError::Passphrase(PassphraseError::Open))??;
            serde_json::from_slice(&plain).map_err(|e| {
                TransferError::Invalid(format!("the encrypted section does not parse: {e}"))
            })?
        }
    };
    let problems = check::sealed(&doc.data, &sealed);
    if !problems.is_empty() {
        return Err(TransferError::Invalid(problems.join("; ")));
    }
    let master = master_key(settings)?;
    let input = seal_again(&master, &sealed)?;
    let repo = crate::db::connect_transfer(&settings.database_url).await?;
    match repo.load(&doc.data, &input).await {
        Ok(Loaded::Done) => Ok(Counts::of(&doc.data, input.signing_keys.len())),
        Ok(Loaded::NotEmpty(what)) => Err(TransferError::Refused(format!(
            "the database is not empty (it holds {what}): import only into a new, empty database; nothing was written"
        ))),
        Err(crate::db::DbError::Conflict(what)) => Err(TransferError::Invalid(format!(
            "two records share one {what}; nothing was written"
        ))),
        Err(crate::db::DbError::Corrupt(what)) => Err(TransferError::Invalid(format!(
            "{what}; nothing was written"
        ))),
        Err(e) => Err(TransferError::Db(e)),
    }
}

/// Seals the opened secrets under the target's master key.
fn seal_again(master: &MasterKey, sealed: &Sealed) -> Result<SealedInput, TransferError> {
    let failed = |e: crate::crypto::SealError| TransferError::MasterKey(e.to_string());
    let mut input = SealedInput::default();
    for k in &sealed.signing_keys {
        let der = STANDARD
            .decode(&k.private_key)
            .map_err(|_| TransferError::Invalid(format!("signing key {}: not base64", k.kid)))?;
        input.signing_keys.push(SigningKeyRecord {
            kid: k.kid.clone(),
            alg: k.alg.clone(),
            private_key: master.seal(&k.kid, &der).map_err(failed)?,
            public_jwk: k.public_jwk.clone(),
            created_at: k.created_at,
            retired_at: k.retired_at,
        });
    }
    for s in &sealed.totp_secrets {
        let seed = STANDARD.decode(&s.secret).map_err(|_| {
            TransferError::Invalid(format!("authenticator of {}: not base64", s.owner))
        })?;
        input.totp_secrets.push((
            s.owner.clone(),
            master.seal_second_factor(&s.owner, &seed).map_err(failed)?,
        ));
    }
    for s in &sealed.client_secrets {
        input.client_secrets.push((
            s.owner.clone(),
            master
                .seal_client_secret(&s.owner, &s.secret)
                .map_err(failed)?,
        ));
    }
    Ok(input)
}

/// Reads a passphrase: from `file` when given, else from the environment
/// variable `LATCHKEY_EXPORT_PASSPHRASE`; one trailing newline is dropped.
pub fn read_passphrase(file: Option<&Path>) -> Result<Option<SecretString>, TransferError> {
    let text = match file {
        Some(path) => Some(
            std::fs::read_to_string(path).map_err(|source| TransferError::Io {
                what: "cannot read the passphrase from",
                path: path.to_path_buf(),
                source,
            })?,
        ),
        None => std::env::var("LATCHKEY_EXPORT_PASSPHRASE").ok(),
    };
    Ok(text
        .map(|t| {
            t.strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(&t)
                .to_owned()
        })
        .filter(|t| !t.is_empty())
        .map(SecretString::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version 1 document with one user, as `docs/migrating.md` shows.
    fn v1() -> serde_json::Value {
        serde_json::json!({
            "format": FORMAT, "format_version": 1, "latchkey_version": "0.1.0",
            "exported_at": "2026-01-01T00:00:00Z",
            "source": {"database": "sqlite", "issuer": "http://localhost:8080", "rp_id": "localhost"},
            "data": {"users": [{
                "userid": "lusab-babad", "username": "alice", "name": null, "given_name": null,
                "family_name": null, "nickname": null, "email": null, "email_verified": false,
                "phone": null, "phone_verified": false, "picture": null, "locale": null,
                "role": null, "active": true, "created_at": 1, "updated_at": 1,
                "attributes": {}, "groups": []
            }]}
        })
    }

    fn parse(doc: &serde_json::Value) -> Result<Document, TransferError> {
        parse_document(doc.to_string().as_bytes())
    }

    #[test]
    fn reading_stops_past_the_limit_whatever_the_source() {
        let data = [b' '; 100];
        assert_eq!(
            read_limited(&data[..], 100).unwrap().map(|b| b.len()),
            Some(100)
        );
        assert_eq!(read_limited(&data[..], 99).unwrap(), None);
        // An endless source is not read to its end.
        assert_eq!(read_limited(std::io::repeat(b'x'), 1000).unwrap(), None);
    }

    #[test]
    fn versions_one_and_two_are_read_newer_and_unknown_are_refused() {
        let doc = parse(&v1()).unwrap();
        assert_eq!(doc.format_version, 1);
        let mut v2 = v1();
        v2["format_version"] = serde_json::json!(2);
        v2["data"]["recovery_codes"] = serde_json::json!([{
            "userid": "lusab-babad", "code_hash": "h", "created_at": 1, "used_at": null
        }]);
        assert_eq!(parse(&v2).unwrap().data.recovery_codes.len(), 1);
        // A version 1 document has no version 2 section.
        let mut mixed = v2.clone();
        mixed["format_version"] = serde_json::json!(1);
        let err = parse(&mixed).unwrap_err().to_string();
        assert!(
            err.contains("format version 1 has no section recovery_codes"),
            "{err}"
        );
        for (version, expected) in [
            (serde_json::json!(3), "newer Latchkey (format version 3"),
            (serde_json::json!(0), "unknown format_version"),
            (serde_json::json!("2"), "unknown format_version"),
            (serde_json::json!(null), "unknown format_version"),
        ] {
            let mut doc = v1();
            doc["format_version"] = version;
            let err = parse(&doc).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn a_version_1_dataset_serialises_as_version_1_wrote_it() {
        // The encrypted section of a version 1 document is bound to the
        // SHA-256 of its data as serialised: the sections version 2 added
        // must not appear when empty.
        let doc = parse(&v1()).unwrap();
        let text = serde_json::to_string(&doc.data).unwrap();
        for section in [
            "client_logos",
            "recovery_codes",
            "registration_tokens",
            "invites",
            "signup_requests",
            "revocations",
        ] {
            assert!(!text.contains(section), "{section} in {text}");
        }
        assert!(text.ends_with(r#""consents":[],"api_keys":[],"retired_userids":[]}"#));
    }

    #[test]
    fn version_2_sections_are_checked() {
        let mut doc = v1();
        doc["format_version"] = serde_json::json!(2);
        doc["data"]["client_logos"] = serde_json::json!([{
            "client_id": "nope", "content_type": "image/png", "image": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxjaXJjbGUgcj0iNCIvPjwvc3ZnPg==",
            "hash": "x", "updated_at": 1
        }]);
        doc["data"]["invites"] = serde_json::json!([{
            "id": "i1", "token_hash": "t", "username": "bob", "email": null, "groups": {},
            "role": "root", "userid": "ghost", "allow_password": true, "note": null,
            "created_by": null, "created_at": 1, "expires_at": 2, "used_at": null,
            "revoked_at": null, "usable_from": null, "self_service": false, "name": null
        }]);
        doc["data"]["revocations"] = serde_json::json!([{
            "id": "r", "kind": "everything", "expires_at": 1, "not_before": null
        }]);
        doc["data"]["signup_requests"] = serde_json::json!([{
            "id": "s", "username": "bob", "email": "b@example.com", "name": null,
            "token_hash": "t", "ip": null, "state": "limbo", "requested_at": 1,
            "verified_at": null, "expires_at": 2
        }]);
        let err = parse(&doc).unwrap_err().to_string();
        for expected in [
            "logo of client \"nope\": no such client",
            "not \"image/png\"",
            "invite \"i1\": groups must be a list",
            "unknown role \"root\"",
            "recovers \"ghost\"",
            "unknown kind \"everything\"",
            "unknown state \"limbo\"",
        ] {
            assert!(err.contains(expected), "{expected:?} not in {err}");
        }
    }

    #[test]
    fn version_2_links_and_requests_need_names_the_server_reads() {
        let mut doc = v1();
        doc["format_version"] = serde_json::json!(2);
        doc["data"]["invites"] = serde_json::json!([{
            "id": "i2", "token_hash": "t2", "username": "Not A Name", "email": null,
            "groups": [], "role": "admin", "userid": null, "allow_password": true,
            "note": null, "created_by": null, "created_at": 1, "expires_at": 2,
            "used_at": null, "revoked_at": null, "usable_from": null, "self_service": true,
            "name": null
        }]);
        doc["data"]["signup_requests"] = serde_json::json!([{
            "id": "s", "username": "Bob Smith", "email": "b@example.com", "name": null,
            "token_hash": "t", "ip": null, "state": "verified", "requested_at": 1,
            "verified_at": null, "expires_at": 2
        }]);
        let err = parse(&doc).unwrap_err().to_string();
        for expected in [
            "invite \"i2\": username \"Not A Name\"",
            "invite \"i2\": a recovery or self-registration link cannot give a role",
            "sign-up request \"s\": username \"Bob Smith\"",
        ] {
            assert!(err.contains(expected), "{expected:?} not in {err}");
        }
    }
}
