//! A person sets up an authenticator app on `/account` (reading the secret
//! from the page, as someone typing it into their app would), signs out,
//! and signs in to the relying party with their password and then a code
//! on the second step.

use anyhow::ensure;

use super::scenarios::{PASSWORD, allow, start_at_rp, world};

/// The TOTP code of `secret` (base32, as the page shows it) at `at`.
fn totp(secret: &str, at: i64) -> String {
    let cleaned: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(&cleaned).unwrap())
        .build()
        .unwrap()
        .generate(u64::try_from(at).unwrap())
        .to_string()
}

#[tokio::test]
async fn browser_enrols_an_authenticator_and_signs_in_with_a_code() {
    let Some(w) = world("second-factor").await else {
        return;
    };
    w.app.create_user("grace", PASSWORD).await;
    let now = || latchkey::clock::Clock::now(&w.app.clock);
    let grace = w.chromium.person("grace").await;
    grace
        .step("sign in to the account page with a password", async {
            grace.open(&w.app.url("/login")).await?;
            grace.fill("Username", "grace").await?;
            grace.fill("Password", PASSWORD).await?;
            grace.click_button("Sign in").await?;
            grace.wait_for_text("Set up an authenticator app").await
        })
        .await;
    let secret = grace
        .step("set up an authenticator app", async {
            grace.click_button("Set up an authenticator app").await?;
            grace.wait_for_text("Verify").await?;
            let secret: String = grace
                .js("document.getElementById('totp-secret').innerText")
                .await?;
            ensure!(!secret.is_empty(), "no secret on the page");
            grace.fill("Code", &totp(&secret, now())).await?;
            grace.click_button("Verify").await?;
            grace.wait_for_text("backup codes").await?;
            Ok(secret.replace(['-', ' '], ""))
        })
        .await;
    grace
        .step("sign out of Latchkey", async {
            grace.open(&w.app.url("/logout")).await?;
            grace.click_button("Sign out").await?;
            grace.wait_for_text("You are signed out").await
        })
        .await;
    // The code used at enrolment is spent; the next one comes 30 s later.
    w.app.clock.advance(30);
    start_at_rp(&grace, &w).await;
    grace
        .step("the password leads to the second step", async {
            grace.fill("Username", "grace").await?;
            grace.fill("Password", PASSWORD).await?;
            grace.click_button("Sign in").await?;
            grace.wait_for_text("authenticator app shows").await?;
            ensure!(
                grace
                    .url()
                    .await?
                    .starts_with(&w.app.url("/login/second-factor"))
            );
            Ok(())
        })
        .await;
    grace
        .step_allowing("a wrong code shows the alert", &["status of 4"], async {
            let right = totp(&secret, now());
            let wrong = if right == "000000" {
                "111111"
            } else {
                "000000"
            };
            grace.fill("Code", wrong).await?;
            grace.click_button("Verify").await?;
            grace.wait_for_text("Incorrect code").await?;
            let alert: String = grace
                .js("document.querySelector('[role=alert]').innerText")
                .await?;
            ensure!(alert.starts_with("Incorrect code"), "alert: {alert:?}");
            Ok(())
        })
        .await;
    grace
        .step("the right code signs in", async {
            grace.fill("Code", &totp(&secret, now())).await?;
            grace.click_button("Verify").await?;
            grace.wait_for_text("wants to access your account").await
        })
        .await;
    allow(&grace, &w, "grace").await;
}
