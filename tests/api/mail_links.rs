//! Invites and recovery links e-mailed from the admin UI and the admin API,
//! received by the test SMTP sink; clear refusals without SMTP.

use serde_json::{Value, json};

use crate::helpers::{
    PASSWORD, TestApp, audit_events, form_token, signed_in_browser, spawn_app, spawn_app_with,
};
use crate::mail::{Received, SmtpSink};

async fn app_with_mail(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    spawn_app_with(move |s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "Latchkey <id@example.com>".into(),
        });
    })
    .await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// The one link line of a mail.
fn link_in(mail: &Received) -> String {
    mail.data
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("a link line")
        .to_owned()
}

/// What the link opens: the invite page's status and text.
async fn open(link: &str) -> (u16, String) {
    let r = reqwest::get(link).await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_mails_invites_and_recovery_links() {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(&sink).await;
    let token = app.admin_token().await;

    let (s, v) = post(
        &app,
        &token,
        "/invites",
        json!({"username": "carol", "email": "carol@example.com", "send_email": true}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["emailed_to"], "carol@example.com");
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["<carol@example.com>"]);
    assert!(
        messages[0]
            .data
            .contains("Subject: Your invitation to localhost")
    );
    let link = link_in(&messages[0]);
    assert_eq!(link, v["url"].as_str().unwrap());
    let (status, page) = open(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("carol"));
    let emailed = audit_events(&app, "invite.emailed").await;
    assert_eq!(emailed.len(), 1);
    assert_eq!(emailed[0].subject.as_deref(), v["id"].as_str());
    assert_eq!(emailed[0].details["to"], "carol@example.com");

    // Without an address there is nothing to send to: 422, no invite made.
    let before = app.state.repos.invites.list(0, 100).await.unwrap().total;
    let (s, v) = post(
        &app,
        &token,
        "/invites",
        json!({"username": "dave", "send_email": true}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    assert_eq!(
        app.state.repos.invites.list(0, 100).await.unwrap().total,
        before
    );
    // Without send_email nothing is mailed.
    let (s, v) = post(
        &app,
        &token,
        "/invites",
        json!({"username": "erin", "email": "erin@example.com"}),
    )
    .await;
    assert_eq!(s, 201);
    assert!(v.get("emailed_to").is_none());
    assert_eq!(sink.messages().len(), 1);

    // A recovery link, mailed to the user's own address.
    let frank = app.create_user("frank", PASSWORD).await;
    let (s, v) = post(
        &app,
        &token,
        &format!("/users/{}/recovery-invite", frank.userid),
        json!({"send_email": true}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["emailed_to"], "frank@example.com");
    let messages = sink.messages();
    assert_eq!(messages.len(), 2);
    let mail = &messages[1];
    assert_eq!(mail.to, ["<frank@example.com>"]);
    assert!(
        mail.data
            .contains("Subject: Recover your account at localhost")
    );
    let link = link_in(mail);
    assert_eq!(link, v["url"].as_str().unwrap());
    let (status, page) = open(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Add a way to sign in"));
    let invite = app
        .state
        .repos
        .invites
        .get(v["id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(invite.userid.as_deref(), Some(frank.userid.as_str()));

    // A user without an address: 422.
    let plain = latchkey::manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateUser {
            username: "noaddress".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (s, v) = post(
        &app,
        &token,
        &format!("/users/{}/recovery-invite", plain.userid),
        json!({"send_email": true}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    assert!(v["message"].as_str().unwrap().contains("e-mail address"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_ui_mails_invites_and_recovery_links() {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(&sink).await;
    let boss = app.create_admin("boss").await;
    let admin = signed_in_browser(&app, &boss).await;
    let html = admin
        .get(app.url("/admin/invites"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("name=\"send_email\""),
        "the option is offered"
    );
    let csrf = form_token(&admin, &app, "/admin/invites").await;
    let r = app
        .post_form(
            &admin,
            "/admin/invites",
            &[
                ("csrf", csrf.as_str()),
                ("username", "gina"),
                ("email", "gina@example.com"),
                ("send_email", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    assert!(html.contains("e-mailed to gina@example.com"), "{html}");
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["<gina@example.com>"]);
    assert_eq!(open(&link_in(&messages[0])).await.0, 200);

    let hank = app.create_user("hank", PASSWORD).await;
    let page = format!("/admin/users/{}", hank.userid);
    let html = admin
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(">Send recovery link</button>"));
    assert!(html.contains("E-mail the link to hank@example.com"));
    let r = app
        .post_form(
            &admin,
            &format!("{page}/recovery"),
            &[("csrf", csrf.as_str()), ("send_email", "on")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("e-mailed to hank@example.com"), "{html}");
    let messages = sink.messages();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].to, ["<hank@example.com>"]);
    let (status, text) = open(&link_in(&messages[1])).await;
    assert_eq!(status, 200);
    assert!(text.contains("Add a way to sign in"));
    let emailed = audit_events(&app, "invite.emailed").await;
    assert_eq!(emailed.len(), 2);
    assert!(
        emailed
            .iter()
            .all(|e| e.actor.as_deref() == Some(boss.userid.as_str()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_sending_is_refused_clearly_and_nothing_is_made() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let (s, v) = post(
        &app,
        &token,
        "/invites",
        json!({"username": "ivy", "email": "ivy@example.com", "send_email": true}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    assert!(
        v["message"].as_str().unwrap().contains("LATCHKEY_SMTP_URL"),
        "{v}"
    );
    let jack = app.create_user("jack", PASSWORD).await;
    let (s, v) = post(
        &app,
        &token,
        &format!("/users/{}/recovery-invite", jack.userid),
        json!({"send_email": true}),
    )
    .await;
    assert_eq!(s, 422);
    assert!(v["message"].as_str().unwrap().contains("LATCHKEY_SMTP_URL"));
    assert_eq!(app.state.repos.invites.list(0, 100).await.unwrap().total, 0);

    // The UI does not offer the option; a hand-made post is refused.
    let boss = app.create_admin("boss").await;
    let admin = signed_in_browser(&app, &boss).await;
    let html = admin
        .get(app.url(&format!("/admin/users/{}", jack.userid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("name=\"send_email\""));
    let csrf = form_token(&admin, &app, "/admin/invites").await;
    assert!(
        !admin
            .get(app.url("/admin/invites"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("name=\"send_email\"")
    );
    let r = app
        .post_form(
            &admin,
            "/admin/invites",
            &[
                ("csrf", csrf.as_str()),
                ("username", "kim"),
                ("email", "kim@example.com"),
                ("send_email", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("LATCHKEY_SMTP_URL"));
    let r = app
        .post_form(
            &admin,
            &format!("/admin/users/{}/recovery", jack.userid),
            &[("csrf", csrf.as_str()), ("send_email", "on")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(app.state.repos.invites.list(0, 100).await.unwrap().total, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_delivery_withdraws_the_link() {
    // A port with nothing listening.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = spawn_app_with(|s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "id@example.com".into(),
        });
    })
    .await;
    let token = app.admin_token().await;
    let (s, v) = post(
        &app,
        &token,
        "/invites",
        json!({"username": "lee", "email": "lee@example.com", "send_email": true}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (502, Some("mail_failed")), "{v}");
    let invites = app.state.repos.invites.list(0, 100).await.unwrap().items;
    assert_eq!(invites.len(), 1);
    assert!(invites[0].revoked_at.is_some(), "nobody holds the link");
    assert!(audit_events(&app, "invite.emailed").await.is_empty());
}
