//! Pushed authorization requests (RFC 9126).

use async_trait::async_trait;

use super::{Dialect, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, PushedRequest, PushedRequestRepo};

/// Implements [`PushedRequestRepo`] for a store.
macro_rules! pushed_repo {
    ($store:ty) => {
        #[async_trait]
        impl PushedRequestRepo for $store {
            #[tracing::instrument(target = "otel", name = "PushedRequestRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PushedRequestRepo.create"))]
            async fn create(&self, r: &PushedRequest) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO pushed_requests (uri_hash, client_id, params, created_at, \
                     expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&r.uri_hash)
                .bind(&r.client_id)
                .bind(&r.params)
                .bind(r.created_at)
                .bind(r.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "PushedRequestRepo.take", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PushedRequestRepo.take"))]
            async fn take(
                &self,
                uri_hash: &str,
                client_id: &str,
                now: i64,
            ) -> DbResult<Option<PushedRequest>> {
                let taken: Option<PushedRequest> = sqlx::query_as(
                    "DELETE FROM pushed_requests WHERE uri_hash = $1 AND client_id = $2 \
                     RETURNING *",
                )
                .bind(uri_hash)
                .bind(client_id)
                .fetch_optional(self.writer())
                .await?;
                Ok(taken.filter(|r| r.expires_at > now))
            }
        }
    };
}

pushed_repo!(SqliteStore);
pushed_repo!(PgStore);
