import { z } from "zod";
import { CARD_MAX_TAGS, CARD_TEXT_MAX_CHARS, DECK_MAX_CARDS } from "./limits.js";

/** Longest text that fits on a button on every platform (Slack: 75, Discord: 80). */
export const BUTTON_TEXT_LIMIT = 75;

/**
 * zod's own messages name JavaScript types; deck authors write YAML, where `back:`
 * with nothing after it is null, so they read "Required" / "must not be empty".
 */
const text = () =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? "Required" : issue.input === null ? "must not be empty" : "must be text",
  });

/** A strict object whose type and unknown-key problems read like the YAML the author wrote. */
const fields = <T extends z.core.$ZodLooseShape>(shape: T, what: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}`
        : issue.input === undefined
          ? "Required"
          : `must be a mapping with ${what}`,
  });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (issue) => (issue.input === undefined ? "Required" : `must be a list of ${what}`) });

const lengthOf = (input: unknown) => (Array.isArray(input) || typeof input === "string" ? input.length : 0);

/** A front or a back: some text, short enough to show whole on every platform. */
const cardText = () =>
  text()
    .trim()
    .min(1, "must not be empty")
    .max(CARD_TEXT_MAX_CHARS, {
      error: (issue) =>
        `has ${lengthOf(issue.input).toLocaleString("en-US")} characters: a card's front or back may have at most ${CARD_TEXT_MAX_CHARS.toLocaleString("en-US")}`,
    });

const slug = text().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  "must be a slug: lowercase letters, digits and dashes, e.g. lightweight-sandboxes",
);

export const cardSchema = fields(
  {
    id: slug,
    front: cardText(),
    back: cardText(),
    term: text().trim().min(1, "must not be empty").max(80, "must be at most 80 characters").optional(),
    // A tag named twice means nothing more: kept once, so exports and imports agree.
    tags: list(slug, "tags")
      .max(CARD_MAX_TAGS, {
        error: (issue) => `has ${lengthOf(issue.input)} tags: a card may have at most ${CARD_MAX_TAGS}`,
      })
      .default([])
      .transform((tags) => [...new Set(tags)]),
    /** Cards that answer the same question: never offered as wrong answers for each other. */
    same_as: list(slug, "card ids").optional(),
  },
  "id, front and back",
);

export const deckSchema = fields(
  {
    id: slug,
    title: text().trim().min(1, "must not be empty"),
    description: text().trim().default(""),
    cards: list(cardSchema, "cards")
      .min(1, "a deck needs at least one card")
      .max(DECK_MAX_CARDS, {
        error: (issue) =>
          `has ${lengthOf(issue.input).toLocaleString("en-US")} cards: a deck may have at most ${DECK_MAX_CARDS.toLocaleString("en-US")}`,
      }),
  },
  "id, title and cards",
);

export type Card = z.infer<typeof cardSchema>;
export type Deck = z.infer<typeof deckSchema>;

export interface DeckProblem {
  /** Field path in the deck, e.g. `cards[3].back`; empty for the whole file. */
  path: string;
  message: string;
}

/** `cards[3].back` from zod's `["cards", 3, "back"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Validates parsed YAML as a deck. Pure: the caller reads the file and prefixes
 * problems with its name, so a message reads `decks/x.yaml: cards[3].back: Required`.
 */
export function validateDeck(data: unknown): { deck: Deck } | { problems: DeckProblem[] } {
  const parsed = deckSchema.safeParse(data);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    };
  }
  const deck = parsed.data;
  const problems: DeckProblem[] = [];
  const seen = new Map<string, number>();
  deck.cards.forEach((card, index) => {
    const first = seen.get(card.id);
    if (first !== undefined) {
      problems.push({ path: `cards[${index}].id`, message: `duplicate card id "${card.id}" (also cards[${first}])` });
    } else {
      seen.set(card.id, index);
    }
  });
  deck.cards.forEach((card, index) => {
    (card.same_as ?? []).forEach((other, position) => {
      if (!seen.has(other) || other === card.id) {
        problems.push({ path: `cards[${index}].same_as[${position}]`, message: `no other card has id "${other}"` });
      }
    });
  });
  return problems.length > 0 ? { problems } : { deck };
}

/** True when either card names the other in `same_as`: both are right answers to the same prompt. */
export function answerTheSame(a: Card, b: Card): boolean {
  return (a.same_as ?? []).includes(b.id) || (b.same_as ?? []).includes(a.id);
}

/** The short label a card shows as a choice: its term, else its front when that is short enough. */
export function cardLabel(card: Card): string | undefined {
  if (card.term) return card.term;
  return card.front.length <= BUTTON_TEXT_LIMIT && !card.front.includes("\n") ? card.front : undefined;
}
