//! Rate-limit counters (a single SQLite instance keeps its limits in memory;
//! this is the same repository for tools and the shared test suite).

use async_trait::async_trait;

use super::SqliteStore;
use crate::db::{DbResult, RateLimitRepo};

#[async_trait]
impl RateLimitRepo for SqliteStore {
    async fn hit(
        &self,
        name: &str,
        key: &str,
        window_start: i64,
        expires_at: i64,
    ) -> DbResult<i64> {
        let hits: i64 = sqlx::query_scalar(
            "INSERT INTO rate_limits (name, key, window_start, hits, expires_at) \
             VALUES (?, ?, ?, 1, ?) \
             ON CONFLICT (name, key, window_start) \
             DO UPDATE SET hits = rate_limits.hits + 1 \
             RETURNING hits",
        )
        .bind(name)
        .bind(key)
        .bind(window_start)
        .bind(expires_at)
        .fetch_one(&self.write)
        .await?;
        Ok(hits)
    }
}
