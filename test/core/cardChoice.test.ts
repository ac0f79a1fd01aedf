import { describe, expect, it } from "vitest";
import { type CardAccuracy, chooseByRotation, chooseWeakest } from "../../src/core/cardChoice.js";
import { type Rng, seededRng } from "../../src/core/random.js";

const CARDS = ["a", "b", "c", "d", "e", "f", "g"];
const SEEDS = [1, 2, 3, 42, 2026];

/** Plays a channel's rotation the way the quiz service does: a new cycle forgets the used cards. */
function rotate(cardIds: readonly string[], count: number, rng: Rng): { asked: string[]; newCycles: number[] } {
  const used = new Set<string>();
  const asked: string[] = [];
  const newCycles: number[] = [];
  for (let turn = 0; turn < count; turn++) {
    const { cardId, startsNewCycle } = chooseByRotation(cardIds, used, rng, asked.at(-1));
    if (startsNewCycle) {
      used.clear();
      newCycles.push(turn);
    }
    used.add(cardId);
    asked.push(cardId);
  }
  return { asked, newCycles };
}

describe("chooseByRotation", () => {
  it("asks every card exactly once before any card repeats", () => {
    for (const seed of SEEDS) {
      const { asked, newCycles } = rotate(CARDS, CARDS.length * 3, seededRng(seed));
      for (let cycle = 0; cycle < 3; cycle++) {
        expect(asked.slice(cycle * CARDS.length, (cycle + 1) * CARDS.length).sort()).toEqual(CARDS);
      }
      expect(newCycles).toEqual([0, 7, 14]);
    }
  });

  it("never asks the same card twice in a row, even across a new cycle", () => {
    for (const seed of SEEDS) {
      const { asked } = rotate(CARDS, 200, seededRng(seed));
      for (let turn = 1; turn < asked.length; turn++) expect(asked[turn]).not.toBe(asked[turn - 1]);
    }
  });

  it("is deterministic for a seed and varies between seeds", () => {
    expect(rotate(CARDS, 21, seededRng(9)).asked).toEqual(rotate(CARDS, 21, seededRng(9)).asked);
    const orders = new Set(SEEDS.map((seed) => rotate(CARDS, 7, seededRng(seed)).asked.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("chooses only among the cards not used in this cycle", () => {
    for (const seed of SEEDS) {
      const choice = chooseByRotation(CARDS, new Set(["a", "b", "c", "d", "e"]), seededRng(seed), "e");
      expect(["f", "g"]).toContain(choice.cardId);
      expect(choice.startsNewCycle).toBe(false);
    }
  });

  it("starts a new cycle, avoiding the card just asked, when every card is used", () => {
    for (const seed of SEEDS) {
      const choice = chooseByRotation(CARDS, new Set(CARDS), seededRng(seed), "c");
      expect(choice.startsNewCycle).toBe(true);
      expect(choice.cardId).not.toBe("c");
    }
  });

  it("starts a new cycle when used holds only cards the deck no longer has", () => {
    const choice = chooseByRotation(["a", "b"], new Set(["gone", "removed"]), seededRng(1));
    expect(choice.startsNewCycle).toBe(true);
    expect(["a", "b"]).toContain(choice.cardId);
  });

  it("starts the first cycle of a fresh channel", () => {
    expect(chooseByRotation(CARDS, new Set(), seededRng(1)).startsNewCycle).toBe(true);
  });

  it("ignores used cards the deck no longer has while a cycle goes on", () => {
    const choice = chooseByRotation(["a", "b", "c"], new Set(["a", "gone"]), seededRng(1));
    expect(choice.startsNewCycle).toBe(false);
    expect(["b", "c"]).toContain(choice.cardId);
  });

  it("asks the only card of a one-card deck again", () => {
    expect(chooseByRotation(["a"], new Set(["a"]), seededRng(1), "a")).toEqual({ cardId: "a", startsNewCycle: true });
  });

  it("does not favour a card listed twice", () => {
    const counts = new Map<string, number>();
    const rng = seededRng(5);
    for (let i = 0; i < 2_000; i++) {
      const { cardId } = chooseByRotation(["a", "a", "a", "b"], new Set(), rng);
      counts.set(cardId, (counts.get(cardId) ?? 0) + 1);
    }
    expect(counts.get("b")).toBeGreaterThan(800);
  });

  it("throws on an empty deck", () => {
    expect(() => chooseByRotation([], new Set(), seededRng(1))).toThrow(/No card/);
  });
});

describe("chooseWeakest", () => {
  const stats = new Map<string, CardAccuracy>([
    ["a", { answered: 10, correct: 9 }],
    ["b", { answered: 10, correct: 2 }],
    ["c", { answered: 4, correct: 2 }],
    ["d", { answered: 10, correct: 6 }],
  ]);

  it("picks the card with the lowest accuracy", () => {
    for (const seed of SEEDS) expect(chooseWeakest(["a", "b", "c", "d"], stats, seededRng(seed))).toBe("b");
  });

  it("counts a card nobody answered as 50%", () => {
    // e: (0+1)/(0+2) = 50%, d: (6+1)/(10+2) ≈ 58%, a: ≈ 83%.
    expect(chooseWeakest(["a", "d", "e"], stats, seededRng(1))).toBe("e");
    // b: (2+1)/(10+2) = 25% is weaker than an unasked card.
    expect(chooseWeakest(["b", "e"], stats, seededRng(1))).toBe("b");
  });

  it("smooths small samples: one wrong answer is not worse than many mostly wrong ones", () => {
    const sample = new Map<string, CardAccuracy>([
      ["once-wrong", { answered: 1, correct: 0 }], // 1/3 ≈ 33%
      ["often-wrong", { answered: 20, correct: 4 }], // 5/22 ≈ 23%
    ]);
    expect(chooseWeakest(["once-wrong", "often-wrong"], sample, seededRng(1))).toBe("often-wrong");
  });

  it("breaks exact ties at random, deterministically per seed", () => {
    // c (3/6) and two unasked cards (1/2) are all at exactly 50%.
    const tied = ["c", "x", "y"];
    const picks = new Set(Array.from({ length: 30 }, (_, seed) => chooseWeakest(tied, stats, seededRng(seed))));
    expect([...picks].sort()).toEqual(tied);
    for (const seed of SEEDS) {
      expect(chooseWeakest(tied, stats, seededRng(seed))).toBe(chooseWeakest(tied, stats, seededRng(seed)));
    }
  });

  it("never asks the card just asked when another exists", () => {
    for (const seed of SEEDS) {
      expect(chooseWeakest(["a", "b", "c", "d"], stats, seededRng(seed), "b")).toBe("c");
    }
  });

  it("asks the last card again when it is the only one", () => {
    expect(chooseWeakest(["b"], stats, seededRng(1), "b")).toBe("b");
  });

  it("does not repeat a card back to back over a run of quizzes", () => {
    const live = new Map<string, CardAccuracy>();
    const rng = seededRng(11);
    const asked: string[] = [];
    for (let quiz = 0; quiz < 100; quiz++) {
      const cardId = chooseWeakest(CARDS, live, rng, asked.at(-1));
      expect(cardId).not.toBe(asked.at(-1));
      const before = live.get(cardId) ?? { answered: 0, correct: 0 };
      // Card "a" is always missed; the others are always right.
      live.set(cardId, { answered: before.answered + 1, correct: before.correct + (cardId === "a" ? 0 : 1) });
      asked.push(cardId);
    }
    // Once missed, the hardest card comes back every other quiz, and only then.
    const first = asked.indexOf("a");
    expect(first).toBeGreaterThanOrEqual(0);
    asked.slice(first).forEach((cardId, turn) => {
      expect(cardId === "a", `turn ${first + turn}`).toBe(turn % 2 === 0);
    });
  });

  it("throws on an empty deck", () => {
    expect(() => chooseWeakest([], stats, seededRng(1))).toThrow(/No card/);
  });
});
