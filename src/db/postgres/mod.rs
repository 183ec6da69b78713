//! The PostgreSQL backend: connecting, the dialect's differences
//! ([`Dialect`]) and refresh-token rotation; the repositories' SQL is
//! shared with SQLite (`db::sql`).
//!
//! One connection pool shared by every repository. Several Latchkey
//! instances may share the database: every state change that must happen
//! once (spending a code, rotating a refresh token, taking a ceremony, using
//! an invite) is a single conditional `UPDATE`/`DELETE … RETURNING` or runs
//! in a transaction behind one, so racing instances see exactly one success.
//! Migrations take PostgreSQL's advisory lock, so instances starting together
//! apply them once.

mod rotation;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, Postgres};

use super::sql::Dialect;
use super::{ConnectError, PoolStats};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections each instance keeps at most, unless configured
/// (`LATCHKEY_DATABASE_POOL_SIZE`). Measured in docs/benchmarks.md.
pub const DEFAULT_POOL_SIZE: u32 = 10;

/// A connection that has sat idle in the pool this long is pinged before it
/// is handed out; a recently used one is not. sqlx's default pings before
/// every acquire, one extra round trip per query (measured in
/// docs/benchmarks.md). A connection broken while idle (a restarted or
/// failed-over server, a firewall dropping quiet connections) is then found
/// by the ping and replaced, and one broken while busy fails its query,
/// which closes it, as it would with the ping.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(30);

/// Repositories backed by one PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    /// Notified when a session end enqueued back-channel logout deliveries.
    logout_outbox: std::sync::Arc<tokio::sync::Notify>,
}

impl PgStore {
    /// Connects to the database at `url` and applies pending migrations.
    /// Keeps at most `pool_size` connections.
    pub async fn open(url: &str, pool_size: u32) -> Result<Self, ConnectError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(ConnectError::Open)?
            .application_name("latchkey");
        let pool = PgPoolOptions::new()
            .max_connections(pool_size.max(1))
            .min_connections(0)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_WHEN_IDLE_FOR {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .acquire_timeout(Duration::from_secs(30))
            .idle_timeout(Some(Duration::from_secs(300)))
            .connect_with(options)
            .await
            .map_err(ConnectError::Open)?;
        MIGRATOR.run(&pool).await?;
        Ok(Self {
            pool,
            logout_outbox: std::sync::Arc::default(),
        })
    }

    /// Notified when a session end enqueued back-channel logout deliveries.
    pub(crate) fn logout_outbox(&self) -> &tokio::sync::Notify {
        &self.logout_outbox
    }

    /// The underlying pool (tests and tools).
    #[must_use]
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl Dialect for PgStore {
    type Db = Postgres;

    const SYSTEM: &'static str = "postgresql";
    // Explicit: the locked check-then-write transactions (one account per
    // address, the last owner) need each statement to see what committed
    // before it, whatever `default_transaction_isolation` the operator set.
    const BEGIN_WRITE: &'static str = "BEGIN ISOLATION LEVEL READ COMMITTED";
    const BYTE_ORDER: &'static str = "\"C\"";
    const ILIKE: &'static str = "ILIKE";
    const FOR_UPDATE: &'static str = "FOR UPDATE";
    const GREATEST: &'static str = "GREATEST";
    const LEAST: &'static str = "LEAST";
    const UNIX_NOW: &'static str = "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
    const JSON_ARRAY_AGG: &'static str = "json_agg";
    const LOCK_KEY: Option<&'static str> = Some("SELECT pg_advisory_xact_lock($1, hashtext($2))");

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    /// Not reported (as before the backends shared their SQL).
    fn pool_stats(&self) -> Vec<PoolStats> {
        Vec::new()
    }
}
