//! Building and running the application: configuration in, a serving
//! process out.

use crate::audit::Event;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::clock::{Clock, SystemClock, secs};
use crate::config::Settings;
use crate::crypto::MasterKey;
use crate::db::Repos;
use crate::http::AppState;
use crate::oidc::keys::KeyManager;

/// Errors that stop startup.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Connect(#[from] crate::db::ConnectError),
    #[error("LATCHKEY_MASTER_KEY: {0}")]
    MasterKey(String),
    #[error("signing keys: {0}")]
    Keys(#[from] crate::oidc::keys::KeyError),
    #[error("LATCHKEY_BIND: cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("LATCHKEY_METRICS_BIND: cannot listen on {addr}: {source}")]
    MetricsBind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

/// Finds the master key: the configured one, or the key file beside the
/// SQLite database (created with mode 0600 on first start).
pub fn master_key(settings: &Settings) -> Result<MasterKey, StartupError> {
    use secrecy::ExposeSecret;
    if let Some(text) = &settings.master_key {
        return MasterKey::decode(text.expose_secret())
            .ok_or_else(|| StartupError::MasterKey("not base64 of 32 bytes".into()));
    }
    let Some(db) = settings.sqlite_path() else {
        return Err(StartupError::MasterKey(
            "required when the database is not a SQLite file".into(),
        ));
    };
    let path = key_file_path(&db);
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| StartupError::MasterKey(format!("cannot read {}: {e}", path.display())))?;
        return MasterKey::decode(&text).ok_or_else(|| {
            StartupError::MasterKey(format!(
                "{} does not hold base64 of 32 bytes",
                path.display()
            ))
        });
    }
    let (key, text) = MasterKey::generate();
    write_private_file(&path, &text)
        .map_err(|e| StartupError::MasterKey(format!("cannot create {}: {e}", path.display())))?;
    tracing::info!(path = %path.display(), "created a new master key file; back it up with the database");
    Ok(key)
}

/// The master key file of a SQLite database.
#[must_use]
pub fn key_file_path(db: &Path) -> std::path::PathBuf {
    let mut name = db
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".key");
    db.with_file_name(name)
}

/// Where `serve` writes the first-start administrator invite when standard
/// error is not a terminal: beside the SQLite database
/// (`latchkey.db.admin-invite`), or `latchkey-admin-invite` in the working
/// directory with PostgreSQL.
#[must_use]
pub fn admin_invite_path(settings: &Settings) -> std::path::PathBuf {
    match settings.sqlite_path() {
        Some(db) => {
            let mut name = db
                .file_name()
                .map(std::ffi::OsStr::to_os_string)
                .unwrap_or_default();
            name.push(".admin-invite");
            db.with_file_name(name)
        }
        None => std::path::PathBuf::from("latchkey-admin-invite"),
    }
}

/// Atomically replaces `path` with a file holding `text`, readable only by
/// its owner: the text goes to a fresh temporary file created with mode
/// 0600 (never readable by others, even for a moment), which is then
/// renamed over `path`.
pub(crate) fn replace_private_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(format!(".tmp-{}", crate::crypto::random_token(6)));
    let temp = path.with_file_name(name);
    let written = write_private_file(&temp, text).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Writes `text` to a new file readable only by its owner (mode 0600), synced.
pub(crate) fn write_private_file(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Opens the database and the keys: everything the server and the CLI share.
pub struct Core {
    pub settings: Arc<Settings>,
    pub repos: Repos,
    pub keys: Arc<KeyManager>,
    pub clock: Arc<dyn Clock>,
    /// The protocol core's context over the same storage, keys and clock.
    pub provider: Arc<crate::oidc::provider::Provider>,
    /// The WebAuthn relying party, built once.
    pub webauthn: Arc<webauthn_rs::Webauthn>,
    /// Per-address rate limiters of this instance.
    pub limits: Arc<crate::http::limits::Limits>,
}

impl Core {
    /// Opens the configured database (applying migrations) and loads the keys.
    pub async fn open(settings: Settings, clock: Arc<dyn Clock>) -> Result<Self, StartupError> {
        let repos = crate::db::connect_with(&settings.database_url, settings.database_pool_size)
            .await?
            .with_cache(settings.cache_ttl);
        let master = master_key(&settings)?;
        let publish_for = secs(settings.id_token_ttl.max(settings.access_token_ttl)) + 300;
        let keys = KeyManager::load_or_init(
            repos.signing_keys.clone(),
            master,
            clock.clone(),
            publish_for,
        )
        .await?;
        let webauthn = crate::auth::passkey::build(&settings).map_err(StartupError::Other)?;
        crate::auth::password::set_queue_limit(settings.hash_queue);
        crate::auth::common_passwords::load();
        let limits = crate::http::limits::Limits::new(&settings, &repos, clock.clone());
        let keys = Arc::new(keys);
        let provider = Arc::new(crate::oidc::provider::Provider::new(
            &settings,
            repos.clone(),
            keys.clone(),
            clock.clone(),
        ));
        Ok(Self {
            settings: Arc::new(settings),
            repos,
            keys,
            clock,
            provider,
            webauthn: Arc::new(webauthn),
            limits: Arc::new(limits),
        })
    }

    /// The state handlers share.
    #[must_use]
    pub fn state(&self) -> AppState {
        AppState::new(crate::http::StateInner {
            settings: self.settings.clone(),
            repos: self.repos.clone(),
            keys: self.keys.clone(),
            clock: self.clock.clone(),
            provider: self.provider.clone(),
            discovery: Arc::from(crate::oidc::discovery::document(&self.settings)),
            webauthn: self.webauthn.clone(),
            limits: self.limits.clone(),
            brand: Arc::new(crate::templates::Brand::of(&self.settings.branding)),
        })
    }
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    /// The metrics listener, when `LATCHKEY_METRICS_BIND` is set.
    metrics: Option<TcpListener>,
    state: AppState,
}

impl Application {
    /// Opens everything and binds the listener (port 0 picks a free port).
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    /// As [`Application::build`], with a chosen clock (tests).
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, StartupError> {
        let addr = settings.bind;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Bind { addr, source })?;
        Self::build_on(listener, settings, clock).await
    }

    /// Builds on a listener bound by the caller (tests bind port 0 first so
    /// the issuer URL can name the port). The metrics listener, when
    /// configured, is bound here (port 0 picks a free port).
    pub async fn build_on(
        listener: TcpListener,
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, StartupError> {
        let metrics = match settings.metrics_bind {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .map_err(|source| StartupError::MetricsBind { addr, source })?,
            ),
            None => None,
        };
        let core = Core::open(settings, clock).await?;
        Ok(Self {
            listener,
            metrics,
            state: core.state(),
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The bound metrics address, when `LATCHKEY_METRICS_BIND` is set.
    #[must_use]
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// The shared state (tests reach repositories through it).
    #[must_use]
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// On a server without an administrator, creates a one-time
    /// administrator invite. Its URL is a key to the whole provider, so it
    /// never goes into the log (PRODUCT.md §3): it is printed when standard
    /// error is a terminal, and otherwise written to a file readable only by
    /// the owner ([`admin_invite_path`]), whose path is logged.
    pub async fn bootstrap_admin_invite(&self) {
        use std::io::IsTerminal;
        let s = &self.state;
        let invite = match crate::manage::bootstrap_admin_invite(
            &s.repos,
            s.clock.as_ref(),
            &s.settings.issuer,
        )
        .await
        {
            Ok(Some(invite)) => invite,
            Ok(None) => return,
            Err(e) => {
                tracing::error!(error = %e, "could not create the first administrator invite");
                return;
            }
        };
        crate::audit::record(
            &s.repos,
            s.clock.as_ref(),
            &crate::audit::Actor::system(),
            Event::InviteBootstrap,
            Some(&invite.id),
            serde_json::json!({"expires_at": invite.expires_at}),
        )
        .await;
        if std::io::stderr().is_terminal() {
            eprintln!(
                "\nNo administrator yet. Open this one-time link to create the first \
                 administrator account (expires {}):\n\n    {}\n",
                invite.expires_at, invite.url
            );
            tracing::warn!(
                expires_at = %invite.expires_at,
                "no administrator yet: the one-time administrator invite was printed on the terminal"
            );
            return;
        }
        let path = admin_invite_path(&s.settings);
        let path = std::path::absolute(&path).unwrap_or(path);
        match replace_private_file(&path, &format!("{}\n", invite.url)) {
            Ok(()) => tracing::warn!(
                path = %path.display(),
                expires_at = %invite.expires_at,
                "no administrator yet: the one-time administrator invite link is in this file (readable only by this user); open it to create the first administrator account, then delete the file"
            ),
            Err(e) => tracing::error!(
                path = %path.display(),
                error = %e,
                "no administrator yet, and the administrator invite could not be written; create one with `latchkey invite create --username NAME --admin`"
            ),
        }
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish.
    /// Metrics, when configured, are served on their own listener meanwhile.
    pub async fn run_until<F>(self, shutdown: F) -> std::io::Result<()>
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let state = self.state.clone();
        let housekeeping = tokio::spawn(housekeeping(state.clone()));
        // Stopped when serving ends or this future is dropped.
        let _logout_worker = AbortOnDrop(tokio::spawn(crate::oidc::backchannel::run(
            state.provider.clone(),
            crate::oidc::backchannel::Policy::from_settings(&state.settings),
        )));
        let metrics = self.metrics.map(|listener| {
            if let Ok(addr) = listener.local_addr() {
                tracing::info!(%addr, "metrics listening at /metrics");
            }
            let app = crate::http::metrics::router(state.clone());
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!(error = %e, "metrics listener failed");
                }
            })
        });
        let result = serve_router(self.listener, crate::http::router(state), shutdown).await;
        housekeeping.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        result
    }
}

/// The Tokio runtime `latchkey` runs on: multi-threaded, one worker per
/// core. The benchmark's hello-world ceiling is served on the same.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

/// Serves `router` on `listener` as `latchkey serve` does (hyper through
/// `axum::serve`, the peer address on every request) until `shutdown`
/// completes, then lets in-flight requests finish. The benchmark's
/// hello-world ceiling is served the same way.
pub async fn serve_router<F>(
    listener: TcpListener,
    router: axum::Router,
    shutdown: F,
) -> std::io::Result<()>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Aborts a background task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Periodic work: purge expired rows and audit events past their
/// retention, pick up key rotations from other
/// instances, prune keys that no longer need publishing.
async fn housekeeping(state: AppState) {
    let mut purge = tokio::time::interval(Duration::from_secs(600));
    let mut keys = tokio::time::interval(state.settings.key_reload_interval);
    loop {
        tokio::select! {
            _ = purge.tick() => {
                match state.repos.maintenance.purge_expired(state.clock.now()).await {
                    Ok(n) if n > 0 => tracing::info!(rows = n, "purged expired rows"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "purging expired rows failed"),
                }
                let retention = state.settings.audit_retention;
                match crate::audit::purge_old(&state.repos, state.clock.as_ref(), retention).await {
                    Ok(n) if n > 0 => tracing::info!(rows = n, "purged old audit events"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "purging old audit events failed"),
                }
                state.limits.retain_recent();
                if let Err(e) = state.keys.prune().await {
                    tracing::warn!(error = %e, "pruning retired keys failed");
                }
            }
            _ = keys.tick() => {
                if let Err(e) = state.keys.reload().await {
                    tracing::warn!(error = %e, "reloading signing keys failed");
                }
            }
        }
    }
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
