//! Registered relying parties.

use std::collections::HashSet;
use std::sync::Arc;

use async_trait::async_trait;

use super::rows::{ClientRow, decode_all, decode_opt};
use super::{Conn, Dialect, expect_one, json_list, map_unique, to_json_list, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{Client, ClientRepo, DbError, DbResult, Page};
use crate::domain::client_jwks::ClientJwks;
use crate::domain::origin::of_redirect_uri;

/// The columns of a [`ClientRow`] from `clients c`, with `{agg}` the
/// dialect's [`Dialect::JSON_ARRAY_AGG`].
macro_rules! client_columns {
    () => {
        "c.*, (SELECT CAST({agg}(g.name) AS TEXT) FROM client_groups cg \
          JOIN groups g ON g.id = cg.group_id WHERE cg.client_id = c.client_id) AS allowed_groups"
    };
}

/// A client's allowed groups as stored: sorted, without duplicates.
fn group_set(groups: &[String]) -> Vec<String> {
    let mut groups = groups.to_vec();
    groups.sort();
    groups.dedup();
    groups
}

/// Implements [`ClientRepo`] for a store.
macro_rules! client_repo {
    ($store:ty) => {
        impl $store {
            /// Replaces the groups `client_id` is restricted to; `NotFound`
            /// when one of them does not exist.
            async fn write_allowed_groups(
                conn: &mut Conn<Self>,
                client_id: &str,
                groups: &[String],
            ) -> DbResult<()> {
                sqlx::query("DELETE FROM client_groups WHERE client_id = $1")
                    .bind(client_id)
                    .execute(&mut *conn)
                    .await?;
                for group in group_set(groups) {
                    let result = sqlx::query(
                        "INSERT INTO client_groups (client_id, group_id) \
                         SELECT $1, id FROM groups WHERE name = $2 ON CONFLICT DO NOTHING",
                    )
                    .bind(client_id)
                    .bind(&group)
                    .execute(&mut *conn)
                    .await?;
                    if result.rows_affected() == 0 {
                        return Err(DbError::NotFound);
                    }
                }
                Ok(())
            }
        }

        #[async_trait]
        impl ClientRepo for $store {
            #[tracing::instrument(target = "otel", name = "ClientRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.create"))]
            async fn create(&self, c: &Client) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                sqlx::query(
                    "INSERT INTO clients (client_id, name, secret_hash, public, redirect_uris, \
                     post_logout_redirect_uris, grant_types, scopes, skip_consent, resource_server, \
                     id_token_alg, created_at, updated_at, claim_mapping, \
                     logo_uri, client_uri, policy_uri, tos_uri, jwks, secret_sealed, allowed_origins, require_mfa, \
                     require_par, require_dpop, backchannel_logout_uri, \
                     backchannel_logout_session_required) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
                     $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)",
                )
                .bind(c.client_id.as_str())
                .bind(&c.name)
                .bind(&c.secret_hash)
                .bind(c.public)
                .bind(to_json_list(&c.redirect_uris))
                .bind(to_json_list(&c.post_logout_redirect_uris))
                .bind(to_json_list(&c.grant_types))
                .bind(to_json_list(&c.scopes))
                .bind(c.skip_consent)
                .bind(c.resource_server)
                .bind(c.id_token_alg.as_str())
                .bind(c.created_at)
                .bind(c.updated_at)
                .bind(c.claim_mapping.to_json())
                .bind(&c.branding.logo_uri)
                .bind(&c.branding.client_uri)
                .bind(&c.branding.policy_uri)
                .bind(&c.branding.tos_uri)
                .bind(c.jwks.as_ref().map(ClientJwks::to_json_string))
                .bind(&c.secret_sealed)
                .bind(to_json_list(&c.allowed_origins))
                .bind(c.require_mfa)
                .bind(c.require_par)
                .bind(c.require_dpop)
                .bind(&c.backchannel_logout_uri)
                .bind(c.backchannel_logout_session_required)
                .execute(&mut *tx)
                .await
                .map_err(map_unique)?;
                Self::write_allowed_groups(&mut tx, c.client_id.as_str(), &c.allowed_groups)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ClientRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.get"))]
            async fn get(&self, client_id: &str) -> DbResult<Option<Client>> {
                let sql = format!(
                    concat!("SELECT ", client_columns!(), " FROM clients c WHERE c.client_id = $1"),
                    agg = Self::JSON_ARRAY_AGG
                );
                let row: Option<ClientRow> = sqlx::query_as(&sql)
                    .bind(client_id)
                    .fetch_optional(self.reader())
                    .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "ClientRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.list"))]
            async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Client>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    concat!(
                        "SELECT ",
                        client_columns!(),
                        " FROM clients c ORDER BY c.name COLLATE {c}, c.client_id COLLATE {c} \
                         LIMIT $1 OFFSET $2"
                    ),
                    agg = Self::JSON_ARRAY_AGG,
                    c = Self::BYTE_ORDER
                );
                let rows: Vec<ClientRow> = sqlx::query_as(&sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                let items = decode_all(rows)?;
                Ok(Page { items, total })
            }

            #[tracing::instrument(target = "otel", name = "ClientRepo.update", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.update"))]
            async fn update(&self, c: &Client) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let result = sqlx::query(
                    "UPDATE clients SET name = $1, secret_hash = $2, public = $3, redirect_uris = $4, \
                     post_logout_redirect_uris = $5, grant_types = $6, scopes = $7, skip_consent = $8, \
                     resource_server = $9, id_token_alg = $10, updated_at = $11, claim_mapping = $13, \
                     logo_uri = $14, client_uri = $15, policy_uri = $16, tos_uri = $17, \
                     jwks = $18, secret_sealed = $19, allowed_origins = $20, require_mfa = $21, \
                     require_par = $22, require_dpop = $23, backchannel_logout_uri = $24, \
                     backchannel_logout_session_required = $25 \
                     WHERE client_id = $12",
                )
                .bind(&c.name)
                .bind(&c.secret_hash)
                .bind(c.public)
                .bind(to_json_list(&c.redirect_uris))
                .bind(to_json_list(&c.post_logout_redirect_uris))
                .bind(to_json_list(&c.grant_types))
                .bind(to_json_list(&c.scopes))
                .bind(c.skip_consent)
                .bind(c.resource_server)
                .bind(c.id_token_alg.as_str())
                .bind(c.updated_at)
                .bind(c.client_id.as_str())
                .bind(c.claim_mapping.to_json())
                .bind(&c.branding.logo_uri)
                .bind(&c.branding.client_uri)
                .bind(&c.branding.policy_uri)
                .bind(&c.branding.tos_uri)
                .bind(c.jwks.as_ref().map(ClientJwks::to_json_string))
                .bind(&c.secret_sealed)
                .bind(to_json_list(&c.allowed_origins))
                .bind(c.require_mfa)
                .bind(c.require_par)
                .bind(c.require_dpop)
                .bind(&c.backchannel_logout_uri)
                .bind(c.backchannel_logout_session_required)
                .execute(&mut *tx)
                .await?;
                expect_one(result.rows_affected())?;
                Self::write_allowed_groups(&mut tx, c.client_id.as_str(), &c.allowed_groups)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ClientRepo.origins", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.origins"))]
            async fn origins(&self) -> DbResult<Arc<HashSet<String>>> {
                let rows: Vec<(String, String)> =
                    sqlx::query_as("SELECT redirect_uris, allowed_origins FROM clients")
                        .fetch_all(self.reader())
                        .await?;
                let mut all = HashSet::new();
                for (redirect_uris, allowed_origins) in rows {
                    let redirect_uris: Vec<String> = json_list(&redirect_uris)?;
                    all.extend(redirect_uris.iter().filter_map(|u| of_redirect_uri(u)));
                    all.extend(json_list(&allowed_origins)?);
                }
                Ok(Arc::new(all))
            }

            #[tracing::instrument(target = "otel", name = "ClientRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ClientRepo.delete"))]
            async fn delete(&self, client_id: &str) -> DbResult<()> {
                let result = sqlx::query("DELETE FROM clients WHERE client_id = $1")
                    .bind(client_id)
                    .execute(self.writer())
                    .await?;
                expect_one(result.rows_affected())
            }
        }
    };
}

client_repo!(SqliteStore);
client_repo!(PgStore);
