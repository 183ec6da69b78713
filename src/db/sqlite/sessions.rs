//! Browser sessions and authorization requests in flight.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, json_list, map_unique, to_json_list};
use crate::db::{AuthRequestRecord, AuthRequestRepo, DbResult, Session, SessionRepo};

fn session_from_row(row: &SqliteRow) -> DbResult<Session> {
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
impl SessionRepo for SqliteStore {
    async fn create(&self, s: &Session) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO sessions (sid, token_hash, userid, auth_time, amr, acr, user_agent, ip, \
             created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&self.write)
        .await
        .map_err(|e| {
            map_unique(
                e,
                &[
                    ("sessions.sid", "session"),
                    ("sessions.token_hash", "session"),
                ],
            )
        })?;
        Ok(())
    }

    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Session>> {
        let row = sqlx::query("SELECT * FROM sessions WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn get(&self, sid: &str) -> DbResult<Option<Session>> {
        let row = sqlx::query("SELECT * FROM sessions WHERE sid = ?")
            .bind(sid)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn touch(&self, sid: &str, now: i64) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE sid = ?")
            .bind(now)
            .bind(sid)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Session>> {
        let rows =
            sqlx::query("SELECT * FROM sessions WHERE userid = ? ORDER BY last_seen_at DESC")
                .bind(userid)
                .fetch_all(&self.read)
                .await?;
        rows.iter().map(session_from_row).collect()
    }

    async fn delete(&self, sid: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE sid = ?")
            .bind(sid)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    async fn delete_for_user(&self, userid: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE userid = ?")
            .bind(userid)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl AuthRequestRepo for SqliteStore {
    async fn create(&self, r: &AuthRequestRecord) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO auth_requests (id, client_id, params, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&r.id)
        .bind(&r.client_id)
        .bind(&r.params)
        .bind(r.created_at)
        .bind(r.expires_at)
        .execute(&self.write)
        .await
        .map_err(|e| map_unique(e, &[("auth_requests.id", "authorization request")]))?;
        Ok(())
    }

    async fn get(&self, id: &str) -> DbResult<Option<AuthRequestRecord>> {
        let row = sqlx::query("SELECT * FROM auth_requests WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.read)
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
        sqlx::query("UPDATE auth_requests SET params = ? WHERE id = ?")
            .bind(params)
            .bind(id)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    async fn delete(&self, id: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM auth_requests WHERE id = ?")
            .bind(id)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
