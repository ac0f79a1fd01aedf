import { randomIndex, type Rng } from "./random.js";

export interface CardAccuracy {
  answered: number;
  correct: number;
}

function pickOne(ids: readonly string[], rng: Rng): string {
  return ids[randomIndex(rng, ids.length)] as string;
}

/** The candidates without the card just asked, unless it is the only one. */
function withoutLast(ids: readonly string[], lastCardId: string | undefined): string[] {
  const others = ids.filter((id) => id !== lastCardId);
  return others.length > 0 ? others : [...ids];
}

function requireCards(cardIds: readonly string[]): string[] {
  const unique = [...new Set(cardIds)];
  if (unique.length === 0) throw new Error("No card to choose from.");
  return unique;
}

/**
 * Rotation: no card comes back until every card has been asked in this cycle. A new
 * cycle starts when every card is used, or none is (a fresh channel, or `used` only
 * holds cards the deck no longer has); its first card is not the one just asked.
 */
export function chooseByRotation(
  cardIds: readonly string[],
  used: ReadonlySet<string>,
  rng: Rng,
  lastCardId?: string,
): { cardId: string; startsNewCycle: boolean } {
  const ids = requireCards(cardIds);
  const unused = ids.filter((id) => !used.has(id));
  if (unused.length > 0 && unused.length < ids.length) return { cardId: pickOne(unused, rng), startsNewCycle: false };
  return { cardId: pickOne(withoutLast(ids, lastCardId), rng), startsNewCycle: true };
}

/** Laplace-smoothed accuracy: an unasked card counts as 50%, and one lucky answer does not make a card "mastered". */
function smoothedAccuracy(stats: CardAccuracy | undefined): { numerator: number; denominator: number } {
  return { numerator: (stats?.correct ?? 0) + 1, denominator: (stats?.answered ?? 0) + 2 };
}

/** Negative when card a is weaker than b; compares fractions by cross-multiplying so ties are exact. */
function compareWeakness(a: CardAccuracy | undefined, b: CardAccuracy | undefined): number {
  const x = smoothedAccuracy(a);
  const y = smoothedAccuracy(b);
  return x.numerator * y.denominator - y.numerator * x.denominator;
}

/** Weakest first: the card with the lowest smoothed accuracy, ties broken at random, never the card just asked if another exists. */
export function chooseWeakest(
  cardIds: readonly string[],
  stats: ReadonlyMap<string, CardAccuracy>,
  rng: Rng,
  lastCardId?: string,
): string {
  const candidates = withoutLast(requireCards(cardIds), lastCardId);
  let weakest: string[] = [];
  for (const id of candidates) {
    const order = weakest[0] === undefined ? -1 : compareWeakness(stats.get(id), stats.get(weakest[0]));
    if (order < 0) weakest = [id];
    else if (order === 0) weakest.push(id);
  }
  return pickOne(weakest, rng);
}
