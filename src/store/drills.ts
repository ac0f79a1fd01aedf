import type { DrillMode } from "../core/commands.js";
import type { RatingUndo, StoredQuestion } from "../core/drillSession.js";
import type { DueState } from "../core/drillPlan.js";
import { type CardState, type DrillRating, type MemoryState, RATINGS, type ReviewRecord } from "../core/fsrs.js";
import type { Db } from "./database.js";

export interface DrillSessionRecord {
  id: number;
  userId: number;
  deckId: string;
  mode: DrillMode;
  queue: string[];
  position: number;
  answerShown: boolean;
  question: StoredQuestion | null;
  nonce: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  lastRating: RatingUndo | null;
}

export type NewDrillSession = Pick<
  DrillSessionRecord,
  "userId" | "deckId" | "mode" | "queue" | "nonce" | "createdAt"
> & {
  question: StoredQuestion | null;
};

export interface CardMemory {
  deckId: string;
  cardId: string;
  memory: MemoryState;
}

export interface ReviewEntry {
  userId: number;
  deckId: string;
  cardId: string;
  source: "drill" | "quiz";
  sessionId: number | null;
  record: ReviewRecord;
  dueAfter: Date;
}

interface MemoryRow {
  deck_id: string;
  card_id: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: CardState;
  last_review: number | null;
}

interface SessionRow {
  id: number;
  user_id: number;
  deck_id: string;
  mode: DrillMode;
  queue: string;
  position: number;
  answer_shown: number;
  question: string | null;
  nonce: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  last_rating: string | null;
}

const toMemory = (row: MemoryRow): MemoryState => ({
  due: new Date(row.due),
  stability: row.stability,
  difficulty: row.difficulty,
  elapsedDays: row.elapsed_days,
  scheduledDays: row.scheduled_days,
  learningSteps: row.learning_steps,
  reps: row.reps,
  lapses: row.lapses,
  state: row.state,
  lastReview: row.last_review === null ? null : new Date(row.last_review),
});

/** A memory state as JSON keeps its dates as epoch ms, so it reads back to the same instants. */
type StoredMemory = Omit<MemoryState, "due" | "lastReview"> & { due: number; lastReview: number | null };

const storedMemory = (memory: MemoryState): StoredMemory => ({
  ...memory,
  due: memory.due.getTime(),
  lastReview: memory.lastReview?.getTime() ?? null,
});

const memoryFromStored = (memory: StoredMemory): MemoryState => ({
  ...memory,
  due: new Date(memory.due),
  lastReview: memory.lastReview === null ? null : new Date(memory.lastReview),
});

function lastRatingFromJson(json: string | null): RatingUndo | null {
  if (json === null) return null;
  const stored = JSON.parse(json) as Omit<RatingUndo, "memory"> & { memory: StoredMemory | null };
  return { ...stored, memory: stored.memory && memoryFromStored(stored.memory) };
}

const toSession = (row: SessionRow): DrillSessionRecord => ({
  id: row.id,
  userId: row.user_id,
  deckId: row.deck_id,
  mode: row.mode,
  queue: JSON.parse(row.queue) as string[],
  position: row.position,
  answerShown: row.answer_shown === 1,
  question: row.question === null ? null : (JSON.parse(row.question) as StoredQuestion),
  nonce: row.nonce,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  lastRating: lastRatingFromJson(row.last_rating),
});

const ratingNumber = (rating: DrillRating): number => RATINGS.indexOf(rating) + 1;

/** Memory states, review log and drill sessions: everything a drill reads and writes. */
export class DrillRepository {
  private readonly memoryOf;
  private readonly memoriesOfUser;
  private readonly soonestDue;
  private readonly dueStatesOfDeck;
  private readonly upsertMemory;
  private readonly insertReview;
  private readonly newCardsSince;
  private readonly reviewsSince;
  private readonly ratingsOfSession;
  private readonly insertSession;
  private readonly sessionById;
  private readonly openSessionOf;
  private readonly moveSession;
  private readonly finishSession;
  private readonly setLastRatingOf;
  private readonly deleteReviewById;
  private readonly deleteMemoryOf;
  private readonly reviewsAfter;

  constructor(db: Db) {
    this.memoryOf = db.prepare<[number, string, string], MemoryRow>(
      "SELECT * FROM card_memory WHERE user_id = ? AND deck_id = ? AND card_id = ?",
    );
    this.memoriesOfUser = db.prepare<[number], MemoryRow>("SELECT * FROM card_memory WHERE user_id = ?");
    this.dueStatesOfDeck = db.prepare<[number, string], { card_id: string; due: number; state: CardState }>(
      "SELECT card_id, due, state FROM card_memory WHERE user_id = ? AND deck_id = ?",
    );
    this.soonestDue = db
      .prepare<[number, string], number | null>("SELECT MIN(due) FROM card_memory WHERE user_id = ? AND deck_id = ?")
      .pluck();
    this.upsertMemory = db.prepare(
      `INSERT INTO card_memory (user_id, deck_id, card_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review)
       VALUES (@userId, @deckId, @cardId, @due, @stability, @difficulty, @elapsedDays, @scheduledDays,
         @learningSteps, @reps, @lapses, @state, @lastReview)
       ON CONFLICT (user_id, deck_id, card_id) DO UPDATE SET due = excluded.due, stability = excluded.stability,
         difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
         learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
         state = excluded.state, last_review = excluded.last_review`,
    );
    this.insertReview = db.prepare(
      `INSERT INTO review_log (user_id, deck_id, card_id, source, session_id, rating, state_before, due_before,
         stability_before, difficulty_before, elapsed_days, last_elapsed_days, scheduled_days, learning_steps,
         reviewed_at, due_after)
       VALUES (@userId, @deckId, @cardId, @source, @sessionId, @rating, @stateBefore, @dueBefore,
         @stabilityBefore, @difficultyBefore, @elapsedDays, @lastElapsedDays, @scheduledDays, @learningSteps,
         @reviewedAt, @dueAfter)`,
    );
    this.newCardsSince = db.prepare<[number, string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM review_log
       WHERE user_id = ? AND deck_id = ? AND reviewed_at >= ? AND state_before = 'new' AND source = 'drill'`,
    );
    this.reviewsSince = db.prepare<[number, string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM review_log
       WHERE user_id = ? AND deck_id = ? AND reviewed_at >= ? AND state_before <> 'new' AND source = 'drill'`,
    );
    this.ratingsOfSession = db.prepare<[number], { rating: number; n: number }>(
      "SELECT rating, COUNT(*) AS n FROM review_log WHERE session_id = ? GROUP BY rating",
    );
    this.insertSession = db.prepare(
      `INSERT INTO drill_sessions (user_id, deck_id, mode, queue, question, nonce, created_at, updated_at)
       VALUES (@userId, @deckId, @mode, @queue, @question, @nonce, @createdAt, @createdAt)`,
    );
    this.sessionById = db.prepare<[number], SessionRow>("SELECT * FROM drill_sessions WHERE id = ?");
    this.openSessionOf = db.prepare<[number], SessionRow>(
      "SELECT * FROM drill_sessions WHERE user_id = ? AND finished_at IS NULL",
    );
    this.moveSession = db.prepare(
      `UPDATE drill_sessions SET position = @position, answer_shown = @answerShown, question = @question,
         updated_at = @updatedAt
       WHERE id = @id AND finished_at IS NULL`,
    );
    this.finishSession = db.prepare(
      "UPDATE drill_sessions SET finished_at = @at, updated_at = @at WHERE id = @id AND finished_at IS NULL",
    );
    this.setLastRatingOf = db.prepare("UPDATE drill_sessions SET last_rating = ? WHERE id = ?");
    this.deleteReviewById = db.prepare("DELETE FROM review_log WHERE id = ?");
    this.deleteMemoryOf = db.prepare("DELETE FROM card_memory WHERE user_id = ? AND deck_id = ? AND card_id = ?");
    this.reviewsAfter = db
      .prepare<[number, number], number>("SELECT EXISTS (SELECT 1 FROM review_log WHERE user_id = ? AND id > ?)")
      .pluck();
  }

  memory(userId: number, deckId: string, cardId: string): MemoryState | undefined {
    const row = this.memoryOf.get(userId, deckId, cardId);
    return row ? toMemory(row) : undefined;
  }

  /**
   * When each card of the deck the learner has reviewed is due, by card id:
   * all a drill plan reads. Three columns, not the whole memory state: a
   * learner may have reviewed 10,000 cards of a deck.
   */
  dueStatesInDeck(userId: number, deckId: string): Map<string, DueState> {
    return new Map(
      this.dueStatesOfDeck
        .all(userId, deckId)
        .map((row) => [row.card_id, { due: new Date(row.due), state: row.state }]),
    );
  }

  /**
   * When the learner's next card of the deck falls due: one aggregate in SQLite,
   * not a memory object for each of the thousands of cards a learner may have.
   */
  soonestDueInDeck(userId: number, deckId: string): Date | null {
    const due = this.soonestDue.get(userId, deckId);
    return due === null || due === undefined ? null : new Date(due);
  }

  memoriesOf(userId: number): CardMemory[] {
    return this.memoriesOfUser
      .all(userId)
      .map((row) => ({ deckId: row.deck_id, cardId: row.card_id, memory: toMemory(row) }));
  }

  saveMemory(userId: number, deckId: string, cardId: string, memory: MemoryState): void {
    this.upsertMemory.run({ userId, deckId, cardId, ...storedMemory(memory) });
  }

  /** Puts a card's memory back as it was: the state given, or no row for a card that was new. */
  restoreMemory(userId: number, deckId: string, cardId: string, memory: MemoryState | null): void {
    if (memory) this.saveMemory(userId, deckId, cardId, memory);
    else this.deleteMemoryOf.run(userId, deckId, cardId);
  }

  /** Logs a review; returns its id. */
  logReview(entry: ReviewEntry): number {
    const { record } = entry;
    const { lastInsertRowid } = this.insertReview.run({
      userId: entry.userId,
      deckId: entry.deckId,
      cardId: entry.cardId,
      source: entry.source,
      sessionId: entry.sessionId,
      rating: ratingNumber(record.rating),
      stateBefore: record.stateBefore,
      dueBefore: record.dueBefore.getTime(),
      stabilityBefore: record.stabilityBefore,
      difficultyBefore: record.difficultyBefore,
      elapsedDays: record.elapsedDays,
      lastElapsedDays: record.lastElapsedDays,
      scheduledDays: record.scheduledDays,
      learningSteps: record.learningSteps,
      reviewedAt: record.reviewedAt.getTime(),
      dueAfter: entry.dueAfter.getTime(),
    });
    return Number(lastInsertRowid);
  }

  deleteReview(id: number): void {
    this.deleteReviewById.run(id);
  }

  /** True when the member reviewed anything (a drill card, a quiz answer) after the review `id`. */
  reviewedSince(userId: number, id: number): boolean {
    return this.reviewsAfter.get(userId, id) === 1;
  }

  /** What the session's last rating changed, while it can be undone; null once it cannot. */
  setLastRating(sessionId: number, undo: RatingUndo | null): void {
    const json = undo && JSON.stringify({ ...undo, memory: undo.memory && storedMemory(undo.memory) });
    this.setLastRatingOf.run(json, sessionId);
  }

  /** Cards of the deck first reviewed in a drill since `since` (the start of the learner's local day). */
  newCardsStartedSince(userId: number, deckId: string, since: Date): number {
    return this.newCardsSince.get(userId, deckId, since.getTime())?.n ?? 0;
  }

  /** Ratings of cards already seen, in drills of the deck since `since` (the start of the learner's local day). */
  reviewsDoneSince(userId: number, deckId: string, since: Date): number {
    return this.reviewsSince.get(userId, deckId, since.getTime())?.n ?? 0;
  }

  ratingsInSession(sessionId: number): Record<DrillRating, number> {
    const counts: Record<DrillRating, number> = { again: 0, hard: 0, good: 0, easy: 0 };
    for (const row of this.ratingsOfSession.all(sessionId)) {
      const rating = RATINGS[row.rating - 1];
      if (rating) counts[rating] = row.n;
    }
    return counts;
  }

  createSession(session: NewDrillSession): DrillSessionRecord {
    const { lastInsertRowid } = this.insertSession.run({
      ...session,
      queue: JSON.stringify(session.queue),
      question: session.question === null ? null : JSON.stringify(session.question),
      createdAt: session.createdAt.getTime(),
    });
    return this.session(Number(lastInsertRowid)) as DrillSessionRecord;
  }

  session(id: number): DrillSessionRecord | undefined {
    const row = this.sessionById.get(id);
    return row ? toSession(row) : undefined;
  }

  openSession(userId: number): DrillSessionRecord | undefined {
    const row = this.openSessionOf.get(userId);
    return row ? toSession(row) : undefined;
  }

  /** Saves where an open session stands: its card, whether the answer shows, the current question. */
  saveProgress(session: Pick<DrillSessionRecord, "id" | "position" | "answerShown" | "question">, at: Date): void {
    this.moveSession.run({
      id: session.id,
      position: session.position,
      answerShown: session.answerShown ? 1 : 0,
      question: session.question === null ? null : JSON.stringify(session.question),
      updatedAt: at.getTime(),
    });
  }

  finish(id: number, at: Date): void {
    this.finishSession.run({ id, at: at.getTime() });
  }
}
