-- Latchkey schema, SQLite flavour. Times are Unix seconds (INTEGER).

CREATE TABLE users (
    userid          TEXT PRIMARY KEY,
    username        TEXT NOT NULL,
    name            TEXT,
    given_name      TEXT,
    family_name     TEXT,
    nickname        TEXT,
    email           TEXT,
    email_verified  INTEGER NOT NULL DEFAULT 0,
    phone           TEXT,
    phone_verified  INTEGER NOT NULL DEFAULT 0,
    picture         TEXT,
    locale          TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    CONSTRAINT groups_name_key UNIQUE (name)
);

CREATE TABLE user_groups (
    userid    TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (userid, group_id)
);
CREATE INDEX user_groups_group_idx ON user_groups(group_id);

CREATE TABLE passkeys (
    id             TEXT PRIMARY KEY,
    userid         TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    credential_id  TEXT NOT NULL,
    name           TEXT NOT NULL,
    passkey        TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER,
    CONSTRAINT passkeys_credential_id_key UNIQUE (credential_id)
);
CREATE INDEX passkeys_userid_idx ON passkeys(userid);

CREATE TABLE passwords (
    userid      TEXT PRIMARY KEY REFERENCES users(userid) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE invites (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL,
    username     TEXT NOT NULL,
    email        TEXT,
    groups       TEXT NOT NULL DEFAULT '[]',
    admin        INTEGER NOT NULL DEFAULT 0,
    userid       TEXT REFERENCES users(userid) ON DELETE CASCADE,
    allow_password INTEGER NOT NULL DEFAULT 1,
    note         TEXT,
    created_by   TEXT,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    revoked_at   INTEGER,
    CONSTRAINT invites_token_hash_key UNIQUE (token_hash)
);

CREATE TABLE clients (
    client_id                  TEXT PRIMARY KEY,
    name                       TEXT NOT NULL,
    secret_hash                TEXT,
    public                     INTEGER NOT NULL DEFAULT 0,
    redirect_uris              TEXT NOT NULL DEFAULT '[]',
    post_logout_redirect_uris  TEXT NOT NULL DEFAULT '[]',
    grant_types                TEXT NOT NULL DEFAULT '[]',
    scopes                     TEXT NOT NULL DEFAULT '[]',
    skip_consent               INTEGER NOT NULL DEFAULT 0,
    id_token_alg               TEXT NOT NULL DEFAULT 'RS256',
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL
);

CREATE TABLE sessions (
    sid           TEXT PRIMARY KEY,
    token_hash    TEXT NOT NULL,
    userid        TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    auth_time     INTEGER NOT NULL,
    amr           TEXT NOT NULL DEFAULT '[]',
    acr           TEXT NOT NULL DEFAULT '0',
    user_agent    TEXT,
    ip            TEXT,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_userid_idx ON sessions(userid);
CREATE INDEX sessions_expires_idx ON sessions(expires_at);

CREATE TABLE auth_requests (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    params      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX auth_requests_expires_idx ON auth_requests(expires_at);

CREATE TABLE auth_codes (
    code_hash       TEXT PRIMARY KEY,
    grant_id        TEXT NOT NULL,
    client_id       TEXT NOT NULL,
    userid          TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    redirect_uri    TEXT NOT NULL,
    scope           TEXT NOT NULL,
    nonce           TEXT,
    code_challenge  TEXT,
    sid             TEXT,
    auth_time       INTEGER NOT NULL,
    amr             TEXT NOT NULL DEFAULT '[]',
    acr             TEXT NOT NULL DEFAULT '0',
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
);
CREATE INDEX auth_codes_expires_idx ON auth_codes(expires_at);

CREATE TABLE refresh_tokens (
    token_hash   TEXT PRIMARY KEY,
    family_id    TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    userid       TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    scope        TEXT NOT NULL,
    sid          TEXT,
    auth_time    INTEGER NOT NULL,
    amr          TEXT NOT NULL DEFAULT '[]',
    acr          TEXT NOT NULL DEFAULT '0',
    nonce        TEXT,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens(expires_at);

CREATE TABLE revocations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX revocations_expires_idx ON revocations(expires_at);

CREATE TABLE consents (
    userid      TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    client_id   TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    scopes      TEXT NOT NULL,
    granted_at  INTEGER NOT NULL,
    PRIMARY KEY (userid, client_id)
);

CREATE TABLE signing_keys (
    kid            TEXT PRIMARY KEY,
    alg            TEXT NOT NULL,
    private_key    BLOB NOT NULL,
    public_jwk     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    retired_at     INTEGER
);

CREATE TABLE login_throttle (
    username      TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    window_start  INTEGER NOT NULL,
    locked_until  INTEGER,
    lockouts      INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE ceremonies (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    userid      TEXT,
    state       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX ceremonies_expires_idx ON ceremonies(expires_at);

CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    actor     TEXT,
    event     TEXT NOT NULL,
    subject   TEXT,
    ip        TEXT,
    details   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_subject_idx ON audit_events(subject);
CREATE INDEX audit_events_event_idx ON audit_events(event);
CREATE INDEX audit_events_actor_idx ON audit_events(actor);
