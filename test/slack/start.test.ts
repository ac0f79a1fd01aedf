import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSlack } from "../../src/platforms/slack/app.js";
import { silentLogger } from "../../src/services/ports.js";
import { makeServices } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { APP_TOKEN, BOT_TOKEN, FakeSlack, SIGNING_SECRET, sign } from "./fakeSlack.js";

describe("Slack: starting", () => {
  const tempDir = useTempDir("studybot-slack-");
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const fake = await FakeSlack.start();
    const bot = makeServices(join(tempDir(), "studybot.db"));
    cleanups.push(
      () => fake.close(),
      () => bot.close(),
    );
    return { fake, bot };
  }

  it("stops with Slack's reason when the bot token is wrong, and registers nothing", async () => {
    const { fake, bot } = await setUp();
    const options = { botToken: "xoxb-revoked", appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, adminUsers: [] };
    await expect(startSlack(bot.services, options, silentLogger)).rejects.toThrow(
      "Slack refused SLACK_BOT_TOKEN (invalid_auth): use the app's Bot User OAuth Token, xoxb-…",
    );
    expect(bot.services.messengers.has("slack")).toBe(false);
  });

  it("stops with Slack's reason when the app token is wrong", async () => {
    const { fake, bot } = await setUp();
    const options = { botToken: BOT_TOKEN, appToken: "xapp-wrong", apiUrl: fake.apiUrl, port: 0, adminUsers: [] };
    await expect(startSlack(bot.services, options, silentLogger)).rejects.toThrow(
      /SLACK_APP_TOKEN \(invalid_auth\).*connections:write/,
    );
    expect(bot.services.messengers.has("slack")).toBe(false);
    expect(fake.socketConnections).toBe(0);
  });

  it("over HTTP, receives everything on /slack/events and answers Slack's URL check", async () => {
    const { fake, bot } = await setUp();
    const options = {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      adminUsers: [],
    };
    const slack = await startSlack(bot.services, options, silentLogger);
    cleanups.push(() => slack.stop());
    expect(slack.mode).toBe("http");
    expect(fake.callsTo("auth.test")).toHaveLength(1);
    const body = JSON.stringify({ type: "url_verification", token: "t", challenge: "c-123" });
    const timestamp = Math.floor(bot.clock.now().getTime() / 1000);
    const response = await fetch(`http://127.0.0.1:${slack.port}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sign(SIGNING_SECRET, timestamp, body),
      },
      body,
    });
    expect(await response.json()).toEqual({ challenge: "c-123" });
  });
});
