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
//! master key. Sessions, codes, tokens, pending invites, sign-up requests
//! and the audit log are not exported (docs/migrating.md says why).

mod check;
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
/// The version of the document format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest document an import reads.
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

/// Associated data of the encrypted section: the format, the export time
/// and the SHA-256 of the data section as this build serialises it, so
/// that a changed document does not open.
fn associated_data(exported_at: &str, data: &Dataset) -> Result<Vec<u8>, TransferError> {
    let bytes = serde_json::to_vec(data).map_err(|e| TransferError::Invalid(e.to_string()))?;
    let mut aad = format!("{FORMAT} {FORMAT_VERSION}\n{exported_at}\n").into_bytes();
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
        let aad = associated_data(&exported_at, &data)?;
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

/// Reads and checks a document from `path` (no database involved).
pub fn read_document(path: &Path) -> Result<Document, TransferError> {
    let io = |what| {
        move |source| TransferError::Io {
            what,
            path: path.to_path_buf(),
            source,
        }
    };
    let size = std::fs::metadata(path).map_err(io("cannot read"))?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(TransferError::Invalid(format!(
            "{} is {size} bytes, more than the {MAX_DOCUMENT_BYTES} an import reads",
            path.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(io("cannot read"))?;
    parse_document(&bytes)
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
    match header
        .format_version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(TransferError::Invalid(format!(
                "written by a newer Latchkey (format version {v}; this one reads {FORMAT_VERSION}): upgrade Latchkey first"
            )));
        }
        _ => {
            return Err(TransferError::Invalid(format!(
                "unknown format_version (this Latchkey reads {FORMAT_VERSION})"
            )));
        }
    }
    let doc: Document =
        serde_json::from_slice(bytes).map_err(|e| TransferError::Invalid(e.to_string()))?;
    let problems = check::document(&doc);
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
            let aad = associated_data(&doc.exported_at, &doc.data)?;
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
