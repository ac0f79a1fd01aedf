import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HTTPReceiver } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { SignedRequests } from "../../src/platforms/slack/signedRequests.js";
import { silentLogger } from "../../src/services/ports.js";
import { FakeClock } from "../kit/fakes.js";
import { SIGNING_SECRET, sign } from "./fakeSlack.js";

describe("signed requests", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** The check in front of a stand-in for Bolt's receiver that answers 200 to whatever reaches it. */
  async function guarded() {
    const clock = new FakeClock(new Date("2026-11-02T09:00:00Z"));
    const receiver: Pick<HTTPReceiver, "requestListener"> = {
      requestListener: (_req, res) => res.writeHead(200).end(),
    };
    const signed = new SignedRequests(SIGNING_SECRET, clock, silentLogger, () => {});
    signed.guard(receiver);
    server = createServer((req, res) => receiver.requestListener(req, res));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const post = async (body: string) => {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const headers = {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(SIGNING_SECRET, timestamp, body),
      };
      return (await fetch(url, { method: "POST", headers, body })).status;
    };
    return { clock, signed, post };
  }

  it("forgets each signature once its 5-minute window has passed", async () => {
    const { clock, signed, post } = await guarded();
    for (const id of ["a", "b", "c"]) expect(await post(JSON.stringify({ id }))).toBe(200);
    expect(signed.remembered).toBe(3);
    clock.advance(5 * 60_000 + 31_000);
    expect(await post(JSON.stringify({ id: "d" }))).toBe(200);
    expect(signed.remembered).toBe(1);
  });
});
