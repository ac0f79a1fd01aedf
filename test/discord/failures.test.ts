import { join } from "node:path";
import { InteractionResponseType, MessageFlags, RESTJSONErrorCodes } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { encodeAction } from "../../src/core/actions.js";
import { startDiscord } from "../../src/platforms/discord/bot.js";
import { handlerByName } from "../../src/services/commands/index.js";
import { silentLogger } from "../../src/services/ports.js";
import { makeServices } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { FakeDiscord } from "./fakeDiscord.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedText,
  isEphemeral,
  LOCKED_CHANNEL,
  QUIZ_CHANNEL,
  replyData,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Discord: failures are handled, reported and never crash the bot", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  async function postQuiz(s: DiscordScenario, options: Record<string, string> = {}) {
    await s.response(s.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", options));
    const [message] = s.fake.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    return message;
  }

  it("answers forged, stale and foreign button ids with a private error and records nothing", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store } = scenario;
    const message = await postQuiz(scenario);
    const quiz = store.quizzes.get(1);
    const real = buttonsOf(message)[0]?.customId ?? "";
    const forged = [
      "hello",
      "x".repeat(150),
      `${real}:extra`,
      real.replace(/^sb1/, "sb9"),
      encodeAction({ kind: "answer", quizId: 99, nonce: quiz?.nonce ?? "", choice: 0 }),
      encodeAction({ kind: "answer", quizId: 1, nonce: "guessed1", choice: 0 }),
      encodeAction({ kind: "answer", quizId: 1, nonce: quiz?.nonce ?? "", choice: 9 }),
    ];
    for (const customId of forged) {
      const reply = replyData(await scenario.response(fake.click(BO.id, message.id, customId)));
      expect(reply?.flags).toBe(MessageFlags.Ephemeral);
      expect(embedText(reply)).toMatch(/does not belong to (anything studybot knows|a quiz this bot posted)/);
    }
    expect(store.answers.forQuiz(1)).toEqual([]);
    const honest = replyData(await scenario.response(fake.click(BO.id, message.id, real)));
    expect(embedText(honest)).toContain("Locked in: A");
    expect(scenario.log.messages("error")).toEqual([]);
  });

  it("does not apologise to an interaction Discord has forgotten (answered past 3 s): the apology would be refused too", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, log } = scenario;
    const message = await postQuiz(scenario);
    const callback = "/interactions/:interaction/:token/callback";
    const before = fake.callsTo("POST", callback).length;
    fake.failNext("POST", callback, {
      status: 404,
      code: RESTJSONErrorCodes.UnknownInteraction,
      message: "Unknown interaction",
    });
    fake.click(BO.id, message.id, buttonsOf(message)[0]?.customId ?? "");
    await eventually(() => log.messages("error").length > 0, "the failure to be logged");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.callsTo("POST", callback).length - before).toBe(1);
    expect(log.messages("error")).toEqual(["discord interaction failed"]);
  });

  it("waits out a 429 from Discord's REST API, defers the reply past its budget, and logs the rate limit", async () => {
    scenario = await discordScenario(tempDir(), { replyBudgetMs: 100 });
    const { fake, log } = scenario;
    fake.failNext("POST", "/channels/:channel/messages", { status: 429, retryAfterSeconds: 0.3 });
    const quizNow = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now");
    const first = await scenario.response(quizNow);
    expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const reply = await scenario.replyOf(quizNow);
    expect(isEphemeral(reply)).toBe(true);
    expect(embedText(reply)).toContain("Quiz #1 is up in this channel.");
    expect(fake.callsTo("POST", "/channels/:channel/messages").map((call) => call.status)).toEqual([429, 200]);
    expect(fake.messagesIn(QUIZ_CHANNEL)).toHaveLength(1);
    expect(log.messages("warn")).toContain("discord rate limit: waiting before retrying");
  });

  it("posts a late public reply as a follow-up, since a deferred private reply cannot turn public", async () => {
    scenario = await discordScenario(tempDir(), { replyBudgetMs: 50 });
    const { fake } = scenario;
    const leaderboard = handlerByName.get("leaderboard");
    if (!leaderboard) throw new Error("no leaderboard handler");
    handlerByName.set("leaderboard", {
      ...leaderboard,
      run: async (ctx, command) => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return leaderboard.run(ctx, command);
      },
    });
    try {
      const board = fake.sendCommand(BO.id, QUIZ_CHANNEL, "leaderboard");
      expect((await scenario.response(board)).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      const note = await scenario.replyOf(board);
      expect(isEphemeral(note)).toBe(true);
      expect(embedText(note)).toContain("Shared in the channel.");
      const shared = await eventually(() => board.followupIds[0], "the public follow-up");
      const message = fake.messages.get(shared);
      expect(message && isEphemeral(message)).toBe(false);
      expect(embedText(message)).toContain("Leaderboard · Points · this week");
    } finally {
      handlerByName.set("leaderboard", leaderboard);
    }
  });

  it("names the permissions to grant when the bot may not post, without storing a quiz nobody can see", async () => {
    scenario = await discordScenario(tempDir(), {
      channels: [
        { id: QUIZ_CHANNEL, name: "daily-quiz" },
        { id: LOCKED_CHANNEL, name: "announcements", botDenied: ["SendMessages", "EmbedLinks"] },
        { id: "1300000000000000004", name: "no-reactions", botDenied: ["AddReactions"] },
      ],
    });
    const { fake, store } = scenario;
    const locked = replyData(await scenario.response(fake.sendCommand(ANA.id, LOCKED_CHANNEL, "quiz now")));
    expect(locked?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(locked)).toContain(
      "studybot needs Send Messages, Embed Links in #announcements. An admin can grant them in the channel's settings, under Permissions.",
    );
    const noReactions = replyData(
      await scenario.response(fake.sendCommand(ANA.id, "1300000000000000004", "quiz now", { mode: "reactions" })),
    );
    expect(embedText(noReactions)).toContain("studybot needs Add Reactions in #no-reactions.");
    expect(fake.callsTo("POST", "/channels/:channel/messages")).toEqual([]);

    // A refusal only Discord knows about (say, a role changed a moment ago) is reported the same way.
    fake.failNext("POST", "/channels/:channel/messages", {
      status: 403,
      code: RESTJSONErrorCodes.MissingPermissions,
      message: "Missing Permissions",
    });
    const refused = replyData(await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now")));
    expect(embedText(refused)).toContain(
      "Discord refused studybot a permission in #daily-quiz. It needs View Channel, Send Messages",
    );
    expect(store.quizzes.findOpenInChannel(1, QUIZ_CHANNEL)).toBeUndefined();
    expect(store.quizzes.dueToClose(new Date("2100-01-01"))).toEqual([]);
  });

  it("closes a quiz whose message a moderator deleted, without retrying the edit for ever", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store, log } = scenario;
    const message = await postQuiz(scenario);
    fake.deleteMessage(message.id);
    const close = replyData(await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close")));
    expect(embedText(close)).toContain("Quiz #1 is closed");
    await eventually(() => store.quizzes.get(1)?.resultsPostedAt, "the results to be marked as done");
    expect(fake.callsTo("PATCH", "/channels/:channel/messages/:message").map((call) => call.status)).toEqual([404]);
    await scenario.services.quizzes.publishPendingResults();
    expect(fake.callsTo("PATCH", "/channels/:channel/messages/:message")).toHaveLength(1);
    expect(log.messages("error")).toEqual([]);
  });

  it("checks Manage Server itself, whatever Discord's default command permissions let through", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store } = scenario;
    await postQuiz(scenario);
    const close = replyData(await scenario.response(fake.sendCommand(BO.id, QUIZ_CHANNEL, "quiz close")));
    expect(embedText(close)).toContain("Only admins can do that.");
    expect(embedText(close)).toContain("Admins are members with the Manage Server permission.");
    const timezone = replyData(
      await scenario.response(
        fake.sendCommand(CY.id, QUIZ_CHANNEL, "settings timezone", { timezone: "Europe/Berlin" }),
      ),
    );
    expect(embedText(timezone)).toContain("Only admins can do that.");
    expect(store.quizzes.get(1)?.closedAt).toBeNull();
    const allowed = replyData(
      await scenario.response(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "settings timezone", { timezone: "europe/berlin" }),
      ),
    );
    expect(embedText(allowed)).toContain("Study days and quiz times now count in Europe/Berlin");
  });

  it("refuses a wrong token at start with a sentence naming DISCORD_TOKEN", async () => {
    const fake = await FakeDiscord.start();
    const testBot = makeServices(join(tempDir(), "studybot.db"), { platform: "discord" });
    try {
      const start = startDiscord(
        testBot.services,
        { token: "wrong", apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } },
        silentLogger,
      );
      await expect(start).rejects.toThrow(
        /^Discord refused the login \(An invalid token was provided\.\): check DISCORD_TOKEN/,
      );
      expect(fake.identifies).toBe(0);
    } finally {
      await fake.close();
      testBot.close();
    }
  });

  it("reports a mistyped option value with the grammar's own message", async () => {
    scenario = await discordScenario(tempDir());
    const reply = replyData(
      await scenario.response(scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { window: "90s" })),
    );
    expect(reply?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(reply)).toContain('Bad window "90s"');
    expect(scenario.fake.messagesIn(QUIZ_CHANNEL)).toEqual([]);
  });
});
