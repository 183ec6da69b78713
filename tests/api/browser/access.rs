//! A client restricted to a group, in a real browser: an outsider who signs
//! in through the relying party sees that they have no access, and going
//! back tells the relying party `access_denied`.

use anyhow::ensure;
use latchkey::manage::{self, Actor, ClientChange};

use super::scenarios::{PASSWORD, start_at_rp, world};

#[tokio::test]
async fn browser_a_restricted_user_sees_the_no_access_page() {
    let Some(w) = world("no-access").await else {
        return;
    };
    let (repos, clock) = (&w.app.state.repos, w.app.state.clock.as_ref());
    manage::create_group(repos, clock, &Actor::system(), "ops", None)
        .await
        .unwrap();
    let client = repos.clients.list(0, 10).await.unwrap().items.remove(0);
    manage::update_client(
        repos,
        clock,
        &Actor::system(),
        &client.client_id,
        ClientChange {
            allowed_groups: Some(vec!["ops".into()]),
            ..ClientChange::default()
        },
    )
    .await
    .unwrap();
    w.app.create_user("eve", PASSWORD).await;
    let eve = w.chromium.person("eve").await;
    start_at_rp(&eve, &w).await;
    eve.step_allowing(
        "sign in and see the no-access page",
        &["status of 403"],
        async {
            eve.fill("Username", "eve").await?;
            eve.fill("Password", PASSWORD).await?;
            eve.click_button("Sign in").await?;
            eve.wait_for_text("You don't have access to Relying Party")
                .await?;
            let text = eve.text().await?;
            ensure!(
                !text.contains("wants to access your account"),
                "no consent page: {text}"
            );
            Ok(())
        },
    )
    .await;
    eve.step("go back: the relying party gets access_denied", async {
        eve.click_link("Back to Relying Party").await?;
        eve.wait_for_text("Sign-in failed").await?;
        ensure!(eve.url().await?.starts_with(&w.rp.url("/callback")));
        let error: String = eve.js("document.getElementById('error').innerText").await?;
        ensure!(error == "access_denied", "the relying party got {error}");
        Ok(())
    })
    .await;
}
