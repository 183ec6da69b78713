//! Helpers for OIDC tests: registered clients, a signed-in browser, and
//! walking a browser through `/authorize` and consent.

use std::sync::Arc;

use latchkey::auth::session::{self, SignInFacts};
use latchkey::db::User;
use latchkey::manage::{self, Actor, CreateClient};

use crate::helpers::TestApp;

/// The redirect URI registered for test clients (nothing listens there:
/// tests read the `Location` header).
pub const REDIRECT: &str = "http://localhost:1/callback";
pub const POST_LOGOUT: &str = "http://localhost:1/signed-out";

/// A registered client.
pub struct TestClient {
    pub id: String,
    pub secret: Option<String>,
}

/// Registers a client; `public` ones get no secret. It may request the
/// user scopes only (as `latchkey client create` without `--scope`).
pub async fn register(app: &TestApp, public: bool, skip_consent: bool) -> TestClient {
    register_with_scopes(app, public, skip_consent, &[]).await
}

/// Registers a client an administrator allowed the admin API
/// (`--scope latchkey:admin`).
pub async fn register_admin(app: &TestApp, public: bool, skip_consent: bool) -> TestClient {
    register_with_scopes(app, public, skip_consent, &["latchkey:admin"]).await
}

/// Registers a client allowed `scopes` beyond the user scopes.
pub async fn register_with_scopes(
    app: &TestApp,
    public: bool,
    skip_consent: bool,
    scopes: &[&str],
) -> TestClient {
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Test App".into(),
            redirect_uris: vec![REDIRECT.into()],
            post_logout_redirect_uris: vec![POST_LOGOUT.into()],
            public,
            skip_consent,
            extra_grants: if public {
                vec![]
            } else {
                vec!["client_credentials".into()]
            },
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    TestClient {
        id: created.client_id,
        secret: created.client_secret,
    }
}

/// A browser with a session for `user`, as if they had just signed in with a password.
pub async fn signed_in_browser(app: &TestApp, user: &User) -> reqwest::Client {
    let (secret, _) = session::start(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        SignInFacts {
            userid: user.userid.clone(),
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: None,
            ip: None,
        },
    )
    .await
    .unwrap();
    let jar = Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("latchkey_session={secret}; Path=/"),
        &app.base.parse().unwrap(),
    );
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
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

/// Follows `/authorize` through consent (allowing when `allow`) and
/// returns the final redirect to the client.
pub async fn walk(
    app: &TestApp,
    browser: &reqwest::Client,
    authorize_url: &str,
    allow: bool,
) -> url::Url {
    let r = browser.get(authorize_url).send().await.unwrap();
    assert!(
        r.status().is_redirection(),
        "authorize answered {}: {}",
        r.status(),
        r.text().await.unwrap_or_default()
    );
    let mut next = location(app, &r);
    if next.starts_with(&app.url("/consent")) {
        let page = browser.get(&next).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Test App"), "consent page names the client");
        let form = [
            ("csrf", hidden(&html, "csrf")),
            ("req", hidden(&html, "req")),
            ("decision", if allow { "allow" } else { "deny" }.to_owned()),
        ];
        let r = browser
            .post(app.url("/consent"))
            .header("origin", &app.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_redirection(),
            "consent answered {}",
            r.status()
        );
        next = location(app, &r);
    }
    url::Url::parse(&next).unwrap()
}

/// A query parameter of a URL.
pub fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Posts a form to the token endpoint with Basic client authentication.
pub async fn token_request(
    app: &TestApp,
    client: &TestClient,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = reqwest::Client::new().post(app.url("/token")).form(form);
    if let Some(secret) = &client.secret {
        req = req.basic_auth(&client.id, Some(secret));
    }
    req.send().await.unwrap()
}
