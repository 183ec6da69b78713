//! Driving HTML pages like a browser: signed-in browsers, the sign-in form,
//! CSRF tokens and hidden fields, redirects, and the audit trail a page
//! leaves.

use std::sync::Arc;

use latchkey::auth::session::{self, SignInFacts};
use latchkey::db::{AuditEvent, AuditFilter, PasskeyRecord, User};
use latchkey::manage::{self, Actor};

use super::TestApp;

/// The password every test user gets unless a test says otherwise.
pub const PASSWORD: &str = "correct horse battery";

/// The CSRF token of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// Reads a hidden field from a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name} in page"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    unescape(&html[start..end])
}

/// Undoes HTML escaping, as a browser does for attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `Location` of a redirect response, made absolute against the app.
pub fn location(app: &TestApp, r: &reqwest::Response) -> String {
    let loc = r
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("no redirect (status {})", r.status()))
        .to_str()
        .unwrap();
    if loc.starts_with('/') {
        app.url(loc)
    } else {
        loc.to_owned()
    }
}

/// A query parameter of a URL.
pub fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// GETs `path` and returns the page's CSRF token.
pub async fn form_token(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let r = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    csrf_of(&r.text().await.unwrap())
}

/// What a browser keeps between requests of the sign-in page.
pub struct LoginPage {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub html: String,
    pub csrf: String,
}

/// Loads `/login` (with `query`, e.g. `?req=ID`) in `browser`, which keeps
/// the CSRF cookie.
pub async fn login_page_in(app: &TestApp, browser: &reqwest::Client, query: &str) -> LoginPage {
    let r = browser
        .get(app.url(&format!("/login{query}")))
        .send()
        .await
        .unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let html = r.text().await.unwrap();
    let csrf = between(&html, r#"name="csrf" value=""#, "\"").unwrap_or_default();
    LoginPage {
        status,
        headers,
        html,
        csrf,
    }
}

/// Loads `/login` (with `query`) in the app's own browser (`app.http`).
pub async fn login_page(app: &TestApp, query: &str) -> LoginPage {
    login_page_in(app, &app.http, query).await
}

/// The text between `start` and the next `end`.
pub fn between(text: &str, start: &str, end: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(text[from..from + len].to_owned())
}

/// Posts the sign-in form from `browser` with the right Origin and `csrf`,
/// for the authorization request `req` if any.
pub async fn post_login_in(
    app: &TestApp,
    browser: &reqwest::Client,
    csrf: &str,
    username: &str,
    password: &str,
    req: Option<&str>,
) -> reqwest::Response {
    let mut form = vec![
        ("csrf", csrf),
        ("username", username),
        ("password", password),
    ];
    if let Some(req) = req {
        form.push(("req", req));
    }
    browser
        .post(app.url("/login"))
        .header("Origin", &app.base)
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// Posts the sign-in form from the app's own browser (`app.http`).
pub async fn post_login(
    app: &TestApp,
    csrf: &str,
    username: &str,
    password: &str,
    req: Option<&str>,
) -> reqwest::Response {
    post_login_in(app, &app.http, csrf, username, password, req).await
}

/// Loads the sign-in page in `browser` (for request `req` if any) and posts
/// `username` and `password` from it: what a person typing does.
pub async fn type_password(
    app: &TestApp,
    browser: &reqwest::Client,
    username: &str,
    password: &str,
    req: Option<&str>,
) -> reqwest::Response {
    let query = req.map_or(String::new(), |r| format!("?req={r}"));
    let page = login_page_in(app, browser, &query).await;
    post_login_in(app, browser, &page.csrf, username, password, req).await
}

/// Signs in with `PASSWORD` in `browser` for request `req`; returns where
/// the sign-in sends the browser.
pub async fn password_sign_in(
    app: &TestApp,
    browser: &reqwest::Client,
    username: &str,
    req: Option<&str>,
) -> String {
    let r = type_password(app, browser, username, PASSWORD, req).await;
    assert_eq!(r.status(), 303, "sign-in failed");
    location(app, &r)
}

/// Signs in with a password in the app's own browser; returns the page's
/// CSRF token.
pub async fn sign_in(app: &TestApp, username: &str, password: &str) -> String {
    let page = login_page(app, "").await;
    let r = post_login(app, &page.csrf, username, password, None).await;
    assert_eq!(
        r.status(),
        303,
        "sign-in failed: {}",
        r.text().await.unwrap()
    );
    page.csrf
}

/// A browser (cookie-keeping, not following redirects) signed in as `user`
/// with a session made the way a password sign-in makes it.
pub async fn signed_in_browser(app: &TestApp, user: &User) -> reqwest::Client {
    let (secret, _) = session::start(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        SignInFacts {
            userid: user.userid.clone(),
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: Some("test".into()),
            ip: Some("127.0.0.1".into()),
        },
    )
    .await
    .unwrap();
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.base.parse().unwrap();
    jar.add_cookie_str(&format!("latchkey_session={secret}; Path=/"), &url);
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Up to 500 audit events named `event`, newest first.
pub async fn audit_events(app: &TestApp, event: &str) -> Vec<AuditEvent> {
    app.state
        .repos
        .audit
        .list(&AuditFilter {
            event: Some(event.to_owned()),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
}

impl TestApp {
    /// Creates an owner (the most powerful role) with `PASSWORD`.
    pub async fn create_admin(&self, username: &str) -> User {
        manage::create_user(
            &self.state.repos,
            self.state.clock.as_ref(),
            &Actor::system(),
            manage::CreateUser {
                username: username.into(),
                role: Some(latchkey::domain::role::Role::Owner),
                password: Some(PASSWORD.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
    }

    /// Posts `form` to `path` from `browser` (no Origin header, as some
    /// browsers send none for same-site forms).
    pub async fn post_form<T: serde::Serialize + ?Sized>(
        &self,
        browser: &reqwest::Client,
        path: &str,
        form: &T,
    ) -> reqwest::Response {
        browser
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// The passkeys of `userid` as stored now.
    pub async fn passkeys(&self, userid: &str) -> Vec<latchkey::db::PasskeyRecord> {
        self.state
            .repos
            .passkeys
            .list_for_user(userid)
            .await
            .unwrap()
    }

    /// The user `userid` as stored now.
    pub async fn user(&self, userid: &str) -> User {
        self.state
            .repos
            .users
            .get(userid)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no user {userid}"))
    }

    /// Stores a passkey record for `userid` (no real credential behind it);
    /// returns its id.
    pub async fn add_passkey(&self, userid: &str, name: &str) -> String {
        let id = latchkey::crypto::new_id();
        self.state
            .repos
            .passkeys
            .add(&PasskeyRecord {
                id: id.clone(),
                userid: userid.into(),
                credential_id: latchkey::crypto::new_id(),
                name: name.into(),
                passkey: "{}".into(),
                created_at: self.state.clock.now(),
                last_used_at: None,
            })
            .await
            .unwrap();
        id
    }

    /// Creates an invite (as the CLI); returns its link.
    pub async fn create_invite(&self, invite: manage::CreateInvite) -> String {
        manage::create_invite(
            &self.state.repos,
            self.state.clock.as_ref(),
            &self.state.settings.issuer,
            &Actor::cli(),
            invite,
        )
        .await
        .unwrap()
        .url
    }
}
