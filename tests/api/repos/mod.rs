//! The repository suite: every method of every trait in `latchkey::db`,
//! written once against `Repos` and run on SQLite (a fresh database file
//! per test) and on PostgreSQL (a fresh database per test, when
//! `LATCHKEY_TEST_POSTGRES_URL` is set).
//!
//! `both!(name)` turns `async fn name(r: Repos)` into the two tests
//! `repos::…::name::sqlite` and `repos::…::name::postgres`.

mod api_keys;
mod attributes;
mod audit;
mod client_logos;
mod clients;
mod connected;
mod credentials;
mod device;
mod grants;
mod groups;
mod instances;
mod invites;
mod keys;
mod logout_deliveries;
mod maintenance;
mod second_factors;
mod sessions;
mod signups;
mod users;

use latchkey::db::{AuthContext, Client, NewUser, Profile, RefreshToken, Repos, Session, User};

use crate::helpers::{DropGuard, fresh_postgres_url};

/// An open database and what keeps it alive.
pub struct TestDb {
    pub repos: Repos,
    _dir: Option<tempfile::TempDir>,
    _guard: Option<DropGuard>,
}

/// A fresh SQLite database in a temporary folder.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("repos.db").display());
    let repos = latchkey::db::connect(&url).await.unwrap();
    TestDb {
        repos,
        _dir: Some(dir),
        _guard: None,
    }
}

/// A fresh PostgreSQL database, or `None` when none is configured.
pub async fn postgres() -> Option<TestDb> {
    let (url, guard) = fresh_postgres_url().await?;
    let repos = latchkey::db::connect(&url).await.unwrap();
    Some(TestDb {
        repos,
        _dir: None,
        _guard: Some(guard),
    })
}

/// Runs the suite function `$name(Repos)` once per backend.
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                let db = crate::repos::sqlite().await;
                super::$name(db.repos.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                let Some(db) = crate::repos::postgres().await else {
                    crate::helpers::skip_postgres();
                    return;
                };
                super::$name(db.repos.clone()).await;
            }
        }
    };
}
pub(crate) use both;

/// The base time of every test (Unix seconds).
pub const T0: i64 = 1_700_000_000;

/// Creates a user with a profile derived from `username`.
pub async fn user(r: &Repos, username: &str) -> User {
    r.users
        .create(
            NewUser {
                username: username.into(),
                profile: Profile {
                    name: Some(format!("{username} Example")),
                    email: Some(format!("{username}@example.com")),
                    ..Profile::default()
                },
                ..NewUser::default()
            },
            T0,
        )
        .await
        .unwrap()
}

/// A confidential client record.
pub fn client_record(client_id: &str, name: &str) -> Client {
    Client {
        client_id: client_id.parse().unwrap(),
        name: name.into(),
        secret_hash: Some(format!("hash-of-{client_id}")),
        public: false,
        redirect_uris: vec![format!("https://{client_id}.example/cb")],
        post_logout_redirect_uris: vec![],
        grant_types: vec![
            latchkey::domain::grant_type::GrantType::AuthorizationCode,
            latchkey::domain::grant_type::GrantType::RefreshToken,
        ],
        scopes: vec![],
        skip_consent: false,
        require_mfa: false,
        resource_server: false,
        id_token_alg: latchkey::domain::signing_alg::SigningAlg::RS256,
        claim_mapping: Default::default(),
        allowed_groups: Vec::new(),
        allowed_origins: Vec::new(),
        require_par: false,
        require_dpop: false,
        backchannel_logout_uri: None,
        backchannel_logout_session_required: false,
        branding: latchkey::db::Branding::default(),
        jwks: None,
        secret_sealed: None,
        created_at: T0,
        updated_at: T0,
    }
}

/// The authentication facts of a password sign-in by `userid`.
pub fn auth_context(userid: &str) -> AuthContext {
    AuthContext {
        userid: userid.into(),
        sid: Some("sid-1".into()),
        auth_time: T0,
        amr: vec!["pwd".into()],
        acr: "1".into(),
    }
}

/// A live refresh token of `family_id`, valid for a day after `T0`.
pub fn refresh_record(token_hash: &str, family_id: &str, userid: &str) -> RefreshToken {
    RefreshToken {
        token_hash: token_hash.into(),
        family_id: family_id.into(),
        client_id: "app".parse().unwrap(),
        scope: "openid offline_access".into(),
        nonce: None,
        auth: auth_context(userid),
        claims_request: None,
        created_at: T0,
        family_started_at: T0,
        expires_at: T0 + 86_400,
        used_at: None,
        revoked_at: None,
        dpop_jkt: None,
    }
}

/// A session of `userid` whose cookie secret hashes to `token_hash`.
pub fn session_record(sid: &str, token_hash: &str, userid: &str, last_seen_at: i64) -> Session {
    Session {
        sid: sid.into(),
        token_hash: token_hash.into(),
        userid: userid.into(),
        auth_time: T0,
        amr: vec!["hwk".into(), "user".into()],
        acr: "2".into(),
        user_agent: Some("Firefox".into()),
        ip: Some("192.0.2.7".into()),
        created_at: T0,
        last_seen_at,
        expires_at: T0 + 3600,
    }
}
