import type { LeaderboardSort, Period } from "./commands.js";
import { type DrillSummary, MASTERED_STABILITY_DAYS } from "./drillPlan.js";
import { calendarSummary, calendarText, type StudyCalendar } from "./pictures/calendar.js";
import { accuracy, formatAccuracy } from "./scoring.js";
import { MAX_FREEZES, STUDY_DAYS_PER_FREEZE } from "./streaks.js";
import { type Block, type Inline, type RankingRow, text, type UserRef, type View, view } from "./views.js";

/** Accuracy boards only rank people with enough answers for the percentage to mean something. */
export const MIN_ANSWERS_FOR_ACCURACY = 3;
export const LEADERBOARD_SIZE = 10;

export interface BoardEntry {
  user: UserRef;
  points: number;
  answered: number;
  correct: number;
  currentStreak: number;
  bestStreak: number;
}

export interface Placement {
  rank: number;
  of: number;
}

const PERIOD_TITLES: Record<Period, string> = { week: "this week", month: "this month", all: "all time" };
const SORT_TITLES: Record<LeaderboardSort, string> = { points: "Points", streak: "Day streaks", accuracy: "Accuracy" };

export function sortValue(entry: BoardEntry, sort: LeaderboardSort): number {
  if (sort === "points") return entry.points;
  if (sort === "streak") return entry.currentStreak;
  return accuracy(entry.correct, entry.answered) ?? 0;
}

/** Competition ranking ("1224"): equal values share a rank. Entries arrive sorted best first. */
export function competitionRanks(values: readonly number[]): number[] {
  return values.map((value, index) => {
    let rank = index + 1;
    while (rank > 1 && values[rank - 2] === value) rank--;
    return rank;
  });
}

function describe(entry: BoardEntry, sort: LeaderboardSort): { value: string; detail: string } {
  const acc = formatAccuracy(accuracy(entry.correct, entry.answered));
  if (sort === "points") return { value: `${entry.points} pts`, detail: `${entry.correct}/${entry.answered} right` };
  if (sort === "streak") return { value: `${entry.currentStreak}d`, detail: `best ${entry.bestStreak}d` };
  return { value: acc, detail: `${entry.correct}/${entry.answered} right` };
}

export interface LeaderboardInput {
  period: Period;
  sort: LeaderboardSort;
  top: readonly BoardEntry[];
  caller: UserRef;
  /** The caller's own entry and place, when they are on this board at all. */
  callerEntry?: BoardEntry;
  callerPlace?: Placement;
}

export function leaderboardView(input: LeaderboardInput): View {
  const { period, sort, top, caller } = input;
  const title =
    sort === "streak"
      ? "Leaderboard · live day streaks"
      : `Leaderboard · ${SORT_TITLES[sort]} · ${PERIOD_TITLES[period]}`;
  if (top.length === 0) {
    return view(title, "info", [text(emptyBoardMessage(sort))]);
  }
  const ranks = competitionRanks(top.map((entry) => sortValue(entry, sort)));
  const rows: RankingRow[] = top.map((entry, index) => ({
    rank: ranks[index] ?? index + 1,
    user: entry.user,
    ...describe(entry, sort),
    isCaller: entry.user.externalId === caller.externalId,
  }));
  const callerListed = rows.some((row) => row.isCaller);
  let gapBeforeLast = false;
  if (!callerListed && input.callerEntry && input.callerPlace) {
    rows.push({ rank: input.callerPlace.rank, user: caller, ...describe(input.callerEntry, sort), isCaller: true });
    gapBeforeLast = true;
  }
  const footer = input.callerPlace
    ? `You are #${input.callerPlace.rank} of ${input.callerPlace.of}`
    : notRankedMessage(sort);
  return view(title, "info", [{ type: "ranking", rows, gapBeforeLast }], { footer });
}

function emptyBoardMessage(sort: LeaderboardSort): string {
  if (sort === "streak") return "Nobody has a live day streak yet. Answer a quiz or drill a card today to start one.";
  if (sort === "accuracy") return `Nobody has ${MIN_ANSWERS_FOR_ACCURACY} answers in this period yet.`;
  return "No answers in this period yet. Start a quiz with quiz now.";
}

function notRankedMessage(sort: LeaderboardSort): string {
  if (sort === "streak") return "You have no live day streak: study today to start one.";
  if (sort === "accuracy") return `Answer ${MIN_ANSWERS_FOR_ACCURACY} quizzes in this period to be ranked.`;
  return "You have no answers in this period yet.";
}

export interface StatsInput {
  user: UserRef;
  timeZone: string;
  week: { points: number; answered: number; correct: number };
  month: { points: number; answered: number; correct: number };
  all: { points: number; answered: number; correct: number };
  currentStreak: number;
  bestStreak: number;
  /** Streak freezes held, after the missed days up to yesterday took theirs. */
  freezes: number;
  /** Days of the current streak a freeze bridged. */
  frozenDays: number;
  allTimePlace?: Placement;
  drills: DrillStats;
  /** The study calendar, drawn in characters for the terminal and summed up in words elsewhere. */
  calendar?: StudyCalendar;
}

/**
 * A learner's drill memory, with each weak card's name. `learned` and
 * `mastered` count every reviewed card, `removed` of them in decks or cards
 * removed since; due and weakest count only cards that can still be drilled.
 */
export interface DrillStats extends DrillSummary {
  weakest: (DrillSummary["weakest"][number] & { name: string })[];
  removed: number;
}

function totalsLine(totals: { points: number; answered: number; correct: number }): Inline[] {
  const acc = formatAccuracy(accuracy(totals.correct, totals.answered));
  return [`${totals.points} pts · ${totals.correct}/${totals.answered} right · ${acc}`];
}

export function statsView(input: StatsInput): View {
  const fields = [
    { label: "This week", value: totalsLine(input.week) },
    { label: "This month", value: totalsLine(input.month) },
    { label: "All time", value: totalsLine(input.all) },
    {
      label: "Day streak",
      value: [`${input.currentStreak} day${input.currentStreak === 1 ? "" : "s"} (best ${input.bestStreak})`],
    },
    { label: "Streak freezes", value: [freezesLine(input.freezes, input.frozenDays)] },
    {
      label: "Rank (all-time points)",
      value: [input.allTimePlace ? `#${input.allTimePlace.rank} of ${input.allTimePlace.of}` : "not ranked yet"],
    },
    ...drillFields(input.drills),
  ];
  const blocks: Block[] = [{ type: "fields", fields }];
  if (input.calendar) {
    blocks.push({ type: "drawing", lines: calendarText(input.calendar), alt: calendarSummary(input.calendar) });
  }
  return view(`Stats · ${input.user.name}`, "info", blocks, {
    footer: `Study days count in ${input.timeZone}`,
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function freezesLine(held: number, frozenDays: number): string {
  const frozen = frozenDays > 0 ? ` · ${plural(frozenDays, "day")} of this streak frozen` : "";
  return `${held} of ${MAX_FREEZES} held${frozen} (one earned every ${STUDY_DAYS_PER_FREEZE} study days in a row)`;
}

function drillFields(drills: DrillStats): { label: string; value: Inline[] }[] {
  if (drills.learned === 0) return [{ label: "Drills", value: ["no card reviewed yet: try drill"] }];
  const weakest = drills.weakest.map((weak) => {
    const lapses = weak.lapses === 1 ? "1 lapse" : `${weak.lapses} lapses`;
    return `${weak.name} (${lapses}, ${Math.round(weak.retrievability * 100)}% recall)`;
  });
  const removed =
    drills.removed === 0 ? "" : ` (${drills.removed} of them in decks or cards since removed; their history is kept)`;
  return [
    { label: "Cards learned", value: [`${drills.learned}${removed}`] },
    { label: "Due today", value: [String(drills.dueToday)] },
    { label: "Mastered", value: [`${drills.mastered} (remembered for over ${MASTERED_STABILITY_DAYS} days)`] },
    { label: "Weakest cards", value: [weakest.length > 0 ? weakest.join(" · ") : "none in the loaded decks"] },
  ];
}
