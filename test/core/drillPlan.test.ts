import { describe, expect, it } from "vitest";
import { type Deck, validateDeck } from "../../src/core/deck.js";
import { canDrill, isDue, planDrill, summariseMemory } from "../../src/core/drillPlan.js";
import { type MemoryState, newMemory, review } from "../../src/core/fsrs.js";

const DAY = 86_400_000;
const t0 = new Date("2026-11-02T09:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

function deckOf(size: number): Deck {
  const result = validateDeck({
    id: "numbers",
    title: "Numbers",
    cards: Array.from({ length: size }, (_, i) => ({
      id: `c${i}`,
      front: `Front ${i}`,
      back: `Back ${i}`,
      term: `Term ${i}`,
    })),
  });
  if (!("deck" in result)) throw new Error("bad deck");
  return result.deck;
}

/** A card in review, due `dueInDays` after t0: rated Easy on its first sight, backdated so the due day falls right. */
function reviewDueAt(dueDay: number): MemoryState {
  const first = review(newMemory(at(0)), "easy", at(0)).memory;
  return { ...first, due: at(dueDay) };
}

describe("drill plan", () => {
  const deck = deckOf(8);

  it("asks due cards first, most overdue first, then unseen cards in deck order", () => {
    const memories = new Map<string, MemoryState>([
      ["c5", reviewDueAt(3)],
      ["c1", reviewDueAt(1)],
      ["c3", reviewDueAt(2)],
      ["c7", reviewDueAt(30)],
    ]);
    const plan = planDrill({
      cards: deck.cards,
      memories,
      now: at(5),
      startOfTomorrow: at(5.5),
      count: 10,
      newAllowance: 10,
    });
    expect(plan.queue).toEqual(["c1", "c3", "c5", "c0", "c2", "c4", "c6"]);
    expect(plan.newHeldBack).toBe(0);
    expect(plan.nextDue).toEqual(at(30));
  });

  it("keeps to the count, due cards taking precedence over new ones", () => {
    const memories = new Map([
      ["c2", reviewDueAt(1)],
      ["c4", reviewDueAt(2)],
    ]);
    const plan = planDrill({
      cards: deck.cards,
      memories,
      now: at(5),
      startOfTomorrow: at(5.5),
      count: 3,
      newAllowance: 10,
    });
    expect(plan.queue).toEqual(["c2", "c4", "c0"]);
    expect(
      planDrill({ cards: deck.cards, memories, now: at(5), startOfTomorrow: at(5.5), count: 1, newAllowance: 10 })
        .queue,
    ).toEqual(["c2"]);
  });

  it("asks no more reviews than the member's daily allowance, the most overdue first", () => {
    const memories = new Map([
      ["c5", reviewDueAt(3)],
      ["c1", reviewDueAt(1)],
      ["c3", reviewDueAt(2)],
    ]);
    const input = { cards: deck.cards, memories, now: at(5), startOfTomorrow: at(5.5), count: 10, newAllowance: 1 };
    const limited = planDrill({ ...input, reviewAllowance: 2 });
    expect(limited.queue).toEqual(["c1", "c3", "c0"]);
    expect(limited.reviewsHeldBack).toBe(1);
    expect(planDrill({ ...input, reviewAllowance: -4 }).queue).toEqual(["c0"]);
    expect(planDrill(input)).toMatchObject({ queue: ["c1", "c3", "c5", "c0"], reviewsHeldBack: 0 });
  });

  it("starts no more new cards than the day's allowance and says how many wait", () => {
    const plan = planDrill({
      cards: deck.cards,
      memories: new Map(),
      now: t0,
      startOfTomorrow: at(0.6),
      count: 10,
      newAllowance: 3,
    });
    expect(plan.queue).toEqual(["c0", "c1", "c2"]);
    expect(plan.newHeldBack).toBe(5);
    const none = planDrill({
      cards: deck.cards,
      memories: new Map(),
      now: t0,
      startOfTomorrow: at(0.6),
      count: 10,
      newAllowance: 0,
    });
    expect(none).toMatchObject({ queue: [], newHeldBack: 8, nextDue: null });
  });

  it("counts a review card due later today as due, but keeps learning steps to the minute", () => {
    const learning = review(newMemory(t0), "good", t0).memory;
    expect(learning.state).toBe("learning");
    expect(learning.due).toEqual(new Date(t0.getTime() + 10 * 60_000));
    expect(isDue(learning, new Date(t0.getTime() + 5 * 60_000), at(0.6))).toBe(false);
    expect(isDue(learning, new Date(t0.getTime() + 10 * 60_000), at(0.6))).toBe(true);
    const dueTonight = { ...reviewDueAt(0), due: new Date(at(3).getTime() + 8 * 3_600_000) };
    expect(isDue(dueTonight, at(3), at(3.6))).toBe(true);
    expect(isDue(dueTonight, at(2), at(2.6))).toBe(false);
  });

  it("drills in choice mode only cards with distractors, in type mode only cards with a short term", () => {
    const result = validateDeck({
      id: "mixed",
      title: "Mixed",
      cards: [
        { id: "a", front: "A", back: "alpha", term: "A" },
        { id: "long", front: `${"a very long front ".repeat(6)}without a term`, back: "gamma" },
      ],
    });
    if (!("deck" in result)) throw new Error("bad deck");
    const mixed = result.deck;
    const [a, long] = mixed.cards;
    if (!a || !long) throw new Error("cards");
    expect(canDrill(mixed, long, "flip")).toBe(true);
    expect(canDrill(mixed, long, "type")).toBe(false);
    expect(canDrill(mixed, a, "type")).toBe(true);
    // A multiple-choice question needs two other answers; this deck has one.
    expect(canDrill(mixed, a, "choice")).toBe(false);
    expect(canDrill(deck, deck.cards[0] as (typeof deck.cards)[number], "choice")).toBe(true);
  });

  it("summarises learned, due today, mastered and the weakest cards", () => {
    const shaky = review(review(reviewDueAt(3), "again", at(3)).memory, "good", at(3)).memory;
    const solid = { ...reviewDueAt(40), stability: 45 };
    const summary = summariseMemory(
      [
        { deckId: "numbers", cardId: "c0", memory: solid },
        { deckId: "numbers", cardId: "c1", memory: shaky },
        { deckId: "numbers", cardId: "c2", memory: reviewDueAt(4) },
      ],
      at(4),
      at(4.6),
    );
    expect(summary).toMatchObject({ learned: 3, mastered: 1 });
    expect(summary.dueToday).toBe(2);
    expect(summary.weakest.map((weak) => weak.cardId)).toEqual(["c1", "c2", "c0"]);
    expect(summary.weakest[0]?.lapses).toBe(1);
  });
});
