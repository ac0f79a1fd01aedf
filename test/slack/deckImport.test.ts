import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { TEAM } from "./fakeSlack.js";
import {
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
  replyTo,
} from "./harness.js";

const PASTE = "front,back\nperro,dog\ngato,cat\ncasa,house\nmesa,table\n";

describe("Slack: deck import from the chat", () => {
  const tempDir = useTempDir("studybot-slack-decks-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("an admin pastes a deck in the modal; it becomes quizzable in that workspace only", async () => {
    t = await startSlackBot(tempDir(), "socket");
    const { fake, bot } = t;
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "deck import");
    const opened = await fake.waitForCall("views.open");
    const modal = opened.args.view as {
      title: { text: string };
      blocks: { block_id?: string; element?: { max_length?: number } }[];
    };
    expect(modal.title.text).toBe("Import a deck");
    expect(modal.blocks.map((block) => block.block_id)).toEqual(["title", "cards"]);
    expect(modal.blocks[1]?.element?.max_length).toBe(4000);

    expect(
      (await fake.submitModal(opened, PEOPLE.admin.id, { title: { title: "Spanish 1" }, cards: { cards: PASTE } }))
        .status,
    ).toBe(200);
    const answer = await fake.waitForCall("chat.postEphemeral");
    expect(answer.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.admin.id });
    expect(shownText(answer.args)).toContain("Deck added · spanish-1");
    expect(shownText(answer.args)).toContain("Read 4 cards as csv");

    const { quiz } = await postQuiz(t, "quiz now spanish-1");
    expect(quiz.deckId).toBe("spanish-1");
    const community = slackCommunity(bot);
    expect(bot.services.decksFor(community).has("spanish-1")).toBe(true);
    const otherWorkspace = bot.services.store.communities.ensure("slack", `${TEAM.id}-other`, "", "UTC", new Date());
    expect(bot.services.decksFor(otherWorkspace).has("spanish-1")).toBe(false);
    expectAllMessagesWithinLimits(fake);
  });

  it("refuses the form to members, and a forged submission from a member imports nothing", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "deck import");
    const refused = await replyTo(fake, responseUrl);
    expect(shownText(refused.args)).toContain("Only admins can do that.");
    expect(fake.callsTo("views.open")).toHaveLength(0);

    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "deck import");
    const opened = await fake.waitForCall("views.open");
    await fake.submitModal(opened, PEOPLE.ana.id, { title: { title: "Sneaky" }, cards: { cards: PASTE } });
    const answer = await fake.waitForCall("chat.postEphemeral");
    expect(answer.args.user).toBe(PEOPLE.ana.id);
    expect(shownText(answer.args)).toContain("Only admins can do that.");
    expect(bot.store.communityDecks.count(slackCommunity(bot).id)).toBe(0);
  });

  it("a paste that makes no deck is answered with why", async () => {
    t = await startSlackBot(tempDir(), "socket");
    const { fake } = t;
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "deck import");
    const opened = await fake.waitForCall("views.open");
    await fake.submitModal(opened, PEOPLE.admin.id, { title: { title: "Words" }, cards: { cards: "just\nwords\n" } });
    const answer = await fake.waitForCall("chat.postEphemeral");
    expect(shownText(answer.args)).toContain("No deck was imported");
    expect(shownText(answer.args)).toContain("no row has a tab between front and back");
  });
});
