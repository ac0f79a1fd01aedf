import type {
  AnswerMode,
  AnswerWindow,
  CardChoice,
  Command,
  CommandName,
  DrillMode,
  LeaderboardSort,
  ParseResult,
  Period,
} from "./commands.js";
import { MAX_WINDOW_MINUTES } from "./limits.js";

/**
 * The one command grammar every platform shares: a line as typed after Slack's
 * `/study`, in the terminal, or rebuilt from Discord's options. Optional
 * arguments are recognised by their shape, so users may give them in any order.
 */

/** A checked value, or a sentence for the user saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One line of `help`: `usage` starts with the command's words, so a help topic can match it by prefix. */
export interface CommandHelp {
  name: CommandName;
  usage: string;
  summary: string;
  admin: boolean;
}

interface Token {
  text: string;
  /** A quoted token is one argument even with spaces inside, which a cron needs. */
  quoted: boolean;
}

type Failure = { ok: false; error: string; usage: string };

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const failure = (error: string, usage: string): Failure => ({ ok: false, error, usage });

const MAX_DRILL_CARDS = 50;
const CRON_EXAMPLE = "schedule add 0 9 * * 1-5 Europe/Berlin";
const HELP_HINT = "Type help to see the commands.";
// Same rule as deck ids in deck files, so a valid argument can name any loadable deck.
const DECK_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const INTEGER = /^[+-]?\d+$/;

// ---------------------------------------------------------------------------
// Tokens

// Slack and Discord clients turn straight quotes into typographic ones.
const QUOTES = new Set(['"', "“", "”", "„"]);
const SPACE = /\s/;

/** Splits on whitespace; a quoted run is one token. An unclosed quote is reported, not guessed at. */
function tokenize(line: string): { tokens: Token[]; unclosed?: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < line.length) {
    const char = line.charAt(at);
    if (SPACE.test(char)) {
      at += 1;
    } else if (QUOTES.has(char)) {
      const end = nextQuote(line, at + 1);
      if (end < 0) return { tokens, unclosed: line.slice(at + 1) };
      tokens.push({ text: line.slice(at + 1, end), quoted: true });
      at = end + 1;
    } else {
      const end = wordEnd(line, at);
      tokens.push({ text: line.slice(at, end), quoted: false });
      at = end;
    }
  }
  return { tokens };
}

function nextQuote(line: string, from: number): number {
  for (let at = from; at < line.length; at += 1) if (QUOTES.has(line.charAt(at))) return at;
  return -1;
}

function wordEnd(line: string, from: number): number {
  let at = from;
  while (at < line.length && !SPACE.test(line.charAt(at))) at += 1;
  return at;
}

/** Users paste Discord-style `/quiz now` into Slack or the terminal. */
function stripSlash(tokens: readonly Token[]): Token[] {
  const [first, ...rest] = tokens;
  if (!first || first.quoted || !first.text.startsWith("/")) return [...tokens];
  const text = first.text.slice(1);
  return text ? [{ text, quoted: false }, ...rest] : rest;
}

const COMMAND_ALIASES = new Map<string, readonly string[]>([["decks", ["deck", "list"]]]);
const SUBCOMMAND_ALIASES = new Map<string, string>([
  ["tz", "timezone"],
  ["time-zone", "timezone"],
]);

function expandAlias(tokens: readonly Token[]): Token[] {
  const [first, ...rest] = tokens;
  const words = first && COMMAND_ALIASES.get(first.text.toLowerCase());
  return words ? [...words.map((text) => ({ text, quoted: false })), ...rest] : [...tokens];
}

/** Keeps error messages readable when someone pastes a page into the command box. */
function show(text: string): string {
  const chars = Array.from(text);
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : text;
}

// ---------------------------------------------------------------------------
// Windows

const MINUTES_PER_UNIT = new Map<string, number>([
  ...["m", "min", "mins", "minute", "minutes"].map((unit) => [unit, 1] as const),
  ...["h", "hr", "hrs", "hour", "hours"].map((unit) => [unit, 60] as const),
  ...["d", "day", "days"].map((unit) => [unit, 24 * 60] as const),
]);
// Recognised so "90s" or "1w" is reported as a bad window rather than taken for a deck id.
const OTHER_TIME_UNITS = new Set(["s", "sec", "secs", "second", "seconds", "w", "wk", "wks", "week", "weeks"]);
const WINDOW_SHAPE = /^(?:\d+(?:\.\d+)?[a-z]+)+$/;
const WINDOW_SEGMENT = /(\d+(?:\.\d+)?)([a-z]+)/g;
const UNTIL_NEXT = new Set(["next", "untilnext", "untilnextpost"]);
const WINDOW_HINT = "use whole minutes, hours or days, such as 30m, 2h, 1h30m or 1d";

// Spaces are dropped so that formatWindow's "1h 30m" reads back.
const squeeze = (text: string): string => text.toLowerCase().replace(/\s+/g, "");

function isUntilNext(text: string): boolean {
  return UNTIL_NEXT.has(squeeze(text).replace(/-/g, ""));
}

function looksLikeWindow(text: string): boolean {
  const squeezed = squeeze(text);
  if (!WINDOW_SHAPE.test(squeezed)) return false;
  return [...squeezed.matchAll(WINDOW_SEGMENT)].every(([, , unit = ""]) => {
    return MINUTES_PER_UNIT.has(unit) || OTHER_TIME_UNITS.has(unit);
  });
}

/** `30m`, `2h`, `1h30m`, `1d`, `45` (minutes), `next`/`until-next`; between 1 minute and 7 days. */
export function parseWindow(token: string): Parsed<AnswerWindow> {
  if (isUntilNext(token)) return ok({ kind: "until-next" });
  const minutes = windowMinutes(token);
  if (!minutes.ok) return minutes;
  if (minutes.value < 1) return fail(`Bad window "${show(token)}": a quiz stays open at least 1 minute.`);
  if (minutes.value > MAX_WINDOW_MINUTES) return fail(`Bad window "${show(token)}": a quiz stays open at most 7 days.`);
  return ok({ kind: "minutes", minutes: minutes.value });
}

function windowMinutes(token: string): Parsed<number> {
  const squeezed = squeeze(token);
  if (INTEGER.test(squeezed)) return ok(Number(squeezed));
  if (!looksLikeWindow(squeezed)) return fail(`"${show(token)}" is not a window: ${WINDOW_HINT}.`);
  let total = 0;
  const usedUnits = new Set<number>();
  for (const [, amount = "", unit = ""] of squeezed.matchAll(WINDOW_SEGMENT)) {
    const perUnit = MINUTES_PER_UNIT.get(unit);
    if (perUnit === undefined || amount.includes(".") || usedUnits.has(perUnit)) {
      return fail(`Bad window "${show(token)}": ${WINDOW_HINT}.`);
    }
    usedUnits.add(perUnit);
    total += Number(amount) * perUnit;
  }
  return ok(total);
}

/** "30m", "2h", "1h 30m", "1d 2h", "until next post". */
export function formatWindow(window: AnswerWindow): string {
  if (window.kind === "until-next") return "until next post";
  const total = Number.isFinite(window.minutes) ? Math.max(0, Math.round(window.minutes)) : 0;
  const parts: [number, string][] = [
    [Math.floor(total / (24 * 60)), "d"],
    [Math.floor((total % (24 * 60)) / 60), "h"],
    [total % 60, "m"],
  ];
  const shown = parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`);
  return shown.length > 0 ? shown.join(" ") : "0m";
}

// ---------------------------------------------------------------------------
// Other argument values

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

function looksLikeTimeZone(text: string): boolean {
  return (text.includes("/") && /[A-Za-z]/.test(text)) || text.toUpperCase() === "UTC";
}

/** Validated by the runtime's own zone data, which is what the scheduler will use. */
function parseTimeZone(text: string): Parsed<string> {
  const zone = text.toUpperCase() === "UTC" ? "UTC" : text;
  const resolved = ZONE_NAME.test(zone) ? resolveZone(zone) : undefined;
  if (resolved === undefined) {
    return fail(`Unknown time zone "${show(text)}". Use an IANA name such as Europe/Berlin or America/New_York.`);
  }
  // Fix the case ("europe/berlin"), but keep a link name as typed: ICU may map it to a name users don't know.
  return ok(resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone);
}

function resolveZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function parseDeck(text: string): Parsed<string> {
  const id = text.toLowerCase();
  if (DECK_SLUG.test(id)) return ok(id);
  return fail(
    `"${show(text)}" is not a deck id: use lowercase letters, digits and dashes, such as lightweight-sandboxes.`,
  );
}

function parseCount(text: string): Parsed<number> {
  const count = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (count >= 1 && count <= MAX_DRILL_CARDS) return ok(count);
  return fail(`Bad count "${show(text)}": a drill has 1 to ${MAX_DRILL_CARDS} cards.`);
}

function parseScheduleId(text: string): Parsed<number> {
  const digits = /^#?(\d{1,15})$/.exec(text)?.[1];
  const id = digits === undefined ? 0 : Number(digits);
  if (id > 0) return ok(id);
  return fail(`"${show(text)}" is not a schedule id: use a positive whole number, such as 12 or #12.`);
}

// ---------------------------------------------------------------------------
// Optional arguments, recognised by shape

interface ArgValues {
  deck: string;
  mode: AnswerMode;
  window: AnswerWindow;
  choice: CardChoice;
  timeZone: string;
  count: number;
  drillMode: DrillMode;
  period: Period;
  sort: LeaderboardSort;
}
type ArgKind = keyof ArgValues;
type Args = Partial<ArgValues>;

interface KindSpec<T> {
  /** With its article, for "quiz now does not take a time zone". */
  a: string;
  plural: string;
  /** Words that mark this kind when the command takes it; anything else is recognised by shape. */
  words: readonly string[];
  parse(text: string): Parsed<T>;
}

function keywordKind<T>(a: string, plural: string, table: Record<string, T>): KindSpec<T> {
  const values = new Map(Object.entries(table));
  return {
    a,
    plural,
    words: [...values.keys()],
    parse(text) {
      const value = values.get(text.toLowerCase());
      return value === undefined ? fail(`"${show(text)}" is not ${a}.`) : ok(value);
    },
  };
}

function shapeKind<T>(
  a: string,
  plural: string,
  parse: (text: string) => Parsed<T>,
  words: string[] = [],
): KindSpec<T> {
  return { a, plural, words, parse };
}

const KINDS: { [K in ArgKind]: KindSpec<ArgValues[K]> } = {
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
};

/**
 * Keywords count only where the command takes them (a deck may be called
 * "flip" for a quiz); numbers, windows and zones are never deck ids, so they
 * are recognised everywhere and a misplaced one gets a precise error.
 */
function classify(text: string, allowed: readonly ArgKind[]): ArgKind {
  const word = text.toLowerCase();
  const keyword = allowed.find((kind) => KINDS[kind].words.includes(word));
  if (keyword) return keyword;
  if (INTEGER.test(word)) return allowed.includes("count") ? "count" : "window";
  if (looksLikeWindow(word)) return "window";
  if (looksLikeTimeZone(text)) return "timeZone";
  return "deck";
}

interface Options {
  values: Args;
  /** The token each value came from, for messages about it. */
  given: Map<ArgKind, string>;
}

function parseOptions(tokens: readonly Token[], cmd: string, allowed: readonly ArgKind[]): Parsed<Options> {
  const options: Options = { values: {}, given: new Map() };
  for (const { text } of tokens) {
    const error = addOption(options, text, cmd, allowed);
    if (error !== undefined) return fail(error);
  }
  return ok(options);
}

function addOption(options: Options, text: string, cmd: string, allowed: readonly ArgKind[]): string | undefined {
  const kind = classify(text, allowed);
  if (!allowed.includes(kind)) return notTaken(cmd, kind, text, allowed);
  const earlier = options.given.get(kind);
  if (earlier !== undefined) return `Two ${KINDS[kind].plural} given: ${show(earlier)} and ${show(text)}.`;
  const error = setOption(options.values, kind, text);
  if (error === undefined) options.given.set(kind, text);
  return error;
}

function setOption<K extends ArgKind>(values: Args, kind: K, text: string): string | undefined {
  const parsed = KINDS[kind].parse(text);
  if (!parsed.ok) return parsed.error;
  values[kind] = parsed.value;
  return undefined;
}

function notTaken(cmd: string, kind: ArgKind, text: string, allowed: readonly ArgKind[]): string {
  if (kind !== "deck") return `${cmd} does not take ${KINDS[kind].a} ("${show(text)}").`;
  const keywords = allowed.flatMap((each) => KINDS[each].words);
  return unknown(`Unknown option "${show(text)}" for ${cmd}.`, text.toLowerCase(), keywords);
}

// ---------------------------------------------------------------------------
// Suggestions

function unknown(sentence: string, word: string, candidates: readonly string[], otherwise?: string): string {
  const guess = closest(word, candidates);
  if (guess !== undefined) return `${sentence} Did you mean "${guess}"?`;
  return otherwise ? `${sentence} ${otherwise}` : sentence;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const budget = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    // A typed prefix ("leader") is as good as a typo: the user knows the start of the word.
    const distance = word.length >= 3 && candidate.startsWith(word) ? 0 : editDistance(word, candidate, budget);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance; gives up (returns budget + 1) when lengths alone exceed the budget. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? budget + 1;
}

function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

// ---------------------------------------------------------------------------
// Commands

type ArgParser = (args: readonly Token[], cmd: string) => Parsed<Command>;

interface CommandSpec extends CommandHelp {
  /** The keywords that select it: "schedule add". */
  words: readonly string[];
  parse: ArgParser;
}

function spec(name: CommandName, usage: string, summary: string, admin: boolean, parse: ArgParser): CommandSpec {
  const words = usage.split(" ").filter((word) => !/^[[<]/.test(word));
  return { name, usage, summary, admin, words, parse };
}

/** Drops absent options, so a parsed command equals the literal a caller would write. */
function done<C extends Command>(command: C): Parsed<Command> {
  const present = Object.entries(command).filter(([, value]) => value !== undefined);
  return ok(Object.fromEntries(present) as C);
}

function noArgs(command: Command): ArgParser {
  return (args, cmd) => {
    const [extra] = args;
    return extra ? fail(`Unexpected "${show(extra.text)}": ${cmd} takes no arguments.`) : ok(command);
  };
}

function oneArg(args: readonly Token[], cmd: string, what: string, example: string): Parsed<string> {
  const [first, extra] = args;
  if (!first) return fail(`${cmd} needs ${what}, such as ${cmd} ${example}.`);
  if (extra) return fail(`Unexpected "${show(extra.text)}": ${cmd} takes only ${what}.`);
  return ok(first.text);
}

function scheduleIdCommand(name: "schedule-remove" | "schedule-pause" | "schedule-resume"): ArgParser {
  return (args, cmd) => {
    const token = oneArg(args, cmd, "a schedule id", "12");
    const id = token.ok ? parseScheduleId(token.value) : token;
    return id.ok ? ok({ name, id: id.value }) : id;
  };
}

const parseQuizNow: ArgParser = (args, cmd) => {
  const options = parseOptions(args, cmd, ["deck", "mode", "window"]);
  if (!options.ok) return options;
  const { deck, mode, window } = options.value.values;
  if (window?.kind === "until-next") {
    const token = options.value.given.get("window") ?? "next";
    return fail(
      `${cmd} cannot use "${show(token)}": only a scheduled quiz closes at its next post. Give a window such as 30m or 2h.`,
    );
  }
  return done({ name: "quiz-now", deck, mode, window });
};

const parseScheduleAdd: ArgParser = (args, cmd) => {
  const cron = takeCron(args);
  if (!cron.ok) return cron;
  const options = parseOptions(cron.value.rest, cmd, ["timeZone", "deck", "mode", "window", "choice"]);
  if (!options.ok) return options;
  const { timeZone, deck, mode, window, choice } = options.value.values;
  return done({ name: "schedule-add", cron: cron.value.cron, timeZone, deck, mode, window, choice });
};

const parseDrill: ArgParser = (args, cmd) => {
  const options = parseOptions(args, cmd, ["deck", "count", "drillMode"]);
  if (!options.ok) return options;
  const { deck, count, drillMode } = options.value.values;
  return done({ name: "drill", deck, count, mode: drillMode });
};

const parseLeaderboard: ArgParser = (args, cmd) => {
  const options = parseOptions(args, cmd, ["period", "sort"]);
  if (!options.ok) return options;
  const { period = "week", sort = "points" } = options.value.values;
  return done({ name: "leaderboard", period, sort });
};

const parseStats: ArgParser = (args, cmd) => {
  if (args.length > 1)
    return fail(`${cmd} takes one user; put a name with spaces in quotes, such as stats "Ana Lima".`);
  return done({ name: "stats", user: args[0]?.text || undefined });
};

function deckIdCommand(name: "deck-info" | "deck-remove"): ArgParser {
  return (args, cmd) => {
    const token = oneArg(args, cmd, "a deck id", "lightweight-sandboxes");
    const deck = token.ok ? parseDeck(token.value) : token;
    return deck.ok ? ok({ name, deck: deck.value }) : deck;
  };
}

const parseDeckImport: ArgParser = (args, cmd) => {
  const [first, extra] = args;
  if (extra) return fail(`Unexpected "${show(extra.text)}": ${cmd} takes only the id of the deck to replace.`);
  const deck = first ? parseDeck(first.text) : undefined;
  if (deck && !deck.ok) return deck;
  return done({ name: "deck-import", deck: deck?.value });
};

const parseSettingsTimeZone: ArgParser = (args, cmd) => {
  const token = oneArg(args, cmd, "a time zone", "Europe/Berlin");
  const timeZone = token.ok ? parseTimeZone(token.value) : token;
  return timeZone.ok ? ok({ name: "settings-timezone", timeZone: timeZone.value }) : timeZone;
};

const parseHelp: ArgParser = (args) => {
  const topic = expandAlias(stripSlash(args))
    .map((token) => token.text.toLowerCase())
    .join(" ");
  return done({ name: "help", topic: topic || undefined });
};

// ---------------------------------------------------------------------------
// Cron

// Syntax only: node-cron does the real validation where schedules are saved.
const CRON_FIELD = /^[0-9*,/\-A-Za-z?#]+$/;
// Only cron can use these characters, so such a token after five unquoted fields is a sixth field, not a deck.
const CRON_ONLY = /^[0-9*,/\-?]+$/;

function isCronField(text: string): boolean {
  return CRON_FIELD.test(text) && !looksLikeTimeZone(text);
}

/** A quoted cron (5 or 6 fields), or exactly 5 bare fields: 6 bare fields can't be told from a deck or window. */
function takeCron(tokens: readonly Token[]): Parsed<{ cron: string; rest: Token[] }> {
  const [first] = tokens;
  if (first?.quoted) return cronFrom(first.text.trim().split(/\s+/), tokens.slice(1));
  const taken = leadingCronFields(tokens);
  if (taken === 0) return fail(`schedule add needs a cron expression first, such as ${CRON_EXAMPLE}.`);
  const rest = tokens.slice(taken);
  const next = rest[0];
  if (taken === 5 && next && !next.quoted && CRON_ONLY.test(next.text)) {
    return fail(
      `"${show(next.text)}" right after the cron looks like a sixth cron field: quote a 6-field cron, such as schedule add "0 0 9 * * 1-5", and give a window with its unit, such as 30m.`,
    );
  }
  return cronFrom(
    tokens.slice(0, taken).map((token) => token.text),
    rest,
  );
}

function leadingCronFields(tokens: readonly Token[]): number {
  const end = tokens.findIndex((token, index) => index >= 5 || token.quoted || !isCronField(token.text));
  return end < 0 ? tokens.length : end;
}

function cronFrom(fields: readonly string[], rest: Token[]): Parsed<{ cron: string; rest: Token[] }> {
  const cron = fields.join(" ");
  if (fields.length !== 5 && fields.length !== 6) {
    return fail(
      `Bad cron "${show(cron)}": it needs 5 fields (minute hour day month weekday), or 6 in quotes with seconds first. Example: ${CRON_EXAMPLE}`,
    );
  }
  const bad = fields.find((field) => !isCronField(field));
  if (bad !== undefined) {
    return fail(`Bad cron "${show(cron)}": "${show(bad)}" is not a cron field. Example: ${CRON_EXAMPLE}`);
  }
  return ok({ cron, rest });
}

// ---------------------------------------------------------------------------
// The command table and the entry point

const SPECS: readonly CommandSpec[] = [
  spec(
    "quiz-now",
    "quiz now [deck] [buttons|reactions] [window]",
    "Post a question in this channel now; it closes after the window (e.g. 30m, 2h).",
    false,
    parseQuizNow,
  ),
  spec(
    "quiz-close",
    "quiz close",
    "Close this channel's open quiz now and show the answer.",
    true,
    noArgs({ name: "quiz-close" }),
  ),
  spec(
    "schedule-add",
    "schedule add <cron> [tz] [deck] [buttons|reactions] [window|next] [rotation|weakest]",
    'Post a quiz in this channel on a cron schedule, e.g. schedule add "0 9 * * 1-5" Europe/Berlin 8h.',
    true,
    parseScheduleAdd,
  ),
  spec("schedule-list", "schedule list", "List the schedules with their ids.", true, noArgs({ name: "schedule-list" })),
  spec("schedule-remove", "schedule remove <id>", "Delete a schedule.", true, scheduleIdCommand("schedule-remove")),
  spec(
    "schedule-pause",
    "schedule pause <id>",
    "Stop a schedule from posting.",
    true,
    scheduleIdCommand("schedule-pause"),
  ),
  spec(
    "schedule-resume",
    "schedule resume <id>",
    "Let a paused schedule post again.",
    true,
    scheduleIdCommand("schedule-resume"),
  ),
  spec(
    "drill",
    "drill [deck] [count] [flip|choice|type]",
    "Review your due cards privately: 1 to 50 cards, flip, multiple choice or typed answers.",
    false,
    parseDrill,
  ),
  spec(
    "leaderboard",
    "leaderboard [week|month|all] [points|streak|accuracy]",
    "The top 10 and your own rank, this week by points unless you say otherwise.",
    false,
    parseLeaderboard,
  ),
  spec(
    "stats",
    "stats [user]",
    "Points, accuracy, streaks and weakest cards: yours, or someone else's.",
    false,
    parseStats,
  ),
  spec("deck-list", "deck list", "The decks you can study.", false, noArgs({ name: "deck-list" })),
  spec("deck-info", "deck info <deck>", "A deck's description and cards count.", false, deckIdCommand("deck-info")),
  spec(
    "deck-import",
    "deck import [deck]",
    "Add a deck for this community from pasted CSV/TSV or a file; a deck id replaces it.",
    true,
    parseDeckImport,
  ),
  spec(
    "deck-remove",
    "deck remove <deck>",
    "Remove a deck imported here (file decks stay).",
    true,
    deckIdCommand("deck-remove"),
  ),
  spec(
    "deck-reload",
    "deck reload",
    "Read the deck files again; a broken file keeps its last good version.",
    true,
    noArgs({ name: "deck-reload" }),
  ),
  spec(
    "settings-timezone",
    "settings timezone <tz>",
    "Set the community's time zone, in which study days and streaks are counted.",
    true,
    parseSettingsTimeZone,
  ),
  spec("help", "help [command]", "All commands, or the usage of one.", false, parseHelp),
];

export const COMMAND_USAGE: readonly CommandHelp[] = SPECS.map(({ name, usage, summary, admin }) => ({
  name,
  usage,
  summary,
  admin,
}));

const COMMAND_WORDS = [...new Set(SPECS.map((each) => each.words[0] ?? ""))];
const TOP_LEVEL = COMMAND_WORDS.join(" · ");

type Found = { ok: true; spec: CommandSpec; rest: Token[] };

function findSpec(tokens: readonly Token[]): Found | Failure {
  const [head, ...rest] = tokens;
  if (!head) return failure(HELP_HINT, TOP_LEVEL);
  const word = head.text.toLowerCase();
  const group = SPECS.filter((each) => each.words[0] === word);
  if (group.length === 0) {
    return failure(unknown(`Unknown command "${show(head.text)}".`, word, COMMAND_WORDS, HELP_HINT), TOP_LEVEL);
  }
  const leaf = group.find((each) => each.words.length === 1);
  return leaf ? { ok: true, spec: leaf, rest } : findSubcommand(word, group, rest);
}

function findSubcommand(command: string, group: readonly CommandSpec[], tokens: readonly Token[]): Found | Failure {
  const [head, ...rest] = tokens;
  const subcommands = group.map((each) => each.words[1] ?? "");
  const usage = group.map((each) => each.usage).join(" · ");
  if (!head) return failure(`${command} needs a subcommand: ${orList(subcommands)}.`, usage);
  const word = head.text.toLowerCase();
  const found = group.find((each) => each.words[1] === (SUBCOMMAND_ALIASES.get(word) ?? word));
  if (found) return { ok: true, spec: found, rest };
  const sentence = `Unknown subcommand "${show(head.text)}" for ${command}.`;
  return failure(unknown(sentence, word, subcommands, `Use ${orList(subcommands)}.`), usage);
}

/** Parses one command line. Never throws: every mistake becomes a sentence plus the usage concerned. */
export function parseCommand(line: string): ParseResult {
  try {
    return parseLine(line);
  } catch {
    // A safety net for a bug in this file: a chat message must never crash the bot.
    return failure(`Sorry, that line could not be read. ${HELP_HINT}`, TOP_LEVEL);
  }
}

function parseLine(line: string): ParseResult {
  const { tokens, unclosed } = tokenize(line);
  const words = expandAlias(stripSlash(tokens));
  const found = findSpec(words);
  if (unclosed !== undefined) {
    const after = unclosed.trim() ? ` after "${show(unclosed)}"` : "";
    return failure(`Missing closing quote${after}.`, found.ok ? found.spec.usage : found.usage);
  }
  if (!found.ok) return found;
  const parsed = found.spec.parse(found.rest, found.spec.words.join(" "));
  return parsed.ok ? { ok: true, command: parsed.value } : failure(parsed.error, found.spec.usage);
}
