-- Self-registration (LATCHKEY_SIGNUP).
-- approval mode: a sign-up request waits here, first for the person to
-- confirm their address (state 'unverified', with the SHA-256 of the
-- mailed verification token), then for an administrator (state 'verified';
-- 'approving' while an approval mails its invite). Approved and rejected
-- requests are deleted; expires_at (24 hours for an unverified request, 30
-- days once verified) lets housekeeping purge the rest.
CREATE TABLE signup_requests (
    id           TEXT PRIMARY KEY,
    username     TEXT NOT NULL,
    email        TEXT NOT NULL,
    name         TEXT,
    token_hash   TEXT NOT NULL UNIQUE,
    ip           TEXT,
    state        TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    verified_at  INTEGER,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX signup_requests_state ON signup_requests (state, requested_at);
CREATE INDEX signup_requests_expires ON signup_requests (expires_at);
-- The display name a self-registered person gave, set on the account the
-- invite creates (NULL for every other invite).
ALTER TABLE invites ADD COLUMN name TEXT;
