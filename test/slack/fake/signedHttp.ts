import { type Delivery, SIGNING_SECRET, type Signing, sign } from "./model.js";

/** A request as the app's HTTP endpoint receives it from Slack: a form or JSON body, signed as told. */
export interface SlackRequest {
  form?: string;
  json?: string;
  signing: Signing;
  /** Slack's retry of an event it thinks was not acknowledged. */
  retryNum?: number;
}

/** Posts to the app's HTTP endpoint (HTTP mode) with Slack's signature headers: valid, missing, stale or wrong. */
export async function postSigned(url: string, request: SlackRequest): Promise<Delivery> {
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
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}
