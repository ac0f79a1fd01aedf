-- Members report a card they think is wrong ("Report card" on a closed quiz
-- or a drill answer, or `flag` typed): one row per member and card, so a
-- second report by the same member replaces their reason instead of counting
-- twice. Forgetting a member deletes their reports with them.
CREATE TABLE card_flags (
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  flagged_at INTEGER NOT NULL,
  PRIMARY KEY (community_id, deck_id, card_id, user_id)
);

-- Cards an admin keeps out of quizzes and drills (`deck skip`) until `deck unskip`.
CREATE TABLE card_skips (
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  skipped_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  skipped_at INTEGER NOT NULL,
  PRIMARY KEY (community_id, deck_id, card_id)
);
