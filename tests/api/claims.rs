//! Custom attributes and claims: attributes on users and groups (set over
//! the admin API), a client's claim mapping (custom claims under their
//! scopes, `preferred_username`, the groups claim), and the OIDC `claims`
//! request parameter, in ID tokens, userinfo and across a refresh.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, CodeRequest, REDIRECT, TestApp, TestClient, audit_events, form_token, jwt_claims,
    location, on_both_backends, query, signed_in_browser, spawn_app, spawn_app_on, walk,
};
use latchkey::db::User;
use latchkey::manage::{self, Actor};

/// Calls the admin API with an administrator's token.
async fn api(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method.clone(), app.url(&format!("/api/admin/v1{path}")))
        .bearer_auth(token);
    if method != Method::GET {
        req = req.json(&body);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A user with an email, a name and `groups`.
async fn person(app: &TestApp, username: &str, groups: &[&str]) -> User {
    manage::create_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::cli(),
        manage::CreateUser {
            username: username.into(),
            email: Some(format!("{username}@example.com")),
            name: Some(format!("{username} Example")),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// Registers "Test App" (as the consent helper expects) over the admin API
/// with `claim_mapping`.
async fn client_with_mapping(app: &TestApp, token: &str, mapping: Value) -> TestClient {
    let (s, v) = api(
        app,
        token,
        Method::POST,
        "/clients",
        json!({"name": "Test App", "redirect_uris": [REDIRECT], "claim_mapping": mapping}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(
        v["claim_mapping"], mapping,
        "the mapping is stored as given"
    );
    TestClient {
        id: v["client_id"].as_str().unwrap().to_owned(),
        secret: v["client_secret"].as_str().map(str::to_owned),
    }
}

async fn userinfo(app: &TestApp, access: &str) -> Value {
    let r = reqwest::Client::new()
        .get(app.url("/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn custom_claims_follow_the_mapping_and_only_under_its_scopes(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let alice = person(&app, "alice", &["ops", "staff"]).await;
    // Group values apply to members; among groups the first by name wins;
    // the user's own values win over every group's.
    for (group, attributes) in [
        (
            "staff",
            json!({"department": "Staff", "building": "B", "floor": 1}),
        ),
        ("ops", json!({"department": "Operations", "floor": 2})),
    ] {
        let (s, v) = api(
            &app,
            &token,
            Method::PUT,
            &format!("/groups/{group}/attributes"),
            json!({ "attributes": attributes }),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["attributes"], attributes);
    }
    let (s, v) = api(
        &app,
        &token,
        Method::PUT,
        &format!("/users/{}/attributes", alice.userid),
        json!({"attributes": {"floor": 3, "badge": {"id": 7}}}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["attributes"], json!({"floor": 3, "badge": {"id": 7}}));
    // preferred_username comes from the address only once it is verified.
    let (s, v) = api(
        &app,
        &token,
        Method::PATCH,
        &format!("/users/{}", alice.userid),
        json!({"email_verified": true}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let (_, v) = api(
        &app,
        &token,
        Method::GET,
        "/groups/ops/attributes",
        json!(null),
    )
    .await;
    assert_eq!(v["attributes"]["department"], "Operations");

    let mapping = json!({
        "claims": [
            {"claim": "department", "attribute": "department", "scopes": ["department"]},
            {"claim": "floor", "attribute": "floor", "scopes": ["profile"]},
            {"claim": "building", "attribute": "building", "scopes": ["building"]},
            {"claim": "badge", "attribute": "badge", "scopes": ["openid"]}
        ],
        "preferred_username": "email",
        "groups": {"claim": "roles", "shape": "ids"}
    });
    let client = client_with_mapping(&app, &token, mapping).await;

    // The consent page names the custom scope and what it releases.
    let browser = signed_in_browser(&app, &alice).await;
    let request = CodeRequest::new(&client, "openid profile groups department");
    let r = browser.get(request.url(&app)).send().await.unwrap();
    let consent = location(&app, &r);
    let html = browser
        .get(&consent)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Your department"), "{html}");
    assert!(html.contains("(department)"), "{html}");

    let back = walk(&app, &browser, &request.url(&app), true).await;
    let code = query(&back, "code").unwrap();
    let tokens = app.exchange(&client, &code).await;
    assert_eq!(
        tokens.json["scope"], "openid profile groups department",
        "the custom scope is granted"
    );
    let ids: Vec<String> = app
        .state
        .repos
        .attributes
        .member_groups(&alice.userid)
        .await
        .unwrap()
        .iter()
        .map(|g| g.id.to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    let id = jwt_claims(tokens.id_token());
    // The ID token verifies (signature, issuer, expiry) with the custom
    // claims in it.
    let verified: latchkey::oidc::tokens::IdClaims = latchkey::oidc::tokens::verify_jwt(
        &app.state.keys,
        &app.base,
        tokens.id_token(),
        None,
        latchkey::clock::Clock::now(&app.clock),
        false,
    )
    .unwrap();
    assert_eq!(verified.extra["department"], "Operations");
    assert_eq!(verified.aud, client.id);
    let info = userinfo(&app, &tokens.access).await;
    for claims in [&id, &info] {
        assert_eq!(claims["department"], "Operations", "{claims}");
        assert_eq!(claims["floor"], 3, "the user's value wins: {claims}");
        assert_eq!(claims["badge"], json!({"id": 7}), "{claims}");
        assert!(
            claims.get("building").is_none(),
            "scope not granted: {claims}"
        );
        assert_eq!(claims["preferred_username"], "alice@example.com");
        assert_eq!(claims["roles"], json!(ids), "{claims}");
        assert!(claims.get("groups").is_none(), "renamed: {claims}");
    }

    // Without the custom scope, no department; profile still brings floor.
    let tokens = app.tokens_for(&client, &alice, "openid profile").await;
    let id = jwt_claims(tokens.id_token());
    let info = userinfo(&app, &tokens.access).await;
    for claims in [&id, &info] {
        assert!(claims.get("department").is_none(), "{claims}");
        assert!(claims.get("roles").is_none(), "{claims}");
        assert_eq!(claims["floor"], 3);
    }

    // Another client has no such mapping: the scope is dropped, the
    // default claims are as before.
    let plain = crate::helpers::register(&app, false, true).await;
    let tokens = app
        .tokens_for(&plain, &alice, "openid profile groups department")
        .await;
    assert_eq!(tokens.json["scope"], "openid profile groups");
    let id = jwt_claims(tokens.id_token());
    assert_eq!(id["preferred_username"], "alice");
    assert_eq!(id["groups"], json!(["ops", "staff"]));
    assert!(id.get("department").is_none() && id.get("floor").is_none());

    // Changes are audited, with the names that changed (not the values).
    let events = audit_events(&app, "user.attributes_changed").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].details["changed"], json!(["badge", "floor"]));
    assert_eq!(
        audit_events(&app, "group.attributes_changed").await.len(),
        2
    );
}
on_both_backends!(custom_claims_follow_the_mapping_and_only_under_its_scopes);

async fn the_claims_parameter_returns_what_was_asked_where_it_was_asked(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let token = app.admin_token().await;
    let bob = person(&app, "bob", &["lab"]).await;
    let (s, _) = api(
        &app,
        &token,
        Method::PUT,
        "/groups/lab/attributes",
        json!({"attributes": {"department": "R&D"}}),
    )
    .await;
    assert_eq!(s, 200);
    let client = client_with_mapping(
        &app,
        &token,
        json!({"claims": [{"claim": "department", "attribute": "department", "scopes": ["department"]}]}),
    )
    .await;
    let browser = signed_in_browser(&app, &bob).await;
    let asked = json!({
        "id_token": {"email": null, "department": {"essential": true}, "nickname": null},
        "userinfo": {"name": null, "unknown_claim": null}
    });
    let request =
        CodeRequest::new(&client, "openid offline_access").with("claims", &asked.to_string());
    // The consent page names what the requested claims reveal.
    let r = browser.get(request.url(&app)).send().await.unwrap();
    let html = browser
        .get(location(&app, &r))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for scope in ["(email)", "(department)", "(profile)"] {
        assert!(html.contains(scope), "consent names {scope}: {html}");
    }
    let code = app.authorize(&browser, &request).await;
    let tokens = app.exchange(&client, &code).await;
    assert_eq!(tokens.json["scope"], "openid offline_access");
    let id = jwt_claims(tokens.id_token());
    assert_eq!(id["email"], "bob@example.com", "{id}");
    assert_eq!(id["department"], "R&D", "{id}");
    assert!(id.get("nickname").is_none(), "bob has none: {id}");
    assert!(id.get("name").is_none(), "asked for userinfo only: {id}");
    let info = userinfo(&app, &tokens.access).await;
    assert_eq!(info["name"], "bob Example", "{info}");
    assert_eq!(info["sub"], bob.userid.as_str());
    assert!(
        info.get("email").is_none(),
        "asked for the ID token only: {info}"
    );
    assert!(info.get("department").is_none(), "{info}");
    assert!(info.get("unknown_claim").is_none());

    // A refresh keeps the request: the new ID token and access token carry it.
    let r = app.refresh(&client, tokens.refresh(), None).await;
    assert_eq!(r.status(), 200);
    let refreshed: Value = r.json().await.unwrap();
    let id = jwt_claims(refreshed["id_token"].as_str().unwrap());
    assert_eq!(id["email"], "bob@example.com", "{id}");
    assert_eq!(id["department"], "R&D", "{id}");
    let info = userinfo(&app, refreshed["access_token"].as_str().unwrap()).await;
    assert_eq!(info["name"], "bob Example", "{info}");

    // A value that does not match is not returned.
    let asked = json!({"id_token": {"email": {"value": "someone@example.com"}, "name": {"values": ["bob Example"]}}});
    let request = CodeRequest::new(&client, "openid").with("claims", &asked.to_string());
    let code = app.authorize(&browser, &request).await;
    let id = jwt_claims(app.exchange(&client, &code).await.id_token());
    assert!(id.get("email").is_none(), "{id}");
    assert_eq!(id["name"], "bob Example", "{id}");

    // A sub that is not the signed-in user's is never satisfied.
    let asked = json!({"id_token": {"sub": {"value": "nobody-else"}}});
    let request = CodeRequest::new(&client, "openid")
        .with("claims", &asked.to_string())
        .with("prompt", "none");
    let back = walk(&app, &browser, &request.url(&app), true).await;
    assert_eq!(query(&back, "error").as_deref(), Some("login_required"));
    // Their own sub is.
    let asked = json!({"id_token": {"sub": {"value": bob.userid}}});
    let request = CodeRequest::new(&client, "openid").with("claims", &asked.to_string());
    let code = app.authorize(&browser, &request).await;
    assert_eq!(
        jwt_claims(app.exchange(&client, &code).await.id_token())["sub"],
        bob.userid.as_str()
    );
}
on_both_backends!(the_claims_parameter_returns_what_was_asked_where_it_was_asked);

#[tokio::test]
async fn malformed_claims_parameters_are_invalid_requests_and_support_is_advertised() {
    let app = spawn_app().await;
    let user = person(&app, "carol", &[]).await;
    let client = crate::helpers::register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    for bad in [
        "not json",
        "[1, 2]",
        r#"{"id_token": [1]}"#,
        r#"{"userinfo": {"email": 5}}"#,
        r#"{"userinfo": {"email": {"essential": "yes"}}}"#,
        r#"{"userinfo": {"email": {"values": "x"}}}"#,
        r#"{"id_token": {"sub": {"value": 7}}}"#,
        r#"{"id_token": {"acr": {"essential": true, "values": ["urn:unknown"]}}}"#,
    ] {
        let request = CodeRequest::new(&client, "openid").with("claims", bad);
        let r = browser.get(request.url(&app)).send().await.unwrap();
        let back = url::Url::parse(&location(&app, &r)).unwrap();
        let error = query(&back, "error");
        assert!(
            matches!(error.as_deref(), Some("invalid_request" | "access_denied")),
            "{bad}: {back}"
        );
        assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    }
    let doc: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["claims_parameter_supported"], true);
}

#[tokio::test]
async fn bad_attributes_and_mappings_are_refused_with_clear_errors() {
    let app = spawn_app().await;
    let token = app.admin_token().await;
    let dave = person(&app, "dave", &["crew"]).await;
    let path = format!("/users/{}/attributes", dave.userid);
    let big = "x".repeat(17 * 1024);
    for (body, expected) in [
        (json!({"attributes": {"sub": "x"}}), "protocol claim"),
        (json!({"attributes": {"a b": 1}}), "not a valid name"),
        (json!({"attributes": [1]}), "JSON object"),
        (json!({"attributes": {"big": big}}), "bytes"),
    ] {
        let (s, v) = api(&app, &token, Method::PUT, &path, body.clone()).await;
        assert_eq!(s, 422, "{body}: {v}");
        assert_eq!(v["error"], "validation_failed");
        assert!(
            v["message"].as_str().unwrap().contains(expected),
            "{body}: {v}"
        );
    }
    let (s, v) = api(&app, &token, Method::PUT, &path, json!({"attrs": {}})).await;
    assert!(s == 400 || s == 422, "{v}");
    let (s, v) = api(
        &app,
        &token,
        Method::PUT,
        "/groups/nosuchgroup/attributes",
        json!({"attributes": {}}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (404, Some("not_found")));
    let (s, v) = api(
        &app,
        &token,
        Method::PUT,
        "/groups/crew/attributes",
        json!({"attributes": {"iss": 1}}),
    )
    .await;
    assert_eq!(s, 422, "{v}");

    let client = crate::helpers::register(&app, false, true).await;
    let client_path = format!("/clients/{}", client.id);
    for (mapping, expected) in [
        (json!({"groups": {"shape": "objects"}}), "unknown variant"),
        (
            json!({"claims": [{"claim": "iss", "attribute": "a", "scopes": ["x"]}]}),
            "protocol claim",
        ),
        (
            json!({"claims": [{"claim": "ok", "attribute": "bad name", "scopes": ["x"]}]}),
            "not a valid name",
        ),
        (
            json!({"claims": [{"claim": "email", "attribute": "a", "scopes": ["x"]}]}),
            "standard profile claim",
        ),
        (
            json!({"claims": [{"claim": "d", "attribute": "a", "scopes": ["latchkey:admin"]}]}),
            "internal scope",
        ),
        (
            json!({"preferred_username": {"attribute": "sub"}}),
            "protocol claim",
        ),
        (json!([]), "not valid"),
    ] {
        let (s, v) = api(
            &app,
            &token,
            Method::PATCH,
            &client_path,
            json!({ "claim_mapping": mapping }),
        )
        .await;
        assert_eq!(s, 422, "{mapping}: {v}");
        assert_eq!(v["error"], "validation_failed");
        assert!(
            v["message"].as_str().unwrap().contains(expected),
            "{mapping}: {v}"
        );
    }
    // A good one is stored, shown, and `{}` restores the default.
    let good = json!({"groups": {"claim": "roles", "shape": "names"}});
    let (s, v) = api(
        &app,
        &token,
        Method::PATCH,
        &client_path,
        json!({ "claim_mapping": good }),
    )
    .await;
    assert_eq!((s, &v["claim_mapping"]), (200, &good));
    let (_, v) = api(&app, &token, Method::GET, &client_path, json!(null)).await;
    assert_eq!(v["claim_mapping"], good);
    let (s, v) = api(
        &app,
        &token,
        Method::PATCH,
        &client_path,
        json!({"claim_mapping": {}}),
    )
    .await;
    assert_eq!((s, &v["claim_mapping"]), (200, &json!({})));
    let updates = audit_events(&app, "client.updated").await;
    assert!(
        updates
            .iter()
            .any(|e| e.details["fields"] == json!(["claim_mapping"])),
        "{updates:?}"
    );
}

#[tokio::test]
async fn the_admin_ui_edits_attributes_and_claim_mappings() {
    let app = spawn_app().await;
    let me = app.create_admin("boss").await;
    let b = signed_in_browser(&app, &me).await;
    let erin = person(&app, "erin", &[]).await;
    let page = format!("/admin/users/{}", erin.userid);
    let csrf = form_token(&b, &app, &page).await;
    let r = app
        .post_form(
            &b,
            &format!("{page}/attributes"),
            &[
                ("csrf", csrf.as_str()),
                ("attributes", r#"{"department": "Sales"}"#),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("&quot;department&quot;: &quot;Sales&quot;"),
        "{html}"
    );
    assert_eq!(
        app.user(&erin.userid).await.attributes["department"],
        "Sales"
    );
    let r = app
        .post_form(
            &b,
            &format!("{page}/attributes"),
            &[("csrf", csrf.as_str()), ("attributes", r#"{"nonce": 1}"#)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("protocol claim"));

    // A group's page has the same form.
    person(&app, "frank", &["sales team"]).await;
    let page = "/admin/groups/sales%20team";
    let r = app
        .post_form(
            &b,
            &format!("{page}/attributes"),
            &[
                ("csrf", csrf.as_str()),
                ("attributes", r#"{"region": "EMEA"}"#),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&app, &r),
        app.url("/admin/groups/sales%20team?done=saved")
    );
    let html = b
        .get(app.url(page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("&quot;region&quot;: &quot;EMEA&quot;"),
        "{html}"
    );
    let r = app
        .post_form(
            &b,
            &format!("{page}/attributes"),
            &[("csrf", csrf.as_str()), ("attributes", "[1]")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("JSON object"));

    let client = crate::helpers::register(&app, false, false).await;
    let page = format!("/admin/clients/{}", client.id);
    let mapping = r#"{"claims": [{"claim": "department", "attribute": "department", "scopes": ["department"]}]}"#;
    let r = app
        .post_form(
            &b,
            &format!("{page}/claim-mapping"),
            &[("csrf", csrf.as_str()), ("claim_mapping", mapping)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let stored = app
        .state
        .repos
        .clients
        .get(&client.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.claim_mapping.claims[0].claim, "department");
    let html = b
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Claim mapping"), "{html}");
    let r = app
        .post_form(
            &b,
            &format!("{page}/claim-mapping"),
            &[
                ("csrf", csrf.as_str()),
                ("claim_mapping", r#"{"groups": {"shape": "objects"}}"#),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("unknown variant"));
    // Without the CSRF token nothing changes.
    let r = app
        .post_form(
            &b,
            &format!("{page}/claim-mapping"),
            &[("claim_mapping", "{}")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[test]
fn the_cli_sets_claim_mappings_from_a_file() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_latchkey"))
            .current_dir(dir.path())
            .env_remove("LATCHKEY_BIND")
            .env("LATCHKEY_LOG", "warn")
            .args(args)
            .output()
            .unwrap()
    };
    let mapping = json!({
        "claims": [{"claim": "department", "attribute": "department", "scopes": ["department"]}],
        "groups": {"claim": "roles", "shape": "ids"}
    });
    let file = dir.path().join("mapping.json");
    std::fs::write(&file, mapping.to_string()).unwrap();
    let file = file.to_str().unwrap();
    let out = run(&[
        "client",
        "create",
        "--name",
        "Wiki",
        "--redirect-uri",
        "https://wiki.example/cb",
        "--claim-mapping-file",
        file,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = created["client_id"].as_str().unwrap();
    let list: Value = serde_json::from_slice(&run(&["client", "list"]).stdout).unwrap();
    assert_eq!(list[0]["claim_mapping"], mapping);
    // Update replaces it; `{}` restores the default.
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "{}").unwrap();
    let out = run(&[
        "client",
        "update",
        id,
        "--claim-mapping-file",
        empty.to_str().unwrap(),
    ]);
    let updated: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(updated["claim_mapping"], json!({}));
    // Bad files: clear messages, nothing on stdout.
    let bad = dir.path().join("bad.json");
    for (text, needle) in [
        ("{not json", "not valid JSON"),
        (r#"{"groups": {"shape": "objects"}}"#, "unknown variant"),
        (
            r#"{"claims": [{"claim": "sub", "attribute": "a", "scopes": ["x"]}]}"#,
            "protocol claim",
        ),
    ] {
        std::fs::write(&bad, text).unwrap();
        let out = run(&[
            "client",
            "update",
            id,
            "--claim-mapping-file",
            bad.to_str().unwrap(),
        ]);
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{text}: {err}");
    }
    let out = run(&[
        "client",
        "update",
        id,
        "--claim-mapping-file",
        "/nonexistent/x.json",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
