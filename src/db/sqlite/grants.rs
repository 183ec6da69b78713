//! Authorization codes, refresh tokens, revocations and consents.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, json_list, map_unique, to_json_list};
use crate::db::{
    AuthContext, CodeRepo, ConsentRepo, DbResult, RefreshToken, RefreshTokenRepo, RevocationKind,
    RevocationRepo, Rotation, user_revocation_id,
};

fn auth_from_row(row: &SqliteRow) -> DbResult<AuthContext> {
    let amr: String = row.try_get("amr")?;
    Ok(AuthContext {
        userid: row.try_get("userid")?,
        sid: row.try_get("sid")?,
        auth_time: row.try_get("auth_time")?,
        amr: json_list(&amr)?,
        acr: row.try_get("acr")?,
    })
}

fn refresh_from_row(row: &SqliteRow) -> DbResult<RefreshToken> {
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

type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds a refresh token's fifteen columns, in the table's order.
fn bind_refresh<'q>(query: SqliteQuery<'q>, t: &'q RefreshToken) -> SqliteQuery<'q> {
    query
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
}

async fn insert_refresh<'e, E>(executor: E, t: &RefreshToken) -> DbResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    bind_refresh(
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, family_id, client_id, userid, scope, sid, auth_time, \
             amr, acr, nonce, created_at, expires_at, used_at, revoked_at, family_started_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ),
        t,
    )
    .execute(executor)
    .await
    .map_err(|e| map_unique(e, &[("refresh_tokens.token_hash", "refresh token")]))?;
    Ok(())
}

#[async_trait]
impl CodeRepo for SqliteStore {
    async fn spend(&self, code_hash: &str, grant_id: &str, expires_at: i64) -> DbResult<bool> {
        let result = sqlx::query(
            "INSERT INTO spent_codes (code_hash, grant_id, expires_at) VALUES (?, ?, ?) \
             ON CONFLICT (code_hash) DO NOTHING",
        )
        .bind(code_hash)
        .bind(grant_id)
        .bind(expires_at)
        .execute(&self.write)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

/// Refresh-token rotation in one batch of two statements (see `rotate`):
/// ?1 now, ?2 the old token's hash, ?3-?17 the successor.
const ROTATE: &str = "\
INSERT INTO refresh_tokens (token_hash, family_id, client_id, userid, scope, sid, auth_time, \
 amr, acr, nonce, created_at, expires_at, used_at, revoked_at, family_started_at) \
 SELECT ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17 \
 WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE token_hash = ?2 AND used_at IS NULL \
 AND revoked_at IS NULL AND expires_at > ?1); \
UPDATE refresh_tokens SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL \
 AND revoked_at IS NULL AND expires_at > ?1 RETURNING *;";

#[async_trait]
impl RefreshTokenRepo for SqliteStore {
    async fn create(&self, t: &RefreshToken) -> DbResult<()> {
        insert_refresh(&self.write, t).await
    }

    async fn get(&self, token_hash: &str) -> DbResult<Option<RefreshToken>> {
        let row = sqlx::query("SELECT * FROM refresh_tokens WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(refresh_from_row).transpose()
    }

    async fn rotate(
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
        let t = successor;
        let rows = bind_refresh(sqlx::query(ROTATE).bind(now).bind(token_hash), t)
            .fetch_all(&self.write)
            .await
            .map_err(|e| map_unique(e, &[("refresh_tokens.token_hash", "refresh token")]))?;
        if let Some(row) = rows.first() {
            return Ok(Rotation::Rotated(refresh_from_row(row)?));
        }
        // Not rotated. If another rotation spent the token between the two
        // statements, this call's successor was inserted: take it back.
        sqlx::query("DELETE FROM refresh_tokens WHERE token_hash = ?")
            .bind(&t.token_hash)
            .execute(&self.write)
            .await?;
        let row = sqlx::query("SELECT * FROM refresh_tokens WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.write)
            .await?;
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
        // Cannot miss a successor being inserted by `rotate`, unlike a READ
        // COMMITTED UPDATE on PostgreSQL (see postgres/grants.rs): SQLite has
        // one writer at a time (and this process one write connection), and
        // a write always reads the newest committed state. So this UPDATE
        // runs either before `rotate`'s INSERT, whose liveness condition then
        // fails, or after it, and then revokes the successor too; if it
        // runs between `rotate`'s two statements, the old token is revoked,
        // the spending UPDATE matches nothing, and the successor is deleted.
        sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(family_id)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn revoke_for_user(&self, userid: &str, now: i64) -> DbResult<Vec<String>> {
        let mut families: Vec<String> = sqlx::query_scalar(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE userid = ? AND revoked_at IS NULL \
             RETURNING family_id",
        )
        .bind(now)
        .bind(userid)
        .fetch_all(&self.write)
        .await?;
        families.sort();
        families.dedup();
        Ok(families)
    }
}

#[async_trait]
impl RevocationRepo for SqliteStore {
    async fn revoke(&self, kind: RevocationKind, id: &str, expires_at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO revocations (id, kind, expires_at) VALUES (?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at)",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(expires_at)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn is_revoked(&self, grant_id: &str, jti: &str) -> DbResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM revocations WHERE (id = ? AND kind = 'grant') OR (id = ? AND kind = 'token') LIMIT 1",
        )
        .bind(grant_id)
        .bind(jti)
        .fetch_optional(&self.read)
        .await?;
        Ok(found.is_some())
    }

    async fn revoke_user(&self, userid: &str, before: i64, expires_at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO revocations (id, kind, expires_at, not_before) VALUES (?, 'user', ?, ?) \
             ON CONFLICT (id) DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at), \
             not_before = MAX(COALESCE(not_before, 0), excluded.not_before)",
        )
        .bind(user_revocation_id(userid))
        .bind(expires_at)
        .bind(before)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn user_revoked_before(&self, userid: &str) -> DbResult<Option<i64>> {
        let found: Option<Option<i64>> =
            sqlx::query_scalar("SELECT not_before FROM revocations WHERE id = ? AND kind = 'user'")
                .bind(user_revocation_id(userid))
                .fetch_optional(&self.read)
                .await?;
        Ok(found.flatten())
    }
}

#[async_trait]
impl ConsentRepo for SqliteStore {
    async fn get(&self, userid: &str, client_id: &str) -> DbResult<Option<Vec<String>>> {
        let scopes: Option<String> =
            sqlx::query_scalar("SELECT scopes FROM consents WHERE userid = ? AND client_id = ?")
                .bind(userid)
                .bind(client_id)
                .fetch_optional(&self.read)
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
            "INSERT INTO consents (userid, client_id, scopes, granted_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (userid, client_id) DO UPDATE SET scopes = excluded.scopes, granted_at = excluded.granted_at",
        )
        .bind(userid)
        .bind(client_id)
        .bind(to_json_list(scopes))
        .bind(now)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    async fn delete(&self, userid: &str, client_id: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM consents WHERE userid = ? AND client_id = ?")
            .bind(userid)
            .bind(client_id)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}
