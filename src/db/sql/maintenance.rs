//! Housekeeping: the purge policy, once for both backends.

use async_trait::async_trait;

use super::Dialect;
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbResult, Maintenance, PoolStats};

/// Tables whose rows go once their own `expires_at` has passed: `$1` now.
const EXPIRED: &[&str] = &[
    "DELETE FROM sessions WHERE expires_at <= $1",
    "DELETE FROM auth_requests WHERE expires_at <= $1",
    "DELETE FROM pushed_requests WHERE expires_at <= $1",
    "DELETE FROM device_authorizations WHERE expires_at <= $1",
    "DELETE FROM spent_codes WHERE expires_at <= $1",
    "DELETE FROM refresh_tokens WHERE expires_at <= $1",
    "DELETE FROM revocations WHERE expires_at <= $1",
    "DELETE FROM ceremonies WHERE expires_at <= $1",
    "DELETE FROM rate_limits WHERE expires_at <= $1",
    "DELETE FROM email_verifications WHERE expires_at <= $1",
    "DELETE FROM client_assertions WHERE expires_at <= $1",
    "DELETE FROM dpop_proofs WHERE expires_at <= $1",
    "DELETE FROM mfa_pending WHERE expires_at <= $1",
    "DELETE FROM signup_requests WHERE expires_at <= $1",
];

/// How long (seconds) expired and spent invites stay visible to administrators.
const INVITE_RETENTION: i64 = 7 * 86_400;

/// How long (seconds) after its last change an attempt counter is kept,
/// once no lockout is running.
const ATTEMPT_RETENTION: i64 = 86_400;

/// How long (seconds) finished back-channel logout deliveries stay
/// visible to administrators.
const DELIVERY_RETENTION: i64 = 30 * 86_400;

/// How long (seconds) revoked and expired API keys stay listed.
const API_KEY_RETENTION: i64 = 30 * 86_400;

/// Implements [`Maintenance`] for a store.
macro_rules! maintenance {
    ($store:ty) => {
        #[async_trait]
        impl Maintenance for $store {
            #[tracing::instrument(target = "otel", name = "Maintenance.purge_expired", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "Maintenance.purge_expired"))]
            async fn purge_expired(&self, now: i64) -> DbResult<u64> {
                let mut total = 0;
                for statement in EXPIRED {
                    total += sqlx::query(statement)
                        .bind(now)
                        .execute(self.writer())
                        .await?
                        .rows_affected();
                }
                total += sqlx::query("DELETE FROM invites WHERE expires_at <= $1")
                    .bind(now - INVITE_RETENTION)
                    .execute(self.writer())
                    .await?
                    .rows_affected();
                total += sqlx::query(
                    "DELETE FROM login_attempts \
                     WHERE updated_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)",
                )
                .bind(now - ATTEMPT_RETENTION)
                .bind(now)
                .execute(self.writer())
                .await?
                .rows_affected();
                total += sqlx::query(
                    "DELETE FROM logout_deliveries WHERE state <> 'pending' AND finished_at <= $1",
                )
                .bind(now - DELIVERY_RETENTION)
                .execute(self.writer())
                .await?
                .rows_affected();
                total += sqlx::query(
                    "DELETE FROM api_keys WHERE expires_at <= $1 OR revoked_at <= $1",
                )
                .bind(now - API_KEY_RETENTION)
                .execute(self.writer())
                .await?
                .rows_affected();
                Ok(total)
            }

            #[tracing::instrument(target = "otel", name = "Maintenance.ping", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "Maintenance.ping"))]
            async fn ping(&self) -> DbResult<()> {
                sqlx::query("SELECT 1").execute(self.reader()).await?;
                Ok(())
            }

            fn pool_stats(&self) -> Vec<PoolStats> {
                Dialect::pool_stats(self)
            }
        }
    };
}

maintenance!(SqliteStore);
maintenance!(PgStore);
