-- What one person remembers of one card: ts-fsrs's card state, field for
-- field, so the next review is scheduled exactly as ts-fsrs would. A card
-- without a row has never been reviewed (it is new). Times are epoch ms.
CREATE TABLE card_memory (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  due INTEGER NOT NULL,
  stability REAL NOT NULL,
  difficulty REAL NOT NULL,
  elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new', 'learning', 'review', 'relearning')),
  last_review INTEGER,
  PRIMARY KEY (user_id, deck_id, card_id)
) WITHOUT ROWID;

-- A person's drill: the cards chosen when it started, in order, and how far
-- it got. Button ids carry the session id, its nonce and the position, so a
-- click for a card already rated, or from someone else, is recognised.
CREATE TABLE drill_sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('flip', 'choice', 'type')),
  -- JSON array of card ids.
  queue TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  -- Flip: the back of the current card is showing, so it can be rated.
  answer_shown INTEGER NOT NULL DEFAULT 0,
  -- Choice: the current card's question as asked (JSON), so its options keep their order after a restart.
  question TEXT,
  nonce TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
-- One drill at a time per person, even with two processes on one file.
CREATE UNIQUE INDEX drill_sessions_one_open ON drill_sessions (user_id) WHERE finished_at IS NULL;

-- Every rating, from a drill or a channel quiz, as ts-fsrs logs it (the card
-- as it was before the rating), with the due date it gave.
CREATE TABLE review_log (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('drill', 'quiz')),
  session_id INTEGER REFERENCES drill_sessions (id) ON DELETE SET NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  state_before TEXT NOT NULL CHECK (state_before IN ('new', 'learning', 'review', 'relearning')),
  due_before INTEGER NOT NULL,
  stability_before REAL NOT NULL,
  difficulty_before REAL NOT NULL,
  elapsed_days INTEGER NOT NULL,
  last_elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reviewed_at INTEGER NOT NULL,
  due_after INTEGER NOT NULL
);
CREATE INDEX review_log_by_card ON review_log (user_id, deck_id, card_id, reviewed_at);
-- New cards started per day: first drill reviews of a deck since a local midnight.
CREATE INDEX review_log_new_cards ON review_log (user_id, deck_id, reviewed_at) WHERE state_before = 'new' AND source = 'drill';
