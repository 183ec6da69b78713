//! Passkeys and passwords.

use async_trait::async_trait;

use super::{Dialect, expect_one, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, PasskeyRecord, PasskeyRepo, PasswordRepo};

/// Implements [`PasskeyRepo`] and [`PasswordRepo`] for a store.
macro_rules! credential_repos {
    ($store:ty) => {
        #[async_trait]
        impl PasskeyRepo for $store {
            #[tracing::instrument(target = "otel", name = "PasskeyRepo.add", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.add"))]
            async fn add(&self, p: &PasskeyRecord) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO passkeys (id, userid, credential_id, name, passkey, created_at, \
                     last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&p.id)
                .bind(&p.userid)
                .bind(&p.credential_id)
                .bind(&p.name)
                .bind(&p.passkey)
                .bind(p.created_at)
                .bind(p.last_used_at)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "PasskeyRepo.list_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.list_for_user"))]
            async fn list_for_user(&self, userid: &str) -> DbResult<Vec<PasskeyRecord>> {
                let sql = format!(
                    "SELECT * FROM passkeys WHERE userid = $1 ORDER BY created_at, id COLLATE {}",
                    Self::BYTE_ORDER
                );
                Ok(sqlx::query_as(&sql)
                    .bind(userid)
                    .fetch_all(self.reader())
                    .await?)
            }

            #[tracing::instrument(target = "otel", name = "PasskeyRepo.get_by_credential_id", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.get_by_credential_id"))]
            async fn get_by_credential_id(
                &self,
                credential_id: &str,
            ) -> DbResult<Option<PasskeyRecord>> {
                Ok(
                    sqlx::query_as("SELECT * FROM passkeys WHERE credential_id = $1")
                        .bind(credential_id)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "PasskeyRepo.record_use", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.record_use"))]
            async fn record_use(&self, id: &str, passkey: &str, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3",
                )
                .bind(passkey)
                .bind(now)
                .bind(id)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "PasskeyRepo.rename", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.rename"))]
            async fn rename(&self, userid: &str, id: &str, name: &str) -> DbResult<()> {
                let result =
                    sqlx::query("UPDATE passkeys SET name = $1 WHERE id = $2 AND userid = $3")
                        .bind(name)
                        .bind(id)
                        .bind(userid)
                        .execute(self.writer())
                        .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "PasskeyRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasskeyRepo.delete"))]
            async fn delete(&self, userid: &str, id: &str) -> DbResult<()> {
                let result = sqlx::query("DELETE FROM passkeys WHERE id = $1 AND userid = $2")
                    .bind(id)
                    .bind(userid)
                    .execute(self.writer())
                    .await?;
                expect_one(result.rows_affected())
            }
        }

        #[async_trait]
        impl PasswordRepo for $store {
            #[tracing::instrument(target = "otel", name = "PasswordRepo.set", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasswordRepo.set"))]
            async fn set(&self, userid: &str, hash: &str, now: i64) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO passwords (userid, hash, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (userid) DO UPDATE \
                     SET hash = excluded.hash, updated_at = excluded.updated_at",
                )
                .bind(userid)
                .bind(hash)
                .bind(now)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "PasswordRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasswordRepo.get"))]
            async fn get(&self, userid: &str) -> DbResult<Option<String>> {
                Ok(
                    sqlx::query_scalar("SELECT hash FROM passwords WHERE userid = $1")
                        .bind(userid)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            #[tracing::instrument(target = "otel", name = "PasswordRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "PasswordRepo.delete"))]
            async fn delete(&self, userid: &str) -> DbResult<()> {
                let result = sqlx::query("DELETE FROM passwords WHERE userid = $1")
                    .bind(userid)
                    .execute(self.writer())
                    .await?;
                expect_one(result.rows_affected())
            }
        }
    };
}

credential_repos!(SqliteStore);
credential_repos!(PgStore);
