//! Magic-link invites.

use async_trait::async_trait;

use super::rows::{InviteRow, decode_all, decode_opt};
use super::{Dialect, expect_one, map_unique, to_json_list, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, Invite, InviteRepo, Page};

/// Implements [`InviteRepo`] for a store.
macro_rules! invite_repo {
    ($store:ty) => {
        #[async_trait]
        impl InviteRepo for $store {
            #[tracing::instrument(target = "otel", name = "InviteRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.create"))]
            async fn create(&self, i: &Invite) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO invites (id, token_hash, username, email, groups, admin, userid, \
                     allow_password, note, created_by, created_at, expires_at, used_at, revoked_at, \
                     usable_from, self_service, role, name) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                     $17, $18)",
                )
                .bind(&i.id)
                .bind(&i.token_hash)
                .bind(&i.username)
                .bind(&i.email)
                .bind(to_json_list(&i.groups))
                // Kept for readers of the schema before roles.
                .bind(i.role.is_some())
                .bind(&i.userid)
                .bind(i.allow_password)
                .bind(&i.note)
                .bind(&i.created_by)
                .bind(i.created_at)
                .bind(i.expires_at)
                .bind(i.used_at)
                .bind(i.revoked_at)
                .bind(i.usable_from)
                .bind(i.self_service)
                .bind(i.role.map(crate::domain::role::Role::as_str))
                .bind(&i.name)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.get"))]
            async fn get(&self, id: &str) -> DbResult<Option<Invite>> {
                let row: Option<InviteRow> = sqlx::query_as("SELECT * FROM invites WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.get_by_token_hash", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.get_by_token_hash"))]
            async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Invite>> {
                let row: Option<InviteRow> =
                    sqlx::query_as("SELECT * FROM invites WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.mark_used", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.mark_used"))]
            async fn mark_used(&self, id: &str, now: i64) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE invites SET used_at = $1 WHERE id = $2 AND used_at IS NULL \
                     AND revoked_at IS NULL AND expires_at > $1 \
                     AND (usable_from IS NULL OR usable_from <= $1)",
                )
                .bind(now)
                .bind(id)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.revoke", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.revoke"))]
            async fn revoke(&self, id: &str, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE invites SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                )
                .bind(now)
                .bind(id)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.list_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.list_for_user"))]
            async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Invite>> {
                let sql = format!(
                    "SELECT * FROM invites WHERE userid = $1 \
                     ORDER BY created_at DESC, id COLLATE {}",
                    Self::BYTE_ORDER
                );
                let rows: Vec<InviteRow> = sqlx::query_as(&sql)
                    .bind(userid)
                    .fetch_all(self.reader())
                    .await?;
                decode_all(rows)
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.username_reserved", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.username_reserved"))]
            async fn username_reserved(&self, username: &str, now: i64) -> DbResult<bool> {
                let found: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM invites WHERE username = $1 AND userid IS NULL \
                     AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
                     AND self_service = $3 LIMIT 1",
                )
                .bind(username)
                .bind(now)
                .bind(false)
                .fetch_optional(self.reader())
                .await?;
                Ok(found.is_some())
            }

            #[tracing::instrument(target = "otel", name = "InviteRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "InviteRepo.list"))]
            async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Invite>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invites")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    "SELECT * FROM invites ORDER BY created_at DESC, id COLLATE {} \
                     LIMIT $1 OFFSET $2",
                    Self::BYTE_ORDER
                );
                let rows: Vec<InviteRow> = sqlx::query_as(&sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                let items = decode_all(rows)?;
                Ok(Page { items, total })
            }
        }
    };
}

invite_repo!(SqliteStore);
invite_repo!(PgStore);
