-- Browser origins a client may call /token, /userinfo, /revoke and /par
-- from (CORS) besides the origins of its redirect URIs: a JSON list of
-- origins (scheme://host[:port]), checked in src/domain/origin.rs.
ALTER TABLE clients ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]';
-- The client's authorization requests must be pushed (RFC 9126).
ALTER TABLE clients ADD COLUMN require_par BOOLEAN NOT NULL DEFAULT FALSE;

-- Pushed authorization requests (RFC 9126): only the SHA-256 of the random
-- part of the request_uri is stored; single use (taken by DELETE … RETURNING),
-- bound to the client, purged once expired.
CREATE TABLE pushed_requests (
    uri_hash    TEXT NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    params      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT pushed_requests_pkey PRIMARY KEY (uri_hash)
);
CREATE INDEX pushed_requests_expires_idx ON pushed_requests(expires_at);
