-- Recovery codes (issue 21): a second way of self-service recovery. A
-- user creates ten codes on /account, shown once; one of them with the
-- username gives a single-use link to add a passkey or set a password.
-- Only the SHA-256 of each code (bound to the userid) is stored; a code is
-- spent by setting used_at, once.
CREATE TABLE recovery_codes (
    userid      TEXT NOT NULL REFERENCES users(userid) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    used_at     INTEGER,
    PRIMARY KEY (userid, code_hash)
);
