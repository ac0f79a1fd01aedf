import { afterEach, describe, expect, it } from "vitest";
import { letterEmoji } from "../../src/platforms/discord/render.js";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_USER } from "./fakeDiscord.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  DEE,
  type DiscordScenario,
  discordScenario,
  embedText,
  QUIZ_CHANNEL,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Discord: a quiz answered with reactions, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("offers letter reactions, counts each member's first letter, ignores its own, and at close counts reactions it missed while offline", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store, log } = scenario;
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { mode: "reactions" }));
    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    expect(buttonsOf(message)).toEqual([]);
    expect(embedText(message)).toMatch(/\*\*A\*\* .*\n\*\*B\*\* .*\n\*\*C\*\* .*\n\*\*D\*\* /);
    expect(embedText(message)).toContain("react with a letter");
    expect([...message.reactions]).toEqual(["🇦", "🇧", "🇨", "🇩"].map((emoji) => [emoji, [BOT_USER.id]]));

    const quiz = store.quizzes.get(1);
    const right = quiz?.correctIndex ?? 0;
    const wrong = (right + 1) % 4;
    const answersOf = () =>
      new Map(store.answers.forQuiz(1).map((answer) => [store.users.get(answer.userId)?.externalId, answer.choice]));
    const outcomes = () =>
      log.entries
        .filter((entry) => entry.msg === "reaction answer")
        .map((entry) => (entry.obj as { outcome: string }).outcome);

    fake.react(BO.id, message.id, letterEmoji(right));
    fake.react(BO.id, message.id, letterEmoji(wrong));
    fake.react(CY.id, message.id, "👍");
    await eventually(() => outcomes().length === 2, "both of bo's reactions to be handled");
    expect(outcomes()).toEqual(["recorded", "already-answered"]);
    expect(answersOf()).toEqual(new Map([[BO.id, right]]));

    await scenario.stopBot();
    fake.react(CY.id, message.id, letterEmoji(wrong));
    fake.react(DEE.id, message.id, letterEmoji(right));
    await scenario.startBot();
    // After the restart the message is not in discord.js' cache: the event arrives as a partial.
    fake.react(ANA.id, message.id, letterEmoji(right));
    await eventually(() => answersOf().has(ANA.id), "ana's reaction on the uncached message");
    expect(answersOf().has(CY.id)).toBe(false);
    // Her server nickname, from the member the reaction event carries (members are not kept in discord.js' cache).
    expect(scenario.member(ANA.id)?.name).toBe(ANA.nick);

    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
    const results = await eventually(() => (message.editedAt ? message : undefined), "the results edit");
    expect(answersOf()).toEqual(
      new Map([
        [BO.id, right],
        [ANA.id, right],
        [CY.id, wrong],
        [DEE.id, right],
      ]),
    );
    expect(embedText(results)).toContain("Answers: 3 of 4 right (75%)");
    expect(embedText(results)).toContain(`First right: <@${BO.id}>`);
    expect(
      fake.callsTo("GET", "/channels/:channel/messages/:message/reactions/:emoji").map((call) => call.path),
    ).toHaveLength(4);
    expect(scenario.member(BOT_USER.id)).toBeUndefined();
    expect(fake.unknownRoutes).toEqual([]);
  });

  it("treats letter reactions on other messages as plain reactions", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, log } = scenario;
    const board = fake.sendCommand(BO.id, QUIZ_CHANNEL, "leaderboard");
    const reply = await scenario.replyOf(board);
    fake.react(CY.id, reply.id, letterEmoji(0));
    await scenario.response(fake.sendCommand(BO.id, QUIZ_CHANNEL, "help"));
    expect(log.entries.filter((entry) => entry.msg === "reaction answer")).toEqual([]);
    expect(scenario.member(BO.id)).toBeDefined();
    expect(scenario.member(CY.id)).toBeUndefined();
  });

  it("writes and sends nothing when a stranger reacts with a letter on a button quiz or any other message", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, log, store } = scenario;
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { mode: "reactions" }));
    const [reactionQuiz] = fake.messagesIn(QUIZ_CHANNEL);
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const buttonQuiz = fake.messagesIn(QUIZ_CHANNEL).at(-1);
    const board = await scenario.replyOf(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "leaderboard"));
    if (!reactionQuiz || !buttonQuiz || buttonQuiz === reactionQuiz) throw new Error("quizzes not posted");
    const rowsBefore = rowCounts(store);
    const sentBefore = fake.calls.filter((call) => call.method !== "GET").length;

    fake.react(CY.id, buttonQuiz.id, letterEmoji(0));
    fake.react(CY.id, board.id, letterEmoji(1));
    // Handled after Cy's: Ana, already a member, on the closed reaction quiz, which changes no row either.
    fake.react(ANA.id, reactionQuiz.id, letterEmoji(0));
    await eventually(
      () => log.entries.some((entry) => entry.msg === "reaction answer"),
      "ana's reaction on the closed quiz",
    );
    expect(log.entries.filter((entry) => entry.msg === "reaction answer").map((entry) => entry.obj)).toEqual([
      { messageId: reactionQuiz.id, userId: ANA.id, outcome: "closed" },
    ]);
    expect(rowCounts(store)).toEqual(rowsBefore);
    expect(scenario.member(CY.id)).toBeUndefined();
    expect(fake.calls.filter((call) => call.method !== "GET")).toHaveLength(sentBefore);
  });
});
