import { describe, expect, it } from "vitest";
import { calendarText, monthLabels, studyCalendar } from "../../src/core/pictures/calendar.js";
import { readableText } from "../../src/core/pictures/readableText.js";
import { reportChartSvg } from "../../src/core/pictures/reportChart.js";
import { STATS_CARD_WIDTH, statsCardSvg } from "../../src/core/pictures/statsCard.js";
import { addDays, localDay } from "../../src/core/studyDay.js";
import { busyReportChart, busyStatsCard, emptyStatsCard, TODAY } from "../pictures/fixtures.js";
import { expectSameHash } from "../pictures/snapshots.js";

const cellsOf = (svg: string, colour: string) => svg.split(`width="15" height="15" fill="${colour}"`).length - 1;
const STUDIED = "#3fb950";

describe("study calendar", () => {
  it("runs across a year boundary: Dec 31 and Jan 1 sit in one column, and the label names the new year", () => {
    const calendar = studyCalendar({ today: "2027-01-02", studied: ["2026-12-31", "2027-01-01"] });
    const lastWeek = calendar.weeks.at(-1);
    expect(lastWeek?.monday).toBe("2026-12-28");
    expect(lastWeek?.days.slice(3, 5)).toEqual([
      { day: "2026-12-31", mark: "studied" },
      { day: "2027-01-01", mark: "studied" },
    ]);
    expect(lastWeek?.days.slice(3).map((day) => day.mark)).toEqual(["studied", "studied", "missed", "future"]);
    expect(monthLabels(calendar).at(-1)).toEqual({ week: 22, label: "Dec" });
    const crossing = studyCalendar({ today: "2027-01-13", studied: [] });
    expect(monthLabels(crossing).at(-1)).toEqual({ week: 24, label: "Jan 2027" });
  });

  it("keeps one cell per local day across a DST change (Europe/Berlin, 29 March and 25 October 2026)", () => {
    const zone = "Europe/Berlin";
    // 00:30 local on each side of both changes: an hour-based day count would merge or split them.
    const instants = ["2026-03-28T23:30:00Z", "2026-03-29T22:30:00Z", "2026-10-24T22:30:00Z", "2026-10-25T23:30:00Z"];
    const studied = instants.map((instant) => localDay(new Date(instant), zone));
    expect(studied).toEqual(["2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26"]);
    const calendar = studyCalendar({ today: "2026-11-01", studied });
    const marked = calendar.weeks.flatMap((week) =>
      week.days.filter((day) => day.mark === "studied").map((d) => d.day),
    );
    expect(marked).toEqual(["2026-10-25", "2026-10-26"]);
    const spring = studyCalendar({ today: "2026-04-05", studied });
    const week = spring.weeks.find((column) => column.monday === "2026-03-23");
    expect(week?.days.map((day) => day.mark)).toEqual([
      "missed",
      "missed",
      "missed",
      "missed",
      "missed",
      "missed",
      "studied",
    ]);
    expect(spring.weeks.at(-1)?.days[0]).toEqual({ day: "2026-03-30", mark: "studied" });
  });

  it("marks studied over frozen over paused, and counts only days up to today", () => {
    const day = addDays(TODAY, -1);
    const calendar = studyCalendar({
      today: TODAY,
      studied: [day],
      frozen: [day, addDays(TODAY, -2)],
      paused: [day, addDays(TODAY, -3)],
    });
    const marks = calendar.weeks.flatMap((week) => week.days);
    const markOn = (wanted: string) => marks.find((entry) => entry.day === wanted)?.mark;
    expect([markOn(day), markOn(addDays(TODAY, -2)), markOn(addDays(TODAY, -3)), markOn(addDays(TODAY, 1))]).toEqual([
      "studied",
      "frozen",
      "paused",
      "future",
    ]);
    // Today is a Monday: 25 full weeks and one day.
    expect(calendar.counts).toEqual({ studied: 1, frozen: 1, paused: 1, missed: 25 * 7 + 1 - 3 });
  });

  it("draws the terminal calendar in block characters, a row per weekday", () => {
    const lines = calendarText(
      studyCalendar({ today: TODAY, studied: [TODAY, addDays(TODAY, -7)], frozen: [addDays(TODAY, -1)] }),
    );
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe(`Mon ${"·".repeat(24)}██`);
    expect(lines[7]).toBe(`Sun ${"·".repeat(24)}▓`);
    expect(lines[0]).toMatch(/^ {4}\S/);
    expect(lines[8]).toBe("█ studied 2 · ▓ frozen 1 · ░ paused 0 · · missed");
  });
});

describe("readable text", () => {
  const latinOnly = (codePoint: number) => codePoint < 0x2000;

  it("romanizes Hangul the fonts lack, drops invisible joiners and shows '?' for the rest, never a box", () => {
    expect(readableText("김민준", latinOnly)).toBe("Gim-min-jun");
    expect(readableText("Ana 👩‍💻!", latinOnly)).toBe("Ana ??!");
    expect(readableText("Zoë Пётр Ωμέγα", latinOnly)).toBe("Zoë Пётр Ωμέγα");
  });
});

describe("stats card SVG", () => {
  it("is the same SVG for the same data (busy card and empty history)", () => {
    expectSameHash("stats-card.svg", statsCardSvg(busyStatsCard()));
    expectSameHash("stats-card-empty.svg", statsCardSvg(emptyStatsCard()));
  });

  it("marks a frozen and a paused day apart from study days, by class, fill and shape, with a legend", () => {
    // Today is a Monday: Sunday, Saturday and Friday sit in the previous column (24), rows 6, 5 and 4.
    const svg = statsCardSvg({
      ...emptyStatsCard(),
      studied: [addDays(TODAY, -1)],
      frozen: [addDays(TODAY, -2)],
      paused: [addDays(TODAY, -3)],
    });
    const cells = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)"[^>]* fill="([^"]+)"[^>]*class="day-(\w+)"/g)];
    const at = (x: number, y: number) => cells.find((found) => found[1] === String(x) && found[2] === String(y));
    const column = 64 + 24 * 18;
    expect(at(column, 124 + 6 * 18)?.slice(3)).toEqual([STUDIED, "studied"]);
    expect(at(column, 124 + 5 * 18)?.slice(3)).toEqual(["#58a6ff", "frozen"]);
    // Paused is hollow, drawn one pixel inside its cell, in its own ink.
    expect(at(column + 1, 124 + 4 * 18 + 1)?.slice(3)).toEqual(["none", "paused"]);
    expect(svg).toMatch(/fill="none" rx="3" stroke="#d29922" stroke-width="2" class="day-paused"/);
    // Each kind: one day and one legend swatch; the frozen ones struck through as well.
    const count = (mark: string) => cells.filter((found) => found[4] === mark).length;
    expect([count("studied"), count("frozen"), count("paused")]).toEqual([2, 2, 2]);
    expect(svg.match(/class="day-frozen"\/><path /g)).toHaveLength(2);
    expect(svg).toContain(">studied 1 day<");
    expect(svg).toContain(">frozen 1 day<");
    expect(svg).toContain(">paused 1 day<");
  });

  it("says so on an empty history: no streak, nothing due, no deck", () => {
    const svg = statsCardSvg(emptyStatsCard());
    expect(svg).toContain(">0-day streak<");
    expect(svg).toContain("No quiz answered in 12 weeks");
    expect(svg).toContain("Nothing due: drill to learn new cards");
    expect(svg).toContain("No card reviewed yet: try drill");
    expect(cellsOf(svg, STUDIED)).toBe(1); // only the legend's swatch
  });

  it("fills all 26 weeks of a full history and writes a 9,999-day streak in full", () => {
    const studied = Array.from({ length: 9999 }, (_, back) => addDays(TODAY, -back));
    const svg = statsCardSvg(busyStatsCard({ studied, frozen: [], paused: [], currentStreak: 9999, bestStreak: 9999 }));
    expect(cellsOf(svg, STUDIED)).toBe(25 * 7 + 1 + 1);
    expect(svg).toContain(">9,999-day streak<");
    expect(svg).toContain(">best 9,999 days<");
    expect(svg).toContain(">studied 176 days<");
  });

  it("clips long names, escapes markup and keeps non-Latin names", () => {
    const long = statsCardSvg(busyStatsCard({ name: `<b>${"Bartholomew ".repeat(8)}</b>` }));
    expect(long).toMatch(/>&#60;b&#62;Bartholomew [^<]*…</);
    expect(long).not.toContain("<b>");
    const names = statsCardSvg(busyStatsCard({ name: "Пётр Ωμέγα 山田太郎 🔥" }), (cp) => cp !== 0x1f525);
    expect(names).toContain(">Пётр Ωμέγα 山田太郎 ?<");
    expect(names).toContain(`width="${STATS_CARD_WIDTH}"`);
  });
});

describe("report chart SVG", () => {
  it("is the same SVG for the same data, with accuracy per card", () => {
    const svg = reportChartSvg(busyReportChart());
    expectSameHash("report-chart.svg", svg);
    expect(svg).toContain(">38% of 21<");
    expect(svg).toContain(">Members active per day<");
  });

  it("says so when nobody answered or studied", () => {
    const svg = reportChartSvg({ ...busyReportChart(), hardest: [], activeByDay: [{ day: TODAY, members: 0 }] });
    expect(svg).toContain("No quiz answered in this period");
    expect(svg).toContain("Nobody studied in this period");
  });
});
