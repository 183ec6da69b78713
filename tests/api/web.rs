//! Helpers for driving HTML pages: CSRF tokens from forms, signed-in browsers.
#![allow(dead_code)]

use std::sync::Arc;

use latchkey::auth::session::{self, SignInFacts};
use latchkey::db::User;

use crate::helpers::TestApp;

/// The CSRF token of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// A browser (cookie-keeping, not following redirects) signed in as `user`
/// with a session made the way a sign-in makes it.
pub async fn signed_in(app: &TestApp, user: &User) -> reqwest::Client {
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

/// GETs `path` and returns the page's CSRF token.
pub async fn form_token(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let r = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    csrf_of(&r.text().await.unwrap())
}
