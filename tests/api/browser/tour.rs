//! A tour of the pages an administrator clicks through, in a real browser,
//! with a screenshot per step: the account page's sessions by browser name,
//! a passkey added, the admin client page's copy-ready settings (opened
//! without script), a user's page, and an unknown address that gets the
//! error page with a way back.

use anyhow::ensure;

use super::scenarios::{PASSWORD, world};

#[tokio::test]
async fn browser_tour_of_the_pages_that_help() {
    let Some(w) = world("tour").await else {
        return;
    };
    let root = w.app.create_admin("root").await;
    let alice = w.app.create_user("alice", PASSWORD).await;
    let client = w
        .app
        .state
        .repos
        .clients
        .list(0, 10)
        .await
        .unwrap()
        .items
        .remove(0);
    let admin = w.chromium.person("root").await;
    admin
        .step("sign in", async {
            admin.open(&w.app.url("/login")).await?;
            admin.fill("Username", "root").await?;
            admin.fill("Password", PASSWORD).await?;
            admin.click_button("Sign in").await?;
            admin.wait_for_text("Your account").await?;
            let text = admin.text().await?;
            // Headless Chromium on Linux, named rather than quoted.
            ensure!(text.contains("Chrome on Linux"), "sessions: {text}");
            ensure!(
                !text.contains("Mozilla/5.0"),
                "raw user agent shown: {text}"
            );
            Ok(())
        })
        .await;
    admin
        .step("add a passkey", async {
            admin.click_button("Add a passkey").await?;
            admin
                .wait_for(
                    "the passkey in the list",
                    "__lk.find('button', 'Remove').length === 1",
                )
                .await
        })
        .await;
    admin
        .step("the client page shows how to connect", async {
            admin.open(&w.app.url("/admin/clients")).await?;
            admin.click_link("Relying Party").await?;
            admin.wait_for_text("Connect an application").await?;
            let text = admin.text().await?;
            let discovery = w.app.url("/.well-known/openid-configuration");
            ensure!(text.contains(&discovery), "no discovery URL: {text}");
            ensure!(text.contains(client.client_id.as_str()));
            // The snippets open without script (a <details> element).
            let opened: bool = admin
                .js(
                    "(() => { const d = document.querySelector('details.snippet'); \
                     d.querySelector('summary').click(); return d.open; })()",
                )
                .await?;
            ensure!(opened, "the Grafana block did not open");
            admin.wait_for_text("[auth.generic_oauth]").await
        })
        .await;
    admin
        .step("a user's page names sessions and passkeys", async {
            admin
                .open(&w.app.url(&format!("/admin/users/{}", root.userid)))
                .await?;
            admin.wait_for_text("Chrome on Linux").await
        })
        .await;
    admin
        .step("another user's page", async {
            admin
                .open(&w.app.url(&format!("/admin/users/{}", alice.userid)))
                .await?;
            admin.wait_for_text("alice").await
        })
        .await;
    admin
        .step_allowing(
            "an unknown address gets the error page",
            &["status of 404"],
            async {
                admin.open(&w.app.url("/admin/no-such-page")).await?;
                admin.wait_for_text("Page not found").await
            },
        )
        .await;
    admin
        .step("its link leads home", async {
            admin.click_link("Go to your account").await?;
            admin.wait_for_text("Your account").await
        })
        .await;
}
