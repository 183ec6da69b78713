//! Crash safety: SIGKILL the server while it issues and rotates tokens,
//! restart it on the same database, and find every acknowledged token still
//! valid and every rotated one still refused.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use latchkey::app::Core;
use latchkey::auth::session::{self, SignInFacts};
use latchkey::clock::SystemClock;
use latchkey::config::{Layers, Settings};
use latchkey::manage::{self, Actor};

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");
const REDIRECT: &str = "http://localhost:1/cb";
const VERIFIER: &str = "crash-test-verifier-crash-test-verifier-0123456789";

struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(BIN)
        .current_dir(dir)
        .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", format!("http://localhost:{port}"))
        .env("LATCHKEY_LOG", "warn")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server { child }
}

/// Polls `/readyz`; the bound (two minutes) is for a loaded machine.
async fn wait_ready(base: &str) {
    for _ in 0..2400 {
        if reqwest::get(format!("{base}/readyz"))
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not become ready");
}

fn challenge() -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()))
}

/// A family's state: the newest acknowledged refresh token, the ones it
/// replaced, and whether a rotation was in flight when the server died.
#[derive(Default, Clone)]
struct Family {
    current: String,
    rotated: Vec<String>,
    in_flight: bool,
}

/// Families rotated a few times and then left idle until the crash.
const IDLE_FAMILIES: usize = 4;
/// Acknowledged rotations each busy family has made before the kill.
const BUSY_ROTATIONS: usize = 5;
/// Acknowledged client-credentials tokens before the kill.
const ISSUED: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_token() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://localhost:{port}");

    // Seed a user, a client and a session directly in the database.
    let mut layers = Layers::default();
    layers.flags.insert("LATCHKEY_ISSUER", base.clone());
    layers.flags.insert(
        "LATCHKEY_DATABASE_URL",
        format!("sqlite://{}/data/latchkey.db", dir.path().display()),
    );
    let settings = Settings::from_layers(&layers).unwrap();
    let core = Core::open(settings.clone(), Arc::new(SystemClock))
        .await
        .unwrap();
    let user = manage::create_user(
        &core.repos,
        &SystemClock,
        &Actor::system(),
        manage::CreateUser {
            username: "crash".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let client = manage::create_client(
        &core.repos,
        &SystemClock,
        &Actor::system(),
        manage::CreateClient {
            name: "crash".into(),
            redirect_uris: vec![REDIRECT.into()],
            skip_consent: true,
            extra_grants: vec!["client_credentials".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let secret = client.client_secret.clone().unwrap();
    let (cookie, _) = session::start(
        &core.repos,
        &SystemClock,
        &settings,
        SignInFacts {
            userid: user.userid.clone(),
            amr: vec!["pwd".into()],
            acr: "1".into(),
            user_agent: None,
            ip: None,
        },
    )
    .await
    .unwrap();
    drop(core);

    let mut server = start(dir.path(), port);
    wait_ready(&base).await;

    let jar = Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("latchkey_session={cookie}; Path=/"),
        &base.parse().unwrap(),
    );
    let browser = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let http = reqwest::Client::new();

    // Eight refresh-token families.
    let mut families = Vec::new();
    for _ in 0..8 {
        let url = format!(
            "{base}/authorize?client_id={}&redirect_uri={REDIRECT}&response_type=code&scope=openid%20offline_access&code_challenge={}&code_challenge_method=S256",
            client.client_id,
            challenge()
        );
        let r = browser.get(url).send().await.unwrap();
        let loc = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
        let code = loc
            .query_pairs()
            .find(|(k, _)| k == "code")
            .unwrap()
            .1
            .into_owned();
        let t: serde_json::Value = http
            .post(format!("{base}/token"))
            .basic_auth(&client.client_id, Some(&secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        families.push(Arc::new(Mutex::new(Family {
            current: t["refresh_token"].as_str().unwrap().to_owned(),
            ..Family::default()
        })));
    }

    // The first half of the families is held idle on purpose: each is
    // rotated a few times, every rotation acknowledged, and then left alone
    // until the crash, so the check below always has idle families whose
    // newest token must survive, however the machine schedules the rest.
    let (idle, busy) = families.split_at(IDLE_FAMILIES);
    for family in idle {
        for _ in 0..3 {
            let current = family.lock().unwrap().current.clone();
            let body: serde_json::Value = http
                .post(format!("{base}/token"))
                .basic_auth(&client.client_id, Some(&secret))
                .form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", current.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let next = body["refresh_token"].as_str().unwrap().to_owned();
            let mut f = family.lock().unwrap();
            let old = std::mem::replace(&mut f.current, next);
            f.rotated.push(old);
        }
    }

    // Rotate continuously in the other families, and issue client-credentials tokens beside.
    let acknowledged_access = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for family in busy {
        let (family, http, base, id, secret) = (
            family.clone(),
            http.clone(),
            base.clone(),
            client.client_id.clone(),
            secret.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let current = family.lock().unwrap().current.clone();
                family.lock().unwrap().in_flight = true;
                let sent = http
                    .post(format!("{base}/token"))
                    .basic_auth(&id, Some(&secret))
                    .form(&[
                        ("grant_type", "refresh_token"),
                        ("refresh_token", current.as_str()),
                    ])
                    .send()
                    .await;
                let r = match sent {
                    Ok(r) => r,
                    Err(e) => {
                        // A refused connection never reached the server: the current token is certain.
                        if e.is_connect() {
                            family.lock().unwrap().in_flight = false;
                        }
                        return;
                    }
                };
                let Ok(body) = r.json::<serde_json::Value>().await else {
                    return;
                };
                let next = body["refresh_token"].as_str().unwrap().to_owned();
                {
                    let mut f = family.lock().unwrap();
                    let old = std::mem::replace(&mut f.current, next);
                    f.rotated.push(old);
                    f.in_flight = false;
                }
            }
        }));
    }
    {
        let (http, base, id, secret, acked) = (
            http.clone(),
            base.clone(),
            client.client_id.clone(),
            secret.clone(),
            acknowledged_access.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let sent = http
                    .post(format!("{base}/token"))
                    .basic_auth(&id, Some(&secret))
                    .form(&[("grant_type", "client_credentials")])
                    .send()
                    .await;
                let Ok(r) = sent else { return };
                let Ok(body) = r.json::<serde_json::Value>().await else {
                    return;
                };
                acked
                    .lock()
                    .unwrap()
                    .push(body["access_token"].as_str().unwrap().to_owned());
            }
        }));
    }
    // Kill once enough has been acknowledged (not after a fixed time: a
    // loaded machine gets less done in any given window), while the busy
    // families and the issuer are still at work.
    let mut polls = 0;
    loop {
        let rotated = busy
            .iter()
            .all(|f| f.lock().unwrap().rotated.len() >= BUSY_ROTATIONS);
        let issued = acknowledged_access.lock().unwrap().len() >= ISSUED;
        if rotated && issued {
            break;
        }
        polls += 1;
        assert!(
            polls < 12_000,
            "the server acknowledged too little in ten minutes"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }

    let _server = start(dir.path(), port);
    wait_ready(&base).await;
    let introspect = |token: String| {
        let (http, base, id, secret) = (
            http.clone(),
            base.clone(),
            client.client_id.clone(),
            secret.clone(),
        );
        async move {
            let v: serde_json::Value = http
                .post(format!("{base}/introspect"))
                .basic_auth(&id, Some(&secret))
                .form(&[("token", token.as_str())])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            v["active"].as_bool().unwrap()
        }
    };
    let mut checked = 0;
    for family in &families {
        let f = family.lock().unwrap().clone();
        assert!(!f.rotated.is_empty(), "rotations happened before the crash");
        for old in &f.rotated {
            assert!(
                !introspect(old.clone()).await,
                "a rotated refresh token came back to life"
            );
        }
        if !f.in_flight {
            assert!(
                introspect(f.current.clone()).await,
                "an acknowledged refresh token was lost"
            );
            checked += 1;
        }
    }
    let access = acknowledged_access.lock().unwrap().clone();
    assert!(!access.is_empty());
    for token in access.iter().rev().take(20) {
        assert!(
            introspect(token.clone()).await,
            "an acknowledged access token no longer verifies"
        );
    }
    assert!(checked >= IDLE_FAMILIES, "the idle families were checked");
    eprintln!(
        "checked {checked} idle families, {} access tokens",
        access.len()
    );
}
