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
