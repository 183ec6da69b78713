-- Authorization codes are sealed, self-contained records (src/oidc/codes.rs):
-- nothing is stored when a code is issued; a redeemed code is remembered
-- here until it would have expired, so a second redemption is a replay.
-- Codes issued by the previous version (at most a minute old) stop working.
DROP TABLE auth_codes;

CREATE TABLE spent_codes (
    code_hash   TEXT PRIMARY KEY,
    grant_id    TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX spent_codes_expires_idx ON spent_codes(expires_at);
