import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
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
  QUIZ_CHANNEL,
  replyData,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Discord: a quiz answered with buttons, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("registers its slash commands in the server, admin ones limited to Manage Server", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    expect(fake.callsTo("PUT", "/applications/:app/guilds/:guild/commands")).toHaveLength(1);
    const commands = new Map(fake.guildCommands.map((command) => [command.name, command]));
    expect([...commands.keys()].sort()).toEqual([
      "Make a flashcard",
      "deck",
      "digest",
      "drill",
      "flag",
      "help",
      "leaderboard",
      "me",
      "quiz",
      "report",
      "schedule",
      "settings",
      "stats",
    ]);
    expect(commands.get("schedule")?.default_member_permissions).toBe("32");
    expect(commands.get("report")?.default_member_permissions).toBe("32");
    expect(commands.get("report")?.options?.map((option) => option.name)).toEqual(["show", "export"]);
    expect(commands.get("digest")?.default_member_permissions).toBe("32");
    expect(commands.get("settings")?.default_member_permissions).toBe("32");
    expect(commands.get("quiz")?.default_member_permissions).toBeNull();
    const quizNow = commands.get("quiz")?.options?.find((option) => option.name === "now");
    expect(quizNow?.type).toBe(ApplicationCommandOptionType.Subcommand);
    const quizNowOptions = quizNow && "options" in quizNow ? (quizNow.options ?? []) : [];
    expect(quizNowOptions.map((option) => option.name)).toEqual(["deck", "mode", "window", "thread"]);
    expect(quizNowOptions.find((option) => option.name === "deck")).toMatchObject({ autocomplete: true });
    expect(fake.unknownRoutes).toEqual([]);
  });

  it("posts a question, acknowledges each click privately within Discord's window, and edits in the results at close", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, store } = scenario;

    const quizNow = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { deck: "capitals", window: "30m" });
    const posted = replyData(await scenario.response(quizNow));
    expect(posted?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(posted)).toContain("Quiz #1 is up in this channel.");

    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    if (!message) throw new Error("no quiz message");
    expect(embedOf(message).title).toBe("Quiz #1 · Capitals (capitals)");
    expect(embedOf(message).footer?.text).toMatch(/^Closes at 09:30 UTC/);
    const buttons = buttonsOf(message);
    expect(buttons.map((button) => button.label[0])).toEqual(["A", "B", "C", "D"]);
    expect(buttons.every((button) => !button.disabled)).toBe(true);
    const quiz = store.quizzes.get(1);
    expect(quiz?.messageId).toBe(message.id);
    const right = quiz?.correctIndex ?? 0;
    const wrong = (right + 1) % 4;
    const customId = (index: number) => buttons[index]?.customId ?? "";

    const boFirst = fake.click(BO.id, message.id, customId(right));
    const cyClick = fake.click(CY.id, message.id, customId(wrong));
    const boAgain = fake.click(BO.id, message.id, customId(wrong));
    const letter = "ABCD"[right];
    expect(embedText(replyData(await scenario.response(boFirst)))).toContain(`Locked in: ${letter}`);
    expect(embedText(replyData(await scenario.response(boFirst)))).toContain("**Right!** +15 points.");
    expect(embedText(replyData(await scenario.response(cyClick)))).toContain("**Not this one.**");
    expect(embedText(replyData(await scenario.response(boAgain)))).toContain(`Already answered ${letter}`);
    for (const record of [boFirst, cyClick, boAgain]) {
      const [callback] = record.callbacks;
      expect(callback?.response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      expect(replyData(callback?.response as never)?.flags).toBe(MessageFlags.Ephemeral);
      expect(callback?.afterMs).toBeLessThan(3000);
    }
    expect(message.editedAt).toBeUndefined();

    const close = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close");
    expect(embedText(replyData(await scenario.response(close)))).toContain("Quiz #1 is closed");
    const results = await eventually(() => (message.editedAt ? message : undefined), "the results edit");
    const text = embedText(results);
    expect(embedOf(results).title).toBe("Quiz #1 · closed · Capitals (capitals)");
    expect(text).toContain("Answers: 1 of 2 right (50%)");
    expect(text).toContain(`First right: <@${BO.id}>`);
    expect(text).toContain("✅ · 1");
    const [report, ...answers] = buttonsOf(results).reverse();
    expect(answers.every((button) => button.disabled)).toBe(true);
    expect(report).toMatchObject({ label: "Report card", disabled: false });
    expect(buttonsOf(results)[right]?.style).toBe(3);
    expect(results.allowedMentions).toMatchObject({ parse: [] });

    const late = fake.click(DEE.id, message.id, customId(right));
    const lateReply = replyData(await scenario.response(late));
    expect(lateReply?.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(lateReply)).toContain("This quiz is closed");
    expect(store.answers.forQuiz(1)).toHaveLength(2);
    expect(fake.unknownRoutes).toEqual([]);
  });

  it("Report card on the results opens a modal, stores the reason once per member and refuses forgeries", async () => {
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
