//! Signing keys, sign-in throttling and WebAuthn ceremony state.

use async_trait::async_trait;

use super::{Dialect, expect_one, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{
    AttemptRule, AttemptState, Ceremony, CeremonyRepo, DbResult, SigningKeyRecord, SigningKeyRepo,
    ThrottleRepo,
};

/// One attempt counted: the statement of [`ThrottleRepo::count_attempt`],
/// with `{least}` the dialect's [`Dialect::LEAST`]. `$1` key, `$2` now, `$3`
/// the window, `$4` the threshold, `$5` the base lock, `$6` the longest.
macro_rules! count_attempt {
    () => {
        "INSERT INTO login_attempts (key, attempts, window_start, locked_until, lockouts, \
         updated_at) VALUES ($1, 1, $2, NULL, 0, $2) ON CONFLICT (key) DO UPDATE SET \
         attempts = CASE WHEN login_attempts.locked_until > $2 THEN \
         login_attempts.attempts + 1 WHEN (login_attempts.locked_until IS NOT NULL OR $2 \
         - login_attempts.window_start >= $3) THEN 1 WHEN login_attempts.attempts + 1 > \
         $4 THEN $4 + 1 ELSE login_attempts.attempts + 1 END, window_start = CASE WHEN \
         login_attempts.locked_until > $2 THEN login_attempts.window_start WHEN \
         (login_attempts.locked_until IS NOT NULL OR $2 - login_attempts.window_start >= \
         $3) THEN $2 ELSE login_attempts.window_start END, locked_until = CASE WHEN \
         login_attempts.locked_until > $2 THEN login_attempts.locked_until WHEN \
         (login_attempts.locked_until IS NOT NULL OR $2 - login_attempts.window_start >= \
         $3) THEN NULL WHEN login_attempts.attempts + 1 > $4 THEN $2 + {least}($5 << \
         CAST({least}(login_attempts.lockouts, 30) AS INTEGER), $6) ELSE NULL END, \
         lockouts = CASE WHEN \
         login_attempts.locked_until > $2 OR (login_attempts.locked_until IS NOT NULL OR \
         $2 - login_attempts.window_start >= $3) THEN login_attempts.lockouts WHEN \
         login_attempts.attempts + 1 > $4 THEN login_attempts.lockouts + 1 ELSE \
         login_attempts.lockouts END, updated_at = $2 RETURNING key, attempts, \
         window_start, locked_until, lockouts, updated_at"
    };
}

/// Implements [`SigningKeyRepo`], [`ThrottleRepo`] and [`CeremonyRepo`] for a store.
macro_rules! key_repos {
    ($store:ty) => {
        #[async_trait]
        impl SigningKeyRepo for $store {
            #[tracing::instrument(target = "otel", name = "SigningKeyRepo.insert", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SigningKeyRepo.insert"))]
            async fn insert(&self, k: &SigningKeyRecord) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at, \
                     retired_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&k.kid)
                .bind(&k.alg)
                .bind(&k.private_key)
                .bind(&k.public_jwk)
                .bind(k.created_at)
                .bind(k.retired_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SigningKeyRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SigningKeyRepo.list"))]
            async fn list(&self) -> DbResult<Vec<SigningKeyRecord>> {
                let sql = format!(
                    "SELECT * FROM signing_keys ORDER BY created_at, kid COLLATE {}",
                    Self::BYTE_ORDER
                );
                Ok(sqlx::query_as(&sql).fetch_all(self.reader()).await?)
            }

            #[tracing::instrument(target = "otel", name = "SigningKeyRepo.reseal", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SigningKeyRepo.reseal"))]
            async fn reseal(&self, kid: &str, private_key: &[u8]) -> DbResult<()> {
                let result = sqlx::query("UPDATE signing_keys SET private_key = $1 WHERE kid = $2")
                    .bind(private_key)
                    .bind(kid)
                    .execute(self.writer())
                    .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "SigningKeyRepo.retire_others", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SigningKeyRepo.retire_others"))]
            async fn retire_others(&self, alg: &str, keep_kid: &str, now: i64) -> DbResult<()> {
                sqlx::query(
                    "UPDATE signing_keys SET retired_at = $1 \
                     WHERE alg = $2 AND kid <> $3 AND retired_at IS NULL",
                )
                .bind(now)
                .bind(alg)
                .bind(keep_kid)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "SigningKeyRepo.delete_retired_before", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "SigningKeyRepo.delete_retired_before"))]
            async fn delete_retired_before(&self, before: i64) -> DbResult<u64> {
                let result = sqlx::query(
                    "DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < $1",
                )
                .bind(before)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected())
            }
        }

        #[async_trait]
        impl ThrottleRepo for $store {
            #[tracing::instrument(target = "otel", name = "ThrottleRepo.count_attempt", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ThrottleRepo.count_attempt"))]
            async fn count_attempt(
                &self,
                key: &str,
                now: i64,
                rule: &AttemptRule,
            ) -> DbResult<AttemptState> {
                let sql = format!(count_attempt!(), least = Self::LEAST);
                Ok(sqlx::query_as(&sql)
                    .bind(key)
                    .bind(now)
                    .bind(rule.window)
                    .bind(rule.threshold)
                    .bind(rule.lock_base)
                    .bind(rule.lock_max)
                    .fetch_one(self.writer())
                    .await?)
            }

            #[tracing::instrument(target = "otel", name = "ThrottleRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ThrottleRepo.get"))]
            async fn get(&self, key: &str) -> DbResult<Option<AttemptState>> {
                Ok(
                    sqlx::query_as("SELECT * FROM login_attempts WHERE key = $1")
                        .bind(key)
                        .fetch_optional(self.writer())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "ThrottleRepo.clear", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ThrottleRepo.clear"))]
            async fn clear(&self, key: &str) -> DbResult<()> {
                sqlx::query("DELETE FROM login_attempts WHERE key = $1")
                    .bind(key)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ThrottleRepo.refund", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ThrottleRepo.refund"))]
            async fn refund(&self, key: &str, window_start: i64) -> DbResult<()> {
                sqlx::query(
                    "UPDATE login_attempts SET attempts = attempts - 1 WHERE key = $1 \
                     AND window_start = $2 AND attempts > 0 AND locked_until IS NULL",
                )
                .bind(key)
                .bind(window_start)
                .execute(self.writer())
                .await?;
                Ok(())
            }
        }

        #[async_trait]
        impl CeremonyRepo for $store {
            #[tracing::instrument(target = "otel", name = "CeremonyRepo.put", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "CeremonyRepo.put"))]
            async fn put(&self, c: &Ceremony) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO ceremonies (id, kind, userid, state, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&c.id)
                .bind(&c.kind)
                .bind(&c.userid)
                .bind(&c.state)
                .bind(c.expires_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "CeremonyRepo.take", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "CeremonyRepo.take"))]
            async fn take(&self, id: &str, now: i64) -> DbResult<Option<Ceremony>> {
                let taken: Option<Ceremony> =
                    sqlx::query_as("DELETE FROM ceremonies WHERE id = $1 RETURNING *")
                        .bind(id)
                        .fetch_optional(self.writer())
                        .await?;
                Ok(taken.filter(|c| c.expires_at > now))
            }
        }
    };
}

key_repos!(SqliteStore);
key_repos!(PgStore);
