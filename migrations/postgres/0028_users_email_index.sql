-- Accounts by e-mail address, ASCII case ignored: the sign-up checks
-- (one account per address, checked and created in one locked
-- transaction) and self-service recovery look users up by LOWER(email).
-- Not unique: accounts an administrator made may share an address.
CREATE INDEX users_email_lower_idx ON users (LOWER(email));
