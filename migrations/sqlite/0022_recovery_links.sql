-- Account recovery without an administrator: a recovery link asked for on
-- the sign-in page ("Lost your passkey?") takes effect only from
-- usable_from (a cooling-off delay during which the owner can cancel it);
-- self_service marks such links, which the owner sees and cancels on
-- /account. NULL usable_from: usable at once (every other invite).
ALTER TABLE invites ADD COLUMN usable_from INTEGER;
ALTER TABLE invites ADD COLUMN self_service INTEGER NOT NULL DEFAULT 0;
CREATE INDEX invites_userid ON invites (userid);
