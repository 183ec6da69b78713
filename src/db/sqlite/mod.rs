//! The SQLite backend: the only place with SQLite SQL.
//!
//! One writer connection (SQLite allows one writer at a time, so queuing in
//! the pool beats lock contention and `SQLITE_BUSY`) and a pool of read-only
//! connections. WAL, foreign keys, `synchronous=NORMAL` and a busy timeout
//! for other processes (the CLI) that write beside a running server.

mod audit;
pub mod backup;
mod clients;
mod credentials;
mod grants;
mod invites;
mod keys;
mod limits;
mod sessions;
mod users;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::{ConnectError, DbError, DbResult, Maintenance, PoolStats};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Repositories backed by one SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` and applies migrations.
    pub async fn open(url: &str) -> Result<Self, ConnectError> {
        let base = SqliteConnectOptions::from_str(url)
            .map_err(ConnectError::Open)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("temp_store", "memory")
            .pragma("cache_size", "-4096");
        if let Some(parent) = Path::new(base.get_filename()).parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|source| ConnectError::Folder {
                path: parent.display().to_string(),
                source,
            })?;
        }
        // No ping before each use (sqlx's default): a connection to a local
        // file cannot go stale, and the ping is one more round trip to the
        // connection's worker thread on every query.
        let write = SqlitePoolOptions::new()
            .test_before_acquire(false)
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(base.clone())
            .await
            .map_err(ConnectError::Open)?;
        MIGRATOR.run(&write).await?;
        // One reader per core: the hot reads are served from memory
        // (`db::cache`), and every connection costs a worker thread and a
        // page cache.
        let readers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let read = SqlitePoolOptions::new()
            .test_before_acquire(false)
            .max_connections(u32::try_from(readers).unwrap_or(4))
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(base.read_only(true))
            .await
            .map_err(ConnectError::Open)?;
        Ok(Self { write, read })
    }

    /// Writes a consistent copy of the database to `path` while it stays in use.
    pub async fn backup_to(&self, path: &str) -> DbResult<()> {
        sqlx::query("VACUUM INTO ?")
            .bind(path)
            .execute(&self.write)
            .await?;
        Ok(())
    }
}

/// Maps a unique-constraint violation to [`DbError::Conflict`], naming the
/// column from `names` (pairs of `table.column` as SQLite reports it, and the
/// domain name to report); anything else stays a database error.
pub(crate) fn map_unique(err: sqlx::Error, names: &[(&str, &'static str)]) -> DbError {
    if let sqlx::Error::Database(db) = &err
        && db.is_unique_violation()
    {
        let message = db.message();
        for (column, name) in names {
            if message.contains(column) {
                return DbError::Conflict(name);
            }
        }
        return DbError::Conflict("record");
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
pub(crate) fn expect_one(result: &sqlx::sqlite::SqliteQueryResult) -> DbResult<()> {
    if result.rows_affected() == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

#[async_trait]
impl Maintenance for SqliteStore {
    async fn purge_expired(&self, now: i64) -> DbResult<u64> {
        let mut total = 0;
        for statement in [
            "DELETE FROM sessions WHERE expires_at <= ?",
            "DELETE FROM auth_requests WHERE expires_at <= ?",
            "DELETE FROM spent_codes WHERE expires_at <= ?",
            "DELETE FROM refresh_tokens WHERE expires_at <= ?",
            "DELETE FROM revocations WHERE expires_at <= ?",
            "DELETE FROM ceremonies WHERE expires_at <= ?",
            "DELETE FROM rate_limits WHERE expires_at <= ?",
        ] {
            total += sqlx::query(statement)
                .bind(now)
                .execute(&self.write)
                .await?
                .rows_affected();
        }
        // Spent invites stay visible to administrators for a week.
        total += sqlx::query("DELETE FROM invites WHERE expires_at <= ?")
            .bind(now - 7 * 86_400)
            .execute(&self.write)
            .await?
            .rows_affected();
        // Attempt counters whose window and lockout are long over.
        total += sqlx::query(
            "DELETE FROM login_attempts WHERE updated_at <= ? AND (locked_until IS NULL OR locked_until <= ?)",
        )
        .bind(now - 86_400)
        .bind(now)
        .execute(&self.write)
        .await?
        .rows_affected();
        Ok(total)
    }

    async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    fn pool_stats(&self) -> Vec<PoolStats> {
        [("write", &self.write), ("read", &self.read)]
            .into_iter()
            .map(|(pool, p)| PoolStats {
                pool,
                size: p.size(),
                idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
                max: p.options().get_max_connections(),
            })
            .collect()
    }
}
