-- Administrative roles: owner, admin, user-manager, client-manager,
-- auditor (NULL: none). Until now membership of the group "admin" made a
-- user an administrator with every power: those members become owners,
-- and the group stays as an ordinary group (relying parties may read it in
-- the groups claim) that no longer confers anything. Pending administrator
-- invites likewise make owners.
ALTER TABLE users ADD COLUMN role TEXT
    CHECK (role IN ('owner', 'admin', 'user-manager', 'client-manager', 'auditor'));
UPDATE users SET role = 'owner' WHERE userid IN (
    SELECT ug.userid FROM user_groups ug JOIN groups g ON g.id = ug.group_id
    WHERE g.name = 'admin');
ALTER TABLE invites ADD COLUMN role TEXT
    CHECK (role IN ('owner', 'admin', 'user-manager', 'client-manager', 'auditor'));
UPDATE invites SET role = 'owner' WHERE admin;
