import {
  type APIApplicationCommand,
  type APIGatewayBotInfo,
  type APIInteractionResponse,
  ApplicationCommandType,
  InteractionResponseType,
  type RESTPostAPIApplicationCommandsJSONBody,
  RESTJSONErrorCodes,
} from "discord-api-types/v10";
import { commandProblems } from "./commandRules.js";
import {
  APP_ID,
  apiError,
  BOT_USER,
  INTERACTION_WINDOW_MS,
  type InteractionRecord,
  type MessageBody,
  snowflake,
  type StoredMessage,
  type UploadedFile,
  unknownChannel,
  unknownMessage,
} from "./model.js";
import type { FakeRest, Params } from "./rest.js";
import type { DiscordState } from "./state.js";

/**
 * The REST routes discord.js calls: gateway discovery, application commands,
 * channel messages and reactions, interaction callbacks and webhooks.
 */
export function serveDiscordRoutes(rest: FakeRest, state: DiscordState, gatewayUrl: () => string): void {
  rest.on("GET", "/gateway/bot", () => {
    const info: APIGatewayBotInfo = {
      url: gatewayUrl(),
      shards: state.shards.recommended,
      // Every shard may identify at once (a large bot's max_concurrency), so tests do not wait 5 s per shard.
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: state.shards.recommended,
      },
    };
    return { status: 200, body: info };
  });
  rest.on("GET", "/users/@me", () => ({ status: 200, body: BOT_USER }));
  rest.on("GET", "/applications/@me", () => ({
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
  rest.on("GET", "/guilds/:guild", ({ params }) =>
    params.guild && state.guildIds.includes(params.guild)
      ? { status: 200, body: state.guild(params.guild) }
      : apiError(404, RESTJSONErrorCodes.UnknownGuild, "Unknown Guild"),
  );
  rest.on("GET", "/guilds/:guild/roles", ({ params }) =>
    params.guild && state.guildIds.includes(params.guild)
      ? { status: 200, body: state.roles(params.guild) }
      : apiError(404, RESTJSONErrorCodes.UnknownGuild, "Unknown Guild"),
  );
  rest.on("GET", "/channels/:channel", ({ params }) => {
    const thread = state.threads.get(params.channel ?? "");
    if (thread) return { status: 200, body: state.threadChannel(thread) };
    const spec = state.channelSpec(params.channel ?? "");
    return spec ? { status: 200, body: state.channel(spec) } : unknownChannel();
  });
  rest.on("POST", "/channels/:channel/messages/:message/threads", ({ params, body }) =>
    startThread(state, params, body as { name?: unknown; auto_archive_duration?: unknown }),
  );

  const commandRoutes: [string, APIApplicationCommand[]][] = [
    ["/applications/:app/commands", state.globalCommands],
    ["/applications/:app/guilds/:guild/commands", state.guildCommands],
  ];
  for (const [pattern, store] of commandRoutes) {
    rest.on("PUT", pattern, ({ params, body }) => {
      if (params.app !== APP_ID) return apiError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
      const problems = commandProblems(body as RESTPostAPIApplicationCommandsJSONBody[]);
      // Discord nests its errors by field path; discord.js prints each string it finds, so a list reads the same.
      if (problems.length > 0) return invalidFormBody(problems);
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
    rest.on("GET", pattern, () => ({ status: 200, body: store }));
  }

  rest.on("POST", "/users/@me/channels", ({ body }) => {
    const recipient = (body as { recipient_id?: string } | undefined)?.recipient_id ?? "";
    if (!state.members.has(recipient)) return apiError(404, RESTJSONErrorCodes.UnknownUser, "Unknown User");
    return { status: 200, body: state.openDm(recipient) };
  });
  rest.on("POST", "/channels/:channel/messages", ({ params, body }) => {
    const thread = state.threads.get(params.channel ?? "");
    if (thread) {
      const parent = state.channelSpec(thread.parentId);
      if (parent?.botDenied?.includes("SendMessagesInThreads")) {
        return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
      }
      return { status: 200, body: state.apiMessage(state.store(thread.id, BOT_USER.id, body as MessageBody)) };
    }
    const recipient = state.dmChannels.get(params.channel ?? "");
    if (recipient !== undefined) {
      if (state.closedDms.has(recipient)) {
        return apiError(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser, "Cannot send messages to this user");
      }
      return {
        status: 200,
        body: state.apiMessage(state.store(params.channel ?? "", BOT_USER.id, body as MessageBody)),
      };
    }
    const spec = state.channelSpec(params.channel ?? "");
    if (!spec) return unknownChannel();
    if (spec.botDenied?.includes("ViewChannel"))
      return apiError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access");
    if (spec.botDenied?.some((p) => p === "SendMessages" || p === "EmbedLinks")) {
      return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
    }
    const message = state.store(params.channel ?? "", BOT_USER.id, body as MessageBody);
    return { status: 200, body: state.apiMessage(message) };
  });
  rest.on("GET", "/channels/:channel/messages/:message", ({ params }) => {
    const message = channelMessage(state, params);
    return message ? { status: 200, body: state.apiMessage(message) } : unknownMessage();
  });
  rest.on("PATCH", "/channels/:channel/messages/:message", ({ params, body }) => {
    const message = channelMessage(state, params);
    if (!message) return unknownMessage();
    state.edit(message, body as MessageBody);
    return { status: 200, body: state.apiMessage(message) };
  });
  rest.on("PUT", "/channels/:channel/messages/:message/reactions/:emoji/@me", ({ params }) => {
    const message = channelMessage(state, params);
    if (!message) return unknownMessage();
    const spec = state.channelSpec(params.channel ?? "");
    if (spec?.botDenied?.includes("AddReactions")) {
      return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
    }
    const emoji = params.emoji ?? "";
    const users = message.reactions.get(emoji) ?? [];
    if (!users.includes(BOT_USER.id)) users.push(BOT_USER.id);
    message.reactions.set(emoji, users);
    return { status: 204 };
  });
  rest.on("GET", "/channels/:channel/messages/:message/reactions/:emoji", ({ params, query }) => {
    const message = channelMessage(state, params);
    if (!message) return unknownMessage();
    const after = BigInt(query.get("after") ?? "0");
    const limit = Math.min(Number(query.get("limit") ?? "25"), 100);
    const users = (message.reactions.get(params.emoji ?? "") ?? [])
      .map((id) => (id === BOT_USER.id ? BOT_USER : state.user(state.member(id))))
      .filter((user) => BigInt(user.id) > after)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .slice(0, limit);
    return { status: 200, body: users };
  });

  rest.on(
    "POST",
    "/interactions/:interaction/:token/callback",
    ({ params, body }) =>
      callback(
        state,
        params.interaction ?? "",
        params.token ?? "",
        body as APIInteractionResponse & { uploaded?: UploadedFile[] },
      ),
    { auth: false },
  );
  rest.on(
    "GET",
    "/webhooks/:app/:token/messages/@original",
    ({ params }) => {
      const message = originalOf(state, params.token);
      return message ? { status: 200, body: state.apiMessage(message) } : unknownMessage();
    },
    { auth: false },
  );
  rest.on(
    "PATCH",
    "/webhooks/:app/:token/messages/@original",
    ({ params, body }) => {
      const message = originalOf(state, params.token);
      if (!message) return unknownMessage();
      state.edit(message, body as MessageBody);
      return { status: 200, body: state.apiMessage(message) };
    },
    { auth: false },
  );
  rest.on(
    "DELETE",
    "/webhooks/:app/:token/messages/@original",
    ({ params }) => {
      const message = originalOf(state, params.token);
      if (!message) return unknownMessage();
      message.deleted = true;
      return { status: 204 };
    },
    { auth: false },
  );
  rest.on(
    "POST",
    "/webhooks/:app/:token",
    ({ params, body }) => followup(state, params.token ?? "", body as MessageBody),
    {
      auth: false,
    },
  );
  rest.on(
    "PATCH",
    "/webhooks/:app/:token/messages/:message",
    ({ params, body }) => {
      const record = byToken(state, params.token);
      const message = params.message ? state.messages.get(params.message) : undefined;
      if (!record || !message || !record.followupIds.includes(message.id)) return unknownMessage();
      state.edit(message, body as MessageBody);
      return { status: 200, body: state.apiMessage(message) };
    },
    { auth: false },
  );
}

function invalidFormBody(errors: string[]) {
  return {
    status: 400,
    body: { message: "Invalid Form Body", code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, errors },
  };
}

function channelMessage(state: DiscordState, params: Params): StoredMessage | undefined {
  const message = params.message ? state.messages.get(params.message) : undefined;
  return message && !message.deleted && message.channelId === params.channel ? message : undefined;
}

const AUTO_ARCHIVE_MINUTES = [60, 1440, 4320, 10080];

/**
 * Discord's Start Thread from Message: a name of 1 to 100 characters, an
 * auto-archive of 60, 1440, 4320 or 10080 minutes; the thread takes the
 * message's id, and a message has at most one thread.
 */
function startThread(state: DiscordState, params: Params, body: { name?: unknown; auto_archive_duration?: unknown }) {
  const message = channelMessage(state, params);
  if (!message) return unknownMessage();
  const spec = state.channelSpec(message.channelId);
  if (!spec) return apiError(400, RESTJSONErrorCodes.InvalidMessageType, "Cannot start a thread here");
  if (spec.botDenied?.includes("CreatePublicThreads")) {
    return apiError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions");
  }
  const name = typeof body.name === "string" ? body.name : "";
  const archive = body.auto_archive_duration ?? 4320;
  if (name.length < 1 || name.length > 100 || !AUTO_ARCHIVE_MINUTES.includes(Number(archive))) {
    return apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body");
  }
  if (state.threads.has(message.id)) {
    return apiError(
      400,
      RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage,
      "A thread has already been created for this message",
    );
  }
  const thread = {
    id: message.id,
    parentId: spec.id,
    guildId: state.guildOf(spec.id),
    name,
    autoArchiveDuration: Number(archive),
  };
  state.threads.set(thread.id, thread);
  return { status: 201, body: state.threadChannel(thread) };
}

function byToken(state: DiscordState, token: string | undefined): InteractionRecord | undefined {
  return [...state.interactions.values()].find((record) => record.token === token);
}

function originalOf(state: DiscordState, token: string | undefined): StoredMessage | undefined {
  const record = byToken(state, token);
  const message = record?.originalId ? state.messages.get(record.originalId) : undefined;
  return message && !message.deleted ? message : undefined;
}

function callback(
  state: DiscordState,
  id: string,
  token: string,
  { uploaded, ...response }: APIInteractionResponse & { uploaded?: UploadedFile[] },
) {
  const record = state.interactions.get(id);
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
      record.originalId = state.store(record.channelId, BOT_USER.id, { ...response.data, uploaded }).id;
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const message = state.store(
        record.channelId,
        BOT_USER.id,
        response.data?.flags ? { flags: response.data.flags } : {},
      );
      message.loading = true;
      record.originalId = message.id;
      break;
    }
    case InteractionResponseType.UpdateMessage: {
      const source = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      if (source && response.data) state.edit(source, { ...response.data, uploaded });
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
function followup(state: DiscordState, token: string, body: MessageBody) {
  const record = byToken(state, token);
  if (!record || record.callbacks.length === 0) return unknownMessage();
  const original = record.originalId ? state.messages.get(record.originalId) : undefined;
  if (original?.loading) {
    state.edit(original, { ...body, flags: original.flags });
    return { status: 200, body: state.apiMessage(original) };
  }
  const message = state.store(record.channelId, BOT_USER.id, body);
  record.followupIds.push(message.id);
  return { status: 200, body: state.apiMessage(message) };
}
