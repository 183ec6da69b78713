//! `latchkey export` and `latchkey import`: an installation moved from
//! SQLite to PostgreSQL and back keeps every user able to sign in (password,
//! passkey, authenticator app, recovery code) with the same `sub`, every
//! client working with its old secret and logo, registration tokens and
//! invites working, revoked tokens revoked and, with `--with-keys`, the
//! same signing keys; version 1 documents still import; bad documents,
//! oversized input, wrong passphrases and non-empty targets are refused,
//! also when another writer is in the middle of filling the target.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use base64::Engine as _;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    RedirectUrl, Scope, TokenResponse,
};
use serde_json::{Value, json};

use crate::helpers::passkeys::{
    Authenticator, Registered, answer_registration, authenticator, passkey_sign_in, post_json,
};
use crate::helpers::{
    Backend, PASSWORD, REDIRECT, TestApp, TestClient, browser, fresh_postgres_url, location,
    login_page_in, post_login_in, query, register, sign_in, skip_postgres, spawn_app,
    spawn_app_on_with, spawn_app_with, walk,
};
use latchkey::auth::second_factor;
use latchkey::config::RegistrationMode;
use latchkey::manage::{self, Actor, CreateInvite, CreateRegistrationToken};
use sqlx::Connection as _;

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");
const PASSPHRASE: &str = "a passphrase for the export";
const STEP: &str = "/login/second-factor";
/// A tiny PNG (1×1), as a client logo.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

/// Runs the binary against `db_url` (with `master_key`, when given, and
/// `env`) from an empty working directory.
async fn latchkey(
    db_url: &str,
    master_key: Option<&str>,
    env: &[(&str, &str)],
    args: &[&str],
) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd.path())
        .env_remove("LATCHKEY_BIND")
        .env_remove("LATCHKEY_MASTER_KEY")
        .env_remove("LATCHKEY_EXPORT_PASSPHRASE")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_DATABASE_URL", db_url)
        .args(args);
    if let Some(key) = master_key {
        cmd.env("LATCHKEY_MASTER_KEY", key);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    tokio::task::spawn_blocking(move || {
        let out = cmd.output().unwrap();
        drop(cwd);
        out
    })
    .await
    .unwrap()
}

/// Runs `latchkey import ARGS` against `db_url` with `input` on its
/// standard input (a pipe, whose size no metadata tells).
async fn import_from_stdin(db_url: &str, args: &[&str], input: Vec<u8>) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd.path())
        .env_remove("LATCHKEY_BIND")
        .env_remove("LATCHKEY_MASTER_KEY")
        .env_remove("LATCHKEY_EXPORT_PASSPHRASE")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_DATABASE_URL", db_url)
        .arg("import")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // The import stops reading past its limit: a broken pipe is fine.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        drop(cwd);
        out
    })
    .await
    .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Fails with a message on stderr, nothing on stdout, and no panic.
fn refused(out: &Output) -> String {
    let err = stderr(out);
    assert!(!out.status.success(), "succeeded: {err}");
    assert!(out.stdout.is_empty(), "printed: {:?}", out.stdout);
    assert!(!err.contains("panicked"), "panicked: {err}");
    err
}

/// Exports `db_url` to `file` (with keys, under `PASSPHRASE`).
async fn export_to(db_url: &str, master_key: Option<&str>, file: &Path) -> Value {
    let out = latchkey(
        db_url,
        master_key,
        &[("LATCHKEY_EXPORT_PASSPHRASE", PASSPHRASE)],
        &["export", "--with-keys"],
    )
    .await;
    let text = succeeded(&out);
    std::fs::write(file, &text).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Imports `file` into `db_url`; the counts it prints.
async fn import_into(db_url: &str, master_key: Option<&str>, file: &Path) -> Value {
    let out = latchkey(
        db_url,
        master_key,
        &[("LATCHKEY_EXPORT_PASSPHRASE", PASSPHRASE)],
        &["import", file.to_str().unwrap()],
    )
    .await;
    let text = succeeded(&out);
    assert_eq!(text.lines().count(), 1, "exactly one JSON line: {text}");
    serde_json::from_str(&text).unwrap()
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("latchkey.db").display())
}

/// The server's time.
fn now(app: &TestApp) -> i64 {
    latchkey::clock::Clock::now(&app.clock)
}

/// The TOTP code of `secret` (base32) at `at`.
fn totp(secret: &str, at: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .unwrap()
        .generate(u64::try_from(at).unwrap())
        .to_string()
}

/// What the tests keep of the source installation.
struct Source {
    alice: latchkey::db::User,
    bob: latchkey::db::User,
    carol: latchkey::db::User,
    bob_key: Registered,
    bob_auth: Authenticator,
    carol_totp: String,
    client: TestClient,
    jwks: Value,
    /// Alice's recovery codes (one is used after each move).
    recovery_codes: Vec<String>,
    /// The content hash of the client's logo.
    logo_hash: String,
    /// An initial access token for `POST /register`.
    registration_token: String,
    /// The token of a pending invite.
    invite_token: String,
    /// An access token of the client that was revoked, and one that was not.
    revoked_token: String,
    live_token: String,
}

/// A SQLite installation with a password user in a group (with an
/// attribute) and recovery codes, a passkey user, a user with an
/// authenticator app, a confidential client (code flow and client
/// credentials) with an uploaded logo and one revoked access token, an
/// initial access token for registration, and a pending invite.
async fn populate(app: &TestApp) -> Source {
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let alice = app.create_user("alice", PASSWORD).await;
    manage::create_group_with_policy(
        repos,
        clock,
        &Actor::system(),
        "staff",
        Some("Staff"),
        false,
    )
    .await
    .unwrap();
    repos
        .users
        .set_groups(&alice.userid, &["staff".to_owned()], now(app))
        .await
        .unwrap();
    let mut attributes = serde_json::Map::new();
    attributes.insert("department".into(), json!("ops"));
    repos
        .users
        .set_attributes(&alice.userid, &attributes, now(app))
        .await
        .unwrap();

    let bob = app.create_user("bob", PASSWORD).await;
    let csrf = sign_in(app, "bob", PASSWORD).await;
    let mut bob_auth = authenticator();
    let r = post_json(app, &app.http, &csrf, "/webauthn/register/start", json!({})).await;
    assert_eq!(r.status(), 200);
    let start: Value = r.json().await.unwrap();
    let (credential, bob_key) = answer_registration(&mut bob_auth, &app.base, &start);
    let r = post_json(
        app,
        &app.http,
        &csrf,
        "/webauthn/register/finish",
        json!({ "ceremony": start["ceremony"], "credential": credential, "name": "Laptop" }),
    )
    .await;
    assert_eq!(r.status(), 200);

    let carol = app.create_user("carol", PASSWORD).await;
    let master = app.state.keys.master();
    let e = second_factor::begin_enrolment(repos, clock, master, &carol, "localhost")
        .await
        .unwrap();
    let code = totp(&e.secret_base32, now(app));
    second_factor::confirm_enrolment(repos, clock, master, &carol.userid, &code)
        .await
        .unwrap()
        .expect("the enrolment is confirmed");

    let client = register(app, false, true).await;
    let jwks: Value = reqwest::get(app.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let recovery_codes =
        manage::create_recovery_codes(repos, clock, &app.state.settings, &Actor::cli(), &alice)
            .await
            .unwrap();
    let logo = manage::set_client_logo(repos, clock, &Actor::cli(), &client.id, PNG)
        .await
        .unwrap();
    let registration = manage::create_registration_token(
        repos,
        clock,
        &Actor::cli(),
        CreateRegistrationToken {
            name: "ci".into(),
            ttl_seconds: 30 * 24 * 3600,
            uses: 5,
        },
    )
    .await
    .unwrap();
    let invite = manage::create_invite(
        repos,
        clock,
        &app.base,
        &Actor::cli(),
        CreateInvite {
            username: "dave".into(),
            ttl_seconds: 7 * 24 * 3600,
            ..CreateInvite::default()
        },
    )
    .await
    .unwrap();
    let invite_token = invite.url.rsplit('/').next().unwrap().to_owned();
    let revoked_token = app.client_credentials(&client, "").await;
    let r = reqwest::Client::new()
        .post(app.url("/revoke"))
        .basic_auth(&client.id, client.secret.as_deref())
        .form(&[("token", revoked_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.introspect(&client, &revoked_token).await["active"],
        false
    );
    let live_token = app.client_credentials(&client, "").await;
    Source {
        alice: repos.users.get(&alice.userid).await.unwrap().unwrap(),
        bob,
        carol,
        bob_key,
        bob_auth,
        carol_totp: e.secret_base32,
        client,
        jwks,
        recovery_codes,
        logo_hash: logo.hash,
        registration_token: registration.token,
        invite_token,
        revoked_token,
        live_token,
    }
}

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A relying party (the openidconnect crate, the client's old secret)
/// signs `username` in with a password on `app`: the ID token's `sub`, and
/// its raw form.
async fn relying_party_sign_in(
    app: &TestApp,
    client: &TestClient,
    username: &str,
) -> (String, String) {
    let http = http();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let rp = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(client.id.clone()),
        client.secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, nonce) = rp
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let b = browser();
    let r = b.get(auth_url.as_str()).send().await.unwrap();
    let to_login = location(app, &r);
    let req = url::Url::parse(&to_login)
        .ok()
        .and_then(|u| query(&u, "req"))
        .expect("sent to sign in");
    let page = login_page_in(app, &b, &format!("?req={req}")).await;
    let r = post_login_in(app, &b, &page.csrf, username, PASSWORD, Some(&req)).await;
    assert_eq!(r.status(), 303, "password sign-in of {username}");
    let back = walk(app, &b, &location(app, &r), true).await;
    let code = query(&back, "code").expect("a code");
    let tokens = rp
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token.claims(&rp.id_token_verifier(), &nonce).unwrap();
    (claims.subject().to_string(), id_token.to_string())
}

/// Whether `jwt` verifies against a key of `jwks` (the old key set an RP
/// still holds).
fn verifies_with(jwt: &str, jwks: &Value) -> bool {
    let header = jsonwebtoken::decode_header(jwt).unwrap();
    let set: jsonwebtoken::jwk::JwkSet = serde_json::from_value(jwks.clone()).unwrap();
    let Some(jwk) = header.kid.as_deref().and_then(|kid| set.find(kid)) else {
        return false;
    };
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
    let mut validation = jsonwebtoken::Validation::new(header.alg);
    validation.validate_aud = false;
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<Value>(jwt, &key, &validation).is_ok()
}

/// Every user and client of `source` works on `app`: password sign-in
/// through a relying party with the old client secret (same `sub`, ID
/// token signed by a key of the old JWKS), client credentials, a passkey,
/// and an authenticator-app code.
async fn everything_works(app: &TestApp, source: &mut Source, moves: usize) {
    what_version_2_carries_works(app, source, moves).await;
    let (sub, id_token) = relying_party_sign_in(app, &source.client, "alice").await;
    assert_eq!(sub, source.alice.userid, "the same sub");
    assert!(
        verifies_with(&id_token, &source.jwks),
        "an RP holding the old JWKS verifies the new ID token"
    );
    let user = app
        .state
        .repos
        .users
        .get(&source.alice.userid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.groups, vec!["staff".to_owned()]);
    assert_eq!(user.attributes["department"], "ops");
    assert_eq!(user.created_at, source.alice.created_at);

    app.client_credentials(&source.client, "").await;

    let b = browser();
    let (_, r) = passkey_sign_in(
        app,
        &b,
        &mut source.bob_auth,
        &source.bob_key,
        &app.base,
        "/webauthn/login/finish",
    )
    .await;
    assert_eq!(r.status(), 200, "bob signs in with his passkey");
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&source.bob.userid)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1, "as himself");

    // Carol: password, then a code of her old authenticator.
    let record = app
        .state
        .repos
        .second_factors
        .totp(&source.carol.userid)
        .await
        .unwrap()
        .expect("carol's authenticator was imported");
    let seed = app
        .state
        .keys
        .master()
        .open_second_factor(&source.carol.userid, record.secret.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        seed,
        totp_rs::Secret::try_from_base32(&source.carol_totp)
            .unwrap()
            .as_bytes()
            .to_vec(),
        "the same authenticator secret, sealed under the new master key"
    );
    // The last accepted step moved too (a code used before the move is
    // not accepted again): type one of a later step.
    let later = (record.last_step.unwrap() + 2) * 30;
    if now(app) < later {
        app.clock.advance(later - now(app));
    }
    let b = browser();
    let page = login_page_in(app, &b, "").await;
    let r = post_login_in(app, &b, &page.csrf, "carol", PASSWORD, None).await;
    assert_eq!(location(app, &r), app.url(STEP));
    let r = b.get(app.url(STEP)).send().await.unwrap();
    let html = r.text().await.unwrap();
    let csrf = crate::helpers::csrf_of(&html);
    let code = totp(&source.carol_totp, now(app));
    let r = b
        .post(app.url(STEP))
        .header("Origin", &app.base)
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = r.text().await.unwrap();
    assert_eq!(status, 303, "carol's authenticator still works: {body}");
    assert_ne!(location, STEP);
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&source.carol.userid)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
}

/// What format version 2 carries works on `app` after the `moves`-th
/// move: the token the source revoked stays revoked (and one it did not
/// stays valid), the client's logo is served, one of alice's recovery
/// codes gives a recovery link, the initial access token registers a
/// client, and the pending invite opens.
async fn what_version_2_carries_works(app: &TestApp, source: &Source, moves: usize) {
    let client = &source.client;
    // (The tokens name the old test server's issuer, which differs from
    // this one's port: what moved is asked of the repository.)
    let revoked = |token: &str| {
        let jti = crate::helpers::jwt_claims(token)["jti"]
            .as_str()
            .unwrap()
            .to_owned();
        let repos = app.state.repos.clone();
        async move { repos.revocations.is_revoked("", &jti).await.unwrap() }
    };
    assert!(
        revoked(&source.revoked_token).await,
        "a token revoked before the move stays revoked"
    );
    assert!(!revoked(&source.live_token).await);

    let r = reqwest::get(app.url(&format!(
        "/branding/clients/{}/logo?v={}",
        client.id, source.logo_hash
    )))
    .await
    .unwrap();
    assert_eq!(r.status(), 200, "the client's logo is served");
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);

    let b = browser();
    let html = b
        .get(app.url("/recover"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = app
        .post_form(
            &b,
            "/recover/code",
            &[
                ("csrf", crate::helpers::csrf_of(&html).as_str()),
                ("username", "alice"),
                ("code", source.recovery_codes[moves].as_str()),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "a recovery code from before the move works"
    );
    let link = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(link.starts_with(&app.url("/invite/")), "{link}");
    assert_eq!(b.get(&link).send().await.unwrap().status(), 200);

    let r = reqwest::Client::new()
        .post(app.url("/register"))
        .bearer_auth(&source.registration_token)
        .json(&json!({"redirect_uris": [REDIRECT], "client_name": format!("moved {moves}")}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        201,
        "the initial access token registers a client: {}",
        r.text().await.unwrap()
    );

    let r = browser()
        .get(app.url(&format!("/invite/{}", source.invite_token)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the invite opens");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_postgres_and_back_keeps_users_clients_and_keys() {
    let old = spawn_app().await;
    let mut source = populate(&old).await;
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("export.json");
    let doc = export_to(&sqlite_url(old.dir.path()), None, &file).await;
    assert_eq!(doc["format"], "latchkey-export");
    assert_eq!(doc["format_version"], 2);
    assert!(doc["exported_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(doc["data"]["users"].as_array().unwrap().len(), 3);
    let text = std::fs::read_to_string(&file).unwrap();
    // No secret in the clear: the TOTP secret and private keys are only in
    // the encrypted section.
    assert!(!text.contains(&source.carol_totp));
    assert!(!text.contains("\"d\""), "no private JWK member");
    // Nothing goes to the old server any more.
    drop(old);

    let Some((pg_url, _guard)) = fresh_postgres_url().await else {
        skip_postgres();
        return;
    };
    let pg_key = latchkey::crypto::MasterKey::generate().1;
    let counts = import_into(&pg_url, Some(&pg_key), &file).await;
    assert_eq!(counts["users"], 3);
    assert_eq!(counts["passkeys"], 1);
    assert_eq!(counts["authenticator_apps"], 1);
    assert_eq!(counts["clients"], 1);
    assert_eq!(counts["client_logos"], 1);
    assert_eq!(counts["recovery_codes"], 10);
    assert_eq!(counts["registration_tokens"], 1);
    assert_eq!(counts["invites"], 1);
    assert!(counts["revocations"].as_u64().unwrap() >= 1);
    assert_eq!(
        counts["signing_keys"],
        source.jwks["keys"].as_array().unwrap().len()
    );

    let (url, key) = (pg_url.clone(), pg_key.clone());
    let on_pg = spawn_app_on_with(Backend::Postgres, move |s| {
        s.database_url = url;
        s.master_key = Some(key.into());
        s.registration = RegistrationMode::Token;
    })
    .await
    .unwrap();
    let jwks: Value = reqwest::get(on_pg.url("/jwks"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jwks, source.jwks, "the same published keys");
    everything_works(&on_pg, &mut source, 1).await;
    drop(on_pg);

    // And back: PostgreSQL to a new SQLite file (with its own new master key).
    let back_file = work.path().join("back.json");
    export_to(&pg_url, Some(&pg_key), &back_file).await;
    let back_dir = tempfile::tempdir().unwrap();
    let back_url = sqlite_url(back_dir.path());
    let counts = import_into(&back_url, None, &back_file).await;
    assert_eq!(counts["users"], 3);
    let url = back_url.clone();
    let on_sqlite = spawn_app_with(move |s| {
        s.database_url = url;
        s.registration = RegistrationMode::Token;
    })
    .await;
    everything_works(&on_sqlite, &mut source, 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_a_non_empty_database_and_a_wrong_or_missing_passphrase() {
    let old = spawn_app().await;
    let alice = old.create_user("alice", PASSWORD).await;
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("export.json");
    let old_url = sqlite_url(old.dir.path());
    export_to(&old_url, None, &file).await;
    let path = file.to_str().unwrap();

    // Into the database it came from: not empty.
    let out = latchkey(
        &old_url,
        None,
        &[("LATCHKEY_EXPORT_PASSPHRASE", PASSPHRASE)],
        &["import", path],
    )
    .await;
    let err = refused(&out);
    assert!(err.contains("not empty") && err.contains("users"), "{err}");

    let target = tempfile::tempdir().unwrap();
    let target_url = sqlite_url(target.path());
    let out = latchkey(
        &target_url,
        None,
        &[("LATCHKEY_EXPORT_PASSPHRASE", "not the passphrase at all")],
        &["import", path],
    )
    .await;
    let err = refused(&out);
    assert!(err.contains("wrong passphrase"), "{err}");
    let out = latchkey(&target_url, None, &[], &["import", path]).await;
    let err = refused(&out);
    assert!(err.contains("passphrase"), "{err}");
    // A passphrase from a file works; nothing was written by the refusals.
    let pass_file = work.path().join("pass");
    std::fs::write(&pass_file, format!("{PASSPHRASE}\n")).unwrap();
    let out = latchkey(
        &target_url,
        None,
        &[],
        &[
            "import",
            path,
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ],
    )
    .await;
    let counts: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(counts["users"], 1);
    let out = latchkey(&target_url, None, &[], &["user", "list"]).await;
    let users: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(users[0]["userid"], alice.userid.as_str());

    // The plain part is bound to the encrypted one: a changed document
    // does not open.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["data"]["users"][0]["role"] = json!("owner");
    let changed = work.path().join("changed.json");
    std::fs::write(&changed, doc.to_string()).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let out = latchkey(
        &sqlite_url(fresh.path()),
        None,
        &[("LATCHKEY_EXPORT_PASSPHRASE", PASSPHRASE)],
        &["import", changed.to_str().unwrap()],
    )
    .await;
    let err = refused(&out);
    assert!(err.contains("changed after export"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_keys_the_export_holds_no_key_material() {
    let old = spawn_app().await;
    old.create_user("alice", PASSWORD).await;
    register(&old, false, true).await;
    let old_url = sqlite_url(old.dir.path());
    let out = latchkey(&old_url, None, &[], &["export"]).await;
    let text = succeeded(&out);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc.get("encrypted").is_none());
    assert!(!text.contains("private_key") && !text.contains("signing_keys"));
    assert!(
        doc["data"]["passwords"][0]["hash"]
            .as_str()
            .unwrap()
            .starts_with("$argon2id$")
    );
    // --with-keys without a passphrase is refused, as is a short one.
    let out = latchkey(&old_url, None, &[], &["export", "--with-keys"]).await;
    assert!(refused(&out).contains("passphrase is needed"));
    let out = latchkey(
        &old_url,
        None,
        &[("LATCHKEY_EXPORT_PASSPHRASE", "short")],
        &["export", "--with-keys"],
    )
    .await;
    assert!(refused(&out).contains("shorter than"));

    // Imported without keys, the new server makes its own and still
    // serves the users and clients.
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("export.json");
    std::fs::write(&file, &text).unwrap();
    let target = tempfile::tempdir().unwrap();
    let target_url = sqlite_url(target.path());
    let out = latchkey(&target_url, None, &[], &["import", file.to_str().unwrap()]).await;
    let counts: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(counts["signing_keys"], 0);
    assert!(stderr(&out).contains("no signing keys were imported"));
    let url = target_url.clone();
    let app = spawn_app_with(move |s| s.database_url = url).await;
    sign_in(&app, "alice", PASSWORD).await;
}

/// A valid minimal document to break in various ways.
fn minimal() -> Value {
    json!({
        "format": "latchkey-export",
        "format_version": 1,
        "latchkey_version": "0.1.0",
        "exported_at": "2026-01-01T00:00:00Z",
        "source": {"database": "sqlite", "issuer": "http://localhost:8080", "rp_id": "localhost"},
        "data": {
            "users": [{
                "userid": "lusab-babad", "username": "alice", "name": null, "given_name": null,
                "family_name": null, "nickname": null, "email": null, "email_verified": false,
                "phone": null, "phone_verified": false, "picture": null, "locale": null,
                "role": null, "active": true, "created_at": 1, "updated_at": 1,
                "attributes": {}, "groups": []
            }],
            "groups": []
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_hostile_documents_are_refused_cleanly() {
    let work = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    let target_url = sqlite_url(target.path());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let with = |f: &dyn Fn(&mut Value)| {
        let mut doc = minimal();
        f(&mut doc);
        doc.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "not a JSON object"),
        ("not json", "{\"format\": ".into(), "not a JSON object"),
        ("deep nesting", deep, "not a JSON object"),
        ("an array", "[1, 2]".into(), "not a Latchkey export"),
        (
            "other format",
            json!({"format": "pocket-id"}).to_string(),
            "not a Latchkey export",
        ),
        (
            "newer version",
            with(&|d| d["format_version"] = json!(3)),
            "newer Latchkey (format version 3",
        ),
        (
            "no version",
            with(&|d| d["format_version"] = json!(0)),
            "unknown format_version",
        ),
        (
            "version 2 section in version 1",
            with(&|d| {
                d["data"]["recovery_codes"] = json!([{"userid": "lusab-babad",
                    "code_hash": "x", "created_at": 1, "used_at": null}]);
            }),
            "format version 1 has no section recovery_codes",
        ),
        (
            "logo that is no image",
            with(&|d| {
                d["format_version"] = json!(2);
                d["data"]["clients"] = json!([{"client_id": "c1", "name": "x",
                    "secret_hash": "abc", "public": false, "redirect_uris": [],
                    "post_logout_redirect_uris": [], "grant_types": [], "scopes": [],
                    "skip_consent": false, "require_mfa": false, "resource_server": false,
                    "id_token_alg": "RS256", "claim_mapping": {}, "logo_uri": null,
                    "client_uri": null, "policy_uri": null, "tos_uri": null, "jwks": null,
                    "allowed_origins": [], "require_par": false, "require_dpop": false,
                    "backchannel_logout_uri": null, "backchannel_logout_session_required": false,
                    "created_at": 1, "updated_at": 1}]);
                // An SVG with a script, as the upload refuses it.
                d["data"]["client_logos"] = json!([{"client_id": "c1",
                    "content_type": "image/svg+xml",
                    "image": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4=",
                    "hash": "x", "updated_at": 1}]);
            }),
            "logo of client \"c1\"",
        ),
        (
            "unknown field",
            with(&|d| d["data"]["users"][0]["admin"] = json!(true)),
            "unknown field",
        ),
        (
            "wrong type",
            with(&|d| d["data"]["users"][0]["active"] = json!("yes")),
            "invalid type",
        ),
        (
            "bad username",
            with(&|d| d["data"]["users"][0]["username"] = json!("Alice Smith")),
            "username",
        ),
        (
            "bad userid",
            with(&|d| d["data"]["users"][0]["userid"] = json!("../../etc")),
            "userid",
        ),
        (
            "duplicate user",
            with(&|d| {
                let u = d["data"]["users"][0].clone();
                d["data"]["users"].as_array_mut().unwrap().push(u);
            }),
            "appears twice",
        ),
        (
            "missing group",
            with(&|d| d["data"]["users"][0]["groups"] = json!(["ops"])),
            "not among the groups",
        ),
        (
            "unknown role",
            with(&|d| d["data"]["users"][0]["role"] = json!("root")),
            "unknown role",
        ),
        (
            "bcrypt hash",
            with(&|d| {
                d["data"]["passwords"] = json!([{"userid": "lusab-babad",
                    "hash": "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
                    "updated_at": 1}]);
            }),
            "password of",
        ),
        (
            "greedy argon2",
            with(&|d| {
                d["data"]["passwords"] = json!([{"userid": "lusab-babad",
                    "hash": "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI",
                    "updated_at": 1}]);
            }),
            "argon2 parameters",
        ),
        (
            "garbage passkey",
            with(&|d| {
                d["data"]["passkeys"] = json!([{"id": "p1", "userid": "lusab-babad",
                    "credential_id": "AAAA", "name": "x", "passkey": {"cred": 1},
                    "created_at": 1, "last_used_at": null}]);
            }),
            "not a WebAuthn credential",
        ),
        (
            "totp without secret",
            with(&|d| {
                d["data"]["totp"] = json!([{"userid": "lusab-babad", "confirmed_at": 1,
                    "last_step": 1, "last_used_at": null}]);
            }),
            "no encrypted section",
        ),
        (
            "hostile kdf",
            with(&|d| {
                d["encrypted"] = json!({"kdf": {"alg": "argon2id", "m_cost": 4_000_000_000_u32,
                    "t_cost": 1, "p_cost": 1, "salt": "c2FsdHNhbHRzYWx0"}, "cipher": "A256GCM",
                    "nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAA"});
            }),
            "kdf.m_cost",
        ),
        (
            "client without secret",
            with(&|d| {
                d["data"]["clients"] = json!([{"client_id": "c1", "name": "x",
                    "secret_hash": null, "public": false, "redirect_uris": ["not a url"],
                    "post_logout_redirect_uris": [], "grant_types": [], "scopes": [],
                    "skip_consent": false, "require_mfa": false, "resource_server": false,
                    "id_token_alg": "RS256", "claim_mapping": {}, "logo_uri": null,
                    "client_uri": null, "policy_uri": null, "tos_uri": null, "jwks": null,
                    "allowed_origins": [], "require_par": false, "require_dpop": false,
                    "backchannel_logout_uri": null, "backchannel_logout_session_required": false,
                    "created_at": 1, "updated_at": 1}]);
            }),
            "not an absolute URL",
        ),
    ];
    for (name, text, expected) in cases {
        let file = work.path().join("doc.json");
        std::fs::write(&file, &text).unwrap();
        let out = latchkey(&target_url, None, &[], &["import", file.to_str().unwrap()]).await;
        let err = refused(&out);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in {err}"
        );
    }
    // A client whose stored settings the server cannot read is refused
    // naming the field (the read-back in the transaction is the second
    // net): nothing is written.
    let doc = with(&|d| {
        d["data"]["clients"] = json!([{"client_id": "c1", "name": "x",
            "secret_hash": "abc", "public": false, "redirect_uris": ["https://a.example/cb"],
            "post_logout_redirect_uris": [], "grant_types": ["bogus_grant"], "scopes": [],
            "skip_consent": false, "require_mfa": false, "resource_server": false,
            "id_token_alg": "RS256", "claim_mapping": {}, "logo_uri": null,
            "client_uri": null, "policy_uri": null, "tos_uri": null, "jwks": null,
            "allowed_origins": [], "require_par": false, "require_dpop": false,
            "backchannel_logout_uri": null, "backchannel_logout_session_required": false,
            "created_at": 1, "updated_at": 1}]);
    });
    let file = work.path().join("doc.json");
    std::fs::write(&file, &doc).unwrap();
    let out = latchkey(&target_url, None, &[], &["import", file.to_str().unwrap()]).await;
    let err = refused(&out);
    assert!(err.contains("client \"c1\": grant_types"), "{err}");
    // The target is still empty: the minimal document imports.
    std::fs::write(&file, minimal().to_string()).unwrap();
    let out = latchkey(&target_url, None, &[], &["import", file.to_str().unwrap()]).await;
    let counts: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(counts["users"], 1);
}

/// A version 1 document, written as a version 1 Latchkey wrote it (the
/// data section's text in that version's field order, which its
/// encrypted section is bound to): alice with a password and an
/// authenticator app whose secret is in the encrypted section.
fn version_1_document(userid: &str, seed: &[u8]) -> String {
    let hash = latchkey::auth::password::hash_blocking(PASSWORD).unwrap();
    let data = format!(
        concat!(
            r#"{{"users":[{{"userid":"{userid}","username":"alice","name":"Alice","given_name":null,"#,
            r#""family_name":null,"nickname":null,"email":"alice@example.com","email_verified":true,"#,
            r#""phone":null,"phone_verified":false,"picture":null,"locale":null,"role":null,"#,
            r#""active":true,"created_at":1700000000,"updated_at":1700000000,"attributes":{{}},"#,
            r#""groups":["staff"]}}],"groups":[{{"name":"staff","description":null,"#,
            r#""require_mfa":false,"attributes":{{}},"created_at":1700000000,"updated_at":1700000000}}],"#,
            r#""passwords":[{{"userid":"{userid}","hash":"{hash}","updated_at":1700000000}}],"#,
            r#""passkeys":[],"totp":[{{"userid":"{userid}","confirmed_at":1700000000,"#,
            r#""last_step":1,"last_used_at":null}}],"backup_codes":[],"clients":[],"#,
            r#""client_registrations":[],"consents":[],"api_keys":[],"retired_userids":[]}}"#
        ),
        userid = userid,
        hash = hash
    );
    let exported_at = "2026-01-01T00:00:00Z";
    let mut aad = format!("latchkey-export 1\n{exported_at}\n").into_bytes();
    aad.extend_from_slice(&latchkey::crypto::sha256(data.as_bytes()));
    let sealed = json!({"signing_keys": [], "client_secrets": [], "totp_secrets": [
        {"owner": userid, "secret": base64::engine::general_purpose::STANDARD.encode(seed)}
    ]});
    let encrypted = latchkey::transfer::passphrase::seal(
        &secrecy::SecretString::from(PASSPHRASE.to_owned()),
        sealed.to_string().as_bytes(),
        &aad,
    )
    .unwrap();
    format!(
        r#"{{"format":"latchkey-export","format_version":1,"latchkey_version":"0.1.0","exported_at":"{exported_at}","source":{{"database":"sqlite","issuer":"http://localhost:8080","rp_id":"localhost"}},"data":{data},"encrypted":{}}}"#,
        serde_json::to_string(&encrypted).unwrap()
    )
}

/// Imports the version 1 document into `db_url` and checks alice on a
/// server there: her password leads to the second step, and a code of
/// her authenticator completes it.
async fn version_1_imports_into(
    db_url: String,
    master_key: Option<String>,
    backend: Backend,
    work: &Path,
) {
    let userid = "lusab-babad";
    let seed = b"0123456789abcdefghij";
    let file = work.join("v1.json");
    std::fs::write(&file, version_1_document(userid, seed)).unwrap();
    let counts = import_into(&db_url, master_key.as_deref(), &file).await;
    assert_eq!(counts["users"], 1);
    assert_eq!(counts["authenticator_apps"], 1);
    assert_eq!(counts["recovery_codes"], 0);

    let app = spawn_app_on_with(backend, move |s| {
        s.database_url = db_url;
        s.master_key = master_key.map(Into::into);
    })
    .await
    .unwrap();
    let user = app.state.repos.users.get(userid).await.unwrap().unwrap();
    assert_eq!(user.groups, vec!["staff".to_owned()]);
    let b = browser();
    let page = login_page_in(&app, &b, "").await;
    let r = post_login_in(&app, &b, &page.csrf, "alice", PASSWORD, None).await;
    assert_eq!(location(&app, &r), app.url(STEP));
    let html = b
        .get(app.url(STEP))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::csrf_of(&html);
    let code = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::new(seed.to_vec().into_boxed_slice()))
        .build()
        .unwrap()
        .generate(u64::try_from(now(&app)).unwrap())
        .to_string();
    let r = b
        .post(app.url(STEP))
        .header("Origin", &app.base)
        .form(&[("csrf", csrf.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        303,
        "the authenticator of the version 1 export works"
    );
    assert_ne!(location(&app, &r), app.url(STEP));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_1_document_still_imports() {
    let work = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    version_1_imports_into(
        sqlite_url(target.path()),
        None,
        Backend::Sqlite,
        work.path(),
    )
    .await;
    let Some((pg_url, _guard)) = fresh_postgres_url().await else {
        skip_postgres();
        return;
    };
    let key = latchkey::crypto::MasterKey::generate().1;
    version_1_imports_into(pg_url, Some(key), Backend::Postgres, work.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_document_on_a_pipe_is_refused() {
    let target = tempfile::tempdir().unwrap();
    let target_url = sqlite_url(target.path());
    // A valid document, padded past the limit.
    let mut doc = minimal().to_string().into_bytes();
    doc.resize(doc.len() + 4096, b' ');
    for path in ["-", "/dev/stdin"] {
        let out = import_from_stdin(&target_url, &[path, "--max-bytes", "2048"], doc.clone()).await;
        let err = refused(&out);
        assert!(
            err.contains("larger than the 2048 bytes an import reads"),
            "{path}: {err}"
        );
    }
    // Within the limit, standard input is read as a file is.
    let out = import_from_stdin(&target_url, &["-"], doc).await;
    let counts: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(counts["users"], 1);
}

/// Whether some session of the database `conn` is connected to waits for
/// a lock.
async fn someone_waits_for_a_lock(conn: &mut sqlx::PgConnection) -> bool {
    let waiting: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
    .fetch_one(conn)
    .await
    .unwrap();
    waiting > 0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_on_postgres_waits_for_a_writer_and_then_sees_its_rows() {
    let Some((pg_url, _guard)) = fresh_postgres_url().await else {
        skip_postgres();
        return;
    };
    let key = latchkey::crypto::MasterKey::generate().1;
    succeeded(&latchkey(&pg_url, Some(&key), &[], &["migrate"]).await);
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("doc.json");
    std::fs::write(&file, minimal().to_string()).unwrap();

    // Another writer (a first start, another import) is filling the
    // database and has not committed yet.
    let mut writer = sqlx::PgConnection::connect(&pg_url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut writer).await.unwrap();
    sqlx::query(
        "INSERT INTO users (userid, username, created_at, updated_at) \
         VALUES ('other-one', 'other', 1, 1)",
    )
    .execute(&mut writer)
    .await
    .unwrap();

    let (url, k, path) = (pg_url.clone(), key.clone(), file.clone());
    let import = tokio::spawn(async move {
        latchkey(&url, Some(&k), &[], &["import", path.to_str().unwrap()]).await
    });
    // The import must wait for the writer: it looks only once it holds
    // its locks. (Without them it would find the tables empty, write, and
    // commit beside the other writer's rows.)
    let mut watcher = sqlx::PgConnection::connect(&pg_url).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !import.is_finished() && !someone_waits_for_a_lock(&mut watcher).await {
        assert!(
            std::time::Instant::now() < deadline,
            "the import neither waited nor ended"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    sqlx::query("COMMIT").execute(&mut writer).await.unwrap();
    let out = import.await.unwrap();
    let err = refused(&out);
    assert!(err.contains("not empty (it holds users)"), "{err}");
    let users: Vec<String> = sqlx::query_scalar("SELECT userid FROM users")
        .fetch_all(&mut watcher)
        .await
        .unwrap();
    assert_eq!(users, vec!["other-one".to_owned()], "nothing was imported");
}

/// A client record for [`minimal`] documents.
fn client_record(client_id: &str) -> Value {
    json!({"client_id": client_id, "name": "App", "secret_hash": "abc", "public": false,
        "redirect_uris": ["https://app.example/cb"], "post_logout_redirect_uris": [],
        "grant_types": ["authorization_code", "refresh_token"], "scopes": [],
        "skip_consent": false, "require_mfa": false, "resource_server": false,
        "id_token_alg": "RS256", "claim_mapping": {}, "logo_uri": null, "client_uri": null,
        "policy_uri": null, "tos_uri": null, "jwks": null, "allowed_origins": [],
        "require_par": false, "require_dpop": false, "backchannel_logout_uri": null,
        "backchannel_logout_session_required": false, "created_at": 1, "updated_at": 1})
}

/// [`minimal`] with client `c1` and alice's consent to it holding `scopes`
/// (the column's text as stored).
fn with_consent(scopes: &str) -> Value {
    let mut doc = minimal();
    doc["data"]["clients"] = json!([client_record("c1")]);
    doc["data"]["consents"] = json!([{"userid": "lusab-babad", "client_id": "c1",
        "scopes": scopes, "granted_at": 1, "last_used_at": null}]);
    doc
}

async fn a_consent_the_server_cannot_read_is_refused(backend: Backend) {
    let (target_url, master_key, _guard) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            (
                sqlite_url(dir.path()),
                None,
                Some(Box::new(dir) as Box<dyn std::any::Any>),
            )
        }
        Backend::Postgres => {
            let Some((url, guard)) = fresh_postgres_url().await else {
                skip_postgres();
                return;
            };
            let key = latchkey::crypto::MasterKey::generate().1;
            (
                url,
                Some(key),
                Some(Box::new(guard) as Box<dyn std::any::Any>),
            )
        }
    };
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("doc.json");
    let import = |doc: Value| {
        std::fs::write(&file, doc.to_string()).unwrap();
        let (url, key, path) = (
            target_url.clone(),
            master_key.clone(),
            file.to_str().unwrap().to_owned(),
        );
        async move { latchkey(&url, key.as_deref(), &[], &["import", &path]).await }
    };
    let consent = "consent of \"lusab-babad\" to \"c1\"";
    // Scopes as space-separated text (what a hand-made or converted
    // document easily holds) used to go in, and /authorize answered 500
    // for that user and client ever after.
    for scopes in [
        "openid profile",
        "",
        "{\"openid\": true}",
        "[\"openid\", 7]",
        "[\"openid\", \"two words\"]",
        "[\"openid\", \"quote\\\"d\"]",
    ] {
        let err = refused(&import(with_consent(scopes)).await);
        assert!(err.contains(consent), "{scopes:?}: {err}");
        assert!(err.contains("scopes"), "{scopes:?}: {err}");
    }
    // Other values the server parses when it reads them later, each
    // refused naming the record.
    let with = |f: &dyn Fn(&mut Value)| {
        let mut doc = with_consent("[\"openid\"]");
        f(&mut doc);
        doc
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "client id",
            with(&|d| d["data"]["clients"][0]["client_id"] = json!("c 1")),
            "client \"c 1\"",
        ),
        (
            "client scope",
            with(&|d| d["data"]["clients"][0]["scopes"] = json!(["a b"])),
            "client \"c1\": scopes",
        ),
        (
            "redirect URI",
            with(&|d| d["data"]["clients"][0]["redirect_uris"] = json!(["javascript:alert(1)"])),
            "client \"c1\": redirect_uris",
        ),
        (
            "post-logout URI",
            with(&|d| {
                d["data"]["clients"][0]["post_logout_redirect_uris"] =
                    json!(["http://evil.example/"]);
            }),
            "client \"c1\": post_logout_redirect_uris",
        ),
        (
            "grant type",
            with(&|d| d["data"]["clients"][0]["grant_types"] = json!(["magic"])),
            "client \"c1\": grant_types",
        ),
        (
            "algorithm",
            with(&|d| d["data"]["clients"][0]["id_token_alg"] = json!("none")),
            "client \"c1\": unknown id_token_alg",
        ),
        (
            "origin",
            with(&|d| d["data"]["clients"][0]["allowed_origins"] = json!(["not an origin"])),
            "client \"c1\": allowed_origins",
        ),
        (
            "jwks",
            with(&|d| d["data"]["clients"][0]["jwks"] = json!({"keys": "none"})),
            "client \"c1\": jwks",
        ),
        (
            "claim mapping",
            with(&|d| d["data"]["clients"][0]["claim_mapping"] = json!([1])),
            "client \"c1\": claim_mapping",
        ),
        (
            "branding link",
            with(&|d| d["data"]["clients"][0]["policy_uri"] = json!("javascript:alert(1)")),
            "client \"c1\": policy_uri",
        ),
        (
            "client name",
            with(&|d| d["data"]["clients"][0]["name"] = json!("App\u{202e}")),
            "client \"c1\": the client name",
        ),
        (
            "registration",
            with(&|d| {
                d["data"]["client_registrations"] = json!([{"client_id": "c1",
                    "access_token_hash": "x", "auth_method": "magic", "created_at": 1,
                    "initial_token_id": null}]);
            }),
            "registration of \"c1\": unknown auth_method",
        ),
        (
            "email",
            with(&|d| d["data"]["users"][0]["email"] = json!("not an address")),
            "user \"lusab-babad\"",
        ),
        (
            "user attributes",
            with(&|d| d["data"]["users"][0]["attributes"] = json!({"bad name!": 1})),
            "user \"lusab-babad\"",
        ),
        (
            "group name",
            with(&|d| {
                d["data"]["groups"] = json!([{"name": "..", "description": null,
                    "require_mfa": false, "attributes": {}, "created_at": 1, "updated_at": 1}]);
            }),
            "group \"..\"",
        ),
    ];
    for (name, doc, expected) in cases {
        let err = refused(&import(doc).await);
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in {err}"
        );
    }
    // Nothing was written: a consent the server reads imports, and a
    // server on that database reads it back.
    let out = import(with_consent("[\"openid\", \"profile\"]")).await;
    let counts: Value = serde_json::from_str(&succeeded(&out)).unwrap();
    assert_eq!(counts["consents"], 1);
    let (url, key) = (target_url.clone(), master_key.clone());
    let app = spawn_app_on_with(backend, move |s| {
        s.database_url = url;
        if let Some(key) = key {
            s.master_key = Some(key.into());
        }
    })
    .await
    .unwrap();
    assert_eq!(
        app.state
            .repos
            .consents
            .get("lusab-babad", "c1")
            .await
            .unwrap(),
        Some(vec!["openid".to_owned(), "profile".to_owned()])
    );
}
crate::helpers::on_both_backends!(a_consent_the_server_cannot_read_is_refused);
