import { join } from "node:path";
import { type Card as FsrsCard, createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import type { DrillRating } from "../../src/core/fsrs.js";
import { openTestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { callerOf, drillButton, numberedDeck, rateButton } from "./drillHelpers.js";

const GRADE: Record<DrillRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** The learner's answers, fixed in advance: the n-th review of each card gets this rating. */
const PLAN: Record<string, DrillRating[]> = {
  c0: Array(40).fill("good"),
  c1: ["good", "good", "good", "again", ...Array(40).fill("good")],
  c2: Array(40).fill("easy"),
  c3: ["hard", "good", "again", "good", "hard", ...Array(40).fill("good")],
};

describe("a learner drilling every morning for 30 days", () => {
  const tempDir = useTempDir();

  it("gets exactly the schedule ts-fsrs computes: intervals grow with Good and shrink after Again", () => {
    const bot = openTestBot(join(tempDir(), "learner.db"), {
      decks: [numberedDeck(4)],
      start: "2026-11-02T09:00:00Z",
    });
    const caller = callerOf(bot, "ana");
    const reference = fsrs();
    const expected = new Map<string, FsrsCard>();
    const history = new Map<string, { rating: DrillRating; interval: number }[]>();
    let ratings = 0;

    for (let day = 0; day < 30; day++) {
      // Two sittings a day: the morning drill, and half an hour later for the cards on learning steps.
      for (const minutes of [0, 30]) {
        bot.clock.set(new Date(Date.UTC(2026, 10, 2 + day, 9, minutes)));
        let view = bot.services.drills.start(caller, { count: 50 });
        while (view.buttons.flat().length > 0 && !view.title.startsWith("Drill done")) {
          const session = bot.store.drills.openSession(caller.member.id);
          const cardId = session?.queue[session.position] ?? "";
          const done = history.get(cardId) ?? [];
          const rating = PLAN[cardId]?.[done.length] ?? "good";
          view = bot.services.drills.act(caller, drillButton(view, "show"));
          view = bot.services.drills.act(caller, rateButton(view, rating));
          ratings++;

          const now = bot.clock.now();
          const next = reference.next(expected.get(cardId) ?? createEmptyCard(now), now, GRADE[rating]).card;
          expected.set(cardId, next);
          const stored = bot.store.drills.memory(caller.member.id, "numbers", cardId);
          expect(stored).toEqual({
            due: next.due,
            stability: next.stability,
            difficulty: next.difficulty,
            elapsedDays: next.elapsed_days,
            scheduledDays: next.scheduled_days,
            learningSteps: next.learning_steps,
            reps: next.reps,
            lapses: next.lapses,
            state: ["new", "learning", "review", "relearning"][next.state],
            lastReview: now,
          });
          history.set(cardId, [...done, { rating, interval: next.due.getTime() - now.getTime() }]);
        }
      }
    }

    const intervals = (cardId: string) => (history.get(cardId) ?? []).map((entry) => entry.interval);
    const growing = (values: number[]) => values.every((value, i) => i === 0 || value > (values[i - 1] ?? 0));
    // Always Good: 10m (learning step), then days, each interval longer than the last.
    expect(intervals("c0").length).toBeGreaterThanOrEqual(4);
    expect(growing(intervals("c0"))).toBe(true);
    expect(growing(intervals("c2"))).toBe(true);
    // A lapse: the interval after Again is far shorter than the one before, then grows again.
    const c1 = history.get("c1") ?? [];
    const lapse = c1.findIndex((entry) => entry.rating === "again");
    expect(lapse).toBeGreaterThan(0);
    expect(c1[lapse]?.interval).toBeLessThan(c1[lapse - 1]?.interval ?? 0);
    expect(growing(intervals("c1").slice(lapse))).toBe(true);
    expect(bot.store.drills.memory(caller.member.id, "numbers", "c1")?.lapses).toBe(1);

    const logged = bot.store.db
      .prepare<[], { n: number; drills: number }>(
        "SELECT COUNT(*) AS n, SUM(source = 'drill') AS drills FROM review_log",
      )
      .get();
    expect(logged).toEqual({ n: ratings, drills: ratings });
  });
});
