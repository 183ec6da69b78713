//! Recovery codes: single-use ways back into an account.

use async_trait::async_trait;

use super::Dialect;
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, RecoveryCodeRepo};

/// Implements [`RecoveryCodeRepo`] for a store.
macro_rules! recovery_code_repo {
    ($store:ty) => {
        #[async_trait]
        impl RecoveryCodeRepo for $store {
            async fn replace_recovery_codes(
                &self,
                userid: &str,
                hashes: &[String],
                now: i64,
            ) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                sqlx::query("DELETE FROM recovery_codes WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                for hash in hashes {
                    sqlx::query(
                        "INSERT INTO recovery_codes (userid, code_hash, created_at, used_at) \
                         VALUES ($1, $2, $3, NULL) ON CONFLICT (userid, code_hash) DO NOTHING",
                    )
                    .bind(userid)
                    .bind(hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn use_recovery_code(
                &self,
                userid: &str,
                code_hash: &str,
                now: i64,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE recovery_codes SET used_at = $3 \
                     WHERE userid = $1 AND code_hash = $2 AND used_at IS NULL",
                )
                .bind(userid)
                .bind(code_hash)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            async fn recovery_codes_left(&self, userid: &str) -> DbResult<u32> {
                let left: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM recovery_codes WHERE userid = $1 AND used_at IS NULL",
                )
                .bind(userid)
                .fetch_one(self.reader())
                .await?;
                Ok(u32::try_from(left).unwrap_or(u32::MAX))
            }

            async fn delete_recovery_codes(&self, userid: &str) -> DbResult<bool> {
                let done = sqlx::query("DELETE FROM recovery_codes WHERE userid = $1")
                    .bind(userid)
                    .execute(self.writer())
                    .await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

recovery_code_repo!(SqliteStore);
recovery_code_repo!(PgStore);
