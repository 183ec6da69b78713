//! The PostgreSQL backend: the only place with PostgreSQL SQL.
//!
//! One connection pool shared by every repository. Several Latchkey
//! instances may share the database: every state change that must happen
//! once (spending a code, rotating a refresh token, taking a ceremony, using
//! an invite) is a single conditional `UPDATE`/`DELETE … RETURNING` or runs
//! in a transaction behind one, so racing instances see exactly one success.
//! Migrations take PostgreSQL's advisory lock, so instances starting together
//! apply them once.

mod audit;
mod clients;
mod credentials;
mod grants;
mod invites;
mod keys;
mod limits;
mod sessions;
mod users;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgQueryResult};

use super::{ConnectError, DbError, DbResult, Maintenance};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections each instance keeps at most.
const MAX_CONNECTIONS: u32 = 10;

/// Unique constraints and the domain name each reports in
/// [`DbError::Conflict`]; the same names the SQLite backend reports.
const CONFLICTS: &[(&str, &str)] = &[
    ("users_username_key", "username"),
    ("users_pkey", "userid"),
    ("passkeys_credential_id_key", "credential"),
    ("invites_token_hash_key", "invite token"),
    ("invites_pkey", "invite"),
    ("clients_pkey", "client_id"),
    ("sessions_pkey", "session"),
    ("sessions_token_hash_key", "session"),
    ("auth_requests_pkey", "authorization request"),
    ("refresh_tokens_pkey", "refresh token"),
    ("signing_keys_pkey", "kid"),
    ("ceremonies_pkey", "ceremony"),
];

/// Repositories backed by one PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database at `url` and applies pending migrations.
    pub async fn open(url: &str) -> Result<Self, ConnectError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(ConnectError::Open)?
            .application_name("latchkey");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(30))
            .idle_timeout(Some(Duration::from_secs(300)))
            .connect_with(options)
            .await
            .map_err(ConnectError::Open)?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }

    /// The underlying pool (tests and tools).
    #[must_use]
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Maps a unique violation to [`DbError::Conflict`] by constraint name;
/// anything else stays a database error.
pub(crate) fn map_unique(err: sqlx::Error) -> DbError {
    if let sqlx::Error::Database(db) = &err
        && db.is_unique_violation()
    {
        let constraint = db.constraint().unwrap_or_default();
        let name = CONFLICTS
            .iter()
            .find(|(c, _)| *c == constraint)
            .map_or("record", |(_, name)| *name);
        return DbError::Conflict(name);
    }
    DbError::Database(err)
}

/// Decodes a JSON list of strings stored in a TEXT column.
pub(crate) fn json_list(text: &str) -> DbResult<Vec<String>> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(e.to_string()))
}

/// Encodes a list of strings for a TEXT column.
pub(crate) fn to_json_list(items: &[String]) -> String {
    serde_json::Value::from(items.to_vec()).to_string()
}

/// Fails with `NotFound` when an update touched no row.
pub(crate) fn expect_one(result: &PgQueryResult) -> DbResult<()> {
    if result.rows_affected() == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// `LIMIT`/`OFFSET` with SQLite's meaning: a negative limit is no limit and
/// a negative offset is none (PostgreSQL rejects both).
pub(crate) fn window(offset: i64, limit: i64) -> (i64, i64) {
    (offset.max(0), if limit < 0 { i64::MAX } else { limit })
}

#[async_trait]
impl Maintenance for PgStore {
    async fn purge_expired(&self, now: i64) -> DbResult<u64> {
        let mut total = 0;
        for statement in [
            "DELETE FROM sessions WHERE expires_at <= $1",
            "DELETE FROM auth_requests WHERE expires_at <= $1",
            "DELETE FROM spent_codes WHERE expires_at <= $1",
            "DELETE FROM refresh_tokens WHERE expires_at <= $1",
            "DELETE FROM revocations WHERE expires_at <= $1",
            "DELETE FROM ceremonies WHERE expires_at <= $1",
            "DELETE FROM rate_limits WHERE expires_at <= $1",
        ] {
            total += sqlx::query(statement)
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        // Spent invites stay visible to administrators for a week.
        total += sqlx::query("DELETE FROM invites WHERE expires_at <= $1")
            .bind(now - 7 * 86_400)
            .execute(&self.pool)
            .await?
            .rows_affected();
        // Attempt counters whose window and lockout are long over.
        total += sqlx::query(
            "DELETE FROM login_attempts WHERE updated_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)",
        )
        .bind(now - 86_400)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(total)
    }

    async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
