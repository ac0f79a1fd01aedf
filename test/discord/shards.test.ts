import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningDiscord, startDiscord } from "../../src/platforms/discord/bot.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { type ShardPlan, shardsOfProcess } from "../../src/platforms/discord/sharding.js";
import { silentLogger } from "../../src/services/ports.js";
import { eventually } from "../kit/eventually.js";
import { FakeClock, makeServices, smallDeck, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID, shardOf } from "./fakeDiscord.js";
import {
  ANA,
  BO,
  CY,
  channelOnEveryShard,
  DEE,
  discordScenario,
  embedText,
  postAndAnswerQuiz,
  replyData,
} from "./harness.js";

describe("Discord: shards", () => {
  const tempDir = useTempDir("studybot-shards-");
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  for (const shardCount of [2, 4]) {
    it(`connects the ${shardCount} shards Discord recommends and serves a quiz in a server of every shard`, async () => {
      const channels = channelOnEveryShard(shardCount);
      const scenario = await discordScenario(tempDir(), { shards: shardCount, channels });
      cleanups.push(() => scenario.shutdown());
      const { fake, bot } = scenario;
      const every = Array.from({ length: shardCount }, (_, shard) => shard);
      expect(fake.connectedShards).toEqual(every);
      expect(fake.gateway.identified).toEqual(every.map((shard) => [shard, shardCount]));
      expect(bot.shards()).toEqual(Object.fromEntries(every.map((shard) => [String(shard), "ready"])));
      expect(bot.isConnected()).toBe(true);

      for (const channel of channels) await postAndAnswerQuiz(fake, channel.id);
      const guilds = scenario.store.db
        .prepare<[], string>("SELECT external_id FROM communities WHERE platform = 'discord' ORDER BY id")
        .pluck()
        .all();
      expect(guilds).toEqual(channels.map((channel) => channel.guildId));
      expect(scenario.store.answers.forQuiz(shardCount)).toHaveLength(4);
      expect(fake.unknownRoutes).toEqual([]);
    });
  }

  it("reports a 4011 close as sharding required, with what to do, not as a bad token", async () => {
    // Discord's recommendation lags: it said 1 shard, then requires 2 at IDENTIFY.
    const fake = await FakeDiscord.start({ shards: 1, requiredShards: 2 });
    cleanups.push(() => fake.close());
    const testBot = makeServices(join(tempDir(), "studybot.db"), { platform: "discord" });
    cleanups.push(() => testBot.close());
    const start = startDiscord(
      testBot.services,
      { token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } },
      silentLogger,
    );
    const refused = await start.then(
      () => undefined,
      (error: unknown) => (error as Error).message,
    );
    expect(refused).toBe(
      "Discord closed shard 0 of 1 with code 4011 (sharding required): the bot is in more servers than 1 shard may carry. If DISCORD_SHARDS is set, raise it or unset it (studybot then connects as many shards as Discord recommends); if it is unset, start studybot again: Discord's recommendation grew after studybot read it.",
    );
    expect(fake.gateway.closeCodes).toEqual([4011]);
    expect(fake.connected).toBe(false);
  });

  describe("several processes on one database, 4 shards in 2 processes", () => {
    interface Process extends TestBot {
      plan: ShardPlan;
      bot: RunningDiscord;
    }

    async function startProcesses(fake: FakeDiscord, file: string): Promise<Process[]> {
      const connection = { token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } };
      await registerCommands(connection, GUILD_ID);
      const clock = new FakeClock(new Date("2026-11-02T09:00:00Z"));
      return Promise.all(
        [0, 1].map(async (index) => {
          const testBot = makeServices(file, { platform: "discord", clock, decks: [smallDeck("capitals", 8)] });
          const plan = shardsOfProcess(index, 2, 4);
          const bot = await startDiscord(testBot.services, { ...connection, shards: plan }, silentLogger);
          cleanups.push(async () => {
            await bot.stop();
            testBot.close();
          });
          return { ...testBot, plan, bot };
        }),
      );
    }

    it("splits the shards between the processes; a quiz is served in a server of every shard", async () => {
      const channels = channelOnEveryShard(4);
      const fake = await FakeDiscord.start({ shards: 4, channels });
      cleanups.push(() => fake.close());
      for (const member of [ANA, BO, CY, DEE]) fake.addMember(member);
      const [first, second] = await startProcesses(fake, join(tempDir(), "studybot.db"));
      if (!first || !second) throw new Error("two processes expected");
      expect(first.plan.ids).toEqual([0, 2]);
      expect(second.plan.ids).toEqual([1, 3]);
      expect(first.bot.shards()).toEqual({ 0: "ready", 2: "ready" });
      expect(second.bot.shards()).toEqual({ 1: "ready", 3: "ready" });
      expect(fake.connectedShards).toEqual([0, 1, 2, 3]);
      for (const channel of channels) await postAndAnswerQuiz(fake, channel.id);
      expect(fake.unknownRoutes).toEqual([]);
    });

    it("fires a schedule of a server on shard 3 once, from the process running shard 3", async () => {
      const channels = channelOnEveryShard(4);
      const onShard3 = channels[3];
      if (!onShard3?.guildId) throw new Error("no channel on shard 3");
      expect(shardOf(onShard3.guildId, 4)).toBe(3);
      const fake = await FakeDiscord.start({ shards: 4, channels });
      cleanups.push(() => fake.close());
      for (const member of [ANA, BO, CY, DEE]) fake.addMember(member);
      const [first, second] = await startProcesses(fake, join(tempDir(), "studybot.db"));
      if (!first || !second) throw new Error("two processes expected");
      const added = fake.sendCommand(ANA.id, onShard3.id, "schedule add", { cron: "0 9 * * *", timezone: "UTC" });
      const reply = await eventually(() => added.callbacks[0]?.response, "the reply to schedule add");
      expect(embedText(replyData(reply))).toContain("Schedule #1 added");

      expect(first.services.schedules.active()).toEqual([]);
      expect(second.services.schedules.active().map((schedule) => schedule.id)).toEqual([1]);
      first.clock.set("2026-11-03T09:00:05Z");
      const outcomes = [];
      for (const process of [first, second, first, second])
        outcomes.push(await process.services.schedules.runDue(1, 30));
      expect(outcomes).toEqual(["not-served-here", "posted", "not-served-here", "claimed-elsewhere"]);
      expect(fake.messagesIn(onShard3.id)).toHaveLength(1);
      for (const channel of channels.slice(0, 3)) expect(fake.messagesIn(channel.id)).toEqual([]);
    });
  });
});
