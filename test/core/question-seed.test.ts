import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Card, type Deck, validateDeck } from "../../src/core/deck.js";
import { buildQuestion, directionsFor, type Question } from "../../src/core/question.js";
import { seededRng } from "../../src/core/random.js";

const deckFile = fileURLToPath(new URL("../../decks/lightweight-sandboxes.yaml", import.meta.url));

function loadSeedDeck(): Deck {
  const result = validateDeck(parse(readFileSync(deckFile, "utf8")));
  if ("problems" in result) throw new Error(`seed deck is invalid: ${JSON.stringify(result.problems)}`);
  return result.deck;
}

const deck = loadSeedDeck();
const DIRECTIONS = ["term", "definition"] as const;
const SEEDS = [0, 1, 2, 3, 7, 42, 2026, 31_337];

const normalised = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

function sharedTags(a: Card, b: Card): number {
  return a.tags.filter((tag) => b.tags.includes(tag)).length;
}

function cardById(id: string): Card {
  const found = deck.cards.find((card) => card.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

/** Every question the tests look at: each card, both directions, several seeds. */
const cases = deck.cards.flatMap((card) =>
  DIRECTIONS.flatMap((direction) => SEEDS.map((seed) => ({ card, direction, seed }))),
);

function distractorIds(question: Question): string[] {
  return question.options.filter((option) => option.cardId !== question.cardId).map((option) => option.cardId);
}

describe("questions over the lightweight-sandboxes deck", () => {
  it("has cards whose labels and backs are all distinct, so every question can have four options", () => {
    expect(deck.cards.length).toBeGreaterThanOrEqual(4);
    expect(new Set(deck.cards.map((card) => normalised(card.term ?? card.front))).size).toBe(deck.cards.length);
    expect(new Set(deck.cards.map((card) => normalised(card.back))).size).toBe(deck.cards.length);
  });

  it("can ask every card in both directions", () => {
    for (const card of deck.cards) expect(directionsFor(deck, card), card.id).toEqual(["term", "definition"]);
  });

  it.each(cases)(
    "$card.id by $direction, seed $seed: four distinct options, the right one once at correctIndex",
    ({ card, direction, seed }) => {
      const question = buildQuestion(deck, card, direction, seededRng(seed));
      expect(question.options).toHaveLength(4);
      expect(new Set(question.options.map((option) => normalised(option.text))).size).toBe(4);
      expect(new Set(question.options.map((option) => option.cardId)).size).toBe(4);
      expect(question.options.filter((option) => option.cardId === card.id)).toHaveLength(1);
      expect(question.options[question.correctIndex]?.cardId).toBe(card.id);
      const expectedAnswer = direction === "term" ? card.term : card.back;
      expect(question.options[question.correctIndex]?.text).toBe(expectedAnswer);
      expect(question.prompt).toBe(direction === "term" ? card.back : card.term);
    },
  );

  it("gives an identical question for the same seed", () => {
    for (const { card, direction, seed } of cases) {
      expect(buildQuestion(deck, card, direction, seededRng(seed))).toEqual(
        buildQuestion(deck, card, direction, seededRng(seed)),
      );
    }
  });

  it("takes the distractors sharing the most tags with the card", () => {
    for (const { card, direction, seed } of cases) {
      const question = buildQuestion(deck, card, direction, seededRng(seed));
      const chosen = distractorIds(question).map((id) => sharedTags(card, cardById(id)));
      const best = deck.cards
        .filter((other) => other.id !== card.id)
        .map((other) => sharedTags(card, other))
        .sort((a, b) => b - a)
        .slice(0, 3);
      expect(
        chosen.sort((a, b) => b - a),
        `${card.id} ${direction} ${seed}`,
      ).toEqual(best);
    }
  });

  it("offers tag-mates of gVisor as its distractors", () => {
    for (const seed of SEEDS) {
      const ids = distractorIds(buildQuestion(deck, cardById("gvisor"), "term", seededRng(seed)));
      for (const id of ids) expect(cardById(id).tags).toContain("sandbox-runtimes");
    }
  });

  it("varies the distractors with the seed", () => {
    const sets = new Set(
      SEEDS.map((seed) =>
        distractorIds(buildQuestion(deck, cardById("gvisor"), "term", seededRng(seed)))
          .sort()
          .join(),
      ),
    );
    expect(sets.size).toBeGreaterThan(1);
  });

  it("shows the long backs in the body and puts the short terms on buttons", () => {
    for (const card of deck.cards) {
      expect(buildQuestion(deck, card, "definition", seededRng(1)).optionsInBody, card.id).toBe(true);
    }
    const onButtons = deck.cards.filter((card) => !buildQuestion(deck, card, "term", seededRng(1)).optionsInBody);
    expect(onButtons).toHaveLength(deck.cards.length);
  });

  /** Both cards define a sandbox: `same_as` in the deck keeps each from being a wrong answer for the other. */
  it("never offers one definition of a sandbox as a wrong answer for the other", () => {
    for (const seed of Array.from({ length: 200 }, (_, index) => index)) {
      for (const direction of DIRECTIONS) {
        for (const [asked, other] of [
          ["sandbox", "sandbox-security"],
          ["sandbox-security", "sandbox"],
        ] as const) {
          expect(distractorIds(buildQuestion(deck, cardById(asked), direction, seededRng(seed)))).not.toContain(other);
        }
      }
    }
  });
});
