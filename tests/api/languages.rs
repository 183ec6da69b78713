//! Languages: pages in the language the relying party (`ui_locales`) or
//! the browser (`Accept-Language`) asks for, else the configured default;
//! right-to-left Arabic; discovery's `ui_locales_supported`.

use crate::helpers::*;

/// Each shipped language with the sign-in page's passkey button and
/// writing direction, as a person sees them.
const LANGUAGES: [(&str, &str, &str); 5] = [
    ("en", "Sign in with a passkey", "ltr"),
    ("de", "Mit einem Passkey anmelden", "ltr"),
    ("fr", "Se connecter avec une clé d’accès", "ltr"),
    ("es", "Iniciar sesión con una llave de acceso", "ltr"),
    ("ar", "تسجيل الدخول بمفتاح مرور", "rtl"),
];

/// The `<html>` element's language and direction.
fn html_lang(html: &str) -> (String, String) {
    let tag = between(html, "<html ", ">").expect("an <html> element");
    (
        between(&tag, "lang=\"", "\"").unwrap_or_default(),
        between(&tag, "dir=\"", "\"").unwrap_or_default(),
    )
}

/// Starts an authorization request with `ui_locales` (unless `None`) in
/// `browser` and returns the sign-in page it leads to.
async fn sign_in_page_for(
    app: &TestApp,
    browser: &reqwest::Client,
    client: &TestClient,
    ui_locales: Option<&str>,
    accept_language: Option<&str>,
) -> String {
    let mut request = CodeRequest::new(client, "openid");
    if let Some(ui) = ui_locales {
        request = request.with("ui_locales", ui);
    }
    let mut r = browser.get(request.url(app));
    if let Some(al) = accept_language {
        r = r.header("Accept-Language", al);
    }
    let r = r.send().await.unwrap();
    let req = req_id(app, &r);
    let mut page = browser.get(app.url(&format!("/login?req={req}")));
    if let Some(al) = accept_language {
        page = page.header("Accept-Language", al);
    }
    let page = page.send().await.unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}

async fn page_with_accept_language(app: &TestApp, path: &str, accept_language: &str) -> String {
    let r = browser()
        .get(app.url(path))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap();
    r.text().await.unwrap()
}

#[tokio::test]
async fn ui_locales_choose_the_language_of_the_sign_in_page() {
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    for (tag, button, dir) in LANGUAGES {
        let html = sign_in_page_for(&app, &browser(), &client, Some(tag), None).await;
        assert_eq!(html_lang(&html), (tag.to_owned(), dir.to_owned()), "{tag}");
        assert!(html.contains(button), "{tag}: {html}");
    }
}

#[tokio::test]
async fn accept_language_chooses_the_language_of_a_page() {
    let app = spawn_app().await;
    for (tag, button, dir) in LANGUAGES {
        let html = page_with_accept_language(&app, "/login", &format!("{tag};q=0.9, tlh")).await;
        assert_eq!(html_lang(&html), (tag.to_owned(), dir.to_owned()), "{tag}");
        assert!(html.contains(button), "{tag}: {html}");
    }
    // Regional variants fall back to their language; q-values count.
    let html = page_with_accept_language(&app, "/login", "de-AT, fr;q=0.5").await;
    assert_eq!(html_lang(&html).0, "de");
    let html = page_with_accept_language(&app, "/login", "de;q=0.4, es-MX;q=0.8").await;
    assert_eq!(html_lang(&html).0, "es");
}

#[tokio::test]
async fn ui_locales_beat_accept_language_and_unknown_ones_fall_back() {
    let app = spawn_app().await;
    let client = register(&app, false, false).await;
    // The relying party's choice wins over the browser's, on every page
    // of the request.
    let html = sign_in_page_for(&app, &browser(), &client, Some("fr-CA de"), Some("de")).await;
    assert_eq!(html_lang(&html).0, "fr");
    assert!(html.contains("Se connecter avec une clé d’accès"), "{html}");
    // An unknown ui_locales leaves the browser's choice.
    let html = sign_in_page_for(
        &app,
        &browser(),
        &client,
        Some("tlh x-pig-latin"),
        Some("es"),
    )
    .await;
    assert_eq!(html_lang(&html).0, "es");
    // Nothing known: English, exactly as always.
    let html = sign_in_page_for(&app, &browser(), &client, Some("tlh"), Some("tlh, *")).await;
    assert_eq!(html_lang(&html), ("en".to_owned(), "ltr".to_owned()));
    for text in [
        "Username",
        "Password",
        ">Sign in<",
        "Sign in with a passkey",
        "Lost your passkey?",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    // A failed sign-in answers in the request's language too.
    let b = browser();
    let r = b
        .get(
            CodeRequest::new(&client, "openid")
                .with("ui_locales", "de")
                .url(&app),
        )
        .send()
        .await
        .unwrap();
    let req = req_id(&app, &r);
    let page = login_page_in(&app, &b, &format!("?req={req}")).await;
    let r = post_login_in(&app, &b, &page.csrf, "nobody", "wrong-password", Some(&req)).await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert_eq!(html_lang(&html).0, "de");
    assert!(
        html.contains("Benutzername oder Passwort ist falsch."),
        "{html}"
    );
}

#[tokio::test]
async fn the_configured_default_applies_when_nobody_asks() {
    let app = spawn_app_with(|s| s.default_locale = latchkey::i18n::Locale::Es).await;
    let html = page_with_accept_language(&app, "/login", "tlh").await;
    assert_eq!(html_lang(&html).0, "es");
    let r = browser().get(app.url("/login")).send().await.unwrap();
    assert_eq!(html_lang(&r.text().await.unwrap()).0, "es");
    // The browser's choice still wins over the default.
    let html = page_with_accept_language(&app, "/login", "en").await;
    assert_eq!(html_lang(&html).0, "en");
}

#[tokio::test]
async fn error_pages_speak_the_language_too() {
    let app = spawn_app().await;
    let r = browser()
        .get(app.url("/authorize?client_id=nobody&ui_locales=ar"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert_eq!(html_lang(&html), ("ar".to_owned(), "rtl".to_owned()));
    assert!(html.contains("طلب غير صالح"), "{html}");
}

#[tokio::test]
async fn discovery_lists_exactly_the_shipped_languages() {
    let app = spawn_app().await;
    let doc: serde_json::Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        doc["ui_locales_supported"],
        serde_json::json!(["en", "de", "fr", "es", "ar"])
    );
    let shipped: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(shipped.len(), 5, "{shipped:?}");
    for tag in shipped {
        assert!(
            doc["ui_locales_supported"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == tag.as_str()),
            "{tag} is shipped but not advertised"
        );
    }
}

/// The text of a received mail: its `Subject` (RFC 2047 words decoded)
/// and its body (quoted-printable or base64 decoded).
fn decoded(mail: &crate::mail::Received) -> (String, String) {
    use base64::Engine;
    let b64 = |s: &str| {
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(s.trim())
                .unwrap(),
        )
        .unwrap()
    };
    let (head, body) = mail.data.split_once("\n\n").unwrap();
    // Header lines folded onto the next ones are joined first.
    let head = head.replace("\n ", " ");
    let subject_line = head
        .lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap()
        .to_owned();
    // Adjacent encoded words join without the space between them (RFC 2047 §6.2).
    let mut subject = String::new();
    let mut after_encoded = false;
    for w in subject_line.split(' ') {
        let encoded = w
            .strip_prefix("=?utf-8?b?")
            .or_else(|| w.strip_prefix("=?UTF-8?B?"))
            .and_then(|w| w.strip_suffix("?="));
        if !(subject.is_empty() || after_encoded && encoded.is_some()) {
            subject.push(' ');
        }
        subject.push_str(&encoded.map_or_else(|| w.to_owned(), b64));
        after_encoded = encoded.is_some();
    }
    let encoding = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Transfer-Encoding: "))
        .unwrap_or("7bit")
        .to_ascii_lowercase();
    let body = match encoding.as_str() {
        "base64" => b64(&body.replace('\n', "")),
        "quoted-printable" => {
            let joined = body.replace("=\n", "");
            let bytes = joined.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'=' && i + 2 < bytes.len() {
                    out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            String::from_utf8(out).unwrap()
        }
        _ => body.to_owned(),
    };
    (subject, body)
}

#[tokio::test]
async fn mails_speak_the_language_of_the_request_or_of_the_person() {
    let sink = crate::mail::SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(move |s| {
        s.smtp = Some(latchkey::config::SmtpSettings {
            url: url.into(),
            from: "Latchkey <id@example.com>".into(),
        });
        s.recovery_delay = std::time::Duration::ZERO;
    })
    .await;
    for (username, locale) in [("bob", None), ("carol", Some("fr-CA"))] {
        let user = app.create_user(username, PASSWORD).await;
        let email = format!("{username}@example.com");
        assert!(
            app.state
                .repos
                .users
                .mark_email_verified(&user.userid, &email, 1)
                .await
                .unwrap()
        );
        let mut profile = app.user(&user.userid).await.profile;
        profile.locale = locale.map(str::to_owned);
        app.state
            .repos
            .users
            .update_profile(&user.userid, &profile, 1)
            .await
            .unwrap();
    }
    // "Lost your passkey?" asked for in German: bob, whose profile names
    // no language, gets German; carol, whose profile says fr-CA, French.
    for (n, email) in [(1, "bob@example.com"), (2, "carol@example.com")] {
        let b = browser();
        let html = b
            .get(app.url("/recover"))
            .header("Accept-Language", "de")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(html_lang(&html).0, "de");
        assert!(html.contains("Wiederherstellungslink senden"), "{html}");
        let csrf = csrf_of(&html);
        let r = b
            .post(app.url("/recover"))
            .header("Accept-Language", "de")
            .header("Origin", &app.base)
            .form(&[("csrf", csrf.as_str()), ("email", email)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        sink.wait_for(n).await;
    }
    let messages = sink.wait_for(2).await;
    let bob = messages
        .iter()
        .find(|m| m.to == ["<bob@example.com>"])
        .unwrap();
    let (subject, body) = decoded(bob);
    assert_eq!(subject, "Ihr Konto bei localhost wiederherstellen");
    assert!(body.contains("das Konto bob wiederherzustellen"), "{body}");
    assert!(body.contains(&format!("{}/invite/", app.base)), "{body}");
    let carol = messages
        .iter()
        .find(|m| m.to == ["<carol@example.com>"])
        .unwrap();
    let (subject, body) = decoded(carol);
    assert_eq!(subject, "Récupérer votre compte sur localhost");
    assert!(body.contains("pour récupérer le compte carol"), "{body}");
}

/// Each management page, with a text it shows in German and the English
/// one it replaces.
const MANAGEMENT_PAGES: [(&str, &str, &str); 12] = [
    ("/admin/users", "Benutzer anlegen", "Create a user"),
    (
        "/admin/users/{userid}",
        "Wiederherstellungslink senden",
        "Send recovery link",
    ),
    ("/admin/groups", "Gruppe anlegen", "Create a group"),
    (
        "/admin/groups/{name}",
        "Anmelderichtlinie",
        "Sign-in policy",
    ),
    ("/admin/invites", "Jemanden einladen", "Invite someone"),
    ("/admin/signups", ">Genehmigen<", ">Approve<"),
    ("/admin/clients", "Client registrieren", "Register a client"),
    (
        "/admin/clients/{client_id}",
        "Eine Anwendung verbinden",
        "Connect an application",
    ),
    (
        "/admin/registration-tokens",
        "Token ausstellen",
        "Issue a token",
    ),
    ("/admin/keys", "Signaturschlüssel", "Signing keys"),
    ("/admin/audit", ">Filtern<", ">Filter<"),
    (
        "/admin/api-keys",
        "API-Schlüssel erstellen",
        "Create an API key",
    ),
];

/// GETs `path` in `browser` with `Accept-Language`; the page's HTML.
async fn admin_page_in(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    accept_language: &str,
) -> String {
    let r = browser
        .get(app.url(path))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn the_management_pages_speak_the_language_too() {
    let app = spawn_app().await;
    let routes = crate::helpers::admin_routes::ui_routes(&app).await;
    let owner = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &owner).await;
    let pages: Vec<_> = routes
        .iter()
        .filter(|r| r.method == reqwest::Method::GET && r.route != "/admin")
        .collect();
    assert_eq!(
        pages.len(),
        MANAGEMENT_PAGES.len(),
        "a page without a check"
    );
    for page in pages {
        let (_, german, english) = MANAGEMENT_PAGES
            .iter()
            .find(|(route, _, _)| *route == page.route)
            .unwrap_or_else(|| panic!("{} has no check here", page.route));
        let html = admin_page_in(&app, &b, &page.path, "de-DE, en;q=0.5").await;
        assert_eq!(html_lang(&html), ("de".to_owned(), "ltr".to_owned()));
        assert!(html.contains(german), "{}: {german}: {html}", page.route);
        assert!(!html.contains(english), "{}: {english}: {html}", page.route);
        // Words every page shares, and no message id in place of a text.
        assert!(html.contains("Verwaltung"), "{}: {html}", page.route);
        for english in [
            ">Actions<",
            ">Revoke<",
            ">Remove<",
            ">Created<",
            "Previous page",
        ] {
            assert!(!html.contains(english), "{}: {english}: {html}", page.route);
        }
        assert!(
            !html.contains("admin-"),
            "{}: a message id: {html}",
            page.route
        );
    }
    // The user page in detail: counts, roles, the second factor.
    let bob = routes
        .iter()
        .find(|r| r.route == "/admin/users/{userid}")
        .unwrap();
    let html = admin_page_in(&app, &b, &bob.path, "de").await;
    for german in [
        "1 Passkey",
        "Authenticator-App eingerichtet; 1 Backup-Code übrig.",
        "Zweiten Faktor zurücksetzen",
        ">Eigentümer<",
        ">Keine<",
    ] {
        assert!(html.contains(german), "{german}: {html}");
    }
    for english in ["1 passkey", "backup code left", "Reset second factor"] {
        assert!(!html.contains(english), "{english}: {html}");
    }
    // Notices and refusals the handlers make are in the language too.
    let html = admin_page_in(&app, &b, &format!("{}?done=saved", bob.path), "de").await;
    assert!(
        html.contains(r#"<p class="notice" role="status">Gespeichert.</p>"#),
        "{html}"
    );
    let csrf = csrf_of(&html);
    let r = b
        .post(app.url("/admin/groups/crew/delete"))
        .header("Accept-Language", "de")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Setzen Sie das Bestätigungshäkchen, um die Gruppe"),
        "{html}"
    );
    let clients = latchkey::manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateUser {
            username: "clientele".into(),
            role: Some(latchkey::domain::role::Role::ClientManager),
            password: Some(PASSWORD.into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let r = signed_in_browser(&app, &clients)
        .await
        .get(app.url("/admin/users"))
        .header("Accept-Language", "de")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Ihre Rolle (Client-Verwalter) erlaubt das nicht."),
        "{html}"
    );
    // Arabic: right to left, in Arabic.
    let html = admin_page_in(&app, &b, "/admin/users", "ar").await;
    assert_eq!(html_lang(&html), ("ar".to_owned(), "rtl".to_owned()));
    assert!(html.contains("إنشاء مستخدم"), "{html}");
    assert!(!html.contains("Create a user"), "{html}");
    // Nobody asking for a language gets the English pages as they were.
    let html = admin_page_in(&app, &b, "/admin/users", "tlh").await;
    assert_eq!(html_lang(&html).0, "en");
    assert!(html.contains("Create a user"), "{html}");
}
