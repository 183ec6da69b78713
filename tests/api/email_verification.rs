//! E-mail verification from `/account`: a single-use, expiring link mailed
//! to the address, confirmed with a POST; changing the address resets it.

use serde_json::Value;

use latchkey::clock::Clock;
use latchkey::config::SmtpSettings;
use latchkey::manage;

use crate::helpers::{
    Backend, PASSWORD, TestApp, audit_events, browser, csrf_of, hidden, jwt_claims,
    on_both_backends, register, signed_in_browser, spawn_app, spawn_app_on_with,
};
use crate::mail::SmtpSink;

/// A server on `backend` that mails through `sink`.
async fn app_with_mail(backend: Backend, sink: &SmtpSink) -> Option<TestApp> {
    let url = sink.url();
    spawn_app_on_with(backend, move |s| {
        s.smtp = Some(SmtpSettings {
            url: url.into(),
            from: "Latchkey <id@example.com>".into(),
        });
    })
    .await
}

async fn account_page(app: &TestApp, b: &reqwest::Client) -> String {
    let r = b.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// Presses "Verify e-mail address" on the account page; the response.
async fn ask_for_link(app: &TestApp, b: &reqwest::Client) -> reqwest::Response {
    let csrf = csrf_of(&account_page(app, b).await);
    app.post_form(b, "/account/email/verify", &[("csrf", csrf.as_str())])
        .await
}

/// The link in the newest mail to `to`.
fn link_in_mail(sink: &SmtpSink, to: &str) -> String {
    let messages = sink.messages();
    let mail = messages
        .iter()
        .rev()
        .find(|m| m.to == [format!("<{to}>")])
        .unwrap_or_else(|| panic!("no mail to {to}"));
    assert!(
        mail.data.contains("Subject: Verify your e-mail address"),
        "{}",
        mail.data
    );
    mail.data
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("a link line")
        .to_owned()
}

/// Opens `link` in browser `b` (signed in as the account the link is for)
/// and presses the confirm button; the response to the confirmation.
async fn confirm(app: &TestApp, b: &reqwest::Client, link: &str) -> reqwest::Response {
    let r = b.get(link).send().await.unwrap();
    assert_eq!(r.status(), 200, "the link opens a confirm page");
    let html = r.text().await.unwrap();
    assert!(html.contains(">Verify e-mail address</button>"));
    b.post(link)
        .header("origin", &app.base)
        .form(&[("csrf", hidden(&html, "csrf"))])
        .send()
        .await
        .unwrap()
}

/// Posts the confirmation of `link` from a browser signed in as nobody,
/// without looking at the page first.
async fn confirm_blind(app: &TestApp, link: &str) -> reqwest::Response {
    let b = browser();
    let r = b.get(app.url("/login")).send().await.unwrap();
    let csrf = csrf_of(&r.text().await.unwrap());
    b.post(link)
        .header("origin", &app.base)
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap()
}

async fn a_link_verifies_the_address_once(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_mail(backend, &sink).await else {
        return;
    };
    let user = app.create_user("alice", PASSWORD).await;
    assert!(!user.profile.email_verified);
    let b = signed_in_browser(&app, &user).await;
    let html = account_page(&app, &b).await;
    assert!(html.contains("alice@example.com"));
    assert!(html.contains("(not verified)"));
    assert!(html.contains(">Verify e-mail address</button>"));

    let r = ask_for_link(&app, &b).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/account?done=verification-sent");
    let link = link_in_mail(&sink, "alice@example.com");
    assert!(link.starts_with(&app.url("/verify-email/")), "{link}");
    // Only the token's hash is stored.
    let token = link.rsplit('/').next().unwrap();
    let stored = app
        .state
        .repos
        .email_verifications
        .get(token)
        .await
        .unwrap();
    assert!(stored.is_none(), "the token itself is not a key");
    let hash = latchkey::crypto::hash_secret(token);
    let stored = app
        .state
        .repos
        .email_verifications
        .get(&hash)
        .await
        .unwrap();
    assert_eq!(stored.unwrap().email, "alice@example.com");

    // Opening the link (as a mail scanner would) changes nothing; a
    // browser signed in as nobody is asked to sign in.
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Sign in to confirm"), "{html}");
    assert!(!html.contains(">Verify e-mail address</button>"));
    assert!(!app.user(&user.userid).await.profile.email_verified);
    // Confirming does.
    let r = confirm(&app, &b, &link).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("is verified"));
    assert!(app.user(&user.userid).await.profile.email_verified);
    let html = account_page(&app, &b).await;
    assert!(html.contains("(verified)"));
    assert!(!html.contains(">Verify e-mail address</button>"));

    // Relying parties see it: a fresh ID token and userinfo.
    let client = register(&app, false, true).await;
    let tokens = app.tokens_for(&client, &user, "openid email").await;
    let claims = jwt_claims(tokens.id_token());
    assert_eq!(claims["email"], "alice@example.com");
    assert_eq!(claims["email_verified"], true);
    let info: Value = reqwest::Client::new()
        .get(app.url("/userinfo"))
        .bearer_auth(&tokens.access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["email_verified"], true);

    // A second use is refused, on the page and on confirmation.
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.text().await.unwrap().contains("already been used"));
    let r = confirm_blind(&app, &link).await;
    assert_eq!(r.status(), 410);
    // Asking again for a verified address is refused.
    let r = ask_for_link(&app, &b).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("already verified"));

    let sent = audit_events(&app, "email.verification_sent").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].details["email"], "alice@example.com");
    let verified = audit_events(&app, "email.verified").await;
    assert_eq!(verified.len(), 1);
    assert_eq!(verified[0].subject.as_deref(), Some(user.userid.as_str()));
}
on_both_backends!(a_link_verifies_the_address_once);

async fn an_expired_link_is_refused(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_mail(backend, &sink).await else {
        return;
    };
    let user = app.create_user("bob", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    assert_eq!(ask_for_link(&app, &b).await.status(), 303);
    let link = link_in_mail(&sink, "bob@example.com");
    app.clock.advance(manage::EMAIL_VERIFICATION_TTL);
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.text().await.unwrap().contains("expired"));
    let r = confirm_blind(&app, &link).await;
    assert_eq!(r.status(), 410);
    assert!(!app.user(&user.userid).await.profile.email_verified);
    // An unknown link gets its own page.
    let r = browser()
        .get(app.url("/verify-email/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("not valid"));
}
on_both_backends!(an_expired_link_is_refused);

async fn a_changed_address_resets_verification_and_old_links(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_mail(backend, &sink).await else {
        return;
    };
    let user = app.create_user("carol", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    // Verified, then the address changes on the account page: unverified.
    assert_eq!(ask_for_link(&app, &b).await.status(), 303);
    let first = link_in_mail(&sink, "carol@example.com");
    assert_eq!(confirm(&app, &b, &first).await.status(), 200);
    assert!(app.user(&user.userid).await.profile.email_verified);
    let csrf = csrf_of(&account_page(&app, &b).await);
    let r = app
        .post_form(
            &b,
            "/account/profile",
            &[("csrf", csrf.as_str()), ("email", "carol@new.example")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(!app.user(&user.userid).await.profile.email_verified);

    // A link sent for the new address, then the address changes again: the
    // link verifies neither address.
    app.clock.advance(61);
    assert_eq!(ask_for_link(&app, &b).await.status(), 303);
    let stale = link_in_mail(&sink, "carol@new.example");
    let r = app
        .post_form(
            &b,
            "/account/profile",
            &[("csrf", csrf.as_str()), ("email", "carol@third.example")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = browser().get(&stale).send().await.unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("no longer the one"));
    let r = confirm_blind(&app, &stale).await;
    assert_eq!(r.status(), 409);
    let u = app.user(&user.userid).await;
    assert_eq!(u.profile.email.as_deref(), Some("carol@third.example"));
    assert!(!u.profile.email_verified);
}
on_both_backends!(a_changed_address_resets_verification_and_old_links);

async fn sending_is_rate_limited(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_mail(backend, &sink).await else {
        return;
    };
    // Start on the hour, so every request below falls in one hour.
    let now = app.clock.now();
    app.clock.advance(3600 - now.rem_euclid(3600));
    let user = app.create_user("dora", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    assert_eq!(ask_for_link(&app, &b).await.status(), 303);
    let r = ask_for_link(&app, &b).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("a moment ago"));
    assert_eq!(sink.messages().len(), 1);
    // A minute later, another; at most five an hour.
    let mut sent = 1;
    for _ in 0..6 {
        app.clock.advance(61);
        if ask_for_link(&app, &b).await.status() == 303 {
            sent += 1;
        }
    }
    assert_eq!(sent, 5, "one a minute, five an hour");
    assert_eq!(sink.messages().len(), sent);
    // Each link sent is still single-use and verifies the address.
    let link = link_in_mail(&sink, "dora@example.com");
    assert_eq!(confirm(&app, &b, &link).await.status(), 200);
    assert!(app.user(&user.userid).await.profile.email_verified);
}
on_both_backends!(sending_is_rate_limited);

#[tokio::test]
async fn without_smtp_there_is_no_verify_button() {
    let app = spawn_app().await;
    let user = app.create_user("erin", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    let html = account_page(&app, &b).await;
    assert!(html.contains("(not verified)"));
    assert!(!html.contains(">Verify e-mail address</button>"));
    let r = ask_for_link(&app, &b).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("cannot send e-mail"));
    assert!(
        audit_events(&app, "email.verification_sent")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn the_confirmation_checks_the_csrf_token() {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(Backend::Sqlite, &sink).await.unwrap();
    let user = app.create_user("finn", PASSWORD).await;
    let b = signed_in_browser(&app, &user).await;
    assert_eq!(ask_for_link(&app, &b).await.status(), 303);
    let link = link_in_mail(&sink, "finn@example.com");
    let other = &b;
    let html = other.get(&link).send().await.unwrap().text().await.unwrap();
    let csrf = hidden(&html, "csrf");
    let r = other
        .post(&link)
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = other
        .post(&link)
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!app.user(&user.userid).await.profile.email_verified);
    // The link is still good.
    assert_eq!(confirm(&app, &b, &link).await.status(), 200);
}

async fn administrators_mark_addresses_verified_explicitly(backend: Backend) {
    let Some(app) = crate::helpers::spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("gina", PASSWORD).await;
    let token = app.admin_token().await;
    let api = |body: Value| {
        let url = app.url(&format!("/api/admin/v1/users/{}", user.userid));
        let token = token.clone();
        async move {
            let r = reqwest::Client::new()
                .patch(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    // The API: verified explicitly, then a new address without the flag
    // is unverified, and with it verified.
    let v = api(serde_json::json!({"email_verified": true})).await;
    assert_eq!(v["email_verified"], true);
    let v = api(serde_json::json!({"email": "gina@new.example"})).await;
    assert_eq!(v["email_verified"], false);
    let v = api(serde_json::json!({"email": "gina@third.example", "email_verified": true})).await;
    assert_eq!(v["email_verified"], true);

    // The UI: the box left ticked from before does not carry over to a new
    // address; ticking it for an unverified one does.
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let path = format!("/admin/users/{}", user.userid);
    let csrf = csrf_of(
        &b.get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let form = [
        ("csrf", csrf.as_str()),
        ("email", "gina@fourth.example"),
        ("email_verified", "on"),
    ];
    let r = app.post_form(&b, &format!("{path}/profile"), &form).await;
    assert_eq!(r.status(), 303);
    assert!(!app.user(&user.userid).await.profile.email_verified);
    let r = app.post_form(&b, &format!("{path}/profile"), &form).await;
    assert_eq!(r.status(), 303);
    assert!(app.user(&user.userid).await.profile.email_verified);
}
on_both_backends!(administrators_mark_addresses_verified_explicitly);

/// Mallory types Victor's address into her own profile and asks for a
/// link; it lands in Victor's mailbox. Victor, signed in as himself or not
/// at all, opening the link and pressing the button must not verify the
/// address on Mallory's account (relying parties that match accounts by a
/// verified e-mail would then let Mallory in as Victor).
async fn a_link_confirmed_outside_its_account_verifies_nothing(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_mail(backend, &sink).await else {
        return;
    };
    let victor = app.create_user("victor", PASSWORD).await;
    let mallory = app.create_user("mallory", PASSWORD).await;
    let m = signed_in_browser(&app, &mallory).await;
    let csrf = csrf_of(&account_page(&app, &m).await);
    let r = app
        .post_form(
            &m,
            "/account/profile",
            &[("csrf", csrf.as_str()), ("email", "victor@example.com")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ask_for_link(&app, &m).await.status(), 303);
    let link = link_in_mail(&sink, "victor@example.com");

    // Victor, signed in as himself: the page names no button, and a
    // confirmation posted anyway is refused.
    let v = signed_in_browser(&app, &victor).await;
    let r = v.get(&link).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(!html.contains(">Verify e-mail address</button>"), "{html}");
    let csrf = csrf_of(&account_page(&app, &v).await);
    let r = v
        .post(&link)
        .header("origin", &app.base)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!app.user(&mallory.userid).await.profile.email_verified);

    // Victor, signed in as nobody: the same.
    let r = confirm_blind(&app, &link).await;
    assert_eq!(r.status(), 403);
    assert!(!app.user(&mallory.userid).await.profile.email_verified);
    assert!(audit_events(&app, "email.verified").await.is_empty());

    // The link was not spent: Mallory herself could still confirm it, had
    // she the link (she has not; it went to Victor's mailbox).
    let r = confirm(&app, &m, &link).await;
    assert_eq!(r.status(), 200);
    assert!(app.user(&mallory.userid).await.profile.email_verified);
}
on_both_backends!(a_link_confirmed_outside_its_account_verifies_nothing);
