import { once } from "node:events";
import { Events, MessageFlags } from "discord.js";
import { type DiscordPlatform, connectDiscord } from "../../src/discordProcesses.js";
import { createDiscordClient } from "../../src/platforms/discord/client.js";
import { BOT_TOKEN } from "../../test/discord/fakeDiscord.js";
import { DECKS_DIR, openBenchApp } from "./app.js";

/** What benchmark 8 tells a bot process. */
export interface ShardedBotArgs {
  /** A bare discord.js client with studybot's options and caches, or studybot in 1 or more processes. */
  variant: "bare" | "studybot";
  processes: number;
  apiBase: string;
  databaseFile: string;
  logFile: string;
}

/**
 * A Discord bot process for benchmark 8, logged in to the fake Discord with
 * every shard it recommends: studybot as `studybot start` runs it (with
 * `processes` above 1, its ShardingManager forks the shard processes), or
 * the floor, a bare client with the same options and caches that
 * acknowledges every interaction and does nothing else. It says "ready"
 * once every shard is, and stops when told.
 */
async function start(args: ShardedBotArgs): Promise<() => Promise<unknown>> {
  if (args.variant === "bare") {
    const client = createDiscordClient({ apiBase: args.apiBase });
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isRepliable())
        interaction.reply({ content: "Got it.", flags: MessageFlags.Ephemeral }).catch(() => undefined);
    });
    const ready = once(client, Events.ClientReady);
    await client.login(BOT_TOKEN);
    await ready;
    return () => client.destroy();
  }
  // The shard processes read their configuration from the environment, as under `studybot start`.
  Object.assign(process.env, {
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_API_BASE: args.apiBase,
    DATABASE_PATH: args.databaseFile,
    DECKS_DIR,
    LOG_LEVEL: "warn",
  });
  const { app, logger } = await openBenchApp(args.databaseFile, args.logFile);
  const discord: DiscordPlatform = await connectDiscord(
    app.services,
    { token: BOT_TOKEN, apiBase: args.apiBase, shards: "auto", processes: args.processes },
    logger,
  );
  await app.scheduler.start();
  return async () => {
    await discord.stopTakingEvents();
    await app.scheduler.stop();
    await discord.stop();
    app.close();
  };
}

const stop = await start(JSON.parse(process.argv[2] ?? "{}") as ShardedBotArgs);
process.on("message", async (message) => {
  if (message !== "stop") return;
  await stop();
  process.send?.("stopped", () => process.exit(0));
});
process.send?.("ready");
