//! Second factors: authenticator apps (TOTP) and backup codes.

use async_trait::async_trait;

use super::{Conn, Dialect};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, SecondFactorRepo, TotpRecord};

/// Implements [`SecondFactorRepo`] for a store.
macro_rules! second_factor_repo {
    ($store:ty) => {
        impl $store {
            /// Replaces every backup code of `userid` with `hashes`.
            async fn write_backup_codes(
                conn: &mut Conn<Self>,
                userid: &str,
                hashes: &[String],
                now: i64,
            ) -> DbResult<()> {
                sqlx::query("DELETE FROM backup_codes WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *conn)
                    .await?;
                for hash in hashes {
                    sqlx::query(
                        "INSERT INTO backup_codes (userid, code_hash, created_at, used_at) \
                         VALUES ($1, $2, $3, NULL) ON CONFLICT (userid, code_hash) DO NOTHING",
                    )
                    .bind(userid)
                    .bind(hash)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                }
                Ok(())
            }
        }

        #[async_trait]
        impl SecondFactorRepo for $store {
            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.totp", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.totp"))]
            async fn totp(&self, userid: &str) -> DbResult<Option<TotpRecord>> {
                Ok(sqlx::query_as(
                    "SELECT userid, secret, confirmed_at, last_step, last_used_at, pending, \
                     pending_at FROM totp_authenticators WHERE userid = $1",
                )
                .bind(userid)
                .fetch_optional(self.reader())
                .await?)
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.put_pending_totp", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.put_pending_totp"))]
            async fn put_pending_totp(&self, userid: &str, sealed: &str, now: i64) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO totp_authenticators (userid, pending, pending_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (userid) DO UPDATE \
                     SET pending = excluded.pending, pending_at = excluded.pending_at",
                )
                .bind(userid)
                .bind(sealed)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.confirm_totp", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.confirm_totp"))]
            async fn confirm_totp(
                &self,
                userid: &str,
                sealed: &str,
                step: i64,
                backup_hashes: &[String],
                now: i64,
            ) -> DbResult<bool> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let result = sqlx::query(
                    "UPDATE totp_authenticators SET secret = pending, confirmed_at = $3, \
                     last_step = $4, last_used_at = $3, pending = NULL, pending_at = NULL \
                     WHERE userid = $1 AND pending = $2",
                )
                .bind(userid)
                .bind(sealed)
                .bind(now)
                .bind(step)
                .execute(&mut *tx)
                .await?;
                if result.rows_affected() == 0 {
                    return Ok(false);
                }
                Self::write_backup_codes(&mut tx, userid, backup_hashes, now).await?;
                tx.commit().await?;
                Ok(true)
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.accept_totp_step", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.accept_totp_step"))]
            async fn accept_totp_step(
                &self,
                userid: &str,
                sealed: &str,
                step: i64,
                now: i64,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE totp_authenticators SET last_step = $3, last_used_at = $4 \
                     WHERE userid = $1 AND secret = $2 AND (last_step IS NULL OR last_step < $3)",
                )
                .bind(userid)
                .bind(sealed)
                .bind(step)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.replace_backup_codes", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.replace_backup_codes"))]
            async fn replace_backup_codes(
                &self,
                userid: &str,
                hashes: &[String],
                now: i64,
            ) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                Self::write_backup_codes(&mut tx, userid, hashes, now).await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.use_backup_code", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.use_backup_code"))]
            async fn use_backup_code(
                &self,
                userid: &str,
                code_hash: &str,
                now: i64,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE backup_codes SET used_at = $3 \
                     WHERE userid = $1 AND code_hash = $2 AND used_at IS NULL",
                )
                .bind(userid)
                .bind(code_hash)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.backup_codes_left", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.backup_codes_left"))]
            async fn backup_codes_left(&self, userid: &str) -> DbResult<u32> {
                let left: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM backup_codes WHERE userid = $1 AND used_at IS NULL",
                )
                .bind(userid)
                .fetch_one(self.reader())
                .await?;
                Ok(u32::try_from(left).unwrap_or(u32::MAX))
            }

            #[tracing::instrument(target = "otel", name = "SecondFactorRepo.reset", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SecondFactorRepo.reset"))]
            async fn reset(&self, userid: &str) -> DbResult<bool> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let totp = sqlx::query("DELETE FROM totp_authenticators WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                let codes = sqlx::query("DELETE FROM backup_codes WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(totp.rows_affected() + codes.rows_affected() > 0)
            }
        }
    };
}

second_factor_repo!(SqliteStore);
second_factor_repo!(PgStore);
