//! Operations: metrics on their own listener, per-request logs, backups.

use crate::helpers::spawn_app_with;

/// The value of the first sample line starting with `prefix` (0 when absent).
pub fn sample(text: &str, prefix: &str) -> f64 {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(addr: std::net::SocketAddr) -> String {
    let res = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("application/openmetrics-text"), "{ct}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_per_route_on_the_metrics_listener_only() {
    let app = spawn_app_with(|s| s.metrics_bind = Some("127.0.0.1:0".parse().unwrap())).await;
    let addr = app.metrics_addr.expect("metrics listener bound");
    assert_ne!(addr.port(), 0);

    let ok = r#"latchkey_http_requests_total{method="GET",route="/healthz",status="200"} "#;
    let missing = r#"latchkey_http_requests_total{method="GET",route="(unmatched)",status="404"} "#;
    let latency = r#"latchkey_http_request_duration_seconds_count{method="GET",route="/healthz"} "#;
    let before = scrape(addr).await;
    for _ in 0..3 {
        let res = app.http.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), 200);
    }
    // Raw paths never become labels: a secret-looking path counts as unmatched.
    let res = app
        .http
        .get(app.url("/no-such-page/s3cr3t-token?code=abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let after = scrape(addr).await;
    assert!(sample(&after, ok) >= sample(&before, ok) + 3.0, "{after}");
    assert!(sample(&after, latency) >= sample(&before, latency) + 3.0);
    assert!(sample(&after, missing) > sample(&before, missing));
    assert!(!after.contains("s3cr3t"));
    assert!(after.contains("latchkey_http_request_duration_seconds_bucket{"));
    // Database pool usage is published at scrape time.
    assert!(
        after.contains(r#"latchkey_db_pool_max_connections{pool="write"} 1"#),
        "{after}"
    );
    assert!(after.contains("latchkey_build_info{"));

    // Never on the public listener.
    let res = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn metric_helpers_move_their_counters() {
    let app = spawn_app_with(|s| s.metrics_bind = Some("127.0.0.1:0".parse().unwrap())).await;
    let addr = app.metrics_addr.unwrap();
    let lines = [
        r#"latchkey_signins_total{method="password",outcome="success"} "#,
        r#"latchkey_signins_total{method="passkey",outcome="failure"} "#,
        r#"latchkey_tokens_issued_total{grant="authorization_code"} "#,
        r#"latchkey_tokens_issued_total{grant="refresh_token"} "#,
        "latchkey_refresh_token_reuse_detected_total ",
        "latchkey_lockouts_total ",
    ];
    let before = scrape(addr).await;
    latchkey::metrics::signin("password", "success");
    latchkey::metrics::signin("passkey", "failure");
    latchkey::metrics::token_issued("authorization_code");
    latchkey::metrics::token_issued("refresh_token");
    latchkey::metrics::refresh_reuse_detected();
    latchkey::metrics::lockout();
    let after = scrape(addr).await;
    for line in lines {
        assert!(
            sample(&after, line) > sample(&before, line),
            "{line} did not move:\n{after}"
        );
    }
}

#[tokio::test]
async fn without_metrics_bind_there_is_no_metrics_listener() {
    let app = spawn_app_with(|_| {}).await;
    assert!(app.metrics_addr.is_none());
    let res = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

#[test]
fn version_names_the_version_and_commit() {
    let out = std::process::Command::new(BIN)
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let expected_start = format!("latchkey {} (", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&expected_start), "{text}");
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|h| h.status.success());
    if let Some(head) = head {
        // Built from a git checkout: the commit is the one checked out.
        let head = String::from_utf8(head.stdout).unwrap();
        assert_eq!(text.trim(), format!("{expected_start}{})", head.trim()));
    }
}

/// `latchkey serve` with JSON logs: one JSON object per line, one event per
/// request naming the route and request id, and no query strings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_logs_one_json_event_per_request() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(BIN)
        .current_dir(dir.path())
        .env("LATCHKEY_BIND", "127.0.0.1:0")
        .env("LATCHKEY_LOG", "info")
        .env("LATCHKEY_LOG_FORMAT", "json")
        .env_remove("LATCHKEY_METRICS_BIND")
        .arg("serve")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let next = async |rx: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
                      seen: &mut Vec<String>| {
        let line = tokio::time::timeout(std::time::Duration::from_secs(120), rx.recv())
            .await
            .expect("a log line in time")
            .expect("the server is still running");
        seen.push(line.clone());
        let v: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        v
    };
    let addr = loop {
        let v = next(&mut rx, &mut seen).await;
        if v["message"] == "latchkey listening" {
            break v["addr"].as_str().unwrap().to_owned();
        }
    };
    let res = reqwest::get(format!("http://{addr}/healthz?code=SECRETCODE123"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let request_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let event = loop {
        let v = next(&mut rx, &mut seen).await;
        if v["message"] == "request" {
            break v;
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(event["status"], 200, "{event}");
    assert_eq!(event["span"]["route"], "/healthz", "{event}");
    assert_eq!(event["span"]["request_id"], request_id.as_str());
    assert!(event["latency_ms"].as_f64().is_some());
    let all = seen.join("\n");
    assert!(!all.contains("SECRETCODE123"), "{all}");
}

#[tokio::test]
async fn a_real_sign_in_and_token_request_move_the_counters() {
    let app = spawn_app_with(|s| s.metrics_bind = Some("127.0.0.1:0".parse().unwrap())).await;
    let addr = app.metrics_addr.unwrap();
    app.create_user("metric", "correct horse battery").await;
    let client = crate::helpers::register(&app, false, false).await;
    let signin = r#"latchkey_signins_total{method="password",outcome="success"} "#;
    let issued = r#"latchkey_tokens_issued_total{grant="client_credentials"} "#;
    let before = scrape(addr).await;

    let r = crate::helpers::type_password(&app, &app.http, "metric", "correct horse battery", None)
        .await;
    assert_eq!(r.status(), 303);
    let r =
        crate::helpers::token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 200);

    let after = scrape(addr).await;
    assert!(sample(&after, signin) > sample(&before, signin), "{after}");
    assert!(sample(&after, issued) > sample(&before, issued), "{after}");
}
