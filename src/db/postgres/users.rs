//! Users and groups.

use async_trait::async_trait;
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

use super::{PgStore, expect_one, map_unique, window};
use crate::db::{DbResult, NewUser, Page, Profile, User, UserRepo};
use crate::domain::proquint;

const USER_COLUMNS: &str = "u.userid, u.username, u.name, u.given_name, u.family_name, u.nickname, \
     u.email, u.email_verified, u.phone, u.phone_verified, u.picture, u.locale, u.active, \
     u.created_at, u.updated_at, \
     (SELECT COALESCE(json_agg(g.name), '[]'::json)::text FROM user_groups ug \
      JOIN groups g ON g.id = ug.group_id WHERE ug.userid = u.userid) AS groups";

fn user_from_row(row: &PgRow) -> DbResult<User> {
    let groups: Option<String> = row.try_get("groups")?;
    let mut groups = super::json_list(groups.as_deref().unwrap_or("[]"))?;
    groups.sort();
    Ok(User {
        userid: row.try_get("userid")?,
        username: row.try_get("username")?,
        profile: Profile {
            name: row.try_get("name")?,
            given_name: row.try_get("given_name")?,
            family_name: row.try_get("family_name")?,
            nickname: row.try_get("nickname")?,
            email: row.try_get("email")?,
            email_verified: row.try_get("email_verified")?,
            phone: row.try_get("phone")?,
            phone_verified: row.try_get("phone_verified")?,
            picture: row.try_get("picture")?,
            locale: row.try_get("locale")?,
        },
        groups,
        active: row.try_get("active")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Replaces a user's groups, creating groups that do not exist yet.
///
/// Groups are written in sorted order so that concurrent writers lock the
/// `groups_name_key` index entries in the same order (no deadlock).
async fn write_groups(
    conn: &mut PgConnection,
    userid: &str,
    groups: &[String],
    now: i64,
) -> DbResult<()> {
    let mut groups = groups.to_vec();
    groups.sort();
    groups.dedup();
    sqlx::query("DELETE FROM user_groups WHERE userid = $1")
        .bind(userid)
        .execute(&mut *conn)
        .await?;
    for group in &groups {
        sqlx::query(
            "INSERT INTO groups (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(group)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO user_groups (userid, group_id) SELECT $1, id FROM groups WHERE name = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(userid)
        .bind(group)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Whether `userid` belonged to a deleted user (and so may not be issued).
async fn retired(conn: &mut PgConnection, userid: &str) -> DbResult<bool> {
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM retired_userids WHERE userid = $1")
        .bind(userid)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

#[async_trait]
impl UserRepo for PgStore {
    async fn create(&self, user: NewUser, now: i64) -> DbResult<User> {
        let mut tx = self.pool.begin().await?;
        let mut attempts = 0;
        let userid = loop {
            let candidate = user.userid.clone().unwrap_or_else(proquint::random_userid);
            let p = &user.profile;
            // A userid collision must not abort the transaction, so it is
            // absorbed by ON CONFLICT and retried; a username collision
            // still raises users_username_key.
            let inserted: Option<String> = sqlx::query_scalar(
                "INSERT INTO users (userid, username, name, given_name, family_name, nickname, email, \
                 email_verified, phone, phone_verified, picture, locale, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, TRUE, $13, $13) \
                 ON CONFLICT ON CONSTRAINT users_pkey DO NOTHING RETURNING userid",
            )
            .bind(&candidate)
            .bind(&user.username)
            .bind(&p.name)
            .bind(&p.given_name)
            .bind(&p.family_name)
            .bind(&p.nickname)
            .bind(&p.email)
            .bind(p.email_verified)
            .bind(&p.phone)
            .bind(p.phone_verified)
            .bind(&p.picture)
            .bind(&p.locale)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_unique)?;
            match inserted {
                // Checked after the insert: a deletion of the same userid
                // racing with it has committed its tombstone by then.
                Some(userid) if retired(&mut tx, &userid).await? => {
                    sqlx::query("DELETE FROM users WHERE userid = $1")
                        .bind(&userid)
                        .execute(&mut *tx)
                        .await?;
                    if user.userid.is_some() || attempts >= 16 {
                        return Err(crate::db::DbError::Conflict("userid"));
                    }
                    attempts += 1;
                }
                Some(userid) => break userid,
                None if attempts < 16 && user.userid.is_none() => attempts += 1,
                None => return Err(crate::db::DbError::Conflict("userid")),
            }
        };
        let mut groups = user.groups.clone();
        groups.sort();
        groups.dedup();
        write_groups(&mut tx, &userid, &groups, now).await?;
        tx.commit().await?;
        Ok(User {
            userid,
            username: user.username,
            profile: user.profile,
            groups,
            active: true,
            created_at: now,
            updated_at: now,
        })
    }

    async fn get(&self, userid: &str) -> DbResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.userid = $1");
        let row = sqlx::query(&sql)
            .bind(userid)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn get_by_username(&self, username: &str) -> DbResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1");
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn list(&self, query: Option<&str>, offset: i64, limit: i64) -> DbResult<Page<User>> {
        let (offset, limit) = window(offset, limit);
        let pattern = query.filter(|q| !q.is_empty()).map(|q| {
            format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        // ILIKE: SQLite's LIKE ignores ASCII case, so searches do here too.
        let filter = "($1::text IS NULL OR u.username ILIKE $1 ESCAPE '\\' \
                      OR u.name ILIKE $1 ESCAPE '\\' OR u.email ILIKE $1 ESCAPE '\\')";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users u WHERE {filter}"))
                .bind(&pattern)
                .fetch_one(&self.pool)
                .await?;
        // COLLATE "C": byte order, as SQLite sorts.
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE {filter} \
             ORDER BY u.username COLLATE \"C\" LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(&sql)
            .bind(&pattern)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let items = rows.iter().map(user_from_row).collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }

    async fn update_profile(&self, userid: &str, p: &Profile, now: i64) -> DbResult<()> {
        let result = sqlx::query(
            "UPDATE users SET name = $1, given_name = $2, family_name = $3, nickname = $4, email = $5, \
             email_verified = $6, phone = $7, phone_verified = $8, picture = $9, locale = $10, \
             updated_at = $11 WHERE userid = $12",
        )
        .bind(&p.name)
        .bind(&p.given_name)
        .bind(&p.family_name)
        .bind(&p.nickname)
        .bind(&p.email)
        .bind(p.email_verified)
        .bind(&p.phone)
        .bind(p.phone_verified)
        .bind(&p.picture)
        .bind(&p.locale)
        .bind(now)
        .bind(userid)
        .execute(&self.pool)
        .await?;
        expect_one(&result)
    }

    async fn set_username(&self, userid: &str, username: &str, now: i64) -> DbResult<()> {
        let result =
            sqlx::query("UPDATE users SET username = $1, updated_at = $2 WHERE userid = $3")
                .bind(username)
                .bind(now)
                .bind(userid)
                .execute(&self.pool)
                .await
                .map_err(map_unique)?;
        expect_one(&result)
    }

    async fn set_groups(&self, userid: &str, groups: &[String], now: i64) -> DbResult<()> {
        let mut tx = self.pool.begin().await?;
        let result = sqlx::query("UPDATE users SET updated_at = $1 WHERE userid = $2")
            .bind(now)
            .bind(userid)
            .execute(&mut *tx)
            .await?;
        expect_one(&result)?;
        write_groups(&mut tx, userid, groups, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_active(&self, userid: &str, active: bool, now: i64) -> DbResult<()> {
        let result = sqlx::query("UPDATE users SET active = $1, updated_at = $2 WHERE userid = $3")
            .bind(active)
            .bind(now)
            .bind(userid)
            .execute(&self.pool)
            .await?;
        expect_one(&result)
    }

    async fn delete(&self, userid: &str) -> DbResult<()> {
        let mut tx = self.pool.begin().await?;
        let result = sqlx::query("DELETE FROM users WHERE userid = $1")
            .bind(userid)
            .execute(&mut *tx)
            .await?;
        expect_one(&result)?;
        // The tombstone: this userid is never issued again.
        sqlx::query(
            "INSERT INTO retired_userids (userid, retired_at) \
             VALUES ($1, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)) \
             ON CONFLICT (userid) DO NOTHING",
        )
        .bind(userid)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn any_admin(&self) -> DbResult<bool> {
        let found: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM users u JOIN user_groups ug ON ug.userid = u.userid \
             JOIN groups g ON g.id = ug.group_id WHERE g.name = $1 AND u.active LIMIT 1",
        )
        .bind(crate::db::ADMIN_GROUP)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}
