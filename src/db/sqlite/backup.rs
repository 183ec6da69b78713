//! Online snapshots of a SQLite database file and the checks `latchkey
//! restore` makes before it replaces one.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use super::super::{DbError, DbResult};

async fn connect(path: &Path, read_only: bool, busy: Duration) -> DbResult<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(read_only)
        .busy_timeout(busy);
    Ok(SqliteConnection::connect_with(&options).await?)
}

/// Writes a consistent snapshot of the database at `url` to `dest` with
/// `VACUUM INTO`: one read transaction, so a server keeps reading and writing
/// meanwhile and the copy holds exactly the transactions committed before it
/// began. `dest` must not exist.
pub async fn snapshot(url: &str, dest: &Path) -> DbResult<()> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30));
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let dest = dest
        .to_str()
        .ok_or_else(|| DbError::Corrupt("the backup path is not valid UTF-8".into()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(dest)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// Checks that `path` is an intact Latchkey database: SQLite's integrity
/// check passes and the schema is there. Returns the problem otherwise.
pub async fn verify(path: &Path) -> DbResult<Result<(), String>> {
    let mut conn = match connect(path, true, Duration::from_secs(5)).await {
        Ok(c) => c,
        Err(e) => return Ok(Err(format!("cannot open it as SQLite: {e}"))),
    };
    let check: Result<Vec<(String,)>, _> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await;
    let outcome = match check {
        Err(e) => Err(format!("not a SQLite database: {e}")),
        Ok(rows) if rows.len() != 1 || rows[0].0 != "ok" => Err(format!(
            "integrity check failed: {}",
            rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("; ")
        )),
        Ok(_) => {
            let tables: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'users', 'signing_keys')",
            )
            .fetch_one(&mut conn)
            .await?;
            if tables == 3 {
                Ok(())
            } else {
                Err("it is not a Latchkey database (tables missing)".to_owned())
            }
        }
    };
    conn.close().await?;
    Ok(outcome)
}

/// Whether another connection (a running server, a CLI command) has the
/// database open. Leaving WAL mode needs the only connection, so the attempt
/// fails while anyone else holds it open; on success the file is left in
/// rollback-journal mode with its WAL checkpointed and removed (the server
/// switches back to WAL when it opens it).
pub async fn in_use(path: &Path) -> DbResult<bool> {
    let mut conn = connect(path, false, Duration::ZERO).await?;
    let mode: Result<String, _> = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
        .fetch_one(&mut conn)
        .await;
    conn.close().await?;
    match mode {
        Ok(mode) => Ok(!mode.eq_ignore_ascii_case("delete")),
        Err(sqlx::Error::Database(e)) if e.message().contains("locked") => Ok(true),
        Err(e) => Err(e.into()),
    }
}
