import { afterEach, describe, expect, it } from "vitest";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_USER_ID } from "./fakeSlack.js";
import {
  ephemeralFor,
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

const LETTERS = ["a", "b", "c", "d"];

describe("Slack: a channel quiz answered with reactions", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("offers A–D as reactions, counts each person's first letter, and reconciles missed reactions at close", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t, "quiz now reactions");
    const at = { channel: QUIZ_CHANNEL, ts };
    await eventually(() => fake.callsTo("reactions.add").length === 4, "four letter reactions");
    expect(fake.callsTo("reactions.add").map((call) => call.args)).toEqual(
      LETTERS.map((letter) => ({ channel: QUIZ_CHANNEL, timestamp: ts, name: `regional_indicator_${letter}` })),
    );
    expect(fake.message(QUIZ_CHANNEL, ts).blocks.some((b) => b.type === "actions")).toBe(false);
    expect(shownText(fake.callsTo("chat.postMessage")[0]?.args ?? {})).toMatch(/\*A\* .*\n\*B\* /);

    const right = quiz.correctIndex;
    const wrong = (right + 1) % 4;
    await fake.react(PEOPLE.ana.id, at, `regional_indicator_${LETTERS[right]}`);
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toContain("Right!");
    // A second letter from Ana does not change her answer.
    await fake.react(PEOPLE.ana.id, at, `regional_indicator_${LETTERS[wrong]}`);
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id, 2)).args)).toContain("Already answered");
    // Any letter emoji counts, not only the one the bot offered.
    await fake.react(PEOPLE.ben.id, at, `alphabet-white-${LETTERS[wrong]}`);
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id)).args)).toContain("Not this one.");
    // Other emoji, and the bot's own letters, are not answers.
    await fake.react(PEOPLE.cy.id, at, "tada");
    await fake.react(BOT_USER_ID, at, "regional_indicator_a");
    // Cy's letter never arrives as an event (the bot was offline); it is found at close.
    await fake.react(PEOPLE.cy.id, at, `regional_indicator_${LETTERS[right]}`, { deliver: false });
    expect(bot.store.quizzes.get(quiz.id)).toMatchObject({ answered: 2, correct: 1 });

    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    const update = await fake.waitForCall("chat.update");
    expect(fake.callsTo("reactions.get")[0]?.args).toMatchObject({
      channel: QUIZ_CHANNEL,
      timestamp: ts,
      full: "true",
    }); // a form post;
    expect(bot.store.quizzes.get(quiz.id)).toMatchObject({ answered: 3, correct: 2 });
    expect(shownText(update.args)).toContain("2 of 3 right");
    const cy = bot.store.users.findByExternalId(quiz.communityId, PEOPLE.cy.id);
    expect(cy?.name).toBe("Cy");
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.cy.id)).toHaveLength(0);
    expectAllMessagesWithinLimits(fake);
  });

  it("falls back to another letter emoji set when the workspace lacks the regional indicators", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    fake.failNext("reactions.add", "invalid_name");
    await postQuiz(t, "quiz now reactions");
    await eventually(() => fake.callsTo("reactions.add").length === 5, "the retried letters");
    expect(fake.callsTo("reactions.add").map((call) => call.args.name)).toEqual([
      "regional_indicator_a",
      "alphabet-white-a",
      "alphabet-white-b",
      "alphabet-white-c",
      "alphabet-white-d",
    ]);
  });

  it("ignores letter reactions on messages that are not quizzes", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t, "quiz now reactions");
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "leaderboard");
    await fake.waitForCall("chat.postMessage", 2);
    const board = [...fake.messages.values()].at(-1);
    if (!board || board.ts === ts) throw new Error("leaderboard not posted");
    await fake.react(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts: board.ts }, "regional_indicator_a");
    await fake.react(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, "regional_indicator_a");
    await ephemeralFor(fake, PEOPLE.ben.id);
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.ana.id)).toHaveLength(0);
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(1);
  });

  it("looks nobody up, writes nothing and sends nothing when a stranger reacts with a letter off a reaction quiz", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const reactionQuiz = await postQuiz(t, "quiz now reactions");
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    await fake.waitForCall("chat.update");
    const buttonQuiz = await postQuiz(t, "quiz now");
    const boardPosts = fake.callsTo("chat.postMessage").length + 1;
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "leaderboard");
    await fake.waitForCall("chat.postMessage", boardPosts);
    const board = [...fake.messages.values()].at(-1);
    if (!board || board.ts === buttonQuiz.ts) throw new Error("leaderboard not posted");
    const rowsBefore = rowCounts(bot.store);
    const callsBefore = fake.calls.length;

    await fake.react(PEOPLE.cy.id, { channel: QUIZ_CHANNEL, ts: buttonQuiz.ts }, "regional_indicator_a");
    await fake.react(PEOPLE.cy.id, { channel: QUIZ_CHANNEL, ts: board.ts }, "alphabet-white-b");
    // After Cy's: Ana, already a member (her name cached), on the closed reaction quiz, which changes no row either.
    await fake.react(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts: reactionQuiz.ts }, "regional_indicator_a");
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toMatch(/closed/i);
    expect(fake.calls.slice(callsBefore).map((call) => [call.method, call.args.user])).toEqual([
      ["chat.postEphemeral", PEOPLE.ana.id],
    ]);
    expect(fake.callsTo("users.info").filter((call) => call.args.user === PEOPLE.cy.id)).toEqual([]);
    expect(rowCounts(bot.store)).toEqual(rowsBefore);
  });
});
