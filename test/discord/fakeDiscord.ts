import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./fake/gateway.js";
import { FakeInteractions } from "./fake/interactions.js";
import type { FakeChannelSpec } from "./fake/model.js";
import { FakeRest } from "./fake/rest.js";
import { serveDiscordRoutes } from "./fake/routes.js";
import { DiscordState } from "./fake/state.js";

export {
  APP_ID,
  BOT_TOKEN,
  BOT_USER,
  type FakeChannelSpec,
  type FakeMember,
  type Failure,
  GUILD_ID,
  guildIdOnShard,
  type InteractionRecord,
  type RecordedCall,
  shardOf,
  type StoredMessage,
} from "./fake/model.js";

/**
 * A local stand-in for Discord: the REST routes discord.js calls (gateway
 * discovery, application commands, interaction callbacks and webhooks, channel
 * messages and reactions) and a WebSocket gateway that identifies the bot,
 * sends READY and GUILD_CREATE, acknowledges heartbeats and dispatches the
 * events a test plays: slash commands, button clicks, modal submits,
 * autocomplete and reactions, from any member. Every REST call is recorded so
 * tests assert on what Discord would show; any route can be told to fail once.
 */
export class FakeDiscord {
  /** Channels, members, commands, messages and interactions: what Discord keeps. */
  readonly state: DiscordState;
  readonly rest = new FakeRest();
  readonly gateway: FakeGateway;
  private readonly interactionsPlayed: FakeInteractions;
  private readonly server: Server;
  private port = 0;
  /** TCP connections the bot opened to the fake so far, REST and gateway alike. */
  connectionsOpened = 0;

  private constructor(channels: FakeChannelSpec[], shards: { recommended: number; required: number }) {
    this.state = new DiscordState(channels, shards);
    this.server = createServer((req, res) => void this.rest.serve(req, res));
    this.server.on("connection", () => this.connectionsOpened++);
    this.gateway = new FakeGateway(this.server, this.state, () => this.gatewayUrl);
    this.interactionsPlayed = new FakeInteractions(this.state, this.gateway);
    serveDiscordRoutes(this.rest, this.state, () => this.gatewayUrl);
  }

  static async start(
    options: {
      /** The channels, in the servers they name (default: one #daily-quiz in GUILD_ID). */
      channels?: FakeChannelSpec[];
      /** What /gateway/bot recommends (default 1). */
      shards?: number;
      /** The shard count an IDENTIFY must carry (default: the recommended one); another is closed with 4011. */
      requiredShards?: number;
    } = {},
  ): Promise<FakeDiscord> {
    const recommended = options.shards ?? 1;
    const fake = new FakeDiscord(options.channels ?? [{ id: "1300000000000000001", name: "daily-quiz" }], {
      recommended,
      required: options.requiredShards ?? recommended,
    });
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_BASE is set to: discord.js adds `/v10/...`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  private get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── what a test reads and arranges (the same words as FakeSlack's) ─────

  get messages() {
    return this.state.messages;
  }
  get interactions() {
    return this.state.interactions;
  }
  get globalCommands() {
    return this.state.globalCommands;
  }
  get guildCommands() {
    return this.state.guildCommands;
  }
  get calls() {
    return this.rest.calls;
  }
  get unknownRoutes() {
    return this.rest.unknownRoutes;
  }
  get identifies() {
    return this.gateway.identifies;
  }
  get connected() {
    return this.gateway.connected;
  }
  get connectedShards() {
    return this.gateway.connectedShards;
  }
  readonly addMember: DiscordState["addMember"] = (member) => this.state.addMember(member);
  readonly addRole: DiscordState["addRole"] = (role, guildId) => this.state.addRole(role, guildId);
  readonly messagesIn: DiscordState["messagesIn"] = (channelId) => this.state.messagesIn(channelId);
  readonly privateRepliesTo: DiscordState["privateRepliesTo"] = (userId) => this.state.privateRepliesTo(userId);
  readonly directMessagesTo: DiscordState["directMessagesTo"] = (userId) => this.state.directMessagesTo(userId);
  readonly deleteMessage: DiscordState["deleteMessage"] = (messageId) => this.state.deleteMessage(messageId);
  readonly original: DiscordState["original"] = (record) => this.state.original(record);
  readonly apiMessage: DiscordState["apiMessage"] = (message) => this.state.apiMessage(message);
  readonly failNext: FakeRest["failNext"] = (...args) => this.rest.failNext(...args);
  readonly callsTo: FakeRest["callsTo"] = (...args) => this.rest.callsTo(...args);
  readonly dispatch: FakeGateway["dispatch"] = (...args) => this.gateway.dispatch(...args);

  // ── what members do ─────────────────────────────────────────────────────

  readonly sendCommand: FakeInteractions["sendCommand"] = (...args) => this.interactionsPlayed.sendCommand(...args);
  readonly sendLocalizedCommand: FakeInteractions["sendLocalizedCommand"] = (...args) =>
    this.interactionsPlayed.sendLocalizedCommand(...args);
  readonly sendDirectCommand: FakeInteractions["sendDirectCommand"] = (...args) =>
    this.interactionsPlayed.sendDirectCommand(...args);
  readonly clickInDirectMessage: FakeInteractions["clickInDirectMessage"] = (...args) =>
    this.interactionsPlayed.clickInDirectMessage(...args);
  readonly messageCommand: FakeInteractions["messageCommand"] = (...args) =>
    this.interactionsPlayed.messageCommand(...args);
  readonly autocomplete: FakeInteractions["autocomplete"] = (...args) => this.interactionsPlayed.autocomplete(...args);
  readonly click: FakeInteractions["click"] = (...args) => this.interactionsPlayed.click(...args);
  readonly clickInDm: FakeInteractions["clickInDm"] = (...args) => this.interactionsPlayed.clickInDm(...args);
  readonly submitModal: FakeInteractions["submitModal"] = (...args) => this.interactionsPlayed.submitModal(...args);
  readonly react: FakeInteractions["react"] = (...args) => this.interactionsPlayed.react(...args);
}
