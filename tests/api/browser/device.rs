//! The device verification page in a real browser: a person opens
//! `/device`, types the code a device shows into **Code**, presses
//! **Continue**, signs in and presses **Allow**; the device's next poll
//! gets its tokens.

use anyhow::ensure;
use latchkey::manage::{self, Actor, CreateClient};
use serde_json::Value;

use super::driver;
use super::scenarios::PASSWORD;
use crate::helpers::spawn_app;

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

#[tokio::test]
async fn browser_device_page_signs_a_device_in() {
    let Some(chromium) = driver::launch("device").await else {
        return;
    };
    let app = spawn_app().await;
    app.create_user("alice", PASSWORD).await;
    let client_id = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "TV App".into(),
            public: true,
            extra_grants: vec![DEVICE_GRANT.into()],
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .client_id;
    // The device asks for a code, and polls once before anyone decides.
    let http = reqwest::Client::new();
    let start: Value = http
        .post(app.url("/device_authorization"))
        .form(&[
            ("client_id", client_id.as_str()),
            ("scope", "openid profile"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let device_code = start["device_code"].as_str().unwrap().to_owned();
    let user_code = start["user_code"].as_str().unwrap().to_owned();
    let poll = || async {
        http.post(app.url("/token"))
            .form(&[
                ("client_id", client_id.as_str()),
                ("grant_type", DEVICE_GRANT),
                ("device_code", device_code.as_str()),
            ])
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    assert_eq!(poll().await["error"], "authorization_pending");

    let alice = chromium.person("alice").await;
    alice
        .step("open the device page and enter the code", async {
            alice.open(&app.url("/device")).await?;
            alice.wait_for_text("Sign in a device").await?;
            alice.fill("Code", &user_code.to_lowercase()).await?;
            alice.click_button("Continue").await?;
            alice.wait_for_text("to continue to").await?;
            ensure!(alice.url().await?.starts_with(&app.url("/login")));
            Ok(())
        })
        .await;
    alice
        .step("sign in and see the consent page with the code", async {
            alice.fill("Username", "alice").await?;
            alice.fill("Password", PASSWORD).await?;
            alice.click_button("Sign in").await?;
            alice.wait_for_text("wants to access your account").await?;
            let text = alice.text().await?;
            ensure!(text.contains("TV App"), "names the client: {text}");
            ensure!(text.contains(&user_code), "shows the code: {text}");
            Ok(())
        })
        .await;
    alice
        .step("allow", async {
            alice.click_button("Allow").await?;
            alice.wait_for_text("Device signed in").await
        })
        .await;
    app.clock.advance(5);
    let tokens = poll().await;
    assert!(tokens["access_token"].is_string(), "{tokens}");
    assert!(tokens["id_token"].is_string(), "{tokens}");
}
