//! Branding: the instance's name, logo, accent colour and support contact
//! on every page, in e-mails and as the WebAuthn relying-party name;
//! clients' uploaded logos and links on the sign-in and consent pages; the
//! **Sign out** link of signed-in pages.

use std::collections::HashMap;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::helpers::passkeys::post_json;
use crate::helpers::{
    Backend, CodeRequest, TestApp, form_token, location, login_page, register, sign_in,
    signed_in_browser, spawn_app, spawn_app_on_with, spawn_app_with, unescape,
};
use crate::mail::SmtpSink;
use latchkey::config::{Layers, Settings};

/// A tiny PNG (1×1), as a logo file.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0b7a75"/></svg>"##;

const SVG_WITH_SCRIPT: &str =
    r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"#;

/// Branded settings: name, a PNG logo written to `dir`, accent, support.
fn brand(s: &mut Settings, dir: &std::path::Path) {
    let path = dir.join("logo.png");
    std::fs::write(&path, PNG).unwrap();
    let mut layers = Layers::default();
    layers.flags.insert("LATCHKEY_ISSUER", s.issuer.clone());
    layers
        .flags
        .insert("LATCHKEY_INSTANCE_NAME", "Acme ID".into());
    layers
        .flags
        .insert("LATCHKEY_LOGO", path.display().to_string());
    layers
        .flags
        .insert("LATCHKEY_ACCENT_COLOR", "#0B7A75".into());
    layers
        .flags
        .insert("LATCHKEY_SUPPORT_CONTACT", "help@acme.example".into());
    s.branding = Settings::from_layers(&layers).unwrap().branding;
}

async fn branded_app(smtp: Option<&SmtpSink>) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let url = smtp.map(SmtpSink::url);
    let app = spawn_app_with(move |s| {
        brand(s, &path);
        if let Some(url) = url {
            s.smtp = Some(latchkey::config::SmtpSettings {
                url: url.into(),
                from: "id@acme.example".into(),
            });
        }
    })
    .await;
    (app, dir)
}

fn logo_hash() -> String {
    latchkey::branding::content_hash(PNG)
}

/// What every page of a branded instance shows.
fn assert_branded(html: &str, title: &str) {
    let html = &unescape(html);
    assert!(
        html.contains(&format!("<title>{title} · Acme ID</title>")),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            r#"<img class="logo" src="/branding/logo?v={}""#,
            logo_hash()
        )),
        "{html}"
    );
    assert!(html.contains(r#"<link rel="stylesheet" href="/branding/style.css?v="#));
    assert!(
        html.contains(r#"href="mailto:help@acme.example" rel="noopener noreferrer">Help: help@acme.example</a>"#),
        "{html}"
    );
    assert!(
        !html.contains("Latchkey"),
        "the default name is gone: {html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn branding_appears_on_sign_in_consent_and_error_pages() {
    let (app, _dir) = branded_app(None).await;
    let login = login_page(&app, "").await;
    assert_branded(&login.html, "Sign in");

    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, false).await;
    let b = signed_in_browser(&app, &alice).await;
    let r = b
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let consent = location(&app, &r);
    let html = b.get(&consent).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("wants to access your account"), "{html}");
    let title = format!("Allow {}?", unescape(&between_title(&html)));
    assert_branded(&html, &title);

    // An error page rendered by the error layer is branded too.
    let r = reqwest::get(app.url("/invite/unknown-token"))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    assert!(html.contains(" · Acme ID</title>"), "{html}");
}

/// The client name inside the consent page's title.
fn between_title(html: &str) -> String {
    let start = html.find("<title>Allow ").unwrap() + "<title>Allow ".len();
    let end = html[start..].find("? · ").unwrap();
    html[start..start + end].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_instance_is_called_latchkey_and_loads_no_extra_stylesheet() {
    let app = spawn_app().await;
    let login = login_page(&app, "").await;
    assert!(login.html.contains("<title>Sign in · Latchkey</title>"));
    assert!(
        !unescape(&login.html).contains("/branding/"),
        "{}",
        login.html
    );
    assert!(
        !login
            .html
            .contains("<footer class=\"bottom\"><span>Latchkey</span> ·")
    );
    for path in ["/branding/logo", "/branding/style.css"] {
        let r = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logo_and_accent_stylesheet_are_served_with_long_cache() {
    let (app, _dir) = branded_app(None).await;
    let hash = logo_hash();
    let r = reqwest::get(app.url(&format!("/branding/logo?v={hash}")))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("sandbox"),
        "{csp}"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);
    // A URL with another hash gets the current file, not cached for long.
    let r = reqwest::get(app.url("/branding/logo?v=0000"))
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-cache");

    let login = login_page(&app, "").await;
    let css_url = unescape(&login.html)
        .split(r#"<link rel="stylesheet" href=""#)
        .nth(2)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(css_url.starts_with("/branding/style.css?v="), "{css_url}");
    let r = reqwest::get(app.url(&unescape(&css_url))).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let css = r.text().await.unwrap();
    assert!(css.contains("--accent: #0b7a75;"), "{css}");
    assert!(css.contains("--accent-fg: #ffffff;"), "{css}");
    // Pages keep their strict policy: styles only from this server.
    let r = reqwest::get(app.url("/login")).await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_svg_logo_is_served_so_it_cannot_script() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logo.svg");
    std::fs::write(&path, SVG).unwrap();
    let app = spawn_app_with(|s| {
        let mut layers = Layers::default();
        layers
            .flags
            .insert("LATCHKEY_LOGO", path.display().to_string());
        s.branding = Settings::from_layers(&layers).unwrap().branding;
    })
    .await;
    let r = reqwest::get(app.url("/branding/logo")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("sandbox"), "{csp}");
    assert!(!csp.contains("script-src"), "{csp}");
}

/// Settings from these flags, or the startup error.
fn settings_with(flags: &[(&'static str, &str)]) -> Result<Settings, String> {
    let mut layers = Layers::default();
    for (k, v) in flags {
        layers.flags.insert(k, (*v).to_owned());
    }
    Settings::from_layers(&layers).map_err(|e| e.to_string())
}

#[test]
fn bad_branding_stops_startup_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let cases = [
        (
            dir.path().join("missing.png").display().to_string(),
            "cannot read it",
        ),
        (
            write("notes.png", b"just some text"),
            "not a PNG, JPEG, WebP or SVG",
        ),
        (
            write("anim.gif", b"GIF89a\x01\0\x01\0"),
            "not a PNG, JPEG, WebP or SVG",
        ),
        (
            write("huge.png", &[PNG, &vec![0_u8; 300 * 1024]].concat()),
            "more than the 262144 allowed",
        ),
        (write("evil.svg", SVG_WITH_SCRIPT.as_bytes()), "<script>"),
        (
            write(
                "onload.svg",
                br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            ),
            "event handler",
        ),
    ];
    for (path, why) in cases {
        let e = settings_with(&[("LATCHKEY_LOGO", &path)]).unwrap_err();
        assert!(e.contains("LATCHKEY_LOGO"), "{e}");
        assert!(e.contains(why), "{path}: {e}");
    }
    for (key, value) in [
        ("LATCHKEY_ACCENT_COLOR", "teal"),
        ("LATCHKEY_ACCENT_COLOR", "#0b7a7"),
        ("LATCHKEY_ACCENT_COLOR", "#0b7a75;}body{display:none"),
        ("LATCHKEY_SUPPORT_CONTACT", "http://help.example"),
        ("LATCHKEY_SUPPORT_CONTACT", "javascript:alert(1)"),
        ("LATCHKEY_INSTANCE_NAME", " "),
        ("LATCHKEY_INSTANCE_NAME", &"x".repeat(65)),
    ] {
        let e = settings_with(&[(key, value)]).unwrap_err();
        assert!(e.contains(key), "{key}={value}: {e}");
    }
    let ok = settings_with(&[
        ("LATCHKEY_LOGO", &write("ok.svg", SVG.as_bytes())),
        ("LATCHKEY_SUPPORT_CONTACT", "https://help.acme.example/"),
    ])
    .unwrap();
    assert_eq!(ok.branding.name, "Latchkey");
    assert!(ok.branding.logo.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mail_carries_the_instance_name_and_support_contact() {
    let sink = SmtpSink::start().await;
    let (app, _dir) = branded_app(Some(&sink)).await;
    let token = app.admin_token().await;
    let r = reqwest::Client::new()
        .post(app.url("/api/admin/v1/invites"))
        .bearer_auth(&token)
        .json(&json!({"username": "carol", "email": "carol@example.com", "send_email": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let mail = sink.wait_for(1).await.remove(0);
    assert!(
        mail.data.contains("Subject: Your invitation to Acme ID"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("sign in at Acme ID."), "{}", mail.data);
    assert!(
        mail.data
            .replace("\r\n", "\n")
            .contains(&format!("\n-- \nAcme ID, {}\n", app.base)),
        "{}",
        mail.data
    );
    assert!(
        mail.data.contains("Help: help@acme.example"),
        "{}",
        mail.data
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webauthn_relying_party_is_named_after_the_instance() {
    let (app, _dir) = branded_app(None).await;
    app.create_user("alice", "correct horse battery").await;
    let csrf = sign_in(&app, "alice", "correct horse battery").await;
    let r = post_json(
        &app,
        &app.http,
        &csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let start: Value = r.json().await.unwrap();
    assert_eq!(start["options"]["publicKey"]["rp"]["name"], "Acme ID");

    let plain = spawn_app().await;
    plain.create_user("bob", "correct horse battery").await;
    let csrf = sign_in(&plain, "bob", "correct horse battery").await;
    let r = post_json(
        &plain,
        &plain.http,
        &csrf,
        "/webauthn/register/start",
        json!({}),
    )
    .await;
    let start: Value = r.json().await.unwrap();
    assert_eq!(start["options"]["publicKey"]["rp"]["name"], "Latchkey");
}

const SIGN_OUT: &str = r#"<a class="signout" href="/logout">Sign out</a>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_in_pages_offer_sign_out_and_signed_out_pages_do_not() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let client = register(&app, false, false).await;

    let anonymous = crate::helpers::browser();
    for path in ["/login", "/recover", "/logout"] {
        let html = anonymous
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!unescape(&html).contains(SIGN_OUT), "{path}: {html}");
        assert!(!html.contains(">Sign out</a>"), "{path}");
    }

    let b = signed_in_browser(&app, &admin).await;
    for path in ["/account", "/admin/users", "/admin/clients", "/admin/audit"] {
        let html = b
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(unescape(&html).contains(SIGN_OUT), "{path}: {html}");
    }
    let r = b
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let consent = location(&app, &r);
    let html = b.get(&consent).send().await.unwrap().text().await.unwrap();
    assert!(unescape(&html).contains(SIGN_OUT), "consent: {html}");

    // The link leads to the confirmation page: a GET signs nobody out.
    let r = b.get(app.url("/logout")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"<button type="submit">Sign out</button>"#),
        "{html}"
    );
    let r = b.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 200, "still signed in after the GET");
    // The button signs out; then the header has no link.
    let csrf = crate::helpers::hidden(&html, "csrf");
    let r = app
        .post_form(
            &b,
            "/logout",
            &[("csrf", csrf.as_str()), ("confirm", "yes")],
        )
        .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let r = b.get(app.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), 303, "signed out");
    let html = b
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!unescape(&html).contains(SIGN_OUT));
}

/// `PUT /api/admin/v1/clients/{id}/logo` with `bytes`.
async fn put_logo(app: &TestApp, token: &str, client_id: &str, bytes: &[u8]) -> (u16, Value) {
    let r = reqwest::Client::new()
        .put(app.url(&format!("/api/admin/v1/clients/{client_id}/logo")))
        .bearer_auth(token)
        .json(&json!({"image_base64": base64::engine::general_purpose::STANDARD.encode(bytes)}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn client_logo_is_uploaded_served_and_hostile_files_refused(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |_| {}).await else {
        return;
    };
    let token = app.admin_token().await;
    let client = register(&app, false, false).await;

    let (s, v) = put_logo(&app, &token, &client.id, PNG).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["content_type"], "image/png");
    let hash = latchkey::branding::content_hash(PNG);
    assert_eq!(
        v["url"],
        format!("/branding/clients/{}/logo?v={hash}", client.id)
    );
    let r = reqwest::get(app.url(v["url"].as_str().unwrap()))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);

    // Hostile or wrong files are refused and the stored logo stays.
    let too_big = [PNG, &vec![0_u8; 33 * 1024]].concat();
    for (bytes, why) in [
        (&b"GIF89a\x01\0\x01\0"[..], "not a PNG, JPEG, WebP or SVG"),
        (b"<html><script>alert(1)</script></html>", "not a PNG"),
        (SVG_WITH_SCRIPT.as_bytes(), "<script>"),
        (
            br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>"#,
            "outside the image",
        ),
        (&too_big[..], "more than the 32768 allowed"),
        (b"", "empty"),
    ] {
        let (s, v) = put_logo(&app, &token, &client.id, bytes).await;
        assert_eq!(s, 422, "{v}");
        assert_eq!(v["error"], "validation_failed");
        assert!(v["message"].as_str().unwrap().contains(why), "{v}");
    }
    let r = reqwest::Client::new()
        .put(app.url(&format!("/api/admin/v1/clients/{}/logo", client.id)))
        .bearer_auth(&token)
        .json(&json!({"image_base64": "not base64!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let (s, _) = put_logo(&app, &token, "no-such-client", PNG).await;
    assert_eq!(s, 404);
    let stored = app
        .state
        .repos
        .client_logos
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.bytes, PNG);

    // An SVG without scripts is taken and served as SVG, sandboxed.
    let (s, v) = put_logo(&app, &token, &client.id, SVG.as_bytes()).await;
    assert_eq!(s, 200, "{v}");
    let r = reqwest::get(app.url(v["url"].as_str().unwrap()))
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "image/svg+xml");

    // Removed: the URL answers 404; a second removal too.
    let del = |token: String| {
        let url = app.url(&format!("/api/admin/v1/clients/{}/logo", client.id));
        async move {
            reqwest::Client::new()
                .delete(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(del(token.clone()).await, 204);
    assert_eq!(del(token.clone()).await, 404);
    let r = reqwest::get(app.url(v["url"].as_str().unwrap()))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // Deleting the client deletes its logo.
    let (s, _) = put_logo(&app, &token, &client.id, PNG).await;
    assert_eq!(s, 200);
    latchkey::manage::delete_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &client.id,
    )
    .await
    .unwrap();
    assert!(
        app.state
            .repos
            .client_logos
            .get(&client.id)
            .await
            .unwrap()
            .is_none()
    );
}
crate::helpers::on_both_backends!(client_logo_is_uploaded_served_and_hostile_files_refused);

/// Posts `bytes` as the logo file of the admin client page.
async fn upload(
    app: &TestApp,
    b: &reqwest::Client,
    csrf: &str,
    client_id: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let boundary = "latchkey-test-boundary-7d1c";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    b.post(app.url(&format!("/admin/clients/{client_id}/logo")))
        .header("Origin", &app.base)
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_client_page_uploads_and_removes_a_logo() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let client = register(&app, false, false).await;
    let page = format!("/admin/clients/{}", client.id);
    let csrf = form_token(&b, &app, &page).await;
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"enctype="multipart/form-data""#), "{html}");
    assert!(html.contains("Upload logo"));

    let r = upload(&app, &b, &csrf, &client.id, SVG_WITH_SCRIPT.as_bytes()).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"role="alert""#) && html.contains("&lt;script&gt;"),
        "{html}"
    );

    // Without the CSRF token nothing is stored.
    let r = upload(&app, &b, "wrong", &client.id, PNG).await;
    assert_eq!(r.status(), 403);
    assert!(
        app.state
            .repos
            .client_logos
            .get(&client.id)
            .await
            .unwrap()
            .is_none()
    );

    let r = upload(&app, &b, &csrf, &client.id, PNG).await;
    assert_eq!(r.status(), 303);
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let url = format!(
        "/branding/clients/{}/logo?v={}",
        client.id,
        latchkey::branding::content_hash(PNG)
    );
    assert!(unescape(&html).contains(&url), "{html}");
    let events = crate::helpers::audit_events(&app, "client.updated").await;
    assert!(
        events.iter().any(|e| e.details["fields"] == json!(["logo"])
            && e.details["logo"]["content_type"] == "image/png"),
        "{events:?}"
    );

    let r = app
        .post_form(
            &b,
            &format!("{page}/logo/delete"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!unescape(&html).contains(&url));
}

async fn client_logo_and_links_show_on_sign_in_and_consent(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |_| {}).await else {
        return;
    };
    let alice = app.create_user("alice", "correct horse battery").await;
    let client = register(&app, false, false).await;
    latchkey::manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &client.id,
        latchkey::manage::ClientChange {
            logo_uri: Some("https://tracker.example/logo.png".into()),
            client_uri: Some("https://rp.example/".into()),
            policy_uri: Some("https://rp.example/privacy".into()),
            tos_uri: Some("https://rp.example/terms".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    latchkey::manage::set_client_logo(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &client.id,
        PNG,
    )
    .await
    .unwrap();
    let logo = format!(
        r#"<img class="client-logo" src="/branding/clients/{}/logo?v={}""#,
        client.id,
        latchkey::branding::content_hash(PNG)
    );
    let links: HashMap<&str, &str> = [
        ("Homepage", "https://rp.example/"),
        ("Privacy policy", "https://rp.example/privacy"),
        ("Terms of service", "https://rp.example/terms"),
    ]
    .into();
    let check = |html: &str, page: &str| {
        assert!(html.contains(&logo), "{page}: {html}");
        for (label, uri) in &links {
            assert!(
                html.contains(&format!(
                    r#"<a href="{uri}" rel="noopener noreferrer" target="_blank">{label}</a>"#
                )),
                "{page} {label}: {html}"
            );
        }
        assert!(
            !html.contains("tracker.example"),
            "{page}: logo_uri never shown"
        );
    };

    // Signed out: the request goes to the sign-in page, which shows them.
    let anonymous = crate::helpers::browser();
    let r = anonymous
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let login = location(&app, &r);
    assert!(login.contains("/login?req="), "{login}");
    let html = anonymous
        .get(&login)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    check(&unescape(&html), "sign-in");

    // Signed in: the consent page shows them too.
    let b = signed_in_browser(&app, &alice).await;
    let r = b
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let consent = location(&app, &r);
    let html = b.get(&consent).send().await.unwrap().text().await.unwrap();
    check(&unescape(&html), "consent");

    // The sign-in page without a client shows no client branding.
    let html = login_page(&app, "").await.html;
    assert!(!html.contains("client-logo") && !html.contains("Privacy policy"));
}
crate::helpers::on_both_backends!(client_logo_and_links_show_on_sign_in_and_consent);

/// SVG logos that reach outside the image in ways a first check let
/// through: `url()` in attributes, HTML elements, CSS escapes,
/// `image-set()`, `@import`, links to other documents.
const SVG_REACHING_OUTSIDE: &[&str] = &[
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" fill="url(https://evil.example/p.svg#p)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" style="fill:url(http://evil.example/x)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" filter="url(https://evil.example/f.svg#f)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" mask="url(https://evil.example/m.svg#m)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" clip-path="url(https://evil.example/c.svg#c)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" style="fill:u\72l(http://evil.example/x)"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:image-set("https://evil.example/x.png" 1x)}</style><rect/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/a.css";</style><rect/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:html="http://www.w3.org/1999/xhtml"><html:img src="https://evil.example/x.png"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="9" height="9"><img xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/x.png"/></foreignObject></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/s.svg#x"/></svg>"#,
    r#"<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"><feImage href="https://evil.example/x.png"/></filter></svg>"#,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn svg_logos_reaching_outside_the_image_are_refused() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let client = register(&app, false, false).await;
    let (s, _) = put_logo(&app, &token, &client.id, SVG.as_bytes()).await;
    assert_eq!(s, 200);
    // Uploaded by an administrator: 422 naming the reason, the logo kept.
    for svg in SVG_REACHING_OUTSIDE {
        let (s, v) = put_logo(&app, &token, &client.id, svg.as_bytes()).await;
        assert_eq!(s, 422, "taken: {svg}");
        assert!(
            v["message"]
                .as_str()
                .unwrap()
                .contains("SVG image is refused"),
            "{v}"
        );
    }
    let stored = app.state.repos.client_logos.get(&client.id).await.unwrap();
    assert_eq!(stored.unwrap().bytes, SVG.as_bytes());
    // As the instance logo: startup stops naming the key.
    let dir = tempfile::tempdir().unwrap();
    for (i, svg) in SVG_REACHING_OUTSIDE.iter().enumerate() {
        let path = dir.path().join(format!("logo{i}.svg"));
        std::fs::write(&path, svg).unwrap();
        let e = settings_with(&[("LATCHKEY_LOGO", &path.display().to_string())]).unwrap_err();
        assert!(
            e.contains("LATCHKEY_LOGO") && e.contains("refused"),
            "{svg}: {e}"
        );
    }

    // What is taken is served so that even opened on its own it loads and
    // runs nothing, and is never sniffed as another type: the client's
    // logo and the instance logo alike.
    let path = dir.path().join("ok.svg");
    std::fs::write(&path, SVG).unwrap();
    let branded = spawn_app_with(|s| {
        let mut layers = Layers::default();
        layers
            .flags
            .insert("LATCHKEY_LOGO", path.display().to_string());
        s.branding = Settings::from_layers(&layers).unwrap().branding;
    })
    .await;
    let client_logo = app.url(&format!(
        "/branding/clients/{}/logo?v={}",
        client.id,
        latchkey::branding::content_hash(SVG.as_bytes())
    ));
    for url in [client_logo, branded.url("/branding/logo")] {
        let r = reqwest::get(&url).await.unwrap();
        assert_eq!(r.status(), 200, "{url}");
        let h = r.headers();
        assert_eq!(h["content-type"], "image/svg+xml", "{url}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{url}");
        let csp = h["content-security-policy"].to_str().unwrap();
        for directive in ["default-src 'none'", "sandbox"] {
            assert!(csp.contains(directive), "{url}: {csp}");
        }
        assert!(
            !csp.contains("script-src") && !csp.contains("http"),
            "{url}: {csp}"
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), SVG.as_bytes(), "{url}");
    }
}
