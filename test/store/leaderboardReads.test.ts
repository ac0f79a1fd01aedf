import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIN_ANSWERS_FOR_ACCURACY } from "../../src/core/boardViews.js";
import type { LeaderboardSort, Period } from "../../src/core/commands.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { silentLogger } from "../../src/services/ports.js";
import { seededRandomness } from "../../src/services/randomness.js";
import { Services } from "../../src/services/services.js";
import { DeckCatalog } from "../../src/decks/loader.js";
import { Store } from "../../src/store/index.js";
import { applyMigrations } from "../../src/store/migrations.js";
import { actor, FakeClock, RecordingMessenger, smallDeck } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

/** The services on a database that reports every statement it runs, as SQLite expands it. */
function recordingBot(file: string) {
  const statements: string[] = [];
  const db = new Database(file, { verbose: (sql) => statements.push(String(sql)) });
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  applyMigrations(db);
  const store = new Store(db);
  const clock = new FakeClock(new Date("2026-11-04T12:00:00Z"));
  const services = new Services({
    store,
    decks: new DeckCatalog([{ deck: smallDeck(), file: "decks/capitals.yaml" }]),
    clock,
    randomness: seededRandomness(3),
    logger: silentLogger,
    config: { defaultTimeZone: "UTC", quizWindowMinutes: 60 },
  });
  services.messengers.set("test", new RecordingMessenger());
  return { services, store, clock, statements };
}

/** Members answering quizzes over a few days, some right, some wrong. */
async function history(bot: ReturnType<typeof recordingBot>, members: number, days: number) {
  for (let day = 0; day < days; day++) {
    bot.clock.set(`2026-11-0${day + 1}T09:00:00Z`);
    const { community } = enrolActor(bot.services, actor("admin"));
    const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 60 });
    for (let index = 0; index < members; index++) {
      if ((index + day) % 3 === 0) continue;
      const { member } = enrolActor(bot.services, actor(`u${index}`));
      const choice = index % 4 === 0 ? (quiz.correctIndex + 1) % quiz.options.length : quiz.correctIndex;
      bot.services.quizzes.answer({ quizId: quiz.id, nonce: quiz.nonce, community, member, choice });
    }
  }
  bot.clock.set("2026-11-04T12:00:00Z");
}

describe("leaderboard reads", () => {
  const tempDir = useTempDir();

  it("read every leaderboard and stats through an index: no full scan, no sort of a whole period", async () => {
    const bot = recordingBot(join(tempDir(), "bot.db"));
    await history(bot, 12, 4);
    const { community, member } = enrolActor(bot.services, actor("u1"));
    bot.statements.length = 0;
    for (const period of ["week", "month", "all"] as Period[]) {
      for (const sort of ["points", "streak", "accuracy"] as LeaderboardSort[]) {
        bot.services.boards.leaderboard(community, member, period, sort, bot.clock.now());
      }
    }
    bot.services.boards.stats(community, member, bot.clock.now());

    const reads = [...new Set(bot.statements)].filter(
      (sql) => /^\s*SELECT/i.test(sql) && /period_stats|user_streaks|period_members/.test(sql),
    );
    expect(reads.length).toBeGreaterThan(5);
    for (const sql of reads) {
      const plan = bot.store.db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((row) => row.detail);
      const subqueries = plan.flatMap((line) => /^CO-ROUTINE (\w+)/.exec(line)?.[1] ?? []);
      const tableScans = plan.filter(
        (line) => /^SCAN (\w+)/.test(line) && !subqueries.includes(line.split(" ")[1] ?? ""),
      );
      expect(tableScans, `${sql}\n${plan.join("\n")}`).toEqual([]);
      // Only live streaks are sorted: at most the members who studied yesterday or today.
      if (!plan.some((line) => line.includes("user_streaks_alive"))) {
        expect(
          plan.filter((line) => line.includes("TEMP B-TREE")),
          `${sql}\n${plan.join("\n")}`,
        ).toEqual([]);
      }
    }
  });

  it("keep each period's member counts in step with its rows, through answers and repairs", async () => {
    const bot = recordingBot(join(tempDir(), "bot.db"));
    await history(bot, 9, 4);
    const { db } = bot.store;
    // A repair (studybot doctor --fix) rewrites and deletes rows: the counts follow.
    db.prepare(
      "UPDATE period_stats SET answered = 1, correct = 1, accuracy = 1 WHERE user_id = (SELECT MIN(user_id) FROM period_stats)",
    ).run();
    db.prepare("DELETE FROM period_stats WHERE user_id = (SELECT MAX(user_id) FROM period_stats)").run();

    const periods = db
      .prepare<[], { community_id: number; period: string }>("SELECT DISTINCT community_id, period FROM period_stats")
      .all();
    expect(periods.length).toBeGreaterThan(2);
    for (const { community_id: communityId, period } of periods) {
      const count = (where: string) =>
        db
          .prepare<[number, string], number>(
            `SELECT COUNT(*) FROM period_stats WHERE community_id = ? AND period = ? ${where}`,
          )
          .pluck()
          .get(communityId, period);
      expect(bot.store.stats.rankByPoints(communityId, period, Number.MAX_SAFE_INTEGER, 0).of).toBe(count(""));
      expect(bot.store.stats.rankByAccuracy(communityId, period, 2, 0).of).toBe(
        count(`AND answered >= ${MIN_ANSWERS_FOR_ACCURACY}`),
      );
    }
  });
});
