import { RATINGS } from "../core/fsrs.js";
import {
  type AnswerFact,
  type ExpectedStreak,
  cardKey,
  type PeriodTotals,
  periodKey,
  type ReviewFact,
  type StoredStats,
  type Tally,
} from "../core/statsAudit.js";
import type { DayRange } from "../core/streaks.js";
import Database from "better-sqlite3";
import type { Db } from "./database.js";
import { FrozenDayRepository } from "./frozenDays.js";
import { STREAK_COLUMNS, type StreakRow, streakParams, toStreak, UPSERT_STREAK } from "./stats.js";

/** SQLite could not read the file as a database: damaged, or not a database at all. */
export function isDamagedFileError(error: unknown): error is Error {
  return error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code);
}

interface AnswerRow {
  quiz_id: number;
  community_id: number;
  user_id: number;
  deck_id: string;
  card_id: string;
  correct: number;
  points: number;
  answered_at: number;
  unsettled: number;
}

interface ReviewRow {
  user_id: number;
  deck_id: string;
  card_id: string;
  source: "drill" | "quiz";
  rating: number;
  reviewed_at: number;
}

/**
 * What `studybot doctor` reads and repairs: the raw answers and review log,
 * the numbers kept from them, and SQLite's own consistency checks.
 */
export class StatsAuditRepository {
  private readonly upsertPeriod;
  private readonly deletePeriod;
  private readonly upsertStreak;
  private readonly deleteStreak;
  private readonly frozenDays;
  private readonly updateQuiz;
  private readonly upsertCard;
  private readonly deleteCard;

  constructor(private readonly db: Db) {
    this.upsertPeriod = db.prepare(
      `INSERT INTO period_stats (community_id, period, user_id, points, answered, correct, accuracy)
       VALUES (@communityId, @period, @userId, @points, @answered, @correct, CAST(@correct AS REAL) / @answered)
       ON CONFLICT (community_id, period, user_id) DO UPDATE SET points = excluded.points,
         answered = excluded.answered, correct = excluded.correct, accuracy = excluded.accuracy`,
    );
    this.deletePeriod = db.prepare("DELETE FROM period_stats WHERE community_id = ? AND period = ? AND user_id = ?");
    this.upsertStreak = db.prepare(UPSERT_STREAK);
    this.deleteStreak = db.prepare("DELETE FROM user_streaks WHERE user_id = ?");
    this.frozenDays = new FrozenDayRepository(db);
    this.updateQuiz = db.prepare(
      "UPDATE quizzes SET answered = @answered, correct = @correct, first_correct_user_id = @firstCorrect WHERE id = @quizId",
    );
    this.upsertCard = db.prepare(
      `INSERT INTO card_stats (community_id, deck_id, card_id, answered, correct) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (community_id, deck_id, card_id) DO UPDATE SET answered = excluded.answered, correct = excluded.correct`,
    );
    this.deleteCard = db.prepare("DELETE FROM card_stats WHERE community_id = ? AND deck_id = ? AND card_id = ?");
  }

  /** SQLite's structural check: empty when the file is sound, else what is broken. */
  integrityProblems(): string[] {
    const rows = this.db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).filter((line) => line !== "ok");
  }

  /** Rows whose foreign key points at nothing. */
  foreignKeyProblems(): string[] {
    const rows = this.db.pragma("foreign_key_check") as { table: string; rowid: number | null; parent: string }[];
    return rows.map((row) => `${row.table} row ${row.rowid ?? "?"} points at a missing ${row.parent} row`);
  }

  answers(): AnswerFact[] {
    return this.db
      .prepare<[], AnswerRow>(
        `SELECT q.id AS quiz_id, q.community_id, a.user_id, q.deck_id, q.card_id, a.correct, a.points, a.answered_at,
                EXISTS (SELECT 1 FROM unsettled_answers w WHERE w.quiz_id = a.quiz_id AND w.user_id = a.user_id)
                  AS unsettled
         FROM answers a JOIN quizzes q ON q.id = a.quiz_id`,
      )
      .all()
      .map((row) => ({
        quizId: row.quiz_id,
        communityId: row.community_id,
        userId: row.user_id,
        deckId: row.deck_id,
        cardId: row.card_id,
        correct: row.correct === 1,
        points: row.points,
        at: row.answered_at,
        settled: row.unsettled === 0,
      }));
  }

  /** Every review, each card's in the order they were made. */
  reviews(): ReviewFact[] {
    return this.db
      .prepare<[], ReviewRow>(
        `SELECT user_id, deck_id, card_id, source, rating, reviewed_at FROM review_log
         ORDER BY user_id, deck_id, card_id, reviewed_at, id`,
      )
      .all()
      .map((row) => ({
        userId: row.user_id,
        deckId: row.deck_id,
        cardId: row.card_id,
        source: row.source,
        rating: RATINGS[row.rating - 1] ?? "again",
        at: row.reviewed_at,
      }));
  }

  /** Every member's vacations, by user id. */
  pauses(): Map<number, DayRange[]> {
    const rows = this.db
      .prepare<[], { user_id: number; first_day: string; last_day: string }>(
        "SELECT user_id, first_day, last_day FROM member_pauses ORDER BY user_id, first_day",
      )
      .all();
    const byUser = new Map<number, DayRange[]>();
    for (const row of rows) {
      const pauses = byUser.get(row.user_id) ?? [];
      pauses.push({ firstDay: row.first_day, lastDay: row.last_day });
      byUser.set(row.user_id, pauses);
    }
    return byUser;
  }

  communityOfUser(): Map<number, number> {
    const rows = this.db.prepare<[], { id: number; community_id: number }>("SELECT id, community_id FROM users").all();
    return new Map(rows.map((row) => [row.id, row.community_id]));
  }

  timeZones(): Map<number, string> {
    const rows = this.db.prepare<[], { id: number; time_zone: string }>("SELECT id, time_zone FROM communities").all();
    return new Map(rows.map((row) => [row.id, row.time_zone]));
  }

  /** The members who set their own zone (`me timezone`): their study days count in it. */
  memberTimeZones(): Map<number, string> {
    const rows = this.db
      .prepare<[], { user_id: number; time_zone: string }>(
        "SELECT user_id, time_zone FROM member_settings WHERE time_zone IS NOT NULL",
      )
      .all();
    return new Map(rows.map((row) => [row.user_id, row.time_zone]));
  }

  /** "Study Group · ana": how a report names a member. */
  memberNames(): Map<number, string> {
    const rows = this.db
      .prepare<[], { id: number; name: string }>(
        `SELECT u.id, COALESCE(NULLIF(c.name, ''), c.platform || ' ' || c.external_id) || ' · ' || u.display_name AS name
         FROM users u JOIN communities c ON c.id = u.community_id`,
      )
      .all();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  stored(): StoredStats {
    const periods = this.db
      .prepare<[], PeriodTotals & { community_id: number; period: string; user_id: number }>(
        "SELECT community_id, period, user_id, points, answered, correct FROM period_stats",
      )
      .all();
    const streaks = this.db
      .prepare<[], StreakRow & { user_id: number; community_id: number }>(
        `SELECT user_id, community_id, ${STREAK_COLUMNS} FROM user_streaks`,
      )
      .all();
    const quizzes = this.db
      .prepare<[], Tally & { id: number; first_correct_user_id: number | null }>(
        "SELECT id, answered, correct, first_correct_user_id FROM quizzes",
      )
      .all();
    const cards = this.db
      .prepare<[], Tally & { community_id: number; deck_id: string; card_id: string }>(
        "SELECT community_id, deck_id, card_id, answered, correct FROM card_stats",
      )
      .all();
    return {
      periods: new Map(
        periods.map((row) => [
          periodKey(row.community_id, row.period, row.user_id),
          { points: row.points, answered: row.answered, correct: row.correct },
        ]),
      ),
      streaks: new Map(streaks.map((row) => [row.user_id, { communityId: row.community_id, ...toStreak(row) }])),
      quizzes: new Map(
        quizzes.map((row) => [
          row.id,
          { answered: row.answered, correct: row.correct, firstCorrect: row.first_correct_user_id },
        ]),
      ),
      cards: new Map(
        cards.map((row) => [
          cardKey(row.community_id, row.deck_id, row.card_id),
          { answered: row.answered, correct: row.correct },
        ]),
      ),
    };
  }

  /** Writes a period's totals (and their accuracy), or removes the row when there should be none. */
  setPeriod(key: string, totals: PeriodTotals | undefined): void {
    const [communityId, period, userId] = JSON.parse(key) as [number, string, number];
    if (totals) this.upsertPeriod.run({ communityId, period, userId, ...totals });
    else this.deletePeriod.run(communityId, period, userId);
  }

  /**
   * Writes a streak and the days its freezes covered (the stats card's calendar marks them), or removes both.
   * The days are replaced whole: they follow from the same study days as the streak.
   */
  setStreak(userId: number, streak: ExpectedStreak | undefined): void {
    this.frozenDays.forgetAfter(userId, null);
    if (!streak) {
      this.deleteStreak.run(userId);
      return;
    }
    this.upsertStreak.run(streakParams(userId, streak.communityId, streak));
    this.frozenDays.record(userId, streak.frozenOn);
  }

  setQuizCounts(quizId: number, counts: Tally & { firstCorrect: number | null }): void {
    this.updateQuiz.run({ quizId, ...counts });
  }

  setCard(key: string, tally: Tally | undefined): void {
    const [communityId, deckId, cardId] = JSON.parse(key) as [number, string, string];
    if (tally) this.upsertCard.run(communityId, deckId, cardId, tally.answered, tally.correct);
    else this.deleteCard.run(communityId, deckId, cardId);
  }
}
