import { createHmac } from "node:crypto";

/** What the fake Slack's parts share: its ids, the records tests read, finding a button, signing a request. */

export const TEAM = { id: "T0TEAM", domain: "study-group" } as const;
export const BOT_USER_ID = "U0BOT";
export const BOT_TOKEN = "xoxb-test-bot-token";
export const APP_TOKEN = "xapp-test-app-token";
export const SIGNING_SECRET = "test-signing-secret";
export const APP_ID = "A0STUDY";

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
  /** The IANA zone of their profile, as users.info gives it. */
  tz?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** A reply's parent message (chat.postMessage's thread_ts). */
  threadTs?: string;
  text: string;
  blocks: SlackBlock[];
  /** Reaction name → the users who added it, in order. */
  reactions: Map<string, string[]>;
}

/** A user group of the workspace, as usergroups.list lists it. */
export interface FakeUserGroup {
  id: string;
  /** What people type after @. */
  handle: string;
  name: string;
  /** A disabled group is left out of usergroups.list unless include_disabled is set. */
  disabled?: boolean;
}

/** A file uploaded with files.uploadV2: its bytes, and where it was shared once the upload completed. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  bytes?: Buffer;
  title?: string;
  /** The channel it was shared in (a DM channel id for a direct message), once completed. */
  channel?: string;
}

/** The parts of Block Kit the helpers read; the app's output is otherwise opaque here. */
export interface SlackBlock {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
  [key: string]: unknown;
}

export type Signing = "valid" | "none" | "stale" | "future" | "wrong-secret";

export interface Delivery {
  /** HTTP status, or 200 once a Socket Mode envelope is acknowledged. */
  status: number;
  /** The acknowledgement's payload (HTTP response body, or the Socket Mode ack payload). */
  body: string;
}

export type ButtonChoice = string | ((button: { text: string; value: string }) => boolean);

/** A button in rendered blocks, by its label or a predicate. */
export function findButton(blocks: readonly SlackBlock[], which: ButtonChoice) {
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
