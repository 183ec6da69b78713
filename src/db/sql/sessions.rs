//! Browser sessions and authorization requests in flight.

use async_trait::async_trait;

use super::rows::{SessionRow, decode_all, decode_opt};
use super::{Dialect, map_unique, to_json_list};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{AuthRequestRecord, AuthRequestRepo, DbResult, Session, SessionRepo};

/// Implements [`SessionRepo`] and [`AuthRequestRepo`] for a store.
macro_rules! session_repos {
    ($store:ty) => {
        impl $store {
            /// Deletes the sessions whose `column` (`sid` or `userid`, never
            /// input) is `value` and, in the same transaction, enqueues a
            /// back-channel logout delivery for every client that received
            /// an ID token in one of them and has a logout URI; wakes the
            /// delivery worker when it did.
            async fn end_sessions(&self, column: &'static str, value: &str) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                // Lock the sessions first (PostgreSQL; SQLite's write
                // transaction already excludes every other writer): a
                // concurrent end of the same session waits here and then
                // finds it gone, so it enqueues nothing a second time; and
                // an ID token's `remember_client` in flight (its foreign
                // key check holds the row) is waited for, so its client is
                // told too.
                sqlx::query(&format!(
                    "SELECT sid FROM sessions WHERE {column} = $1 ORDER BY sid {}",
                    Self::FOR_UPDATE
                ))
                .bind(value)
                .fetch_all(&mut *tx)
                .await?;
                let enqueue = format!(
                    "INSERT INTO logout_deliveries (client_id, userid, sid, created_at) \
                     SELECT sc.client_id, sc.userid, sc.sid, {now} \
                     FROM session_clients sc \
                     JOIN sessions s ON s.sid = sc.sid \
                     JOIN clients c ON c.client_id = sc.client_id \
                     WHERE s.{column} = $1 AND c.backchannel_logout_uri IS NOT NULL",
                    now = Self::UNIX_NOW
                );
                let enqueued = sqlx::query(&enqueue)
                    .bind(value)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query(&format!("DELETE FROM sessions WHERE {column} = $1"))
                    .bind(value)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                if enqueued > 0 {
                    self.logout_outbox().notify_one();
                }
                Ok(())
            }
        }

        #[async_trait]
        impl SessionRepo for $store {
            #[tracing::instrument(target = "otel", name = "SessionRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.create"))]
            async fn create(&self, s: &Session) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (sid, token_hash, userid, auth_time, amr, acr, user_agent, \
                     ip, created_at, last_seen_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.get_by_token_hash", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.get_by_token_hash"))]
            async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Session>> {
                let row: Option<SessionRow> =
                    sqlx::query_as("SELECT * FROM sessions WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.get"))]
            async fn get(&self, sid: &str) -> DbResult<Option<Session>> {
                let row: Option<SessionRow> =
                    sqlx::query_as("SELECT * FROM sessions WHERE sid = $1")
                        .bind(sid)
                        .fetch_optional(self.reader())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.touch", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.touch"))]
            async fn touch(&self, sid: &str, now: i64) -> DbResult<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE sid = $2")
                    .bind(now)
                    .bind(sid)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.list_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.list_for_user"))]
            async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Session>> {
                let rows: Vec<SessionRow> = sqlx::query_as(
                    "SELECT * FROM sessions WHERE userid = $1 ORDER BY last_seen_at DESC",
                )
                .bind(userid)
                .fetch_all(self.reader())
                .await?;
                decode_all(rows)
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.delete"))]
            async fn delete(&self, sid: &str) -> DbResult<()> {
                self.end_sessions("sid", sid).await
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.delete_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.delete_for_user"))]
            async fn delete_for_user(&self, userid: &str) -> DbResult<()> {
                self.end_sessions("userid", userid).await
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.renew", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.renew"))]
            async fn renew(&self, s: &Session) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE sessions SET token_hash = $1, auth_time = $2, amr = $3, acr = $4, \
                     user_agent = $5, ip = $6, created_at = $7, last_seen_at = $8, expires_at = $9 \
                     WHERE sid = $10 AND userid = $11",
                )
                .bind(&s.token_hash)
                .bind(s.auth_time)
                .bind(to_json_list(&s.amr))
                .bind(&s.acr)
                .bind(&s.user_agent)
                .bind(&s.ip)
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.expires_at)
                .bind(&s.sid)
                .bind(&s.userid)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SessionRepo.expire", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SessionRepo.expire"))]
            async fn expire(&self, sid: &str) -> DbResult<()> {
                sqlx::query("DELETE FROM sessions WHERE sid = $1")
                    .bind(sid)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl AuthRequestRepo for $store {
            #[tracing::instrument(target = "otel", name = "AuthRequestRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuthRequestRepo.create"))]
            async fn create(&self, r: &AuthRequestRecord) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO auth_requests (id, client_id, params, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&r.id)
                .bind(&r.client_id)
                .bind(&r.params)
                .bind(r.created_at)
                .bind(r.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "AuthRequestRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuthRequestRepo.get"))]
            async fn get(&self, id: &str) -> DbResult<Option<AuthRequestRecord>> {
                Ok(sqlx::query_as("SELECT * FROM auth_requests WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?)
            }

            #[tracing::instrument(target = "otel", name = "AuthRequestRepo.update_params", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuthRequestRepo.update_params"))]
            async fn update_params(&self, id: &str, params: &str) -> DbResult<()> {
                sqlx::query("UPDATE auth_requests SET params = $1 WHERE id = $2")
                    .bind(params)
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "AuthRequestRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuthRequestRepo.delete"))]
            async fn delete(&self, id: &str) -> DbResult<()> {
                sqlx::query("DELETE FROM auth_requests WHERE id = $1")
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }
        }
    };
}

session_repos!(SqliteStore);
session_repos!(PgStore);
