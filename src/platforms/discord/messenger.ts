import {
  type Client,
  type DMChannel,
  DiscordAPIError,
  type GuildTextBasedChannel,
  type Message,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
} from "discord.js";
import { clip } from "../../core/clip.js";
import type { PingTarget } from "../../core/commands.js";
import type { View } from "../../core/views.js";
import {
  type ChannelMessenger,
  type Logger,
  MessageGoneError,
  type PostedMessage,
  type PostOptions,
  PostRefusedError,
  type ReactionVote,
  RecipientUnreachableError,
} from "../../services/ports.js";
import { RequestPace } from "../requestPace.js";
import { findPingRole } from "./pingRoles.js";
import { choiceOfEmoji, letterEmoji, renderView } from "./render.js";

/**
 * Discord allows a bot 50 requests a second in all: private messages take at
 * most 40 of them (opening the DM channel, then the message), leaving the
 * rest to clicks and quizzes.
 */
const DIRECT_REQUESTS_PER_SECOND = 40;
const MAX_KNOWN_DM_CHANNELS = 100_000;

/** Names as Discord's channel settings show them, so an admin finds the switch. */
const PERMISSION_NAMES: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, "View Channel"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.SendMessagesInThreads, "Send Messages in Threads"],
  [PermissionFlagsBits.EmbedLinks, "Embed Links"],
  [PermissionFlagsBits.AddReactions, "Add Reactions"],
  [PermissionFlagsBits.ReadMessageHistory, "Read Message History"],
];

const permissionNames = (flags: readonly bigint[]) =>
  flags.map((flag) => PERMISSION_NAMES.find(([bit]) => bit === flag)?.[1] ?? String(flag));

/** A page of reaction users: Discord's maximum. */
const REACTION_PAGE = 100;

/**
 * Quizzes in Discord channels: posted as an embed with buttons (or with the
 * letter reactions added by the bot), edited with the results, their
 * reactions read back at close. Discord's refusals become the services'
 * errors: a missing permission says which one to grant, a deleted message or
 * channel is gone for good; rate limits are waited out by discord.js. It
 * serves the servers whose shards run in this process: only they are cached,
 * and the permissions checked before posting are read from that cache.
 */
export class DiscordMessenger implements ChannelMessenger {
  private readonly directPace = new RequestPace(DIRECT_REQUESTS_PER_SECOND);
  /** DM channels opened, so the next day's reminder costs one request, not two. */
  private readonly dmChannels = new Map<string, DMChannel>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    /** Whether a server's shard runs in this process (see sharding.ts). */
    private readonly servesGuild: (guildId: string) => boolean,
  ) {}

  serves(guildId: string): boolean {
    return this.servesGuild(guildId);
  }

  /**
   * A ping is the message's content, and its allowed mentions name that role
   * alone; every other message pings nobody (renderView, and the client's default).
   */
  async post(channelId: string, view: View, options?: PostOptions): Promise<PostedMessage> {
    const letters = view.reactionLetters ?? [];
    const channel = await this.channel(channelId);
    this.requirePermissions(channel, letters.length > 0);
    const rendered = renderView(view);
    const ping = options?.ping;
    const payload = ping
      ? { ...rendered, content: `<@&${ping.id}>`, allowedMentions: { parse: [], roles: [ping.id] } }
      : rendered;
    const message = await translateErrors(() => channel.send(payload), channel);
    if (letters.length > 0) await this.offerLetters(message, letters.length);
    return { messageId: message.id };
  }

  async edit(channelId: string, messageId: string, view: View): Promise<void> {
    const channel = await this.channel(channelId);
    await translateErrors(() => channel.messages.edit(messageId, renderView(view)), channel);
  }

  /** A public thread on the message (it takes the message's id), archived after a day without messages. */
  async startThread(channelId: string, messageId: string, topic: string): Promise<string> {
    const channel = await this.channel(channelId);
    if (!("threads" in channel) || channel.isThread()) {
      throw new PostRefusedError(`#${channel.name} cannot hold threads.`);
    }
    const thread = await translateErrors(
      () =>
        channel.threads.create({
          startMessage: messageId,
          name: clip(topic, THREAD_NAME_LIMIT) || "Quiz",
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
        }),
      channel,
    );
    return thread.id;
  }

  async postInThread(_channelId: string, threadId: string, view: View): Promise<void> {
    const thread = await this.channel(threadId);
    this.requirePermissions(thread, false);
    await translateErrors(() => thread.send(renderView(view)), thread);
  }

  /** The server's roles are read afresh: one made a minute ago counts. */
  async resolvePing(guildId: string, target: PingTarget) {
    const guild = await translateErrors(() => this.client.guilds.fetch(guildId));
    const roles = await translateErrors(() => guild.roles.fetch());
    const me = guild.members.me ?? (await translateErrors(() => guild.members.fetchMe()));
    return findPingRole(
      [...roles.values()].map((role) => ({ id: role.id, name: role.name, mentionable: role.mentionable })),
      { everyoneId: guild.id, mayMentionAll: me.permissions.has(PermissionFlagsBits.MentionEveryone) },
      target,
    );
  }

  async readReactionVotes(channelId: string, messageId: string): Promise<ReactionVote[]> {
    const channel = await this.channel(channelId);
    const message = await translateErrors(() => channel.messages.fetch({ message: messageId, force: true }), channel);
    const votes: ReactionVote[] = [];
    for (const reaction of message.reactions.cache.values()) {
      const choice = choiceOfEmoji(reaction.emoji.name);
      if (choice === undefined) continue;
      let after: string | undefined;
      for (;;) {
        const page = await translateErrors(
          () => reaction.users.fetch({ limit: REACTION_PAGE, ...(after ? { after } : {}) }),
          channel,
        );
        for (const user of page.values()) {
          if (user.id !== this.client.user?.id) votes.push({ userId: user.id, userName: user.displayName, choice });
        }
        if (page.size < REACTION_PAGE) break;
        after = page.lastKey();
      }
    }
    return votes;
  }

  /**
   * Opens the DM channel (POST /users/@me/channels) unless it was opened for
   * an earlier reminder, then sends the message in it.
   */
  async sendDirect(userId: string, view: View): Promise<void> {
    let dm = this.dmChannels.get(userId);
    if (!dm) {
      await this.directPace.take();
      dm = await translateDirectErrors(() => this.client.users.createDM(userId));
      if (this.dmChannels.size >= MAX_KNOWN_DM_CHANNELS) this.dmChannels.clear();
      this.dmChannels.set(userId, dm);
    }
    await this.directPace.take();
    const channel = dm;
    await translateDirectErrors(() => channel.send(renderView(view)));
  }

  /** A B C D in order, so they read as the options. A failure leaves the quiz answerable with any letter reaction. */
  private async offerLetters(message: Message, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      try {
        await message.react(letterEmoji(index));
      } catch (error) {
        this.logger.warn(
          { err: error, channelId: message.channelId, messageId: message.id },
          "could not add the letter reactions",
        );
        return;
      }
    }
  }

  private async channel(channelId: string): Promise<GuildTextBasedChannel> {
    const channel = await translateErrors(() => this.client.channels.fetch(channelId));
    if (!channel?.isTextBased() || channel.isDMBased()) {
      throw new PostRefusedError("studybot posts quizzes only in a server's text channels and threads.");
    }
    return channel;
  }

  /**
   * Checked before posting, from the permissions discord.js keeps up to date,
   * so the admin hears every missing permission at once instead of one refusal
   * after another. Discord's own answer still decides (see translateErrors).
   */
  private requirePermissions(channel: GuildTextBasedChannel, withReactions: boolean): void {
    const me = this.client.user;
    const granted = me ? channel.permissionsFor(me) : null;
    if (!granted) return;
    const needed = [
      PermissionFlagsBits.ViewChannel,
      channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
      PermissionFlagsBits.EmbedLinks,
      ...(withReactions ? [PermissionFlagsBits.AddReactions, PermissionFlagsBits.ReadMessageHistory] : []),
    ];
    const missing = needed.filter((flag) => !granted.has(flag, true));
    if (missing.length > 0) {
      throw new PostRefusedError(
        `studybot needs ${permissionNames(missing).join(", ")} in #${channel.name}. ${WHERE_TO_GRANT}`,
      );
    }
  }
}

/** Discord's limit on a thread's name. */
const THREAD_NAME_LIMIT = 100;

const WHERE_TO_GRANT = "An admin can grant them in the channel's settings, under Permissions.";

/** Runs a Discord call, turning the refusals services act on into their errors; anything else is rethrown as it is. */
async function translateErrors<T>(call: () => Promise<T>, channel?: { name: string }): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    const where = channel ? `#${channel.name}` : "this channel";
    switch (error.code) {
      case RESTJSONErrorCodes.UnknownMessage:
      case RESTJSONErrorCodes.UnknownChannel:
        throw new MessageGoneError(`${error.message} (${where})`, { cause: error });
      case RESTJSONErrorCodes.MissingAccess:
        throw new PostRefusedError(
          `studybot cannot see ${where}: it needs View Channel and Read Message History there. ${WHERE_TO_GRANT}`,
          { cause: error },
        );
      case RESTJSONErrorCodes.MissingPermissions:
        throw new PostRefusedError(
          `Discord refused studybot a permission in ${where}. It needs ${permissionNames(REQUIRED_TO_POST).join(", ")}. ${WHERE_TO_GRANT}`,
          { cause: error },
        );
      default:
        throw error;
    }
  }
}

/** Refusals of a private message that no retry can help: the person closed their DMs, or is gone. */
async function translateDirectErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    switch (error.code) {
      case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
        throw new RecipientUnreachableError("closed_dms", error.message, { cause: error });
      case RESTJSONErrorCodes.UnknownUser:
      case RESTJSONErrorCodes.UnknownMember:
        throw new RecipientUnreachableError("left", error.message, { cause: error });
      default:
        throw error;
    }
  }
}

/** What Discord may have refused when it says only "Missing Permissions". */
const REQUIRED_TO_POST = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.ReadMessageHistory,
];
