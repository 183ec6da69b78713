//! Users and groups.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::{SqliteStore, expect_one, map_unique};
use crate::db::{DbError, DbResult, NewUser, Page, Profile, User, UserRepo};
use crate::domain::proquint;

const USER_COLUMNS: &str = "u.userid, u.username, u.name, u.given_name, u.family_name, u.nickname, \
     u.email, u.email_verified, u.phone, u.phone_verified, u.picture, u.locale, u.active, \
     u.created_at, u.updated_at, \
     (SELECT json_group_array(g.name) FROM user_groups ug JOIN groups g ON g.id = ug.group_id \
      WHERE ug.userid = u.userid) AS groups";

fn user_from_row(row: &SqliteRow) -> DbResult<User> {
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
async fn write_groups(
    conn: &mut SqliteConnection,
    userid: &str,
    groups: &[String],
    now: i64,
) -> DbResult<()> {
    sqlx::query("DELETE FROM user_groups WHERE userid = ?")
        .bind(userid)
        .execute(&mut *conn)
        .await?;
    for group in groups {
        sqlx::query(
            "INSERT INTO groups (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        )
        .bind(group)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO user_groups (userid, group_id) SELECT ?, id FROM groups WHERE name = ? \
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
async fn retired(conn: &mut SqliteConnection, userid: &str) -> DbResult<bool> {
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM retired_userids WHERE userid = ?")
        .bind(userid)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

#[async_trait]
impl UserRepo for SqliteStore {
    async fn create(&self, user: NewUser, now: i64) -> DbResult<User> {
        let mut tx = self.write.begin_with("BEGIN IMMEDIATE").await?;
        let mut attempts = 0;
        let userid = loop {
            let candidate = user.userid.clone().unwrap_or_else(proquint::random_userid);
            let p = &user.profile;
            let inserted = sqlx::query(
                "INSERT INTO users (userid, username, name, given_name, family_name, nickname, email, \
                 email_verified, phone, phone_verified, picture, locale, active, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
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
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| map_unique(e, &[("users.username", "username"), ("users.userid", "userid")]));
            match inserted {
                // Checked after the insert: a deletion of the same userid
                // racing with it has committed its tombstone by then.
                Ok(_) if retired(&mut tx, &candidate).await? => {
                    sqlx::query("DELETE FROM users WHERE userid = ?")
                        .bind(&candidate)
                        .execute(&mut *tx)
                        .await?;
                    if user.userid.is_some() || attempts >= 16 {
                        return Err(DbError::Conflict("userid"));
                    }
                    attempts += 1;
                }
                Ok(_) => break candidate,
                Err(DbError::Conflict("userid")) if attempts < 16 && user.userid.is_none() => {
                    attempts += 1;
                }
                Err(e) => return Err(e),
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
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.userid = ?");
        let row = sqlx::query(&sql)
            .bind(userid)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn get_by_username(&self, username: &str) -> DbResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?");
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn list(&self, query: Option<&str>, offset: i64, limit: i64) -> DbResult<Page<User>> {
        let pattern = query.filter(|q| !q.is_empty()).map(|q| {
            format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        let filter = "(?1 IS NULL OR u.username LIKE ?1 ESCAPE '\\' OR u.name LIKE ?1 ESCAPE '\\' \
                      OR u.email LIKE ?1 ESCAPE '\\')";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users u WHERE {filter}"))
                .bind(&pattern)
                .fetch_one(&self.read)
                .await?;
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE {filter} ORDER BY u.username LIMIT ?2 OFFSET ?3"
        );
        let rows = sqlx::query(&sql)
            .bind(&pattern)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.read)
            .await?;
        let items = rows.iter().map(user_from_row).collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }

    async fn update_profile(&self, userid: &str, p: &Profile, now: i64) -> DbResult<()> {
        let result = sqlx::query(
            "UPDATE users SET name = ?, given_name = ?, family_name = ?, nickname = ?, email = ?, \
             email_verified = ?, phone = ?, phone_verified = ?, picture = ?, locale = ?, updated_at = ? \
             WHERE userid = ?",
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
        .execute(&self.write)
        .await?;
        expect_one(&result)
    }

    async fn set_username(&self, userid: &str, username: &str, now: i64) -> DbResult<()> {
        let result = sqlx::query("UPDATE users SET username = ?, updated_at = ? WHERE userid = ?")
            .bind(username)
            .bind(now)
            .bind(userid)
            .execute(&self.write)
            .await
            .map_err(|e| map_unique(e, &[("users.username", "username")]))?;
        expect_one(&result)
    }

    async fn set_groups(&self, userid: &str, groups: &[String], now: i64) -> DbResult<()> {
        let mut tx = self.write.begin_with("BEGIN IMMEDIATE").await?;
        let result = sqlx::query("UPDATE users SET updated_at = ? WHERE userid = ?")
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
        let result = sqlx::query("UPDATE users SET active = ?, updated_at = ? WHERE userid = ?")
            .bind(active)
            .bind(now)
            .bind(userid)
            .execute(&self.write)
            .await?;
        expect_one(&result)
    }

    async fn delete(&self, userid: &str) -> DbResult<()> {
        let mut tx = self.write.begin_with("BEGIN IMMEDIATE").await?;
        let result = sqlx::query("DELETE FROM users WHERE userid = ?")
            .bind(userid)
            .execute(&mut *tx)
            .await?;
        expect_one(&result)?;
        // The tombstone: this userid is never issued again.
        sqlx::query(
            "INSERT INTO retired_userids (userid, retired_at) VALUES (?, unixepoch()) \
             ON CONFLICT (userid) DO NOTHING",
        )
        .bind(userid)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn any_admin(&self) -> DbResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM users u JOIN user_groups ug ON ug.userid = u.userid \
             JOIN groups g ON g.id = ug.group_id WHERE g.name = ? AND u.active = 1 LIMIT 1",
        )
        .bind(crate::db::ADMIN_GROUP)
        .fetch_optional(&self.read)
        .await?;
        Ok(found.is_some())
    }
}
