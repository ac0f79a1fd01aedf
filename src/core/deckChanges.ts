import { clip } from "./clip.js";
import type { Deck } from "./deck.js";

/** What a card said in an earlier version of its deck. */
export interface CardText {
  front: string;
  back: string;
}

/** A card that kept its id while its text became something else: its progress now belongs to another card. */
export interface DriftedCard {
  cardId: string;
  side: "front" | "back";
  before: string;
  after: string;
}

export interface DeckChanges {
  added: string[];
  removed: string[];
  edited: string[];
  drifted: DriftedCard[];
}

/** Below this share of shared text, an edited side reads as another card. */
const DRIFT_THRESHOLD = 0.5;

function bigrams(text: string): Map<string, number> {
  const normalized = ` ${text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()} `;
  const counts = new Map<string, number>();
  for (let at = 0; at < normalized.length - 1; at += 1) {
    const pair = normalized.slice(at, at + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/**
 * How much of the shorter text the longer one still contains (overlap of
 * character pairs, 0 to 1). Fixing a typo or adding a line keeps it high;
 * writing about something else brings it near 0.
 */
export function textOverlap(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  const size = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const smaller = Math.min(size(left), size(right));
  return smaller === 0 ? 1 : shared / smaller;
}

/** Compares a deck with the card texts of an earlier version, by card id. */
export function compareCards(before: ReadonlyMap<string, CardText>, after: Deck): DeckChanges {
  const changes: DeckChanges = { added: [], removed: [], edited: [], drifted: [] };
  const present = new Set<string>();
  for (const card of after.cards) {
    present.add(card.id);
    const old = before.get(card.id);
    if (!old) {
      changes.added.push(card.id);
      continue;
    }
    if (old.front === card.front && old.back === card.back) continue;
    changes.edited.push(card.id);
    const side =
      textOverlap(old.front, card.front) < DRIFT_THRESHOLD
        ? "front"
        : textOverlap(old.back, card.back) < DRIFT_THRESHOLD
          ? "back"
          : undefined;
    if (side) changes.drifted.push({ cardId: card.id, side, before: old[side], after: card[side] });
  }
  changes.removed = [...before.keys()].filter((id) => !present.has(id));
  return changes;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return `"${clip(line, 40)}"`;
}

/** One line for a terminal, a log or a chat reply. */
export function driftWarning(deckId: string, drift: DriftedCard): string {
  return `${deckId}: card "${drift.cardId}" changed its ${drift.side} from ${quote(drift.before)} to ${quote(drift.after)}: if it is another card now, give it a new id (progress follows the id)`;
}
