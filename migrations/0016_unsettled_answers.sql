-- Quiz answers committed and acknowledged whose consequences are not written
-- yet. An answer button's click commits the answer row and the quiz's counts,
-- then is acknowledged; the leaderboard totals, the card's accuracy, the
-- streak and the FSRS memory with its review log follow once the burst of
-- clicks pauses (src/services/answerSettlement.ts). The settlement deletes a
-- row here in the transaction that writes what it names, so each answer
-- counts once; every start settles what a stop or crash left, and every read
-- of those numbers settles first. A forgotten answer takes its row with it.
CREATE TABLE unsettled_answers (
  id INTEGER PRIMARY KEY,
  quiz_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  FOREIGN KEY (quiz_id, user_id) REFERENCES answers (quiz_id, user_id) ON DELETE CASCADE
);
