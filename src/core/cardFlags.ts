import type { Deck } from "./deck.js";

/** Why a member reports a card: a short note for the admins, as long as the report forms take. */
export const REASON_MAX_CHARS = 500;

export const FLAG_EXAMPLE = 'flag lightweight-sandboxes gvisor "the back says writting"';

/**
 * The deck as quizzes and drills see it: without the cards an admin skipped.
 * Skipped cards are not offered as wrong options either, since they were
 * skipped for being wrong.
 */
export function withoutSkipped(deck: Deck, skipped: ReadonlySet<string>): Deck {
  return skipped.size === 0 ? deck : { ...deck, cards: deck.cards.filter((card) => !skipped.has(card.id)) };
}
