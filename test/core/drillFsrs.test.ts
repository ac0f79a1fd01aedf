import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { formatInterval, newMemory, nextDueByRating, retrievability, review } from "../../src/core/fsrs.js";

const now = new Date("2026-11-02T09:00:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;

describe("FSRS wrapper", () => {
  it("is ts-fsrs with its default parameters: same card, same log", () => {
    const reference = fsrs().next(createEmptyCard(now), now, Rating.Hard);
    const { memory, record } = review(newMemory(now), "hard", now);
    expect(memory).toEqual({
      due: reference.card.due,
      stability: reference.card.stability,
      difficulty: reference.card.difficulty,
      elapsedDays: reference.card.elapsed_days,
      scheduledDays: reference.card.scheduled_days,
      learningSteps: reference.card.learning_steps,
      reps: 1,
      lapses: 0,
      state: "learning",
      lastReview: now,
    });
    expect(record).toMatchObject({
      rating: "hard",
      stateBefore: "new",
      dueBefore: now,
      reviewedAt: now,
      stabilityBefore: 0,
    });
  });

  it("previews when each rating brings a new card back: 1m, 6m, 10m, 8d", () => {
    const due = nextDueByRating(newMemory(now), now);
    const delay = (rating: keyof typeof due) => due[rating].getTime() - now.getTime();
    expect([delay("again"), delay("hard"), delay("good"), delay("easy")]).toEqual([
      MINUTE,
      6 * MINUTE,
      10 * MINUTE,
      8 * DAY,
    ]);
  });

  it("gives a card never reviewed full recall, and less as time passes", () => {
    expect(retrievability(newMemory(now), now)).toBe(1);
    const learned = review(newMemory(now), "easy", now).memory;
    expect(retrievability(learned, new Date(now.getTime() + 30 * DAY))).toBeLessThan(0.9);
  });

  it.each([
    [30_000, "1m"],
    [10 * MINUTE, "10m"],
    [90 * MINUTE, "2h"],
    [DAY, "1d"],
    [8 * DAY, "8d"],
    [45 * DAY, "1.5mo"],
    [60 * DAY, "2mo"],
    [400 * DAY, "1.1y"],
    [730 * DAY, "2y"],
  ])("formats %d ms as %s", (ms, shown) => {
    expect(formatInterval(ms)).toBe(shown);
  });
});
