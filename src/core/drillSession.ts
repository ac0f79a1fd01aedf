import type { DrillStep } from "./actions.js";
import type { DrillMode } from "./commands.js";
import { type DrillRating, type MemoryState, RATINGS } from "./fsrs.js";
import type { Card, Deck } from "./deck.js";
import { buildQuestion, letterIndex, pickDirection, type Question } from "./question.js";
import type { Rng } from "./random.js";
import { localDay } from "./studyDay.js";
import type { StreakState } from "./streaks.js";

/** A choice question as asked in a drill, kept with the session so its options never reshuffle. */
export type StoredQuestion = Pick<Question, "direction" | "prompt" | "options" | "correctIndex" | "optionsInBody">;

/**
 * Everything a drill's last rating changed, as it was before: enough to undo
 * it exactly (the card's memory, its review_log row, the streak, the session's place).
 */
export interface RatingUndo {
  reviewId: number;
  /** Where the session stood: the rated card, its answer showing or not, its question. */
  position: number;
  answerShown: boolean;
  question: StoredQuestion | null;
  /** The card's memory before the rating; null: the card was new. */
  memory: MemoryState | null;
  streak: StreakState;
}

/** The part of a drill session that decides what may happen next. */
export interface SessionState {
  userId: number;
  mode: DrillMode;
  queue: readonly string[];
  position: number;
  answerShown: boolean;
  question: StoredQuestion | null;
  nonce: string;
  finishedAt: Date | null;
  /** The last rating while it can still be undone. */
  lastRating: RatingUndo | null;
}

/** What a learner did, whatever the platform: a button, a typed line. */
export type DrillInput = DrillStep | { op: "answer"; text: string };

/** Why an input changes nothing; each has its own message for the learner. */
export type Rejection =
  | "unknown-session"
  | "not-yours"
  | "finished"
  | "stale"
  | "show-first"
  | "wrong-mode"
  | "no-such-option"
  | "nothing-to-undo"
  | "studied-since";

/**
 * Checks an input against the session before anything is written: a forged
 * nonce, another person's drill, a finished drill, a click meant for an
 * earlier card, or a step this mode does not take are all refused.
 */
export function checkInput(
  session: SessionState | undefined,
  claim: { nonce: string; position: number },
  userId: number,
  input: DrillInput,
): Rejection | undefined {
  if (!session || session.nonce !== claim.nonce) return "unknown-session";
  if (session.userId !== userId) return "not-yours";
  if (session.finishedAt) return "finished";
  if (claim.position !== session.position) return "stale";
  switch (input.op) {
    case "stop":
      return undefined;
    case "undo":
      return session.lastRating ? undefined : "nothing-to-undo";
    case "show":
      return session.mode === "flip" ? undefined : "wrong-mode";
    case "rate":
      if (session.mode !== "flip") return "wrong-mode";
      return session.answerShown ? undefined : "show-first";
    case "pick":
      if (session.mode !== "choice") return "wrong-mode";
      return input.choice < (session.question?.options.length ?? 0) ? undefined : "no-such-option";
    case "type":
    case "answer":
      return session.mode === "type" ? undefined : "wrong-mode";
  }
}

const RATING_WORDS = new Map<string, DrillRating>([
  ...RATINGS.map((rating) => [rating, rating] as const),
  ...RATINGS.map((rating, index) => [String(index + 1), rating] as const),
]);
const SHOW_WORDS = new Set(["show", "s", "flip", "answer"]);
const STOP_WORDS = new Set(["stop", "stop drill", "end drill"]);
const UNDO_WORD = "undo";

/**
 * A typed line as drill input, for platforms where the learner types (the
 * terminal): `show`, `again|hard|good|easy` or `1`–`4` in flip mode, a letter
 * in choice mode, the term itself in type mode, `stop` and `undo` anywhere. Undefined:
 * the line is not for the drill (`isCommand` lets type mode leave commands alone).
 */
export function readDrillLine(
  line: string,
  session: SessionState,
  isCommand: (line: string) => boolean,
): DrillInput | undefined {
  const word = line.trim().toLowerCase().replace(/\s+/g, " ");
  if (STOP_WORDS.has(word)) return { op: "stop" };
  if (word === UNDO_WORD) return { op: "undo" };
  if (session.mode === "flip") {
    if (SHOW_WORDS.has(word)) return { op: "show" };
    const rating = RATING_WORDS.get(word);
    return rating ? { op: "rate", rating } : undefined;
  }
  if (session.mode === "choice") {
    const choice = letterIndex(word, session.question?.options.length ?? 0);
    return choice === undefined ? undefined : { op: "pick", choice };
  }
  return word === "" || isCommand(line) ? undefined : { op: "answer", text: line.trim() };
}

/** What `drill` asks for; what it leaves out, any open drill of today may have. */
export interface DrillOptions {
  deck?: string;
  count?: number;
  mode?: DrillMode;
}

/** An unfinished drill of today is resumed unless the command asks for a different one. */
export function resumesToday(
  open: { createdAt: Date; deckId: string; mode: DrillMode; queue: readonly string[] },
  options: DrillOptions,
  timeZone: string,
  now: Date,
): boolean {
  return (
    localDay(open.createdAt, timeZone) === localDay(now, timeZone) &&
    (options.deck === undefined || options.deck === open.deckId) &&
    (options.mode === undefined || options.mode === open.mode) &&
    (options.count === undefined || options.count === open.queue.length)
  );
}

/** A choice drill's question as stored with its session, so its options keep their order after a restart. */
export function drillQuestion(rng: Rng, deck: Deck, card: Card, mode: DrillMode): StoredQuestion | null {
  if (mode !== "choice") return null;
  const { direction, prompt, options, correctIndex, optionsInBody } = buildQuestion(
    deck,
    card,
    pickDirection(deck, card, rng),
    rng,
  );
  return { direction, prompt, options, correctIndex, optionsInBody };
}
