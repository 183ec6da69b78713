//! Export and import of a whole installation ([`TransferRepo`]).

use async_trait::async_trait;

use super::rows::{ClientRow as StoredClient, UserRow as StoredUser};
use super::users::user_columns;
use super::{Conn, Dialect, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::transfer::{
    ApiKeyRow, BackupCodeRow, ClientRegistrationRow, ClientRow, ConsentRow, Dataset, GroupRow,
    Loaded, PasskeyRow, PasswordRow, RetiredUserid, SealedInput, SealedRows, TotpRow, TransferRepo,
    UserRow,
};
use crate::db::{Client, DbError, DbResult, SigningKeyRecord, User};

/// Tables that must be empty for an import, with what their rows are
/// called in the refusal.
const MUST_BE_EMPTY: &[(&str, &str)] = &[
    ("users", "users"),
    ("groups", "groups"),
    ("clients", "clients"),
    ("invites", "invites"),
    ("api_keys", "API keys"),
    ("signup_requests", "sign-up requests"),
    ("retired_userids", "retired userids"),
    ("registration_tokens", "registration tokens"),
];

/// The client columns exported (every setting but the sealed secret).
const CLIENT_COLUMNS: &str = "client_id, name, secret_hash, public, redirect_uris, \
     post_logout_redirect_uris, grant_types, scopes, skip_consent, require_mfa, resource_server, \
     id_token_alg, claim_mapping, logo_uri, client_uri, policy_uri, tos_uri, jwks, \
     allowed_origins, require_par, require_dpop, backchannel_logout_uri, \
     backchannel_logout_session_required, created_at, updated_at";

/// Implements [`TransferRepo`] for a store; `$snapshot` starts the read
/// transaction of an export.
macro_rules! transfer_repo {
    ($store:ty, $snapshot:expr) => {
        impl $store {
            async fn read_all(conn: &mut Conn<Self>) -> DbResult<(Dataset, SealedRows)> {
                let order = Self::BYTE_ORDER;
                let mut users: Vec<UserRow> = sqlx::query_as(&format!(
                    "SELECT userid, username, name, given_name, family_name, nickname, email, \
                     email_verified, phone, phone_verified, picture, locale, role, active, \
                     created_at, updated_at, attributes FROM users \
                     ORDER BY userid COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let memberships: Vec<(String, String)> = sqlx::query_as(&format!(
                    "SELECT ug.userid, g.name FROM user_groups ug JOIN groups g ON g.id = ug.group_id \
                     ORDER BY g.name COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let mut by_user: std::collections::HashMap<String, Vec<String>> =
                    std::collections::HashMap::new();
                for (userid, group) in memberships {
                    by_user.entry(userid).or_default().push(group);
                }
                for user in &mut users {
                    user.groups = by_user.remove(&user.userid).unwrap_or_default();
                }
                let groups: Vec<GroupRow> = sqlx::query_as(&format!(
                    "SELECT name, description, require_mfa, attributes, created_at, updated_at \
                     FROM groups ORDER BY name COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let passwords: Vec<PasswordRow> = sqlx::query_as(&format!(
                    "SELECT userid, hash, updated_at FROM passwords ORDER BY userid COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let passkeys: Vec<PasskeyRow> = sqlx::query_as(&format!(
                    "SELECT id, userid, credential_id, name, passkey, created_at, last_used_at \
                     FROM passkeys ORDER BY id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let totp: Vec<TotpRow> = sqlx::query_as(&format!(
                    "SELECT userid, confirmed_at, last_step, last_used_at FROM totp_authenticators \
                     WHERE secret IS NOT NULL ORDER BY userid COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let totp_secrets: Vec<(String, String)> = sqlx::query_as(&format!(
                    "SELECT userid, secret FROM totp_authenticators WHERE secret IS NOT NULL \
                     ORDER BY userid COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let backup_codes: Vec<BackupCodeRow> = sqlx::query_as(&format!(
                    "SELECT userid, code_hash, created_at, used_at FROM backup_codes \
                     ORDER BY userid COLLATE {order}, code_hash COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let mut clients: Vec<ClientRow> = sqlx::query_as(&format!(
                    "SELECT {CLIENT_COLUMNS} FROM clients ORDER BY client_id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let allowed: Vec<(String, String)> = sqlx::query_as(&format!(
                    "SELECT cg.client_id, g.name FROM client_groups cg \
                     JOIN groups g ON g.id = cg.group_id ORDER BY g.name COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let client_secrets: Vec<(String, String)> = sqlx::query_as(&format!(
                    "SELECT client_id, secret_sealed FROM clients WHERE secret_sealed IS NOT NULL \
                     ORDER BY client_id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let mut by_client: std::collections::HashMap<String, Vec<String>> =
                    std::collections::HashMap::new();
                for (client_id, group) in allowed {
                    by_client.entry(client_id).or_default().push(group);
                }
                for client in &mut clients {
                    client.allowed_groups = by_client.remove(&client.client_id).unwrap_or_default();
                    client.sealed_secret =
                        client_secrets.iter().any(|(id, _)| *id == client.client_id);
                }
                let client_registrations: Vec<ClientRegistrationRow> = sqlx::query_as(&format!(
                    "SELECT client_id, access_token_hash, auth_method, created_at, initial_token_id \
                     FROM client_registrations ORDER BY client_id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let consents: Vec<ConsentRow> = sqlx::query_as(&format!(
                    "SELECT userid, client_id, scopes, granted_at, last_used_at FROM consents \
                     ORDER BY userid COLLATE {order}, client_id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let api_keys: Vec<ApiKeyRow> = sqlx::query_as(&format!(
                    "SELECT id, name, role, key_hash, created_by, created_at, expires_at, \
                     last_used_at, revoked_at FROM api_keys ORDER BY id COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let retired_userids: Vec<RetiredUserid> = sqlx::query_as(&format!(
                    "SELECT userid, retired_at FROM retired_userids ORDER BY userid COLLATE {order}"
                ))
                .fetch_all(&mut *conn)
                .await?;
                let signing_keys: Vec<SigningKeyRecord> = sqlx::query_as(
                    "SELECT kid, alg, private_key, public_jwk, created_at, retired_at \
                     FROM signing_keys ORDER BY created_at, kid",
                )
                .fetch_all(&mut *conn)
                .await?;
                Ok((
                    Dataset {
                        users,
                        groups,
                        passwords,
                        passkeys,
                        totp,
                        backup_codes,
                        clients,
                        client_registrations,
                        consents,
                        api_keys,
                        retired_userids,
                    },
                    SealedRows {
                        signing_keys,
                        totp_secrets,
                        client_secrets,
                    },
                ))
            }

            /// The first table of [`MUST_BE_EMPTY`] that has rows.
            async fn first_nonempty(conn: &mut Conn<Self>) -> DbResult<Option<&'static str>> {
                for (table, what) in MUST_BE_EMPTY {
                    let found: Option<i32> =
                        sqlx::query_scalar(&format!("SELECT 1 FROM {table} LIMIT 1"))
                            .fetch_optional(&mut *conn)
                            .await?;
                    if found.is_some() {
                        return Ok(Some(what));
                    }
                }
                Ok(None)
            }

            async fn write_all(
                conn: &mut Conn<Self>,
                data: &Dataset,
                sealed: &SealedInput,
            ) -> DbResult<()> {
                for g in &data.groups {
                    sqlx::query(
                        "INSERT INTO groups (name, description, require_mfa, attributes, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&g.name)
                    .bind(&g.description)
                    .bind(g.require_mfa)
                    .bind(&g.attributes)
                    .bind(g.created_at)
                    .bind(g.updated_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for u in &data.users {
                    sqlx::query(
                        "INSERT INTO users (userid, username, name, given_name, family_name, \
                         nickname, email, email_verified, phone, phone_verified, picture, locale, \
                         role, active, created_at, updated_at, attributes) VALUES \
                         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                    )
                    .bind(&u.userid)
                    .bind(&u.username)
                    .bind(&u.name)
                    .bind(&u.given_name)
                    .bind(&u.family_name)
                    .bind(&u.nickname)
                    .bind(&u.email)
                    .bind(u.email_verified)
                    .bind(&u.phone)
                    .bind(u.phone_verified)
                    .bind(&u.picture)
                    .bind(&u.locale)
                    .bind(&u.role)
                    .bind(u.active)
                    .bind(u.created_at)
                    .bind(u.updated_at)
                    .bind(&u.attributes)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                    for group in &u.groups {
                        let added = sqlx::query(
                            "INSERT INTO user_groups (userid, group_id) \
                             SELECT $1, id FROM groups WHERE name = $2",
                        )
                        .bind(&u.userid)
                        .bind(group)
                        .execute(&mut *conn)
                        .await
                        .map_err(map_unique)?;
                        if added.rows_affected() != 1 {
                            return Err(DbError::Corrupt(format!(
                                "user {}: no group {group:?}",
                                u.userid
                            )));
                        }
                    }
                }
                for p in &data.passwords {
                    sqlx::query(
                        "INSERT INTO passwords (userid, hash, updated_at) VALUES ($1, $2, $3)",
                    )
                    .bind(&p.userid)
                    .bind(&p.hash)
                    .bind(p.updated_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for p in &data.passkeys {
                    sqlx::query(
                        "INSERT INTO passkeys (id, userid, credential_id, name, passkey, \
                         created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(&p.id)
                    .bind(&p.userid)
                    .bind(&p.credential_id)
                    .bind(&p.name)
                    .bind(&p.passkey)
                    .bind(p.created_at)
                    .bind(p.last_used_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for t in &data.totp {
                    let secret = sealed
                        .totp_secrets
                        .iter()
                        .find(|(userid, _)| *userid == t.userid)
                        .map(|(_, s)| s.as_str())
                        .ok_or_else(|| {
                            DbError::Corrupt(format!("authenticator of {}: no secret", t.userid))
                        })?;
                    sqlx::query(
                        "INSERT INTO totp_authenticators (userid, secret, confirmed_at, last_step, \
                         last_used_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&t.userid)
                    .bind(secret)
                    .bind(t.confirmed_at)
                    .bind(t.last_step)
                    .bind(t.last_used_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for b in &data.backup_codes {
                    sqlx::query(
                        "INSERT INTO backup_codes (userid, code_hash, created_at, used_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&b.userid)
                    .bind(&b.code_hash)
                    .bind(b.created_at)
                    .bind(b.used_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for c in &data.clients {
                    let secret_sealed = sealed
                        .client_secrets
                        .iter()
                        .find(|(id, _)| *id == c.client_id)
                        .map(|(_, s)| s.clone());
                    sqlx::query(&format!(
                        "INSERT INTO clients ({CLIENT_COLUMNS}, secret_sealed) VALUES \
                         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                         $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)"
                    ))
                    .bind(&c.client_id)
                    .bind(&c.name)
                    .bind(&c.secret_hash)
                    .bind(c.public)
                    .bind(&c.redirect_uris)
                    .bind(&c.post_logout_redirect_uris)
                    .bind(&c.grant_types)
                    .bind(&c.scopes)
                    .bind(c.skip_consent)
                    .bind(c.require_mfa)
                    .bind(c.resource_server)
                    .bind(&c.id_token_alg)
                    .bind(&c.claim_mapping)
                    .bind(&c.logo_uri)
                    .bind(&c.client_uri)
                    .bind(&c.policy_uri)
                    .bind(&c.tos_uri)
                    .bind(&c.jwks)
                    .bind(&c.allowed_origins)
                    .bind(c.require_par)
                    .bind(c.require_dpop)
                    .bind(&c.backchannel_logout_uri)
                    .bind(c.backchannel_logout_session_required)
                    .bind(c.created_at)
                    .bind(c.updated_at)
                    .bind(secret_sealed)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                    for group in &c.allowed_groups {
                        let added = sqlx::query(
                            "INSERT INTO client_groups (client_id, group_id) \
                             SELECT $1, id FROM groups WHERE name = $2",
                        )
                        .bind(&c.client_id)
                        .bind(group)
                        .execute(&mut *conn)
                        .await
                        .map_err(map_unique)?;
                        if added.rows_affected() != 1 {
                            return Err(DbError::Corrupt(format!(
                                "client {}: no group {group:?}",
                                c.client_id
                            )));
                        }
                    }
                }
                for r in &data.client_registrations {
                    sqlx::query(
                        "INSERT INTO client_registrations (client_id, access_token_hash, \
                         auth_method, created_at, initial_token_id) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&r.client_id)
                    .bind(&r.access_token_hash)
                    .bind(&r.auth_method)
                    .bind(r.created_at)
                    .bind(&r.initial_token_id)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for c in &data.consents {
                    sqlx::query(
                        "INSERT INTO consents (userid, client_id, scopes, granted_at, last_used_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&c.userid)
                    .bind(&c.client_id)
                    .bind(&c.scopes)
                    .bind(c.granted_at)
                    .bind(c.last_used_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for k in &data.api_keys {
                    sqlx::query(
                        "INSERT INTO api_keys (id, name, role, key_hash, created_by, created_at, \
                         expires_at, last_used_at, revoked_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(&k.id)
                    .bind(&k.name)
                    .bind(&k.role)
                    .bind(&k.key_hash)
                    .bind(&k.created_by)
                    .bind(k.created_at)
                    .bind(k.expires_at)
                    .bind(k.last_used_at)
                    .bind(k.revoked_at)
                    .execute(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                }
                for r in &data.retired_userids {
                    sqlx::query("INSERT INTO retired_userids (userid, retired_at) VALUES ($1, $2)")
                        .bind(&r.userid)
                        .bind(r.retired_at)
                        .execute(&mut *conn)
                        .await
                        .map_err(map_unique)?;
                }
                if !sealed.signing_keys.is_empty() {
                    // Keys a fresh database made for itself have signed
                    // nothing anyone holds (it had no client): the
                    // imported keys take their place.
                    sqlx::query("DELETE FROM signing_keys")
                        .execute(&mut *conn)
                        .await?;
                    for k in &sealed.signing_keys {
                        sqlx::query(
                            "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, \
                             created_at, retired_at) VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(&k.kid)
                        .bind(&k.alg)
                        .bind(&k.private_key)
                        .bind(&k.public_jwk)
                        .bind(k.created_at)
                        .bind(k.retired_at)
                        .execute(&mut *conn)
                        .await
                        .map_err(map_unique)?;
                    }
                }
                Ok(())
            }

            /// Reads every user and client back through the server's own
            /// decoders.
            async fn read_back(conn: &mut Conn<Self>) -> DbResult<()> {
                let sql = format!(
                    concat!("SELECT ", user_columns!(), " FROM users u"),
                    agg = Self::JSON_ARRAY_AGG
                );
                let users: Vec<StoredUser> = sqlx::query_as(&sql).fetch_all(&mut *conn).await?;
                for row in users {
                    User::try_from(row)?;
                }
                let clients: Vec<StoredClient> =
                    sqlx::query_as("SELECT c.*, CAST(NULL AS TEXT) AS allowed_groups FROM clients c")
                        .fetch_all(&mut *conn)
                        .await?;
                for row in clients {
                    Client::try_from(row)?;
                }
                Ok(())
            }
        }

        #[async_trait]
        impl TransferRepo for $store {
            async fn snapshot(&self) -> DbResult<(Dataset, SealedRows)> {
                let mut tx = self.reader().begin_with($snapshot).await?;
                let read = Self::read_all(&mut tx).await?;
                tx.commit().await?;
                Ok(read)
            }

            async fn load(&self, data: &Dataset, sealed: &SealedInput) -> DbResult<Loaded> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                if let Some(what) = Self::first_nonempty(&mut tx).await? {
                    return Ok(Loaded::NotEmpty(what));
                }
                Self::write_all(&mut tx, data, sealed).await?;
                Self::read_back(&mut tx).await?;
                tx.commit().await?;
                Ok(Loaded::Done)
            }
        }
    };
}

transfer_repo!(SqliteStore, "BEGIN");
transfer_repo!(PgStore, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
