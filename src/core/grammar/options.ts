import type { AnswerMode, AnswerWindow, CardChoice, DrillMode, LeaderboardSort, Period } from "../commands.js";
import { bothGiven, quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";
import { unknown } from "./suggest.js";
import type { Token } from "./tokens.js";
import {
  INTEGER,
  looksLikeTimeZone,
  looksLikeWindow,
  parseCount,
  parseDeck,
  parseTimeZone,
  parseWindow,
} from "./values.js";

/**
 * Optional arguments recognised by their shape, so users may give them in any
 * order: `quiz now 2h reactions capitals` and `quiz now capitals 2h reactions`.
 */

export interface OptionValues {
  deck: string;
  mode: AnswerMode;
  window: AnswerWindow;
  choice: CardChoice;
  timeZone: string;
  count: number;
  drillMode: DrillMode;
  period: Period;
  sort: LeaderboardSort;
  thread: "thread";
}
export type OptionKind = keyof OptionValues;

interface OptionKindSpec<T> {
  /** With its article, for "quiz now does not take a time zone". */
  a: string;
  plural: string;
  /** Words that mark this kind when the command takes it; anything else is recognised by shape. */
  words: readonly string[];
  /** The accepted values in their own spelling, for an enumerated kind (aliases aside). */
  choices?: readonly T[];
  parse(text: string): Parsed<T>;
}

function keywordKind<T>(a: string, plural: string, table: Record<string, T>): OptionKindSpec<T> {
  const values = new Map(Object.entries(table));
  return {
    a,
    plural,
    words: [...values.keys()],
    choices: [...new Set(values.values())],
    parse(text) {
      const value = values.get(text.toLowerCase());
      return value === undefined ? fail(`${quoted(text)} is not ${a}.`) : ok(value);
    },
  };
}

function shapeKind<T>(
  a: string,
  plural: string,
  parse: (text: string) => Parsed<T>,
  words: string[] = [],
): OptionKindSpec<T> {
  return { a, plural, words, parse };
}

export const OPTION_KINDS: { [K in OptionKind]: OptionKindSpec<OptionValues[K]> } = {
  deck: shapeKind("a deck", "decks", parseDeck),
  mode: keywordKind<AnswerMode>("an answer mode", "answer modes", {
    buttons: "buttons",
    button: "buttons",
    reactions: "reactions",
    reaction: "reactions",
    react: "reactions",
  }),
  window: shapeKind("a window", "windows", parseWindow, ["next", "until-next"]),
  choice: keywordKind<CardChoice>("a card choice", "card choices", { rotation: "rotation", weakest: "weakest" }),
  timeZone: shapeKind("a time zone", "time zones", parseTimeZone),
  count: shapeKind("a count", "counts", parseCount),
  drillMode: keywordKind<DrillMode>("a drill mode", "drill modes", { flip: "flip", choice: "choice", type: "type" }),
  period: keywordKind<Period>("a period", "periods", {
    week: "week",
    weekly: "week",
    month: "month",
    monthly: "month",
    all: "all",
    "all-time": "all",
    alltime: "all",
  }),
  sort: keywordKind<LeaderboardSort>("a ranking", "rankings", {
    points: "points",
    streak: "streak",
    streaks: "streak",
    accuracy: "accuracy",
  }),
  thread: keywordKind<"thread">("a thread", "threads", { thread: "thread" }),
};

export function isOptionKind(kind: string): kind is OptionKind {
  return Object.hasOwn(OPTION_KINDS, kind);
}

/**
 * Keywords count only where the command takes them (a deck may be called
 * "flip" for a quiz); numbers, windows and zones are never deck ids, so they
 * are recognised everywhere and a misplaced one gets a precise error.
 */
function classify(text: string, allowed: readonly OptionKind[]): OptionKind {
  const word = text.toLowerCase();
  const keyword = allowed.find((kind) => OPTION_KINDS[kind].words.includes(word));
  if (keyword) return keyword;
  if (INTEGER.test(word)) return allowed.includes("count") ? "count" : "window";
  if (looksLikeWindow(word)) return "window";
  // A command without a zone is told it takes none only of a real one: "decks/capitals" is a bad deck id.
  if (looksLikeTimeZone(text) && (allowed.includes("timeZone") || parseTimeZone(text).ok)) return "timeZone";
  return "deck";
}

export interface Options {
  values: Partial<OptionValues>;
  /** The token each value came from, for messages about it. */
  given: Map<OptionKind, string>;
}

export function parseOptions(tokens: readonly Token[], cmd: string, allowed: readonly OptionKind[]): Parsed<Options> {
  const options: Options = { values: {}, given: new Map() };
  for (const { text } of tokens) {
    const error = addOption(options, text, cmd, allowed);
    if (error !== undefined) return fail(error);
  }
  return ok(options);
}

function addOption(options: Options, text: string, cmd: string, allowed: readonly OptionKind[]): string | undefined {
  const kind = classify(text, allowed);
  if (!allowed.includes(kind)) return notTaken(cmd, kind, text, allowed);
  const earlier = options.given.get(kind);
  if (earlier !== undefined) return `Two ${OPTION_KINDS[kind].plural} given: ${bothGiven(earlier, text)}.`;
  const error = setOption(options.values, kind, text);
  if (error === undefined) options.given.set(kind, text);
  return error;
}

function setOption<K extends OptionKind>(values: Partial<OptionValues>, kind: K, text: string): string | undefined {
  const parsed = OPTION_KINDS[kind].parse(text);
  if (!parsed.ok) return parsed.error;
  values[kind] = parsed.value;
  return undefined;
}

function notTaken(cmd: string, kind: OptionKind, text: string, allowed: readonly OptionKind[]): string {
  if (kind !== "deck") return `${cmd} does not take ${OPTION_KINDS[kind].a} (${quoted(text)}).`;
  const keywords = allowed.flatMap((each) => OPTION_KINDS[each].words);
  return unknown(`Unknown option ${quoted(text)} for ${cmd}.`, text.toLowerCase(), keywords);
}
