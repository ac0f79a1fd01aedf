import { MASTERED_STABILITY_DAYS } from "../core/drillPlan.js";
import type { QuestionOption } from "../core/question.js";
import type { AnswerCounts, MemoryCounts, WrongAnswers } from "../core/report.js";
import type { Db } from "./database.js";
import type { Statement } from "better-sqlite3";

/** Which quizzes a report reads: a community's, posted at or after `since`, of one deck or of all. */
export interface ReportScope {
  communityId: number;
  since: Date;
  deckId?: string;
}

export interface MemberTotals extends AnswerCounts {
  userId: number;
  name: string;
  hidden: boolean;
}

export interface ClassTotals extends AnswerCounts {
  members: number;
}

interface MemberRow {
  user_id: number;
  display_name: string;
  hidden: number;
  answered: number;
  correct: number;
  members: number;
  total_answered: number;
  total_correct: number;
}

/** A statement for all decks and one for a single deck, made from one SQL text. */
function perDeck<Row>(db: Db, sql: (deckFilter: string) => string) {
  return {
    all: db.prepare<object, Row>(sql("")),
    deck: db.prepare<object, Row>(sql("AND q.deck_id = @deckId")),
  };
}

const scoped = <Row>(
  statements: { all: Statement<object, Row>; deck: Statement<object, Row> },
  scope: ReportScope,
) => ({
  statement: scope.deckId === undefined ? statements.all : statements.deck,
  params: {
    communityId: scope.communityId,
    since: scope.since.getTime(),
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
  private readonly cardsOf;
  private readonly wrongOfCard;
  private readonly memoryOf;
  private readonly memoryInDeckOf;

  constructor(db: Db) {
    // Counted, ranked and cut in one pass over the period's answers; names are joined for the listed few only.
    this.membersOf = perDeck<MemberRow>(
      db,
      (deckFilter) => `WITH per_member AS (
          SELECT a.user_id, COUNT(*) AS answered, SUM(a.correct) AS correct
          FROM quizzes q JOIN answers a ON a.quiz_id = q.id
          WHERE q.community_id = @communityId AND q.posted_at >= @since ${deckFilter}
          GROUP BY a.user_id),
        ranked AS (
          SELECT *, COUNT(*) OVER () AS members, SUM(answered) OVER () AS total_answered,
            SUM(correct) OVER () AS total_correct
          FROM per_member ORDER BY answered DESC, correct DESC, user_id LIMIT @limit)
        SELECT r.*, u.display_name, COALESCE(ms.hidden, 0) AS hidden
        FROM ranked r JOIN users u ON u.id = r.user_id LEFT JOIN member_settings ms ON ms.user_id = r.user_id
        ORDER BY r.answered DESC, r.correct DESC, r.user_id`,
    );
    // The quiz rows keep their answer counts (quizService), so a card's figures need no walk of its answers.
    this.cardsOf = perDeck<AnswerCounts & { deck_id: string; card_id: string }>(
      db,
      (deckFilter) => `SELECT q.deck_id, q.card_id, SUM(q.answered) AS answered, SUM(q.correct) AS correct
        FROM quizzes q WHERE q.community_id = @communityId AND q.posted_at >= @since ${deckFilter}
        GROUP BY q.deck_id, q.card_id HAVING SUM(q.answered) > 0`,
    );
    this.wrongOfCard = db.prepare<object, { options: string; choice: number; count: number }>(
      `SELECT q.options, a.choice, COUNT(*) AS count FROM quizzes q JOIN answers a ON a.quiz_id = q.id
       WHERE q.community_id = @communityId AND q.deck_id = @deckId AND q.card_id = @cardId
         AND q.posted_at >= @since AND a.correct = 0
       GROUP BY q.id, a.choice`,
    );
    const memory = (deckFilter: string) =>
      `SELECT COUNT(*) AS learned, COALESCE(SUM(stability > ${MASTERED_STABILITY_DAYS}), 0) AS mastered
       FROM card_memory WHERE user_id = @userId ${deckFilter}`;
    this.memoryOf = db.prepare<object, MemoryCounts>(memory(""));
    this.memoryInDeckOf = db.prepare<object, MemoryCounts>(memory("AND deck_id = @deckId"));
  }

  /** The members who answered, most answers first (`limit` of them, or all), and the class's totals. */
  members(scope: ReportScope, limit?: number): { totals: ClassTotals; members: MemberTotals[] } {
    const { statement, params } = scoped(this.membersOf, scope);
    // SQLite reads a negative LIMIT as no limit.
    const rows = statement.all({ ...params, limit: limit ?? -1 });
    const first = rows[0];
    return {
      totals: first
        ? { members: first.members, answered: first.total_answered, correct: first.total_correct }
        : { members: 0, answered: 0, correct: 0 },
      members: rows.map((row) => ({
        userId: row.user_id,
        name: row.display_name,
        hidden: row.hidden === 1,
        answered: row.answered,
        correct: row.correct,
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
      .all({ communityId: scope.communityId, deckId: scope.deckId, cardId, since: scope.since.getTime() })
      .map((row) => ({ options: JSON.parse(row.options) as QuestionOption[], choice: row.choice, count: row.count }));
  }

  /** A member's cards learned and mastered (FSRS memory), in one deck or all. */
  memory(userId: number, deckId?: string): MemoryCounts {
    const row = deckId === undefined ? this.memoryOf.get({ userId }) : this.memoryInDeckOf.get({ userId, deckId });
    return row ?? { learned: 0, mastered: 0 };
  }
}
