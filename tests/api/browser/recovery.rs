//! "Lost your passkey?" in a real browser: from the sign-in page to a
//! mailed recovery link, through the cooling-off delay, to a new passkey
//! that signs in to a relying party as the same account.

use anyhow::ensure;
use latchkey::config::SmtpSettings;
use latchkey::manage::{self, Actor, CreateClient, CreateInvite};

use super::driver;
use super::rp::RelyingParty;
use super::scenarios::{World, allow, start_at_rp};
use crate::helpers::spawn_app_with;
use crate::mail::SmtpSink;

#[tokio::test]
async fn browser_lost_passkey_to_a_new_passkey() {
    let Some(chromium) = driver::launch("lost-passkey").await else {
        return;
    };
    let sink = SmtpSink::start().await;
    let smtp = sink.url();
    // The default cooling-off delay (24 hours).
    let app = spawn_app_with(move |s| {
        s.smtp = Some(SmtpSettings {
            url: smtp.into(),
            from: "Latchkey <id@example.com>".into(),
        });
    })
    .await;
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
    let w = World { app, rp, chromium };

    // Carol's account, made with a passkey on a phone she then loses, and
    // her verified address.
    let invite = manage::create_invite(
        &w.app.state.repos,
        w.app.state.clock.as_ref(),
        &w.app.base,
        &Actor::system(),
        CreateInvite {
            username: "carol".into(),
            email: Some("carol@example.com".into()),
            ttl_seconds: 3600,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let old_phone = w.chromium.person("old-phone").await;
    old_phone
        .step("carol creates her first passkey", async {
            old_phone.open(&invite.url).await?;
            old_phone.click_button("Create a passkey").await?;
            old_phone.wait_for_text("Your account").await?;
            ensure!(old_phone.credentials().await? == 1);
            Ok(())
        })
        .await;
    let carol_user = w
        .app
        .state
        .repos
        .users
        .get_by_username("carol")
        .await
        .unwrap()
        .expect("carol's account");
    w.app
        .state
        .repos
        .users
        .mark_email_verified(&carol_user.userid, "carol@example.com", 1)
        .await
        .unwrap();

    let carol = w.chromium.person("carol").await;
    start_at_rp(&carol, &w).await;
    carol
        .step("ask for a recovery link", async {
            carol.click_link("Lost your passkey?").await?;
            carol.wait_for_text("Recover your account").await?;
            carol.fill("Email", "carol@example.com").await?;
            carol.click_button("Send recovery link").await?;
            carol.wait_for_text("a recovery link is on its way").await?;
            carol.wait_for_text("ask your administrator").await
        })
        .await;
    let messages = sink.wait_for(1).await;
    let link = messages[0]
        .data
        .lines()
        .find(|l| l.starts_with("http"))
        .expect("a link in the mail")
        .to_owned();
    carol
        .step_allowing(
            "the link waits for the cooling-off delay",
            &["403"],
            async {
                carol.open(&link).await?;
                carol.wait_for_text("not usable yet").await
            },
        )
        .await;
    w.app.clock.advance(86_400);
    carol
        .step("after the delay, create a passkey", async {
            carol.open(&link).await?;
            carol.wait_for_text("Add a way to sign in").await?;
            carol.click_button("Create a passkey").await?;
            carol.wait_for_text("Your account").await?;
            ensure!(
                carol.credentials().await? == 1,
                "no passkey in the authenticator"
            );
            // The lost passkey and the new one (the lost one is removed next).
            ensure!(carol.count_buttons("Remove").await? == 2);
            Ok(())
        })
        .await;
    old_phone
        .step("the lost phone's session has ended", async {
            old_phone.open(&w.app.url("/account")).await?;
            old_phone.wait_for_text("Sign in with a passkey").await?;
            ensure!(old_phone.url().await?.starts_with(&w.app.url("/login")));
            Ok(())
        })
        .await;
    carol
        .step("remove the lost passkey", async {
            // The older passkey is listed first; both are named "Remove".
            carol
                .js::<bool>(
                    "(() => { document.querySelector(\
                     'form[action^=\"/account/passkeys/\"][action$=\"/remove\"] button').click(); \
                     return true; })()",
                )
                .await?;
            carol.wait_for_text("The passkey has been removed").await?;
            ensure!(carol.count_buttons("Remove").await? == 1);
            Ok(())
        })
        .await;
    carol
        .step("sign out of Latchkey", async {
            carol.open(&w.app.url("/logout")).await?;
            carol.click_button("Sign out").await?;
            carol.wait_for_text("You are signed out").await
        })
        .await;
    // The new passkey signs carol in to the relying party.
    carol.presence(false).await.unwrap();
    start_at_rp(&carol, &w).await;
    carol
        .step("sign in with the new passkey", async {
            carol.click_button("Sign in with a passkey").await?;
            carol.presence(true).await?;
            carol.wait_for_text("wants to access your account").await
        })
        .await;
    allow(&carol, &w, "carol").await;
    carol
        .step("the same account: the same sub", async {
            let text = carol.text().await?;
            ensure!(text.contains(&carol_user.userid), "sub: {text}");
            Ok(())
        })
        .await;
    assert_eq!(w.app.passkeys(&carol_user.userid).await.len(), 1);
}
