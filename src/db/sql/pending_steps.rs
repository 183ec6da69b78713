//! Password sign-ins waiting for their second step (`mfa_pending`).

use async_trait::async_trait;

use super::{Dialect, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, PendingStep, PendingStepRepo};

/// Implements [`PendingStepRepo`] for a store.
macro_rules! pending_step_repo {
    ($store:ty) => {
        #[async_trait]
        impl PendingStepRepo for $store {
            #[tracing::instrument(target = "otel", name = "PendingStepRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PendingStepRepo.create"))]
            async fn create(&self, step: &PendingStep) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO mfa_pending \
                     (token_hash, userid, req, next, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&step.token_hash)
                .bind(&step.userid)
                .bind(&step.req)
                .bind(&step.next)
                .bind(step.created_at)
                .bind(step.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "PendingStepRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PendingStepRepo.get"))]
            async fn get(&self, token_hash: &str, now: i64) -> DbResult<Option<PendingStep>> {
                // Read from the writer: a step is read right after it is
                // written, by the next request of the same browser.
                Ok(sqlx::query_as(
                    "SELECT token_hash, userid, req, next, created_at, expires_at \
                     FROM mfa_pending WHERE token_hash = $1 AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.writer())
                .await?)
            }

            #[tracing::instrument(target = "otel", name = "PendingStepRepo.take", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PendingStepRepo.take"))]
            async fn take(&self, token_hash: &str) -> DbResult<bool> {
                let result = sqlx::query("DELETE FROM mfa_pending WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(self.writer())
                    .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "PendingStepRepo.delete_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PendingStepRepo.delete_for_user"))]
            async fn delete_for_user(&self, userid: &str) -> DbResult<u64> {
                let result = sqlx::query("DELETE FROM mfa_pending WHERE userid = $1")
                    .bind(userid)
                    .execute(self.writer())
                    .await?;
                Ok(result.rows_affected())
            }
        }
    };
}

pending_step_repo!(SqliteStore);
pending_step_repo!(PgStore);
