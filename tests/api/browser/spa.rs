//! A single-page app on another origin (issue 19): a static page served
//! from its own port runs the authorization-code + PKCE flow as a public
//! client, redeems the code with `fetch('/token')` and calls
//! `fetch('/userinfo')` cross-origin, and shows the `sub`. A page on a
//! foreign origin is blocked by the browser.

use anyhow::ensure;
use axum::Router;
use axum::response::Html;
use axum::routing::get;
use latchkey::manage::{self, Actor, CreateClient};

use super::driver;
use super::scenarios::PASSWORD;
use crate::helpers::spawn_app;

/// Serves `html` at `/` on a port of its own: another origin than the
/// issuer (a different port is a different origin). Its page has no CSP of
/// Latchkey's: it is the app's own.
async fn static_site(html: String) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
    let router = Router::new().route(
        "/",
        get(move || {
            let html = html.clone();
            async move { Html(html) }
        }),
    );
    let server = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (base, server)
}

/// The single-page app: PKCE with WebCrypto, discovery, then the code in
/// its own URL redeemed at the token endpoint and the userinfo shown.
const SPA: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>SPA</title></head>
<body>
<h1>Single-page app</h1>
<button type="button" id="signin">Continue with Latchkey</button>
<p>Status: <output id="status">idle</output></p>
<p>sub: <output id="sub"></output></p>
<script>
const ISSUER = "__ISSUER__";
const CLIENT_ID = "__CLIENT_ID__";
const REDIRECT = location.origin + "/";
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const show = (id, text) => { document.getElementById(id).textContent = text; };
async function metadata() {
  const r = await fetch(ISSUER + "/.well-known/openid-configuration");
  return r.json();
}
document.getElementById("signin").addEventListener("click", async () => {
  const meta = await metadata();
  const verifier = random(), state = random();
  sessionStorage.setItem("verifier", verifier);
  sessionStorage.setItem("state", state);
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const q = new URLSearchParams({ response_type: "code", client_id: CLIENT_ID,
    redirect_uri: REDIRECT, scope: "openid profile", state,
    code_challenge: challenge, code_challenge_method: "S256" });
  location.assign(meta.authorization_endpoint + "?" + q);
});
(async () => {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  if (!code) return;
  try {
    if (params.get("state") !== sessionStorage.getItem("state")) throw new Error("state mismatch");
    show("status", "redeeming");
    const meta = await metadata();
    const tr = await fetch(meta.token_endpoint, { method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT,
        client_id: CLIENT_ID, code_verifier: sessionStorage.getItem("verifier") }) });
    const tokens = await tr.json();
    if (!tr.ok) throw new Error("token endpoint: " + tokens.error);
    const ur = await fetch(meta.userinfo_endpoint, { headers: { authorization: "Bearer " + tokens.access_token } });
    const info = await ur.json();
    show("sub", info.sub);
    show("status", "signed in as " + info.preferred_username);
  } catch (e) {
    show("status", "failed: " + e);
  }
})();
</script>
</body></html>
"#;

/// A page on an origin no client allows, calling the same endpoints.
const FOREIGN: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Foreign</title></head>
<body>
<h1>Foreign page</h1>
<p>token: <output id="token">pending</output></p>
<p>userinfo: <output id="userinfo">pending</output></p>
<script>
const ISSUER = "__ISSUER__";
const report = (id, p) => p.then(r => r.status).then(
  s => { document.getElementById(id).textContent = "read " + s; },
  e => { document.getElementById(id).textContent = "blocked " + e.name; });
report("token", fetch(ISSUER + "/token", { method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "grant_type=authorization_code&code=x&client_id=__CLIENT_ID__" }));
report("userinfo", fetch(ISSUER + "/userinfo", { headers: { authorization: "Bearer x" } }));
</script>
</body></html>
"#;

#[tokio::test]
async fn browser_single_page_app_on_another_origin() {
    let Some(chromium) = driver::launch("spa").await else {
        return;
    };
    let app = spawn_app().await;
    let grace = app.create_user("grace", PASSWORD).await;
    // The app's origin is known once its port is: bind first, register the
    // client with that origin's redirect URI, then serve the page.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let spa_base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Single-page app".into(),
            redirect_uris: vec![format!("{spa_base}/")],
            public: true,
            skip_consent: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let spa_html = SPA
        .replace("__ISSUER__", &app.base)
        .replace("__CLIENT_ID__", &created.client_id);
    let router = Router::new().route(
        "/",
        get(move || {
            let html = spa_html.clone();
            async move { Html(html) }
        }),
    );
    let _spa = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    let (foreign_base, _foreign) = static_site(
        FOREIGN
            .replace("__ISSUER__", &app.base)
            .replace("__CLIENT_ID__", &created.client_id),
    )
    .await;

    let person = chromium.person("grace").await;
    person
        .step("open the single-page app and sign in", async {
            person.open(&format!("{spa_base}/")).await?;
            person.click_button("Continue with Latchkey").await?;
            person
                .wait_for(
                    "Latchkey's sign-in page",
                    &format!(
                        "location.href.startsWith({}) && document.readyState === 'complete'",
                        serde_json::to_string(&app.url("/login"))?
                    ),
                )
                .await?;
            person.fill("Username", "grace").await?;
            person.fill("Password", PASSWORD).await?;
            person.click_button("Sign in").await?;
            Ok(())
        })
        .await;
    person
        .step(
            "the app redeems the code and shows the userinfo sub",
            async {
                person.wait_for_text("signed in as grace").await?;
                ensure!(person.url().await?.starts_with(&spa_base));
                let sub: String = person
                    .js("document.getElementById('sub').textContent")
                    .await?;
                ensure!(sub == grace.userid, "the app shows {sub:?}");
                Ok(())
            },
        )
        .await;
    person
        .step_allowing(
            "a page on a foreign origin cannot read the endpoints",
            &["CORS policy", "Failed to fetch", "ERR_FAILED"],
            async {
                person.open(&format!("{foreign_base}/")).await?;
                person
                    .wait_for(
                        "both fetches to settle",
                        "!document.body.innerText.includes('pending')",
                    )
                    .await?;
                let token: String = person
                    .js("document.getElementById('token').textContent")
                    .await?;
                let userinfo: String = person
                    .js("document.getElementById('userinfo').textContent")
                    .await?;
                ensure!(token == "blocked TypeError", "token: {token}");
                ensure!(userinfo == "blocked TypeError", "userinfo: {userinfo}");
                Ok(())
            },
        )
        .await;
}
