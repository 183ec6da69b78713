//! The SQL of every repository, written once for both backends.
//!
//! Statements use numbered placeholders (`$1`, `$2`, …), which PostgreSQL
//! and sqlx's SQLite driver both bind by number, so one string serves both.
//! Each repository file writes its implementation once inside a
//! `macro_rules!` and expands it for [`SqliteStore`] and [`PgStore`]; what
//! really differs between the dialects is a [`Dialect`] constant, or (for
//! refresh-token rotation) a method each backend writes itself.

mod api_keys;
mod assertions;
mod attributes;
mod audit;
mod client_logos;
mod clients;
mod conflicts;
mod credentials;
mod device;
mod email;
pub(crate) mod grants;
mod groups;
mod invites;
mod keys;
mod limits;
mod logout_deliveries;
mod maintenance;
mod pending_steps;
mod pushed;
mod recovery_codes;
mod registrations;
pub(crate) mod rows;
mod second_factors;
mod sessions;
mod signups;
mod transfer;
mod users;

use sqlx::Pool;

pub(crate) use conflicts::map_unique;

use super::{DbError, DbResult, PoolStats};
#[cfg(doc)]
use super::{Maintenance, postgres::PgStore, sqlite::SqliteStore};

/// Whether an account has the address `$1`, whatever its case (sign-up's
/// one-account-per-address rule: [`crate::db::SignupRepo::address_in_use`]
/// and the locked check of `UserRepo::create_with_free_address`).
const ADDRESS_IN_USE: &str = "SELECT 1 FROM users WHERE LOWER(email) = LOWER($1) LIMIT 1";

/// What one SQL backend does its own way. Implemented by each store; the
/// repositories in this module reach their pools and the dialect's SQL
/// fragments through it.
pub(crate) trait Dialect {
    /// The sqlx driver.
    type Db: sqlx::Database;

    /// The database as OpenTelemetry names it (`db.system` of the
    /// repository spans): `sqlite` or `postgresql`.
    const SYSTEM: &'static str;

    /// Starts a write transaction (SQLite takes the write lock at once, so
    /// two writers never deadlock upgrading their read locks).
    const BEGIN_WRITE: &'static str;
    /// The collation that sorts text by its bytes, as SQLite's default
    /// does (PostgreSQL's default follows the locale): `ORDER BY name
    /// COLLATE {BYTE_ORDER}` orders alike on both.
    const BYTE_ORDER: &'static str;
    /// The `LIKE` that ignores ASCII case (SQLite's own `LIKE` does).
    const ILIKE: &'static str;
    /// The clause that locks the rows a `SELECT` reads until the
    /// transaction ends (empty on SQLite, whose write transaction already
    /// holds the database's write lock).
    const FOR_UPDATE: &'static str;
    /// The function giving the larger of two values.
    const GREATEST: &'static str;
    /// The function giving the smaller of two values.
    const LEAST: &'static str;
    /// The current time in Unix seconds, as an SQL expression.
    const UNIX_NOW: &'static str;
    /// The aggregate function that collects values into a JSON array
    /// (`NULL`, or `[]`, over no rows).
    const JSON_ARRAY_AGG: &'static str;
    /// A statement taking a lock held until the transaction ends on the
    /// key (`$1`, an `i32` naming what kind of thing is locked; `$2`, a
    /// text naming the thing): PostgreSQL's transaction-scoped advisory
    /// lock. `None` on SQLite, whose write transaction (`BEGIN_WRITE`)
    /// already holds the database's write lock.
    const LOCK_KEY: Option<&'static str>;

    /// The pool for statements that only read.
    fn reader(&self) -> &Pool<Self::Db>;
    /// The pool for statements that write.
    fn writer(&self) -> &Pool<Self::Db>;
    /// Usage of the pools, for [`Maintenance::pool_stats`].
    fn pool_stats(&self) -> Vec<PoolStats>;
}

/// Usage of `pool`, reported as `name`.
pub(crate) fn pool_stats<DB: sqlx::Database>(name: &'static str, pool: &Pool<DB>) -> PoolStats {
    PoolStats {
        pool: name,
        size: pool.size(),
        idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
        max: pool.options().get_max_connections(),
    }
}

/// A connection of store `S`'s driver.
pub(crate) type Conn<S> = <<S as Dialect>::Db as sqlx::Database>::Connection;

/// Decodes a JSON list of strings stored in a TEXT column.
pub(crate) fn json_list(text: &str) -> DbResult<Vec<String>> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(e.to_string()))
}

/// Decodes a JSON list stored in a TEXT column into parsed values; a value
/// that does not parse is [`DbError::Corrupt`], naming `what` it was.
pub(crate) fn parsed_list<T>(text: &str, what: &str) -> DbResult<Vec<T>>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    json_list(text)?
        .iter()
        .map(|item| {
            item.parse()
                .map_err(|e| DbError::Corrupt(format!("{what}: {e}")))
        })
        .collect()
}

/// Encodes a list of strings (or values written as strings) for a TEXT column.
pub(crate) fn to_json_list<S: AsRef<str>>(items: &[S]) -> String {
    serde_json::Value::from(items.iter().map(AsRef::as_ref).collect::<Vec<&str>>()).to_string()
}

/// Decodes a JSON object of attributes stored in a TEXT column.
pub(crate) fn json_attributes(text: &str) -> DbResult<crate::domain::claim_mapping::Attributes> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(format!("attributes: {e}")))
}

/// Encodes attributes for a TEXT column.
pub(crate) fn to_json_attributes(attributes: &crate::domain::claim_mapping::Attributes) -> String {
    serde_json::to_string(attributes).unwrap_or_else(|_| "{}".into())
}

/// Fails with `NotFound` when a statement touched no row.
pub(crate) fn expect_one(rows_affected: u64) -> DbResult<()> {
    if rows_affected == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}

/// `LIMIT`/`OFFSET` with SQLite's meaning on both backends: a negative
/// limit is no limit and a negative offset is none (PostgreSQL rejects both).
pub(crate) fn window(offset: i64, limit: i64) -> (i64, i64) {
    (offset.max(0), if limit < 0 { i64::MAX } else { limit })
}

#[cfg(test)]
mod tests {
    use sqlx::sqlite::SqlitePoolOptions;

    /// The premise of this module: sqlx's SQLite driver binds `$N` by
    /// number, in any order and repeated, as PostgreSQL does.
    #[tokio::test]
    async fn sqlite_binds_numbered_placeholders() {
        let pool = SqlitePoolOptions::new()
            .connect("sqlite::memory:")
            .await
            .unwrap();
        let text: String = sqlx::query_scalar("SELECT $2 || $1 || $2 || $3")
            .bind("a")
            .bind("b")
            .bind(3_i64)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(text, "bab3");
    }
}
