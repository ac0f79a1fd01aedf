import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import { plainInline } from "../../src/core/views.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { type Logger, MessageGoneError, PostRefusedError } from "../../src/services/ports.js";
import { answerReaction, type LetterReaction } from "../../src/services/reactionAnswer.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

function answerAs(bot: TestBot, userId: string, quizId: number, choice: number, channelId = "quiz-channel") {
  const { community, member } = enrolActor(bot.services, actor(userId, { channelId }));
  const quiz = bot.store.quizzes.get(quizId);
  return bot.services.quizzes.answer({ quizId, nonce: quiz?.nonce ?? "", community, channelId, member, choice });
}

async function postQuiz(bot: TestBot, line = "quiz now") {
  const reply = await handleCommand(bot.services, actor("admin", { isAdmin: true }), line);
  expect(reply.view.tone).toBe("success");
  const quiz = bot.store.quizzes.findOpenInChannel(
    enrolActor(bot.services, actor("admin")).community.id,
    "quiz-channel",
  );
  if (!quiz) throw new Error("no quiz posted");
  return quiz;
}

describe("channel quizzes", () => {
  const tempDir = useTempDir();
  const open = (options: { logger?: Logger } = {}) => openTestBot(join(tempDir(), "bot.db"), options);

  it("posts a question with four answer buttons whose ids decode to this quiz", async () => {
    const bot = open();
    const quiz = await postQuiz(bot);
    expect(bot.messenger.posts).toHaveLength(1);
    const posted = bot.messenger.posts[0];
    expect(posted?.channelId).toBe("quiz-channel");
    expect(quiz.messageId).toBe(posted?.messageId);
    const buttons = posted?.view.buttons.flat() ?? [];
    expect(buttons).toHaveLength(4);
    buttons.forEach((button, index) => {
      expect(button.action.length).toBeLessThanOrEqual(100);
      expect(decodeAction(button.action)).toEqual({
        kind: "answer",
        quizId: quiz.id,
        nonce: quiz.nonce,
        choice: index,
      });
    });
    expect(quiz.closesAt?.getTime()).toBe(bot.clock.now().getTime() + 60 * 60_000);
  });

  it("keeps the first answer of each person and scores right answers with the speed bonus", async () => {
    const bot = open();
    const quiz = await postQuiz(bot);
    const right = quiz.correctIndex;
    const wrong = (right + 1) % quiz.options.length;

    expect(answerAs(bot, "ana", quiz.id, right)).toMatchObject({ status: "recorded", correct: true, points: 15 });
    expect(answerAs(bot, "ana", quiz.id, wrong)).toEqual({ status: "already-answered", choice: right });
    expect(answerAs(bot, "ben", quiz.id, wrong)).toMatchObject({ status: "recorded", correct: false, points: 0 });
    expect(answerAs(bot, "ben", quiz.id, right)).toEqual({ status: "already-answered", choice: wrong });
    expect(answerAs(bot, "cy", quiz.id, right)).toMatchObject({ status: "recorded", correct: true, points: 14 });

    const stored = bot.store.quizzes.get(quiz.id);
    expect(stored).toMatchObject({ answered: 3, correct: 2 });
    // The totals follow once the clicks pause (AnswerSettlement), or at once when read.
    bot.services.settlement.settleAll();
    const community = enrolActor(bot.services, actor("ana")).community;
    expect(bot.store.stats.totals(community.id, "all", enrolActor(bot.services, actor("ana")).member.id)).toEqual({
      points: 15,
      answered: 1,
      correct: 1,
    });
  });

  it("counts one answer per person even from two connections to the same file", async () => {
    const file = join(tempDir(), "shared.db");
    const first = openTestBot(file);
    const second = openTestBot(file);
    second.services.messengers.set("test", first.messenger);
    const quiz = await postQuiz(first);
    const results = [
      answerAs(first, "ana", quiz.id, 0),
      answerAs(second, "ana", quiz.id, 1),
      answerAs(second, "ana", quiz.id, 2),
      answerAs(first, "ana", quiz.id, 3),
    ];
    expect(results.filter((r) => r.status === "recorded")).toHaveLength(1);
    expect(first.store.quizzes.get(quiz.id)?.answered).toBe(1);
    expect(first.store.answers.forQuiz(quiz.id)).toHaveLength(1);
  });

  it("rejects forged, stale and misplaced answers without recording anything", async () => {
    const bot = open();
    const quiz = await postQuiz(bot);
    const { community, member } = enrolActor(bot.services, actor("ana"));
    const base = { community, member, channelId: "quiz-channel", choice: 0 };
    expect(bot.services.quizzes.answer({ ...base, quizId: quiz.id, nonce: "WRONGnonce" })).toEqual({
      status: "not-found",
    });
    expect(bot.services.quizzes.answer({ ...base, quizId: quiz.id + 50, nonce: quiz.nonce })).toEqual({
      status: "not-found",
    });
    expect(bot.services.quizzes.answer({ ...base, quizId: quiz.id, nonce: quiz.nonce, choice: 9 })).toEqual({
      status: "not-found",
    });
    expect(answerAs(bot, "ana", quiz.id, 0, "other-channel")).toEqual({ status: "wrong-channel" });
    const elsewhere = enrolActor(bot.services, actor("ana", { communityId: "guild-2" }));
    expect(bot.services.quizzes.answer({ ...base, ...elsewhere, quizId: quiz.id, nonce: quiz.nonce })).toEqual({
      status: "not-found",
    });
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(0);
  });

  it("closes at the end of its window: late answers are refused and results are published once", async () => {
    const bot = open();
    const quiz = await postQuiz(bot, "quiz now 30m");
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    bot.clock.advance(31 * 60_000);
    expect(answerAs(bot, "ben", quiz.id, 0)).toEqual({ status: "closed", closedAt: quiz.closesAt });
    expect(await bot.services.quizzes.closeDue()).toBe(1);
    expect(await bot.services.quizzes.closeDue()).toBe(0);
    expect(bot.messenger.edits).toHaveLength(1);
    const result = bot.messenger.edits[0]?.view;
    expect(result?.title).toContain("closed");
    const [answers, report] = result?.buttons ?? [];
    expect(answers?.every((b) => b.disabled)).toBe(true);
    expect(report?.map((b) => [b.label, b.disabled ?? false])).toEqual([["Report card", false]]);
    const fields = result?.blocks.find((b) => b.type === "fields");
    expect(fields && fields.type === "fields" && plainInline(fields.fields[0]?.value ?? [])).toBe(
      "1 of 1 right (100%)",
    );
    expect(bot.store.quizzes.get(quiz.id)?.closedAt).toEqual(quiz.closesAt);
  });

  it("leaves quizzes of a platform this process is not connected to for the process that is", async () => {
    const file = join(tempDir(), "two-platforms.db");
    const bot = openTestBot(file);
    const quiz = await postQuiz(bot, "quiz now 5m");
    const other = openTestBot(file, { platform: "another-platform" });
    other.clock.advance(10 * 60_000);
    expect(await other.services.quizzes.closeDue()).toBe(0);
    expect(other.store.quizzes.get(quiz.id)?.closedAt).toBeNull();
    bot.clock.advance(10 * 60_000);
    expect(await bot.services.quizzes.closeDue()).toBe(1);
  });

  it("closes the open quiz of a channel when the next one is posted", async () => {
    const bot = open();
    const first = await postQuiz(bot);
    const second = await postQuiz(bot);
    expect(second.id).not.toBe(first.id);
    expect(bot.store.quizzes.get(first.id)?.closedAt).not.toBeNull();
    expect(bot.messenger.edits.map((e) => e.messageId)).toEqual([first.messageId]);
  });

  it("forgets a quiz the platform refused to post and tells why", async () => {
    const bot = open();
    bot.messenger.failNextPost = new PostRefusedError("I may not post in #quiz: grant Send Messages.");
    const reply = await handleCommand(bot.services, actor("admin"), "quiz now");
    expect(reply.view.tone).toBe("error");
    expect(plainInline(reply.view.blocks[0]?.type === "text" ? reply.view.blocks[0].text : [])).toContain(
      "Send Messages",
    );
    const community = enrolActor(bot.services, actor("admin")).community;
    expect(bot.store.quizzes.findOpenInChannel(community.id, "quiz-channel")).toBeUndefined();
  });

  it("retries publishing results after a failed edit, and gives up on a deleted message", async () => {
    const bot = open();
    const quiz = await postQuiz(bot);
    bot.messenger.failNextEdit = new Error("503 from the platform");
    await bot.services.quizzes.close(quiz);
    expect(bot.store.quizzes.get(quiz.id)?.resultsPostedAt).toBeNull();
    await bot.services.quizzes.publishPendingResults();
    expect(bot.messenger.edits).toHaveLength(0);
    bot.clock.advance(60_000);
    await bot.services.quizzes.publishPendingResults();
    expect(bot.messenger.edits).toHaveLength(1);
    expect(bot.store.quizzes.get(quiz.id)?.resultsPostedAt).not.toBeNull();

    const next = await postQuiz(bot);
    bot.messenger.failNextEdit = new MessageGoneError("deleted");
    await bot.services.quizzes.close(next);
    expect(bot.store.quizzes.get(next.id)?.resultsPostedAt).not.toBeNull();
  });

  it("retries publishing results ever more rarely, and gives up after the 10th failure with one error line", async () => {
    const logged: string[] = [];
    const record = (level: string) => (_: object, msg?: string) => logged.push(`${level}: ${msg}`);
    const bot = open({ logger: { info: record("info"), warn: record("warn"), error: record("error") } });
    const quiz = await postQuiz(bot);
    const triedAt: number[] = [];
    const start = bot.clock.now().getTime();
    bot.messenger.edit = async () => {
      triedAt.push((bot.clock.now().getTime() - start) / 60_000);
      throw new Error("SQLITE_CORRUPT: database disk image is malformed");
    };
    await bot.services.quizzes.close(quiz);
    // The scheduler's housekeeping asks every minute, for a day.
    for (let minute = 1; minute <= 24 * 60; minute++) {
      bot.clock.advance(60_000);
      await bot.services.quizzes.publishPendingResults();
    }
    expect(triedAt).toEqual([0, 1, 3, 7, 15, 31, 63, 123, 183, 243]);
    expect(logged.filter((line) => line.startsWith("error"))).toEqual([
      "error: could not publish quiz results; gave up",
    ]);
    expect(logged.filter((line) => line.endsWith("will retry"))).toHaveLength(9);
    expect(bot.store.quizzes.get(quiz.id)?.resultsPostedAt).not.toBeNull();
  });

  it("asks every card once before repeating one (rotation)", async () => {
    const bot = open();
    const asked: string[] = [];
    for (let i = 0; i < 12; i++) asked.push((await postQuiz(bot)).cardId);
    expect(new Set(asked.slice(0, 6)).size).toBe(6);
    expect(new Set(asked.slice(6, 12)).size).toBe(6);
  });

  it("takes reaction answers only on reaction-mode quizzes, in their channel, asking the name only then", async () => {
    const bot = open();
    const buttons = await postQuiz(bot);
    const reactions = await postQuiz(bot, "quiz now reactions");
    const namesAsked: string[] = [];
    const react = (messageId: string | null, overrides: Partial<LetterReaction> = {}) =>
      answerReaction(bot.services, {
        platform: "test",
        communityId: "guild-1",
        channelId: "quiz-channel",
        messageId: messageId ?? "",
        userId: "ana",
        choice: 0,
        userName: async () => {
          namesAsked.push("ana");
          return "Ana";
        },
        ...overrides,
      });
    expect(await react(buttons.messageId)).toBeUndefined();
    expect(await react("no-such-message")).toBeUndefined();
    expect(await react(reactions.messageId, { channelId: "elsewhere" })).toBeUndefined();
    expect(await react(reactions.messageId, { communityId: "guild-2" })).toBeUndefined();
    expect(await react(reactions.messageId, { platform: "slack" })).toBeUndefined();
    expect(await react(reactions.messageId, { choice: reactions.options.length })).toBeUndefined();
    expect(namesAsked).toEqual([]);
    expect(bot.store.users.findByExternalId(buttons.communityId, "ana")).toBeUndefined();

    const answer = await react(reactions.messageId);
    expect(answer?.outcome).toMatchObject({ status: "recorded", choice: 0 });
    expect(namesAsked).toEqual(["ana"]);
    expect(bot.store.users.findByExternalId(reactions.communityId, "ana")?.name).toBe("Ana");
    expect(bot.store.answers.forQuiz(buttons.id)).toHaveLength(0);
  });

  it("keeps points and streaks across a restart on the same file", async () => {
    const file = join(tempDir(), "restart.db");
    const bot = openTestBot(file);
    const quiz = await postQuiz(bot);
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    bot.close();

    const again = openTestBot(file, { start: "2026-11-02T10:00:00Z" });
    // As every start does (app.ts): what the last run left unsettled is written first.
    again.services.settlement.settleAll();
    const { community, member } = enrolActor(again.services, actor("ana"));
    expect(again.store.stats.totals(community.id, "all", member.id).points).toBe(15);
    expect(again.store.stats.streak(member.id)).toMatchObject({ current: 1, best: 1, lastDay: "2026-11-02" });
  });
});
