//! Signed JWTs already used: the replay cache of `private_key_jwt` and
//! `client_secret_jwt` assertions (table `client_assertions`) and of DPoP
//! proofs (table `dpop_proofs`).

use async_trait::async_trait;

use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{AssertionRepo, DbResult};

use super::Dialect;

/// Implements [`AssertionRepo`] for a store.
macro_rules! assertion_repo {
    ($store:ty) => {
        #[async_trait]
        impl AssertionRepo for $store {
            #[tracing::instrument(target = "otel", name = "AssertionRepo.spend_assertion", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AssertionRepo.spend_assertion"))]
            async fn spend_assertion(
                &self,
                client_id: &str,
                jti_hash: &str,
                expires_at: i64,
                now: i64,
            ) -> DbResult<bool> {
                // One statement: the primary key lets one of two
                // concurrent uses insert; a remembered row is replaced only
                // once it has expired.
                let result = sqlx::query(
                    "INSERT INTO client_assertions (client_id, jti_hash, expires_at) \
                     VALUES ($1, $2, $3) \
                     ON CONFLICT (client_id, jti_hash) DO UPDATE SET expires_at = excluded.expires_at \
                     WHERE client_assertions.expires_at <= $4",
                )
                .bind(client_id)
                .bind(jti_hash)
                .bind(expires_at)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "AssertionRepo.spend_dpop_proof", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AssertionRepo.spend_dpop_proof"))]
            async fn spend_dpop_proof(
                &self,
                jkt: &str,
                jti_hash: &str,
                expires_at: i64,
                now: i64,
            ) -> DbResult<bool> {
                // As above: one statement, the primary key decides.
                let result = sqlx::query(
                    "INSERT INTO dpop_proofs (jkt, jti_hash, expires_at) \
                     VALUES ($1, $2, $3) \
                     ON CONFLICT (jkt, jti_hash) DO UPDATE SET expires_at = excluded.expires_at \
                     WHERE dpop_proofs.expires_at <= $4",
                )
                .bind(jkt)
                .bind(jti_hash)
                .bind(expires_at)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }
        }
    };
}

assertion_repo!(SqliteStore);
assertion_repo!(PgStore);
