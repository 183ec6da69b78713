//! OpenTelemetry traces: the real `latchkey serve` exporting over OTLP/HTTP
//! to a collector inside the test, for a password sign-in and a token
//! request. The server's batch is flushed by its shutdown (SIGTERM), so
//! what the collector holds after the process exits is every span the
//! requests made: no waiting for an export to happen to come by.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::HeaderMap;
use latchkey::app::Core;
use latchkey::clock::SystemClock;
use latchkey::config::{Layers, Settings};
use latchkey::manage::{self, Actor};
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use prost::Message;

use crate::helpers::{Backend, fresh_postgres_url, skip_postgres};

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");
const REDIRECT: &str = "http://localhost:1/cb";
const VERIFIER: &str = "otel-test-verifier-otel-test-verifier-0123456789abc";
const PASSWORD: &str = "correct horse battery staple";
const STATE: &str = "state-value-never-traced";
const INVITE_SECRET: &str = "invite-path-secret-never-traced";
/// The relying party's trace, continued by the sign-in and the token request.
const LOGIN_TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const LOGIN_PARENT: &str = "00f067aa0ba902b7";
const TOKEN_TRACE: &str = "0af7651916cd43dd8448eb211c80319c";
const TOKEN_PARENT: &str = "b7ad6b7169203331";

/// What the collector received: each POST's headers and body.
type Received = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A collector answering OTLP/HTTP (`POST /v1/traces`, protobuf); its base URL.
async fn collector(received: Received) -> String {
    use axum::routing::post;
    let app = axum::Router::new().route(
        "/v1/traces",
        post(move |headers: HeaderMap, body: Bytes| {
            let received = received.clone();
            async move {
                received.lock().unwrap().push((headers, body));
                // An empty ExportTraceServiceResponse: everything accepted.
                (
                    [("content-type", "application/x-protobuf")],
                    Vec::<u8>::new(),
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A span as the test looks at it.
#[derive(Debug, Clone)]
struct Span {
    trace_id: String,
    span_id: String,
    parent_span_id: String,
    name: String,
    attributes: HashMap<String, String>,
}

fn text(value: Option<&AnyValue>) -> String {
    match value.and_then(|v| v.value.as_ref()) {
        Some(any_value::Value::StringValue(s)) => s.clone(),
        Some(any_value::Value::IntValue(i)) => i.to_string(),
        Some(any_value::Value::BoolValue(b)) => b.to_string(),
        Some(any_value::Value::DoubleValue(d)) => d.to_string(),
        other => format!("{other:?}"),
    }
}

fn attributes(list: &[KeyValue]) -> HashMap<String, String> {
    list.iter()
        .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
        .collect()
}

/// Every span received, and every resource's attributes.
fn decode(received: &Received) -> (Vec<Span>, Vec<HashMap<String, String>>) {
    let mut spans = Vec::new();
    let mut resources = Vec::new();
    for (_, body) in received.lock().unwrap().iter() {
        let request = ExportTraceServiceRequest::decode(body.clone()).unwrap();
        for resource_spans in request.resource_spans {
            if let Some(resource) = &resource_spans.resource {
                resources.push(attributes(&resource.attributes));
            }
            for scope in resource_spans.scope_spans {
                for s in scope.spans {
                    spans.push(Span {
                        trace_id: hex(&s.trace_id),
                        span_id: hex(&s.span_id),
                        parent_span_id: hex(&s.parent_span_id),
                        name: s.name.clone(),
                        attributes: attributes(&s.attributes),
                    });
                }
            }
        }
    }
    (spans, resources)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `span` descends from `ancestor` (through parents in `spans`).
fn descends_from(spans: &[Span], span: &Span, ancestor: &Span) -> bool {
    let mut parent = span.parent_span_id.clone();
    for _ in 0..spans.len() {
        if parent == ancestor.span_id {
            return true;
        }
        match spans.iter().find(|s| s.span_id == parent) {
            Some(p) => parent = p.parent_span_id.clone(),
            None => return false,
        }
    }
    false
}

/// The one server span named `name` in `trace`.
fn server_span<'a>(spans: &'a [Span], trace: &str, name: &str) -> &'a Span {
    let found: Vec<&Span> = spans
        .iter()
        .filter(|s| s.trace_id == trace && s.name == name)
        .collect();
    assert_eq!(found.len(), 1, "{name} in trace {trace}: {spans:#?}");
    found[0]
}

/// Where a redirect goes, as an absolute URL.
fn location(base: &str, r: &reqwest::Response) -> String {
    let to = r.headers()["location"].to_str().unwrap();
    url::Url::parse(base).unwrap().join(to).unwrap().to_string()
}

/// Polls `/readyz`; the bound (two minutes) is for a loaded machine.
async fn wait_ready(base: &str) {
    for _ in 0..1200 {
        if reqwest::get(format!("{base}/readyz"))
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not become ready");
}

fn challenge() -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()))
}

/// A password sign-in through `/authorize` and a code exchanged at
/// `/token`, each continuing a relying party's trace: the collector gets
/// the server spans (route template, status), their database and hashing
/// spans as descendants, no secret anywhere; the JSON log names the traces.
async fn sign_in_and_token_request_are_traced(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://localhost:{port}");
    let mut layers = Layers::default();
    layers.flags.insert("LATCHKEY_ISSUER", base.clone());
    let mut _database = None;
    let (database_url, system) = match backend {
        Backend::Sqlite => (
            format!("sqlite://{}/latchkey.db", dir.path().display()),
            "sqlite",
        ),
        Backend::Postgres => {
            let Some((url, guard)) = fresh_postgres_url().await else {
                skip_postgres();
                return;
            };
            _database = Some(guard);
            layers.flags.insert(
                "LATCHKEY_MASTER_KEY",
                latchkey::crypto::MasterKey::generate().1,
            );
            (url, "postgresql")
        }
    };
    layers
        .flags
        .insert("LATCHKEY_DATABASE_URL", database_url.clone());
    let settings = Settings::from_layers(&layers).unwrap();
    let core = Core::open(settings, Arc::new(SystemClock)).await.unwrap();
    manage::create_user(
        &core.repos,
        &SystemClock,
        &Actor::system(),
        manage::CreateUser {
            username: "ada".into(),
            password: Some(PASSWORD.into()),
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
            name: "Traced".into(),
            redirect_uris: vec![REDIRECT.into()],
            skip_consent: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let secret = client.client_secret.clone().unwrap();
    drop(core);

    let received = Received::default();
    let endpoint = collector(received.clone()).await;
    let log_path = dir.path().join("server.log");
    let mut command = Command::new(BIN);
    command
        .current_dir(dir.path())
        .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", &base)
        .env("LATCHKEY_DATABASE_URL", &database_url)
        .env("LATCHKEY_LOG", "info")
        .env("LATCHKEY_LOG_FORMAT", "json")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint)
        .env("OTEL_EXPORTER_OTLP_HEADERS", "x-collector-key=k1")
        .env(
            "OTEL_RESOURCE_ATTRIBUTES",
            "deployment.environment.name=test",
        )
        // Nothing is exported on a timer during the test: the batch goes
        // out when the server shuts down, which must flush it.
        .env("OTEL_BSP_SCHEDULE_DELAY", "3600000")
        .env_remove("OTEL_SERVICE_NAME")
        .env_remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_PROTOCOL")
        .env_remove("OTEL_TRACES_SAMPLER")
        .env_remove("OTEL_SDK_DISABLED")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap());
    if let Some(key) = layers.flags.get("LATCHKEY_MASTER_KEY") {
        command.env("LATCHKEY_MASTER_KEY", key);
    }
    let mut child = command.spawn().unwrap();
    wait_ready(&base).await;

    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let authorize = format!(
        "{base}/authorize?client_id={}&redirect_uri={REDIRECT}&response_type=code&scope=openid&state={STATE}&code_challenge={}&code_challenge_method=S256",
        client.client_id,
        challenge()
    );
    let r = browser.get(&authorize).send().await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let login_url = location(&base, &r);
    let html = browser
        .get(&login_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::between(&html, r#"name="csrf" value=""#, "\"").unwrap();
    let req = url::Url::parse(&login_url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "req")
        .unwrap()
        .1
        .into_owned();
    let r = browser
        .post(format!("{base}/login"))
        .header("origin", &base)
        .header("traceparent", format!("00-{LOGIN_TRACE}-{LOGIN_PARENT}-01"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", "ada"),
            ("password", PASSWORD),
            ("req", req.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let mut next = location(&base, &r);
    for _ in 0..5 {
        if next.starts_with(REDIRECT) {
            break;
        }
        let r = browser.get(&next).send().await.unwrap();
        assert!(r.status().is_redirection(), "{next}: {}", r.status());
        next = location(&base, &r);
    }
    let code = url::Url::parse(&next)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let r = reqwest::Client::new()
        .post(format!("{base}/token"))
        .basic_auth(&client.client_id, Some(&secret))
        .header("traceparent", format!("00-{TOKEN_TRACE}-{TOKEN_PARENT}-01"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let tokens: serde_json::Value = r.json().await.unwrap();
    // A path with a secret in it is traced by its route template only.
    let r = browser
        .get(format!("{base}/invite/{INVITE_SECRET}"))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exited = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(exited.code(), Some(0), "{log}");

    let (spans, resources) = decode(&received);
    assert!(!spans.is_empty(), "no span exported: {log}");
    for (headers, _) in received.lock().unwrap().iter() {
        assert_eq!(headers["x-collector-key"], "k1");
        assert_eq!(headers["content-type"], "application/x-protobuf");
    }
    for resource in &resources {
        assert_eq!(resource["service.name"], "latchkey");
        assert_eq!(resource["deployment.environment.name"], "test");
        assert!(resource.contains_key("service.version"));
    }

    // The sign-in continues the relying party's trace, under its span.
    let login = server_span(&spans, LOGIN_TRACE, "POST /login");
    assert_eq!(login.parent_span_id, LOGIN_PARENT);
    assert_eq!(login.attributes["http.request.method"], "POST");
    assert_eq!(login.attributes["http.route"], "/login");
    assert_eq!(login.attributes["http.response.status_code"], "303");
    let below_login: Vec<&Span> = spans
        .iter()
        .filter(|s| descends_from(&spans, s, login))
        .collect();
    let argon2 = below_login
        .iter()
        .find(|s| s.name == "argon2.verify")
        .unwrap_or_else(|| panic!("no argon2 span under the sign-in: {below_login:#?}"));
    let verify = spans
        .iter()
        .find(|s| s.span_id == argon2.parent_span_id)
        .unwrap();
    assert_eq!(verify.name, "password.verify");
    let user_lookup = below_login
        .iter()
        .find(|s| s.name == "UserRepo.get_by_username")
        .unwrap_or_else(|| panic!("no user lookup under the sign-in: {below_login:#?}"));
    assert_eq!(user_lookup.attributes["db.system"], system);
    assert_eq!(
        user_lookup.attributes["db.operation.name"],
        "UserRepo.get_by_username"
    );

    // The token request: its own trace, a database span and the signature.
    let token = server_span(&spans, TOKEN_TRACE, "POST /token");
    assert_eq!(token.parent_span_id, TOKEN_PARENT);
    assert_eq!(token.attributes["http.response.status_code"], "200");
    assert_eq!(token.attributes["latchkey.client_id"], client.client_id);
    let below_token: Vec<&Span> = spans
        .iter()
        .filter(|s| descends_from(&spans, s, token))
        .collect();
    assert!(
        below_token
            .iter()
            .any(|s| s.attributes.get("db.system").map(String::as_str) == Some(system)),
        "{below_token:#?}"
    );
    assert!(
        below_token.iter().any(|s| s.name == "jwt.sign"),
        "{below_token:#?}"
    );

    // Requests without a traceparent start traces of their own.
    let invite = spans
        .iter()
        .find(|s| s.name == "GET /invite/{token}")
        .unwrap_or_else(|| panic!("{spans:#?}"));
    assert_eq!(invite.parent_span_id, "");
    assert_eq!(invite.attributes["http.route"], "/invite/{token}");

    // No secret reached the collector, in any form.
    let secrets = [
        PASSWORD,
        secret.as_str(),
        code.as_str(),
        csrf.as_str(),
        STATE,
        INVITE_SECRET,
        VERIFIER,
        tokens["access_token"].as_str().unwrap(),
        tokens["id_token"].as_str().unwrap(),
    ];
    for (_, body) in received.lock().unwrap().iter() {
        for s in secrets {
            assert!(
                !body.windows(s.len()).any(|w| w == s.as_bytes()),
                "{s} was exported"
            );
        }
    }

    // Each request's log line names its trace and server span.
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let logged = |route: &str| {
        lines
            .iter()
            .find(|l| l["message"] == "request" && l["span"]["route"] == route)
            .unwrap_or_else(|| panic!("no request line for {route}: {log}"))
            .clone()
    };
    let login_line = lines
        .iter()
        .find(|l| {
            l["message"] == "request"
                && l["span"]["route"] == "/login"
                && l["span"]["method"] == "POST"
        })
        .unwrap_or_else(|| panic!("no request line for POST /login: {log}"));
    assert_eq!(login_line["span"]["trace_id"], LOGIN_TRACE, "{login_line}");
    assert_eq!(login_line["span"]["span_id"], login.span_id.as_str());
    let token_line = logged("/token");
    assert_eq!(token_line["span"]["trace_id"], TOKEN_TRACE, "{token_line}");
    assert_eq!(token_line["span"]["span_id"], token.span_id.as_str());
    assert!(token_line["span"]["request_id"].as_str().is_some());
    for s in secrets {
        assert!(!log.contains(s), "{s} was logged");
    }
}

crate::helpers::on_both_backends!(sign_in_and_token_request_are_traced);
