import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { unescape as unescapeForm } from "node:querystring";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isRawBodyError,
} from "@slack/bolt";
import type { Clock, Logger } from "../../services/ports.js";

/** Slack's tolerance for a request's timestamp, either way; an accepted signature is remembered as long. */
const WINDOW_MS = 5 * 60_000;
/** Refused requests are logged as one line at most this often, with their count. */
const REPORT_EVERY_MS = 60_000;
/** How often remembered signatures whose window has passed are forgotten. */
const SWEEP_EVERY_MS = 30_000;
const ENDPOINT = "/slack/events";

type Refusal =
  | "not-slack"
  | "too-large"
  | "unreadable"
  | "unsigned"
  | "bad-signature"
  | "stale"
  | "future"
  | "replayed"
  | "malformed";

const STATUS: Record<Refusal, number> = {
  "not-slack": 404,
  "too-large": 413,
  unreadable: 400,
  unsigned: 401,
  "bad-signature": 401,
  stale: 401,
  future: 401,
  replayed: 401,
  malformed: 400,
};

/** Bolt handles the request, or it is answered 200 here with nothing to do, or it is refused. */
type Verdict = "pass" | "nothing-to-do" | Refusal;

/**
 * What stands before Bolt over HTTP (Bolt's own check is off). Bolt accepted
 * a signed request again within its 5 minutes (a replayed `quiz now` posted a
 * second quiz) and a timestamp a year ahead, let a signed `payload=null`
 * reject inside it with no response, counted forged requests as activity for
 * the ack-first pacing and logged a line for each. Here a request reaches
 * Bolt only when it is signed, its timestamp is within 5 minutes either way,
 * its signature has not been seen (each is remembered until its window has
 * passed) and its body is an object. Refusals cost a counter and one warning
 * a minute. Slack may send an event again (x-slack-retry-num) with the same
 * signature: that copy is answered 200 and not handled twice.
 */
export class SignedRequests {
  /** Accepted signatures, until the end of their timestamp's window (ms). */
  private readonly accepted = new Map<string, number>();
  private nextSweep = Number.NEGATIVE_INFINITY;
  private refused = new Map<Refusal, number>();
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly signingSecret: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called with the response of each request that passes (the ack-first pacing waits for it). */
    private readonly onAccepted: (response: ServerResponse) => void,
  ) {}

  /** Puts the check in front of the receiver: only what passes reaches its handling. */
  guard(receiver: Pick<HTTPReceiver, "requestListener">): void {
    const boltListener = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      this.screen(req).then(
        (verdict) => {
          if (verdict === "pass") {
            this.onAccepted(res);
            boltListener(req, res);
          } else if (verdict === "nothing-to-do") res.writeHead(200).end();
          else this.refuse(res, verdict);
        },
        (error: unknown) => {
          this.logger.error({ err: error }, "slack request could not be read");
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
    };
  }

  /** How many remembered signatures there are (each within its 5-minute window). */
  get remembered(): number {
    return this.accepted.size;
  }

  private async screen(req: IncomingMessage): Promise<Verdict> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || path !== ENDPOINT) return "not-slack";
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit);
    } catch (error) {
      return isRawBodyError(error) && error.statusCode === 413 ? "too-large" : "unreadable";
    }
    const rawBody = buffered.rawBody.toString();
    // Slack's SSL check is not signed, and asks for nothing but a 200.
    // The substring test spares every click a parse of its whole form.
    if (isForm(req) && rawBody.includes("ssl_check") && new URLSearchParams(rawBody).get("ssl_check") === "1")
      return "nothing-to-do";
    const signature = req.headers["x-slack-signature"];
    const timestampHeader = req.headers["x-slack-request-timestamp"];
    if (typeof signature !== "string" || typeof timestampHeader !== "string") return "unsigned";
    const timestampMs = Number(timestampHeader) * 1000;
    if (!Number.isInteger(timestampMs) || !this.signedBySlack(signature, timestampHeader, rawBody))
      return "bad-signature";
    const now = this.clock.now().getTime();
    if (timestampMs < now - WINDOW_MS) return "stale";
    if (timestampMs > now + WINDOW_MS) return "future";
    this.forgetExpired(now);
    if (this.accepted.has(signature)) {
      // Slack's own retry of an event already taken: acknowledged, not handled twice.
      return req.headers["x-slack-retry-num"] !== undefined ? "nothing-to-do" : "replayed";
    }
    if (!parsesToObjectIfAtAll(req, rawBody)) return "malformed";
    this.accepted.set(signature, timestampMs + WINDOW_MS);
    return "pass";
  }

  private signedBySlack(signature: string, timestamp: string, body: string): boolean {
    const expected = Buffer.from(
      `v0=${createHmac("sha256", this.signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`,
    );
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private forgetExpired(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [signature, until] of this.accepted) if (until < now) this.accepted.delete(signature);
  }

  /** Answers a refused request and counts it; the count is logged at most once a minute. */
  private refuse(res: ServerResponse, refusal: Refusal): void {
    res.writeHead(STATUS[refusal]).end();
    this.refused.set(refusal, (this.refused.get(refusal) ?? 0) + 1);
    const now = this.clock.now().getTime();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    const reasons = Object.fromEntries(this.refused);
    const count = [...this.refused.values()].reduce((sum, n) => sum + n, 0);
    const since = Number.isFinite(this.lastReport) ? new Date(this.lastReport).toISOString() : undefined;
    this.logger.warn(
      { refused: count, reasons, ...(since ? { since } : {}) },
      `slack: refused ${count} request(s) that were not Slack's, or not as Slack signs them`,
    );
    this.refused = new Map();
    this.lastReport = now;
  }
}

function isForm(req: IncomingMessage): boolean {
  return req.headers["content-type"] === "application/x-www-form-urlencoded";
}

/** JSON text that parses at all parses to an object exactly when its first non-whitespace character is "{". */
const opensAnObject = (json: string) => /^[\t\n\r ]*\{/.test(json);
/** The same, of a form-encoded JSON text: whitespace and "{" literal or escaped, "+" a space. */
const encodedOpensAnObject = (value: string) => /^(?:[\t\n\r +]|%20|%09|%0a|%0d)*(?:\{|%7b)/i.test(value);

/**
 * Bolt reads the body (HTTPModuleFunctions.parseHTTPRequestBody) as a JSON
 * text, or as a form whose one `payload` field is a JSON text, or else as the
 * form itself. One it cannot parse it answers with 400; a parsed non-object
 * makes it fail without answering, so that must not reach it. Decided from
 * the start of the JSON text, so that each click's body is decoded and parsed
 * once, by Bolt, instead of twice.
 */
function parsesToObjectIfAtAll(req: IncomingMessage, rawBody: string): boolean {
  if (!isForm(req)) return opensAnObject(rawBody);
  // The fields as querystring.parse (Bolt's) splits them: at most 1,000, names decoded, "+" a space.
  const payloads = rawBody
    .split("&", 1000)
    .map((field) => field.split("=", 2))
    .filter(([name = ""]) => unescapeForm(name.replaceAll("+", " ")) === "payload");
  // No payload, or several (an array): Bolt takes the form itself, an object.
  if (payloads.length !== 1) return true;
  return encodedOpensAnObject(payloads[0]?.[1] ?? "");
}
