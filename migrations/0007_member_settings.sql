-- Personal settings (`me`): one row per member who changed any of them. A
-- missing row or a NULL column means "the community's default".
CREATE TABLE member_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  -- IANA zone for study days, streaks, reminders and drill limits.
  time_zone TEXT,
  -- Local "HH:MM" of the daily reminder; NULL: no reminder.
  remind_at TEXT CHECK (remind_at IS NULL OR remind_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  -- Also nudge when the streak would end tonight.
  remind_streak INTEGER NOT NULL DEFAULT 0,
  -- Why reminders were switched off by studybot itself ('closed_dms', 'left'),
  -- and whether the member has been told (at their next command).
  reminders_off_reason TEXT,
  reminders_off_told INTEGER NOT NULL DEFAULT 0,
  -- Per local day in drills; NULL: the community's default.
  new_per_day INTEGER CHECK (new_per_day IS NULL OR new_per_day BETWEEN 0 AND 500),
  reviews_per_day INTEGER CHECK (reviews_per_day IS NULL OR reviews_per_day BETWEEN 0 AND 500),
  -- Left the leaderboards (`me hide`).
  hidden INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
-- Reminders of one minute are found by one indexed range.
CREATE INDEX member_settings_reminders ON member_settings (remind_at) WHERE remind_at IS NOT NULL;

-- Vacations (`me pause`): local days, inclusive, on which the streak neither
-- breaks nor grows and no reminder is sent.
CREATE TABLE member_pauses (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  CHECK (last_day >= first_day),
  PRIMARY KEY (user_id, first_day)
) WITHOUT ROWID;
