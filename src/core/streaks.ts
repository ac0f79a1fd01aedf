import { addDays, daysBetween } from "./studyDay.js";

/**
 * Day streaks with freezes and pauses, kept incrementally: one study day at
 * a time, so a board reads stored rows and never replays history.
 *
 * - The streak counts study days. A missed day between two study days is
 *   bridged by a held freeze (the day is counted as frozen, not studied) or,
 *   when no freeze is left, ends the streak.
 * - Paused days (`me pause`) neither break nor extend it: a paused day
 *   without study is skipped, as if it were not on the calendar. A study day
 *   inside a pause still counts as studied: the pause shelters missed days,
 *   it never takes a day of study away.
 * - One freeze is earned each time the streak reaches a multiple of 7 study
 *   days, at most 2 held. Each missed day uses one as it goes by, so a gap
 *   longer than the freezes held spends them all and still ends the streak:
 *   freezes belong to the streak that earned them.
 */

export const STUDY_DAYS_PER_FREEZE = 7;
export const MAX_FREEZES = 2;

/** Local days, inclusive ("YYYY-MM-DD"): a vacation. */
export interface DayRange {
  firstDay: string;
  lastDay: string;
}

export interface StreakState {
  /** Study days in the streak that ends on lastDay (frozen and paused days are not counted). */
  current: number;
  best: number;
  lastDay: string | null;
  /** Freezes held now. */
  freezes: number;
  /** Days of the current streak bridged by a freeze. */
  frozenDays: number;
  /**
   * The last day that may be "yesterday" with the streak still alive: the
   * last study day, moved on past the paused days and as many missed days as
   * the freezes cover. Kept so a board finds the live streaks by one index range.
   */
  aliveUntil: string | null;
}

export const NO_STREAK: StreakState = {
  current: 0,
  best: 0,
  lastDay: null,
  freezes: 0,
  frozenDays: 0,
  aliveUntil: null,
};

/** The pause covering `day`, else the next one to come: what a person's settings show. */
export function pauseAhead(pauses: readonly DayRange[], day: string): DayRange | undefined {
  return pauses.find((pause) => pause.lastDay >= day);
}

export function isPaused(pauses: readonly DayRange[], day: string): boolean {
  return pauses.some((pause) => pause.firstDay <= day && day <= pause.lastDay);
}

/**
 * The streak after the days from the day after lastDay through `through`
 * went by unstudied: each paused day skipped, each other day frozen while a
 * freeze is held. `kept` is undefined when a day is left that no freeze
 * covers: the streak ended. `frozenOn` names the days the freezes were spent
 * on, also when the streak ended after them: those freezes are gone all the same.
 */
function bridged(
  state: StreakState,
  through: string,
  pauses: readonly DayRange[],
): { kept: StreakState | undefined; frozenOn: string[] } {
  const frozenOn: string[] = [];
  if (state.lastDay === null) return { kept: undefined, frozenOn };
  let { freezes, frozenDays } = state;
  for (let day = addDays(state.lastDay, 1); day <= through; day = addDays(day, 1)) {
    if (isPaused(pauses, day)) continue;
    if (freezes === 0) return { kept: undefined, frozenOn };
    freezes -= 1;
    frozenDays += 1;
    frozenOn.push(day);
  }
  return { kept: { ...state, freezes, frozenDays }, frozenOn };
}

/**
 * The last day that may pass unstudied (as "yesterday") before a streak whose
 * last study day is `lastDay`, with `freezes` held, ends. Worked out again
 * whenever the vacations change.
 */
export function aliveUntil(lastDay: string, freezes: number, pauses: readonly DayRange[]): string {
  let alive = lastDay;
  let left = freezes;
  for (let day = addDays(lastDay, 1); ; day = addDays(day, 1)) {
    if (!isPaused(pauses, day)) {
      if (left === 0) return alive;
      left -= 1;
    }
    alive = day;
  }
}

/** False for a day at or before the last study day (a second answer, a late event): it changes nothing. */
export function isNewStudyDay(state: StreakState, day: string): boolean {
  return state.lastDay === null || daysBetween(state.lastDay, day) > 0;
}

/** A study day added: the streak after it, and the missed days before it that freezes were spent on. */
export interface RecordedStudyDay {
  streak: StreakState;
  frozenOn: string[];
}

/** Adds a study day, with the vacations as they are. */
export function recordStudyDay(state: StreakState, day: string, pauses: readonly DayRange[]): RecordedStudyDay {
  if (!isNewStudyDay(state, day)) return { streak: state, frozenOn: [] };
  const { kept, frozenOn } = bridged(state, addDays(day, -1), pauses);
  const current = kept ? kept.current + 1 : 1;
  const held = kept?.freezes ?? 0;
  const freezes = current % STUDY_DAYS_PER_FREEZE === 0 ? Math.min(MAX_FREEZES, held + 1) : held;
  const streak = {
    current,
    best: Math.max(state.best, current),
    lastDay: day,
    freezes,
    frozenDays: kept?.frozenDays ?? 0,
    aliveUntil: aliveUntil(day, freezes, pauses),
  };
  return { streak, frozenOn };
}

/**
 * A streak rebuilt from study days (any order, each once), with the vacations
 * as they are: what recording each day as it came would have kept, and every
 * day a freeze was spent on along the way.
 */
export function replayStudyDays(days: Iterable<string>, pauses: readonly DayRange[]): RecordedStudyDay {
  let streak = NO_STREAK;
  const frozenOn: string[] = [];
  for (const day of [...days].sort()) {
    const recorded = recordStudyDay(streak, day, pauses);
    streak = recorded.streak;
    frozenOn.push(...recorded.frozenOn);
  }
  return { streak, frozenOn };
}

/**
 * The streak as it stands today: still alive while its aliveUntil is
 * yesterday or later (today may yet be studied). A last day after today,
 * which a move to a time zone further west can cause, has not lapsed either.
 */
export function liveStreak(state: Pick<StreakState, "current" | "aliveUntil">, today: string): number {
  return state.aliveUntil !== null && state.aliveUntil >= aliveSince(today) ? state.current : 0;
}

/** The earliest aliveUntil of a streak still alive today: yesterday (today may yet be studied). */
export function aliveSince(today: string): string {
  return addDays(today, -1);
}

/**
 * True when a live streak ends tonight unless today is studied: its
 * freezes and vacations do not carry it past today (a reminder's nudge).
 */
export function streakEndsTonight(state: Pick<StreakState, "current" | "aliveUntil">, today: string): boolean {
  return liveStreak(state, today) > 0 && state.aliveUntil !== null && state.aliveUntil < today;
}

/**
 * What `stats` shows today: the streak, with the missed days up to yesterday
 * already frozen (the freezes they take are no longer held), or ended.
 * `frozenOn` are those days: spent as they passed, recorded only at the next study day.
 */
export function streakToday(
  state: StreakState,
  today: string,
  pauses: readonly DayRange[],
): Pick<StreakState, "current" | "best" | "freezes" | "frozenDays"> & { frozenOn: string[] } {
  const { best } = state;
  const { kept, frozenOn } = bridged(state, addDays(today, -1), pauses);
  if (!kept) return { current: 0, best, freezes: 0, frozenDays: 0, frozenOn };
  return { current: kept.current, best, freezes: kept.freezes, frozenDays: kept.frozenDays, frozenOn };
}
