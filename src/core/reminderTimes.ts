/**
 * When a daily reminder is due, in a person's time zone. A reminder set for
 * "HH:MM" is due on each local day at the first instant the wall clock of
 * that day reaches HH:MM: where a DST change skips that time (02:30 on a
 * spring-forward night), the first minute after the jump; where it repeats
 * (an autumn night), its first occurrence only.
 */

import { localDay, localTime } from "./studyDay.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** "HH:MM", 24-hour: the times a reminder can be set for. */
export const REMINDER_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A range of reminder times on one local day: `after` < time ≤ `upTo` ("" before 00:00, "24:00" after 23:59). */
export interface ReminderTimeRange {
  day: string;
  after: string;
  upTo: string;
}

/** The wall clock at `instant`, as "YYYY-MM-DD HH:MM": such strings compare as the times they name. */
function wallClock(instant: Date, timeZone: string): string {
  return `${localDay(instant, timeZone)} ${localTime(instant, timeZone)}`;
}

/** Milliseconds of a wall clock read as if it were UTC. */
function naiveMs(wall: string): number {
  const [day = "", time = ""] = wall.split(" ");
  const [year, month, date] = day.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, date ?? 1, hour ?? 0, minute ?? 0);
}

function naiveWall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** The zone's offset from UTC at `instant`, in whole minutes (east positive). */
function offsetMinutes(instant: number, timeZone: string): number {
  const minute = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  return (naiveMs(wallClock(new Date(minute), timeZone)) - minute) / MINUTE_MS;
}

/** The instant the reminder set for `time` is due on local `day` in `timeZone` (see the top of this file). */
export function reminderInstant(day: string, time: string, timeZone: string): Date {
  const target = `${day} ${time}`;
  const naive = naiveMs(target);
  // No zone changes its offset twice within two days: the offsets a day around cover every reading of the time.
  const before = naive - offsetMinutes(naive - DAY_MS, timeZone) * MINUTE_MS;
  const after = naive - offsetMinutes(naive + DAY_MS, timeZone) * MINUTE_MS;
  const readings = [before, after].filter((at) => wallClock(new Date(at), timeZone) === target);
  if (readings.length > 0) return new Date(Math.min(...readings));
  // The clock jumped over the time: find the first minute after the jump, between the two readings.
  let early = Math.min(before, after);
  let late = Math.max(before, after);
  while (late - early > MINUTE_MS) {
    const middle = Math.floor((early + late) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallClock(new Date(middle), timeZone) > target) late = middle;
    else early = middle;
  }
  return new Date(late);
}

/**
 * The reminder times, per local day, of every reminder that may be due in
 * `from` < instant ≤ `to` in `timeZone`: a range slightly wider than exact
 * where the window holds a DST change, so each candidate's own
 * reminderInstant decides. Windows longer than two days are refused.
 */
export function reminderTimesIn(timeZone: string, from: Date, to: Date): ReminderTimeRange[] {
  if (to.getTime() - from.getTime() > 2 * DAY_MS) throw new RangeError("A reminder window spans at most two days");
  if (to <= from) return [];
  // A reminder due in the window reads a wall clock past the one at `from`; a clock set back within the window
  // may have shown up to the setback more than it shows at `to`.
  const setBack = Math.max(0, offsetMinutes(from.getTime(), timeZone) - offsetMinutes(to.getTime(), timeZone));
  const low = wallClock(from, timeZone);
  const high = naiveWall(naiveMs(wallClock(to, timeZone)) + setBack * MINUTE_MS);
  if (high <= low) return [];
  const ranges: ReminderTimeRange[] = [];
  for (
    let day = low.slice(0, 10);
    day <= high.slice(0, 10);
    day = naiveWall(naiveMs(`${day} 00:00`) + DAY_MS).slice(0, 10)
  ) {
    ranges.push({
      day,
      after: day === low.slice(0, 10) ? low.slice(11) : "",
      upTo: day === high.slice(0, 10) ? high.slice(11) : "24:00",
    });
  }
  return ranges;
}
