-- `me forget` asks first: the confirmation button carries this nonce, which
-- only its member's click (or typed code) within the expiry accepts. Deleting
-- the member deletes the request, so a second click finds nothing to apply.
CREATE TABLE forget_requests (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- A zone taken from the person's platform profile (Slack's users.info), not
-- set with `me timezone`: it follows the profile until they set their own.
ALTER TABLE member_settings ADD COLUMN time_zone_from_profile INTEGER NOT NULL DEFAULT 0;

-- Leaderboards leave hidden members out (`me hide`): one small read per board.
CREATE INDEX member_settings_hidden ON member_settings (community_id) WHERE hidden = 1;
