//! Scenarios with invites, passkeys, the account page and the admin UI.

use anyhow::ensure;
use latchkey::manage::{self, Actor, CreateInvite};

use super::driver::{self, Person};
use super::rp::RelyingParty;
use super::scenarios::{PASSWORD, World, allow, allow_with, start_at_rp, world};
use crate::helpers::spawn_app;

/// Opens an invite link and creates a passkey there; lands on the account page.
async fn accept_invite_with_passkey(person: &Person, url: &str, username: &str) {
    person
        .step("open the invite", async {
            person.open(url).await?;
            person.wait_for_text(username).await
        })
        .await;
    person
        .step("create a passkey", async {
            person.click_button("Create a passkey").await?;
            person.wait_for_text("Your account").await?;
            ensure!(
                person.credentials().await? == 1,
                "no passkey in the authenticator"
            );
            ensure!(
                person.count_buttons("Remove").await? == 1,
                "the new passkey is not listed"
            );
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn browser_first_start_admin_invite_and_client_registration() {
    let Some(chromium) = driver::launch("first-start").await else {
        return;
    };
    let app = spawn_app().await;
    // The function `serve` uses for the invite it logs on first start.
    let invite =
        manage::bootstrap_admin_invite(&app.state.repos, app.state.clock.as_ref(), &app.base)
            .await
            .unwrap()
            .expect("a fresh server has no administrator");
    let rp = RelyingParty::start(&app.base).await;
    let admin = chromium.person("admin").await;
    accept_invite_with_passkey(&admin, &invite.url, "admin").await;
    admin
        .step("open the admin UI", async {
            admin.click_link("Administration").await?;
            admin.wait_for_text("Users").await?;
            admin.click_link("Clients").await?;
            admin.wait_for_text("Register a client").await
        })
        .await;
    let (id, secret) = admin
        .step("register a client", async {
            admin.fill("Name", "Relying Party").await?;
            admin
                .fill("Redirect URIs (one per line)", &rp.redirect_uri())
                .await?;
            admin
                .fill(
                    "Post-logout redirect URIs (one per line)",
                    &rp.post_logout_uri(),
                )
                .await?;
            admin.click_button("Register client").await?;
            admin.wait_for_text("shown only once").await?;
            let id: String = admin
                .js("document.querySelector('main code, code').innerText")
                .await?;
            let secret: String = admin
                .js("document.querySelector('code.secret').innerText")
                .await?;
            ensure!(!id.is_empty() && !secret.is_empty());
            Ok((id, secret))
        })
        .await;
    rp.set_client(id, Some(secret));
    let w = World { app, rp, chromium };
    admin
        .step("the new client sends the administrator to consent", async {
            admin.open(&w.rp.url("/login")).await?;
            admin.wait_for_text("wants to access your account").await
        })
        .await;
    allow_with(&admin, &w, "admin", false).await;
}

#[tokio::test]
async fn browser_invited_user_signs_in_with_a_passkey() {
    let Some(w) = world("passkey-sign-in").await else {
        return;
    };
    let invite = manage::create_invite(
        &w.app.state.repos,
        w.app.state.clock.as_ref(),
        &w.app.base,
        &Actor::system(),
        CreateInvite {
            username: "bob".into(),
            email: Some("bob@example.com".into()),
            ttl_seconds: 3600,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let bob = w.chromium.person("bob").await;
    accept_invite_with_passkey(&bob, &invite.url, "bob").await;
    bob.step("sign out of Latchkey", async {
        bob.open(&w.app.url("/logout")).await?;
        bob.click_button("Sign out").await?;
        bob.wait_for_text("You are signed out").await
    })
    .await;
    // Without presence the autofill (conditional) request started by the
    // sign-in page stays pending, so the button is what signs bob in.
    bob.presence(false).await.unwrap();
    start_at_rp(&bob, &w).await;
    bob.step("sign in with a passkey", async {
        bob.click_button("Sign in with a passkey").await?;
        // The click aborted the autofill request; the button's request now
        // waits for the authenticator.
        bob.presence(true).await?;
        bob.wait_for_text("wants to access your account").await
    })
    .await;
    allow(&bob, &w, "bob").await;
    bob.step("the ID token says a passkey was used", async {
        let text = bob.text().await?;
        ensure!(text.contains("hwk") || text.contains("swk"), "amr: {text}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn browser_account_adds_and_removes_a_passkey() {
    let Some(w) = world("account").await else {
        return;
    };
    w.app.create_user("frank", PASSWORD).await;
    let frank = w.chromium.person("frank").await;
    frank
        .step("sign in at Latchkey with a password", async {
            frank.open(&w.app.url("/login")).await?;
            frank.fill("Username", "frank").await?;
            frank.fill("Password", PASSWORD).await?;
            frank.click_button("Sign in").await?;
            frank.wait_for_text("Your account").await?;
            ensure!(frank.count_buttons("Remove").await? == 0);
            Ok(())
        })
        .await;
    frank
        .step("add a passkey", async {
            frank.click_button("Add a passkey").await?;
            frank
                .wait_for(
                    "the passkey in the list",
                    "__lk.find('button', 'Remove').length === 1",
                )
                .await?;
            ensure!(
                frank.credentials().await? == 1,
                "no passkey in the authenticator"
            );
            ensure!(
                frank.count_buttons("Remove").await? == 1,
                "the passkey is not listed"
            );
            Ok(())
        })
        .await;
    frank
        .step("remove it", async {
            frank.click_button("Remove").await?;
            frank.wait_for_text("The passkey has been removed").await?;
            ensure!(
                frank.count_buttons("Remove").await? == 0,
                "the passkey is still listed"
            );
            Ok(())
        })
        .await;
}

#[tokio::test]
async fn browser_account_lists_and_revokes_a_connected_app() {
    let Some(w) = world("connected-apps").await else {
        return;
    };
    w.app.create_user("gwen", PASSWORD).await;
    let gwen = w.chromium.person("gwen").await;
    start_at_rp(&gwen, &w).await;
    gwen.step("sign in with a password", async {
        gwen.fill("Username", "gwen").await?;
        gwen.fill("Password", PASSWORD).await?;
        gwen.click_button("Sign in").await?;
        gwen.wait_for_text("wants to access your account").await
    })
    .await;
    allow(&gwen, &w, "gwen").await;
    gwen.step("the account page lists the relying party", async {
        gwen.open(&w.app.url("/account")).await?;
        gwen.wait_for_text("Connected apps").await?;
        let text = gwen.text().await?;
        ensure!(text.contains("Relying Party"), "not listed: {text}");
        ensure!(gwen.count_buttons("Revoke").await? == 1);
        ensure!(gwen.count_buttons("Sign out everywhere").await? == 1);
        Ok(())
    })
    .await;
    gwen.step("revoke it", async {
        gwen.click_button("Revoke").await?;
        gwen.wait_for_text("access has been revoked").await?;
        ensure!(gwen.count_buttons("Revoke").await? == 0, "still listed");
        ensure!(
            gwen.text()
                .await?
                .contains("No applications have access to your account")
        );
        Ok(())
    })
    .await;
    gwen.step("the relying party must ask for consent again", async {
        gwen.open(&w.rp.url("/login")).await?;
        gwen.wait_for_text("wants to access your account").await
    })
    .await;
    gwen.step("sign out everywhere", async {
        gwen.open(&w.app.url("/account")).await?;
        gwen.wait_for_text("Connected apps").await?;
        gwen.click_button("Sign out everywhere").await?;
        gwen.wait_for_text("You are signed out").await?;
        gwen.open(&w.app.url("/account")).await?;
        gwen.wait_for_text("Sign in").await?;
        ensure!(gwen.url().await?.starts_with(&w.app.url("/login")));
        Ok(())
    })
    .await;
}
