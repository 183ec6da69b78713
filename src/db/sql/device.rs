//! Device authorizations (RFC 8628).

use async_trait::async_trait;

use super::rows::decode_opt;
use super::{Dialect, json_list, map_unique, to_json_list};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{
    AuthContext, DbError, DbResult, DeviceAuthRepo, DeviceAuthorization, DeviceDecision,
    DeviceStatus,
};
use crate::domain::client_id::ClientId;

/// A `device_authorizations` row.
#[derive(sqlx::FromRow)]
pub(crate) struct DeviceRow {
    id: String,
    device_code_hash: String,
    user_code_hash: String,
    client_id: String,
    scope: String,
    status: String,
    poll_interval: i64,
    last_polled_at: Option<i64>,
    userid: Option<String>,
    sid: Option<String>,
    auth_time: Option<i64>,
    amr: Option<String>,
    acr: Option<String>,
    decided_at: Option<i64>,
    created_at: i64,
    expires_at: i64,
}

impl TryFrom<DeviceRow> for DeviceAuthorization {
    type Error = DbError;

    fn try_from(row: DeviceRow) -> DbResult<Self> {
        let status = DeviceStatus::parse(&row.status)
            .ok_or_else(|| DbError::Corrupt(format!("device status {:?}", row.status)))?;
        let auth = match (row.userid, row.auth_time) {
            (Some(userid), Some(auth_time)) => Some(AuthContext {
                userid,
                sid: row.sid,
                auth_time,
                amr: json_list(row.amr.as_deref().unwrap_or("[]"))?,
                acr: row.acr.unwrap_or_else(|| "0".into()),
            }),
            _ => None,
        };
        Ok(Self {
            id: row.id,
            device_code_hash: row.device_code_hash,
            user_code_hash: row.user_code_hash,
            client_id: ClientId::parse(&row.client_id)
                .map_err(|e| DbError::Corrupt(format!("device authorization client id: {e}")))?,
            scope: row.scope,
            status,
            interval: row.poll_interval,
            last_polled_at: row.last_polled_at,
            auth,
            decided_at: row.decided_at,
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
    }
}

/// Implements [`DeviceAuthRepo`] for a store.
macro_rules! device_repo {
    ($store:ty) => {
        #[async_trait]
        impl DeviceAuthRepo for $store {
            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.create"))]
            async fn create(&self, d: &DeviceAuthorization) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO device_authorizations (id, device_code_hash, user_code_hash, \
                     client_id, scope, status, poll_interval, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&d.id)
                .bind(&d.device_code_hash)
                .bind(&d.user_code_hash)
                .bind(d.client_id.as_str())
                .bind(&d.scope)
                .bind(d.status.as_str())
                .bind(d.interval)
                .bind(d.created_at)
                .bind(d.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.get"))]
            async fn get(&self, id: &str) -> DbResult<Option<DeviceAuthorization>> {
                let row: Option<DeviceRow> =
                    sqlx::query_as("SELECT * FROM device_authorizations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(self.writer())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.by_device_code", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.by_device_code"))]
            async fn by_device_code(
                &self,
                device_code_hash: &str,
            ) -> DbResult<Option<DeviceAuthorization>> {
                // From the writer: a poll must see the decision just made.
                let row: Option<DeviceRow> = sqlx::query_as(
                    "SELECT * FROM device_authorizations WHERE device_code_hash = $1",
                )
                .bind(device_code_hash)
                .fetch_optional(self.writer())
                .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.by_user_code", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.by_user_code"))]
            async fn by_user_code(
                &self,
                user_code_hash: &str,
            ) -> DbResult<Option<DeviceAuthorization>> {
                let row: Option<DeviceRow> =
                    sqlx::query_as("SELECT * FROM device_authorizations WHERE user_code_hash = $1")
                        .bind(user_code_hash)
                        .fetch_optional(self.writer())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.polled", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.polled"))]
            async fn polled(
                &self,
                id: &str,
                previous: Option<i64>,
                now: i64,
                interval: i64,
            ) -> DbResult<bool> {
                let done = sqlx::query(
                    "UPDATE device_authorizations SET last_polled_at = $1, poll_interval = $2 \
                     WHERE id = $3 AND COALESCE(last_polled_at, -1) = $4",
                )
                .bind(now)
                .bind(interval)
                .bind(id)
                .bind(previous.unwrap_or(-1))
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.decide", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.decide"))]
            async fn decide(
                &self,
                id: &str,
                decision: &DeviceDecision,
                now: i64,
            ) -> DbResult<bool> {
                let done =
                    match decision {
                        DeviceDecision::Approve { auth, scope } => sqlx::query(
                            "UPDATE device_authorizations SET status = 'approved', userid = $1, \
                             sid = $2, auth_time = $3, amr = $4, acr = $5, scope = $6, \
                             decided_at = $7 \
                             WHERE id = $8 AND status = 'pending' AND expires_at > $7",
                        )
                        .bind(&auth.userid)
                        .bind(&auth.sid)
                        .bind(auth.auth_time)
                        .bind(to_json_list(&auth.amr))
                        .bind(&auth.acr)
                        .bind(scope)
                        .bind(now)
                        .bind(id)
                        .execute(self.writer())
                        .await?,
                        DeviceDecision::Deny => sqlx::query(
                            "UPDATE device_authorizations SET status = 'denied', decided_at = $1 \
                             WHERE id = $2 AND status = 'pending' AND expires_at > $1",
                        )
                        .bind(now)
                        .bind(id)
                        .execute(self.writer())
                        .await?,
                    };
                Ok(done.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "DeviceAuthRepo.redeem", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "DeviceAuthRepo.redeem"))]
            async fn redeem(&self, id: &str) -> DbResult<bool> {
                let done = sqlx::query(
                    "UPDATE device_authorizations SET status = 'redeemed' \
                     WHERE id = $1 AND status = 'approved'",
                )
                .bind(id)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    };
}

device_repo!(SqliteStore);
device_repo!(PgStore);
