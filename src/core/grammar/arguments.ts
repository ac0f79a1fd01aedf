import { REASON_MAX_CHARS } from "../cardFlags.js";
import { MAX_DAILY_LIMIT, MAX_PAUSE_DAYS, MIN_DAILY_LIMIT } from "./meValues.js";
import { isOptionKind, OPTION_KINDS, type OptionKind } from "./options.js";

/**
 * Every kind of argument a command may take, described once for usage lines,
 * help and the platforms that ask for arguments one by one (Discord's slash
 * options). Only what is recognised by shape lives in options.ts; the rest is
 * read by position.
 */

export type ArgKind =
  | OptionKind
  | "cron"
  | "ping"
  | "scheduleId"
  | "user"
  | "topic"
  | "upload"
  | "reminder"
  | "streakNudge"
  | "pauseDays"
  | "dailyLimit"
  | "confirmation"
  | "card"
  | "reason";

/** How a form asks for the value: free text, one of the choices, a whole number, a member, an attached file. */
export type ArgInput =
  | { type: "text"; maxLength: number /** Offer matches while it is typed (decks, zones, cards). */; suggested?: true }
  | { type: "choice" }
  | { type: "integer"; min: number; max?: number }
  | { type: "user" }
  /** A role to mention, or where a platform has no role picker, a group's name or mention as text. */
  | { type: "role" }
  /** A typed line cannot carry a file: usage lines leave it out and the adapter fills it in. */
  | { type: "file" };

export interface ArgKindDescription {
  /** The argument's name where arguments are named (a slash command's option). */
  name: string;
  /** Its placeholder in a usage line; a choice shows its choices instead. */
  label: string;
  description: string;
  input: ArgInput;
  /** The words a positional choice takes (option kinds list theirs in options.ts). */
  choices?: readonly string[];
  /** The word typed before the value: `ping @students`. */
  keyword?: string;
}

export const ARG_KINDS: Record<ArgKind, ArgKindDescription> = {
  deck: {
    name: "deck",
    label: "deck",
    description: "Deck id; start typing to pick one",
    input: { type: "text", maxLength: 63, suggested: true },
  },
  mode: {
    name: "mode",
    label: "mode",
    description: "Answer with buttons (default) or with letter reactions",
    input: { type: "choice" },
  },
  window: {
    name: "window",
    label: "window",
    description: "How long it stays open, such as 30m, 2h or 1d",
    input: { type: "text", maxLength: 20 },
  },
  choice: {
    name: "cards",
    label: "cards",
    description: "Which card comes next: in rotation (default) or weakest first",
    input: { type: "choice" },
  },
  timeZone: {
    name: "timezone",
    label: "tz",
    description: "IANA time zone such as Europe/Berlin; start typing to pick one",
    input: { type: "text", maxLength: 64, suggested: true },
  },
  count: { name: "count", label: "count", description: "How many cards", input: { type: "integer", min: 1 } },
  drillMode: {
    name: "mode",
    label: "mode",
    description: "flip (recall, then rate), choice (multiple choice) or type (type the term)",
    input: { type: "choice" },
  },
  period: {
    name: "period",
    label: "period",
    description: "This week (default), this month or all time",
    input: { type: "choice" },
  },
  sort: {
    name: "by",
    label: "by",
    description: "Rank by points (default), day streak or accuracy",
    input: { type: "choice" },
  },
  thread: {
    name: "thread",
    label: "thread",
    description: "Start a discussion thread on each quiz; its results go there too",
    input: { type: "choice" },
  },
  ping: {
    name: "ping",
    label: "ping <role>",
    description: "A role (Slack: a user group) that each post mentions; nobody else is ever pinged",
    input: { type: "role" },
    keyword: "ping",
  },
  cron: {
    name: "cron",
    label: "cron",
    description: "When to post: minute hour day month weekday, such as 0 9 * * 1-5",
    input: { type: "text", maxLength: 100 },
  },
  scheduleId: {
    name: "id",
    label: "id",
    description: "The schedule's id (see /schedule list)",
    input: { type: "integer", min: 1 },
  },
  user: { name: "user", label: "user", description: "Whose stats (default: yours)", input: { type: "user" } },
  topic: { name: "command", label: "command", description: "One command's usage", input: { type: "choice" } },
  upload: {
    name: "file",
    label: "file",
    description: "A CSV, TSV or Anki plain-text export, instead of pasting (up to 512 KB)",
    input: { type: "file" },
  },
  reminder: {
    name: "time",
    label: "HH:MM|off",
    description: "Local time of the daily reminder, 24-hour, such as 07:30; or off",
    input: { type: "text", maxLength: 5 },
  },
  streakNudge: {
    name: "streak",
    label: "streak",
    description: "Also remind me when my streak would end tonight",
    input: { type: "choice" },
    choices: ["streak"],
  },
  pauseDays: {
    name: "days",
    label: "days|off",
    description: `Local days from today, 1 to ${MAX_PAUSE_DAYS}; or off to end the pause`,
    input: { type: "text", maxLength: 3 },
  },
  dailyLimit: {
    name: "count",
    label: "n",
    description: `Per local day and deck, ${MIN_DAILY_LIMIT} to ${MAX_DAILY_LIMIT}`,
    input: { type: "integer", min: MIN_DAILY_LIMIT, max: MAX_DAILY_LIMIT },
  },
  confirmation: {
    name: "code",
    label: "code",
    description: "The code of the confirmation message, where there is no button to click",
    input: { type: "text", maxLength: 12 },
  },
  card: {
    name: "card",
    label: "card",
    description: "Card id, as deck flags shows it, such as gvisor",
    input: { type: "text", maxLength: 63, suggested: true },
  },
  reason: {
    name: "reason",
    label: "reason",
    description: `What is wrong with the card, up to ${REASON_MAX_CHARS} characters`,
    input: { type: "text", maxLength: REASON_MAX_CHARS },
  },
};

/** The values of an enumerated option kind, in their own spelling; none for the others. */
export function keywordChoices(kind: ArgKind): readonly string[] | undefined {
  if (!isOptionKind(kind)) return ARG_KINDS[kind].choices;
  const choices: readonly unknown[] | undefined = OPTION_KINDS[kind].choices;
  return choices?.map(String);
}
