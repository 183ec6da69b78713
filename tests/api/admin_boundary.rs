//! The admin trust boundary, attacked: what a role may not reach through
//! another door. A client allowed `latchkey:admin` gets client-credentials
//! tokens that act as an administrator, so a client manager may not give
//! a client that scope, nor edit, re-key, rotate or delete one holding it.

use latchkey::domain::role::Role;
use latchkey::manage::{self, Actor, CreateApiKey};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, form_token, register, register_admin, signed_in_browser, spawn_app};

/// A key with `role` created on the command line.
async fn key(app: &TestApp, role: Role) -> String {
    manage::create_api_key(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        None,
        CreateApiKey {
            name: format!("{role} key"),
            role: role.as_str().into(),
            ttl_seconds: 86_400,
        },
    )
    .await
    .unwrap()
    .key
}

async fn call(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method, app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn admin_client_body() -> Value {
    json!({
        "name": "Automation",
        "redirect_uris": ["https://rp.example/cb"],
        "client_credentials": true,
        "scopes": ["latchkey:admin"],
    })
}

#[tokio::test]
async fn a_client_manager_cannot_reach_the_admin_scope_over_the_api() {
    let app = spawn_app().await;
    let cm = key(&app, Role::ClientManager).await;
    // Creating a client allowed the admin scope would hand the client
    // manager administrator tokens (client credentials act as `admin`).
    let (status, body) = call(
        &app,
        &cm,
        Method::POST,
        "/clients",
        Some(admin_client_body()),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    // Nor may an ordinary client be given the scope afterwards.
    let (status, body) = call(
        &app,
        &cm,
        Method::POST,
        "/clients",
        Some(json!({"name": "Plain", "redirect_uris": ["https://rp.example/cb"], "client_credentials": true})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let plain = body["client_id"].as_str().unwrap().to_owned();
    let (status, body) = call(
        &app,
        &cm,
        Method::PATCH,
        &format!("/clients/{plain}"),
        Some(json!({"scopes": ["latchkey:admin"]})),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    // A client already holding the scope: no new secret, no edit, no delete.
    let admin_client = register_admin(&app, false, true).await;
    let id = &admin_client.id;
    for (method, path, body) in [
        (Method::POST, format!("/clients/{id}/secret"), None),
        (
            Method::PATCH,
            format!("/clients/{id}"),
            Some(json!({"name": "Mine now"})),
        ),
        (
            Method::PATCH,
            format!("/clients/{id}"),
            Some(json!({"scopes": []})),
        ),
        (Method::DELETE, format!("/clients/{id}"), None),
    ] {
        let (status, answer) = call(&app, &cm, method.clone(), &path, body).await;
        assert_eq!(status, 403, "{method} {path}: {answer}");
    }
    // The admin client still works with its old secret.
    app.client_credentials(&admin_client, "latchkey:admin")
        .await;
    // Administrators and owners may.
    let admin = key(&app, Role::Admin).await;
    let (status, body) = call(
        &app,
        &admin,
        Method::POST,
        "/clients",
        Some(admin_client_body()),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/clients/{id}/secret"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_client_manager_cannot_reach_the_admin_scope_in_the_admin_ui() {
    let app = spawn_app().await;
    let cm = app.create_user("carol", "correct horse battery").await;
    app.state
        .repos
        .users
        .set_role(&cm.userid, Some(Role::ClientManager), 0)
        .await
        .unwrap();
    let browser = signed_in_browser(&app, &cm).await;
    let csrf = form_token(&browser, &app, "/account").await;
    let r = app
        .post_form(
            &browser,
            "/admin/clients",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Automation"),
                ("redirect_uris", "https://rp.example/cb"),
                ("client_credentials", "on"),
                ("scopes", "latchkey:admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
    let admin_client = register_admin(&app, false, true).await;
    let client = format!("/admin/clients/{}", admin_client.id);
    let jwks = r#"{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
    for (path, fields) in [
        (format!("{client}/rotate"), vec![]),
        (format!("{client}/keys"), vec![("jwks", jwks)]),
        (format!("{client}/delete"), vec![]),
        (
            client.clone(),
            vec![
                ("name", "Mine now"),
                ("redirect_uris", "https://rp.example/cb"),
            ],
        ),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields);
        let r = app.post_form(&browser, &path, &form).await;
        assert_eq!(r.status(), 403, "POST {path}");
    }
    app.client_credentials(&admin_client, "latchkey:admin")
        .await;
}

/// Every form and operation that changes a client is refused a client
/// manager on a client allowed `latchkey:admin`, not only its settings
/// form: the claim mapping (what the tokens it gets say) and the groups
/// whose members may use it belong to the administrators too. On an
/// ordinary client the same forms work.
#[tokio::test]
async fn a_client_manager_cannot_change_an_admin_clients_claims_groups_or_logo() {
    let app = spawn_app().await;
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    manage::create_group(repos, clock, &Actor::cli(), "staff", None)
        .await
        .unwrap();
    let admin_client = register_admin(&app, false, true).await;
    let plain = register(&app, false, true).await;
    let mapping = r#"{"claims": [{"claim": "department", "attribute": "department", "scopes": ["department"]}]}"#;

    // The admin UI.
    let cm = app.create_user("carol", "correct horse battery").await;
    repos
        .users
        .set_role(&cm.userid, Some(Role::ClientManager), 0)
        .await
        .unwrap();
    let browser = signed_in_browser(&app, &cm).await;
    let csrf = form_token(&browser, &app, "/account").await;
    for (id, allowed) in [(&admin_client.id, false), (&plain.id, true)] {
        let client = format!("/admin/clients/{id}");
        for (path, fields) in [
            (
                format!("{client}/claim-mapping"),
                vec![("claim_mapping", mapping)],
            ),
            (
                format!("{client}/groups"),
                vec![("allowed_groups", "staff")],
            ),
            (format!("{client}/logo/delete"), vec![]),
        ] {
            let mut form = vec![("csrf", csrf.as_str())];
            form.extend(fields);
            let status = app.post_form(&browser, &path, &form).await.status();
            if allowed {
                assert_ne!(status, 403, "POST {path}");
                assert!(status.as_u16() < 500, "POST {path}: {status}");
            } else {
                assert_eq!(status, 403, "POST {path}");
            }
        }
    }

    // The admin API.
    let key = key(&app, Role::ClientManager).await;
    let id = &admin_client.id;
    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/clients/{id}"),
            Some(json!({"claim_mapping": serde_json::from_str::<Value>(mapping).unwrap()})),
        ),
        (
            Method::PATCH,
            format!("/clients/{id}"),
            Some(json!({"allowed_groups": ["staff"]})),
        ),
        (
            Method::PUT,
            format!("/clients/{id}/logo"),
            Some(json!({"image_base64": "iVBORw0KGgo="})),
        ),
        (Method::DELETE, format!("/clients/{id}/logo"), None),
    ] {
        let (status, answer) = call(&app, &key, method.clone(), &path, body).await;
        assert_eq!(status, 403, "{method} {path}: {answer}");
    }

    // Nothing of the admin client changed; the ordinary one did.
    let stored = repos.clients.get(id).await.unwrap().unwrap();
    assert!(stored.claim_mapping.claims.is_empty(), "{stored:?}");
    assert!(stored.allowed_groups.is_empty(), "{stored:?}");
    assert!(repos.client_logos.hash(id).await.unwrap().is_none());
    let changed = repos.clients.get(&plain.id).await.unwrap().unwrap();
    assert_eq!(changed.claim_mapping.claims.len(), 1);
    assert_eq!(changed.allowed_groups, ["staff"]);
    app.client_credentials(&admin_client, "latchkey:admin")
        .await;
}
