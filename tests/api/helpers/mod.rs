//! The typed test API: `spawn_app()` gives each test a fresh server and
//! database; `pages` drives the HTML side (sign-in, forms), `oidc` the
//! relying party's side (authorize, exchange, refresh, admin tokens).
#![allow(dead_code)]

pub mod admin_routes;
pub mod oidc;
pub mod pages;
pub mod passkeys;

pub use oidc::*;
pub use pages::*;

use std::sync::Arc;

use latchkey::app::Application;
use latchkey::clock::ManualClock;
use latchkey::config::Settings;
pub use latchkey::db::Backend;
use latchkey::http::AppState;
use latchkey::manage::{self, Actor};
use sqlx::Connection;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://localhost:PORT`, also the issuer.
    pub base: String,
    pub state: AppState,
    pub clock: ManualClock,
    /// A client that keeps cookies and does not follow redirects.
    pub http: reqwest::Client,
    pub dir: tempfile::TempDir,
    /// The metrics listener's address, when `metrics_bind` was set.
    pub metrics_addr: Option<std::net::SocketAddr>,
    server: tokio::task::JoinHandle<()>,
    /// Drops the PostgreSQL database (if any) after the server stops.
    _database: Option<DropGuard>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Starts a server with default settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server after `configure` adjusts the settings.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_on_with(Backend::Sqlite, configure)
        .await
        .expect("SQLite is always available")
}

/// Starts a server with default settings on `backend`; `None` (after a
/// loud message) when the backend is PostgreSQL and
/// `LATCHKEY_TEST_POSTGRES_URL` is unset.
pub async fn spawn_app_on(backend: Backend) -> Option<TestApp> {
    spawn_app_on_with(backend, |_| {}).await
}

/// Starts a server on `backend` after `configure` adjusts the settings.
/// PostgreSQL gets a database of its own (dropped with the `TestApp`) and a
/// fresh master key.
pub async fn spawn_app_on_with(
    backend: Backend,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://localhost:{port}");
    let db = format!("sqlite://{}", dir.path().join("latchkey.db").display());
    let mut settings = Settings::for_tests(&base, &db).unwrap();
    let mut database = None;
    if backend == Backend::Postgres {
        let Some((url, guard)) = fresh_postgres_url().await else {
            skip_postgres();
            return None;
        };
        settings.database_url = url;
        settings.master_key = Some(latchkey::crypto::MasterKey::generate().1.into());
        database = Some(guard);
    }
    configure(&mut settings);
    let clock = ManualClock::default();
    let app = Application::build_on(listener, settings, Arc::new(clock.clone()))
        .await
        .unwrap();
    let state = app.state();
    let metrics_addr = app.metrics_addr();
    let server = tokio::spawn(async move {
        app.run_until(std::future::pending()).await.unwrap();
    });
    Some(TestApp {
        base,
        state,
        clock,
        http: browser(),
        dir,
        metrics_addr,
        server,
        _database: database,
    })
}

/// A cookie-keeping HTTP client that reports redirects instead of following them.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Creates a user with a password.
    pub async fn create_user(&self, username: &str, password: &str) -> latchkey::db::User {
        manage::create_user(
            &self.state.repos,
            self.state.clock.as_ref(),
            &Actor::system(),
            manage::CreateUser {
                username: username.into(),
                password: Some(password.into()),
                email: Some(format!("{username}@example.com")),
                name: Some(format!("{username} Example")),
                ..Default::default()
            },
        )
        .await
        .unwrap()
    }
}

/// The environment variable naming the PostgreSQL server tests may use.
pub const POSTGRES_URL_VAR: &str = "LATCHKEY_TEST_POSTGRES_URL";

/// Prefix of every database the tests create.
const TEST_DB_PREFIX: &str = "latchkey_test_";

/// Test databases older than this are leftovers of crashed runs.
const STALE_AFTER_SECS: u64 = 3600;

/// Says loudly that a PostgreSQL test did not run.
pub fn skip_postgres() {
    eprintln!("SKIPPED: {POSTGRES_URL_VAR} is not set; this PostgreSQL test did not run");
}

/// Drops its PostgreSQL database when dropped (also when the test panics).
pub struct DropGuard {
    admin_url: String,
    name: String,
}

impl DropGuard {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop cannot await; a short-lived runtime on its own thread can.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&admin_url).await?;
                drop_database(&mut conn, &name).await
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("warning: could not drop test database {}", self.name);
        }
    }
}

async fn drop_database(conn: &mut sqlx::PgConnection, name: &str) -> Result<(), sqlx::Error> {
    // FORCE ends connections the code under test may still hold.
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(conn)
        .await?;
    Ok(())
}

/// A fresh, empty PostgreSQL database on the server named by
/// `LATCHKEY_TEST_POSTGRES_URL`, and a guard that drops it. `None` when the
/// variable is unset; panics when it is set but the server cannot be used.
///
/// Databases are named `latchkey_test_<unix seconds>_<pid>_<n>`; each call
/// also drops test databases older than an hour (left by crashed runs).
pub async fn fresh_postgres_url() -> Option<(String, DropGuard)> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let admin_url = std::env::var(POSTGRES_URL_VAR)
        .ok()
        .filter(|v| !v.is_empty())?;
    let mut conn = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR}={admin_url}: cannot connect: {e}"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    sweep_stale(&mut conn, now).await;
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("{TEST_DB_PREFIX}{now}_{}_{n}", std::process::id());
    sqlx::query(&format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    let guard = DropGuard {
        admin_url: admin_url.clone(),
        name: name.clone(),
    };
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    Some((url.to_string(), guard))
}

/// Drops test databases whose creation time (in their name) is over an hour old.
async fn sweep_stale(conn: &mut sqlx::PgConnection, now: u64) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(TEST_DB_PREFIX)
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    for name in names {
        let created = name
            .strip_prefix(TEST_DB_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if created.is_some_and(|t| t + STALE_AFTER_SECS < now) {
            // Another run may be sweeping the same name; failures do not matter.
            let _ = drop_database(conn, &name).await;
        }
    }
}

/// Runs `async fn name(backend: Backend)` once on SQLite and once on
/// PostgreSQL (`name::sqlite`, `name::postgres`).
macro_rules! on_both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(crate::helpers::Backend::Postgres).await;
            }
        }
    };
}
pub(crate) use on_both_backends;
