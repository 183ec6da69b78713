//! Groups as things: create, describe, rename, delete and list members,
//! through the admin API, the CLI and the admin UI; every change audited.

use std::process::Command;

use latchkey::manage::{self, Actor};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, TestApp, audit_events, csrf_of, form_token, on_both_backends, signed_in_browser,
    spawn_app, spawn_app_on, unescape,
};

/// Calls the admin API with an administrator's client-credentials token.
async fn call(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn set_groups(app: &TestApp, userid: &str, groups: &[&str]) {
    let user = manage::find_user(&app.state.repos, userid).await.unwrap();
    let groups: Vec<String> = groups.iter().map(|g| (*g).to_owned()).collect();
    manage::set_groups(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &user,
        &groups,
    )
    .await
    .unwrap();
}

async fn groups_over_the_api(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let t = token.as_str();

    let (s, v) = call(
        &app,
        t,
        Method::POST,
        "/groups",
        Some(json!({"name": "ops team", "description": "On call"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(
        (v["name"].as_str(), v["member_count"].as_i64()),
        (Some("ops team"), Some(0))
    );
    let (s, v) = call(
        &app,
        t,
        Method::POST,
        "/groups",
        Some(json!({"name": "ops team"})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (409, Some("conflict")));
    let (s, v) = call(&app, t, Method::POST, "/groups", Some(json!({"name": " "}))).await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));

    let ada = app.create_user("ada", "correct horse battery").await;
    let bob = app.create_user("bob", "correct horse battery").await;
    set_groups(&app, &ada.userid, &["ops team"]).await;
    set_groups(&app, &bob.userid, &["ops team", "dev"]).await;

    // Listed with member counts (groups named on users exist too).
    let (s, v) = call(&app, t, Method::GET, "/groups", None).await;
    assert_eq!(s, 200);
    let listed: Vec<(String, i64)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                g["member_count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(listed.contains(&("ops team".into(), 2)), "{listed:?}");
    assert!(listed.contains(&("dev".into(), 1)), "{listed:?}");

    // One group with its members; names are percent-encoded in the path.
    let (s, v) = call(&app, t, Method::GET, "/groups/ops%20team", None).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["description"], "On call");
    let members: Vec<&str> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["ada", "bob"]);
    let (s, _) = call(&app, t, Method::GET, "/groups/nope", None).await;
    assert_eq!(s, 404);

    // Rename and describe; the members follow.
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        "/groups/ops%20team",
        Some(json!({"name": "sre", "description": ""})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (v["name"].as_str(), v["description"].as_str()),
        (Some("sre"), None)
    );
    assert_eq!(app.user(&ada.userid).await.groups, ["sre"]);
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        "/groups/sre",
        Some(json!({"name": "dev"})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (409, Some("conflict")));

    // A group named "admin" is an ordinary group: roles, not groups, make
    // administrators, so it may be created, renamed and deleted.
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        "/groups/sre",
        Some(json!({"name": "admin"})),
    )
    .await;
    assert_eq!((s, v["name"].as_str()), (200, Some("admin")), "{v}");
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        "/groups/admin",
        Some(json!({"name": "sre"})),
    )
    .await;
    assert_eq!((s, v["name"].as_str()), (200, Some("sre")), "{v}");

    // Deleting a group in use by a client is refused, naming the client.
    let client = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        manage::CreateClient {
            name: "Grafana".into(),
            redirect_uris: vec!["https://grafana.example/cb".into()],
            allowed_groups: vec!["sre".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (s, v) = call(
        &app,
        t,
        Method::GET,
        &format!("/clients/{}", client.client_id),
        None,
    )
    .await;
    assert_eq!((s, &v["allowed_groups"]), (200, &json!(["sre"])));
    let (s, v) = call(&app, t, Method::DELETE, "/groups/sre", None).await;
    assert_eq!((s, v["error"].as_str()), (409, Some("refused")));
    assert!(v["message"].as_str().unwrap().contains("Grafana"), "{v}");
    // An unknown group is refused when restricting a client.
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        &format!("/clients/{}", client.client_id),
        Some(json!({"allowed_groups": ["nobody"]})),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("no group named \"nobody\""),
        "{v}"
    );
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        &format!("/clients/{}", client.client_id),
        Some(json!({"allowed_groups": []})),
    )
    .await;
    assert_eq!((s, &v["allowed_groups"]), (200, &json!([])));

    // Now it goes, with its memberships.
    let (s, _) = call(&app, t, Method::DELETE, "/groups/sre", None).await;
    assert_eq!(s, 204);
    assert!(app.user(&ada.userid).await.groups.is_empty());
    assert_eq!(app.user(&bob.userid).await.groups, ["dev"]);

    // Every change is audited.
    let deleted = audit_events(&app, "group.deleted").await;
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].details["memberships"], 2);
    assert!(deleted[0].actor.as_deref().unwrap().starts_with("client:"));
    for e in ["group.created", "group.renamed", "group.updated"] {
        assert!(!audit_events(&app, e).await.is_empty(), "{e}");
    }
}
on_both_backends!(groups_over_the_api);

/// A PATCH that is refused changes nothing: a bad description is not
/// accepted after the rename it came with was already written.
#[tokio::test]
async fn a_refused_group_update_changes_nothing() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let t = token.as_str();
    let (s, v) = call(
        &app,
        t,
        Method::POST,
        "/groups",
        Some(json!({"name": "ops"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = call(
        &app,
        t,
        Method::PATCH,
        "/groups/ops",
        Some(json!({"name": "ops2", "description": "x".repeat(501)})),
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (422, Some("validation_failed")),
        "{v}"
    );
    let (s, _) = call(&app, t, Method::GET, "/groups/ops", None).await;
    assert_eq!(
        s, 200,
        "the group keeps its name when the update is refused"
    );
    let (s, _) = call(&app, t, Method::GET, "/groups/ops2", None).await;
    assert_eq!(s, 404);
    assert!(audit_events(&app, "group.renamed").await.is_empty());
}

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

fn json_of(out: &std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one JSON line: {text}");
    serde_json::from_str(&text).unwrap()
}

fn refused(out: &std::process::Output) -> String {
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn groups_and_allowed_groups_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let g = json_of(&latchkey(
        d,
        &["group", "create", "ops", "--description", "On call"],
    ));
    assert_eq!(
        (g["name"].as_str(), g["description"].as_str()),
        (Some("ops"), Some("On call"))
    );
    assert_eq!(g["member_count"], 0);
    assert!(refused(&latchkey(d, &["group", "create", "ops"])).contains("already exists"));
    json_of(&latchkey(
        d,
        &[
            "user",
            "create",
            "--username",
            "ada",
            "--group",
            "ops",
            "--group",
            "dev",
        ],
    ));

    let list = json_of(&latchkey(d, &["group", "list"]));
    let names: Vec<(&str, i64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["member_count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(names, [("dev", 1), ("ops", 1)]);

    // A client restricted to groups; an unknown group is refused clearly.
    let err = refused(&latchkey(
        d,
        &[
            "client",
            "create",
            "--name",
            "X",
            "--redirect-uri",
            "https://x.example/cb",
            "--allowed-group",
            "nobody",
        ],
    ));
    assert!(err.contains("no group named \"nobody\""), "{err}");
    let c = json_of(&latchkey(
        d,
        &[
            "client",
            "create",
            "--name",
            "Grafana",
            "--redirect-uri",
            "https://grafana.example/cb",
            "--allowed-group",
            "ops",
        ],
    ));
    assert_eq!(c["allowed_groups"], json!(["ops"]));
    let id = c["client_id"].as_str().unwrap();
    let listed = json_of(&latchkey(d, &["client", "list"]));
    assert_eq!(listed[0]["allowed_groups"], json!(["ops"]));

    // The group in use stays; the message names the client.
    let err = refused(&latchkey(d, &["group", "delete", "ops"]));
    assert!(err.contains("Grafana") && err.contains(id), "{err}");
    // update replaces the list; '' opens the client to everyone.
    let u = json_of(&latchkey(
        d,
        &[
            "client",
            "update",
            id,
            "--allowed-group",
            "dev",
            "--allowed-group",
            "ops",
        ],
    ));
    assert_eq!(u["allowed_groups"], json!(["dev", "ops"]));
    let u = json_of(&latchkey(
        d,
        &["client", "update", id, "--allowed-group", ""],
    ));
    assert_eq!(u["allowed_groups"], json!([]));

    let out = latchkey(d, &["group", "delete", "ops"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 memberships removed"));
    assert!(refused(&latchkey(d, &["group", "delete", "ops"])).contains("not found"));
    let users = json_of(&latchkey(d, &["user", "list"]));
    assert_eq!(users[0]["groups"], json!(["dev"]));
}

#[tokio::test]
async fn groups_through_the_admin_ui() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &admin).await;
    let csrf = form_token(&b, &app, "/admin/groups").await;
    let html = b
        .get(app.url("/admin/users"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("href=\"/admin/groups\""),
        "the layout links the groups page"
    );

    // Create with a description; a name with a space gets an encoded path.
    let r = app
        .post_form(
            &b,
            "/admin/groups",
            &[
                ("csrf", csrf.as_str()),
                ("name", "on call"),
                ("description", "Pager"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/admin/groups/on%20call?done=created"
    );
    let ada = app.create_user("ada", "correct horse battery").await;
    set_groups(&app, &ada.userid, &["on call"]).await;
    let html = b
        .get(app.url("/admin/groups"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        unescape(&html).contains("href=\"/admin/groups/on%20call\""),
        "{html}"
    );
    assert!(html.contains("Pager"));
    let html = b
        .get(app.url("/admin/groups/on%20call"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        unescape(&html).contains(&format!("href=\"/admin/users/{}\"", ada.userid)),
        "members link to users"
    );
    let csrf = csrf_of(&html);

    // A duplicate is refused on the list page.
    let r = app
        .post_form(
            &b,
            "/admin/groups",
            &[("csrf", csrf.as_str()), ("name", "on call")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("role=\"alert\""));

    // Describe, rename.
    let r = app
        .post_form(
            &b,
            "/admin/groups/on%20call/description",
            &[("csrf", csrf.as_str()), ("description", "Night shift")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &b,
            "/admin/groups/on%20call/rename",
            &[("csrf", csrf.as_str()), ("name", "pager/duty")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/admin/groups/pager%2Fduty?done=saved"
    );
    let g = app
        .state
        .repos
        .groups
        .get("pager/duty")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (g.description.as_deref(), g.members),
        (Some("Night shift"), 1)
    );
    let page = b
        .get(app.url("/admin/groups/pager%2Fduty"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    // A client's allowed groups, from its page.
    let client = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        manage::CreateClient {
            name: "Wiki".into(),
            redirect_uris: vec!["https://wiki.example/cb".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let path = format!("/admin/clients/{}", client.client_id);
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Every active user"));
    let r = app
        .post_form(
            &b,
            &format!("{path}/groups"),
            &[
                ("csrf", csrf.as_str()),
                ("allowed_groups", "pager/duty, nobody"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("no group named &quot;nobody&quot;")
    );
    let r = app
        .post_form(
            &b,
            &format!("{path}/groups"),
            &[("csrf", csrf.as_str()), ("allowed_groups", "pager/duty")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        unescape(&html).contains("Only members of pager/duty"),
        "{html}"
    );

    // Deleting needs the confirmation, and is refused while the client uses it.
    let r = app
        .post_form(
            &b,
            "/admin/groups/pager%2Fduty/delete",
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = app
        .post_form(
            &b,
            "/admin/groups/pager%2Fduty/delete",
            &[("csrf", csrf.as_str()), ("confirm", "on")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("Wiki"));
    let r = app
        .post_form(
            &b,
            &format!("{path}/groups"),
            &[("csrf", csrf.as_str()), ("allowed_groups", "")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_form(
            &b,
            "/admin/groups/pager%2Fduty/delete",
            &[("csrf", csrf.as_str()), ("confirm", "on")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/groups?done=deleted");
    assert!(app.user(&ada.userid).await.groups.is_empty());
    // The admin group shows no rename or delete form.
    let html = b
        .get(app.url("/admin/groups/admin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Delete group") && !html.contains("Rename group"));
    assert_eq!(
        b.get(app.url("/admin/groups/nope"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
