-- Connected apps: when a client last used the user's consent (a code was
-- redeemed). Refreshes are seen from refresh_tokens.created_at.
ALTER TABLE consents ADD COLUMN last_used_at BIGINT;

-- Finding a user's refresh tokens for one client (listing and revoking a
-- connected app).
CREATE INDEX refresh_tokens_userid_client_idx ON refresh_tokens(userid, client_id);

-- E-mail verification links: only the SHA-256 of the token is stored, with
-- the address the link was sent for (it verifies that address only).
CREATE TABLE email_verifications (
    token_hash  TEXT NOT NULL,
    userid      TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    CONSTRAINT email_verifications_pkey PRIMARY KEY (token_hash)
);
CREATE INDEX email_verifications_userid_idx ON email_verifications(userid);
CREATE INDEX email_verifications_expires_idx ON email_verifications(expires_at);
