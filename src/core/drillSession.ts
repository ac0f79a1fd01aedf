import type { DrillStep } from "./actions.js";
import type { DrillMode } from "./commands.js";
import { type DrillRating, RATINGS } from "./fsrs.js";
import { letterIndex, type Question } from "./question.js";

/** A choice question as asked in a drill, kept with the session so its options never reshuffle. */
export type StoredQuestion = Pick<Question, "direction" | "prompt" | "options" | "correctIndex" | "optionsInBody">;

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
  | "no-such-option";

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

/**
 * A typed line as drill input, for platforms where the learner types (the
 * terminal): `show`, `again|hard|good|easy` or `1`–`4` in flip mode, a letter
 * in choice mode, the term itself in type mode, `stop` anywhere. Undefined:
 * the line is not for the drill (`isCommand` lets type mode leave commands alone).
 */
export function readDrillLine(
  line: string,
  session: SessionState,
  isCommand: (line: string) => boolean,
): DrillInput | undefined {
  const word = line.trim().toLowerCase().replace(/\s+/g, " ");
  if (STOP_WORDS.has(word)) return { op: "stop" };
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
