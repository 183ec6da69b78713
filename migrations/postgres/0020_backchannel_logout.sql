-- OpenID Connect Back-Channel Logout 1.0.
-- Which clients received an ID token in which session: written when an ID
-- token is issued while the session lives; goes with the session (an
-- expired session is purged without notifying anyone) and with the client.
CREATE TABLE session_clients (
    sid        TEXT NOT NULL REFERENCES sessions(sid) ON DELETE CASCADE,
    client_id  TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    userid     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (sid, client_id)
);
CREATE INDEX session_clients_client_idx ON session_clients(client_id);

-- The outbox of logout tokens to send: one row per ended session and client
-- with a back-channel logout URI, written in the transaction that ends the
-- session. `state` is pending, delivered or failed (gave up); a worker
-- claims a due pending row by setting `lease_until`.
CREATE TABLE logout_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    client_id       TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    userid          TEXT NOT NULL,
    sid             TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    lease_until     BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);
CREATE INDEX logout_deliveries_due_idx ON logout_deliveries(state, next_attempt_at);
CREATE INDEX logout_deliveries_client_idx ON logout_deliveries(client_id, id);
