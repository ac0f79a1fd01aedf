import { afterEach, describe, expect, it } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_USER_ID } from "./fakeSlack.js";
import { findButton, type SlackBlock } from "./fake/model.js";
import {
  answerButton,
  ephemeralFor,
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
  replyTo,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";
import { RecordingLogger } from "../kit/recordingLogger.js";

describe("Slack: a channel quiz answered with buttons (HTTP mode)", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A quiz posted and closed, and ana's click on its results' Report card, which opened the form. */
  const reportFormOpenedByAna = async (bot: SlackTestBot) => {
    const { quiz, ts } = await postQuiz(bot);
    await bot.fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    await bot.fake.waitForCall("chat.update");
    await bot.fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, "Report card");
    return { quiz, ts, opened: await bot.fake.waitForCall("views.open") };
  };

  it("posts /study quiz now with letter buttons, records three people's first answers, and shows results on close", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts, posted, reply } = await postQuiz(t);

    expect(posted.args.channel).toBe(QUIZ_CHANNEL);
    expect(shownText(posted.args)).toContain(`Quiz #${quiz.id}`);
    const buttons = fake
      .message(QUIZ_CHANNEL, ts)
      .blocks.filter((b) => b.type === "actions")
      .flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => decodeAction(b.value ?? ""))).toEqual(
      [0, 1, 2, 3].map((choice) => ({ kind: "answer", quizId: quiz.id, nonce: quiz.nonce, choice })),
    );
    expect(reply.args).toMatchObject({ response_type: "ephemeral" });
    expect(shownText(reply.args)).toContain("Quiz posted");

    const right = quiz.correctIndex;
    const wrong = (right + 1) % 4;
    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(right));
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toContain("Right!");
    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(wrong));
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id)).args)).toContain("Not this one.");
    await fake.click(PEOPLE.cy.id, { channel: QUIZ_CHANNEL, ts }, answerButton(right));
    expect(shownText((await ephemeralFor(fake, PEOPLE.cy.id)).args)).toContain("Right!");
    // Ana changes her mind: the first answer is final.
    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(wrong));
    const again = await ephemeralFor(fake, PEOPLE.ana.id, 2);
    expect(shownText(again.args)).toContain("Already answered");
    expect(again.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.ana.id });
    expect(bot.store.quizzes.get(quiz.id)).toMatchObject({ answered: 3, correct: 2 });

    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    const update = await fake.waitForCall("chat.update");
    expect(update.args).toMatchObject({ channel: QUIZ_CHANNEL, ts });
    const results = shownText(update.args);
    expect(results).toContain("closed");
    expect(results).toContain("2 of 3 right");
    expect(results).toContain(`<@${PEOPLE.ana.id}>`); // first right answer
    // The answer buttons are gone; only the card's Report card button is left to click.
    expect(JSON.stringify(fake.message(QUIZ_CHANNEL, ts).blocks.filter((b) => b.type === "actions"))).toMatch(
      /^\[\{"type":"actions".*"text":"Report card".*"value":"sb1:r:q:[^"]*"\}\]\}\]$/,
    );
    // Marked once Slack has taken the update: the fake sees the call before the bot has its answer.
    const marked = await eventually(
      () => bot.store.quizzes.get(quiz.id)?.resultsPostedAt ?? undefined,
      "results marked",
    );
    expect(marked).not.toBeNull();

    // A click on the closed quiz is refused, privately.
    await fake.sendBlockAction({
      channel: QUIZ_CHANNEL,
      messageTs: ts,
      user: PEOPLE.ben.id,
      actionId: "studybot-0-0",
      value: buttons[0]?.value ?? "",
    });
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id, 2)).args)).toContain("This quiz is closed");
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(3);

    expect(fake.callsTo("chat.postMessage").every((call) => call.args.text)).toBe(true);
    expect(fake.calls.some((call) => call.method === "chat.postEphemeral" && call.args.user === BOT_USER_ID)).toBe(
      false,
    );
    expectAllMessagesWithinLimits(fake);
  });

  it("names people by their Slack display name on the leaderboard, posted in the channel without mentioning them; ignores letter reactions on a button quiz", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { quiz, ts } = await postQuiz(t);
    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    await ephemeralFor(fake, PEOPLE.ana.id);
    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton((quiz.correctIndex + 1) % 4));
    await ephemeralFor(fake, PEOPLE.ben.id);
    // On a button quiz a letter emoji is only an emoji.
    await fake.react(PEOPLE.cy.id, { channel: QUIZ_CHANNEL, ts }, "regional_indicator_a");

    await fake.sendCommand(PEOPLE.ben.id, QUIZ_CHANNEL, "leaderboard week");
    const board = await fake.waitForCall("chat.postMessage", 2);
    expect(board.args.channel).toBe(QUIZ_CHANNEL);
    const shown = shownText(board.args);
    expect(shown).toContain("Leaderboard");
    expect(shown).toMatch(/1\. Ana — 15 pts/);
    expect(shown).toMatch(/Ben — 0 pts.*← you/);
    expect(shown).not.toContain("<@");
    expect(t.bot.store.quizzes.get(quiz.id)?.answered).toBe(2);
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.cy.id)).toHaveLength(0);
    expectAllMessagesWithinLimits(fake);
  });

  it("shows a leaderboard through the response URL where the bot may not post", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    fake.failNext("chat.postMessage", "not_in_channel");
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, "C0ELSEWHERE", "leaderboard");
    const reply = await replyTo(fake, responseUrl);
    expect(reply.args.response_type).toBe("in_channel");
    expect(shownText(reply.args)).toContain("Leaderboard");
  });

  it("tells the admin how to invite the bot when Slack refuses the post, and keeps no quiz", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    fake.failNext("chat.postMessage", "not_in_channel");
    const { responseUrl } = await fake.sendCommand(PEOPLE.admin.id, "C0ELSEWHERE", "quiz now");
    const reply = await replyTo(fake, responseUrl);
    expect(reply.args.response_type).toBe("ephemeral");
    expect(shownText(reply.args)).toContain("/invite @studybot");
    expect(bot.store.quizzes.get(1)).toBeUndefined();
  });

  it("keeps results for a quiz whose message was deleted, without retrying forever", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    await ephemeralFor(fake, PEOPLE.ana.id);
    fake.failNext("chat.update", "message_not_found");
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    await fake.waitForCall("chat.update");
    const handled = await eventually(
      () => (bot.store.quizzes.get(quiz.id)?.resultsPostedAt ? bot.store.quizzes.get(quiz.id) : undefined),
      "results marked as handled",
    );
    // The results are kept although no message shows them, and the edit is not tried again.
    expect(handled).toMatchObject({ answered: 1, correct: 1, firstCorrectUserId: expect.any(Number) });
    expect(handled.closedAt).not.toBeNull();
    expect(fake.callsTo("chat.update")).toHaveLength(1);
  });

  it("Report card on the results opens a modal with views.open; view_submission is checked and stored once", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts, opened } = await reportFormOpenedByAna(t);
    expect(opened.args.trigger_id).toBeTruthy();
    const modal = opened.args.view as { callback_id: string; title: { text: string }; blocks: SlackBlock[] };
    expect(modal.title.text).toBe("Report this card");
    expect(modal.blocks.at(-1)).toMatchObject({
      type: "input",
      block_id: "reason",
      label: { text: "What is wrong with it?" },
      element: { type: "plain_text_input", action_id: "reason", multiline: true, max_length: 500 },
    });
    const front = bot.services.decks.files.get(quiz.deckId)?.cards.find((card) => card.id === quiz.cardId)?.front;
    expect(shownText(opened.args.view as Record<string, unknown>)).toContain(`${front}`);

    const tooLong = await fake.submitModal(opened, PEOPLE.ana.id, { reason: { reason: "x".repeat(501) } });
    expect(JSON.parse(tooLong.body)).toEqual({
      response_action: "errors",
      errors: { reason: "That reason has 501 characters: a reason has at most 500." },
    });
    expect(bot.store.db.prepare("SELECT COUNT(*) AS n FROM card_flags").get()).toEqual({ n: 0 });

    const submitted = await fake.submitModal(opened, PEOPLE.ana.id, { reason: { reason: "The back is outdated" } });
    expect(submitted.status).toBe(200);
    const thanks = await ephemeralFor(fake, PEOPLE.ana.id);
    expect(thanks.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.ana.id });
    expect(shownText(thanks.args)).toContain("Thank you: the admins will see your report");
    await fake.submitModal(opened, PEOPLE.ana.id, { reason: { reason: "The back is outdated, see the docs" } });
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id, 2)).args)).toContain("Your reason is updated");
    expect(bot.store.db.prepare("SELECT reason FROM card_flags").all()).toEqual([
      { reason: "The back is outdated, see the docs" },
    ]);

    // A forged value on the same message: refused privately, no form opened.
    const button = findButton(fake.message(QUIZ_CHANNEL, ts).blocks, "Report card");
    const forged = await fake.sendBlockAction({
      ...button,
      value: button.value.replace(/:[A-Za-z0-9]+$/, ":Forged99"),
      channel: QUIZ_CHANNEL,
      messageTs: ts,
      user: PEOPLE.ben.id,
    });
    const refusal = await eventually(
      () => fake.callsTo("response_url").find((call) => call.args.url === forged.responseUrl),
      "the refusal",
    );
    expect(shownText(refusal.args)).toContain("That Report card button is not one studybot knows");
    expect(fake.callsTo("views.open")).toHaveLength(1);

    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "deck flags");
    const flags = await eventually(
      () => fake.callsTo("response_url").find((call) => shownText(call.args).includes("Reported cards")),
      "the deck flags reply",
    );
    expect(shownText(flags.args)).toContain(`${quiz.deckId} ${quiz.cardId} · 1 report`);
  });

  it("refuses a report whose card went stale while its form was open, privately, logging no failure", async () => {
    const logger = new RecordingLogger();
    t = await startSlackBot(tempDir(), "http", { logger });
    const { fake, bot } = t;
    const { quiz, opened } = await reportFormOpenedByAna(t);
    // The quiz the form names is no longer the one its button was for (as after a restore from a backup).
    bot.store.db.prepare("UPDATE quizzes SET nonce = 'replaced' WHERE id = ?").run(quiz.id);

    await fake.submitModal(opened, PEOPLE.ana.id, { reason: { reason: "The back is outdated" } });
    const refusal = await ephemeralFor(fake, PEOPLE.ana.id);
    expect(shownText(refusal.args)).toContain(
      "That Report card button is not one studybot knows, or its card is gone.",
    );
    expect(bot.store.db.prepare("SELECT COUNT(*) AS n FROM card_flags").get()).toEqual({ n: 0 });
    expect(logger.entries.filter((entry) => entry.level === "error")).toEqual([]);
  });
});
