//! What `/authorize` answers a signed-in browser: `max_age` and
//! `prompt=login` send it to sign in again, Deny answers `access_denied`,
//! consent is remembered until `prompt=consent`, and `response_mode=form_post`
//! answers with a page that submits itself.

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, location, on_both_backends, query, register, signed_in_browser,
    spawn_app_on, walk,
};

const SCOPE: &str = "openid profile offline_access";

async fn max_age_and_prompt_login_force_a_new_sign_in(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("erin", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    // A fresh session satisfies max_age.
    let request = CodeRequest::new(&client, SCOPE).with("max_age", "60");
    let back = walk(&app, &browser, &request.url(&app), true).await;
    assert!(query(&back, "code").is_some());
    // Two minutes later it does not.
    app.clock.advance(120);
    let r = browser.get(request.url(&app)).send().await.unwrap();
    assert!(
        location(&app, &r).starts_with(&app.url("/login?req=")),
        "max_age forces a new sign-in"
    );
    let forced = CodeRequest::new(&client, SCOPE).with("prompt", "login");
    let r = browser.get(forced.url(&app)).send().await.unwrap();
    assert!(
        location(&app, &r).starts_with(&app.url("/login?req=")),
        "prompt=login forces a new sign-in"
    );
}

async fn deny_returns_access_denied_and_consent_is_remembered(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("frank", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let browser = signed_in_browser(&app, &user).await;
    let request = CodeRequest::new(&client, SCOPE);
    let back = walk(&app, &browser, &request.url(&app), false).await;
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    // Allow once; the next request goes straight through without a consent page.
    walk(&app, &browser, &request.url(&app), true).await;
    let r = browser.get(request.url(&app)).send().await.unwrap();
    let loc = location(&app, &r);
    assert!(
        loc.starts_with(REDIRECT) && loc.contains("code="),
        "consent remembered: {loc}"
    );
    // prompt=consent asks again; prompt=none with remembered consent issues a code.
    let again = request.with("prompt", "consent");
    let r = browser.get(again.url(&app)).send().await.unwrap();
    assert!(location(&app, &r).starts_with(&app.url("/consent")));
}

async fn form_post_response_mode_renders_an_auto_submitting_form(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("gina", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    let request = CodeRequest::new(&client, SCOPE).with("response_mode", "form_post");
    let r = browser.get(request.url(&app)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(!csp.contains("unsafe-inline"));
    let html = r.text().await.unwrap().replace("&#x2f;", "/");
    assert!(html.contains(&format!("action=\"{REDIRECT}\"")));
    assert!(html.contains("name=\"code\""));
    assert!(html.contains("name=\"iss\""));
    assert!(html.contains("/static/form_post.js"));
}

on_both_backends!(max_age_and_prompt_login_force_a_new_sign_in);
on_both_backends!(deny_returns_access_denied_and_consent_is_remembered);
on_both_backends!(form_post_response_mode_renders_an_auto_submitting_form);
