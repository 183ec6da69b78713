//! `spawn_app()`: a fresh server and database for each test.
#![allow(dead_code)]

use std::sync::Arc;

use latchkey::app::Application;
use latchkey::clock::ManualClock;
use latchkey::config::Settings;
use latchkey::http::AppState;
use latchkey::manage::{self, Actor};

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
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://localhost:{port}");
    let db = format!("sqlite://{}", dir.path().join("latchkey.db").display());
    let mut settings = Settings::for_tests(&base, &db).unwrap();
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
    TestApp {
        base,
        state,
        clock,
        http: browser(),
        dir,
        metrics_addr,
        server,
    }
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
