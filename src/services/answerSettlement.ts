import { localDay, statPeriodsOf } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { Logger } from "./ports.js";
import type { StudyProgress } from "./studyProgress.js";

/**
 * Settlement starts once no answer has come for this long: the burst is
 * over. Within a burst on busy cores the bot may read no click for 100 ms
 * (its own garbage collection, a sender's); settling then put chunks of
 * work between the acknowledgements still to come. Nobody waits for this:
 * every reader of the numbers settles first.
 */
const QUIET_MS = 500;
/** Under clicks that never pause, settlement goes on anyway this long after the first answer waiting. */
const MAX_WAIT_MS = 10_000;
/**
 * Answers settled per transaction (about 5 ms of work), one transaction per
 * turn of the event loop: a click arriving meanwhile is read after one chunk
 * and stops the settlement until the clicks pause again.
 */
const CHUNK = 50;
/** After a failed settlement (another process holding the database), the next try comes this much later. */
const RETRY_MS = 1_000;

/** A quiz answer just recorded, with what its consequences need. */
export interface RecordedAnswer {
  quizId: number;
  deckId: string;
  cardId: string;
  community: Community;
  member: Member;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

export interface AnswerSettlementDeps {
  store: Store;
  progress: StudyProgress;
  logger: Logger;
}

/**
 * What follows from a channel-quiz answer, written after the answer itself:
 * the leaderboard totals of its periods, the card's accuracy, the study day
 * of the streak and the card's FSRS memory with its review log. A click is
 * acknowledged once its answer row is committed (design: acknowledged after
 * the commit); its consequences are six more statements over a dozen pages,
 * which in a burst of clicks would delay every acknowledgement still to come.
 * So in a burst the answer joins a queue in the database (unsettled_answers)
 * and those rows are written once the burst pauses, oldest answer first,
 * each answer and its removal from the queue in one transaction: it counts
 * once, even across a crash (every start settles what is left). Whoever
 * reads those numbers settles first (`settleAll`), whichever process queued
 * them, so nobody sees them behind. An answer alone (nothing queued, no
 * other answer for QUIET_MS) is settled in its own transaction: nobody waits
 * behind it.
 */
export class AnswerSettlement {
  private quiet: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private next: NodeJS.Immediate | undefined;
  /** The deadline passed: settle even though answers keep coming. */
  private overdue = false;
  /**
   * False when this process settled everything and recorded nothing since.
   * Its own answers then need no settling, but another process on the same
   * file (a Discord shard process, the command line) may have queued some:
   * a reader then asks the queue (one index probe) before reading.
   */
  private mayBeWaiting = true;

  constructor(private readonly deps: AnswerSettlementDeps) {}

  /** Call in the answer's transaction: settles it there when it is alone, else queues it until the clicks pause. */
  answered(answer: RecordedAnswer): void {
    if (!this.mayBeWaiting && !this.quiet) {
      this.apply(answer);
      // Marks the start of what may be a burst: the next answer within QUIET_MS is queued.
      this.quiet = setTimeout(() => this.onQuiet(), QUIET_MS).unref();
      return;
    }
    this.deps.store.unsettledAnswers.add(answer.quizId, answer.member.id);
    this.mayBeWaiting = true;
    if (this.quiet) this.quiet.refresh();
    else this.quiet = setTimeout(() => this.onQuiet(), QUIET_MS).unref();
    this.deadline ??= setTimeout(() => this.onDeadline(), MAX_WAIT_MS).unref();
  }

  /**
   * Writes the consequences of every answer waiting, now: before reading
   * totals, streaks or memory for someone who waits on the reply, at start
   * (what a crash left) and at stop. A failure (the database busy in another
   * process) is logged, and the answers stay queued for the next try.
   * Returns how many were settled.
   */
  settleAll(): number {
    let total = 0;
    if (!this.anyWaiting()) return total;
    while (this.mayBeWaiting) {
      const settled = this.trySettleChunk();
      if (settled === undefined) break;
      total += settled;
      if (settled < CHUNK) this.settledEverything();
    }
    return total;
  }

  /**
   * As settleAll, one chunk per turn of the event loop, for readers nobody
   * waits on (the minute's reminder sweep, a quiz's results): a burst's
   * queue can take a few hundred milliseconds to settle, and the clicks
   * still coming are read and acknowledged between chunks. Settles the first
   * chunk now and returns undefined when that was all (the caller goes on in
   * this turn), else the promise of the rest, which resolves in the turn the
   * queue was found empty: what the caller reads next counts every answer
   * acknowledged before.
   */
  settleInTurns(): Promise<void> | undefined {
    if (!this.anyWaiting()) return undefined;
    const settled = this.trySettleChunk();
    if (settled === undefined) return undefined;
    if (settled < CHUNK) {
      this.settledEverything();
      return undefined;
    }
    return new Promise((resolve) => setImmediate(resolve)).then(() => this.settleInTurns());
  }

  /** Clears the timers (at shutdown, after settleAll); the queue stays in the database. */
  stop(): void {
    clearTimeout(this.quiet);
    clearTimeout(this.deadline);
    if (this.next) clearImmediate(this.next);
    this.quiet = this.deadline = this.next = undefined;
    this.overdue = false;
  }

  /** Whether answers wait: this process's, or any other process queued in the file (then marked as waiting here too). */
  private anyWaiting(): boolean {
    if (!this.mayBeWaiting && this.deps.store.unsettledAnswers.any()) this.mayBeWaiting = true;
    return this.mayBeWaiting;
  }

  private onQuiet(): void {
    this.quiet = undefined;
    this.drainSoon();
  }

  private onDeadline(): void {
    this.deadline = undefined;
    this.overdue = true;
    this.drainSoon();
  }

  private drainSoon(): void {
    this.next ??= setImmediate(() => this.drainChunk());
  }

  private drainChunk(): void {
    this.next = undefined;
    if (!this.mayBeWaiting) return;
    // Answers came in since: the burst goes on, and their acknowledgements go first.
    if (this.quiet && !this.overdue) return;
    const settled = this.trySettleChunk();
    if (settled === undefined) return;
    if (settled === CHUNK) {
      this.drainSoon();
      return;
    }
    clearTimeout(this.deadline);
    this.deadline = undefined;
    this.overdue = false;
    if (!this.quiet) this.mayBeWaiting = false;
  }

  /** One chunk, or undefined when the database refused it (logged; the answers stay queued and are tried again later). */
  private trySettleChunk(): number | undefined {
    try {
      return this.settleChunk();
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not settle quiz answers yet; they stay queued");
      this.retryLater();
      return undefined;
    }
  }

  /** A chunk came back short: the queue is empty, and no timer needs to wake the settlement. */
  private settledEverything(): void {
    this.mayBeWaiting = false;
    this.stop();
  }

  private retryLater(): void {
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.onQuiet(), RETRY_MS).unref();
  }

  /** Settles the oldest answers waiting, at most CHUNK, in one transaction; returns how many. */
  private settleChunk(): number {
    const { store } = this.deps;
    return store.transaction(() => {
      const waiting = store.unsettledAnswers.oldestFirst(CHUNK);
      const communities = new Map<number, Community | undefined>();
      for (const row of waiting) {
        if (!communities.has(row.communityId)) communities.set(row.communityId, store.communities.get(row.communityId));
        const community = communities.get(row.communityId);
        if (community) this.apply({ ...row, community });
      }
      const last = waiting.at(-1);
      if (last) store.unsettledAnswers.settledThrough(last.id);
      return waiting.length;
    });
  }

  /** Writes what one answer changes: its periods' totals, the card's accuracy, the study day and the review. */
  private apply({
    community,
    member,
    deckId,
    cardId,
    correct,
    points,
    answeredAt,
  }: Omit<RecordedAnswer, "quizId">): void {
    const { store, progress } = this.deps;
    const periods = statPeriodsOf(localDay(answeredAt, community.timeZone));
    store.stats.addAnswer(community.id, member.id, periods, points, correct);
    store.cards.recordAnswer(community.id, deckId, cardId, correct);
    progress.answeredQuiz(community, member, { deckId, cardId }, correct, answeredAt);
  }
}
