//! API keys for the admin API: created on the command line, in the API and
//! on the admin page; accepted as `Bearer lk_…` with the key's role; they
//! expire, are revoked at once, never outrank their creator, and are never
//! stored or listed in plain text.

use std::process::Command;

use latchkey::clock::Clock;
use latchkey::db::User;
use latchkey::domain::role::Role;
use latchkey::manage::{self, Actor, CreateApiKey};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::admin_routes::api_operations;
use crate::helpers::{Backend, TestApp, on_both_backends, register_admin, spawn_app, spawn_app_on};

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

/// Runs `latchkey ARGS` against the running server's database.
async fn cli(app: &TestApp, args: &[&str]) -> std::process::Output {
    let db = format!("sqlite://{}", app.dir.path().join("latchkey.db").display());
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd.path())
        .env_remove("LATCHKEY_BIND")
        .env("LATCHKEY_LOG", "warn")
        .env("LATCHKEY_DATABASE_URL", &db)
        .env("LATCHKEY_ISSUER", &app.base)
        .args(args);
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// Calls the admin API with `Authorization: <scheme> <token>`.
async fn call_as(
    app: &TestApp,
    scheme: &str,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .header("authorization", format!("{scheme} {token}"));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn call(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    call_as(app, "Bearer", token, method, path, body).await
}

async fn get(app: &TestApp, token: &str, path: &str) -> u16 {
    call(app, token, Method::GET, path, None).await.0
}

/// A key with `role` made on the command line's behalf (creator `cli`).
async fn cli_key(app: &TestApp, role: Role) -> (String, String) {
    let created = manage::create_api_key(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        None,
        CreateApiKey {
            name: format!("{role} automation"),
            role: role.as_str().into(),
            ttl_seconds: 86_400,
        },
    )
    .await
    .unwrap();
    (created.id, created.key)
}

/// A user holding `role`, and an admin API token for them (signed in now).
async fn person(app: &TestApp, username: &str, role: Role) -> (User, String) {
    let user = app.create_user(username, "correct horse battery").await;
    app.state
        .repos
        .users
        .set_role(&user.userid, Some(role), app.state.clock.now())
        .await
        .unwrap();
    let client = register_admin(app, false, true).await;
    let token = app
        .tokens_for(&client, &user, "openid latchkey:admin")
        .await
        .access;
    (user, token)
}

#[tokio::test]
async fn a_key_created_on_the_command_line_works_against_the_admin_api() {
    let app = spawn_app().await;
    let out = cli(
        &app,
        &[
            "api-key",
            "create",
            "--name",
            "deploy bot",
            "--role",
            "admin",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "exactly one JSON line: {stdout}");
    let printed: Value = serde_json::from_str(&stdout).unwrap();
    let fields: Vec<_> = printed.as_object().unwrap().keys().cloned().collect();
    assert_eq!(fields, ["expires_at", "id", "key"]);
    let key = printed["key"].as_str().unwrap();
    let id = printed["id"].as_str().unwrap();
    assert!(key.starts_with("lk_") && key.len() >= 3 + 43, "{key}");
    // Default lifetime: 90 days.

    let (s, v) = call(&app, key, Method::GET, "/users", None).await;
    assert_eq!(s, 200, "{v}");
    // A change: no recent sign-in asked of a key; the audit log names it.
    let (s, v) = call(
        &app,
        key,
        Method::POST,
        "/groups",
        Some(json!({"name": "ops"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (_, log) = call(&app, key, Method::GET, "/audit", None).await;
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "group.created")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(entry["actor"], format!("api-key:{id}"));
    // Only the SHA-256 is stored.
    let row = app.state.repos.api_keys.get(id).await.unwrap().unwrap();
    assert_eq!(printed["expires_at"], manage::rfc3339(row.expires_at));
    assert_eq!(row.expires_at - row.created_at, 90 * 86_400);
    assert_eq!(row.role, Role::Admin);
    assert_ne!(row.key_hash, key);
    assert_eq!(row.key_hash, latchkey::crypto::hash_secret(key));
    assert_eq!(row.created_by, "cli");
    let text = std::fs::read(app.dir.path().join("latchkey.db")).unwrap();
    assert!(
        !text.windows(key.len()).any(|w| w == key.as_bytes()),
        "the key is in the database file"
    );
    // Lists never show it: the CLI's nor the API's.
    let out = cli(&app, &["api-key", "list"]).await;
    assert!(out.status.success());
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains(id) && !listed.contains(key), "{listed}");
    let list: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(list[0]["state"], "active");
    assert_eq!(list[0]["role"], "admin");
    let (s, v) = call(&app, key, Method::GET, "/api-keys", None).await;
    assert_eq!(s, 200);
    assert!(!v.to_string().contains(key), "{v}");
    assert_eq!(v["items"][0]["id"], id);
    assert_eq!(v["items"][0]["name"], "deploy bot");
    assert!(v["items"][0]["last_used_at"].is_string());
    // The audit record of its creation holds no key.
    let (_, log) = call(&app, key, Method::GET, "/audit", None).await;
    assert!(!log.to_string().contains(key));
    assert!(log.to_string().contains("api_key.created"));

    // Revoked on the command line: refused at once.
    let out = cli(&app, &["api-key", "revoke", id]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (s, v) = call(&app, key, Method::GET, "/users", None).await;
    assert_eq!(s, 401);
    assert_eq!(v["error"], "invalid_token");
}

#[tokio::test]
async fn roles_bound_what_a_key_may_do() {
    let app = spawn_app().await;
    let (_, auditor) = cli_key(&app, Role::Auditor).await;
    assert_eq!(get(&app, &auditor, "/users").await, 200);
    assert_eq!(get(&app, &auditor, "/clients").await, 200);
    assert_eq!(get(&app, &auditor, "/api-keys").await, 200);
    let (s, v) = call(
        &app,
        &auditor,
        Method::POST,
        "/groups",
        Some(json!({"name": "ops"})),
    )
    .await;
    assert_eq!(s, 403, "{v}");
    assert_eq!(v["error"], "forbidden");
    let (s, v) = call(
        &app,
        &auditor,
        Method::POST,
        "/api-keys",
        Some(json!({"name": "x", "role": "auditor"})),
    )
    .await;
    assert_eq!(s, 403, "{v}");
    assert_eq!(v["error"], "forbidden");
    // The refusal is audited under the key.
    let (_, log) = call(&app, &auditor, Method::GET, "/audit", None).await;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "admin.refused"
                && e["actor"].as_str().unwrap().starts_with("api-key:")),
        "{log}"
    );

    let (_, user_manager) = cli_key(&app, Role::UserManager).await;
    assert_eq!(get(&app, &user_manager, "/users").await, 200);
    assert_eq!(get(&app, &user_manager, "/clients").await, 403);
    assert_eq!(get(&app, &user_manager, "/api-keys").await, 403);

    // Even an owner key creates no keys (a key would outlive the key that made it).
    let (_, owner) = cli_key(&app, Role::Owner).await;
    let (s, v) = call(
        &app,
        &owner,
        Method::POST,
        "/api-keys",
        Some(json!({"name": "child", "role": "auditor"})),
    )
    .await;
    assert_eq!(s, 403, "{v}");
}

on_both_backends!(keys_expire_on_the_clock);
async fn keys_expire_on_the_clock(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (id, key) = cli_key(&app, Role::Auditor).await; // one day
    let t0 = app.clock.now();
    assert_eq!(get(&app, &key, "/users").await, 200);
    let used = |app: &TestApp| {
        let repos = app.state.repos.clone();
        let id = id.clone();
        async move { repos.api_keys.get(&id).await.unwrap().unwrap().last_used_at }
    };
    assert_eq!(used(&app).await, Some(t0));
    // Used again within the minute: no write.
    app.clock.advance(59);
    assert_eq!(get(&app, &key, "/users").await, 200);
    assert_eq!(used(&app).await, Some(t0));
    app.clock.advance(1);
    assert_eq!(get(&app, &key, "/users").await, 200);
    assert_eq!(used(&app).await, Some(t0 + 60));

    app.clock.advance(86_400 - 61);
    assert_eq!(get(&app, &key, "/users").await, 200);
    app.clock.advance(1);
    let (s, v) = call(&app, &key, Method::GET, "/users", None).await;
    assert_eq!(s, 401);
    assert_eq!(v["error"], "invalid_token");
    // Listed as expired.
    let (_, auditor) = cli_key(&app, Role::Auditor).await;
    let (_, list) = call(&app, &auditor, Method::GET, "/api-keys", None).await;
    let row = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["state"], "expired");
}

on_both_backends!(keys_are_managed_through_the_api);
async fn keys_are_managed_through_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (_, admin_token) = person(&app, "ada", Role::Admin).await;
    // An administrator cannot hand out an owner key.
    let (s, v) = call(
        &app,
        &admin_token,
        Method::POST,
        "/api-keys",
        Some(json!({"name": "too much", "role": "owner"})),
    )
    .await;
    assert_eq!(s, 403, "{v}");
    assert_eq!(v["error"], "forbidden");
    let (s, created) = call(
        &app,
        &admin_token,
        Method::POST,
        "/api-keys",
        Some(json!({"name": "ci", "role": "client-manager", "ttl_seconds": 7200})),
    )
    .await;
    assert_eq!(s, 201, "{created}");
    let mut fields: Vec<_> = created.as_object().unwrap().keys().cloned().collect();
    fields.sort();
    assert_eq!(fields, ["expires_at", "id", "key", "name", "role"]);
    assert_eq!(created["role"], "client-manager");
    let key = created["key"].as_str().unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(get(&app, key, "/clients").await, 200);
    assert_eq!(get(&app, key, "/users").await, 403);
    assert_eq!(get(&app, key, "/api-keys").await, 403);

    // Revoked through the API: refused at once, listed as revoked.
    let (s, v) = call(
        &app,
        &admin_token,
        Method::DELETE,
        &format!("/api-keys/{id}"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "revoked");
    assert_eq!(get(&app, key, "/clients").await, 401);
    let (s, _) = call(
        &app,
        &admin_token,
        Method::DELETE,
        "/api-keys/nonexistent",
        None,
    )
    .await;
    assert_eq!(s, 404);
    // An owner's key cannot be revoked by an administrator.
    let (owner_key_id, _) = cli_key(&app, Role::Owner).await;
    let (s, _) = call(
        &app,
        &admin_token,
        Method::DELETE,
        &format!("/api-keys/{owner_key_id}"),
        None,
    )
    .await;
    assert_eq!(s, 403);
    let (_, log) = call(&app, &admin_token, Method::GET, "/audit", None).await;
    let revoked = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "api_key.revoked")
        .count();
    assert_eq!(revoked, 1, "{log}");
}

on_both_backends!(a_key_never_outranks_its_creator);
async fn a_key_never_outranks_its_creator(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (ada, token) = person(&app, "ada", Role::Admin).await;
    let (s, created) = call(
        &app,
        &token,
        Method::POST,
        "/api-keys",
        Some(json!({"name": "ops", "role": "admin"})),
    )
    .await;
    assert_eq!(s, 201, "{created}");
    let key = created["key"].as_str().unwrap().to_owned();
    let row = app
        .state
        .repos
        .api_keys
        .get(created["id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.created_by, ada.userid);
    assert_eq!(get(&app, &key, "/users").await, 200);
    let now = app.clock.now();
    let users = &app.state.repos.users;
    // Demoted to auditor: an auditor may not hand out admin keys.
    users
        .set_role(&ada.userid, Some(Role::Auditor), now)
        .await
        .unwrap();
    assert_eq!(get(&app, &key, "/users").await, 401);
    users
        .set_role(&ada.userid, Some(Role::Admin), now)
        .await
        .unwrap();
    assert_eq!(get(&app, &key, "/users").await, 200);
    // Disabled: the key stops too.
    users.set_active(&ada.userid, false, now).await.unwrap();
    assert_eq!(get(&app, &key, "/users").await, 401);
    users.set_active(&ada.userid, true, now).await.unwrap();
    assert_eq!(get(&app, &key, "/users").await, 200);
    // Deleted: for good.
    manage::delete_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        &ada,
    )
    .await
    .unwrap();
    assert_eq!(get(&app, &key, "/users").await, 401);
}

#[tokio::test]
async fn hostile_input_is_refused_clearly() {
    let app = spawn_app().await;
    let (_, owner) = cli_key(&app, Role::Owner).await;
    let (_, token) = person(&app, "ada", Role::Owner).await;
    let bidi = format!("paypal{}lapyap", '\u{202E}');
    let long = "x".repeat(101);
    for body in [
        json!({"name": "x", "role": "root"}),
        json!({"name": "x", "role": "Owner"}),
        json!({"name": "x", "role": ""}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": 0}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": 3599}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": 3 * 365 * 86_400}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": -5}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": i64::MAX}),
        json!({"name": "", "role": "auditor"}),
        json!({"name": "   ", "role": "auditor"}),
        json!({"name": long, "role": "auditor"}),
        json!({"name": bidi, "role": "auditor"}),
        json!({"name": "a\nb", "role": "auditor"}),
    ] {
        let (s, v) = call(&app, &token, Method::POST, "/api-keys", Some(body.clone())).await;
        assert_eq!(s, 422, "{body}: {v}");
        assert_eq!(v["error"], "validation_failed", "{body}");
    }
    for body in [
        json!({"name": "x"}),
        json!({"name": "x", "role": "auditor", "key": "lk_chosen"}),
        json!({"name": "x", "role": "auditor", "ttl_seconds": "90d"}),
    ] {
        let (s, v) = call(&app, &token, Method::POST, "/api-keys", Some(body.clone())).await;
        assert!(s == 400 || s == 422, "{body}: {s} {v}");
    }
    assert_eq!(app.state.repos.api_keys.list(0, 10).await.unwrap().total, 1);
    // Garbage with the prefix, a key with a byte changed, and an API key
    // sent as a DPoP token: one answer, 401 invalid_token.
    let mut altered = owner.clone().into_bytes();
    let last = altered.len() - 1;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    for garbage in [
        "lk_",
        "lk_x",
        "lk_%00%00",
        "lk_\u{202E}abc",
        altered.as_str(),
        &format!("lk_{}", "a".repeat(5000)),
    ] {
        let r = reqwest::Client::new()
            .get(app.url("/api/admin/v1/users"))
            .header("authorization", format!("Bearer {garbage}"))
            .send()
            .await;
        let Ok(r) = r else { continue }; // not a valid header value
        assert_eq!(r.status(), 401, "{garbage:?}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "invalid_token");
    }
    let (s, v) = call_as(&app, "DPoP", &owner, Method::GET, "/users", None).await;
    assert_eq!(s, 401, "{v}");
    assert_eq!(v["error"], "invalid_token");
    // The key works, so those were refusals of the form, not of the key.
    assert_eq!(get(&app, &owner, "/users").await, 200);

    // The command line refuses bad input with a message and no output.
    for args in [
        &["api-key", "create", "--name", "x", "--role", "root"][..],
        &[
            "api-key", "create", "--name", "x", "--role", "auditor", "--ttl", "10m",
        ],
        &[
            "api-key", "create", "--name", "x", "--role", "auditor", "--ttl", "3y",
        ],
        &[
            "api-key", "create", "--name", "x", "--role", "auditor", "--ttl", "soon",
        ],
        &["api-key", "create", "--name", "", "--role", "auditor"],
        &["api-key", "revoke", "nonexistent"],
    ] {
        let out = cli(&app, args).await;
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    let out = cli(
        &app,
        &[
            "api-key", "create", "--name", "x", "--role", "auditor", "--ttl", "2y",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every admin API operation with a key of every role: 403 exactly where
/// the role's need refuses it, and for every change of API keys (a key
/// makes or revokes none).
#[tokio::test]
async fn every_api_operation_allows_exactly_what_the_keys_role_allows() {
    for role in Role::ALL {
        let app = spawn_app().await;
        let target = app.create_user("target", "correct horse battery").await;
        let rp = crate::helpers::register(&app, false, false).await;
        let invite = manage::create_invite(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings.issuer,
            &Actor::cli(),
            manage::CreateInvite {
                username: "pending".into(),
                ttl_seconds: 3600,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let (_, key) = cli_key(&app, role).await;
        for op in api_operations(&target.userid, &rp.id, &invite.id) {
            let (status, body) = call(&app, &key, op.method.clone(), &op.path, op.body).await;
            let what = format!("{role} {} {}: {body}", op.method, op.path);
            let key_management = op.path.starts_with("/api-keys") && op.method != Method::GET;
            if op.needs.allows(Some(role)) && !key_management {
                assert_ne!(status, 403, "{what}");
                assert!(status < 500, "{what}");
            } else {
                assert_eq!(status, 403, "{what}");
            }
        }
    }
}

/// Posts a form of `/admin/api-keys` with the page's CSRF token.
async fn post_form(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let csrf = crate::helpers::form_token(browser, app, "/admin/api-keys").await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = browser
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn keys_are_managed_on_the_admin_page() {
    let app = spawn_app().await;
    let (owner, _) = person(&app, "olivia", Role::Owner).await;
    let browser = crate::helpers::signed_in_browser(&app, &owner).await;
    let r = browser
        .get(app.url("/admin/api-keys"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<option value="owner">"#), "{html}");
    assert!(
        html.contains(r#"value="90""#),
        "lifetime defaults to 90 days"
    );
    assert!(html.contains("Create API key"));

    // Created in the UI: shown once, read-only, with its expiry.
    let (status, html) = post_form(
        &browser,
        &app,
        "/admin/api-keys",
        &[
            ("name", "nightly sync"),
            ("role", "admin"),
            ("lifetime_days", "30"),
        ],
    )
    .await;
    assert_eq!(status, 201, "{html}");
    let key = crate::helpers::hidden(&html, "created_key");
    assert!(key.starts_with("lk_"), "{key}");
    assert!(html.contains("readonly"));
    assert!(html.contains("not shown again"));
    let expires = latchkey::manage::rfc3339(app.state.clock.now() + 30 * 86_400);
    assert!(html.contains(&expires), "expiry {expires} shown");
    assert_eq!(get(&app, &key, "/users").await, 200, "the key works");
    let (status, list) = call(&app, &key, Method::GET, "/api-keys", None).await;
    assert_eq!(status, 200);
    let id = list["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list["items"][0]["created_by"], owner.userid.as_str());
    assert_eq!(list["items"][0]["role"], "admin");
    let page = browser
        .get(app.url("/admin/api-keys"))
        .send()
        .await
        .unwrap();
    let page = page.text().await.unwrap();
    assert!(!page.contains(&key), "the key is shown only once");
    assert!(page.contains("nightly sync") && page.contains("active"));

    // Bad input: 422 with the reason, nothing created.
    for fields in [
        [
            ("name", "x"),
            ("role", "admin"),
            ("lifetime_days", "ninety"),
        ],
        [("name", "x"), ("role", "admin"), ("lifetime_days", "0")],
        [
            ("name", "x"),
            ("role", "admin"),
            ("lifetime_days", "99999999999999999"),
        ],
        [("name", "x"), ("role", "emperor"), ("lifetime_days", "9")],
        [("name", ""), ("role", "admin"), ("lifetime_days", "9")],
    ] {
        let (status, html) = post_form(&browser, &app, "/admin/api-keys", &fields).await;
        assert_eq!(status, 422, "{fields:?}: {html}");
        assert!(html.contains(r#"role="alert""#), "{fields:?}");
    }
    assert_eq!(app.state.repos.api_keys.list(0, 10).await.unwrap().total, 1);

    // Revoked in the UI: refused at once.
    let r = browser
        .post(app.url(&format!("/admin/api-keys/{id}/revoke")))
        .form(&[(
            "csrf",
            crate::helpers::form_token(&browser, &app, "/admin/api-keys")
                .await
                .as_str(),
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/api-keys?done=revoked");
    assert_eq!(get(&app, &key, "/users").await, 401, "revoked at once");
    let page = browser
        .get(app.url("/admin/api-keys?done=revoked"))
        .send()
        .await
        .unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("has been revoked"));
    assert!(page.contains("revoked</td>"));
    assert!(!page.contains(&format!("/admin/api-keys/{id}/revoke")));

    // An administrator: no owner in the select, a forged post is refused.
    let (admin, _) = person(&app, "adam", Role::Admin).await;
    let admin = crate::helpers::signed_in_browser(&app, &admin).await;
    let html = admin.get(app.url("/admin/api-keys")).send().await.unwrap();
    let html = html.text().await.unwrap();
    assert!(html.contains(r#"<option value="admin">"#));
    assert!(!html.contains(r#"<option value="owner">"#));
    let (status, html) = post_form(
        &admin,
        &app,
        "/admin/api-keys",
        &[
            ("name", "forged"),
            ("role", "owner"),
            ("lifetime_days", "9"),
        ],
    )
    .await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains(r#"role="alert""#));
    assert_eq!(app.state.repos.api_keys.list(0, 10).await.unwrap().total, 1);

    // An auditor reads the list, without forms.
    let (auditor, _) = person(&app, "audrey", Role::Auditor).await;
    let auditor = crate::helpers::signed_in_browser(&app, &auditor).await;
    let r = auditor
        .get(app.url("/admin/api-keys"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("nightly sync"));
    assert!(!html.contains("<form"), "{html}");
    assert!(!html.contains("Create API key"));
}
