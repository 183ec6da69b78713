//! Groups of users (memberships themselves are written in `users`).

use async_trait::async_trait;

use super::rows::{GroupRow, UserRow, decode_all, decode_opt};
use super::users::user_columns;
use super::{Dialect, expect_one, map_unique, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbError, DbResult, Group, GroupDeletion, GroupRepo, Page, User};

/// The columns of a [`GroupRow`] from `groups g`.
const GROUP_COLUMNS: &str = "g.name, g.description, \
     (SELECT COUNT(*) FROM user_groups ug WHERE ug.group_id = g.id) AS members, \
     g.require_mfa, g.created_at, g.updated_at";

/// Implements [`GroupRepo`] for a store.
macro_rules! group_repo {
    ($store:ty) => {
        impl $store {
            /// The id of the group named `name`.
            async fn group_id<'c, E>(executor: E, name: &str) -> DbResult<Option<i64>>
            where
                E: sqlx::Executor<'c, Database = <Self as Dialect>::Db>,
            {
                Ok(sqlx::query_scalar("SELECT id FROM groups WHERE name = $1")
                    .bind(name)
                    .fetch_optional(executor)
                    .await?)
            }
        }

        #[async_trait]
        impl GroupRepo for $store {
            #[tracing::instrument(target = "otel", name = "GroupRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.create"))]
            async fn create(
                &self,
                name: &str,
                description: Option<&str>,
                now: i64,
            ) -> DbResult<Group> {
                sqlx::query(
                    "INSERT INTO groups (name, description, created_at, updated_at) \
                     VALUES ($1, $2, $3, $3)",
                )
                .bind(name)
                .bind(description)
                .bind(now)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(Group {
                    name: name.to_owned(),
                    description: description.map(str::to_owned),
                    members: 0,
                    require_mfa: false,
                    created_at: now,
                    updated_at: now,
                })
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.get"))]
            async fn get(&self, name: &str) -> DbResult<Option<Group>> {
                let sql = format!("SELECT {GROUP_COLUMNS} FROM groups g WHERE g.name = $1");
                let row: Option<GroupRow> = sqlx::query_as(&sql)
                    .bind(name)
                    .fetch_optional(self.reader())
                    .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.list"))]
            async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Group>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM groups")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    "SELECT {GROUP_COLUMNS} FROM groups g ORDER BY g.name COLLATE {bytes} \
                     LIMIT $1 OFFSET $2",
                    bytes = Self::BYTE_ORDER
                );
                let rows: Vec<GroupRow> = sqlx::query_as(&sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                Ok(Page {
                    items: decode_all(rows)?,
                    total,
                })
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.rename", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.rename"))]
            async fn rename(&self, name: &str, new_name: &str, now: i64) -> DbResult<()> {
                let result =
                    sqlx::query("UPDATE groups SET name = $1, updated_at = $2 WHERE name = $3")
                        .bind(new_name)
                        .bind(now)
                        .bind(name)
                        .execute(self.writer())
                        .await
                        .map_err(map_unique)?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.set_description", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.set_description"))]
            async fn set_description(
                &self,
                name: &str,
                description: Option<&str>,
                now: i64,
            ) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE groups SET description = $1, updated_at = $2 WHERE name = $3",
                )
                .bind(description)
                .bind(now)
                .bind(name)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.set_require_mfa", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.set_require_mfa"))]
            async fn set_require_mfa(&self, name: &str, on: bool, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE groups SET require_mfa = $1, updated_at = $2 WHERE name = $3",
                )
                .bind(on)
                .bind(now)
                .bind(name)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.requires_mfa", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.requires_mfa"))]
            async fn requires_mfa(&self, userid: &str) -> DbResult<bool> {
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM user_groups ug JOIN groups g ON g.id = ug.group_id \
                     WHERE ug.userid = $1 AND g.require_mfa = $2",
                )
                .bind(userid)
                .bind(true)
                .fetch_one(self.reader())
                .await?;
                Ok(count > 0)
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.delete"))]
            async fn delete(&self, name: &str) -> DbResult<GroupDeletion> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let Some(id) = Self::group_id(&mut *tx, name).await? else {
                    return Err(DbError::NotFound);
                };
                let sql = format!(
                    "SELECT c.client_id, c.name FROM client_groups cg \
                     JOIN clients c ON c.client_id = cg.client_id WHERE cg.group_id = $1 \
                     ORDER BY c.name COLLATE {b}, c.client_id COLLATE {b}",
                    b = Self::BYTE_ORDER
                );
                let clients: Vec<(String, String)> =
                    sqlx::query_as(&sql).bind(id).fetch_all(&mut *tx).await?;
                if !clients.is_empty() {
                    return Ok(GroupDeletion::InUse { clients });
                }
                let memberships = sqlx::query("DELETE FROM user_groups WHERE group_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("DELETE FROM groups WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(GroupDeletion::Deleted { memberships })
            }

            #[tracing::instrument(target = "otel", name = "GroupRepo.members", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "GroupRepo.members"))]
            async fn members(&self, name: &str) -> DbResult<Vec<User>> {
                let Some(id) = Self::group_id(self.reader(), name).await? else {
                    return Err(DbError::NotFound);
                };
                let sql = format!(
                    concat!(
                        "SELECT ",
                        user_columns!(),
                        " FROM users u JOIN user_groups m ON m.userid = u.userid \
                         WHERE m.group_id = $1 ORDER BY u.username COLLATE {bytes}"
                    ),
                    agg = Self::JSON_ARRAY_AGG,
                    bytes = Self::BYTE_ORDER
                );
                let rows: Vec<UserRow> = sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_all(self.reader())
                    .await?;
                decode_all(rows)
            }
        }
    };
}

group_repo!(SqliteStore);
group_repo!(PgStore);
