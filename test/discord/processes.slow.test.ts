import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { eventually } from "../kit/eventually.js";
import { freePort, type StudybotProcess, spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID } from "./fakeDiscord.js";
import { ANA, BO, CY, channelOnEveryShard, DEE, postAndAnswerQuiz } from "./harness.js";

/**
 * A daily schedule in `channelId`'s server whose fire time was two minutes
 * ago: whoever arms it at start posts it late (within the grace period), once.
 */
function seedDueSchedule(databaseFile: string, guildId: string, channelId: string): void {
  const db = openDatabase(databaseFile);
  try {
    const store = new Store(db);
    const now = new Date();
    const community = store.communities.ensure("discord", guildId, "", "UTC", now);
    const admin = store.users.ensure(community.id, ANA.id, "ana");
    const fire = new Date(now.getTime() - 2 * 60_000);
    store.schedules.insert({
      communityId: community.id,
      channelId,
      cron: `${fire.getUTCMinutes()} ${fire.getUTCHours()} * * *`,
      timeZone: "UTC",
      deckId: "lightweight-sandboxes",
      answerMode: "buttons",
      window: { kind: "minutes", minutes: 60 },
      cardChoice: "rotation",
      createdBy: admin.id,
      createdAt: new Date(now.getTime() - 60 * 60_000),
    });
  } finally {
    db.close();
  }
}

describe("studybot start --processes: the Discord shards in several processes on one database", () => {
  const tempDir = useTempDir("studybot-processes-");
  let fake: FakeDiscord | undefined;
  let bot: StudybotProcess | undefined;
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill("SIGKILL");
      await bot.exit;
    }
    await fake?.close();
  });

  for (const shardCount of [2, 4]) {
    it(`runs ${shardCount} shards in 2 processes: every shard healthy, a quiz served on each, the shard-${shardCount - 1} schedule posted once, stopped in order`, async () => {
      const channels = channelOnEveryShard(shardCount);
      fake = await FakeDiscord.start({ shards: shardCount, channels });
      for (const member of [ANA, BO, CY, DEE]) fake.addMember(member);
      await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase }, GUILD_ID);
      const database = join(tempDir(), "studybot.db");
      const lastShard = channels.at(-1);
      if (!lastShard?.guildId) throw new Error("no channel on the last shard");
      seedDueSchedule(database, lastShard.guildId, lastShard.id);
      const healthPort = await freePort();
      bot = spawnStudybot(["start", "--processes", "2"], {
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_API_BASE: fake.apiBase,
        DATABASE_PATH: database,
        HEALTH_PORT: String(healthPort),
        LOG_LEVEL: "info",
      });
      const running = bot;
      await eventually(() => running.err().includes('"msg":"studybot running"'), "the bot to start", 90_000);

      const every = Array.from({ length: shardCount }, (_, shard) => shard);
      expect(fake.connectedShards).toEqual(every);
      const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
      expect(await health.json()).toEqual({
        status: "ok",
        database: "ok",
        platforms: { discord: "connected" },
        shards: { discord: Object.fromEntries(every.map((shard) => [String(shard), "ready"])) },
      });
      expect(health.status).toBe(200);

      // Posted by the process running the last shard only; the other one never armed it.
      await eventually(() => fake?.messagesIn(lastShard.id).length === 1, "the scheduled quiz", 20_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(fake.messagesIn(lastShard.id)).toHaveLength(1);
      for (const channel of channels.slice(0, -1)) expect(fake.messagesIn(channel.id)).toEqual([]);

      for (const channel of channels) await postAndAnswerQuiz(fake, channel.id);
      expect(fake.unknownRoutes).toEqual([]);

      running.child.kill("SIGTERM");
      expect(await running.exit).toEqual({ code: 0, signal: null });
      expect(fake.connected).toBe(false);
      const log = running.err();
      const childrenClosed = [...log.matchAll(/"msg":"shard process stopped: database closed"/g)].map((m) => m.index);
      expect(childrenClosed).toHaveLength(2);
      const parentClosed = log.indexOf('"msg":"stopped: database checkpointed and closed"');
      expect(parentClosed).toBeGreaterThan(Math.max(...childrenClosed));
    });
  }
});
