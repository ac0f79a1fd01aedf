import { type Delivery, SIGNING_SECRET, type Signing, sign } from "./model.js";

/** A request as the app's HTTP endpoint receives it from Slack: a form or JSON body, signed as told. */
export interface SlackRequest {
  form?: string;
  json?: string;
  signing: Signing;
  /** Slack's retry of an event it thinks was not acknowledged. */
  retryNum?: number;
}

/** How far from Slack's clock the timestamp of a "stale" or "future" signature is. */
const TIMESTAMP_SKEW_SECONDS: Partial<Record<Signing, number>> = { stale: -6 * 60, future: 365 * 24 * 3600 };

/**
 * Posts to the app's HTTP endpoint (HTTP mode) with Slack's signature headers:
 * valid, missing, stale, from the future or with the wrong secret; and keeps
 * the last request exactly as sent, for replays.
 */
export class SignedPoster {
  /** Slack's clock, in ms, for the signatures' timestamps: the harness sets it to the app's clock. */
  now: () => number = Date.now;
  private lastPost: { url: string; headers: Record<string, string>; body: string } | undefined;

  async post(url: string, request: SlackRequest): Promise<Delivery> {
    const body = request.form ?? request.json ?? "";
    const headers: Record<string, string> = {
      "content-type": request.form !== undefined ? "application/x-www-form-urlencoded" : "application/json",
    };
    if (request.signing !== "none") {
      const timestamp = Math.floor(this.now() / 1000) + (TIMESTAMP_SKEW_SECONDS[request.signing] ?? 0);
      const secret = request.signing === "wrong-secret" ? "not-the-secret" : SIGNING_SECRET;
      headers["x-slack-request-timestamp"] = String(timestamp);
      headers["x-slack-signature"] = sign(secret, timestamp, body);
    }
    this.lastPost = { url, headers, body };
    return send(url, withRetry(headers, request.retryNum), body);
  }

  /** Posts the last request again, byte for byte (a replay), or as Slack's retry of it with `retryNum`. */
  async replayLast(options: { retryNum?: number } = {}): Promise<Delivery> {
    if (!this.lastPost) throw new Error("nothing was posted to the app over HTTP");
    const { url, headers, body } = this.lastPost;
    return send(url, withRetry(headers, options.retryNum), body);
  }
}

function withRetry(headers: Record<string, string>, retryNum: number | undefined): Record<string, string> {
  if (retryNum === undefined) return headers;
  return { ...headers, "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" };
}

async function send(url: string, headers: Record<string, string>, body: string): Promise<Delivery> {
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}
