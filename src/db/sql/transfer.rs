//! Export and import of a whole installation ([`TransferRepo`]).
//!
//! The records of `crate::db::transfer` name their columns: a snapshot
//! reads them with `SELECT *` (columns that are not fields, such as the
//! sealed secrets, are left out by the decoder), and an import writes each
//! with [`insert_row!`], whose one list of fields gives both the column
//! names and the values bound.

use async_trait::async_trait;

use super::rows::{ClientRow as StoredClient, InviteRow as StoredInvite, UserRow as StoredUser};
use super::users::user_columns;
use super::{Conn, Dialect, map_unique};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::transfer::{Dataset, Loaded, SealedInput, SealedRows, TransferRepo};
use crate::db::{Client, DbError, DbResult, Invite, SigningKeyRecord, User};

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
    ("revocations", "token revocations"),
];

/// What an import on PostgreSQL locks before it looks: the tables that
/// must be empty and the signing keys it may replace. SHARE ROW EXCLUSIVE
/// conflicts with itself and with every writer, so under READ COMMITTED
/// no other import, first start (its administrator invite) or server can
/// write to them between the emptiness check and the commit; the check
/// then reads what was committed before the lock was granted.
const PG_IMPORT_LOCK: &str = "LOCK TABLE users, groups, clients, invites, api_keys, \
     signup_requests, retired_userids, registration_tokens, revocations, signing_keys \
     IN SHARE ROW EXCLUSIVE MODE";

/// `INSERT INTO table (c1, …, cn) VALUES ($1, …, $n)`.
fn insert_sql(table: &str, columns: &[&str]) -> String {
    let values: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        values.join(", ")
    )
}

/// Inserts one record into `$table`: each listed field is the column of
/// its name and its value; `column = value` pairs follow for columns that
/// are not fields of the record. (Called with braces, which rustfmt leaves
/// as written: one list, several fields a line.)
macro_rules! insert_row {
    ($conn:expr, $table:literal, $row:expr, [$($field:ident),+ $(,)?] $(, $column:ident = $value:expr)* $(,)?) => {{
        let row = $row;
        sqlx::query(&insert_sql(
            $table,
            &[$(stringify!($field),)+ $(stringify!($column),)*],
        ))
        $(.bind(&row.$field))+
        $(.bind($value))*
        .execute(&mut *$conn)
        .await
        .map_err(map_unique)?;
    }};
}

/// Every row of a `SELECT` (`$sql`, a format string) decoded as the
/// record type the binding expects.
macro_rules! select_all {
    ($conn:expr, $($sql:tt)+) => {
        sqlx::query_as(&format!($($sql)+))
            .fetch_all(&mut *$conn)
            .await?
    };
}

/// Implements [`TransferRepo`] for a store; `$snapshot` starts the read
/// transaction of an export, `$lock` (if any) is run first in an import's.
macro_rules! transfer_repo {
    ($store:ty, $snapshot:expr, $lock:expr) => {
        impl $store {
            async fn read_all(conn: &mut Conn<Self>) -> DbResult<(Dataset, SealedRows)> {
                let order = Self::BYTE_ORDER;
                let mut data = Dataset {
                    users: select_all!(conn, "SELECT * FROM users ORDER BY userid COLLATE {order}"),
                    groups: select_all!(conn, "SELECT * FROM groups ORDER BY name COLLATE {order}"),
                    passwords: select_all!(
                        conn,
                        "SELECT * FROM passwords ORDER BY userid COLLATE {order}"
                    ),
                    passkeys: select_all!(
                        conn,
                        "SELECT * FROM passkeys ORDER BY id COLLATE {order}"
                    ),
                    totp: select_all!(
                        conn,
                        "SELECT * FROM totp_authenticators WHERE secret IS NOT NULL \
                         ORDER BY userid COLLATE {order}"
                    ),
                    backup_codes: select_all!(
                        conn,
                        "SELECT * FROM backup_codes \
                         ORDER BY userid COLLATE {order}, code_hash COLLATE {order}"
                    ),
                    clients: select_all!(
                        conn,
                        "SELECT * FROM clients ORDER BY client_id COLLATE {order}"
                    ),
                    client_registrations: select_all!(
                        conn,
                        "SELECT * FROM client_registrations ORDER BY client_id COLLATE {order}"
                    ),
                    consents: select_all!(
                        conn,
                        "SELECT * FROM consents \
                         ORDER BY userid COLLATE {order}, client_id COLLATE {order}"
                    ),
                    api_keys: select_all!(
                        conn,
                        "SELECT * FROM api_keys ORDER BY id COLLATE {order}"
                    ),
                    retired_userids: select_all!(
                        conn,
                        "SELECT * FROM retired_userids ORDER BY userid COLLATE {order}"
                    ),
                    client_logos: select_all!(
                        conn,
                        "SELECT * FROM client_logos ORDER BY client_id COLLATE {order}"
                    ),
                    recovery_codes: select_all!(
                        conn,
                        "SELECT * FROM recovery_codes \
                         ORDER BY userid COLLATE {order}, code_hash COLLATE {order}"
                    ),
                    registration_tokens: select_all!(
                        conn,
                        "SELECT * FROM registration_tokens ORDER BY id COLLATE {order}"
                    ),
                    invites: select_all!(conn, "SELECT * FROM invites ORDER BY id COLLATE {order}"),
                    signup_requests: select_all!(
                        conn,
                        "SELECT * FROM signup_requests ORDER BY id COLLATE {order}"
                    ),
                    revocations: select_all!(
                        conn,
                        "SELECT * FROM revocations ORDER BY id COLLATE {order}"
                    ),
                };
                let memberships: Vec<(String, String)> = select_all!(
                    conn,
                    "SELECT ug.userid, g.name FROM user_groups ug \
                     JOIN groups g ON g.id = ug.group_id ORDER BY g.name COLLATE {order}"
                );
                let mut by_user: std::collections::HashMap<String, Vec<String>> =
                    std::collections::HashMap::new();
                for (userid, group) in memberships {
                    by_user.entry(userid).or_default().push(group);
                }
                for user in &mut data.users {
                    user.groups = by_user.remove(&user.userid).unwrap_or_default();
                }
                let allowed: Vec<(String, String)> = select_all!(
                    conn,
                    "SELECT cg.client_id, g.name FROM client_groups cg \
                     JOIN groups g ON g.id = cg.group_id ORDER BY g.name COLLATE {order}"
                );
                let mut by_client: std::collections::HashMap<String, Vec<String>> =
                    std::collections::HashMap::new();
                for (client_id, group) in allowed {
                    by_client.entry(client_id).or_default().push(group);
                }
                let client_secrets: Vec<(String, String)> = select_all!(
                    conn,
                    "SELECT client_id, secret_sealed FROM clients WHERE secret_sealed IS NOT NULL \
                     ORDER BY client_id COLLATE {order}"
                );
                for client in &mut data.clients {
                    client.allowed_groups = by_client.remove(&client.client_id).unwrap_or_default();
                    client.sealed_secret =
                        client_secrets.iter().any(|(id, _)| *id == client.client_id);
                }
                let totp_secrets: Vec<(String, String)> = select_all!(
                    conn,
                    "SELECT userid, secret FROM totp_authenticators WHERE secret IS NOT NULL \
                     ORDER BY userid COLLATE {order}"
                );
                let signing_keys: Vec<SigningKeyRecord> = select_all!(
                    conn,
                    "SELECT kid, alg, private_key, public_jwk, created_at, retired_at \
                     FROM signing_keys ORDER BY created_at, kid COLLATE {order}"
                );
                Ok((
                    data,
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
                    insert_row! {conn, "groups", g, [
                        name, description, require_mfa, attributes, created_at, updated_at,
                    ]}
                }
                for u in &data.users {
                    insert_row! {conn, "users", u, [
                        userid, username, name, given_name, family_name, nickname, email,
                        email_verified, phone, phone_verified, picture, locale, role, active,
                        created_at, updated_at, attributes,
                    ]}
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
                    insert_row! {conn, "passwords", p, [userid, hash, updated_at]}
                }
                for p in &data.passkeys {
                    insert_row! {conn, "passkeys", p, [
                        id, userid, credential_id, name, passkey, created_at, last_used_at,
                    ]}
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
                    insert_row! {conn, "totp_authenticators", t,
                        [userid, confirmed_at, last_step, last_used_at],
                        secret = secret,
                    }
                }
                for b in &data.backup_codes {
                    insert_row! {conn, "backup_codes", b, [userid, code_hash, created_at, used_at]}
                }
                for c in &data.clients {
                    let secret_sealed = sealed
                        .client_secrets
                        .iter()
                        .find(|(id, _)| *id == c.client_id)
                        .map(|(_, s)| s.clone());
                    insert_row! {conn, "clients", c, [
                        client_id, name, secret_hash, public, redirect_uris,
                        post_logout_redirect_uris, grant_types, scopes, skip_consent, require_mfa,
                        resource_server, id_token_alg, claim_mapping, logo_uri, client_uri,
                        policy_uri, tos_uri, jwks, allowed_origins, require_par, require_dpop,
                        backchannel_logout_uri, backchannel_logout_session_required, created_at,
                        updated_at,
                    ], secret_sealed = secret_sealed}
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
                    insert_row! {conn, "client_registrations", r, [
                        client_id, access_token_hash, auth_method, created_at, initial_token_id,
                    ]}
                }
                for c in &data.consents {
                    insert_row! {conn, "consents", c, [
                        userid, client_id, scopes, granted_at, last_used_at,
                    ]}
                }
                for k in &data.api_keys {
                    insert_row! {conn, "api_keys", k, [
                        id, name, role, key_hash, created_by, created_at, expires_at,
                        last_used_at, revoked_at,
                    ]}
                }
                for r in &data.retired_userids {
                    insert_row! {conn, "retired_userids", r, [userid, retired_at]}
                }
                for l in &data.client_logos {
                    insert_row! {conn, "client_logos", l, [
                        client_id, content_type, image, hash, updated_at,
                    ]}
                }
                for r in &data.recovery_codes {
                    insert_row! {conn, "recovery_codes", r, [userid, code_hash, created_at, used_at]}
                }
                for t in &data.registration_tokens {
                    insert_row! {conn, "registration_tokens", t, [
                        id, name, token_hash, created_at, expires_at, uses_left, created_by,
                        revoked_at,
                    ]}
                }
                for i in &data.invites {
                    // `admin` is kept for readers of the schema before roles.
                    insert_row! {conn, "invites", i, [
                        id, token_hash, username, email, groups, role, userid, allow_password,
                        note, created_by, created_at, expires_at, used_at, revoked_at,
                        usable_from, self_service, name,
                    ], admin = i.role.is_some()}
                }
                for s in &data.signup_requests {
                    insert_row! {conn, "signup_requests", s, [
                        id, username, email, name, token_hash, ip, state, requested_at,
                        verified_at, expires_at,
                    ]}
                }
                for r in &data.revocations {
                    insert_row! {conn, "revocations", r, [id, kind, expires_at, not_before]}
                }
                if !sealed.signing_keys.is_empty() {
                    // Keys a fresh database made for itself have signed
                    // nothing anyone holds (it had no client): the
                    // imported keys take their place.
                    sqlx::query("DELETE FROM signing_keys")
                        .execute(&mut *conn)
                        .await?;
                    for k in &sealed.signing_keys {
                        insert_row! {conn, "signing_keys", k, [
                            kid, alg, private_key, public_jwk, created_at, retired_at,
                        ]}
                    }
                }
                Ok(())
            }

            /// Reads every user, client and invite back through the
            /// server's own decoders.
            async fn read_back(conn: &mut Conn<Self>) -> DbResult<()> {
                let sql = format!(
                    concat!("SELECT ", user_columns!(), " FROM users u"),
                    agg = Self::JSON_ARRAY_AGG
                );
                let users: Vec<StoredUser> = sqlx::query_as(&sql).fetch_all(&mut *conn).await?;
                for row in users {
                    User::try_from(row)?;
                }
                let clients: Vec<StoredClient> = sqlx::query_as(
                    "SELECT c.*, CAST(NULL AS TEXT) AS allowed_groups FROM clients c",
                )
                .fetch_all(&mut *conn)
                .await?;
                for row in clients {
                    Client::try_from(row)?;
                }
                let invites: Vec<StoredInvite> = sqlx::query_as("SELECT * FROM invites")
                    .fetch_all(&mut *conn)
                    .await?;
                for row in invites {
                    Invite::try_from(row)?;
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
                let lock: Option<&str> = $lock;
                if let Some(lock) = lock {
                    sqlx::query(lock).execute(&mut *tx).await?;
                }
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

// SQLite: the import's BEGIN IMMEDIATE holds the database's one write lock
// from the emptiness check to the commit.
transfer_repo!(SqliteStore, "BEGIN", None);
transfer_repo!(
    PgStore,
    "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    Some(PG_IMPORT_LOCK)
);
