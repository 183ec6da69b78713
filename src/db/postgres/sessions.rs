//! Browser sessions and authorization requests in flight.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::PgRow;

use super::{PgStore, json_list, map_unique, to_json_list};
use crate::db::{AuthRequestRecord, AuthRequestRepo, DbResult, Session, SessionRepo};

fn session_from_row(row: &PgRow) -> DbResult<Session> {
    let amr: String = row.try_get("amr")?;
    Ok(Session {
        sid: row.try_get("sid")?,
        token_hash: row.try_get("token_hash")?,
        userid: row.try_get("userid")?,
        auth_time: row.try_get("auth_time")?,
        amr: json_list(&amr)?,
        acr: row.try_get("acr")?,
        user_agent: row.try_get("user_agent")?,
        ip: row.try_get("ip")?,
        created_at: row.try_get("created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

#[async_trait]
impl SessionRepo for PgStore {
    async fn create(&self, s: &Session) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO sessions (sid, token_hash, userid, auth_time, amr, acr, user_agent, ip, \
             created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&s.sid)
        .bind(&s.token_hash)
        .bind(&s.userid)
        .bind(s.auth_time)
        .bind(to_json_list(&s.amr))
        .bind(&s.acr)
        .bind(&s.user_agent)
        .bind(&s.ip)
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .bind(s.expires_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Session>> {
        let row = sqlx::query("SELECT * FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn get(&self, sid: &str) -> DbResult<Option<Session>> {
        let row = sqlx::query("SELECT * FROM sessions WHERE sid = $1")
            .bind(sid)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn touch(&self, sid: &str, now: i64) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE sid = $2")
            .bind(now)
            .bind(sid)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Session>> {
        let rows =
            sqlx::query("SELECT * FROM sessions WHERE userid = $1 ORDER BY last_seen_at DESC")
                .bind(userid)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(session_from_row).collect()
    }

    async fn delete(&self, sid: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE sid = $1")
            .bind(sid)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_for_user(&self, userid: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE userid = $1")
            .bind(userid)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl AuthRequestRepo for PgStore {
    async fn create(&self, r: &AuthRequestRecord) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO auth_requests (id, client_id, params, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&r.id)
        .bind(&r.client_id)
        .bind(&r.params)
        .bind(r.created_at)
        .bind(r.expires_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn get(&self, id: &str) -> DbResult<Option<AuthRequestRecord>> {
        let row = sqlx::query("SELECT * FROM auth_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(AuthRequestRecord {
                id: row.try_get("id")?,
                client_id: row.try_get("client_id")?,
                params: row.try_get("params")?,
                created_at: row.try_get("created_at")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    async fn update_params(&self, id: &str, params: &str) -> DbResult<()> {
        sqlx::query("UPDATE auth_requests SET params = $1 WHERE id = $2")
            .bind(params)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete(&self, id: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM auth_requests WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
