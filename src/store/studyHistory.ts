import type { Db } from "./database.js";

/** How a card fared in channel quizzes over a period. */
export interface CardTally {
  deckId: string;
  cardId: string;
  answered: number;
  correct: number;
}

/** One study event: who studied, and when (epoch ms). */
export interface StudyEvent {
  userId: number;
  at: number;
}

/**
 * Study events read back for pictures (calendars, activity charts). Every
 * study is in review_log: drill ratings, and channel-quiz answers, which are
 * reviews too. Its index leads with the member, so one member's history is a
 * range read.
 */
export class StudyHistoryRepository {
  private readonly reviewTimesOfUser;
  private readonly reviewsOfCommunity;
  private readonly cardTallies;

  constructor(db: Db) {
    this.reviewTimesOfUser = db
      .prepare<[number, number], number>("SELECT reviewed_at FROM review_log WHERE user_id = ? AND reviewed_at >= ?")
      .pluck();
    this.reviewsOfCommunity = db.prepare<
      { communityId: number; since: number; deckId: string | null },
      { user_id: number; reviewed_at: number }
    >(
      `SELECT r.user_id, r.reviewed_at FROM users u JOIN review_log r ON r.user_id = u.id
       WHERE u.community_id = @communityId AND r.reviewed_at >= @since AND (@deckId IS NULL OR r.deck_id = @deckId)`,
    );
    this.cardTallies = db.prepare<
      { communityId: number; since: number; deckId: string | null; limit: number },
      { deck_id: string; card_id: string; answered: number; correct: number }
    >(
      `SELECT q.deck_id, q.card_id, COUNT(*) AS answered, SUM(a.correct) AS correct
       FROM quizzes q JOIN answers a ON a.quiz_id = q.id
       WHERE q.community_id = @communityId AND a.answered_at >= @since AND (@deckId IS NULL OR q.deck_id = @deckId)
       GROUP BY q.deck_id, q.card_id
       ORDER BY CAST(SUM(a.correct) AS REAL) / COUNT(*), COUNT(*) DESC, q.deck_id, q.card_id
       LIMIT @limit`,
    );
  }

  /** When the member studied (epoch ms), since `since`. */
  studyTimes(userId: number, since: Date): number[] {
    return this.reviewTimesOfUser.all(userId, since.getTime());
  }

  /** Every study in the community since `since` (of one deck, when given). */
  communityStudies(communityId: number, since: Date, deckId?: string): StudyEvent[] {
    return this.reviewsOfCommunity
      .all({ communityId, since: since.getTime(), deckId: deckId ?? null })
      .map((row) => ({ userId: row.user_id, at: row.reviewed_at }));
  }

  /** The cards the community answered worst in quizzes since `since`: lowest accuracy first, then most answered. */
  hardestCards(communityId: number, since: Date, limit: number, deckId?: string): CardTally[] {
    return this.cardTallies
      .all({ communityId, since: since.getTime(), deckId: deckId ?? null, limit })
      .map((row) => ({ deckId: row.deck_id, cardId: row.card_id, answered: row.answered, correct: row.correct }));
  }
}
