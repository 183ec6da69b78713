//! Abuse resistance of password sign-in: atomic lockout counted per
//! (username, address) and per username, device cookies that keep the
//! owner in, the bounded hashing queue (503), and the password rules
//! (normalization, common passwords).

use latchkey::auth::password::testing;
use latchkey::auth::throttle;
use latchkey::manage;

use crate::helpers::{TestApp, browser, spawn_app_with};
use crate::helpers::{csrf_of, login_page, login_page_in, post_login, post_login_in};
use crate::signin::alert_text;

const PW: &str = "correct horse battery";

/// The sign-in form's CSRF token for the browser `http`.
async fn login_csrf(app: &TestApp, http: &reqwest::Client) -> String {
    login_page_in(app, http, "").await.csrf
}

/// Posts the sign-in form from the browser `http`.
async fn post_as(
    app: &TestApp,
    http: &reqwest::Client,
    csrf: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    post_login_in(app, http, csrf, username, password, None).await
}

fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect()
}

async fn invite_url(app: &TestApp, username: &str) -> String {
    app.create_invite(manage::CreateInvite {
        username: username.into(),
        email: Some(format!("{username}@example.com")),
        ttl_seconds: 3600,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn concurrent_wrong_passwords_get_at_most_the_threshold_checked() {
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 5;
        s.signin_rate_limit = 1000;
        s.hash_queue = 64;
    })
    .await;
    app.create_user("erin", PW).await;
    let page = login_page(&app, "").await;
    let before = testing::stored_checks();
    let guesses = (0..30).map(|i| {
        let csrf = page.csrf.clone();
        let app = &app;
        async move { post_login(app, &csrf, "erin", &format!("guess number {i}"), None).await }
    });
    for r in futures::future::join_all(guesses).await {
        assert_eq!(r.status(), 400);
    }
    let checked = testing::stored_checks() - before;
    assert!(
        checked <= 5,
        "{checked} guesses were checked against the password; the threshold is 5"
    );
    assert_eq!(
        crate::helpers::audit_events(&app, "account.locked")
            .await
            .len(),
        1
    );
    // From this address, without a device cookie, even the right password
    // is refused now, with the usual text.
    let r = post_login(&app, &page.csrf, "erin", PW, None).await;
    assert_eq!(r.status(), 400);
    assert!(alert_text(&r.text().await.unwrap()).starts_with("Incorrect username or password."));
    assert_eq!(testing::stored_checks() - before, checked);
}

#[tokio::test]
async fn an_owners_device_signs_in_while_an_attacker_hammers_the_username() {
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 3;
        s.signin_rate_limit = 1000;
    })
    .await;
    app.create_user("dave", PW).await;

    // The owner signed in from this browser before: it holds a device cookie.
    let owner = browser();
    let csrf = login_csrf(&app, &owner).await;
    let r = post_as(&app, &owner, &csrf, "dave", PW).await;
    assert_eq!(r.status(), 303);
    let device = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("latchkey_device="))
        .expect("a device cookie");
    assert!(device.contains("HttpOnly"), "{device}");
    assert!(device.contains("Max-Age="), "{device}");

    // An attacker without the cookie hammers the username from the owner's
    // own address ...
    let attacker = browser();
    let csrf_a = login_csrf(&app, &attacker).await;
    let reference = post_as(&app, &attacker, &csrf_a, "dave", "first wrong guess").await;
    let reference = alert_text(&reference.text().await.unwrap());
    for i in 0..10 {
        let r = post_as(
            &app,
            &attacker,
            &csrf_a,
            "DAVE",
            &format!("wrong guess {i}"),
        )
        .await;
        assert_eq!(r.status(), 400);
    }
    // ... and from many other addresses, spending the username's budget.
    for n in 0..40 {
        throttle::begin(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings,
            "dave",
            &format!("203.0.113.{n}"),
            None,
        )
        .await
        .unwrap();
    }
    assert!(
        !crate::helpers::audit_events(&app, "account.locked")
            .await
            .is_empty()
    );

    // A browser without the cookie is refused even with the right password,
    // with the very text of a wrong password.
    let r = post_as(&app, &attacker, &csrf_a, "dave", PW).await;
    assert_eq!(r.status(), 400);
    assert_eq!(alert_text(&r.text().await.unwrap()), reference);
    // So is a fresh browser from an address the attacker never used (the
    // username is locked for browsers without a device cookie).
    let untried = throttle::begin(
        &app.state.repos,
        app.state.clock.as_ref(),
        &app.state.settings,
        "dave",
        "198.51.100.7",
        None,
    )
    .await
    .unwrap();
    assert!(!untried.allowed);

    // The owner's device signs in, twice.
    // (The browser is signed in, so it reuses its CSRF cookie and token.)
    for _ in 0..2 {
        let r = post_as(&app, &owner, &csrf, "dave", PW).await;
        assert_eq!(r.status(), 303, "the owner's device is let in");
    }
    // The device cookie only counts for the username it was issued for.
    app.create_user("eve", PW).await;
    for n in 0..40 {
        throttle::begin(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings,
            "eve",
            &format!("203.0.113.{n}"),
            None,
        )
        .await
        .unwrap();
    }
    let r = post_as(&app, &owner, &csrf, "eve", PW).await;
    assert_eq!(
        r.status(),
        400,
        "dave's device cookie does not vouch for eve"
    );
}

#[tokio::test]
async fn a_device_cookie_vouches_for_the_account_not_the_name() {
    // Review finding: the cookie was bound to the username, so whoever held
    // a name before a rename kept a device budget for its next holder.
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 2;
        s.signin_rate_limit = 1000;
    })
    .await;
    let first = app.create_user("lee", PW).await;
    let old_browser = browser();
    let csrf = login_csrf(&app, &old_browser).await;
    assert_eq!(
        post_as(&app, &old_browser, &csrf, "lee", PW).await.status(),
        303
    );
    manage::rename_user(
        &app.state.repos,
        app.state.clock.as_ref(),
        &manage::Actor::cli(),
        &first,
        "lee-before",
    )
    .await
    .unwrap();
    let newcomer_pw = "another horse battery";
    app.create_user("lee", newcomer_pw).await;
    // Someone spends the new lee's username budget from many addresses.
    for n in 0..20 {
        throttle::begin(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings,
            "lee",
            &format!("203.0.113.{n}"),
            None,
        )
        .await
        .unwrap();
    }
    // The old browser's cookie does not make it a device of the new lee.
    let r = post_as(&app, &old_browser, &csrf, "lee", newcomer_pw).await;
    assert_eq!(
        r.status(),
        400,
        "the old cookie vouched for the new account"
    );
    // It still vouches for the renamed account.
    let r = post_as(&app, &old_browser, &csrf, "lee-before", PW).await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn a_devices_own_budget_is_limited_too() {
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 1;
        s.signin_rate_limit = 1000;
    })
    .await;
    app.create_user("gail", PW).await;
    let owner = browser();
    let csrf = login_csrf(&app, &owner).await;
    assert_eq!(post_as(&app, &owner, &csrf, "gail", PW).await.status(), 303);
    let before = testing::stored_checks();
    // The device budget is 10 × the threshold; past it the browser counts
    // as one without a cookie, whose pair budget (1) is spent at once.
    for i in 0..14 {
        let r = post_as(&app, &owner, &csrf, "gail", &format!("mistyped {i}")).await;
        assert_eq!(r.status(), 400);
    }
    let checked = testing::stored_checks() - before;
    assert_eq!(checked, 11, "10 on the device budget, 1 on the address's");
}

#[tokio::test]
async fn device_successes_count_and_one_users_devices_share_one_budget() {
    // Review finding: a success cleared the device's counter, so anyone with
    // an account could keep a device cookie's budget (and the priority
    // hashing lane) forever, and mint as many cookies as they liked.
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 1;
        s.signin_rate_limit = 1000;
    })
    .await;
    app.create_user("hank", PW).await;
    let first = browser();
    let second = browser();
    let csrf_1 = login_csrf(&app, &first).await;
    let csrf_2 = login_csrf(&app, &second).await;
    // Both browsers become devices for hank (no cookie yet: the address's
    // budget, cleared by each success).
    assert_eq!(
        post_as(&app, &first, &csrf_1, "hank", PW).await.status(),
        303
    );
    assert_eq!(
        post_as(&app, &second, &csrf_2, "hank", PW).await.status(),
        303
    );
    // The first device spends the device budget (10 × 1) on successes.
    for _ in 0..10 {
        assert_eq!(
            post_as(&app, &first, &csrf_1, "hank", PW).await.status(),
            303
        );
    }
    // Now it counts as a browser without a cookie: one attempt per address.
    let r = post_as(&app, &first, &csrf_1, "hank", "a slip of the finger").await;
    assert_eq!(r.status(), 400);
    let r = post_as(&app, &first, &csrf_1, "hank", PW).await;
    assert_eq!(r.status(), 400, "the successes were counted");
    // The second device has not used its own cookie, but hank's devices
    // share one budget, and it is spent.
    let r = post_as(&app, &second, &csrf_2, "hank", PW).await;
    assert_eq!(r.status(), 400, "all of hank's devices share one budget");
}

#[tokio::test]
async fn sign_ins_answered_busy_do_not_count_as_wrong_passwords() {
    // Found by the flood benchmark: a real user whose sign-ins met a full
    // queue (503) had each one counted as a failure, so after the threshold
    // her right password was refused as wrong.
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 2;
        s.hash_queue = 1;
        s.signin_rate_limit = 1000;
    })
    .await;
    app.create_user("ivy", PW).await;
    let ivy = browser();
    let csrf = login_csrf(&app, &ivy).await;
    // The hashing threads take nothing; one sign-in (someone else's) fills
    // the queue.
    testing::hold(true);
    let flood = {
        let http = browser();
        let csrf = login_csrf(&app, &http).await;
        let url = app.url("/login");
        let origin = app.base.clone();
        tokio::spawn(async move {
            http.post(url)
                .header("Origin", origin)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("username", "somebody"),
                    ("password", "a flood guess"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while testing::waiting() < 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "the flood never queued"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // Ivy tries more often than the threshold allows: every try is busy.
    for _ in 0..5 {
        assert_eq!(post_as(&app, &ivy, &csrf, "ivy", PW).await.status(), 503);
    }
    testing::hold(false);
    assert_eq!(flood.await.unwrap(), 400);
    // Nothing was checked, so nothing counted: her password works.
    assert_eq!(post_as(&app, &ivy, &csrf, "ivy", PW).await.status(), 303);
}

#[tokio::test]
async fn a_full_hashing_queue_answers_503_with_retry_after_on_every_page_that_hashes() {
    let app = spawn_app_with(|s| {
        s.hash_queue = 2;
        s.signin_rate_limit = 1000;
    })
    .await;
    let user = app.create_user("fay", PW).await;
    // Fay is signed in, and an invite is open, before the flood.
    let fay = browser();
    let csrf = login_csrf(&app, &fay).await;
    assert_eq!(post_as(&app, &fay, &csrf, "fay", PW).await.status(), 303);
    let account_html = fay
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let account_csrf = csrf_of(&account_html);
    let invite = invite_url(&app, "gus").await;
    let invitee = browser();
    let invite_html = invitee
        .get(&invite)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let invite_csrf = csrf_of(&invite_html);

    // The hashing threads take nothing; two sign-ins fill the queue.
    testing::hold(true);
    let mut flood = Vec::new();
    for i in 0..2 {
        let http = browser();
        let csrf = login_csrf(&app, &http).await;
        let url = app.url("/login");
        let origin = app.base.clone();
        flood.push(tokio::spawn(async move {
            http.post(url)
                .header("Origin", origin)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("username", "fay"),
                    ("password", &format!("flood {i}")),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    // Wait for the state (both jobs queued), not for a time.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while testing::waiting() < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "the flood never queued"
        );
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let busy_page = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 503);
        let wait: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=30).contains(&wait), "{wait}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(r.text().await.unwrap().contains("busy"));
    };
    // The next sign-in is answered at once, not left hanging.
    let http = browser();
    let csrf = login_csrf(&app, &http).await;
    busy_page(post_as(&app, &http, &csrf, "fay", PW).await).await;
    // So are the invite's Set password and the account's password form.
    let r = invitee
        .post(&invite)
        .form(&[
            ("csrf", invite_csrf.as_str()),
            ("new_password", "violet umbrella tractor"),
            ("confirm_password", "violet umbrella tractor"),
        ])
        .send()
        .await
        .unwrap();
    busy_page(r).await;
    let r = fay
        .post(app.url("/account/password"))
        .form(&[
            ("csrf", account_csrf.as_str()),
            ("current_password", PW),
            ("new_password", "violet umbrella tractor"),
            ("confirm_password", "violet umbrella tractor"),
        ])
        .send()
        .await
        .unwrap();
    busy_page(r).await;

    // Once the threads run again, the queued sign-ins are answered.
    testing::hold(false);
    for job in flood {
        assert_eq!(job.await.unwrap(), 400);
    }
    // Nothing was changed by the refused requests.
    let stored = app.state.repos.passwords.get(&user.userid).await.unwrap();
    assert!(matches!(
        latchkey::auth::password::verify_in(
            PW.into(),
            stored,
            latchkey::auth::hashing::Lane::Normal
        )
        .await,
        Ok(latchkey::auth::password::Verified::Yes)
    ));
}

#[tokio::test]
async fn common_passwords_are_refused_on_the_invite_and_account_pages() {
    let app = spawn_app_with(|_| {}).await;
    let message = "This password is too common";
    let invite = invite_url(&app, "hal").await;
    let html = app
        .http
        .get(&invite)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    let r = app
        .http
        .post(&invite)
        .form(&[
            ("csrf", csrf.as_str()),
            ("new_password", "iloveyou2"),
            ("confirm_password", "iloveyou2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(alert_text(&html).contains(message), "{}", alert_text(&html));

    app.create_user("ivy", PW).await;
    let ivy = browser();
    let csrf = login_csrf(&app, &ivy).await;
    assert_eq!(post_as(&app, &ivy, &csrf, "ivy", PW).await.status(), 303);
    let html = ivy
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&html);
    let r = ivy
        .post(app.url("/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PW),
            ("new_password", "Password123"),
            ("confirm_password", "Password123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(message));
}

#[tokio::test]
async fn a_password_set_in_nfc_signs_in_when_typed_in_nfd() {
    let app = spawn_app_with(|_| {}).await;
    let nfc = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e";
    let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e";
    app.create_user("jo", nfc).await;
    let http = browser();
    let csrf = login_csrf(&app, &http).await;
    assert_eq!(post_as(&app, &http, &csrf, "jo", nfd).await.status(), 303);
}

#[tokio::test]
async fn a_hash_made_before_normalization_still_signs_in_and_is_upgraded() {
    use argon2::PasswordHasher;
    let app = spawn_app_with(|_| {}).await;
    let nfc = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e";
    let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e";
    let user = app.create_user("kit", "placeholder words here").await;
    // The raw NFD text hashed as the old code did.
    let salt =
        argon2::password_hash::SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let old = argon2::Argon2::default()
        .hash_password(nfd.as_bytes(), &salt)
        .unwrap()
        .to_string();
    app.state
        .repos
        .passwords
        .set(&user.userid, &old, 0)
        .await
        .unwrap();
    let http = browser();
    let csrf = login_csrf(&app, &http).await;
    assert_eq!(post_as(&app, &http, &csrf, "kit", nfd).await.status(), 303);
    let stored = app
        .state
        .repos
        .passwords
        .get(&user.userid)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored, old, "rehashed in normalized form");
    // Now the NFC form works too.
    let other = browser();
    let csrf = login_csrf(&app, &other).await;
    assert_eq!(post_as(&app, &other, &csrf, "kit", nfc).await.status(), 303);
}

#[tokio::test]
async fn a_refund_never_lands_in_a_later_window() {
    // Review finding: `ThrottleRepo::refund` decrements whatever the row
    // holds now. An attempt counted (and answered 503) at the end of one
    // window whose refund lands after the window has restarted takes back
    // an attempt of the new window, so the new window checks more than
    // the threshold.
    let app = spawn_app_with(|s| {
        s.lockout_threshold = 2;
    })
    .await;
    let window = latchkey::clock::secs(app.state.settings.lockout_window);
    let begin = || {
        throttle::begin(
            &app.state.repos,
            app.state.clock.as_ref(),
            &app.state.settings,
            "victim",
            "203.0.113.9",
            None,
        )
    };
    // Window 1: one attempt let through; its hashing job finds the queue
    // full, so the handler will refund it ...
    let busy = begin().await.unwrap();
    assert!(busy.allowed);
    // ... but the window ends first and a new attempt restarts the counter.
    app.clock.advance(window);
    let mut allowed = 0;
    let first = begin().await.unwrap();
    allowed += usize::from(first.allowed);
    // Now the late refund arrives.
    throttle::refund(&app.state.repos, &busy).await.unwrap();
    for _ in 0..5 {
        allowed += usize::from(begin().await.unwrap().allowed);
    }
    assert!(
        allowed <= 2,
        "{allowed} attempts of the second window were let through; the threshold is 2"
    );
}
