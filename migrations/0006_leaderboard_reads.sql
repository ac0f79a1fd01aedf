-- Leaderboards stay one short indexed read at 100,000 members (bench/: 12-30 ms
-- before this migration at 1M answers, under 5 ms after).

-- Accuracy ranks only members with 3 answers or more in the period
-- (MIN_ANSWERS_FOR_ACCURACY): indexing only them spares the walk past the many
-- 1/1 and 2/2 members at the top of a full accuracy index.
DROP INDEX period_stats_by_accuracy;
CREATE INDEX period_stats_ranked_by_accuracy ON period_stats (community_id, period, accuracy DESC, answered DESC)
  WHERE answered >= 3;

-- A streak counts while its last study day is yesterday or later: keyed by
-- that day, the live streaks are one short range however many members once
-- had a streak.
DROP INDEX user_streaks_ranking;
CREATE INDEX user_streaks_alive ON user_streaks (community_id, last_study_day, current_streak, best_streak);

-- How many members each period ranks ("rank 5 of 1,234"), kept by triggers on
-- every write to period_stats (the answer path and `doctor --fix` alike), so
-- the total is one row, not a count of every member.
CREATE TABLE period_members (
  community_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  members INTEGER NOT NULL,
  -- Members with 3 answers or more: the ones ranked by accuracy.
  accuracy_ranked INTEGER NOT NULL,
  PRIMARY KEY (community_id, period)
) WITHOUT ROWID;

INSERT INTO period_members (community_id, period, members, accuracy_ranked)
  SELECT community_id, period, COUNT(*), SUM(answered >= 3) FROM period_stats GROUP BY community_id, period;

CREATE TRIGGER period_members_count_insert AFTER INSERT ON period_stats
BEGIN
  INSERT INTO period_members (community_id, period, members, accuracy_ranked)
    VALUES (NEW.community_id, NEW.period, 1, NEW.answered >= 3)
    ON CONFLICT (community_id, period) DO UPDATE SET
      members = members + 1, accuracy_ranked = accuracy_ranked + (NEW.answered >= 3);
END;

CREATE TRIGGER period_members_count_delete AFTER DELETE ON period_stats
BEGIN
  UPDATE period_members SET members = members - 1, accuracy_ranked = accuracy_ranked - (OLD.answered >= 3)
    WHERE community_id = OLD.community_id AND period = OLD.period;
END;

CREATE TRIGGER period_members_count_threshold AFTER UPDATE OF answered ON period_stats
  WHEN (OLD.answered >= 3) <> (NEW.answered >= 3)
BEGIN
  UPDATE period_members SET accuracy_ranked = accuracy_ranked + (NEW.answered >= 3) - (OLD.answered >= 3)
    WHERE community_id = NEW.community_id AND period = NEW.period;
END;
