/**
 * Calendar days as "YYYY-MM-DD" strings in a community's time zone (streaks build on them: streaks.ts).
 * Day arithmetic works on day numbers (days since 1970-01-01), never on local
 * instants, so DST changes cannot shift a day.
 */

const DAY_MS = 86_400_000;
/** Every UTC offset in tzdata lies well within this; it bounds the search for a day's first instant. */
const MAX_OFFSET_MS = 18 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Building a DateTimeFormat costs far more than using one, and every answer asks for its local day. */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone names come from users, in any spelling Intl accepts ("europe/berlin"): keep the cache bounded. */
const MAX_CACHED_ZONES = 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for IANA names Intl knows, e.g. "Europe/Berlin" or "UTC". */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Shared by every caller through the cache below: never changed once read. */
interface WallClock {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

/**
 * The last wall clocks read, by zone and UTC minute. formatToParts costs
 * about 8 µs, and a burst of answers asks again and again within one minute
 * (each acknowledgement compares the quiz's closing day with today's).
 */
const wallClocks = new Map<string, WallClock>();
const MAX_CACHED_WALL_CLOCKS = 1000;
const MINUTE_MS = 60_000;

/** The wall clock at `at` in `timeZone`, and its seconds (which WallClock leaves out). */
function readWallClock(at: number, timeZone: string): { wall: WallClock; second: string } {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const wall = {
    year: (parts.year ?? "").padStart(4, "0"),
    month: parts.month ?? "",
    day: parts.day ?? "",
    hour: parts.hour ?? "",
    minute: parts.minute ?? "",
  };
  return { wall, second: parts.second ?? "" };
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date");
  const minuteStart = time - (((time % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  const key = `${minuteStart} ${timeZone}`;
  const cached = wallClocks.get(key);
  if (cached) return cached;
  const { wall, second } = readWallClock(minuteStart, timeZone);
  // Offsets of whole minutes (every zone's since 1972) keep a UTC minute within one local minute;
  // an old local mean time such as Monrovia's -00:44:30 (until 1972) does not: that instant is read by itself.
  if (second !== "00") return readWallClock(time, timeZone).wall;
  if (wallClocks.size >= MAX_CACHED_WALL_CLOCKS) wallClocks.clear();
  wallClocks.set(key, wall);
  return wall;
}

/** The calendar day ("YYYY-MM-DD") it is at `instant` in `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** The wall-clock time ("HH:MM", 24-hour) it is at `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): string {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${hour}:${minute}`;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

// Proleptic Gregorian day numbers (Howard Hinnant's days_from_civil and civil_from_days):
// plain integer arithmetic, so no Date is needed and years before 100 stay as written.
function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  return (
    dayNumberFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    dayNumberFromCivil(year, month, 1)
  );
}

/** Days since 1970-01-01 for a "YYYY-MM-DD" day; throws on anything else, including 2026-02-30. */
function dayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) {
    throw new RangeError(`Not a calendar day (YYYY-MM-DD): "${day}"`);
  }
  return dayNumberFromCivil(year, month, date);
}

function dayFromNumber(number: number): string {
  const { year, month, day } = civilFromDayNumber(number);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function addDays(day: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Whole days only, got ${days}`);
  return dayFromNumber(dayNumber(day) + days);
}

/** How many days `to` is after `from` (negative when it is before). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Monday 0 … Sunday 6. Day 0 (1970-01-01) was a Thursday. */
function isoWeekday(number: number): number {
  return (((number + 3) % 7) + 7) % 7;
}

/** "2026-W48": the ISO 8601 week (Monday first) holding the day; its year is the year of that week's Thursday. */
export function isoWeekKey(day: string): string {
  const number = dayNumber(day);
  const thursday = number - isoWeekday(number) + 3;
  const { year } = civilFromDayNumber(thursday);
  const week = Math.floor((thursday - dayNumberFromCivil(year, 1, 1)) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

/** "2026-11" for any day of November 2026. */
export function monthKey(day: string): string {
  dayNumber(day);
  return day.slice(0, 7);
}

/** Every leaderboard period an answer given on `day` counts in: all time, its ISO week and its month. */
export function statPeriodsOf(day: string): string[] {
  return ["all", isoWeekKey(day), monthKey(day)];
}

/**
 * The first instant of `day` in `timeZone`. Usually local midnight; where a DST change
 * skips midnight, the instant the clock jumps past it. Local days never run backwards,
 * so a binary search over the instants around UTC midnight finds it exactly.
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const utcMidnight = dayNumber(day) * DAY_MS;
  let before = utcMidnight - MAX_OFFSET_MS;
  let atOrAfter = utcMidnight + MAX_OFFSET_MS;
  while (atOrAfter - before > 1) {
    const middle = Math.floor((before + atOrAfter) / 2);
    if (localDay(new Date(middle), timeZone) >= day) atOrAfter = middle;
    else before = middle;
  }
  return new Date(atOrAfter);
}

/** The first instants of today and of tomorrow where `timeZone` is, at `now`. */
export function localDayBounds(now: Date, timeZone: string): { startOfToday: Date; startOfTomorrow: Date } {
  const today = localDay(now, timeZone);
  return {
    startOfToday: startOfLocalDay(today, timeZone),
    startOfTomorrow: startOfLocalDay(addDays(today, 1), timeZone),
  };
}
