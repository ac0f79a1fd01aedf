import { addDays, daysBetween } from "../studyDay.js";

/**
 * The study calendar: the last weeks as columns (Monday on top), each day
 * marked. The picture and the terminal draw the same grid.
 */

export type DayMark = "studied" | "frozen" | "paused" | "missed" | "future";

export interface CalendarInput {
  /** The member's local day today, YYYY-MM-DD. */
  today: string;
  studied: readonly string[];
  /** Missed days a streak freeze covered. */
  frozen?: readonly string[];
  /** Vacation days (`me pause`). */
  paused?: readonly string[];
}

export interface CalendarWeek {
  /** The Monday that starts the column. */
  monday: string;
  days: { day: string; mark: DayMark }[];
}

export interface StudyCalendar {
  weeks: CalendarWeek[];
  /** How many days of the grid (up to today) carry each mark. */
  counts: Record<Exclude<DayMark, "future">, number>;
}

export const CALENDAR_WEEKS = 26;

/** Monday 0 … Sunday 6; 1970-01-05 was a Monday. */
export function weekdayOf(day: string): number {
  return ((daysBetween("1970-01-05", day) % 7) + 7) % 7;
}

/** A day both studied and frozen or paused shows as studied: what was done beats what was excused. */
export function studyCalendar(input: CalendarInput, weekCount = CALENDAR_WEEKS): StudyCalendar {
  const studied = new Set(input.studied);
  const frozen = new Set(input.frozen ?? []);
  const paused = new Set(input.paused ?? []);
  const markOf = (day: string): DayMark => {
    if (daysBetween(input.today, day) > 0) return "future";
    if (studied.has(day)) return "studied";
    if (frozen.has(day)) return "frozen";
    if (paused.has(day)) return "paused";
    return "missed";
  };
  const firstMonday = addDays(input.today, -weekdayOf(input.today) - 7 * (weekCount - 1));
  const counts = { studied: 0, frozen: 0, paused: 0, missed: 0 };
  const weeks: CalendarWeek[] = [];
  for (let week = 0; week < weekCount; week++) {
    const monday = addDays(firstMonday, 7 * week);
    const days = [0, 1, 2, 3, 4, 5, 6].map((offset) => {
      const day = addDays(monday, offset);
      const mark = markOf(day);
      if (mark !== "future") counts[mark]++;
      return { day, mark };
    });
    weeks.push({ monday, days });
  }
  return { weeks, counts };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function monthName(day: string): string {
  return MONTHS[Number(day.slice(5, 7)) - 1] ?? "";
}

/** Month labels: at the first column whose Monday falls in a new month (a year shown where it changes). */
export function monthLabels(calendar: StudyCalendar): { week: number; label: string }[] {
  const labels: { week: number; label: string }[] = [];
  calendar.weeks.forEach((week, index) => {
    const previous = calendar.weeks[index - 1];
    if (previous && previous.monday.slice(0, 7) === week.monday.slice(0, 7)) return;
    const newYear = previous !== undefined && previous.monday.slice(0, 4) !== week.monday.slice(0, 4);
    labels.push({
      week: index,
      label: newYear ? `${monthName(week.monday)} ${week.monday.slice(0, 4)}` : monthName(week.monday),
    });
  });
  return labels;
}

/** The calendar in words, for screen readers and search beside the picture. */
export function calendarSummary(calendar: StudyCalendar): string {
  const { studied, frozen, paused, missed } = calendar.counts;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `Study calendar, last ${calendar.weeks.length} weeks: ${count(studied, "study day")}, ${frozen} frozen, ${paused} paused, ${missed} missed.`;
}

const BLOCKS: Record<DayMark, string> = { studied: "█", frozen: "▓", paused: "░", missed: "·", future: " " };
const ROW_NAMES = ["Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"];

/** The calendar in block characters, for the terminal: a month line, seven weekday rows and a legend. */
export function calendarText(calendar: StudyCalendar): string[] {
  let monthLine = "";
  for (const { week, label } of monthLabels(calendar)) {
    const column = 4 + week;
    // A label that would run into the previous one is left out; the next month still shows.
    if (column >= monthLine.length + (monthLine.length > 0 ? 1 : 0)) monthLine = monthLine.padEnd(column) + label;
  }
  const rows = ROW_NAMES.map((name, weekday) =>
    `${name} ${calendar.weeks.map((week) => BLOCKS[week.days[weekday]?.mark ?? "future"]).join("")}`.trimEnd(),
  );
  const { studied, frozen, paused } = calendar.counts;
  const legend = `█ studied ${studied} · ▓ frozen ${frozen} · ░ paused ${paused} · · missed`;
  return [monthLine, ...rows, legend];
}
