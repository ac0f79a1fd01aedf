import { describe, expect, it } from "vitest";
import { answerTheSame, validateDeck } from "../../src/core/deck.js";

const card = (id: string, extra: object = {}) => ({ id, front: `front ${id}`, back: `back ${id}`, ...extra });

describe("same_as", () => {
  it("must name another card of the deck", () => {
    const result = validateDeck({
      id: "d",
      title: "D",
      cards: [card("a", { same_as: ["b", "zzz", "a"] }), card("b")],
    });
    expect(result).toEqual({
      problems: [
        { path: "cards[0].same_as[1]", message: 'no other card has id "zzz"' },
        { path: "cards[0].same_as[2]", message: 'no other card has id "a"' },
      ],
    });
  });

  it("works in both directions once named on either card", () => {
    const result = validateDeck({ id: "d", title: "D", cards: [card("a", { same_as: ["b"] }), card("b"), card("c")] });
    if (!("deck" in result)) throw new Error("deck should be valid");
    const [a, b, c] = result.deck.cards;
    if (!a || !b || !c) throw new Error("three cards expected");
    expect(answerTheSame(a, b)).toBe(true);
    expect(answerTheSame(b, a)).toBe(true);
    expect(answerTheSame(a, c)).toBe(false);
  });
});

describe("tags", () => {
  it("keeps a tag named twice once", () => {
    const result = validateDeck({ id: "d", title: "D", cards: [card("a", { tags: ["x", "y", "x"] })] });
    expect(result).toMatchObject({ deck: { cards: [{ tags: ["x", "y"] }] } });
  });
});
