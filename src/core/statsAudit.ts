import { type DrillRating, type MemoryState, newMemory, review } from "./fsrs.js";
import { type DayRange, replayStudyDays, type StreakState } from "./streaks.js";
import { localDay, statPeriodsOf } from "./studyDay.js";

/**
 * What the kept-up-to-date numbers (leaderboard totals, streaks, quiz counts,
 * card accuracy, drill memory) must be, recomputed from the raw facts they
 * are kept from: the answers and the review log. Pure: the doctor reads the
 * facts, compares, and writes back what differs.
 */

export interface AnswerFact {
  quizId: number;
  communityId: number;
  userId: number;
  deckId: string;
  cardId: string;
  correct: boolean;
  points: number;
  at: number;
  /**
   * False while the answer waits in the settlement queue: it is in its quiz's
   * counts already, and in the totals, accuracy and streak once settled.
   */
  settled: boolean;
}

export interface ReviewFact {
  userId: number;
  deckId: string;
  cardId: string;
  source: "drill" | "quiz";
  rating: DrillRating;
  at: number;
}

export interface Tally {
  answered: number;
  correct: number;
}

export interface PeriodTotals extends Tally {
  points: number;
}

export interface QuizTally extends Tally {
  /** Who may be the first right answerer: everyone right at the earliest time of a right answer (ties are equal). */
  firstCorrect: ReadonlySet<number>;
}

/** A member's streak as their study days make it, with the days its freezes were spent on. */
export type ExpectedStreak = StreakState & { communityId: number; frozenOn: string[] };

export interface ExpectedStats {
  /** By `periodKey`. */
  periods: Map<string, PeriodTotals>;
  /** By user id. */
  streaks: Map<number, ExpectedStreak>;
  /** By quiz id. */
  quizzes: Map<number, QuizTally>;
  /** By `cardKey`. */
  cards: Map<string, Tally>;
}

export const periodKey = (communityId: number, period: string, userId: number) =>
  JSON.stringify([communityId, period, userId]);
export const cardKey = (communityId: number, deckId: string, cardId: string) =>
  JSON.stringify([communityId, deckId, cardId]);

function tallyInto<T extends Tally>(
  map: Map<string | number, T>,
  key: string | number,
  blank: () => T,
  correct: boolean,
): T {
  const tally = map.get(key) ?? blank();
  tally.answered += 1;
  if (correct) tally.correct += 1;
  map.set(key, tally);
  return tally;
}

/**
 * The numbers the answers and reviews imply. Days count in each community's
 * time zone as it is now; a study day comes from a quiz answer or a drill
 * review (a quiz answer's own review is the same moment); streaks take each
 * member's vacations as they are now.
 */
export function expectedStats(input: {
  answers: readonly AnswerFact[];
  reviews: readonly ReviewFact[];
  communityOfUser: ReadonlyMap<number, number>;
  timeZoneOf: (communityId: number) => string;
  pausesOf: (userId: number) => readonly DayRange[];
  /** A person's study days count in their own zone (`me timezone`); leaderboard periods in the community's. */
  personalTimeZoneOf: (userId: number, communityId: number) => string;
}): ExpectedStats {
  const periods = new Map<string, PeriodTotals>();
  const quizzes = new Map<number, Tally & { firstCorrect: Set<number>; firstAt: number }>();
  const cards = new Map<string, Tally>();
  const studyDays = new Map<number, Set<string>>();
  const studied = (userId: number, communityId: number, at: number) => {
    const days = studyDays.get(userId) ?? new Set<string>();
    days.add(localDay(new Date(at), input.personalTimeZoneOf(userId, communityId)));
    studyDays.set(userId, days);
  };

  for (const answer of input.answers) {
    const quiz = tallyInto(
      quizzes,
      answer.quizId,
      () => ({ answered: 0, correct: 0, firstCorrect: new Set<number>(), firstAt: Infinity }),
      answer.correct,
    );
    if (answer.correct && answer.at < quiz.firstAt) {
      quiz.firstAt = answer.at;
      quiz.firstCorrect = new Set([answer.userId]);
    } else if (answer.correct && answer.at === quiz.firstAt) {
      quiz.firstCorrect.add(answer.userId);
    }
    if (!answer.settled) continue;
    const day = localDay(new Date(answer.at), input.timeZoneOf(answer.communityId));
    for (const period of statPeriodsOf(day)) {
      const totals = tallyInto(
        periods,
        periodKey(answer.communityId, period, answer.userId),
        () => ({ points: 0, answered: 0, correct: 0 }),
        answer.correct,
      );
      totals.points += answer.points;
    }
    tallyInto(
      cards,
      cardKey(answer.communityId, answer.deckId, answer.cardId),
      () => ({ answered: 0, correct: 0 }),
      answer.correct,
    );
    studied(answer.userId, answer.communityId, answer.at);
  }
  for (const entry of input.reviews) {
    const communityId = input.communityOfUser.get(entry.userId);
    if (entry.source === "drill" && communityId !== undefined) studied(entry.userId, communityId, entry.at);
  }

  const streaks: ExpectedStats["streaks"] = new Map();
  for (const [userId, days] of studyDays) {
    const communityId = input.communityOfUser.get(userId);
    if (communityId === undefined) continue;
    const { streak, frozenOn } = replayStudyDays(days, input.pausesOf(userId));
    streaks.set(userId, { ...streak, communityId, frozenOn });
  }
  return {
    periods,
    streaks,
    quizzes: new Map(
      [...quizzes].map(([id, { answered, correct, firstCorrect }]) => [id, { answered, correct, firstCorrect }]),
    ),
    cards,
  };
}

/**
 * One person's memory of one card as ts-fsrs makes it from their reviews, in
 * order: the state the drills keep must be exactly this.
 */
export function replayMemory(reviews: readonly Pick<ReviewFact, "rating" | "at">[]): MemoryState | undefined {
  const [first] = reviews;
  if (!first) return undefined;
  return reviews.reduce(
    (memory, entry) => review(memory, entry.rating, new Date(entry.at)).memory,
    newMemory(new Date(first.at)),
  );
}

/** True when two memory states are the same, field for field. */
export function sameMemory(a: MemoryState, b: MemoryState): boolean {
  return (
    a.due.getTime() === b.due.getTime() &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.elapsedDays === b.elapsedDays &&
    a.scheduledDays === b.scheduledDays &&
    a.learningSteps === b.learningSteps &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.state === b.state &&
    (a.lastReview?.getTime() ?? null) === (b.lastReview?.getTime() ?? null)
  );
}

/** The numbers as kept: what the doctor read from the database. */
export interface StoredStats {
  periods: Map<string, PeriodTotals>;
  streaks: Map<number, StreakState & { communityId: number }>;
  quizzes: Map<number, Tally & { firstCorrect: number | null }>;
  cards: Map<string, Tally>;
}

/** One kept number that differs from what the facts imply; a side is missing where there should be no row, or is none. */
export type Drift =
  | { kind: "period"; key: string; stored?: PeriodTotals; expected?: PeriodTotals }
  | { kind: "streak"; userId: number; stored?: StreakState; expected?: ExpectedStreak }
  | {
      kind: "quiz";
      quizId: number;
      stored: Tally & { firstCorrect: number | null };
      expected: Tally & { firstCorrect: number | null };
    }
  | { kind: "card"; key: string; stored?: Tally; expected?: Tally };

const sameTotals = (a: PeriodTotals | undefined, b: PeriodTotals | undefined) =>
  a?.points === b?.points && a?.answered === b?.answered && a?.correct === b?.correct;
const sameTally = (a: Tally | undefined, b: Tally | undefined) =>
  a?.answered === b?.answered && a?.correct === b?.correct;
const sameStreak = (a: StreakState | undefined, b: StreakState | undefined) =>
  a?.current === b?.current &&
  a?.best === b?.best &&
  a?.lastDay === b?.lastDay &&
  a?.freezes === b?.freezes &&
  a?.frozenDays === b?.frozenDays &&
  a?.aliveUntil === b?.aliveUntil;

function keysOf<K>(...maps: ReadonlyMap<K, unknown>[]): K[] {
  return [...new Set(maps.flatMap((map) => [...map.keys()]))];
}

/** Every difference between the kept numbers and the expected ones. */
export function findDrift(stored: StoredStats, expected: ExpectedStats): Drift[] {
  const drift: Drift[] = [];
  for (const key of keysOf(stored.periods, expected.periods)) {
    const [kept, implied] = [stored.periods.get(key), expected.periods.get(key)];
    if (!sameTotals(kept, implied))
      drift.push({ kind: "period", key, ...(kept ? { stored: kept } : {}), ...(implied ? { expected: implied } : {}) });
  }
  for (const userId of keysOf(stored.streaks, expected.streaks)) {
    const [kept, implied] = [stored.streaks.get(userId), expected.streaks.get(userId)];
    if (!sameStreak(kept, implied))
      drift.push({
        kind: "streak",
        userId,
        ...(kept ? { stored: kept } : {}),
        ...(implied ? { expected: implied } : {}),
      });
  }
  for (const [quizId, kept] of stored.quizzes) {
    const implied = expected.quizzes.get(quizId) ?? { answered: 0, correct: 0, firstCorrect: new Set<number>() };
    const firstIsRight =
      kept.firstCorrect === null ? implied.firstCorrect.size === 0 : implied.firstCorrect.has(kept.firstCorrect);
    if (!sameTally(kept, implied) || !firstIsRight) {
      // Of people right at the same moment, the lowest id: any of them is as first as the others.
      const first = Math.min(...implied.firstCorrect);
      drift.push({
        kind: "quiz",
        quizId,
        stored: kept,
        expected: {
          answered: implied.answered,
          correct: implied.correct,
          firstCorrect: Number.isFinite(first) ? first : null,
        },
      });
    }
  }
  for (const key of keysOf(stored.cards, expected.cards)) {
    const [kept, implied] = [stored.cards.get(key), expected.cards.get(key)];
    if (!sameTally(kept, implied))
      drift.push({ kind: "card", key, ...(kept ? { stored: kept } : {}), ...(implied ? { expected: implied } : {}) });
  }
  return drift;
}
