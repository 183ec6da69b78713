//! The SQLite backend: opening the database, the dialect's differences
//! ([`Dialect`]) and refresh-token rotation; the repositories' SQL is
//! shared with PostgreSQL (`db::sql`).
//!
//! One writer connection (SQLite allows one writer at a time, so queuing in
//! the pool beats lock contention and `SQLITE_BUSY`) and a pool of read-only
//! connections. WAL, foreign keys, `synchronous=NORMAL` and a busy timeout
//! for other processes (the CLI) that write beside a running server.

pub mod backup;
mod rotation;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::Sqlite;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::sql::{Dialect, pool_stats};
use super::{ConnectError, DbResult, PoolStats};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Repositories backed by one SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    write: SqlitePool,
    read: SqlitePool,
    /// Notified when a session end enqueued back-channel logout deliveries.
    logout_outbox: std::sync::Arc<tokio::sync::Notify>,
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
        Ok(Self {
            write,
            read,
            logout_outbox: std::sync::Arc::default(),
        })
    }

    /// Notified when a session end enqueued back-channel logout deliveries.
    pub(crate) fn logout_outbox(&self) -> &tokio::sync::Notify {
        &self.logout_outbox
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

impl Dialect for SqliteStore {
    type Db = Sqlite;

    const SYSTEM: &'static str = "sqlite";
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const BYTE_ORDER: &'static str = "BINARY";
    const ILIKE: &'static str = "LIKE";
    const FOR_UPDATE: &'static str = "";
    const GREATEST: &'static str = "MAX";
    const LEAST: &'static str = "MIN";
    const UNIX_NOW: &'static str = "unixepoch()";
    const JSON_ARRAY_AGG: &'static str = "json_group_array";
    const LOCK_KEY: Option<&'static str> = None;

    fn reader(&self) -> &SqlitePool {
        &self.read
    }

    fn writer(&self) -> &SqlitePool {
        &self.write
    }

    fn pool_stats(&self) -> Vec<PoolStats> {
        vec![
            pool_stats("write", &self.write),
            pool_stats("read", &self.read),
        ]
    }
}
