import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eventually } from "../kit/eventually.js";
import { SlackEvents } from "./fake/events.js";
import type { RecordedCall } from "./fake/model.js";
import { SlackSocketMode } from "./fake/socketMode.js";
import { SlackWebApi } from "./fake/webApi.js";

export {
  APP_TOKEN,
  BOT_TOKEN,
  BOT_USER_ID,
  type Delivery,
  type FakeUser,
  type RecordedCall,
  SIGNING_SECRET,
  type Signing,
  type SlackBlock,
  type StoredMessage,
  sign,
  TEAM,
  type UploadedFile,
} from "./fake/model.js";

/**
 * A local stand-in for Slack: the Web API methods studybot calls, `response_url`
 * endpoints, a Socket Mode WebSocket, and helpers that deliver slash commands,
 * button clicks and events to the app the way Slack does (signed HTTP posts, or
 * Socket Mode envelopes that the app must acknowledge). Every call the app makes
 * is recorded with its parsed arguments, so tests assert on what Slack would show.
 */
export class FakeSlack {
  readonly api: SlackWebApi;
  readonly socketMode: SlackSocketMode;
  private readonly events: SlackEvents;

  private constructor(
    private readonly server: Server,
    baseUrl: string,
  ) {
    this.api = new SlackWebApi(baseUrl);
    this.socketMode = new SlackSocketMode(server);
    this.events = new SlackEvents(this.api, this.socketMode);
  }

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    server.on("request", (req, res) => void fake.api.serve(req, res));
    return fake;
  }

  /** What SLACK_API_URL is set to. */
  get apiUrl(): string {
    return `${this.api.baseUrl}/api/`;
  }

  /** Slash commands, clicks and events go to the app's HTTP endpoint (HTTP mode). */
  deliverOverHttp(appUrl: string): void {
    this.events.appUrl = appUrl;
  }

  deliverOverSocket(): void {
    this.events.appUrl = undefined;
  }

  get socketConnections(): number {
    return this.socketMode.connections;
  }

  async close(): Promise<void> {
    await this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Waits for the n-th (1-based) call of a method and returns it. */
  async waitForCall(method: string, count = 1): Promise<RecordedCall> {
    return eventually(() => this.callsTo(method)[count - 1], `${method} #${count}`);
  }

  // ── what a test reads and arranges (the same words as FakeDiscord's) ───

  get calls() {
    return this.api.calls;
  }
  get messages() {
    return this.api.messages;
  }
  get acks() {
    return this.socketMode.acks;
  }
  readonly addMember: SlackWebApi["addMember"] = (user) => this.api.addMember(user);
  readonly failNext: SlackWebApi["failNext"] = (...args) => this.api.failNext(...args);
  readonly delay: SlackWebApi["delay"] = (...args) => this.api.delay(...args);
  readonly callsTo: SlackWebApi["callsTo"] = (method) => this.api.callsTo(method);
  readonly message: SlackWebApi["message"] = (channel, ts) => this.api.message(channel, ts);
  readonly repliesTo: SlackWebApi["repliesTo"] = (channel, ts) => this.api.repliesTo(channel, ts);
  readonly messagesIn: SlackWebApi["messagesIn"] = (channel) => this.api.messagesIn(channel);
  readonly filesIn: SlackWebApi["filesIn"] = (channel) => this.api.filesIn(channel);
  readonly privateRepliesTo: SlackWebApi["privateRepliesTo"] = (user) => this.api.privateRepliesTo(user);
  readonly joinChannel: SlackWebApi["joinChannel"] = (...args) => this.api.joinChannel(...args);
  /** The Home tab last published for a user. */
  home(user: string) {
    return this.api.homes.get(user);
  }

  // ── what users do ───────────────────────────────────────────────────────

  readonly sendCommand: SlackEvents["sendCommand"] = (...args) => this.events.sendCommand(...args);
  readonly click: SlackEvents["click"] = (...args) => this.events.click(...args);
  readonly clickEphemeralButton: SlackEvents["clickEphemeralButton"] = (...args) =>
    this.events.clickEphemeralButton(...args);
  readonly submitModal: SlackEvents["submitModal"] = (...args) => this.events.submitModal(...args);
  readonly messageShortcut: SlackEvents["messageShortcut"] = (...args) => this.events.messageShortcut(...args);
  readonly sendBlockAction: SlackEvents["sendBlockAction"] = (...args) => this.events.sendBlockAction(...args);
  readonly react: SlackEvents["react"] = (...args) => this.events.react(...args);
  readonly sendEvent: SlackEvents["sendEvent"] = (...args) => this.events.sendEvent(...args);
  readonly openHome: SlackEvents["openHome"] = (...args) => this.events.openHome(...args);
  readonly clickHome: SlackEvents["clickHome"] = (...args) => this.events.clickHome(...args);
  readonly pickHomeTime: SlackEvents["pickHomeTime"] = (...args) => this.events.pickHomeTime(...args);
  readonly sendHomeAction: SlackEvents["sendHomeAction"] = (...args) => this.events.sendHomeAction(...args);
  readonly postToApp: SlackEvents["postToApp"] = (request) => this.events.postToApp(request);
  readonly replayLast: SlackEvents["http"]["replayLast"] = (options) => this.events.http.replayLast(options);

  /** Slack's clock for signatures' timestamps (HTTP mode); the harness sets it to the app's clock. */
  set now(clock: () => number) {
    this.events.http.now = clock;
  }
}
