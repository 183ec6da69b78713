//! API keys for the admin API.

use async_trait::async_trait;

use super::{Dialect, expect_one, map_unique, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{ApiKey, ApiKeyRepo, DbError, DbResult, Page};

/// An `api_keys` row as stored (the role as text).
#[derive(sqlx::FromRow)]
struct ApiKeyRow {
    id: String,
    name: String,
    role: String,
    key_hash: String,
    created_by: String,
    created_at: i64,
    expires_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl TryFrom<ApiKeyRow> for ApiKey {
    type Error = DbError;

    fn try_from(row: ApiKeyRow) -> DbResult<Self> {
        Ok(Self {
            role: row
                .role
                .parse()
                .map_err(|e: crate::domain::role::UnknownRole| DbError::Corrupt(e.to_string()))?,
            id: row.id,
            name: row.name,
            key_hash: row.key_hash,
            created_by: row.created_by,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        })
    }
}

/// Implements [`ApiKeyRepo`] for a store.
macro_rules! api_key_repo {
    ($store:ty) => {
        #[async_trait]
        impl ApiKeyRepo for $store {
            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.create"))]
            async fn create(&self, k: &ApiKey) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO api_keys (id, name, role, key_hash, created_by, created_at, \
                     expires_at, last_used_at, revoked_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&k.id)
                .bind(&k.name)
                .bind(k.role.as_str())
                .bind(&k.key_hash)
                .bind(&k.created_by)
                .bind(k.created_at)
                .bind(k.expires_at)
                .bind(k.last_used_at)
                .bind(k.revoked_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.get"))]
            async fn get(&self, id: &str) -> DbResult<Option<ApiKey>> {
                sqlx::query_as::<_, ApiKeyRow>("SELECT * FROM api_keys WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?
                    .map(ApiKey::try_from)
                    .transpose()
            }

            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.by_hash", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.by_hash"))]
            async fn by_hash(&self, key_hash: &str) -> DbResult<Option<ApiKey>> {
                sqlx::query_as::<_, ApiKeyRow>("SELECT * FROM api_keys WHERE key_hash = $1")
                    .bind(key_hash)
                    .fetch_optional(self.reader())
                    .await?
                    .map(ApiKey::try_from)
                    .transpose()
            }

            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.list"))]
            async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<ApiKey>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_keys")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    "SELECT * FROM api_keys ORDER BY created_at DESC, id COLLATE {} \
                     LIMIT $1 OFFSET $2",
                    Self::BYTE_ORDER
                );
                let rows: Vec<ApiKeyRow> = sqlx::query_as(&sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                let items = rows
                    .into_iter()
                    .map(ApiKey::try_from)
                    .collect::<DbResult<Vec<_>>>()?;
                Ok(Page { items, total })
            }

            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.revoke", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.revoke"))]
            async fn revoke(&self, id: &str, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                )
                .bind(now)
                .bind(id)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "ApiKeyRepo.touch", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ApiKeyRepo.touch"))]
            async fn touch(&self, id: &str, now: i64) -> DbResult<()> {
                sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }
        }
    };
}

api_key_repo!(SqliteStore);
api_key_repo!(PgStore);
