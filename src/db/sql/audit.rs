//! The audit log.

use async_trait::async_trait;

use super::rows::{AuditRow, decode_all};
use super::{Dialect, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{AuditEvent, AuditFilter, AuditRepo, DbResult, NewAuditEvent, Page};

/// Events whose actor or subject is `$1`, whose name is `$2`, whose client
/// is `$3`, at or after `$4` and at or before `$5` (each only when given).
const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR actor = $1 OR subject = $1) \
     AND (CAST($2 AS TEXT) IS NULL OR event = $2) \
     AND (CAST($3 AS TEXT) IS NULL OR client_id = $3) \
     AND (CAST($4 AS BIGINT) IS NULL OR at >= $4) \
     AND (CAST($5 AS BIGINT) IS NULL OR at <= $5)";

/// Implements [`AuditRepo`] for a store.
macro_rules! audit_repo {
    ($store:ty) => {
        #[async_trait]
        impl AuditRepo for $store {
            async fn append(&self, e: &NewAuditEvent, now: i64) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO audit_events (at, actor, event, subject, ip, client_id, details) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now)
                .bind(&e.actor)
                .bind(&e.event)
                .bind(&e.subject)
                .bind(&e.ip)
                .bind(&e.client_id)
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
                .bind(&f.client_id)
                .bind(f.from)
                .bind(f.to)
                .fetch_one(self.reader())
                .await?;
                let rows: Vec<AuditRow> = sqlx::query_as(&format!(
                    "SELECT * FROM audit_events WHERE {FILTER} ORDER BY id DESC LIMIT $6 OFFSET $7"
                ))
                .bind(&f.userid)
                .bind(&f.event)
                .bind(&f.client_id)
                .bind(f.from)
                .bind(f.to)
                .bind(limit)
                .bind(offset)
                .fetch_all(self.reader())
                .await?;
                let items = decode_all(rows)?;
                Ok(Page { items, total })
            }

            async fn purge_before(&self, before: i64) -> DbResult<u64> {
                Ok(sqlx::query("DELETE FROM audit_events WHERE at < $1")
                    .bind(before)
                    .execute(self.writer())
                    .await?
                    .rows_affected())
            }
        }
    };
}

audit_repo!(SqliteStore);
audit_repo!(PgStore);
