//! Authorization codes, refresh tokens, revocations and consents.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::PgRow;

use super::{PgStore, json_list, map_unique, to_json_list};
use crate::db::{
    AuthContext, CodeRepo, ConsentRepo, DbResult, RefreshToken, RefreshTokenRepo, RevocationKind,
    RevocationRepo, Rotation, user_revocation_id,
};

fn auth_from_row(row: &PgRow) -> DbResult<AuthContext> {
    let amr: String = row.try_get("amr")?;
    Ok(AuthContext {
        userid: row.try_get("userid")?,
        sid: row.try_get("sid")?,
        auth_time: row.try_get("auth_time")?,
        amr: json_list(&amr)?,
        acr: row.try_get("acr")?,
    })
}

fn refresh_from_row(row: &PgRow) -> DbResult<RefreshToken> {
    Ok(RefreshToken {
        token_hash: row.try_get("token_hash")?,
        family_id: row.try_get("family_id")?,
        client_id: row.try_get("client_id")?,
        scope: row.try_get("scope")?,
        nonce: row.try_get("nonce")?,
        auth: auth_from_row(row)?,
        created_at: row.try_get("created_at")?,
        family_started_at: row.try_get("family_started_at")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

/// First key of the transaction-scoped advisory lock on a refresh-token
/// family (the second is `hashtext(family_id)`); the two-key lock space
/// does not overlap the one-key space.
///
/// Under READ COMMITTED a plain `UPDATE … WHERE family_id = …` revoking a
/// family reads the family as of the statement's start: a successor that a
/// concurrent rotation has inserted but not yet committed is not in that
/// snapshot and would stay live in a revoked family. `rotate` and
/// `revoke_family` therefore both hold this lock for their whole
/// transaction, and each takes its row snapshot only after acquiring it.
/// Families whose hashes collide merely serialise with each other.
const FAMILY_LOCK: i32 = 0x4c4b_5246; // "LKRF"

async fn insert_refresh<'e, E>(executor: E, t: &RefreshToken) -> DbResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Postgres>,
{
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, family_id, client_id, userid, scope, sid, auth_time, \
         amr, acr, nonce, created_at, expires_at, used_at, revoked_at, family_started_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&t.token_hash)
    .bind(&t.family_id)
    .bind(&t.client_id)
    .bind(&t.auth.userid)
    .bind(&t.scope)
    .bind(&t.auth.sid)
    .bind(t.auth.auth_time)
    .bind(to_json_list(&t.auth.amr))
    .bind(&t.auth.acr)
    .bind(&t.nonce)
    .bind(t.created_at)
    .bind(t.expires_at)
    .bind(t.used_at)
    .bind(t.revoked_at)
    .bind(t.family_started_at)
    .execute(executor)
    .await
    .map_err(map_unique)?;
    Ok(())
}

#[async_trait]
impl CodeRepo for PgStore {
    async fn spend(&self, code_hash: &str, grant_id: &str, expires_at: i64) -> DbResult<bool> {
        let result = sqlx::query(
            "INSERT INTO spent_codes (code_hash, grant_id, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (code_hash) DO NOTHING",
        )
        .bind(code_hash)
        .bind(grant_id)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

#[async_trait]
impl RefreshTokenRepo for PgStore {
    async fn create(&self, t: &RefreshToken) -> DbResult<()> {
        insert_refresh(&self.pool, t).await
    }

    async fn get(&self, token_hash: &str) -> DbResult<Option<RefreshToken>> {
        let row = sqlx::query("SELECT * FROM refresh_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(refresh_from_row).transpose()
    }

    async fn rotate(
        &self,
        token_hash: &str,
        successor: &RefreshToken,
        now: i64,
    ) -> DbResult<Rotation> {
        let mut tx = self.pool.begin().await?;
        // Serialise with `revoke_family` (see `lock_family`): the UPDATE
        // below takes its snapshot only once the family lock is held, so
        // it sees any revocation committed before, and a revocation that
        // comes later waits until the successor is committed.
        sqlx::query(
            "SELECT pg_advisory_xact_lock($1, hashtext(family_id)) FROM refresh_tokens \
             WHERE token_hash = $2",
        )
        .bind(FAMILY_LOCK)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        let spent = sqlx::query(
            "UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $3 RETURNING *",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = spent {
            let old = refresh_from_row(&row)?;
            insert_refresh(&mut *tx, successor).await?;
            tx.commit().await?;
            return Ok(Rotation::Rotated(old));
        }
        let row = sqlx::query("SELECT * FROM refresh_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        match row {
            Some(row) => {
                let token = refresh_from_row(&row)?;
                if token.used_at.is_none() && token.revoked_at.is_none() {
                    // Merely expired: not a replay, just no longer valid.
                    Ok(Rotation::Unknown)
                } else {
                    Ok(Rotation::Reused(token))
                }
            }
            None => Ok(Rotation::Unknown),
        }
    }

    async fn revoke_family(&self, family_id: &str, now: i64) -> DbResult<()> {
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

    async fn revoke_for_user(&self, userid: &str, now: i64) -> DbResult<Vec<String>> {
        let mut families: Vec<String> = sqlx::query_scalar(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE userid = $2 AND revoked_at IS NULL \
             RETURNING family_id",
        )
        .bind(now)
        .bind(userid)
        .fetch_all(&self.pool)
        .await?;
        families.sort();
        families.dedup();
        Ok(families)
    }
}

#[async_trait]
impl RevocationRepo for PgStore {
    async fn revoke(&self, kind: RevocationKind, id: &str, expires_at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO revocations (id, kind, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET expires_at = GREATEST(revocations.expires_at, excluded.expires_at)",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn is_revoked(&self, grant_id: &str, jti: &str) -> DbResult<bool> {
        let found: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM revocations WHERE (id = $1 AND kind = 'grant') OR (id = $2 AND kind = 'token') LIMIT 1",
        )
        .bind(grant_id)
        .bind(jti)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn revoke_user(&self, userid: &str, before: i64, expires_at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO revocations (id, kind, expires_at, not_before) VALUES ($1, 'user', $2, $3) \
             ON CONFLICT (id) DO UPDATE SET \
             expires_at = GREATEST(revocations.expires_at, excluded.expires_at), \
             not_before = GREATEST(COALESCE(revocations.not_before, 0), excluded.not_before)",
        )
        .bind(user_revocation_id(userid))
        .bind(expires_at)
        .bind(before)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn user_revoked_before(&self, userid: &str) -> DbResult<Option<i64>> {
        let found: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT not_before FROM revocations WHERE id = $1 AND kind = 'user'",
        )
        .bind(user_revocation_id(userid))
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.flatten())
    }
}

#[async_trait]
impl ConsentRepo for PgStore {
    async fn get(&self, userid: &str, client_id: &str) -> DbResult<Option<Vec<String>>> {
        let scopes: Option<String> =
            sqlx::query_scalar("SELECT scopes FROM consents WHERE userid = $1 AND client_id = $2")
                .bind(userid)
                .bind(client_id)
                .fetch_optional(&self.pool)
                .await?;
        scopes.as_deref().map(json_list).transpose()
    }

    async fn put(
        &self,
        userid: &str,
        client_id: &str,
        scopes: &[String],
        now: i64,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO consents (userid, client_id, scopes, granted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (userid, client_id) DO UPDATE SET scopes = excluded.scopes, granted_at = excluded.granted_at",
        )
        .bind(userid)
        .bind(client_id)
        .bind(to_json_list(scopes))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn delete(&self, userid: &str, client_id: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM consents WHERE userid = $1 AND client_id = $2")
            .bind(userid)
            .bind(client_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
