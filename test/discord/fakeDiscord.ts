import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIAttachment,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteraction,
  type APIApplicationCommandAutocompleteInteraction,
  type APIEmbed,
  type APIGatewayBotInfo,
  type APIGuild,
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type APIInteractionResponseCallbackData,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GatewayDispatchPayload,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  type GatewayIdentifyData,
  type GatewayMessageReactionAddDispatchData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayReceivePayload,
  type GatewaySendPayload,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  RESTJSONErrorCodes,
} from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A local stand-in for Discord: the REST routes discord.js calls (gateway
 * discovery, application commands, interaction callbacks and webhooks, channel
 * messages and reactions) and a WebSocket gateway that identifies the bot,
 * sends READY and GUILD_CREATE, acknowledges heartbeats and dispatches the
 * events a test plays: slash commands, button clicks, modal submits,
 * autocomplete and reactions, from any member. Every REST call is recorded so
 * tests assert on what Discord would show; any route can be told to fail once.
 */

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
const BOT_ROLE_ID = "1200000000000000002";
/** Discord's answer to a callback that comes after the 3-second window. */
const INTERACTION_WINDOW_MS = 3000;

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
  /** Permissions taken from the bot in this channel by a member overwrite (what a careless admin does). */
  botDenied?: (keyof typeof PermissionFlagsBits)[];
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

type Params = Record<string, string>;
type Handler = (request: {
  params: Params;
  query: URLSearchParams;
  body: unknown;
  auth: string | undefined;
}) => { status: number; body?: unknown } | undefined;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

const ALLOWED_TO_EVERYONE =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

const apiError = (status: number, code: number, message: string) => ({ status, body: { message, code } });
const unknownMessage = () => apiError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
const unknownChannel = () => apiError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");

let snowflakeSequence = 0;
/** Real-looking, increasing snowflakes: discord.js reads creation times from them. */
function snowflake(): string {
  snowflakeSequence = (snowflakeSequence + 1) % 4096;
  return ((BigInt(Date.now() - 1_420_070_400_000) << 22n) | BigInt(snowflakeSequence)).toString();
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return undefined;
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new Error(`fake Discord: expected a JSON body, got ${req.headers["content-type"]}`);
  }
  return JSON.parse(raw);
}

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands: APIApplicationCommand[] = [];
  /** Routes the client called that this fake does not serve: a test should fail on any. */
  readonly unknownRoutes: string[] = [];
  readonly members = new Map<string, FakeMember>();
  readonly channels: FakeChannelSpec[];
  identifies = 0;

  private readonly routes: Route[] = [];
  private readonly failures: { method: string; route: string; failure: Failure; remaining: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly sequence = new WeakMap<WebSocket, number>();
  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  private port = 0;

  private constructor(channels: FakeChannelSpec[]) {
    this.channels = channels;
    this.server = createServer((req, res) => void this.serve(req, res));
    this.gateway = new WebSocketServer({ server: this.server });
    this.gateway.on("connection", (socket) => this.onGatewayConnection(socket));
    this.defineRoutes();
  }

  static async start(options: { channels?: FakeChannelSpec[] } = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options.channels ?? [{ id: "1300000000000000001", name: "daily-quiz" }]);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_BASE is set to: discord.js adds `/v10/...`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addMember(member: FakeMember): FakeMember {
    this.members.set(member.id, member);
    return member;
  }

  /** The next `times` calls to this route fail as told (429s carry Retry-After, like Discord's). */
  failNext(method: string, route: string, failure: Failure, times = 1): void {
    this.failures.push({ method: method.toUpperCase(), route, failure, remaining: times });
  }

  callsTo(method: string, route: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method.toUpperCase() && call.route === route);
  }

  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter(
      (message) => message.channelId === channelId && !message.deleted && !(message.flags & MessageFlags.Ephemeral),
    );
  }

  /** A moderator deletes a message. */
  deleteMessage(messageId: string): void {
    const message = this.messages.get(messageId);
    if (message) message.deleted = true;
  }

  // ── gateway ────────────────────────────────────────────────────────────

  get connected(): boolean {
    return this.sockets.size > 0;
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sequence.set(socket, 0);
    socket.on("message", (raw) => this.onGatewayFrame(socket, String(raw)));
    socket.on("close", () => this.sockets.delete(socket));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 }, s: null, t: null });
  }

  private onGatewayFrame(socket: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as GatewaySendPayload;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(socket, payload.d);
        return;
      case GatewayOpcodes.Resume:
        // Sessions are not kept: the client starts a new one, as after a long outage.
        this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
        return;
      default:
        return;
    }
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): void {
    if (data.token !== BOT_TOKEN) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    this.identifies += 1;
    this.sockets.add(socket);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: BOT_USER,
      guilds: [{ id: GUILD_ID, unavailable: true }],
      session_id: randomBytes(16).toString("hex"),
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: APP_ID, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.dispatchTo(socket, GatewayDispatchEvents.Ready, ready);
    this.dispatchTo(socket, GatewayDispatchEvents.GuildCreate, this.guildCreate());
  }

  private get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  private send(socket: WebSocket, payload: GatewayReceivePayload): void {
    socket.send(JSON.stringify(payload));
  }

  private dispatchTo(socket: WebSocket, event: GatewayDispatchEvents, data: unknown): void {
    const s = (this.sequence.get(socket) ?? 0) + 1;
    this.sequence.set(socket, s);
    this.send(socket, { op: GatewayOpcodes.Dispatch, t: event, s, d: data } as GatewayDispatchPayload);
  }

  /** Sends an event to every identified session; false when the bot is offline (the event is lost). */
  dispatch(event: GatewayDispatchEvents, data: unknown): boolean {
    for (const socket of this.sockets) this.dispatchTo(socket, event, data);
    return this.sockets.size > 0;
  }

  // ── the guild as the bot sees it ───────────────────────────────────────

  private roles(): APIRole[] {
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
    return [role(GUILD_ID, "@everyone", ALLOWED_TO_EVERYONE, 0), role(BOT_ROLE_ID, "studybot", ALLOWED_TO_EVERYONE, 1)];
  }

  private channel(spec: FakeChannelSpec): APIGuildTextChannel<ChannelType.GuildText> {
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
      guild_id: GUILD_ID,
      name: spec.name,
      position: this.channels.indexOf(spec),
      permission_overwrites: overwrites,
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    };
  }

  private guild(): APIGuild {
    return {
      id: GUILD_ID,
      name: "Study Group",
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
      roles: this.roles(),
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

  private botMember(): APIGuildMember {
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

  private guildCreate(): GatewayGuildCreateDispatchData {
    return {
      ...this.guild(),
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: this.members.size + 1,
      voice_states: [],
      members: [this.botMember()],
      channels: this.channels.map((spec) => this.channel(spec)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private user(member: FakeMember): APIUser {
    return { id: member.id, username: member.username, discriminator: "0", global_name: null, avatar: null };
  }

  private guildMember(member: FakeMember): APIGuildMember {
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
  private interactionMember(member: FakeMember): APIInteractionGuildMember {
    const permissions = ALLOWED_TO_EVERYONE | (member.admin ? PermissionFlagsBits.ManageGuild : 0n);
    return { ...this.guildMember(member), user: this.user(member), permissions: permissions.toString() };
  }

  private member(userId: string): FakeMember {
    const member = this.members.get(userId);
    if (!member) throw new Error(`fake Discord: no member ${userId}; add it with addMember`);
    return member;
  }

  // ── events a test plays ─────────────────────────────────────────────────

  private interactionBase(member: FakeMember, channelId: string, guildId = GUILD_ID) {
    const spec = this.channels.find((channel) => channel.id === channelId);
    if (!spec) throw new Error(`fake Discord: no channel ${channelId}`);
    const channel = this.channel(spec);
    return {
      id: snowflake(),
      application_id: APP_ID,
      token: `itoken-${randomBytes(12).toString("hex")}`,
      version: 1 as const,
      guild_id: guildId,
      guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
      channel_id: channelId,
      channel: { id: channel.id, type: channel.type, name: channel.name, guild_id: guildId },
      member: this.interactionMember(member),
      locale: Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      app_permissions: ALLOWED_TO_EVERYONE.toString(),
      entitlements: [],
      authorizing_integration_owners: {},
      context: InteractionContextType.Guild,
      attachment_size_limit: 10_485_760,
    };
  }

  private deliver(interaction: APIInteraction, userId: string, channelId: string, sourceMessageId?: string) {
    const record: InteractionRecord = {
      id: interaction.id,
      token: interaction.token,
      type: interaction.type,
      userId,
      channelId,
      dispatchedAt: Date.now(),
      callbacks: [],
      followupIds: [],
      ...(sourceMessageId ? { sourceMessageId } : {}),
    };
    this.interactions.set(interaction.id, record);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
    return record;
  }

  private registeredCommand(name: string): APIApplicationCommand {
    const command = [...this.guildCommands, ...this.globalCommands].find((c) => c.name === name);
    if (!command) throw new Error(`fake Discord: /${name} is not registered`);
    return command;
  }

  /**
   * A member runs a slash command. Options are typed from the registered
   * definition, as Discord does, so a value the definition would not allow
   * (unknown option, wrong type, not one of the choices) fails the test here.
   */
  slash(
    userId: string,
    channelId: string,
    path: string,
    options: Record<string, string | number | boolean> = {},
    /** Files attached to attachment options, by option name. */
    attachments: Record<string, APIAttachment> = {},
  ): InteractionRecord {
    const member = this.member(userId);
    const [name = "", sub] = path.split(" ");
    const command = this.registeredCommand(name);
    let definitions = command.options ?? [];
    if (sub) {
      const subcommand = definitions.find((o) => o.name === sub && o.type === ApplicationCommandOptionType.Subcommand);
      if (!subcommand || subcommand.type !== ApplicationCommandOptionType.Subcommand) {
        throw new Error(`fake Discord: /${name} has no subcommand ${sub}`);
      }
      definitions = subcommand.options ?? [];
    }
    const resolvedUsers: Record<string, APIUser> = {};
    const typed = Object.entries(options).map(([key, value]) => {
      const option = this.typedOption(`/${path}`, definitions, key, value);
      if (option.type === ApplicationCommandOptionType.User)
        resolvedUsers[option.value] = this.user(this.member(option.value));
      return option;
    });
    for (const [key, file] of Object.entries(attachments)) {
      const definition = definitions.find((o) => o.name === key);
      if (definition?.type !== ApplicationCommandOptionType.Attachment)
        throw new Error(`fake Discord: /${path} has no attachment option ${key}`);
      typed.push({ name: key, type: ApplicationCommandOptionType.Attachment, value: file.id });
    }
    const resolvedAttachments = Object.fromEntries(Object.values(attachments).map((file) => [file.id, file]));
    const resolved = {
      ...(Object.keys(resolvedUsers).length > 0 ? { users: resolvedUsers } : {}),
      ...(Object.keys(resolvedAttachments).length > 0 ? { attachments: resolvedAttachments } : {}),
    };
    const interaction: APIChatInputApplicationCommandInteraction = {
      ...this.interactionBase(member, channelId),
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name,
        type: ApplicationCommandType.ChatInput,
        guild_id: GUILD_ID,
        options: sub ? [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options: typed }] : typed,
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      },
    };
    return this.deliver(interaction, userId, channelId);
  }

  private typedOption(
    where: string,
    definitions: APIApplicationCommandOption[],
    name: string,
    value: string | number | boolean,
  ): APIApplicationCommandInteractionDataBasicOption {
    const definition = definitions.find((o) => o.name === name);
    if (!definition) throw new Error(`fake Discord: ${where} has no option ${name}`);
    if ("choices" in definition && definition.choices && !definition.choices.some((c) => c.value === value)) {
      throw new Error(`fake Discord: ${where} ${name} must be one of its choices, not ${String(value)}`);
    }
    switch (definition.type) {
      case ApplicationCommandOptionType.String:
        if (typeof value !== "string") break;
        return { name, type: definition.type, value };
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        if (typeof value !== "number") break;
        return { name, type: definition.type, value };
      case ApplicationCommandOptionType.Boolean:
        if (typeof value !== "boolean") break;
        return { name, type: definition.type, value };
      case ApplicationCommandOptionType.User:
        if (typeof value !== "string") break;
        return { name, type: definition.type, value };
      default:
        break;
    }
    throw new Error(
      `fake Discord: ${where} ${name} is of type ${definition.type}; ${JSON.stringify(value)} does not fit`,
    );
  }

  /** A member types in a deck option: Discord asks the bot for choices. */
  autocomplete(userId: string, channelId: string, path: string, option: string, partial: string): InteractionRecord {
    const [name = "", sub] = path.split(" ");
    const command = this.registeredCommand(name);
    const focused = { name: option, type: ApplicationCommandOptionType.String as const, value: partial, focused: true };
    const interaction: APIApplicationCommandAutocompleteInteraction = {
      ...this.interactionBase(this.member(userId), channelId),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: command.id,
        name,
        type: ApplicationCommandType.ChatInput,
        options: sub ? [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options: [focused] }] : [focused],
      },
    };
    return this.deliver(interaction, userId, channelId);
  }

  /**
   * A member clicks a button on a message (custom ids are whatever the test says: forged ones too).
   * `from` sends the click from another channel or server than the message's: what a client
   * replaying a button id somewhere else would send.
   */
  click(
    userId: string,
    messageId: string,
    customId: string,
    from: { channelId?: string; guildId?: string } = {},
  ): InteractionRecord {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const channelId = from.channelId ?? message.channelId;
    const interaction: APIMessageComponentButtonInteraction = {
      ...this.interactionBase(this.member(userId), channelId, from.guildId),
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: this.apiMessage(message),
    };
    return this.deliver(interaction, userId, channelId, messageId);
  }

  /** A member submits a modal the bot showed, with text input values by custom id. */
  submitModal(
    userId: string,
    channelId: string,
    customId: string,
    values: Record<string, string>,
    messageId?: string,
  ): InteractionRecord {
    const source = messageId ? this.messages.get(messageId) : undefined;
    if (messageId && !source) throw new Error(`fake Discord: no message ${messageId}`);
    const interaction: APIModalSubmitInteraction = {
      ...this.interactionBase(this.member(userId), channelId),
      type: InteractionType.ModalSubmit,
      data: {
        custom_id: customId,
        components: Object.entries(values).map(([id, value]) => ({
          type: ComponentType.Label,
          id: 1,
          component: { type: ComponentType.TextInput, id: 2, custom_id: id, value },
        })),
      },
      ...(source ? { message: this.apiMessage(source) } : {}),
    };
    return this.deliver(interaction, userId, channelId, messageId);
  }

  /**
   * A member reacts. The reaction is stored on the message (so GET reactions
   * sees it) and dispatched as MESSAGE_REACTION_ADD when the bot is online;
   * `dispatch: false` plays an event the bot never received.
   */
  react(userId: string, messageId: string, emoji: string, options: { dispatch?: boolean } = {}): void {
    const member = this.member(userId);
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const users = message.reactions.get(emoji) ?? [];
    if (users.includes(userId)) return;
    users.push(userId);
    message.reactions.set(emoji, users);
    if (options.dispatch === false) return;
    const event: GatewayMessageReactionAddDispatchData = {
      user_id: userId,
      channel_id: message.channelId,
      message_id: messageId,
      guild_id: GUILD_ID,
      member: this.guildMember(member),
      emoji: { id: null, name: emoji },
      message_author_id: message.authorId,
      burst: false,
      burst_colors: [],
      type: 0,
    };
    this.dispatch(GatewayDispatchEvents.MessageReactionAdd, event);
  }

  // ── what the bot made of it ─────────────────────────────────────────────

  original(record: InteractionRecord): StoredMessage | undefined {
    return record.originalId ? this.messages.get(record.originalId) : undefined;
  }

  // ── REST ────────────────────────────────────────────────────────────────

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      if (body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      send(400, { message: String(error), code: 50109 });
      return;
    }
    // discord.js encodes the "@" of "@me" and "@original"; parameters are decoded one by one below.
    const path = url.pathname.replace(/^\/api\/v10/, "").replace(/%40/g, "@");
    const match = this.match(method, path);
    const record = (route: string, status: number) =>
      this.calls.push({ method, route, path, query: url.searchParams, body, status, at: Date.now() });
    if (!match || !url.pathname.startsWith("/api/v10/")) {
      const line = `${method} ${url.pathname}`;
      this.unknownRoutes.push(line);
      console.error(`fake Discord: no route for ${line}`);
      record("?", 404);
      send(404, { message: "404: Not Found", code: 0 });
      return;
    }
    const { route, params } = match;
    const failure = this.failures.find((f) => f.method === method && f.route === route.pattern && f.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      record(route.pattern, failure.failure.status);
      if (failure.failure.status === 429) {
        const retryAfter = failure.failure.retryAfterSeconds;
        send(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: failure.failure.global ?? false },
          {
            "retry-after": String(retryAfter),
            "x-ratelimit-limit": "5",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset-after": String(retryAfter),
            "x-ratelimit-bucket": `fake-${route.pattern}`,
            "x-ratelimit-scope": "user",
            ...(failure.failure.global ? { "x-ratelimit-global": "true" } : {}),
          },
        );
      } else {
        send(failure.failure.status, { message: failure.failure.message, code: failure.failure.code });
      }
      return;
    }
    const authorization = req.headers.authorization;
    const result = route.handler({ params, query: url.searchParams, body, auth: authorization }) ?? { status: 204 };
    record(route.pattern, result.status);
    send(result.status, result.body);
  }

  private match(method: string, path: string): { route: Route; params: Params } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Params = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? "");
      });
      return { route, params };
    }
    return undefined;
  }

  private on(method: string, pattern: string, handler: Handler, options: { auth?: boolean } = {}): void {
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/:([a-z]+)/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    const guarded: Handler =
      options.auth === false
        ? handler
        : (request) => (request.auth === `Bot ${BOT_TOKEN}` ? handler(request) : apiError(401, 0, "401: Unauthorized"));
    this.routes.push({ method, pattern, regex, names, handler: guarded });
  }

  private defineRoutes(): void {
    this.on("GET", "/gateway/bot", () => {
      const info: APIGatewayBotInfo = {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      };
      return { status: 200, body: info };
    });
    this.on("GET", "/users/@me", () => ({ status: 200, body: BOT_USER }));
    this.on("GET", "/applications/@me", () => ({
      status: 200,
      body: {
        id: APP_ID,
        name: "studybot",
        icon: null,
        description: "",
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: "",
        team: null,
        flags: 0,
        bot: BOT_USER,
      },
    }));
    this.on("GET", "/guilds/:guild", ({ params }) =>
      params.guild === GUILD_ID
        ? { status: 200, body: this.guild() }
        : apiError(404, RESTJSONErrorCodes.UnknownGuild, "Unknown Guild"),
    );
    this.on("GET", "/channels/:channel", ({ params }) => {
      const spec = this.channels.find((c) => c.id === params.channel);
      return spec ? { status: 200, body: this.channel(spec) } : unknownChannel();
    });

    const commandRoutes: [string, APIApplicationCommand[]][] = [
      ["/applications/:app/commands", this.globalCommands],
      ["/applications/:app/guilds/:guild/commands", this.guildCommands],
    ];
    for (const [pattern, store] of commandRoutes) {
      this.on("PUT", pattern, ({ params, body }) => {
        if (params.app !== APP_ID) return apiError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
        store.splice(
          0,
          store.length,
          ...(body as RESTPostAPIApplicationCommandsJSONBody[]).map(
            (definition) =>
              ({
                ...definition,
                id: snowflake(),
                application_id: APP_ID,
                version: snowflake(),
                default_member_permissions: definition.default_member_permissions ?? null,
                type: definition.type ?? ApplicationCommandType.ChatInput,
                description: "description" in definition ? definition.description : "",
                ...(params.guild ? { guild_id: params.guild } : {}),
              }) as APIApplicationCommand,
          ),
        );
        return { status: 200, body: store };
      });
      this.on("GET", pattern, () => ({ status: 200, body: store }));
    }

    this.on("POST", "/channels/:channel/messages", ({ params, body }) => {
      const spec = this.channels.find((c) => c.id === params.channel);
      if (!spec) return unknownChannel();
      if (spec.botDenied?.includes("ViewChannel"))
        return apiError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
      if (spec.botDenied?.some((p) => p === "SendMessages" || p === "EmbedLinks")) {
        return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
      }
      const message = this.store(params.channel ?? "", BOT_USER.id, body as MessageBody);
      return { status: 200, body: this.apiMessage(message) };
    });
    this.on("GET", "/channels/:channel/messages/:message", ({ params }) => {
      const message = this.channelMessage(params);
      return message ? { status: 200, body: this.apiMessage(message) } : unknownMessage();
    });
    this.on("PATCH", "/channels/:channel/messages/:message", ({ params, body }) => {
      const message = this.channelMessage(params);
      if (!message) return unknownMessage();
      this.edit(message, body as MessageBody);
      return { status: 200, body: this.apiMessage(message) };
    });
    this.on("PUT", "/channels/:channel/messages/:message/reactions/:emoji/@me", ({ params }) => {
      const message = this.channelMessage(params);
      if (!message) return unknownMessage();
      const spec = this.channels.find((c) => c.id === params.channel);
      if (spec?.botDenied?.includes("AddReactions")) {
        return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
      }
      const emoji = params.emoji ?? "";
      const users = message.reactions.get(emoji) ?? [];
      if (!users.includes(BOT_USER.id)) users.push(BOT_USER.id);
      message.reactions.set(emoji, users);
      return { status: 204 };
    });
    this.on("GET", "/channels/:channel/messages/:message/reactions/:emoji", ({ params, query }) => {
      const message = this.channelMessage(params);
      if (!message) return unknownMessage();
      const after = BigInt(query.get("after") ?? "0");
      const limit = Math.min(Number(query.get("limit") ?? "25"), 100);
      const users = (message.reactions.get(params.emoji ?? "") ?? [])
        .map((id) => (id === BOT_USER.id ? BOT_USER : this.user(this.member(id))))
        .filter((user) => BigInt(user.id) > after)
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
        .slice(0, limit);
      return { status: 200, body: users };
    });

    this.on(
      "POST",
      "/interactions/:interaction/:token/callback",
      ({ params, body }) => this.callback(params.interaction ?? "", params.token ?? "", body as APIInteractionResponse),
      { auth: false },
    );
    this.on(
      "GET",
      "/webhooks/:app/:token/messages/@original",
      ({ params }) => {
        const message = this.originalOf(params.token);
        return message ? { status: 200, body: this.apiMessage(message) } : unknownMessage();
      },
      { auth: false },
    );
    this.on(
      "PATCH",
      "/webhooks/:app/:token/messages/@original",
      ({ params, body }) => {
        const message = this.originalOf(params.token);
        if (!message) return unknownMessage();
        this.edit(message, body as MessageBody);
        return { status: 200, body: this.apiMessage(message) };
      },
      { auth: false },
    );
    this.on(
      "DELETE",
      "/webhooks/:app/:token/messages/@original",
      ({ params }) => {
        const message = this.originalOf(params.token);
        if (!message) return unknownMessage();
        message.deleted = true;
        return { status: 204 };
      },
      { auth: false },
    );
    this.on(
      "POST",
      "/webhooks/:app/:token",
      ({ params, body }) => this.followup(params.token ?? "", body as MessageBody),
      {
        auth: false,
      },
    );
    this.on(
      "PATCH",
      "/webhooks/:app/:token/messages/:message",
      ({ params, body }) => {
        const record = this.byToken(params.token);
        const message = params.message ? this.messages.get(params.message) : undefined;
        if (!record || !message || !record.followupIds.includes(message.id)) return unknownMessage();
        this.edit(message, body as MessageBody);
        return { status: 200, body: this.apiMessage(message) };
      },
      { auth: false },
    );
  }

  private channelMessage(params: Params): StoredMessage | undefined {
    const message = params.message ? this.messages.get(params.message) : undefined;
    return message && !message.deleted && message.channelId === params.channel ? message : undefined;
  }

  private byToken(token: string | undefined): InteractionRecord | undefined {
    return [...this.interactions.values()].find((record) => record.token === token);
  }

  private originalOf(token: string | undefined): StoredMessage | undefined {
    const record = this.byToken(token);
    const message = record?.originalId ? this.messages.get(record.originalId) : undefined;
    return message && !message.deleted ? message : undefined;
  }

  private callback(id: string, token: string, response: APIInteractionResponse) {
    const record = this.interactions.get(id);
    if (!record || record.token !== token)
      return apiError(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
    const afterMs = Date.now() - record.dispatchedAt;
    if (afterMs > INTERACTION_WINDOW_MS)
      return apiError(404, RESTJSONErrorCodes.UnknownInteraction, "Unknown interaction");
    if (record.callbacks.length > 0) {
      return apiError(
        400,
        RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
        "Interaction has already been acknowledged.",
      );
    }
    record.callbacks.push({ response, afterMs });
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        record.originalId = this.store(record.channelId, BOT_USER.id, response.data).id;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const message = this.store(
          record.channelId,
          BOT_USER.id,
          response.data?.flags ? { flags: response.data.flags } : {},
        );
        message.loading = true;
        record.originalId = message.id;
        break;
      }
      case InteractionResponseType.UpdateMessage: {
        const source = record.sourceMessageId ? this.messages.get(record.sourceMessageId) : undefined;
        if (source && response.data) this.edit(source, response.data);
        if (source) record.originalId = source.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        if (record.sourceMessageId) record.originalId = record.sourceMessageId;
        break;
      default:
        break;
    }
    return { status: 204 };
  }

  /** Discord's rule: the first followup after a deferred response writes that response, keeping its flags. */
  private followup(token: string, body: MessageBody) {
    const record = this.byToken(token);
    if (!record || record.callbacks.length === 0) return unknownMessage();
    const original = record.originalId ? this.messages.get(record.originalId) : undefined;
    if (original?.loading) {
      this.edit(original, { ...body, flags: original.flags });
      return { status: 200, body: this.apiMessage(original) };
    }
    const message = this.store(record.channelId, BOT_USER.id, body);
    record.followupIds.push(message.id);
    return { status: 200, body: this.apiMessage(message) };
  }

  private store(channelId: string, authorId: string, body: MessageBody | undefined): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channelId,
      authorId,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      reactions: new Map(),
      loading: false,
      deleted: false,
      ...(body?.allowed_mentions ? { allowedMentions: body.allowed_mentions } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  private edit(message: StoredMessage, body: MessageBody): void {
    if (body.content !== undefined) message.content = body.content ?? "";
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.allowed_mentions !== undefined) message.allowedMentions = body.allowed_mentions;
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
      attachments: [],
      embeds: message.embeds,
      pinned: false,
      type: MessageType.Default,
      flags: message.flags,
      components: message.components,
      ...(reactions.length > 0 ? { reactions } : {}),
    };
  }
}

/** The message fields the bot sends on every route that writes one. */
type MessageBody = Pick<
  APIInteractionResponseCallbackData,
  "content" | "embeds" | "components" | "flags" | "allowed_mentions"
>;
