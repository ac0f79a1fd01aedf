import type { StreakState } from "../core/streaks.js";
import { MASTERED_STABILITY_DAYS } from "../core/drillPlan.js";
import type { StreakLine } from "../core/digest.js";
import type { QuestionOption } from "../core/question.js";

import type { AnswerCounts, MemoryCounts, WrongAnswers } from "../core/report.js";
import type { Db } from "./database.js";
import type { Statement } from "better-sqlite3";

/** Which quizzes a report reads: a community's, posted at or after `since` (ever, without one), of one deck or of all. */
export interface ReportScope {
  communityId: number;
  since?: Date;
  deckId?: string;
}

export interface MemberTotals extends AnswerCounts, MemoryCounts {
  userId: number;
  externalId: string;
  points: number;
  name: string;
  hidden: boolean;
  /** As stored: whether it is still alive depends on today. */
  streak: Pick<StreakState, "current" | "aliveUntil">;
}

export interface ClassTotals extends AnswerCounts {
  members: number;
}

interface MemberRow {
  user_id: number;
  external_id: string;
  display_name: string;
  hidden: number;
  current_streak: number | null;
  alive_until: string | null;
  best_streak: number | null;
  last_study_day: string | null;
  learned: number;
  mastered: number;
  points: number;
  answered: number;
  correct: number;
  members: number;
  total_answered: number;
  total_correct: number;
}

/** A statement for all decks and one for a single deck, made from one SQL text given the filter on a deck column. */
function perDeck<Row>(db: Db, sql: (deckFilter: (column: string) => string) => string) {
  return {
    all: db.prepare<object, Row>(sql(() => "")),
    deck: db.prepare<object, Row>(sql((column) => `AND ${column} = @deckId`)),
  };
}

const scoped = <Row>(
  statements: { all: Statement<object, Row>; deck: Statement<object, Row> },
  scope: ReportScope,
) => ({
  statement: scope.deckId === undefined ? statements.all : statements.deck,
  params: {
    communityId: scope.communityId,
    since: scope.since?.getTime() ?? 0,
    ...(scope.deckId === undefined ? {} : { deckId: scope.deckId }),
  },
});

/**
 * The reads of a class report, straight from the answers: a report is asked
 * for now and then by an admin, so it counts rather than keeping yet another
 * total on the answer path. Each read is one range of an index of quizzes
 * (migration 0010) and the answers of those quizzes.
 */
export class ReportRepository {
  private readonly membersOf;
  private readonly allTimeMembersOf;
  private readonly cardsOf;
  private readonly wrongOfCard;
  private readonly hiddenOf;
  private readonly streaksOf;
  private readonly masteredOf;

  constructor(db: Db) {
    // Names, streaks and FSRS memory are read for the listed members only, inside SQLite (a round trip from
    // JavaScript per member costs 20 times more). `ranked` holds them, most points first, with the class's totals.
    const withDetails = (deckFilter: (column: string) => string) => `
        SELECT r.*, u.external_id, u.display_name, COALESCE(ms.hidden, 0) AS hidden,
          s.current_streak, s.best_streak, s.last_study_day, s.alive_until,
          (SELECT COUNT(*) FROM card_memory m WHERE m.user_id = r.user_id ${deckFilter("m.deck_id")}) AS learned,
          (SELECT COUNT(*) FROM card_memory m WHERE m.user_id = r.user_id ${deckFilter("m.deck_id")}
             AND m.stability > ${MASTERED_STABILITY_DAYS}) AS mastered
        FROM ranked r JOIN users u ON u.id = r.user_id LEFT JOIN member_settings ms ON ms.user_id = r.user_id
        LEFT JOIN user_streaks s ON s.user_id = r.user_id
        ORDER BY r.points DESC, r.correct DESC, r.user_id`;
    // Counted, ranked and cut in one pass over the period's answers.
    this.membersOf = perDeck<MemberRow>(
      db,
      (deckFilter) => `WITH per_member AS (
          SELECT a.user_id, SUM(a.points) AS points, COUNT(*) AS answered, SUM(a.correct) AS correct
          FROM quizzes q JOIN answers a ON a.quiz_id = q.id
          WHERE q.community_id = @communityId AND q.posted_at >= @since ${deckFilter("q.deck_id")}
          GROUP BY a.user_id),
        ranked AS (
          SELECT *, COUNT(*) OVER () AS members, SUM(answered) OVER () AS total_answered,
            SUM(correct) OVER () AS total_correct
          FROM per_member ORDER BY points DESC, correct DESC, user_id LIMIT @limit)
        ${withDetails(deckFilter)}`,
    );
    // All time over every deck is what the leaderboard's 'all' period already counts, answer by answer
    // (quizService): its points index gives the first members, and the totals are one pass over its rows
    // instead of a GROUP BY of every answer (bench 8: 0.5 s of CPU at 1,000,000 answers). MATERIALIZED:
    // as a co-routine, SQLite made that pass again for every member listed (an export of 100,000 never ended).
    this.allTimeMembersOf = db.prepare<object, MemberRow>(
      `WITH totals AS MATERIALIZED (
          SELECT COUNT(*) AS members, SUM(answered) AS total_answered, SUM(correct) AS total_correct
          FROM period_stats WHERE community_id = @communityId AND period = 'all' AND answered > 0),
        ranked AS (
          SELECT p.user_id, p.points, p.answered, p.correct, t.* FROM period_stats p, totals t
          WHERE p.community_id = @communityId AND p.period = 'all' AND p.answered > 0
          ORDER BY p.points DESC, p.correct DESC, p.user_id LIMIT @limit)
        ${withDetails(() => "")}`,
    );
    // The quiz rows keep their answer counts (quizService), so a card's figures need no walk of its answers.
    this.cardsOf = perDeck<AnswerCounts & { deck_id: string; card_id: string }>(
      db,
      (deckFilter) => `SELECT q.deck_id, q.card_id, SUM(q.answered) AS answered, SUM(q.correct) AS correct
        FROM quizzes q WHERE q.community_id = @communityId AND q.posted_at >= @since ${deckFilter("q.deck_id")}
        GROUP BY q.deck_id, q.card_id HAVING SUM(q.answered) > 0`,
    );
    this.wrongOfCard = db.prepare<object, { options: string; choice: number; count: number }>(
      `SELECT q.options, a.choice, COUNT(*) AS count FROM quizzes q JOIN answers a ON a.quiz_id = q.id
       WHERE q.community_id = @communityId AND q.deck_id = @deckId AND q.card_id = @cardId
         AND q.posted_at >= @since AND a.correct = 0
       GROUP BY q.id, a.choice`,
    );
    this.hiddenOf = db
      .prepare<[number], number>("SELECT COUNT(*) FROM member_settings WHERE community_id = ? AND hidden = 1")
      .pluck();
    // The live streaks that grew in the period, from the index of streaks by their last study day.
    this.streaksOf = db.prepare<object, StreakLine>(
      `SELECT u.display_name AS name, s.current_streak AS current, s.best_streak AS best, s.last_study_day AS lastDay
       FROM user_streaks s JOIN users u ON u.id = s.user_id LEFT JOIN member_settings ms ON ms.user_id = s.user_id
       WHERE s.community_id = @communityId AND s.last_study_day >= @sinceDay AND s.current_streak >= @minimum
         AND COALESCE(ms.hidden, 0) = 0
       ORDER BY s.current_streak DESC, s.user_id`,
    );
    // A card became mastered in the period when its last review (in the period) took its stability over the line.
    this.masteredOf = db
      .prepare<object, number>(
        `SELECT COUNT(*) FROM user_streaks s JOIN card_memory m ON m.user_id = s.user_id
         WHERE s.community_id = @communityId AND s.last_study_day >= @sinceDay
           AND m.stability > ${MASTERED_STABILITY_DAYS} AND m.last_review >= @since
           AND EXISTS (SELECT 1 FROM review_log r WHERE r.user_id = m.user_id AND r.deck_id = m.deck_id
             AND r.card_id = m.card_id AND r.reviewed_at = m.last_review
             AND r.stability_before <= ${MASTERED_STABILITY_DAYS})`,
      )
      .pluck();
  }

  /** The members who answered, most points first (`limit` of them, or all), and the class's totals. */
  members(scope: ReportScope, limit?: number): { totals: ClassTotals; members: MemberTotals[] } {
    const { statement, params } =
      scope.since === undefined && scope.deckId === undefined
        ? { statement: this.allTimeMembersOf, params: { communityId: scope.communityId } }
        : scoped(this.membersOf, scope);
    // SQLite reads a negative LIMIT as no limit.
    const rows = statement.all({ ...params, limit: limit ?? -1 });
    const first = rows[0];
    return {
      totals: first
        ? { members: first.members, answered: first.total_answered, correct: first.total_correct }
        : { members: 0, answered: 0, correct: 0 },
      members: rows.map((row) => ({
        userId: row.user_id,
        externalId: row.external_id,
        name: row.display_name,
        hidden: row.hidden === 1,
        points: row.points,
        answered: row.answered,
        correct: row.correct,
        learned: row.learned,
        mastered: row.mastered,
        streak: { current: row.current_streak ?? 0, aliveUntil: row.alive_until },
      })),
    };
  }

  /** Every card asked and answered in the scope, with its answers. */
  cards(scope: ReportScope): (AnswerCounts & { deckId: string; cardId: string })[] {
    const { statement, params } = scoped(this.cardsOf, scope);
    return statement.all(params).map((row) => ({
      deckId: row.deck_id,
      cardId: row.card_id,
      answered: row.answered,
      correct: row.correct,
    }));
  }

  /** The wrong answers to one card's quizzes, per quiz and option picked. */
  wrongAnswers(scope: ReportScope & { deckId: string }, cardId: string): WrongAnswers[] {
    return this.wrongOfCard
      .all({ communityId: scope.communityId, deckId: scope.deckId, cardId, since: scope.since?.getTime() ?? 0 })
      .map((row) => ({ options: JSON.parse(row.options) as QuestionOption[], choice: row.choice, count: row.count }));
  }

  /** How many members chose `me hide`: a public board fetches that many more places and leaves them out. */
  hiddenMembers(communityId: number): number {
    return this.hiddenOf.get(communityId) ?? 0;
  }

  /** Streaks of at least `minimum` days whose last study day is `sinceDay` or later; hidden members left out. */
  streaksSince(communityId: number, sinceDay: string, minimum: number): StreakLine[] {
    return this.streaksOf.all({ communityId, sinceDay, minimum });
  }

  /** Cards the community's members mastered since `since` (drills and quizzes alike). */
  masteredSince(communityId: number, since: Date, sinceDay: string): number {
    return this.masteredOf.get({ communityId, since: since.getTime(), sinceDay }) ?? 0;
  }
}
