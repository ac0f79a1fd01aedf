import { answerTheSame, type Card, cardLabel, type Deck } from "./deck.js";
import type { DrillRating } from "./fsrs.js";

/**
 * Grading a typed term. Both sides are normalised the same way, so what the
 * learner cannot see or does not control (case, accents, punctuation, spacing,
 * a leading article, a plural) never costs them; a few typos, proportional to
 * the length of the term, make a near miss; the term of another card is wrong
 * however close it is to this one.
 */

export type TypedVerdict = "correct" | "near-miss" | "wrong";

export interface TypedGrade {
  verdict: TypedVerdict;
  /** Right → Good; a near miss was recalled but not exactly → Hard; wrong → Again. */
  rating: DrillRating;
  /** The spelling to show: the card's term. */
  expected: string;
  /** Set when the answer is another card's term: the learner mixed the two up. */
  otherCardId?: string;
}

const RATING_OF: Record<TypedVerdict, DrillRating> = { correct: "good", "near-miss": "hard", wrong: "again" };

/** One typo allowed per this many characters of the (normalised) term; shorter terms must be exact. */
export const CHARACTERS_PER_TYPO = 5;

const LEADING_ARTICLE = /^(?:the|a|an|le|la|les|l|un|une|des|el|los|las|der|die|das|ein|eine|il|lo|gli)\s+/;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** English plurals: "containers" → "container", "boxes" → "box", "processes" → "process"; not "ss", "us" or "is" ("virus"). */
function singular(word: string): string {
  if (word.length > 4 && /(?:ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 2 && word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * "The Kata-Containers!" → "katacontainer": no case, accents, punctuation,
 * leading article, plural endings or spaces ("fire cracker" is "firecracker").
 */
export function normaliseAnswer(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, " ")
    .trim()
    .replace(LEADING_ARTICLE, "")
    .split(" ")
    .filter((word) => word !== "");
  return words.map(singular).join("");
}

/** How many edits a term of this length tolerates: 0 up to 4 characters, 1 up to 9, 2 up to 14, … */
export function typoBudget(normalisedLength: number): number {
  return Math.floor(normalisedLength / CHARACTERS_PER_TYPO);
}

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours,
 * the most common typing slip), giving up at `limit + 1`.
 */
export function typingDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return Math.min(rows[a.length]?.[b.length] ?? limit + 1, limit + 1);
}

/**
 * The spellings that count as this card's term: the label, and the label
 * without a parenthesised note ("Sandbox (security)" also takes "sandbox").
 */
export function acceptedAnswers(card: Card): string[] {
  const label = cardLabel(card);
  if (label === undefined) return [];
  const withoutNote = label.replace(/\s*\([^)]*\)\s*/g, " ").trim();
  return [...new Set([label, withoutNote].filter((answer) => answer !== ""))];
}

/** The fewest edits from `typed` to one of these terms, if within that term's typo budget. */
function distanceWithinBudget(typed: string, terms: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const term of terms.map(normaliseAnswer)) {
    const budget = typoBudget(term.length);
    const distance = typingDistance(typed, term, budget);
    if (distance <= budget && (best === undefined || distance < best)) best = distance;
  }
  return best;
}

/** Grades what the learner typed for `card`, against the terms of the other cards of its deck. */
export function gradeTyped(answer: string, card: Card, deck: Deck): TypedGrade {
  const expected = cardLabel(card) ?? card.front;
  const typed = normaliseAnswer(answer);
  if (typed === "") return { verdict: "wrong", rating: RATING_OF.wrong, expected };
  // Cards marked same_as answer the same prompt: their terms are right here too, never a confusion.
  const twins = deck.cards.filter((other) => other.id !== card.id && answerTheSame(card, other));
  const own = distanceWithinBudget(typed, [card, ...twins].flatMap(acceptedAnswers));
  if (own === 0) return { verdict: "correct", rating: RATING_OF.correct, expected };

  // Another card's term, or at least as close to one as to this card's: a confusion, not a typo.
  let rival: { id: string; distance: number } | undefined;
  for (const other of deck.cards) {
    if (other.id === card.id || twins.includes(other)) continue;
    const distance = distanceWithinBudget(typed, acceptedAnswers(other));
    if (distance !== undefined && (rival === undefined || distance < rival.distance))
      rival = { id: other.id, distance };
  }
  if (rival && (own === undefined || rival.distance <= own)) {
    return { verdict: "wrong", rating: RATING_OF.wrong, expected, otherCardId: rival.id };
  }
  const verdict: TypedVerdict = own === undefined ? "wrong" : "near-miss";
  return { verdict, rating: RATING_OF[verdict], expected };
}
