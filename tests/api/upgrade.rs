//! Upgrading a database made before roles (issue 21): members of the group
//! `admin` become owners, pending administrator invites make owners, and
//! the group stays an ordinary group with its members.

use std::borrow::Cow;
use std::path::Path;

use sqlx::Connection;
use sqlx::migrate::Migrator;

use crate::helpers::{fresh_postgres_url, skip_postgres};

/// The last migration before roles.
const BEFORE_ROLES: i64 = 22;

/// `dir`'s migrations up to `BEFORE_ROLES`, and all of them.
async fn migrators(dir: &str) -> (Migrator, Migrator) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let all = Migrator::new(path.as_path()).await.unwrap();
    let mut old = Migrator::new(path.as_path()).await.unwrap();
    old.migrations = Cow::Owned(
        old.migrations
            .iter()
            .filter(|m| m.version <= BEFORE_ROLES)
            .cloned()
            .collect(),
    );
    (old, all)
}

/// Rows as a pre-roles server wrote them: an administrator (in `admin`),
/// a plain member of another group, a pending administrator invite and a
/// plain one.
const OLD_ROWS: [&str; 7] = [
    "INSERT INTO users (userid, username, created_at, updated_at) VALUES ('lusab-babad', 'root', 1, 1)",
    "INSERT INTO users (userid, username, created_at, updated_at) VALUES ('gutih-tonod', 'staffer', 1, 1)",
    "INSERT INTO groups (name, created_at) VALUES ('admin', 1)",
    "INSERT INTO groups (name, created_at) VALUES ('staff', 1)",
    "INSERT INTO user_groups (userid, group_id) SELECT 'lusab-babad', id FROM groups WHERE name = 'admin'",
    "INSERT INTO user_groups (userid, group_id) SELECT 'gutih-tonod', id FROM groups WHERE name = 'staff'",
    "INSERT INTO invites (id, token_hash, username, groups, admin, created_at, expires_at) VALUES ('i1', 'h1', 'boss', '[]', TRUE, 1, 99999999999), ('i2', 'h2', 'worker', '[]', FALSE, 1, 99999999999)",
];

/// What the upgrade must leave, read through `$conn`.
macro_rules! check {
    ($conn:expr) => {{
        let users: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT username, role FROM users ORDER BY username")
                .fetch_all(&mut *$conn)
                .await
                .unwrap();
        assert_eq!(
            users,
            [
                ("root".to_owned(), Some("owner".to_owned())),
                ("staffer".to_owned(), None)
            ]
        );
        let invites: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT username, role FROM invites ORDER BY username")
                .fetch_all(&mut *$conn)
                .await
                .unwrap();
        assert_eq!(
            invites,
            [
                ("boss".to_owned(), Some("owner".to_owned())),
                ("worker".to_owned(), None)
            ]
        );
        // The group and its membership stay (relying parties may read it).
        let members: Vec<(String,)> = sqlx::query_as(
            "SELECT ug.userid FROM user_groups ug JOIN groups g ON g.id = ug.group_id \
             WHERE g.name = 'admin'",
        )
        .fetch_all(&mut *$conn)
        .await
        .unwrap();
        assert_eq!(members, [("lusab-babad".to_owned(),)]);
    }};
}

#[tokio::test]
async fn admin_group_members_become_owners_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let (old, all) = migrators("migrations/sqlite").await;
    old.run(&mut conn).await.unwrap();
    for sql in OLD_ROWS {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    all.run(&mut conn).await.unwrap();
    check!(&mut conn);
}

#[tokio::test]
async fn admin_group_members_become_owners_on_postgres() {
    let Some((url, _guard)) = fresh_postgres_url().await else {
        skip_postgres();
        return;
    };
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    let (old, all) = migrators("migrations/postgres").await;
    old.run(&mut conn).await.unwrap();
    for sql in OLD_ROWS {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    all.run(&mut conn).await.unwrap();
    check!(&mut conn);
}
