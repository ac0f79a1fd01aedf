import { describe, expect, it } from "vitest";
import { digestView, isPersonalBest, milestoneReached, type StreakLine } from "../../src/core/digest.js";
import { renderText } from "../../src/platforms/console/render.js";

const streak = (current: number, best: number, lastDay = "2026-11-06"): StreakLine => ({
  name: `n${current}`,
  current,
  best,
  lastDay,
});

describe("digest streaks", () => {
  it("names the highest milestone a streak reached within the period, and none reached before it", () => {
    // Since Friday 30 October: a 9-day streak ending 6 November was 7 days long on 4 November.
    expect(milestoneReached(streak(9, 9), "2026-10-30")).toBe(7);
    expect(milestoneReached(streak(14, 20), "2026-10-30")).toBe(14);
    // 15 days long now, so 14 on 5 November and 7 long before the period: 14.
    expect(milestoneReached(streak(15, 15), "2026-11-05")).toBe(14);
    // 20 days: 14 was reached on 31 October, before a period that starts on 2 November.
    expect(milestoneReached(streak(20, 20), "2026-11-02")).toBeUndefined();
    expect(milestoneReached(streak(6, 6), "2026-10-30")).toBeUndefined();
  });

  it("counts a personal best only when the current run is the best and at least three days long", () => {
    expect(isPersonalBest(streak(5, 5), "2026-10-30")).toBe(true);
    expect(isPersonalBest(streak(5, 8), "2026-10-30")).toBe(false);
    expect(isPersonalBest(streak(2, 2), "2026-10-30")).toBe(false);
    expect(isPersonalBest(streak(5, 5, "2026-10-29"), "2026-10-30")).toBe(false);
  });

  it("shows milestones, personal bests and cards mastered, and says so when nobody studied", () => {
    const base = {
      since: new Date("2026-10-30T16:00:00Z"),
      sinceDay: "2026-10-30",
      timeZone: "Europe/Berlin",
      top: [],
      hardest: [],
    };
    const shown = renderText(
      digestView({
        ...base,
        totals: { members: 2, answered: 5, correct: 4 },
        streaks: [
          { ...streak(9, 9), name: "Ana" },
          { ...streak(4, 4), name: "Ben" },
        ],
        mastered: 12,
      }),
    );
    expect(shown).toContain("== Class digest · since Fri 2026-10-30 17:00 ==");
    expect(shown).toContain("2 members gave 5 answers: 80% right.");
    expect(shown).toContain("Streak milestones: Ana (7 days)");
    expect(shown).toContain("Personal bests: Ana (9 days), Ben (4 days)");
    expect(shown).toContain("Cards mastered: 12");
    const quiet = renderText(
      digestView({ ...base, totals: { members: 0, answered: 0, correct: 0 }, streaks: [], mastered: 0 }),
    );
    expect(quiet).toContain("Nobody studied since the last digest.");
  });
});
