//! Registered relying parties.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, expect_one, json_list, map_unique, to_json_list};
use crate::db::{Client, ClientRepo, DbResult, Page};

fn client_from_row(row: &SqliteRow) -> DbResult<Client> {
    let redirect_uris: String = row.try_get("redirect_uris")?;
    let post_logout: String = row.try_get("post_logout_redirect_uris")?;
    let grant_types: String = row.try_get("grant_types")?;
    let scopes: String = row.try_get("scopes")?;
    Ok(Client {
        client_id: row.try_get("client_id")?,
        name: row.try_get("name")?,
        secret_hash: row.try_get("secret_hash")?,
        public: row.try_get("public")?,
        redirect_uris: json_list(&redirect_uris)?,
        post_logout_redirect_uris: json_list(&post_logout)?,
        grant_types: json_list(&grant_types)?,
        scopes: json_list(&scopes)?,
        skip_consent: row.try_get("skip_consent")?,
        resource_server: row.try_get("resource_server")?,
        id_token_alg: row.try_get("id_token_alg")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

#[async_trait]
impl ClientRepo for SqliteStore {
    async fn create(&self, c: &Client) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO clients (client_id, name, secret_hash, public, redirect_uris, \
             post_logout_redirect_uris, grant_types, scopes, skip_consent, resource_server, id_token_alg, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&c.client_id)
        .bind(&c.name)
        .bind(&c.secret_hash)
        .bind(c.public)
        .bind(to_json_list(&c.redirect_uris))
        .bind(to_json_list(&c.post_logout_redirect_uris))
        .bind(to_json_list(&c.grant_types))
        .bind(to_json_list(&c.scopes))
        .bind(c.skip_consent)
        .bind(c.resource_server)
        .bind(&c.id_token_alg)
        .bind(c.created_at)
        .bind(c.updated_at)
        .execute(&self.write)
        .await
        .map_err(|e| map_unique(e, &[("clients.client_id", "client_id")]))?;
        Ok(())
    }

    async fn get(&self, client_id: &str) -> DbResult<Option<Client>> {
        let row = sqlx::query("SELECT * FROM clients WHERE client_id = ?")
            .bind(client_id)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(client_from_row).transpose()
    }

    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Client>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients")
            .fetch_one(&self.read)
            .await?;
        let rows = sqlx::query("SELECT * FROM clients ORDER BY name, client_id LIMIT ? OFFSET ?")
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.read)
            .await?;
        let items = rows.iter().map(client_from_row).collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }

    async fn update(&self, c: &Client) -> DbResult<()> {
        let result = sqlx::query(
            "UPDATE clients SET name = ?, secret_hash = ?, public = ?, redirect_uris = ?, \
             post_logout_redirect_uris = ?, grant_types = ?, scopes = ?, skip_consent = ?, \
             resource_server = ?, id_token_alg = ?, updated_at = ? WHERE client_id = ?",
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
        .bind(&c.id_token_alg)
        .bind(c.updated_at)
        .bind(&c.client_id)
        .execute(&self.write)
        .await?;
        expect_one(&result)
    }

    async fn delete(&self, client_id: &str) -> DbResult<()> {
        let result = sqlx::query("DELETE FROM clients WHERE client_id = ?")
            .bind(client_id)
            .execute(&self.write)
            .await?;
        expect_one(&result)
    }
}
