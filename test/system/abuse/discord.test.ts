import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import type { Deck } from "../../../src/core/deck.js";
import type { StoredMessage } from "../../discord/fakeDiscord.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  DEE,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  OTHER_CHANNEL,
  QUIZ_CHANNEL,
  replyData,
} from "../../discord/harness.js";
import { useTempDir } from "../../kit/tempDir.js";

const ANOTHER_SERVER = "1200000000000000099";

/** Deck text written to ping: everyone, a role, a user, a channel; and to break the embed's markdown. */
const pingingDeck: Deck = {
  id: "pings",
  title: "@everyone <@&1300000000000000777> study night",
  description: "",
  cards: [
    "@everyone",
    "@here",
    "<@&1300000000000000777>",
    "<@1400000000000000011>",
    "<#1300000000000000001>",
    "**bold** ~~x~~ ||spoiler||",
  ].map((text, i) => ({
    id: `card-${i}`,
    front: `Who gets pinged by ${text}?`,
    back: `Nobody: ${text} \`code\` [link](https://example.com)`,
    term: `term ${i} ${text}`.slice(0, 80),
    tags: ["pings"],
  })),
};

describe("Discord: nobody acts for another, nobody is pinged", () => {
  const tempDir = useTempDir("studybot-abuse-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  async function postQuiz(s: DiscordScenario): Promise<StoredMessage> {
    await s.response(s.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const [message] = s.fake.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    return message;
  }

  it("records a click for the one who clicked, and refuses a quiz button sent from another channel or server", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store } = scenario;
    const quiz = await postQuiz(scenario);
    const [first, second] = buttonsOf(quiz);

    const own = replyData(await scenario.response(fake.click(BO.id, quiz.id, first?.customId ?? "")));
    expect(own?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedOf(own).title).toBe("Locked in: A");
    const fromOtherChannel = replyData(
      await scenario.response(fake.click(CY.id, quiz.id, second?.customId ?? "", { channelId: OTHER_CHANNEL })),
    );
    expect(embedText(fromOtherChannel)).toContain("That button belongs to a quiz in another channel.");
    const fromOtherServer = replyData(
      await scenario.response(fake.click(DEE.id, quiz.id, second?.customId ?? "", { guildId: ANOTHER_SERVER })),
    );
    expect(embedText(fromOtherServer)).toContain("does not belong to a quiz this bot posted");

    const answers = store.answers.forQuiz(1);
    expect(answers.map((answer) => [store.users.get(answer.userId)?.externalId, answer.choice])).toEqual([[BO.id, 0]]);
    expect(store.quizzes.get(1)).toMatchObject({ answered: 1 });
    // The quiz message itself is as posted: no click changed it.
    expect(fake.messages.get(quiz.id)?.editedAt).toBeUndefined();
  });

  it("refuses a drill button of another member, wherever it is clicked, and changes neither their drill nor the message", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store } = scenario;
    const quiz = await postQuiz(scenario);
    const boDrill = await scenario.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "drill", { count: 3 }));
    const show = buttonsOf(boDrill).find((button) => button.label === "Show answer")?.customId ?? "";
    await scenario.response(fake.click(BO.id, boDrill.id, show));
    const good = buttonsOf(boDrill).find((button) => button.label.startsWith("Good"))?.customId ?? "";
    const boBefore = JSON.stringify(fake.messages.get(boDrill.id));

    // CY replays BO's button on the public quiz message: a private refusal, the quiz message untouched.
    const onQuiz = await scenario.response(fake.click(CY.id, quiz.id, good));
    expect(onQuiz.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(replyData(onQuiz)?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(replyData(onQuiz))).toMatch(/not yours|someone else/i);
    expect(fake.messages.get(quiz.id)?.editedAt).toBeUndefined();

    // …and on CY's own drill message: CY's message says no, BO's drill is where it was.
    const cyDrill = await scenario.replyOf(fake.sendCommand(CY.id, QUIZ_CHANNEL, "drill", { count: 3 }));
    const onOwn = await scenario.response(fake.click(CY.id, cyDrill.id, good));
    expect(onOwn.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedText(fake.messages.get(cyDrill.id))).toMatch(/not yours|someone else/i);

    expect(JSON.stringify(fake.messages.get(boDrill.id))).toBe(boBefore);
    const boSession = store.drills.openSession(scenario.member(BO.id)?.id ?? 0);
    expect(boSession).toMatchObject({ position: 0, answerShown: true });
    expect(store.drills.ratingsInSession(boSession?.id ?? 0)).toEqual({ again: 0, hard: 0, good: 0, easy: 0 });
    // BO can still rate their own card.
    expect((await scenario.response(fake.click(BO.id, boDrill.id, good))).type).toBe(
      InteractionResponseType.UpdateMessage,
    );
    expect(store.drills.ratingsInSession(boSession?.id ?? 0).good).toBe(1);
  });

  it("never pings from deck text or member names: escaped text, mentions only in embeds, allowed_mentions parse []", async () => {
    scenario = await discordScenario(tempDir(), { decks: [pingingDeck] });
    const { fake } = scenario;
    const mallory = fake.addMember({
      id: "1400000000000000066",
      username: "mallory",
      nick: "@everyone <@&1300000000000000777> **boss**",
    });
    const quiz = await postQuiz(scenario);
    await scenario.response(fake.click(mallory.id, quiz.id, buttonsOf(quiz)[0]?.customId ?? ""));
    await scenario.response(fake.click(BO.id, quiz.id, buttonsOf(quiz)[1]?.customId ?? ""));
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
    await scenario.response(fake.sendCommand(mallory.id, QUIZ_CHANNEL, "leaderboard"));
    await scenario.replyOf(fake.sendCommand(mallory.id, QUIZ_CHANNEL, "drill", { count: 2 }));

    const written = [...fake.messages.values()];
    expect(written.length).toBeGreaterThan(4);
    for (const message of written) {
      // Discord pings only whom allowed_mentions lists: never everyone or a role, and no user from text.
      expect(message.allowedMentions).toMatchObject({ parse: [] });
      const { users = [], roles = [] } = message.allowedMentions as { users?: string[]; roles?: string[] };
      expect(roles).toEqual([]);
      for (const user of users) expect([mallory.id, BO.id, ANA.id]).toContain(user);
      const shown = JSON.stringify(message.embeds);
      expect(shown).not.toMatch(/(?<!\\)<@&|(?<!\\)<#|@everyone|@here/);
    }
    // Members appear as mentions by id inside embeds, which never notify: a name is never text to parse.
    const results = embedText(fake.messages.get(quiz.id));
    expect(results).toContain(`<@${mallory.id}>`);
    expect(results).not.toContain("boss");
    for (const message of written) expect(message.content).toBe("");
  });
});
