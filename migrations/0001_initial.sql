-- Communities are a Discord server, a Slack workspace or the local terminal.
CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  default_deck TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (platform, external_id)
);

-- A person as a member of one community: stats and drills are per community.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  UNIQUE (community_id, external_id)
);

-- A posted question. Its options are stored as asked, so editing the deck
-- later never changes a quiz that people already answered.
CREATE TABLE quizzes (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('term', 'definition')),
  prompt TEXT NOT NULL,
  options TEXT NOT NULL,
  correct_index INTEGER NOT NULL,
  options_in_body INTEGER NOT NULL,
  answer_mode TEXT NOT NULL CHECK (answer_mode IN ('buttons', 'reactions')),
  nonce TEXT NOT NULL,
  message_id TEXT,
  posted_at INTEGER NOT NULL,
  closes_at INTEGER,
  closed_at INTEGER,
  results_posted_at INTEGER,
  answered INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  first_correct_user_id INTEGER REFERENCES users (id)
);
CREATE UNIQUE INDEX quizzes_one_open_per_channel ON quizzes (community_id, channel_id) WHERE closed_at IS NULL;
CREATE INDEX quizzes_to_close ON quizzes (closes_at) WHERE closed_at IS NULL;
CREATE INDEX quizzes_results_pending ON quizzes (closed_at) WHERE results_posted_at IS NULL;
CREATE INDEX quizzes_by_message ON quizzes (message_id);
CREATE INDEX quizzes_by_channel ON quizzes (community_id, channel_id, posted_at);

-- One answer per person per quiz: the key makes the first answer final.
CREATE TABLE answers (
  quiz_id INTEGER NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  choice INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  points INTEGER NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (quiz_id, user_id)
) WITHOUT ROWID;

-- Day streaks per member, kept incrementally.
CREATE TABLE user_streaks (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL,
  current_streak INTEGER NOT NULL DEFAULT 0,
  best_streak INTEGER NOT NULL DEFAULT 0,
  last_study_day TEXT
);
CREATE INDEX user_streaks_ranking ON user_streaks (community_id, current_streak DESC, best_streak DESC);

-- Points per member per period ('all', '2026-W48', '2026-11'), so a
-- leaderboard is one indexed read and never a scan of the answers.
CREATE TABLE period_stats (
  community_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  points INTEGER NOT NULL DEFAULT 0,
  answered INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  accuracy REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, period, user_id)
) WITHOUT ROWID;
CREATE INDEX period_stats_by_points ON period_stats (community_id, period, points DESC, correct DESC);
CREATE INDEX period_stats_by_accuracy ON period_stats (community_id, period, accuracy DESC, answered DESC);

-- How well a community knows each card (weakest-first choice).
CREATE TABLE card_stats (
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  answered INTEGER NOT NULL DEFAULT 0,
  correct INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (community_id, deck_id, card_id)
) WITHOUT ROWID;

-- Cards already asked in this channel's current pass through the deck.
CREATE TABLE rotation (
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  PRIMARY KEY (community_id, channel_id, deck_id, card_id)
) WITHOUT ROWID;
