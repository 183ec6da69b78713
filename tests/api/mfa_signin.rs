//! Signing in with a password and a second factor, with real TOTP codes
//! (RFC 6238, computed with `totp-rs` at the server's clock): the second
//! step, replays, backup codes, the lockout, expiry, enrolment required by
//! a client or a group, and the `acr_values` step-up; `acr`/`amr` in the
//! ID tokens.

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl,
    Nonce, PkceCodeChallenge, RedirectUrl, TokenResponse,
};
use serde_json::json;

use crate::helpers::{
    Backend, CodeRequest, PASSWORD, REDIRECT, TestApp, audit_events, between, browser, code_in,
    jwt_claims, location, on_both_backends, password_sign_in, query, register, req_id,
    signed_in_browser, spawn_app_on, type_password,
};
use latchkey::auth::second_factor;
use latchkey::db::User;
use latchkey::manage::{self, Actor, ClientChange};

const STEP: &str = "/login/second-factor";

/// The server's time.
fn now(app: &TestApp) -> i64 {
    latchkey::clock::Clock::now(&app.clock)
}

/// The TOTP code of `secret` (base32, as shown) at `at`.
fn totp(secret: &str, at: i64) -> String {
    let cleaned: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
    let secret = totp_rs::Secret::try_from_base32(&cleaned).unwrap();
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .unwrap()
        .generate(u64::try_from(at).unwrap())
        .to_string()
}

/// A code that is not the one of `secret` now.
fn wrong(secret: &str, at: i64) -> String {
    let right = totp(secret, at);
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
    .to_owned()
}

/// Enrols `user` with an authenticator (as `/account` does): its secret and
/// backup codes. The clock moves one step on, so the enrolment's code is
/// not the next one.
async fn enrol(app: &TestApp, user: &User) -> (String, Vec<String>) {
    let (repos, clock, master) = (
        &app.state.repos,
        app.state.clock.as_ref(),
        app.state.keys.master(),
    );
    let e = second_factor::begin_enrolment(repos, clock, master, user, "localhost")
        .await
        .unwrap();
    let code = totp(&e.secret_base32, now(app));
    let codes = second_factor::confirm_enrolment(repos, clock, master, &user.userid, &code)
        .await
        .unwrap()
        .expect("the enrolment is confirmed");
    app.clock.advance(30);
    (e.secret_base32, codes)
}

/// The secret an enrolment page shows.
fn secret_on(html: &str) -> String {
    between(html, r#"data-secret=""#, "\"")
        .unwrap_or_else(|| panic!("no secret on the page: {html}"))
        .trim()
        .to_owned()
}

/// GETs `path` in `b`: the page and its CSRF token.
async fn page(app: &TestApp, b: &reqwest::Client, path: &str) -> (u16, String, String) {
    let r = b.get(app.url(path)).send().await.unwrap();
    let status = r.status().as_u16();
    let html = r.text().await.unwrap();
    let csrf = between(&html, r#"name="csrf" value=""#, "\"").unwrap_or_default();
    (status, html, csrf)
}

/// Types `code` on the page at `path` (its form posts to `action`).
async fn type_code(
    app: &TestApp,
    b: &reqwest::Client,
    path: &str,
    action: &str,
    code: &str,
) -> reqwest::Response {
    let (_, _, csrf) = page(app, b, path).await;
    b.post(app.url(action))
        .header("Origin", &app.base)
        .form(&[("csrf", csrf.as_str()), ("code", code)])
        .send()
        .await
        .unwrap()
}

/// Password, then `code` on the second step: the response to the code.
async fn sign_in_with_code(
    app: &TestApp,
    b: &reqwest::Client,
    username: &str,
    req: Option<&str>,
    code: &str,
) -> reqwest::Response {
    let next = password_sign_in(app, b, username, req).await;
    assert_eq!(next, app.url(STEP), "the password leads to the second step");
    type_code(app, b, STEP, STEP, code).await
}

async fn sessions_of(app: &TestApp, user: &User) -> Vec<latchkey::db::Session> {
    app.state
        .repos
        .sessions
        .list_for_user(&user.userid)
        .await
        .unwrap()
}

fn openid_http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A relying party (the `openidconnect` crate) signs a user in with a
/// password and an authenticator code: no session exists before the code,
/// the page has **Code** and **Verify**, and the verified ID token says
/// `amr` ["pwd","otp","mfa"], `acr` "2", `auth_time` the sign-in.
async fn password_and_authenticator_code_through_a_relying_party(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let (secret, _) = enrol(&app, &alice).await;
    let tc = register(&app, false, true).await;
    let http = openid_http();
    let metadata =
        CoreProviderMetadata::discover_async(IssuerUrl::new(app.base.clone()).unwrap(), &http)
            .await
            .unwrap();
    let acr: Vec<String> = metadata
        .acr_values_supported()
        .unwrap()
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    assert_eq!(acr, ["1", "2"]);
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(tc.id.clone()),
        tc.secret.clone().map(ClientSecret::new),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge)
        .url();

    let b = browser();
    let r = b.get(auth_url.as_str()).send().await.unwrap();
    let req = req_id(&app, &r);
    let next = password_sign_in(&app, &b, "alice", Some(&req)).await;
    assert_eq!(next, app.url(STEP));
    assert!(sessions_of(&app, &alice).await.is_empty(), "no session yet");
    let (status, html, _) = page(&app, &b, STEP).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<label for="code">Code</label>"#), "{html}");
    assert!(html.contains(">Verify</button>"), "{html}");
    assert!(
        html.replace("&#x2f;", "/").contains(&format!(
            r#"href="/login?req={req}">Sign in with a passkey instead"#
        )),
        "a passkey instead: {html}"
    );
    let signed_in_at = now(&app);
    let r = type_code(&app, &b, STEP, STEP, &totp(&secret, signed_in_at)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&app, &r),
        app.url(&format!("/authorize/resume?req={req}"))
    );
    let sessions = sessions_of(&app, &alice).await;
    assert_eq!(sessions.len(), 1);
    assert_eq!((sessions[0].acr.as_str(), sessions[0].amr.len()), ("2", 3));
    let back = b.get(location(&app, &r)).send().await.unwrap();
    let code = query(&url::Url::parse(&location(&app, &back)).unwrap(), "code").unwrap();
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token
        .claims(&client.id_token_verifier(), &nonce)
        .unwrap();
    assert_eq!(
        claims.auth_context_ref(),
        Some(&AuthenticationContextClass::new("2".into()))
    );
    let amr: Vec<&str> = claims
        .auth_method_refs()
        .unwrap()
        .iter()
        .map(|m| m.as_str())
        .collect();
    assert_eq!(amr, ["pwd", "otp", "mfa"]);
    assert_eq!(claims.auth_time().unwrap().timestamp(), signed_in_at);
    let success = audit_events(&app, "signin.success").await;
    assert_eq!(success[0].details["amr"], "pwd otp mfa");
}
on_both_backends!(password_and_authenticator_code_through_a_relying_party);

/// A code works once: the same code at the next sign-in (still inside its
/// window) is refused; the next step's code works.
async fn a_replayed_code_is_refused_at_the_second_step(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let (secret, _) = enrol(&app, &alice).await;
    let code = totp(&secret, now(&app));
    let r = sign_in_with_code(&app, &browser(), "alice", None, &code).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let b = browser();
    let r = sign_in_with_code(&app, &b, "alice", None, &code).await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("Incorrect code"), "{html}");
    assert_eq!(
        sessions_of(&app, &alice).await.len(),
        1,
        "no second session"
    );
    app.clock.advance(30);
    let r = type_code(&app, &b, STEP, STEP, &totp(&secret, now(&app))).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&app, &r), app.url("/account"));
}
on_both_backends!(a_replayed_code_is_refused_at_the_second_step);

/// A backup code signs in once (audited with how many are left); used
/// again it is refused.
async fn a_backup_code_works_once_at_sign_in(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let (_, codes) = enrol(&app, &alice).await;
    assert_eq!(codes.len(), 10);
    let r = sign_in_with_code(&app, &browser(), "alice", None, &codes[0]).await;
    assert_eq!(r.status(), 303);
    let used = audit_events(&app, "backup_code.used").await;
    assert_eq!(used.len(), 1);
    assert_eq!(used[0].details["left"], 9);
    let sessions = sessions_of(&app, &alice).await;
    assert_eq!(sessions[0].amr, ["pwd", "otp", "mfa"]);
    let r = sign_in_with_code(&app, &browser(), "alice", None, &codes[0]).await;
    assert_eq!(r.status(), 400);
    assert_eq!(sessions_of(&app, &alice).await.len(), 1);
    let r = sign_in_with_code(&app, &browser(), "alice", None, &codes[1]).await;
    assert_eq!(r.status(), 303);
}
on_both_backends!(a_backup_code_works_once_at_sign_in);

/// Wrong codes count toward the lockout like wrong passwords: audited as
/// `signin.failure` with method `otp`; the attempt past the threshold locks
/// the account, the pending step is dead (a right code no longer helps) and
/// the password is refused until the lockout ends.
async fn wrong_codes_count_toward_the_lockout(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let (secret, _) = enrol(&app, &alice).await;
    let b = browser();
    let next = password_sign_in(&app, &b, "alice", None).await;
    assert_eq!(next, app.url(STEP));
    let threshold = app.state.settings.lockout_threshold;
    for _ in 0..threshold {
        let r = type_code(&app, &b, STEP, STEP, &wrong(&secret, now(&app))).await;
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("Incorrect code"));
    }
    let failures = audit_events(&app, "signin.failure").await;
    assert_eq!(failures.len(), usize::try_from(threshold).unwrap());
    assert!(failures.iter().all(|f| f.details["method"] == "otp"));
    assert!(audit_events(&app, "account.locked").await.is_empty());
    let (_, _, csrf) = page(&app, &b, STEP).await;
    let r = type_code(&app, &b, STEP, STEP, &wrong(&secret, now(&app))).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Too many failed attempts"));
    assert_eq!(audit_events(&app, "account.locked").await.len(), 1);
    // The step is gone: even the right code signs nobody in.
    let r = b
        .post(app.url(STEP))
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", totp(&secret, now(&app)).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("expired"));
    assert!(sessions_of(&app, &alice).await.is_empty());
    // The password is refused (the generic answer) while the lockout runs.
    let r = type_password(&app, &browser(), "alice", PASSWORD, None).await;
    assert_eq!(r.status(), 400);
}
on_both_backends!(wrong_codes_count_toward_the_lockout);

/// The second step lives five minutes.
async fn the_second_step_expires(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let (secret, _) = enrol(&app, &alice).await;
    let b = browser();
    password_sign_in(&app, &b, "alice", None).await;
    let (_, _, csrf) = page(&app, &b, STEP).await;
    app.clock.advance(5 * 60 + 1);
    let r = b
        .post(app.url(STEP))
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", totp(&secret, now(&app)).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("expired"));
    assert!(sessions_of(&app, &alice).await.is_empty());
}
on_both_backends!(the_second_step_expires);

/// The enrolment inside the second step: read the secret from the page,
/// confirm with a code, see the backup codes once; returns where the page
/// continues to.
async fn enrol_on_the_second_step(app: &TestApp, b: &reqwest::Client) -> String {
    let (status, html, _) = page(app, b, STEP).await;
    assert_eq!(status, 200);
    let secret = secret_on(&html);
    let code = totp(&secret, now(app));
    let r = type_code(app, b, STEP, "/login/second-factor/enrol", &code).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let continue_url = between(&html, r#"<p><a href=""#, r#"">Continue</a>"#)
        .map(|u| u.replace("&#x2f;", "/").replace("&amp;", "&"))
        .unwrap_or_else(|| panic!("no way on: {html}"));
    assert_eq!(
        html.matches("<li><code>").count(),
        10,
        "the backup codes: {html}"
    );
    continue_url
}

/// A client that requires a second factor sends a user without one through
/// enrolment after the password, then issues a code at level "2".
async fn a_client_that_requires_a_second_factor_enrols_a_user_without_one(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let client = register(&app, false, true).await;
    manage::update_client(
        &app.state.repos,
        app.state.clock.as_ref(),
        &Actor::system(),
        &client.id,
        ClientChange {
            require_mfa: Some(true),
            ..ClientChange::default()
        },
    )
    .await
    .unwrap();
    let b = browser();
    let r = b
        .get(CodeRequest::new(&client, "openid").url(&app))
        .send()
        .await
        .unwrap();
    let req = req_id(&app, &r);
    let next = password_sign_in(&app, &b, "alice", Some(&req)).await;
    assert_eq!(next, app.url(STEP));
    assert!(sessions_of(&app, &alice).await.is_empty());
    let continue_url = enrol_on_the_second_step(&app, &b).await;
    assert_eq!(continue_url, format!("/authorize/resume?req={req}"));
    let r = b.get(app.url(&continue_url)).send().await.unwrap();
    let code = code_in(r).await.expect("a code");
    let tokens = app.exchange(&client, &code).await;
    let claims = jwt_claims(tokens.id_token());
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], json!(["pwd", "otp", "mfa"]));
    let status = second_factor::status(&app.state.repos, &alice.userid)
        .await
        .unwrap();
    assert!(status.totp);
}
on_both_backends!(a_client_that_requires_a_second_factor_enrols_a_user_without_one);

/// A group that requires a second factor does the same at plain `/login`.
async fn a_group_that_requires_a_second_factor_enrols_at_plain_login(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let alice = app.create_user("alice", PASSWORD).await;
    manage::create_group_with_policy(repos, clock, &Actor::system(), "ops", None, true)
        .await
        .unwrap();
    let alice = manage::set_groups(repos, clock, &Actor::system(), &alice, &["ops".to_owned()])
        .await
        .unwrap();
    let b = browser();
    let next = password_sign_in(&app, &b, "alice", None).await;
    assert_eq!(next, app.url(STEP));
    let continue_url = enrol_on_the_second_step(&app, &b).await;
    assert_eq!(continue_url, "/account");
    let sessions = sessions_of(&app, &alice).await;
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].acr, "2");
    // Outside the group, a password alone is enough again.
    let bob = app.create_user("bob", PASSWORD).await;
    let next = password_sign_in(&app, &browser(), "bob", None).await;
    assert_eq!(next, app.url("/account"));
    assert_eq!(sessions_of(&app, &bob).await[0].acr, "1");
}
on_both_backends!(a_group_that_requires_a_second_factor_enrols_at_plain_login);

/// `acr_values=2` with a password session: the step-up page (a **Code**
/// field, no password field); the code rotates the session (new `sid`,
/// `amr` plus otp and mfa, `acr` "2", `auth_time` now) and the ID token
/// says so.
async fn acr_values_steps_up_a_password_session_with_a_code(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let b = signed_in_browser(&app, &alice).await;
    let (secret, _) = enrol(&app, &alice).await;
    let old = sessions_of(&app, &alice).await;
    assert_eq!(old.len(), 1);
    let client = register(&app, false, true).await;
    let request = CodeRequest::new(&client, "openid")
        .with("nonce", "n1")
        .with("acr_values", "2");
    let r = b.get(request.url(&app)).send().await.unwrap();
    let req = req_id(&app, &r);
    let step_up = format!("/login/step-up?req={req}");
    assert_eq!(location(&app, &r), app.url(&step_up));
    let (status, html, _) = page(&app, &b, &step_up).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<label for="code">Code</label>"#), "{html}");
    assert!(
        !html.contains(r#"type="password""#),
        "not the password form"
    );
    // A wrong code is refused and counted.
    let r = type_code(&app, &b, &step_up, &step_up, &wrong(&secret, now(&app))).await;
    assert_eq!(r.status(), 400);
    assert_eq!(audit_events(&app, "signin.failure").await.len(), 1);
    let stepped_at = now(&app);
    let r = type_code(&app, &b, &step_up, &step_up, &totp(&secret, stepped_at)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        location(&app, &r),
        app.url(&format!("/authorize/resume?req={req}"))
    );
    let now_sessions = sessions_of(&app, &alice).await;
    assert_eq!(now_sessions.len(), 1, "the old session was renewed");
    assert_eq!(now_sessions[0].sid, old[0].sid, "the same sid");
    assert_ne!(
        now_sessions[0].token_hash, old[0].token_hash,
        "a new secret"
    );
    let r = b.get(location(&app, &r)).send().await.unwrap();
    let code = code_in(r).await.expect("a code");
    let tokens = app.exchange(&client, &code).await;
    let claims = jwt_claims(tokens.id_token());
    assert_eq!(claims["acr"], "2");
    assert_eq!(claims["amr"], json!(["pwd", "otp", "mfa"]));
    assert_eq!(claims["auth_time"], stepped_at);
    assert_eq!(claims["sid"], now_sessions[0].sid.as_str());
}
on_both_backends!(acr_values_steps_up_a_password_session_with_a_code);

/// Review: a signed-in session older than the re-authentication window
/// cannot set up an authenticator at the step-up (it would let whoever
/// holds a stale, stolen session bind their own authenticator to the
/// account, reach level "2" and a fresh `auth_time`): the step-up sends it
/// to the password first; a recent session still enrols there.
async fn a_stale_session_cannot_enrol_at_the_step_up(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let b = signed_in_browser(&app, &alice).await;
    app.clock.advance(60 * 60);
    let client = register(&app, false, true).await;
    let request = CodeRequest::new(&client, "openid").with("acr_values", "2");
    let r = b.get(request.url(&app)).send().await.unwrap();
    let req = req_id(&app, &r);
    let step_up = format!("/login/step-up?req={req}");
    let enrol_action = format!("/login/step-up/enrol?req={req}");
    let r = b.get(app.url(&step_up)).send().await.unwrap();
    assert_eq!(r.status(), 303, "no enrolment page for a stale session");
    assert_eq!(location(&app, &r), app.url(&format!("/login?req={req}")));
    // Posting a right code for a pending enrolment does not enrol either.
    let e = second_factor::begin_enrolment(
        &app.state.repos,
        app.state.clock.as_ref(),
        app.state.keys.master(),
        &alice,
        "localhost",
    )
    .await
    .unwrap();
    let (_, _, csrf) = page(&app, &b, "/account").await;
    let r = b
        .post(app.url(&enrol_action))
        .header("Origin", &app.base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", totp(&e.secret_base32, now(&app)).as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&app, &r), app.url(&format!("/login?req={req}")));
    let status = second_factor::status(&app.state.repos, &alice.userid)
        .await
        .unwrap();
    assert!(!status.totp, "nothing was enrolled");
    assert_eq!(sessions_of(&app, &alice).await[0].acr, "1");
}
on_both_backends!(a_stale_session_cannot_enrol_at_the_step_up);

/// Review: an authenticator set up on the second step of a sign-in (or at
/// a step-up) is a credential change like one made on `/account`: audited
/// as `second_factor.enrolled` (it was not).
async fn enrolment_at_sign_in_is_audited(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let (repos, clock) = (&app.state.repos, app.state.clock.as_ref());
    let alice = app.create_user("alice", PASSWORD).await;
    manage::create_group_with_policy(repos, clock, &Actor::system(), "ops", None, true)
        .await
        .unwrap();
    manage::set_groups(repos, clock, &Actor::system(), &alice, &["ops".to_owned()])
        .await
        .unwrap();
    let b = browser();
    let next = password_sign_in(&app, &b, "alice", None).await;
    assert_eq!(next, app.url(STEP));
    enrol_on_the_second_step(&app, &b).await;
    let enrolled = audit_events(&app, "second_factor.enrolled").await;
    assert_eq!(enrolled.len(), 1, "{enrolled:?}");
}
on_both_backends!(enrolment_at_sign_in_is_audited);

/// Review: the step-up page acts only on a request that waits for a
/// step-up and nothing else. A request with `prompt=login` (or a `max_age`
/// the session is past) needs the password again; opening the step-up page
/// for it directly and typing a code must not count as that new sign-in
/// (it would issue a code with `auth_time` now and `pwd` in `amr` for a
/// password typed long ago). The page sends the browser back to the
/// request, which asks for the password.
async fn the_step_up_cannot_stand_in_for_a_new_sign_in(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let alice = app.create_user("alice", PASSWORD).await;
    let b = signed_in_browser(&app, &alice).await;
    let (secret, _) = enrol(&app, &alice).await;
    let old = sessions_of(&app, &alice).await;
    assert_eq!(
        old[0].acr, "1",
        "a password session from before the enrolment"
    );
    let client = register(&app, false, true).await;
    for extra in [("prompt", "login"), ("max_age", "10")] {
        let request = CodeRequest::new(&client, "openid")
            .with("acr_values", "2")
            .with(extra.0, extra.1);
        let r = b.get(request.url(&app)).send().await.unwrap();
        let req = req_id(&app, &r);
        assert_eq!(
            location(&app, &r),
            app.url(&format!("/login?req={req}")),
            "{extra:?}: the request asks for the password"
        );
        let step_up = format!("/login/step-up?req={req}");
        let resume = app.url(&format!("/authorize/resume?req={req}"));
        let r = b.get(app.url(&step_up)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{extra:?}: no step-up page");
        assert_eq!(location(&app, &r), resume);
        let (_, _, csrf) = page(&app, &b, "/account").await;
        let r = b
            .post(app.url(&step_up))
            .header("Origin", &app.base)
            .form(&[
                ("csrf", csrf.as_str()),
                ("code", totp(&secret, now(&app)).as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{extra:?}: the code is not taken");
        assert_eq!(location(&app, &r), resume);
        let r = b.get(&resume).send().await.unwrap();
        assert_eq!(
            location(&app, &r),
            app.url(&format!("/login?req={req}")),
            "{extra:?}: still the password"
        );
        let now_sessions = sessions_of(&app, &alice).await;
        assert_eq!(now_sessions.len(), 1);
        assert_eq!(now_sessions[0].sid, old[0].sid, "{extra:?}: session kept");
        assert_eq!(now_sessions[0].acr, "1");
    }
}
on_both_backends!(the_step_up_cannot_stand_in_for_a_new_sign_in);
