//! Clients' uploaded logos.

use async_trait::async_trait;

use super::Dialect;
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{ClientLogo, ClientLogoRepo, DbError, DbResult};

/// Implements [`ClientLogoRepo`] for a store.
macro_rules! client_logo_repo {
    ($store:ty) => {
        #[async_trait]
        impl ClientLogoRepo for $store {
            async fn get(&self, client_id: &str) -> DbResult<Option<ClientLogo>> {
                Ok(sqlx::query_as(
                    "SELECT client_id, content_type, image, hash, updated_at \
                     FROM client_logos WHERE client_id = $1",
                )
                .bind(client_id)
                .fetch_optional(self.reader())
                .await?)
            }

            async fn hash(&self, client_id: &str) -> DbResult<Option<String>> {
                Ok(
                    sqlx::query_scalar("SELECT hash FROM client_logos WHERE client_id = $1")
                        .bind(client_id)
                        .fetch_optional(self.reader())
                        .await?,
                )
            }

            async fn put(&self, logo: &ClientLogo) -> DbResult<()> {
                let stored = sqlx::query(
                    "INSERT INTO client_logos (client_id, content_type, image, hash, updated_at) \
                     SELECT $1, $2, $3, $4, $5 \
                     WHERE EXISTS (SELECT 1 FROM clients WHERE client_id = $1) \
                     ON CONFLICT (client_id) DO UPDATE SET content_type = excluded.content_type, \
                     image = excluded.image, hash = excluded.hash, updated_at = excluded.updated_at",
                )
                .bind(&logo.client_id)
                .bind(&logo.content_type)
                .bind(&logo.bytes)
                .bind(&logo.hash)
                .bind(logo.updated_at)
                .execute(self.writer())
                .await?
                .rows_affected();
                if stored == 0 {
                    return Err(DbError::NotFound);
                }
                Ok(())
            }

            async fn delete(&self, client_id: &str) -> DbResult<bool> {
                let gone = sqlx::query("DELETE FROM client_logos WHERE client_id = $1")
                    .bind(client_id)
                    .execute(self.writer())
                    .await?
                    .rows_affected();
                Ok(gone > 0)
            }
        }
    };
}

client_logo_repo!(SqliteStore);
client_logo_repo!(PgStore);
