-- The device authorization grant (RFC 8628): one row per device
-- authorization request. Both codes are stored only as hashes: the device
-- code (256 random bits) as SHA-256, the short user code as a keyed hash
-- (HMAC under a key derived from the master key), so a copy of the
-- database does not give away the live user codes. `status` is pending,
-- approved, denied or redeemed; the sign-in that approved it
-- (userid … acr) is what the tokens carry. Rows go at `expires_at`.
CREATE TABLE device_authorizations (
    id               TEXT PRIMARY KEY,
    device_code_hash TEXT NOT NULL UNIQUE,
    user_code_hash   TEXT NOT NULL UNIQUE,
    client_id        TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    scope            TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending',
    poll_interval    INTEGER NOT NULL,
    last_polled_at   INTEGER,
    userid           TEXT REFERENCES users(userid) ON DELETE CASCADE,
    sid              TEXT,
    auth_time        INTEGER,
    amr              TEXT,
    acr              TEXT,
    decided_at       INTEGER,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL
);
CREATE INDEX device_authorizations_expires_idx ON device_authorizations(expires_at);
