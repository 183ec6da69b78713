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

/// Events deleted per statement by the retention purge (tiny in unit tests,
/// so they cross batch boundaries).
const AUDIT_PURGE_BATCH: i64 = if cfg!(test) { 2 } else { 5_000 };

/// Implements [`AuditRepo`] for a store.
macro_rules! audit_repo {
    ($store:ty) => {
        #[async_trait]
        impl AuditRepo for $store {
            #[tracing::instrument(target = "otel", name = "AuditRepo.append", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuditRepo.append"))]
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

            #[tracing::instrument(target = "otel", name = "AuditRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuditRepo.list"))]
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

            #[tracing::instrument(target = "otel", name = "AuditRepo.purge_before", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "AuditRepo.purge_before"))]
            async fn purge_before(&self, before: i64) -> DbResult<u64> {
                // In batches, each its own statement, so that the first purge
                // after an upgrade (years of events) never holds the writer
                // long: sign-ins and token grants write in between.
                let mut purged = 0;
                loop {
                    let n = sqlx::query(
                        "DELETE FROM audit_events WHERE id IN \
                         (SELECT id FROM audit_events WHERE at < $1 ORDER BY id LIMIT $2)",
                    )
                    .bind(before)
                    .bind(AUDIT_PURGE_BATCH)
                    .execute(self.writer())
                    .await?
                    .rows_affected();
                    purged += n;
                    if n < AUDIT_PURGE_BATCH.unsigned_abs() {
                        return Ok(purged);
                    }
                    tokio::task::yield_now().await;
                }
            }
        }
    };
}

audit_repo!(SqliteStore);
audit_repo!(PgStore);

#[cfg(test)]
mod tests {
    use crate::db::{AuditFilter, NewAuditEvent};

    #[tokio::test]
    async fn the_purge_deletes_every_old_event_across_batches_and_keeps_the_rest() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("audit.db").display());
        let repos = crate::db::connect(&url).await.expect("a fresh database");
        for at in [10, 11, 12, 13, 14, 100, 101] {
            let event = NewAuditEvent {
                event: "user.created".into(),
                details: serde_json::json!({}),
                ..NewAuditEvent::default()
            };
            repos.audit.append(&event, at).await.expect("appended");
        }
        assert_eq!(repos.audit.purge_before(100).await.expect("purged"), 5);
        let left = repos
            .audit
            .list(&AuditFilter {
                limit: 50,
                ..AuditFilter::default()
            })
            .await
            .expect("listed");
        let mut times: Vec<i64> = left.items.iter().map(|e| e.at).collect();
        times.sort_unstable();
        assert_eq!(times, [100, 101]);
        assert_eq!(repos.audit.purge_before(100).await.expect("purged"), 0);
    }
}
