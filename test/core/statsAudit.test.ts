import { describe, expect, it } from "vitest";
import {
  type AnswerFact,
  cardKey,
  expectedStats,
  findDrift,
  periodKey,
  replayMemory,
  sameMemory,
} from "../../src/core/statsAudit.js";
import { newMemory, review } from "../../src/core/fsrs.js";

const at = (iso: string) => new Date(iso).getTime();
const answer = (userId: number, iso: string, correct: boolean, points: number, quizId = 1): AnswerFact => ({
  quizId,
  communityId: 1,
  userId,
  deckId: "d",
  cardId: `card-${quizId}`,
  correct,
  points,
  at: at(iso),
  settled: true,
});

describe("stats audit", () => {
  const communityOfUser = new Map([
    [1, 1],
    [2, 1],
  ]);

  it("sums each period in the community's time zone, and folds study days in order, whatever order the facts come in", () => {
    const expected = expectedStats({
      answers: [answer(1, "2026-11-03T22:30:00Z", true, 15, 2), answer(1, "2026-11-01T10:00:00Z", false, 0, 1)],
      // A drill review at 23:30 UTC on Nov 2 is Nov 3 in Berlin: the same study day as the Nov 3 answer there.
      reviews: [
        { userId: 1, deckId: "d", cardId: "x", source: "drill", rating: "good", at: at("2026-11-02T23:30:00Z") },
      ],
      communityOfUser,
      timeZoneOf: () => "Europe/Berlin",
      pausesOf: () => [],
      personalTimeZoneOf: () => "Europe/Berlin",
    });
    expect(expected.periods.get(periodKey(1, "all", 1))).toEqual({ points: 15, answered: 2, correct: 1 });
    // 22:30 UTC on Tuesday Nov 3 is 23:30 in Berlin: still week 45; Sunday Nov 1 is week 44.
    expect(expected.periods.get(periodKey(1, "2026-W45", 1))).toEqual({ points: 15, answered: 1, correct: 1 });
    expect(expected.periods.get(periodKey(1, "2026-W44", 1))).toEqual({ points: 0, answered: 1, correct: 0 });
    expect(expected.streaks.get(1)).toEqual({
      communityId: 1,
      current: 1,
      best: 1,
      lastDay: "2026-11-03",
      freezes: 0,
      frozenDays: 0,
      aliveUntil: "2026-11-03",
      frozenOn: [],
    });
  });

  it("accepts anyone right at the earliest moment as first, and names the drift of each kept number", () => {
    const expected = expectedStats({
      answers: [
        answer(2, "2026-11-02T09:00:00Z", true, 15),
        answer(1, "2026-11-02T09:00:00Z", true, 14),
        answer(1, "2026-11-02T08:00:00Z", false, 0, 2),
      ],
      reviews: [],
      communityOfUser,
      timeZoneOf: () => "UTC",
      pausesOf: () => [],
      personalTimeZoneOf: () => "UTC",
    });
    expect([...(expected.quizzes.get(1)?.firstCorrect ?? [])].sort()).toEqual([1, 2]);
    const stored = {
      periods: new Map(expected.periods),
      streaks: new Map(expected.streaks),
      quizzes: new Map([
        [1, { answered: 2, correct: 2, firstCorrect: 1 }],
        [2, { answered: 1, correct: 0, firstCorrect: 2 }],
      ]),
      cards: new Map([[cardKey(1, "d", "card-1"), { answered: 2, correct: 1 }]]),
    };
    stored.periods.set(periodKey(1, "2020-W01", 2), { points: 5, answered: 1, correct: 1 });
    stored.streaks.delete(2);
    expect(findDrift(stored, expected)).toEqual([
      { kind: "period", key: periodKey(1, "2020-W01", 2), stored: { points: 5, answered: 1, correct: 1 } },
      {
        kind: "streak",
        userId: 2,
        expected: {
          communityId: 1,
          current: 1,
          best: 1,
          lastDay: "2026-11-02",
          freezes: 0,
          frozenDays: 0,
          aliveUntil: "2026-11-02",
          frozenOn: [],
        },
      },
      {
        kind: "quiz",
        quizId: 2,
        stored: { answered: 1, correct: 0, firstCorrect: 2 },
        expected: { answered: 1, correct: 0, firstCorrect: null },
      },
      {
        kind: "card",
        key: cardKey(1, "d", "card-1"),
        stored: { answered: 2, correct: 1 },
        expected: { answered: 2, correct: 2 },
      },
      { kind: "card", key: cardKey(1, "d", "card-2"), expected: { answered: 1, correct: 0 } },
    ]);
  });

  it("recounts streaks with the freezes they earned and each member's own vacations", () => {
    const drillOn = (userId: number, day: string) => ({
      userId,
      deckId: "d",
      cardId: "x",
      source: "drill" as const,
      rating: "good" as const,
      at: at(`${day}T12:00:00Z`),
    });
    // Both study Nov 1-7 and Nov 10; member 1 has a freeze for Nov 8 only, member 2 is away Nov 8-9.
    const days = ["01", "02", "03", "04", "05", "06", "07", "10"].map((day) => `2026-11-${day}`);
    const expected = expectedStats({
      answers: [],
      reviews: [1, 2].flatMap((userId) => days.map((day) => drillOn(userId, day))),
      communityOfUser,
      timeZoneOf: () => "UTC",
      personalTimeZoneOf: () => "UTC",
      pausesOf: (userId) => (userId === 2 ? [{ firstDay: "2026-11-08", lastDay: "2026-11-09" }] : []),
    });
    expect(expected.streaks.get(1)).toMatchObject({ current: 1, best: 7, freezes: 0, frozenDays: 0 });
    expect(expected.streaks.get(2)).toMatchObject({ current: 8, best: 8, freezes: 1, frozenDays: 0 });
  });

  it("replays a card's reviews into exactly the memory the drills keep", () => {
    const times = ["2026-11-02T09:00:00Z", "2026-11-02T09:10:00Z", "2026-11-05T09:00:00Z"].map((iso) => new Date(iso));
    const ratings = ["good", "again", "easy"] as const;
    const kept = ratings.reduce(
      (memory, rating, i) => review(memory, rating, times[i] as Date).memory,
      newMemory(times[0] as Date),
    );
    const replayed = replayMemory(ratings.map((rating, i) => ({ rating, at: (times[i] as Date).getTime() })));
    expect(replayed && sameMemory(replayed, kept)).toBe(true);
    expect(replayMemory([])).toBeUndefined();
  });
});
