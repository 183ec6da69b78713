//! RP-initiated logout without proof of who asks: an unregistered
//! post-logout URI is refused without a redirect; otherwise a confirmation
//! page, and the session ends in the database.

use crate::helpers::{
    Backend, POST_LOGOUT, hidden, location, on_both_backends, register, signed_in_browser,
    spawn_app_on,
};

async fn logout_without_proof_asks_for_confirmation(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("hank", "correct horse battery").await;
    let client = register(&app, false, true).await;
    let browser = signed_in_browser(&app, &user).await;
    // An unregistered post-logout URI is refused without redirecting.
    let r = browser
        .get(format!(
            "{}/logout?client_id={}&post_logout_redirect_uri=https://evil.example/",
            app.base, client.id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // No hint: a confirmation page with a Sign out button.
    let r = browser
        .get(format!(
            "{}/logout?client_id={}&post_logout_redirect_uri={}&state=st",
            app.base, client.id, POST_LOGOUT
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(">Sign out</button>"));
    let mut form: Vec<(String, String)> = vec![("confirm".into(), "yes".into())];
    for f in ["csrf", "client_id", "post_logout_redirect_uri", "state"] {
        form.push((f.into(), hidden(&html, f)));
    }
    let r = browser
        .post(app.url("/logout"))
        .header("origin", &app.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_redirection(),
        "{}: {}",
        r.status(),
        r.text().await.unwrap()
    );
    assert_eq!(location(&app, &r), format!("{}?state=st", POST_LOGOUT));
    assert!(
        app.state
            .repos
            .sessions
            .list_for_user(&user.userid)
            .await
            .unwrap()
            .is_empty(),
        "the session ended in the database"
    );
}

on_both_backends!(logout_without_proof_asks_for_confirmation);
