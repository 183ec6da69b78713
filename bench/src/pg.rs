//! A throw-away PostgreSQL database for one run: created with a random
//! name on the server the caller names, dropped afterwards.

use anyhow::{Context, Result, anyhow};
use sqlx::{Connection, PgConnection};

/// A database created for this run.
pub struct TempDb {
    admin_url: String,
    name: String,
    /// The database's own URL.
    pub url: String,
}

/// Creates a fresh database on the server of `admin_url` (any database the
/// user may connect to, e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
pub async fn create(admin_url: &str) -> Result<TempDb> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let name = format!("latchkey_bench_{}_{nanos:08x}", std::process::id());
    let mut conn = PgConnection::connect(admin_url)
        .await
        .with_context(|| "connecting to the --database server")?;
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .await
        .with_context(|| format!("creating database {name}"))?;
    let _ = conn.close().await;
    let mut url = url::Url::parse(admin_url).context("--database is not a URL")?;
    url.set_path(&format!("/{name}"));
    Ok(TempDb {
        admin_url: admin_url.to_owned(),
        name,
        url: url.to_string(),
    })
}

/// `PostgreSQL 15.20` (the server's version).
pub async fn version(url: &str) -> Result<String> {
    let mut conn = PgConnection::connect(url).await?;
    let (v,): (String,) = sqlx::query_as("SHOW server_version")
        .fetch_one(&mut conn)
        .await?;
    let _ = conn.close().await;
    Ok(format!(
        "PostgreSQL {}",
        v.split_whitespace().next().unwrap_or_default()
    ))
}

impl TempDb {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Drops the database (closing any connection still open to it).
    pub async fn drop_now(self) -> Result<()> {
        let mut conn = PgConnection::connect(&self.admin_url).await?;
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.name
        ))
        .execute(&mut conn)
        .await
        .map_err(|e| anyhow!("dropping database {}: {e}", self.name))?;
        let _ = conn.close().await;
        Ok(())
    }
}
