//! The provider context: everything the protocol core needs, built once at
//! startup. The grants ([`super::grants`]), the authorization flow
//! ([`super::flow`]) and token verification ([`super::tokens`]) take a
//! [`Provider`], never the web layer's state, so they can be driven (and
//! tested) without HTTP.

use std::sync::Arc;

use crate::clock::{Clock, secs};
use crate::config::Settings;
use crate::crypto::MasterKey;
use crate::db::Repos;
use crate::domain::signing_alg::SigningAlg;

use super::keys::KeyManager;

/// How long what the provider issues lives, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetimes {
    /// Access tokens (`LATCHKEY_ACCESS_TOKEN_TTL`).
    pub access_token: i64,
    /// ID tokens (`LATCHKEY_ID_TOKEN_TTL`).
    pub id_token: i64,
    /// One refresh token, until it is rotated (`LATCHKEY_REFRESH_TOKEN_TTL`).
    pub refresh_token: i64,
    /// A refresh family from its first token, however often it is rotated
    /// (`LATCHKEY_REFRESH_FAMILY_LIFETIME`).
    pub refresh_family: i64,
}

impl Lifetimes {
    /// The lifetimes configured in `settings`.
    #[must_use]
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            access_token: secs(settings.access_token_ttl),
            id_token: secs(settings.id_token_ttl),
            refresh_token: secs(settings.refresh_token_ttl),
            refresh_family: secs(settings.refresh_family_lifetime),
        }
    }

    /// How long a revocation of a grant must be remembered: until every
    /// token it could have produced has expired.
    #[must_use]
    pub fn revocation_memory(&self) -> i64 {
        self.access_token.max(self.refresh_token)
    }
}

/// The OpenID provider: storage, keys, clock and the protocol settings.
pub struct Provider {
    /// Every repository.
    pub repos: Repos,
    /// Signing keys and the master key.
    pub keys: Arc<KeyManager>,
    /// The time source.
    pub clock: Arc<dyn Clock>,
    /// The issuer identifier (`iss`), without a trailing slash.
    pub issuer: String,
    /// Token lifetimes.
    pub lifetimes: Lifetimes,
    /// The algorithm access tokens are signed with.
    pub access_token_alg: SigningAlg,
    /// Whether every authorization request needs PKCE (public clients
    /// always do).
    pub require_pkce: bool,
    /// Whether every authorization request must be pushed (RFC 9126;
    /// `LATCHKEY_REQUIRE_PAR`); a client may require it for itself.
    pub require_par: bool,
    /// Whether DPoP proofs must carry a server nonce (RFC 9449 §8;
    /// `LATCHKEY_DPOP_NONCE`).
    pub dpop_nonce: bool,
}

impl Provider {
    /// The provider configured by `settings` over `repos`, `keys` and `clock`.
    #[must_use]
    pub fn new(
        settings: &Settings,
        repos: Repos,
        keys: Arc<KeyManager>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            repos,
            keys,
            clock,
            issuer: settings.issuer.clone(),
            lifetimes: Lifetimes::from_settings(settings),
            access_token_alg: settings.access_token_alg,
            require_pkce: settings.require_pkce,
            require_par: settings.require_par,
            dpop_nonce: settings.dpop_nonce,
        }
    }

    /// The current time, in seconds since the epoch.
    #[must_use]
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The master key (sealed codes, browser bindings, audit tags).
    #[must_use]
    pub fn master(&self) -> &MasterKey {
        self.keys.master()
    }
}

/// A provider over a fresh SQLite database, for the core's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Arc;

    use super::Provider;
    use crate::clock::{Clock, ManualClock};
    use crate::config::Settings;
    use crate::crypto::{self, MasterKey};
    use crate::db::{Client, NewUser, Profile, Session, User};
    use crate::oidc::keys::KeyManager;

    /// The issuer of the test provider.
    pub const ISSUER: &str = "https://op.example";

    /// A provider, its hand-moved clock, and the directory of its database.
    pub struct Fixture {
        pub provider: Provider,
        pub clock: ManualClock,
        _dir: tempfile::TempDir,
    }

    /// A provider with default settings over a fresh SQLite database.
    pub async fn provider() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("latchkey.db").display());
        let settings = Settings::for_tests(ISSUER, &url).expect("test settings");
        let repos = crate::db::connect(&url).await.expect("a fresh database");
        let clock = ManualClock::default();
        let shared: Arc<dyn Clock> = Arc::new(clock.clone());
        let (master, _) = MasterKey::generate();
        let keys =
            KeyManager::load_or_init(repos.signing_keys.clone(), master, shared.clone(), 3600)
                .await
                .expect("signing keys");
        Fixture {
            provider: Provider::new(&settings, repos, Arc::new(keys), shared),
            clock,
            _dir: dir,
        }
    }

    impl Fixture {
        /// A new active user `username` in `groups`.
        pub async fn user(&self, username: &str, groups: &[&str]) -> User {
            let new = NewUser {
                userid: None,
                username: username.to_owned(),
                profile: Profile {
                    email: Some(format!("{username}@example.com")),
                    ..Profile::default()
                },
                groups: groups.iter().map(|g| (*g).to_owned()).collect(),
                role: None,
            };
            self.provider
                .repos
                .users
                .create(new, self.provider.now())
                .await
                .expect("a new user")
        }

        /// A new confidential client `id` (secret `id-secret`) with the
        /// authorization code and refresh token grants, registered for
        /// `https://rp.example/cb`, that skips consent when `trusted`.
        pub async fn client(&self, id: &str, trusted: bool) -> Client {
            let now = self.provider.now();
            let client = Client {
                client_id: crate::domain::client_id::ClientId::parse(id)
                    .expect("a valid client id"),
                name: format!("The {id} app"),
                secret_hash: Some(crypto::hash_secret(&format!("{id}-secret"))),
                public: false,
                redirect_uris: vec!["https://rp.example/cb".into()],
                post_logout_redirect_uris: Vec::new(),
                grant_types: crate::domain::grant_type::GrantType::ALL.to_vec(),
                scopes: Vec::new(),
                skip_consent: trusted,
                require_mfa: false,
                resource_server: false,
                id_token_alg: crate::domain::signing_alg::SigningAlg::RS256,
                claim_mapping: crate::domain::claim_mapping::ClaimMapping::default(),
                allowed_groups: Vec::new(),
                allowed_origins: Vec::new(),
                require_par: false,
                require_dpop: false,
                backchannel_logout_uri: None,
                backchannel_logout_session_required: false,
                branding: crate::db::Branding::default(),
                jwks: None,
                secret_sealed: None,
                created_at: now,
                updated_at: now,
            };
            self.provider
                .repos
                .clients
                .create(&client)
                .await
                .expect("a new client");
            client
        }

        /// A password session of `user`, started now.
        pub async fn session(&self, user: &User) -> Session {
            let settings = Settings::for_tests(ISSUER, "sqlite://unused.db").expect("settings");
            let facts = crate::auth::signin::password_facts(user, None, None);
            crate::auth::session::start(
                &self.provider.repos,
                self.provider.clock.as_ref(),
                &settings,
                facts,
            )
            .await
            .expect("a session")
            .1
        }
    }
}
