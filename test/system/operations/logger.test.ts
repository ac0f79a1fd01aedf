import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configuredSecrets, loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";

const DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
const SLACK_BOT_TOKEN = "xoxb-1111-2222-abcdefABCDEF";
const SLACK_APP_TOKEN = "xapp-1-A0STUDY-3333-abcdef";
const SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA";

/** Every line the logger writes, as the text that would reach standard error. */
function capturingLogger(secrets: string[]) {
  let written = "";
  const destination = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  return { logger: createLogger("info", { secrets, destination }), output: () => written };
}

describe("logs", () => {
  it("never contain a configured token or signing secret, however they are logged", () => {
    const config = loadConfig({ DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET });
    const secrets = configuredSecrets(config);
    expect(secrets).toEqual([DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET]);
    const { logger, output } = capturingLogger(secrets);

    logger.info({ config }, "configuration");
    logger.info(
      { token: DISCORD_TOKEN, slack: { botToken: SLACK_BOT_TOKEN, signingSecret: SLACK_SIGNING_SECRET } },
      "fields",
    );
    logger.info({ request: { headers: { authorization: `Bot ${DISCORD_TOKEN}` } } }, "a request");
    logger.error({ err: new Error(`Slack refused ${SLACK_APP_TOKEN} (invalid_auth)`) }, "start failed");
    logger.warn({ detail: [`signed with ${SLACK_SIGNING_SECRET}`] }, `token in the message: ${SLACK_BOT_TOKEN}`);

    const text = output();
    expect(text.split("\n").filter(Boolean)).toHaveLength(5);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
    expect(text).toContain("invalid_auth");
  });

  it("scrub token-shaped text it was not told about: other tokens, and interaction tokens in Discord URLs", () => {
    const { logger, output } = capturingLogger([]);
    const url = `https://discord.com/api/v10/webhooks/1100000000000000001/${INTERACTION_TOKEN}/messages/@original`;
    logger.error({ err: Object.assign(new Error("Unknown Webhook"), { url }) }, "discord interaction failed");
    logger.warn({ callback: `/interactions/1300000000000000009/${INTERACTION_TOKEN}/callback` }, DISCORD_TOKEN);
    logger.info({ tokens: ["xoxp-9999-personal-token", "xoxe-1-refresh-token-abc"] }, "slack");

    const text = output();
    for (const secret of [INTERACTION_TOKEN, DISCORD_TOKEN, "xoxp-9999-personal-token", "xoxe-1-refresh-token-abc"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("/webhooks/1100000000000000001/[redacted]/messages/@original");
    expect(text).toContain("Unknown Webhook");
  });
});
