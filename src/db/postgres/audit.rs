//! The audit log.

use async_trait::async_trait;
use sqlx::Row;

use super::{PgStore, window};
use crate::db::{AuditEvent, AuditFilter, AuditRepo, DbError, DbResult, NewAuditEvent, Page};

#[async_trait]
impl AuditRepo for PgStore {
    async fn append(&self, e: &NewAuditEvent, now: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO audit_events (at, actor, event, subject, ip, details) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now)
        .bind(&e.actor)
        .bind(&e.event)
        .bind(&e.subject)
        .bind(&e.ip)
        .bind(e.details.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn list(&self, f: &AuditFilter) -> DbResult<Page<AuditEvent>> {
        let (offset, limit) = window(f.offset, f.limit);
        let filter =
            "($1::text IS NULL OR actor = $1 OR subject = $1) AND ($2::text IS NULL OR event = $2)";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_events WHERE {filter}"))
                .bind(&f.userid)
                .bind(&f.event)
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT * FROM audit_events WHERE {filter} ORDER BY id DESC LIMIT $3 OFFSET $4"
        ))
        .bind(&f.userid)
        .bind(&f.event)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .iter()
            .map(|row| {
                let details: String = row.try_get("details")?;
                Ok(AuditEvent {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    event: row.try_get("event")?,
                    subject: row.try_get("subject")?,
                    ip: row.try_get("ip")?,
                    details: serde_json::from_str(&details)
                        .map_err(|e| DbError::Corrupt(e.to_string()))?,
                })
            })
            .collect::<DbResult<_>>()?;
        Ok(Page { items, total })
    }
}
