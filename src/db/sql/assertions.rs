//! Client assertions already used: the replay cache of `private_key_jwt`
//! and `client_secret_jwt` (table `client_assertions`).

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
        }
    };
}

assertion_repo!(SqliteStore);
assertion_repo!(PgStore);
