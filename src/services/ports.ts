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
}

/** What a command answers, for the adapter to show. */
export interface Reply {
  view: View;
  /** Private replies are ephemeral on Discord and Slack. */
  visibility: "private" | "public";
  /** Open this paste form (a modal) instead of showing `view`; where forms do not exist, `view` says what to do. */
  form?: DeckImportForm;
}

export const privateReply = (view: View): Reply => ({ view, visibility: "private" });
export const publicReply = (view: View): Reply => ({ view, visibility: "public" });

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

/** The only way services learn the time: tests pass a fake, production the system clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface PostedMessage {
  messageId: string;
}

/**
 * What a platform adapter offers services for channel messages (quizzes and
 * their results). Services never see SDK types.
 */
export interface ChannelMessenger {
  post(channelId: string, view: View): Promise<PostedMessage>;
  edit(channelId: string, messageId: string, view: View): Promise<void>;
  /**
   * The answer reactions on a quiz message (the bot's own excluded), read at
   * close so that reactions added while the bot was offline still count.
   * Platforms without reactions leave it out.
   */
  readReactionVotes?(channelId: string, messageId: string): Promise<ReactionVote[]>;
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
