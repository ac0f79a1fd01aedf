-- Streak freezes and vacations (src/core/streaks.ts). The streak stays kept
-- incrementally, one row per member: the freezes held, the days of the
-- current streak they bridged, and alive_until, the last day that may be
-- "yesterday" with the streak still alive (the last study day moved on past
-- paused days and the days the freezes cover). Boards find the live streaks
-- by one range of alive_until, as they did by last_study_day before.
ALTER TABLE user_streaks ADD COLUMN freezes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_streaks ADD COLUMN frozen_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_streaks ADD COLUMN alive_until TEXT;

-- A streak already 7 or 14 days long has earned its freezes by the new rules;
-- older gaps are not replayed here (`studybot doctor --fix` recounts them).
UPDATE user_streaks SET freezes = MIN(2, current_streak / 7);
UPDATE user_streaks SET alive_until = date(last_study_day, '+' || freezes || ' days') WHERE last_study_day IS NOT NULL;

DROP INDEX user_streaks_alive;
CREATE INDEX user_streaks_alive ON user_streaks (community_id, alive_until, current_streak, best_streak);

-- Undo in drills: what the session's last rating changed (the card's memory
-- before it, its review_log row, the streak before it, where the session
-- stood), as JSON; NULL when there is nothing to undo.
ALTER TABLE drill_sessions ADD COLUMN last_rating TEXT;
