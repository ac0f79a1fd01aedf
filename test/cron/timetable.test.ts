import { createTask } from "node-cron";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CronTimetable, holdTimetable, releaseTimetable, withTimetable } from "../../src/cron/timetable.js";

/** node-cron's own next fire times, computed from "now", so "now" is set on a fake clock. */
function nodeCronNextRuns(expression: string, timeZone: string, at: string, count: number): string[] {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(at));
  const task = createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return task.getNextRuns(count).map((date) => date.toISOString());
  } finally {
    void task.destroy();
    vi.useRealTimers();
  }
}

const ours = (expression: string, timeZone: string, at: string, count: number): string[] =>
  withTimetable(expression, timeZone, (timetable) =>
    timetable.nextTimes(new Date(at), count).map((date) => date.toISOString()),
  );

describe("cron timetable", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const cases: [string, string, string[]][] = [
    ["0 9 * * 1-5", "Europe/Berlin", ["2026-03-26T12:00:00Z", "2026-10-22T07:00:00Z", "2026-11-02T08:00:00Z"]],
    // 02:30 does not exist on 2026-03-29 in Berlin and occurs twice on 2026-10-25.
    ["30 2 * * *", "Europe/Berlin", ["2026-03-28T12:00:00Z", "2026-10-24T23:00:00Z", "2026-10-25T00:45:00Z"]],
    ["*/20 * * * *", "Europe/Berlin", ["2026-10-24T23:50:00Z", "2026-10-25T00:50:00Z", "2026-03-29T00:50:00.500Z"]],
    // New York: 02:30 missing on 2026-03-08, 01:30 twice on 2026-11-01.
    ["30 1,2 * * *", "America/New_York", ["2026-03-07T12:00:00Z", "2026-10-31T12:00:00Z", "2026-11-01T05:40:00Z"]],
    ["0 0 L * *", "UTC", ["2026-02-10T00:00:00Z"]],
    ["0 12 * * 5L", "Asia/Tokyo", ["2026-01-01T00:00:00Z"]],
    ["0 8 * * 1#2", "Europe/London", ["2026-03-01T00:00:00Z"]],
    ["0 9 15W * *", "America/Sao_Paulo", ["2026-01-01T00:00:00Z"]],
    ["0 0 29 2 *", "UTC", ["2026-01-01T00:00:00Z"]],
    ["0 9 13 * 5", "Europe/Berlin", ["2026-01-01T00:00:00Z"]],
    ["0 9 * * *", "Asia/Kolkata", ["2026-06-15T03:30:00Z"]],
    ["0 2 * * *", "Australia/Lord_Howe", ["2026-04-03T12:00:00Z", "2026-10-02T12:00:00Z"]],
    ["45 9 * * 1-5", "Pacific/Chatham", ["2026-04-04T12:00:00Z"]],
    ["0 0 9 * * 1-5", "Europe/Berlin", ["2026-03-27T12:00:00Z"]],
    ["15,45 */6 * * *", "UTC", ["2026-06-15T05:59:59.999Z"]],
  ];

  for (const [expression, timeZone, instants] of cases) {
    it(`gives node-cron's own next fire times for "${expression}" in ${timeZone}`, () => {
      for (const at of instants) {
        expect(ours(expression, timeZone, at, 5), `from ${at}`).toEqual(nodeCronNextRuns(expression, timeZone, at, 5));
      }
    });
  }

  it("fires a weekday 09:00 Europe/Berlin schedule at 08:00Z in winter and 07:00Z in summer", () => {
    const march = ours("0 9 * * 1-5", "Europe/Berlin", "2026-03-26T12:00:00Z", 3);
    expect(march).toEqual(["2026-03-27T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-03-31T07:00:00.000Z"]);
    const october = ours("0 9 * * 1-5", "Europe/Berlin", "2026-10-22T12:00:00Z", 3);
    expect(october).toEqual(["2026-10-23T07:00:00.000Z", "2026-10-26T08:00:00.000Z", "2026-10-27T08:00:00.000Z"]);
  });

  it("finds the latest fire time in a range, or none", () => {
    const timetable = new CronTimetable("0 9 * * 1-5", "Europe/Berlin");
    try {
      const latest = timetable.latestBetween(new Date("2026-01-01T00:00:00Z"), new Date("2026-03-30T07:00:00Z"));
      expect(latest?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
      const beforeWeekend = timetable.latestBetween(new Date("2026-01-01T00:00:00Z"), new Date("2026-03-29T23:00:00Z"));
      expect(beforeWeekend?.toISOString()).toBe("2026-03-27T08:00:00.000Z");
      expect(
        timetable.latestBetween(new Date("2026-03-27T08:00:00Z"), new Date("2026-03-29T23:00:00Z")),
      ).toBeUndefined();
    } finally {
      timetable.dispose();
    }
  });

  it("finds a fire time a year back without walking every minute", () => {
    const latest = withTimetable("* * * * *", "UTC", (timetable) =>
      timetable.latestBetween(new Date("2025-01-01T00:00:00Z"), new Date("2026-06-15T10:20:30Z")),
    );
    expect(latest?.toISOString()).toBe("2026-06-15T10:20:00.000Z");
  });
});

describe("shared timetables", () => {
  it("are one per expression and zone while held, and disposed of by the last holder", () => {
    const first = holdTimetable("0 9 * * 1-5", "Europe/Berlin");
    const second = holdTimetable("0 9 * * 1-5", "Europe/Berlin");
    expect(second).toBe(first);
    const elsewhere = holdTimetable("0 9 * * 1-5", "America/New_York");
    expect(elsewhere).not.toBe(first);
    releaseTimetable(elsewhere);
    expect(withTimetable("0 9 * * 1-5", "Europe/Berlin", (timetable) => timetable)).toBe(first);
    const dispose = vi.spyOn(first, "dispose");
    releaseTimetable(first);
    expect(dispose).not.toHaveBeenCalled();
    releaseTimetable(second);
    expect(dispose).toHaveBeenCalledOnce();
    const third = holdTimetable("0 9 * * 1-5", "Europe/Berlin");
    expect(third).not.toBe(first);
    releaseTimetable(third);
  });
});
