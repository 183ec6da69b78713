//! Rate-limit counters shared by every instance on the database (a single
//! SQLite instance keeps its limits in memory; the repository is there for
//! tools and the shared test suite).

use async_trait::async_trait;

use super::Dialect;
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, RateLimitRepo};

/// Implements [`RateLimitRepo`] for a store.
macro_rules! rate_limit_repo {
    ($store:ty) => {
        #[async_trait]
        impl RateLimitRepo for $store {
            #[tracing::instrument(target = "otel", name = "RateLimitRepo.hit", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RateLimitRepo.hit"))]
            async fn hit(
                &self,
                name: &str,
                key: &str,
                window_start: i64,
                expires_at: i64,
            ) -> DbResult<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO rate_limits (name, key, window_start, hits, expires_at) \
                     VALUES ($1, $2, $3, 1, $4) ON CONFLICT (name, key, window_start) \
                     DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
                )
                .bind(name)
                .bind(key)
                .bind(window_start)
                .bind(expires_at)
                .fetch_one(self.writer())
                .await?)
            }
        }
    };
}

rate_limit_repo!(SqliteStore);
rate_limit_repo!(PgStore);
