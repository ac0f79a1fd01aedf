import type { AnswerWindow } from "../commands.js";
import { MAX_WINDOW_MINUTES } from "../limits.js";
import { quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";

/** Checks of single argument values, whatever command they come in. */

export const MAX_DRILL_CARDS = 50;
// Same rule as deck ids in deck files, so a valid argument can name any loadable deck.
const DECK_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const INTEGER = /^[+-]?\d+$/;

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

export function looksLikeWindow(text: string): boolean {
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
  if (minutes.value < 1) return fail(`Bad window ${quoted(token)}: a quiz stays open at least 1 minute.`);
  if (minutes.value > MAX_WINDOW_MINUTES) return fail(`Bad window ${quoted(token)}: a quiz stays open at most 7 days.`);
  return ok({ kind: "minutes", minutes: minutes.value });
}

function windowMinutes(token: string): Parsed<number> {
  const squeezed = squeeze(token);
  if (INTEGER.test(squeezed)) return ok(Number(squeezed));
  if (!looksLikeWindow(squeezed)) return fail(`${quoted(token)} is not a window: ${WINDOW_HINT}.`);
  let total = 0;
  const usedUnits = new Set<number>();
  for (const [, amount = "", unit = ""] of squeezed.matchAll(WINDOW_SEGMENT)) {
    const perUnit = MINUTES_PER_UNIT.get(unit);
    if (perUnit === undefined || amount.includes(".") || usedUnits.has(perUnit)) {
      return fail(`Bad window ${quoted(token)}: ${WINDOW_HINT}.`);
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
// Time zones, decks, counts, schedule ids

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Area/Location, as IANA names are: "./deck" or "~/decks" has a slash but is a path, not a zone. */
export function looksLikeTimeZone(text: string): boolean {
  return (text.includes("/") && ZONE_NAME.test(text)) || text.toUpperCase() === "UTC";
}

/** Validated by the runtime's own zone data, which is what the scheduler will use. */
export function parseTimeZone(text: string): Parsed<string> {
  const zone = text.toUpperCase() === "UTC" ? "UTC" : text;
  const resolved = ZONE_NAME.test(zone) ? resolveZone(zone) : undefined;
  if (resolved === undefined) {
    return fail(`Unknown time zone ${quoted(text)}. Use an IANA name such as Europe/Berlin or America/New_York.`);
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

export function parseDeck(text: string): Parsed<string> {
  const id = text.toLowerCase();
  if (DECK_SLUG.test(id)) return ok(id);
  return fail(
    `${quoted(text)} is not a deck id: use lowercase letters, digits and dashes, such as lightweight-sandboxes.`,
  );
}

/** Card ids follow the deck files' slug rule, as deck ids do. */
export function parseCardId(text: string): Parsed<string> {
  const id = text.toLowerCase();
  if (DECK_SLUG.test(id)) return ok(id);
  return fail(`${quoted(text)} is not a card id: use lowercase letters, digits and dashes, such as gvisor.`);
}

export function parseCount(text: string): Parsed<number> {
  const count = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (count >= 1 && count <= MAX_DRILL_CARDS) return ok(count);
  return fail(`Bad count ${quoted(text)}: a drill has 1 to ${MAX_DRILL_CARDS} cards.`);
}

export function parseScheduleId(text: string): Parsed<number> {
  const digits = /^#?(\d{1,15})$/.exec(text)?.[1];
  const id = digits === undefined ? 0 : Number(digits);
  if (id > 0) return ok(id);
  return fail(`${quoted(text)} is not a schedule id: use a positive whole number, such as 12 or #12.`);
}
