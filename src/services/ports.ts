import type { PingGroup, PingTarget } from "../core/commands.js";
import type { DeckImportForm } from "../core/deckImportForm.js";
import type { Rng } from "../core/random.js";
import type { View } from "../core/views.js";

/** Who is asking, where: filled in by the platform adapter from its event. */
export interface Actor {
  platform: string;
  communityId: string;
  communityName?: string;
  channelId: string;
  userId: string;
  userName: string;
  /** The adapter decides (Discord: Manage Server; Slack: admins or SLACK_ADMIN_USERS; terminal: always). */
  isAdmin: boolean;
  /** The zone in the person's platform profile (Slack's users.info), theirs until they set one with `me timezone`. */
  profileTimeZone?: string;
  /** The language of the person's app, as the platform names it ("de", "en-US"): replies that have texts in it use it. */
  locale?: string;
}

/** What a command answers, for the adapter to show. */
export interface Reply {
  view: View;
  /** Private replies are ephemeral on Discord and Slack. */
  visibility: "private" | "public";
  /** Open this paste form (a modal) instead of showing `view`; where forms do not exist, `view` says what to do. */
  form?: DeckImportForm;
  /** Files that go with `view` (a data export, a chart): attached where the platform can, else saved. */
  files?: readonly ReplyFile[];
}

/** A file a reply carries; its bytes are ready, so every platform sends the same file. */
export interface ReplyFile {
  /** A plain file name with its extension ("report-members.csv"): platforms show it as is. */
  name: string;
  /** Its media type ("text/csv; charset=utf-8", "image/png"). */
  contentType: string;
  bytes: Uint8Array;
}

export const privateReply = (view: View): Reply => ({ view, visibility: "private" });
export const publicReply = (view: View): Reply => ({ view, visibility: "public" });
export const withFiles = (reply: Reply, files: readonly ReplyFile[]): Reply => ({ ...reply, files });

/**
 * A mistake the person can fix (an unknown deck, a bad cron, a quiz that
 * cannot be posted there): its message and hint are shown to them, and it is
 * not logged as an error.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A UserError about one box of the "Make a flashcard" form, so a platform can show it beside that box. */
export class CardFormError extends UserError {
  constructor(
    message: string,
    readonly field: "front" | "back" | "deckId",
  ) {
    super(message);
  }
}

/** The only way services learn the time: tests pass a fake, production the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface PostedMessage {
  messageId: string;
}

export interface PostOptions {
  /** Mention this group, and nobody else: every other post pings nobody. */
  ping?: PingGroup;
}

/**
 * What a platform adapter offers services for channel messages (quizzes and
 * their results). Services never see SDK types.
 */
export interface ChannelMessenger {
  post(channelId: string, view: View, options?: PostOptions): Promise<PostedMessage>;
  edit(channelId: string, messageId: string, view: View): Promise<void>;
  /**
   * Starts a discussion thread on a posted message, named after `topic`
   * (clipped to the platform's limit), and returns the thread's id.
   * Platforms without threads leave it out.
   */
  startThread?(channelId: string, messageId: string, topic: string): Promise<string>;
  /** Posts in a thread that startThread returned. */
  postInThread?(channelId: string, threadId: string, view: View): Promise<void>;
  /**
   * Finds the role or user group a schedule is to ping in the community (its
   * platform id), or throws a UserError saying why it cannot be pinged, with
   * an example. Platforms that cannot ping anyone leave it out.
   */
  resolvePing?(communityId: string, target: PingTarget): Promise<PingGroup>;
  /**
   * The answer reactions on a quiz message (the bot's own excluded), read at
   * close so that reactions added while the bot was offline still count.
   * Platforms without reactions leave it out.
   */
  readReactionVotes?(channelId: string, messageId: string): Promise<ReactionVote[]>;
  /**
   * Whether this process reaches the community (its platform id): a Discord
   * server whose shard runs in another process does not. Left out: every
   * community of the platform.
   */
  serves?(communityId: string): boolean;

  /**
   * Sends the person a private message (daily reminders), at the pace the
   * platform allows: many calls at once wait their turn. Throws
   * RecipientUnreachableError when the platform says the person cannot be
   * reached. Platforms without private messages leave it out.
   */
  sendDirect?(userId: string, view: View): Promise<void>;
}

/** Why a person cannot get private messages: they closed them to the bot, or left the server or workspace. */
export type UnreachableReason = "closed_dms" | "left";

/** Thrown by sendDirect when trying again cannot help until the person changes something. */
export class RecipientUnreachableError extends Error {
  override readonly name = "RecipientUnreachableError";
  constructor(
    readonly reason: UnreachableReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The messenger of this process for a community, or undefined when another
 * process serves it (another platform, or another process's shards): its
 * scheduled posts, closes and results are left to that process.
 */
export function messengerServing(
  messengers: ReadonlyMap<string, ChannelMessenger>,
  community: { platform: string; externalId: string },
): ChannelMessenger | undefined {
  const messenger = messengers.get(community.platform);
  return messenger && (messenger.serves?.(community.externalId) ?? true) ? messenger : undefined;
}

export interface ReactionVote {
  userId: string;
  userName: string;
  /** Option index (0 = A). */
  choice: number;
}

/** Thrown by a messenger when the message or channel is gone for good: retrying cannot help. */
export class MessageGoneError extends Error {
  override readonly name = "MessageGoneError";
}

/** Thrown by a messenger when the bot may not post there; the message says what to grant. */
export class PostRefusedError extends Error {
  override readonly name = "PostRefusedError";
}

export interface Randomness {
  rng: Rng;
  /** A short id nobody can guess, for button payloads. */
  nonce(): string;
}

/** The slice of pino that services use, so tests can pass a silent one. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
