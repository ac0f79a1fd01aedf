import type { Db } from "./database.js";
import type { Member } from "./users.js";

/** A committed quiz answer whose consequences are still to be written, with what they need. */
export interface UnsettledAnswer {
  /** Its place in the queue: answers are settled in the order they were recorded. */
  id: number;
  communityId: number;
  member: Member;
  deckId: string;
  cardId: string;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

interface UnsettledRow {
  id: number;
  community_id: number;
  user_id: number;
  external_id: string;
  display_name: string;
  deck_id: string;
  card_id: string;
  correct: number;
  points: number;
  answered_at: number;
}

/** The queue of answers to settle (migration 0016): appended to by each answer, emptied by the settlement. */
export class UnsettledAnswerRepository {
  private readonly append;
  private readonly oldest;
  private readonly removeThrough;
  private readonly waiting;
  private readonly anyWaiting;

  constructor(db: Db) {
    this.append = db.prepare<[number, number]>("INSERT INTO unsettled_answers (quiz_id, user_id) VALUES (?, ?)");
    this.oldest = db.prepare<[number], UnsettledRow>(
      `SELECT w.id, q.community_id, a.user_id, m.external_id, m.display_name, q.deck_id, q.card_id,
              a.correct, a.points, a.answered_at
       FROM unsettled_answers w
       JOIN answers a ON a.quiz_id = w.quiz_id AND a.user_id = w.user_id
       JOIN quizzes q ON q.id = w.quiz_id
       JOIN users m ON m.id = w.user_id
       ORDER BY w.id LIMIT ?`,
    );
    this.removeThrough = db.prepare<[number]>("DELETE FROM unsettled_answers WHERE id <= ?");
    this.waiting = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM unsettled_answers");
    this.anyWaiting = db.prepare<[], number>("SELECT EXISTS (SELECT 1 FROM unsettled_answers)").pluck();
  }

  add(quizId: number, userId: number): void {
    this.append.run(quizId, userId);
  }

  /** The first `limit` answers waiting, oldest first. */
  oldestFirst(limit: number): UnsettledAnswer[] {
    return this.oldest.all(limit).map((row) => ({
      id: row.id,
      communityId: row.community_id,
      member: {
        id: row.user_id,
        communityId: row.community_id,
        externalId: row.external_id,
        name: row.display_name,
      },
      deckId: row.deck_id,
      cardId: row.card_id,
      correct: row.correct === 1,
      points: row.points,
      answeredAt: new Date(row.answered_at),
    }));
  }

  /** Takes the answers up to `id` off the queue: call in the transaction that wrote their consequences. */
  settledThrough(id: number): void {
    this.removeThrough.run(id);
  }

  count(): number {
    return this.waiting.get()?.n ?? 0;
  }

  /** Whether any answer waits, whichever process queued it: one index probe, not a count. */
  any(): boolean {
    return this.anyWaiting.get() === 1;
  }
}
