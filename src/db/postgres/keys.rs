//! Signing keys, sign-in throttling and WebAuthn ceremony state.

use async_trait::async_trait;
use sqlx::Row;

use super::{PgStore, expect_one, map_unique};
use crate::db::{
    AttemptRule, AttemptState, Ceremony, CeremonyRepo, DbResult, SigningKeyRecord, SigningKeyRepo,
    ThrottleRepo,
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

    async fn reseal(&self, kid: &str, private_key: &[u8]) -> DbResult<()> {
        let result = sqlx::query("UPDATE signing_keys SET private_key = $1 WHERE kid = $2")
            .bind(private_key)
            .bind(kid)
            .execute(&self.pool)
            .await?;
        expect_one(&result)
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

/// One attempt counted: the statement of [`ThrottleRepo::count_attempt`].
const COUNT_ATTEMPT: &str = "INSERT INTO login_attempts (key, attempts, window_start, locked_until, lockouts, \
             updated_at) VALUES ($1, 1, $2, NULL, 0, $2) ON CONFLICT (key) DO UPDATE SET \
             attempts = CASE WHEN login_attempts.locked_until > $2 THEN \
             login_attempts.attempts + 1 WHEN (login_attempts.locked_until IS NOT NULL OR $2 \
             - login_attempts.window_start >= $3) THEN 1 WHEN login_attempts.attempts + 1 > \
             $4 THEN $4 + 1 ELSE login_attempts.attempts + 1 END, window_start = CASE WHEN \
             login_attempts.locked_until > $2 THEN login_attempts.window_start WHEN \
             (login_attempts.locked_until IS NOT NULL OR $2 - login_attempts.window_start >= \
             $3) THEN $2 ELSE login_attempts.window_start END, locked_until = CASE WHEN \
             login_attempts.locked_until > $2 THEN login_attempts.locked_until WHEN \
             (login_attempts.locked_until IS NOT NULL OR $2 - login_attempts.window_start >= \
             $3) THEN NULL WHEN login_attempts.attempts + 1 > $4 THEN $2 + LEAST($5 << \
             LEAST(login_attempts.lockouts, 30)::int, $6) ELSE NULL END, lockouts = CASE WHEN \
             login_attempts.locked_until > $2 OR (login_attempts.locked_until IS NOT NULL OR \
             $2 - login_attempts.window_start >= $3) THEN login_attempts.lockouts WHEN \
             login_attempts.attempts + 1 > $4 THEN login_attempts.lockouts + 1 ELSE \
             login_attempts.lockouts END, updated_at = $2 RETURNING key, attempts, \
             window_start, locked_until, lockouts, updated_at";

fn attempt_state(row: &sqlx::postgres::PgRow) -> DbResult<AttemptState> {
    Ok(AttemptState {
        key: row.try_get("key")?,
        attempts: row.try_get("attempts")?,
        window_start: row.try_get("window_start")?,
        locked_until: row.try_get("locked_until")?,
        lockouts: row.try_get("lockouts")?,
        updated_at: row.try_get("updated_at")?,
    })
}

#[async_trait]
impl ThrottleRepo for PgStore {
    async fn count_attempt(
        &self,
        key: &str,
        now: i64,
        rule: &AttemptRule,
    ) -> DbResult<AttemptState> {
        let row = sqlx::query(COUNT_ATTEMPT)
            .bind(key)
            .bind(now)
            .bind(rule.window)
            .bind(rule.threshold)
            .bind(rule.lock_base)
            .bind(rule.lock_max)
            .fetch_one(&self.pool)
            .await?;
        attempt_state(&row)
    }

    async fn get(&self, key: &str) -> DbResult<Option<AttemptState>> {
        sqlx::query("SELECT * FROM login_attempts WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(attempt_state)
            .transpose()
    }

    async fn clear(&self, key: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM login_attempts WHERE key = $1")
            .bind(key)
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
