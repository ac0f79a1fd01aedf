import { createTask, type ParsedFields, parse, type ScheduledTask } from "node-cron";

/**
 * The fire times of one cron expression in one IANA time zone, after any
 * instant, so that timers can be armed from the injected clock and tests can
 * run on fake time. Every instant returned is one that node-cron's own
 * matcher accepts (`task.match`), found the way node-cron's own walker looks
 * for it (local calendar day by day, times in ascending order, local times
 * turned into instants as node-cron does), so they are node-cron's fire times.
 *
 * It holds an unstarted node-cron task as its matcher: call `dispose()` when
 * done, or share one through `holdTimetable` / `withTimetable`.
 */
export class CronTimetable {
  private readonly task: ScheduledTask;
  private readonly fields: ParsedFields;
  private readonly hours: number[];
  private readonly minutes: number[];
  private readonly seconds: number[];

  /** Throws on an expression node-cron refuses or a zone the runtime does not know; check them first. */
  constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {
    this.fields = parse(expression);
    // Throws now, before a task is registered, on a zone the runtime does not know.
    wallTime(0, timeZone);
    this.hours = ascending(this.fields.hour);
    this.minutes = ascending(this.fields.minute);
    this.seconds = ascending(this.fields.second);
    this.task = createTask(expression, () => undefined, {
      timezone: timeZone,
      name: `studybot ${expression} ${timeZone}`,
    });
  }

  /** The first fire time strictly after `after`, or null if there is none within the horizon. */
  nextAfter(after: Date): Date | null {
    // node-cron drops the milliseconds of its starting point; so do we.
    const base = Math.floor(after.getTime() / 1000) * 1000;
    const start = wallTime(base, this.timeZone);
    let day: CalendarDay = start;
    for (let index = 0; index < HORIZON_DAYS; index++, day = nextDay(day)) {
      if (!this.fields.month.includes(day.month)) continue;
      const found = this.firstOnDay(day, index === 0 ? start : undefined, base);
      if (found !== undefined) return new Date(found);
    }
    return null;
  }

  /** The next `count` fire times after `after`, as `schedule list` shows them. */
  nextTimes(after: Date, count: number): Date[] {
    const times: Date[] = [];
    for (let next = this.nextAfter(after); next && times.length < count; next = this.nextAfter(next)) times.push(next);
    return times;
  }

  /** The latest fire time in (after, upTo], if any: the one owed after downtime or a late timer. */
  latestBetween(after: Date, upTo: Date): Date | undefined {
    // Look back a little first: walking forward from `after` could take a long time for a frequent cron.
    for (const lookback of LOOKBACKS_MS) {
      const from = Math.max(after.getTime(), upTo.getTime() - lookback);
      let latest: Date | undefined;
      for (let next = this.nextAfter(new Date(from)); next && next <= upTo; next = this.nextAfter(next)) latest = next;
      if (latest || from === after.getTime()) return latest;
    }
    return undefined;
  }

  dispose(): void {
    void this.task.destroy();
  }

  private firstOnDay(day: CalendarDay, notBefore: WallTime | undefined, base: number): number | undefined {
    for (const hour of this.hours) {
      if (notBefore && hour < notBefore.hour) continue;
      for (const minute of this.minutes) {
        for (const second of this.seconds) {
          const wall = { ...day, hour, minute, second };
          if (notBefore && secondOfDay(wall) <= secondOfDay(notBefore)) continue;
          const instant = instantOf(wall, this.timeZone);
          const matches = this.task.match(new Date(instant));
          if (matches && instant > base) return instant;
          // A local time that exists and has a listed hour, minute and second can only fail on its
          // date, so no other time of this day can match: skip the day (node-cron checks it first).
          if (!matches && readsAs(instant, wall, this.timeZone)) return undefined;
        }
      }
    }
    return undefined;
  }
}

/** Timetables in use, by zone and expression, with how many hold each. */
const held = new Map<string, { timetable: CronTimetable; holders: number }>();
const heldKey = (expression: string, timeZone: string) => `${timeZone} ${expression}`;

/**
 * The timetable of this expression in this zone, shared by everyone who holds
 * it: hand it back with releaseTimetable. Thousands of schedules repeat a few
 * expressions ("0 9 * * 1-5" in a handful of zones), and a timetable of its
 * own for each cost 4 KB of heap and 75 µs to build (bench/: 10,000 schedules
 * took 44 MB and 3 s to start).
 */
export function holdTimetable(expression: string, timeZone: string): CronTimetable {
  const key = heldKey(expression, timeZone);
  const entry = held.get(key);
  if (entry) {
    entry.holders++;
    return entry.timetable;
  }
  const timetable = new CronTimetable(expression, timeZone);
  held.set(key, { timetable, holders: 1 });
  return timetable;
}

/** Gives back a held timetable; the last holder disposes of it. */
export function releaseTimetable(timetable: CronTimetable): void {
  const key = heldKey(timetable.expression, timetable.timeZone);
  const entry = held.get(key);
  if (entry?.timetable !== timetable) return;
  entry.holders--;
  if (entry.holders === 0) {
    held.delete(key);
    timetable.dispose();
  }
}

/** Runs `work` with the (shared) timetable and gives it back afterwards. */
export function withTimetable<T>(expression: string, timeZone: string, work: (timetable: CronTimetable) => T): T {
  const timetable = holdTimetable(expression, timeZone);
  try {
    return work(timetable);
  } finally {
    releaseTimetable(timetable);
  }
}

// A 28-year span holds every combination of date and weekday (leap days included).
const HORIZON_DAYS = 28 * 366;
const HOUR_MS = 3_600_000;
const LOOKBACKS_MS = [
  HOUR_MS,
  24 * HOUR_MS,
  8 * 24 * HOUR_MS,
  32 * 24 * HOUR_MS,
  367 * 24 * HOUR_MS,
  Number.POSITIVE_INFINITY,
];

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

interface WallTime extends CalendarDay {
  hour: number;
  minute: number;
  second: number;
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

const secondOfDay = (time: WallTime): number => time.hour * 3600 + time.minute * 60 + time.second;

function nextDay({ year, month, day }: CalendarDay): CalendarDay {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallTime(instant: number, timeZone: string): WallTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second };
}

const wallAsUtc = (wall: WallTime): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** How far the zone's clocks are ahead of UTC at this instant. */
const offsetAt = (instant: number, timeZone: string): number =>
  wallAsUtc(wallTime(instant, timeZone)) - Math.floor(instant / 1000) * 1000;

function readsAs(instant: number, wall: WallTime, timeZone: string): boolean {
  return wallAsUtc(wallTime(instant, timeZone)) === wallAsUtc(wall);
}

/**
 * The instant a local time stands for, decided as node-cron decides it: a
 * time that occurs twice (clocks going back) gives the instant node-cron
 * picks, and a time that does not exist (clocks going forward) gives an
 * instant at another local time, which then does not match the expression.
 */
function instantOf(wall: WallTime, timeZone: string): number {
  const guess = wallAsUtc(wall);
  const firstOffset = offsetAt(guess, timeZone);
  const first = guess - firstOffset;
  const secondOffset = offsetAt(first, timeZone);
  if (secondOffset === firstOffset) return first;
  const second = guess - secondOffset;
  if (readsAs(first, wall, timeZone)) return first;
  if (readsAs(second, wall, timeZone)) return second;
  return Math.max(first, second);
}
