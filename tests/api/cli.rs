//! The `latchkey` binary: JSON output, errors and exit codes, SIGTERM.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

fn latchkey(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .current_dir(dir)
        .env_remove("LATCHKEY_BIND")
        .env("LATCHKEY_LOG", "warn")
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one JSON line: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn create_commands_print_their_json() {
    let dir = tempfile::tempdir().unwrap();
    let c = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "App",
            "--redirect-uri",
            "https://app.example/cb",
        ],
    ));
    assert!(c["client_id"].as_str().unwrap().len() >= 16);
    assert!(c["client_secret"].as_str().unwrap().len() >= 32);
    assert_eq!(
        c["redirect_uris"],
        serde_json::json!(["https://app.example/cb"])
    );
    let p = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "SPA",
            "--redirect-uri",
            "https://spa.example/",
            "--public",
        ],
    ));
    assert!(p.get("client_secret").is_none());

    let u = json(&latchkey(
        dir.path(),
        &[
            "user",
            "create",
            "--username",
            "alice",
            "--email",
            "alice@example.com",
            "--group",
            "staff",
            "--admin",
        ],
    ));
    assert_eq!(u["username"], "alice");
    let userid = u["userid"].as_str().unwrap();
    assert_eq!(userid.len(), 11);
    assert_eq!(&userid[5..6], "-");

    let i = json(&latchkey(
        dir.path(),
        &["invite", "create", "--username", "bob", "--ttl", "2h"],
    ));
    assert!(
        i["url"]
            .as_str()
            .unwrap()
            .starts_with("http://localhost:8080/invite/")
    );
    assert!(i["expires_at"].as_str().unwrap().ends_with('Z'));

    // The database and its key file were created in the default place.
    assert!(dir.path().join("data/latchkey.db").exists());
    assert!(dir.path().join("data/latchkey.db.key").exists());
}

#[test]
fn duplicate_username_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    json(&latchkey(
        dir.path(),
        &["user", "create", "--username", "carol"],
    ));
    let out = latchkey(dir.path(), &["user", "create", "--username", "Carol"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already exists"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args(["user", "create", "--username", "dave", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a good long password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    json(&out);
    // Too short a password is refused.
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args(["user", "create", "--username", "erin", "--password-stdin"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8"));
}

#[test]
fn bad_arguments_give_usage_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = latchkey(dir.path(), &["user", "create"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Usage"), "{err}");
    assert!(!err.contains("panicked"));
    let out = latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "x",
            "--redirect-uri",
            "not a uri",
        ],
    );
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn bad_bind_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .env("LATCHKEY_BIND", "nonsense")
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("LATCHKEY_BIND"));
}

#[test]
fn sigterm_lets_requests_finish_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_LOG", "warn")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/readyz");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        let mut up = false;
        // Two minutes at most: a loaded machine starts the server slowly.
        for _ in 0..1200 {
            if client
                .get(&url)
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "server did not start");
        // Requests in flight while the signal arrives still complete.
        let inflight: Vec<_> = (0..8)
            .map(|_| tokio::spawn(client.get(&url).send()))
            .collect();
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        for r in inflight {
            let r = r.await.unwrap();
            if let Ok(r) = r {
                assert_eq!(r.status(), 200);
            }
        }
    });
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn client_update_takes_the_create_options_and_prints_the_client() {
    let dir = tempfile::tempdir().unwrap();
    let c = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "Console",
            "--redirect-uri",
            "https://console.example/cb",
            "--resource-server",
        ],
    ));
    let id = c["client_id"].as_str().unwrap();
    let u = json(&latchkey(
        dir.path(),
        &[
            "client",
            "update",
            id,
            "--name",
            "Admin console",
            "--scope",
            "latchkey:admin",
            "--skip-consent",
            "--client-credentials",
            "--redirect-uri",
            "https://console.example/cb",
            "--redirect-uri",
            "http://127.0.0.1/cb",
        ],
    ));
    assert_eq!(u["client_id"], id);
    assert_eq!(u["name"], "Admin console");
    assert_eq!(u["scopes"], serde_json::json!(["latchkey:admin"]));
    assert_eq!(u["skip_consent"], true);
    assert_eq!(u["resource_server"], true);
    assert!(
        u["grant_types"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("client_credentials"))
    );
    assert_eq!(u["redirect_uris"].as_array().unwrap().len(), 2);
    assert!(u.get("client_secret").is_none() && u.get("secret_hash").is_none());
    // `=false` clears a flag; what is not given stays.
    let u = json(&latchkey(
        dir.path(),
        &[
            "client",
            "update",
            id,
            "--skip-consent=false",
            "--resource-server=false",
        ],
    ));
    assert_eq!(u["skip_consent"], false);
    assert_eq!(u["resource_server"], false);
    assert_eq!(u["scopes"], serde_json::json!(["latchkey:admin"]));
    assert_eq!(u["name"], "Admin console");
    // Branding, the ID token algorithm and refresh tokens.
    let u = json(&latchkey(
        dir.path(),
        &[
            "client",
            "update",
            id,
            "--logo-uri",
            "https://console.example/logo.png",
            "--client-uri",
            "https://console.example",
            "--policy-uri",
            "https://console.example/privacy",
            "--tos-uri",
            "http://localhost:8000/terms",
            "--id-token-alg",
            "EdDSA",
            "--refresh-tokens=false",
        ],
    ));
    assert_eq!(u["logo_uri"], "https://console.example/logo.png");
    assert_eq!(u["client_uri"], "https://console.example/");
    assert_eq!(u["policy_uri"], "https://console.example/privacy");
    assert_eq!(u["tos_uri"], "http://localhost:8000/terms");
    assert_eq!(u["id_token_alg"], "EdDSA");
    assert_eq!(
        u["grant_types"],
        serde_json::json!(["authorization_code", "client_credentials"])
    );
    let u = json(&latchkey(
        dir.path(),
        &["client", "update", id, "--logo-uri", "", "--refresh-tokens"],
    ));
    assert!(u["logo_uri"].is_null());
    assert_eq!(u["client_uri"], "https://console.example/");
    assert!(
        u["grant_types"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("refresh_token"))
    );
    // The same options at creation.
    let created = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "Branded",
            "--redirect-uri",
            "https://branded.example/cb",
            "--tos-uri",
            "https://branded.example/tos",
        ],
    ));
    let list = json(&latchkey(dir.path(), &["client", "list"]));
    let branded = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["client_id"] == created["client_id"])
        .unwrap();
    assert_eq!(branded["tos_uri"], "https://branded.example/tos");
    // The list shows the allowance.
    let list = json(&latchkey(dir.path(), &["client", "list"]));
    assert_eq!(list[0]["scopes"], serde_json::json!(["latchkey:admin"]));
    assert_eq!(list[0]["resource_server"], false);
    // The device grant: no redirect URI needed; `=false` withdraws it.
    let device = "urn:ietf:params:oauth:grant-type:device_code";
    let tv = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "TV",
            "--public",
            "--device-grant",
        ],
    ));
    assert!(tv.get("client_secret").is_none());
    let tv_id = tv["client_id"].as_str().unwrap();
    let u = json(&latchkey(
        dir.path(),
        &[
            "client",
            "update",
            tv_id,
            "--device-grant=false",
            "--redirect-uri",
            "http://127.0.0.1/cb",
        ],
    ));
    assert!(
        !u["grant_types"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(device))
    );
    let u = json(&latchkey(
        dir.path(),
        &["client", "update", tv_id, "--device-grant"],
    ));
    assert!(
        u["grant_types"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(device))
    );
    // Refusals: plain http on a public host, switching kind, unknown client.
    for (args, needle) in [
        (
            vec!["--redirect-uri", "http://evil.example/cb"],
            "only loopback",
        ),
        (vec!["--public"], "public and confidential"),
        (vec!["--tos-uri", "http://evil.example/tos"], "tos_uri"),
        (vec!["--logo-uri", "javascript:alert(1)"], "logo_uri"),
    ] {
        let mut all = vec!["client", "update", id];
        all.extend(args);
        let out = latchkey(dir.path(), &all);
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{err}");
    }
    let out = latchkey(dir.path(), &["client", "update", "nope", "--name", "x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
    let out = latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "Evil",
            "--redirect-uri",
            "http://evil.example/cb",
        ],
    );
    assert!(!out.status.success());
}

/// PRODUCT.md §3: the first-start administrator invite never goes into the
/// log. With standard error not a terminal (a pipe here), `serve` writes it
/// to a file readable only by the owner, beside the SQLite database, and
/// logs that file's path.
#[test]
fn first_start_invite_goes_to_a_private_file_not_the_log() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://localhost:{port}");
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .env("LATCHKEY_BIND", format!("127.0.0.1:{port}"))
        .env("LATCHKEY_ISSUER", &base)
        .env("LATCHKEY_LOG", "info")
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Everything logged up to "listening" (the invite is made before it).
    let mut log = String::new();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        log.push_str(&line);
        log.push('\n');
        if line.contains("latchkey listening") {
            break;
        }
    }
    // Keep draining stderr so the server never blocks on a full pipe.
    let drain = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());

    assert!(log.contains("latchkey listening"), "{log}");
    assert!(
        !log.contains("/invite/"),
        "the invite URL is in the log: {log}"
    );
    let path = std::fs::canonicalize(dir.path())
        .unwrap()
        .join("data/latchkey.db.admin-invite");
    let named =
        log.contains(&path.display().to_string()) || log.contains("latchkey.db.admin-invite");
    assert!(named, "the log does not name the invite file: {log}");
    let file = std::fs::read_dir(dir.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".admin-invite"))
        .unwrap_or_else(|| panic!("no invite file; log: {log}"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    let url = std::fs::read_to_string(&file).unwrap().trim().to_owned();
    assert!(url.starts_with(&format!("{base}/invite/")), "{url}");
    assert!(!log.contains(url.rsplit('/').next().unwrap()));

    // The link works: the invite page offers to create the account.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let page = rt.block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() });
    assert!(page.contains("Create a passkey"), "{page}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // Later lines name the route template (`/invite/{token}`), never the token.
    let rest = drain.join().unwrap().join("\n");
    assert!(!rest.contains(url.rsplit('/').next().unwrap()), "{rest}");
}

#[test]
fn jwks_file_registers_a_client_without_a_secret_and_replaces_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let key =
        |x: &str| serde_json::json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": x, "x": x}]});
    let first = dir.path().join("first.jwks");
    let x1 = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    let x2 = "AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM";
    std::fs::write(&first, key(x1).to_string()).unwrap();
    let out = latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "Service",
            "--client-credentials",
            "--jwks-file",
            first.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let c = json(&out);
    assert!(c.get("client_secret").is_none(), "no secret: {text}");
    assert_eq!(c["token_endpoint_auth_method"], "private_key_jwt");
    let id = c["client_id"].as_str().unwrap();

    let second = dir.path().join("second.jwks");
    std::fs::write(&second, key(x2).to_string()).unwrap();
    let u = json(&latchkey(
        dir.path(),
        &[
            "client",
            "update",
            id,
            "--jwks-file",
            second.to_str().unwrap(),
        ],
    ));
    assert_eq!(u["jwks"], key(x2), "the new set, public keys only");
    assert!(u.get("client_secret").is_none());

    // Private key material, a missing file and a public client are refused.
    let private = dir.path().join("private.jwks");
    let mut with_d = key(x1);
    with_d["keys"][0]["d"] = serde_json::json!(x2);
    std::fs::write(&private, with_d.to_string()).unwrap();
    for (args, needle) in [
        (
            vec![
                "client",
                "update",
                id,
                "--jwks-file",
                private.to_str().unwrap(),
            ],
            "private key material",
        ),
        (
            vec!["client", "update", id, "--jwks-file", "/nonexistent.jwks"],
            "--jwks-file",
        ),
    ] {
        let out = latchkey(dir.path(), &args);
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{err}");
    }
    let out = latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "SPA",
            "--public",
            "--redirect-uri",
            "https://spa.example/",
            "--jwks-file",
            first.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());

    // client_secret_jwt: a secret is printed once, for HS256 assertions.
    let s = json(&latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "HMAC",
            "--client-credentials",
            "--client-secret-jwt",
        ],
    ));
    assert!(s["client_secret"].as_str().unwrap().len() >= 32);
    assert_eq!(s["token_endpoint_auth_method"], "client_secret_jwt");
}

/// Issue 21: the first administrator made on the command line (while no
/// active owner exists) is an owner, later ones administrators; `--role`
/// names any role; an unknown role fails clearly and creates nothing.
#[test]
fn the_first_administrator_is_an_owner() {
    let dir = tempfile::tempdir().unwrap();
    let create = |name: &str, extra: &[&str]| {
        let mut args = vec!["user", "create", "--username", name];
        args.extend_from_slice(extra);
        latchkey(dir.path(), &args)
    };
    json(&create("first", &["--admin"]));
    json(&create("second", &["--admin"]));
    json(&create("watcher", &["--role", "auditor"]));
    json(&create("plain", &[]));
    let out = create("bad", &["--role", "superuser"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown role"), "{err}");

    let users = json(&latchkey(dir.path(), &["user", "list"]));
    let role = |name: &str| {
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == name)
            .map(|u| u["role"].clone())
    };
    assert_eq!(role("first"), Some(serde_json::json!("owner")));
    assert_eq!(role("second"), Some(serde_json::json!("admin")));
    assert_eq!(role("watcher"), Some(serde_json::json!("auditor")));
    assert_eq!(role("plain"), Some(serde_json::Value::Null));
    assert_eq!(role("bad"), None);
}
