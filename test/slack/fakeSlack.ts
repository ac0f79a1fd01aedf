import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { eventually } from "../kit/eventually.js";

/**
 * A local stand-in for Slack: the Web API methods studybot calls, `response_url`
 * endpoints, a Socket Mode WebSocket, and helpers that deliver slash commands,
 * button clicks and events to the app the way Slack does (signed HTTP posts, or
 * Socket Mode envelopes that the app must acknowledge). Every call the app makes
 * is recorded with its parsed arguments, so tests assert on what Slack would show.
 */

export const TEAM = { id: "T0TEAM", domain: "study-group" } as const;
export const BOT_USER_ID = "U0BOT";
export const BOT_TOKEN = "xoxb-test-bot-token";
export const APP_TOKEN = "xapp-test-app-token";
export const SIGNING_SECRET = "test-signing-secret";
const APP_ID = "A0STUDY";

export interface RecordedCall {
  /** A Web API method (`chat.postMessage`), or `response_url` for posts to a response URL. */
  method: string;
  args: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: SlackBlock[];
  /** Reaction name → the users who added it, in order. */
  reactions: Map<string, string[]>;
}

/** The parts of Block Kit the helpers read; the app's output is otherwise opaque here. */
export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
  [key: string]: unknown;
}

export type Signing = "valid" | "none" | "stale" | "wrong-secret";

export interface Delivery {
  /** HTTP status, or 200 once a Socket Mode envelope is acknowledged. */
  status: number;
  /** The acknowledgement's payload (HTTP response body, or the Socket Mode ack payload). */
  body: string;
}

type Transport = { kind: "http"; url: string } | { kind: "socket" };

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Slack's Web API accepts form posts (nested values as JSON strings) and JSON bodies. */
function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

type ButtonChoice = string | ((button: { text: string; value: string }) => boolean);

/** A button in rendered blocks, by its label or a predicate. */
function findButton(blocks: readonly SlackBlock[], which: ButtonChoice) {
  const buttons = blocks.flatMap((block) =>
    block.type === "actions"
      ? (block.elements ?? []).map((element) => ({
          blockId: block.block_id ?? "",
          actionId: element.action_id ?? "",
          text: element.text?.text ?? "",
          value: element.value ?? "",
        }))
      : [],
  );
  const button = buttons.find((b) => (typeof which === "string" ? b.text === which : which(b)));
  if (!button) throw new Error(`no button ${String(which)} among ${buttons.map((b) => b.text).join(", ")}`);
  return button;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, FakeUser>();
  /** Socket Mode acknowledgements, by envelope id. */
  readonly acks = new Map<string, Record<string, unknown>>();
  private readonly failures = new Map<string, string[]>();
  private readonly delays = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  private readonly ackWaiters = new Map<string, (payload: Record<string, unknown>) => void>();
  private transport: Transport = { kind: "socket" };
  private tsCounter = 0;
  private eventCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: "/socket-mode" });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, wss, `http://127.0.0.1:${port}`);
    server.on("request", (req, res) => {
      fake.handle(req, res).catch((error: unknown) => json(res, 500, { ok: false, error: String(error) }));
    });
    wss.on("connection", (socket) => fake.accept(socket));
    return fake;
  }

  /** What SLACK_API_URL is set to. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** Slash commands, clicks and events go to the app's HTTP endpoint (HTTP mode). */
  deliverOverHttp(appUrl: string): void {
    this.transport = { kind: "http", url: appUrl };
  }

  deliverOverSocket(): void {
    this.transport = { kind: "socket" };
  }

  get socketConnections(): number {
    return this.sockets.size;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }` (a `response_url` post: 404 with the error). */
  fail(method: string, error: string, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array(times).fill(error)]);
  }

  /** Every call of `method` answers only after `ms` milliseconds (a slow Slack). */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  message(channel: string, ts: string): StoredMessage {
    const found = this.messages.get(`${channel}/${ts}`);
    if (!found) throw new Error(`no message ${ts} in ${channel}`);
    return found;
  }

  /** Waits for the n-th (1-based) call of a method and returns it. */
  async waitForCall(method: string, count = 1): Promise<RecordedCall> {
    return eventually(() => this.callsTo(method)[count - 1], `${method} #${count}`);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- sending to the app ----

  /** `/study <text>` typed by a user in a channel. */
  async slashCommand(text: string, from: { user: string; channel: string }, signing: Signing = "valid") {
    const responseUrl = this.newResponseUrl();
    const user = this.users.get(from.user);
    const body = {
      token: "legacy-verification-token",
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: from.channel,
      channel_name: from.channel.toLowerCase(),
      user_id: from.user,
      user_name: user?.name ?? from.user,
      command: "/study",
      text,
      api_app_id: APP_ID,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: `trigger-${randomUUID()}`,
    };
    const delivery = await this.deliver("slash_commands", body, {
      form: new URLSearchParams(body).toString(),
      signing,
    });
    return { ...delivery, responseUrl };
  }

  /** A click on a button the app rendered, found by its label (or a predicate) in the stored message. */
  async clickButton(
    at: { channel: string; ts: string },
    user: string,
    which: ButtonChoice,
    signing: Signing = "valid",
  ) {
    const button = findButton(this.message(at.channel, at.ts).blocks, which);
    return this.sendBlockAction({ ...button, channel: at.channel, messageTs: at.ts, user, signing });
  }

  /**
   * A click on a button of an ephemeral message (only its user sees it, so the
   * fake keeps no copy): the message is the reply the app sent to a response URL.
   */
  async clickEphemeralButton(reply: RecordedCall, channel: string, user: string, which: ButtonChoice) {
    const button = findButton((reply.args.blocks as SlackBlock[] | undefined) ?? [], which);
    return this.sendBlockAction({ ...button, channel, messageTs: `${Date.now() / 1000}`, user, ephemeral: true });
  }

  /** Submits a modal the app opened (a recorded views.open) with values typed into its inputs. */
  async submitModal(opened: RecordedCall, user: string, values: Record<string, Record<string, string>>) {
    const view = opened.args.view as { callback_id: string; private_metadata?: string; blocks: unknown[] };
    const person = this.users.get(user);
    const state = Object.fromEntries(
      Object.entries(values).map(([blockId, actions]) => [
        blockId,
        Object.fromEntries(
          Object.entries(actions).map(([actionId, value]) => [actionId, { type: "plain_text_input", value }]),
        ),
      ]),
    );
    const payload = {
      type: "view_submission",
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: user, username: person?.name ?? user, name: person?.name ?? user, team_id: TEAM.id },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      trigger_id: `trigger-${randomUUID()}`,
      view: {
        id: "V0MODAL",
        team_id: TEAM.id,
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata ?? "",
        blocks: view.blocks,
        state: { values: state },
        hash: "1",
        app_id: APP_ID,
        bot_id: "B0BOT",
      },
      response_urls: [],
      is_enterprise_install: false,
    };
    return this.deliver("interactive", payload, {
      form: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      signing: "valid",
    });
  }

  /** A block action with any value: what a forged or stale payload looks like. */
  async sendBlockAction(action: {
    channel: string;
    messageTs: string;
    user: string;
    actionId: string;
    value: string;
    blockId?: string;
    text?: string;
    signing?: Signing;
    ephemeral?: boolean;
    /** Another workspace's id: the payload as a click in that workspace would send it. */
    team?: string;
  }) {
    const responseUrl = this.newResponseUrl();
    const user = this.users.get(action.user);
    const team = { id: action.team ?? TEAM.id, domain: action.team ? "another-team" : TEAM.domain };
    const payload = {
      type: "block_actions",
      user: { id: action.user, username: user?.name ?? action.user, name: user?.name ?? action.user, team_id: team.id },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: action.messageTs,
        channel_id: action.channel,
        is_ephemeral: action.ephemeral ?? false,
      },
      trigger_id: `trigger-${randomUUID()}`,
      team,
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: action.channel, name: action.channel.toLowerCase() },
      // Slack sends the message only for messages everyone sees.
      ...(action.ephemeral
        ? {}
        : { message: this.messages.get(`${action.channel}/${action.messageTs}`) ?? { ts: action.messageTs } }),
      response_url: responseUrl,
      actions: [
        {
          type: "button",
          action_id: action.actionId,
          block_id: action.blockId ?? "actions",
          text: { type: "plain_text", text: action.text ?? "button", emoji: true },
          value: action.value,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    const serialized = JSON.stringify(payload, (key, value) => (key === "reactions" ? undefined : value));
    const delivery = await this.deliver("interactive", JSON.parse(serialized), {
      form: new URLSearchParams({ payload: serialized }).toString(),
      signing: action.signing ?? "valid",
    });
    return { ...delivery, responseUrl };
  }

  /**
   * A user adds a reaction: stored on the message (so `reactions.get` sees it) and,
   * unless `deliver` is false (the app was offline, or Slack lost the event), sent
   * as a `reaction_added` event.
   */
  async react(
    user: string,
    at: { channel: string; ts: string },
    reaction: string,
    options: { deliver?: boolean; eventId?: string; retryNum?: number } = {},
  ) {
    this.addReaction(at.channel, at.ts, reaction, user);
    if (options.deliver === false) return undefined;
    return this.sendEvent(
      {
        type: "reaction_added",
        user,
        reaction,
        item: { type: "message", channel: at.channel, ts: at.ts },
        item_user: BOT_USER_ID,
        event_ts: `${Date.now() / 1000}`,
      },
      options,
    );
  }

  /** An Events API callback; give the same event id and a retry number to imitate Slack's retries. */
  async sendEvent(
    event: Record<string, unknown>,
    options: { eventId?: string; retryNum?: number; signing?: Signing } = {},
  ) {
    this.eventCounter += 1;
    const eventId = options.eventId ?? `Ev${String(this.eventCounter).padStart(8, "0")}`;
    const body = {
      token: "legacy-verification-token",
      team_id: TEAM.id,
      api_app_id: APP_ID,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: BOT_USER_ID, is_bot: true }],
      is_ext_shared_channel: false,
    };
    const delivery = await this.deliver("events_api", body, {
      json: JSON.stringify(body),
      signing: options.signing ?? "valid",
      ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
    });
    return { ...delivery, eventId };
  }

  private async deliver(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
    request: { form?: string; json?: string; signing: Signing; retryNum?: number },
  ): Promise<Delivery> {
    if (this.transport.kind === "socket") return this.sendEnvelope(type, payload, request.retryNum);
    const body = request.form ?? request.json ?? "";
    const headers: Record<string, string> = {
      "content-type": request.form !== undefined ? "application/x-www-form-urlencoded" : "application/json",
    };
    const now = Math.floor(Date.now() / 1000);
    if (request.signing !== "none") {
      const timestamp = request.signing === "stale" ? now - 6 * 60 : now;
      const secret = request.signing === "wrong-secret" ? "not-the-secret" : SIGNING_SECRET;
      headers["x-slack-request-timestamp"] = String(timestamp);
      headers["x-slack-signature"] = sign(secret, timestamp, body);
    }
    if (request.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(request.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const response = await fetch(this.transport.url, { method: "POST", headers, body });
    return { status: response.status, body: await response.text() };
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement. */
  private async sendEnvelope(type: string, payload: Record<string, unknown>, retryNum?: number): Promise<Delivery> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error("the app has no Socket Mode connection");
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: retryNum ?? 0, retry_reason: retryNum ? "timeout" : "" } : {}),
      }),
    );
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`envelope ${type} not acknowledged within 3 s`)), 3_000).unref(),
    );
    const ack = await Promise.race([acked, timeout]);
    return { status: 200, body: JSON.stringify(ack) };
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (!message.envelope_id) return;
      this.acks.set(message.envelope_id, message.payload ?? {});
      this.ackWaiters.get(message.envelope_id)?.(message.payload ?? {});
      this.ackWaiters.delete(message.envelope_id);
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: APP_ID },
        debug_info: { host: "fake-slack", approximate_connection_time: 18060 },
      }),
    );
  }

  // ---- the Web API ----

  private newResponseUrl(): string {
    return `${this.baseUrl}/respond/${randomUUID()}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    const args = parseArgs(req.headers["content-type"] ?? "", raw);
    if (url.pathname.startsWith("/respond/")) {
      this.calls.push({ method: "response_url", args: { ...args, url: `${this.baseUrl}${url.pathname}` } });
      const failure = this.failures.get("response_url")?.shift();
      res.writeHead(failure ? 404 : 200, { "content-type": "text/plain" });
      res.end(failure ?? "ok");
      return;
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "") || String(args.token ?? "");
    this.calls.push({ method, args });
    const expected = method === "apps.connections.open" ? APP_TOKEN : BOT_TOKEN;
    if (token !== expected) return json(res, 200, { ok: false, error: "invalid_auth" });
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = this.failures.get(method)?.shift();
    if (failure) return json(res, 200, { ok: false, error: failure });
    json(res, 200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args.channel ?? "");
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: `https://${TEAM.domain}.slack.com/`,
          team: "Study Group",
          user: "studybot",
          team_id: TEAM.id,
          user_id: BOT_USER_ID,
          bot_id: "B0BOT",
          is_enterprise_install: false,
        };
      case "apps.connections.open":
        return { ok: true, url: `${this.baseUrl.replace(/^http/, "ws")}/socket-mode?ticket=${randomUUID()}` };
      case "chat.postMessage": {
        this.tsCounter += 1;
        const ts = `${1_790_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, "0")}`;
        const message: StoredMessage = {
          channel,
          ts,
          text: String(args.text ?? ""),
          blocks: (args.blocks as SlackBlock[] | undefined) ?? [],
          reactions: new Map(),
        };
        this.messages.set(`${channel}/${ts}`, message);
        return { ok: true, channel, ts, message: { type: "message", user: BOT_USER_ID, ts, text: message.text } };
      }
      case "chat.update": {
        const message = this.messages.get(`${channel}/${String(args.ts)}`);
        if (!message) return { ok: false, error: "message_not_found" };
        message.text = String(args.text ?? "");
        message.blocks = (args.blocks as SlackBlock[] | undefined) ?? [];
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${Date.now() / 1000}` };
      case "reactions.add": {
        const message = this.messages.get(`${channel}/${String(args.timestamp)}`);
        if (!message) return { ok: false, error: "message_not_found" };
        if (message.reactions.get(String(args.name))?.includes(BOT_USER_ID))
          return { ok: false, error: "already_reacted" };
        this.addReaction(channel, message.ts, String(args.name), BOT_USER_ID);
        return { ok: true };
      }
      case "reactions.get": {
        const message = this.messages.get(`${channel}/${String(args.timestamp)}`);
        if (!message) return { ok: false, error: "message_not_found" };
        const reactions = [...message.reactions].map(([name, users]) => ({ name, users, count: users.length }));
        return {
          ok: true,
          type: "message",
          channel,
          message: { type: "message", ts: message.ts, text: message.text, ...(reactions.length ? { reactions } : {}) },
        };
      }
      case "users.info": {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: TEAM.id,
            name: user.name,
            real_name: user.displayName ?? user.name,
            profile: { display_name: user.displayName ?? "", real_name: user.displayName ?? user.name },
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            is_bot: false,
          },
        };
      }
      case "views.open":
        return { ok: true, view: { id: `V${randomUUID().slice(0, 8)}`, ...(args.view as object) } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private addReaction(channel: string, ts: string, name: string, user: string): void {
    const message = this.message(channel, ts);
    const users = message.reactions.get(name) ?? [];
    if (!users.includes(user)) users.push(user);
    message.reactions.set(name, users);
  }
}
