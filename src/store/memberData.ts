import type { Db } from "./database.js";

/** A channel-quiz answer as `me export` gives it; times in ms since the epoch. */
export interface AnsweredQuiz {
  quizId: number;
  channelId: string;
  deckId: string;
  cardId: string;
  prompt: string;
  choice: number;
  correct: boolean;
  points: number;
  answeredAt: number;
}

/** One line of the review log (drill ratings and quiz answers alike). */
export interface LoggedReview {
  deckId: string;
  cardId: string;
  source: "drill" | "quiz";
  rating: number;
  stateBefore: string;
  dueBefore: number;
  stabilityBefore: number;
  difficultyBefore: number;
  reviewedAt: number;
  dueAfter: number;
}

export interface PeriodRow {
  period: string;
  points: number;
  answered: number;
  correct: number;
}

/**
 * Everything held about one member, read for `me export` and deleted for
 * `me forget`. Deleting is the users row and its cascades (a table added with
 * `user_id REFERENCES users ON DELETE CASCADE` is covered without a change
 * here), after the numbers other members' rows keep of this member's answers
 * are taken back: quiz and card counts, and who answered a quiz right first.
 */
export class MemberDataRepository {
  private readonly answersOf;
  private readonly reviewsOf;
  private readonly periodsOf;
  private readonly uncountCards;
  private readonly dropEmptyCards;
  private readonly uncountQuizzes;
  private readonly deleteUser;
  private readonly insertForgetRequest;
  private readonly forgetRequestOf;

  constructor(private readonly db: Db) {
    this.answersOf = db.prepare<[number], Omit<AnsweredQuiz, "correct"> & { correct: number }>(
      `SELECT q.id AS quizId, q.channel_id AS channelId, q.deck_id AS deckId, q.card_id AS cardId, q.prompt,
         a.choice, a.correct, a.points, a.answered_at AS answeredAt
       FROM answers a JOIN quizzes q ON q.id = a.quiz_id WHERE a.user_id = ? ORDER BY a.answered_at, q.id`,
    );
    this.reviewsOf = db.prepare<[number], LoggedReview>(
      `SELECT deck_id AS deckId, card_id AS cardId, source, rating, state_before AS stateBefore,
         due_before AS dueBefore, stability_before AS stabilityBefore, difficulty_before AS difficultyBefore,
         reviewed_at AS reviewedAt, due_after AS dueAfter
       FROM review_log WHERE user_id = ? ORDER BY reviewed_at, id`,
    );
    this.periodsOf = db.prepare<[number], PeriodRow>(
      "SELECT period, points, answered, correct FROM period_stats WHERE user_id = ? ORDER BY period",
    );
    this.uncountCards = db.prepare(
      `UPDATE card_stats SET answered = card_stats.answered - mine.answered, correct = card_stats.correct - mine.correct
       FROM (SELECT q.community_id, q.deck_id, q.card_id, COUNT(*) AS answered, SUM(a.correct) AS correct
             FROM answers a JOIN quizzes q ON q.id = a.quiz_id WHERE a.user_id = @userId
             GROUP BY q.community_id, q.deck_id, q.card_id) AS mine
       WHERE card_stats.community_id = mine.community_id AND card_stats.deck_id = mine.deck_id
         AND card_stats.card_id = mine.card_id`,
    );
    // A card nobody answered has no row, as if it had never been asked.
    this.dropEmptyCards = db.prepare("DELETE FROM card_stats WHERE community_id = @communityId AND answered <= 0");
    this.uncountQuizzes = db.prepare(
      `UPDATE quizzes SET answered = quizzes.answered - 1, correct = quizzes.correct - mine.correct,
         first_correct_user_id = CASE WHEN quizzes.first_correct_user_id = @userId THEN (
           SELECT other.user_id FROM answers other
           WHERE other.quiz_id = quizzes.id AND other.correct = 1 AND other.user_id <> @userId
           ORDER BY other.answered_at, other.user_id LIMIT 1
         ) ELSE quizzes.first_correct_user_id END
       FROM answers mine WHERE mine.quiz_id = quizzes.id AND mine.user_id = @userId`,
    );
    this.deleteUser = db.prepare("DELETE FROM users WHERE id = @userId");
    this.insertForgetRequest = db.prepare(
      `INSERT INTO forget_requests (user_id, nonce, expires_at) VALUES (@userId, @nonce, @expiresAt)
       ON CONFLICT (user_id) DO UPDATE SET nonce = excluded.nonce, expires_at = excluded.expires_at`,
    );
    this.forgetRequestOf = db.prepare<[number], { nonce: string; expires_at: number }>(
      "SELECT nonce, expires_at FROM forget_requests WHERE user_id = ?",
    );
  }

  answers(userId: number): AnsweredQuiz[] {
    return this.answersOf.all(userId).map((row) => ({ ...row, correct: row.correct === 1 }));
  }

  reviews(userId: number): LoggedReview[] {
    return this.reviewsOf.all(userId);
  }

  periods(userId: number): PeriodRow[] {
    return this.periodsOf.all(userId);
  }

  /** The pending `me forget` confirmation; a new request replaces the last one. */
  requestForget(userId: number, nonce: string, expiresAt: Date): void {
    this.insertForgetRequest.run({ userId, nonce, expiresAt: expiresAt.getTime() });
  }

  forgetRequest(userId: number): { nonce: string; expiresAt: Date } | undefined {
    const row = this.forgetRequestOf.get(userId);
    return row ? { nonce: row.nonce, expiresAt: new Date(row.expires_at) } : undefined;
  }

  /** Deletes the member and every row of theirs, keeping the other members' numbers right. One transaction. */
  forget(userId: number, communityId: number): void {
    this.db.transaction(() => {
      this.uncountCards.run({ userId });
      this.dropEmptyCards.run({ communityId });
      this.uncountQuizzes.run({ userId });
      this.deleteUser.run({ userId });
    })();
  }
}
