//! Magic-link invites.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, expect_one, json_list, map_unique, to_json_list};
use crate::db::{DbResult, Invite, InviteRepo, Page};

fn invite_from_row(row: &SqliteRow) -> DbResult<Invite> {
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
impl InviteRepo for SqliteStore {
    async fn create(&self, i: &Invite) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO invites (id, token_hash, username, email, groups, admin, userid, allow_password, \
             note, created_by, created_at, expires_at, used_at, revoked_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&self.write)
        .await
        .map_err(|e| map_unique(e, &[("invites.token_hash", "invite token"), ("invites.id", "invite")]))?;
        Ok(())
    }

    async fn get(&self, id: &str) -> DbResult<Option<Invite>> {
        let row = sqlx::query("SELECT * FROM invites WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(invite_from_row).transpose()
    }

    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Invite>> {
        let row = sqlx::query("SELECT * FROM invites WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(invite_from_row).transpose()
    }

    async fn mark_used(&self, id: &str, now: i64) -> DbResult<bool> {
        let result = sqlx::query(
            "UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL \
             AND expires_at > ?",
        )
        .bind(now)
        .bind(id)
        .bind(now)
        .execute(&self.write)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    async fn revoke(&self, id: &str, now: i64) -> DbResult<()> {
        let result =
            sqlx::query("UPDATE invites SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(now)
                .bind(id)
                .execute(&self.write)
                .await?;
        expect_one(&result)
    }

    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Invite>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invites")
            .fetch_one(&self.read)
            .await?;
        let rows =
            sqlx::query("SELECT * FROM invites ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.read)
                .await?;
        let items = rows.iter().map(invite_from_row).collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }
}
