-- Decks an admin imported from the chat. Each belongs to one community and is
-- listed there beside the file decks. AUTOINCREMENT: a row id is never
-- reused, so a community's (count, highest id) changes with every import and
-- removal, and a process can tell that its cached copy is stale with one read.
CREATE TABLE community_decks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  deck_id TEXT NOT NULL,
  -- The validated deck as JSON: id, title, description, cards.
  deck TEXT NOT NULL,
  imported_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  imported_at INTEGER NOT NULL,
  UNIQUE (community_id, deck_id)
);

-- The text of each file deck's cards as the bot last loaded it. Progress is
-- keyed on card ids, so an edit that makes a card a different card while
-- keeping its id is pointed out by deck reload and decks check.
CREATE TABLE file_deck_cards (
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  front TEXT NOT NULL,
  back TEXT NOT NULL,
  PRIMARY KEY (deck_id, card_id)
) WITHOUT ROWID;
