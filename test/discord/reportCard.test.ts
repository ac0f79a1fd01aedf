import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedText,
  QUIZ_CHANNEL,
  replyData,
} from "./harness.js";

describe("Discord: Report card, from a closed quiz to the admins' deck flags", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("opens a modal, stores the reason once per member, confirms privately and refuses forgeries", async () => {
    const running = await discordScenario(tempDir());
    scenario = running;
    const { fake, store } = running;
    await running.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { deck: "capitals" }));
    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    expect(buttonsOf(message).some((button) => button.label === "Report card")).toBe(false);
    await running.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
    await eventually(() => message.editedAt, "the results edit");
    const report = buttonsOf(message).find((button) => button.label === "Report card");
    if (!report) throw new Error("no Report card button on the results");
    expect(report.customId).toMatch(/^sb1:r:q:1:[A-Za-z0-9]+$/);

    const modal = await running.response(fake.click(BO.id, message.id, report.customId));
    if (modal.type !== InteractionResponseType.Modal) throw new Error(`expected a modal, got ${modal.type}`);
    expect(modal.data.custom_id).toBe(report.customId);
    expect(modal.data.title).toBe("Report this card");
    const quiz = store.quizzes.get(1);
    const card = running.services.decks.files.get("capitals")?.cards.find((each) => each.id === quiz?.cardId);
    expect(JSON.stringify(modal.data.components)).toContain(`"description":"${card?.front}"`);
    expect(modal.data.components).toMatchObject([
      { type: 18, label: "What is wrong with it?", component: { type: 4, style: 2, max_length: 500, required: true } },
    ]);

    const submit = (userId: string, reason: string, customId = report.customId) =>
      running.response(fake.submitModal(userId, QUIZ_CHANNEL, customId, { reason }, message.id));
    const thanks = await submit(BO.id, "The capital is spelled wrong");
    const thanked = replyData(thanks);
    expect(thanked.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(thanked)).toContain(`Thank you: the admins will see your report on **${card?.front}**.`);
    expect(embedText(replyData(await submit(BO.id, "Actually the back is wrong")))).toContain("Your reason is updated");
    await submit(CY.id, "typo");
    const tooLong = await submit(CY.id, "x".repeat(501));
    expect(embedText(replyData(tooLong))).toContain("a reason has at most 500");

    const forged = report.customId.replace(/:[A-Za-z0-9]+$/, ":Forged99");
    const forgedClick = replyData(await running.response(fake.click(BO.id, message.id, forged)));
    expect(forgedClick.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(forgedClick)).toContain("That Report card button is not one studybot knows");
    expect(embedText(replyData(await submit(BO.id, "forged", forged)))).toContain(
      "That Report card button is not one studybot knows",
    );

    const rows = store.db.prepare("SELECT reason FROM card_flags ORDER BY reason").all();
    expect(rows).toEqual([{ reason: "Actually the back is wrong" }, { reason: "typo" }]);
    const flags = await running.replyOf(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck flags"));
    expect(embedText(flags)).toContain(`capitals ${quiz?.cardId} · 2 reports`);
    const refused = replyData(await running.response(fake.sendCommand(BO.id, QUIZ_CHANNEL, "deck flags")));
    expect(embedText(refused)).toContain("Only admins can do that.");
  });
});
