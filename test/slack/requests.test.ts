import { MemoryStore } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import type { Signing } from "./fakeSlack.js";
import {
  answerButton,
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Slack: which requests are trusted, and how often they count", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each<Signing>(["none", "stale", "wrong-secret"])(
    "refuses a request with signature %s with 401 and changes nothing",
    async (signing) => {
      t = await startSlackBot(tempDir(), "http");
      const { fake, bot } = t;
      const { quiz, ts } = await postQuiz(t);
      const callsBefore = fake.calls.length;

      const command = await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close", signing);
      const click = await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0), signing);
      const event = await fake.sendEvent(
        {
          type: "reaction_added",
          user: PEOPLE.ben.id,
          reaction: "regional_indicator_a",
          item: { type: "message", channel: QUIZ_CHANNEL, ts },
          item_user: "U0BOT",
          event_ts: "1.0",
        },
        { signing },
      );
      expect([command.status, click.status, event.status]).toEqual([401, 401, 401]);

      // A signed request after them is handled, so anything they had started would be visible by now.
      await fake.sendCommand(PEOPLE.cy.id, QUIZ_CHANNEL, "help");
      await fake.waitForCall("response_url", 2);
      expect(fake.calls.slice(callsBefore).map((call) => call.method)).toEqual(["users.info", "response_url"]);
      expect(bot.store.quizzes.get(quiz.id)).toMatchObject({ closedAt: null, answered: 0 });
    },
  );

  it("acknowledges commands and clicks at once, even when Slack's API is slow to answer the work that follows", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    fake.delay("users.info", 1_500);
    const timed = async <T>(work: () => Promise<T>) => {
      const started = Date.now();
      const result = await work();
      return { result, ms: Date.now() - started };
    };
    const click = await timed(() => fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0)));
    const command = await timed(() => fake.sendCommand(PEOPLE.cy.id, QUIZ_CHANNEL, "stats"));
    expect([click.result.status, command.result.status]).toEqual([200, 200]);
    expect(click.ms).toBeLessThan(1_000);
    expect(command.ms).toBeLessThan(1_000);
    await ephemeralFor(fake, PEOPLE.ben.id);
    await eventually(
      () => fake.callsTo("response_url").find((call) => call.args.url === command.result.responseUrl),
      "the reply",
    );
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(1);
  });

  it("counts an event Slack retries (same event id, x-slack-retry-num) once, with one acknowledgement", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t, "quiz now reactions");
    const at = { channel: QUIZ_CHANNEL, ts };
    const first = await fake.react(PEOPLE.ana.id, at, "regional_indicator_b");
    await ephemeralFor(fake, PEOPLE.ana.id);
    const retry = await fake.react(PEOPLE.ana.id, at, "regional_indicator_b", { eventId: first?.eventId, retryNum: 1 });
    expect(retry?.status).toBe(200);
    // Ben's later event is acknowledged only after the retry has been dealt with.
    await fake.react(PEOPLE.ben.id, at, "regional_indicator_c");
    await ephemeralFor(fake, PEOPLE.ben.id);
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.ana.id)).toHaveLength(1);
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(2);
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(2);
  });

  it("answers a forged or stale button value with a private error and keeps running", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const forged = [
      `sb1:a:${quiz.id.toString(36)}:WRONGnonce:0`,
      "sb1:a:zz:abcdefgh:1",
      "study:settings timezone UTC",
      "",
      "x".repeat(3000),
    ];
    for (const [index, value] of forged.entries()) {
      const delivery = await fake.sendBlockAction({
        channel: QUIZ_CHANNEL,
        messageTs: ts,
        user: PEOPLE.ben.id,
        actionId: "studybot-0-0",
        value,
      });
      expect(delivery.status).toBe(200);
      const reply = await ephemeralFor(fake, PEOPLE.ben.id, index + 1);
      expect(reply.args.user).toBe(PEOPLE.ben.id);
      expect(shownText(reply.args)).toMatch(/Unknown quiz|not one studybot made/);
    }
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(0);
    expect(slackCommunity(bot).timeZone).toBe("UTC");
    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id, forged.length + 1)).args)).toContain("Right!");
  });

  it("refuses a button from another channel's quiz", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const value = fake.message(QUIZ_CHANNEL, ts).blocks.find((b) => b.type === "actions")?.elements?.[0]?.value ?? "";
    await fake.sendBlockAction({
      channel: "C0OTHER",
      messageTs: ts,
      user: PEOPLE.ana.id,
      actionId: "studybot-0-0",
      value,
    });
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toContain("another channel");
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(0);
  });

  it("looks up no Bolt conversation state for a click: studybot keeps none", async () => {
    const lookups = vi.spyOn(MemoryStore.prototype, "get");
    try {
      t = await startSlackBot(tempDir(), "http");
      const { fake } = t;
      const { ts } = await postQuiz(t);
      await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0));
      expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toContain("Locked in");
      // Each lookup of an unknown conversation builds an Error with its stack trace, on every event of a burst.
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });
});
