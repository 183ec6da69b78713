-- Sign-in attempts counted per key (address and username, username, device
-- cookie) by one atomic statement each; replaces the per-username
-- read-modify-write login_throttle (its transient counters are dropped).
CREATE TABLE login_attempts (
    key           TEXT NOT NULL,
    attempts      BIGINT NOT NULL,
    window_start  BIGINT NOT NULL,
    locked_until  BIGINT,
    lockouts      BIGINT NOT NULL DEFAULT 0,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT login_attempts_pkey PRIMARY KEY (key)
);

DROP TABLE login_throttle;
