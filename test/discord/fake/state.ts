import {
  type APIApplicationCommand,
  type APIDMChannel,
  type APIGuild,
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIThreadChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import {
  ALLOWED_TO_EVERYONE,
  BOT_ROLE_ID,
  BOT_USER,
  type FakeChannelSpec,
  type FakeMember,
  type FakeRole,
  type FakeThread,
  GUILD_ID,
  type InteractionRecord,
  type MessageBody,
  snowflake,
  type StoredAttachment,
  type StoredMessage,
  type UploadedFile,
} from "./model.js";

const storedAttachment = (file: UploadedFile): StoredAttachment => ({ id: snowflake(), ...file });

/**
 * The guild as Discord keeps it: channels, members, registered commands, every
 * message (with its reactions) and every interaction a test played; and the API
 * objects (guild, channel, member, message) that the gateway and REST routes send.
 */
export class DiscordState {
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands: APIApplicationCommand[] = [];
  readonly members = new Map<string, FakeMember>();
  /** Every server, in the order its first channel was given. */
  readonly guildIds: string[];
  private readonly channelsById: Map<string, FakeChannelSpec>;
  private readonly channelsByGuild = new Map<string, FakeChannelSpec[]>();
  /** Direct message channels the bot opened: channel id → the member's user id. */
  readonly dmChannels = new Map<string, string>();
  /** Members who do not accept direct messages from the server's members (Discord answers 50007). */
  readonly closedDms = new Set<string>();
  /** Roles an admin made, by server. */
  readonly extraRoles = new Map<string, FakeRole[]>();
  /** Permissions the bot's role has besides everyone's (Mention @everyone, @here, and All Roles). */
  botRolePermissions = 0n;
  /** Threads started from messages, by id (the message's). */
  readonly threads = new Map<string, FakeThread>();

  constructor(
    readonly channels: FakeChannelSpec[],
    /** What /gateway/bot recommends, and the count an IDENTIFY must carry (Discord closes others with 4011). */
    readonly shards: { recommended: number; required: number } = { recommended: 1, required: 1 },
  ) {
    this.channelsById = new Map(channels.map((spec) => [spec.id, spec]));
    for (const spec of channels) {
      const guildId = spec.guildId ?? GUILD_ID;
      this.channelsByGuild.set(guildId, [...(this.channelsByGuild.get(guildId) ?? []), spec]);
    }
    this.guildIds = [...this.channelsByGuild.keys()];
  }

  /** The server a channel is in. */
  guildOf(channelId: string): string {
    return this.channelSpec(channelId)?.guildId ?? GUILD_ID;
  }

  /** The bot's DM channel with a member, opened once (POST /users/@me/channels), as Discord keeps one per pair. */
  openDm(userId: string): APIDMChannel {
    let id = [...this.dmChannels].find(([, user]) => user === userId)?.[0];
    if (!id) {
      id = snowflake();
      this.dmChannels.set(id, userId);
    }
    return {
      id,
      type: ChannelType.DM,
      name: null,
      last_message_id: null,
      recipients: [this.user(this.member(userId))],
      flags: 0 as ChannelFlags,
    };
  }

  /** The direct messages the bot sent a member, oldest first. */
  directMessagesTo(userId: string): StoredMessage[] {
    return [...this.messages.values()].filter(
      (message) => this.dmChannels.get(message.channelId) === userId && !(message.flags & MessageFlags.Ephemeral),
    );
  }

  addMember(member: FakeMember): FakeMember {
    this.members.set(member.id, member);
    return member;
  }

  /** What everyone sees in a channel: its messages that are neither deleted nor ephemeral. */
  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter(
      (message) => message.channelId === channelId && !message.deleted && !(message.flags & MessageFlags.Ephemeral),
    );
  }

  /** The ephemeral replies to a member's interactions, oldest first, as only that member sees them. */
  privateRepliesTo(userId: string): StoredMessage[] {
    const mine = new Set(
      [...this.interactions.values()]
        .filter((record) => record.userId === userId)
        .flatMap((record) => [record.originalId, ...record.followupIds]),
    );
    return [...this.messages.values()].filter(
      (message) => mine.has(message.id) && !message.deleted && (message.flags & MessageFlags.Ephemeral) !== 0,
    );
  }

  /** A moderator deletes a message. */
  deleteMessage(messageId: string): void {
    const message = this.messages.get(messageId);
    if (message) message.deleted = true;
  }

  original(record: InteractionRecord): StoredMessage | undefined {
    return record.originalId ? this.messages.get(record.originalId) : undefined;
  }

  channelSpec(channelId: string): FakeChannelSpec | undefined {
    return this.channelsById.get(channelId);
  }

  roles(guildId: string): APIRole[] {
    const role = (id: string, name: string, permissions: bigint, position: number): APIRole => ({
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      managed: id === BOT_ROLE_ID,
      mentionable: false,
      flags: 0 as RoleFlags,
    });
    return [
      role(guildId, "@everyone", ALLOWED_TO_EVERYONE, 0),
      role(BOT_ROLE_ID, "studybot", ALLOWED_TO_EVERYONE | this.botRolePermissions, 1),
      ...(this.extraRoles.get(guildId) ?? []).map((extra, index) => ({
        ...role(extra.id, extra.name, 0n, index + 2),
        mentionable: extra.mentionable,
      })),
    ];
  }

  addRole(extra: FakeRole, guildId = GUILD_ID): void {
    this.extraRoles.set(guildId, [...(this.extraRoles.get(guildId) ?? []), extra]);
  }

  /** A public thread as GET /channels/{id} and the thread routes send it. */
  threadChannel(thread: FakeThread): APIThreadChannel<ChannelType.PublicThread> {
    return {
      id: thread.id,
      type: ChannelType.PublicThread,
      guild_id: thread.guildId,
      parent_id: thread.parentId,
      name: thread.name,
      owner_id: BOT_USER.id,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: this.messagesIn(thread.id).length,
      member_count: 1,
      thread_metadata: {
        archived: false,
        auto_archive_duration: thread.autoArchiveDuration,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      flags: 0 as ChannelFlags,
    };
  }

  channel(spec: FakeChannelSpec): APIGuildTextChannel<ChannelType.GuildText> {
    const overwrites: APIOverwrite[] = spec.botDenied?.length
      ? [
          {
            id: BOT_USER.id,
            type: OverwriteType.Member,
            allow: "0",
            deny: spec.botDenied.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n).toString(),
          },
        ]
      : [];
    return {
      id: spec.id,
      type: ChannelType.GuildText,
      guild_id: spec.guildId ?? GUILD_ID,
      name: spec.name,
      position: this.channelsByGuild.get(spec.guildId ?? GUILD_ID)?.indexOf(spec) ?? 0,
      permission_overwrites: overwrites,
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    };
  }

  guild(guildId = GUILD_ID): APIGuild {
    return {
      id: guildId,
      name: guildId === GUILD_ID ? "Study Group" : `Study Group ${guildId}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: "1400000000000000001",
      region: "",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: this.roles(guildId),
      emojis: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      stickers: [],
      hub_type: null,
      incidents_data: null,
    };
  }

  botMember(): APIGuildMember {
    return {
      user: BOT_USER,
      nick: null,
      roles: [BOT_ROLE_ID],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    };
  }

  guildCreate(guildId = GUILD_ID): GatewayGuildCreateDispatchData {
    return {
      ...this.guild(guildId),
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: this.members.size + 1,
      voice_states: [],
      members: [this.botMember()],
      channels: (this.channelsByGuild.get(guildId) ?? []).map((spec) => this.channel(spec)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  user(member: FakeMember): APIUser {
    return { id: member.id, username: member.username, discriminator: "0", global_name: null, avatar: null };
  }

  guildMember(member: FakeMember): APIGuildMember {
    return {
      user: this.user(member),
      nick: member.nick ?? null,
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    };
  }

  /** An interaction's member carries its permissions in the channel, as Discord computes them. */
  interactionMember(member: FakeMember): APIInteractionGuildMember {
    const permissions = ALLOWED_TO_EVERYONE | (member.admin ? PermissionFlagsBits.ManageGuild : 0n);
    return { ...this.guildMember(member), user: this.user(member), permissions: permissions.toString() };
  }

  member(userId: string): FakeMember {
    const member = this.members.get(userId);
    if (!member) throw new Error(`fake Discord: no member ${userId}; add it with addMember`);
    return member;
  }

  registeredCommand(name: string): APIApplicationCommand {
    const command = [...this.guildCommands, ...this.globalCommands].find((c) => c.name === name);
    if (!command) throw new Error(`fake Discord: /${name} is not registered`);
    return command;
  }

  store(channelId: string, authorId: string, body: MessageBody | undefined): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channelId,
      authorId,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      reactions: new Map(),
      attachments: (body?.uploaded ?? []).map(storedAttachment),
      loading: false,
      deleted: false,
      ...(body?.allowed_mentions ? { allowedMentions: body.allowed_mentions } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  edit(message: StoredMessage, body: MessageBody): void {
    if (body.content !== undefined) message.content = body.content ?? "";
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.allowed_mentions !== undefined) message.allowedMentions = body.allowed_mentions;
    // Discord keeps the attachments an edit lists by id, and adds the files it uploads.
    if (body.attachments !== undefined || body.uploaded !== undefined) {
      const kept = new Set((body.attachments ?? []).map((attachment) => String(attachment.id)));
      message.attachments = [
        ...message.attachments.filter((attachment) => kept.has(attachment.id)),
        ...(body.uploaded ?? []).map(storedAttachment),
      ];
    }
    if (!message.loading) message.editedAt = Date.now();
    message.loading = false;
  }

  apiMessage(message: StoredMessage): APIMessage {
    const reactions = [...message.reactions].map(([name, users]) => ({
      emoji: { id: null, name },
      count: users.length,
      count_details: { burst: 0, normal: users.length },
      me: users.includes(BOT_USER.id),
      me_burst: false,
      burst_colors: [],
    }));
    return {
      id: message.id,
      channel_id: message.channelId,
      author: message.authorId === BOT_USER.id ? BOT_USER : this.user(this.member(message.authorId)),
      content: message.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: message.editedAt ? new Date(message.editedAt).toISOString() : null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        content_type: attachment.contentType,
        size: attachment.bytes.length,
        url: `https://cdn.discordapp.com/attachments/${message.channelId}/${attachment.id}/${attachment.filename}`,
        proxy_url: `https://media.discordapp.net/attachments/${message.channelId}/${attachment.id}/${attachment.filename}`,
      })),
      embeds: message.embeds,
      pinned: false,
      type: MessageType.Default,
      flags: message.flags,
      components: message.components,
      ...(reactions.length > 0 ? { reactions } : {}),
    };
  }
}
