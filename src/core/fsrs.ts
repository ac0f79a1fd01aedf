import { type Card as FsrsCard, createEmptyCard, fsrs, type Grade, Rating, State } from "ts-fsrs";

/**
 * ts-fsrs behind a small surface: the rest of the code speaks in words
 * ("good", "review"), keeps dates as dates, and never sees the library's
 * types. The clock is always passed in, so a drill over thirty days runs in
 * a test in milliseconds.
 */

export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type DrillRating = (typeof RATINGS)[number];

/** A multiple-choice answer (a channel quiz, a choice drill) as an FSRS review: right → Good, wrong → Again. */
export const ratingOfAnswer = (correct: boolean): DrillRating => (correct ? "good" : "again");

export const CARD_STATES = ["new", "learning", "review", "relearning"] as const;
export type CardState = (typeof CARD_STATES)[number];

/** One person's memory of one card: ts-fsrs's card, field for field. */
export interface MemoryState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  /** Which (re)learning step the card is on; ts-fsrs needs it to schedule the next step exactly. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardState;
  lastReview: Date | null;
}

/** What ts-fsrs logs for a review: the card as it was before the rating. */
export interface ReviewRecord {
  rating: DrillRating;
  stateBefore: CardState;
  dueBefore: Date;
  stabilityBefore: number;
  difficultyBefore: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
}

/**
 * The library's defaults, spelled out because the review log and every test
 * depend on them: 90% retention, learning steps 1m and 10m, relearning 10m,
 * and no fuzz, so the same reviews always give the same schedule.
 */
const scheduler = fsrs({
  request_retention: 0.9,
  maximum_interval: 36500,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ["1m", "10m"],
  relearning_steps: ["10m"],
});

const GRADES: Record<DrillRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

const STATE_NAMES: Record<State, CardState> = {
  [State.New]: "new",
  [State.Learning]: "learning",
  [State.Review]: "review",
  [State.Relearning]: "relearning",
};

const STATES: Record<CardState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

function toFsrs(memory: MemoryState): FsrsCard {
  return {
    due: memory.due,
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: STATES[memory.state],
    ...(memory.lastReview ? { last_review: memory.lastReview } : {}),
  };
}

function fromFsrs(card: FsrsCard): MemoryState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
    lastReview: card.last_review ?? null,
  };
}

/** A card never reviewed: due now, no stability yet. */
export function newMemory(now: Date): MemoryState {
  return fromFsrs(createEmptyCard(now));
}

/** Applies one rating at `now`: the card's next memory state and the review to log. */
export function review(
  memory: MemoryState,
  rating: DrillRating,
  now: Date,
): { memory: MemoryState; record: ReviewRecord } {
  const { card, log } = scheduler.next(toFsrs(memory), now, GRADES[rating]);
  return {
    memory: fromFsrs(card),
    record: {
      rating,
      stateBefore: STATE_NAMES[log.state],
      dueBefore: log.due,
      stabilityBefore: log.stability,
      difficultyBefore: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      reviewedAt: log.review,
    },
  };
}

/** When the card would next be due for each rating, for the "Good · 3d" buttons. */
export function nextDueByRating(memory: MemoryState, now: Date): Record<DrillRating, Date> {
  const preview = scheduler.repeat(toFsrs(memory), now);
  return {
    again: preview[Rating.Again].card.due,
    hard: preview[Rating.Hard].card.due,
    good: preview[Rating.Good].card.due,
    easy: preview[Rating.Easy].card.due,
  };
}

/** Probability of recalling the card at `now` (1 for a card never reviewed: nothing to forget yet). */
export function retrievability(memory: MemoryState, now: Date): number {
  if (memory.state === "new") return 1;
  return scheduler.get_retrievability(toFsrs(memory), now, false);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "1m", "10m", "3h", "3d", "2.5mo", "1.2y": short enough for a button label. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (ms < HOUR) return `${minutes}m`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
  const days = Math.round(ms / DAY);
  if (days < 31) return `${days}d`;
  if (days < 365) return `${oneDecimal(days / 30)}mo`;
  return `${oneDecimal(days / 365)}y`;
}

function oneDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
