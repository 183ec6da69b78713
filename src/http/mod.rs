//! HTTP surface: the shared state, the router, and one module per surface.

pub mod access;
pub mod account;
pub mod admin;
pub mod api;
pub mod assets;
pub mod branding;
pub mod cookies;
pub mod cors;
pub mod csrf;
pub mod error;
pub mod extract;
pub mod fallback;
pub mod forms;
pub mod headers;
pub mod health;
pub mod invite;
pub mod invite_passkey;
pub mod limits;
pub mod locale;
pub mod login;
pub mod metrics;
pub mod oidc;
pub mod otel;
pub mod reauth;
pub mod recover;
pub mod recovery_codes;
pub mod second_factor;
pub mod second_step;
pub mod session;
pub mod signup;
pub mod verify_email;
pub mod webauthn;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Repos;
use crate::oidc::keys::KeyManager;

/// Everything a handler may need, built once at startup, behind one shared
/// pointer: axum clones the state for every request (more than once), and
/// one reference count is far cheaper than one per field (the profile of
/// the static documents showed the clones and drops at ~10 %). Fields are
/// reached through `Deref`: `state.settings`.
#[derive(Clone)]
pub struct AppState(Arc<StateInner>);

impl AppState {
    /// Shares `inner` as the state.
    #[must_use]
    pub fn new(inner: StateInner) -> Self {
        Self(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = StateInner;

    fn deref(&self) -> &StateInner {
        &self.0
    }
}

impl StateInner {
    /// What the sign-in service ([`crate::auth::signin`]) works with.
    #[must_use]
    pub fn signin(&self) -> crate::auth::signin::Context<'_> {
        crate::auth::signin::Context {
            repos: &self.repos,
            clock: self.clock.as_ref(),
            settings: &self.settings,
            master: self.keys.master(),
        }
    }
}

/// The fields of [`AppState`].
pub struct StateInner {
    pub settings: Arc<Settings>,
    pub repos: Repos,
    pub keys: Arc<KeyManager>,
    pub clock: Arc<dyn Clock>,
    /// The protocol core's context (the same repositories, keys and clock).
    pub provider: Arc<crate::oidc::provider::Provider>,
    /// The discovery document, serialized once.
    pub discovery: Arc<str>,
    /// The WebAuthn relying party (see [`crate::auth::passkey`]).
    pub webauthn: Arc<webauthn_rs::Webauthn>,
    /// Per-address rate limits (sign-in, invite pages, client authentication).
    pub limits: Arc<limits::Limits>,
    /// The instance's branding as every page shows it.
    pub brand: Arc<crate::templates::Brand>,
}

impl FromRef<AppState> for Repos {
    fn from_ref(state: &AppState) -> Self {
        state.repos.clone()
    }
}

/// Builds the application router with every layer.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(health::router())
        .merge(assets::router())
        .merge(branding::router())
        .merge(oidc::router())
        .merge(login::router())
        .merge(second_step::router())
        .merge(webauthn::router())
        .merge(invite::router())
        .merge(invite_passkey::router())
        .merge(account::router())
        .merge(second_factor::router())
        .merge(verify_email::router())
        .merge(recover::router())
        .merge(recovery_codes::router())
        .merge(signup::router(state.settings.signup))
        .merge(api::router())
        .merge(admin::router(state.clone()))
        .merge(fallback::router())
        .fallback(fallback::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            branding::page_scope,
        ));
    let routes = routes
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.settings.default_locale,
            locale::layer,
        ));
    headers::layered(routes, &state.settings)
}
