-- Dynamic client registration (RFC 7591 / RFC 7592).
-- Initial access tokens an administrator issues for LATCHKEY_REGISTRATION
-- = token: only the SHA-256 of the token is stored; each has an expiry and
-- a number of registrations left.
CREATE TABLE registration_tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    uses_left   BIGINT NOT NULL,
    created_by  TEXT,
    revoked_at  BIGINT
);
-- A client registered through /register: the SHA-256 of its registration
-- access token (RFC 7592), the token endpoint authentication method it
-- asked for, and the initial access token it was registered with (if any).
-- Clients an administrator registered have no row here.
CREATE TABLE client_registrations (
    client_id         TEXT PRIMARY KEY REFERENCES clients(client_id) ON DELETE CASCADE,
    access_token_hash TEXT NOT NULL,
    auth_method       TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    initial_token_id  TEXT
);
