import { MIN_ANSWERS_FOR_ACCURACY } from "../core/boardViews.js";
import { NO_STREAK, type StreakState } from "../core/streaks.js";
import type { Db } from "./database.js";

export interface PeriodTotals {
  points: number;
  answered: number;
  correct: number;
}

export interface RankedMember extends PeriodTotals {
  userId: number;
  externalId: string;
  name: string;
  currentStreak: number;
  bestStreak: number;
}

interface RankedRow {
  user_id: number;
  external_id: string;
  display_name: string;
  points: number;
  answered: number;
  correct: number;
  current_streak: number;
  best_streak: number;
}

const toRanked = (row: RankedRow): RankedMember => ({
  userId: row.user_id,
  externalId: row.external_id,
  name: row.display_name,
  points: row.points,
  answered: row.answered,
  correct: row.correct,
  currentStreak: row.current_streak,
  bestStreak: row.best_streak,
});

export interface StreakRow {
  current_streak: number;
  best_streak: number;
  last_study_day: string | null;
  freezes: number;
  frozen_days: number;
  alive_until: string | null;
}

export const STREAK_COLUMNS = "current_streak, best_streak, last_study_day, freezes, frozen_days, alive_until";

export const toStreak = (row: StreakRow): StreakState => ({
  current: row.current_streak,
  best: row.best_streak,
  lastDay: row.last_study_day,
  freezes: row.freezes,
  frozenDays: row.frozen_days,
  aliveUntil: row.alive_until,
});

/** Writes a member's whole streak row; shared with `doctor --fix`. */
export const UPSERT_STREAK = `INSERT INTO user_streaks (user_id, community_id, current_streak, best_streak,
    last_study_day, freezes, frozen_days, alive_until)
  VALUES (@userId, @communityId, @current, @best, @lastDay, @freezes, @frozenDays, @aliveUntil)
  ON CONFLICT (user_id) DO UPDATE SET current_streak = excluded.current_streak, best_streak = excluded.best_streak,
    last_study_day = excluded.last_study_day, freezes = excluded.freezes, frozen_days = excluded.frozen_days,
    alive_until = excluded.alive_until`;

export const streakParams = (userId: number, communityId: number, state: StreakState) => ({
  userId,
  communityId,
  current: state.current,
  best: state.best,
  lastDay: state.lastDay,
  freezes: state.freezes,
  frozenDays: state.frozenDays,
  aliveUntil: state.aliveUntil,
});

const MEMBER_COLUMNS = `u.id AS user_id, u.external_id, u.display_name,
  COALESCE(p.points, 0) AS points, COALESCE(p.answered, 0) AS answered, COALESCE(p.correct, 0) AS correct,
  COALESCE(s.current_streak, 0) AS current_streak, COALESCE(s.best_streak, 0) AS best_streak`;

/**
 * Members who left the leaderboards (`me hide`) are neither listed nor counted
 * above anyone; the index of hidden members keeps this one small read per board.
 */
const visible = (column: string) =>
  `${column} NOT IN (SELECT user_id FROM member_settings WHERE community_id = @communityId AND hidden = 1)`;

/** Hidden members of a period other than the caller, who still sees their own place. */
const HIDDEN_OTHERS = `SELECT COUNT(*) AS n FROM member_settings m JOIN period_stats p
  ON p.community_id = m.community_id AND p.period = @period AND p.user_id = m.user_id
  WHERE m.community_id = @communityId AND m.hidden = 1 AND m.user_id <> @callerId`;

/**
 * Incremental per-member stats. Every answer updates a handful of rows by key,
 * so each leaderboard below is a walk down one index, whatever the number of
 * answers behind it.
 */
export class StatsRepository {
  private readonly upsertPeriod;
  private readonly streakOf;
  private readonly upsertStreak;
  private readonly deleteStreak;
  private readonly totalsOf;
  private readonly topPoints;
  private readonly rankPoints;
  private readonly membersOf;
  private readonly topAccuracy;
  private readonly rankAccuracy;
  private readonly topStreak;
  private readonly rankStreak;
  private readonly countStreak;
  private readonly hiddenOthers;
  private readonly hiddenOthersRanked;

  constructor(db: Db) {
    this.upsertPeriod = db.prepare(
      `INSERT INTO period_stats (community_id, period, user_id, points, answered, correct, accuracy)
       VALUES (@communityId, @period, @userId, @points, 1, @correct, @correct)
       ON CONFLICT (community_id, period, user_id) DO UPDATE SET
         points = points + excluded.points,
         answered = answered + 1,
         correct = correct + excluded.correct,
         accuracy = CAST(correct + excluded.correct AS REAL) / (answered + 1)`,
    );
    this.streakOf = db.prepare<[number], StreakRow>(`SELECT ${STREAK_COLUMNS} FROM user_streaks WHERE user_id = ?`);
    this.upsertStreak = db.prepare(UPSERT_STREAK);
    this.deleteStreak = db.prepare("DELETE FROM user_streaks WHERE user_id = ?");
    this.totalsOf = db.prepare<[number, string, number], PeriodTotals>(
      "SELECT points, answered, correct FROM period_stats WHERE community_id = ? AND period = ? AND user_id = ?",
    );

    // Ties are broken by p.user_id, not u.id: the ranking indexes end with it, so the top ten are
    // the first ten entries of the index instead of a sort of every member of the period.
    const fromPeriod = `FROM period_stats p JOIN users u ON u.id = p.user_id
      LEFT JOIN user_streaks s ON s.user_id = p.user_id
      WHERE p.community_id = @communityId AND p.period = @period AND ${visible("p.user_id")}`;
    this.topPoints = db.prepare<object, RankedRow>(
      `SELECT ${MEMBER_COLUMNS} ${fromPeriod} ORDER BY p.points DESC, p.correct DESC, p.user_id LIMIT @limit`,
    );
    this.rankPoints = db.prepare<object, { n: number }>(
      `SELECT COUNT(*) AS n FROM period_stats WHERE community_id = @communityId AND period = @period
       AND points > @value AND ${visible("user_id")}`,
    );
    this.hiddenOthers = db.prepare<object, { n: number }>(HIDDEN_OTHERS);
    this.hiddenOthersRanked = db.prepare<object, { n: number }>(
      `${HIDDEN_OTHERS} AND p.answered >= ${MIN_ANSWERS_FOR_ACCURACY}`,
    );
    // Kept by triggers (migration 0006): counting every member of a period would cost a walk of its index.
    this.membersOf = db.prepare<object, { members: number; accuracy_ranked: number }>(
      "SELECT members, accuracy_ranked FROM period_members WHERE community_id = @communityId AND period = @period",
    );
    // The threshold is written into the SQL because the index of ranked members is partial on it:
    // SQLite uses a partial index only for a query whose WHERE names its condition.
    const ranked = `answered >= ${MIN_ANSWERS_FOR_ACCURACY}`;
    this.topAccuracy = db.prepare<object, RankedRow>(
      `SELECT ${MEMBER_COLUMNS} ${fromPeriod} AND p.${ranked}
       ORDER BY p.accuracy DESC, p.answered DESC, p.user_id LIMIT @limit`,
    );
    this.rankAccuracy = db.prepare<object, { n: number }>(
      `SELECT COUNT(*) AS n FROM period_stats WHERE community_id = @communityId AND period = @period
       AND ${ranked} AND accuracy > @value AND ${visible("user_id")}`,
    );
    // Live streaks are sorted on their own first, then joined: joining every live streak before the sort
    // would read a member and a period row for each of them.
    this.topStreak = db.prepare<object, RankedRow>(
      `SELECT ${MEMBER_COLUMNS} FROM (
         SELECT user_id, community_id, current_streak, best_streak FROM user_streaks
         WHERE community_id = @communityId AND current_streak > 0 AND alive_until >= @aliveSince
           AND ${visible("user_id")}
         ORDER BY current_streak DESC, best_streak DESC, user_id LIMIT @limit
       ) s JOIN users u ON u.id = s.user_id
       LEFT JOIN period_stats p ON p.community_id = s.community_id AND p.period = @period AND p.user_id = s.user_id
       ORDER BY s.current_streak DESC, s.best_streak DESC, s.user_id`,
    );
    this.rankStreak = db.prepare<object, { n: number }>(
      `SELECT COUNT(*) AS n FROM user_streaks WHERE community_id = @communityId AND current_streak > @value
       AND alive_until >= @aliveSince AND ${visible("user_id")}`,
    );
    this.countStreak = db.prepare<object, { n: number }>(
      `SELECT COUNT(*) AS n FROM user_streaks WHERE community_id = @communityId AND current_streak > 0
       AND alive_until >= @aliveSince AND (${visible("user_id")} OR user_id = @callerId)`,
    );
  }

  addAnswer(communityId: number, userId: number, periods: readonly string[], points: number, correct: boolean): void {
    for (const period of periods) {
      this.upsertPeriod.run({ communityId, period, userId, points, correct: correct ? 1 : 0 });
    }
  }

  streak(userId: number): StreakState {
    const row = this.streakOf.get(userId);
    return row ? toStreak(row) : NO_STREAK;
  }

  saveStreak(userId: number, communityId: number, state: StreakState): void {
    this.upsertStreak.run(streakParams(userId, communityId, state));
  }

  /** Puts a streak back as it was (undo): the row as given, or no row when there was none. */
  restoreStreak(userId: number, communityId: number, state: StreakState): void {
    if (state.lastDay === null) this.deleteStreak.run(userId);
    else this.saveStreak(userId, communityId, state);
  }

  totals(communityId: number, period: string, userId: number): PeriodTotals {
    return this.totalsOf.get(communityId, period, userId) ?? { points: 0, answered: 0, correct: 0 };
  }

  topByPoints(communityId: number, period: string, limit: number): RankedMember[] {
    return this.topPoints.all({ communityId, period, limit }).map(toRanked);
  }

  /** Competition ranking: equal points share a rank. Of the listed members, and the caller. */
  rankByPoints(communityId: number, period: string, points: number, callerId: number): { rank: number; of: number } {
    const members = this.membersOf.get({ communityId, period })?.members ?? 0;
    return {
      rank: (this.rankPoints.get({ communityId, period, value: points })?.n ?? 0) + 1,
      of: members - (this.hiddenOthers.get({ communityId, period, callerId })?.n ?? 0),
    };
  }

  /** Members with at least MIN_ANSWERS_FOR_ACCURACY answers in the period, most accurate first. */
  topByAccuracy(communityId: number, period: string, limit: number): RankedMember[] {
    return this.topAccuracy.all({ communityId, period, limit }).map(toRanked);
  }

  /** Rank among the members with at least MIN_ANSWERS_FOR_ACCURACY answers in the period. */
  rankByAccuracy(
    communityId: number,
    period: string,
    accuracy: number,
    callerId: number,
  ): { rank: number; of: number } {
    const ranked = this.membersOf.get({ communityId, period })?.accuracy_ranked ?? 0;
    return {
      rank: (this.rankAccuracy.get({ communityId, period, value: accuracy })?.n ?? 0) + 1,
      of: ranked - (this.hiddenOthersRanked.get({ communityId, period, callerId })?.n ?? 0),
    };
  }

  /** Live streaks only: a streak alive until before `aliveSince` (yesterday) has ended. */
  topByStreak(communityId: number, period: string, aliveSince: string, limit: number): RankedMember[] {
    return this.topStreak.all({ communityId, period, aliveSince, limit }).map(toRanked);
  }

  rankByStreak(
    communityId: number,
    aliveSince: string,
    streak: number,
    callerId: number,
  ): { rank: number; of: number } {
    return {
      rank: (this.rankStreak.get({ communityId, aliveSince, value: streak })?.n ?? 0) + 1,
      of: this.countStreak.get({ communityId, aliveSince, callerId })?.n ?? 0,
    };
  }
}
