import type { Deck } from "./deck.js";
import { fail, ok, type Parsed } from "./grammar/parsed.js";

/** Why a member reports a card: a short note for the admins, as long as the report forms take. */
export const REASON_MAX_CHARS = 500;

export const FLAG_EXAMPLE = 'flag lightweight-sandboxes gvisor "the back says writting"';

/** A reason as typed or submitted: trimmed, not empty, at most REASON_MAX_CHARS characters. */
export function checkReason(typed: string): Parsed<string> {
  const reason = typed.trim();
  if (reason === "") return fail(`Say what is wrong with the card, such as: ${FLAG_EXAMPLE}`);
  if (reason.length > REASON_MAX_CHARS) {
    return fail(`That reason has ${reason.length} characters: a reason has at most ${REASON_MAX_CHARS}.`);
  }
  return ok(reason);
}

/**
 * The deck as quizzes and drills see it: without the cards an admin skipped.
 * Skipped cards are not offered as wrong options either, since they were
 * skipped for being wrong.
 */
export function withoutSkipped(deck: Deck, skipped: ReadonlySet<string>): Deck {
  return skipped.size === 0 ? deck : { ...deck, cards: deck.cards.filter((card) => !skipped.has(card.id)) };
}
