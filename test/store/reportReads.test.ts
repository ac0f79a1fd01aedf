import { NO_STREAK } from "../../src/core/streaks.js";
import { join } from "node:path";
import type { Statement } from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { enrolActor } from "../../src/services/commandRouter.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

const DAY = 86_400_000;
const SINCE = new Date("2026-10-30T16:00:00Z");

/** A card in a member's FSRS memory, last reviewed at `reviewedAt`, its stability before and after that review. */
function remember(bot: TestBot, userId: number, card: string, reviewedAt: Date, before: number, after: number) {
  const at = reviewedAt.getTime();
  bot.store.db
    .prepare(
      `INSERT INTO card_memory (user_id, deck_id, card_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review) VALUES (?, 'capitals', ?, ?, ?, 5, 3, 20, 0, 5, 0, 'review', ?)`,
    )
    .run(userId, card, at + 20 * DAY, after, at);
  bot.store.db
    .prepare(
      `INSERT INTO review_log (user_id, deck_id, card_id, source, rating, state_before, due_before, stability_before,
         difficulty_before, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, due_after)
       VALUES (?, 'capitals', ?, 'drill', 3, 'review', ?, ?, 5, 3, 3, 8, 0, ?, ?)`,
    )
    .run(userId, card, at, before, at, at + 20 * DAY);
}

describe("the digest's reads", () => {
  const tempDir = useTempDir();

  it("count the cards whose last review in the period took them past three weeks of stability", () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const { community, member } = enrolActor(bot.services, actor("ana"));
    bot.store.stats.saveStreak(member.id, community.id, {
      ...NO_STREAK,
      current: 2,
      best: 2,
      lastDay: "2026-11-05",
    });
    const inPeriod = new Date("2026-11-05T10:00:00Z");
    remember(bot, member.id, "france", inPeriod, 15, 30); // crossed in the period: counts
    remember(bot, member.id, "spain", inPeriod, 25, 40); // mastered already before
    remember(bot, member.id, "italy", inPeriod, 5, 12); // not mastered yet
    remember(bot, member.id, "norway", new Date("2026-10-20T10:00:00Z"), 15, 30); // crossed before the period
    expect(bot.store.reports.masteredSince(community.id, SINCE, "2026-10-30")).toBe(1);
  });

  it("list the streaks that grew in the period, longest first, without hidden members", () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const streak = (user: string, current: number, lastDay: string, hidden = false) => {
      const { community, member } = enrolActor(bot.services, actor(user, { userName: user.toUpperCase() }));
      bot.store.stats.saveStreak(member.id, community.id, { ...NO_STREAK, current, best: current, lastDay });
      if (hidden) bot.store.memberSettings.update(member.id, community.id, { hidden: true }, bot.clock.now());
      return community;
    };
    const community = streak("ana", 9, "2026-11-05");
    streak("ben", 30, "2026-11-06");
    streak("cy", 12, "2026-10-29");
    streak("dee", 40, "2026-11-06", true);
    streak("eve", 2, "2026-11-06");
    expect(bot.store.reports.streaksSince(community.id, "2026-10-30", 3)).toEqual([
      { name: "BEN", current: 30, best: 30, lastDay: "2026-11-06" },
      { name: "ANA", current: 9, best: 9, lastDay: "2026-11-05" },
    ]);
    expect(bot.store.reports.hiddenMembers(community.id)).toBe(1);
  });
});

describe("the report's all-time read of members", () => {
  const tempDir = useTempDir();

  it("counts the class's totals once, not once for every member it lists", () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    // The statement's own text, planned by SQLite: a co-routine would be run again for every member listed.
    const { source } = (bot.store.reports as unknown as { allTimeMembersOf: Statement }).allTimeMembersOf;
    const plan = bot.store.db
      .prepare<object, { detail: string }>(`EXPLAIN QUERY PLAN ${source}`)
      .all({ communityId: 1, limit: -1 })
      .map((step) => step.detail);
    expect(plan).toContain("MATERIALIZE totals");
    expect(plan).not.toContain("CO-ROUTINE totals");
  });
});
