import type { StatsCardInput } from "../../src/core/pictures/statsCard.js";
import type { ReportChartInput } from "../../src/core/pictures/reportChart.js";
import { addDays } from "../../src/core/studyDay.js";

export const TODAY = "2026-11-30";

/** Every day of the last 26 weeks studied but a few, frozen and paused: every kind of cell on one card. */
export function busyStatsCard(overrides: Partial<StatsCardInput> = {}): StatsCardInput {
  const studied = Array.from({ length: 182 }, (_, back) => addDays(TODAY, -back)).filter((_, back) => back % 9 !== 4);
  return {
    name: "Ada Lovelace",
    timeZone: "Europe/Berlin",
    today: TODAY,
    studied,
    frozen: [addDays(TODAY, -4)],
    paused: [addDays(TODAY, -13), addDays(TODAY, -22)],
    currentStreak: 3,
    bestStreak: 40,
    weeks: Array.from({ length: 12 }, (_, index) => ({
      week: `2026-W${37 + index}`,
      points: (index * 37) % 90,
      answered: index === 0 ? 0 : 10,
      correct: (index * 3) % 11,
    })),
    dueByDay: [14, 3, 0, 5, 8, 2, 1, 0, 0, 4, 6, 2, 1, 3],
    decks: [
      { title: "L12 – Lightweight sandboxes", cards: 24, learned: 20, mastered: 5 },
      { title: "Ελληνικά: λεξιλόγιο", cards: 100, learned: 30, mastered: 29 },
    ],
    ...overrides,
  };
}

export function emptyStatsCard(): StatsCardInput {
  return {
    name: "Newcomer",
    timeZone: "UTC",
    today: TODAY,
    studied: [],
    currentStreak: 0,
    bestStreak: 0,
    weeks: Array.from({ length: 12 }, (_, index) => ({
      week: `2026-W${37 + index}`,
      points: 0,
      answered: 0,
      correct: 0,
    })),
    dueByDay: Array.from({ length: 14 }, () => 0),
    decks: [],
  };
}

export function busyReportChart(): ReportChartInput {
  return {
    title: "Class report · L12 – Lightweight sandboxes",
    subtitle: "last 30 days · Europe/Berlin",
    hardest: [
      { name: "gVisor", answered: 21, correct: 8 },
      { name: "Firecracker microVM", answered: 18, correct: 10 },
      { name: "Kata Containers", answered: 30, correct: 25 },
    ],
    activeByDay: Array.from({ length: 30 }, (_, index) => ({
      day: addDays(TODAY, index - 29),
      members: (index * 13) % 17,
    })),
  };
}
