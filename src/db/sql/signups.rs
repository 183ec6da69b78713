//! Self-registration: sign-up requests (`LATCHKEY_SIGNUP=approval`).

use async_trait::async_trait;

use super::{Dialect, map_unique, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbError, DbResult, Page, SignupRepo, SignupRequest, SignupState};

/// A `signup_requests` row.
#[derive(sqlx::FromRow)]
struct SignupRow {
    id: String,
    username: String,
    email: String,
    name: Option<String>,
    token_hash: String,
    ip: Option<String>,
    state: String,
    requested_at: i64,
    verified_at: Option<i64>,
    expires_at: i64,
}

impl TryFrom<SignupRow> for SignupRequest {
    type Error = DbError;

    fn try_from(row: SignupRow) -> DbResult<Self> {
        let state = SignupState::parse(&row.state)
            .ok_or_else(|| DbError::Corrupt(format!("sign-up state {:?}", row.state)))?;
        Ok(Self {
            id: row.id,
            username: row.username,
            email: row.email,
            name: row.name,
            token_hash: row.token_hash,
            ip: row.ip,
            state,
            requested_at: row.requested_at,
            verified_at: row.verified_at,
            expires_at: row.expires_at,
        })
    }
}

fn decode(row: Option<SignupRow>) -> DbResult<Option<SignupRequest>> {
    row.map(SignupRequest::try_from).transpose()
}

/// Implements [`SignupRepo`] for a store.
macro_rules! signup_repo {
    ($store:ty) => {
        #[async_trait]
        impl SignupRepo for $store {
            #[tracing::instrument(target = "otel", name = "SignupRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.create"))]
            async fn create(&self, r: &SignupRequest) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO signup_requests (id, username, email, name, token_hash, ip, \
                     state, requested_at, verified_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&r.id)
                .bind(&r.username)
                .bind(&r.email)
                .bind(&r.name)
                .bind(&r.token_hash)
                .bind(&r.ip)
                .bind(r.state.as_str())
                .bind(r.requested_at)
                .bind(r.verified_at)
                .bind(r.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.get"))]
            async fn get(&self, id: &str) -> DbResult<Option<SignupRequest>> {
                let row: Option<SignupRow> =
                    sqlx::query_as("SELECT * FROM signup_requests WHERE id = $1")
                        .bind(id)
                        .fetch_optional(self.reader())
                        .await?;
                decode(row)
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.by_token_hash", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.by_token_hash"))]
            async fn by_token_hash(&self, token_hash: &str) -> DbResult<Option<SignupRequest>> {
                let row: Option<SignupRow> =
                    sqlx::query_as("SELECT * FROM signup_requests WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                decode(row)
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.verify", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.verify"))]
            async fn verify(&self, id: &str, now: i64, expires_at: i64) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE signup_requests SET state = $1, verified_at = $2, expires_at = $3 \
                     WHERE id = $4 AND state = $5 AND expires_at > $2",
                )
                .bind(SignupState::Verified.as_str())
                .bind(now)
                .bind(expires_at)
                .bind(id)
                .bind(SignupState::Unverified.as_str())
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.list_verified", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.list_verified"))]
            async fn list_verified(
                &self,
                now: i64,
                offset: i64,
                limit: i64,
            ) -> DbResult<Page<SignupRequest>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM signup_requests WHERE state = $1 AND expires_at > $2",
                )
                .bind(SignupState::Verified.as_str())
                .bind(now)
                .fetch_one(self.reader())
                .await?;
                let sql = format!(
                    "SELECT * FROM signup_requests WHERE state = $1 AND expires_at > $2 \
                     ORDER BY requested_at, id COLLATE {} LIMIT $3 OFFSET $4",
                    Self::BYTE_ORDER
                );
                let rows: Vec<SignupRow> = sqlx::query_as(&sql)
                    .bind(SignupState::Verified.as_str())
                    .bind(now)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                let items = rows
                    .into_iter()
                    .map(SignupRequest::try_from)
                    .collect::<DbResult<Vec<_>>>()?;
                Ok(Page { items, total })
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.transition", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.transition"))]
            async fn transition(
                &self,
                id: &str,
                from: SignupState,
                to: SignupState,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE signup_requests SET state = $1 WHERE id = $2 AND state = $3",
                )
                .bind(to.as_str())
                .bind(id)
                .bind(from.as_str())
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.delete"))]
            async fn delete(&self, id: &str, state: SignupState) -> DbResult<bool> {
                let result =
                    sqlx::query("DELETE FROM signup_requests WHERE id = $1 AND state = $2")
                        .bind(id)
                        .bind(state.as_str())
                        .execute(self.writer())
                        .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SignupRepo.address_in_use", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SignupRepo.address_in_use"))]
            async fn address_in_use(&self, email: &str) -> DbResult<bool> {
                let found: Option<i32> = sqlx::query_scalar(super::ADDRESS_IN_USE)
                .bind(email)
                .fetch_optional(self.reader())
                .await?;
                Ok(found.is_some())
            }
        }
    };
}

signup_repo!(SqliteStore);
signup_repo!(PgStore);
