/**
 * Paired rounds: the floor and studybot run back to back, round after round,
 * so whatever else the machine does hits both members of a pair alike. The
 * ratio of each pair cancels most of that load; the median ratio and its
 * interquartile range say what the figure is and how far it can be trusted.
 */

/** One round of the floor and the round of studybot next to it, in the figure's unit. */
export interface Pair {
  floor: number;
  value: number;
}

/** The middle half of a set of values, and its middle. */
export interface Spread {
  median: number;
  q1: number;
  q3: number;
}

/** Leading pairs run only to warm up (JIT, page cache, the fake's sockets) and left out of every figure. */
export const WARM_UP_PAIRS = 1;

/** Quantile with linear interpolation between closest ranks (R's type 7, the usual default). */
export function quantile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/** The pairs that count: all but the warm-up. */
export const countedPairs = (pairs: readonly Pair[], warmUp: number): Pair[] => pairs.slice(warmUp);

/** studybot ÷ floor for each counted pair, summarised. */
export function pairedRatio(pairs: readonly Pair[], warmUp: number): Spread {
  return spreadOf(countedPairs(pairs, warmUp).map((pair) => pair.value / pair.floor));
}

/**
 * Two figures whose ratios' middle halves overlap are not told apart by the
 * runs that measured them: a difference between their medians is noise, not
 * a change.
 */
export function spreadsOverlap(a: Spread, b: Spread): boolean {
  return a.q1 <= b.q3 && b.q1 <= a.q3;
}
