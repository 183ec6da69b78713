-- Second factors (issue 18): an authenticator app (TOTP, RFC 6238) and
-- single-use backup codes.
--
-- One row per user with an authenticator, confirmed or being set up. The
-- secrets are sealed under the derived second-factor key, bound to the
-- userid (crypto::MasterKey::seal_second_factor): a secret copied to
-- another user's row does not open. `secret` is the confirmed secret in
-- force (NULL until one is confirmed), `last_step` the last time step
-- accepted with it (each code once); `pending` a secret being set up, which
-- replaces `secret` only once confirmed with a code from it.
CREATE TABLE totp_authenticators (
    userid        TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    secret        TEXT,
    confirmed_at  BIGINT,
    last_step     BIGINT,
    last_used_at  BIGINT,
    pending       TEXT,
    pending_at    BIGINT,
    CONSTRAINT totp_authenticators_pkey PRIMARY KEY (userid)
);

-- Backup codes: only the SHA-256 of each code (bound to the userid) is
-- stored; a code is spent by setting used_at, once.
CREATE TABLE backup_codes (
    userid      TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    used_at     BIGINT,
    CONSTRAINT backup_codes_pkey PRIMARY KEY (userid, code_hash)
);
