//! A client restricted to groups: an outsider gets a page saying they have
//! no access (and the relying party `access_denied`), a member signs in; a
//! user who leaves the groups can no longer refresh or redeem a code.

use latchkey::manage::{self, Actor, CreateClient, ManageError};

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, REDIRECT, TestApp, TestClient, audit_events, between, location,
    on_both_backends, query, signed_in_browser, spawn_app_on, token_request, unescape,
};

const SCOPE: &str = "openid profile offline_access";

/// A confidential client (consent asked, client credentials allowed) that
/// only members of `groups` may use; each group is created first.
async fn restricted_client(app: &TestApp, groups: &[&str]) -> TestClient {
    for g in groups {
        manage::create_group(
            &app.state.repos,
            app.state.clock.as_ref(),
            &Actor::system(),
            g,
            None,
        )
        .await
        .unwrap();
    }
    let created = manage::create_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        CreateClient {
            name: "Test App".into(),
            redirect_uris: vec![REDIRECT.into()],
            extra_grants: vec!["client_credentials".into()],
            allowed_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(created.allowed_groups, groups);
    TestClient {
        id: created.client_id,
        secret: created.client_secret,
    }
}

async fn set_groups(app: &TestApp, username: &str, groups: &[&str]) {
    let user = manage::find_user(&app.state.repos, username).await.unwrap();
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

/// The `error` a token request was refused with.
async fn error_of(r: reqwest::Response) -> String {
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    body["error"].as_str().unwrap().to_owned()
}

async fn an_outsider_is_refused_and_a_member_admitted(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = restricted_client(&app, &["ops", "sre"]).await;
    let eve = app.create_user("eve", PASSWORD).await;
    set_groups(&app, "eve", &["dev"]).await;
    let browser = signed_in_browser(&app, &eve).await;

    // The outsider sees the no-access page at once, not the consent page.
    let request = CodeRequest::new(&client, SCOPE);
    let r = browser.get(request.url(&app)).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("You don&#x27;t have access to Test App"),
        "the page says so: {html}"
    );
    assert!(!html.contains("Allow"), "no consent page");
    // Its link leads back to the application with access_denied.
    let href = unescape(&between(&html, "<a href=\"", "\"").expect("a link back"));
    assert!(href.starts_with(REDIRECT), "{href}");
    let back = url::Url::parse(&href).unwrap();
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&back, "state").as_deref(), Some("s1"));
    assert_eq!(query(&back, "iss").as_deref(), Some(app.base.as_str()));
    assert_eq!(
        app.state
            .repos
            .consents
            .get(&eve.userid, &client.id)
            .await
            .unwrap(),
        None
    );

    // prompt=none answers access_denied directly.
    let silent = request.clone().with("prompt", "none");
    let r = browser.get(silent.url(&app)).send().await.unwrap();
    let loc = url::Url::parse(&location(&app, &r)).unwrap();
    assert!(loc.as_str().starts_with(REDIRECT), "{loc}");
    assert_eq!(query(&loc, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&loc, "state").as_deref(), Some("s1"));

    // Both refusals are audited, naming the user and the client.
    let events = audit_events(&app, "access.denied").await;
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].subject.as_deref(), Some(eve.userid.as_str()));
    assert_eq!(events[0].details["client_id"], client.id.as_str());

    // A member of one of the groups signs in as usual.
    let ada = app.create_user("ada", PASSWORD).await;
    set_groups(&app, "ada", &["sre"]).await;
    let ada = manage::find_user(&app.state.repos, &ada.userid)
        .await
        .unwrap();
    let tokens = app.tokens_for(&client, &ada, SCOPE).await;
    assert!(!tokens.id_token().is_empty());
    assert!(!tokens.refresh().is_empty());
    // So does the outsider once let in.
    set_groups(&app, "eve", &["dev", "ops"]).await;
    let code = app.authorize(&browser, &request).await;
    app.exchange(&client, &code).await;
}
on_both_backends!(an_outsider_is_refused_and_a_member_admitted);

async fn leaving_the_group_ends_refresh_and_code_redemption(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let client = restricted_client(&app, &["ops"]).await;
    let ada = app.create_user("ada", PASSWORD).await;
    set_groups(&app, "ada", &["ops"]).await;
    let ada = manage::find_user(&app.state.repos, &ada.userid)
        .await
        .unwrap();
    let tokens = app.tokens_for(&client, &ada, SCOPE).await;
    let browser = signed_in_browser(&app, &ada).await;
    let code = app
        .authorize(&browser, &CodeRequest::new(&client, SCOPE))
        .await;

    set_groups(&app, "ada", &[]).await;
    assert_eq!(
        error_of(app.refresh(&client, tokens.refresh(), None).await).await,
        "invalid_grant",
        "no refresh after leaving the group"
    );
    assert_eq!(
        error_of(app.redeem(&client, &code).await).await,
        "invalid_grant",
        "a code issued before leaving is refused"
    );
    assert!(
        audit_events(&app, "access.denied")
            .await
            .iter()
            .all(|e| e.subject.as_deref() == Some(ada.userid.as_str())),
    );
    // The client itself is unaffected.
    let r = token_request(&app, &client, &[("grant_type", "client_credentials")]).await;
    assert_eq!(r.status(), 200);

    // Nothing was spent or revoked: let back in, the refresh token works.
    set_groups(&app, "ada", &["ops"]).await;
    let r = app.refresh(&client, tokens.refresh(), None).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}
on_both_backends!(leaving_the_group_ends_refresh_and_code_redemption);

async fn restricting_names_existing_groups_and_a_group_in_use_stays(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let client = restricted_client(&app, &["ops"]).await;
    // An unknown group is refused with a clear message.
    let unknown = manage::update_client(
        repos,
        clock,
        &Actor::system(),
        &client.id,
        manage::ClientChange {
            allowed_groups: Some(vec!["ops".into(), "nobody".into()]),
            ..Default::default()
        },
    )
    .await;
    match unknown {
        Err(ManageError::Invalid(m)) => assert!(m.contains("no group named \"nobody\""), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // The group that restricts the client cannot be deleted.
    match manage::delete_group(repos, clock, &Actor::system(), "ops").await {
        Err(ManageError::Refused(m)) => {
            assert!(m.contains("Test App") && m.contains(&client.id), "{m}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(repos.groups.get("ops").await.unwrap().is_some());
    // Once the client is open to everyone again, it can.
    let open = manage::update_client(
        repos,
        clock,
        &Actor::system(),
        &client.id,
        manage::ClientChange {
            allowed_groups: Some(vec![String::new()]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(open.allowed_groups.is_empty());
    manage::delete_group(repos, clock, &Actor::system(), "ops")
        .await
        .unwrap();
}
on_both_backends!(restricting_names_existing_groups_and_a_group_in_use_stays);
