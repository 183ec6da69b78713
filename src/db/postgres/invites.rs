//! Magic-link invites.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::PgRow;

use super::{PgStore, expect_one, json_list, map_unique, to_json_list, window};
use crate::db::{DbResult, Invite, InviteRepo, Page};

fn invite_from_row(row: &PgRow) -> DbResult<Invite> {
    let groups: String = row.try_get("groups")?;
    Ok(Invite {
        id: row.try_get("id")?,
        token_hash: row.try_get("token_hash")?,
        username: row.try_get("username")?,
        email: row.try_get("email")?,
        groups: json_list(&groups)?,
        admin: row.try_get("admin")?,
        userid: row.try_get("userid")?,
        allow_password: row.try_get("allow_password")?,
        note: row.try_get("note")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

#[async_trait]
impl InviteRepo for PgStore {
    async fn create(&self, i: &Invite) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO invites (id, token_hash, username, email, groups, admin, userid, allow_password, \
             note, created_by, created_at, expires_at, used_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&i.id)
        .bind(&i.token_hash)
        .bind(&i.username)
        .bind(&i.email)
        .bind(to_json_list(&i.groups))
        .bind(i.admin)
        .bind(&i.userid)
        .bind(i.allow_password)
        .bind(&i.note)
        .bind(&i.created_by)
        .bind(i.created_at)
        .bind(i.expires_at)
        .bind(i.used_at)
        .bind(i.revoked_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn get(&self, id: &str) -> DbResult<Option<Invite>> {
        let row = sqlx::query("SELECT * FROM invites WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(invite_from_row).transpose()
    }

    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Invite>> {
        let row = sqlx::query("SELECT * FROM invites WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(invite_from_row).transpose()
    }

    async fn mark_used(&self, id: &str, now: i64) -> DbResult<bool> {
        let result = sqlx::query(
            "UPDATE invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL \
             AND expires_at > $3",
        )
        .bind(now)
        .bind(id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    async fn revoke(&self, id: &str, now: i64) -> DbResult<()> {
        let result =
            sqlx::query("UPDATE invites SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2")
                .bind(now)
                .bind(id)
                .execute(&self.pool)
                .await?;
        expect_one(&result)
    }

    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Invite>> {
        let (offset, limit) = window(offset, limit);
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invites")
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(
            "SELECT * FROM invites ORDER BY created_at DESC, id COLLATE \"C\" LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let items = rows.iter().map(invite_from_row).collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }
}
