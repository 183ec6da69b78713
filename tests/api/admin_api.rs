//! The admin JSON API: bearer auth (401/403), every operation, 404/409/422,
//! paging, the audit trail, and the OpenAPI document.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestClient, register, register_admin, signed_in_browser, spawn_app};

/// A token for `user` from the authorization code flow, asking for `latchkey:admin`.
async fn user_token(app: &TestApp, user: &latchkey::db::User) -> String {
    let client = register_admin(app, false, true).await;
    app.tokens_for(&client, user, "openid latchkey:admin")
        .await
        .access
}

struct Api<'a> {
    app: &'a TestApp,
    token: Option<String>,
}

impl Api<'_> {
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req =
            reqwest::Client::new().request(method, self.app.url(&format!("/api/admin/v1{path}")));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }
    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }
    async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }
    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }
    async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(Method::DELETE, path, None).await
    }
}

async fn admin_api(app: &TestApp) -> Api<'_> {
    Api {
        app,
        token: Some(app.admin_token().await),
    }
}

/// Every operation, as (method, path, body) with placeholders for existing
/// ids ([`crate::helpers::admin_routes::api_operations`]).
fn operations(
    userid: &str,
    client_id: &str,
    invite_id: &str,
) -> Vec<(Method, String, Option<Value>)> {
    crate::helpers::admin_routes::api_operations(userid, client_id, invite_id)
        .into_iter()
        .map(|op| (op.method, op.path, op.body))
        .collect()
}

async fn fixtures(app: &TestApp) -> (String, String, String) {
    let user = app.create_user("target", "correct horse battery").await;
    let client = register(app, false, false).await;
    let invite = latchkey::manage::create_invite(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings.issuer,
        &latchkey::manage::Actor::cli(),
        latchkey::manage::CreateInvite {
            username: "pending".into(),
            ttl_seconds: 3600,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (user.userid, client.id, invite.id)
}

#[tokio::test]
async fn every_operation_needs_a_token() {
    let app = spawn_app().await;
    let (u, c, i) = fixtures(&app).await;
    let anonymous = Api {
        app: &app,
        token: None,
    };
    let forged = Api {
        app: &app,
        token: Some("not.a.token".into()),
    };
    for (method, path, body) in operations(&u, &c, &i) {
        let r = reqwest::Client::new()
            .request(method.clone(), app.url(&format!("/api/admin/v1{path}")))
            .json(&body.clone().unwrap_or(Value::Null))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{method} {path}");
        assert!(
            r.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "missing_token", "{method} {path}");
        let (s, v) = forged.call(method.clone(), &path, body).await;
        assert_eq!(s, 401, "{method} {path}");
        assert_eq!(v["error"], "invalid_token");
    }
    let _ = anonymous.get("/users").await;
    // Nothing changed.
    assert!(app.state.repos.users.get(&u).await.unwrap().is_some());
    assert!(app.state.repos.clients.get(&c).await.unwrap().is_some());
}

#[tokio::test]
async fn non_administrators_are_refused_with_403() {
    let app = spawn_app().await;
    let (u, c, i) = fixtures(&app).await;
    // A user outside the admin group: the scope is not granted.
    let plain = app.create_user("plain", "correct horse battery").await;
    let user_api = Api {
        app: &app,
        token: Some(user_token(&app, &plain).await),
    };
    // A client not granted latchkey:admin.
    let client = latchkey::manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateClient {
            name: "Service".into(),
            extra_grants: vec!["client_credentials".into()],
            scopes: vec!["reports".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let service = TestClient {
        id: client.client_id,
        secret: client.client_secret,
    };
    let client_api = Api {
        app: &app,
        token: Some(app.client_credentials(&service, "reports").await),
    };
    for (method, path, body) in operations(&u, &c, &i) {
        for api in [&user_api, &client_api] {
            let (s, v) = api.call(method.clone(), &path, body.clone()).await;
            assert_eq!(s, 403, "{method} {path}");
            assert_eq!(v["error"], "insufficient_scope");
        }
    }
    assert!(app.state.repos.users.get(&u).await.unwrap().is_some());
}

#[tokio::test]
async fn an_administrator_user_token_works_until_their_role_is_taken_away() {
    let app = spawn_app().await;
    let admin = latchkey::manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        latchkey::manage::CreateUser {
            username: "root".into(),
            role: Some(latchkey::domain::role::Role::Owner),
            password: Some("correct horse battery".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let api = Api {
        app: &app,
        token: Some(user_token(&app, &admin).await),
    };
    let (s, v) = api.get("/users").await;
    assert_eq!(s, 200);
    assert_eq!(v["total"], 1);
    // Groups confer nothing: leaving every group changes nothing.
    let (s, v) = api
        .put(
            &format!("/users/{}/groups", admin.userid),
            json!({"groups": []}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["role"], "owner");
    // An admin cannot lock themselves out through the API.
    let (s, _) = api
        .post(&format!("/users/{}/disable", admin.userid), json!({}))
        .await;
    assert_eq!(s, 409);
    let (s, _) = api.delete(&format!("/users/{}", admin.userid)).await;
    assert_eq!(s, 409);
    // The role taken away by someone else: the same token is refused at once.
    app.state
        .repos
        .users
        .set_role(&admin.userid, None, app.state.clock.now())
        .await
        .unwrap();
    let (s, v) = api.get("/users").await;
    assert_eq!(s, 403);
    assert_eq!(v["error"], "forbidden");
}

#[tokio::test]
async fn users_lifecycle() {
    let app = spawn_app().await;
    let api = admin_api(&app).await;
    let (s, v) = api
        .post("/users", json!({"username": "Alice", "email": "alice@example.com", "name": "Alice A", "groups": ["staff"], "password": "correct horse battery"}))
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["username"], "alice");
    assert_eq!(v["groups"], json!(["staff"]));
    let id = v["userid"].as_str().unwrap().to_owned();
    // 409 for a taken username, 422 for a bad one, 400 for bad JSON.
    let (s, v) = api.post("/users", json!({"username": "alice"})).await;
    assert_eq!((s, v["error"].as_str()), (409, Some("conflict")));
    let (s, v) = api.post("/users", json!({"username": "-bad-"})).await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    let r = reqwest::Client::new()
        .post(app.url("/api/admin/v1/users"))
        .bearer_auth(api.token.as_ref().unwrap())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "bad_request");
    // Read, edit.
    let (s, v) = api.get(&format!("/users/{id}")).await;
    assert_eq!((s, v["email"].as_str()), (200, Some("alice@example.com")));
    let (s, v) = api
        .patch(&format!("/users/{id}"), json!({"username": "alice2", "given_name": "Alice", "email": "a2@example.com", "email_verified": true, "locale": "fr-FR"}))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["username"], "alice2");
    assert_eq!(v["given_name"], "Alice");
    assert_eq!(v["email_verified"], true);
    let (s, v) = api
        .patch(&format!("/users/{id}"), json!({"picture": "ftp://x"}))
        .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    let (s, _) = api
        .patch(&format!("/users/{id}"), json!({"unknown_field": 1}))
        .await;
    assert_eq!(s, 422);
    // Groups.
    let (s, v) = api
        .put(
            &format!("/users/{id}/groups"),
            json!({"groups": ["ops", "staff", "admin"]}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["groups"], json!(["admin", "ops", "staff"]));
    // A group named "admin" makes nobody an administrator.
    assert_eq!(
        (v["admin"].as_bool(), v["role"].as_str()),
        (Some(false), None)
    );
    // Disable ends sessions; enable.
    let user = app.user(&id).await;
    let _browser = signed_in_browser(&app, &user).await;
    let (s, v) = api.post(&format!("/users/{id}/disable"), json!({})).await;
    assert_eq!((s, v["active"].as_bool()), (200, Some(false)));
    assert!(
        app.state
            .repos
            .sessions
            .list_for_user(&id)
            .await
            .unwrap()
            .is_empty()
    );
    let (s, v) = api.post(&format!("/users/{id}/enable"), json!({})).await;
    assert_eq!((s, v["active"].as_bool()), (200, Some(true)));
    // Recovery invite: a working link for this user.
    let (s, v) = api
        .post(
            &format!("/users/{id}/recovery-invite"),
            json!({"ttl_seconds": 600}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let link = v["url"].as_str().unwrap();
    assert!(link.starts_with(&app.url("/invite/")));
    assert_eq!(reqwest::get(link).await.unwrap().status(), 200);
    let (_, inv) = api
        .get(&format!("/invites/{}", v["id"].as_str().unwrap()))
        .await;
    assert_eq!(inv["userid"], id.as_str());
    // Delete; then 404 everywhere.
    let (s, _) = api.delete(&format!("/users/{id}")).await;
    assert_eq!(s, 204);
    for (method, path, body) in [
        (Method::GET, format!("/users/{id}"), None),
        (Method::PATCH, format!("/users/{id}"), Some(json!({}))),
        (Method::DELETE, format!("/users/{id}"), None),
        (
            Method::PUT,
            format!("/users/{id}/groups"),
            Some(json!({"groups": []})),
        ),
        (Method::POST, format!("/users/{id}/disable"), None),
        (Method::POST, format!("/users/{id}/enable"), None),
        (Method::POST, format!("/users/{id}/recovery-invite"), None),
    ] {
        let (s, v) = api.call(method.clone(), &path, body).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (404, Some("not_found")),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn users_search_and_paging() {
    let app = spawn_app().await;
    for i in 0..7 {
        app.create_user(&format!("user{i}"), "correct horse battery")
            .await;
    }
    app.create_user("zed", "correct horse battery").await;
    let api = admin_api(&app).await;
    let (s, v) = api.get("/users?limit=3&offset=0").await;
    assert_eq!(s, 200);
    assert_eq!(v["total"], 8);
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(
        (v["offset"].as_i64(), v["limit"].as_i64()),
        (Some(0), Some(3))
    );
    let (_, v2) = api.get("/users?limit=3&offset=6").await;
    assert_eq!(v2["items"].as_array().unwrap().len(), 2);
    let (_, v) = api.get("/users?q=zed").await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["username"], "zed");
    for bad in [
        "/users?limit=0",
        "/users?limit=1000",
        "/users?offset=-1",
        "/users?limit=abc",
    ] {
        let (s, v) = api.get(bad).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (400, Some("bad_request")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn clients_lifecycle() {
    let app = spawn_app().await;
    let api = admin_api(&app).await;
    let (s, v) = api
        .post(
            "/clients",
            json!({"name": "Wiki", "redirect_uris": ["https://wiki.example/cb"]}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let id = v["client_id"].as_str().unwrap().to_owned();
    let secret = v["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 32);
    // The secret is never shown again.
    let (s, v) = api.get(&format!("/clients/{id}")).await;
    assert_eq!(s, 200);
    assert!(v.get("client_secret").is_none());
    assert!(!v.to_string().contains(&secret));
    let (_, list) = api.get("/clients").await;
    assert!(!list.to_string().contains(&secret));
    // Public clients have no secret and none to rotate.
    let (s, v) = api
        .post(
            "/clients",
            json!({"name": "SPA", "public": true, "redirect_uris": ["https://spa.example/"]}),
        )
        .await;
    assert_eq!(s, 201);
    assert!(v.get("client_secret").is_none());
    let (s, _) = api
        .post(
            &format!("/clients/{}/secret", v["client_id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(s, 422);
    // Bad redirect URIs are refused.
    let (s, v) = api
        .post(
            "/clients",
            json!({"name": "Bad", "redirect_uris": ["javascript:alert(1)"]}),
        )
        .await;
    assert_eq!((s, v["error"].as_str()), (422, Some("validation_failed")));
    // Edit redirect URIs.
    let (s, v) = api
        .patch(&format!("/clients/{id}"), json!({"redirect_uris": ["https://wiki.example/cb2", "https://wiki.example/cb3"], "skip_consent": true}))
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["redirect_uris"],
        json!(["https://wiki.example/cb2", "https://wiki.example/cb3"])
    );
    assert_eq!(v["skip_consent"], true);
    let (s, _) = api
        .patch(
            &format!("/clients/{id}"),
            json!({"redirect_uris": ["not a uri"]}),
        )
        .await;
    assert_eq!(s, 422);
    // Rotate: the old secret stops working at the token endpoint, the new one works.
    let (s, v) = api.post(&format!("/clients/{id}/secret"), json!({})).await;
    assert_eq!(s, 200);
    let new_secret = v["client_secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    let stored = app.state.repos.clients.get(&id).await.unwrap().unwrap();
    assert!(latchkey::crypto::verify_secret(
        &new_secret,
        stored.secret_hash.as_deref().unwrap()
    ));
    assert!(!latchkey::crypto::verify_secret(
        &secret,
        stored.secret_hash.as_deref().unwrap()
    ));
    // Delete, then 404.
    let (s, _) = api.delete(&format!("/clients/{id}")).await;
    assert_eq!(s, 204);
    for (method, path) in [
        (Method::GET, format!("/clients/{id}")),
        (Method::PATCH, format!("/clients/{id}")),
        (Method::DELETE, format!("/clients/{id}")),
        (Method::POST, format!("/clients/{id}/secret")),
    ] {
        let (s, v) = api.call(method.clone(), &path, Some(json!({}))).await;
        assert_eq!(
            (s, v["error"].as_str()),
            (404, Some("not_found")),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn invites_lifecycle() {
    let app = spawn_app().await;
    let api = admin_api(&app).await;
    let (s, v) = api.post("/invites", json!({"username": "newcomer", "email": "n@example.com", "groups": ["staff"], "ttl_seconds": 3600})).await;
    assert_eq!(s, 201, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    let url = v["url"].as_str().unwrap().to_owned();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    // The link is never shown again.
    let (s, list) = api.get("/invites").await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["status"], "pending");
    let token = url.rsplit('/').next().unwrap();
    assert!(!list.to_string().contains(token));
    // 409 for a username that exists, 422 for a bad lifetime.
    app.create_user("taken", "correct horse battery").await;
    let (s, _) = api.post("/invites", json!({"username": "taken"})).await;
    assert_eq!(s, 409);
    let (s, _) = api
        .post("/invites", json!({"username": "x", "ttl_seconds": 5}))
        .await;
    assert_eq!(s, 422);
    // Revoke: the link stops working.
    let (s, v) = api.post(&format!("/invites/{id}/revoke"), json!({})).await;
    assert_eq!((s, v["status"].as_str()), (200, Some("revoked")));
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 410);
    // Unknown: 404.
    let (s, _) = api.get("/invites/nope").await;
    assert_eq!(s, 404);
    let (s, _) = api.post("/invites/nope/revoke", json!({})).await;
    assert_eq!(s, 404);
    // A used invite cannot be revoked: 409.
    let (_, v) = api.post("/invites", json!({"username": "quick"})).await;
    let used_id = v["id"].as_str().unwrap().to_owned();
    app.state
        .repos
        .invites
        .mark_used(&used_id, app.state.clock.now())
        .await
        .unwrap();
    let (s, v) = api
        .post(&format!("/invites/{used_id}/revoke"), json!({}))
        .await;
    assert_eq!((s, v["error"].as_str()), (409, Some("refused")));
}

#[tokio::test]
async fn every_change_is_audited_with_who_and_where() {
    let app = spawn_app().await;
    let api = admin_api(&app).await;
    let (_, v) = api.post("/users", json!({"username": "audited"})).await;
    let id = v["userid"].as_str().unwrap().to_owned();
    api.patch(&format!("/users/{id}"), json!({"name": "Audited Person"}))
        .await;
    api.put(&format!("/users/{id}/groups"), json!({"groups": ["g"]}))
        .await;
    api.post(&format!("/users/{id}/disable"), json!({})).await;
    let (_, c) = api
        .post(
            "/clients",
            json!({"name": "C", "redirect_uris": ["https://c.example/cb"]}),
        )
        .await;
    let cid = c["client_id"].as_str().unwrap().to_owned();
    api.post(&format!("/clients/{cid}/secret"), json!({})).await;
    api.patch(&format!("/clients/{cid}"), json!({"name": "D"}))
        .await;
    let (_, all) = api.get("/audit?limit=200").await;
    let events: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    for e in [
        "user.created",
        "user.profile_updated",
        "user.groups_changed",
        "user.disabled",
        "client.created",
        "client.secret_rotated",
        "client.updated",
    ] {
        assert!(events.contains(&e), "{e} missing from {events:?}");
    }
    // Filter by user and by event; the actor is the client, from an address.
    let (s, v) = api
        .get(&format!("/audit?user={id}&event=user.disabled"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["total"], 1);
    let e = &v["items"][0];
    assert!(e["actor"].as_str().unwrap().starts_with("client:"));
    assert_eq!(e["ip"], "127.0.0.1");
    assert!(e["at"].as_str().unwrap().contains('T'));
    let (_, v) = api.get(&format!("/audit?user={id}&limit=2")).await;
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    assert!(v["total"].as_i64().unwrap() >= 4);
}

#[tokio::test]
async fn unknown_api_routes_answer_json_404() {
    let app = spawn_app().await;
    let api = admin_api(&app).await;
    let (s, v) = api.get("/nothing/here").await;
    assert_eq!((s, v["error"].as_str()), (404, Some("not_found")));
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = spawn_app().await;
    let r = reqwest::get(app.url("/api/admin/v1/openapi.json"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let (u, c, i) = ("{userid}", "{client_id}", "{id}");
    let paths = doc["paths"].as_object().unwrap();
    for (method, path, _) in operations(u, c, i) {
        let full = format!("/api/admin/v1{path}");
        let item = paths
            .get(&full)
            .unwrap_or_else(|| panic!("{full} missing from the OpenAPI document"));
        let m = method.as_str().to_ascii_lowercase();
        assert!(item.get(&m).is_some(), "{method} {full} missing");
        let responses = item[&m]["responses"].as_object().unwrap();
        assert!(
            responses.contains_key("401"),
            "{method} {full} documents 401"
        );
        assert!(
            responses.contains_key("403"),
            "{method} {full} documents 403"
        );
    }
    // And nothing documented that the tests above do not exercise.
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(documented, operations(u, c, i).len());
}
