import type { Period } from "./commands.js";
import type { QuestionOption } from "./question.js";
import { accuracy } from "./scoring.js";
import { addDays, isoWeekKey } from "./studyDay.js";

/**
 * A class report (`report`, `report export`, the digest): what a community's
 * channel quizzes of one period show about what the group knows. A quiz
 * counts in the period it was posted in; a member "studied" when they
 * answered at least one of its quizzes.
 */

/** Hardest cards a chat report and a digest name. */
export const REPORT_HARDEST_CARDS = 5;
/** Members a chat report lists, most points first; `report export` has them all. */
export const REPORT_LISTED_MEMBERS = 15;

/** The first local day of the week (Monday) or month holding `today`; null for all time. */
export function periodFirstDay(period: Period, today: string): string | null {
  if (period === "all") return null;
  if (period === "month") return `${today.slice(0, 7)}-01`;
  const week = isoWeekKey(today);
  let day = today;
  while (isoWeekKey(addDays(day, -1)) === week) day = addDays(day, -1);
  return day;
}

export interface AnswerCounts {
  answered: number;
  correct: number;
}

export interface WrongPick {
  /** The option's text as it was asked. */
  text: string;
  /** How many of the card's wrong answers picked it. */
  picked: number;
  /** All of the card's wrong answers. */
  missed: number;
}

export interface CardResult extends AnswerCounts {
  deckId: string;
  cardId: string;
  /** The card's term, or its id once the card left the deck. */
  name: string;
  mostPickedWrong?: WrongPick;
}

/**
 * What a person learned from drills and quiz answers alike (FSRS card memory):
 * a card is learned once it has been reviewed at all, and mastered once FSRS
 * expects it to stay 90% recallable for three weeks (MASTERED_STABILITY_DAYS).
 */
export interface MemoryCounts {
  learned: number;
  mastered: number;
}

export interface MemberResult extends AnswerCounts, MemoryCounts {
  userId: number;
  externalId: string;
  points: number;
  name: string;
  /** Chose `me hide`: counted in every figure, never named. */
  hidden: boolean;
  /** Live day streak. */
  streak: number;
}

export interface ClassReport {
  period: Period;
  /** The period's first local day; null for all time. */
  firstDay: string | null;
  /** Set when the report is of one deck. */
  deck?: { id: string; title: string };
  timeZone: string;
  /** Members who answered, and their answers. */
  totals: AnswerCounts & { members: number };
  /** Hardest first. */
  cards: CardResult[];
  /** Most points first; all of them or the first REPORT_LISTED_MEMBERS. */
  members: MemberResult[];
}

/** Lowest class accuracy first; among equals, the card more people got wrong. */
export function hardestFirst<C extends AnswerCounts & { deckId: string; cardId: string }>(cards: readonly C[]): C[] {
  return [...cards].sort(
    (a, b) =>
      (accuracy(a.correct, a.answered) ?? 1) - (accuracy(b.correct, b.answered) ?? 1) ||
      b.answered - b.correct - (a.answered - a.correct) ||
      a.deckId.localeCompare(b.deckId) ||
      a.cardId.localeCompare(b.cardId),
  );
}

/** Wrong answers to the quizzes of one card: the options as asked, the option picked, how many picked it. */
export interface WrongAnswers {
  options: readonly QuestionOption[];
  choice: number;
  count: number;
}

/**
 * The wrong option picked most often. Options are shuffled per quiz, so an
 * option is known by its text, not by its letter; nor by the card it came
 * from, which offers its term in one quiz and its answer in the next. Ties go
 * to the option first in the alphabet, so the same answers always name the
 * same one.
 */
export function mostPickedWrong(answers: readonly WrongAnswers[]): WrongPick | undefined {
  const byOption = new Map<string, { text: string; picked: number }>();
  let missed = 0;
  for (const { options, choice, count } of answers) {
    const option = options[choice];
    if (!option) continue;
    missed += count;
    const entry = byOption.get(option.text) ?? { text: option.text, picked: 0 };
    entry.picked += count;
    byOption.set(option.text, entry);
  }
  const [top] = [...byOption.values()].sort((a, b) => b.picked - a.picked || a.text.localeCompare(b.text));
  return top ? { ...top, missed } : undefined;
}

/** A share as a percentage with one decimal, for spreadsheets; empty when nothing was answered. */
export function percent(counts: AnswerCounts): number | "" {
  return counts.answered === 0 ? "" : Math.round((counts.correct / counts.answered) * 1000) / 10;
}
