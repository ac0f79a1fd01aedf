import { addDays } from "../studyDay.js";
import { type DayMark, monthLabels, monthName, studyCalendar, weekdayOf } from "./calendar.js";
import { barChart, meter } from "./charts.js";
import { EVERY_GLYPH, type GlyphCoverage, readableText } from "./readableText.js";
import { clipToEms, groupDigits, num, PALETTE, rect, svgDocument, textElement } from "./svg.js";

export interface WeekTotals {
  /** ISO week key, "2026-W48". */
  week: string;
  points: number;
  answered: number;
  correct: number;
}

export interface DeckProgress {
  title: string;
  cards: number;
  learned: number;
  mastered: number;
}

/** Everything a stats card shows, as plain data; `today` is the clock. */
export interface StatsCardInput {
  name: string;
  timeZone: string;
  /** The member's local day, YYYY-MM-DD. */
  today: string;
  studied: readonly string[];
  frozen?: readonly string[];
  paused?: readonly string[];
  currentStreak: number;
  bestStreak: number;
  /** The last weeks, oldest first. */
  weeks: readonly WeekTotals[];
  /** Cards due on each day from today on (today's count includes overdue cards). */
  dueByDay: readonly number[];
  decks: readonly DeckProgress[];
}

export const STATS_CARD_WIDTH = 840;
export const STATS_CARD_DECK_ROWS = 6;
const DECKS_TOP = 470;
const DECK_ROW = 26;

/** The card's height: fixed but for the deck rows (at most six, then a "more" line). */
export function statsCardHeight(deckCount: number): number {
  const rows = Math.max(1, Math.min(deckCount, STATS_CARD_DECK_ROWS)) + (deckCount > STATS_CARD_DECK_ROWS ? 1 : 0);
  return DECKS_TOP + 34 + rows * DECK_ROW + 10;
}

const CELL = 15;
const CELL_STEP = 18;
const GRID_LEFT = 64;
const GRID_TOP = 124;

/**
 * One day of the calendar (or its legend swatch), classed by its mark. Each
 * mark differs by shape as well as colour: studied and missed are filled,
 * frozen is filled and struck through, paused is hollow.
 */
function cell(x: number, y: number, mark: DayMark): string {
  if (mark === "future") return "";
  const kind = ` class="day-${mark}"`;
  if (mark === "paused") {
    // Hollow: a pause is neither studied nor missed.
    return rect(x + 1, y + 1, CELL - 2, CELL - 2, "none", ` rx="3" stroke="${PALETTE.paused}" stroke-width="2"${kind}`);
  }
  const fill = { studied: PALETTE.studied, frozen: PALETTE.frozen, missed: PALETTE.grid }[mark];
  const square = rect(x, y, CELL, CELL, fill, ` rx="3"${kind}`);
  if (mark !== "frozen") return square;
  // Struck through in the card's colour: a missed day that a freeze covered.
  const strike = `<path d="M${num(x + 4)} ${num(y + CELL - 4)}L${num(x + CELL - 4)} ${num(y + 4)}" stroke="${PALETTE.card}" stroke-width="2" stroke-linecap="round"/>`;
  return square + strike;
}

function days(count: number): string {
  return `${groupDigits(count)} day${count === 1 ? "" : "s"}`;
}

function calendarSection(input: StatsCardInput): string[] {
  const calendar = studyCalendar(input);
  const out = [textElement(28, 100, "Study calendar · last 26 weeks", { size: 15, weight: "bold" })];
  for (const { week, label } of monthLabels(calendar)) {
    out.push(textElement(GRID_LEFT + week * CELL_STEP, GRID_TOP - 6, label, { size: 11, fill: PALETTE.dim }));
  }
  ["Mon", "Wed", "Fri", "Sun"].forEach((name, index) => {
    out.push(textElement(28, GRID_TOP + index * 2 * CELL_STEP + 12, name, { size: 11, fill: PALETTE.dim }));
  });
  calendar.weeks.forEach((week, column) => {
    week.days.forEach(({ mark }, row) => {
      out.push(cell(GRID_LEFT + column * CELL_STEP, GRID_TOP + row * CELL_STEP, mark));
    });
  });
  const legend: [DayMark, string][] = [
    ["studied", `studied ${days(calendar.counts.studied)}`],
    ["frozen", `frozen ${days(calendar.counts.frozen)}`],
    ["paused", `paused ${days(calendar.counts.paused)}`],
    ["missed", `missed ${days(calendar.counts.missed)}`],
  ];
  legend.forEach(([mark, label], index) => {
    const y = GRID_TOP + index * 30;
    out.push(cell(GRID_LEFT + 26 * CELL_STEP + 40, y, mark));
    out.push(textElement(GRID_LEFT + 26 * CELL_STEP + 64, y + 12, label, { size: 13 }));
  });
  return out;
}

function weekLabel(week: string, index: number): string {
  // Every other week is labelled: twelve "W48" labels would touch.
  return index % 2 === 0 ? `W${week.slice(-2)}` : "";
}

function chartsSection(input: StatsCardInput): string[] {
  const weekly = input.weeks.map((week, index) => ({
    label: weekLabel(week.week, index),
    value: week.points,
    ...(week.answered > 0 ? { share: week.correct / week.answered } : {}),
  }));
  const due = input.dueByDay.map((count, index) => {
    const day = addDays(input.today, index);
    return { label: index === 0 ? "today" : index % 2 === 0 ? day.slice(8) : "", value: count };
  });
  return [
    ...barChart({ x: 28, y: 270, width: 380, height: 180 }, weekly, {
      title: "Points per week · accuracy line",
      color: PALETTE.bar,
      emptyNote: "No quiz answered in 12 weeks",
    }),
    ...barChart({ x: 448, y: 270, width: 364, height: 180 }, due, {
      title: "Cards due · next 14 days",
      color: PALETTE.studied,
      emptyNote: "Nothing due: drill to learn new cards",
    }),
  ];
}

function decksSection(input: StatsCardInput, covered: GlyphCoverage): string[] {
  const out = [textElement(28, DECKS_TOP + 16, "Decks · learned and mastered", { size: 15, weight: "bold" })];
  const top = DECKS_TOP + 34;
  if (input.decks.length === 0) {
    out.push(textElement(28, top + 16, "No card reviewed yet: try drill", { size: 13, fill: PALETTE.dim }));
    return out;
  }
  input.decks.slice(0, STATS_CARD_DECK_ROWS).forEach((deck, index) => {
    const y = top + index * DECK_ROW;
    const total = Math.max(1, deck.cards);
    out.push(textElement(28, y + 14, clipToEms(readableText(deck.title, covered), 20), { size: 13 }));
    out.push(
      ...meter(
        { x: 300, y: y + 4, width: 300, height: 11 },
        deck.learned / total,
        PALETTE.bar,
        deck.mastered / total,
        PALETTE.studied,
      ),
    );
    const figures = `${groupDigits(deck.learned)}/${groupDigits(deck.cards)} learned · ${groupDigits(deck.mastered)} mastered`;
    out.push(textElement(812, y + 14, figures, { size: 13, fill: PALETTE.dim, anchor: "end" }));
  });
  const more = input.decks.length - STATS_CARD_DECK_ROWS;
  if (more > 0) {
    out.push(
      textElement(28, top + STATS_CARD_DECK_ROWS * DECK_ROW + 14, `+${more} more deck${more === 1 ? "" : "s"}`, {
        size: 13,
        fill: PALETTE.dim,
      }),
    );
  }
  return out;
}

/** A member's stats card as SVG: calendar, streaks, weekly points and accuracy, cards due, decks. */
export function statsCardSvg(input: StatsCardInput, covered: GlyphCoverage = EVERY_GLYPH): string {
  const name = clipToEms(readableText(input.name, covered), 30);
  const today = `${weekdayName(input.today)} ${Number(input.today.slice(8))} ${monthName(input.today)} ${input.today.slice(0, 4)}`;
  const body = [
    textElement(28, 46, name, { size: 24, weight: "bold" }),
    textElement(28, 70, `${today} · study days in ${input.timeZone}`, { size: 13, fill: PALETTE.dim }),
    textElement(812, 46, `${groupDigits(input.currentStreak)}-day streak`, {
      size: 22,
      weight: "bold",
      fill: PALETTE.accent,
      anchor: "end",
    }),
    textElement(812, 70, `best ${days(input.bestStreak)}`, { size: 13, fill: PALETTE.dim, anchor: "end" }),
    ...calendarSection(input),
    ...chartsSection(input),
    ...decksSection(input, covered),
  ];
  return svgDocument(STATS_CARD_WIDTH, statsCardHeight(input.decks.length), `Stats · ${name}`, body);
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function weekdayName(day: string): string {
  return WEEKDAYS[weekdayOf(day)] ?? "";
}
