//! Read-through caches in front of the hottest repository reads: clients,
//! users, sessions, consents and revocation checks.
//!
//! Every hot endpoint (token, userinfo, introspection, authorize) reads the
//! same few rows again and again; each read through sqlx costs two thread
//! hand-offs and a query. These decorators keep recent answers in memory.
//!
//! Consistency: a write made through this process evicts what it changes
//! before it returns, so this process never serves its own stale data. A
//! write made elsewhere (another instance on the same PostgreSQL database,
//! or the `latchkey` CLI beside a running server) is seen once the cached
//! answer is older than the TTL (`LATCHKEY_CACHE_TTL`, 1 s by default; `0s`
//! turns caching off). Revocations made here are remembered locally, so a
//! revoked token can never be answered from an older cached "not revoked".

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::{
    Client, ClientRepo, ConnectedApp, ConsentRepo, DbResult, Group, GroupDeletion, GroupRepo,
    NewUser, Page, Profile, RepoSet, Repos, RevocationKind, RevocationRepo, Session, SessionRepo,
    User, UserRepo,
};

/// Entries a cache holds before it sheds expired ones (and, if still full,
/// starts over): bounds memory whatever the traffic.
const CAPACITY: usize = 16_384;

/// How long a local revocation mark outlives the TTL: covers a read that
/// started before the revocation and stores its stale answer after it.
const MARK_GRACE: Duration = Duration::from_secs(60);

/// A bounded map whose entries expire `ttl` after they were stored.
pub struct TtlCache<K, V> {
    ttl: Duration,
    map: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    /// An empty cache whose entries live for `ttl`.
    #[must_use]
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            map: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, (Instant, V)>> {
        // A panic while holding the lock cannot leave the map inconsistent
        // (every operation is a single map call), so a poisoned lock is fine.
        self.map
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value stored for `key`, unless it has expired.
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let map = self.lock();
        let (stored, value) = map.get(key)?;
        (stored.elapsed() < self.ttl).then(|| value.clone())
    }

    /// Stores `value` for `key`.
    pub fn insert(&self, key: K, value: V) {
        self.insert_for(key, value, Instant::now());
    }

    fn insert_for(&self, key: K, value: V, stored: Instant) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            let ttl = self.ttl;
            map.retain(|_, (at, _)| at.elapsed() < ttl);
            if map.len() >= CAPACITY {
                map.clear();
            }
        }
        map.insert(key, (stored, value));
    }

    /// Forgets `key`.
    pub fn remove<Q>(&self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.lock().remove(key);
    }

    /// Forgets every entry whose value matches.
    pub fn remove_where(&self, mut matches: impl FnMut(&V) -> bool) {
        self.lock().retain(|_, (_, v)| !matches(v));
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.lock().clear();
    }
}

impl Repos {
    /// Puts read-through caches whose answers live for `ttl` in front of
    /// clients, users, sessions, consents and revocations. A zero `ttl`
    /// returns the repositories unchanged.
    #[must_use]
    pub fn with_cache(self, ttl: Duration) -> Self {
        if ttl.is_zero() {
            return self;
        }
        let set: &RepoSet = &self;
        let users = Arc::new(TtlCache::new(ttl));
        let clients = Arc::new(TtlCache::new(ttl));
        Self::from_set(RepoSet {
            users: Arc::new(CachedUsers {
                inner: set.users.clone(),
                cache: users.clone(),
            }),
            groups: Arc::new(CachedGroups {
                inner: set.groups.clone(),
                users,
                clients: clients.clone(),
            }),
            clients: Arc::new(CachedClients {
                inner: set.clients.clone(),
                cache: clients,
                origins: TtlCache::new(ttl),
            }),
            sessions: Arc::new(CachedSessions {
                inner: set.sessions.clone(),
                cache: TtlCache::new(ttl),
            }),
            consents: Arc::new(CachedConsents {
                inner: set.consents.clone(),
                cache: TtlCache::new(ttl),
            }),
            revocations: Arc::new(CachedRevocations {
                inner: set.revocations.clone(),
                answers: TtlCache::new(ttl),
                revoked_here: TtlCache::new(ttl + MARK_GRACE),
                users: TtlCache::new(ttl),
                users_revoked_here: TtlCache::new(ttl + MARK_GRACE),
            }),
            attributes: set.attributes.clone(),
            logout_deliveries: set.logout_deliveries.clone(),
            passkeys: set.passkeys.clone(),
            passwords: set.passwords.clone(),
            invites: set.invites.clone(),
            auth_requests: set.auth_requests.clone(),
            pushed_requests: set.pushed_requests.clone(),
            client_logos: set.client_logos.clone(),
            device_auths: set.device_auths.clone(),
            codes: set.codes.clone(),
            assertions: set.assertions.clone(),
            email_verifications: set.email_verifications.clone(),
            second_factors: set.second_factors.clone(),
            recovery_codes: set.recovery_codes.clone(),
            pending_steps: set.pending_steps.clone(),
            refresh_tokens: set.refresh_tokens.clone(),
            signing_keys: set.signing_keys.clone(),
            throttle: set.throttle.clone(),
            ceremonies: set.ceremonies.clone(),
            audit: set.audit.clone(),
            rate_limits: set.rate_limits.clone(),
            registrations: set.registrations.clone(),
            signups: set.signups.clone(),
            api_keys: set.api_keys.clone(),
            maintenance: set.maintenance.clone(),
        })
    }
}

/// Users by userid.
struct CachedUsers {
    inner: Arc<dyn UserRepo>,
    cache: Arc<TtlCache<String, User>>,
}

/// Groups are not cached, but renaming or deleting one changes the groups
/// of cached users and clients: both caches are emptied (such changes are rare).
struct CachedGroups {
    inner: Arc<dyn GroupRepo>,
    users: Arc<TtlCache<String, User>>,
    clients: Arc<TtlCache<String, Client>>,
}

impl CachedGroups {
    fn forget(&self) {
        self.users.clear();
        self.clients.clear();
    }
}

#[async_trait]
impl GroupRepo for CachedGroups {
    async fn create(&self, name: &str, description: Option<&str>, now: i64) -> DbResult<Group> {
        self.inner.create(name, description, now).await
    }

    async fn get(&self, name: &str) -> DbResult<Option<Group>> {
        self.inner.get(name).await
    }

    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Group>> {
        self.inner.list(offset, limit).await
    }

    async fn rename(&self, name: &str, new_name: &str, now: i64) -> DbResult<()> {
        self.forget();
        let result = self.inner.rename(name, new_name, now).await;
        self.forget();
        result
    }

    async fn set_description(
        &self,
        name: &str,
        description: Option<&str>,
        now: i64,
    ) -> DbResult<()> {
        self.inner.set_description(name, description, now).await
    }

    async fn set_require_mfa(&self, name: &str, on: bool, now: i64) -> DbResult<()> {
        self.inner.set_require_mfa(name, on, now).await
    }

    async fn requires_mfa(&self, userid: &str) -> DbResult<bool> {
        self.inner.requires_mfa(userid).await
    }

    async fn delete(&self, name: &str) -> DbResult<GroupDeletion> {
        self.forget();
        let result = self.inner.delete(name).await;
        self.forget();
        result
    }

    async fn members(&self, name: &str) -> DbResult<Vec<User>> {
        self.inner.members(name).await
    }
}

#[async_trait]
impl UserRepo for CachedUsers {
    async fn create(&self, user: NewUser, now: i64) -> DbResult<User> {
        self.inner.create(user, now).await
    }

    async fn create_with_free_address(&self, user: NewUser, now: i64) -> DbResult<Option<User>> {
        self.inner.create_with_free_address(user, now).await
    }

    async fn get(&self, userid: &str) -> DbResult<Option<User>> {
        if let Some(user) = self.cache.get(userid) {
            return Ok(Some(user));
        }
        let started = Instant::now();
        let found = self.inner.get(userid).await?;
        if let Some(user) = &found {
            self.cache
                .insert_for(userid.to_owned(), user.clone(), started);
        }
        Ok(found)
    }

    async fn get_by_username(&self, username: &str) -> DbResult<Option<User>> {
        self.inner.get_by_username(username).await
    }

    async fn list_by_verified_email(&self, email: &str) -> DbResult<Vec<User>> {
        self.inner.list_by_verified_email(email).await
    }

    async fn list(&self, query: Option<&str>, offset: i64, limit: i64) -> DbResult<Page<User>> {
        self.inner.list(query, offset, limit).await
    }

    async fn update_profile(&self, userid: &str, profile: &Profile, now: i64) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.update_profile(userid, profile, now).await;
        self.cache.remove(userid);
        result
    }

    async fn set_username(&self, userid: &str, username: &str, now: i64) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.set_username(userid, username, now).await;
        self.cache.remove(userid);
        result
    }

    async fn set_groups(&self, userid: &str, groups: &[String], now: i64) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.set_groups(userid, groups, now).await;
        self.cache.remove(userid);
        result
    }

    async fn set_attributes(
        &self,
        userid: &str,
        attributes: &crate::domain::claim_mapping::Attributes,
        now: i64,
    ) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.set_attributes(userid, attributes, now).await;
        self.cache.remove(userid);
        result
    }

    async fn set_active(&self, userid: &str, active: bool, now: i64) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.set_active(userid, active, now).await;
        self.cache.remove(userid);
        result
    }

    async fn mark_email_verified(&self, userid: &str, email: &str, now: i64) -> DbResult<bool> {
        self.cache.remove(userid);
        let result = self.inner.mark_email_verified(userid, email, now).await;
        self.cache.remove(userid);
        result
    }

    async fn delete(&self, userid: &str) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.delete(userid).await;
        self.cache.remove(userid);
        result
    }

    async fn any_owner(&self) -> DbResult<bool> {
        self.inner.any_owner().await
    }

    async fn set_role(
        &self,
        userid: &str,
        role: Option<crate::domain::role::Role>,
        now: i64,
    ) -> DbResult<()> {
        self.cache.remove(userid);
        let result = self.inner.set_role(userid, role, now).await;
        self.cache.remove(userid);
        result
    }

    async fn change_keeping_an_owner(
        &self,
        userid: &str,
        change: crate::db::OwnerChange,
        now: i64,
    ) -> DbResult<bool> {
        self.cache.remove(userid);
        let result = self
            .inner
            .change_keeping_an_owner(userid, change, now)
            .await;
        self.cache.remove(userid);
        result
    }
}

/// Clients by client id, and the set of every client's browser origins
/// (asked by each CORS preflight). Any client write empties the origins.
struct CachedClients {
    inner: Arc<dyn ClientRepo>,
    cache: Arc<TtlCache<String, Client>>,
    origins: TtlCache<(), Arc<HashSet<String>>>,
}

#[async_trait]
impl ClientRepo for CachedClients {
    async fn create(&self, client: &Client) -> DbResult<()> {
        let result = self.inner.create(client).await;
        self.origins.clear();
        result
    }

    async fn get(&self, client_id: &str) -> DbResult<Option<Client>> {
        if let Some(client) = self.cache.get(client_id) {
            return Ok(Some(client));
        }
        let started = Instant::now();
        let found = self.inner.get(client_id).await?;
        if let Some(client) = &found {
            self.cache
                .insert_for(client_id.to_owned(), client.clone(), started);
        }
        Ok(found)
    }

    async fn list(&self, offset: i64, limit: i64) -> DbResult<Page<Client>> {
        self.inner.list(offset, limit).await
    }

    async fn update(&self, client: &Client) -> DbResult<()> {
        self.cache.remove(client.client_id.as_str());
        self.origins.clear();
        let result = self.inner.update(client).await;
        self.cache.remove(client.client_id.as_str());
        self.origins.clear();
        result
    }

    async fn delete(&self, client_id: &str) -> DbResult<()> {
        self.cache.remove(client_id);
        self.origins.clear();
        let result = self.inner.delete(client_id).await;
        self.cache.remove(client_id);
        self.origins.clear();
        result
    }

    async fn origins(&self) -> DbResult<Arc<HashSet<String>>> {
        if let Some(all) = self.origins.get(&()) {
            return Ok(all);
        }
        let started = Instant::now();
        let all = self.inner.origins().await?;
        self.origins.insert_for((), all.clone(), started);
        Ok(all)
    }
}

/// Sessions by the hash of their cookie secret.
struct CachedSessions {
    inner: Arc<dyn SessionRepo>,
    cache: TtlCache<String, Session>,
}

impl CachedSessions {
    fn forget(&self, matches: impl Fn(&Session) -> bool) {
        self.cache.remove_where(matches);
    }
}

#[async_trait]
impl SessionRepo for CachedSessions {
    async fn create(&self, session: &Session) -> DbResult<()> {
        self.inner.create(session).await
    }

    async fn get_by_token_hash(&self, token_hash: &str) -> DbResult<Option<Session>> {
        if let Some(session) = self.cache.get(token_hash) {
            return Ok(Some(session));
        }
        let started = Instant::now();
        let found = self.inner.get_by_token_hash(token_hash).await?;
        if let Some(session) = &found {
            self.cache
                .insert_for(token_hash.to_owned(), session.clone(), started);
        }
        Ok(found)
    }

    async fn get(&self, sid: &str) -> DbResult<Option<Session>> {
        self.inner.get(sid).await
    }

    async fn touch(&self, sid: &str, now: i64) -> DbResult<()> {
        self.forget(|s| s.sid == sid);
        let result = self.inner.touch(sid, now).await;
        self.forget(|s| s.sid == sid);
        result
    }

    async fn list_for_user(&self, userid: &str) -> DbResult<Vec<Session>> {
        self.inner.list_for_user(userid).await
    }

    async fn delete(&self, sid: &str) -> DbResult<()> {
        self.forget(|s| s.sid == sid);
        let result = self.inner.delete(sid).await;
        self.forget(|s| s.sid == sid);
        result
    }

    async fn delete_for_user(&self, userid: &str) -> DbResult<()> {
        self.forget(|s| s.userid == userid);
        let result = self.inner.delete_for_user(userid).await;
        self.forget(|s| s.userid == userid);
        result
    }

    async fn renew(&self, session: &Session) -> DbResult<bool> {
        let sid = session.sid.as_str();
        self.forget(|s| s.sid == sid);
        let result = self.inner.renew(session).await;
        self.forget(|s| s.sid == sid);
        result
    }

    async fn expire(&self, sid: &str) -> DbResult<()> {
        self.forget(|s| s.sid == sid);
        let result = self.inner.expire(sid).await;
        self.forget(|s| s.sid == sid);
        result
    }
}

/// Remembered consents by (userid, client id).
struct CachedConsents {
    inner: Arc<dyn ConsentRepo>,
    cache: TtlCache<(String, String), Option<Vec<String>>>,
}

fn consent_key(userid: &str, client_id: &str) -> (String, String) {
    (userid.to_owned(), client_id.to_owned())
}

#[async_trait]
impl ConsentRepo for CachedConsents {
    async fn get(&self, userid: &str, client_id: &str) -> DbResult<Option<Vec<String>>> {
        let key = consent_key(userid, client_id);
        if let Some(scopes) = self.cache.get(&key) {
            return Ok(scopes);
        }
        let started = Instant::now();
        let found = self.inner.get(userid, client_id).await?;
        self.cache.insert_for(key, found.clone(), started);
        Ok(found)
    }

    async fn put(
        &self,
        userid: &str,
        client_id: &str,
        scopes: &[String],
        now: i64,
    ) -> DbResult<()> {
        let key = consent_key(userid, client_id);
        self.cache.remove(&key);
        let result = self.inner.put(userid, client_id, scopes, now).await;
        self.cache.remove(&key);
        result
    }

    async fn delete(&self, userid: &str, client_id: &str) -> DbResult<()> {
        let key = consent_key(userid, client_id);
        self.cache.remove(&key);
        let result = self.inner.delete(userid, client_id).await;
        self.cache.remove(&key);
        result
    }

    async fn touch(&self, userid: &str, client_id: &str, now: i64) -> DbResult<()> {
        // The cache holds scopes only; the time of use is not cached.
        self.inner.touch(userid, client_id, now).await
    }

    async fn connected_apps(&self, userid: &str, now: i64) -> DbResult<Vec<ConnectedApp>> {
        self.inner.connected_apps(userid, now).await
    }
}

fn answer_key(grant_id: &str, jti: &str) -> String {
    format!("{grant_id}\u{0}{jti}")
}

/// Revocation checks by (grant id, jti) and by user, and the grants,
/// tokens and users revoked through this process.
struct CachedRevocations {
    inner: Arc<dyn RevocationRepo>,
    answers: TtlCache<String, bool>,
    revoked_here: TtlCache<String, ()>,
    /// `user_revoked_before` answers by userid.
    users: TtlCache<String, Option<i64>>,
    /// Users revoked through this process, with the time.
    users_revoked_here: TtlCache<String, i64>,
}

#[async_trait]
impl RevocationRepo for CachedRevocations {
    async fn revoke(&self, kind: RevocationKind, id: &str, expires_at: i64) -> DbResult<()> {
        self.revoked_here.insert(id.to_owned(), ());
        let result = self.inner.revoke(kind, id, expires_at).await;
        // Revocations are rare; dropping every cached answer is simplest.
        self.answers.clear();
        result
    }

    fn minted(&self, grant_id: &str, jti: &str) {
        // A token minted just now for a grant this process believes live:
        // as good as an answer read from the database at this moment.
        if self.revoked_here.get(grant_id).is_none() {
            self.answers.insert(answer_key(grant_id, jti), false);
        }
    }

    async fn is_revoked(&self, grant_id: &str, jti: &str) -> DbResult<bool> {
        if self.revoked_here.get(grant_id).is_some() || self.revoked_here.get(jti).is_some() {
            return Ok(true);
        }
        let key = answer_key(grant_id, jti);
        if let Some(revoked) = self.answers.get(&key) {
            return Ok(revoked);
        }
        let started = Instant::now();
        let revoked = self.inner.is_revoked(grant_id, jti).await?;
        self.answers.insert_for(key, revoked, started);
        Ok(revoked)
    }

    async fn revoke_user(&self, userid: &str, before: i64, expires_at: i64) -> DbResult<()> {
        let mark = self
            .users_revoked_here
            .get(userid)
            .map_or(before, |m| m.max(before));
        self.users_revoked_here.insert(userid.to_owned(), mark);
        self.users.remove(userid);
        let result = self.inner.revoke_user(userid, before, expires_at).await;
        self.users.remove(userid);
        result
    }

    async fn user_revoked_before(&self, userid: &str) -> DbResult<Option<i64>> {
        let answer = if let Some(answer) = self.users.get(userid) {
            answer
        } else {
            let started = Instant::now();
            let answer = self.inner.user_revoked_before(userid).await?;
            self.users.insert_for(userid.to_owned(), answer, started);
            answer
        };
        // A revocation made here is never hidden by an older cached answer.
        let mark = self.users_revoked_here.get(userid);
        Ok(answer.max(mark))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_after_the_ttl() {
        let cache = TtlCache::new(Duration::from_millis(30));
        cache.insert("a".to_owned(), 1);
        assert_eq!(cache.get("a"), Some(1));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get("a"), None);
    }

    #[test]
    fn an_answer_stored_with_an_old_start_expires_from_that_start() {
        let cache = TtlCache::new(Duration::from_millis(30));
        let started = Instant::now();
        std::thread::sleep(Duration::from_millis(40));
        cache.insert_for("a".to_owned(), 1, started);
        assert_eq!(cache.get("a"), None);
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = TtlCache::new(Duration::from_secs(60));
        for i in 0..(CAPACITY * 2 + 5) {
            cache.insert(i, i);
        }
        assert!(cache.lock().len() <= CAPACITY);
        assert_eq!(cache.get(&(CAPACITY * 2 + 4)), Some(CAPACITY * 2 + 4));
    }

    #[test]
    fn remove_where_forgets_matching_values() {
        let cache = TtlCache::new(Duration::from_secs(60));
        cache.insert(1, "keep");
        cache.insert(2, "drop");
        cache.remove_where(|v| *v == "drop");
        assert_eq!(cache.get(&1), Some("keep"));
        assert_eq!(cache.get(&2), None);
    }
}
