-- Per-address rate-limit counters shared by every instance on this database
-- (src/http/limits.rs): one row per limit, key and one-minute window, counted
-- with one INSERT … ON CONFLICT DO UPDATE … RETURNING; purged once expired.
CREATE TABLE rate_limits (
    name          TEXT NOT NULL,
    key           TEXT NOT NULL,
    window_start  BIGINT NOT NULL,
    hits          BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    CONSTRAINT rate_limits_pkey PRIMARY KEY (name, key, window_start)
);
CREATE INDEX rate_limits_expires_idx ON rate_limits(expires_at);
