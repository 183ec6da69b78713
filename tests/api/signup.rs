//! Self-registration (`LATCHKEY_SIGNUP`): off (no page, no link),
//! `email-domain` (a mailed link creates the account, its address
//! verified), `approval` (a confirmed request waits for an administrator
//! on `/admin/signups` or the admin API); the answer never tells whether an
//! address has an account; limits per client address and per mailbox;
//! hostile input.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    RedirectUrl, Scope, TokenResponse,
};
use serde_json::Value;

use latchkey::config::{SignupMode, SmtpSettings};
use latchkey::manage;

use crate::helpers::passkeys::authenticator;
use crate::helpers::{
    Backend, PASSWORD, REDIRECT, TestApp, audit_events, browser, csrf_of, on_both_backends, query,
    register, signed_in_browser, spawn_app, spawn_app_on_with, walk,
};
use crate::mail::{Received, SmtpSink};

/// The password the new accounts choose.
const NEW_PASSWORD: &str = "a long and new passphrase";

/// A server on `backend` with sign-up in `mode` (domains: example.org and
/// example.com), mailing through `sink`.
async fn app_with_signup(
    backend: Backend,
    sink: &SmtpSink,
    mode: SignupMode,
    configure: impl FnOnce(&mut latchkey::config::Settings),
) -> Option<TestApp> {
    let url = sink.url();
    spawn_app_on_with(backend, move |s| {
        s.smtp = Some(SmtpSettings {
            url: url.into(),
            from: "Latchkey <id@example.com>".into(),
        });
        s.signup = mode;
        if mode == SignupMode::EmailDomain {
            s.signup_domains = vec!["example.org".into(), "example.com".into()];
        }
        configure(s);
    })
    .await
}

/// Opens `/signup` from the sign-in page's link in `b` and sends the
/// form; the answer's status and body.
async fn sign_up(
    app: &TestApp,
    b: &reqwest::Client,
    username: &str,
    email: &str,
    name: &str,
) -> (u16, String) {
    let login = b.get(app.url("/login")).send().await.unwrap();
    let html = login.text().await.unwrap();
    assert!(
        html.contains(r#"<a href="/signup">Create an account</a>"#),
        "the sign-in page links to sign-up"
    );
    let page = b.get(app.url("/signup")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for label in [
        r#"<label for="username">Username</label>"#,
        r#"<label for="email">Email</label>"#,
        r#"<label for="name">Name</label>"#,
        r#"<button type="submit">Sign up</button>"#,
    ] {
        assert!(html.contains(label), "{label}: {html}");
    }
    let r = app
        .post_form(
            b,
            "/signup",
            &[
                ("csrf", csrf_of(&html).as_str()),
                ("username", username),
                ("email", email),
                ("name", name),
            ],
        )
        .await;
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The one link line of a mail.
fn link_in(mail: &Received) -> String {
    mail.data
        .lines()
        .find(|l| l.starts_with("http"))
        .unwrap_or_else(|| panic!("a link line in {}", mail.data))
        .to_owned()
}

/// The message sent to `to`.
fn mail_to<'a>(messages: &'a [Received], to: &str) -> &'a Received {
    let to = format!("<{to}>");
    messages
        .iter()
        .find(|m| m.to == [to.clone()])
        .unwrap_or_else(|| panic!("no mail to {to}: {messages:?}"))
}

/// Sets `NEW_PASSWORD` through the invite `link` in a fresh browser; the
/// browser and the answer.
async fn set_password_through(app: &TestApp, link: &str) -> (reqwest::Client, u16, String) {
    let b = browser();
    let page = b.get(link).send().await.unwrap();
    let status = page.status().as_u16();
    let html = page.text().await.unwrap();
    if status != 200 {
        return (b, status, html);
    }
    assert!(html.contains("Finish creating your account"), "{html}");
    assert!(html.contains(r#"<label for="new_password">New password</label>"#));
    assert!(html.contains(">Create a passkey</button>"));
    let path = link.strip_prefix(&app.base).unwrap();
    let r = app
        .post_form(
            &b,
            path,
            &[
                ("csrf", csrf_of(&html).as_str()),
                ("new_password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        )
        .await;
    let status = r.status().as_u16();
    (b, status, r.text().await.unwrap())
}

/// Signs the browser `b` in to a relying party built with `openidconnect`;
/// the ID token's claims as JSON.
async fn relying_party_claims(app: &TestApp, b: &reqwest::Client) -> Value {
    let tc = register(app, false, true).await;
    let http = openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(tc.id.clone()),
        tc.secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    let back = walk(app, b, auth_url.as_str(), true).await;
    let code = query(&back, "code").expect("a code");
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    serde_json::to_value(claims).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signup_off_has_no_page_and_no_link() {
    let app = spawn_app().await;
    assert_eq!(app.state.settings.signup, SignupMode::Off);
    let b = browser();
    let html = b
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Create an account"));
    assert!(!html.contains("/signup"));
    assert_eq!(
        b.get(app.url("/signup")).send().await.unwrap().status(),
        404
    );
    // A post is not even read.
    let r = app
        .post_form(
            &b,
            "/signup",
            &[("username", "x"), ("email", "x@example.org")],
        )
        .await;
    assert_eq!(r.status(), 404);
    for path in ["/signup/verify/abc", "/signup/"] {
        assert_eq!(b.get(app.url(path)).send().await.unwrap().status(), 404);
    }
    assert!(audit_events(&app, "signup.requested").await.is_empty());
}

on_both_backends!(email_domain_signup_creates_a_verified_account);
async fn email_domain_signup_creates_a_verified_account(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_signup(backend, &sink, SignupMode::EmailDomain, |_| {}).await else {
        return;
    };
    let b = browser();
    let page = b.get(app.url("/signup")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("example.org, example.com"),
        "the allowed domains are named"
    );
    let (status, body) = sign_up(&app, &b, "Hana", "hana@Example.org", "Hana Ito").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Check your mail"), "{body}");
    assert!(!body.contains("hana"), "the answer repeats nothing typed");

    let messages = sink.wait_for(1).await;
    let mail = mail_to(&messages, "hana@Example.org");
    assert!(
        mail.data
            .contains("Subject: Create your account at localhost"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("the account hana"), "{}", mail.data);
    let link = link_in(mail);
    assert!(link.starts_with(&format!("{}/invite/", app.base)), "{link}");
    // No account before the link is used.
    let repos = &app.state.repos;
    assert!(repos.users.get_by_username("hana").await.unwrap().is_none());
    let requested = audit_events(&app, "signup.requested").await;
    assert_eq!(requested.len(), 1);
    assert_eq!(requested[0].details["mode"], "email-domain");
    assert_eq!(requested[0].details["existing_account"], false);
    assert_eq!(requested[0].actor.as_deref(), Some("anonymous"));

    let (b, status, body) = set_password_through(&app, &link).await;
    assert_eq!(status, 303, "{body}");
    let hana = repos.users.get_by_username("hana").await.unwrap().unwrap();
    assert_eq!(hana.profile.email.as_deref(), Some("hana@Example.org"));
    assert!(hana.profile.email_verified, "the link proved the mailbox");
    assert_eq!(hana.profile.name.as_deref(), Some("Hana Ito"));
    assert!(hana.groups.is_empty());
    let created = audit_events(&app, "user.created").await;
    assert_eq!(created[0].details["signup"], true);
    assert_eq!(created[0].subject.as_deref(), Some(hana.userid.as_str()));

    // A relying party sees the account, its address verified.
    let claims = relying_party_claims(&app, &b).await;
    assert_eq!(claims["sub"], hana.userid.as_str());
    assert_eq!(claims["preferred_username"], "hana");
    assert_eq!(claims["email"], "hana@Example.org");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["name"], "Hana Ito");

    // Single use.
    let (_, status, _) = set_password_through(&app, &link).await;
    assert_eq!(status, 410);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_domain_signup_with_a_passkey() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::EmailDomain, |_| {})
        .await
        .unwrap();
    let (status, _) = sign_up(&app, &browser(), "ivo", "ivo@example.com", "").await;
    assert_eq!(status, 200);
    let link = link_in(&sink.wait_for(1).await[0]);
    let mut auth = authenticator();
    let b = browser();
    let (r, _key) = crate::invite_passkeys::accept(&app, &b, &mut auth, &link).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let ivo = app
        .state
        .repos
        .users
        .get_by_username("ivo")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.passkeys(&ivo.userid).await.len(), 1);
    assert!(ivo.profile.email_verified);
    assert_eq!(ivo.profile.name, None);
    let claims = relying_party_claims(&app, &b).await;
    assert_eq!(claims["sub"], ivo.userid.as_str());
    assert_eq!(claims["email_verified"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_refuses_bad_and_hostile_input_clearly() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::EmailDomain, |s| {
        s.signup_rate_limit = 100;
    })
    .await
    .unwrap();
    app.create_user("taken", PASSWORD).await;
    let b = browser();
    let long_name = "n".repeat(101);
    let long_user = "u".repeat(65);
    let long_email = format!("{}@example.org", "e".repeat(250));
    let cases: &[(&str, &str, &str, u16, &str)] = &[
        (
            "jo",
            "jo@elsewhere.net",
            "",
            422,
            "only addresses at example.org, example.com",
        ),
        ("jo", "jo@sub.example.org", "", 422, "only addresses at"),
        (
            "taken",
            "jo@example.org",
            "",
            409,
            "The username taken is taken",
        ),
        ("Jo Smith", "jo@example.org", "", 422, "Username:"),
        ("", "jo@example.org", "", 422, "Username:"),
        (&long_user, "jo@example.org", "", 422, "Username:"),
        ("jo", "", "", 422, "Email:"),
        ("jo", "not an address", "", 422, "Email:"),
        ("jo", &long_email, "", 422, "Email:"),
        (
            "jo",
            "jo@example.org\r\nBcc: victim@example.org",
            "",
            422,
            "Email:",
        ),
        (
            "jo",
            "jo@example.org, victim@example.org",
            "",
            422,
            "Email:",
        ),
        ("jo", "Jo <jo@example.org>", "", 422, "Email:"),
        (
            "jo",
            "jo@example.org",
            "Jo\r\nBcc: victim@example.org",
            422,
            "Name:",
        ),
        (
            "jo",
            "jo@example.org",
            "Jo\u{202E}gro.elpmaxe",
            422,
            "Name:",
        ),
        ("jo", "jo@example.org", &long_name, 422, "Name:"),
    ];
    for (username, email, name, status, says) in cases {
        let (got, body) = sign_up(&app, &b, username, email, name).await;
        assert_eq!(got, *status, "{username:?} {email:?} {name:?}: {body}");
        assert!(body.contains(says), "{says:?} in {body}");
        assert!(body.contains(r#"role="alert""#), "{body}");
        assert!(!body.contains("Check your mail"));
    }
    // The fields come back as typed, escaped.
    let (_, body) = sign_up(&app, &b, "jo", "<script>@example.org", "").await;
    assert!(!body.contains("<script>"), "{body}");
    // Without the page's CSRF token nothing is read.
    let r = app
        .post_form(
            &b,
            "/signup",
            &[
                ("csrf", "forged"),
                ("username", "jo"),
                ("email", "jo@example.org"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    // Nothing was asked for, nothing made.
    assert!(audit_events(&app, "signup.requested").await.is_empty());
    assert!(
        app.state
            .repos
            .invites
            .list(0, 10)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    // A good request afterwards is the only mail.
    let (status, _) = sign_up(&app, &b, "jo", "jo@example.org", "Jo").await;
    assert_eq!(status, 200);
    let messages = sink.wait_for(1).await;
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["<jo@example.org>"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_address_gets_the_same_answer_and_a_note() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::EmailDomain, |_| {})
        .await
        .unwrap();
    // create_user gives kim the address kim@example.com (not verified).
    let kim = app.create_user("kim", PASSWORD).await;
    assert_eq!(kim.profile.email.as_deref(), Some("kim@example.com"));
    let b = browser();
    let known = sign_up(&app, &b, "kim2", "KIM@example.com", "Kim").await;
    let fresh = sign_up(&app, &b, "lea", "lea@example.com", "Lea").await;
    assert_eq!(known.0, 200);
    assert_eq!(known, fresh, "the same page, byte for byte");

    let messages = sink.wait_for(2).await;
    let note = mail_to(&messages, "KIM@example.com");
    assert!(
        note.data
            .contains("You already have an account with this address"),
        "{}",
        note.data
    );
    assert!(note.data.contains("Lost your passkey?"), "{}", note.data);
    assert!(note.data.contains("/recover"), "{}", note.data);
    assert!(
        !note.data.contains("/invite/"),
        "no link to create anything"
    );
    let link = link_in(mail_to(&messages, "lea@example.com"));
    assert!(link.contains("/invite/"));
    // Nothing was made for the known address.
    let repos = &app.state.repos;
    assert!(repos.users.get_by_username("kim2").await.unwrap().is_none());
    let invites = repos.invites.list(0, 10).await.unwrap().items;
    assert_eq!(invites.len(), 1);
    assert_eq!(invites[0].username, "lea");
    let requested = audit_events(&app, "signup.requested").await;
    assert_eq!(requested.len(), 2);
    assert!(
        requested
            .iter()
            .any(|e| e.details["existing_account"] == true && e.details["username"] == "kim2")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_username_taken_before_the_link_is_used_is_said_clearly() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::EmailDomain, |_| {})
        .await
        .unwrap();
    let (status, _) = sign_up(&app, &browser(), "mia", "mia@example.org", "").await;
    assert_eq!(status, 200);
    let link = link_in(&sink.wait_for(1).await[0]);
    // Meanwhile an administrator makes the account "mia" for someone else.
    app.create_user("mia", PASSWORD).await;
    let (_, status, body) = set_password_through(&app, &link).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("Someone else took this username"), "{body}");
    assert!(body.contains("Sign up again"), "{body}");
    let mia = app
        .state
        .repos
        .users
        .get_by_username("mia")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !mia.profile.email_verified,
        "the other account is untouched"
    );
    assert_ne!(mia.profile.email.as_deref(), Some("mia@example.org"));
}

/// Sends a sign-up in approval mode and confirms it through the mailed
/// link (GET shows the button, POST confirms); `mails`: the number of
/// mails the sink has received once its verification mail is in.
async fn requested_and_verified(app: &TestApp, sink: &SmtpSink, username: &str, mails: usize) {
    let email = format!("{username}@example.net");
    let (status, body) = sign_up(app, &browser(), username, &email, "").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("confirm your request"), "{body}");
    let messages = sink.wait_for(mails).await;
    let mail = mail_to(&messages, &email);
    assert!(
        mail.data
            .contains("Subject: Confirm your sign-up at localhost"),
        "{}",
        mail.data
    );
    let link = link_in(mail);
    assert!(
        link.starts_with(&format!("{}/signup/verify/", app.base)),
        "{link}"
    );
    let b = browser();
    let page = b.get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"<button type="submit">Confirm</button>"#),
        "{html}"
    );
    // Opening the link confirms nothing (mail scanners prefetch).
    assert_eq!(
        waiting(app).await.iter().filter(|u| *u == username).count(),
        0
    );
    let path = link.strip_prefix(&app.base).unwrap();
    let r = app
        .post_form(&b, path, &[("csrf", csrf_of(&html).as_str())])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Sign-up confirmed"));
    // Once only.
    let again = app
        .post_form(&b, path, &[("csrf", csrf_of(&html).as_str())])
        .await;
    assert_eq!(again.status(), 410);
}

/// The usernames of the requests waiting for an administrator.
async fn waiting(app: &TestApp) -> Vec<String> {
    app.state
        .repos
        .signups
        .list_verified(app.state.clock.now(), 0, 100)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.username)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

on_both_backends!(approval_signup_through_the_admin_page);
async fn approval_signup_through_the_admin_page(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_signup(backend, &sink, SignupMode::Approval, |_| {}).await else {
        return;
    };
    let admin = app.create_admin("boss").await;
    requested_and_verified(&app, &sink, "nia", 1).await;
    requested_and_verified(&app, &sink, "oli", 2).await;
    assert_eq!(waiting(&app).await, ["nia", "oli"]);
    assert_eq!(audit_events(&app, "signup.verified").await.len(), 2);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("nia")
            .await
            .unwrap()
            .is_none()
    );

    let ab = signed_in_browser(&app, &admin).await;
    let html = ab
        .get(app.url("/admin/signups"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<h1>Sign-up requests</h1>"), "{html}");
    assert!(html.contains(r#"<a href="/admin/signups">Sign-up requests</a>"#));
    assert!(html.contains("nia@example.net"), "{html}");
    assert!(html.contains(r#"aria-label="Approve nia">Approve</button>"#));
    assert!(html.contains(r#"aria-label="Reject oli">Reject</button>"#));
    let mut ids = app
        .state
        .repos
        .signups
        .list_verified(app.state.clock.now(), 0, 10)
        .await
        .unwrap()
        .items;
    ids.sort_by(|a, b| a.username.cmp(&b.username));
    let csrf = csrf_of(&html);
    let r = app
        .post_form(
            &ab,
            &format!("/admin/signups/{}/approve", ids[0].id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        "/admin/signups?done=approved"
    );
    let r = app
        .post_form(
            &ab,
            &format!("/admin/signups/{}/reject", ids[1].id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(waiting(&app).await.is_empty());
    let approved = audit_events(&app, "signup.approved").await;
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].actor.as_deref(), Some(admin.userid.as_str()));
    let rejected = audit_events(&app, "signup.rejected").await;
    assert_eq!(rejected[0].details["username"], "oli");

    // The approval mails the link; the account exists once it is used.
    let messages = sink.wait_for(3).await;
    let approved_mails: Vec<_> = messages
        .iter()
        .filter(|m| m.data.contains("has been approved"))
        .collect();
    assert_eq!(approved_mails.len(), 1, "the rejection mails nothing");
    assert_eq!(approved_mails[0].to, ["<nia@example.net>"]);
    let link = link_in(approved_mails[0]);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("nia")
            .await
            .unwrap()
            .is_none()
    );
    let (b, status, body) = set_password_through(&app, &link).await;
    assert_eq!(status, 303, "{body}");
    let claims = relying_party_claims(&app, &b).await;
    assert_eq!(claims["preferred_username"], "nia");
    assert_eq!(claims["email"], "nia@example.net");
    assert_eq!(claims["email_verified"], true);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("oli")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approval_over_the_admin_api() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::Approval, |_| {})
        .await
        .unwrap();
    requested_and_verified(&app, &sink, "pia", 1).await;
    requested_and_verified(&app, &sink, "quin", 2).await;
    let token = app.admin_token().await;
    let api = |method: reqwest::Method, path: &str| {
        reqwest::Client::new()
            .request(method, app.url(&format!("/api/admin/v1{path}")))
            .bearer_auth(&token)
    };
    let r = api(reqwest::Method::GET, "/signups").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let list: Value = r.json().await.unwrap();
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let id_of = |username: &str| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["username"] == username)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (pia, quin) = (id_of("pia"), id_of("quin"));
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["username"] == "pia")
        .unwrap();
    assert_eq!(item["email"], "pia@example.net");
    assert!(item["verified_at"].is_string());

    let r = api(reqwest::Method::POST, &format!("/signups/{quin}/reject"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = api(reqwest::Method::POST, &format!("/signups/{pia}/approve"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let approved: Value = r.json().await.unwrap();
    assert_eq!(approved["request"]["username"], "pia");
    assert!(approved["invite_expires_at"].is_string());
    // Decided once.
    for id in [&pia, &quin] {
        for action in ["approve", "reject"] {
            let r = api(reqwest::Method::POST, &format!("/signups/{id}/{action}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{action} {id}");
        }
    }
    let messages = sink.wait_for(3).await;
    let approved: Vec<_> = messages
        .iter()
        .filter(|m| m.data.contains("has been approved"))
        .collect();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].to, ["<pia@example.net>"]);
    let link = link_in(approved[0]);
    let (_, status, _) = set_password_through(&app, &link).await;
    assert_eq!(status, 303);
    let pia = app
        .state
        .repos
        .users
        .get_by_username("pia")
        .await
        .unwrap()
        .unwrap();
    assert!(pia.profile.email_verified);
    let used = audit_events(&app, "invite.accepted").await;
    assert_eq!(used[0].details["userid"], pia.userid.as_str());

    // A username taken since the request: the approval is refused, said
    // why, and the request keeps waiting.
    requested_and_verified(&app, &sink, "ray", 4).await;
    app.create_user("ray", PASSWORD).await;
    let ray = app
        .state
        .repos
        .signups
        .list_verified(app.state.clock.now(), 0, 10)
        .await
        .unwrap()
        .items[0]
        .id
        .clone();
    let r = api(reqwest::Method::POST, &format!("/signups/{ray}/approve"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "refused");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("now belongs to another account"),
        "{v}"
    );
    assert_eq!(waiting(&app).await, ["ray"]);
    assert_eq!(audit_events(&app, "signup.approved").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_expire_unverified_after_a_day_and_verified_after_thirty() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::Approval, |_| {})
        .await
        .unwrap();
    let (status, _) = sign_up(&app, &browser(), "rex", "rex@example.net", "").await;
    assert_eq!(status, 200);
    let link = link_in(&sink.wait_for(1).await[0]);
    requested_and_verified(&app, &sink, "sam", 2).await;

    app.clock.advance(manage::SIGNUP_VERIFY_TTL);
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.text().await.unwrap().contains("Link expired"));
    let repos = &app.state.repos;
    repos
        .maintenance
        .purge_expired(app.state.clock.now())
        .await
        .unwrap();
    let r = browser().get(&link).send().await.unwrap();
    assert_eq!(r.status(), 404, "purged");
    assert_eq!(waiting(&app).await, ["sam"], "the verified one waits");

    app.clock.advance(manage::SIGNUP_PENDING_TTL);
    assert!(waiting(&app).await.is_empty());
    repos
        .maintenance
        .purge_expired(app.state.clock.now())
        .await
        .unwrap();
    assert_eq!(
        repos.signups.list_verified(0, 0, 10).await.unwrap().total,
        0,
        "purged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signup_is_rate_limited_per_client_address_and_per_mailbox() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::EmailDomain, |s| {
        s.signup_rate_limit = 2;
    })
    .await
    .unwrap();
    let b = browser();
    assert_eq!(sign_up(&app, &b, "tia", "tia@example.org", "").await.0, 200);
    // A refused form counts too: the budget is spent before any check.
    assert_eq!(sign_up(&app, &b, "tia", "tia@else.net", "").await.0, 422);
    let (status, _) = sign_up(&app, &b, "uma", "uma@example.org", "").await;
    assert_eq!(status, 429);
    app.clock.advance(60);
    assert_eq!(sign_up(&app, &b, "uma", "uma@example.org", "").await.0, 200);
    sink.wait_for(2).await;

    // Per mailbox: at most SIGNUP_MAILS_PER_ADDRESS mails a day, whatever
    // the usernames (run here without the page, so every call has
    // finished when it returns).
    let settings = &app.state.settings;
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let ask = |username: String, email: &'static str| async move {
        let form = manage::check_signup(repos, settings, clock.now(), &username, email, "")
            .await
            .unwrap();
        manage::request_signup(repos, clock, settings, form, None)
            .await
            .unwrap();
    };
    for i in 0..manage::SIGNUP_MAILS_PER_ADDRESS {
        ask(format!("vic{i}"), "vic@example.org").await;
    }
    // The address in another case, or with a +tag, is the same mailbox:
    // dropped.
    ask("vic8".into(), "VIC@example.org").await;
    ask("vic7".into(), "vic+signup@example.org").await;
    let to_vic = |messages: &[Received]| {
        messages
            .iter()
            .filter(|m| m.to[0].eq_ignore_ascii_case("<vic@example.org>"))
            .count()
    };
    let capped = usize::try_from(manage::SIGNUP_MAILS_PER_ADDRESS).unwrap();
    assert_eq!(to_vic(&sink.messages()), capped);
    assert_eq!(
        app.state.repos.invites.list(0, 100).await.unwrap().total,
        2 + manage::SIGNUP_MAILS_PER_ADDRESS,
        "nothing made for the dropped request"
    );
    // The next day the address may ask again.
    app.clock.advance(86_400);
    ask("vic9".into(), "VIC@example.org").await;
    assert_eq!(to_vic(&sink.messages()), capped + 1);
}

on_both_backends!(a_second_link_to_an_address_that_has_an_account_makes_nothing);
/// Two sign-ups with one address (within the per-mailbox limit, different
/// usernames) mail two links: the first makes the account, the second is
/// refused and makes no second account carrying the same verified address.
/// Approving a request whose address has got an account since is refused
/// the same way.
async fn a_second_link_to_an_address_that_has_an_account_makes_nothing(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_signup(backend, &sink, SignupMode::EmailDomain, |_| {}).await else {
        return;
    };
    let (status, _) = sign_up(&app, &browser(), "nora", "nora@example.org", "").await;
    assert_eq!(status, 200);
    let first = link_in(&sink.wait_for(1).await[0]);
    let (status, _) = sign_up(&app, &browser(), "nora2", "Nora@Example.org", "").await;
    assert_eq!(status, 200);
    let second = link_in(&sink.wait_for(2).await[1]);
    assert_ne!(first, second);
    let (_, status, body) = set_password_through(&app, &first).await;
    assert_eq!(status, 303, "{body}");
    let (_, status, body) = set_password_through(&app, &second).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("An account with this e-mail address exists"),
        "{body}"
    );
    let repos = &app.state.repos;
    assert!(
        repos
            .users
            .get_by_username("nora2")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_a_request_whose_address_has_an_account_since_is_refused() {
    let sink = SmtpSink::start().await;
    let app = app_with_signup(Backend::Sqlite, &sink, SignupMode::Approval, |_| {})
        .await
        .unwrap();
    requested_and_verified(&app, &sink, "olga", 1).await;
    let repos = &app.state.repos;
    let now = app.state.clock.now();
    let id = repos.signups.list_verified(now, 0, 10).await.unwrap().items[0]
        .id
        .clone();
    // Meanwhile an administrator gives an account that address.
    let mut other = app.create_user("olga-old", PASSWORD).await;
    other.profile.email = Some("OLGA@example.net".into());
    repos
        .users
        .update_profile(&other.userid, &other.profile, now)
        .await
        .unwrap();
    let refused = manage::approve_signup(
        repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        &latchkey::manage::Actor::system(),
        &id,
    )
    .await;
    assert!(
        matches!(refused, Err(manage::ManageError::Refused(ref m)) if m.contains("now belongs to an account")),
        "{refused:?}"
    );
    assert_eq!(sink.wait_for(1).await.len(), 1, "no link mailed");
    assert_eq!(waiting(&app).await, ["olga"], "the request still waits");
}

on_both_backends!(a_username_a_pending_invite_holds_is_taken);
/// An administrator's pending invite holds its username: a sign-up for
/// that name is told it is taken and makes no link (otherwise whoever
/// guessed the name could take it first and make the invite fail). A
/// self-registration link holds nothing. The name is free again once the
/// invite is revoked.
async fn a_username_a_pending_invite_holds_is_taken(backend: Backend) {
    let sink = SmtpSink::start().await;
    let Some(app) = app_with_signup(backend, &sink, SignupMode::EmailDomain, |_| {}).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let invite = manage::create_invite(
        repos,
        clock,
        &app.state.settings.issuer,
        &manage::Actor::system(),
        manage::CreateInvite {
            username: "nell".into(),
            role: Some(latchkey::domain::role::Role::Admin),
            ttl_seconds: 86_400,
            ..manage::CreateInvite::default()
        },
    )
    .await
    .unwrap();
    let (status, body) = sign_up(&app, &browser(), "nell", "nell@example.org", "").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("The username nell is taken"), "{body}");
    assert_eq!(
        repos.invites.list(0, 10).await.unwrap().total,
        1,
        "no link made for the taken name"
    );

    // A self-registration link holds nothing (review: anyone may ask for
    // one under a made-up address at an allowed domain, which would have
    // blocked the name for a day): a second sign-up for the name gets its
    // own link, and the first link used wins.
    let (status, _) = sign_up(&app, &browser(), "opal", "x7@example.org", "").await;
    assert_eq!(status, 200);
    sink.wait_for(1).await;
    let (status, body) = sign_up(&app, &browser(), "opal", "opal@example.com", "").await;
    assert_eq!(status, 200, "{body}");
    sink.wait_for(2).await;

    // Revoked, the invite holds nothing.
    manage::revoke_invite(repos, clock, &manage::Actor::system(), &invite.id)
        .await
        .unwrap();
    let (status, body) = sign_up(&app, &browser(), "nell", "nell@example.org", "").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(sink.wait_for(3).await.len(), 3);
}
