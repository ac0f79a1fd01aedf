import { type Client, GatewayCloseCodes, Status } from "discord.js";

/** A process's share of the gateway shards: shard `ids` of `count` in all. */
export interface ShardPlan {
  ids: number[];
  count: number;
}

/** The shard that receives a server's events, by Discord's rule: `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The shards process `index` of `processes` runs: every `processes`-th one
 * from its index, so the shards (and the servers, which Discord spreads evenly
 * over shards) are shared out evenly.
 */
export function shardsOfProcess(index: number, processes: number, count: number): ShardPlan {
  const ids = Array.from({ length: count }, (_, shard) => shard).filter((shard) => shard % processes === index);
  return { ids, count };
}

/** Shards 0 to count - 1, all in one process. */
export const allShards = (count: number): ShardPlan => shardsOfProcess(0, 1, count);

/** Whether a server's events come to this client: its shard runs here. */
export function servesGuild(client: Client, guildId: string): boolean {
  const count = client.options.shardCount ?? 1;
  const ids = client.options.shards;
  return Array.isArray(ids) ? ids.includes(shardOfGuild(guildId, count)) : true;
}

/** Each shard of this client and its state, for the health check: "ready", "connecting", "disconnected"… */
export function shardStates(client: Client): Record<string, string> {
  return Object.fromEntries(
    [...client.ws.shards.values()].map((shard) => [String(shard.id), Status[shard.status].toLowerCase()]),
  );
}

/**
 * Why Discord closed a shard for good, and what the operator does about it.
 * 4011 is not about the token: the bot is in more servers than its shards may
 * carry (Discord allows 2,500 per shard and recommends one per 1,000).
 */
export function fatalCloseMessage(code: number, shardId: number, shardCount: number): string {
  const closed = `Discord closed shard ${shardId} of ${shardCount} with code ${code}`;
  switch (code) {
    case GatewayCloseCodes.ShardingRequired:
      return `${closed} (sharding required): the bot is in more servers than ${shardCount} shard${shardCount === 1 ? "" : "s"} may carry. If DISCORD_SHARDS is set, raise it or unset it (studybot then connects as many shards as Discord recommends); if it is unset, start studybot again: Discord's recommendation grew after studybot read it.`;
    case GatewayCloseCodes.InvalidShard:
      return `${closed} (invalid shard): check DISCORD_SHARDS and DISCORD_PROCESSES (at most one process per shard).`;
    case GatewayCloseCodes.AuthenticationFailed:
      return `${closed} (authentication failed): check DISCORD_TOKEN, the bot token from the Developer Portal (Bot → Reset Token).`;
    case GatewayCloseCodes.DisallowedIntents:
    case GatewayCloseCodes.InvalidIntents:
      return `${closed} (intents refused): studybot uses only the Guilds and Guild Message Reactions intents; check the bot's settings in the Developer Portal.`;
    default:
      return `${closed} (${GatewayCloseCodes[code] ?? "unknown"}) and will not reconnect.`;
  }
}
