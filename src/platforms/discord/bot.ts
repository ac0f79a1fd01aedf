import { once } from "node:events";
import { type CloseEvent, Events, type Interaction, RESTEvents, Status } from "discord.js";
import { noticeView } from "../../core/views.js";
import type { Logger } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { InFlight } from "../inFlight.js";
import { DISCORD_PLATFORM } from "./actor.js";
import { createDiscordClient, type DiscordConnection } from "./client.js";
import { handleInteraction } from "./interactions.js";
import { DiscordMessenger } from "./messenger.js";
import { PRIVATELY, renderView } from "./render.js";
import { answerByReaction } from "./reactions.js";
import { fatalCloseMessage, type ShardPlan, servesGuild, shardStates } from "./sharding.js";

export interface DiscordOptions extends DiscordConnection {
  /** Defer a command's reply after this long (default 2 s, within Discord's 3-second window). */
  replyBudgetMs?: number;
  /** This process's shards; by default every shard Discord recommends. */
  shards?: ShardPlan;
  /** Told each shard's state whenever one changes (a process run by the ShardingManager tells its parent). */
  onShardStates?: (states: Record<string, string>) => void;
}

export interface RunningDiscord {
  /** The bot's own user id. */
  userId: string;
  /** True while every shard's gateway session is up (events arrive). */
  isConnected(): boolean;
  /** Each shard of this process and its state ("ready", "connecting", "disconnected"…). */
  shards(): Record<string, string>;
  /** From now on, events are answered but not taken (a click is told to try again later). */
  stopTakingEvents(): Promise<void>;
  /** Stops taking events, lets the handlers under way reply, then disconnects. */
  stop(): Promise<void>;
}

const DEFAULT_REPLY_BUDGET_MS = 2000;

/** A refused login (or gateway lookup), as the operator reads it: which variable to fix. */
export function loginRefused(error: unknown): Error {
  return new Error(
    `Discord refused the login (${error instanceof Error ? error.message : String(error)}): check DISCORD_TOKEN, the bot token from the Developer Portal (Bot → Reset Token).`,
    { cause: error },
  );
}

/** Discord closed a shard for good while starting; the message says why and what to do. */
export class ShardClosedError extends Error {
  override readonly name = "ShardClosedError";
}
const STOPPING = noticeView("studybot is restarting", "Nothing was recorded. Try again in a minute.", "warning");
/** Discord drops an interaction not answered within 3 seconds: no handler needs longer to reply. */
const DRAIN_MS = 3000;

async function refuseWhileStopping(interaction: Interaction, logger: Logger): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction
    .reply(renderView(STOPPING, PRIVATELY))
    .catch((error: unknown) => logger.warn({ err: error }, "could not tell a click that studybot is stopping"));
}

/**
 * Connects the Discord bot: logs in on every shard, waits until their servers
 * are known, then lets the services post through it. A wrong token, or a
 * shard Discord closes for good (4011: more shards needed), stops the start
 * with a sentence saying what to fix.
 */
export async function startDiscord(
  services: Services,
  options: DiscordOptions,
  logger: Logger,
): Promise<RunningDiscord> {
  const client = createDiscordClient(options, options.shards);
  const deps = { services, logger, replyBudgetMs: options.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS };

  const handlers = new InFlight();
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    // While stopping, a click or command is answered but not taken, so its sender knows to try again.
    void handlers.track(stopping ? refuseWhileStopping(interaction, logger) : handleInteraction(deps, interaction));
  });
  client.on(Events.MessageReactionAdd, (reaction, user) => {
    // A reaction left now is still on the message: the close of its quiz counts it.
    if (stopping) return;
    handlers.track(answerByReaction(deps, reaction, user)).catch((error: unknown) => {
      logger.error({ err: error, messageId: reaction.message.id }, "discord reaction answer failed");
    });
  });
  client.rest.on(RESTEvents.RateLimited, (limit) => {
    logger.warn(
      {
        method: limit.method,
        route: limit.route,
        retryAfterMs: limit.retryAfter,
        global: limit.global,
        scope: limit.scope,
      },
      "discord rate limit: waiting before retrying",
    );
  });
  client.on(Events.Warn, (message) => logger.warn({ source: "discord" }, message));
  client.on(Events.Error, (error) => logger.error({ err: error, source: "discord" }, "discord client error"));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.error(
      { code: event.code, shardId },
      `discord gateway disconnected for good: ${fatalCloseMessage(event.code, shardId, client.options.shardCount ?? 1)}`,
    );
  });

  const { onShardStates } = options;
  if (onShardStates) {
    const tell = () => onShardStates(shardStates(client));
    client.on(Events.ShardReady, tell).on(Events.ShardResume, tell);
    client.on(Events.ShardReconnecting, tell).on(Events.ShardDisconnect, tell);
  }

  // A shard closed for good before every shard is ready ends the start: ready would never come.
  let refuseStart: (event: CloseEvent, shardId: number) => void = () => {};
  const shardClosed = new Promise<never>((_, reject) => {
    refuseStart = (event, shardId) =>
      reject(new ShardClosedError(fatalCloseMessage(event.code, shardId, client.options.shardCount ?? 1)));
  });
  client.once(Events.ShardDisconnect, refuseStart);
  const ready = Promise.race([once(client, Events.ClientReady), shardClosed]).finally(() =>
    client.off(Events.ShardDisconnect, refuseStart),
  );
  try {
    // Together: a shard closed for good may settle `ready` while the login is still under way.
    await Promise.all([client.login(options.token), ready]);
  } catch (error) {
    await client.destroy();
    if (error instanceof ShardClosedError) throw error;
    throw loginRefused(error);
  }
  const userId = client.user?.id ?? "";
  services.messengers.set(
    DISCORD_PLATFORM,
    new DiscordMessenger(client, logger, (guildId) => servesGuild(client, guildId)),
  );
  logger.info(
    {
      bot: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: client.options.shards,
      shardCount: client.options.shardCount,
    },
    "discord connected",
  );
  return {
    userId,
    isConnected: () => client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    shards: () => shardStates(client),
    async stopTakingEvents() {
      stopping = true;
    },
    async stop() {
      stopping = true;
      if (!(await handlers.drain(DRAIN_MS))) logger.warn({}, "discord handlers still running at shutdown");
      services.messengers.delete(DISCORD_PLATFORM);
      await client.destroy();
    },
  };
}
