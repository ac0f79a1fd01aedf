import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aliveUntil,
  type DayRange,
  isPaused,
  liveStreak,
  MAX_FREEZES,
  NO_STREAK,
  recordStudyDay,
  replayStudyDays,
  type StreakState,
  streakToday,
} from "../../src/core/streaks.js";
import { addDays, localDay, localTime } from "../../src/core/studyDay.js";

const at = (iso: string) => new Date(iso);

/** A streak without freezes or pauses, as it was before freezes existed. */
const plain = (current: number, best: number, lastDay: string): StreakState => ({
  ...NO_STREAK,
  current,
  best,
  lastDay,
  aliveUntil: lastDay,
});

/** Days studied one after the other, without vacations. */
const study = (state: StreakState, day: string) => recordStudyDay(state, day, []).streak;

/** The run and best after studying at each instant, in order, with days taken in `timeZone`. */
function streakAfter(timeZone: string, instants: readonly string[]): Pick<StreakState, "current" | "best" | "lastDay"> {
  const { current, best, lastDay } = instants.reduce(
    (state, iso) => study(state, localDay(at(iso), timeZone)),
    NO_STREAK,
  );
  return { current, best, lastDay };
}

describe("recordStudyDay", () => {
  it("starts a streak of one on the first study day", () => {
    expect(study(NO_STREAK, "2026-11-20")).toEqual(plain(1, 1, "2026-11-20"));
  });

  it("leaves the streak unchanged for a second study on the same day: the same state, so nothing is written", () => {
    const state = plain(3, 5, "2026-11-20");
    expect(study(state, "2026-11-20")).toBe(state);
  });

  it("extends the streak on the next day", () => {
    expect(study(plain(3, 3, "2026-11-20"), "2026-11-21")).toEqual(plain(4, 4, "2026-11-21"));
  });

  it("starts again at one after a missed day, keeping the best", () => {
    expect(study(plain(4, 4, "2026-11-20"), "2026-11-22")).toEqual(plain(1, 4, "2026-11-22"));
  });

  it("ignores a late event for a day before the last one", () => {
    const state = plain(2, 6, "2026-11-20");
    expect(study(state, "2026-11-19")).toEqual(state);
    expect(study(state, "2025-01-01")).toEqual(state);
  });

  it("does not change the state it is given", () => {
    const state = plain(1, 1, "2026-11-20");
    study(state, "2026-11-21");
    expect(state).toEqual(plain(1, 1, "2026-11-20"));
  });

  it("raises the best streak only when the current one passes it", () => {
    const days = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"];
    const states: StreakState[] = [];
    for (const day of days) states.push(study(states.at(-1) ?? NO_STREAK, day));
    expect(states.map((state) => [state.current, state.best])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 4],
    ]);
  });

  it("keeps a long run across month and year ends", () => {
    let state = NO_STREAK;
    for (let day = "2026-12-20"; day <= "2027-01-10"; day = addDays(day, 1)) state = study(state, day);
    expect([state.current, state.best, state.lastDay]).toEqual([22, 22, "2027-01-10"]);
  });
});

describe("liveStreak", () => {
  const state = plain(5, 9, "2026-11-20");

  it("counts while the last study day is today or yesterday", () => {
    expect(liveStreak(state, "2026-11-20")).toBe(5);
    expect(liveStreak(state, "2026-11-21")).toBe(5);
  });

  it("is zero once a whole day has been missed", () => {
    expect(liveStreak(state, "2026-11-22")).toBe(0);
    expect(liveStreak(state, "2027-03-01")).toBe(0);
  });

  it("is zero for someone who never studied", () => {
    expect(liveStreak(NO_STREAK, "2026-11-20")).toBe(0);
  });

  it("stays alive when the last study day is after today, as after a move to a zone further west", () => {
    expect(liveStreak(state, "2026-11-19")).toBe(5);
  });
});

describe("streaks across midnight in two time zones", () => {
  // 07:30Z and 08:30Z: 23:30 and 00:30 in Los Angeles (PST, UTC-8), 16:30 and 17:30 in Tokyo.
  const losAngelesMidnight = ["2026-11-20T07:30:00Z", "2026-11-20T08:30:00Z"];
  // 14:30Z and 15:30Z: 23:30 and 00:30 in Tokyo (UTC+9), 06:30 and 07:30 in Los Angeles.
  const tokyoMidnight = ["2026-11-20T14:30:00Z", "2026-11-20T15:30:00Z"];

  it("makes two study days where local midnight falls between the answers", () => {
    expect(losAngelesMidnight.map((iso) => localTime(at(iso), "America/Los_Angeles"))).toEqual(["23:30", "00:30"]);
    expect(streakAfter("America/Los_Angeles", losAngelesMidnight)).toEqual({
      current: 2,
      best: 2,
      lastDay: "2026-11-20",
    });
    expect(tokyoMidnight.map((iso) => localTime(at(iso), "Asia/Tokyo"))).toEqual(["23:30", "00:30"]);
    expect(streakAfter("Asia/Tokyo", tokyoMidnight)).toEqual({ current: 2, best: 2, lastDay: "2026-11-21" });
  });

  it("makes one study day where both answers fall on the same local day", () => {
    expect(streakAfter("Asia/Tokyo", losAngelesMidnight)).toEqual({ current: 1, best: 1, lastDay: "2026-11-20" });
    expect(streakAfter("America/Los_Angeles", tokyoMidnight)).toEqual({ current: 1, best: 1, lastDay: "2026-11-20" });
  });

  it("does not cut or extend a streak at UTC midnight", () => {
    // 15:00 and 17:00 in Los Angeles on the 19th, on both sides of UTC midnight, then the next evening.
    const instants = ["2026-11-19T23:00:00Z", "2026-11-20T01:00:00Z", "2026-11-21T01:00:00Z"];
    expect(streakAfter("America/Los_Angeles", instants.slice(0, 2))).toEqual({
      current: 1,
      best: 1,
      lastDay: "2026-11-19",
    });
    expect(streakAfter("America/Los_Angeles", instants)).toEqual({ current: 2, best: 2, lastDay: "2026-11-20" });
    expect(streakAfter("UTC", instants)).toEqual({ current: 3, best: 3, lastDay: "2026-11-21" });
  });

  it("is broken by a missed local day, and the best is kept", () => {
    const instants = [
      "2026-11-17T20:00:00Z", // 12:00 on the 17th in Los Angeles
      "2026-11-18T20:00:00Z",
      "2026-11-19T20:00:00Z",
      // nothing on the 20th
      "2026-11-21T20:00:00Z",
    ];
    expect(streakAfter("America/Los_Angeles", instants)).toEqual({ current: 1, best: 3, lastDay: "2026-11-21" });
    const state = instants.reduce((streak, iso) => study(streak, localDay(at(iso), "America/Los_Angeles")), NO_STREAK);
    expect(liveStreak(state, localDay(at("2026-11-22T07:59:00Z"), "America/Los_Angeles"))).toBe(1);
    expect(liveStreak(state, localDay(at("2026-11-23T08:00:00Z"), "America/Los_Angeles"))).toBe(0);
  });
});

describe("streaks across DST changes", () => {
  it("count Berlin's short spring day, answers late in the evening each day", () => {
    // 23:30 local on the 28th (CET, UTC+1), the 29th and the 30th (CEST, UTC+2).
    const instants = ["2026-03-28T22:30:00Z", "2026-03-29T21:30:00Z", "2026-03-30T21:30:00Z"];
    expect(instants.map((iso) => localTime(at(iso), "Europe/Berlin"))).toEqual(["23:30", "23:30", "23:30"]);
    expect(streakAfter("Europe/Berlin", instants)).toEqual({ current: 3, best: 3, lastDay: "2026-03-30" });
  });

  it("count Berlin's long autumn day, answers just after midnight each day", () => {
    // 00:30 local on the 24th (CEST, UTC+2), the 25th (still CEST at 00:30) and the 26th (CET, UTC+1).
    const instants = ["2026-10-23T22:30:00Z", "2026-10-24T22:30:00Z", "2026-10-25T23:30:00Z"];
    expect(instants.map((iso) => localTime(at(iso), "Europe/Berlin"))).toEqual(["00:30", "00:30", "00:30"]);
    expect(streakAfter("Europe/Berlin", instants)).toEqual({ current: 3, best: 3, lastDay: "2026-10-26" });
  });

  it("keep one study day for two answers 24 hours apart across the extra hour", () => {
    // 00:30 CEST on the 25th and 23:30 CET on the 25th are 24 hours apart but the same local day.
    const instants = ["2026-10-24T22:30:00Z", "2026-10-25T22:30:00Z"];
    expect(streakAfter("Europe/Berlin", instants)).toEqual({ current: 1, best: 1, lastDay: "2026-10-25" });
  });

  it("count New York's DST days, at 23:30 and 00:30 local", () => {
    // 2026-03-08 starts DST; 2026-11-01 ends it.
    const spring = ["2026-03-08T04:30:00Z", "2026-03-09T03:30:00Z", "2026-03-09T04:30:00Z"];
    expect(
      spring.map((iso) => `${localDay(at(iso), "America/New_York")} ${localTime(at(iso), "America/New_York")}`),
    ).toEqual(["2026-03-07 23:30", "2026-03-08 23:30", "2026-03-09 00:30"]);
    expect(streakAfter("America/New_York", spring)).toEqual({ current: 3, best: 3, lastDay: "2026-03-09" });

    const autumn = ["2026-11-01T03:30:00Z", "2026-11-02T04:30:00Z", "2026-11-02T05:30:00Z"];
    expect(
      autumn.map((iso) => `${localDay(at(iso), "America/New_York")} ${localTime(at(iso), "America/New_York")}`),
    ).toEqual(["2026-10-31 23:30", "2026-11-01 23:30", "2026-11-02 00:30"]);
    expect(streakAfter("America/New_York", autumn)).toEqual({ current: 3, best: 3, lastDay: "2026-11-02" });
  });
});

/** Studies every day from `first` through `last`. */
function run(first: string, last: string, pauses: readonly DayRange[] = [], from: StreakState = NO_STREAK) {
  let state = from;
  for (let day = first; day <= last; day = addDays(day, 1)) state = recordStudyDay(state, day, pauses).streak;
  return state;
}

describe("streak freezes", () => {
  it("earns one freeze at 7 study days in a row, a second at 14, and holds no more than 2", () => {
    expect(run("2026-11-01", "2026-11-06").freezes).toBe(0);
    expect(run("2026-11-01", "2026-11-07").freezes).toBe(1);
    expect(run("2026-11-01", "2026-11-13").freezes).toBe(1);
    expect(run("2026-11-01", "2026-11-14").freezes).toBe(2);
    expect(run("2026-11-01", "2026-11-28").freezes).toBe(MAX_FREEZES);
  });

  it("spends a freeze on a missed day: the streak goes on, the day counts as frozen, not as studied", () => {
    const week = run("2026-11-01", "2026-11-07");
    const after = recordStudyDay(week, "2026-11-09", []);
    expect(after.streak).toMatchObject({ current: 8, best: 8, freezes: 0, frozenDays: 1, lastDay: "2026-11-09" });
    expect(after.frozenOn).toEqual(["2026-11-08"]);
  });

  it("ends a streak whose gap is longer than the freezes held, the freezes spent on it", () => {
    const week = run("2026-11-01", "2026-11-07");
    const after = recordStudyDay(week, "2026-11-10", []);
    expect(after.streak).toMatchObject({ current: 1, best: 7, freezes: 0, frozenDays: 0, lastDay: "2026-11-10" });
    // The freeze went on the first missed day before the second ended the streak: that day stays frozen.
    expect(after.frozenOn).toEqual(["2026-11-08"]);
  });

  it("keeps a streak alive on the boards while its freezes cover the missed days, and not a day longer", () => {
    const twoWeeks = run("2026-11-01", "2026-11-14");
    expect(twoWeeks.aliveUntil).toBe("2026-11-16");
    expect(liveStreak(twoWeeks, "2026-11-17")).toBe(14);
    expect(liveStreak(twoWeeks, "2026-11-18")).toBe(0);
    const frozenOn = ["2026-11-15", "2026-11-16"];
    expect(streakToday(twoWeeks, "2026-11-17", [])).toEqual({
      current: 14,
      best: 14,
      freezes: 0,
      frozenDays: 2,
      frozenOn,
    });
    expect(streakToday(twoWeeks, "2026-11-18", [])).toEqual({
      current: 0,
      best: 14,
      freezes: 0,
      frozenDays: 0,
      frozenOn,
    });
  });
});

describe("paused days", () => {
  const vacation = { firstDay: "2026-11-05", lastDay: "2026-11-09" };

  it("neither break nor extend the streak", () => {
    const before = run("2026-11-01", "2026-11-04", [vacation]);
    const after = recordStudyDay(before, "2026-11-10", [vacation]);
    expect(after).toMatchObject({ streak: { current: 5, frozenDays: 0, freezes: 0 }, frozenOn: [] });
  });

  it("keep a streak alive on the boards through the vacation, freezes on top", () => {
    const before = run("2026-11-01", "2026-11-04", [vacation]);
    expect(before.aliveUntil).toBe("2026-11-09");
    expect(liveStreak(before, "2026-11-10")).toBe(4);
    expect(liveStreak(before, "2026-11-11")).toBe(0);
    const withFreeze = run("2026-10-29", "2026-11-04", [vacation]);
    expect(withFreeze).toMatchObject({ current: 7, freezes: 1, aliveUntil: "2026-11-10" });
  });

  it("still count a day studied inside the vacation as a study day", () => {
    const before = run("2026-11-01", "2026-11-04", [vacation]);
    expect(recordStudyDay(before, "2026-11-07", [vacation]).streak).toMatchObject({
      current: 5,
      lastDay: "2026-11-07",
    });
  });

  it("move aliveUntil when a vacation is added after the last study day", () => {
    const before = run("2026-11-01", "2026-11-04");
    expect(before.aliveUntil).toBe("2026-11-04");
    expect(aliveUntil("2026-11-04", before.freezes, [vacation])).toBe("2026-11-09");
  });
});

/**
 * The streak recounted the slow way, one calendar day after the other from
 * the first study day through `through`: what the rules say in words,
 * written without recordStudyDay's gap arithmetic.
 */
function recount(studyDays: ReadonlySet<string>, pauses: readonly DayRange[], through: string) {
  const days = [...studyDays].sort();
  let current = 0;
  let best = 0;
  let freezes = 0;
  let frozenDays = 0;
  const frozenOn: string[] = [];
  let alive = false;
  let lastDay: string | null = null;
  for (let day = days[0] ?? through; days.length > 0 && day <= through; day = addDays(day, 1)) {
    if (studyDays.has(day)) {
      current = alive ? current + 1 : 1;
      if (!alive) frozenDays = 0;
      alive = true;
      lastDay = day;
      if (current % 7 === 0) freezes = Math.min(2, freezes + 1);
      best = Math.max(best, current);
    } else if (alive && !isPaused(pauses, day)) {
      if (freezes > 0) {
        freezes -= 1;
        frozenDays += 1;
        frozenOn.push(day);
      } else alive = false;
    }
  }
  return { current, best, lastDay, freezes, frozenDays, frozenOn, alive };
}

describe("the incremental streak", () => {
  const start = "2026-01-01";
  // Runs of study days with gaps between them, so that freezes are earned, spent and run out.
  const history = fc.record({
    runs: fc.array(fc.record({ length: fc.integer({ min: 1, max: 16 }), gap: fc.integer({ min: 0, max: 4 }) }), {
      maxLength: 8,
    }),
    pauses: fc.array(fc.record({ from: fc.integer({ min: 0, max: 120 }), length: fc.integer({ min: 0, max: 12 }) }), {
      maxLength: 4,
    }),
    todayAfterLast: fc.integer({ min: 0, max: 6 }),
  });
  const toDays = (h: { runs: { length: number; gap: number }[]; pauses: { from: number; length: number }[] }) => {
    const days = new Set<string>();
    let offset = 0;
    for (const run of h.runs) {
      for (let n = 0; n < run.length; n++) days.add(addDays(start, offset++));
      offset += run.gap;
    }
    return {
      days,
      pauses: h.pauses.map((p) => ({ firstDay: addDays(start, p.from), lastDay: addDays(start, p.from + p.length) })),
    };
  };

  /** The streak after every study day, and every day a freeze was spent on, as each study day recorded them. */
  const recordAll = (days: ReadonlySet<string>, pauses: readonly DayRange[]) => {
    const { streak, frozenOn } = replayStudyDays(days, pauses);
    return { state: streak, frozenOn };
  };

  it("equals a day-by-day recount from the study days, freezes and pauses, frozen days named", () => {
    fc.assert(
      fc.property(history, (h) => {
        const { days, pauses } = toDays(h);
        const { state, frozenOn } = recordAll(days, pauses);
        const last = state.lastDay ?? start;
        const recounted = recount(days, pauses, last);
        expect(frozenOn).toEqual(recounted.frozenOn);
        expect({ ...state, aliveUntil: undefined }).toEqual({
          current: recounted.current,
          best: recounted.best,
          lastDay: recounted.lastDay,
          freezes: recounted.freezes,
          frozenDays: recounted.frozenDays,
          aliveUntil: undefined,
        });
      }),
    );
  });

  it("is alive today, with the freezes and frozen days stats show, exactly when the recount through yesterday is", () => {
    fc.assert(
      fc.property(history, (h) => {
        const { days, pauses } = toDays(h);
        const { state, frozenOn } = recordAll(days, pauses);
        const today = addDays(state.lastDay ?? start, h.todayAfterLast);
        // Through yesterday, or through today when today was studied.
        const recounted = recount(days, pauses, h.todayAfterLast === 0 ? today : addDays(today, -1));
        const alive = days.size > 0 && recounted.alive;
        expect(liveStreak(state, today)).toBe(alive ? recounted.current : 0);
        expect(streakToday(state, today, pauses)).toEqual({
          current: alive ? recounted.current : 0,
          best: recounted.best,
          freezes: recounted.freezes,
          frozenDays: alive ? recounted.frozenDays : 0,
          // The days since the last study day that freezes cover now, recorded at the next study day.
          frozenOn: recounted.frozenOn.slice(frozenOn.length),
        });
      }),
    );
  });
});
