import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { GUILD_ID } from "./fakeDiscord.js";
import {
  ANA,
  BO,
  buttonsOf,
  type DiscordScenario,
  discordScenario,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
} from "./harness.js";

const DEFERRED = InteractionResponseType.DeferredChannelMessageWithSource;

describe("Discord: the error path answers privately and honestly", () => {
  const tempDir = useTempDir("studybot-discord-errors-");
  let scenario: DiscordScenario | undefined;
  let locker: Database.Database | undefined;
  afterEach(async () => {
    if (locker?.inTransaction) locker.exec("ROLLBACK");
    locker?.close();
    locker = undefined;
    await scenario?.shutdown();
    scenario = undefined;
  });

  async function quizWithLock(dir: string, busyTimeoutMs: number) {
    scenario = await discordScenario(dir, { replyBudgetMs: 100 });
    const { fake, store } = scenario;
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    const button = (choice: number) => buttonsOf(message ?? ({} as never))[choice]?.customId ?? "";
    // Past its busy timeout a write gives up; 5 s in production, short here.
    store.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    locker = new Database(join(dir, "studybot.db"));
    locker.exec("BEGIN IMMEDIATE");
    return { s: scenario, messageId: message?.id ?? "", button, quiz: store.quizzes.get(1) };
  }

  it("a click while the database stays locked is deferred in time, then answered privately 'not recorded'", async () => {
    const { s, messageId, button, quiz } = await quizWithLock(tempDir(), 400);
    const click = s.fake.click(BO.id, messageId, button(quiz?.correctIndex ?? 0));
    expect((await s.response(click)).type).toBe(DEFERRED);
    const reply = await s.replyOf(click);
    expect(isEphemeral(reply)).toBe(true);
    expect(embedText(reply)).toContain("not recorded");
    expect(s.store.answers.forQuiz(1)).toHaveLength(0);
  });

  it("a click while the database is locked for a moment is stored once the lock goes, and says so", async () => {
    const { s, messageId, button, quiz } = await quizWithLock(tempDir(), 2_000);
    const click = s.fake.click(BO.id, messageId, button(quiz?.correctIndex ?? 0));
    setTimeout(() => locker?.exec("ROLLBACK"), 300);
    expect((await s.response(click)).type).toBe(DEFERRED);
    expect(embedText(await s.replyOf(click))).toContain("Right!");
    expect(s.store.answers.forQuiz(1)).toHaveLength(1);
  });

  it("a deck import whose reply fails after the import is applied says it may have been applied", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const host = await attachmentHost("front,back\nperro,dog\ngato,cat\ncasa,house\n");
    try {
      fake.failNext("PATCH", "/webhooks/:app/:token/messages/@original", {
        status: 400,
        code: 50035,
        message: "Invalid Form Body",
      });
      const slash = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.url });
      const reply = await scenario.replyOf(slash);
      expect(isEphemeral(reply)).toBe(true);
      expect(embedText(reply)).toContain("may have been applied");
      expect(embedText(reply)).toContain("deck list");
      expect(embedText(reply)).not.toContain("nothing was changed");
      expect(scenario.services.decksAt("discord", GUILD_ID).has("spanish-animals")).toBe(true);
    } finally {
      await host.close();
    }
  });
});

/** Discord's CDN for one attachment. */
async function attachmentHost(body: string) {
  const server: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/csv" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/attachments/1/2/spanish_animals.csv`;
  return {
    url: {
      id: "1500000000000000001",
      filename: "spanish_animals.csv",
      size: Buffer.byteLength(body),
      url,
      proxy_url: url,
      content_type: "text/csv; charset=utf-8",
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
