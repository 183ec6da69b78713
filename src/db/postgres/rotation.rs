//! Refresh-token rotation on PostgreSQL: transactions serialised per family.

use super::PgStore;
use crate::db::sql::grants::{INSERT_REFRESH, not_rotated};
use crate::db::sql::map_unique;
use crate::db::sql::rows::{RefreshRow, decode_opt};
use crate::db::{DbResult, RefreshToken, Rotation};

/// First key of the transaction-scoped advisory lock on a refresh-token
/// family (the second is `hashtext(family_id)`); the two-key lock space
/// does not overlap the one-key space.
///
/// Under READ COMMITTED a plain `UPDATE … WHERE family_id = …` revoking a
/// family reads the family as of the statement's start: a successor that a
/// concurrent rotation has inserted but not yet committed is not in that
/// snapshot and would stay live in a revoked family. `rotate_refresh` and
/// `revoke_refresh_family` therefore both hold this lock for their whole
/// transaction, and each takes its row snapshot only after acquiring it.
/// Families whose hashes collide merely serialise with each other.
const FAMILY_LOCK: i32 = 0x4c4b_5246; // "LKRF"

impl PgStore {
    /// [`RefreshTokenRepo::rotate`](crate::db::RefreshTokenRepo::rotate).
    pub(crate) async fn rotate_refresh(
        &self,
        token_hash: &str,
        successor: &RefreshToken,
        now: i64,
    ) -> DbResult<Rotation> {
        let mut tx = self.pool.begin().await?;
        // Serialise with `revoke_refresh_family` (see `FAMILY_LOCK`): the
        // UPDATE below takes its snapshot only once the family lock is held,
        // so it sees any revocation committed before, and a revocation that
        // comes later waits until the successor is committed.
        sqlx::query(
            "SELECT pg_advisory_xact_lock($1, hashtext(family_id)) FROM refresh_tokens \
             WHERE token_hash = $2",
        )
        .bind(FAMILY_LOCK)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        let spent: Option<RefreshRow> = sqlx::query_as(
            "UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $1 RETURNING *",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = spent {
            let old = row.try_into()?;
            Self::bind_refresh(sqlx::query(INSERT_REFRESH), successor)
                .execute(&mut *tx)
                .await
                .map_err(map_unique)?;
            tx.commit().await?;
            return Ok(Rotation::Rotated(old));
        }
        let row: Option<RefreshRow> =
            sqlx::query_as("SELECT * FROM refresh_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(not_rotated(decode_opt(row)?))
    }

    /// [`RefreshTokenRepo::revoke_family`](crate::db::RefreshTokenRepo::revoke_family).
    pub(crate) async fn revoke_refresh_family(&self, family_id: &str, now: i64) -> DbResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind(FAMILY_LOCK)
            .bind(family_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(family_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
