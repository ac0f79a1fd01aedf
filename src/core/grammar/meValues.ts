import { quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";
import { INTEGER } from "./values.js";

/** Checks of the values `me` takes: a reminder's time, a pause's length, daily limits. */

/** A vacation longer than a season is more likely a typo than a plan. */
export const MAX_PAUSE_DAYS = 90;
export const MIN_DAILY_LIMIT = 0;
export const MAX_DAILY_LIMIT = 500;

const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/;

/** A 24-hour local time, "7:30" or "07:30", as "07:30": the form member_settings.remind_at keeps. */
export function parseClockTime(text: string): Parsed<string> {
  const [, hours = "", minutes = ""] = CLOCK_TIME.exec(text.trim()) ?? [];
  const hour = Number(hours);
  const minute = Number(minutes);
  if (hours === "" || hour > 23 || minute > 59) {
    return fail(`${quoted(text)} is not a time: use 24-hour HH:MM, such as me remind 07:30 or me remind 19:00.`);
  }
  return ok(`${hours.padStart(2, "0")}:${minutes}`);
}

/** Whole local days, 1 to MAX_PAUSE_DAYS. */
export function parsePauseDays(text: string): Parsed<number> {
  const days = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (days >= 1 && days <= MAX_PAUSE_DAYS) return ok(days);
  return fail(
    `Bad pause ${quoted(text)}: give 1 to ${MAX_PAUSE_DAYS} days, such as me pause 7, or me pause off to end it.`,
  );
}

/** New cards or reviews per local day: MIN_DAILY_LIMIT to MAX_DAILY_LIMIT. */
export function parseDailyLimit(text: string, example: string): Parsed<number> {
  const limit = INTEGER.test(text) ? Number(text) : Number.NaN;
  if (limit >= MIN_DAILY_LIMIT && limit <= MAX_DAILY_LIMIT) return ok(limit);
  return fail(
    `Bad limit ${quoted(text)}: give a whole number from ${MIN_DAILY_LIMIT} to ${MAX_DAILY_LIMIT}, such as ${example}.`,
  );
}
