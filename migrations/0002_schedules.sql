-- A schedule posts a channel quiz at the fire times of its cron expression,
-- read in its own IANA time zone. AUTOINCREMENT: an id is never reused, so
-- "schedule remove 3" or a timer of another process can never hit a newer schedule.
CREATE TABLE schedules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  cron TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  deck_id TEXT NOT NULL,
  answer_mode TEXT NOT NULL CHECK (answer_mode IN ('buttons', 'reactions')),
  -- NULL: the quiz stays open until the schedule's next fire time.
  window_minutes INTEGER CHECK (window_minutes IS NULL OR window_minutes > 0),
  card_choice TEXT NOT NULL CHECK (card_choice IN ('rotation', 'weakest')),
  paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  -- Creation or last resume: fire times before it were never due, so catch-up ignores them.
  active_since INTEGER NOT NULL
);
CREATE INDEX schedules_by_community ON schedules (community_id, id);

-- One row per fire time that some process has dealt with. The key is the
-- claim: the INSERT succeeds for exactly one process, which then posts (or
-- records the skip); everyone else leaves that fire time alone.
CREATE TABLE schedule_fires (
  schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  fire_time INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  quiz_id INTEGER REFERENCES quizzes (id) ON DELETE SET NULL,
  -- NULL while the claiming process is posting.
  outcome TEXT CHECK (outcome IN ('posted', 'skipped', 'failed')),
  PRIMARY KEY (schedule_id, fire_time)
) WITHOUT ROWID;
