//! The sign-in page in a real browser in two languages: English, and
//! Arabic chosen by the relying party's `ui_locales` (right to left, the
//! layout mirrored). Each is photographed to
//! `target/browser-screenshots/languages/signin-<tag>.png`.

use anyhow::ensure;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::page::ScreenshotParams;

use super::driver::{self, Person};
use crate::helpers::{CodeRequest, register, spawn_app};

/// Saves the page as `signin-<tag>.png` and returns its size in bytes.
async fn photograph(person: &Person, tag: &str) -> u64 {
    let path = driver::screenshot_root()
        .join("languages")
        .join(format!("signin-{tag}.png"));
    let png = person
        .page
        .screenshot(
            ScreenshotParams::builder()
                .format(CaptureScreenshotFormat::Png)
                .full_page(true)
                .build(),
        )
        .await
        .unwrap();
    std::fs::write(&path, png).unwrap();
    std::fs::metadata(&path).unwrap().len()
}

#[tokio::test]
async fn browser_sign_in_page_in_english_and_arabic() {
    let Some(chromium) = driver::launch("languages").await else {
        return;
    };
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    let person = chromium.person("visitor").await;

    person
        .step("english sign-in page", async {
            person.open(&app.url("/login")).await?;
            person.wait_for_text("Sign in with a passkey").await?;
            ensure!(person.count_buttons("Sign in with a passkey").await? == 1);
            ensure!(person.count_buttons("Sign in").await? == 1);
            let dir: String = person.js("document.documentElement.dir").await?;
            ensure!(dir == "ltr", "dir {dir}");
            Ok(())
        })
        .await;
    assert!(photograph(&person, "en").await > 1000);

    let request = CodeRequest::new(&client, "openid").with("ui_locales", "ar de");
    person
        .step("arabic sign-in page", async {
            person.open(&request.url(&app)).await?;
            person.wait_for_text("تسجيل الدخول بمفتاح مرور").await?;
            ensure!(person.count_buttons("تسجيل الدخول بمفتاح مرور").await? == 1);
            ensure!(person.count_buttons("تسجيل الدخول").await? == 1);
            let (lang, dir): (String, String) = person
                .js("[document.documentElement.lang, document.documentElement.dir]")
                .await?;
            ensure!(lang == "ar" && dir == "rtl", "lang {lang}, dir {dir}");
            // Mirrored: the heading starts at the right edge of its card.
            let align: String = person
                .js("getComputedStyle(document.querySelector('h1')).direction")
                .await?;
            ensure!(align == "rtl", "direction {align}");
            Ok(())
        })
        .await;
    assert!(photograph(&person, "ar").await > 1000);
}
