//! The command line: `latchkey [--config FILE] <command>`.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::app::{Application, Core, StartupError};
use crate::clock::{Clock, SystemClock, secs};
use crate::config::{Layers, Settings};
use crate::manage::{self, Actor, ManageError};

/// Latchkey: a self-hosted OpenID Connect provider.
#[derive(Debug, Parser)]
#[command(name = "latchkey", version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("LATCHKEY_COMMIT"), ")"), about)]
pub struct Cli {
    /// Configuration file (default: latchkey.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Issuer URL (LATCHKEY_ISSUER).
    #[arg(long, global = true)]
    pub issuer: Option<String>,
    /// Listen address (LATCHKEY_BIND).
    #[arg(long, global = true)]
    pub bind: Option<String>,
    /// Database URL (LATCHKEY_DATABASE_URL).
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Tracing filter (LATCHKEY_LOG).
    #[arg(long, global = true)]
    pub log: Option<String>,
    /// Log format, pretty or json (LATCHKEY_LOG_FORMAT).
    #[arg(long, global = true)]
    pub log_format: Option<String>,
    /// Metrics listen address (LATCHKEY_METRICS_BIND).
    #[arg(long, global = true)]
    pub metrics_bind: Option<String>,
    /// Addresses/CIDRs of trusted reverse proxies (LATCHKEY_TRUSTED_PROXIES).
    #[arg(long, global = true, value_name = "LIST")]
    pub trusted_proxies: Option<String>,
    /// Removed (use --trusted-proxies); kept only to say so at startup.
    #[arg(long, global = true, hide = true, num_args = 0..=1, default_missing_value = "true")]
    pub trust_proxy: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands. Parsed once per run: the size of the client options
/// does not matter.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage relying parties.
    #[command(subcommand)]
    Client(ClientCommand),
    /// Manage groups of users.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Manage magic-link invites.
    #[command(subcommand)]
    Invite(InviteCommand),
    /// Manage signing keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Manage API keys for the admin API.
    #[command(subcommand, name = "api-key")]
    ApiKey(ApiKeyCommand),
    /// Write a consistent snapshot of the SQLite database to FILE (and the
    /// master key file to FILE.key, unless --without-key) while the server
    /// keeps running.
    Backup {
        /// Where to write the snapshot; must not exist yet.
        file: PathBuf,
        /// Leave the master key out (for off-site copies): keep the key in a
        /// separate safe place; restoring needs it (docs/operations.md).
        #[arg(long)]
        without_key: bool,
    },
    /// Write users, groups, clients and their credentials as one JSON
    /// document to stdout (docs/migrating.md). Secrets the database seals
    /// under its master key are included only encrypted under a passphrase
    /// (LATCHKEY_EXPORT_PASSPHRASE or --passphrase-file).
    Export {
        /// Include the signing keys (encrypted under the passphrase), so
        /// tokens go on being signed with the same key ids.
        #[arg(long)]
        with_keys: bool,
        /// Read the passphrase from FILE instead of LATCHKEY_EXPORT_PASSPHRASE.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Import a document written by `latchkey export` into an empty
    /// database, in one transaction; prints the counts.
    Import {
        /// The exported document (`-`: standard input).
        file: PathBuf,
        /// Read the passphrase from FILE instead of LATCHKEY_EXPORT_PASSPHRASE.
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Refuse a document larger than this many bytes (512 MiB by
        /// default), also when it comes from a pipe.
        #[arg(long, value_name = "BYTES", default_value_t = crate::transfer::MAX_DOCUMENT_BYTES)]
        max_bytes: u64,
    },
    /// Replace the SQLite database with the backup in FILE (and FILE.key).
    /// Stop the server first.
    Restore {
        /// A file written by `latchkey backup`.
        file: PathBuf,
        /// Restore even though another process has the database open. A server
        /// that keeps running then writes into the replaced database: restart it.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; prints {"userid", "username"}.
    Create(UserCreate),
    /// List users as JSON.
    List,
    /// Disable a user (ends their sessions).
    Disable { name: String },
    /// Enable a user.
    Enable { name: String },
    /// Delete a user.
    Delete { name: String },
    /// Create a single-use recovery link with which the existing account
    /// NAME adds a passkey or sets a password (a sole owner who lost their
    /// passkey); prints {"url", "expires_at"}.
    Recover {
        /// Username or userid.
        name: String,
        /// How long the link works (e.g. 30m, 24h, 7d).
        #[arg(long, default_value = "24h", value_parser = humantime::parse_duration)]
        ttl: std::time::Duration,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create an API key; prints {"id", "key", "expires_at"} (the key is
    /// shown only here).
    Create {
        /// What the key is for.
        #[arg(long)]
        name: String,
        /// The role it acts with: owner, admin, user-manager,
        /// client-manager or auditor.
        #[arg(long)]
        role: String,
        /// How long it works (1h to 2 years, e.g. 30d, 90d, 1y).
        #[arg(long, default_value = "90d", value_parser = humantime::parse_duration)]
        ttl: std::time::Duration,
    },
    /// List API keys as JSON (never the keys themselves).
    List,
    /// Revoke an API key; it stops working at once.
    Revoke { id: String },
}

#[derive(Debug, Args)]
pub struct UserCreate {
    #[arg(long)]
    pub username: String,
    #[arg(long)]
    pub email: Option<String>,
    /// Full name.
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long = "group")]
    pub groups: Vec<String>,
    /// Make the user an administrator (the first one, while no owner
    /// exists, becomes an owner).
    #[arg(long)]
    pub admin: bool,
    /// Give the user this administrative role: owner, admin, user-manager,
    /// client-manager or auditor.
    #[arg(long, conflicts_with = "admin")]
    pub role: Option<String>,
    /// Read the password from standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Register a client; prints {"client_id", "client_secret", "redirect_uris"}.
    Create(Box<ClientCreate>),
    /// Change a client; prints it as JSON (never a secret).
    Update(Box<ClientUpdate>),
    /// List clients as JSON.
    List,
    /// Delete a client.
    Delete { client_id: String },
}

#[derive(Debug, Args)]
pub struct ClientCreate {
    #[arg(long)]
    pub name: String,
    #[arg(
        long = "redirect-uri",
        required_unless_present_any = ["client_credentials", "device_grant"]
    )]
    pub redirect_uris: Vec<String>,
    /// A public client (SPA, native app): no secret, PKCE required.
    #[arg(long)]
    pub public: bool,
    #[arg(long = "post-logout-redirect-uri")]
    pub post_logout_redirect_uris: Vec<String>,
    /// Do not ask users for consent.
    #[arg(long)]
    pub skip_consent: bool,
    /// Admit only sessions with a second factor or a passkey (`acr` "2"):
    /// others are asked for one (docs/second-factors.md).
    #[arg(long)]
    pub require_mfa: bool,
    /// Allow the client_credentials grant.
    #[arg(long)]
    pub client_credentials: bool,
    /// May use the device authorization grant (RFC 8628): devices without
    /// a browser; public or confidential.
    #[arg(long)]
    pub device_grant: bool,
    /// Extra scope the client may request beyond the user scopes;
    /// `latchkey:admin` allows it the admin API (users always see a consent screen).
    #[arg(long = "scope")]
    pub scopes: Vec<String>,
    /// May introspect tokens issued to other clients.
    #[arg(long)]
    pub resource_server: bool,
    /// ID token signing algorithm.
    #[arg(long, value_parser = ["RS256", "ES256", "EdDSA"])]
    pub id_token_alg: Option<String>,
    /// A JSON file with the client's claim mapping (docs/integration.md).
    #[arg(long)]
    pub claim_mapping_file: Option<PathBuf>,
    /// Only members of this group may sign in to the client (repeat for
    /// several; each group must exist: `latchkey group create`).
    #[arg(long = "allowed-group", value_name = "G")]
    pub allowed_groups: Vec<String>,
    /// A browser origin (scheme://host[:port]) that may call the token,
    /// userinfo and revocation endpoints (CORS), besides the origins of the
    /// redirect URIs (repeat for several).
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    pub allowed_origins: Vec<String>,
    /// Authorization requests must be pushed first (RFC 9126, POST /par).
    #[arg(long)]
    pub require_par: bool,
    /// Its tokens must be DPoP-bound (RFC 9449): /token refuses requests
    /// without a DPoP proof.
    #[arg(long)]
    pub require_dpop: bool,
    /// Receives back-channel logout tokens (OpenID Connect Back-Channel
    /// Logout 1.0) when a user's session at Latchkey ends; https, or http
    /// on localhost.
    #[arg(long, value_name = "URI")]
    pub backchannel_logout_uri: Option<String>,
    /// Its logout tokens must carry the `sid` claim (they always do).
    #[arg(long)]
    pub backchannel_logout_session_required: bool,
    /// May receive refresh tokens (`offline_access`); on by default for a
    /// client with a redirect URI, `--refresh-tokens=false` withholds them.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub refresh_tokens: Option<bool>,
    /// Its logo (absolute https URL; http only for localhost). Stored and
    /// shown in the admin API, never loaded by the consent page.
    #[arg(long, value_name = "URI")]
    pub logo_uri: Option<String>,
    /// Its homepage, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub client_uri: Option<String>,
    /// Its privacy policy, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub policy_uri: Option<String>,
    /// Its terms of service, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub tos_uri: Option<String>,
    /// A JWK Set file (public keys): the client authenticates with
    /// private_key_jwt and gets no secret (docs/private-key-jwt.md).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["public", "client_secret_jwt"])]
    pub jwks_file: Option<PathBuf>,
    /// Authenticate with client_secret_jwt (HS256 assertions): the secret
    /// is stored sealed with the master key and serves for nothing else.
    #[arg(long, conflicts_with = "public")]
    pub client_secret_jwt: bool,
}

/// `client update CLIENT_ID`: the options of `client create`. A list option
/// given at least once replaces the list (`--scope ''` empties it); a flag
/// alone sets it, `--flag=false` clears it; `--logo-uri ''` (and the other
/// branding URLs) removes it; what is not given stays.
#[derive(Debug, Args)]
pub struct ClientUpdate {
    pub client_id: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long = "redirect-uri")]
    pub redirect_uris: Option<Vec<String>>,
    /// Must match the client's kind: a client does not switch between
    /// public and confidential.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub public: Option<bool>,
    #[arg(long = "post-logout-redirect-uri")]
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// Do not ask users for consent (`--skip-consent=false` asks again).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub skip_consent: Option<bool>,
    /// Admit only sessions with a second factor or a passkey
    /// (`--require-mfa=false` withdraws it; refresh tokens of a sign-in
    /// without one stop working while it is set).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub require_mfa: Option<bool>,
    /// Allow the client_credentials grant (`=false` withdraws it).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub client_credentials: Option<bool>,
    /// May use the device authorization grant (RFC 8628; `=false`
    /// withdraws it).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub device_grant: Option<bool>,
    /// Extra scopes the client may request (replaces the list).
    #[arg(long = "scope")]
    pub scopes: Option<Vec<String>>,
    /// May introspect tokens issued to other clients (`=false` withdraws it).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub resource_server: Option<bool>,
    /// ID token signing algorithm.
    #[arg(long, value_parser = ["RS256", "ES256", "EdDSA"])]
    pub id_token_alg: Option<String>,
    /// A JSON file with the client's claim mapping (replaces it; a file
    /// holding `{}` restores the default claims).
    #[arg(long)]
    pub claim_mapping_file: Option<PathBuf>,
    /// Only members of these groups may sign in (replaces the list;
    /// `--allowed-group ''` opens the client to everyone again).
    #[arg(long = "allowed-group", value_name = "G")]
    pub allowed_groups: Option<Vec<String>>,
    /// Browser origins allowed by CORS besides those of the redirect URIs
    /// (replaces the list; `--allowed-origin ''` clears it).
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    pub allowed_origins: Option<Vec<String>>,
    /// Authorization requests must be pushed first (RFC 9126; `=false`
    /// accepts front-channel requests again).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub require_par: Option<bool>,
    /// Its tokens must be DPoP-bound (RFC 9449; `=false` accepts bearer
    /// tokens again).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub require_dpop: Option<bool>,
    /// Where back-channel logout tokens go (`''` removes it).
    #[arg(long, value_name = "URI")]
    pub backchannel_logout_uri: Option<String>,
    /// Its logout tokens must carry the `sid` claim.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub backchannel_logout_session_required: Option<bool>,
    /// May receive refresh tokens (`offline_access`); on by default for a
    /// client with a redirect URI, `--refresh-tokens=false` withholds them.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub refresh_tokens: Option<bool>,
    /// Its logo (absolute https URL; http only for localhost). Stored and
    /// shown in the admin API, never loaded by the consent page.
    #[arg(long, value_name = "URI")]
    pub logo_uri: Option<String>,
    /// Its homepage, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub client_uri: Option<String>,
    /// Its privacy policy, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub policy_uri: Option<String>,
    /// Its terms of service, linked on the consent page.
    #[arg(long, value_name = "URI")]
    pub tos_uri: Option<String>,
    /// Replaces its JWK Set (public keys; private_key_jwt). A client with a
    /// secret gives it up; the previous keys stop working at once.
    #[arg(long, value_name = "FILE")]
    pub jwks_file: Option<PathBuf>,
}

/// Reads a JSON document from `path` for the option `option`.
fn read_json_file(option: &str, path: &std::path::Path) -> Result<serde_json::Value, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Other(format!("{option}: cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::Other(format!(
            "{option}: {} is not valid JSON: {e}",
            path.display()
        ))
    })
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a group; prints it as JSON ({"name", "description", "member_count", …}).
    Create {
        name: String,
        /// What the group is for.
        #[arg(long)]
        description: Option<String>,
        /// Its members complete a second factor (or sign in with a passkey)
        /// at every sign-in (docs/second-factors.md).
        #[arg(long)]
        require_mfa: bool,
    },
    /// List groups (with member counts) as JSON.
    List,
    /// Delete a group and its memberships (refused while a client is
    /// restricted to it, and for the admin group).
    Delete { name: String },
}

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Create an invite; prints {"url", "expires_at"}.
    Create(InviteCreate),
}

#[derive(Debug, Args)]
pub struct InviteCreate {
    #[arg(long)]
    pub username: String,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long = "group")]
    pub groups: Vec<String>,
    /// The new account becomes an administrator (the first one, while no
    /// owner exists, an owner).
    #[arg(long)]
    pub admin: bool,
    /// The new account gets this administrative role: owner, admin,
    /// user-manager, client-manager or auditor.
    #[arg(long, conflicts_with = "admin")]
    pub role: Option<String>,
    /// How long the link works (e.g. 30m, 24h, 7d).
    #[arg(long, default_value = "24h", value_parser = humantime::parse_duration)]
    pub ttl: std::time::Duration,
    /// Also e-mail the link to --email (needs LATCHKEY_SMTP_URL).
    #[arg(long, requires = "email")]
    pub send: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Add a signing key that becomes the signer for its algorithm.
    Rotate {
        #[arg(long, default_value = "RS256", value_parser = ["RS256", "ES256", "EdDSA"])]
        alg: String,
    },
}

/// A failure of a command, printed to stderr.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error(transparent)]
    Manage(#[from] ManageError),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    #[error(transparent)]
    Tracing(#[from] crate::telemetry::otlp::OtlpError),
    #[error(transparent)]
    Transfer(#[from] crate::transfer::TransferError),
    #[error("{0}")]
    Other(String),
}

impl Cli {
    fn flags(&self) -> HashMap<&'static str, String> {
        let mut flags = HashMap::new();
        let pairs = [
            ("LATCHKEY_ISSUER", &self.issuer),
            ("LATCHKEY_BIND", &self.bind),
            ("LATCHKEY_DATABASE_URL", &self.database_url),
            ("LATCHKEY_LOG", &self.log),
            ("LATCHKEY_LOG_FORMAT", &self.log_format),
            ("LATCHKEY_METRICS_BIND", &self.metrics_bind),
            ("LATCHKEY_TRUSTED_PROXIES", &self.trusted_proxies),
            ("LATCHKEY_TRUST_PROXY", &self.trust_proxy),
        ];
        for (key, value) in pairs {
            if let Some(v) = value {
                flags.insert(key, v.clone());
            }
        }
        flags
    }

    /// Reads and validates the settings for this invocation.
    pub fn settings(&self) -> Result<Settings, CliError> {
        let layers = Layers::load(self.config.as_deref(), self.flags())?;
        Ok(Settings::from_layers(&layers)?)
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string(value).map_err(|e| CliError::Other(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let settings = cli.settings()?;
    let command = cli.command.unwrap_or(Command::Serve);
    if !matches!(command, Command::Serve) {
        // One-shot commands log; only the server exports traces.
        crate::telemetry::init(&settings.log, settings.log_format);
    }
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match command {
        Command::Serve => {
            let telemetry = crate::telemetry::init_with_traces(&settings.log, settings.log_format)?;
            let served = serve(settings).await;
            telemetry.shutdown().await;
            served
        }
        Command::Migrate => {
            Core::open(settings, clock).await?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::User(cmd) => user(Core::open(settings, clock).await?, cmd).await,
        Command::Client(cmd) => client(Core::open(settings, clock).await?, cmd).await,
        Command::Group(cmd) => group(Core::open(settings, clock).await?, cmd).await,
        Command::ApiKey(cmd) => api_key(Core::open(settings, clock).await?, cmd).await,
        Command::Invite(InviteCommand::Create(args)) => {
            if args.send && !crate::mail::is_configured(&settings) {
                return Err(crate::mail::MailError::NotConfigured.into());
            }
            let send_to = args.send.then(|| args.email.clone()).flatten();
            if let Some(to) = &send_to
                && to.parse::<lettre::message::Mailbox>().is_err()
            {
                return Err(crate::mail::MailError::Address(to.clone()).into());
            }
            let core = Core::open(settings, clock).await?;
            let created = manage::create_invite(
                &core.repos,
                core.clock.as_ref(),
                &core.settings.issuer,
                &Actor::cli(),
                manage::CreateInvite {
                    username: args.username,
                    email: args.email,
                    groups: args.groups,
                    role: manage::command_line_role(&core.repos, args.admin, args.role.as_deref())
                        .await?,
                    ttl_seconds: secs(args.ttl),
                    note: None,
                    userid: None,
                },
            )
            .await?;
            // The link is printed either way, so that a failed delivery can be
            // handed over another way.
            print_json(&created)?;
            if let Some(to) = send_to {
                crate::mail::send_invite(&core.settings, &to, &created.url, &created.expires_at)
                    .await?;
                eprintln!("e-mailed the invite to {to}");
            }
            Ok(())
        }
        Command::Backup { file, without_key } => {
            let report = crate::backup::backup(&settings, &file, !without_key).await?;
            if without_key {
                eprintln!(
                    "the master key is not in this backup: keep it in a separate safe place; restoring this backup needs it (see docs/operations.md)"
                );
            } else if report.key_file.is_none() {
                eprintln!(
                    "the master key comes from LATCHKEY_MASTER_KEY: keep it with this backup, it cannot be restored without it"
                );
            }
            print_json(&report)
        }
        Command::Export {
            with_keys,
            passphrase_file,
        } => {
            let passphrase = crate::transfer::read_passphrase(passphrase_file.as_deref())?;
            let (doc, counts) =
                crate::transfer::export(&settings, with_keys, passphrase, clock.now()).await?;
            let text =
                serde_json::to_string_pretty(&doc).map_err(|e| CliError::Other(e.to_string()))?;
            println!("{text}");
            eprintln!(
                "exported {} users, {} groups, {} clients{}",
                counts.users,
                counts.groups,
                counts.clients,
                if with_keys {
                    format!(", {} signing keys (encrypted)", counts.signing_keys)
                } else {
                    String::new()
                }
            );
            Ok(())
        }
        Command::Import {
            file,
            passphrase_file,
            max_bytes,
        } => {
            let doc = crate::transfer::read_document(&file, max_bytes)?;
            let passphrase = crate::transfer::read_passphrase(passphrase_file.as_deref())?;
            let counts = crate::transfer::import(&settings, doc, passphrase).await?;
            if counts.signing_keys == 0 {
                eprintln!(
                    "no signing keys were imported: the server makes new ones at its first start, and relying parties fetch them from /jwks"
                );
            }
            print_json(&counts)
        }
        Command::Restore { file, force } => {
            let report = crate::backup::restore(&settings, &file, force).await?;
            if let Some(previous) = &report.previous {
                eprintln!("the replaced database was kept as {}", previous.display());
            }
            print_json(&report)
        }
        Command::Keys(KeysCommand::Rotate { alg }) => {
            let core = Core::open(settings, clock).await?;
            let key = manage::rotate_key(
                &core.repos,
                core.clock.as_ref(),
                &core.keys,
                &Actor::cli(),
                &alg,
            )
            .await?;
            print_json(&serde_json::json!({"kid": key.kid, "alg": key.alg}))
        }
    }
}

async fn serve(settings: Settings) -> Result<(), CliError> {
    let app = Application::build(settings).await?;
    let addr = app.local_addr().map_err(StartupError::Io)?;
    app.bootstrap_admin_invite().await;
    tracing::info!(%addr, "latchkey listening");
    app.run_until(crate::app::shutdown_signal())
        .await
        .map_err(StartupError::Io)?;
    tracing::info!("stopped");
    Ok(())
}

async fn user(core: Core, cmd: UserCommand) -> Result<(), CliError> {
    let (repos, clock) = (&core.repos, core.clock.as_ref());
    let actor = Actor::cli();
    match cmd {
        UserCommand::Create(args) => {
            let password = if args.password_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(|e| {
                    CliError::Other(format!("cannot read the password from stdin: {e}"))
                })?;
                Some(text.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let user = manage::create_user(
                repos,
                clock,
                &actor,
                manage::CreateUser {
                    username: args.username,
                    email: args.email,
                    name: args.name,
                    groups: args.groups,
                    role: manage::command_line_role(repos, args.admin, args.role.as_deref())
                        .await?,
                    password,
                },
            )
            .await?;
            print_json(&serde_json::json!({"userid": user.userid, "username": user.username}))
        }
        UserCommand::List => {
            let page = repos
                .users
                .list(None, 0, i64::MAX)
                .await
                .map_err(ManageError::from)?;
            print_json(&page.items)
        }
        UserCommand::Disable { name } => {
            let u = manage::find_user(repos, &name).await?;
            manage::set_user_active(repos, clock, &actor, &u, false).await?;
            eprintln!("disabled {}", u.username);
            Ok(())
        }
        UserCommand::Enable { name } => {
            let u = manage::find_user(repos, &name).await?;
            manage::set_user_active(repos, clock, &actor, &u, true).await?;
            eprintln!("enabled {}", u.username);
            Ok(())
        }
        UserCommand::Delete { name } => {
            let u = manage::find_user(repos, &name).await?;
            manage::delete_user(repos, clock, &actor, &u).await?;
            eprintln!("deleted {}", u.username);
            Ok(())
        }
        UserCommand::Recover { name, ttl } => {
            let u = manage::find_user(repos, &name).await?;
            let created = manage::create_recovery_invite(
                repos,
                clock,
                &core.settings.issuer,
                &actor,
                &u,
                secs(ttl),
            )
            .await?;
            if !u.active {
                eprintln!(
                    "{} is disabled: enable the account too (latchkey user enable)",
                    u.username
                );
            }
            print_json(&created)
        }
    }
}

async fn api_key(core: Core, cmd: ApiKeyCommand) -> Result<(), CliError> {
    use manage::ApiKeyError;
    let (repos, clock) = (&core.repos, core.clock.as_ref());
    let actor = Actor::cli();
    let plain = |e: ApiKeyError| match e {
        ApiKeyError::Manage(m) => CliError::from(m),
        ApiKeyError::NotAllowed(m) => CliError::Other(m),
    };
    match cmd {
        ApiKeyCommand::Create { name, role, ttl } => {
            let created = manage::create_api_key(
                repos,
                clock,
                &actor,
                None,
                manage::CreateApiKey {
                    name,
                    role,
                    ttl_seconds: secs(ttl),
                },
            )
            .await
            .map_err(plain)?;
            print_json(&serde_json::json!({
                "id": created.id,
                "key": created.key,
                "expires_at": created.expires_at,
            }))
        }
        ApiKeyCommand::List => {
            let page = repos
                .api_keys
                .list(0, i64::MAX)
                .await
                .map_err(ManageError::from)?;
            let now = clock.now();
            let keys: Vec<_> = page
                .items
                .iter()
                .map(|k| {
                    serde_json::json!({
                        "id": k.id,
                        "name": k.name,
                        "role": k.role,
                        "created_by": k.created_by,
                        "created_at": manage::rfc3339(k.created_at),
                        "expires_at": manage::rfc3339(k.expires_at),
                        "last_used_at": k.last_used_at.map(manage::rfc3339),
                        "state": k.state(now),
                    })
                })
                .collect();
            print_json(&keys)
        }
        ApiKeyCommand::Revoke { id } => {
            let key = manage::revoke_api_key(repos, clock, &actor, None, &id)
                .await
                .map_err(plain)?;
            eprintln!("revoked API key {} ({})", key.id, key.name);
            Ok(())
        }
    }
}

async fn client(core: Core, cmd: ClientCommand) -> Result<(), CliError> {
    let (repos, clock) = (&core.repos, core.clock.as_ref());
    match cmd {
        ClientCommand::Create(args) => {
            let args = *args;
            let created = manage::create_client_with(
                repos,
                clock,
                &Actor::cli(),
                manage::CreateClient {
                    name: args.name,
                    redirect_uris: args.redirect_uris,
                    post_logout_redirect_uris: args.post_logout_redirect_uris,
                    public: args.public,
                    skip_consent: args.skip_consent,
                    require_mfa: args.require_mfa,
                    id_token_alg: args.id_token_alg,
                    extra_grants: manage::extra_grants(args.client_credentials, args.device_grant),
                    scopes: args.scopes,
                    resource_server: args.resource_server,
                    claim_mapping: args
                        .claim_mapping_file
                        .as_deref()
                        .map(|f| read_json_file("--claim-mapping-file", f))
                        .transpose()?,
                    allowed_groups: args.allowed_groups,
                    refresh_tokens: args.refresh_tokens,
                    branding: crate::db::Branding {
                        logo_uri: args.logo_uri,
                        client_uri: args.client_uri,
                        policy_uri: args.policy_uri,
                        tos_uri: args.tos_uri,
                    },
                    jwks: args
                        .jwks_file
                        .as_deref()
                        .map(|f| read_json_file("--jwks-file", f))
                        .transpose()?,
                    client_secret_jwt: args.client_secret_jwt,
                    allowed_origins: args.allowed_origins,
                    require_par: args.require_par,
                    require_dpop: args.require_dpop,
                    backchannel_logout_uri: args.backchannel_logout_uri,
                    backchannel_logout_session_required: args.backchannel_logout_session_required,
                },
                Some(core.keys.master()),
            )
            .await?;
            print_json(&created)
        }
        ClientCommand::Update(args) => {
            let args = *args;
            let client = manage::update_client(
                repos,
                clock,
                &Actor::cli(),
                &args.client_id,
                manage::ClientChange {
                    name: args.name,
                    redirect_uris: args.redirect_uris,
                    post_logout_redirect_uris: args.post_logout_redirect_uris,
                    skip_consent: args.skip_consent,
                    require_mfa: args.require_mfa,
                    scopes: args.scopes,
                    resource_server: args.resource_server,
                    client_credentials: args.client_credentials,
                    device_grant: args.device_grant,
                    public: args.public,
                    id_token_alg: args.id_token_alg,
                    claim_mapping: args
                        .claim_mapping_file
                        .as_deref()
                        .map(|f| read_json_file("--claim-mapping-file", f))
                        .transpose()?,
                    allowed_groups: args.allowed_groups,
                    refresh_tokens: args.refresh_tokens,
                    logo_uri: args.logo_uri,
                    client_uri: args.client_uri,
                    policy_uri: args.policy_uri,
                    tos_uri: args.tos_uri,
                    jwks: args
                        .jwks_file
                        .as_deref()
                        .map(|f| read_json_file("--jwks-file", f))
                        .transpose()?,
                    allowed_origins: args.allowed_origins,
                    require_par: args.require_par,
                    require_dpop: args.require_dpop,
                    backchannel_logout_uri: args.backchannel_logout_uri,
                    backchannel_logout_session_required: args.backchannel_logout_session_required,
                },
            )
            .await?;
            print_json(&client)
        }
        ClientCommand::List => {
            let page = repos
                .clients
                .list(0, i64::MAX)
                .await
                .map_err(ManageError::from)?;
            print_json(&page.items)
        }
        ClientCommand::Delete { client_id } => {
            manage::delete_client(repos, clock, &Actor::cli(), &client_id).await?;
            eprintln!("deleted client {client_id}");
            Ok(())
        }
    }
}

/// A group as the CLI prints it.
fn group_json(g: &crate::db::Group) -> serde_json::Value {
    serde_json::json!({
        "name": g.name,
        "description": g.description,
        "member_count": g.members,
        "require_mfa": g.require_mfa,
        "created_at": manage::rfc3339(g.created_at),
        "updated_at": manage::rfc3339(g.updated_at),
    })
}

async fn group(core: Core, cmd: GroupCommand) -> Result<(), CliError> {
    let (repos, clock) = (&core.repos, core.clock.as_ref());
    match cmd {
        GroupCommand::Create {
            name,
            description,
            require_mfa,
        } => {
            let g = manage::create_group_with_policy(
                repos,
                clock,
                &Actor::cli(),
                &name,
                description.as_deref(),
                require_mfa,
            )
            .await?;
            print_json(&group_json(&g))
        }
        GroupCommand::List => {
            let page = repos
                .groups
                .list(0, i64::MAX)
                .await
                .map_err(ManageError::from)?;
            print_json(&page.items.iter().map(group_json).collect::<Vec<_>>())
        }
        GroupCommand::Delete { name } => {
            let removed = manage::delete_group(repos, clock, &Actor::cli(), &name).await?;
            eprintln!("deleted group {name} ({removed} memberships removed)");
            Ok(())
        }
    }
}
