import { describe, expect, it } from "vitest";
import type { Card, Deck } from "../../src/core/deck.js";
import {
  buildQuestion,
  type Direction,
  directionsFor,
  letterIndex,
  optionLetter,
  pickDirection,
  type Question,
} from "../../src/core/question.js";
import { type Rng, seededRng } from "../../src/core/random.js";

function card(id: string, fields: Partial<Card> = {}): Card {
  return { id, front: id.toUpperCase(), back: `Definition of ${id}`, term: id.toUpperCase(), tags: [], ...fields };
}

function deckOf(...cards: Card[]): Deck {
  return { id: "test-deck", title: "Test deck", description: "", cards };
}

function cardIn(deck: Deck, id: string): Card {
  const found = deck.cards.find((c) => c.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

const SEEDS = [1, 2, 3, 42, 1234, 99_999];

/** An rng that always answers the same value: lets a test pin the order of equally good candidates. */
const constantRng =
  (value: number): Rng =>
  () =>
    value;

const animals = deckOf(
  card("cat", { back: "Small domesticated feline", tags: ["mammal", "pet"] }),
  card("dog", { back: "Loyal domesticated canine", tags: ["mammal", "pet"] }),
  card("hamster", { back: "Small rodent kept in cages", tags: ["mammal", "pet"] }),
  card("whale", { back: "Largest marine mammal", tags: ["mammal", "sea"] }),
  card("shark", { back: "Cartilaginous ocean predator", tags: ["fish", "sea"] }),
  card("eagle", { back: "Large bird of prey", tags: ["bird"] }),
  card("sparrow", { back: "Small brown songbird", tags: ["bird"] }),
);

function optionTexts(question: Question): string[] {
  return question.options.map((option) => option.text);
}

describe("buildQuestion by term", () => {
  const question = buildQuestion(animals, cardIn(animals, "cat"), "term", seededRng(7));

  it("shows the definition and offers short labels", () => {
    expect(question).toMatchObject({ deckId: "test-deck", cardId: "cat", direction: "term" });
    expect(question.prompt).toBe("Small domesticated feline");
    expect(question.options).toHaveLength(4);
    for (const option of question.options) expect(option.text).toBe(option.cardId.toUpperCase());
  });

  it("puts the right answer at correctIndex, exactly once", () => {
    expect(question.options[question.correctIndex]).toEqual({ cardId: "cat", text: "CAT" });
    expect(question.options.filter((option) => option.cardId === "cat")).toHaveLength(1);
  });

  it("fits short labels on buttons", () => {
    expect(question.optionsInBody).toBe(false);
  });
});

describe("buildQuestion by definition", () => {
  const question = buildQuestion(animals, cardIn(animals, "shark"), "definition", seededRng(7));

  it("asks about the label and offers the backs", () => {
    expect(question.prompt).toBe("SHARK");
    expect(question.options[question.correctIndex]).toEqual({ cardId: "shark", text: "Cartilaginous ocean predator" });
    for (const option of question.options) expect(option.text).toBe(cardIn(animals, option.cardId).back);
  });

  it("asks about the front when the card has no short label", () => {
    const long = "A".repeat(90);
    const deck = deckOf(card("a", { front: long, term: undefined }), card("b"), card("c"), card("d"));
    expect(buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1)).prompt).toBe(long);
  });

  it("uses the front as the label when there is no term", () => {
    const deck = deckOf(card("a", { front: "Short front", term: undefined }), card("b"), card("c"));
    const question = buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1));
    expect(question.prompt).toBe("Short front");
    const byTerm = buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(1));
    expect(byTerm.options[byTerm.correctIndex]?.text).toBe("Short front");
  });
});

describe("optionsInBody", () => {
  const withBack = (back: string) => deckOf(card("a", { back }), card("b"), card("c"), card("d"));

  it("is false when every option fits a button with room for its letter", () => {
    const deck = withBack("x".repeat(70));
    expect(buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1)).optionsInBody).toBe(false);
  });

  it("is true as soon as one option is longer than the button limit minus five", () => {
    const deck = withBack("x".repeat(71));
    expect(buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1)).optionsInBody).toBe(true);
    // The long text is a distractor here, not the right answer: it still moves every option to the body.
    expect(buildQuestion(deck, cardIn(deck, "b"), "definition", seededRng(1)).optionsInBody).toBe(true);
  });

  it("is true when an option has several lines", () => {
    const deck = withBack("- one\n- two");
    expect(buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1)).optionsInBody).toBe(true);
  });

  it("is true for a term up to 80 characters that does not fit with its letter", () => {
    const deck = deckOf(card("a", { term: "t".repeat(80) }), card("b"), card("c"));
    expect(buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(1)).optionsInBody).toBe(true);
  });
});

describe("distractors", () => {
  it("come from the cards sharing the most tags when there are enough of them", () => {
    for (const seed of SEEDS) {
      const question = buildQuestion(animals, cardIn(animals, "cat"), "term", seededRng(seed));
      // dog and hamster share two tags with cat; whale shares one; the others none.
      expect(question.options.map((option) => option.cardId).sort()).toEqual(["cat", "dog", "hamster", "whale"]);
    }
  });

  it("fill up from the next best tag overlap, then from any card", () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const question = buildQuestion(animals, cardIn(animals, "eagle"), "term", seededRng(seed));
      const ids = question.options.map((option) => option.cardId);
      expect(ids).toContain("sparrow");
      for (const id of ids) seen.add(id);
    }
    // The two slots after sparrow are drawn among the five cards sharing nothing with eagle.
    expect(seen.size).toBeGreaterThan(4);
  });

  it("vary with the seed among equally good candidates", () => {
    const picks = new Set(
      SEEDS.map((seed) =>
        buildQuestion(animals, cardIn(animals, "shark"), "term", seededRng(seed))
          .options.map((option) => option.cardId)
          .sort()
          .join(","),
      ),
    );
    expect(picks.size).toBeGreaterThan(1);
  });

  it("never repeat the right answer's text, even with other case and spacing", () => {
    const deck = deckOf(
      card("a", { term: "Kernel" }),
      card("b", { term: "  kernel " }),
      card("c", { term: "KERNEL" }),
      card("d", { term: "Shell" }),
      card("e", { term: "Driver" }),
      card("f", { term: "Scheduler" }),
    );
    for (const seed of SEEDS) {
      const question = buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(seed));
      expect(question.options.map((option) => option.cardId).sort()).toEqual(["a", "d", "e", "f"]);
    }
  });

  it("never offer two options with the same text", () => {
    const deck = deckOf(
      card("a", { back: "first" }),
      card("b", { back: "Same\n  text" }),
      card("c", { back: "same text" }),
      card("d", { back: "SAME TEXT " }),
      card("e", { back: "other" }),
    );
    for (const seed of SEEDS) {
      const question = buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(seed));
      const keys = optionTexts(question).map((text) => text.trim().toLowerCase().replace(/\s+/g, " "));
      expect(new Set(keys).size).toBe(keys.length);
      expect(question.options).toHaveLength(3);
    }
  });

  it("skip a duplicate of the answer among the best-tagged cards and take the next best one", () => {
    const deck = deckOf(
      card("a", { term: "Same", tags: ["t"] }),
      card("b", { term: "same", tags: ["t"] }),
      card("c", { term: "C", tags: ["t"] }),
      card("d", { term: "D", tags: ["t"] }),
      card("e", { term: "E", tags: ["t"] }),
      card("f", { term: "F" }),
    );
    const question = buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(5));
    expect(question.options.map((option) => option.cardId).sort()).toEqual(["a", "c", "d", "e"]);
  });

  it("leave out cards without a label when asking by term", () => {
    const deck = deckOf(
      card("a"),
      card("b", { front: "x".repeat(90), term: undefined }),
      card("c", { front: "multi\nline", term: undefined }),
      card("d"),
      card("e"),
    );
    for (const seed of SEEDS) {
      const question = buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(seed));
      expect(question.options.map((option) => option.cardId).sort()).toEqual(["a", "d", "e"]);
    }
  });
});

describe("small decks", () => {
  it("make fewer options when the deck cannot supply three distinct distractors", () => {
    const deck = deckOf(card("a"), card("b"), card("c"));
    const question = buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(1));
    expect(question.options).toHaveLength(3);
  });

  it("make a two-option question when only one other answer exists", () => {
    const deck = deckOf(card("a"), card("b"));
    const question = buildQuestion(deck, cardIn(deck, "a"), "definition", seededRng(1));
    expect(question.options).toHaveLength(2);
    expect(question.options[question.correctIndex]?.cardId).toBe("a");
  });

  it("throw a clear error when no other card has a different answer", () => {
    const lonely = deckOf(card("a"));
    expect(() => buildQuestion(lonely, cardIn(lonely, "a"), "term", seededRng(1))).toThrow(
      /"a" of deck "test-deck" cannot be asked by term: no other card has a different answer/,
    );
    const twins = deckOf(card("a", { back: "same" }), card("b", { back: " SAME" }));
    expect(() => buildQuestion(twins, cardIn(twins, "a"), "definition", seededRng(1))).toThrow(/no other card/);
  });

  it("throw a clear error when asked by term about a card without a label", () => {
    const deck = deckOf(card("a", { front: "x".repeat(90), term: undefined }), card("b"), card("c"));
    expect(() => buildQuestion(deck, cardIn(deck, "a"), "term", seededRng(1))).toThrow(/has no short label/);
  });
});

describe("determinism and shuffling", () => {
  it("gives the same question for the same seed", () => {
    for (const seed of SEEDS) {
      for (const direction of ["term", "definition"] as const) {
        const first = buildQuestion(animals, cardIn(animals, "dog"), direction, seededRng(seed));
        const second = buildQuestion(animals, cardIn(animals, "dog"), direction, seededRng(seed));
        expect(second).toEqual(first);
      }
    }
  });

  it("moves the right answer around with the seed", () => {
    const positions = new Set(
      Array.from(
        { length: 40 },
        (_, seed) => buildQuestion(animals, cardIn(animals, "dog"), "term", seededRng(seed)).correctIndex,
      ),
    );
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
  });

  it("uses only the rng it is given", () => {
    const low = buildQuestion(animals, cardIn(animals, "eagle"), "term", constantRng(0));
    const high = buildQuestion(animals, cardIn(animals, "eagle"), "term", constantRng(0.999));
    expect(buildQuestion(animals, cardIn(animals, "eagle"), "term", constantRng(0))).toEqual(low);
    expect(high.options.map((option) => option.cardId)).not.toEqual(low.options.map((option) => option.cardId));
  });
});

describe("directionsFor", () => {
  it("offers both directions for a labelled card in a big enough deck", () => {
    expect(directionsFor(animals, cardIn(animals, "cat"))).toEqual(["term", "definition"]);
  });

  it("drops the term direction for a card without a label", () => {
    const deck = deckOf(card("a", { front: "x".repeat(90), term: undefined }), card("b"), card("c"), card("d"));
    expect(directionsFor(deck, cardIn(deck, "a"))).toEqual(["definition"]);
    expect(directionsFor(deck, cardIn(deck, "b"))).toEqual(["term", "definition"]);
  });

  it("counts only labelled cards as distractors by term", () => {
    const deck = deckOf(card("a", { front: "x".repeat(90), term: undefined }), card("b"), card("c"));
    expect(directionsFor(deck, cardIn(deck, "b"))).toEqual(["definition"]);
  });

  it("offers nothing when fewer than two distinct other answers exist", () => {
    const one = deckOf(card("a"));
    expect(directionsFor(one, cardIn(one, "a"))).toEqual([]);
    const two = deckOf(card("a"), card("b"));
    expect(directionsFor(two, cardIn(two, "a"))).toEqual([]);
    const twins = deckOf(
      card("a"),
      card("b", { back: "same", term: "Same" }),
      card("c", { back: "SAME", term: "same" }),
    );
    expect(directionsFor(twins, cardIn(twins, "a"))).toEqual([]);
  });

  it("does not count other answers equal to this card's own", () => {
    const deck = deckOf(card("a", { term: "X" }), card("b", { term: "x" }), card("c"));
    expect(directionsFor(deck, cardIn(deck, "a"))).toEqual(["definition"]);
  });

  it("only lists directions buildQuestion can make with at least three options", () => {
    for (const c of animals.cards) {
      for (const direction of directionsFor(animals, c)) {
        expect(buildQuestion(animals, c, direction, seededRng(3)).options.length).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe("pickDirection", () => {
  it("chooses among the possible directions, both over several seeds", () => {
    const picks = new Set<Direction>(
      SEEDS.map((seed) => pickDirection(animals, cardIn(animals, "cat"), seededRng(seed))),
    );
    expect([...picks].sort()).toEqual(["definition", "term"]);
    expect(pickDirection(animals, cardIn(animals, "cat"), constantRng(0))).toBe("term");
    expect(pickDirection(animals, cardIn(animals, "cat"), constantRng(0.99))).toBe("definition");
  });

  it("takes the only possible direction", () => {
    const deck = deckOf(card("a", { front: "x".repeat(90), term: undefined }), card("b"), card("c"));
    for (const seed of SEEDS) expect(pickDirection(deck, cardIn(deck, "a"), seededRng(seed))).toBe("definition");
  });

  it("throws a clear error when the card cannot be asked", () => {
    const deck = deckOf(card("a"));
    expect(() => pickDirection(deck, cardIn(deck, "a"), seededRng(1))).toThrow(/cannot be asked/);
  });
});

describe("option letters", () => {
  it("name options A, B, C, D and onwards", () => {
    expect([0, 1, 2, 3, 4, 25].map(optionLetter)).toEqual(["A", "B", "C", "D", "E", "Z"]);
  });

  it("refuse indexes without a letter", () => {
    for (const index of [-1, 26, 1.5, Number.NaN]) expect(() => optionLetter(index)).toThrow(RangeError);
  });

  it("read back a letter in either case", () => {
    expect(letterIndex("a")).toBe(0);
    expect(letterIndex("b")).toBe(1);
    expect(letterIndex("D")).toBe(3);
    expect(letterIndex(" c ")).toBe(2);
    expect(letterIndex("z")).toBe(25);
  });

  it("reject what is not a single letter", () => {
    for (const input of ["", "ab", "1", "?", "é", " "]) expect(letterIndex(input)).toBeUndefined();
  });

  it("reject letters beyond the number of options", () => {
    expect(letterIndex("d", 4)).toBe(3);
    expect(letterIndex("e", 4)).toBeUndefined();
    expect(letterIndex("c", 2)).toBeUndefined();
  });

  it("round-trip", () => {
    for (let index = 0; index < 26; index++) expect(letterIndex(optionLetter(index), 26)).toBe(index);
  });
});
