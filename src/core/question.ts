import { answerTheSame, BUTTON_TEXT_LIMIT, type Card, cardLabel, type Deck } from "./deck.js";
import { randomIndex, type Rng, shuffled } from "./random.js";

/** "term": the definition is shown and the options are terms; "definition": the other way round. */
export type Direction = "term" | "definition";

export interface QuestionOption {
  cardId: string;
  text: string;
}

export interface Question {
  deckId: string;
  cardId: string;
  direction: Direction;
  /** The side of the card being asked about: its back ("term") or its label ("definition"). Views add the wording. */
  prompt: string;
  options: QuestionOption[];
  correctIndex: number;
  /** Options too long for a button (or multi-line) are listed in the body as A–D; buttons then carry only the letter. */
  optionsInBody: boolean;
}

const DIRECTIONS: readonly Direction[] = ["term", "definition"];
const MAX_OPTIONS = 4;
/** Fewer distractors than this make a question a coin flip, so such a card is not offered for quizzes. */
const MIN_DISTRACTORS_TO_ASK = 2;
/** Leaves room on a button for the "A · " prefix and a " (12)" count once the quiz closes. */
const OPTION_TEXT_BUTTON_LIMIT = BUTTON_TEXT_LIMIT - 5;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Two options a learner cannot tell apart count as the same answer. */
function normalised(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

function answerText(card: Card, direction: Direction): string | undefined {
  return direction === "term" ? cardLabel(card) : card.back;
}

function promptFor(card: Card, direction: Direction): string {
  return direction === "term" ? card.back : (cardLabel(card) ?? card.front);
}

function sharedTagCount(a: Card, b: Card): number {
  const tags = new Set(a.tags);
  return new Set(b.tags.filter((tag) => tags.has(tag))).size;
}

function possibleDistractors(deck: Deck, card: Card): Card[] {
  return deck.cards.filter((other) => other.id !== card.id && !answerTheSame(card, other));
}

/**
 * Other cards as possible distractors, best first: most tags in common with the asked
 * card, and in random order among equally good ones so that seeds give variety.
 */
function rankedCandidates(deck: Deck, card: Card, direction: Direction, rng: Rng): QuestionOption[] {
  const byShared = new Map<number, QuestionOption[]>();
  for (const other of possibleDistractors(deck, card)) {
    const text = answerText(other, direction);
    if (text === undefined) continue;
    const shared = sharedTagCount(card, other);
    const group = byShared.get(shared) ?? [];
    group.push({ cardId: other.id, text });
    byShared.set(shared, group);
  }
  return [...byShared.entries()].sort(([a], [b]) => b - a).flatMap(([, group]) => shuffled(group, rng));
}

/** The best candidates whose texts differ from the right answer and from each other. */
function distinctDistractors(answer: string, candidates: readonly QuestionOption[], limit: number): QuestionOption[] {
  const taken = new Set([normalised(answer)]);
  const chosen: QuestionOption[] = [];
  for (const candidate of candidates) {
    if (chosen.length === limit) break;
    const key = normalised(candidate.text);
    if (taken.has(key)) continue;
    taken.add(key);
    chosen.push(candidate);
  }
  return chosen;
}

/**
 * Whether other cards offer `needed` distinct texts unlike the answer. It stops
 * as soon as they do: every quiz post and every choice drill asks this of each
 * card of the deck, and counting them all made that quadratic in the deck's size.
 */
function hasDistinctDistractors(deck: Deck, card: Card, direction: Direction, answer: string, needed: number): boolean {
  const texts = new Set<string>([normalised(answer)]);
  for (const other of deck.cards) {
    if (other.id === card.id || answerTheSame(card, other)) continue;
    const text = answerText(other, direction);
    if (text !== undefined) texts.add(normalised(text));
    if (texts.size > needed) return true;
  }
  return false;
}

/** The directions this card can be quizzed in: it needs an answer on that side and at least two distinct distractors. */
export function directionsFor(deck: Deck, card: Card): Direction[] {
  return DIRECTIONS.filter((direction) => {
    const answer = answerText(card, direction);
    return answer !== undefined && hasDistinctDistractors(deck, card, direction, answer, MIN_DISTRACTORS_TO_ASK);
  });
}

export function pickDirection(deck: Deck, card: Card, rng: Rng): Direction {
  const directions = directionsFor(deck, card);
  if (directions.length === 0) {
    throw new Error(`Card "${card.id}" of deck "${deck.id}" cannot be asked: the deck has too few distinct answers.`);
  }
  return directions[randomIndex(rng, directions.length)] as Direction;
}

function needsBody(options: readonly QuestionOption[]): boolean {
  return options.some((option) => option.text.length > OPTION_TEXT_BUTTON_LIMIT || option.text.includes("\n"));
}

/**
 * A multiple-choice question on one card: its answer plus up to three distractors,
 * preferring cards that share tags with it. The same rng state gives the same question.
 */
export function buildQuestion(deck: Deck, card: Card, direction: Direction, rng: Rng): Question {
  const answer = answerText(card, direction);
  if (answer === undefined) {
    throw new Error(`Card "${card.id}" of deck "${deck.id}" has no short label, so it cannot be asked by term.`);
  }
  const distractors = distinctDistractors(answer, rankedCandidates(deck, card, direction, rng), MAX_OPTIONS - 1);
  if (distractors.length === 0) {
    throw new Error(
      `Card "${card.id}" of deck "${deck.id}" cannot be asked by ${direction}: no other card has a different answer.`,
    );
  }
  const options = shuffled([{ cardId: card.id, text: answer }, ...distractors], rng);
  return {
    deckId: deck.id,
    cardId: card.id,
    direction,
    prompt: promptFor(card, direction),
    options,
    correctIndex: options.findIndex((option) => option.cardId === card.id),
    optionsInBody: needsBody(options),
  };
}

/** "A" for 0, "B" for 1, … */
export function optionLetter(index: number): string {
  const letter = Number.isInteger(index) ? LETTERS[index] : undefined;
  if (letter === undefined) throw new RangeError(`No option letter for index ${index}`);
  return letter;
}

/** The option index a typed or reacted letter stands for ("b" → 1), if it names one of `optionCount` options. */
export function letterIndex(letter: string, optionCount: number = LETTERS.length): number | undefined {
  const trimmed = letter.trim().toUpperCase();
  const index = trimmed.length === 1 ? LETTERS.indexOf(trimmed) : -1;
  return index >= 0 && index < optionCount ? index : undefined;
}
