-- Refresh-token families get an absolute lifetime: every token carries the
-- time its family began (the authorization code's redemption), and a rotation
-- never extends past that start plus LATCHKEY_REFRESH_FAMILY_LIFETIME.
-- Existing rows: the earliest token still stored for the family is the best
-- known start (rotated tokens are kept until they expire).
ALTER TABLE refresh_tokens ADD COLUMN family_started_at INTEGER NOT NULL DEFAULT 0;
UPDATE refresh_tokens SET family_started_at = (
    SELECT MIN(r.created_at) FROM refresh_tokens r WHERE r.family_id = refresh_tokens.family_id
);

-- A revocation of kind 'user' (id 'user:<userid>') revokes every access
-- token of that user issued before not_before (password change, recovery,
-- disabling, deletion). NULL for the other kinds.
ALTER TABLE revocations ADD COLUMN not_before INTEGER;

-- Finding a user's refresh tokens when all of them are revoked.
CREATE INDEX refresh_tokens_userid_idx ON refresh_tokens(userid);
