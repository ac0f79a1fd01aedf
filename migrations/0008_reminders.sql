-- One row per person and local day that some process has dealt with: the
-- INSERT is the claim, and succeeds for exactly one process, which then sends
-- the reminder (or records why not). Restarts, a late timer and a second
-- process on the same file therefore never send a day's reminder twice.
CREATE TABLE reminder_claims (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  local_day TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  -- NULL while the claiming process has it queued or is sending it.
  outcome TEXT CHECK (outcome IN ('sent', 'nothing_due', 'paused', 'missed', 'unreachable', 'failed')),
  -- The drill its button starts, and the button's nonce: a click is checked against both.
  deck_id TEXT,
  nonce TEXT,
  PRIMARY KEY (user_id, local_day)
) WITHOUT ROWID;
-- Old claims are pruned by age.
CREATE INDEX reminder_claims_by_age ON reminder_claims (claimed_at);

-- Who is due in a minute: per zone, one indexed range over remind_at, for the
-- members with a zone of their own and, per community, for those without.
CREATE INDEX member_settings_reminders_by_zone ON member_settings (time_zone, remind_at)
  WHERE remind_at IS NOT NULL;
CREATE INDEX member_settings_reminders_by_community ON member_settings (community_id, remind_at)
  WHERE remind_at IS NOT NULL AND time_zone IS NULL;
CREATE INDEX communities_by_zone ON communities (time_zone);
