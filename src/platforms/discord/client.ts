import { Client, GatewayIntentBits, Options, Partials } from "discord.js";
import { Agent } from "undici";
import type { ShardPlan } from "./sharding.js";

export interface DiscordConnection {
  token: string;
  /** DISCORD_API_BASE: discord.js adds `/v10/…`, and takes the gateway URL from that server's /gateway/bot. */
  apiBase: string;
  /** REST retries and timeout; tests lower them so a failure shows at once. */
  rest?: { retries?: number; timeout?: number };
}

/** The bot's own member and user are what permission checks read: they alone outlive the limits below. */
const isTheBot = (entity: { id: string; client: Client }) => entity.id === entity.client.user?.id;

/**
 * Members an event brought in stay this long at most, and this many per
 * server: a reaction answer reads its member's server nickname from the
 * cache right after the event put it there.
 */
const MEMBER_SECONDS = 60;
const MEMBERS_PER_SERVER = 50;

/**
 * What discord.js keeps per server, cut to what studybot reads. Servers,
 * channels, roles and permission overwrites stay whole (permissions are
 * computed from them, and discord.js does not support limiting them). Of
 * members, the bot's own (its roles give its permissions in a channel) and,
 * for a minute, the few an event just brought; of users only the bot's.
 * Messages are not kept: a quiz's buttons and reactions name their message,
 * edits and reaction reads go by id, and a reaction on an uncached message
 * arrives as a partial. A fetched message keeps its reactions (read at
 * close), the users who reacted are paged, not kept. Nothing else studybot
 * never reads (emojis, stickers, presences, voice, invites, bans, events,
 * thread members, commands) is kept at all.
 */
export const CACHE_LIMITS = Options.cacheWithLimits({
  MessageManager: 0,
  GuildMemberManager: { maxSize: MEMBERS_PER_SERVER, keepOverLimit: isTheBot },
  UserManager: { maxSize: 0, keepOverLimit: isTheBot },
  ReactionUserManager: 0,
  ThreadMemberManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  GuildEmojiManager: 0,
  BaseGuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
});

/**
 * Connections to Discord's API kept open at most, each reused for request
 * after request. discord.js's default (undici's global agent) opens another
 * whenever every open one is busy; in a burst of clicks the bot is busy and
 * reads the answers to its requests late, so nearly every acknowledgement
 * opened a connection of its own (about 1,900 of 2,000 against the fake;
 * against Discord a TLS handshake each). 128 in flight still carry about
 * 2,500 requests a second at a 50 ms round trip.
 */
export const API_CONNECTIONS = 128;

/**
 * What discord.js does to a plain object it sends (an embed, a component, a
 * modal, an autocomplete choice): by default it copies the object, turning
 * every key into snake_case with lodash, on every send. studybot's are API
 * data already (render.ts and the modals write `custom_id`, not `customId`),
 * so they go as they are: an acknowledgement in a burst of clicks costs its
 * own work, not that copy.
 */
const asApiData = (data: unknown) => data;

/**
 * The client with only the intents studybot uses, none of them privileged:
 * Guilds (servers, channels, roles, for permissions and names) and
 * GuildMessageReactions (reaction answers). Reactions on messages not in the
 * cache arrive as partials, so they are enabled. Sharded by default: as many
 * shards as Discord recommends (`/gateway/bot`), unless `shards` names this
 * process's share of a fixed count.
 */
export function createDiscordClient(connection: Omit<DiscordConnection, "token">, shards?: ShardPlan): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: { api: connection.apiBase, ...connection.rest, agent: new Agent({ connections: API_CONNECTIONS }) },
    ...(shards ? { shards: shards.ids, shardCount: shards.count } : { shards: "auto" }),
    makeCache: CACHE_LIMITS,
    // Archived threads leave the cache after 4 hours (discord.js's default); members other than the bot, each minute.
    sweepers: {
      ...Options.DefaultSweeperSettings,
      guildMembers: { interval: MEMBER_SECONDS, filter: () => (member) => !isTheBot(member) },
    },
    // Whatever a message says, nobody is pinged unless the message names them (see render.ts).
    allowedMentions: { parse: [] },
    jsonTransformer: asApiData,
  });
}
