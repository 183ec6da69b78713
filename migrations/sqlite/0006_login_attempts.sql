-- Sign-in attempts counted per key (address and username, username, device
-- cookie) by one atomic statement each; replaces the per-username
-- read-modify-write login_throttle (its transient counters are dropped).
CREATE TABLE login_attempts (
    key           TEXT PRIMARY KEY,
    attempts      INTEGER NOT NULL,
    window_start  INTEGER NOT NULL,
    locked_until  INTEGER,
    lockouts      INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

DROP TABLE login_throttle;
