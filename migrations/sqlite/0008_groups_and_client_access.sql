-- Groups become things of their own (a description, a time of change), and a
-- client may be restricted to members of some groups (client_groups; no row
-- means everyone). A group that restricts a client cannot be deleted: the
-- service refuses first, and the foreign key has no ON DELETE action.
ALTER TABLE groups ADD COLUMN description TEXT;
ALTER TABLE groups ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE groups SET updated_at = created_at;

CREATE TABLE client_groups (
    client_id  TEXT NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups(id),
    PRIMARY KEY (client_id, group_id)
);
CREATE INDEX client_groups_group_idx ON client_groups(group_id);
