-- The missed days a streak freeze covered, one row per member and local day
-- (YYYY-MM-DD, in the member's zone at the time), so the stats card's
-- calendar draws them. src/core/streaks.ts decides which days a freeze is
-- spent on; a row is written when that is recorded, at the member's next
-- study day (until then the card works them out from the streak row).
-- Freezes spent before this migration left only a count
-- (user_streaks.frozen_days), not their days: those days stay unmarked, and
-- nothing is guessed for them.
CREATE TABLE streak_frozen_days (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
