//! Requiring a second factor: `require_mfa` on clients and groups (CLI,
//! admin API, admin pages, audited), the level a request needs at
//! `/authorize` (`prompt=none` gets `interaction_required`), and refresh
//! tokens of a one-factor sign-in refused once a client requires two.

use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, audit_events, form_token, jwt_claims, location,
    on_both_backends, query, register, register_with_scopes, signed_in_browser, spawn_app_on,
};
use latchkey::manage::{self, Actor, ClientChange};

const BIN: &str = env!("CARGO_BIN_EXE_latchkey");

fn latchkey(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = std::process::Command::new(BIN)
        .current_dir(dir)
        .env_remove("LATCHKEY_BIND")
        .env("LATCHKEY_LOG", "warn")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `--require-mfa` on `client create|update` (`=false` clears it) and on
/// `group create`.
#[test]
fn the_cli_sets_require_mfa_on_clients_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let created = latchkey(
        dir.path(),
        &[
            "client",
            "create",
            "--name",
            "Wiki",
            "--redirect-uri",
            "https://wiki.example/cb",
            "--require-mfa",
        ],
    );
    let id = created["client_id"].as_str().unwrap();
    let list = latchkey(dir.path(), &["client", "list"]);
    assert_eq!(list[0]["require_mfa"], true, "{list}");
    let updated = latchkey(dir.path(), &["client", "update", id, "--require-mfa=false"]);
    assert_eq!(updated["require_mfa"], false);
    let updated = latchkey(dir.path(), &["client", "update", id, "--require-mfa"]);
    assert_eq!(updated["require_mfa"], true);
    let plain = latchkey(dir.path(), &["client", "update", id, "--name", "Wiki 2"]);
    assert_eq!(plain["require_mfa"], true, "an update without it keeps it");

    let group = latchkey(dir.path(), &["group", "create", "ops", "--require-mfa"]);
    assert_eq!(group["require_mfa"], true);
    let group = latchkey(dir.path(), &["group", "create", "dev"]);
    assert_eq!(group["require_mfa"], false);
}

/// The admin API: `require_mfa` on client and group create, PATCH and
/// representation; the admin pages' checkboxes; every change audited.
async fn admin_api_and_pages_set_require_mfa(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let api = reqwest::Client::new();
    let call = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut r = api
            .request(method, app.url(&format!("/api/admin/v1{path}")))
            .bearer_auth(&token);
        if let Some(body) = body {
            r = r.json(&body);
        }
        r.send()
    };
    let r = call(
        reqwest::Method::POST,
        "/clients",
        Some(json!({"name": "Wiki", "redirect_uris": ["https://wiki.example/cb"], "require_mfa": true})),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    let client: Value = r.json().await.unwrap();
    assert_eq!(client["require_mfa"], true);
    let id = client["client_id"].as_str().unwrap().to_owned();
    let r = call(
        reqwest::Method::PATCH,
        &format!("/clients/{id}"),
        Some(json!({"require_mfa": false})),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["require_mfa"], false);
    let got: Value = call(reqwest::Method::GET, &format!("/clients/{id}"), None)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["require_mfa"], false);
    let updates = audit_events(&app, "client.updated").await;
    assert_eq!(updates[0].details["fields"], json!(["require_mfa"]));

    let r = call(
        reqwest::Method::POST,
        "/groups",
        Some(json!({"name": "ops", "require_mfa": true})),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(r.json::<Value>().await.unwrap()["require_mfa"], true);
    let r = call(
        reqwest::Method::PATCH,
        "/groups/ops",
        Some(json!({"require_mfa": false})),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["require_mfa"], false);
    let list: Value = call(reqwest::Method::GET, "/groups", None)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["require_mfa"], false);
    let changes = audit_events(&app, "group.updated").await;
    assert_eq!(changes[0].details["require_mfa"], false);

    // The admin pages: the checkbox on the client page and the group page.
    let admin = app.create_admin("root").await;
    let b = signed_in_browser(&app, &admin).await;
    let page = b
        .get(app.url(&format!("/admin/clients/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Require a second factor"), "{page}");
    let csrf = form_token(&b, &app, &format!("/admin/clients/{id}")).await;
    let r = b
        .post(app.url(&format!("/admin/clients/{id}")))
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Wiki"),
            ("redirect_uris", "https://wiki.example/cb"),
            ("refresh_tokens", "on"),
            ("require_mfa", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    let stored = manage::find_client(&app.state.repos, &id).await.unwrap();
    assert!(stored.require_mfa);
    let csrf = form_token(&b, &app, "/admin/groups/ops").await;
    let page = b
        .get(app.url("/admin/groups/ops"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Require a second factor"), "{page}");
    let r = b
        .post(app.url("/admin/groups/ops/policy"))
        .header("Origin", &app.base)
        .form(&[("csrf", csrf.as_str()), ("require_mfa", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let ops = manage::find_group(&app.state.repos, "ops").await.unwrap();
    assert!(ops.require_mfa);
    let changes = audit_events(&app, "group.updated").await;
    assert_eq!(changes[0].actor.as_deref(), Some(admin.userid.as_str()));
    assert_eq!(changes[0].details["require_mfa"], true);
    // Without the CSRF token nothing changes.
    let r = b
        .post(app.url("/admin/groups/ops/policy"))
        .header("Origin", &app.base)
        .form(&[("require_mfa", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        manage::find_group(&app.state.repos, "ops")
            .await
            .unwrap()
            .require_mfa
    );
}
on_both_backends!(admin_api_and_pages_set_require_mfa);

/// A password session meets a client that requires a second factor (or a
/// member of such a group meets any client): the step-up page, never the
/// password form, and `interaction_required` with `prompt=none`.
async fn a_required_second_factor_is_a_step_up(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let alice = app.create_user("alice", PASSWORD).await;
    let strict = register(&app, false, true).await;
    let open = register(&app, false, true).await;
    manage::update_client(
        repos,
        clock,
        &Actor::system(),
        &strict.id,
        ClientChange {
            require_mfa: Some(true),
            ..ClientChange::default()
        },
    )
    .await
    .unwrap();
    let b = signed_in_browser(&app, &alice).await;
    for (client, extra) in [(&strict, None), (&open, Some(("acr_values", "2")))] {
        let mut request = CodeRequest::new(client, "openid");
        if let Some((k, v)) = extra {
            request = request.with(k, v);
        }
        let r = b.get(request.url(&app)).send().await.unwrap();
        let loc = url::Url::parse(&location(&app, &r)).unwrap();
        assert_eq!(loc.path(), "/login/step-up", "{loc}");
        let none = request.with("prompt", "none");
        let r = b.get(none.url(&app)).send().await.unwrap();
        let back = url::Url::parse(&location(&app, &r)).unwrap();
        assert_eq!(
            query(&back, "error").as_deref(),
            Some("interaction_required")
        );
        assert!(query(&back, "code").is_none());
    }
    // The open client gives a code at level 1 ...
    let r = b
        .get(CodeRequest::new(&open, "openid").url(&app))
        .send()
        .await
        .unwrap();
    assert!(location(&app, &r).contains("code="));
    // ... until the user's group requires a second factor.
    manage::create_group_with_policy(repos, clock, &Actor::system(), "staff", None, true)
        .await
        .unwrap();
    manage::set_groups(
        repos,
        clock,
        &Actor::system(),
        &alice,
        &["staff".to_owned()],
    )
    .await
    .unwrap();
    let r = b
        .get(CodeRequest::new(&open, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let loc = url::Url::parse(&location(&app, &r)).unwrap();
    assert_eq!(loc.path(), "/login/step-up", "{loc}");
}
on_both_backends!(a_required_second_factor_is_a_step_up);

/// A client switched to `require_mfa` stops refreshing families whose
/// sign-in had one factor (`invalid_grant`); switching it off again lets
/// the same token work.
async fn refresh_of_a_one_factor_family_is_refused_once_a_client_requires_two(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let alice = app.create_user("alice", PASSWORD).await;
    let client = register_with_scopes(&app, false, true, &[]).await;
    let tokens = app
        .tokens_for(&client, &alice, "openid offline_access")
        .await;
    assert_eq!(jwt_claims(tokens.id_token())["acr"], "1");
    let system = Actor::system();
    let set = |on: bool| {
        manage::update_client(
            repos,
            clock,
            &system,
            &client.id,
            ClientChange {
                require_mfa: Some(on),
                ..ClientChange::default()
            },
        )
    };
    set(true).await.unwrap();
    let r = app.refresh(&client, tokens.refresh(), None).await;
    assert_eq!(r.status(), 400);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant", "{body}");
    set(false).await.unwrap();
    let r = app.refresh(&client, tokens.refresh(), None).await;
    assert_eq!(r.status(), 200, "the refused token was not spent");
}
on_both_backends!(refresh_of_a_one_factor_family_is_refused_once_a_client_requires_two);
