//! Signing keys, sign-in throttling and WebAuthn ceremony state.

use async_trait::async_trait;
use sqlx::Row;

use super::{PgStore, map_unique};
use crate::db::{
    Ceremony, CeremonyRepo, DbResult, SigningKeyRecord, SigningKeyRepo, ThrottleRepo, ThrottleState,
};

#[async_trait]
impl SigningKeyRepo for PgStore {
    async fn insert(&self, k: &SigningKeyRecord) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at, retired_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&k.kid)
        .bind(&k.alg)
        .bind(&k.private_key)
        .bind(&k.public_jwk)
        .bind(k.created_at)
        .bind(k.retired_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn list(&self) -> DbResult<Vec<SigningKeyRecord>> {
        let rows = sqlx::query("SELECT * FROM signing_keys ORDER BY created_at, kid COLLATE \"C\"")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(SigningKeyRecord {
                    kid: row.try_get("kid")?,
                    alg: row.try_get("alg")?,
                    private_key: row.try_get("private_key")?,
                    public_jwk: row.try_get("public_jwk")?,
                    created_at: row.try_get("created_at")?,
                    retired_at: row.try_get("retired_at")?,
                })
            })
            .collect()
    }

    async fn retire_others(&self, alg: &str, keep_kid: &str, now: i64) -> DbResult<()> {
        sqlx::query(
            "UPDATE signing_keys SET retired_at = $1 WHERE alg = $2 AND kid <> $3 AND retired_at IS NULL",
        )
        .bind(now)
        .bind(alg)
        .bind(keep_kid)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn delete_retired_before(&self, before: i64) -> DbResult<u64> {
        Ok(
            sqlx::query(
                "DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < $1",
            )
            .bind(before)
            .execute(&self.pool)
            .await?
            .rows_affected(),
        )
    }
}

#[async_trait]
impl ThrottleRepo for PgStore {
    async fn get(&self, username: &str) -> DbResult<Option<ThrottleState>> {
        let row = sqlx::query("SELECT * FROM login_throttle WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(ThrottleState {
                username: row.try_get("username")?,
                failures: row.try_get("failures")?,
                window_start: row.try_get("window_start")?,
                locked_until: row.try_get("locked_until")?,
                lockouts: row.try_get("lockouts")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .transpose()
    }

    async fn put(&self, s: &ThrottleState) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO login_throttle (username, failures, window_start, locked_until, lockouts, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, \
             window_start = excluded.window_start, locked_until = excluded.locked_until, \
             lockouts = excluded.lockouts, updated_at = excluded.updated_at",
        )
        .bind(&s.username)
        .bind(s.failures)
        .bind(s.window_start)
        .bind(s.locked_until)
        .bind(s.lockouts)
        .bind(s.updated_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn clear(&self, username: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM login_throttle WHERE username = $1")
            .bind(username)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl CeremonyRepo for PgStore {
    async fn put(&self, c: &Ceremony) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO ceremonies (id, kind, userid, state, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&c.id)
        .bind(&c.kind)
        .bind(&c.userid)
        .bind(&c.state)
        .bind(c.expires_at)
        .execute(&self.pool)
        .await
        .map_err(map_unique)?;
        Ok(())
    }

    async fn take(&self, id: &str, now: i64) -> DbResult<Option<Ceremony>> {
        let row = sqlx::query("DELETE FROM ceremonies WHERE id = $1 RETURNING *")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let ceremony = Ceremony {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            userid: row.try_get("userid")?,
            state: row.try_get("state")?,
            expires_at: row.try_get("expires_at")?,
        };
        Ok((ceremony.expires_at > now).then_some(ceremony))
    }
}
