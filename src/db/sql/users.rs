//! Users and groups.

use async_trait::async_trait;

use super::rows::{UserRow, decode_all, decode_opt};
use super::{Conn, Dialect, expect_one, map_unique, to_json_attributes, window};
use crate::db::postgres::PgStore;
use crate::db::sqlite::SqliteStore;
use crate::db::{DbError, DbResult, NewUser, OwnerChange, Page, Profile, User, UserRepo};
use crate::domain::proquint;
use crate::domain::username::Username;

/// The columns of a [`UserRow`] from `users u`, with `{agg}` the dialect's
/// [`Dialect::JSON_ARRAY_AGG`].
macro_rules! user_columns_sql {
    () => {
        "u.userid, u.username, u.name, u.given_name, u.family_name, u.nickname, u.email, \
         u.email_verified, u.phone, u.phone_verified, u.picture, u.locale, u.role, u.active, \
         u.created_at, u.updated_at, u.attributes, \
         (SELECT CAST({agg}(g.name) AS TEXT) FROM user_groups ug \
          JOIN groups g ON g.id = ug.group_id WHERE ug.userid = u.userid) AS groups"
    };
}
pub(crate) use user_columns_sql as user_columns;

/// Escapes `query` for `LIKE … ESCAPE '\'` and wraps it in `%`; `None`
/// when there is nothing to search for.
fn like_pattern(query: Option<&str>) -> Option<String> {
    query.filter(|q| !q.is_empty()).map(|q| {
        format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    })
}

/// A user's groups as stored: sorted, without duplicates.
fn group_set(groups: &[String]) -> Vec<String> {
    let mut groups = groups.to_vec();
    groups.sort();
    groups.dedup();
    groups
}

/// First key of the transaction-scoped advisory lock on an e-mail address
/// ([`UserRepo::create_with_free_address`] on PostgreSQL; the second is
/// `hashtext` of the lowercased address). Addresses whose hashes collide
/// merely wait for each other.
const ADDRESS_LOCK: i32 = 0x4c4b_4541; // "LKEA"

/// The username of `user`, checked as it will be read back: what could not
/// be read back is not written (callers pass a parsed username, see
/// `domain::username::parse`).
fn readable_username(user: &NewUser) -> DbResult<Username> {
    Username::exact(&user.username)
        .map_err(|e| DbError::Corrupt(format!("username {:?} refused: {e}", user.username)))
}

/// How often `create` draws another userid after a collision.
const USERID_ATTEMPTS: u32 = 16;

/// Implements [`UserRepo`] for a store.
macro_rules! user_repo {
    ($store:ty) => {
        impl $store {
            /// Replaces a user's groups, creating groups that do not exist
            /// yet. Groups are written in sorted order so that concurrent
            /// writers lock the `groups` name index in the same order (no
            /// deadlock on PostgreSQL).
            async fn write_groups(
                conn: &mut Conn<Self>,
                userid: &str,
                groups: &[String],
                now: i64,
            ) -> DbResult<()> {
                sqlx::query("DELETE FROM user_groups WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *conn)
                    .await?;
                for group in group_set(groups) {
                    sqlx::query(
                        "INSERT INTO groups (name, created_at, updated_at) VALUES ($1, $2, $2) \
                         ON CONFLICT (name) DO NOTHING",
                    )
                    .bind(&group)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                    sqlx::query(
                        "INSERT INTO user_groups (userid, group_id) \
                         SELECT $1, id FROM groups WHERE name = $2 ON CONFLICT DO NOTHING",
                    )
                    .bind(userid)
                    .bind(&group)
                    .execute(&mut *conn)
                    .await?;
                }
                Ok(())
            }

            /// Inserts `user` (named `username`) with a fresh proquint
            /// userid, drawn again on collision, and its groups, in the
            /// transaction `conn` is in.
            async fn insert_user(
                conn: &mut Conn<Self>,
                user: NewUser,
                username: Username,
                now: i64,
            ) -> DbResult<User> {
                let mut attempts = 0;
                let userid = loop {
                    let candidate = user.userid.clone().unwrap_or_else(proquint::random_userid);
                    let p = &user.profile;
                    // A userid collision must not abort the transaction (it
                    // would on PostgreSQL), so it is absorbed by ON CONFLICT
                    // and retried; a username collision still raises.
                    let inserted: Option<String> = sqlx::query_scalar(
                        "INSERT INTO users (userid, username, name, given_name, family_name, \
                         nickname, email, email_verified, phone, phone_verified, picture, locale, \
                         role, active, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, TRUE, $13, $13) \
                         ON CONFLICT (userid) DO NOTHING RETURNING userid",
                    )
                    .bind(&candidate)
                    .bind(&user.username)
                    .bind(&p.name)
                    .bind(&p.given_name)
                    .bind(&p.family_name)
                    .bind(&p.nickname)
                    .bind(&p.email)
                    .bind(p.email_verified)
                    .bind(&p.phone)
                    .bind(p.phone_verified)
                    .bind(&p.picture)
                    .bind(&p.locale)
                    .bind(now)
                    .bind(user.role.map(crate::domain::role::Role::as_str))
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err(map_unique)?;
                    match inserted {
                        // Checked after the insert: a deletion of the same
                        // userid racing with it has committed its tombstone by then.
                        Some(userid) if Self::retired(conn, &userid).await? => {
                            sqlx::query("DELETE FROM users WHERE userid = $1")
                                .bind(&userid)
                                .execute(&mut *conn)
                                .await?;
                            if user.userid.is_some() || attempts >= USERID_ATTEMPTS {
                                return Err(DbError::Conflict("userid"));
                            }
                            attempts += 1;
                        }
                        Some(userid) => break userid,
                        None if attempts < USERID_ATTEMPTS && user.userid.is_none() => {
                            attempts += 1;
                        }
                        None => return Err(DbError::Conflict("userid")),
                    }
                };
                Self::write_groups(conn, &userid, &user.groups, now).await?;
                Ok(User {
                    userid,
                    username,
                    profile: user.profile,
                    groups: group_set(&user.groups),
                    attributes: crate::domain::claim_mapping::Attributes::new(),
                    role: user.role,
                    active: true,
                    created_at: now,
                    updated_at: now,
                })
            }

            /// Whether `userid` belonged to a deleted user (and so may not be issued).
            async fn retired(conn: &mut Conn<Self>, userid: &str) -> DbResult<bool> {
                let found: Option<i32> =
                    sqlx::query_scalar("SELECT 1 FROM retired_userids WHERE userid = $1")
                        .bind(userid)
                        .fetch_optional(&mut *conn)
                        .await?;
                Ok(found.is_some())
            }
        }

        #[async_trait]
        impl UserRepo for $store {
            #[tracing::instrument(target = "otel", name = "UserRepo.create", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.create"))]
            async fn create(&self, user: NewUser, now: i64) -> DbResult<User> {
                let username = readable_username(&user)?;
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let created = Self::insert_user(&mut tx, user, username, now).await?;
                tx.commit().await?;
                Ok(created)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.create_with_free_address", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.create_with_free_address"))]
            async fn create_with_free_address(
                &self,
                user: NewUser,
                now: i64,
            ) -> DbResult<Option<User>> {
                let username = readable_username(&user)?;
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                if let Some(email) = user.profile.email.as_deref() {
                    if let Some(lock) = Self::LOCK_KEY {
                        sqlx::query(lock)
                            .bind(ADDRESS_LOCK)
                            .bind(email.to_ascii_lowercase())
                            .execute(&mut *tx)
                            .await?;
                    }
                    // Read after the lock is held: a creation for the
                    // address that held it before has committed by now.
                    let taken: Option<i32> = sqlx::query_scalar(super::ADDRESS_IN_USE)
                    .bind(email)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if taken.is_some() {
                        return Ok(None);
                    }
                }
                let created = Self::insert_user(&mut tx, user, username, now).await?;
                tx.commit().await?;
                Ok(Some(created))
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.get", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.get"))]
            async fn get(&self, userid: &str) -> DbResult<Option<User>> {
                let sql = format!(
                    concat!("SELECT ", user_columns!(), " FROM users u WHERE u.userid = $1"),
                    agg = Self::JSON_ARRAY_AGG
                );
                let row: Option<UserRow> = sqlx::query_as(&sql)
                    .bind(userid)
                    .fetch_optional(self.reader())
                    .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.get_by_username", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.get_by_username"))]
            async fn get_by_username(&self, username: &str) -> DbResult<Option<User>> {
                let sql = format!(
                    concat!("SELECT ", user_columns!(), " FROM users u WHERE u.username = $1"),
                    agg = Self::JSON_ARRAY_AGG
                );
                let row: Option<UserRow> = sqlx::query_as(&sql)
                    .bind(username)
                    .fetch_optional(self.reader())
                    .await?;
                decode_opt(row)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.list_by_verified_email", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.list_by_verified_email"))]
            async fn list_by_verified_email(&self, email: &str) -> DbResult<Vec<User>> {
                let sql = format!(
                    concat!(
                        "SELECT ",
                        user_columns!(),
                        " FROM users u WHERE LOWER(u.email) = LOWER($1) \
                         AND u.email_verified = $2 ORDER BY u.username"
                    ),
                    agg = Self::JSON_ARRAY_AGG
                );
                let rows: Vec<UserRow> = sqlx::query_as(&sql)
                    .bind(email)
                    .bind(true)
                    .fetch_all(self.reader())
                    .await?;
                decode_all(rows)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.list", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.list"))]
            async fn list(
                &self,
                query: Option<&str>,
                offset: i64,
                limit: i64,
            ) -> DbResult<Page<User>> {
                let (offset, limit) = window(offset, limit);
                let pattern = like_pattern(query);
                // Case-insensitive (ASCII at least) on both backends.
                let filter = format!(
                    "(CAST($1 AS TEXT) IS NULL OR u.username {like} $1 ESCAPE '\\' \
                     OR u.name {like} $1 ESCAPE '\\' OR u.email {like} $1 ESCAPE '\\')",
                    like = Self::ILIKE
                );
                let total: i64 =
                    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users u WHERE {filter}"))
                        .bind(&pattern)
                        .fetch_one(self.reader())
                        .await?;
                let sql = format!(
                    concat!(
                        "SELECT ",
                        user_columns!(),
                        " FROM users u WHERE {filter} \
                         ORDER BY u.username COLLATE {bytes} LIMIT $2 OFFSET $3"
                    ),
                    agg = Self::JSON_ARRAY_AGG,
                    filter = filter,
                    bytes = Self::BYTE_ORDER
                );
                let rows: Vec<UserRow> = sqlx::query_as(&sql)
                    .bind(&pattern)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(self.reader())
                    .await?;
                let items = decode_all(rows)?;
                Ok(Page { items, total })
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.update_profile", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.update_profile"))]
            async fn update_profile(&self, userid: &str, p: &Profile, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE users SET name = $1, given_name = $2, family_name = $3, nickname = $4, \
                     email = $5, email_verified = $6, phone = $7, phone_verified = $8, \
                     picture = $9, locale = $10, updated_at = $11 WHERE userid = $12",
                )
                .bind(&p.name)
                .bind(&p.given_name)
                .bind(&p.family_name)
                .bind(&p.nickname)
                .bind(&p.email)
                .bind(p.email_verified)
                .bind(&p.phone)
                .bind(p.phone_verified)
                .bind(&p.picture)
                .bind(&p.locale)
                .bind(now)
                .bind(userid)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.set_username", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.set_username"))]
            async fn set_username(&self, userid: &str, username: &str, now: i64) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE users SET username = $1, updated_at = $2 WHERE userid = $3",
                )
                .bind(username)
                .bind(now)
                .bind(userid)
                .execute(self.writer())
                .await
                .map_err(map_unique)?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.set_groups", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.set_groups"))]
            async fn set_groups(&self, userid: &str, groups: &[String], now: i64) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let result = sqlx::query("UPDATE users SET updated_at = $1 WHERE userid = $2")
                    .bind(now)
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                expect_one(result.rows_affected())?;
                Self::write_groups(&mut tx, userid, groups, now).await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.set_attributes", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.set_attributes"))]
            async fn set_attributes(
                &self,
                userid: &str,
                attributes: &crate::domain::claim_mapping::Attributes,
                now: i64,
            ) -> DbResult<()> {
                let result = sqlx::query(
                    "UPDATE users SET attributes = $1, updated_at = $2 WHERE userid = $3",
                )
                .bind(to_json_attributes(attributes))
                .bind(now)
                .bind(userid)
                .execute(self.writer())
                .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.set_active", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.set_active"))]
            async fn set_active(&self, userid: &str, active: bool, now: i64) -> DbResult<()> {
                let result =
                    sqlx::query("UPDATE users SET active = $1, updated_at = $2 WHERE userid = $3")
                        .bind(active)
                        .bind(now)
                        .bind(userid)
                        .execute(self.writer())
                        .await?;
                expect_one(result.rows_affected())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.mark_email_verified", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.mark_email_verified"))]
            async fn mark_email_verified(
                &self,
                userid: &str,
                email: &str,
                now: i64,
            ) -> DbResult<bool> {
                let result = sqlx::query(
                    "UPDATE users SET email_verified = $1, updated_at = $2 \
                     WHERE userid = $3 AND email = $4",
                )
                .bind(true)
                .bind(now)
                .bind(userid)
                .bind(email)
                .execute(self.writer())
                .await?;
                Ok(result.rows_affected() == 1)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.delete", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.delete"))]
            async fn delete(&self, userid: &str) -> DbResult<()> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let result = sqlx::query("DELETE FROM users WHERE userid = $1")
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                expect_one(result.rows_affected())?;
                // The tombstone: this userid is never issued again.
                let tombstone = format!(
                    "INSERT INTO retired_userids (userid, retired_at) VALUES ($1, {}) \
                     ON CONFLICT (userid) DO NOTHING",
                    Self::UNIX_NOW
                );
                sqlx::query(&tombstone)
                    .bind(userid)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.any_owner", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.any_owner"))]
            async fn any_owner(&self) -> DbResult<bool> {
                let found: Option<i32> = sqlx::query_scalar(
                    "SELECT 1 FROM users WHERE role = 'owner' AND active LIMIT 1",
                )
                .fetch_optional(self.reader())
                .await?;
                Ok(found.is_some())
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.change_keeping_an_owner", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.change_keeping_an_owner"))]
            async fn change_keeping_an_owner(
                &self,
                userid: &str,
                change: OwnerChange,
                now: i64,
            ) -> DbResult<bool> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                // Ordered, so two of these lock the owners in the same
                // order and never deadlock.
                let owners: Vec<String> = sqlx::query_scalar(&format!(
                    "SELECT userid FROM users WHERE role = 'owner' AND active \
                     ORDER BY userid {}",
                    Self::FOR_UPDATE
                ))
                .fetch_all(&mut *tx)
                .await?;
                if owners.len() == 1 && owners[0] == userid {
                    return Ok(false);
                }
                let affected = match change {
                    OwnerChange::Role(role) => {
                        sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE userid = $3")
                            .bind(role.map(crate::domain::role::Role::as_str))
                            .bind(now)
                            .bind(userid)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected()
                    }
                    OwnerChange::Disable => {
                        sqlx::query(
                            "UPDATE users SET active = $1, updated_at = $2 WHERE userid = $3",
                        )
                        .bind(false)
                        .bind(now)
                        .bind(userid)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                    }
                    OwnerChange::Delete => {
                        let gone = sqlx::query("DELETE FROM users WHERE userid = $1")
                            .bind(userid)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                        let tombstone = format!(
                            "INSERT INTO retired_userids (userid, retired_at) VALUES ($1, {}) \
                             ON CONFLICT (userid) DO NOTHING",
                            Self::UNIX_NOW
                        );
                        sqlx::query(&tombstone)
                            .bind(userid)
                            .execute(&mut *tx)
                            .await?;
                        gone
                    }
                };
                expect_one(affected)?;
                tx.commit().await?;
                Ok(true)
            }

            #[tracing::instrument(target = "otel", name = "UserRepo.set_role", skip_all, fields(otel.kind = "client", db.system = <Self as super::Dialect>::SYSTEM, db.system.name = <Self as super::Dialect>::SYSTEM, db.operation.name = "UserRepo.set_role"))]
            async fn set_role(
                &self,
                userid: &str,
                role: Option<crate::domain::role::Role>,
                now: i64,
            ) -> DbResult<()> {
                expect_one(
                    sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE userid = $3")
                        .bind(role.map(crate::domain::role::Role::as_str))
                        .bind(now)
                        .bind(userid)
                        .execute(self.writer())
                        .await?
                        .rows_affected(),
                )
            }
        }
    };
}

user_repo!(SqliteStore);
user_repo!(PgStore);
