-- Per-address rate-limit counters (src/http/limits.rs). A single SQLite
-- instance keeps its limits in memory; the table exists so both backends
-- implement the same repository and share one test suite.
CREATE TABLE rate_limits (
    name          TEXT NOT NULL,
    key           TEXT NOT NULL,
    window_start  INTEGER NOT NULL,
    hits          INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    PRIMARY KEY (name, key, window_start)
) WITHOUT ROWID;
CREATE INDEX rate_limits_expires_idx ON rate_limits(expires_at);
