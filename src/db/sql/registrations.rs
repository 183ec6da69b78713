//! Dynamic client registration: initial access tokens and registrations.

use async_trait::async_trait;

use super::{Dialect, expect_one, map_unique, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{ClientRegistration, DbResult, Page, RegistrationRepo, RegistrationToken};

/// Implements [`RegistrationRepo`] for a store.
macro_rules! registration_repo {
    ($store:ty) => {
        #[async_trait]
        impl RegistrationRepo for $store {
            #[tracing::instrument(target = "otel", name = "RegistrationRepo.create_token", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.create_token"))]
            async fn create_token(&self, t: &RegistrationToken) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO registration_tokens (id, name, token_hash, created_at, \
                     expires_at, uses_left, created_by, revoked_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&t.id)
                .bind(&t.name)
                .bind(&t.token_hash)
                .bind(t.created_at)
                .bind(t.expires_at)
                .bind(t.uses_left)
                .bind(&t.created_by)
                .bind(t.revoked_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.get_token", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.get_token"))]
            async fn get_token(&self, id: &str) -> DbResult<Option<RegistrationToken>> {
                Ok(
                    sqlx::query_as("SELECT * FROM registration_tokens WHERE id = $1")
                        .bind(id)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.token_by_hash", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.token_by_hash"))]
            async fn token_by_hash(
                &self,
                token_hash: &str,
            ) -> DbResult<Option<RegistrationToken>> {
                Ok(
                    sqlx::query_as("SELECT * FROM registration_tokens WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.list_tokens", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.list_tokens"))]
            async fn list_tokens(
                &self,
                offset: i64,
                limit: i64,
            ) -> DbResult<Page<RegistrationToken>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registration_tokens")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    "SELECT * FROM registration_tokens ORDER BY created_at DESC, id COLLATE {} \
                     LIMIT $1 OFFSET $2",
                    Self::BYTE_ORDER
                );
                let items: Vec<RegistrationToken> = sqlx::query_as(&sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                Ok(Page { items, total })
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.spend_token", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.spend_token"))]
            async fn spend_token(&self, id: &str, now: i64) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE registration_tokens SET uses_left = uses_left - 1 \
                     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses_left > 0",
                )
                .bind(id)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.revoke_token", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.revoke_token"))]
            async fn revoke_token(&self, id: &str, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE registration_tokens SET revoked_at = COALESCE(revoked_at, $1) \
                     WHERE id = $2",
                )
                .bind(now)
                .bind(id)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.register", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.register"))]
            async fn register(&self, r: &ClientRegistration) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO client_registrations (client_id, access_token_hash, \
                     auth_method, created_at, initial_token_id) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&r.client_id)
                .bind(&r.access_token_hash)
                .bind(&r.auth_method)
                .bind(r.created_at)
                .bind(&r.initial_token_id)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.registration", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.registration"))]
            async fn registration(&self, client_id: &str) -> DbResult<Option<ClientRegistration>> {
                Ok(
                    sqlx::query_as("SELECT * FROM client_registrations WHERE client_id = $1")
                        .bind(client_id)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "RegistrationRepo.registrations_among", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RegistrationRepo.registrations_among"))]
            async fn registrations_among(
                &self,
                client_ids: &[String],
            ) -> DbResult<Vec<ClientRegistration>> {
                if client_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let placeholders = (1..=client_ids.len())
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "SELECT * FROM client_registrations WHERE client_id IN ({placeholders})"
                );
                let mut query = sqlx::query_as(&sql);
                for id in client_ids {
                    query = query.bind(id);
                }
                Ok(query.fetch_all(self.reader()).await?)
            }
        }
    };
}

registration_repo!(SqliteStore);
registration_repo!(PgStore);
