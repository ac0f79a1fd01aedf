import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  APP_TOKEN,
  BOT_TOKEN,
  BOT_USER_ID,
  type FakeUser,
  type FakeUserGroup,
  type RecordedCall,
  type SlackBlock,
  type StoredMessage,
  TEAM,
  type UploadedFile,
} from "./model.js";

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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

/** An upload URL takes the file as the raw body, or as the file part of a multipart form (what the SDK sends). */
async function uploadedBytes(contentType: string, body: Buffer): Promise<Buffer> {
  if (!contentType.startsWith("multipart/form-data")) return body;
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const [, value] of form) if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

/** The id of the app's DM channel with a person. */
export const directChannelOf = (user: string) => `D${user.slice(1)}`;

/**
 * The Web API methods studybot calls and the `response_url` endpoints: every
 * call recorded with its parsed arguments, channel messages and reactions
 * kept, any method told to fail or to answer slowly.
 */
export class SlackWebApi {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, FakeUser>();
  /** Files by id, from files.getUploadURLExternal on. */
  readonly files = new Map<string, UploadedFile>();
  /** Deactivated accounts: Slack answers `account_inactive` to opening a DM with them. */
  readonly inactive = new Set<string>();
  readonly userGroups: FakeUserGroup[] = [];
  /** The Home tab published for each user (views.publish), the latest one. */
  readonly homes = new Map<string, { id: string; blocks: SlackBlock[] }>();
  /** Channel → its members, for users.conversations. */
  readonly channelMembers = new Map<string, Set<string>>();
  private readonly failures = new Map<string, string[]>();
  private readonly delays = new Map<string, number>();
  private tsCounter = 0;

  constructor(readonly baseUrl: string) {}

  addMember(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** The user joins a channel: users.conversations lists it for them. */
  joinChannel(user: string, channel: string): void {
    const members = this.channelMembers.get(channel) ?? new Set<string>();
    members.add(user);
    this.channelMembers.set(channel, members);
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }` (a `response_url` post: 404 with the error). */
  failNext(method: string, error: string, times = 1): void {
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

  /** What everyone sees in a channel, oldest first: thread replies are under their message, not here. */
  messagesIn(channel: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.channel === channel && !message.threadTs);
  }

  /** The replies in a message's thread, oldest first. */
  repliesTo(channel: string, ts: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.channel === channel && message.threadTs === ts);
  }

  /** The ephemeral messages sent to a user (`chat.postEphemeral`), oldest first; Slack keeps no copy. */
  privateRepliesTo(user: string): RecordedCall[] {
    return this.callsTo("chat.postEphemeral").filter((call) => call.args.user === user);
  }

  /** The files shared in a channel (a user's DM with the app is `D` + their id), in upload order. */
  filesIn(channel: string): UploadedFile[] {
    return [...this.files.values()].filter((file) => file.channel === channel);
  }

  newResponseUrl(): string {
    return `${this.baseUrl}/respond/${randomUUID()}`;
  }

  /** Answers one HTTP request; an error in the fake itself answers 500 so the test sees it. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.handle(req, res).catch((error: unknown) => json(res, 500, { ok: false, error: String(error) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const body = await readBody(req);
    if (url.pathname.startsWith("/upload/")) {
      const bytes = await uploadedBytes(req.headers["content-type"] ?? "", body);
      return this.receiveUpload(url.pathname.slice("/upload/".length), bytes, res);
    }
    const args = parseArgs(req.headers["content-type"] ?? "", body.toString("utf8"));
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
        // A reply names its thread's parent message by its ts.
        const threadTs = args.thread_ts === undefined ? undefined : String(args.thread_ts);
        const message: StoredMessage = {
          channel,
          ts,
          ...(threadTs ? { threadTs } : {}),
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
            ...(user.tz ? { tz: user.tz } : {}),
          },
        };
      }
      case "conversations.open": {
        // The app's DM with one person: the same channel every time.
        const user = String(args.users ?? "");
        if (!this.users.has(user)) return { ok: false, error: "user_not_found" };
        if (this.inactive.has(user)) return { ok: false, error: "account_inactive" };
        return { ok: true, channel: { id: directChannelOf(user) } };
      }
      case "files.getUploadURLExternal": {
        const id = `F${randomUUID().slice(0, 10).toUpperCase()}`;
        this.files.set(id, { id, filename: String(args.filename ?? ""), length: Number(args.length ?? 0) });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return this.completeUploads(args);
      case "usergroups.list": {
        const listed = this.userGroups.filter((group) => !group.disabled || String(args.include_disabled) === "true");
        return {
          ok: true,
          usergroups: listed.map((group) => ({
            id: group.id,
            team_id: TEAM.id,
            is_usergroup: true,
            name: group.name,
            handle: group.handle,
            description: "",
            date_delete: group.disabled ? 1_700_000_000 : 0,
          })),
        };
      }
      case "views.publish":
        return this.publishHome(args);
      case "users.conversations":
        return this.conversationsOf(args);
      case "views.open":
        return { ok: true, view: { id: `V${randomUUID().slice(0, 8)}`, ...(args.view as object) } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  /** A Home tab: refused whole, as Slack does, past 100 blocks or for another view type. */
  private publishHome(args: Record<string, unknown>): Record<string, unknown> {
    const user = String(args.user_id ?? "");
    const view = args.view as { type?: string; blocks?: SlackBlock[] } | undefined;
    if (!this.users.has(user)) return { ok: false, error: "user_not_found" };
    if (view?.type !== "home" || !Array.isArray(view.blocks) || view.blocks.length > 100)
      return { ok: false, error: "invalid_arguments" };
    const id = this.homes.get(user)?.id ?? `V${randomUUID().slice(0, 8).toUpperCase()}`;
    this.homes.set(user, { id, blocks: view.blocks });
    return { ok: true, view: { id, team_id: TEAM.id, type: "home", blocks: view.blocks } };
  }

  /** The channels a user is in, a page at a time (the cursor is the offset of the next page). */
  private conversationsOf(args: Record<string, unknown>): Record<string, unknown> {
    const user = String(args.user ?? "");
    const joined = [...this.channelMembers].filter(([, members]) => members.has(user)).map(([id]) => id);
    const limit = Math.min(Number(args.limit ?? 100) || 100, 1000);
    const offset = Number(args.cursor ?? 0) || 0;
    const page = joined.slice(offset, offset + limit);
    const next = offset + limit < joined.length ? String(offset + limit) : "";
    return {
      ok: true,
      channels: page.map((id) => ({ id, name: id.toLowerCase(), is_channel: true, is_private: id.startsWith("G") })),
      response_metadata: { next_cursor: next },
    };
  }

  /** Step 2 of files.uploadV2: the bytes, posted to the upload URL; they must be as long as announced. */
  private receiveUpload(id: string, body: Buffer, res: ServerResponse): void {
    const file = this.files.get(id);
    this.calls.push({ method: "upload", args: { file_id: id, bytes: body.length } });
    if (!file || file.bytes || body.length !== file.length) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(file ? "bad upload" : "no such upload");
      return;
    }
    file.bytes = body;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`OK - ${body.length}`);
  }

  private completeUploads(args: Record<string, unknown>): Record<string, unknown> {
    const listed = (args.files as { id: string; title?: string }[] | undefined) ?? [];
    const files = listed.map((entry) => this.files.get(entry.id));
    if (files.some((file) => !file?.bytes)) return { ok: false, error: "file_not_found" };
    const channel = args.channel_id === undefined ? undefined : String(args.channel_id);
    for (const [index, file] of files.entries()) {
      if (!file) continue;
      file.title = listed[index]?.title ?? file.filename;
      if (channel) file.channel = channel;
    }
    return { ok: true, files: files.map((file) => ({ id: file?.id, title: file?.title })) };
  }

  addReaction(channel: string, ts: string, name: string, user: string): void {
    const message = this.message(channel, ts);
    const users = message.reactions.get(name) ?? [];
    if (!users.includes(user)) users.push(user);
    message.reactions.set(name, users);
  }
}
