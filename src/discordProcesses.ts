import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { type APIGatewayBotInfo, REST, Routes, type Shard, ShardingManager } from "discord.js";
import type { DiscordConfig } from "./config.js";
import type { AppLogger } from "./logger.js";
import { loginRefused, type RunningDiscord, startDiscord } from "./platforms/discord/bot.js";
import { allShards } from "./platforms/discord/sharding.js";
import type { Services } from "./services/services.js";

/** The Discord side of `studybot start`, one process or several: what the chat runtime starts, checks and stops. */
export type DiscordPlatform = Omit<RunningDiscord, "userId">;

/** What a shard process sends its parent: its shards' states (see discordShardProcess.ts). */
export interface ShardStatesMessage {
  studybotShards: Record<string, string>;
}
/** What the parent sends a shard process to end it: it stops as on SIGTERM. */
export const STOP_MESSAGE = { studybot: "stop" } as const;
/** The variable a shard process reads the total shard count from (discord.js's own SHARD_COUNT counts processes). */
export const TOTAL_SHARDS_VARIABLE = "STUDYBOT_DISCORD_SHARDS";

/** Discord's identify rate limit: one IDENTIFY per 5 s (max_concurrency 1), so processes start one after another. */
const SPAWN_DELAY_MS = 5_500;
/** A process with thousands of servers takes a while to receive them all. */
const READY_TIMEOUT_MS = 5 * 60_000;
/** A process stopping lets its handlers reply (3 s at most): past this, it is killed. */
const STOP_TIMEOUT_MS = 4_000;

/**
 * Discord for `studybot start`: with DISCORD_PROCESSES=1, this process
 * connects every shard (DISCORD_SHARDS, or as many as Discord recommends);
 * with more, discord.js's ShardingManager runs them in that many processes.
 */
export async function connectDiscord(
  services: Services,
  discord: DiscordConfig,
  logger: AppLogger,
): Promise<DiscordPlatform> {
  if (discord.processes > 1) return startDiscordProcesses(discord, logger);
  const { token, apiBase, shards } = discord;
  return startDiscord(
    services,
    { token, apiBase, ...(shards === "auto" ? {} : { shards: allShards(shards) }) },
    logger,
  );
}

async function recommendedShards(discord: DiscordConfig): Promise<number> {
  const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
  try {
    return ((await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo).shards;
  } catch (error) {
    throw loginRefused(error);
  }
}

/**
 * The child runs the TypeScript sources the way `npm start` does, through
 * tsx's loader (resolved from here, so any working directory works); a
 * build (dist/) runs as plain JavaScript.
 */
function shardProcessEntry(): { file: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith(".ts");
  const file = fileURLToPath(new URL(`./discordShardProcess.${fromSources ? "ts" : "js"}`, import.meta.url));
  return { file, execArgv: fromSources ? ["--import", import.meta.resolve("tsx")] : [] };
}

/**
 * The shards in `discord.processes` processes, each a `discordShardProcess`
 * on the same database with every `processes`-th shard. They start one after
 * another (Discord's identify limit); a process that dies later is started
 * again by the ShardingManager. Each reports its shards' states, so this
 * process's health check sees every shard.
 */
async function startDiscordProcesses(discord: DiscordConfig, logger: AppLogger): Promise<DiscordPlatform> {
  const totalShards = discord.shards === "auto" ? await recommendedShards(discord) : discord.shards;
  const processes = Math.min(discord.processes, totalShards);
  if (processes < discord.processes) {
    logger.warn({ processes, totalShards }, "fewer shards than DISCORD_PROCESSES: one process per shard");
  }
  const { file, execArgv } = shardProcessEntry();
  // Not while starting: a process that cannot start (4011, a bad token) would be started again and again.
  const manager = new ShardingManager(file, {
    totalShards: processes,
    token: discord.token,
    execArgv,
    respawn: false,
  });
  const states = new Map<number, string>(Array.from({ length: totalShards }, (_, shard) => [shard, "connecting"]));
  const shardsOf = (child: Shard) => [...states.keys()].filter((shard) => shard % processes === child.id);
  manager.on("shardCreate", (child) => {
    (child.env as NodeJS.ProcessEnv)[TOTAL_SHARDS_VARIABLE] = String(totalShards);
    child.on("message", (message: Partial<ShardStatesMessage>) => {
      for (const [shard, state] of Object.entries(message.studybotShards ?? {})) states.set(Number(shard), state);
    });
    child.on("death", (exited) => {
      for (const shard of shardsOf(child)) states.set(shard, "process exited");
      logger.warn(
        { shardProcess: child.id, exitCode: "exitCode" in exited ? exited.exitCode : null },
        "shard process exited",
      );
    });
  });
  const stopChildren = async () => {
    manager.respawn = false;
    await Promise.all(
      manager.shards.map(async (child) => {
        const running = child.process;
        if (!running || running.exitCode !== null) return;
        const exited = once(running, "exit");
        running.send(STOP_MESSAGE, () => undefined);
        const timeout = setTimeout(() => running.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timeout);
      }),
    );
  };
  try {
    await manager.spawn({ amount: processes, delay: SPAWN_DELAY_MS, timeout: READY_TIMEOUT_MS });
  } catch (error) {
    await stopChildren();
    throw new Error(
      `A Discord shard process could not start (${error instanceof Error ? error.message : String(error)}); its own message is above.`,
      { cause: error },
    );
  }
  manager.respawn = true;
  logger.info({ processes, totalShards }, "discord shard processes running");
  return {
    isConnected: () => [...states.values()].every((state) => state === "ready"),
    shards: () => Object.fromEntries([...states].map(([shard, state]) => [String(shard), state])),
    // Each process stops taking events, lets its handlers reply and closes its database, as one process does.
    async stopTakingEvents() {
      manager.respawn = false;
      for (const child of manager.shards.values()) child.process?.send(STOP_MESSAGE, () => undefined);
    },
    stop: stopChildren,
  };
}
