//! Secrets read from files (`LATCHKEY_…_FILE`), as container platforms hand
//! them over: the real binary started with its database URL, master key and
//! SMTP URL in files.

use std::process::{Command, Stdio};

use crate::helpers::fresh_postgres_url;
use crate::mail::SmtpSink;

/// The binary under test: `LATCHKEY_TEST_BIN` when set (a private copy, for
/// machines where several checkouts rebuild one target directory), else the
/// one Cargo built for this test.
fn bin() -> String {
    std::env::var("LATCHKEY_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_latchkey").to_owned())
}
const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// Writes `text` to `dir/name` and returns the path.
fn secret(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A `latchkey` command in `dir` with a clean configuration environment.
fn latchkey(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .env_remove("LATCHKEY_BIND")
        .env_remove("LATCHKEY_DATABASE_URL")
        .env_remove("LATCHKEY_MASTER_KEY")
        .env_remove("LATCHKEY_SMTP_URL")
        .env("LATCHKEY_LOG", "warn");
    cmd
}

/// Starts `latchkey serve` with the given environment, waits until `/readyz`
/// answers 200, checks discovery, then stops it with SIGTERM.
async fn serve_until_ready(dir: &std::path::Path, env: &[(&str, String)]) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://localhost:{port}");
    let mut cmd = latchkey(dir);
    cmd.env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", &base)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let client = reqwest::Client::new();
    let mut up = false;
    // Two minutes at most: a loaded machine starts the server slowly.
    for _ in 0..1200 {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            up = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if !up {
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!(
            "server did not start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let discovery: serde_json::Value = client
        .get(format!("{base}/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovery["issuer"], base);
    // Signing keys were made and sealed with the master key from the file.
    let jwks: serde_json::Value = client
        .get(format!("{base}/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!jwks["keys"].as_array().unwrap().is_empty(), "{jwks}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!log.contains(KEY), "the master key is in the log: {log}");
}

/// The master key file is the key: the CLI with the same key given directly
/// reads the signing keys the server sealed, and another key cannot.
fn check_master_key_is(dir: &std::path::Path, db_env: (&str, &str)) {
    let rotate = |key: &str| {
        latchkey(dir)
            .env(db_env.0, db_env.1)
            .env("LATCHKEY_MASTER_KEY", key)
            .args(["keys", "rotate"])
            .output()
            .unwrap()
    };
    let out = rotate(KEY);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let other = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    assert!(!rotate(other).status.success(), "another key was accepted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_reads_its_database_url_and_master_key_from_files_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("id.db").display());
    let db_file = secret(dir.path(), "database_url", &format!("{db}\n"));
    let key_file = secret(dir.path(), "master_key", &format!("{KEY}\n"));
    serve_until_ready(
        dir.path(),
        &[
            ("LATCHKEY_DATABASE_URL_FILE", db_file),
            ("LATCHKEY_MASTER_KEY_FILE", key_file),
        ],
    )
    .await;
    // The database is where the file said, and no key file was made beside
    // it: the master key came from the named file.
    assert!(dir.path().join("id.db").exists());
    assert!(!dir.path().join("id.db.key").exists());
    assert!(!dir.path().join("data").exists());
    let dir_path = dir.path().to_owned();
    tokio::task::spawn_blocking(move || {
        check_master_key_is(&dir_path, ("LATCHKEY_DATABASE_URL", &db));
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_reads_its_database_url_and_master_key_from_files_on_postgres() {
    let Some((url, _guard)) = fresh_postgres_url().await else {
        crate::helpers::skip_postgres();
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db_file = secret(dir.path(), "database_url", &format!("{url}\r\n"));
    let key_file = secret(dir.path(), "master_key", KEY);
    serve_until_ready(
        dir.path(),
        &[
            ("LATCHKEY_DATABASE_URL_FILE", db_file.clone()),
            ("LATCHKEY_MASTER_KEY_FILE", key_file),
        ],
    )
    .await;
    let dir_path = dir.path().to_owned();
    tokio::task::spawn_blocking(move || {
        check_master_key_is(&dir_path, ("LATCHKEY_DATABASE_URL_FILE", &db_file));
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invites_are_mailed_through_the_smtp_url_from_a_file() {
    let sink = SmtpSink::start().await;
    let dir = tempfile::tempdir().unwrap();
    let smtp_file = secret(dir.path(), "smtp_url", &format!("{}\n", sink.url()));
    let mut cmd = latchkey(dir.path());
    cmd.env("LATCHKEY_SMTP_URL_FILE", &smtp_file)
        .env("LATCHKEY_SMTP_FROM", "Latchkey <id@example.com>")
        .args([
            "invite",
            "create",
            "--username",
            "carol",
            "--email",
            "carol@example.com",
            "--send",
        ]);
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let messages = sink.wait_for(1).await;
    assert_eq!(messages[0].to, ["<carol@example.com>"]);
}

/// Runs `latchkey migrate` in a fresh directory with `env` and returns its
/// failure message (it must fail).
fn startup_error(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = latchkey(dir.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.arg("migrate").output().unwrap();
    assert!(!out.status.success(), "started with {env:?}");
    let text = String::from_utf8(out.stderr).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "one message: {text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn an_unreadable_or_empty_secret_file_stops_startup_naming_key_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").display().to_string();
    let text = startup_error(&[("LATCHKEY_MASTER_KEY_FILE", &missing)]);
    assert!(
        text.contains("LATCHKEY_MASTER_KEY_FILE")
            && text.contains(&missing)
            && text.contains("cannot read"),
        "{text}"
    );
    // A directory cannot be read as a file either.
    let folder = dir.path().display().to_string();
    let text = startup_error(&[("LATCHKEY_DATABASE_URL_FILE", &folder)]);
    assert!(
        text.contains("LATCHKEY_DATABASE_URL_FILE") && text.contains(&folder),
        "{text}"
    );
    let empty = secret(dir.path(), "empty", "\n");
    let text = startup_error(&[("LATCHKEY_SMTP_URL_FILE", &empty)]);
    assert!(
        text.contains("LATCHKEY_SMTP_URL_FILE") && text.contains(&format!("{empty} is empty")),
        "{text}"
    );
    // A file that holds no valid key: the key is named, the content is not.
    let bad = secret(dir.path(), "bad", "hunter2\n");
    let text = startup_error(&[("LATCHKEY_MASTER_KEY_FILE", &bad)]);
    assert!(text.contains("LATCHKEY_MASTER_KEY"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn a_value_and_its_file_together_stop_startup_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = secret(dir.path(), "key", KEY);
    let text = startup_error(&[
        ("LATCHKEY_MASTER_KEY", KEY),
        ("LATCHKEY_MASTER_KEY_FILE", &key_file),
    ]);
    assert!(
        text.contains("LATCHKEY_MASTER_KEY and LATCHKEY_MASTER_KEY_FILE are both set"),
        "{text}"
    );
    assert!(!text.contains(KEY), "{text}");
}
