-- Userids are never reissued (PRODUCT.md §6: the `sub` is non-reassignable).
-- Deleting a user leaves a tombstone here, written in the same transaction
-- as the deletion; creating a user refuses (or, for a random userid,
-- regenerates) a retired one. Users deleted before this migration are
-- recovered from the audit log's `user.deleted` events.
CREATE TABLE retired_userids (
    userid      TEXT PRIMARY KEY,
    retired_at  INTEGER NOT NULL
);

INSERT INTO retired_userids (userid, retired_at)
SELECT subject, MAX(at) FROM audit_events
WHERE event = 'user.deleted' AND subject IS NOT NULL
  AND subject NOT IN (SELECT userid FROM users)
GROUP BY subject;
