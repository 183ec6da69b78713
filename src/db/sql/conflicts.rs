//! Unique violations as [`DbError::Conflict`], the same names on both backends.

use crate::db::DbError;

/// One unique key: how each backend names it, and what a collision reports.
struct UniqueKey {
    /// PostgreSQL's constraint name.
    constraint: &'static str,
    /// The columns SQLite lists in its message (`UNIQUE constraint failed: …`).
    columns: &'static str,
    /// The name reported in [`DbError::Conflict`].
    field: &'static str,
}

/// Every unique key a repository may collide with; any other reports `record`.
const UNIQUE_KEYS: &[UniqueKey] = &[
    key("users_username_key", "users.username", "username"),
    key("users_pkey", "users.userid", "userid"),
    key(
        "passkeys_credential_id_key",
        "passkeys.credential_id",
        "credential",
    ),
    key(
        "invites_token_hash_key",
        "invites.token_hash",
        "invite token",
    ),
    key("invites_pkey", "invites.id", "invite"),
    key("clients_pkey", "clients.client_id", "client_id"),
    key("groups_name_key", "groups.name", "group"),
    key("sessions_pkey", "sessions.sid", "session"),
    key("sessions_token_hash_key", "sessions.token_hash", "session"),
    key(
        "auth_requests_pkey",
        "auth_requests.id",
        "authorization request",
    ),
    key(
        "refresh_tokens_pkey",
        "refresh_tokens.token_hash",
        "refresh token",
    ),
    key(
        "device_authorizations_user_code_hash_key",
        "device_authorizations.user_code_hash",
        "user code",
    ),
    key(
        "device_authorizations_device_code_hash_key",
        "device_authorizations.device_code_hash",
        "device code",
    ),
    key(
        "device_authorizations_pkey",
        "device_authorizations.id",
        "device authorization",
    ),
    key("signing_keys_pkey", "signing_keys.kid", "kid"),
    key("ceremonies_pkey", "ceremonies.id", "ceremony"),
    key(
        "email_verifications_pkey",
        "email_verifications.token_hash",
        "verification link",
    ),
];

const fn key(constraint: &'static str, columns: &'static str, field: &'static str) -> UniqueKey {
    UniqueKey {
        constraint,
        columns,
        field,
    }
}

/// What SQLite's message for a unique violation starts with.
const SQLITE_PREFIX: &str = "UNIQUE constraint failed: ";

/// Maps a unique violation to [`DbError::Conflict`] naming what collided;
/// anything else stays a database error.
pub(crate) fn map_unique(err: sqlx::Error) -> DbError {
    let sqlx::Error::Database(db) = &err else {
        return DbError::Database(err);
    };
    if !db.is_unique_violation() {
        return DbError::Database(err);
    }
    // PostgreSQL names the constraint; SQLite only lists the columns.
    let constraint = db.constraint();
    let columns = db.message().strip_prefix(SQLITE_PREFIX);
    let field = UNIQUE_KEYS
        .iter()
        .find(|k| constraint == Some(k.constraint) || columns == Some(k.columns))
        .map_or("record", |k| k.field);
    DbError::Conflict(field)
}
