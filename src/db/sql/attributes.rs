//! Custom attributes of groups, and a user's groups with theirs.

use async_trait::async_trait;

use super::{Dialect, expect_one, json_attributes, to_json_attributes};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{AttributeRepo, DbResult, MemberGroup};
use crate::domain::claim_mapping::Attributes;

/// A `groups` row as [`AttributeRepo::member_groups`] reads it.
#[derive(sqlx::FromRow)]
struct MemberGroupRow {
    id: i64,
    name: String,
    attributes: String,
}

/// Implements [`AttributeRepo`] for a store.
macro_rules! attribute_repo {
    ($store:ty) => {
        #[async_trait]
        impl AttributeRepo for $store {
            #[tracing::instrument(target = "otel", name = "AttributeRepo.member_groups", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AttributeRepo.member_groups"))]
            async fn member_groups(&self, userid: &str) -> DbResult<Vec<MemberGroup>> {
                let sql = format!(
                    "SELECT g.id, g.name, g.attributes FROM user_groups ug \
                     JOIN groups g ON g.id = ug.group_id WHERE ug.userid = $1 \
                     ORDER BY g.name COLLATE {}",
                    Self::BYTE_ORDER
                );
                let rows: Vec<MemberGroupRow> = sqlx::query_as(&sql)
                    .bind(userid)
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(MemberGroup {
                            id: r.id,
                            name: r.name,
                            attributes: json_attributes(&r.attributes)?,
                        })
                    })
                    .collect()
            }

            #[tracing::instrument(target = "otel", name = "AttributeRepo.group_attributes", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AttributeRepo.group_attributes"))]
            async fn group_attributes(&self, name: &str) -> DbResult<Option<Attributes>> {
                let text: Option<String> =
                    sqlx::query_scalar("SELECT attributes FROM groups WHERE name = $1")
                        .bind(name)
                        .fetch_optional(self.reader())
                        .await?;
                text.as_deref().map(json_attributes).transpose()
            }

            #[tracing::instrument(target = "otel", name = "AttributeRepo.set_group_attributes", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AttributeRepo.set_group_attributes"))]
            async fn set_group_attributes(
                &self,
                name: &str,
                attributes: &Attributes,
            ) -> DbResult<()> {
                let result = sqlx::query("UPDATE groups SET attributes = $1 WHERE name = $2")
                    .bind(to_json_attributes(attributes))
                    .bind(name)
                    .execute(self.writer())
                    .await?;
                expect_one(result.rows_affected())
            }
        }
    };
}

attribute_repo!(SqliteStore);
attribute_repo!(PgStore);
