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
    expect(quizNowOptions.map((option) => option.name)).toEqual(["deck", "mode", "window"]);
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
});
