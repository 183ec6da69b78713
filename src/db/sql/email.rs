//! E-mail verification links.

use async_trait::async_trait;

use super::{Dialect, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, EmailVerification, EmailVerificationRepo};

/// Implements [`EmailVerificationRepo`] for a store.
macro_rules! email_verification_repo {
    ($store:ty) => {
        #[async_trait]
        impl EmailVerificationRepo for $store {
            #[tracing::instrument(target = "otel", name = "EmailVerificationRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "EmailVerificationRepo.create"))]
            async fn create(&self, link: &EmailVerification) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO email_verifications \
                     (token_hash, userid, email, created_at, expires_at, used_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&link.token_hash)
                .bind(&link.userid)
                .bind(&link.email)
                .bind(link.created_at)
                .bind(link.expires_at)
                .bind(link.used_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "EmailVerificationRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "EmailVerificationRepo.get"))]
            async fn get(&self, token_hash: &str) -> DbResult<Option<EmailVerification>> {
                Ok(sqlx::query_as(
                    "SELECT token_hash, userid, email, created_at, expires_at, used_at \
                     FROM email_verifications WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(self.reader())
                .await?)
            }

            #[tracing::instrument(target = "otel", name = "EmailVerificationRepo.spend", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "EmailVerificationRepo.spend"))]
            async fn spend(&self, token_hash: &str, now: i64) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE email_verifications SET used_at = $1 \
                     WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
                )
                .bind(now)
                .bind(token_hash)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }
        }
    };
}

email_verification_repo!(SqliteStore);
email_verification_repo!(PgStore);
