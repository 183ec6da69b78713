-- Second-factor policy (issue 18): a client or a group may require a
-- second factor. A client with require_mfa admits only sessions at acr "2";
-- a member of a group with require_mfa completes a second factor at every
-- sign-in (src/oidc/authorize.rs, src/auth/second_step.rs).
ALTER TABLE clients ADD COLUMN require_mfa BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE groups ADD COLUMN require_mfa BOOLEAN NOT NULL DEFAULT FALSE;

-- A password sign-in waiting for its second step: only the SHA-256 of the
-- random secret in the browser's cookie is stored, with the account and the
-- authorization request (req) or local path (next) it continues. Single
-- use (deleted on success), dead after expires_at (5 minutes) or once the
-- account is locked.
CREATE TABLE mfa_pending (
    token_hash  TEXT NOT NULL,
    userid      TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    req         TEXT,
    next        TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT mfa_pending_pkey PRIMARY KEY (token_hash)
);
CREATE INDEX mfa_pending_userid_idx ON mfa_pending(userid);
CREATE INDEX mfa_pending_expires_idx ON mfa_pending(expires_at);
