//! Authorization codes, refresh tokens, revocations and consents.
//!
//! Rotating a refresh token and revoking a family are where the backends
//! really differ (a batch on SQLite's single writer, an advisory lock on
//! PostgreSQL): each backend writes `rotate_refresh` and
//! `revoke_refresh_family` itself (`sqlite::rotation`, `postgres::rotation`).

use async_trait::async_trait;

use super::rows::{RefreshRow, decode_opt};
use super::{Dialect, json_list, map_unique, to_json_list};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{
    CodeRepo, ConnectedApp, ConsentRepo, DbResult, RefreshToken, RefreshTokenRepo, RevocationKind,
    RevocationRepo, Rotation, user_revocation_id,
};

/// Inserts a refresh token: `$1`–`$17` are [`RefreshToken`]'s columns as
/// `bind_refresh` binds them.
pub(crate) const INSERT_REFRESH: &str = "INSERT INTO refresh_tokens (token_hash, family_id, \
     client_id, userid, scope, sid, auth_time, amr, acr, nonce, created_at, expires_at, used_at, \
     revoked_at, family_started_at, claims_request, dpop_jkt) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

/// What a rotation that spent nothing found: the presented token as it is
/// now, if any. Expired is not a replay; used or revoked is.
pub(crate) fn not_rotated(token: Option<RefreshToken>) -> Rotation {
    match token {
        Some(token) if token.used_at.is_some() || token.revoked_at.is_some() => {
            Rotation::Reused(token)
        }
        _ => Rotation::Unknown,
    }
}

/// A consent's time of use is written at most this often (seconds).
const TOUCH_EVERY: i64 = 60;

/// The condition on `refresh_tokens r` (with `$2` now) for a token that can
/// still be redeemed: a live family.
const LIVE: &str = "r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > $2";

/// A row of the connected-apps query.
#[derive(sqlx::FromRow)]
struct ConnectedAppRow {
    client_id: String,
    name: String,
    consent_scopes: Option<String>,
    granted_at: Option<i64>,
    last_used_at: Option<i64>,
    refreshed_at: Option<i64>,
    live_scope: Option<String>,
}

impl ConnectedAppRow {
    fn decode(self) -> DbResult<ConnectedApp> {
        let scopes = match (&self.consent_scopes, &self.live_scope) {
            (Some(consented), _) => json_list(consented)?,
            (None, Some(scope)) => scope.split_whitespace().map(str::to_owned).collect(),
            (None, None) => Vec::new(),
        };
        Ok(ConnectedApp {
            client_id: self.client_id,
            name: self.name,
            scopes,
            granted_at: self.granted_at,
            last_used_at: self.last_used_at.max(self.refreshed_at),
        })
    }
}

/// Implements [`CodeRepo`], [`RefreshTokenRepo`], [`RevocationRepo`] and
/// [`ConsentRepo`] for a store.
macro_rules! grant_repos {
    ($store:ty) => {
        impl $store {
            /// Binds `t`'s seventeen columns, in the order of [`INSERT_REFRESH`].
            pub(crate) fn bind_refresh<'q>(
                query: sqlx::query::Query<
                    'q,
                    <Self as Dialect>::Db,
                    <<Self as Dialect>::Db as sqlx::Database>::Arguments<'q>,
                >,
                t: &'q RefreshToken,
            ) -> sqlx::query::Query<
                'q,
                <Self as Dialect>::Db,
                <<Self as Dialect>::Db as sqlx::Database>::Arguments<'q>,
            > {
                query
                    .bind(&t.token_hash)
                    .bind(&t.family_id)
                    .bind(t.client_id.as_str())
                    .bind(&t.auth.userid)
                    .bind(&t.scope)
                    .bind(&t.auth.sid)
                    .bind(t.auth.auth_time)
                    .bind(to_json_list(&t.auth.amr))
                    .bind(&t.auth.acr)
                    .bind(&t.nonce)
                    .bind(t.created_at)
                    .bind(t.expires_at)
                    .bind(t.used_at)
                    .bind(t.revoked_at)
                    .bind(t.family_started_at)
                    .bind(&t.claims_request)
                    .bind(&t.dpop_jkt)
            }
        }

        #[async_trait]
        impl CodeRepo for $store {
            #[tracing::instrument(target = "otel", name = "CodeRepo.spend", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "CodeRepo.spend"))]
            async fn spend(
                &self,
                code_hash: &str,
                grant_id: &str,
                expires_at: i64,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "INSERT INTO spent_codes (code_hash, grant_id, expires_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (code_hash) DO NOTHING",
                )
                .bind(code_hash)
                .bind(grant_id)
                .bind(expires_at)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }
        }

        #[async_trait]
        impl RefreshTokenRepo for $store {
            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.create"))]
            async fn create(&self, t: &RefreshToken) -> DbResult<()> {
                Self::bind_refresh(sqlx::query(INSERT_REFRESH), t)
                    .execute(self.writer())
                    .await
                    .map_err(map_unique)?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.get"))]
            async fn get(&self, token_hash: &str) -> DbResult<Option<RefreshToken>> {
                let row: Option<RefreshRow> =
                    sqlx::query_as("SELECT * FROM refresh_tokens WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.rotate", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.rotate"))]
            async fn rotate(
                &self,
                token_hash: &str,
                successor: &RefreshToken,
                now: i64,
            ) -> DbResult<Rotation> {
                self.rotate_refresh(token_hash, successor, now).await
            }

            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.revoke_family", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.revoke_family"))]
            async fn revoke_family(&self, family_id: &str, now: i64) -> DbResult<()> {
                self.revoke_refresh_family(family_id, now).await
            }

            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.revoke_for_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.revoke_for_user"))]
            async fn revoke_for_user(&self, userid: &str, now: i64) -> DbResult<Vec<String>> {
                let mut families: Vec<String> = sqlx::query_scalar(
                    "UPDATE refresh_tokens SET revoked_at = $1 \
                     WHERE userid = $2 AND revoked_at IS NULL RETURNING family_id",
                )
                .bind(now)
                .bind(userid)
                .fetch_all(self.writer())
                .await?;
                families.sort();
                families.dedup();
                Ok(families)
            }

            #[tracing::instrument(target = "otel", name = "RefreshTokenRepo.revoke_for_client", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RefreshTokenRepo.revoke_for_client"))]
            async fn revoke_for_client(
                &self,
                userid: &str,
                client_id: &str,
                now: i64,
            ) -> DbResult<Vec<String>> {
                let mut families: Vec<String> = sqlx::query_scalar(
                    "UPDATE refresh_tokens SET revoked_at = $1 \
                     WHERE userid = $2 AND client_id = $3 AND revoked_at IS NULL \
                     RETURNING family_id",
                )
                .bind(now)
                .bind(userid)
                .bind(client_id)
                .fetch_all(self.writer())
                .await?;
                families.sort();
                families.dedup();
                Ok(families)
            }
        }

        #[async_trait]
        impl RevocationRepo for $store {
            #[tracing::instrument(target = "otel", name = "RevocationRepo.revoke", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RevocationRepo.revoke"))]
            async fn revoke(
                &self,
                kind: RevocationKind,
                id: &str,
                expires_at: i64,
            ) -> DbResult<()> {
                let sql = format!(
                    "INSERT INTO revocations (id, kind, expires_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (id) DO UPDATE \
                     SET expires_at = {}(revocations.expires_at, excluded.expires_at)",
                    Self::GREATEST
                );
                sqlx::query(&sql)
                    .bind(id)
                    .bind(kind.as_str())
                    .bind(expires_at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "RevocationRepo.is_revoked", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RevocationRepo.is_revoked"))]
            async fn is_revoked(&self, grant_id: &str, jti: &str) -> DbResult<bool> {
                let found: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM revocations \
                     WHERE (id = $1 AND kind = 'grant') OR (id = $2 AND kind = 'token') LIMIT 1",
                )
                .bind(grant_id)
                .bind(jti)
                .fetch_optional(self.reader())
                .await?;
                Ok(found.is_some())
            }

            #[tracing::instrument(target = "otel", name = "RevocationRepo.revoke_user", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RevocationRepo.revoke_user"))]
            async fn revoke_user(
                &self,
                userid: &str,
                before: i64,
                expires_at: i64,
            ) -> DbResult<()> {
                let sql = format!(
                    "INSERT INTO revocations (id, kind, expires_at, not_before) \
                     VALUES ($1, 'user', $2, $3) ON CONFLICT (id) DO UPDATE SET \
                     expires_at = {max}(revocations.expires_at, excluded.expires_at), \
                     not_before = {max}(COALESCE(revocations.not_before, 0), excluded.not_before)",
                    max = Self::GREATEST
                );
                sqlx::query(&sql)
                    .bind(user_revocation_id(userid))
                    .bind(expires_at)
                    .bind(before)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "RevocationRepo.user_revoked_before", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "RevocationRepo.user_revoked_before"))]
            async fn user_revoked_before(&self, userid: &str) -> DbResult<Option<i64>> {
                let found: Option<Option<i64>> = sqlx::query_scalar(
                    "SELECT not_before FROM revocations WHERE id = $1 AND kind = 'user'",
                )
                .bind(user_revocation_id(userid))
                .fetch_optional(self.reader())
                .await?;
                Ok(found.flatten())
            }
        }

        #[async_trait]
        impl ConsentRepo for $store {
            #[tracing::instrument(target = "otel", name = "ConsentRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ConsentRepo.get"))]
            async fn get(&self, userid: &str, client_id: &str) -> DbResult<Option<Vec<String>>> {
                let scopes: Option<String> = sqlx::query_scalar(
                    "SELECT scopes FROM consents WHERE userid = $1 AND client_id = $2",
                )
                .bind(userid)
                .bind(client_id)
                .fetch_optional(self.reader())
                .await?;
                scopes.as_deref().map(json_list).transpose()
            }

            #[tracing::instrument(target = "otel", name = "ConsentRepo.put", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ConsentRepo.put"))]
            async fn put(
                &self,
                userid: &str,
                client_id: &str,
                scopes: &[String],
                now: i64,
            ) -> DbResult<()> {
                sqlx::query(
                    "INSERT INTO consents (userid, client_id, scopes, granted_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (userid, client_id) DO UPDATE \
                     SET scopes = excluded.scopes, granted_at = excluded.granted_at",
                )
                .bind(userid)
                .bind(client_id)
                .bind(to_json_list(scopes))
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ConsentRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ConsentRepo.delete"))]
            async fn delete(&self, userid: &str, client_id: &str) -> DbResult<()> {
                sqlx::query("DELETE FROM consents WHERE userid = $1 AND client_id = $2")
                    .bind(userid)
                    .bind(client_id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ConsentRepo.touch", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ConsentRepo.touch"))]
            async fn touch(&self, userid: &str, client_id: &str, now: i64) -> DbResult<()> {
                sqlx::query(
                    "UPDATE consents SET last_used_at = $1 \
                     WHERE userid = $2 AND client_id = $3 \
                     AND (last_used_at IS NULL OR last_used_at <= $4)",
                )
                .bind(now)
                .bind(userid)
                .bind(client_id)
                .bind(now - TOUCH_EVERY)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "ConsentRepo.connected_apps", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "ConsentRepo.connected_apps"))]
            async fn connected_apps(
                &self,
                userid: &str,
                now: i64,
            ) -> DbResult<Vec<ConnectedApp>> {
                let sql = format!(
                    "SELECT c.client_id, c.name, co.scopes AS consent_scopes, co.granted_at, \
                     co.last_used_at, \
                     (SELECT MAX(r.created_at) FROM refresh_tokens r \
                      WHERE r.userid = $1 AND r.client_id = c.client_id) AS refreshed_at, \
                     (SELECT r.scope FROM refresh_tokens r \
                      WHERE r.userid = $1 AND r.client_id = c.client_id AND {LIVE} \
                      ORDER BY r.created_at DESC LIMIT 1) AS live_scope \
                     FROM clients c \
                     LEFT JOIN consents co ON co.userid = $1 AND co.client_id = c.client_id \
                     WHERE co.userid IS NOT NULL OR c.client_id IN \
                     (SELECT r.client_id FROM refresh_tokens r WHERE r.userid = $1 AND {LIVE}) \
                     ORDER BY c.name COLLATE {order}, c.client_id COLLATE {order}",
                    order = Self::BYTE_ORDER
                );
                let rows: Vec<ConnectedAppRow> = sqlx::query_as(&sql)
                    .bind(userid)
                    .bind(now)
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter().map(ConnectedAppRow::decode).collect()
            }
        }
    };
}

grant_repos!(SqliteStore);
grant_repos!(PgStore);
