import { randomBytes } from "node:crypto";
import {
  type APIAttachment,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteraction,
  type APIApplicationCommandAutocompleteInteraction,
  type APIInteraction,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APIRole,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  type GatewayMessageReactionAddDispatchData,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord-api-types/v10";
import { ALLOWED_TO_EVERYONE, APP_ID, type FakeMember, type InteractionRecord, snowflake } from "./model.js";
import type { FakeGateway } from "./gateway.js";
import { defaultInvocation } from "./localized.js";
import type { DiscordState } from "./state.js";

/** The DM channel between the bot and a user: one per user, as Discord keeps it. */
export const directChannelId = (userId: string) => `9${userId.slice(1)}`;

/**
 * What members do, played by a test: slash commands, autocomplete, button
 * clicks, modal submits and reactions, delivered through the gateway as
 * Discord sends them, each interaction recorded for its callbacks.
 */
export class FakeInteractions {
  constructor(
    private readonly state: DiscordState,
    private readonly gateway: FakeGateway,
  ) {}

  private interactionBase(
    member: FakeMember,
    channelId: string,
    guildId = this.state.guildOf(channelId),
    locale = Locale.EnglishUS,
  ) {
    const spec = this.state.channelSpec(channelId);
    if (!spec) throw new Error(`fake Discord: no channel ${channelId}`);
    const channel = this.state.channel(spec);
    return {
      id: snowflake(),
      application_id: APP_ID,
      token: `itoken-${randomBytes(12).toString("hex")}`,
      version: 1 as const,
      guild_id: guildId,
      guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
      channel_id: channelId,
      channel: { id: channel.id, type: channel.type, name: channel.name, guild_id: guildId },
      member: this.state.interactionMember(member),
      locale,
      guild_locale: Locale.EnglishUS,
      app_permissions: ALLOWED_TO_EVERYONE.toString(),
      entitlements: [],
      authorizing_integration_owners: {},
      context: InteractionContextType.Guild,
      attachment_size_limit: 10_485_760,
    };
  }

  /** The fields of an interaction in the bot's DM channel with a member: no server, no member, the user. */
  private directBase(userId: string) {
    const member = this.state.member(userId);
    const channelId = directChannelId(userId);
    return {
      id: snowflake(),
      application_id: APP_ID,
      token: `itoken-${randomBytes(12).toString("hex")}`,
      version: 1 as const,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.DM, recipients: [this.state.user(member)] },
      user: this.state.user(member),
      locale: Locale.EnglishUS,
      app_permissions: ALLOWED_TO_EVERYONE.toString(),
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: userId },
      context: InteractionContextType.BotDM,
      attachment_size_limit: 10_485_760,
    };
  }

  /** A member runs a slash command in their DM with the bot (the app installed to them). */
  sendDirectCommand(userId: string, name: string, options: Record<string, string | number | boolean> = {}) {
    const command = this.state.registeredCommand(name);
    if (!command.contexts?.includes(InteractionContextType.BotDM)) {
      throw new Error(
        `fake Discord: /${name} is not offered in DMs (its contexts: ${JSON.stringify(command.contexts)})`,
      );
    }
    const typed = Object.entries(options).map(([key, value]) =>
      this.typedOption(`/${name}`, command.options ?? [], key, value),
    );
    const interaction = {
      ...this.directBase(userId),
      type: InteractionType.ApplicationCommand,
      data: { id: command.id, name, type: ApplicationCommandType.ChatInput, options: typed },
    } as APIChatInputApplicationCommandInteraction;
    return this.deliver(interaction, userId, directChannelId(userId));
  }

  /** A member clicks a button on a message in their DM with the bot. */
  clickInDirectMessage(userId: string, messageId: string, customId: string): InteractionRecord {
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const interaction = {
      ...this.directBase(userId),
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: this.state.apiMessage(message),
    } as APIMessageComponentButtonInteraction;
    return this.deliver(interaction, userId, directChannelId(userId), messageId);
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
    this.state.interactions.set(interaction.id, record);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
    return record;
  }

  /**
   * A member runs a slash command. Options are typed from the registered
   * definition, as Discord does, so a value the definition would not allow
   * (unknown option, wrong type, not one of the choices) fails the test here.
   */
  sendCommand(
    userId: string,
    channelId: string,
    path: string,
    options: Record<string, string | number | boolean> = {},
    /** Files attached to attachment options, by option name. */
    attachments: Record<string, APIAttachment> = {},
    /** The language of the member's Discord client. */
    locale = Locale.EnglishUS,
  ): InteractionRecord {
    const member = this.state.member(userId);
    const [name = "", sub] = path.split(" ");
    const command = this.state.registeredCommand(name);
    let definitions = command.options ?? [];
    if (sub) {
      const subcommand = definitions.find((o) => o.name === sub && o.type === ApplicationCommandOptionType.Subcommand);
      if (!subcommand || subcommand.type !== ApplicationCommandOptionType.Subcommand) {
        throw new Error(`fake Discord: /${name} has no subcommand ${sub}`);
      }
      definitions = subcommand.options ?? [];
    }
    const resolvedUsers: Record<string, APIUser> = {};
    const resolvedRoles: Record<string, APIRole> = {};
    const typed = Object.entries(options).map(([key, value]) => {
      const option = this.typedOption(`/${path}`, definitions, key, value);
      if (option.type === ApplicationCommandOptionType.User)
        resolvedUsers[option.value] = this.state.user(this.state.member(option.value));
      if (option.type === ApplicationCommandOptionType.Role) {
        const role = this.state.roles(this.state.guildOf(channelId)).find((each) => each.id === option.value);
        if (!role) throw new Error(`fake Discord: no role ${option.value}; add it with addRole`);
        resolvedRoles[option.value] = role;
      }
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
      ...(Object.keys(resolvedRoles).length > 0 ? { roles: resolvedRoles } : {}),
      ...(Object.keys(resolvedAttachments).length > 0 ? { attachments: resolvedAttachments } : {}),
    };
    const interaction: APIChatInputApplicationCommandInteraction = {
      ...this.interactionBase(member, channelId, this.state.guildOf(channelId), locale),
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name,
        type: ApplicationCommandType.ChatInput,
        guild_id: this.state.guildOf(channelId),
        options: sub ? [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options: typed }] : typed,
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      },
    };
    return this.deliver(interaction, userId, channelId);
  }

  /**
   * A member whose Discord speaks `locale` runs a slash command by the names
   * and choices they see in that language (/zeitplan hinzufügen); the bot
   * receives the default names, as from Discord.
   */
  sendLocalizedCommand(
    userId: string,
    channelId: string,
    locale: Locale,
    seenPath: string,
    seenOptions: Record<string, string | number | boolean> = {},
  ): InteractionRecord {
    const registered = [...this.state.guildCommands, ...this.state.globalCommands];
    const { path, options } = defaultInvocation(registered, locale, seenPath, seenOptions);
    return this.sendCommand(userId, channelId, path, options, {}, locale);
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
      case ApplicationCommandOptionType.Role:
        if (typeof value !== "string") break;
        return { name, type: definition.type, value };
      default:
        break;
    }
    throw new Error(
      `fake Discord: ${where} ${name} is of type ${definition.type}; ${JSON.stringify(value)} does not fit`,
    );
  }

  /** A member picks a message command (right-click a message → Apps) on a message. */
  messageCommand(userId: string, messageId: string, name: string): InteractionRecord {
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const command = this.state.registeredCommand(name);
    if (command.type !== ApplicationCommandType.Message)
      throw new Error(`fake Discord: ${name} is not a message command`);
    const interaction: APIMessageApplicationCommandInteraction = {
      ...this.interactionBase(this.state.member(userId), message.channelId),
      type: InteractionType.ApplicationCommand,
      data: {
        id: command.id,
        name,
        type: ApplicationCommandType.Message,
        guild_id: this.state.guildOf(message.channelId),
        target_id: messageId,
        resolved: { messages: { [messageId]: this.state.apiMessage(message) } },
      },
    };
    return this.deliver(interaction, userId, message.channelId);
  }

  /** A member types in a deck option: Discord asks the bot for choices. */
  /** `filled`: the options already chosen in the same command, sent along as Discord does. */
  autocomplete(
    userId: string,
    channelId: string,
    path: string,
    option: string,
    partial: string,
    filled: Record<string, string> = {},
  ): InteractionRecord {
    const [name = "", sub] = path.split(" ");
    const command = this.state.registeredCommand(name);
    const chosen = Object.entries(filled).map(([filledName, value]) => ({
      name: filledName,
      type: ApplicationCommandOptionType.String as const,
      value,
    }));
    const focused = [
      ...chosen,
      { name: option, type: ApplicationCommandOptionType.String as const, value: partial, focused: true },
    ];
    const interaction: APIApplicationCommandAutocompleteInteraction = {
      ...this.interactionBase(this.state.member(userId), channelId),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: command.id,
        name,
        type: ApplicationCommandType.ChatInput,
        options: sub ? [{ type: ApplicationCommandOptionType.Subcommand, name: sub, options: focused }] : focused,
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
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const channelId = from.channelId ?? message.channelId;
    const interaction: APIMessageComponentButtonInteraction = {
      ...this.interactionBase(this.state.member(userId), channelId, from.guildId),
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: this.state.apiMessage(message),
    };
    return this.deliver(interaction, userId, channelId, messageId);
  }

  /** A member clicks a button on a message in their DM channel with the bot: no server, no member, just the user. */
  clickInDm(userId: string, messageId: string, customId: string): InteractionRecord {
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const interaction = {
      id: snowflake(),
      application_id: APP_ID,
      token: `itoken-${randomBytes(12).toString("hex")}`,
      version: 1 as const,
      channel_id: message.channelId,
      channel: { id: message.channelId, type: ChannelType.DM },
      user: this.state.user(this.state.member(userId)),
      locale: Locale.EnglishUS,
      app_permissions: ALLOWED_TO_EVERYONE.toString(),
      entitlements: [],
      authorizing_integration_owners: {},
      context: InteractionContextType.BotDM,
      attachment_size_limit: 10_485_760,
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: this.state.apiMessage(message),
    } as unknown as APIInteraction;
    return this.deliver(interaction, userId, message.channelId, messageId);
  }

  /** A member submits a modal the bot showed, with text input values by custom id. */
  submitModal(
    userId: string,
    channelId: string,
    customId: string,
    values: Record<string, string>,
    messageId?: string,
  ): InteractionRecord {
    const source = messageId ? this.state.messages.get(messageId) : undefined;
    if (messageId && !source) throw new Error(`fake Discord: no message ${messageId}`);
    const interaction: APIModalSubmitInteraction = {
      ...this.interactionBase(this.state.member(userId), channelId),
      type: InteractionType.ModalSubmit,
      data: {
        custom_id: customId,
        components: Object.entries(values).map(([id, value]) => ({
          type: ComponentType.Label,
          id: 1,
          component: { type: ComponentType.TextInput, id: 2, custom_id: id, value },
        })),
      },
      ...(source ? { message: this.state.apiMessage(source) } : {}),
    };
    return this.deliver(interaction, userId, channelId, messageId);
  }

  /**
   * A member reacts. The reaction is stored on the message (so GET reactions
   * sees it) and dispatched as MESSAGE_REACTION_ADD when the bot is online;
   * `dispatch: false` plays an event the bot never received.
   */
  react(userId: string, messageId: string, emoji: string, options: { dispatch?: boolean } = {}): void {
    const member = this.state.member(userId);
    const message = this.state.messages.get(messageId);
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
      guild_id: this.state.guildOf(message.channelId),
      member: this.state.guildMember(member),
      emoji: { id: null, name: emoji },
      message_author_id: message.authorId,
      burst: false,
      burst_colors: [],
      type: 0,
    };
    this.gateway.dispatch(GatewayDispatchEvents.MessageReactionAdd, event);
  }
}
