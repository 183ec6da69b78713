//! The management UI: who may open it, and each operation through its forms.

use crate::helpers::{TestApp, spawn_app};
use crate::helpers::{csrf_of, form_token, signed_in_browser};

async fn admin_browser(app: &TestApp) -> (reqwest::Client, latchkey::db::User) {
    let admin = app.create_admin("boss").await;
    (signed_in_browser(app, &admin).await, admin)
}

fn secret_on(html: &str) -> String {
    let marker = "<code class=\"secret\">";
    let start = html.find(marker).expect("a secret on the page") + marker.len();
    let end = html[start..].find("</code>").unwrap() + start;
    html[start..end].replace("&#x2f;", "/")
}

#[tokio::test]
async fn only_administrators_get_in() {
    let app = spawn_app().await;
    for path in [
        "/admin",
        "/admin/users",
        "/admin/clients",
        "/admin/invites",
        "/admin/audit",
        "/admin/keys",
        "/admin/registration-tokens",
        "/admin/signups",
    ] {
        let r = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
    }
    let r = app.http.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login");
    let plain = app.create_user("plain", "correct horse battery").await;
    let b = signed_in_browser(&app, &plain).await;
    for path in [
        "/admin/users",
        "/admin/clients",
        "/admin/invites",
        "/admin/audit",
        "/admin/keys",
        "/admin/registration-tokens",
        "/admin/signups",
    ] {
        assert_eq!(
            b.get(app.url(path)).send().await.unwrap().status(),
            403,
            "{path}"
        );
    }
    // Posting as a non-admin is refused too, even with a valid CSRF token.
    let csrf = form_token(&b, &app, "/account").await;
    let r = app
        .post_form(
            &b,
            "/admin/users",
            &[("csrf", csrf.as_str()), ("username", "sneaky")],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert!(
        app.state
            .repos
            .users
            .get_by_username("sneaky")
            .await
            .unwrap()
            .is_none()
    );
    let (admin, _) = admin_browser(&app).await;
    let r = admin.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/admin/users");
    assert_eq!(
        admin
            .get(app.url("/admin/users"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn managing_users_through_the_ui() {
    let app = spawn_app().await;
    let (b, me) = admin_browser(&app).await;
    let csrf = form_token(&b, &app, "/admin/users").await;
    let r = app
        .post_form(
            &b,
            "/admin/users",
            &[
                ("csrf", csrf.as_str()),
                ("username", "newhire"),
                ("email", "newhire@example.com"),
                ("name", "New Hire"),
                ("groups", "staff, ops"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let user = app
        .state
        .repos
        .users
        .get_by_username("newhire")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.groups, vec!["ops".to_owned(), "staff".to_owned()]);
    // Duplicate: 409 with the reason on the page.
    let r = app
        .post_form(
            &b,
            "/admin/users",
            &[("csrf", csrf.as_str()), ("username", "newhire")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("role=\"alert\""));
    // Search.
    let html = b
        .get(app.url("/admin/users?q=newh"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("newhire"));
    assert!(!html.contains(">boss<"));
    // Edit claims and groups.
    let base = format!("/admin/users/{}", user.userid);
    let r = app
        .post_form(
            &b,
            &format!("{base}/profile"),
            &[
                ("csrf", csrf.as_str()),
                ("username", "newhire"),
                ("name", "Renamed Hire"),
                ("email", "newhire@example.com"),
                ("email_verified", "on"),
                ("locale", "de-DE"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let u = app.user(&user.userid).await;
    assert_eq!(u.profile.name.as_deref(), Some("Renamed Hire"));
    assert!(u.profile.email_verified);
    assert_eq!(u.profile.locale.as_deref(), Some("de-DE"));
    let r = app
        .post_form(
            &b,
            &format!("{base}/groups"),
            &[("csrf", csrf.as_str()), ("groups", "admin, staff")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let u = app.user(&user.userid).await;
    assert_eq!(u.groups, ["admin", "staff"]);
    // A group named "admin" confers nothing.
    assert!(!u.is_admin());
    // Disable and enable.
    let r = app
        .post_form(&b, &format!("{base}/disable"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert!(!app.user(&user.userid).await.active);
    let r = app
        .post_form(&b, &format!("{base}/enable"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.user(&user.userid).await.active);
    // A recovery invite shows a working link once.
    let r = app
        .post_form(&b, &format!("{base}/recovery"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 200);
    let link = secret_on(&r.text().await.unwrap());
    assert!(link.starts_with(&app.url("/invite/")), "{link}");
    let page = reqwest::get(&link).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Add a way to sign in"));
    // The administrator cannot disable or delete themselves.
    let r = app
        .post_form(
            &b,
            &format!("/admin/users/{}/delete", me.userid),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 409);
    // Delete.
    let r = app
        .post_form(&b, &format!("{base}/delete"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.state
            .repos
            .users
            .get(&user.userid)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(b.get(app.url(&base)).send().await.unwrap().status(), 404);
    // Forms without the token are refused.
    let r = app
        .post_form(
            &b,
            &format!("/admin/users/{}/disable", me.userid),
            &[("csrf", "bad")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn users_are_paged() {
    let app = spawn_app().await;
    let (b, _) = admin_browser(&app).await;
    for i in 0..30 {
        app.create_user(&format!("member{i:02}"), "correct horse battery")
            .await;
    }
    let html = b
        .get(app.url("/admin/users"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("31 users"));
    assert!(html.contains("Next page"));
    assert!(!html.contains("Previous page"));
    let html = b
        .get(app.url("/admin/users?offset=25"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Previous page"));
    assert!(!html.contains("Next page"));
    // Review finding: an offset near the largest number overflowed (500).
    for path in ["/admin/users", "/admin/clients", "/admin/invites"] {
        let r = b
            .get(app.url(&format!("{path}?offset={}", i64::MAX)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(r.text().await.unwrap().contains("Previous page"), "{path}");
    }
}

#[tokio::test]
async fn managing_clients_through_the_ui() {
    let app = spawn_app().await;
    let (b, _) = admin_browser(&app).await;
    let csrf = form_token(&b, &app, "/admin/clients").await;
    let r = app
        .post_form(
            &b,
            "/admin/clients",
            &[
                ("csrf", csrf.as_str()),
                ("name", "Wiki"),
                (
                    "redirect_uris",
                    "https://wiki.example/cb\r\nhttps://wiki.example/cb2",
                ),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    let secret = secret_on(&html);
    let page = app.state.repos.clients.list(0, 10).await.unwrap();
    let client = &page.items[0];
    assert_eq!(client.redirect_uris.len(), 2);
    assert!(latchkey::crypto::verify_secret(
        &secret,
        client.secret_hash.as_deref().unwrap()
    ));
    // Shown once: the client's page does not show it again.
    let path = format!("/admin/clients/{}", client.client_id);
    let html = b
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&secret));
    // Edit the redirect URIs.
    let csrf = csrf_of(&html);
    let r = app
        .post_form(
            &b,
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Wiki"),
                ("redirect_uris", "https://wiki.example/new"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let c = app
        .state
        .repos
        .clients
        .get(&client.client_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.redirect_uris, vec!["https://wiki.example/new".to_owned()]);
    let r = app
        .post_form(
            &b,
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Wiki"),
                ("redirect_uris", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    // Rotate.
    let r = app
        .post_form(&b, &format!("{path}/rotate"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 200);
    let new_secret = secret_on(&r.text().await.unwrap());
    let c = app
        .state
        .repos
        .clients
        .get(&client.client_id)
        .await
        .unwrap()
        .unwrap();
    assert!(latchkey::crypto::verify_secret(
        &new_secret,
        c.secret_hash.as_deref().unwrap()
    ));
    assert!(!latchkey::crypto::verify_secret(
        &secret,
        c.secret_hash.as_deref().unwrap()
    ));
    // Delete.
    let r = app
        .post_form(&b, &format!("{path}/delete"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.state
            .repos
            .clients
            .get(&client.client_id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn invites_and_audit_through_the_ui() {
    let app = spawn_app().await;
    let (b, me) = admin_browser(&app).await;
    let csrf = form_token(&b, &app, "/admin/invites").await;
    let r = app
        .post_form(
            &b,
            "/admin/invites",
            &[
                ("csrf", csrf.as_str()),
                ("username", "friend"),
                ("groups", "staff"),
                ("ttl_hours", "48"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let html = r.text().await.unwrap();
    let link = secret_on(&html);
    assert_eq!(reqwest::get(&link).await.unwrap().status(), 200);
    let invite = app
        .state
        .repos
        .invites
        .list(0, 10)
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!(invite.groups, vec!["staff".to_owned()]);
    assert_eq!(invite.expires_at - invite.created_at, 48 * 3600);
    // The list shows it as pending with a Revoke button; revoking kills the link.
    let html = b
        .get(app.url("/admin/invites"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("pending"));
    assert!(html.contains(">Revoke</button>"));
    assert!(!html.contains(&link));
    let r = app
        .post_form(
            &b,
            &format!("/admin/invites/{}/revoke", invite.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(reqwest::get(&link).await.unwrap().status(), 410);
    let r = app
        .post_form(&b, "/admin/invites/nope/revoke", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(r.status(), 404);
    // The audit log shows both, by this administrator, filterable.
    let html = b
        .get(app.url("/admin/audit?event=invite.revoked"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("1 event."), "{html}");
    assert!(html.contains(&me.userid));
    let html = b
        .get(app.url(&format!("/admin/audit?user={}", me.userid)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("invite.created"));
    assert!(html.contains("invite.revoked"));
}

/// Every form of the management UI, as (path, fields), about real records:
/// bob, a client and a pending invite (the POST half of
/// [`crate::helpers::admin_routes::ui_routes`]).
async fn every_admin_form(app: &TestApp) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    crate::helpers::admin_routes::ui_routes(app)
        .await
        .into_iter()
        .filter(|r| r.method == reqwest::Method::POST)
        .map(|r| (r.path, r.fields))
        .collect()
}

/// Nothing the forms of [`every_admin_form`] would change has changed.
async fn no_admin_change(app: &TestApp) {
    let repos = &app.state.repos;
    let bob = repos.users.get_by_username("bob").await.unwrap().unwrap();
    assert!(bob.active);
    assert!(bob.groups.is_empty());
    assert_ne!(bob.profile.name.as_deref(), Some("Mallory"));
    assert_eq!(
        repos
            .sessions
            .list_for_user(&bob.userid)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        repos
            .passkeys
            .list_for_user(&bob.userid)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        repos
            .users
            .get_by_username("sneaky")
            .await
            .unwrap()
            .is_none()
    );
    let clients = repos.clients.list(0, 10).await.unwrap().items;
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].name, "Wiki");
    assert!(clients[0].jwks.is_none(), "keys unchanged");
    assert!(clients[0].allowed_groups.is_empty());
    let crew = repos.groups.get("crew").await.unwrap().unwrap();
    assert_eq!(crew.description, None);
    assert!(!crew.require_mfa);
    for gone in ["sneaky", "renamed"] {
        assert!(repos.groups.get(gone).await.unwrap().is_none(), "{gone}");
    }
    assert_eq!(clients[0].branding, latchkey::db::Branding::default());
    assert!(!clients[0].require_mfa);
    assert_eq!(
        clients[0].id_token_alg,
        latchkey::domain::signing_alg::SigningAlg::RS256
    );
    // One key per algorithm, none rotated.
    let keys = repos.signing_keys.list().await.unwrap();
    assert_eq!(keys.len(), 3);
    let invites = repos.invites.list(0, 10).await.unwrap().items;
    assert_eq!(invites.len(), 1);
    let signup = repos.signups.get("signup-1").await.unwrap().unwrap();
    assert_eq!(signup.state, latchkey::db::SignupState::Verified);
    assert!(invites[0].revoked_at.is_none());
    let second = latchkey::auth::second_factor::status(repos, &bob.userid);
    assert!(second.await.unwrap().totp, "second factor not reset");
    let codes = repos.recovery_codes.recovery_codes_left(&bob.userid);
    assert_eq!(codes.await.unwrap(), 2, "recovery codes not removed");
    let tokens = repos.registrations.list_tokens(0, 10).await.unwrap().items;
    assert_eq!(tokens.len(), 1, "no registration token issued");
    assert!(
        tokens[0].revoked_at.is_none(),
        "registration token not revoked"
    );
    let api_keys = repos.api_keys.list(0, 10).await.unwrap().items;
    assert_eq!(api_keys.len(), 1, "no API key created");
    assert!(api_keys[0].revoked_at.is_none(), "API key not revoked");
}

#[tokio::test]
async fn every_admin_form_checks_the_session_the_role_and_the_csrf_token() {
    let app = spawn_app().await;
    let forms = every_admin_form(&app).await;
    let (admin, _) = admin_browser(&app).await;
    let csrf = form_token(&admin, &app, "/admin/users").await;
    let plain = app.create_user("plain", "correct horse battery").await;
    let plain = signed_in_browser(&app, &plain).await;
    let plain_csrf = form_token(&plain, &app, "/account").await;
    for (path, fields) in &forms {
        let with = |token: &'static str| {
            let mut form = vec![("csrf", token)];
            form.extend(fields.iter().copied());
            form
        };
        // Not signed in: to the sign-in page.
        let r = app
            .http
            .post(app.url(path))
            .form(&with("whatever"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
        // Not an administrator, even with the page's token.
        let mut form = vec![("csrf", plain_csrf.as_str())];
        form.extend(fields.iter().copied());
        let r = plain.post(app.url(path)).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
        // An administrator with a forged token, or from another site.
        let r = admin
            .post(app.url(path))
            .form(&with("forged"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields.iter().copied());
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let r = admin
                .post(app.url(path))
                .header(name, value)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "{path} {name}");
        }
    }
    no_admin_change(&app).await;
}

#[tokio::test]
async fn every_admin_form_needs_a_recent_sign_in() {
    let app = spawn_app().await;
    let forms = every_admin_form(&app).await;
    let (admin, _) = admin_browser(&app).await;
    let csrf = form_token(&admin, &app, "/admin/users").await;
    // Past the default ten-minute window.
    app.clock.advance(11 * 60);
    for (path, fields) in &forms {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields.iter().copied());
        let r = admin
            .post(app.url(path))
            .header("origin", &app.base)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login?next=%2Fadmin", "{path}");
    }
    no_admin_change(&app).await;
}
