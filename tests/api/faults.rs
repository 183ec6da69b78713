//! Storage failures: every surface answers 500 with its own error shape,
//! and no driver text reaches a client.
//!
//! The failure is made deterministic by renaming a table through a second
//! connection while the server runs: every later statement on it fails with
//! the driver's "no such table" / "relation does not exist".

use sqlx::Connection;

use crate::helpers::{Backend, TestApp, on_both_backends, spawn_app_on};

/// Renames `table` so every statement that names it fails.
pub async fn break_table(app: &TestApp, table: &str) {
    let url = app.state.settings.database_url.clone();
    let sql = format!("ALTER TABLE {table} RENAME TO {table}_broken");
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
}

/// Words of driver messages that must never reach a client.
const DRIVER_WORDS: [&str; 6] = [
    "no such table",
    "does not exist",
    "relation",
    "database error",
    "sqlx",
    "_broken",
];

fn assert_no_driver_text(body: &str) {
    let lower = body.to_lowercase();
    for word in DRIVER_WORDS {
        assert!(!lower.contains(word), "driver text {word:?} in {body}");
    }
}

async fn userinfo_answers_500_when_storage_fails(backend: Backend) {
    let Some(app) = spawn_app_on(backend).await else {
        return;
    };
    let user = app.create_user("alice", "correct horse battery").await;
    let token = app.mint_access_token(&user.userid, "openid profile").await;
    break_table(&app, "revocations").await;

    let r = app
        .http
        .get(app.url("/userinfo"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 500);
    let challenge = r
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_no_driver_text(&challenge);
    let body = r.text().await.unwrap();
    assert_no_driver_text(&body);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["error"], "server_error");
}
on_both_backends!(userinfo_answers_500_when_storage_fails);
