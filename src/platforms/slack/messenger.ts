import type { webApi } from "@slack/bolt";
import { echoed } from "../../core/clip.js";
import type { PingGroup, PingTarget } from "../../core/commands.js";
import type { View } from "../../core/views.js";
import {
  type ChannelMessenger,
  type Logger,
  MessageGoneError,
  PostRefusedError,
  type PostedMessage,
  type PostOptions,
  UserError,
  type ReactionVote,
  RecipientUnreachableError,
} from "../../services/ports.js";
import { RequestPace } from "../requestPace.js";
import { choiceOfReaction, type LetterReactions } from "./reactions.js";
import { renderMessage } from "./render.js";
import type { SlackUsers } from "./users.js";

/** The `error` of a Web API call Slack refused (`not_in_channel`), if that is what it was. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/**
 * Slack's Web API tiers: conversations.open is Tier 3 (about 50 a minute),
 * chat.postMessage about one a second per channel and a few hundred a minute
 * per workspace. Private messages stay under both.
 */
const DM_OPENS_PER_SECOND = 50 / 60;
const DM_POSTS_PER_SECOND = 4;
/** Refusals that mean the person is gone for good: retrying tomorrow would fail the same way. */
const PERSON_GONE = new Set(["user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot"]);
const MAX_KNOWN_DM_CHANNELS = 100_000;

/** Edits that can never succeed: the message, or the bot's access to it, is gone. */
const GONE = new Set([
  "message_not_found",
  "channel_not_found",
  "is_archived",
  "cant_update_message",
  "edit_window_closed",
]);

export interface BotIdentity {
  userId: string;
  /** The bot's user name, for hints such as "/invite @studybot". */
  name: string;
}

/**
 * Channel messages for services (quizzes and their results) and private
 * messages for the adapter; the message `ts` is the message id. Slack's
 * refusals become the errors services understand.
 */
export class SlackMessenger implements ChannelMessenger {
  private readonly openPace = new RequestPace(DM_OPENS_PER_SECOND);
  private readonly postPace = new RequestPace(DM_POSTS_PER_SECOND);
  /** The app's DM channel with each person reminded before: opened once, not every day. */
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly bot: BotIdentity,
    private readonly letters: LetterReactions,
    private readonly users: SlackUsers,
    private readonly logger: Logger,
  ) {}

  async post(channelId: string, view: View, options?: PostOptions): Promise<PostedMessage> {
    let ts: string | undefined;
    try {
      ({ ts } = await this.client.chat.postMessage({
        channel: channelId,
        ...renderMessage(view, { ping: options?.ping?.id }),
      }));
    } catch (error) {
      throw this.refusal(error) ?? error;
    }
    if (!ts) throw new Error("chat.postMessage returned no ts");
    if (view.reactionLetters?.length) await this.letters.offer(channelId, ts, view.reactionLetters);
    return { messageId: ts };
  }

  async edit(channelId: string, messageId: string, view: View): Promise<void> {
    try {
      await this.client.chat.update({ channel: channelId, ts: messageId, ...renderMessage(view) });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && GONE.has(code))
        throw new MessageGoneError(`Slack: ${code} (channel ${channelId}, message ${messageId})`);
      throw error;
    }
  }

  /** Any message has a thread in Slack: its replies name the message's ts. Nothing to create. */
  async startThread(_channelId: string, messageId: string): Promise<string> {
    return messageId;
  }

  async postInThread(channelId: string, threadId: string, view: View): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: channelId, thread_ts: threadId, ...renderMessage(view) });
    } catch (error) {
      throw this.refusal(error) ?? error;
    }
  }

  /** The workspace's user groups (usergroups.list, enabled ones only), by id or by handle or name. */
  async resolvePing(_teamId: string, target: PingTarget): Promise<PingGroup> {
    let groups: { id?: string; handle?: string; name?: string }[];
    try {
      groups = (await this.client.usergroups.list({})).usergroups ?? [];
    } catch (error) {
      if (slackErrorCode(error) !== "missing_scope") throw error;
      throw new UserError(
        "studybot may not read this workspace's user groups yet.",
        "An admin adds the usergroups:read scope (see slack-app-manifest.yaml) and reinstalls the app.",
      );
    }
    const handles = groups.flatMap((group) => (group.handle ? [group.handle] : []));
    const hint = `Name one of this workspace's user groups, such as schedule add 0 9 * * 1-5 ping @${handles[0] ?? "students"}`;
    if (target.kind === "role") throw new UserError("On Slack a schedule pings a user group, not a role.", hint);
    const name = target.kind === "name" ? target.name.toLowerCase() : undefined;
    const id = target.kind === "group" ? target.id : undefined;
    const group = groups.find(
      (each) => each.id === id || each.handle?.toLowerCase() === name || each.name?.toLowerCase() === name,
    );
    if (!group?.id) {
      const what = target.kind === "name" ? `"@${echoed(target.name)}"` : "that one";
      throw new UserError(`This workspace has no user group ${what} (studybot never pings @here or @channel).`, hint);
    }
    return { id: group.id, label: group.handle ?? group.name ?? group.id };
  }

  /** Every letter reaction on the message but the bot's own, read in full (not the first page of users). */
  async readReactionVotes(channelId: string, messageId: string): Promise<ReactionVote[]> {
    const { message } = await this.client.reactions.get({ channel: channelId, timestamp: messageId, full: true });
    const letters = (message?.reactions ?? []).flatMap((reaction) => {
      const choice = reaction.name ? choiceOfReaction(reaction.name) : undefined;
      if (choice === undefined) return [];
      return (reaction.users ?? [])
        .filter((userId) => userId !== this.bot.userId)
        .map((userId) => ({ userId, choice }));
    });
    const voters = [...new Set(letters.map((letter) => letter.userId))];
    const names = new Map(
      await Promise.all(voters.map(async (userId) => [userId, (await this.users.person(userId)).name] as const)),
    );
    return letters.map(({ userId, choice }) => ({ userId, userName: names.get(userId) ?? userId, choice }));
  }

  /** The app's DM channel with the person (conversations.open), opened once per process. */
  async directChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    await this.openPace.take();
    const channel = (await this.client.conversations.open({ users: userId })).channel?.id;
    if (!channel) throw new Error("conversations.open returned no channel");
    if (this.dmChannels.size >= MAX_KNOWN_DM_CHANNELS) this.dmChannels.clear();
    this.dmChannels.set(userId, channel);
    return channel;
  }

  /** A private message from the app: its DM with the person, then chat.postMessage there. */
  async sendDirect(userId: string, view: View): Promise<void> {
    try {
      const channel = await this.directChannel(userId);
      await this.postPace.take();
      await this.client.chat.postMessage({ channel, ...renderMessage(view) });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && PERSON_GONE.has(code))
        throw new RecipientUnreachableError("left", `Slack: ${code}`, { cause: error });
      throw error;
    }
  }

  /** A message only this user sees, under the channel's conversation (answer acknowledgements). */
  async postPrivately(channelId: string, userId: string, view: View): Promise<void> {
    try {
      await this.client.chat.postEphemeral({ channel: channelId, user: userId, ...renderMessage(view) });
    } catch (error) {
      // The answer is recorded either way; a lost acknowledgement must not look like a lost answer.
      this.logger.warn({ err: error, channelId, userId }, "could not send a private acknowledgement");
    }
  }

  /** What to tell people when Slack will not let the bot post in a channel, or undefined for other failures. */
  private refusal(error: unknown): PostRefusedError | undefined {
    const invite = `Invite me first: type /invite @${this.bot.name} in the channel.`;
    switch (slackErrorCode(error)) {
      case "not_in_channel":
        return new PostRefusedError(`I am not in this channel. ${invite}`);
      case "channel_not_found":
        return new PostRefusedError(
          `I cannot see this channel (private channels and DMs need an invitation). ${invite}`,
        );
      case "is_archived":
        return new PostRefusedError("This channel is archived, so nothing can be posted in it.");
      case "restricted_action":
      case "restricted_action_read_only_channel":
      case "restricted_action_non_threadable_channel":
        return new PostRefusedError(
          "Posting in this channel is restricted by the workspace settings; ask an admin or use another channel.",
        );
      case "ekm_access_denied":
      case "team_access_not_granted":
        return new PostRefusedError("Slack denied the bot access to this channel; ask a workspace admin to grant it.");
      default:
        return undefined;
    }
  }
}
