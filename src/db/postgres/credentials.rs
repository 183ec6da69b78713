//! Passkeys and passwords.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::PgRow;

use super::{PgStore, expect_one, map_unique};
use crate::db::{DbResult, PasskeyRecord, PasskeyRepo, PasswordRepo};

fn passkey_from_row(row: &PgRow) -> DbResult<PasskeyRecord> {
    Ok(PasskeyRecord {
        id: row.try_get("id")?,
        userid: row.try_get("userid")?,
        credential_id: row.try_get("credential_id")?,
        name: row.try_get("name")?,
        passkey: row.try_get("passkey")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

#[async_trait]
impl PasskeyRepo for PgStore {
    async fn add(&self, p: &PasskeyRecord) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO passkeys (id, userid, credential_id, name, passkey, created_at, last_used_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&p.id)
        .bind(&p.userid)
        .bind(&p.credential_id)
        .bind(&p.name)
        .bind(&p.passkey)
        .bind(p.created_at)
        .bind(p.last_used_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<PasskeyRecord>> {
        let rows = sqlx::query(
            "SELECT * FROM passkeys WHERE userid = $1 ORDER BY created_at, id COLLATE \"C\"",
        )
        .bind(userid)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(passkey_from_row).collect()
    }

    async fn get_by_credential_id(&self, credential_id: &str) -> DbResult<Option<PasskeyRecord>> {
        let row = sqlx::query("SELECT * FROM passkeys WHERE credential_id = $1")
            .bind(credential_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(passkey_from_row).transpose()
    }

    async fn record_use(&self, id: &str, passkey: &str, now: i64) -> DbResult<()> {
        let result =
            sqlx::query("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3")
                .bind(passkey)
                .bind(now)
                .bind(id)
                .execute(&self.pool)
                .await?;
        expect_one(&result)
    }

    async fn rename(&self, userid: &str, id: &str, name: &str) -> DbResult<()> {
        let result = sqlx::query("UPDATE passkeys SET name = $1 WHERE id = $2 AND userid = $3")
            .bind(name)
            .bind(id)
            .bind(userid)
            .execute(&self.pool)
            .await?;
        expect_one(&result)
    }

    async fn delete(&self, userid: &str, id: &str) -> DbResult<()> {
        let result = sqlx::query("DELETE FROM passkeys WHERE id = $1 AND userid = $2")
            .bind(id)
            .bind(userid)
            .execute(&self.pool)
            .await?;
        expect_one(&result)
    }
}

#[async_trait]
impl PasswordRepo for PgStore {
    async fn set(&self, userid: &str, hash: &str, now: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO passwords (userid, hash, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (userid) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at",
        )
        .bind(userid)
        .bind(hash)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn get(&self, userid: &str) -> DbResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT hash FROM passwords WHERE userid = $1")
                .bind(userid)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn delete(&self, userid: &str) -> DbResult<()> {
        let result = sqlx::query("DELETE FROM passwords WHERE userid = $1")
            .bind(userid)
            .execute(&self.pool)
            .await?;
        expect_one(&result)
    }
}
