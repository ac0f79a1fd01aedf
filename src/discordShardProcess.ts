import { openApp } from "./app.js";
import { shutdownSignal } from "./chatRuntime.js";
import { configuredSecrets, loadConfig } from "./config.js";
import { DEFAULT_COMMAND_RATE } from "./core/rateLimit.js";
import { STOP_MESSAGE, TOTAL_SHARDS_VARIABLE } from "./discordProcesses.js";
import { type AppLogger, createLogger } from "./logger.js";
import { type RunningDiscord, startDiscord } from "./platforms/discord/bot.js";
import { shardsOfProcess } from "./platforms/discord/sharding.js";

/**
 * One of the processes `studybot start` runs with DISCORD_PROCESSES above 1
 * (discord.js's ShardingManager forks it; SHARDS is this process's index,
 * SHARD_COUNT the number of processes): its share of the Discord shards, the
 * services and a scheduler that fires only its own servers' schedules, on the
 * shared database. Slack, the terminal and the health endpoint stay with the
 * parent. It stops on the parent's word, on SIGINT or SIGTERM, or when the
 * parent is gone, in the order one process stops in.
 */
function stopRequested(logger: AppLogger): Promise<unknown> {
  return Promise.race([
    shutdownSignal(logger),
    new Promise((resolve) => {
      process.on("message", (message: unknown) => {
        if ((message as typeof STOP_MESSAGE | undefined)?.studybot === STOP_MESSAGE.studybot) resolve("parent");
      });
      process.once("disconnect", () => resolve("parent gone"));
    }),
  ]);
}

async function main(): Promise<number> {
  const index = Number(process.env.SHARDS);
  const processes = Number(process.env.SHARD_COUNT);
  const totalShards = Number(process.env[TOTAL_SHARDS_VARIABLE]);
  const config = loadConfig();
  if (!config.discord || !process.send) {
    process.stderr.write("discordShardProcess is started by `studybot start` with DISCORD_PROCESSES, not by hand.\n");
    return 2;
  }
  const logger = createLogger(config.logLevel ?? "info", { secrets: configuredSecrets(config) }).child({
    shardProcess: index,
  });
  const stop = stopRequested(logger);
  const app = await openApp(config, { logger, fallbackTimeZone: "UTC", commandRateLimit: DEFAULT_COMMAND_RATE });
  let discord: RunningDiscord | undefined;
  try {
    discord = await startDiscord(
      app.services,
      {
        ...config.discord,
        shards: shardsOfProcess(index, processes, totalShards),
        onShardStates: (states) => process.send?.({ studybotShards: states }),
      },
      logger,
    );
    process.send({ studybotShards: discord.shards() });
    await app.scheduler.start();
    logger.info({ reason: await stop }, "shard process stopping");
    return 0;
  } finally {
    await discord?.stopTakingEvents();
    await app.scheduler.stop();
    await discord?.stop();
    app.close();
    logger.info({}, "shard process stopped: database closed");
    process.disconnect?.();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `studybot shard process ${process.env.SHARDS}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    process.disconnect?.();
  },
);
