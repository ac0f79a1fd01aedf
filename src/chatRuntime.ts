import type { App } from "./app.js";
import type { Config } from "./config.js";
import { connectDiscord } from "./discordProcesses.js";
import { checkHealth, type HealthServer, type PlatformHealth, startHealthServer } from "./health.js";
import type { AppLogger } from "./logger.js";
import { startSlack } from "./platforms/slack/app.js";

/** Orchestrators give a stopping process 10 s (Docker) or more; finishing well within leaves room for the exit itself. */
const SHUTDOWN_DEADLINE_MS = 4_500;

interface RunningPlatform extends PlatformHealth {
  stopTakingEvents(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Resolves with the first SIGINT or SIGTERM. Listening from the start makes a
 * signal during startup graceful too; a second signal ends the process at
 * once, for whoever does not want to wait.
 */
export function shutdownSignal(logger: AppLogger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const now = (signal: NodeJS.Signals) => {
      logger.warn({ signal }, "second signal: exiting without finishing the shutdown");
      process.exit(1);
    };
    const first = (signal: NodeJS.Signals) => {
      process.off("SIGINT", first).off("SIGTERM", first);
      process.once("SIGINT", now).once("SIGTERM", now);
      resolve(signal);
    };
    process.on("SIGINT", first).on("SIGTERM", first);
  });
}

/**
 * The chat adapters configured, side by side on one database, with the
 * scheduler and the health endpoint, until SIGINT or SIGTERM. Then, in
 * order: every platform stops taking events (Discord shard processes, with
 * DISCORD_PROCESSES, are told to stop); the scheduler's timers stop (a post
 * under way finishes); each platform lets the handlers under way reply
 * (their database work is synchronous, so no transaction is ever cut in
 * half) and disconnects (shard processes have exited, their database
 * closed); the health endpoint closes; the database is checkpointed and
 * closed. Exit 0, within SHUTDOWN_DEADLINE_MS.
 */
export async function runChatPlatforms(app: App, config: Config, logger: AppLogger): Promise<number> {
  const signal = shutdownSignal(logger);
  // A bug in a detached promise is logged; the process and everything it holds stay up.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
  const platforms: RunningPlatform[] = [];
  let health: HealthServer | undefined;
  let closed = false;
  try {
    if (config.discord)
      platforms.push({ name: "discord", ...(await connectDiscord(app.services, config.discord, logger)) });
    if (config.slack) platforms.push({ name: "slack", ...(await startSlack(app.services, config.slack, logger)) });
    await app.scheduler.start();
    if (config.healthPort !== undefined) {
      health = await startHealthServer(config.healthPort, () => checkHealth(app.services.store.db, platforms));
    }
    logger.info(
      { platforms: platforms.map((platform) => platform.name), healthPort: health?.port },
      "studybot running",
    );
    logger.info({ signal: await signal }, "shutting down");
    setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS, closed }, "shutdown took too long; exiting now");
      process.exit(closed ? 0 : 1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    return 0;
  } finally {
    const quietly = (platform: RunningPlatform) => (error: unknown) =>
      logger.warn({ err: error, platform: platform.name }, "stopping a platform failed");
    await Promise.all(platforms.map((platform) => platform.stopTakingEvents().catch(quietly(platform))));
    await app.scheduler.stop();
    for (const platform of platforms) {
      await platform.stop().catch(quietly(platform));
    }
    await health?.close();
    app.close();
    closed = true;
    logger.info({}, "stopped: database checkpointed and closed");
  }
}
