-- API keys for the admin API: a bearer token with a name, a role and an
-- expiry. Only the SHA-256 of the key is stored. created_by is the userid
-- of the administrator who created it (the key works only while that
-- person is active and their role may hand out the key's role), or
-- `cli`. last_used_at is written at most once a minute per key.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL
        CHECK (role IN ('owner', 'admin', 'user-manager', 'client-manager', 'auditor')),
    key_hash     TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_keys_created_at ON api_keys (created_at);
