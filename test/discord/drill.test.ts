import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { smallDeck } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import type { StoredMessage } from "./fakeDiscord.js";
import {
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
} from "./harness.js";

describe("Discord: a private drill, updated in place, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  function button(message: StoredMessage, label: string): string {
    const found = buttonsOf(message).find((each) => each.label.startsWith(label));
    if (!found)
      throw new Error(
        `no "${label}" button in ${buttonsOf(message)
          .map((each) => each.label)
          .join(", ")}`,
      );
    return found.customId;
  }

  /** Clicks and waits until Discord has the message updated in place (callback type 7). */
  async function click(s: DiscordScenario, userId: string, message: StoredMessage, customId: string) {
    const record = s.fake.click(userId, message.id, customId);
    const response = await s.response(record);
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    return message;
  }

  it("flips a card, rates it, refuses a stale click, and stops, all in one ephemeral message", async () => {
    scenario = await discordScenario(tempDir());
    const drill = scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "drill", { count: 3 });
    const message = await scenario.replyOf(drill);
    expect(isEphemeral(message)).toBe(true);
    expect(scenario.fake.privateRepliesTo(BO.id)).toEqual([message]);
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 1 of 3");
    const showFirst = button(message, "Show answer");
    expect(buttonsOf(message).map((each) => each.label)).toEqual(["Show answer", "Stop"]);

    await click(scenario, BO.id, message, showFirst);
    expect(embedText(message)).toContain("**Answer**");
    expect(buttonsOf(message).map((each) => each.label.split(" · ")[0])).toEqual([
      "Again",
      "Hard",
      "Good",
      "Easy",
      "Stop",
    ]);

    await click(scenario, BO.id, message, button(message, "Good"));
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 2 of 3");
    expect(embedText(message)).toMatch(/rated Good · back in /);

    await click(scenario, BO.id, message, showFirst);
    expect(embedText(message)).toContain("**Already answered** That was for an earlier card; nothing changed.");
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 2 of 3");

    await click(scenario, BO.id, message, button(message, "Stop"));
    expect(embedOf(message).title).toBe("Drill stopped · Capitals (capitals)");
    expect(embedText(message)).toContain("Cards reviewed: 1");
    expect(buttonsOf(message)).toEqual([]);
    // Every step was the same message: nothing was posted in the channel.
    expect(scenario.fake.messagesIn(QUIZ_CHANNEL)).toEqual([]);

    const stats = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "stats"));
    expect(embedText(stats)).toContain("Cards learned: 1");
  });

  it("undoes the last rating from the next card, once, for its owner only", async () => {
    scenario = await discordScenario(tempDir());
    const message = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "drill", { count: 3 }));
    await click(scenario, BO.id, message, button(message, "Show answer"));
    await click(scenario, BO.id, message, button(message, "Good"));
    expect(buttonsOf(message).map((each) => each.label)).toEqual([
      "Show answer",
      "Undo last rating",
      "Stop",
      "Report card",
    ]);
    const undo = button(message, "Undo last rating");

    const foreign = await scenario.response(scenario.fake.click(CY.id, message.id, undo));
    expect(JSON.stringify(foreign)).toContain("Not your drill");
    const parts = undo.split(":");
    parts[3] = "Forged99";
    const forged = await scenario.response(scenario.fake.click(BO.id, message.id, parts.join(":")));
    expect(JSON.stringify(forged)).toContain("Unknown drill");
    const garbled = await scenario.response(scenario.fake.click(BO.id, message.id, undo.replace(/:u$/, ":z")));
    expect(JSON.stringify(garbled)).toContain("That button does not belong to anything studybot knows.");
    const reviews = scenario.store.db.prepare("SELECT COUNT(*) AS n FROM review_log");
    expect(reviews.get()).toEqual({ n: 1 });

    await click(scenario, BO.id, message, undo);
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 1 of 3");
    expect(embedText(message)).toContain("**Rating undone.**");
    expect(buttonsOf(message).map((each) => each.label.split(" · ")[0])).toEqual([
      "Again",
      "Hard",
      "Good",
      "Easy",
      "Stop",
    ]);
    await click(scenario, BO.id, message, undo);
    expect(embedText(message)).toContain("**Already answered**");
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 1 of 3");
    expect(reviews.get()).toEqual({ n: 0 });
  });

  it("asks for the term in a modal in type mode and grades what was typed", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const message = await scenario.replyOf(fake.sendCommand(CY.id, QUIZ_CHANNEL, "drill", { count: 2, mode: "type" }));
    const typeButton = button(message, "Type the term");
    const opened = fake.click(CY.id, message.id, typeButton);
    const modal = await scenario.response(opened);
    expect(modal.type).toBe(InteractionResponseType.Modal);
    if (modal.type !== InteractionResponseType.Modal) return;
    expect(modal.data.custom_id).toBe(typeButton);
    expect(modal.data.title).toBe("Type the term");

    const deck = smallDeck("capitals", 8);
    const card = deck.cards.find((each) => embedText(message).includes(each.back));
    if (!card) throw new Error("no card of the deck in the drill message");
    const submitted = fake.submitModal(
      CY.id,
      QUIZ_CHANNEL,
      modal.data.custom_id,
      { term: ` ${card.term?.toLowerCase()} ` },
      message.id,
    );
    expect((await scenario.response(submitted)).type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedText(message)).toContain(`✔ Right: **${card.term}**`);
    expect(embedOf(message).title).toBe("Drill · Capitals (capitals) · card 2 of 2");
    expect(message.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const forged = fake.submitModal(CY.id, QUIZ_CHANNEL, "sb1:a:1:abcdef12:0", { term: "x" }, message.id);
    const refusal = await scenario.response(forged);
    expect(refusal.type === InteractionResponseType.ChannelMessageWithSource && embedText(refusal.data)).toContain(
      "That form does not belong to anything studybot knows.",
    );
  });
});
