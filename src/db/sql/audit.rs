//! The audit log.

use async_trait::async_trait;

use super::rows::{AuditRow, decode_all};
use super::{Dialect, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{AuditEvent, AuditFilter, AuditRepo, DbResult, NewAuditEvent, Page};

/// Events whose actor or subject is `$1` (when given) and whose name is
/// `$2` (when given).
const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR actor = $1 OR subject = $1) AND (CAST($2 AS TEXT) IS NULL OR event = $2)";

/// Implements [`AuditRepo`] for a store.
macro_rules! audit_repo {
    ($store:ty) => {
        #[async_trait]
        impl AuditRepo for $store {
            async fn append(&self, e: &NewAuditEvent, now: i64) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO audit_events (at, actor, event, subject, ip, details) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(now)
                .bind(&e.actor)
                .bind(&e.event)
                .bind(&e.subject)
                .bind(&e.ip)
                .bind(e.details.to_string())
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn list(&self, f: &AuditFilter) -> DbResult<Page<AuditEvent>> {
                let (offset, limit) = window(f.offset, f.limit);
                let total: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM audit_events WHERE {FILTER}"
                ))
                .bind(&f.userid)
                .bind(&f.event)
                .fetch_one(self.reader())
                .await?;
                let rows: Vec<AuditRow> = sqlx::query_as(&format!(
                    "SELECT * FROM audit_events WHERE {FILTER} ORDER BY id DESC LIMIT $3 OFFSET $4"
                ))
                .bind(&f.userid)
                .bind(&f.event)
                .bind(limit)
                .bind(offset)
                .fetch_all(self.reader())
                .await?;
                let items = decode_all(rows)?;
                Ok(Page { items, total })
            }
        }
    };
}

audit_repo!(SqliteStore);
audit_repo!(PgStore);
