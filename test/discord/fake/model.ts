import type {
  APIEmbed,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  APIMessageTopLevelComponent,
  APIUser,
  InteractionType,
} from "discord-api-types/v10";
import { PermissionFlagsBits, RESTJSONErrorCodes } from "discord-api-types/v10";

/** What the fake Discord's parts share: its ids, the records tests read, and Discord's error shapes. */

export const BOT_TOKEN = "fake-bot-token.studybot";
export const APP_ID = "1100000000000000001";
export const GUILD_ID = "1200000000000000001";
export const BOT_USER: APIUser = {
  id: APP_ID,
  username: "studybot",
  discriminator: "0",
  global_name: "studybot",
  avatar: null,
  bot: true,
};
export const BOT_ROLE_ID = "1200000000000000002";
/** Discord's answer to a callback that comes after the 3-second window. */
export const INTERACTION_WINDOW_MS = 3000;

export interface FakeMember {
  id: string;
  username: string;
  nick?: string;
  /** Has Manage Server (studybot's admin right). */
  admin?: boolean;
}

export interface FakeChannelSpec {
  id: string;
  name: string;
  /** The server the channel is in (default GUILD_ID): every server named by a channel exists. */
  guildId?: string;
  /** Permissions taken from the bot in this channel by a member overwrite (what a careless admin does). */
  botDenied?: (keyof typeof PermissionFlagsBits)[];
}

/** A role of the server besides @everyone and the bot's own. */
export interface FakeRole {
  id: string;
  name: string;
  /** "Allow anyone to @mention this role". */
  mentionable: boolean;
}

/** A thread started from a message: Discord gives it the message's id. */
export interface FakeThread {
  id: string;
  parentId: string;
  guildId: string;
  name: string;
  autoArchiveDuration: number;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  allowedMentions?: unknown;
  /** Files attached to the message, with their bytes. */
  attachments: StoredAttachment[];
  editedAt?: number;
  /** Emoji name → the users who reacted with it, in order. */
  reactions: Map<string, string[]>;
  /** An interaction's deferred response that has not been written yet ("studybot is thinking…"). */
  loading: boolean;
  deleted: boolean;
}

export interface RecordedCall {
  method: string;
  /** The matched route with its parameter names, e.g. `/channels/:channel/messages`. */
  route: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  userId: string;
  channelId: string;
  dispatchedAt: number;
  /** Callbacks received, with how long after the dispatch each came. */
  callbacks: { response: APIInteractionResponse; afterMs: number }[];
  /** The response message (`@original`), once there is one. */
  originalId?: string;
  followupIds: string[];
  /** For component interactions, the message the component is on. */
  sourceMessageId?: string;
}

export type Failure =
  | { status: 429; retryAfterSeconds: number; global?: boolean }
  | { status: 400 | 403 | 404 | 500; code: number; message: string };

export const ALLOWED_TO_EVERYONE =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export const apiError = (status: number, code: number, message: string) => ({ status, body: { message, code } });
export const unknownMessage = () => apiError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
export const unknownChannel = () => apiError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");

/**
 * The shard that owns a server, by Discord's rule: `(guild_id >> 22) % shard_count`.
 * Written here again, not imported from src, so the fake checks the bot instead of agreeing with it.
 */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The `nth` server id (0, 1, …) that `shard` of `shardCount` owns: ids are made, not searched. */
export function guildIdOnShard(shard: number, shardCount: number, nth = 0): string {
  const base = 300_000_000_000; // a timestamp part like a real server's (2016)
  const timestamp = base - (base % shardCount) + shard + nth * shardCount;
  return ((BigInt(timestamp) << 22n) | 1n).toString();
}

let snowflakeSequence = 0;
/** Real-looking, increasing snowflakes: discord.js reads creation times from them. */
export function snowflake(): string {
  snowflakeSequence = (snowflakeSequence + 1) % 4096;
  return ((BigInt(Date.now() - 1_420_070_400_000) << 22n) | BigInt(snowflakeSequence)).toString();
}

/** A file part of a multipart message body. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredAttachment extends UploadedFile {
  id: string;
}

/** The message fields the bot sends on every route that writes one, and the files it uploaded with them. */
export type MessageBody = Pick<
  APIInteractionResponseCallbackData,
  "content" | "embeds" | "components" | "flags" | "allowed_mentions" | "attachments"
> & { uploaded?: UploadedFile[] };
