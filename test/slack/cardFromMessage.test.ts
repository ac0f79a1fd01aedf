import { afterEach, describe, expect, it } from "vitest";
import { MAKE_CARD_CALLBACK } from "../../src/platforms/slack/cardFromMessage.js";
import { useTempDir } from "../kit/tempDir.js";
import { PEOPLE, QUIZ_CHANNEL, type SlackTestBot, shownText, slackCommunity, startSlackBot } from "./harness.js";

const SAID = { channel: QUIZ_CHANNEL, author: "U0ANA", text: "Firecracker boots a microVM in about 125 ms." };

describe("Slack: Make a flashcard from a message", () => {
  const tempDir = useTempDir("studybot-slack-card-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const ownDecks = (bot: SlackTestBot["bot"]) => bot.services.store.communityDecks.list(slackCommunity(bot).id);

  it("opens a modal with the message as the back; the admin's front is saved as a card", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    await fake.messageShortcut(PEOPLE.admin.id, SAID, MAKE_CARD_CALLBACK);
    const opened = await fake.waitForCall("views.open");
    const modal = opened.args.view as { blocks: { block_id: string; element: { initial_value?: string } }[] };
    expect(modal.blocks.map((block) => [block.block_id, block.element.initial_value])).toEqual([
      ["front", undefined],
      ["back", SAID.text],
      ["deckId", "saved-from-chat"],
    ]);

    const submitted = await fake.submitModal(opened, PEOPLE.admin.id, {
      front: { front: "How fast does Firecracker boot?" },
      back: { back: SAID.text },
      deckId: { deckId: "saved-from-chat" },
    });
    expect(submitted.status).toBe(200);
    const answer = await fake.waitForCall("chat.postEphemeral");
    expect(answer.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.admin.id });
    expect(shownText(answer.args)).toContain("now has 1 cards");
    expect(ownDecks(bot).map((own) => own.deck.cards.map((card) => card.front))).toEqual([
      ["How fast does Firecracker boot?"],
    ]);
  });

  it("keeps the modal open with the box to fix named, and saves nothing", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    await fake.messageShortcut(PEOPLE.admin.id, SAID, MAKE_CARD_CALLBACK);
    const opened = await fake.waitForCall("views.open");
    const submitted = await fake.submitModal(opened, PEOPLE.admin.id, {
      front: { front: "   " },
      back: { back: SAID.text },
      deckId: { deckId: "saved-from-chat" },
    });
    expect(JSON.parse(submitted.body)).toEqual({
      response_action: "errors",
      errors: { front: "The front is empty: write the question or term the card asks." },
    });
    expect(ownDecks(bot)).toEqual([]);
  });

  it("thanks a member without opening a form", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    await fake.messageShortcut(PEOPLE.ana.id, SAID, MAKE_CARD_CALLBACK);
    const answer = await fake.waitForCall("chat.postEphemeral");
    expect(shownText(answer.args)).toMatch(/Only admins can add cards/);
    expect(fake.callsTo("views.open")).toEqual([]);
    expect(ownDecks(bot)).toEqual([]);
  });
});
