export const POINTS_FOR_RIGHT_ANSWER = 10;
/** Rewards the quickest right answers of a quiz: the first gets 5 more, the fifth 1 more. */
export const SPEED_BONUSES: readonly number[] = [5, 4, 3, 2, 1];

/** Points for one channel-quiz answer, given how many right answers the quiz had before it. */
export function pointsForAnswer(correct: boolean, correctAnswersBefore: number): number {
  if (!Number.isInteger(correctAnswersBefore) || correctAnswersBefore < 0) {
    throw new RangeError(`correctAnswersBefore must be a whole number ≥ 0, got ${correctAnswersBefore}`);
  }
  if (!correct) return 0;
  return POINTS_FOR_RIGHT_ANSWER + (SPEED_BONUSES[correctAnswersBefore] ?? 0);
}

/** Share of right answers in [0, 1]; undefined when nothing was answered, so "no data" is not shown as 0%. */
export function accuracy(correct: number, answered: number): number | undefined {
  return answered === 0 ? undefined : correct / answered;
}

/**
 * "83%". Rounds to the nearest percent, except that only a perfect record reads 100% and
 * only a record with no right answer reads 0%. No accuracy at all reads "—".
 */
export function formatAccuracy(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "—";
  const percent = Math.round(value * 100);
  if (percent >= 100 && value < 1) return "99%";
  if (percent <= 0 && value > 0) return "1%";
  return `${percent}%`;
}
