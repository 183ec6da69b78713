//! One authorization decision for every path that can end in a code:
//! `/authorize` (GET and POST), `/authorize/resume` and `/consent` (GET and
//! POST) each re-run it, so no route skips `prompt`, `max_age`,
//! `id_token_hint`, `acr_values` or consent. Also: sign-ins are recorded
//! against the request they were made for (no same-second shortcut), and
//! `acr`/`amr` in the tokens say how the person signed in.

use serde_json::Value;

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, TestApp, TestClient, browser, code_in, hidden, jwt_claims,
    location, login_page_in, on_both_backends, password_sign_in, query, register, req_id,
    signed_in_browser, spawn_app_on,
};

/// A code request by `client` for `openid profile` with a nonce, plus `extra`.
fn request(client: &TestClient, extra: &[(&str, &str)]) -> CodeRequest {
    extra.iter().fold(
        CodeRequest::new(client, "openid profile").with("nonce", "n1"),
        |r, (k, v)| r.with(k, v),
    )
}

/// The CSRF token the browser's sign-in page carries for request `req`.
async fn csrf_for(app: &TestApp, browser: &reqwest::Client, req: &str) -> String {
    login_page_in(app, browser, &format!("?req={req}"))
        .await
        .csrf
}

/// An ID token for `user` (signed in just now in a browser of its own).
async fn id_token_of(app: &TestApp, client: &TestClient, user: &latchkey::db::User) -> String {
    let b = signed_in_browser(app, user).await;
    let r = b.get(request(client, &[]).url(app)).send().await.unwrap();
    let code = code_in(r).await.expect("a code for the hint's user");
    let tokens = app.exchange(client, &code).await;
    tokens.id_token().to_owned()
}

/// The routes that can end in a code.
#[derive(Debug, Clone, Copy)]
enum Route {
    AuthorizeGet,
    AuthorizePost,
    Resume,
    ConsentGet,
    ConsentPost,
}

const ROUTES: [Route; 5] = [
    Route::AuthorizeGet,
    Route::AuthorizePost,
    Route::Resume,
    Route::ConsentGet,
    Route::ConsentPost,
];

/// Takes `route` for `request` in `browser`; returns the response.
async fn take(
    app: &TestApp,
    browser: &reqwest::Client,
    route: Route,
    request: &CodeRequest,
) -> reqwest::Response {
    let start = || async { browser.get(request.url(app)).send().await.unwrap() };
    match route {
        Route::AuthorizeGet => start().await,
        Route::AuthorizePost => browser
            .post(app.url("/authorize"))
            .form(request.params())
            .send()
            .await
            .unwrap(),
        Route::Resume => {
            let id = req_id(app, &start().await);
            browser
                .get(app.url(&format!("/authorize/resume?req={id}")))
                .send()
                .await
                .unwrap()
        }
        Route::ConsentGet => {
            let id = req_id(app, &start().await);
            browser
                .get(app.url(&format!("/consent?req={id}")))
                .send()
                .await
                .unwrap()
        }
        Route::ConsentPost => {
            let id = req_id(app, &start().await);
            let csrf = csrf_for(app, browser, &id).await;
            browser
                .post(app.url("/consent"))
                .header("origin", &app.base)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("req", id.as_str()),
                    ("decision", "allow"),
                ])
                .send()
                .await
                .unwrap()
        }
    }
}

/// Every route, for every reason that must stop it: no code.
async fn no_route_skips_the_decision(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let bob = app.create_user("bob", PASSWORD).await;
    let trusted = register(&app, false, true).await;
    let asks = register(&app, false, false).await;
    let bobs_hint = id_token_of(&app, &trusted, &bob).await;

    struct Case<'a> {
        reason: &'a str,
        client: &'a TestClient,
        extra: Vec<(&'a str, &'a str)>,
        signed_in: bool,
        /// Seconds between the sign-in and the request.
        age: i64,
        /// Routes that legitimately end the case (e.g. Allow on the consent page).
        except: &'a [&'a str],
    }
    let cases = [
        Case {
            reason: "prompt=login not satisfied",
            client: &trusted,
            extra: vec![("prompt", "login")],
            signed_in: true,
            age: 10,
            except: &[],
        },
        Case {
            reason: "prompt=login even within the same second as the sign-in",
            client: &trusted,
            extra: vec![("prompt", "login")],
            signed_in: true,
            age: 0,
            except: &[],
        },
        Case {
            reason: "max_age exceeded",
            client: &trusted,
            extra: vec![("max_age", "1")],
            signed_in: true,
            age: 10,
            except: &[],
        },
        Case {
            reason: "id_token_hint names another user",
            client: &trusted,
            extra: vec![("id_token_hint", bobs_hint.as_str())],
            signed_in: true,
            age: 0,
            except: &[],
        },
        Case {
            reason: "acr_values above the session's level",
            client: &trusted,
            extra: vec![("acr_values", "2")],
            signed_in: true,
            age: 0,
            except: &[],
        },
        Case {
            reason: "not signed in",
            client: &trusted,
            extra: vec![],
            signed_in: false,
            age: 0,
            except: &[],
        },
        Case {
            reason: "consent required (prompt=consent)",
            client: &trusted,
            extra: vec![("prompt", "consent")],
            signed_in: true,
            age: 0,
            // Allow on the consent page is how consent is given.
            except: &["ConsentPost"],
        },
        Case {
            reason: "consent required (never given)",
            client: &asks,
            extra: vec![],
            signed_in: true,
            age: 0,
            except: &["ConsentPost"],
        },
        Case {
            reason: "prompt=consent with prompt=login not satisfied",
            client: &asks,
            extra: vec![("prompt", "login consent")],
            signed_in: true,
            age: 10,
            except: &[],
        },
    ];
    for case in &cases {
        for route in ROUTES {
            if case.except.contains(&format!("{route:?}").as_str()) {
                continue;
            }
            let b = if case.signed_in {
                signed_in_browser(&app, &alice).await
            } else {
                browser()
            };
            app.clock.advance(case.age);
            let p = request(case.client, &case.extra);
            let r = take(&app, &b, route, &p).await;
            let status = r.status();
            assert!(
                !status.is_server_error(),
                "{} via {route:?}: {status}",
                case.reason
            );
            let code = code_in(r).await;
            assert_eq!(code, None, "{} via {route:?} issued a code", case.reason);
        }
    }
}
on_both_backends!(no_route_skips_the_decision);

/// Reproduction 2 of issue 14 over HTTP: signed in, `prompt=login&max_age=1`
/// sends the browser to sign in; opening `/consent?req=ID` and pressing
/// Allow must not issue a code carrying the old `auth_time`. A fresh
/// sign-in does.
async fn consent_cannot_skip_prompt_login_and_max_age(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let client = register(&app, false, false).await;
    let b = signed_in_browser(&app, &alice).await;
    let signed_in_at = latchkey::clock::Clock::now(&app.clock);
    app.clock.advance(30);
    let p = request(&client, &[("prompt", "login"), ("max_age", "1")]);
    let r = b.get(p.url(&app)).send().await.unwrap();
    assert!(location(&app, &r).starts_with(&app.url("/login?req=")));
    let id = req_id(&app, &r);

    // The consent page is not shown: the decision says sign in.
    let page = b
        .get(app.url(&format!("/consent?req={id}")))
        .send()
        .await
        .unwrap();
    assert!(page.status().is_redirection(), "{}", page.status());
    assert!(location(&app, &page).starts_with(&app.url(&format!("/login?req={id}"))));
    // Allow posted anyway: no code.
    let csrf = csrf_for(&app, &b, &id).await;
    let r = b
        .post(app.url("/consent"))
        .header("origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("req", id.as_str()),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(code_in(r).await, None, "Allow skipped prompt=login");

    // Signing in again for the request satisfies it.
    app.clock.advance(5);
    let next = password_sign_in(&app, &b, "alice", Some(&id)).await;
    let r = b.get(&next).send().await.unwrap();
    let consent = location(&app, &r);
    assert!(consent.starts_with(&app.url("/consent?req=")), "{consent}");
    let html = b.get(&consent).send().await.unwrap().text().await.unwrap();
    let r = b
        .post(app.url("/consent"))
        .header("origin", &app.base)
        .form(&[
            ("csrf", hidden(&html, "csrf")),
            ("req", hidden(&html, "req")),
            ("decision", "allow".into()),
        ])
        .send()
        .await
        .unwrap();
    let code = code_in(r).await.expect("a code after a fresh sign-in");
    let tokens = app.exchange(&client, &code).await;
    let claims = jwt_claims(tokens.id_token());
    assert!(claims["auth_time"].as_i64().unwrap() > signed_in_at + 30);
}
on_both_backends!(consent_cannot_skip_prompt_login_and_max_age);

/// Signed in as Bob in the same clock second as a request whose
/// `id_token_hint` names Alice: no code for Bob, whichever comes first.
async fn a_same_second_sign_in_as_another_user_does_not_satisfy_the_hint(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    app.create_user("bob", PASSWORD).await;
    let client = register(&app, false, true).await;
    let alices_hint = id_token_of(&app, &client, &alice).await;
    let p = request(&client, &[("id_token_hint", alices_hint.as_str())]);

    // Bob's sign-in first, then the request, within one second.
    let b = browser();
    password_sign_in(&app, &b, "bob", None).await;
    let r = b.get(p.url(&app)).send().await.unwrap();
    assert!(
        location(&app, &r).starts_with(&app.url("/login?req=")),
        "a session of another user is sent to sign in as the hinted one"
    );
    // With prompt=none: login_required.
    let none = p.clone().with("prompt", "none");
    let r = b.get(none.url(&app)).send().await.unwrap();
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert_eq!(query(&back, "error").as_deref(), Some("login_required"));

    // The request first, then Bob signs in for it in the same second.
    let b = browser();
    let r = b.get(p.url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    let next = password_sign_in(&app, &b, "bob", Some(&id)).await;
    let r = b.get(&next).send().await.unwrap();
    let loc = location(&app, &r);
    assert!(!loc.contains("code="), "a code for Bob: {loc}");
    let back = url::Url::parse(&loc).unwrap();
    assert_eq!(
        query(&back, "error").as_deref(),
        Some("login_required"),
        "{loc}"
    );

    // Alice signing in for such a request gets her code.
    let b = browser();
    let r = b.get(p.url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    let next = password_sign_in(&app, &b, "alice", Some(&id)).await;
    let r = b.get(&next).send().await.unwrap();
    let code = code_in(r).await.expect("a code for the hinted user");
    let tokens = app.exchange(&client, &code).await;
    assert_eq!(jwt_claims(tokens.id_token())["sub"], alice.userid.as_str());
}
on_both_backends!(a_same_second_sign_in_as_another_user_does_not_satisfy_the_hint);

/// A password sign-in gives `acr` "1" and `amr` ["pwd"] in the ID token and
/// the access token; `acr_values=2` after it is not met with a code at
/// level 1: the browser is sent to the step-up page (not the password
/// form), and a new password sign-in made for the request goes on to a
/// second step;
/// `prompt=none` gets `interaction_required`; discovery advertises the
/// levels.
async fn password_acr_and_amr_and_acr_values_step_up(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    app.create_user("alice", PASSWORD).await;
    let client = register(&app, false, true).await;

    let meta: Value = reqwest::get(app.url("/.well-known/openid-configuration"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["acr_values_supported"], serde_json::json!(["1", "2"]));

    let b = browser();
    let r = b.get(request(&client, &[]).url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    let next = password_sign_in(&app, &b, "alice", Some(&id)).await;
    let code = code_in(b.get(&next).send().await.unwrap()).await.unwrap();
    let tokens = app.exchange(&client, &code).await;
    for token in ["id_token", "access_token"] {
        let claims = jwt_claims(tokens.json[token].as_str().unwrap());
        assert_eq!(claims["acr"], "1", "{token}");
        assert_eq!(claims["amr"], serde_json::json!(["pwd"]), "{token}");
    }

    // acr_values=2 with the password session: a step up, not a code.
    let step_up = request(&client, &[("acr_values", "2")]);
    let r = b.get(step_up.url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    assert_eq!(
        location(&app, &r),
        app.url(&format!("/login/step-up?req={id}"))
    );
    // prompt=none cannot step up.
    let none = step_up.clone().with("prompt", "none");
    let r = b.get(none.url(&app)).send().await.unwrap();
    let back = url::Url::parse(&location(&app, &r)).unwrap();
    assert_eq!(
        query(&back, "error").as_deref(),
        Some("interaction_required")
    );
    // A new password sign-in for it does not reach level 2 either: it
    // goes on to a second step (here: setting up a second factor) before
    // any session exists.
    let next = password_sign_in(&app, &b, "alice", Some(&id)).await;
    assert_eq!(next, app.url("/login/second-factor"));
    // Values we do not know are voluntary and ignored.
    let unknown = request(&client, &[("acr_values", "urn:example:gold")]);
    let r = b.get(unknown.url(&app)).send().await.unwrap();
    assert!(code_in(r).await.is_some());
}
on_both_backends!(password_acr_and_amr_and_acr_values_step_up);

/// The script of the form_post page is served, as JavaScript, cacheable.
#[tokio::test]
async fn the_form_post_script_is_served() {
    let app = crate::helpers::spawn_app().await;
    let r = reqwest::get(app.url("/static/form_post.js")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let body = r.text().await.unwrap();
    assert!(body.contains("form-post") && body.contains("submit()"));
}

/// A stored request belongs to the browser that started it (review finding):
/// someone who learns its id (it is in `/login?req=…`, so in history and
/// proxy logs) and opens `/authorize/resume` or `/consent` while signed in
/// as himself gets no code — otherwise he could hand the victim a callback
/// carrying the victim's own `state` and PKCE challenge and sign the victim
/// in to the relying party as himself.
#[tokio::test]
async fn a_stored_request_belongs_to_the_browser_that_started_it() {
    let app = crate::helpers::spawn_app().await;
    app.create_user("victor", PASSWORD).await;
    let mallory = app.create_user("mallory", PASSWORD).await;
    let client = register(&app, false, true).await;
    // The victim's browser starts a request and is sent to sign in.
    let victim_browser = browser();
    let r = victim_browser
        .get(request(&client, &[]).url(&app))
        .send()
        .await
        .unwrap();
    let id = req_id(&app, &r);
    // Mallory, signed in as himself in his own browser, tries to finish it.
    let attacker = signed_in_browser(&app, &mallory).await;
    for path in [
        format!("/authorize/resume?req={id}"),
        format!("/consent?req={id}"),
    ] {
        let r = attacker.get(app.url(&path)).send().await.unwrap();
        assert!(
            code_in(r).await.is_none(),
            "{path} gave another browser a code"
        );
    }
    // The victim's own browser still finishes it.
    let next = password_sign_in(&app, &victim_browser, "victor", Some(&id)).await;
    let r = victim_browser.get(&next).send().await.unwrap();
    assert!(
        code_in(r).await.is_some(),
        "the victim's browser gets its code"
    );
}

/// A redirect URI an administrator removes stops receiving codes at once,
/// also for requests stored before the change (review finding).
#[tokio::test]
async fn a_removed_redirect_uri_receives_no_code_for_a_waiting_request() {
    let app = crate::helpers::spawn_app().await;
    app.create_user("victor", PASSWORD).await;
    let client = register(&app, false, true).await;
    let b = browser();
    let r = b.get(request(&client, &[]).url(&app)).send().await.unwrap();
    let id = req_id(&app, &r);
    latchkey::manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &latchkey::manage::Actor::system(),
        &client.id,
        latchkey::manage::ClientChange {
            redirect_uris: Some(vec!["https://elsewhere.example/cb".into()]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let next = password_sign_in(&app, &b, "victor", Some(&id)).await;
    let r = b.get(&next).send().await.unwrap();
    assert!(
        code_in(r).await.is_none(),
        "a code went to a redirect URI that is no longer registered"
    );
}
