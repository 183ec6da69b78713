//! The scenarios of issue 6, each a person in a real browser.

use anyhow::ensure;
use latchkey::manage::{self, Actor, CreateClient};

use super::driver::{self, Person};
use super::rp::RelyingParty;
use crate::helpers::{TestApp, spawn_app};

pub const PASSWORD: &str = "correct horse battery";

/// A server, a relying party registered with it, and Chromium.
pub struct World {
    pub app: TestApp,
    pub rp: RelyingParty,
    pub chromium: driver::Chromium,
}

/// `None` when Chromium is missing (the driver says so loudly).
pub async fn world(scenario: &str) -> Option<World> {
    let chromium = driver::launch(scenario).await?;
    let app = spawn_app().await;
    let rp = RelyingParty::start(&app.base).await;
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Relying Party".into(),
            redirect_uris: vec![rp.redirect_uri()],
            post_logout_redirect_uris: vec![rp.post_logout_uri()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    rp.set_client(created.client_id, created.client_secret);
    Some(World { app, rp, chromium })
}

/// From the relying party's sign-in link to Latchkey's sign-in page.
pub async fn start_at_rp(person: &Person, w: &World) {
    person
        .step("open the relying party's sign-in", async {
            person.open(&w.rp.url("/login")).await?;
            person.wait_for_text("Sign in").await?;
            ensure!(person.url().await?.starts_with(&w.app.url("/login")));
            Ok(())
        })
        .await;
}

/// Username and password on the sign-in page, then the consent page.
async fn sign_in_with_password(person: &Person, username: &str) {
    person
        .step("sign in with a password", async {
            person.fill("Username", username).await?;
            person.fill("Password", PASSWORD).await?;
            person.click_button("Sign in").await?;
            person.wait_for_text("wants to access your account").await
        })
        .await;
}

/// **Allow** on the consent page; the relying party shows the userinfo.
pub async fn allow(person: &Person, w: &World, username: &str) {
    allow_with(person, w, username, true).await;
}

/// `allow`, optionally expecting the example email in the userinfo.
pub async fn allow_with(person: &Person, w: &World, username: &str, email: bool) {
    person
        .step("allow and see the userinfo at the relying party", async {
            person.wait_for_text("Relying Party").await?;
            person.click_button("Allow").await?;
            person.wait_for_text("preferred_username").await?;
            ensure!(person.url().await?.starts_with(&w.rp.url("/callback")));
            let text = person.text().await?;
            ensure!(
                text.contains(username),
                "userinfo without the username: {text}"
            );
            ensure!(
                !email || text.contains(&format!("{username}@example.com")),
                "userinfo without the email: {text}"
            );
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn browser_password_sign_in_and_wrong_password() {
    let Some(w) = world("password").await else {
        return;
    };
    w.app.create_user("carol", PASSWORD).await;
    let carol = w.chromium.person("carol").await;
    start_at_rp(&carol, &w).await;
    carol
        .step_allowing(
            "a wrong password shows the alert",
            &["status of 4"],
            async {
                carol.fill("Username", "carol").await?;
                carol.fill("Password", "not the password").await?;
                carol.click_button("Sign in").await?;
                carol
                    .wait_for(
                        "the sign-in alert",
                        "(document.querySelector('[role=alert]')?.innerText || '').trim() !== ''",
                    )
                    .await?;
                // Give the page's scripts (passkey autofill) time to run: the
                // message must stay the sign-in failure.
                tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
                let alert: String = carol
                    .js("document.querySelector('[role=alert]').innerText")
                    .await?;
                ensure!(
                    alert.starts_with("Incorrect username or password"),
                    "alert says {alert:?}"
                );
                Ok(())
            },
        )
        .await;
    carol
        .step("the username is kept; the right password signs in", async {
            let kept: String = carol
                .js("document.querySelector('input[autocomplete^=username]').value")
                .await?;
            ensure!(kept == "carol", "username field holds {kept:?}");
            carol.fill("Password", PASSWORD).await?;
            carol.click_button("Sign in").await?;
            carol.wait_for_text("wants to access your account").await
        })
        .await;
    allow(&carol, &w, "carol").await;
}

#[tokio::test]
async fn browser_deny_returns_access_denied() {
    let Some(w) = world("deny").await else {
        return;
    };
    w.app.create_user("dave", PASSWORD).await;
    let dave = w.chromium.person("dave").await;
    start_at_rp(&dave, &w).await;
    sign_in_with_password(&dave, "dave").await;
    dave.step("deny: the relying party gets access_denied", async {
        dave.click_button("Deny").await?;
        dave.wait_for_text("Sign-in failed").await?;
        ensure!(dave.url().await?.starts_with(&w.rp.url("/callback")));
        let error: String = dave
            .js("document.getElementById('error').innerText")
            .await?;
        ensure!(error == "access_denied", "error is {error:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn browser_logout_then_prompt_none_needs_login() {
    let Some(w) = world("logout").await else {
        return;
    };
    w.app.create_user("erin", PASSWORD).await;
    let erin = w.chromium.person("erin").await;
    start_at_rp(&erin, &w).await;
    sign_in_with_password(&erin, "erin").await;
    allow(&erin, &w, "erin").await;
    erin.step("silent sign-in works while signed in", async {
        erin.open(&w.rp.url("/login?prompt=none")).await?;
        erin.wait_for_text("preferred_username").await
    })
    .await;
    erin.step("log out at the relying party", async {
        erin.click_link("Log out").await?;
        // With a valid id_token_hint Latchkey may sign out at once; otherwise
        // it asks first.
        erin.wait_for(
            "the sign-out confirmation or the relying party",
            "/Sign out\\?|signed out of the relying party/i.test(document.body.innerText)",
        )
        .await?;
        if erin.url().await?.starts_with(&w.app.url("/logout")) {
            erin.click_button("Sign out").await?;
        }
        erin.wait_for_text("signed out of the relying party")
            .await?;
        ensure!(erin.url().await?.starts_with(&w.rp.post_logout_uri()));
        Ok(())
    })
    .await;
    erin.step("prompt=none now returns login_required", async {
        erin.open(&w.rp.url("/login?prompt=none")).await?;
        erin.wait_for_text("Sign-in failed").await?;
        let error: String = erin
            .js("document.getElementById('error').innerText")
            .await?;
        ensure!(error == "login_required", "error is {error:?}");
        Ok(())
    })
    .await;
}

/// `response_mode=form_post` (issue 14): Latchkey answers with a page whose
/// script (`/static/form_post.js`, no inline script under the strict CSP)
/// posts the code to the relying party by itself; the relying party
/// receives it by POST and finishes the sign-in.
#[tokio::test]
async fn browser_form_post_answer_submits_itself() {
    let Some(w) = world("form_post").await else {
        return;
    };
    w.app.create_user("frank", PASSWORD).await;
    let frank = w.chromium.person("frank").await;
    frank
        .step("open the relying party's sign-in with form_post", async {
            frank
                .open(&w.rp.url("/login?response_mode=form_post"))
                .await?;
            frank.wait_for_text("Sign in").await?;
            ensure!(frank.url().await?.starts_with(&w.app.url("/login")));
            Ok(())
        })
        .await;
    sign_in_with_password(&frank, "frank").await;
    allow(&frank, &w, "frank").await;
    frank
        .step("the code arrived at the relying party by POST", async {
            let method: String = frank
                .js("document.getElementById('method').innerText")
                .await?;
            ensure!(method == "POST", "the answer arrived by {method}");
            Ok(())
        })
        .await;
}
