import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Card, Deck } from "../../src/core/deck.js";
import { gradeTyped, normaliseAnswer } from "../../src/core/drillGrading.js";

/** Any Unicode: lone surrogates, combining marks, NUL, emoji, right-to-left text. */
const anyText = fc.string({ unit: "binary", maxLength: 60 });

const card = (index: number, term: string, front: string): Card => ({
  id: `card-${index}`,
  front: front.trim() || `front ${index}`,
  back: `back ${index}`,
  ...(term.trim() ? { term: term.trim().slice(0, 80) } : {}),
  tags: [],
});

const deck = fc.array(fc.tuple(anyText, anyText), { minLength: 1, maxLength: 6 }).map(
  (sides): Deck => ({
    id: "any",
    title: "Any",
    description: "",
    cards: sides.map(([term, front], index) => card(index, term, front)),
  }),
);

describe("typed-answer grading (property)", () => {
  it("grades anything typed against any deck, without throwing", () => {
    fc.assert(
      fc.property(deck, fc.nat(), anyText, (cards, pick, typed) => {
        const asked = cards.cards[pick % cards.cards.length] as Card;
        const grade = gradeTyped(typed, asked, cards);
        expect(["correct", "near-miss", "wrong"]).toContain(grade.verdict);
        expect(typeof grade.expected).toBe("string");
        if (grade.otherCardId !== undefined) expect(cards.cards.map((c) => c.id)).toContain(grade.otherCardId);
      }),
      { numRuns: 1500 },
    );
  });

  it("takes a card's own term, typed exactly, as right whenever the term has letters or digits", () => {
    fc.assert(
      fc.property(deck, fc.nat(), (cards, pick) => {
        const asked = cards.cards[pick % cards.cards.length] as Card;
        fc.pre(asked.term !== undefined && normaliseAnswer(asked.term) !== "");
        expect(gradeTyped(asked.term ?? "", asked, cards).verdict).toBe("correct");
      }),
      { numRuns: 1000 },
    );
  });

  it("normalises any Unicode to letters and digits only", () => {
    fc.assert(
      fc.property(anyText, (typed) => {
        expect(normaliseAnswer(typed)).toMatch(/^[\p{L}\p{N}]*$/u);
      }),
      { numRuns: 2000 },
    );
  });
});
