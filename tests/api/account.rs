//! The account page: passkeys, password, sessions, profile.

use latchkey::db::AuditFilter;

use crate::helpers::{TestApp, spawn_app};
use crate::helpers::{csrf_of, form_token, signed_in_browser};

async fn events(app: &TestApp, event: &str) -> i64 {
    app.state
        .repos
        .audit
        .list(&AuditFilter {
            event: Some(event.into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = spawn_app().await;
    let r = app.http.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login");
}

#[tokio::test]
async fn the_page_lists_passkeys_password_and_sessions() {
    let app = spawn_app().await;
    let user = app.create_user("alice", "correct horse battery").await;
    app.add_passkey(&user.userid, "Laptop").await;
    let b = signed_in_browser(&app, &user).await;
    let html = b
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Laptop"));
    assert!(html.contains(">Add a passkey</button>"));
    assert!(html.contains(r#"data-start="/webauthn/register/start""#));
    assert!(html.contains(r#"<meta name="csrf-token""#));
    assert!(html.contains(">Remove</button>"));
    assert!(html.contains(">Current password</label>"));
    assert!(html.contains(">Sign out</button>"));
    assert!(html.contains("(this browser)"));
    assert!(!html.contains("/admin"), "no admin link for a non-admin");
}

#[tokio::test]
async fn renaming_and_removing_passkeys() {
    let app = spawn_app().await;
    let user = app.create_user("bob", "correct horse battery").await;
    let id = app.add_passkey(&user.userid, "Phone").await;
    let b = signed_in_browser(&app, &user).await;
    let csrf = form_token(&b, &app, "/account").await;
    let r = app
        .post_form(
            &b,
            &format!("/account/passkeys/{id}/rename"),
            &[("csrf", csrf.as_str()), ("name", "Work phone")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let list = app.passkeys(&user.userid).await;
    assert_eq!(list[0].name, "Work phone");
    let r = app
        .post_form(
            &b,
            &format!("/account/passkeys/{id}/remove"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.passkeys(&user.userid).await.is_empty());
    assert_eq!(events(&app, "passkey.renamed").await, 1);
    assert_eq!(events(&app, "passkey.removed").await, 1);
    // Someone else's or an unknown passkey: 404.
    let r = app
        .post_form(
            &b,
            "/account/passkeys/nope/remove",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_last_way_to_sign_in_cannot_be_removed() {
    let app = spawn_app().await;
    let user = app.create_user("carl", "correct horse battery").await;
    let b = signed_in_browser(&app, &user).await;
    let csrf = form_token(&b, &app, "/account").await;
    // Password only: removing it is refused.
    let r = app
        .post_form(&b, "/account/password/remove", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("role=\"alert\">Your password is your only way")
    );
    assert!(
        app.state
            .repos
            .passwords
            .get(&user.userid)
            .await
            .unwrap()
            .is_some()
    );
    // With a passkey, the password can go; then the passkey is the last way.
    let id = app.add_passkey(&user.userid, "Key").await;
    let r = app
        .post_form(&b, "/account/password/remove", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.state
            .repos
            .passwords
            .get(&user.userid)
            .await
            .unwrap()
            .is_none()
    );
    let r = app
        .post_form(
            &b,
            &format!("/account/passkeys/{id}/remove"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(app.passkeys(&user.userid).await.len(), 1);
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let app = spawn_app().await;
    let user = app.create_user("dora", "correct horse battery").await;
    let b = signed_in_browser(&app, &user).await;
    let other = signed_in_browser(&app, &user).await;
    let csrf = form_token(&b, &app, "/account").await;
    let r = app
        .post_form(
            &b,
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("current_password", "wrong password"),
                ("new_password", "brand new secret"),
                ("confirm_password", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("current password is not correct")
    );
    let r = app
        .post_form(
            &b,
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("current_password", "correct horse battery"),
                ("new_password", "brand new secret"),
                ("confirm_password", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let hash = app.state.repos.passwords.get(&user.userid).await.unwrap();
    assert!(matches!(
        latchkey::auth::password::verify("brand new secret".into(), hash).await,
        latchkey::auth::password::Verified::Yes
    ));
    // This browser stays signed in; the other session ended.
    assert_eq!(
        b.get(app.url("/account")).send().await.unwrap().status(),
        200
    );
    assert_eq!(
        other
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(events(&app, "password.changed").await, 1);
}

#[tokio::test]
async fn a_user_without_a_password_can_set_one() {
    let app = spawn_app().await;
    let user = app.create_user("eve", "correct horse battery").await;
    app.state
        .repos
        .passwords
        .delete(&user.userid)
        .await
        .unwrap();
    app.add_passkey(&user.userid, "Key").await;
    let b = signed_in_browser(&app, &user).await;
    let html = b
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Current password"));
    let csrf = csrf_of(&html);
    let r = app
        .post_form(
            &b,
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("new_password", "fresh password 1"),
                ("confirm_password", "fresh password 1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.state
            .repos
            .passwords
            .get(&user.userid)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(events(&app, "password.set").await, 1);
}

#[tokio::test]
async fn signing_out_sessions_ends_them_in_the_database() {
    let app = spawn_app().await;
    let user = app.create_user("finn", "correct horse battery").await;
    let other = signed_in_browser(&app, &user).await;
    let b = signed_in_browser(&app, &user).await;
    let sessions = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 2);
    let csrf = form_token(&b, &app, "/account").await;
    // End the other browser's session: the first one created.
    let mut sorted = sessions.clone();
    sorted.sort_by_key(|s| s.created_at);
    let html = other
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let other_sid = sorted
        .iter()
        .map(|s| s.sid.clone())
        .find(|sid| {
            html.contains(&format!("/account/sessions/{sid}/end")) && {
                // the other browser's page marks its own session as current
                let at = html.find(&format!("/account/sessions/{sid}/end")).unwrap();
                html[..at]
                    .rfind("(this browser)")
                    .is_some_and(|p| p > html[..at].rfind("<li>").unwrap())
            }
        })
        .unwrap();
    let r = app
        .post_form(
            &b,
            &format!("/account/sessions/{other_sid}/end"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.state
            .repos
            .sessions
            .get(&other_sid)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        other
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        b.get(app.url("/account")).send().await.unwrap().status(),
        200
    );
    // Ending the current session signs this browser out too.
    let mine = app
        .state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let r = app
        .post_form(
            &b,
            &format!("/account/sessions/{}/end", mine[0].sid),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login");
    assert!(
        app.state
            .repos
            .sessions
            .list_for_user(&user.userid)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(events(&app, "session.ended").await, 2);
}

#[tokio::test]
async fn editing_the_profile_resets_email_verification() {
    let app = spawn_app().await;
    let user = app.create_user("gina", "correct horse battery").await;
    let mut profile = user.profile.clone();
    profile.email_verified = true;
    app.state
        .repos
        .users
        .update_profile(&user.userid, &profile, app.state.clock.now())
        .await
        .unwrap();
    let b = signed_in_browser(&app, &user).await;
    let csrf = form_token(&b, &app, "/account").await;
    let r = app
        .post_form(
            &b,
            "/account/profile",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Gina Example"),
                ("given_name", "Gina"),
                ("family_name", "Example"),
                ("nickname", "gee"),
                ("email", "gina@new.example"),
                ("phone", "+1 555 0100"),
                ("picture", "https://img.example/gina.png"),
                ("locale", "en-GB"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let u = app.user(&user.userid).await;
    assert_eq!(u.profile.email.as_deref(), Some("gina@new.example"));
    assert!(!u.profile.email_verified);
    assert_eq!(u.profile.given_name.as_deref(), Some("Gina"));
    assert_eq!(u.profile.locale.as_deref(), Some("en-GB"));
    assert_eq!(
        u.profile.picture.as_deref(),
        Some("https://img.example/gina.png")
    );
    assert_eq!(events(&app, "user.profile_updated").await, 1);
    // Bad input is refused with the reason, nothing changes.
    let r = app
        .post_form(
            &b,
            "/account/profile",
            &[("csrf", csrf.as_str()), ("picture", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("picture must be an http(s) URL")
    );
}

#[tokio::test]
async fn account_forms_need_the_csrf_token() {
    let app = spawn_app().await;
    let user = app.create_user("hank", "correct horse battery").await;
    let b = signed_in_browser(&app, &user).await;
    let _ = form_token(&b, &app, "/account").await;
    let r = app
        .post_form(
            &b,
            "/account/profile",
            &[("csrf", "forged"), ("name", "Mallory")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let u = app.user(&user.userid).await;
    assert_eq!(u.profile.name.as_deref(), Some("hank Example"));
}

#[tokio::test]
async fn every_account_form_checks_the_session_and_the_csrf_token() {
    let app = spawn_app().await;
    let user = app.create_user("hank", "correct horse battery").await;
    let passkey = app.add_passkey(&user.userid, "Laptop").await;
    let _other = signed_in_browser(&app, &user).await;
    let b = signed_in_browser(&app, &user).await;
    let sessions = app.state.repos.sessions.list_for_user(&user.userid);
    let sids: Vec<String> = sessions.await.unwrap().into_iter().map(|s| s.sid).collect();
    assert_eq!(sids.len(), 2);
    // An authenticator app in force and two backup codes, which the forms
    // below must not touch.
    let sf = &app.state.repos.second_factors;
    sf.put_pending_totp(&user.userid, "sealed", 1)
        .await
        .unwrap();
    let hashes = ["h1".to_owned(), "h2".to_owned()];
    assert!(
        sf.confirm_totp(&user.userid, "sealed", 1, &hashes, 1)
            .await
            .unwrap()
    );
    let csrf = form_token(&b, &app, "/account").await;
    let mut forms: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/account/totp".into(), vec![]),
        ("/account/totp/verify".into(), vec![("code", "123456")]),
        ("/account/backup-codes".into(), vec![]),
        ("/account/totp/remove".into(), vec![]),
        ("/account/profile".into(), vec![("name", "Mallory")]),
        (
            "/account/password".into(),
            vec![
                ("current_password", "correct horse battery"),
                ("new_password", "another password 1"),
                ("confirm_password", "another password 1"),
            ],
        ),
        ("/account/password/remove".into(), vec![]),
        (
            format!("/account/passkeys/{passkey}/rename"),
            vec![("name", "Mallory's")],
        ),
        (format!("/account/passkeys/{passkey}/remove"), vec![]),
    ];
    for sid in &sids {
        forms.push((format!("/account/sessions/{sid}/end"), vec![]));
    }
    for (path, fields) in &forms {
        let with = |token: &'static str| {
            let mut form = vec![("csrf", token)];
            form.extend(fields.iter().copied());
            form
        };
        let r = app
            .http
            .post(app.url(path))
            .form(&with("whatever"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
        let r = b
            .post(app.url(path))
            .form(&with("forged"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields.iter().copied());
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let r = b
                .post(app.url(path))
                .header(name, value)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{path} {name}");
        }
    }
    let repos = &app.state.repos;
    let u = repos.users.get(&user.userid).await.unwrap().unwrap();
    assert_eq!(u.profile.name.as_deref(), Some("hank Example"));
    assert!(repos.passwords.get(&user.userid).await.unwrap().is_some());
    let passkeys = repos.passkeys.list_for_user(&user.userid).await.unwrap();
    assert_eq!(passkeys.len(), 1);
    assert_eq!(passkeys[0].name, "Laptop");
    for sid in &sids {
        assert!(repos.sessions.get(sid).await.unwrap().is_some());
    }
    let totp = repos
        .second_factors
        .totp(&user.userid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(totp.secret.as_deref(), Some("sealed"));
    assert!(totp.pending.is_none(), "no enrolment begun");
    let left = repos.second_factors.backup_codes_left(&user.userid);
    assert_eq!(left.await.unwrap(), 2);
}
