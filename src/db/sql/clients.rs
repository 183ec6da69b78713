//! Registered relying parties.

use async_trait::async_trait;

use super::rows::{ClientRow, decode_all, decode_opt};
use super::{Dialect, expect_one, map_unique, to_json_list, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{Client, ClientRepo, DbResult, Page};

/// Implements [`ClientRepo`] for a store.
macro_rules! client_repo {
    ($store:ty) => {
        #[async_trait]
        impl ClientRepo for $store {
            async fn create(&self, c: &Client) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO clients (client_id, name, secret_hash, public, redirect_uris, \
                     post_logout_redirect_uris, grant_types, scopes, skip_consent, resource_server, \
                     id_token_alg, created_at, updated_at, claim_mapping) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
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
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                Ok(())
            }

            async fn get(&self, client_id: &str) -> DbResult<Option<Client>> {
                let row: Option<ClientRow> =
                    sqlx::query_as("SELECT * FROM clients WHERE client_id = $1")
                        .bind(client_id)
                        .fetch_optional(self.reader())
                        .await?;
                decode_opt(row)
            }

            async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Client>> {
                let (offset, limit) = window(offset, limit);
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients")
                    .fetch_one(self.reader())
                    .await?;
                let sql = format!(
                    "SELECT * FROM clients ORDER BY name COLLATE {c}, client_id COLLATE {c} \
                     LIMIT $1 OFFSET $2",
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

            async fn update(&self, c: &Client) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE clients SET name = $1, secret_hash = $2, public = $3, redirect_uris = $4, \
                     post_logout_redirect_uris = $5, grant_types = $6, scopes = $7, skip_consent = $8, \
                     resource_server = $9, id_token_alg = $10, updated_at = $11, claim_mapping = $13 \
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
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

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
