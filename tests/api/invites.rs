//! Magic-link invites: accept with a password, single use, expiry,
//! revocation, recovery, the first-start administrator invite.

use latchkey::manage::{self, Actor};

use crate::helpers::csrf_of;
use crate::helpers::{TestApp, spawn_app};

async fn invite(app: &TestApp, username: &str, admin: bool, groups: &[&str]) -> String {
    app.create_invite(manage::CreateInvite {
        username: username.into(),
        email: Some(format!("{username}@example.com")),
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        role: admin.then_some(latchkey::domain::role::Role::Admin),
        ttl_seconds: 3600,
        ..Default::default()
    })
    .await
}

async fn set_password(
    app: &TestApp,
    client: &reqwest::Client,
    url: &str,
    pw: &str,
) -> reqwest::Response {
    let page = client.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let csrf = csrf_of(&html);
    let _ = app;
    client
        .post(url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", pw),
            ("confirm_password", pw),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn invite_page_names_the_invitee_and_offers_both_ways() {
    let app = spawn_app().await;
    let url = invite(&app, "carol", false, &[]).await;
    let r = app.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("carol"));
    assert!(html.contains(">Create a passkey</button>"));
    assert!(html.contains(">New password</label>"));
    assert!(html.contains(">Confirm password</label>"));
    assert!(html.contains(">Set password</button>"));
}

#[tokio::test]
async fn accepting_with_a_password_creates_the_account_and_signs_in() {
    let app = spawn_app().await;
    let url = invite(&app, "dave", true, &["staff"]).await;
    let r = set_password(&app, &app.http, &url, "correct horse battery").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account");
    let user = app
        .state
        .repos
        .users
        .get_by_username("dave")
        .await
        .unwrap()
        .expect("account created");
    assert_eq!(user.profile.email.as_deref(), Some("dave@example.com"));
    assert_eq!(user.groups, vec!["staff".to_owned()]);
    assert_eq!(user.role, Some(latchkey::domain::role::Role::Admin));
    // Signed in: the account page answers with the user's name.
    let account = app.http.get(app.url("/account")).send().await.unwrap();
    assert_eq!(account.status(), 200);
    assert!(account.text().await.unwrap().contains("dave"));
    // The password works.
    let hash = app.state.repos.passwords.get(&user.userid).await.unwrap();
    assert!(matches!(
        latchkey::auth::password::verify("correct horse battery".into(), hash).await,
        latchkey::auth::password::Verified::Yes
    ));
    // Audited.
    let events = app
        .state
        .repos
        .audit
        .list(&latchkey::db::AuditFilter {
            event: Some("invite.accepted".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(events.total, 1);
}

#[tokio::test]
async fn the_invite_returns_to_a_waiting_relying_party() {
    let app = spawn_app().await;
    let url = invite(&app, "erin", false, &[]).await;
    let with_req = format!("{url}?req=abc123");
    let r = set_password(&app, &app.http, &with_req, "correct horse battery").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/authorize/resume?req=abc123");
}

#[tokio::test]
async fn a_second_use_fails_with_the_error_page() {
    let app = spawn_app().await;
    let url = invite(&app, "frank", false, &[]).await;
    let r = set_password(&app, &app.http, &url, "correct horse battery").await;
    assert_eq!(r.status(), 303);
    let other = crate::helpers::browser();
    let again = other.get(&url).send().await.unwrap();
    assert_eq!(again.status(), 410);
    let html = again.text().await.unwrap();
    assert!(html.contains("already been used"), "{html}");
    // Posting the form again does not create anything either.
    let post = other
        .post(&url)
        .form(&[
            ("csrf", "x"),
            ("new_password", "another password"),
            ("confirm_password", "another password"),
        ])
        .send()
        .await
        .unwrap();
    assert!(post.status().is_client_error());
}

#[tokio::test]
async fn racing_acceptances_create_one_account() {
    let app = spawn_app().await;
    let url = invite(&app, "grace", false, &[]).await;
    // Every browser loads the form first (while the invite is still open;
    // loading one after another's post had landed found the invite used
    // and no form), then all post at once.
    let mut forms = Vec::new();
    for _ in 0..4 {
        let b = crate::helpers::browser();
        let html = b.get(&url).send().await.unwrap().text().await.unwrap();
        forms.push((b, csrf_of(&html)));
    }
    let mut posts = Vec::new();
    for (b, csrf) in forms {
        let url = url.clone();
        posts.push(tokio::spawn(async move {
            b.post(&url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("new_password", "correct horse battery"),
                    ("confirm_password", "correct horse battery"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for p in posts {
        statuses.push(p.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 410),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn an_expired_invite_fails_with_the_error_page() {
    let app = spawn_app().await;
    let url = invite(&app, "heidi", false, &[]).await;
    app.clock.advance(3601);
    let r = app.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.text().await.unwrap().contains("expired"));
    assert!(
        app.state
            .repos
            .users
            .get_by_username("heidi")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_revoked_invite_fails() {
    let app = spawn_app().await;
    let created = manage::create_invite(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
        &Actor::cli(),
        manage::CreateInvite {
            username: "ivan".into(),
            ttl_seconds: 3600,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let html = app
        .http
        .get(&created.url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    manage::revoke_invite(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        &created.id,
    )
    .await
    .unwrap();
    let r = app.http.get(&created.url).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.text().await.unwrap().contains("withdrawn"));
    let post = app
        .http
        .post(&created.url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "correct horse battery"),
            ("confirm_password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 410);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("ivan")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn unknown_and_malformed_tokens_get_a_404_page() {
    let app = spawn_app().await;
    for token in ["nope", &"x".repeat(500), "%00%ff"] {
        let r = app
            .http
            .get(app.url(&format!("/invite/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{token}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(r.text().await.unwrap().contains("not valid"));
    }
}

#[tokio::test]
async fn mismatched_or_weak_passwords_are_refused_on_the_page() {
    let app = spawn_app().await;
    let url = invite(&app, "judy", false, &[]).await;
    let html = app
        .http
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    let r = app
        .http
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "correct horse battery"),
            ("confirm_password", "correct horse batterx"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("role=\"alert\">The two passwords do not match.")
    );
    let r = app
        .http
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "short"),
            ("confirm_password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // Without the CSRF token the form is refused.
    let r = app
        .http
        .post(&url)
        .form(&[
            ("new_password", "correct horse battery"),
            ("confirm_password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The invite is still usable after these failures.
    assert_eq!(app.http.get(&url).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_recovery_invite_adds_a_password_to_the_existing_account() {
    let app = spawn_app().await;
    let user = app.create_user("kim", "old password 123").await;
    let created = manage::create_recovery_invite(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
        &Actor::cli(),
        &user,
        3600,
    )
    .await
    .unwrap();
    let html = app
        .http
        .get(&created.url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Add a way to sign in"));
    let r = set_password(&app, &app.http, &created.url, "new password 456").await;
    assert_eq!(r.status(), 303);
    let hash = app.state.repos.passwords.get(&user.userid).await.unwrap();
    assert!(matches!(
        latchkey::auth::password::verify("new password 456".into(), hash).await,
        latchkey::auth::password::Verified::Yes
    ));
    // Still exactly one account with that name, with the same userid.
    let again = app
        .state
        .repos
        .users
        .get_by_username("kim")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.userid, user.userid);
}

#[tokio::test]
async fn first_start_creates_one_administrator_invite() {
    let app = spawn_app().await;
    let (repos, clock, issuer) = (
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
    );
    let created = manage::bootstrap_admin_invite(repos, clock, issuer)
        .await
        .unwrap()
        .expect("an invite");
    assert!(created.url.starts_with(&format!("{issuer}/invite/")));
    // Not again while it is pending.
    assert!(
        manage::bootstrap_admin_invite(repos, clock, issuer)
            .await
            .unwrap()
            .is_none()
    );
    // Accepting it makes an administrator; then no more invites are made.
    let r = set_password(&app, &app.http, &created.url, "correct horse battery").await;
    assert_eq!(r.status(), 303);
    let admin = repos.users.get_by_username("admin").await.unwrap().unwrap();
    assert!(admin.is_admin());
    assert!(
        manage::bootstrap_admin_invite(repos, clock, issuer)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_expired_administrator_invite_is_replaced_on_the_next_start() {
    let app = spawn_app().await;
    let (repos, clock, issuer) = (
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
    );
    assert!(
        manage::bootstrap_admin_invite(repos, clock, issuer)
            .await
            .unwrap()
            .is_some()
    );
    app.clock.advance(manage::BOOTSTRAP_TTL + 1);
    assert!(
        manage::bootstrap_admin_invite(repos, clock, issuer)
            .await
            .unwrap()
            .is_some()
    );
}

/// The status of a GET, from synchronous code.
fn get_status(url: &str) -> Option<u16> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async { reqwest::get(url).await.ok().map(|r| r.status().as_u16()) })
}

/// Runs `latchkey serve` in `dir` until it answers, calls `during` with the
/// issuer, stops it with SIGTERM and returns what it logged.
fn serve_once(dir: &std::path::Path, during: impl FnOnce(&str)) -> String {
    use std::process::{Command, Stdio};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let issuer = format!("http://localhost:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .current_dir(dir)
        .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", &issuer)
        .env("LATCHKEY_LOG", "warn")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let ready = format!("{issuer}/readyz");
    // Two minutes at most: a loaded machine starts the server slowly.
    let up = (0..1200).any(|_| {
        let ok = get_status(&ready) == Some(200);
        if !ok {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        ok
    });
    assert!(up, "server did not start");
    during(&issuer);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn serve_writes_the_first_administrator_invite_once() {
    let dir = tempfile::tempdir().unwrap();
    let log = serve_once(dir.path(), |_| {});
    // Never in the log (PRODUCT.md §3): in a 0600 file the log names.
    assert!(
        !log.contains("/invite/"),
        "the invite URL is in the log: {log}"
    );
    assert!(log.contains("latchkey.db.admin-invite"), "{log}");
    let file = dir.path().join("data/latchkey.db.admin-invite");
    let link = std::fs::read_to_string(&file).unwrap().trim().to_owned();
    assert!(link.contains("/invite/"), "{link}");
    // On the next start the invite is still pending: nothing new is
    // written or logged, and the link works.
    let token = link.rsplit('/').next().unwrap().to_owned();
    let log = serve_once(dir.path(), |issuer| {
        assert_eq!(get_status(&format!("{issuer}/invite/{token}")), Some(200));
    });
    assert!(!log.contains("admin-invite"), "{log}");
    assert_eq!(std::fs::read_to_string(&file).unwrap().trim(), link);
}
