//! Refresh-token rotation on SQLite: one batch on the single writer.

use super::SqliteStore;
use crate::db::sql::grants::not_rotated;
use crate::db::sql::map_unique;
use crate::db::sql::rows::{RefreshRow, decode_opt};
use crate::db::{DbResult, RefreshToken, Rotation};

/// Refresh-token rotation in one batch of two statements (see
/// `rotate_refresh`): `$1` now, `$2` the old token's hash, `$3`–`$19` the
/// successor (as `bind_refresh` binds it).
const ROTATE: &str = "\
INSERT INTO refresh_tokens (token_hash, family_id, client_id, userid, scope, sid, auth_time, \
 amr, acr, nonce, created_at, expires_at, used_at, revoked_at, family_started_at, claims_request, \
 dpop_jkt) \
 SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19 \
 WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE token_hash = $2 AND used_at IS NULL \
 AND revoked_at IS NULL AND expires_at > $1); \
UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
 AND revoked_at IS NULL AND expires_at > $1 RETURNING *;";

impl SqliteStore {
    /// [`RefreshTokenRepo::rotate`](crate::db::RefreshTokenRepo::rotate).
    pub(crate) async fn rotate_refresh(
        &self,
        token_hash: &str,
        successor: &RefreshToken,
        now: i64,
    ) -> DbResult<Rotation> {
        // One round trip to the writer, so the single write connection is
        // never held while this task waits to be scheduled. No transaction
        // is needed: the successor is inserted first, and only while the
        // old token is live; the old token is then spent. If the old token
        // was not spent by this call (another process won the race), the
        // successor, whose secret nobody has seen, is deleted again below.
        // A crash between the statements leaves at most such an unusable
        // successor behind.
        let spent: Vec<RefreshRow> =
            Self::bind_refresh(sqlx::query(ROTATE).bind(now).bind(token_hash), successor)
                .try_map(|row| sqlx::FromRow::from_row(&row))
                .fetch_all(&self.write)
                .await
                .map_err(map_unique)?;
        if let Some(row) = spent.into_iter().next() {
            return Ok(Rotation::Rotated(row.try_into()?));
        }
        // Not rotated. If another rotation spent the token between the two
        // statements, this call's successor was inserted: take it back.
        sqlx::query("DELETE FROM refresh_tokens WHERE token_hash = $1")
            .bind(&successor.token_hash)
            .execute(&self.write)
            .await?;
        let row: Option<RefreshRow> =
            sqlx::query_as("SELECT * FROM refresh_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.write)
                .await?;
        Ok(not_rotated(decode_opt(row)?))
    }

    /// [`RefreshTokenRepo::revoke_family`](crate::db::RefreshTokenRepo::revoke_family).
    pub(crate) async fn revoke_refresh_family(&self, family_id: &str, now: i64) -> DbResult<()> {
        // Cannot miss a successor being inserted by `rotate_refresh`, unlike
        // a READ COMMITTED UPDATE on PostgreSQL (see `postgres::rotation`):
        // SQLite has one writer at a time (and this process one write
        // connection), and a write always reads the newest committed state.
        // So this UPDATE runs either before the rotation's INSERT, whose
        // liveness condition then fails, or after it, and then revokes the
        // successor too; if it runs between the rotation's two statements,
        // the old token is revoked, the spending UPDATE matches nothing, and
        // the successor is deleted.
        sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(family_id)
        .execute(&self.write)
        .await?;
        Ok(())
    }
}
