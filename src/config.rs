//! Settings: defaults < `latchkey.toml` (or `--config FILE`) < `LATCHKEY_*`
//! environment < command-line flags. Validated once at startup; a bad value
//! stops startup with a message naming its key.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ipnet::IpNet;
use secrecy::SecretString;

/// One configuration key: its environment name, default and meaning.
#[derive(Debug, Clone, Copy)]
pub struct KeySpec {
    /// Environment variable name; the file key is this without `LATCHKEY_`, lowercased.
    pub env: &'static str,
    /// Default value as text (empty: unset).
    pub default: &'static str,
    /// What the key means.
    pub doc: &'static str,
}

impl KeySpec {
    /// The key's name in `latchkey.toml`.
    #[must_use]
    pub fn file_key(&self) -> String {
        self.env
            .trim_start_matches("LATCHKEY_")
            .to_ascii_lowercase()
    }
}

/// Every configuration key Latchkey reads. `docs/configuration.md` lists each.
pub const KEYS: &[KeySpec] = &[
    KeySpec {
        env: "LATCHKEY_ISSUER",
        default: "http://localhost:8080",
        doc: "Issuer URL, exactly as it appears in tokens.",
    },
    KeySpec {
        env: "LATCHKEY_BIND",
        default: "127.0.0.1:8080",
        doc: "Listen address (host:port).",
    },
    KeySpec {
        env: "LATCHKEY_DATABASE_URL",
        default: "sqlite://data/latchkey.db",
        doc: "sqlite://… or postgres://…; the SQLite file and its folder are created.",
    },
    KeySpec {
        env: "LATCHKEY_RP_ID",
        default: "",
        doc: "WebAuthn relying-party id; defaults to the issuer's host.",
    },
    KeySpec {
        env: "LATCHKEY_MASTER_KEY",
        default: "",
        doc: "Base64 of 32 random bytes that encrypt signing keys at rest. Defaults to a key file (mode 0600) beside the SQLite database; required for PostgreSQL.",
    },
    KeySpec {
        env: "LATCHKEY_LOG",
        default: "info",
        doc: "Tracing filter (e.g. info, latchkey=debug).",
    },
    KeySpec {
        env: "LATCHKEY_LOG_FORMAT",
        default: "pretty",
        doc: "pretty or json (one JSON object per line).",
    },
    KeySpec {
        env: "LATCHKEY_METRICS_BIND",
        default: "",
        doc: "When set (e.g. 127.0.0.1:9100), Prometheus metrics are served there at /metrics; never on the public listener.",
    },
    KeySpec {
        env: "LATCHKEY_SESSION_IDLE_TIMEOUT",
        default: "12h",
        doc: "A sign-in session ends after this long without use.",
    },
    KeySpec {
        env: "LATCHKEY_SESSION_LIFETIME",
        default: "7d",
        doc: "A sign-in session ends this long after sign-in, however active.",
    },
    KeySpec {
        env: "LATCHKEY_ACCESS_TOKEN_TTL",
        default: "10m",
        doc: "Lifetime of access tokens.",
    },
    KeySpec {
        env: "LATCHKEY_ID_TOKEN_TTL",
        default: "1h",
        doc: "Lifetime of ID tokens.",
    },
    KeySpec {
        env: "LATCHKEY_REFRESH_TOKEN_TTL",
        default: "30d",
        doc: "Lifetime of a refresh token family without use.",
    },
    KeySpec {
        env: "LATCHKEY_REFRESH_FAMILY_LIFETIME",
        default: "30d",
        doc: "Absolute lifetime of a refresh token family: rotation never extends it past this long after the authorization code was redeemed.",
    },
    KeySpec {
        env: "LATCHKEY_REAUTH_WINDOW",
        default: "10m",
        doc: "Sensitive changes (credentials, password, ending other sessions, administration) need a sign-in at most this old; otherwise the password or a passkey is asked for again.",
    },
    KeySpec {
        env: "LATCHKEY_ACCESS_TOKEN_ALG",
        default: "ES256",
        doc: "Signing algorithm of access tokens: RS256, ES256 or EdDSA. ES256 by default: signing is about 17 times cheaper than RSA-2048 (docs/benchmarks.md); set RS256 for resource servers that accept nothing else.",
    },
    KeySpec {
        env: "LATCHKEY_REQUIRE_PKCE",
        default: "false",
        doc: "Require PKCE (S256) from confidential clients too; public clients always need it.",
    },
    KeySpec {
        env: "LATCHKEY_REQUIRE_PAR",
        default: "false",
        doc: "Every authorization request must be pushed first (RFC 9126, POST /par); /authorize refuses the others with invalid_request. Per client: --require-par.",
    },
    KeySpec {
        env: "LATCHKEY_REGISTRATION",
        default: "off",
        doc: "Dynamic client registration (RFC 7591, POST /register): off, token (an initial access token an administrator issued) or open (anyone).",
    },
    KeySpec {
        env: "LATCHKEY_REGISTRATION_RATE_LIMIT",
        default: "10",
        doc: "Dynamic client registrations (POST /register) allowed per client address per minute; more get 429.",
    },
    KeySpec {
        env: "LATCHKEY_SIGNUP",
        default: "off",
        doc: "Self-registration at /signup: off, email-domain (addresses at LATCHKEY_SIGNUP_DOMAINS get a link that creates the account) or approval (an administrator approves each verified request). Needs e-mail (LATCHKEY_SMTP_URL).",
    },
    KeySpec {
        env: "LATCHKEY_SIGNUP_DOMAINS",
        default: "",
        doc: "E-mail domains that may sign up, separated by commas (e.g. example.com, example.org); required with LATCHKEY_SIGNUP=email-domain and read only then. A domain matches exactly, not its subdomains.",
    },
    KeySpec {
        env: "LATCHKEY_SIGNUP_RATE_LIMIT",
        default: "5",
        doc: "Sign-up requests (POST /signup) allowed per client address per minute; more get 429. Each e-mail address also gets at most 3 sign-up mails a day.",
    },
    KeySpec {
        env: "LATCHKEY_DEFAULT_LOCALE",
        default: "en",
        doc: "Language of pages and e-mails when neither the relying party (ui_locales) nor the browser (Accept-Language) asks for a shipped one: en, de, fr, es or ar.",
    },
    KeySpec {
        env: "LATCHKEY_DPOP_NONCE",
        default: "false",
        doc: "DPoP proofs (RFC 9449) must carry a server nonce (section 8): a proof without a current one is answered use_dpop_nonce with a DPoP-Nonce header.",
    },
    KeySpec {
        env: "LATCHKEY_LOCKOUT_THRESHOLD",
        default: "5",
        doc: "Failed sign-ins within the window that lock an account.",
    },
    KeySpec {
        env: "LATCHKEY_LOCKOUT_WINDOW",
        default: "15m",
        doc: "Window in which failed sign-ins are counted.",
    },
    KeySpec {
        env: "LATCHKEY_LOCKOUT_DURATION",
        default: "15m",
        doc: "First lockout's length; each repeat doubles it (at most 24h).",
    },
    KeySpec {
        env: "LATCHKEY_HASH_QUEUE",
        default: "16",
        doc: "Password hashing jobs that may wait per lane (sign-ins from a device-cookie holder have their own lane); when full, the page answers 503 with Retry-After.",
    },
    KeySpec {
        env: "LATCHKEY_SIGNIN_RATE_LIMIT",
        default: "30",
        doc: "Sign-in attempts (password or passkey) allowed per client address per minute; more get 429.",
    },
    KeySpec {
        env: "LATCHKEY_INVITE_RATE_LIMIT",
        default: "30",
        doc: "Invite page requests allowed per client address per minute; more get 429.",
    },
    KeySpec {
        env: "LATCHKEY_PENDING_RATE_LIMIT",
        default: "60",
        doc: "Requests that store pending state (an authorization request waiting for sign-in or consent, a passkey ceremony start) allowed per client address per minute; more get 429 and store nothing.",
    },
    KeySpec {
        env: "LATCHKEY_CLIENT_AUTH_FAILURE_LIMIT",
        default: "20",
        doc: "Failed client authentications at /token allowed per client id and client address per minute; more failures get 429. Valid credentials are never counted nor refused.",
    },
    KeySpec {
        env: "LATCHKEY_REQUEST_TIMEOUT",
        default: "30s",
        doc: "Deadline for handling one request.",
    },
    KeySpec {
        env: "LATCHKEY_TRUSTED_PROXIES",
        default: "",
        doc: "Addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed, separated by commas or spaces (e.g. 127.0.0.1/32, 10.0.0.0/8); the client address is the first entry from the right that is not one of them. Empty: forwarding headers are ignored.",
    },
    KeySpec {
        env: "LATCHKEY_KEY_RELOAD_INTERVAL",
        default: "30s",
        doc: "How often each instance re-reads the signing keys, so a rotation made on one instance (or by `latchkey keys rotate`) is picked up by all.",
    },
    KeySpec {
        env: "LATCHKEY_DATABASE_POOL_SIZE",
        default: "10",
        doc: "PostgreSQL connections each instance keeps open at most (SQLite ignores it: one writer and a reader per core).",
    },
    KeySpec {
        env: "LATCHKEY_CACHE_TTL",
        default: "1s",
        doc: "How long clients, users, sessions, consents and revocation checks are remembered in memory. Changes made through this instance take effect at once; changes made by another instance or by the CLI beside a running server take effect within this time. 0s turns the caches off.",
    },
    KeySpec {
        env: "LATCHKEY_AUDIT_RETENTION",
        default: "365d",
        doc: "Audit events older than this are deleted by the periodic purge (every 10 minutes). At least 1d; `off` keeps them forever.",
    },
    KeySpec {
        env: "LATCHKEY_BACKCHANNEL_LOGOUT_TIMEOUT",
        default: "5s",
        doc: "How long a back-channel logout POST to a client may take before it counts as a failed attempt.",
    },
    KeySpec {
        env: "LATCHKEY_BACKCHANNEL_LOGOUT_RETRY_DELAY",
        default: "5s",
        doc: "Wait before the first retry of a failed back-channel logout delivery; later retries wait 6, 24, 120, 720 and 4320 times as long (5s, 30s, 2m, 10m, 1h, 6h by default), then the delivery is given up after 7 attempts.",
    },
    KeySpec {
        env: "LATCHKEY_RECOVERY_DELAY",
        default: "24h",
        doc: "Cooling-off delay of self-service recovery (\"Lost your passkey?\"): a mailed recovery link works only this long after it was asked for, while the account's owner is told and can cancel it on /account. 0 makes links work at once; at most 30d.",
    },
    KeySpec {
        env: "LATCHKEY_SMTP_URL",
        default: "",
        doc: "When set, invites and recovery links can be e-mailed through this server: smtp://host:25 (no TLS), smtp://user:pass@host:587?tls=required (STARTTLS) or smtps://user:pass@host:465 (TLS). Unset: links are only shown to the administrator.",
    },
    KeySpec {
        env: "LATCHKEY_SMTP_FROM",
        default: "",
        doc: "Sender of e-mails, e.g. Latchkey <id@example.com>; required with LATCHKEY_SMTP_URL.",
    },
    KeySpec {
        env: "LATCHKEY_INSTANCE_NAME",
        default: "Latchkey",
        doc: "The name people see: page titles, the header and footer of every page, e-mails, and the WebAuthn relying-party name shown by passkey dialogs. 1 to 64 characters.",
    },
    KeySpec {
        env: "LATCHKEY_LOGO",
        default: "",
        doc: "Path of a logo file read at startup (PNG, JPEG, WebP or SVG, recognised by content, at most 256 KiB; an SVG with scripts, event handlers or outside references is refused), shown in the header of every page and served by Latchkey at /branding/logo.",
    },
    KeySpec {
        env: "LATCHKEY_ACCENT_COLOR",
        default: "",
        doc: "Accent colour of buttons and links as #rrggbb (e.g. #0b7a75), in a stylesheet served at /branding/style.css; text on it is black or white, whichever reads better.",
    },
    KeySpec {
        env: "LATCHKEY_SUPPORT_CONTACT",
        default: "",
        doc: "Where people get help: an e-mail address or an https URL, linked in the footer of every page and at the end of every e-mail.",
    },
];

/// Keys Latchkey no longer reads, with what to use instead. Naming one (in
/// the environment, the file or a flag) stops startup with that advice
/// rather than being silently ignored.
pub const REMOVED_KEYS: &[(&str, &str)] = &[(
    "LATCHKEY_TRUST_PROXY",
    "it trusted the leftmost X-Forwarded-For entry, which clients can forge; remove it and set LATCHKEY_TRUSTED_PROXIES to the addresses or CIDRs of your reverse proxies (e.g. 127.0.0.1/32), or leave that empty when clients reach Latchkey directly",
)];

fn removed_key_error(env: &str, source: Source) -> Option<ConfigError> {
    REMOVED_KEYS
        .iter()
        .find(|(k, _)| *k == env)
        .map(|(k, advice)| {
            ConfigError(format!(
                "{k} ({}) is no longer supported: {advice}",
                source.describe()
            ))
        })
}

/// Who may register clients at `/register` (RFC 7591),
/// `LATCHKEY_REGISTRATION`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegistrationMode {
    /// No registration endpoint (the default).
    #[default]
    Off,
    /// Registration needs an initial access token an administrator issued.
    Token,
    /// Anyone may register a client.
    Open,
}

impl RegistrationMode {
    /// Reads `off`, `token` or `open`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "off" => Some(Self::Off),
            "token" => Some(Self::Token),
            "open" => Some(Self::Open),
            _ => None,
        }
    }

    /// The name as configured.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Token => "token",
            Self::Open => "open",
        }
    }
}

/// Self-registration at `/signup`, `LATCHKEY_SIGNUP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignupMode {
    /// No sign-up page (the default).
    #[default]
    Off,
    /// Addresses at the configured domains get a link that creates the account.
    EmailDomain,
    /// Requests with a confirmed address wait for an administrator.
    Approval,
}

impl SignupMode {
    /// Reads `off`, `email-domain` or `approval`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "off" => Some(Self::Off),
            "email-domain" => Some(Self::EmailDomain),
            "approval" => Some(Self::Approval),
            _ => None,
        }
    }

    /// The name as configured.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::EmailDomain => "email-domain",
            Self::Approval => "approval",
        }
    }

    /// Whether people may sign up at all.
    #[must_use]
    pub const fn is_on(self) -> bool {
        !matches!(self, Self::Off)
    }
}

/// A list of e-mail domains separated by commas or white space, lowercased
/// (a leading `@` is dropped); `None` when an entry is not a domain name.
fn domain_list(s: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for entry in s.split(|c: char| c == ',' || c.is_whitespace()) {
        let d = entry.trim_start_matches('@').to_ascii_lowercase();
        if d.is_empty() {
            continue;
        }
        let labels_ok = d.len() <= 253
            && d.contains('.')
            && d.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !labels_ok {
            return None;
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Some(out)
}

/// Output format of logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

pub use crate::domain::signing_alg::SigningAlg;

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Issuer URL without a trailing slash.
    pub issuer: String,
    pub bind: SocketAddr,
    pub database_url: String,
    pub rp_id: String,
    /// Base64 master key, when configured explicitly.
    pub master_key: Option<SecretString>,
    pub log: String,
    pub log_format: LogFormat,
    pub metrics_bind: Option<SocketAddr>,
    pub session_idle_timeout: Duration,
    pub session_lifetime: Duration,
    pub access_token_ttl: Duration,
    pub id_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// Absolute lifetime of a refresh-token family, from its first token.
    pub refresh_family_lifetime: Duration,
    /// How recent a sign-in sensitive changes need.
    pub reauth_window: Duration,
    pub access_token_alg: SigningAlg,
    pub require_pkce: bool,
    /// Whether every authorization request must be pushed (RFC 9126).
    pub require_par: bool,
    /// Dynamic client registration (RFC 7591): off, token or open.
    pub registration: RegistrationMode,
    /// Registrations per client address per minute.
    pub registration_rate_limit: u32,
    /// Self-registration: off, email-domain or approval.
    pub signup: SignupMode,
    /// E-mail domains that may sign up (lowercase; email-domain mode).
    pub signup_domains: Vec<String>,
    /// Sign-up requests per client address per minute.
    pub signup_rate_limit: u32,
    /// Language of pages and e-mails when nobody asks for a shipped one.
    pub default_locale: crate::i18n::Locale,
    /// Whether DPoP proofs must carry a server nonce (RFC 9449 §8).
    pub dpop_nonce: bool,
    pub lockout_threshold: u32,
    pub lockout_window: Duration,
    pub lockout_duration: Duration,
    /// Password hashing jobs that may wait per lane.
    pub hash_queue: usize,
    /// Sign-in attempts per client address per minute.
    pub signin_rate_limit: u32,
    /// Invite page requests per client address per minute.
    pub invite_rate_limit: u32,
    /// Stored authorization requests and ceremony starts per client address per minute.
    pub pending_rate_limit: u32,
    /// Failed client authentications per client address per minute.
    pub client_auth_failure_limit: u32,
    pub request_timeout: Duration,
    /// Reverse proxies whose `X-Forwarded-For` is believed (empty: none).
    pub trusted_proxies: Vec<IpNet>,
    /// How often signing keys are re-read from the database.
    pub key_reload_interval: Duration,
    /// PostgreSQL connections each instance keeps at most.
    pub database_pool_size: u32,
    /// How long cached reads stay valid (zero: no caching).
    pub cache_ttl: Duration,
    /// Audit events older than this are purged; `None` keeps them forever.
    pub audit_retention: Option<Duration>,
    /// Deadline of one back-channel logout POST.
    pub backchannel_logout_timeout: Duration,
    /// Wait before the first retry of a failed back-channel logout delivery
    /// (later retries wait multiples of it; zero retries at once, for tests).
    pub backchannel_logout_retry_delay: Duration,
    /// Outgoing mail, when configured.
    pub smtp: Option<SmtpSettings>,
    /// How long after a self-service recovery request its link starts to
    /// work (zero: at once).
    pub recovery_delay: Duration,
    /// Instance name, logo, accent colour and support contact.
    pub branding: crate::branding::Branding,
}

/// Where and as whom e-mails are sent.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// `smtp://…` or `smtps://…`; may hold a password.
    pub url: SecretString,
    /// The sender mailbox (`Name <address>` or `address`).
    pub from: String,
}

/// A configuration problem, naming the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

/// Where a value came from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Flag,
    Env,
    File,
    /// Read from the file a `_FILE` key names; `true` when that key is in the
    /// configuration file, `false` in the environment.
    SecretFile(bool),
    Default,
}

impl Source {
    fn describe(self) -> &'static str {
        match self {
            Self::Flag => "from the command line",
            Self::Env => "from the environment",
            Self::File => "from the configuration file",
            Self::SecretFile(false) => "read from the file its _FILE variable names",
            Self::SecretFile(true) => {
                "read from the file its _file key names in the configuration file"
            }
            Self::Default => "default",
        }
    }
}

/// The raw layers a configuration is read from.
#[derive(Debug, Default, Clone)]
pub struct Layers {
    /// Values given as flags, keyed by environment name.
    pub flags: HashMap<&'static str, String>,
    /// The environment (normally `std::env::vars()`).
    pub env: HashMap<String, String>,
    /// Values from the configuration file, keyed by file key.
    pub file: HashMap<String, String>,
}

impl Layers {
    /// Reads the process environment and the configuration file: `path` when
    /// given (it must exist), else `latchkey.toml` in the working directory if present.
    pub fn load(
        path: Option<&Path>,
        flags: HashMap<&'static str, String>,
    ) -> Result<Self, ConfigError> {
        let file = match path {
            Some(p) => read_file(p)?,
            None => {
                let default = PathBuf::from("latchkey.toml");
                if default.exists() {
                    read_file(&default)?
                } else {
                    HashMap::new()
                }
            }
        };
        Ok(Self {
            flags,
            env: std::env::vars().collect(),
            file,
        })
    }

    /// The value of one key and where it came from. A secret key (see
    /// [`SECRET_KEYS`]) may instead name a file holding its value, with
    /// `LATCHKEY_…_FILE` in the environment or `…_file` in the configuration
    /// file; naming both the value and the file in one layer is an error.
    fn get(&self, spec: &KeySpec) -> Result<(String, Source), ConfigError> {
        if let Some(v) = self.flags.get(spec.env) {
            return Ok((v.clone(), Source::Flag));
        }
        let secret = SECRET_KEYS.contains(&spec.env);
        let env_file = format!("{}_FILE", spec.env);
        let env_path = self.env.get(&env_file).filter(|_| secret);
        if let Some(found) = one_of(
            (spec.env, self.env.get(spec.env)),
            (&env_file, env_path),
            Source::Env,
        )? {
            return Ok(found);
        }
        let file_key = spec.file_key();
        let file_file = format!("{file_key}_file");
        let file_path = self.file.get(&file_file).filter(|_| secret);
        if let Some(found) = one_of(
            (&file_key, self.file.get(&file_key)),
            (&file_file, file_path),
            Source::File,
        )? {
            return Ok(found);
        }
        Ok((spec.default.to_owned(), Source::Default))
    }
}

/// Within one layer: the value, or the content of the file its `_FILE`
/// variant names, or nothing; both at once is an error naming both keys.
fn one_of(
    (key, value): (&str, Option<&String>),
    (file_key, path): (&str, Option<&String>),
    layer: Source,
) -> Result<Option<(String, Source)>, ConfigError> {
    match (value, path) {
        (Some(_), Some(_)) => Err(ConfigError(format!(
            "{key} and {file_key} are both set ({}): set only one of them",
            layer.describe()
        ))),
        (Some(v), None) => Ok(Some((v.clone(), layer))),
        (None, Some(path)) => {
            let from = Source::SecretFile(matches!(layer, Source::File));
            read_secret_file(file_key, path, layer).map(|v| Some((v, from)))
        }
        (None, None) => Ok(None),
    }
}

/// Reads a secret from the file at `path`, named by the key `file_key`,
/// without its trailing newline. Errors name the key and the path, never
/// the content.
fn read_secret_file(file_key: &str, path: &str, layer: Source) -> Result<String, ConfigError> {
    let where_ = layer.describe();
    if path.trim().is_empty() {
        return Err(ConfigError(format!(
            "{file_key} ({where_}) is empty: it must name the file that holds the secret"
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{file_key} ({where_}): cannot read {path}: {e}")))?;
    let value = text.trim_end_matches(['\n', '\r']);
    if value.trim().is_empty() {
        return Err(ConfigError(format!(
            "{file_key} ({where_}): {path} is empty"
        )));
    }
    Ok(value.to_owned())
}

fn read_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e| ConfigError(format!("{} is not valid TOML: {e}", path.display())))?;
    let known: Vec<String> = KEYS
        .iter()
        .map(KeySpec::file_key)
        .chain(
            SECRET_KEYS
                .iter()
                .map(|k| format!("{}_file", spec(k).file_key())),
        )
        .collect();
    let mut out = HashMap::new();
    for (key, value) in table {
        if let Some((env, _)) = REMOVED_KEYS.iter().find(|(env, _)| {
            env.trim_start_matches("LATCHKEY_")
                .eq_ignore_ascii_case(&key)
        }) && let Some(err) = removed_key_error(env, Source::File)
        {
            return Err(ConfigError(format!("{} (in {})", err.0, path.display())));
        }
        if !known.contains(&key) {
            return Err(ConfigError(format!(
                "unknown key `{key}` in {}",
                path.display()
            )));
        }
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Array(items) if items.iter().all(toml::Value::is_str) => items
                .iter()
                .filter_map(toml::Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
            other => {
                return Err(ConfigError(format!(
                    "`{key}` in {} must be a string, number or boolean, not {}",
                    path.display(),
                    other.type_str()
                )));
            }
        };
        out.insert(key, text);
    }
    Ok(out)
}

fn spec(env: &str) -> &'static KeySpec {
    // KEYS is a constant table and every caller passes one of its names.
    KEYS.iter().find(|k| k.env == env).unwrap_or(&KEYS[0])
}

/// Keys whose values are secrets: error messages never repeat them, and
/// each may be read from a file instead, named by `LATCHKEY_…_FILE` in the
/// environment or `…_file` in the configuration file (the convention of
/// container secrets).
pub const SECRET_KEYS: &[&str] = &[
    "LATCHKEY_DATABASE_URL",
    "LATCHKEY_MASTER_KEY",
    "LATCHKEY_SMTP_URL",
];

/// Reads one key and parses it, naming the key on failure.
fn parse_key<T>(
    layers: &Layers,
    env: &str,
    what: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, ConfigError> {
    let (raw, source) = layers.get(spec(env))?;
    parse(raw.trim()).ok_or_else(|| {
        let shown = if SECRET_KEYS.contains(&env) {
            "the value".to_owned()
        } else {
            format!("{raw:?}")
        };
        ConfigError(format!(
            "{env} ({}): {shown} is not {what}",
            source.describe()
        ))
    })
}

/// An audit retention: `off` (`Some(None)`: keep forever) or at least a day.
fn retention(s: &str) -> Option<Option<Duration>> {
    if s.eq_ignore_ascii_case("off") {
        return Some(None);
    }
    humantime::parse_duration(s)
        .ok()
        .filter(|d| *d >= Duration::from_secs(86_400))
        .map(Some)
}

fn duration(s: &str) -> Option<Duration> {
    humantime::parse_duration(s).ok().filter(|d| !d.is_zero())
}

fn boolean(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// A list of addresses or CIDRs, separated by commas or white space; a bare
/// address is a /32 (or /128). Empty text is the empty list.
fn proxy_list(s: &str) -> Option<Vec<IpNet>> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<IpNet>()
                .ok()
                .or_else(|| t.parse::<std::net::IpAddr>().ok().map(IpNet::from))
                .map(|n| n.trunc())
        })
        .collect()
}

fn issuer(s: &str) -> Option<String> {
    let url = url::Url::parse(s).ok()?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
    {
        return None;
    }
    Some(s.trim_end_matches('/').to_owned())
}

/// Reads the branding keys; the logo file is read and checked here, so a
/// bad one stops startup naming `LATCHKEY_LOGO`.
fn branding(layers: &Layers) -> Result<crate::branding::Branding, ConfigError> {
    use crate::branding::{Accent, Branding, INSTANCE_LOGO_MAX, Support, check_image};
    let name = parse_key(
        layers,
        "LATCHKEY_INSTANCE_NAME",
        "a name of 1 to 64 characters without control characters",
        crate::branding::instance_name,
    )?;
    let accent = parse_key(
        layers,
        "LATCHKEY_ACCENT_COLOR",
        "a colour written #rrggbb (e.g. #0b7a75)",
        |s| {
            if s.is_empty() {
                Some(None)
            } else {
                Accent::parse(s).map(Some)
            }
        },
    )?;
    let support = parse_key(
        layers,
        "LATCHKEY_SUPPORT_CONTACT",
        "an e-mail address or an https:// URL",
        |s| {
            if s.is_empty() {
                Some(None)
            } else {
                Support::parse(s).map(Some)
            }
        },
    )?;
    let (path, source) = layers.get(spec("LATCHKEY_LOGO"))?;
    let path = path.trim();
    let logo = if path.is_empty() {
        None
    } else {
        let fail = |why: String| {
            ConfigError(format!(
                "LATCHKEY_LOGO ({}): {path:?}: {why}",
                source.describe()
            ))
        };
        let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
        if meta.len() > INSTANCE_LOGO_MAX as u64 {
            return Err(fail(format!(
                "the image is {} bytes, more than the {INSTANCE_LOGO_MAX} allowed",
                meta.len()
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
        Some(check_image(&bytes, INSTANCE_LOGO_MAX).map_err(|e| fail(e.to_string()))?)
    };
    Ok(Branding {
        name,
        logo,
        accent,
        support,
    })
}

impl Settings {
    /// Builds validated settings from the layers.
    pub fn from_layers(layers: &Layers) -> Result<Self, ConfigError> {
        for (env, _) in REMOVED_KEYS {
            let source = if layers.flags.contains_key(env) {
                Some(Source::Flag)
            } else if layers.env.contains_key(*env) {
                Some(Source::Env)
            } else {
                None
            };
            if let Some(err) = source.and_then(|s| removed_key_error(env, s)) {
                return Err(err);
            }
        }
        let issuer = parse_key(
            layers,
            "LATCHKEY_ISSUER",
            "an absolute http(s) URL without query or fragment",
            issuer,
        )?;
        let bind = parse_key(
            layers,
            "LATCHKEY_BIND",
            "a listen address such as 127.0.0.1:8080",
            |s| s.parse().ok(),
        )?;
        let database_url = parse_key(
            layers,
            "LATCHKEY_DATABASE_URL",
            "a sqlite://… or postgres://… URL",
            |s| crate::db::Backend::from_url(s).map(|_| s.to_owned()),
        )?;
        let issuer_host = url::Url::parse(&issuer)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let rp_id = parse_key(
            layers,
            "LATCHKEY_RP_ID",
            "a domain name that is the issuer's host or a parent of it (WebAuthn refuses IP addresses: give LATCHKEY_ISSUER a host name such as localhost)",
            |s| {
                let candidate = if s.is_empty() {
                    issuer_host.as_str()
                } else {
                    s
                };
                let is_ip = candidate
                    .trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok();
                let ok =
                    issuer_host == candidate || issuer_host.ends_with(&format!(".{candidate}"));
                (ok && !is_ip).then(|| candidate.to_owned())
            },
        )?;
        let master_key = parse_key(
            layers,
            "LATCHKEY_MASTER_KEY",
            "base64 of exactly 32 bytes",
            |s| {
                if s.is_empty() {
                    return Some(None);
                }
                crate::crypto::MasterKey::decode(s).map(|_| Some(SecretString::from(s.to_owned())))
            },
        )?;
        if master_key.is_none()
            && crate::db::Backend::from_url(&database_url) == Some(crate::db::Backend::Postgres)
        {
            return Err(ConfigError(
                "LATCHKEY_MASTER_KEY (or LATCHKEY_MASTER_KEY_FILE) is required with a PostgreSQL database".into(),
            ));
        }
        let log = parse_key(layers, "LATCHKEY_LOG", "a tracing filter", |s| {
            tracing_subscriber::EnvFilter::try_new(s)
                .ok()
                .map(|_| s.to_owned())
        })?;
        let log_format = parse_key(
            layers,
            "LATCHKEY_LOG_FORMAT",
            "pretty or json",
            |s| match s {
                "pretty" | "text" => Some(LogFormat::Pretty),
                "json" => Some(LogFormat::Json),
                _ => None,
            },
        )?;
        let metrics_bind = parse_key(
            layers,
            "LATCHKEY_METRICS_BIND",
            "a listen address such as 127.0.0.1:9100",
            |s| {
                if s.is_empty() {
                    Some(None)
                } else {
                    s.parse().ok().map(Some)
                }
            },
        )?;
        let d = |env: &str| {
            parse_key(
                layers,
                env,
                "a duration such as 90s, 15m, 12h or 7d",
                duration,
            )
        };
        let smtp_url = parse_key(
            layers,
            "LATCHKEY_SMTP_URL",
            "an smtp://… or smtps://… URL with a host",
            |s| {
                if s.is_empty() {
                    return Some(None);
                }
                let url = url::Url::parse(s).ok()?;
                let ok = matches!(url.scheme(), "smtp" | "smtps") && url.host_str().is_some();
                ok.then(|| Some(SecretString::from(s.to_owned())))
            },
        )?;
        let smtp_from = parse_key(
            layers,
            "LATCHKEY_SMTP_FROM",
            "a mailbox such as Latchkey <id@example.com>",
            |s| {
                if s.is_empty() {
                    return Some(None);
                }
                s.parse::<lettre::message::Mailbox>()
                    .ok()
                    .map(|_| Some(s.to_owned()))
            },
        )?;
        let smtp = match (smtp_url, smtp_from) {
            (Some(url), Some(from)) => Some(SmtpSettings { url, from }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError(
                    "LATCHKEY_SMTP_FROM is required with LATCHKEY_SMTP_URL".into(),
                ));
            }
            (None, Some(_)) => {
                return Err(ConfigError(
                    "LATCHKEY_SMTP_FROM is set but LATCHKEY_SMTP_URL is not".into(),
                ));
            }
        };
        let per_minute = |env: &str| {
            parse_key(layers, env, "a whole number from 1 to 100000", |s| {
                s.parse().ok().filter(|n| (1..=100_000).contains(n))
            })
        };
        let signup = parse_key(
            layers,
            "LATCHKEY_SIGNUP",
            "off, email-domain or approval",
            SignupMode::parse,
        )?;
        let signup_domains = if signup == SignupMode::EmailDomain {
            let domains = parse_key(
                layers,
                "LATCHKEY_SIGNUP_DOMAINS",
                "a list of e-mail domains such as example.com, example.org",
                domain_list,
            )?;
            if domains.is_empty() {
                return Err(ConfigError(
                    "LATCHKEY_SIGNUP_DOMAINS is required with LATCHKEY_SIGNUP=email-domain: list the e-mail domains that may sign up (e.g. example.com)".into(),
                ));
            }
            domains
        } else {
            Vec::new()
        };
        if signup.is_on() && smtp.is_none() {
            return Err(ConfigError(format!(
                "LATCHKEY_SIGNUP={} needs e-mail to confirm addresses: set LATCHKEY_SMTP_URL and LATCHKEY_SMTP_FROM, or set LATCHKEY_SIGNUP=off",
                signup.as_str()
            )));
        }
        let settings = Self {
            issuer,
            bind,
            database_url,
            rp_id,
            master_key,
            log,
            log_format,
            metrics_bind,
            session_idle_timeout: d("LATCHKEY_SESSION_IDLE_TIMEOUT")?,
            session_lifetime: d("LATCHKEY_SESSION_LIFETIME")?,
            access_token_ttl: d("LATCHKEY_ACCESS_TOKEN_TTL")?,
            id_token_ttl: d("LATCHKEY_ID_TOKEN_TTL")?,
            refresh_token_ttl: d("LATCHKEY_REFRESH_TOKEN_TTL")?,
            refresh_family_lifetime: d("LATCHKEY_REFRESH_FAMILY_LIFETIME")?,
            reauth_window: d("LATCHKEY_REAUTH_WINDOW")?,
            access_token_alg: parse_key(
                layers,
                "LATCHKEY_ACCESS_TOKEN_ALG",
                "RS256, ES256 or EdDSA",
                SigningAlg::parse,
            )?,
            require_pkce: parse_key(layers, "LATCHKEY_REQUIRE_PKCE", "true or false", boolean)?,
            require_par: parse_key(layers, "LATCHKEY_REQUIRE_PAR", "true or false", boolean)?,
            registration: parse_key(
                layers,
                "LATCHKEY_REGISTRATION",
                "off, token or open",
                RegistrationMode::parse,
            )?,
            registration_rate_limit: per_minute("LATCHKEY_REGISTRATION_RATE_LIMIT")?,
            signup,
            signup_domains,
            signup_rate_limit: per_minute("LATCHKEY_SIGNUP_RATE_LIMIT")?,
            default_locale: parse_key(
                layers,
                "LATCHKEY_DEFAULT_LOCALE",
                "one of the shipped languages: en, de, fr, es, ar",
                crate::i18n::Locale::parse,
            )?,
            dpop_nonce: parse_key(layers, "LATCHKEY_DPOP_NONCE", "true or false", boolean)?,
            lockout_threshold: parse_key(
                layers,
                "LATCHKEY_LOCKOUT_THRESHOLD",
                "a whole number from 1 to 1000",
                |s| s.parse().ok().filter(|n| (1..=1000).contains(n)),
            )?,
            lockout_window: d("LATCHKEY_LOCKOUT_WINDOW")?,
            lockout_duration: d("LATCHKEY_LOCKOUT_DURATION")?,
            hash_queue: parse_key(
                layers,
                "LATCHKEY_HASH_QUEUE",
                "a whole number from 1 to 10000",
                |s| s.parse().ok().filter(|n| (1..=10_000).contains(n)),
            )?,
            signin_rate_limit: per_minute("LATCHKEY_SIGNIN_RATE_LIMIT")?,
            invite_rate_limit: per_minute("LATCHKEY_INVITE_RATE_LIMIT")?,
            pending_rate_limit: per_minute("LATCHKEY_PENDING_RATE_LIMIT")?,
            client_auth_failure_limit: per_minute("LATCHKEY_CLIENT_AUTH_FAILURE_LIMIT")?,
            request_timeout: d("LATCHKEY_REQUEST_TIMEOUT")?,
            trusted_proxies: parse_key(
                layers,
                "LATCHKEY_TRUSTED_PROXIES",
                "a list of IP addresses or CIDRs such as 127.0.0.1/32, 10.0.0.0/8",
                proxy_list,
            )?,
            key_reload_interval: d("LATCHKEY_KEY_RELOAD_INTERVAL")?,
            database_pool_size: parse_key(
                layers,
                "LATCHKEY_DATABASE_POOL_SIZE",
                "a whole number from 1 to 1000",
                |s| s.parse().ok().filter(|n| (1..=1000).contains(n)),
            )?,
            cache_ttl: parse_key(
                layers,
                "LATCHKEY_CACHE_TTL",
                "a duration such as 0s, 500ms or 2s (at most 1m)",
                |s| {
                    humantime::parse_duration(s)
                        .ok()
                        .filter(|d| *d <= Duration::from_secs(60))
                },
            )?,
            audit_retention: parse_key(
                layers,
                "LATCHKEY_AUDIT_RETENTION",
                "a duration of at least 1d (e.g. 90d, 365d) or off",
                retention,
            )?,
            backchannel_logout_timeout: d("LATCHKEY_BACKCHANNEL_LOGOUT_TIMEOUT")?,
            backchannel_logout_retry_delay: d("LATCHKEY_BACKCHANNEL_LOGOUT_RETRY_DELAY")?,
            smtp,
            recovery_delay: parse_key(
                layers,
                "LATCHKEY_RECOVERY_DELAY",
                "a duration such as 24h, 30m or 0 (at most 30d)",
                |s| {
                    humantime::parse_duration(s)
                        .ok()
                        .filter(|d| *d <= Duration::from_secs(30 * 86_400))
                },
            )?,
            branding: branding(layers)?,
        };
        Ok(settings)
    }

    /// Settings with every default, for the given issuer and database (tests).
    pub fn for_tests(issuer: &str, database_url: &str) -> Result<Self, ConfigError> {
        let mut layers = Layers::default();
        layers.flags.insert("LATCHKEY_ISSUER", issuer.to_owned());
        layers
            .flags
            .insert("LATCHKEY_DATABASE_URL", database_url.to_owned());
        layers
            .flags
            .insert("LATCHKEY_BIND", "127.0.0.1:0".to_owned());
        Self::from_layers(&layers)
    }

    /// Whether the issuer is served over HTTPS (cookies then get `Secure` and `__Host-`).
    #[must_use]
    pub fn is_https(&self) -> bool {
        self.issuer.starts_with("https://")
    }

    /// The path of the SQLite database file, when the database is SQLite.
    #[must_use]
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite:")?;
        let rest = rest.trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_env(pairs: &[(&str, &str)]) -> Layers {
        Layers {
            env: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..Layers::default()
        }
    }

    #[test]
    fn defaults_are_valid() {
        let s = Settings::from_layers(&Layers::default()).unwrap();
        assert_eq!(s.issuer, "http://localhost:8080");
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.rp_id, "localhost");
        assert_eq!(s.sqlite_path(), Some(PathBuf::from("data/latchkey.db")));
    }

    #[test]
    fn bad_values_name_their_key() {
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_BIND", "nonsense")])).unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_BIND"), "{err}");
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_ISSUER", "ftp://x")])).unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_ISSUER"), "{err}");
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_SESSION_LIFETIME", "soon")])).unwrap_err();
        assert!(
            err.to_string().contains("LATCHKEY_SESSION_LIFETIME"),
            "{err}"
        );
    }

    #[test]
    fn registration_is_off_token_or_open() {
        let s = Settings::from_layers(&with_env(&[])).unwrap();
        assert_eq!(s.registration, RegistrationMode::Off);
        for (text, mode) in [
            ("token", RegistrationMode::Token),
            ("open", RegistrationMode::Open),
            ("OFF", RegistrationMode::Off),
        ] {
            let s = Settings::from_layers(&with_env(&[("LATCHKEY_REGISTRATION", text)])).unwrap();
            assert_eq!(s.registration, mode);
        }
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_REGISTRATION", "yes")])).unwrap_err();
        assert!(err.0.contains("LATCHKEY_REGISTRATION"), "{err}");
        assert!(err.0.contains("off, token or open"), "{err}");
    }

    #[test]
    fn the_default_locale_is_a_shipped_language() {
        let s = Settings::from_layers(&with_env(&[])).unwrap();
        assert_eq!(s.default_locale, crate::i18n::Locale::En);
        let s = Settings::from_layers(&with_env(&[("LATCHKEY_DEFAULT_LOCALE", "DE")])).unwrap();
        assert_eq!(s.default_locale, crate::i18n::Locale::De);
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_DEFAULT_LOCALE", "tlh")])).unwrap_err();
        assert!(err.0.contains("LATCHKEY_DEFAULT_LOCALE"), "{err}");
        assert!(err.0.contains("en, de, fr, es, ar"), "{err}");
    }

    #[test]
    fn signup_is_off_email_domain_or_approval_and_needs_mail() {
        const MAIL: [(&str, &str); 2] = [
            ("LATCHKEY_SMTP_URL", "smtp://mail:25"),
            ("LATCHKEY_SMTP_FROM", "id@example.com"),
        ];
        let s = Settings::from_layers(&with_env(&[])).unwrap();
        assert_eq!(s.signup, SignupMode::Off);
        assert_eq!(s.signup_rate_limit, 5);
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_SIGNUP", "open")])).unwrap_err();
        assert!(err.0.contains("LATCHKEY_SIGNUP"), "{err}");
        assert!(err.0.contains("off, email-domain or approval"), "{err}");
        // Without mail: refused, naming the key.
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_SIGNUP", "approval")])).unwrap_err();
        assert!(err.0.contains("LATCHKEY_SIGNUP=approval"), "{err}");
        assert!(err.0.contains("LATCHKEY_SMTP_URL"), "{err}");
        let s = Settings::from_layers(&with_env(&[
            MAIL[0],
            MAIL[1],
            ("LATCHKEY_SIGNUP", "approval"),
        ]))
        .unwrap();
        assert_eq!(s.signup, SignupMode::Approval);
        assert!(s.signup_domains.is_empty());
        // email-domain needs its domains.
        let err = Settings::from_layers(&with_env(&[
            MAIL[0],
            MAIL[1],
            ("LATCHKEY_SIGNUP", "email-domain"),
        ]))
        .unwrap_err();
        assert!(err.0.contains("LATCHKEY_SIGNUP_DOMAINS"), "{err}");
        let err = Settings::from_layers(&with_env(&[
            MAIL[0],
            MAIL[1],
            ("LATCHKEY_SIGNUP", "email-domain"),
            ("LATCHKEY_SIGNUP_DOMAINS", "example.com, not a domain"),
        ]))
        .unwrap_err();
        assert!(err.0.contains("LATCHKEY_SIGNUP_DOMAINS"), "{err}");
        let s = Settings::from_layers(&with_env(&[
            MAIL[0],
            MAIL[1],
            ("LATCHKEY_SIGNUP", "Email-Domain"),
            (
                "LATCHKEY_SIGNUP_DOMAINS",
                "Example.COM, @example.org example.com",
            ),
        ]))
        .unwrap();
        assert_eq!(s.signup, SignupMode::EmailDomain);
        assert_eq!(s.signup_domains, ["example.com", "example.org"]);
    }

    #[test]
    fn precedence_is_flag_env_file_default() {
        let mut layers = Layers::default();
        layers.file.insert("bind".into(), "127.0.0.1:1".into());
        assert_eq!(Settings::from_layers(&layers).unwrap().bind.port(), 1);
        layers
            .env
            .insert("LATCHKEY_BIND".into(), "127.0.0.1:2".into());
        assert_eq!(Settings::from_layers(&layers).unwrap().bind.port(), 2);
        layers.flags.insert("LATCHKEY_BIND", "127.0.0.1:3".into());
        assert_eq!(Settings::from_layers(&layers).unwrap().bind.port(), 3);
    }

    #[test]
    fn audit_retention_is_a_day_or_more_or_off() {
        let s = Settings::from_layers(&with_env(&[])).unwrap();
        assert_eq!(s.audit_retention, Some(Duration::from_secs(365 * 86_400)));
        let s = Settings::from_layers(&with_env(&[("LATCHKEY_AUDIT_RETENTION", "90d")])).unwrap();
        assert_eq!(s.audit_retention, Some(Duration::from_secs(90 * 86_400)));
        let s = Settings::from_layers(&with_env(&[("LATCHKEY_AUDIT_RETENTION", "off")])).unwrap();
        assert_eq!(s.audit_retention, None);
        for bad in ["1h", "0s", "soon"] {
            let err =
                Settings::from_layers(&with_env(&[("LATCHKEY_AUDIT_RETENTION", bad)])).unwrap_err();
            assert!(err.0.contains("LATCHKEY_AUDIT_RETENTION"), "{err}");
        }
    }

    #[test]
    fn smtp_needs_a_url_and_a_sender() {
        let s = Settings::from_layers(&with_env(&[
            ("LATCHKEY_SMTP_URL", "smtps://u:p@mail.example:465"),
            ("LATCHKEY_SMTP_FROM", "Latchkey <id@example.com>"),
        ]))
        .unwrap();
        assert_eq!(s.smtp.unwrap().from, "Latchkey <id@example.com>");
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_SMTP_URL", "smtp://mail:25")]))
            .unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_SMTP_FROM"), "{err}");
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_SMTP_URL", "http://u:hunter2@m")]))
            .unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_SMTP_URL"), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let err = Settings::from_layers(&with_env(&[
            ("LATCHKEY_SMTP_URL", "smtp://mail:25"),
            ("LATCHKEY_SMTP_FROM", "not a mailbox"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_SMTP_FROM"), "{err}");
        // The password in the URL never shows in messages or debug output.
        let s = Settings::from_layers(&with_env(&[
            ("LATCHKEY_SMTP_URL", "smtps://u:hunter2@mail.example"),
            ("LATCHKEY_SMTP_FROM", "id@example.com"),
        ]))
        .unwrap();
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn an_ip_address_issuer_is_refused_with_advice() {
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_ISSUER", "http://127.0.0.1:8080")]))
            .unwrap_err();
        assert!(
            err.to_string().contains("LATCHKEY_RP_ID") && err.to_string().contains("host name"),
            "{err}"
        );
    }

    #[test]
    fn postgres_needs_a_master_key() {
        let err = Settings::from_layers(&with_env(&[(
            "LATCHKEY_DATABASE_URL",
            "postgres://localhost/x",
        )]))
        .unwrap_err();
        assert!(err.to_string().contains("LATCHKEY_MASTER_KEY"), "{err}");
    }

    #[test]
    fn the_removed_trust_proxy_key_stops_startup_with_advice() {
        let check = |err: ConfigError| {
            let text = err.to_string();
            assert!(
                text.contains("LATCHKEY_TRUST_PROXY") && text.contains("LATCHKEY_TRUSTED_PROXIES"),
                "{text}"
            );
        };
        check(Settings::from_layers(&with_env(&[("LATCHKEY_TRUST_PROXY", "true")])).unwrap_err());
        let mut layers = Layers::default();
        layers.flags.insert("LATCHKEY_TRUST_PROXY", "true".into());
        check(Settings::from_layers(&layers).unwrap_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latchkey.toml");
        std::fs::write(&path, "trust_proxy = true\n").unwrap();
        check(Layers::load(Some(&path), HashMap::new()).unwrap_err());
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses_and_cidrs() {
        let s = Settings::from_layers(&Layers::default()).unwrap();
        assert!(s.trusted_proxies.is_empty());
        let s = Settings::from_layers(&with_env(&[(
            "LATCHKEY_TRUSTED_PROXIES",
            "127.0.0.1, 10.1.2.3/8  fd00::/8,::1",
        )]))
        .unwrap();
        let shown: Vec<String> = s.trusted_proxies.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["127.0.0.1/32", "10.0.0.0/8", "fd00::/8", "::1/128"]);
        let err = Settings::from_layers(&with_env(&[("LATCHKEY_TRUSTED_PROXIES", "10.0.0.0/33")]))
            .unwrap_err();
        assert!(
            err.to_string().contains("LATCHKEY_TRUSTED_PROXIES"),
            "{err}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latchkey.toml");
        std::fs::write(
            &path,
            "trusted_proxies = [\"127.0.0.1/32\", \"10.0.0.0/8\"]\n",
        )
        .unwrap();
        let mut layers = Layers::load(Some(&path), HashMap::new()).unwrap();
        layers.env.clear();
        assert_eq!(
            Settings::from_layers(&layers)
                .unwrap()
                .trusted_proxies
                .len(),
            2
        );
    }

    const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    #[test]
    fn secrets_are_read_from_files_without_the_trailing_newline() {
        use secrecy::ExposeSecret;
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        };
        let key = write("key", &format!("{KEY}\n"));
        let db = write("db", "postgres://u:pw@db.example/latchkey\r\n");
        let smtp = write("smtp", "smtps://u:hunter2@mail.example:465\n");
        let s = Settings::from_layers(&with_env(&[
            ("LATCHKEY_MASTER_KEY_FILE", &key),
            ("LATCHKEY_DATABASE_URL_FILE", &db),
            ("LATCHKEY_SMTP_URL_FILE", &smtp),
            ("LATCHKEY_SMTP_FROM", "id@example.com"),
        ]))
        .unwrap();
        assert_eq!(s.master_key.unwrap().expose_secret(), KEY);
        assert_eq!(s.database_url, "postgres://u:pw@db.example/latchkey");
        assert_eq!(
            s.smtp.unwrap().url.expose_secret(),
            "smtps://u:hunter2@mail.example:465"
        );
        // The same from the configuration file's `_file` keys.
        let toml = dir.path().join("latchkey.toml");
        std::fs::write(
            &toml,
            format!("master_key_file = {key:?}\ndatabase_url_file = {db:?}\n"),
        )
        .unwrap();
        let mut layers = Layers::load(Some(&toml), HashMap::new()).unwrap();
        layers.env.clear();
        let s = Settings::from_layers(&layers).unwrap();
        assert_eq!(s.master_key.unwrap().expose_secret(), KEY);
        assert_eq!(s.database_url, "postgres://u:pw@db.example/latchkey");
        // The environment's value outranks the file layer's `_file` key.
        layers
            .env
            .insert("LATCHKEY_DATABASE_URL".into(), "sqlite://x.db".into());
        let s = Settings::from_layers(&layers).unwrap();
        assert_eq!(s.database_url, "sqlite://x.db");
        // Keys that hold no secret have no `_FILE` variant.
        let s = Settings::from_layers(&with_env(&[("LATCHKEY_ISSUER_FILE", &key)])).unwrap();
        assert_eq!(s.issuer, "http://localhost:8080");
        std::fs::write(&toml, format!("issuer_file = {key:?}\n")).unwrap();
        let err = Layers::load(Some(&toml), HashMap::new()).unwrap_err();
        assert!(err.0.contains("issuer_file"), "{err}");
    }

    #[test]
    fn a_value_and_its_file_together_are_refused_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, KEY).unwrap();
        let path = path.display().to_string();
        let err = Settings::from_layers(&with_env(&[
            ("LATCHKEY_MASTER_KEY", KEY),
            ("LATCHKEY_MASTER_KEY_FILE", &path),
        ]))
        .unwrap_err();
        assert!(
            err.0
                .contains("LATCHKEY_MASTER_KEY and LATCHKEY_MASTER_KEY_FILE are both set"),
            "{err}"
        );
        assert!(!err.0.contains(KEY), "{err}");
        let toml = dir.path().join("latchkey.toml");
        std::fs::write(
            &toml,
            format!("smtp_url = \"smtp://mail:25\"\nsmtp_url_file = {path:?}\n"),
        )
        .unwrap();
        let mut layers = Layers::load(Some(&toml), HashMap::new()).unwrap();
        layers.env.clear();
        let err = Settings::from_layers(&layers).unwrap_err();
        assert!(
            err.0.contains("smtp_url and smtp_url_file are both set")
                && err.0.contains("configuration file"),
            "{err}"
        );
    }

    #[test]
    fn an_unreadable_or_empty_secret_file_names_the_key_and_path_not_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing").display().to_string();
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_SMTP_URL_FILE", &missing)])).unwrap_err();
        assert!(
            err.0.contains("LATCHKEY_SMTP_URL_FILE") && err.0.contains(&missing),
            "{err}"
        );
        assert!(err.0.contains("cannot read"), "{err}");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "\n").unwrap();
        let empty = empty.display().to_string();
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_MASTER_KEY_FILE", &empty)])).unwrap_err();
        assert!(
            err.0.contains("LATCHKEY_MASTER_KEY_FILE")
                && err.0.contains(&format!("{empty} is empty")),
            "{err}"
        );
        let err =
            Settings::from_layers(&with_env(&[("LATCHKEY_MASTER_KEY_FILE", "")])).unwrap_err();
        assert!(err.0.contains("LATCHKEY_MASTER_KEY_FILE"), "{err}");
        // A bad secret names its key and where it was read, never the text.
        let bad = dir.path().join("bad");
        std::fs::write(&bad, "hunter2-not-a-key\n").unwrap();
        let err = Settings::from_layers(&with_env(&[(
            "LATCHKEY_MASTER_KEY_FILE",
            &bad.display().to_string(),
        )]))
        .unwrap_err();
        assert!(
            err.0.contains("LATCHKEY_MASTER_KEY") && err.0.contains("_FILE"),
            "{err}"
        );
        assert!(!err.0.contains("hunter2"), "{err}");
        let bad_db = dir.path().join("bad_db");
        std::fs::write(&bad_db, "mysql://u:hunter2@db/x").unwrap();
        let err = Settings::from_layers(&with_env(&[(
            "LATCHKEY_DATABASE_URL_FILE",
            &bad_db.display().to_string(),
        )]))
        .unwrap_err();
        assert!(err.0.contains("LATCHKEY_DATABASE_URL"), "{err}");
        assert!(!err.0.contains("hunter2"), "{err}");
    }
}
