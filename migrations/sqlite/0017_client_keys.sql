-- Client authentication with a signed JWT (RFC 7523 §2.2, OpenID Connect
-- Core §9; src/http/oidc/client_auth.rs, docs/private-key-jwt.md).
--
-- jwks: the JWK Set (public keys only, validated in src/domain/client_jwks.rs)
-- of a private_key_jwt client, pasted by an administrator; never fetched.
-- secret_sealed: the secret of a client_secret_jwt client, sealed under a key
-- derived from the master key (HMAC assertions need the secret itself; such a
-- client has no secret_hash and cannot use its secret any other way).
ALTER TABLE clients ADD COLUMN jwks TEXT;
ALTER TABLE clients ADD COLUMN secret_sealed TEXT;

-- Client assertions already used: the jti (hashed) of each accepted
-- assertion is kept until the assertion would have expired, so a replay
-- is refused; the primary key makes two concurrent replays unable to both
-- pass. Purged by housekeeping (src/db/sql/maintenance.rs).
CREATE TABLE client_assertions (
    client_id   TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    jti_hash    TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    CONSTRAINT client_assertions_pkey PRIMARY KEY (client_id, jti_hash)
);
CREATE INDEX client_assertions_expires_idx ON client_assertions(expires_at);
