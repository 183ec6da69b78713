//! Second factors on `/account` and for administrators: setting up an
//! authenticator app with real TOTP codes (computed here with `totp-rs` from
//! the key read off the page, at the server's clock), backup codes, and an
//! administrator's reset through the API and the UI.

use latchkey::auth::second_factor::{self, CodeCheck, Status};
use latchkey::clock::Clock;
use latchkey::db::User;
use serde_json::Value;

use crate::helpers::{
    Backend, PASSWORD, TestApp, audit_events, between, csrf_of, on_both_backends,
    signed_in_browser, spawn_app_on, spawn_app_on_with, unescape,
};
use crate::mail::SmtpSink;

/// The code an authenticator app shows for `secret` at `time`.
fn code_at(secret: &[u8], time: i64) -> String {
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .unwrap()
        .generate(u64::try_from(time).unwrap())
        .to_string()
}

/// A six-digit code that is none of the three accepted at `time`.
fn wrong_code(secret: &[u8], time: i64) -> &'static str {
    let window: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|d| code_at(secret, time + d))
        .collect();
    ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|c| !window.iter().any(|w| w == c))
        .unwrap()
}

async fn post(
    app: &TestApp,
    b: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    b.post(app.url(path))
        .header("origin", &app.base)
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, b: &reqwest::Client, path: &str) -> (u16, String) {
    let r = b.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The key on the enrolment page, as the test's authenticator app reads it.
fn secret_on(html: &str) -> (String, Vec<u8>) {
    let grouped = between(html, r#"<code id="totp-secret""#, "</code>").expect("the key");
    let text = grouped.rsplit('>').next().unwrap().replace(' ', "");
    let bytes = totp_rs::Secret::try_from_base32(&text)
        .unwrap()
        .as_bytes()
        .to_vec();
    (text, bytes)
}

/// The backup codes on the page that shows them.
fn codes_on(html: &str) -> Vec<String> {
    let list = between(html, r#"<ol id="backup-codes""#, "</ol>").expect("the codes");
    list.split("<code>")
        .skip(1)
        .map(|c| c.split("</code>").next().unwrap().to_owned())
        .collect()
}

async fn status(app: &TestApp, user: &User) -> Status {
    second_factor::status(&app.state.repos, &user.userid)
        .await
        .unwrap()
}

async fn check(app: &TestApp, user: &User, code: &str) -> CodeCheck {
    second_factor::check_code(
        &app.state.repos,
        app.state.clock.as_ref(),
        app.state.keys.master(),
        &user.userid,
        code,
    )
    .await
    .unwrap()
}

/// Sets up an authenticator app on `/account` in `b`, as a person does:
/// the button, the page, a code from the app, **Verify**. Returns the key
/// and the backup codes shown.
async fn enrol_on_the_page(app: &TestApp, b: &reqwest::Client) -> (Vec<u8>, Vec<String>) {
    let (code, html) = get(app, b, "/account").await;
    assert_eq!(code, 200);
    assert!(html.contains(">Set up an authenticator app</button>"));
    let r = post(app, b, "/account/totp", &[("csrf", &csrf_of(&html))]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account/totp");
    let (code, page) = get(app, b, "/account/totp").await;
    assert_eq!(code, 200);
    assert!(
        page.contains(r#"<svg role="img" aria-label="QR code"#),
        "an inline QR code"
    );
    assert!(!page.contains("<img"), "no image to load");
    assert!(page.contains(r#"<label for="code">Code</label>"#));
    assert!(page.contains(">Verify</button>"));
    let (text, secret) = secret_on(&page);
    assert_eq!(text.len(), 32, "160 bits");
    // A reload shows the same key.
    let (_, again) = get(app, b, "/account/totp").await;
    assert_eq!(secret_on(&again).0, text);
    let now = app.clock.now();
    let right = code_at(&secret, now);
    let r = post(
        app,
        b,
        "/account/totp/verify",
        &[("csrf", &csrf_of(&page)), ("code", &right)],
    )
    .await;
    assert_eq!(r.status(), 200);
    let shown = r.text().await.unwrap();
    let codes = codes_on(&shown);
    assert_eq!(codes.len(), 10);
    assert!(unescape(&shown).contains(r#"href="/account?done=totp-enrolled""#));
    (secret, codes)
}

on_both_backends!(an_authenticator_app_is_set_up_on_the_account_page);
async fn an_authenticator_app_is_set_up_on_the_account_page(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    let (_, html) = get(&app, &b, "/account").await;
    assert!(html.contains("No authenticator app is set up."));
    assert!(!html.contains(">Remove authenticator app</button>"));

    let (secret, codes) = enrol_on_the_page(&app, &b).await;
    assert_eq!(
        status(&app, &user).await,
        Status {
            totp: true,
            backup_codes_left: 10
        }
    );
    let (_, html) = get(&app, &b, "/account?done=totp-enrolled").await;
    assert!(html.contains("Your authenticator app is set up."));
    assert!(html.contains("Backup codes left: <strong>10</strong>"));
    assert!(
        html.contains(">Set up an authenticator app</button>"),
        "to replace it"
    );
    assert!(html.contains(">Regenerate backup codes</button>"));
    assert!(html.contains(">Remove authenticator app</button>"));
    let enrolled = audit_events(&app, "second_factor.enrolled").await;
    assert_eq!(enrolled.len(), 1);
    assert_eq!(enrolled[0].actor.as_deref(), Some(user.userid.as_str()));
    assert_eq!(enrolled[0].subject.as_deref(), Some(user.userid.as_str()));
    let details = enrolled[0].details.to_string();
    assert!(
        codes.iter().all(|c| !details.contains(c.as_str())),
        "no code in the log"
    );

    // The code that confirmed cannot be used again, nor an earlier one.
    let now = app.clock.now();
    assert_eq!(
        check(&app, &user, &code_at(&secret, now)).await,
        CodeCheck::Refused
    );
    assert_eq!(
        check(&app, &user, &code_at(&secret, now - 30)).await,
        CodeCheck::Refused
    );
    // The next step's code works once, typed with a space.
    app.clock.advance(30);
    let next = code_at(&secret, app.clock.now());
    let spaced = format!("{} {}", &next[..3], &next[3..]);
    assert_eq!(check(&app, &user, &spaced).await, CodeCheck::Totp);
    assert_eq!(check(&app, &user, &next).await, CodeCheck::Refused);
    // Two steps away is too far.
    assert_eq!(
        check(&app, &user, &code_at(&secret, app.clock.now() + 60)).await,
        CodeCheck::Refused
    );
}

on_both_backends!(a_wrong_code_is_refused_and_the_key_kept);
async fn a_wrong_code_is_refused_and_the_key_kept(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("bob", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    let (code, page) = get(&app, &b, "/account/totp").await;
    assert_eq!(code, 200, "the page begins an enrolment itself");
    let (text, secret) = secret_on(&page);
    let wrong = wrong_code(&secret, app.clock.now());
    let r = post(
        &app,
        &b,
        "/account/totp/verify",
        &[("csrf", &csrf_of(&page)), ("code", wrong)],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<p role="alert">That code is not right."#));
    assert_eq!(secret_on(&html).0, text, "the same key again");
    assert_eq!(
        status(&app, &user).await,
        Status {
            totp: false,
            backup_codes_left: 0
        }
    );
    // The right code still confirms the kept key.
    let right = code_at(&secret, app.clock.now());
    let r = post(
        &app,
        &b,
        "/account/totp/verify",
        &[("csrf", &csrf_of(&page)), ("code", &right)],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(codes_on(&r.text().await.unwrap()).len(), 10);
    // Confirming again with the same code: nothing is pending any more.
    let r = post(
        &app,
        &b,
        "/account/totp/verify",
        &[("csrf", &csrf_of(&page)), ("code", &right)],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(audit_events(&app, "second_factor.enrolled").await.len(), 1);
}

on_both_backends!(backup_codes_work_once_and_regenerating_replaces_them);
async fn backup_codes_work_once_and_regenerating_replaces_them(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("carol", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    let (_, codes) = enrol_on_the_page(&app, &b).await;
    // Typed in capitals without the dash: still the code, once.
    let typed = codes[0].to_uppercase().replace('-', "");
    assert_eq!(
        check(&app, &user, &typed).await,
        CodeCheck::BackupCode { left: 9 }
    );
    assert_eq!(check(&app, &user, &codes[0]).await, CodeCheck::Refused);
    let (_, html) = get(&app, &b, "/account").await;
    assert!(html.contains("Backup codes left: <strong>9</strong>"));

    let r = post(
        &app,
        &b,
        "/account/backup-codes",
        &[("csrf", &csrf_of(&html))],
    )
    .await;
    assert_eq!(r.status(), 200);
    let fresh = codes_on(&r.text().await.unwrap());
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    assert_eq!(check(&app, &user, &codes[1]).await, CodeCheck::Refused);
    assert_eq!(
        check(&app, &user, &fresh[1]).await,
        CodeCheck::BackupCode { left: 9 }
    );
    assert_eq!(
        audit_events(&app, "backup_codes.regenerated").await.len(),
        1
    );

    // Removing the app removes the codes too.
    let r = post(
        &app,
        &b,
        "/account/totp/remove",
        &[("csrf", &csrf_of(&html))],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=totp-removed");
    assert_eq!(
        status(&app, &user).await,
        Status {
            totp: false,
            backup_codes_left: 0
        }
    );
    assert_eq!(check(&app, &user, &fresh[2]).await, CodeCheck::Refused);
    assert_eq!(audit_events(&app, "second_factor.removed").await.len(), 1);
}

on_both_backends!(a_stale_session_signs_in_again_before_any_of_it);
async fn a_stale_session_signs_in_again_before_any_of_it(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("dave", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    let (_, html) = get(&app, &b, "/account").await;
    let csrf = csrf_of(&html);
    app.clock.advance(11 * 60);
    let r = b.get(app.url("/account/totp")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login?next=%2Faccount%2Ftotp");
    for path in [
        "/account/totp",
        "/account/totp/verify",
        "/account/backup-codes",
        "/account/totp/remove",
    ] {
        let r = post(&app, &b, path, &[("csrf", &csrf), ("code", "123456")]).await;
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login?next=%2Faccount", "{path}");
    }
    assert!(
        app.state
            .repos
            .second_factors
            .totp(&user.userid)
            .await
            .unwrap()
            .is_none(),
        "nothing begun"
    );
}

/// Sets `user` up with an authenticator app through the services.
async fn enrol_directly(app: &TestApp, user: &User) -> Vec<u8> {
    let (repos, clock, master) = (
        &app.state.repos,
        app.state.clock.as_ref(),
        app.state.keys.master(),
    );
    let enrolment = second_factor::begin_enrolment(repos, clock, master, user, "test")
        .await
        .unwrap();
    let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
        .unwrap()
        .as_bytes()
        .to_vec();
    second_factor::confirm_enrolment(
        repos,
        clock,
        master,
        &user.userid,
        &code_at(&secret, clock.now()),
    )
    .await
    .unwrap()
    .unwrap();
    secret
}

on_both_backends!(an_administrator_resets_a_second_factor_through_the_api);
async fn an_administrator_resets_a_second_factor_through_the_api(backend: Backend) {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "id@example.com".into(),
        });
    })
    .await
    else {
        return;
    };
    let user = app.create_user("erin", PASSWORD).await;
    enrol_directly(&app, &user).await;
    let token = app.admin_token().await;
    let api = |path: &str| app.url(&format!("/api/admin/v1{path}"));
    let http = reqwest::Client::new();
    let shown: Value = http
        .get(api(&format!("/users/{}", user.userid)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        shown["second_factor"],
        serde_json::json!({"totp": true, "backup_codes_left": 10})
    );
    let listed: Value = http
        .get(api("/users?q=erin"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][0]["second_factor"]["totp"], true);

    // Without a token, with a forged one: refused, nothing changes.
    let path = api(&format!("/users/{}/second-factor", user.userid));
    let r = http.delete(&path).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = http
        .delete(&path)
        .bearer_auth("forged")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(status(&app, &user).await.totp);

    let r = http.delete(&path).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        status(&app, &user).await,
        Status {
            totp: false,
            backup_codes_left: 0
        }
    );
    let shown: Value = http
        .get(api(&format!("/users/{}", user.userid)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        shown["second_factor"],
        serde_json::json!({"totp": false, "backup_codes_left": 0})
    );
    let r = http
        .delete(api("/users/nobody-here/second-factor"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let reset = audit_events(&app, "second_factor.reset").await;
    assert_eq!(reset.len(), 1);
    assert_eq!(reset[0].subject.as_deref(), Some(user.userid.as_str()));
    assert!(reset[0].actor.as_deref().is_some_and(|a| a != user.userid));
    let mails = sink.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].to[0].contains("erin@example.com"));
    assert!(
        mails[0]
            .data
            .contains("An administrator removed the authenticator app")
    );
}

on_both_backends!(an_administrator_resets_a_second_factor_on_the_user_page);
async fn an_administrator_resets_a_second_factor_on_the_user_page(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("frank", PASSWORD).await;
    enrol_directly(&app, &user).await;
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let page = format!("/admin/users/{}", user.userid);
    let action = format!("{page}/second-factor/reset");
    let (code, html) = get(&app, &b, &page).await;
    assert_eq!(code, 200);
    assert!(html.contains("Authenticator app set up; 10 backup codes left."));
    assert!(html.contains(">Reset second factor</button>"));
    let csrf = csrf_of(&html);

    // Not ticked: refused.
    let r = post(&app, &b, &action, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), 422);
    assert!(status(&app, &user).await.totp);
    // No CSRF token, or a user who is no administrator: refused.
    let r = post(&app, &b, &action, &[("confirm", "on")]).await;
    assert_eq!(r.status(), 403);
    let plain = signed_in_browser(&app, &user).await;
    let (_, own) = get(&app, &plain, "/account").await;
    let r = post(
        &app,
        &plain,
        &action,
        &[("csrf", &csrf_of(&own)), ("confirm", "on")],
    )
    .await;
    assert!(r.status() == 403 || r.status() == 404, "{}", r.status());
    assert!(status(&app, &user).await.totp);

    let r = post(&app, &b, &action, &[("csrf", &csrf), ("confirm", "on")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        unescape(r.headers()["location"].to_str().unwrap()),
        format!("{page}?done=second-factor-reset")
    );
    assert!(!status(&app, &user).await.totp);
    let (_, html) = get(&app, &b, &format!("{page}?done=second-factor-reset")).await;
    assert!(html.contains("The second factor has been reset"));
    assert!(html.contains("None set up."));
    assert!(!html.contains(">Reset second factor</button>"));
    let reset = audit_events(&app, "second_factor.reset").await;
    assert_eq!(reset.len(), 1);
    assert_eq!(reset[0].actor.as_deref(), Some(admin.userid.as_str()));
    assert_eq!(reset[0].subject.as_deref(), Some(user.userid.as_str()));

    // An administrator whose sign-in is old signs in again first.
    enrol_directly(&app, &user).await;
    app.clock.advance(11 * 60);
    let r = post(&app, &b, &action, &[("csrf", &csrf), ("confirm", "on")]).await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
    assert!(status(&app, &user).await.totp);
}
