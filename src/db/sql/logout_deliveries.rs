//! Back-channel logout: the clients of each session and the outbox of
//! logout tokens (filled by `sessions::end_sessions`).

use async_trait::async_trait;

use super::Dialect;
use super::rows::decode_all;
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbError, DbResult, DeliveryState, LogoutDelivery, LogoutDeliveryRepo};

/// A `logout_deliveries` row.
#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryRow {
    id: i64,
    client_id: String,
    userid: String,
    sid: String,
    state: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    created_at: i64,
    finished_at: Option<i64>,
}

impl TryFrom<DeliveryRow> for LogoutDelivery {
    type Error = DbError;

    fn try_from(row: DeliveryRow) -> DbResult<Self> {
        Ok(Self {
            id: row.id,
            client_id: row.client_id,
            userid: row.userid,
            sid: row.sid,
            state: DeliveryState::parse(&row.state)
                .ok_or_else(|| DbError::Corrupt(format!("delivery state {:?}", row.state)))?,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_error: row.last_error,
            created_at: row.created_at,
            finished_at: row.finished_at,
        })
    }
}

/// The columns of a [`DeliveryRow`].
const COLUMNS: &str = "id, client_id, userid, sid, state, attempts, next_attempt_at, \
                       last_error, created_at, finished_at";

/// Implements [`LogoutDeliveryRepo`] for a store.
macro_rules! logout_delivery_repo {
    ($store:ty) => {
        #[async_trait]
        impl LogoutDeliveryRepo for $store {
            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.remember_client", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.remember_client"))]
            async fn remember_client(&self, sid: &str, client_id: &str, now: i64) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO session_clients (sid, client_id, userid, created_at) \
                     SELECT s.sid, $2, s.userid, $3 FROM sessions s \
                     WHERE s.sid = $1 AND EXISTS \
                     (SELECT 1 FROM clients c WHERE c.client_id = $2) \
                     ON CONFLICT (sid, client_id) DO NOTHING",
                )
                .bind(sid)
                .bind(client_id)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.enqueued", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.enqueued"))]
            async fn enqueued(&self) {
                self.logout_outbox().notified().await;
            }

            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.claim_due", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.claim_due"))]
            async fn claim_due(
                &self,
                now: i64,
                lease_until: i64,
                limit: i64,
                per_client: i64,
            ) -> DbResult<Vec<LogoutDelivery>> {
                // The lease is checked again in the outer WHERE: on
                // PostgreSQL a racing instance's UPDATE re-reads a row it
                // waited for, sees the new lease and skips it. A client
                // with a delivery leased (in flight) is skipped, and at
                // most `per_client` of one client are taken.
                let sql = format!(
                    "UPDATE logout_deliveries SET lease_until = $2 \
                     WHERE state = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1 \
                     AND id IN (SELECT id FROM (SELECT d.id, d.next_attempt_at, \
                     ROW_NUMBER() OVER (PARTITION BY d.client_id ORDER BY d.next_attempt_at, d.id) AS n \
                     FROM logout_deliveries d \
                     WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND d.lease_until <= $1 \
                     AND NOT EXISTS (SELECT 1 FROM logout_deliveries l WHERE l.client_id = d.client_id \
                     AND l.state = 'pending' AND l.lease_until > $1)) ranked \
                     WHERE n <= $4 ORDER BY next_attempt_at, id LIMIT $3) \
                     RETURNING {COLUMNS}"
                );
                let mut rows: Vec<DeliveryRow> = sqlx::query_as(&sql)
                    .bind(now)
                    .bind(lease_until)
                    .bind(limit)
                    .bind(per_client)
                    .fetch_all(self.writer())
                    .await?;
                rows.sort_by_key(|r| r.id);
                decode_all(rows)
            }

            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.delivered", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.delivered"))]
            async fn delivered(&self, id: i64, now: i64) -> DbResult<()> {
                sqlx::query(
                    "UPDATE logout_deliveries SET state = 'delivered', attempts = attempts + 1, \
                     last_error = NULL, lease_until = 0, finished_at = $2 WHERE id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.failed", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.failed"))]
            async fn failed(
                &self,
                id: i64,
                now: i64,
                error: &str,
                retry_at: Option<i64>,
            ) -> DbResult<()> {
                let (state, next, finished) = match retry_at {
                    Some(at) => (DeliveryState::Pending, at, None),
                    None => (DeliveryState::Failed, now, Some(now)),
                };
                sqlx::query(
                    "UPDATE logout_deliveries SET state = $2, attempts = attempts + 1, \
                     last_error = $3, next_attempt_at = $4, lease_until = 0, finished_at = $5 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(state.as_str())
                .bind(error)
                .bind(next)
                .bind(finished)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "LogoutDeliveryRepo.recent_for_client", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "LogoutDeliveryRepo.recent_for_client"))]
            async fn recent_for_client(
                &self,
                client_id: &str,
                limit: i64,
            ) -> DbResult<Vec<LogoutDelivery>> {
                let sql = format!(
                    "SELECT {COLUMNS} FROM logout_deliveries WHERE client_id = $1 \
                     ORDER BY id DESC LIMIT $2"
                );
                let rows: Vec<DeliveryRow> = sqlx::query_as(&sql)
                    .bind(client_id)
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                decode_all(rows)
            }
        }
    };
}

logout_delivery_repo!(SqliteStore);
logout_delivery_repo!(PgStore);
