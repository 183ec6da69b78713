-- DPoP (RFC 9449; src/oidc/dpop.rs, docs/dpop.md).
--
-- DPoP proofs already used: the jti (hashed) of each accepted proof, per
-- key thumbprint, is kept until the proof would no longer be accepted, so
-- a replay is refused on every instance; the primary key makes two
-- concurrent uses unable to both pass. Purged by housekeeping
-- (src/db/sql/maintenance.rs).
CREATE TABLE dpop_proofs (
    jkt         TEXT NOT NULL,
    jti_hash    TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    CONSTRAINT dpop_proofs_pkey PRIMARY KEY (jkt, jti_hash)
);
CREATE INDEX dpop_proofs_expires_idx ON dpop_proofs(expires_at);

-- The DPoP key (RFC 7638 thumbprint) a refresh-token family is bound to:
-- for a public client, a refresh needs a proof of this key; for a
-- confidential client, any proof (the family began DPoP-bound). NULL: a
-- family that began without DPoP.
ALTER TABLE refresh_tokens ADD COLUMN dpop_jkt TEXT;
