-- Class reports (`report`) read a community's quizzes of one period, of one
-- deck, or of one card (its most picked wrong option): each a range of one of
-- these indexes, never a walk of every quiz the community ever had.
CREATE INDEX quizzes_by_time ON quizzes (community_id, posted_at);
CREATE INDEX quizzes_by_card ON quizzes (community_id, deck_id, card_id, posted_at);

-- A digest posts the class's week (or month) in the channel where it was
-- added, at the fire times of its cron expression in its own IANA time zone.
-- AUTOINCREMENT: an id is never reused, like schedules.
CREATE TABLE digests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  cron TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  -- Fire times before it were never due, so catch-up ignores them.
  active_since INTEGER NOT NULL
);
CREATE INDEX digests_by_community ON digests (community_id, id);

-- The claim of each digest fire time, exactly as schedule_fires claims a quiz's.
CREATE TABLE digest_fires (
  digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
  fire_time INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  outcome TEXT CHECK (outcome IN ('posted', 'skipped', 'failed')),
  problem TEXT,
  PRIMARY KEY (digest_id, fire_time)
) WITHOUT ROWID;
