-- Authorization codes are sealed, self-contained records (src/oidc/codes.rs):
-- nothing is stored when a code is issued; a redeemed code is remembered
-- here until it would have expired, so a second redemption is a replay.
-- Codes issued by the previous version (at most a minute old) stop working.
DROP TABLE auth_codes;

CREATE TABLE spent_codes (
    code_hash   TEXT NOT NULL,
    grant_id    TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT spent_codes_pkey PRIMARY KEY (code_hash)
);
CREATE INDEX spent_codes_expires_idx ON spent_codes(expires_at);
