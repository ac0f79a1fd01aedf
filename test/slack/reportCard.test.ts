import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { useTempDir } from "../kit/tempDir.js";
import { findButton, type SlackBlock } from "./fake/model.js";
import {
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";

describe("Slack: Report card, from a closed quiz to the admins' deck flags", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("opens a modal with views.open, validates the view_submission and stores the reason once per member", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    await fake.waitForCall("chat.update");

    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, "Report card");
    const opened = await fake.waitForCall("views.open");
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
});
